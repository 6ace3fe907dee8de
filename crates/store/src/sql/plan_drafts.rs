//! Plan drafts (migration 0016): a document read in the browser, edited on the review page
//! and committed as a plan in the import's own transaction, or discarded. Every write is
//! the Board's or an admin's, checked and audited inside its transaction.

use super::import::{find_duplicate, import_in, not_a_plan, prepare};
use super::tx::{Versioned, audit, board_or_admin, bump_version, json};
use super::{Conn, Pool, R, begin_write};
use crate::draft_model::{FundingLine, NewPlanDraft, PlanDraft, PlanDraftLine};
use crate::model::{AuditEntry, ImportOutcome};
use crate::{Ctx, StoreError};
use domain::{Actor, UserId};
use vanban::ParsedPlan;

const COLS: &str = "id, created_by, created_at, updated_at, version, source_name, \
                    source_sha256, source_text, parsed_json, funding_json";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    created_by: i64,
    created_at: i64,
    updated_at: i64,
    version: i64,
    source_name: String,
    source_sha256: String,
    source_text: String,
    parsed_json: String,
    funding_json: String,
}

impl TryFrom<Row> for PlanDraft {
    type Error = StoreError;
    fn try_from(r: Row) -> R<PlanDraft> {
        Ok(PlanDraft {
            parsed: serde_json::from_str(&r.parsed_json)?,
            funding: serde_json::from_str(&r.funding_json)?,
            id: r.id,
            created_by: UserId(r.created_by),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
            source_name: r.source_name,
            source_sha256: r.source_sha256,
            source_text: r.source_text,
        })
    }
}

async fn load(conn: &mut Conn, id: i64) -> R<Option<PlanDraft>> {
    let row = sqlx::query_as::<_, Row>(sql!("SELECT {COLS} FROM plan_drafts WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(PlanDraft::try_from).transpose()
}

pub(super) async fn must(conn: &mut Conn, id: i64) -> R<PlanDraft> {
    load(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("plan draft {id}")))
}

/// What the audit keeps of a draft: not its text, which can be long.
pub(super) fn summary(d: &PlanDraft) -> serde_json::Value {
    json(&serde_json::json!({
        "source_name": d.source_name,
        "source_sha256": d.source_sha256,
        "title": d.parsed.document.title,
        "number": d.parsed.document.number,
        "symbol": d.parsed.document.symbol,
        "items": d.parsed.all_items().count(),
        "funding": d.funding,
    }))
}

/// An audit entry about draft `id`, by `actor`.
pub(super) fn draft_entry(actor: &Actor, action: &'static str, id: i64) -> AuditEntry {
    AuditEntry::new(Some(actor.user_id), action, "plan_draft", Some(id))
}

pub(super) fn stale(d: &PlanDraft, attempted: i64) -> StoreError {
    StoreError::Conflict {
        entity: "plan_draft",
        id: d.id,
        conflict: domain::Conflict {
            current: d.version,
            attempted,
        },
        current: summary(d),
    }
}

pub(crate) async fn create(
    pool: &Pool,
    ctx: &Ctx,
    new: &NewPlanDraft<'_>,
    actor: &Actor,
) -> R<PlanDraft> {
    let now = ctx.now();
    board_or_admin(actor, "import a plan")?;
    if !new.parsed.is_plan() {
        return Err(not_a_plan(new.parsed));
    }
    let parsed = serde_json::to_string(new.parsed)?;
    let funding = serde_json::to_string(new.funding)?;
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_drafts (created_by, created_at, updated_at, source_name, \
         source_sha256, source_text, parsed_json, funding_json) \
         VALUES ($1, $2, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(actor.user_id.0)
    .bind(now)
    .bind(new.source_name)
    .bind(new.source_sha256)
    .bind(new.source_text)
    .bind(&parsed)
    .bind(&funding)
    .fetch_one(&mut *tx)
    .await?;
    let draft = must(&mut tx, id).await?;
    let entry = draft_entry(actor, "plan_draft.create", id).after(summary(&draft));
    audit(&mut tx, now, &entry).await?;
    tx.commit().await?;
    Ok(draft)
}

pub(crate) async fn get(pool: &Pool, id: i64) -> R<Option<PlanDraft>> {
    let mut conn = pool.read.acquire().await?;
    load(&mut conn, id).await
}

/// The plan already stored that the draft would duplicate (the same file, the same
/// reading, or the same issuer, number, symbol and title), if any.
pub(crate) async fn duplicate_of(pool: &Pool, d: &PlanDraft) -> R<Option<domain::PlanId>> {
    let prepared = prepare(&d.parsed)?;
    let mut conn = pool.read.acquire().await?;
    find_duplicate(&mut conn, &prepared, &d.source_sha256).await
}

/// The drafts waiting, the last edited first (at most 100: drafts are few, and each is
/// read whole for its title).
pub(crate) async fn list(pool: &Pool) -> R<Vec<PlanDraftLine>> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT d.id, d.source_name, d.parsed_json, u.display_name, d.updated_at \
         FROM plan_drafts d JOIN users u ON u.id = d.created_by \
         ORDER BY d.updated_at DESC, d.id DESC LIMIT 100",
    )
    .fetch_all(&pool.read)
    .await?;
    rows.into_iter()
        .map(|(id, source_name, parsed, name, updated_at)| {
            let parsed: ParsedPlan = serde_json::from_str(&parsed)?;
            Ok(PlanDraftLine {
                id,
                source_name,
                title: parsed.document.title,
                created_by_name: name,
                updated_at,
            })
        })
        .collect()
}

/// Saves the reading and its funding lines as edited on the review page, over version
/// `expected`.
pub(crate) async fn save(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    expected: i64,
    (parsed, funding): (&ParsedPlan, &[FundingLine]),
    actor: &Actor,
) -> R<PlanDraft> {
    let now = ctx.now();
    board_or_admin(actor, "edit a plan draft")?;
    let mut tx = begin_write(pool).await?;
    let before = must(&mut tx, id).await?;
    if before.version != expected
        || !bump_version(&mut tx, now, Versioned::PlanDraft, id, expected).await?
    {
        return Err(stale(&before, expected));
    }
    sqlx::query("UPDATE plan_drafts SET parsed_json = $1, funding_json = $2 WHERE id = $3")
        .bind(serde_json::to_string(parsed)?)
        .bind(serde_json::to_string(funding)?)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let after = must(&mut tx, id).await?;
    let entry = draft_entry(actor, "plan_draft.edit", id)
        .before(summary(&before))
        .after(summary(&after));
    audit(&mut tx, now, &entry).await?;
    tx.commit().await?;
    Ok(after)
}

/// Imports the draft at version `expected` as a plan and removes it, in one transaction.
/// A plan already stored (the same document or the same plan) keeps the draft and says
/// which plan it is.
pub(crate) async fn commit(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    expected: i64,
    actor: &Actor,
) -> R<ImportOutcome> {
    let now = ctx.now();
    board_or_admin(actor, "import a plan")?;
    let mut tx = begin_write(pool).await?;
    let draft = must(&mut tx, id).await?;
    if draft.version != expected {
        return Err(stale(&draft, expected));
    }
    let prepared = prepare(&draft.parsed)?;
    let (name, sha) = (&draft.source_name, &draft.source_sha256);
    let outcome = import_in(
        &mut tx,
        ctx,
        (&draft.parsed, &draft.funding),
        &prepared,
        name,
        sha,
        Some(actor.user_id),
    )
    .await?;
    if let ImportOutcome::Imported(plan) = outcome {
        sqlx::query("DELETE FROM plan_drafts WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let entry = draft_entry(actor, "plan_draft.commit", id)
            .before(summary(&draft))
            .after(serde_json::json!({ "plan_id": plan.0 }));
        audit(&mut tx, now, &entry).await?;
        tx.commit().await?;
    }
    Ok(outcome)
}

/// Discards a draft; `false` when it was already gone (a second click).
pub(crate) async fn delete(pool: &Pool, ctx: &Ctx, id: i64, actor: &Actor) -> R<bool> {
    let now = ctx.now();
    board_or_admin(actor, "discard a plan draft")?;
    let mut tx = begin_write(pool).await?;
    let Some(draft) = load(&mut tx, id).await? else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM plan_drafts WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let entry = draft_entry(actor, "plan_draft.delete", id).before(summary(&draft));
    audit(&mut tx, now, &entry).await?;
    tx.commit().await?;
    Ok(true)
}

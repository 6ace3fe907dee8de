//! The public site (issue 18): proposing, editing and moving publications, each in one
//! transaction with its audit. Reads are in `public_read.rs`; spaces in `spaces.rs`.

use super::events::nfc;
use super::public_read::{must_publication, subject_state};
use super::tx::{audit, json};
use super::{Conn, Pool, R, begin_write};
use crate::publishing_model::*;
use crate::{Ctx, StoreError};
use domain::Actor;
use domain::publishing::{
    self as publishing, PublicKind, PublicationId, PublicationState, PublishError,
};

const MAX_TITLE: usize = 300;
const MAX_SUMMARY: usize = 3_000;

/// The input's texts as stored, checked.
fn checked(input: &PublicationInput) -> R<PublicationInput> {
    let mut out = input.clone();
    for s in [
        &mut out.title,
        &mut out.title_en,
        &mut out.summary,
        &mut out.summary_en,
    ] {
        *s = nfc(s);
    }
    if out.title.is_empty() {
        return Err(PublishError::TitleRequired.into());
    }
    for (s, max) in [
        (&out.title, MAX_TITLE),
        (&out.title_en, MAX_TITLE),
        (&out.summary, MAX_SUMMARY),
        (&out.summary_en, MAX_SUMMARY),
    ] {
        if s.chars().count() > max {
            return Err(PublishError::TooLong { max }.into());
        }
    }
    if input.kind != PublicKind::PlanSummary {
        out.targets.clear();
    }
    Ok(out)
}

/// A plan summary's targets are the plan's own.
async fn check_targets(conn: &mut Conn, input: &PublicationInput) -> R<()> {
    for t in &input.targets {
        let plan: Option<i64> = sqlx::query_scalar(
            "SELECT i.plan_id FROM targets t JOIN items i ON i.id = t.item_id WHERE t.id = $1",
        )
        .bind(t)
        .fetch_optional(&mut *conn)
        .await?;
        if plan != Some(input.subject_id) {
            return Err(PublishError::UnknownSubject { kind: input.kind }.into());
        }
    }
    Ok(())
}

async fn write_fields(conn: &mut Conn, id: PublicationId, p: &PublicationInput) -> R<()> {
    sqlx::query(
        "UPDATE publications SET title = $1, title_en = $2, summary = $3, summary_en = $4,
             embargo_until = $5 WHERE id = $6",
    )
    .bind(&p.title)
    .bind(&p.title_en)
    .bind(&p.summary)
    .bind(&p.summary_en)
    .bind(p.embargo_until)
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM publication_targets WHERE publication_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    for (pos, t) in p.targets.iter().enumerate() {
        sqlx::query(
            "INSERT INTO publication_targets (publication_id, target_id, position)
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(id.0)
        .bind(t)
        .bind(pos as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

fn forbidden(action: &'static str) -> StoreError {
    PublishError::Forbidden { action }.into()
}

pub(crate) async fn propose_publication(
    pool: &Pool,
    ctx: &Ctx,
    input: &PublicationInput,
    actor: &Actor,
) -> R<PublicationId> {
    let now = ctx.now();
    if !publishing::can_propose(actor) {
        return Err(forbidden("propose a publication"));
    }
    let input = checked(input)?;
    let mut tx = begin_write(pool).await?;
    if subject_state(&mut tx, input.kind, input.subject_id)
        .await?
        .is_none()
    {
        return Err(PublishError::UnknownSubject { kind: input.kind }.into());
    }
    check_targets(&mut tx, &input).await?;
    let taken: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM publications WHERE kind = $1 AND subject_id = $2")
            .bind(input.kind.as_str())
            .bind(input.subject_id)
            .fetch_one(&mut *tx)
            .await?;
    if taken > 0 {
        return Err(PublishError::AlreadyProposed { kind: input.kind }.into());
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO publications (kind, subject_id, title, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(input.kind.as_str())
    .bind(input.subject_id)
    .bind(&input.title)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let id = PublicationId(id);
    write_fields(&mut tx, id, &input).await?;
    let after = must_publication(&mut tx, id).await?;
    let entry = crate::AuditEntry::new(
        Some(actor.user_id),
        "publication.create",
        "publication",
        Some(id.0),
    );
    audit(&mut tx, now, &entry.after(json(&after))).await?;
    tx.commit().await?;
    Ok(id)
}

/// The publication at `expected`, its version bumped; else the conflict showing it now.
async fn at_version(conn: &mut Conn, at: i64, id: PublicationId, expected: i64) -> R<Publication> {
    let p = must_publication(conn, id).await?;
    let bumped = sqlx::query(
        "UPDATE publications SET version = version + 1, updated_at = $1
         WHERE id = $2 AND version = $3",
    )
    .bind(at)
    .bind(id.0)
    .bind(expected)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if p.version != expected || bumped == 0 {
        let cur = must_publication(conn, id).await?;
        return Err(StoreError::Conflict {
            entity: "publication",
            id: id.0,
            conflict: domain::Conflict {
                current: cur.version,
                attempted: expected,
            },
            current: json(&cur),
        });
    }
    Ok(p)
}

/// Edits a publication's texts, embargo and targets. A draft or withdrawn one is its
/// proposers' (the department's people); one in review or published is the reviewers'
/// (Office, Board), so that what the public sees changes only through them.
pub(crate) async fn update_publication(
    pool: &Pool,
    ctx: &Ctx,
    id: PublicationId,
    expected: i64,
    input: &PublicationInput,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let input = checked(input)?;
    let mut tx = begin_write(pool).await?;
    let before = at_version(&mut tx, now, id, expected).await?;
    let allowed = match before.state {
        PublicationState::Draft | PublicationState::Withdrawn => publishing::can_propose(actor),
        PublicationState::Review | PublicationState::Published => publishing::can_publish(actor),
    };
    if !allowed {
        return Err(forbidden("edit the publication"));
    }
    let input = PublicationInput {
        kind: before.kind,
        subject_id: before.subject_id,
        ..input
    };
    check_targets(&mut tx, &input).await?;
    write_fields(&mut tx, id, &input).await?;
    let after = must_publication(&mut tx, id).await?;
    let entry = crate::AuditEntry::new(
        Some(actor.user_id),
        "publication.update",
        "publication",
        Some(id.0),
    );
    audit(
        &mut tx,
        now,
        &entry.before(json(&before)).after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after.version)
}

/// Moves a publication (`publishing::check_publication_move`). Publishing needs a
/// subject the public may see: a media work published, an event not cancelled.
pub(crate) async fn move_publication(
    pool: &Pool,
    ctx: &Ctx,
    id: PublicationId,
    expected: i64,
    to: PublicationState,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = at_version(&mut tx, now, id, expected).await?;
    publishing::check_publication_move(actor, before.state, to)?;
    if to == PublicationState::Published {
        let ready = subject_state(&mut tx, before.kind, before.subject_id).await?;
        if ready != Some(true) {
            return Err(PublishError::NotReady { kind: before.kind }.into());
        }
    }
    let published_at = if to == PublicationState::Published {
        Some(now)
    } else {
        before.published_at
    };
    sqlx::query("UPDATE publications SET state = $1, published_at = $2 WHERE id = $3")
        .bind(to.as_str())
        .bind(published_at)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let after = must_publication(&mut tx, id).await?;
    let entry = crate::AuditEntry::new(
        Some(actor.user_id),
        "publication.move",
        "publication",
        Some(id.0),
    );
    audit(
        &mut tx,
        now,
        &entry.before(json(&before)).after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after.version)
}

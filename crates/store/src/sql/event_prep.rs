//! Preparing an event: its checklist, documents and follow-up items.

use super::events::{editable_event, editable_event_row, nfc};
use super::tx::{audit, date_text, json, parse_date};
use super::{Pool, R, begin_write};
use crate::NewItem;
use crate::events_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::events::ChecklistKind;
use domain::{Actor, EventId, ItemId, UserId};

#[allow(clippy::too_many_arguments)]
pub(crate) async fn add_checklist_entry(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    kind: ChecklistKind,
    title: &str,
    owner: &str,
    due: Option<chrono::NaiveDate>,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    let (title, owner) = (nfc(title), nfc(owner));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO checklist_entries (event_id, kind, title, owner, due_date, done, created_at)
         VALUES ($1, $2, $3, $4, $5, FALSE, $6) RETURNING id",
    )
    .bind(event.0)
    .bind(kind.as_str())
    .bind(&title)
    .bind(&owner)
    .bind(date_text(due))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(&mut tx, now, &AuditEntry::new(Some(actor.user_id), "event.checklist.add", "event", Some(event.0)).after(
            serde_json::json!({ "entry": id, "kind": kind, "title": title, "owner": owner, "due": due }),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn set_checklist_done(
    pool: &Pool,
    ctx: &Ctx,
    entry: i64,
    done: bool,
    actor: &Actor,
) -> R<EventId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let (event, old): (_, bool) = editable_event_row(
        &mut tx,
        "SELECT event_id, done FROM checklist_entries WHERE id = $1",
        "checklist entry",
        entry,
        actor,
    )
    .await?;
    sqlx::query("UPDATE checklist_entries SET done = $1 WHERE id = $2")
        .bind(done)
        .bind(entry)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "event.checklist.done",
            "event",
            Some(event.0),
        )
        .before(serde_json::json!({ "entry": entry, "done": old }))
        .after(serde_json::json!({ "entry": entry, "done": done })),
    )
    .await?;
    tx.commit().await?;
    Ok(event)
}

#[derive(sqlx::FromRow)]
struct ChecklistRow {
    id: i64,
    event_id: i64,
    kind: String,
    title: String,
    owner: String,
    due_date: Option<String>,
    done: bool,
}

pub(crate) async fn checklist(pool: &Pool, event: EventId) -> R<Vec<ChecklistEntry>> {
    let rows = sqlx::query_as::<_, ChecklistRow>(
        "SELECT id, event_id, kind, title, owner, due_date, done FROM checklist_entries
         WHERE event_id = $1 ORDER BY id",
    )
    .bind(event.0)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ChecklistEntry {
            id: r.id,
            event_id: EventId(r.event_id),
            kind: r.kind.parse().unwrap_or(ChecklistKind::Other),
            title: r.title,
            owner: r.owner,
            due: parse_date(r.due_date),
            done: r.done,
        })
        .collect())
}

pub(crate) const DOC_COLS: &str =
    "id, event_id, kind, sha256, size, mime, original_name, stored_path, uploaded_by, uploaded_at";

/// An event document as `DOC_COLS` selects it.
#[derive(sqlx::FromRow)]
struct DocRow {
    id: i64,
    event_id: i64,
    kind: String,
    sha256: String,
    size: i64,
    mime: String,
    original_name: String,
    stored_path: String,
    uploaded_by: Option<i64>,
    uploaded_at: i64,
}

impl From<DocRow> for EventDocument {
    fn from(r: DocRow) -> Self {
        EventDocument {
            id: r.id,
            event_id: EventId(r.event_id),
            kind: r.kind,
            sha256: r.sha256,
            size: r.size,
            mime: r.mime,
            original_name: r.original_name,
            stored_path: r.stored_path,
            uploaded_by: r.uploaded_by.map(UserId),
            uploaded_at: r.uploaded_at,
        }
    }
}

/// Records a file stored by `evidence_store` as a document of the event.
pub(crate) async fn add_event_document(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    stored: &crate::evidence_store::StoredFile,
    original_name: &str,
    kind: &str,
    actor: &Actor,
) -> R<EventDocument> {
    let now = ctx.now();
    let kind = match kind {
        "speech" | "slides" | "clip" | "photo" => kind,
        _ => "other",
    };
    let name: String = original_name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO event_documents (event_id, kind, sha256, size, mime, original_name,
             stored_path, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(event.0)
    .bind(kind)
    .bind(&stored.sha256)
    .bind(stored.size as i64)
    .bind(&stored.mime)
    .bind(nfc(&name))
    .bind(&stored.relative_path)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let doc: EventDocument =
        sqlx::query_as::<_, DocRow>(sql!("SELECT {DOC_COLS} FROM event_documents WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
            .into();
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "event.document.add",
            "event",
            Some(event.0),
        )
        .after(json(&doc)),
    )
    .await?;
    tx.commit().await?;
    Ok(doc)
}

pub(crate) async fn event_documents(pool: &Pool, event: EventId) -> R<Vec<EventDocument>> {
    Ok(sqlx::query_as::<_, DocRow>(sql!(
        "SELECT {DOC_COLS} FROM event_documents WHERE event_id = $1 ORDER BY id"
    ))
    .bind(event.0)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(EventDocument::from)
    .collect())
}

pub(crate) async fn event_document(pool: &Pool, id: i64) -> R<Option<EventDocument>> {
    Ok(
        sqlx::query_as::<_, DocRow>(sql!("SELECT {DOC_COLS} FROM event_documents WHERE id = $1"))
            .bind(id)
            .fetch_optional(&pool.read)
            .await?
            .map(EventDocument::from),
    )
}

pub(crate) async fn add_follow_up(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    text: &str,
    owner: &str,
    due: Option<chrono::NaiveDate>,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let text = nfc(text);
    if text.is_empty() {
        return Err(StoreError::Invalid("a follow-up needs text".into()));
    }
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO follow_ups (event_id, text, owner, due_date, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(event.0)
    .bind(&text)
    .bind(nfc(owner))
    .bind(date_text(due))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "event.follow_up.add",
            "event",
            Some(event.0),
        )
        .after(serde_json::json!({ "follow_up": id, "text": text, "due": due })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct FollowUpRow {
    id: i64,
    event_id: i64,
    text: String,
    owner: String,
    due_date: Option<String>,
    item_id: Option<i64>,
}

impl From<FollowUpRow> for FollowUp {
    fn from(r: FollowUpRow) -> Self {
        FollowUp {
            id: r.id,
            event_id: EventId(r.event_id),
            text: r.text,
            owner: r.owner,
            due: parse_date(r.due_date),
            item_id: r.item_id.map(ItemId),
        }
    }
}

pub(crate) async fn follow_ups(pool: &Pool, event: EventId) -> R<Vec<FollowUp>> {
    let rows = sqlx::query_as::<_, FollowUpRow>(
        "SELECT id, event_id, text, owner, due_date, item_id FROM follow_ups
         WHERE event_id = $1 ORDER BY id",
    )
    .bind(event.0)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows.into_iter().map(FollowUp::from).collect())
}

/// The follow-up with its event, for the "add to plan" step (checks the event editor).
pub(crate) async fn follow_up_for_edit(pool: &Pool, follow_up: i64, actor: &Actor) -> R<FollowUp> {
    let mut conn = pool.read.acquire().await?;
    let r = sqlx::query_as::<_, FollowUpRow>(
        "SELECT id, event_id, text, owner, due_date, item_id FROM follow_ups WHERE id = $1",
    )
    .bind(follow_up)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("follow-up {follow_up}")))?;
    let fu = FollowUp::from(r);
    editable_event(&mut conn, fu.event_id, actor).await?;
    Ok(fu)
}

/// Makes a follow-up a plan item and links the two, in one transaction: the follow-up's
/// row is locked first, so of two submits at once the second finds the first's item and
/// returns it instead of making another (issue 14, finding 7).
pub(crate) async fn follow_up_to_item(
    pool: &Pool,
    ctx: &Ctx,
    follow_up: i64,
    new: &NewItem,
    actor: &Actor,
) -> R<ItemId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    // A no-op write takes the row's lock on PostgreSQL (SQLite's BEGIN IMMEDIATE already
    // serialises writers).
    sqlx::query("UPDATE follow_ups SET item_id = item_id WHERE id = $1")
        .bind(follow_up)
        .execute(&mut *tx)
        .await?;
    let linked: Option<Option<i64>> =
        sqlx::query_scalar("SELECT item_id FROM follow_ups WHERE id = $1")
            .bind(follow_up)
            .fetch_optional(&mut *tx)
            .await?;
    match linked {
        None => return Err(StoreError::NotFound(format!("follow-up {follow_up}"))),
        Some(Some(item)) => return Ok(ItemId(item)),
        Some(None) => {}
    }
    let item = super::item_tree::add_item_in(&mut tx, now, new, actor).await?;
    sqlx::query("UPDATE follow_ups SET item_id = $1 WHERE id = $2")
        .bind(item.0)
        .bind(follow_up)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "follow_up.to_item",
            "follow_up",
            Some(follow_up),
        )
        .after(serde_json::json!({ "item": item })),
    )
    .await?;
    tx.commit().await?;
    Ok(item)
}

// ---- delegations ------------------------------------------------------------------------

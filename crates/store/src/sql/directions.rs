//! A plan's direction records (Công tác chỉ đạo, điều hành): add, edit, delete, attach a
//! file, and the list a page, an export or the results report reads. Every write is the
//! Board's or an admin's, checked inside its transaction and audited there.

use super::tx::{Versioned, audit_in, board_or_admin, bump_version, day_text, json};
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::oversight_model::{DirectionFile, DirectionRecord, NewDirectionFile};
use crate::{Ctx, StoreError};
use chrono::NaiveDate;
use domain::oversight::{DirectionInput, DirectionKind};
use domain::{Actor, DirectionFileId, DirectionId, PlanId, UserId};
use std::collections::HashMap;

const COLS: &str =
    "id, plan_id, kind, number, doc_date, summary, created_by, created_at, updated_at, version";

const FILE_COLS: &str = "f.id, f.direction_id, f.sha256, f.size, f.mime, f.original_name, \
                         f.stored_path, f.uploaded_by, f.uploaded_at";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    plan_id: i64,
    kind: String,
    number: Option<String>,
    doc_date: String,
    summary: String,
    created_by: Option<i64>,
    created_at: i64,
    updated_at: i64,
    version: i64,
}

impl TryFrom<Row> for DirectionRecord {
    type Error = StoreError;
    fn try_from(r: Row) -> R<DirectionRecord> {
        let kind: DirectionKind = r
            .kind
            .parse()
            .map_err(|_| StoreError::Invalid(format!("direction {}: kind {:?}", r.id, r.kind)))?;
        let date = NaiveDate::parse_from_str(&r.doc_date, "%Y-%m-%d").map_err(|_| {
            StoreError::Invalid(format!("direction {}: date {:?}", r.id, r.doc_date))
        })?;
        Ok(DirectionRecord {
            id: DirectionId(r.id),
            plan_id: PlanId(r.plan_id),
            kind,
            number: r.number,
            date,
            summary: r.summary,
            created_by: r.created_by.map(UserId),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
            files: Vec::new(),
        })
    }
}

#[derive(sqlx::FromRow)]
struct FileRow {
    id: i64,
    direction_id: i64,
    sha256: String,
    size: i64,
    mime: String,
    original_name: String,
    stored_path: String,
    uploaded_by: Option<i64>,
    uploaded_at: i64,
}

impl From<FileRow> for DirectionFile {
    fn from(r: FileRow) -> Self {
        DirectionFile {
            id: DirectionFileId(r.id),
            direction_id: DirectionId(r.direction_id),
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

async fn load(conn: &mut Conn, id: DirectionId) -> R<Option<DirectionRecord>> {
    let Some(row) = sqlx::query_as::<_, Row>(sql!("SELECT {COLS} FROM directions WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut d = DirectionRecord::try_from(row)?;
    d.files = sqlx::query_as::<_, FileRow>(sql!(
        "SELECT {FILE_COLS} FROM direction_files f WHERE f.direction_id = $1 ORDER BY f.id"
    ))
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(DirectionFile::from)
    .collect();
    Ok(Some(d))
}

async fn must(conn: &mut Conn, id: DirectionId) -> R<DirectionRecord> {
    load(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("direction {id}")))
}

fn stale(d: &DirectionRecord, attempted: i64, current: &DirectionRecord) -> StoreError {
    StoreError::Conflict {
        entity: "direction",
        id: d.id.0,
        conflict: domain::Conflict {
            current: current.version,
            attempted,
        },
        current: json(current),
    }
}

/// A file name as kept: no path, no control characters, at most 200 characters, NFC.
fn file_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    vanban::text::nfc(kept.trim())
}

async fn insert_file(
    conn: &mut Conn,
    at: i64,
    id: DirectionId,
    f: &NewDirectionFile,
    actor: &Actor,
) -> R<DirectionFile> {
    let file_id: i64 = sqlx::query_scalar(
        "INSERT INTO direction_files (direction_id, sha256, size, mime, original_name,
             stored_path, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(id.0)
    .bind(&f.stored.sha256)
    .bind(f.stored.size as i64)
    .bind(&f.stored.mime)
    .bind(file_name(&f.original_name))
    .bind(&f.stored.relative_path)
    .bind(actor.user_id.0)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    Ok(sqlx::query_as::<_, FileRow>(sql!(
        "SELECT {FILE_COLS} FROM direction_files f WHERE f.id = $1"
    ))
    .bind(file_id)
    .fetch_one(&mut *conn)
    .await?
    .into())
}

/// The same record already on the plan (same kind, date, number and trích yếu): a form
/// sent twice records it once.
async fn same_record(conn: &mut Conn, plan: PlanId, d: &DirectionInput) -> R<Option<DirectionId>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM directions WHERE plan_id = $1 AND kind = $2 AND doc_date = $3
             AND summary = $4 AND COALESCE(number, '') = $5
         ORDER BY id LIMIT 1",
    )
    .bind(plan.0)
    .bind(d.kind.as_str())
    .bind(day_text(d.date))
    .bind(&d.summary)
    .bind(d.number.as_deref().unwrap_or(""))
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.map(DirectionId))
}

/// Records a direction with the files already stored, in one transaction.
pub(crate) async fn add_direction(
    pool: &Pool,
    ctx: &Ctx,
    plan: PlanId,
    d: &DirectionInput,
    files: &[NewDirectionFile],
    actor: &Actor,
) -> R<DirectionRecord> {
    let now = ctx.now();
    board_or_admin(actor, "record a direction")?;
    let mut tx = begin_write(pool).await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM plans WHERE id = $1")
        .bind(plan.0)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!("plan {plan}")));
    }
    if let Some(id) = same_record(&mut tx, plan, d).await? {
        return must(&mut tx, id).await;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO directions (plan_id, kind, number, doc_date, summary, created_by,
             created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1) RETURNING id",
    )
    .bind(plan.0)
    .bind(d.kind.as_str())
    .bind(d.number.as_deref())
    .bind(day_text(d.date))
    .bind(&d.summary)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let id = DirectionId(id);
    for f in files {
        insert_file(&mut tx, now, id, f, actor).await?;
    }
    let after = must(&mut tx, id).await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "direction.add",
        "direction",
        Some(id.0),
    )
    .after(json(&after));
    audit_in(&mut tx, now, &entry, plan, None).await?;
    tx.commit().await?;
    Ok(after)
}

/// Edits a record opened at version `expected`. The same fields sent again (a double
/// submit) change nothing and are no conflict.
pub(crate) async fn update_direction(
    pool: &Pool,
    ctx: &Ctx,
    id: DirectionId,
    expected: i64,
    d: &DirectionInput,
    actor: &Actor,
) -> R<DirectionRecord> {
    let now = ctx.now();
    board_or_admin(actor, "edit a direction")?;
    let mut tx = begin_write(pool).await?;
    let before = must(&mut tx, id).await?;
    if before.input() == *d {
        return Ok(before);
    }
    if before.version != expected
        || !bump_version(&mut tx, now, Versioned::Direction, id.0, expected).await?
    {
        return Err(stale(&before, expected, &before));
    }
    sqlx::query(
        "UPDATE directions SET kind = $1, number = $2, doc_date = $3, summary = $4 WHERE id = $5",
    )
    .bind(d.kind.as_str())
    .bind(d.number.as_deref())
    .bind(day_text(d.date))
    .bind(&d.summary)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    let after = must(&mut tx, id).await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "direction.update",
        "direction",
        Some(id.0),
    )
    .before(json(&before))
    .after(json(&after));
    audit_in(&mut tx, now, &entry, before.plan_id, None).await?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes a record opened at version `expected`, with its file links (the files stay in
/// the evidence store). `None` when it is already gone (a second click).
pub(crate) async fn delete_direction(
    pool: &Pool,
    ctx: &Ctx,
    id: DirectionId,
    expected: i64,
    actor: &Actor,
) -> R<Option<PlanId>> {
    let now = ctx.now();
    board_or_admin(actor, "delete a direction")?;
    let mut tx = begin_write(pool).await?;
    let Some(before) = load(&mut tx, id).await? else {
        return Ok(None);
    };
    if before.version != expected {
        return Err(stale(&before, expected, &before));
    }
    sqlx::query("DELETE FROM directions WHERE id = $1 AND version = $2")
        .bind(id.0)
        .bind(expected)
        .execute(&mut *tx)
        .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "direction.delete",
        "direction",
        Some(id.0),
    )
    .before(json(&before));
    audit_in(&mut tx, now, &entry, before.plan_id, None).await?;
    tx.commit().await?;
    Ok(Some(before.plan_id))
}

/// Attaches a stored file to a record; the same file twice is attached once.
pub(crate) async fn attach_direction_file(
    pool: &Pool,
    ctx: &Ctx,
    id: DirectionId,
    file: &NewDirectionFile,
    actor: &Actor,
) -> R<DirectionFile> {
    let now = ctx.now();
    board_or_admin(actor, "attach a file to a direction")?;
    let mut tx = begin_write(pool).await?;
    let before = must(&mut tx, id).await?;
    if let Some(f) = before.files.iter().find(|f| f.sha256 == file.stored.sha256) {
        return Ok(f.clone());
    }
    let added = insert_file(&mut tx, now, id, file, actor).await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "direction.file.add",
        "direction",
        Some(id.0),
    )
    .after(json(&added));
    audit_in(&mut tx, now, &entry, before.plan_id, None).await?;
    tx.commit().await?;
    Ok(added)
}

/// A plan's records, newest first (by date, then as recorded); only those dated within
/// `within` (inclusive) when it is given.
pub(crate) async fn plan_directions(
    pool: &Pool,
    plan: PlanId,
    within: Option<(NaiveDate, NaiveDate)>,
) -> R<Vec<DirectionRecord>> {
    let (from, to) = match within {
        Some((a, b)) => (day_text(a), day_text(b)),
        None => ("0000-01-01".to_string(), "9999-12-31".to_string()),
    };
    let rows = sqlx::query_as::<_, Row>(sql!(
        "SELECT {COLS} FROM directions WHERE plan_id = $1 AND doc_date >= $2 AND doc_date <= $3
         ORDER BY doc_date DESC, id DESC"
    ))
    .bind(plan.0)
    .bind(&from)
    .bind(&to)
    .fetch_all(&pool.read)
    .await?;
    let files = sqlx::query_as::<_, FileRow>(sql!(
        "SELECT {FILE_COLS} FROM direction_files f JOIN directions d ON d.id = f.direction_id
         WHERE d.plan_id = $1 AND d.doc_date >= $2 AND d.doc_date <= $3 ORDER BY f.id"
    ))
    .bind(plan.0)
    .bind(&from)
    .bind(&to)
    .fetch_all(&pool.read)
    .await?;
    let mut by_direction: HashMap<i64, Vec<DirectionFile>> = HashMap::new();
    for f in files {
        by_direction
            .entry(f.direction_id)
            .or_default()
            .push(f.into());
    }
    rows.into_iter()
        .map(|r| {
            let mut d = DirectionRecord::try_from(r)?;
            d.files = by_direction.remove(&d.id.0).unwrap_or_default();
            Ok(d)
        })
        .collect()
}

pub(crate) async fn direction(pool: &Pool, id: DirectionId) -> R<Option<DirectionRecord>> {
    let mut conn = pool.read.acquire().await?;
    load(&mut conn, id).await
}

pub(crate) async fn direction_file(pool: &Pool, id: DirectionFileId) -> R<Option<DirectionFile>> {
    Ok(sqlx::query_as::<_, FileRow>(sql!(
        "SELECT {FILE_COLS} FROM direction_files f WHERE f.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&pool.read)
    .await?
    .map(DirectionFile::from))
}

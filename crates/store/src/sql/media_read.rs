//! Media works (issue 18): reading works, their stage plans and files, and lists.

use super::{Conn, Pool, R};
use crate::StoreError;
use crate::media_model::*;
use domain::media::{Duration, MediaFileId, MediaWorkId};
use domain::{EventId, ItemId, PlanId, UnitId, UserId};
use sqlx::QueryBuilder;

/// The work's columns with the names of what it links to.
const WORK_SELECT: &str = "SELECT w.id, w.kind, w.title, w.title_en, w.summary, w.summary_en,
        w.stage, w.unit_id, un.name AS unit_name, w.item_id, it.title AS item_title,
        it.plan_id, w.event_id, ev.title AS event_title, w.contract_id,
        c.subject AS contract_subject, w.duration_seconds, w.pages, w.languages, w.print_run,
        w.format, w.published_on, w.version, w.created_at, w.updated_at
    FROM media_works w
    JOIN units un ON un.id = w.unit_id
    LEFT JOIN items it ON it.id = w.item_id
    LEFT JOIN events ev ON ev.id = w.event_id
    LEFT JOIN contracts c ON c.id = w.contract_id";

#[derive(sqlx::FromRow)]
struct WorkRow {
    id: i64,
    kind: String,
    title: String,
    title_en: String,
    summary: String,
    summary_en: String,
    stage: String,
    unit_id: i64,
    unit_name: String,
    item_id: Option<i64>,
    item_title: Option<String>,
    plan_id: Option<i64>,
    event_id: Option<i64>,
    event_title: Option<String>,
    contract_id: Option<i64>,
    contract_subject: Option<String>,
    duration_seconds: Option<i64>,
    pages: Option<i64>,
    languages: String,
    print_run: Option<i64>,
    format: String,
    published_on: Option<String>,
    version: i64,
    created_at: i64,
    updated_at: i64,
}

fn bad(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

pub(crate) fn parse_day(text: Option<String>) -> R<Option<chrono::NaiveDate>> {
    text.map(|d| d.parse().map_err(bad)).transpose()
}

impl WorkRow {
    fn into_work(self) -> R<MediaWork> {
        Ok(MediaWork {
            id: MediaWorkId(self.id),
            kind: self.kind.parse().map_err(bad)?,
            title: self.title,
            title_en: self.title_en,
            summary: self.summary,
            summary_en: self.summary_en,
            stage: self.stage.parse().map_err(bad)?,
            unit: UnitId(self.unit_id),
            unit_name: self.unit_name,
            item: self.item_id.map(ItemId),
            item_title: self.item_title,
            plan_id: self.plan_id.map(PlanId),
            event: self.event_id.map(EventId),
            event_title: self.event_title,
            contract: self.contract_id,
            contract_label: self.contract_subject,
            duration: self.duration_seconds.and_then(Duration::from_seconds),
            pages: self.pages,
            languages: self.languages,
            print_run: self.print_run,
            format: self.format,
            published_on: parse_day(self.published_on)?,
            stage_plans: Vec::new(),
            files: Vec::new(),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct FileRow {
    id: i64,
    work_id: i64,
    stage: String,
    size: i64,
    mime: String,
    original_name: String,
    stored_path: String,
    thumb_path: Option<String>,
    screen_path: Option<String>,
    width: Option<i64>,
    height: Option<i64>,
    uploaded_by: Option<i64>,
    uploaded_at: i64,
}

const FILE_COLS: &str = "id, work_id, stage, size, mime, original_name, stored_path, \
    thumb_path, screen_path, width, height, uploaded_by, uploaded_at";

impl FileRow {
    fn into_file(self) -> R<MediaFile> {
        Ok(MediaFile {
            id: MediaFileId(self.id),
            work_id: MediaWorkId(self.work_id),
            stage: self.stage.parse().map_err(bad)?,
            size: self.size,
            mime: self.mime,
            original_name: self.original_name,
            stored_path: self.stored_path,
            thumb_path: self.thumb_path,
            screen_path: self.screen_path,
            width: self.width,
            height: self.height,
            uploaded_by: self.uploaded_by.map(UserId),
            uploaded_at: self.uploaded_at,
        })
    }
}

/// The work with its stage plans and files (3 queries).
pub(crate) async fn load_work(conn: &mut Conn, id: MediaWorkId) -> R<Option<MediaWork>> {
    let row: Option<WorkRow> = sqlx::query_as(sql!("{WORK_SELECT} WHERE w.id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let mut work = row.into_work()?;
    let plans: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT stage, owner, due_on FROM media_stage_plans WHERE work_id = $1")
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    for (stage, owner, due) in plans {
        work.stage_plans.push(StagePlan {
            stage: stage.parse().map_err(bad)?,
            owner,
            due: parse_day(due)?,
        });
    }
    work.stage_plans.sort_by_key(|p| p.stage);
    let files: Vec<FileRow> = sqlx::query_as(sql!(
        "SELECT {FILE_COLS} FROM media_files WHERE work_id = $1 ORDER BY id"
    ))
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    work.files = files
        .into_iter()
        .map(FileRow::into_file)
        .collect::<R<_>>()?;
    Ok(Some(work))
}

pub(crate) async fn must_work(conn: &mut Conn, id: MediaWorkId) -> R<MediaWork> {
    load_work(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("media work {id}")))
}

pub(crate) async fn media_work(pool: &Pool, id: MediaWorkId) -> R<Option<MediaWork>> {
    load_work(&mut *pool.read.acquire().await?, id).await
}

/// A file and the unit whose work it belongs to (for the download's permission check).
pub(crate) async fn media_file(pool: &Pool, id: MediaFileId) -> R<Option<(MediaFile, UnitId)>> {
    let row: Option<FileRow> =
        sqlx::query_as(sql!("SELECT {FILE_COLS} FROM media_files WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&pool.read)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let unit: i64 = sqlx::query_scalar("SELECT unit_id FROM media_works WHERE id = $1")
        .bind(row.work_id)
        .fetch_one(&pool.read)
        .await?;
    Ok(Some((row.into_file()?, UnitId(unit))))
}

/// Works by kind, newest first, without their stage plans and files.
pub(crate) async fn list_media_works(pool: &Pool, f: &MediaFilter) -> R<Vec<MediaWork>> {
    let mut q = QueryBuilder::new(WORK_SELECT);
    q.push(" WHERE 1 = 1");
    if let Some(k) = f.kind {
        q.push(" AND w.kind = ").push_bind(k.as_str());
    }
    if let Some(s) = f.stage {
        q.push(" AND w.stage = ").push_bind(s.as_str());
    }
    if let Some(u) = f.unit {
        q.push(" AND w.unit_id = ").push_bind(u.0);
    }
    if let Some(i) = f.item {
        q.push(" AND w.item_id = ").push_bind(i.0);
    }
    if let Some(p) = f.plan {
        q.push(" AND it.plan_id = ").push_bind(p.0);
    }
    if let Some(units) = &f.visible_units {
        q.push(" AND w.unit_id IN (-1");
        for u in units {
            q.push(", ").push_bind(u.0);
        }
        q.push(")");
    }
    q.push(" ORDER BY w.id DESC");
    let rows: Vec<WorkRow> = q.build_query_as().fetch_all(&pool.read).await?;
    rows.into_iter().map(WorkRow::into_work).collect()
}

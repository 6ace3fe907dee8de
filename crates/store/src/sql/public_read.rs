//! The public site (issue 18): reading publications, and the public's reads, which only
//! ever return what is published and past its embargo at the store's clock.

use super::spaces::load_space;
use super::{Conn, Pool, R};
use crate::publishing_model::*;
use crate::{Ctx, StoreError};
use domain::media::{Duration, MediaFileId, MediaStage, MediaWorkId};
use domain::publishing::{PublicKind, PublicationId, PublicationState};
use domain::{PlanId, UserId};

#[derive(sqlx::FromRow)]
struct PublicationRow {
    id: i64,
    kind: String,
    subject_id: i64,
    title: String,
    title_en: String,
    summary: String,
    summary_en: String,
    state: String,
    embargo_until: Option<i64>,
    published_at: Option<i64>,
    created_by: Option<i64>,
    version: i64,
    created_at: i64,
    updated_at: i64,
}

const COLS: &str = "id, kind, subject_id, title, title_en, summary, summary_en, state, \
    embargo_until, published_at, created_by, version, created_at, updated_at";

fn bad(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

impl PublicationRow {
    fn into_publication(self) -> R<Publication> {
        Ok(Publication {
            id: PublicationId(self.id),
            kind: self.kind.parse().map_err(bad)?,
            subject_id: self.subject_id,
            title: self.title,
            title_en: self.title_en,
            summary: self.summary,
            summary_en: self.summary_en,
            state: self.state.parse().map_err(bad)?,
            embargo_until: self.embargo_until,
            targets: Vec::new(),
            published_at: self.published_at,
            created_by: self.created_by.map(UserId),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

async fn with_targets(conn: &mut Conn, rows: Vec<PublicationRow>) -> R<Vec<Publication>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let mut p = r.into_publication()?;
        if p.kind == PublicKind::PlanSummary {
            p.targets = sqlx::query_scalar(
                "SELECT target_id FROM publication_targets WHERE publication_id = $1
                 ORDER BY position",
            )
            .bind(p.id.0)
            .fetch_all(&mut *conn)
            .await?;
        }
        out.push(p);
    }
    Ok(out)
}

pub(crate) async fn load_publication(conn: &mut Conn, id: PublicationId) -> R<Option<Publication>> {
    let rows: Vec<PublicationRow> =
        sqlx::query_as(sql!("SELECT {COLS} FROM publications WHERE id = $1"))
            .bind(id.0)
            .fetch_all(&mut *conn)
            .await?;
    Ok(with_targets(conn, rows).await?.pop())
}

pub(crate) async fn must_publication(conn: &mut Conn, id: PublicationId) -> R<Publication> {
    load_publication(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("publication {id}")))
}

pub(crate) async fn publication(pool: &Pool, id: PublicationId) -> R<Option<Publication>> {
    load_publication(&mut *pool.read.acquire().await?, id).await
}

pub(crate) async fn publication_of(
    pool: &Pool,
    kind: PublicKind,
    subject: i64,
) -> R<Option<Publication>> {
    let mut conn = pool.read.acquire().await?;
    let rows: Vec<PublicationRow> = sqlx::query_as(sql!(
        "SELECT {COLS} FROM publications WHERE kind = $1 AND subject_id = $2"
    ))
    .bind(kind.as_str())
    .bind(subject)
    .fetch_all(&mut *conn)
    .await?;
    Ok(with_targets(&mut conn, rows).await?.pop())
}

/// Publications in a state (all when None), latest change first.
pub(crate) async fn list_publications(
    pool: &Pool,
    state: Option<PublicationState>,
) -> R<Vec<Publication>> {
    let mut conn = pool.read.acquire().await?;
    let rows: Vec<PublicationRow> = sqlx::query_as(sql!(
        "SELECT {COLS} FROM publications WHERE ($1 = '' OR state = $1)
         ORDER BY updated_at DESC, id DESC"
    ))
    .bind(state.map_or("", |s| s.as_str()))
    .fetch_all(&mut *conn)
    .await?;
    with_targets(&mut conn, rows).await
}

/// Whether the subject exists (Some) and may be shown to the public (true): a media
/// work once published, an event not cancelled, any space, any plan.
pub(crate) async fn subject_state(conn: &mut Conn, kind: PublicKind, id: i64) -> R<Option<bool>> {
    let sql = match kind {
        PublicKind::MediaWork => "SELECT stage FROM media_works WHERE id = $1",
        PublicKind::Event => "SELECT status FROM events WHERE id = $1",
        PublicKind::Space => "SELECT 'ok' FROM spaces WHERE id = $1",
        PublicKind::PlanSummary => "SELECT 'ok' FROM plans WHERE id = $1",
    };
    let state: Option<String> = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(state.map(|s| match kind {
        PublicKind::MediaWork => s == MediaStage::Published.as_str(),
        PublicKind::Event => s != domain::EventStatus::Cancelled.as_str(),
        _ => true,
    }))
}

#[derive(sqlx::FromRow)]
struct PublicFileRow {
    id: i64,
    mime: String,
    size: i64,
    original_name: String,
    stored_path: String,
    thumb_path: Option<String>,
    screen_path: Option<String>,
    width: Option<i64>,
    height: Option<i64>,
}

impl From<PublicFileRow> for PublicFile {
    fn from(r: PublicFileRow) -> Self {
        PublicFile {
            id: MediaFileId(r.id),
            mime: r.mime,
            size: r.size,
            original_name: r.original_name,
            stored_path: r.stored_path,
            thumb_path: r.thumb_path,
            screen_path: r.screen_path,
            width: r.width,
            height: r.height,
        }
    }
}

const FILE_COLS: &str = "id, mime, size, original_name, stored_path, thumb_path, screen_path, \
    width, height";

/// The files of a work at its final stages (approved or published: the cut, the proof,
/// the photos), not its scripts and drafts.
async fn work_files(conn: &mut Conn, work: MediaWorkId) -> R<Vec<PublicFile>> {
    let rows: Vec<PublicFileRow> = sqlx::query_as(sql!(
        "SELECT {FILE_COLS} FROM media_files WHERE work_id = $1 AND stage IN ($2, $3)
         ORDER BY id"
    ))
    .bind(work.0)
    .bind(MediaStage::Approved.as_str())
    .bind(MediaStage::Published.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(PublicFile::from).collect())
}

#[derive(sqlx::FromRow)]
struct WorkFacts {
    kind: String,
    stage: String,
    duration_seconds: Option<i64>,
    pages: Option<i64>,
    languages: String,
    published_on: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EventFacts {
    kind: String,
    format: String,
    status: String,
    start_at: i64,
    end_at: i64,
    time_zone: String,
    venue: String,
}

/// What the public sees of a subject; None when it is no longer fit to show (a work
/// withdrawn, an event cancelled, a subject deleted). A plan summary's targets are
/// filled by the caller, from the figures every page shows.
async fn detail(conn: &mut Conn, p: &Publication) -> R<Option<PublicDetail>> {
    let id = p.subject_id;
    Ok(match p.kind {
        PublicKind::MediaWork => {
            let w: Option<WorkFacts> = sqlx::query_as(
                "SELECT kind, stage, duration_seconds, pages, languages, published_on
                 FROM media_works WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(w) = w.filter(|w| w.stage == MediaStage::Published.as_str()) else {
                return Ok(None);
            };
            Some(PublicDetail::MediaWork {
                kind: w.kind.parse().map_err(bad)?,
                duration: w.duration_seconds.and_then(Duration::from_seconds),
                pages: w.pages,
                languages: w.languages,
                published_on: super::media_read::parse_day(w.published_on)?,
                files: work_files(conn, MediaWorkId(id)).await?,
            })
        }
        PublicKind::Event => {
            let e: Option<EventFacts> = sqlx::query_as(
                "SELECT kind, format, status, start_at, end_at, time_zone, venue
                 FROM events WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(e) = e.filter(|e| e.status != domain::EventStatus::Cancelled.as_str()) else {
                return Ok(None);
            };
            Some(PublicDetail::Event {
                kind: e.kind.parse().map_err(bad)?,
                format: e.format.parse().map_err(bad)?,
                start_at: e.start_at,
                end_at: e.end_at,
                time_zone: e.time_zone,
                venue: e.venue,
            })
        }
        PublicKind::Space => {
            let Some(space) = load_space(conn, domain::publishing::SpaceId(id)).await? else {
                return Ok(None);
            };
            let photos = match space.photo_set {
                Some(w) => work_files(conn, w)
                    .await?
                    .into_iter()
                    .filter(|f| f.thumb_path.is_some())
                    .collect(),
                None => Vec::new(),
            };
            Some(PublicDetail::Space { space, photos })
        }
        PublicKind::PlanSummary => {
            let title: Option<String> = sqlx::query_scalar("SELECT title FROM plans WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            title.map(|plan_title| PublicDetail::PlanSummary {
                plan_id: PlanId(id),
                plan_title,
                targets: Vec::new(),
            })
        }
    })
}

/// Visible publications (of one kind, or all), newest first, with their details.
pub(crate) async fn public_entries(
    pool: &Pool,
    ctx: &Ctx,
    kind: Option<PublicKind>,
) -> R<Vec<PublicEntry>> {
    let mut conn = pool.read.acquire().await?;
    let rows: Vec<PublicationRow> = sqlx::query_as(sql!(
        "SELECT {COLS} FROM publications
         WHERE state = $1 AND (embargo_until IS NULL OR embargo_until <= $2)
             AND ($3 = '' OR kind = $3)
         ORDER BY published_at DESC, id DESC"
    ))
    .bind(PublicationState::Published.as_str())
    .bind(ctx.now())
    .bind(kind.map_or("", |k| k.as_str()))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for p in with_targets(&mut conn, rows).await? {
        if let Some(detail) = detail(&mut conn, &p).await? {
            out.push(PublicEntry {
                publication: p,
                detail,
            });
        }
    }
    Ok(out)
}

/// One visible publication.
pub(crate) async fn public_entry(
    pool: &Pool,
    ctx: &Ctx,
    id: PublicationId,
) -> R<Option<PublicEntry>> {
    let mut conn = pool.read.acquire().await?;
    let Some(p) = load_publication(&mut conn, id).await? else {
        return Ok(None);
    };
    if !domain::publishing::is_visible(p.state, p.embargo_until, ctx.now()) {
        return Ok(None);
    }
    Ok(detail(&mut conn, &p).await?.map(|detail| PublicEntry {
        publication: p,
        detail,
    }))
}

/// A file the public may fetch: one shown by a visible entry (a published work's final
/// files, a visible space's photos).
pub(crate) async fn public_file(pool: &Pool, ctx: &Ctx, id: MediaFileId) -> R<Option<PublicFile>> {
    let work: Option<i64> = sqlx::query_scalar("SELECT work_id FROM media_files WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&pool.read)
        .await?;
    let Some(work) = work else { return Ok(None) };
    // The publications that could show it: the work's own, and those of spaces whose
    // photos it holds.
    let candidates: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM publications WHERE kind = $1 AND subject_id = $2
         UNION ALL
         SELECT p.id FROM publications p JOIN spaces s ON s.id = p.subject_id
         WHERE p.kind = $3 AND s.photo_set_id = $2",
    )
    .bind(PublicKind::MediaWork.as_str())
    .bind(work)
    .bind(PublicKind::Space.as_str())
    .fetch_all(&pool.read)
    .await?;
    for p in candidates {
        let files = match public_entry(pool, ctx, PublicationId(p)).await? {
            Some(PublicEntry {
                detail: PublicDetail::MediaWork { files, .. },
                ..
            }) => files,
            Some(PublicEntry {
                detail: PublicDetail::Space { photos, .. },
                ..
            }) => photos,
            _ => continue,
        };
        if let Some(f) = files.into_iter().find(|f| f.id == id) {
            return Ok(Some(f));
        }
    }
    Ok(None)
}

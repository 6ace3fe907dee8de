//! Media works (issue 18): create, edit, stage moves and files, each in one transaction
//! with the work's countable record and the audit. Reads are in `media_read.rs`.

use super::events::nfc;
use super::items::{bump, finish_item_change, locked_item};
use super::media_read::must_work;
use super::targets::save_record_in;
use super::tx::{Versioned, audit, bump_version, date_text, json};
use super::{Conn, Pool, R, begin_write};
use crate::media_model::*;
use crate::model::{AuditEntry, Created, OnceKey};
use crate::tracking_model::CountableRecord;
use crate::{Ctx, StoreError};
use domain::media::{self, MediaError, MediaFileId, MediaStage, MediaWorkId, StageMove};
use domain::{Actor, ItemUnit, UnitRelation};

/// Longest title and summary kept.
const MAX_TITLE: usize = 500;
const MAX_TEXT: usize = 5_000;
const MAX_SHORT: usize = 200;

fn lead(work: &MediaWork) -> [ItemUnit; 1] {
    [ItemUnit {
        unit_id: work.unit,
        relation: UnitRelation::Lead,
    }]
}

/// The input's texts as stored (NFC, trimmed), checked for length; the title required.
fn checked(input: &MediaInput) -> R<MediaInput> {
    let mut out = input.clone();
    for s in [
        &mut out.title,
        &mut out.title_en,
        &mut out.summary,
        &mut out.summary_en,
        &mut out.languages,
        &mut out.format,
    ] {
        *s = nfc(s);
    }
    if out.title.is_empty() {
        return Err(MediaError::TitleRequired.into());
    }
    let limits = [
        (&out.title, MAX_TITLE),
        (&out.title_en, MAX_TITLE),
        (&out.summary, MAX_TEXT),
        (&out.summary_en, MAX_TEXT),
        (&out.languages, MAX_SHORT),
        (&out.format, MAX_SHORT),
    ];
    if let Some((_, max)) = limits.iter().find(|(s, max)| s.chars().count() > *max) {
        return Err(MediaError::TooLong { max: *max }.into());
    }
    for p in &mut out.stage_plans {
        p.owner = nfc(&p.owner);
        if p.owner.chars().count() > MAX_SHORT {
            return Err(MediaError::TooLong { max: MAX_SHORT }.into());
        }
    }
    Ok(out)
}

/// The plan item, event and contract named exist (else the form hears which is wrong
/// rather than a foreign-key failure).
async fn check_links(conn: &mut Conn, input: &MediaInput) -> R<()> {
    let checks = [
        (
            "SELECT COUNT(*) FROM items WHERE id = $1",
            input.item.map(|i| i.0),
        ),
        (
            "SELECT COUNT(*) FROM events WHERE id = $1",
            input.event.map(|e| e.0),
        ),
        (
            "SELECT COUNT(*) FROM contracts WHERE id = $1",
            input.contract,
        ),
        (
            "SELECT COUNT(*) FROM units WHERE id = $1",
            Some(input.unit.0),
        ),
    ];
    for (sql, id) in checks {
        if let Some(id) = id {
            let n: i64 = sqlx::query_scalar(sql)
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
            if n == 0 {
                return Err(MediaError::UnknownLink.into());
            }
        }
    }
    Ok(())
}

async fn write_fields(conn: &mut Conn, id: MediaWorkId, w: &MediaInput) -> R<()> {
    let folded = vanban::text::fold(&format!("{} {} {}", w.title, w.title_en, w.summary));
    sqlx::query(
        "UPDATE media_works SET kind = $1, title = $2, title_en = $3, summary = $4,
             summary_en = $5, unit_id = $6, item_id = $7, event_id = $8, contract_id = $9,
             duration_seconds = $10, pages = $11, languages = $12, print_run = $13,
             format = $14, search_folded = $15
         WHERE id = $16",
    )
    .bind(w.kind.as_str())
    .bind(&w.title)
    .bind(&w.title_en)
    .bind(&w.summary)
    .bind(&w.summary_en)
    .bind(w.unit.0)
    .bind(w.item.map(|i| i.0))
    .bind(w.event.map(|e| e.0))
    .bind(w.contract)
    .bind(w.duration.map(|d| d.seconds()))
    .bind(w.pages)
    .bind(&w.languages)
    .bind(w.print_run)
    .bind(&w.format)
    .bind(folded)
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM media_stage_plans WHERE work_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    for p in &w.stage_plans {
        if p.owner.is_empty() && p.due.is_none() {
            continue;
        }
        sqlx::query(
            "INSERT INTO media_stage_plans (work_id, stage, owner, due_on) VALUES ($1, $2, $3, $4)
             ON CONFLICT (work_id, stage) DO UPDATE SET owner = excluded.owner,
                 due_on = excluded.due_on",
        )
        .bind(id.0)
        .bind(p.stage.as_str())
        .bind(&p.owner)
        .bind(date_text(p.due))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The work's countable record, from its stored state: its kind, "published" once
/// published, its publication date, minutes and pages, and its item.
async fn save_work_record(conn: &mut Conn, at: i64, id: MediaWorkId) -> R<MediaWork> {
    let w = must_work(conn, id).await?;
    let numbers = media::record_numbers(w.duration, w.pages)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    save_record_in(
        conn,
        at,
        &CountableRecord {
            source_key: format!("media:{}", id.0),
            kind: w.kind.as_str().to_string(),
            status: media::record_status(w.stage).to_string(),
            date: w.published_on,
            title: w.title.clone(),
            numbers,
            items: w.item.into_iter().collect(),
        },
    )
    .await?;
    Ok(w)
}

pub(crate) async fn create_media_work(
    pool: &Pool,
    ctx: &Ctx,
    input: &MediaInput,
    once: Option<&OnceKey<'_>>,
    actor: &Actor,
) -> R<Created<MediaWorkId>> {
    let now = ctx.now();
    let input = checked(input)?;
    if !media::can_create_work(actor, input.unit) {
        return Err(MediaError::Forbidden {
            action: "record a work for this unit",
        }
        .into());
    }
    let mut tx = begin_write(pool).await?;
    if let Some(path) = super::once::claim_some(&mut tx, now, once, actor).await? {
        return Ok(Created::Earlier(path));
    }
    check_links(&mut tx, &input).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO media_works (kind, title, unit_id, created_at, created_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $4) RETURNING id",
    )
    .bind(input.kind.as_str())
    .bind(&input.title)
    .bind(input.unit.0)
    .bind(now)
    .bind(actor.user_id.0)
    .fetch_one(&mut *tx)
    .await?;
    let id = MediaWorkId(id);
    write_fields(&mut tx, id, &input).await?;
    let w = save_work_record(&mut tx, now, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "media.create",
            "media_work",
            Some(id.0),
        )
        .after(json(&w)),
    )
    .await?;
    super::once::fulfil_some(&mut tx, once, id.0).await?;
    tx.commit().await?;
    Ok(Created::New(id))
}

/// The work, checked editable by the actor and still at `expected`, its version bumped.
async fn editable_at(
    conn: &mut Conn,
    at: i64,
    id: MediaWorkId,
    expected: i64,
    actor: &Actor,
) -> R<MediaWork> {
    let w = must_work(conn, id).await?;
    if !media::can_edit_work(actor, &lead(&w)) {
        return Err(MediaError::Forbidden {
            action: "change the work",
        }
        .into());
    }
    let conflict = |current: i64, cur: &MediaWork| StoreError::Conflict {
        entity: "media_work",
        id: id.0,
        conflict: domain::Conflict {
            current,
            attempted: expected,
        },
        current: json(cur),
    };
    if w.version != expected
        || !bump_version(conn, at, Versioned::MediaWork, id.0, expected).await?
    {
        let cur = must_work(conn, id).await?;
        return Err(conflict(cur.version, &cur));
    }
    Ok(w)
}

/// Edits a work's fields, links and stage plans (its stage stays). Returns the new
/// version. Moving it to another unit takes the right to record for that unit too.
pub(crate) async fn update_media_work(
    pool: &Pool,
    ctx: &Ctx,
    id: MediaWorkId,
    expected: i64,
    input: &MediaInput,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let input = checked(input)?;
    let mut tx = begin_write(pool).await?;
    let before = editable_at(&mut tx, now, id, expected, actor).await?;
    if input.unit != before.unit && !media::can_create_work(actor, input.unit) {
        return Err(MediaError::Forbidden {
            action: "give the work to another unit",
        }
        .into());
    }
    check_links(&mut tx, &input).await?;
    write_fields(&mut tx, id, &input).await?;
    let after = save_work_record(&mut tx, now, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "media.update",
            "media_work",
            Some(id.0),
        )
        .before(json(&before))
        .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after.version)
}

/// Moves a work one stage (`domain::media::check_stage_move`); publishing records the
/// publication date. The countable record follows, and the work's item is put in
/// progress by the first stage past the brief (`status_after_stage`, audited as
/// automatic). Returns the new version.
pub(crate) async fn move_media_stage(
    pool: &Pool,
    ctx: &Ctx,
    id: MediaWorkId,
    expected: i64,
    to: MediaStage,
    published_on: Option<chrono::NaiveDate>,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    // Who, then which version, then the move, as for an item's status.
    let before = editable_at(&mut tx, now, id, expected, actor).await?;
    media::check_stage_move(
        actor,
        &lead(&before),
        &StageMove {
            from: before.stage,
            to,
            kind: before.kind,
            duration: before.duration,
            pages: before.pages,
            published_on,
            today: ctx.today(),
        },
    )?;
    let published_on = if to == MediaStage::Published {
        published_on
    } else {
        before.published_on
    };
    sqlx::query("UPDATE media_works SET stage = $1, published_on = $2 WHERE id = $3")
        .bind(to.as_str())
        .bind(date_text(published_on))
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let after = save_work_record(&mut tx, now, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "media.stage", "media_work", Some(id.0))
            .before(json(&before))
            .after(json(&after)),
    )
    .await?;
    if let Some(item) = after.item {
        let it = locked_item(&mut tx, item).await?;
        if let Some(status) = media::status_after_stage(it.status, to) {
            bump(&mut tx, now, &it).await?;
            sqlx::query("UPDATE items SET status = $1 WHERE id = $2")
                .bind(status.as_str())
                .bind(item.0)
                .execute(&mut *tx)
                .await?;
            finish_item_change(&mut tx, now, actor, "item.status.auto", &it).await?;
        }
    }
    tx.commit().await?;
    Ok(after.version)
}

/// Records files of a work's stage (already in the evidence store). Returns their ids.
pub(crate) async fn add_media_files(
    pool: &Pool,
    ctx: &Ctx,
    id: MediaWorkId,
    stage: MediaStage,
    files: &[NewMediaFile],
    actor: &Actor,
) -> R<Vec<MediaFileId>> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let w = must_work(&mut tx, id).await?;
    if !media::can_edit_work(actor, &lead(&w)) {
        return Err(MediaError::Forbidden {
            action: "add files to the work",
        }
        .into());
    }
    let mut ids = Vec::new();
    for f in files {
        let fid: i64 = sqlx::query_scalar(
            "INSERT INTO media_files (work_id, stage, sha256, size, mime, original_name,
                 stored_path, thumb_path, screen_path, width, height, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(id.0)
        .bind(stage.as_str())
        .bind(&f.file.sha256)
        .bind(f.file.size as i64)
        .bind(&f.file.mime)
        .bind(nfc(&f.original_name))
        .bind(&f.file.relative_path)
        .bind(f.thumb.as_ref().map(|t| &t.relative_path))
        .bind(f.screen.as_ref().map(|t| &t.relative_path))
        .bind(f.width)
        .bind(f.height)
        .bind(actor.user_id.0)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(MediaFileId(fid));
        let entry = AuditEntry::new(Some(actor.user_id), "media.file", "media_work", Some(id.0))
            .after(serde_json::json!({
                "file": fid, "stage": stage.as_str(), "name": f.original_name,
                "sha256": f.file.sha256, "size": f.file.size,
            }));
        audit(&mut tx, now, &entry).await?;
    }
    tx.commit().await?;
    Ok(ids)
}

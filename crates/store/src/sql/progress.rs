//! Progress reports (with their versions) and evidence files.

use super::items::{bump, finish_item_change, locked_item};
use super::tx::{audit_in, date_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::model::{AuditEntry, Created, OnceKey};
use crate::tracking_model::*;
use crate::{Ctx, StoreError};
use domain::tracking::TrackingError;
use domain::{Actor, Conflict, ItemId, Period, PlanId, UnitId, UserId, tracking};
use serde_json::json;
use std::collections::HashMap;
use std::str::FromStr;

/// The years a plan's reports may cover: its year, widened by its items' dates.
pub(crate) async fn plan_years(conn: &mut Conn, plan: PlanId) -> R<(i32, i32)> {
    let (year, first, last): (Option<i64>, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT p.year, MIN(i.start_date), MAX(i.due_date)
         FROM plans p LEFT JOIN items i ON i.plan_id = p.id
         WHERE p.id = $1 GROUP BY p.id, p.year",
    )
    .bind(plan.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("plan {plan}")))?;
    let y = |s: Option<String>| parse_date(s).map(|d| chrono::Datelike::year(&d));
    let year = year.and_then(|y| i32::try_from(y).ok());
    let lo = [year, y(first)].into_iter().flatten().min();
    let hi = [year, y(last)].into_iter().flatten().max();
    match (lo, hi) {
        (Some(lo), Some(hi)) => Ok((lo, hi)),
        // A plan with no year and no dates: its reports are not limited.
        _ => Ok((i32::MIN, i32::MAX)),
    }
}

/// The years a plan's reports may cover (see `plan_years`); None for an unknown plan.
pub(crate) async fn report_years(pool: &Pool, plan: PlanId) -> R<Option<(i32, i32)>> {
    match plan_years(&mut *pool.read.acquire().await?, plan).await {
        Ok(y) => Ok(Some(y)),
        Err(StoreError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

pub(crate) async fn check_report_content(
    conn: &mut Conn,
    it: &ItemTracking,
    new: &NewReport,
) -> R<()> {
    let (first, last) = plan_years(conn, it.plan_id).await?;
    new.period.check_within(first, last)?;
    let targets: Vec<i64> = sqlx::query_scalar("SELECT id FROM targets WHERE item_id = $1")
        .bind(it.id.0)
        .fetch_all(&mut *conn)
        .await?;
    if let Some((t, _)) = new
        .content
        .figures
        .iter()
        .find(|(t, _)| !targets.contains(t))
    {
        return Err(TrackingError::UnknownTarget(*t).into());
    }
    if !new.evidence.is_empty() {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM evidence WHERE item_id = $1")
            .bind(it.id.0)
            .fetch_all(&mut *conn)
            .await?;
        if let Some(e) = new.evidence.iter().find(|e| !ids.contains(e)) {
            return Err(StoreError::Invalid(format!(
                "evidence {e} is not on this item"
            )));
        }
    }
    Ok(())
}

pub(crate) async fn insert_report(
    conn: &mut Conn,
    at: i64,
    new: &NewReport,
    version: i64,
    previous: Option<(i64, i64)>,
    actor: UserId,
) -> R<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO progress_reports (item_id, unit_id, period, period_start, period_end,
             version, previous_id, first_id, text, difficulties, proposals, percent,
             created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(new.item_id.0)
    .bind(new.unit_id.0)
    .bind(new.period.to_string())
    .bind(date_text(Some(new.period.start())))
    .bind(date_text(Some(new.period.end())))
    .bind(version)
    .bind(previous.map(|p| p.0))
    .bind(previous.map(|p| p.1))
    .bind(&new.content.text)
    .bind(&new.content.difficulties)
    .bind(&new.content.proposals)
    .bind(new.content.percent.map(i64::from))
    .bind(at)
    .bind(actor.0)
    .fetch_one(&mut *conn)
    .await?;
    super::search::index_report(conn, id, &new.content).await?;
    for (t, f) in &new.content.figures {
        sqlx::query("INSERT INTO report_figures (report_id, target_id, value) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(t)
            .bind(f.get())
            .execute(&mut *conn)
            .await?;
    }
    for (pos, e) in new.evidence.iter().enumerate() {
        sqlx::query(
            "INSERT INTO report_evidence (report_id, evidence_id, position) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(e)
        .bind(pos as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

pub(crate) fn report_json(new: &NewReport, version: i64) -> serde_json::Value {
    json!({
        "item_id": new.item_id,
        "unit_id": new.unit_id,
        "period": new.period,
        "version": version,
        "text": new.content.text,
        "difficulties": new.content.difficulties,
        "proposals": new.content.proposals,
        "percent": new.content.percent,
        "figures": new.content.figures,
        "evidence": new.evidence,
    })
}

/// Files the first version of a unit's report on an item for a period, with `files`
/// recorded as new evidence in the same transaction (after the kept evidence). A report
/// that exists already is a conflict: edit it instead. With a once-token, a second submit
/// of the form files nothing and returns the path the first recorded (made from the new
/// version's id).
pub(crate) async fn file_report(
    pool: &Pool,
    ctx: &Ctx,
    new: &NewReport,
    files: &[NewEvidence],
    once: Option<&OnceKey<'_>>,
    actor: &Actor,
) -> R<Created<ReportVersion>> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    if let Some(path) = super::once::claim_some(&mut tx, now, once, actor).await? {
        return Ok(Created::Earlier(path));
    }
    let it = locked_item(&mut tx, new.item_id).await?;
    tracking::check_report(actor, &it.item_units(), new.unit_id)?;
    check_report_content(&mut tx, &it, new).await?;
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM progress_reports
         WHERE item_id = $1 AND unit_id = $2 AND period = $3 AND previous_id IS NULL",
    )
    .bind(new.item_id.0)
    .bind(new.unit_id.0)
    .bind(new.period.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(first) = existing {
        drop(tx);
        return Err(report_conflict(pool, first, 0).await);
    }
    let new = &with_files(&mut tx, now, &it, new, files, actor).await?;
    let id = match insert_report(&mut tx, now, new, 1, None, actor.user_id).await {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            // Another writer filed the same report first (PostgreSQL race).
            drop(tx);
            let first: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM progress_reports
                 WHERE item_id = $1 AND unit_id = $2 AND period = $3 AND previous_id IS NULL",
            )
            .bind(new.item_id.0)
            .bind(new.unit_id.0)
            .bind(new.period.to_string())
            .fetch_optional(&pool.read)
            .await?;
            return Err(match first {
                Some(first) => report_conflict(pool, first, 0).await,
                None => e,
            });
        }
        Err(e) => return Err(e),
    };
    audit_in(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "report.file", "report", Some(id))
            .after(report_json(new, 1)),
        it.plan_id,
        Some(it.id),
    )
    .await?;
    status_follows(&mut tx, now, actor, &it, new.content.percent).await?;
    super::once::fulfil_some(&mut tx, once, id).await?;
    tx.commit().await?;
    report_versions_of(pool, id)
        .await?
        .pop()
        .map(Created::New)
        .ok_or_else(|| StoreError::NotFound(format!("report {id}")))
}

/// The report with `files` recorded as evidence on its item (after the evidence it keeps),
/// inside the report's transaction, once its checks have passed.
async fn with_files(
    conn: &mut Conn,
    at: i64,
    it: &ItemTracking,
    new: &NewReport,
    files: &[NewEvidence],
    actor: &Actor,
) -> R<NewReport> {
    let mut new = new.clone();
    for f in files {
        let rec = insert_evidence(conn, at, it, &f.stored, &f.original_name, actor).await?;
        new.evidence.push(rec.id);
    }
    Ok(new)
}

/// The item moves as its report says (`tracking::status_after_report`), in the report's
/// transaction, under the reporter's name; the audit calls the change automatic
/// (`item.status.auto`), so that no one is told they moved it by hand.
async fn status_follows(
    conn: &mut Conn,
    at: i64,
    actor: &Actor,
    it: &ItemTracking,
    percent: Option<tracking::Percent>,
) -> R<()> {
    let Some(to) = tracking::status_after_report(it.status, percent) else {
        return Ok(());
    };
    bump(conn, at, it).await?;
    sqlx::query("UPDATE items SET status = $1 WHERE id = $2")
        .bind(to.as_str())
        .bind(it.id.0)
        .execute(&mut *conn)
        .await?;
    finish_item_change(conn, at, actor, "item.status.auto", it).await?;
    Ok(())
}

pub(crate) async fn report_conflict(pool: &Pool, first: i64, attempted: i64) -> StoreError {
    match report_versions_of(pool, first).await {
        Ok(versions) => {
            let latest = versions.last();
            StoreError::Conflict {
                entity: "report",
                id: first,
                conflict: Conflict {
                    current: latest.map_or(0, |l| l.version),
                    attempted,
                },
                current: serde_json::to_value(latest).unwrap_or(serde_json::Value::Null),
            }
        }
        Err(e) => e,
    }
}

/// The latest version of a report, as `edit_report` reads it.
#[derive(sqlx::FromRow)]
struct LatestReportRow {
    id: i64,
    item_id: i64,
    unit_id: i64,
    period: String,
    version: i64,
}

/// A new version of report `report_id` (its first version's id), made over version
/// `expected`. Only the latest version can be edited; anything else is a conflict
/// carrying the current version. `files` are recorded as new evidence in the same
/// transaction, after the kept `evidence`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn edit_report(
    pool: &Pool,
    ctx: &Ctx,
    report_id: i64,
    expected: i64,
    content: &domain::ReportContent,
    evidence: &[i64],
    files: &[NewEvidence],
    actor: &Actor,
) -> R<ReportVersion> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let Some(r) = sqlx::query_as::<_, LatestReportRow>(
        "SELECT r.id, r.item_id, r.unit_id, r.period, r.version FROM progress_reports r
         WHERE (r.id = $1 OR r.first_id = $1)
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)",
    )
    .bind(report_id)
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Err(StoreError::NotFound(format!("report {report_id}")));
    };
    let latest_id = r.id;
    let version = r.version;
    let new = NewReport {
        item_id: ItemId(r.item_id),
        unit_id: UnitId(r.unit_id),
        period: Period::from_str(&r.period)?,
        content: content.clone(),
        evidence: evidence.to_vec(),
    };
    if version != expected {
        drop(tx);
        return Err(report_conflict(pool, report_id, expected).await);
    }
    let it = locked_item(&mut tx, new.item_id).await?;
    tracking::check_report(actor, &it.item_units(), new.unit_id)?;
    check_report_content(&mut tx, &it, &new).await?;
    let new = with_files(&mut tx, now, &it, &new, files, actor).await?;
    let id = match insert_report(
        &mut tx,
        now,
        &new,
        version + 1,
        Some((latest_id, report_id)),
        actor.user_id,
    )
    .await
    {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            drop(tx);
            return Err(report_conflict(pool, report_id, expected).await);
        }
        Err(e) => return Err(e),
    };
    audit_in(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "report.edit",
            "report",
            Some(report_id),
        )
        .before(json!({ "version": version, "id": latest_id }))
        .after(report_json(&new, version + 1)),
        it.plan_id,
        Some(it.id),
    )
    .await?;
    status_follows(&mut tx, now, actor, &it, new.content.percent).await?;
    tx.commit().await?;
    report_versions_of(pool, report_id)
        .await?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("report {id}")))
}

pub(crate) const REPORT_COLS: &str =
    "r.id, COALESCE(r.first_id, r.id) AS report_id, r.item_id, r.unit_id, u.name AS unit_name,
    r.period, r.version, r.previous_id, r.text, r.difficulties, r.proposals, r.percent,
    r.created_at, r.created_by,
    NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id) AS is_latest";

/// A report version as `REPORT_COLS` selects it.
#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    report_id: i64,
    item_id: i64,
    unit_id: i64,
    unit_name: String,
    period: String,
    version: i64,
    previous_id: Option<i64>,
    text: String,
    difficulties: String,
    proposals: String,
    percent: Option<i64>,
    created_at: i64,
    created_by: Option<i64>,
    is_latest: bool,
}

impl ReportRow {
    /// The version without its figures and evidence.
    fn into_version(self) -> R<ReportVersion> {
        Ok(ReportVersion {
            id: self.id,
            report_id: self.report_id,
            item_id: ItemId(self.item_id),
            unit_id: UnitId(self.unit_id),
            unit_name: self.unit_name,
            period: Period::from_str(&self.period)?,
            version: self.version,
            previous_id: self.previous_id,
            text: self.text,
            difficulties: self.difficulties,
            proposals: self.proposals,
            percent: self.percent,
            figures: Vec::new(),
            evidence: Vec::new(),
            created_at: self.created_at,
            created_by: self.created_by.map(UserId),
            is_latest: self.is_latest,
        })
    }
}

/// Evidence attached to a report (`re.report_id`, `EVIDENCE_COLS`).
#[derive(sqlx::FromRow)]
struct ReportEvidenceRow {
    report_id: i64,
    #[sqlx(flatten)]
    evidence: EvidenceRow,
}

/// Versions with their figures and evidence, in 3 queries whatever their number.
async fn load_reports(conn: &mut Conn, rows: Vec<ReportRow>) -> R<Vec<ReportVersion>> {
    let mut out = rows
        .into_iter()
        .map(ReportRow::into_version)
        .collect::<R<Vec<_>>>()?;
    if out.is_empty() {
        return Ok(out);
    }
    let ids = out
        .iter()
        .map(|r| r.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    // The ids are integers from the database, so inlining them is safe.
    for (rid, target, value) in sqlx::query_as::<_, (i64, i64, f64)>(sql!(
        "SELECT f.report_id, f.target_id, f.value FROM report_figures f
         JOIN targets t ON t.id = f.target_id
         WHERE f.report_id IN ({ids}) ORDER BY f.report_id, t.position"
    ))
    .fetch_all(&mut *conn)
    .await?
    {
        out[index[&rid]].figures.push((target, value));
    }
    for e in sqlx::query_as::<_, ReportEvidenceRow>(sql!(
        "SELECT re.report_id, {EVIDENCE_COLS} FROM report_evidence re
         JOIN evidence e ON e.id = re.evidence_id
         WHERE re.report_id IN ({ids}) ORDER BY re.report_id, re.position"
    ))
    .fetch_all(&mut *conn)
    .await?
    {
        out[index[&e.report_id]].evidence.push(e.evidence.into());
    }
    Ok(out)
}

pub(crate) async fn report_versions_of(pool: &Pool, report_id: i64) -> R<Vec<ReportVersion>> {
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, ReportRow>(sql!(
        "SELECT {REPORT_COLS} FROM progress_reports r JOIN units u ON u.id = r.unit_id
         WHERE r.id = $1 OR r.first_id = $1 ORDER BY r.version"
    ))
    .bind(report_id)
    .fetch_all(&mut *conn)
    .await?;
    load_reports(&mut conn, rows).await
}

/// Every version of a report (by any of its versions' ids), oldest first.
pub(crate) async fn report_history(pool: &Pool, any_version: i64) -> R<Vec<ReportVersion>> {
    let first: Option<i64> =
        sqlx::query_scalar("SELECT COALESCE(first_id, id) FROM progress_reports WHERE id = $1")
            .bind(any_version)
            .fetch_optional(&pool.read)
            .await?;
    match first {
        Some(f) => report_versions_of(pool, f).await,
        None => Ok(Vec::new()),
    }
}

/// The latest version of each report on an item, newest period first.
pub(crate) async fn item_reports(pool: &Pool, item: ItemId) -> R<Vec<ReportVersion>> {
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, ReportRow>(sql!(
        "SELECT {REPORT_COLS} FROM progress_reports r JOIN units u ON u.id = r.unit_id
         WHERE r.item_id = $1
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
         ORDER BY r.period_end DESC, r.period_start DESC, u.name, r.id"
    ))
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    load_reports(&mut conn, rows).await
}

// ---- evidence ---------------------------------------------------------------------------

pub(crate) const EVIDENCE_COLS: &str = "e.id, e.item_id, e.sha256, e.size, e.mime, e.original_name, e.stored_path, e.uploaded_by, e.uploaded_at";

/// An evidence file as `EVIDENCE_COLS` selects it.
#[derive(sqlx::FromRow)]
struct EvidenceRow {
    id: i64,
    item_id: i64,
    sha256: String,
    size: i64,
    mime: String,
    original_name: String,
    stored_path: String,
    uploaded_by: Option<i64>,
    uploaded_at: i64,
}

impl From<EvidenceRow> for EvidenceRecord {
    fn from(r: EvidenceRow) -> Self {
        EvidenceRecord {
            id: r.id,
            item_id: ItemId(r.item_id),
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

/// Records a stored file (see `evidence_store`) as evidence on an item. Whoever may
/// report on the item for one of their units may add evidence.
pub(crate) async fn add_evidence(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    stored: &crate::evidence_store::StoredFile,
    original_name: &str,
    actor: &Actor,
) -> R<EvidenceRecord> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, item).await?;
    let may = actor
        .unit_ids
        .iter()
        .any(|u| tracking::check_report(actor, &it.item_units(), *u).is_ok());
    if !may {
        return Err(TrackingError::Forbidden {
            action: "add evidence to the item",
        }
        .into());
    }
    let rec = insert_evidence(&mut tx, now, &it, stored, original_name, actor).await?;
    tx.commit().await?;
    Ok(rec)
}

/// Records a stored file as evidence on the item, with its audit entry, in the caller's
/// transaction (who may add it is the caller's check).
async fn insert_evidence(
    conn: &mut Conn,
    now: i64,
    it: &ItemTracking,
    stored: &crate::evidence_store::StoredFile,
    original_name: &str,
    actor: &Actor,
) -> R<EvidenceRecord> {
    let item = it.id;
    let name: String = original_name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO evidence (item_id, sha256, size, mime, original_name, stored_path,
             uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(item.0)
    .bind(&stored.sha256)
    .bind(stored.size as i64)
    .bind(&stored.mime)
    .bind(&name)
    .bind(&stored.relative_path)
    .bind(actor.user_id.0)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    let rec = EvidenceRecord {
        id,
        item_id: item,
        sha256: stored.sha256.clone(),
        size: stored.size as i64,
        mime: stored.mime.clone(),
        original_name: name,
        stored_path: stored.relative_path.clone(),
        uploaded_by: Some(actor.user_id),
        uploaded_at: at,
    };
    audit_in(
        &mut *conn,
        now,
        &AuditEntry::new(Some(actor.user_id), "evidence.add", "evidence", Some(id))
            .after(serde_json::to_value(&rec)?),
        it.plan_id,
        Some(item),
    )
    .await?;
    Ok(rec)
}

/// Of these stored files, the ones no row names (evidence, event documents, direction
/// and contract files, letters to cities, candidacy documents): what a refused upload may remove from disk. The store is content-addressed, so
/// the same bytes recorded by anyone else keep their file.
pub(crate) async fn unreferenced_files(
    pool: &Pool,
    files: &[crate::evidence_store::StoredFile],
) -> R<Vec<crate::evidence_store::StoredFile>> {
    let mut out = Vec::new();
    for f in files {
        let named: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM evidence WHERE sha256 = $1 AND stored_path = $2)
                 OR EXISTS (SELECT 1 FROM event_documents WHERE stored_path = $2)
                 OR EXISTS (SELECT 1 FROM direction_files WHERE stored_path = $2)
                 OR EXISTS (SELECT 1 FROM contract_files WHERE stored_path = $2)
                 OR EXISTS (SELECT 1 FROM city_letters WHERE stored_path = $2)
                 OR EXISTS (SELECT 1 FROM network_documents WHERE stored_path = $2)
                 OR EXISTS (SELECT 1 FROM candidacy_documents WHERE stored_path = $2)
                 OR EXISTS (SELECT 1 FROM media_files WHERE stored_path = $2
                     OR thumb_path = $2 OR screen_path = $2)",
        )
        .bind(&f.sha256)
        .bind(&f.relative_path)
        .fetch_one(&pool.read)
        .await?;
        if !named && !out.contains(f) {
            out.push(f.clone());
        }
    }
    Ok(out)
}

pub(crate) async fn evidence(pool: &Pool, id: i64) -> R<Option<EvidenceRecord>> {
    let r = sqlx::query_as::<_, EvidenceRow>(sql!(
        "SELECT {EVIDENCE_COLS} FROM evidence e WHERE e.id = $1"
    ))
    .bind(id)
    .fetch_optional(&pool.read)
    .await?;
    Ok(r.map(EvidenceRecord::from))
}

// ---- targets and counting ---------------------------------------------------------------

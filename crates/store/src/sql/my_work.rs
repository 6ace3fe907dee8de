//! The home page's lists ("Việc của tôi"): items still to report this period, reports
//! returned to a unit or waiting for the Board, and recent grades. Each is one query
//! bounded by an index and a limit. Unit ids are integers from the session, inlined.

use super::tx::parse_date;
use super::{Pool, R};
use crate::oversight_model::*;
use domain::oversight::Grade;
use domain::{ItemId, ItemStatus, Period, PlanId, UnitId};
use std::str::FromStr;

/// `1,2,3` for an `IN (…)`; None for no units (nothing matches).
fn unit_list(units: &[UnitId]) -> Option<String> {
    (!units.is_empty()).then(|| {
        units
            .iter()
            .map(|u| u.0.to_string())
            .collect::<Vec<_>>()
            .join(",")
    })
}

#[derive(sqlx::FromRow)]
struct WorkItemRow {
    id: i64,
    plan_id: i64,
    numbering: Option<String>,
    title: String,
    status: String,
    due_date: Option<String>,
}

impl From<WorkItemRow> for WorkItem {
    fn from(r: WorkItemRow) -> Self {
        WorkItem {
            id: ItemId(r.id),
            plan_id: PlanId(r.plan_id),
            numbering: r.numbering,
            title: r.title,
            status: ItemStatus::from_str(&r.status).unwrap_or_default(),
            due: parse_date(r.due_date),
        }
    }
}

fn counted<T>(mut rows: Vec<T>, limit: i64, cap: i64) -> Counted<T> {
    let found = rows.len() as i64;
    rows.truncate(limit.max(0) as usize);
    Counted {
        rows,
        total: found.min(cap),
        capped: found > cap,
    }
}

/// Open work items (no sub-items) whose dates overlap `period` and that no report
/// covers any part of (`item_list::push_unreported`, the list's "chưa báo cáo" filter):
/// of `units`, or with `None` of any lead unit. Soonest due first; counted up to `cap`.
pub(crate) async fn items_to_report(
    pool: &Pool,
    units: Option<&[UnitId]>,
    period: Period,
    limit: i64,
    cap: i64,
) -> R<Counted<WorkItem>> {
    if units.is_some_and(<[UnitId]>::is_empty) {
        return Ok(counted(Vec::new(), limit, cap));
    }
    let mut q = sqlx::QueryBuilder::<super::DB>::new(
        "SELECT i.id, i.plan_id, i.numbering, i.title, i.status, i.due_date FROM items i \
         WHERE TRUE",
    );
    super::item_list::push_unreported(&mut q, period, units);
    q.push(" ORDER BY i.due_date, i.id LIMIT ")
        .push_bind(cap + 1);
    let rows: Vec<WorkItemRow> = q.build_query_as().fetch_all(&pool.read).await?;
    Ok(counted(
        rows.into_iter().map(WorkItem::from).collect(),
        limit,
        cap,
    ))
}

const WORK_REPORT_COLS: &str = "COALESCE(r.first_id, r.id) AS report_id, r.id AS version_id,
    r.version, r.item_id, i.numbering, i.title, u.name AS unit_name, r.period, r.created_at";

#[derive(sqlx::FromRow)]
struct WorkReportRow {
    report_id: i64,
    version_id: i64,
    version: i64,
    item_id: i64,
    numbering: Option<String>,
    title: String,
    unit_name: String,
    period: String,
    created_at: i64,
    comment: Option<String>,
}

impl WorkReportRow {
    /// None for a period this version cannot read.
    fn into_report(self) -> Option<WorkReport> {
        Some(WorkReport {
            report_id: self.report_id,
            version_id: self.version_id,
            version: self.version,
            item_id: ItemId(self.item_id),
            numbering: self.numbering,
            title: self.title,
            unit_name: self.unit_name,
            period: Period::from_str(&self.period).ok()?,
            created_at: self.created_at,
            comment: self.comment.unwrap_or_default(),
        })
    }
}

fn reports(rows: Vec<WorkReportRow>) -> Vec<WorkReport> {
    rows.into_iter()
        .filter_map(WorkReportRow::into_report)
        .collect()
}

/// Reports of `units` whose latest version the Board returned, newest return first.
pub(crate) async fn returned_reports(
    pool: &Pool,
    units: &[UnitId],
    limit: i64,
) -> R<Vec<WorkReport>> {
    let Some(list) = unit_list(units) else {
        return Ok(Vec::new());
    };
    let rows = sqlx::query_as::<_, WorkReportRow>(sql!(
        "SELECT {WORK_REPORT_COLS}, v.comment FROM report_reviews v
         JOIN progress_reports r ON r.id = v.report_id
         JOIN items i ON i.id = r.item_id JOIN units u ON u.id = r.unit_id
         WHERE v.decision = 'returned' AND r.unit_id IN ({list})
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
         ORDER BY v.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&pool.read)
    .await?;
    Ok(reports(rows))
}

/// Latest versions filed since `since` (unix seconds) with no decision yet, the longest
/// waiting first; a version answering a return carries that return's comment. Counted up
/// to `cap`.
pub(crate) async fn reports_awaiting_review(
    pool: &Pool,
    since: i64,
    limit: i64,
    cap: i64,
) -> R<Counted<WorkReport>> {
    let rows = sqlx::query_as::<_, WorkReportRow>(sql!(
        "SELECT {WORK_REPORT_COLS}, pv.comment FROM progress_reports r
         JOIN items i ON i.id = r.item_id JOIN units u ON u.id = r.unit_id
         LEFT JOIN report_reviews pv
                ON pv.report_id = r.previous_id AND pv.decision = 'returned'
         WHERE r.created_at >= $1
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
           AND NOT EXISTS (SELECT 1 FROM report_reviews v WHERE v.report_id = r.id)
         ORDER BY r.created_at, r.id LIMIT $2"
    ))
    .bind(since)
    .bind(cap + 1)
    .fetch_all(&pool.read)
    .await?;
    Ok(counted(reports(rows), limit, cap))
}

#[derive(sqlx::FromRow)]
struct WorkGradeRow {
    item_id: i64,
    numbering: Option<String>,
    title: String,
    period: String,
    grade: String,
    comment: String,
    created_at: i64,
}

/// The newest grades of the items `units` lead or coordinate (in effect).
pub(crate) async fn recent_grades(pool: &Pool, units: &[UnitId], limit: i64) -> R<Vec<WorkGrade>> {
    let Some(list) = unit_list(units) else {
        return Ok(Vec::new());
    };
    let rows = sqlx::query_as::<_, WorkGradeRow>(sql!(
        "SELECT e.item_id, i.numbering, i.title, e.period, e.grade, e.comment, e.created_at
         FROM evaluations e JOIN items i ON i.id = e.item_id
         WHERE e.item_id IN (SELECT item_id FROM item_effective_units
                             WHERE unit_id IN ({list}))
         ORDER BY e.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(WorkGrade {
                item_id: ItemId(r.item_id),
                numbering: r.numbering,
                title: r.title,
                period: Period::from_str(&r.period).ok()?,
                grade: Grade::from_str(&r.grade).ok()?,
                comment: r.comment,
                created_at: r.created_at,
            })
        })
        .collect())
}

//! The Board's review of progress reports: one decision per version (accepted or
//! returned), the unit's notification when its report is returned, and the reviews the
//! item and report pages show.

use super::escalations::notify_unit;
use super::reminders::item_plan;
use super::tx::audit_in;
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::oversight_model::*;
use crate::{Ctx, StoreError};
use domain::oversight::{ReviewDecision, ReviewError, ReviewSubject, check_review};
use domain::{Actor, ItemId, UnitId, UserId};
use serde_json::json;
use std::str::FromStr;

/// The latest version of a report, with the decision already on it.
#[derive(sqlx::FromRow)]
struct LatestRow {
    id: i64,
    item_id: i64,
    unit_id: i64,
    version: i64,
    created_by: Option<i64>,
    decision: Option<String>,
}

impl LatestRow {
    fn subject(&self) -> ReviewSubject {
        ReviewSubject {
            latest_version: self.version,
            latest_author: self.created_by.map(UserId),
            latest_decision: self
                .decision
                .as_deref()
                .and_then(|d| ReviewDecision::from_str(d).ok()),
        }
    }
}

async fn latest_version(conn: &mut Conn, report_id: i64) -> R<Option<LatestRow>> {
    Ok(sqlx::query_as::<_, LatestRow>(
        "SELECT r.id, r.item_id, r.unit_id, r.version, r.created_by, v.decision
         FROM progress_reports r LEFT JOIN report_reviews v ON v.report_id = r.id
         WHERE (r.id = $1 OR r.first_id = $1)
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)",
    )
    .bind(report_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Decides the latest version of report `new.report_id` (its first version's id): lock,
/// rule (`domain::oversight::check_review`), write, notify the unit of a return, audit,
/// in one transaction. A version decided by someone else first is a conflict, even when
/// two reviewers race on PostgreSQL (the UNIQUE version settles it).
pub(crate) async fn review_report(
    pool: &Pool,
    ctx: &Ctx,
    new: &NewReview,
    actor: &Actor,
) -> R<ReportReview> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let latest = latest_version(&mut tx, new.report_id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("report {}", new.report_id)))?;
    let comment = new.comment.trim();
    check_review(
        actor,
        &latest.subject(),
        new.opened_version,
        new.decision,
        comment,
    )?;
    let item = ItemId(latest.item_id);
    let plan = item_plan(&mut tx, item)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("item {item}")))?;
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO report_reviews (report_id, decision, comment, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(latest.id)
    .bind(new.decision.as_str())
    .bind(comment)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(StoreError::from);
    let id = match inserted {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            drop(tx);
            return Err(decided_first(pool, new.report_id).await);
        }
        Err(e) => return Err(e),
    };
    if new.decision == ReviewDecision::Returned {
        let unit = UnitId(latest.unit_id);
        notify_unit(
            &mut tx,
            now,
            unit,
            "report_returned",
            item,
            &new.notice,
            comment,
        )
        .await?;
    }
    let after = json!({
        "version": latest.version, "version_id": latest.id,
        "decision": new.decision.as_str(), "comment": comment,
    });
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "report.review",
        "report",
        Some(new.report_id),
    )
    .after(after);
    audit_in(&mut tx, now, &entry, plan, Some(item)).await?;
    tx.commit().await?;
    Ok(ReportReview {
        id,
        version_id: latest.id,
        report_id: new.report_id,
        version: latest.version,
        decision: new.decision,
        comment: comment.to_string(),
        created_by: Some(actor.user_id),
        created_by_name: None,
        created_at: now,
    })
}

/// The conflict to answer when another reviewer's decision landed first.
async fn decided_first(pool: &Pool, report_id: i64) -> StoreError {
    let mut conn = match pool.read.acquire().await {
        Ok(c) => c,
        Err(e) => return e.into(),
    };
    match latest_version(&mut conn, report_id).await {
        Ok(Some(latest)) => match latest.subject().latest_decision {
            Some(decision) => ReviewError::AlreadyReviewed {
                version: latest.version,
                decision,
            }
            .into(),
            None => StoreError::Invalid(format!("report {report_id}: review not recorded")),
        },
        Ok(None) => StoreError::NotFound(format!("report {report_id}")),
        Err(e) => e,
    }
}

const REVIEW_COLS: &str = "v.id, v.report_id AS version_id, COALESCE(r.first_id, r.id) AS first_id,
    r.version, v.decision, v.comment, v.created_by, u.display_name AS created_by_name,
    v.created_at";

/// A review as `REVIEW_COLS` selects it.
#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    version_id: i64,
    first_id: i64,
    version: i64,
    decision: String,
    comment: String,
    created_by: Option<i64>,
    created_by_name: Option<String>,
    created_at: i64,
}

impl ReviewRow {
    /// None for a decision this version cannot read.
    fn into_review(self) -> Option<ReportReview> {
        Some(ReportReview {
            id: self.id,
            version_id: self.version_id,
            report_id: self.first_id,
            version: self.version,
            decision: ReviewDecision::from_str(&self.decision).ok()?,
            comment: self.comment,
            created_by: self.created_by.map(UserId),
            created_by_name: self.created_by_name,
            created_at: self.created_at,
        })
    }
}

fn reviews(rows: Vec<ReviewRow>) -> Vec<ReportReview> {
    rows.into_iter()
        .filter_map(ReviewRow::into_review)
        .collect()
}

/// Every decision on any version of any report on an item, oldest first (1 query).
pub(crate) async fn item_report_reviews(pool: &Pool, item: ItemId) -> R<Vec<ReportReview>> {
    let rows = sqlx::query_as::<_, ReviewRow>(sql!(
        "SELECT {REVIEW_COLS} FROM report_reviews v
         JOIN progress_reports r ON r.id = v.report_id
         LEFT JOIN users u ON u.id = v.created_by
         WHERE r.item_id = $1 ORDER BY v.id"
    ))
    .bind(item.0)
    .fetch_all(&pool.read)
    .await?;
    Ok(reviews(rows))
}

/// Every decision on the versions of one report (by its first version's id), oldest
/// first (1 query).
pub(crate) async fn report_reviews(pool: &Pool, report_id: i64) -> R<Vec<ReportReview>> {
    let rows = sqlx::query_as::<_, ReviewRow>(sql!(
        "SELECT {REVIEW_COLS} FROM report_reviews v
         JOIN progress_reports r ON r.id = v.report_id
         LEFT JOIN users u ON u.id = v.created_by
         WHERE r.id = $1 OR r.first_id = $1 ORDER BY v.id"
    ))
    .bind(report_id)
    .fetch_all(&pool.read)
    .await?;
    Ok(reviews(rows))
}

//! The Board's evaluations of items and the grades per plan.

use super::reminders::item_plan;
use super::tx::{audit_in, board_or_admin};
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::oversight_model::*;
use crate::{Ctx, StoreError};
use domain::oversight::Grade;
use domain::tracking::TrackingError;
use domain::{Actor, ItemId, Period, PlanId, UserId};
use serde_json::json;
use std::collections::HashMap;
use std::str::FromStr;

/// A grade for an item and period by the Board (or an admin). Appends; the latest stands.
/// The item's lead units in effect are notified in the same transaction.
pub(crate) async fn add_evaluation(
    pool: &Pool,
    ctx: &Ctx,
    new: &NewEvaluation,
    actor: &Actor,
) -> R<EvaluationRecord> {
    let now = ctx.now();
    let (item, period, grade, comment) = (new.item_id, new.period, new.grade, &new.comment);
    board_or_admin(actor, "evaluate an item")?;
    domain::oversight::check_comment(comment).map_err(|_| {
        StoreError::Tracking(TrackingError::Forbidden {
            action: "comment too long",
        })
    })?;
    let mut tx = begin_write(pool).await?;
    let Some(plan) = item_plan(&mut tx, item).await? else {
        return Err(StoreError::Tracking(TrackingError::Forbidden {
            action: "evaluate a missing item",
        }));
    };
    let previous: Option<String> = sqlx::query_scalar(
        "SELECT grade FROM evaluations WHERE item_id = $1 AND period = $2
         ORDER BY id DESC LIMIT 1",
    )
    .bind(item.0)
    .bind(period.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO evaluations (item_id, period, grade, comment, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(item.0)
    .bind(period.to_string())
    .bind(grade.as_str())
    .bind(comment)
    .bind(actor.user_id.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let mut e = AuditEntry::new(Some(actor.user_id), "item.evaluate", "item", Some(item.0));
    e.before = previous.map(|g| json!({ "period": period.to_string(), "grade": g }));
    e.after = Some(json!({
        "evaluation_id": id, "period": period.to_string(), "grade": grade.as_str(),
        "comment": comment,
    }));
    audit_in(&mut tx, now, &e, plan, Some(item)).await?;
    notify_lead_units(&mut tx, now, new).await?;
    tx.commit().await?;
    Ok(EvaluationRecord {
        id,
        item_id: item,
        period,
        grade,
        comment: comment.clone(),
        created_by: Some(actor.user_id),
        created_by_name: None,
        created_at: at,
    })
}

/// The grade reaches the units that answer for the item: a notification to each lead
/// unit in effect (its own, else its parent's).
async fn notify_lead_units(conn: &mut Conn, at: i64, new: &NewEvaluation) -> R<()> {
    sqlx::query(
        "INSERT INTO notifications (unit_id, kind, item_id, subject, body, created_at)
         SELECT unit_id, 'evaluation', item_id, $2, $3, $4 FROM item_effective_units
         WHERE item_id = $1 AND relation = 'lead'",
    )
    .bind(new.item_id.0)
    .bind(&new.notice)
    .bind(&new.comment)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An evaluation with its author's name (`u.display_name AS created_by_name`).
#[derive(sqlx::FromRow)]
struct EvaluationRow {
    id: i64,
    item_id: i64,
    period: String,
    grade: String,
    comment: String,
    created_by: Option<i64>,
    created_by_name: Option<String>,
    created_at: i64,
}

impl EvaluationRow {
    /// None for a period or grade this version cannot read.
    fn into_record(self) -> Option<EvaluationRecord> {
        let (Ok(period), Ok(grade)) =
            (Period::from_str(&self.period), Grade::from_str(&self.grade))
        else {
            return None;
        };
        Some(EvaluationRecord {
            id: self.id,
            item_id: ItemId(self.item_id),
            period,
            grade,
            comment: self.comment,
            created_by: self.created_by.map(UserId),
            created_by_name: self.created_by_name,
            created_at: self.created_at,
        })
    }
}

/// Every grade of an item, newest first.
pub(crate) async fn evaluations(pool: &Pool, item: ItemId) -> R<Vec<EvaluationRecord>> {
    let rows = sqlx::query_as::<_, EvaluationRow>(
        "SELECT e.id, e.item_id, e.period, e.grade, e.comment, e.created_by,
                u.display_name AS created_by_name, e.created_at
         FROM evaluations e LEFT JOIN users u ON u.id = e.created_by
         WHERE e.item_id = $1 ORDER BY e.id DESC",
    )
    .bind(item.0)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(EvaluationRow::into_record)
        .collect())
}

/// The standing (latest) grade per item of a plan for a period.
pub(crate) async fn plan_grades(
    pool: &Pool,
    plan: PlanId,
    period: Period,
) -> R<HashMap<ItemId, EvaluationRecord>> {
    let rows = sqlx::query_as::<_, EvaluationRow>(
        "SELECT e.id, e.item_id, e.period, e.grade, e.comment, e.created_by,
                u.display_name AS created_by_name, e.created_at
         FROM evaluations e JOIN items i ON i.id = e.item_id
         LEFT JOIN users u ON u.id = e.created_by
         WHERE i.plan_id = $1 AND e.period = $2
           AND NOT EXISTS (SELECT 1 FROM evaluations n
                           WHERE n.item_id = e.item_id AND n.period = e.period AND n.id > e.id)",
    )
    .bind(plan.0)
    .bind(period.to_string())
    .fetch_all(&pool.read)
    .await?;
    let mut out = HashMap::new();
    for r in rows {
        if let Some(e) = r.into_record() {
            out.insert(e.item_id, e);
        }
    }
    Ok(out)
}

// ---- report drafts -------------------------------------------------------------------------

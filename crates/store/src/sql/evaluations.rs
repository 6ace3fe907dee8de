//! The Board's evaluations of items and the grades per plan.

use super::reminders::item_plan;
use super::tx::{audit_in, board_or_admin};
use super::{DB, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::oversight_model::*;
use crate::{Ctx, StoreError};
use domain::oversight::Grade;
use domain::tracking::TrackingError;
use domain::{Actor, ItemId, Period, PlanId, UserId};
use serde_json::json;
use sqlx::Row;
use std::collections::HashMap;
use std::str::FromStr;

/// A grade for an item and period by the Board (or an admin). Appends; the latest stands.
pub(crate) async fn add_evaluation(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    period: Period,
    grade: Grade,
    comment: &str,
    actor: &Actor,
) -> R<EvaluationRecord> {
    let now = ctx.now();
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
    tx.commit().await?;
    Ok(EvaluationRecord {
        id,
        item_id: item,
        period,
        grade,
        comment: comment.to_string(),
        created_by: Some(actor.user_id),
        created_by_name: None,
        created_at: at,
    })
}

pub(crate) fn evaluation_row(r: &<DB as sqlx::Database>::Row) -> R<Option<EvaluationRecord>> {
    let period: String = r.try_get(2)?;
    let grade: String = r.try_get(3)?;
    let (Ok(period), Ok(grade)) = (Period::from_str(&period), Grade::from_str(&grade)) else {
        return Ok(None);
    };
    Ok(Some(EvaluationRecord {
        id: r.try_get(0)?,
        item_id: ItemId(r.try_get(1)?),
        period,
        grade,
        comment: r.try_get(4)?,
        created_by: r.try_get::<Option<i64>, _>(5)?.map(UserId),
        created_by_name: r.try_get(6)?,
        created_at: r.try_get(7)?,
    }))
}

/// Every grade of an item, newest first.
pub(crate) async fn evaluations(pool: &Pool, item: ItemId) -> R<Vec<EvaluationRecord>> {
    let rows = sqlx::query(
        "SELECT e.id, e.item_id, e.period, e.grade, e.comment, e.created_by, u.display_name,
                e.created_at
         FROM evaluations e LEFT JOIN users u ON u.id = e.created_by
         WHERE e.item_id = $1 ORDER BY e.id DESC",
    )
    .bind(item.0)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(evaluation_row)
        .collect::<R<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect())
}

/// The standing (latest) grade per item of a plan for a period.
pub(crate) async fn plan_grades(
    pool: &Pool,
    plan: PlanId,
    period: Period,
) -> R<HashMap<ItemId, EvaluationRecord>> {
    let rows = sqlx::query(
        "SELECT e.id, e.item_id, e.period, e.grade, e.comment, e.created_by, u.display_name,
                e.created_at
         FROM evaluations e JOIN items i ON i.id = e.item_id
         LEFT JOIN users u ON u.id = e.created_by
         WHERE i.plan_id = $1 AND e.period = $2
           AND NOT EXISTS (SELECT 1 FROM evaluations n
                           WHERE n.item_id = e.item_id AND n.period = e.period AND n.id > e.id)",
    )
    .bind(plan.0)
    .bind(period.to_string())
    .fetch_all(pool)
    .await?;
    let mut out = HashMap::new();
    for r in &rows {
        if let Some(e) = evaluation_row(r)? {
            out.insert(e.item_id, e);
        }
    }
    Ok(out)
}

// ---- report drafts -------------------------------------------------------------------------

//! The facts `domain::tracking::state` computes an item's state from: the latest version
//! of each progress report, and a plan's tree with its own units, statuses and due dates.

use super::tx::parse_date;
use super::{Conn, DB, Pool, R};
use chrono::NaiveDate;
use domain::tracking::{ItemFacts, ItemState, ReportFact, StatusChange, TreeNode, plan_state};
use domain::{ItemId, ItemStatus, PlanId};
use sqlx::QueryBuilder;
use std::collections::HashMap;
use std::str::FromStr;

#[derive(sqlx::FromRow)]
struct FactRow {
    item_id: i64,
    id: i64,
    period_start: String,
    period_end: String,
    percent: Option<i64>,
}

/// The rows grouped per item, in the order read.
fn by_item(rows: Vec<FactRow>) -> HashMap<ItemId, Vec<ReportFact>> {
    let mut out: HashMap<ItemId, Vec<ReportFact>> = HashMap::new();
    for r in rows {
        let (Some(period_start), Some(period_end)) = (
            parse_date(Some(r.period_start)),
            parse_date(Some(r.period_end)),
        ) else {
            continue;
        };
        out.entry(ItemId(r.item_id)).or_default().push(ReportFact {
            period_start,
            period_end,
            id: r.id,
            percent: r.percent,
        });
    }
    out
}

/// The latest version of every report on `items`, per item.
pub(crate) async fn report_facts(
    conn: &mut Conn,
    items: &[ItemId],
) -> R<HashMap<ItemId, Vec<ReportFact>>> {
    if items.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = QueryBuilder::<DB>::new(
        "SELECT r.item_id, r.id, r.period_start, r.period_end, r.percent
         FROM progress_reports r WHERE r.item_id IN (",
    );
    let mut ids = q.separated(", ");
    for i in items {
        ids.push_bind(i.0);
    }
    q.push(") AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)");
    Ok(by_item(q.build_query_as().fetch_all(&mut *conn).await?))
}

/// One audited status change: item, when, the item before and after (JSON).
type ChangeRow = (Option<i64>, i64, Option<String>, Option<String>);

/// The status changes of the plan's items from the audit log, oldest first, per item.
async fn status_changes(conn: &mut Conn, plan: PlanId) -> R<HashMap<ItemId, Vec<StatusChange>>> {
    let rows: Vec<ChangeRow> = sqlx::query_as(
        "SELECT item_id, at, before_json, after_json FROM audit_log
         WHERE plan_id = $1 AND action IN ('item.status', 'item.status.auto') ORDER BY id",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let status = |j: Option<String>| -> Option<ItemStatus> {
        let v: serde_json::Value = serde_json::from_str(j.as_deref()?).ok()?;
        ItemStatus::from_str(v.get("status")?.as_str()?).ok()
    };
    let mut out: HashMap<ItemId, Vec<StatusChange>> = HashMap::new();
    for (item, at, before, after) in rows {
        if let (Some(item), Some(before), Some(after)) = (item, status(before), status(after)) {
            out.entry(ItemId(item))
                .or_default()
                .push(StatusChange { at, before, after });
        }
    }
    Ok(out)
}

/// Every item of the plan in document order with its state at `as_of`: 4 queries (the
/// items, their own units, their status changes, the latest version of their reports)
/// and the computation.
pub(crate) async fn plan_states(pool: &Pool, plan: PlanId, as_of: NaiveDate) -> R<Vec<ItemState>> {
    let mut conn = pool.read.acquire().await?;
    let items: Vec<(i64, Option<i64>, String, Option<String>)> = sqlx::query_as(
        "SELECT id, parent_id, status, due_date FROM items
         WHERE plan_id = $1 AND removed_in IS NULL ORDER BY seq",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut own = super::effective_units::own_units(&mut conn, plan).await?;
    let mut changes = status_changes(&mut conn, plan).await?;
    let mut reports = by_item(
        sqlx::query_as(
            "SELECT r.item_id, r.id, r.period_start, r.period_end, r.percent
             FROM progress_reports r JOIN items i ON i.id = r.item_id
             WHERE i.plan_id = $1
               AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)",
        )
        .bind(plan.0)
        .fetch_all(&mut *conn)
        .await?,
    );
    let facts: Vec<ItemFacts> = items
        .into_iter()
        .map(|(id, parent, status, due)| {
            let id = ItemId(id);
            ItemFacts {
                node: TreeNode {
                    id,
                    parent: parent.map(ItemId),
                    units: own.remove(&id).unwrap_or_default(),
                },
                status: ItemStatus::from_str(&status).unwrap_or_default(),
                status_changes: changes.remove(&id).unwrap_or_default(),
                due: parse_date(due),
                reports: reports.remove(&id).unwrap_or_default(),
            }
        })
        .collect();
    Ok(plan_state(&facts, as_of))
}

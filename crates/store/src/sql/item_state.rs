//! The facts `domain::tracking::state` computes an item's state from: the latest version
//! of each progress report, and a plan's tree with statuses and due dates.

use super::tx::parse_date;
use super::{Conn, DB, R};
use domain::tracking::{ItemFacts, ItemState, ReportFact, plan_state};
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

fn fact(r: FactRow) -> Option<(ItemId, ReportFact)> {
    Some((
        ItemId(r.item_id),
        ReportFact {
            period_start: parse_date(Some(r.period_start))?,
            period_end: parse_date(Some(r.period_end))?,
            id: r.id,
            percent: r.percent,
        },
    ))
}

/// The latest version of every report on `items`, per item.
pub(crate) async fn report_facts(
    conn: &mut Conn,
    items: &[ItemId],
) -> R<HashMap<ItemId, Vec<ReportFact>>> {
    let mut out: HashMap<ItemId, Vec<ReportFact>> = HashMap::new();
    if items.is_empty() {
        return Ok(out);
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
    for r in q.build_query_as::<FactRow>().fetch_all(&mut *conn).await? {
        if let Some((item, f)) = fact(r) {
            out.entry(item).or_default().push(f);
        }
    }
    Ok(out)
}

/// Every report's latest version on the plan's items, per item.
async fn plan_report_facts(conn: &mut Conn, plan: PlanId) -> R<HashMap<ItemId, Vec<ReportFact>>> {
    let mut out: HashMap<ItemId, Vec<ReportFact>> = HashMap::new();
    for r in sqlx::query_as::<_, FactRow>(
        "SELECT r.item_id, r.id, r.period_start, r.period_end, r.percent
         FROM progress_reports r JOIN items i ON i.id = r.item_id
         WHERE i.plan_id = $1
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some((item, f)) = fact(r) {
            out.entry(item).or_default().push(f);
        }
    }
    Ok(out)
}

/// Every item of the plan in document order, with its state at `as_of`.
pub(crate) async fn plan_item_states(
    conn: &mut Conn,
    plan: PlanId,
    as_of: chrono::NaiveDate,
) -> R<Vec<ItemState>> {
    let nodes = super::effective_units::plan_tree(conn, plan).await?;
    let rows: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT id, status, due_date FROM items WHERE plan_id = $1")
            .bind(plan.0)
            .fetch_all(&mut *conn)
            .await?;
    let mut status: HashMap<i64, (ItemStatus, Option<chrono::NaiveDate>)> = rows
        .into_iter()
        .map(|(id, s, due)| {
            (
                id,
                (
                    ItemStatus::from_str(&s).unwrap_or_default(),
                    parse_date(due),
                ),
            )
        })
        .collect();
    let mut reports = plan_report_facts(conn, plan).await?;
    let facts: Vec<ItemFacts> = nodes
        .into_iter()
        .map(|node| {
            let (status, due) = status.remove(&node.id.0).unwrap_or_default();
            ItemFacts {
                reports: reports.remove(&node.id).unwrap_or_default(),
                node,
                status,
                due,
            }
        })
        .collect();
    Ok(plan_state(&facts, as_of))
}

pub(crate) async fn plan_states(
    pool: &super::Pool,
    plan: PlanId,
    as_of: chrono::NaiveDate,
) -> R<Vec<ItemState>> {
    plan_item_states(&mut *pool.acquire().await?, plan, as_of).await
}

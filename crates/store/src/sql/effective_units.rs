//! `item_effective_units`: the units in effect per item, as `domain::tracking` computes
//! them, rewritten for a whole plan inside the transaction that changed its tree or units.
//! Readers never walk the tree themselves.

use super::{Conn, DB, R};
use domain::tracking::{TreeNode, effective_units};
use domain::{ItemId, PlanId, UnitId, UnitRelation};
use sqlx::QueryBuilder;
use std::collections::HashMap;
use std::str::FromStr;

/// Rows per INSERT: 5 binds each, well under both engines' limits.
const BATCH: usize = 500;

/// The plan's tree with each item's own units, in document order, and the items a
/// revision removed (they stay in the tree, so that inheritance reads as the document
/// did, but get no rows: a unit's workload never counts them).
async fn plan_tree(conn: &mut Conn, plan: PlanId) -> R<(Vec<TreeNode>, Vec<ItemId>)> {
    let items: Vec<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT id, parent_id, removed_in FROM items WHERE plan_id = $1 ORDER BY seq",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut own = own_units(conn, plan).await?;
    let removed = items
        .iter()
        .filter(|(_, _, r)| r.is_some())
        .map(|(id, _, _)| ItemId(*id))
        .collect();
    let nodes = items
        .into_iter()
        .map(|(id, parent, _)| TreeNode {
            id: ItemId(id),
            parent: parent.map(ItemId),
            units: own.remove(&ItemId(id)).unwrap_or_default(),
        })
        .collect();
    Ok((nodes, removed))
}

/// The units each item of the plan names itself, leads first, each in document order.
pub(crate) async fn own_units(
    conn: &mut Conn,
    plan: PlanId,
) -> R<HashMap<ItemId, Vec<(UnitId, UnitRelation)>>> {
    let mut own: HashMap<ItemId, Vec<(UnitId, UnitRelation)>> = HashMap::new();
    for (item, unit, relation) in sqlx::query_as::<_, (i64, i64, String)>(
        "SELECT iu.item_id, iu.unit_id, iu.relation FROM item_units iu
         JOIN items i ON i.id = iu.item_id
         WHERE i.plan_id = $1 ORDER BY iu.item_id, iu.relation DESC, iu.position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?
    {
        let rel = UnitRelation::from_str(&relation).unwrap_or(UnitRelation::Coordinating);
        own.entry(ItemId(item))
            .or_default()
            .push((UnitId(unit), rel));
    }
    Ok(own)
}

/// Rewrites the plan's rows from its tree.
pub(crate) async fn refresh_plan(conn: &mut Conn, plan: PlanId) -> R<()> {
    let (nodes, removed) = plan_tree(conn, plan).await?;
    let eff = effective_units(&nodes);
    sqlx::query(
        "DELETE FROM item_effective_units
         WHERE item_id IN (SELECT id FROM items WHERE plan_id = $1)",
    )
    .bind(plan.0)
    .execute(&mut *conn)
    .await?;
    let rows: Vec<(i64, i64, &'static str, i64, bool)> = nodes
        .iter()
        .filter(|n| !removed.contains(&n.id))
        .flat_map(|n| {
            let e = &eff[&n.id];
            e.units
                .iter()
                .enumerate()
                .map(move |(pos, (u, rel))| (n.id.0, u.0, rel.as_str(), pos as i64, e.inherited))
        })
        .collect();
    for chunk in rows.chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO item_effective_units (item_id, unit_id, relation, position, inherited) ",
        );
        q.push_values(chunk, |mut b, (i, u, rel, pos, inh)| {
            b.push_bind(*i)
                .push_bind(*u)
                .push_bind(*rel)
                .push_bind(*pos)
                .push_bind(*inh);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Writes the rows of an item just added without sub-items: its own units, else its
/// parent's rows, inherited. Nothing else in the plan changes, so the plan is not rewritten
/// (an add under a parent with 10,000 children costs what it costs under one with a single
/// child). A parent that a revision removed has no rows of its own to pass on: then the
/// whole plan is rewritten, as the document reads.
pub(crate) async fn write_leaf(conn: &mut Conn, item: ItemId, parent: Option<ItemId>) -> R<()> {
    // The item's own rows as `own_units` orders them: leads first, each in order.
    let own: Vec<(i64, String)> = sqlx::query_as(
        "SELECT unit_id, relation FROM item_units WHERE item_id = $1
         ORDER BY relation DESC, position",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let own: Vec<(i64, i64, String, i64, bool)> = own
        .into_iter()
        .enumerate()
        .map(|(pos, (u, rel))| (item.0, u, rel, pos as i64, false))
        .collect();
    if !own.is_empty() {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO item_effective_units (item_id, unit_id, relation, position, inherited) ",
        );
        q.push_values(&own, |mut b, (i, u, rel, pos, inh)| {
            b.push_bind(*i)
                .push_bind(*u)
                .push_bind(rel.as_str())
                .push_bind(*pos)
                .push_bind(*inh);
        });
        q.build().execute(&mut *conn).await?;
        return Ok(());
    }
    let Some(parent) = parent else {
        return Ok(());
    };
    let (plan, removed): (i64, Option<i64>) =
        sqlx::query_as("SELECT plan_id, removed_in FROM items WHERE id = $1")
            .bind(parent.0)
            .fetch_one(&mut *conn)
            .await?;
    if removed.is_some() {
        return refresh_plan(conn, PlanId(plan)).await;
    }
    sqlx::query(
        "INSERT INTO item_effective_units (item_id, unit_id, relation, position, inherited)
         SELECT $1, unit_id, relation, position, TRUE FROM item_effective_units
         WHERE item_id = $2",
    )
    .bind(item.0)
    .bind(parent.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Rewrites the rows of every plan (once, for a database made before the table).
pub(crate) async fn refresh_all(conn: &mut Conn) -> R<()> {
    let plans: Vec<i64> = sqlx::query_scalar("SELECT id FROM plans ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    for p in plans {
        refresh_plan(conn, PlanId(p)).await?;
    }
    Ok(())
}

/// Rewrites the rows of every plan that has an item naming `unit` (after a merge).
pub(crate) async fn refresh_plans_naming(conn: &mut Conn, unit: UnitId) -> R<()> {
    let plans: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT i.plan_id FROM item_units iu JOIN items i ON i.id = iu.item_id
         WHERE iu.unit_id = $1",
    )
    .bind(unit.0)
    .fetch_all(&mut *conn)
    .await?;
    for p in plans {
        refresh_plan(conn, PlanId(p)).await?;
    }
    Ok(())
}

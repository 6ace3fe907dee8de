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

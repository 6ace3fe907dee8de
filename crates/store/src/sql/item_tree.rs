//! Changing the shape of a plan: adding, splitting and moving items.

use super::items::{
    bump, dates_source_str, finish_item_change, item_json, item_version, load_item, locked_item,
    search_text, write_units,
};
use super::tx::{audit_in, date_text};
use super::{Conn, Pool, R, begin_write};
use crate::model::{AuditEntry, Created, OnceKey};
use crate::tracking_model::*;
use crate::{Ctx, StoreError};
use domain::{Actor, DatesSource, ItemId, PlanId, UnitId, UnitRelation, tracking};
use serde_json::json;

/// Sibling ids in display order.
pub(crate) async fn siblings(
    conn: &mut Conn,
    plan: PlanId,
    parent: Option<ItemId>,
    appendix: Option<i64>,
) -> R<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM items WHERE plan_id = $1 AND parent_id IS NOT DISTINCT FROM $2
             AND appendix_id IS NOT DISTINCT FROM $3
         ORDER BY position, seq",
    )
    .bind(plan.0)
    .bind(parent.map(|p| p.0))
    .bind(appendix)
    .fetch_all(&mut *conn)
    .await?)
}

pub(crate) async fn renumber(conn: &mut Conn, ids: &[i64]) -> R<()> {
    for (pos, id) in ids.iter().enumerate() {
        sqlx::query("UPDATE items SET position = $1 WHERE id = $2 AND position <> $1")
            .bind(pos as i64)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(crate) struct Placement {
    plan: PlanId,
    parent: Option<ItemId>,
    appendix: Option<i64>,
    depth: i64,
    /// The operation's time (created_at, updated_at).
    now: i64,
}

pub(crate) async fn insert_added(
    conn: &mut Conn,
    at: &Placement,
    numbering: Option<&str>,
    title: &str,
    text: &str,
    start: Option<chrono::NaiveDate>,
    due: Option<chrono::NaiveDate>,
) -> R<ItemId> {
    let t = at.now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO items (plan_id, parent_id, appendix_id, position, seq, depth, numbering,
             title, body, added, status, created_at, updated_at, start_date, due_date,
             dates_source, search_folded)
         VALUES ($1, $2, $3, 1000000000,
             (SELECT COALESCE(MAX(seq), -1) + 1 FROM items WHERE plan_id = $1),
             $4, $5, $6, $7, TRUE, 'not_started', $8, $8, $9, $10, $11, $12)
         RETURNING id",
    )
    .bind(at.plan.0)
    .bind(at.parent.map(|p| p.0))
    .bind(at.appendix)
    .bind(at.depth)
    .bind(numbering)
    .bind(title)
    .bind(text)
    .bind(t)
    .bind(date_text(start))
    .bind(date_text(due))
    .bind(dates_source_str(DatesSource::Manual))
    .bind(search_text(numbering, title, text))
    .fetch_one(&mut *conn)
    .await?;
    Ok(ItemId(id))
}

/// An item's own lead and coordinating units, each in order.
fn lead_and_coordinating(it: &ItemTracking) -> (Vec<UnitId>, Vec<UnitId>) {
    let of = |rel| -> Vec<UnitId> {
        it.units
            .iter()
            .filter(|(_, r)| *r == rel)
            .map(|(u, _)| *u)
            .collect()
    };
    (of(UnitRelation::Lead), of(UnitRelation::Coordinating))
}

/// Puts `new_ids` together among their siblings at the index `at` gives for the others,
/// and renumbers the positions.
async fn place_among_siblings(
    conn: &mut Conn,
    place: &Placement,
    new_ids: &[ItemId],
    at: impl FnOnce(&[i64]) -> usize,
) -> R<()> {
    let mut sibs = siblings(conn, place.plan, place.parent, place.appendix).await?;
    sibs.retain(|s| !new_ids.iter().any(|n| n.0 == *s));
    let at = at(&sibs);
    for (k, n) in new_ids.iter().enumerate() {
        sibs.insert(at + k, n.0);
    }
    renumber(conn, &sibs).await
}

/// Puts a new item after its last sibling. Positions are kept 0, 1, 2, … (moves count on
/// them), so the last one's plus one; the `(parent_id, position)` index finds it from its
/// end instead of reading and renumbering every sibling.
async fn place_last(conn: &mut Conn, place: &Placement, id: ItemId) -> R<()> {
    let last: Option<i64> = match place.parent {
        Some(parent) => {
            sqlx::query_scalar(
                "SELECT position FROM items WHERE parent_id = $1 AND id <> $2
                     AND appendix_id IS NOT DISTINCT FROM $3
                 ORDER BY parent_id DESC, position DESC LIMIT 1",
            )
            .bind(parent.0)
            .bind(id.0)
            .bind(place.appendix)
            .fetch_optional(&mut *conn)
            .await?
        }
        None => {
            sqlx::query_scalar(
                "SELECT MAX(position) FROM items WHERE plan_id = $1 AND parent_id IS NULL
                     AND id <> $2 AND appendix_id IS NOT DISTINCT FROM $3",
            )
            .bind(place.plan.0)
            .bind(id.0)
            .bind(place.appendix)
            .fetch_one(&mut *conn)
            .await?
        }
    };
    sqlx::query("UPDATE items SET position = $1 WHERE id = $2")
        .bind(last.map_or(0, |p| p + 1))
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Where a new item goes and its units: under a parent (see `add_item`), or at the top
/// level (the Board or an admin).
async fn placement_and_units(
    conn: &mut Conn,
    new: &NewItem,
    actor: &Actor,
    now: i64,
) -> R<(Placement, Vec<UnitId>, Vec<UnitId>)> {
    let mut place = Placement {
        plan: new.plan_id,
        parent: new.parent_id,
        appendix: None,
        depth: 0,
        now,
    };
    let Some(p) = new.parent_id else {
        tracking::check_change_units(actor)?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM plans WHERE id = $1")
            .bind(new.plan_id.0)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("plan {}", new.plan_id)));
        }
        return Ok((place, new.lead.clone(), new.coordinating.clone()));
    };
    let parent = locked_item(conn, p).await?;
    if parent.plan_id != new.plan_id {
        return Err(StoreError::Invalid("the parent is in another plan".into()));
    }
    tracking::check_edit_item(actor, &parent.item_units())?;
    let (appendix, depth): (Option<i64>, i64) =
        sqlx::query_as("SELECT appendix_id, depth FROM items WHERE id = $1")
            .bind(p.0)
            .fetch_one(&mut *conn)
            .await?;
    (place.appendix, place.depth) = (appendix, depth + 1);
    let (pl, pc) = lead_and_coordinating(&parent);
    let lead = if new.lead.is_empty() {
        pl.clone()
    } else {
        new.lead.clone()
    };
    let coord = if new.lead.is_empty() && new.coordinating.is_empty() {
        pc.clone()
    } else {
        new.coordinating.clone()
    };
    if lead != pl || coord != pc {
        tracking::check_change_units(actor)?;
    }
    Ok((place, lead, coord))
}

/// Adds an item that is not in the document (`added = true`). Under a parent: whoever
/// may edit the parent, with the parent's units unless other units are given (which
/// needs the Board or an admin). At the top level: the Board or an admin.
pub(crate) async fn add_item(pool: &Pool, ctx: &Ctx, new: &NewItem, actor: &Actor) -> R<ItemId> {
    let mut tx = begin_write(pool).await?;
    let id = add_item_in(&mut tx, ctx.now(), new, actor).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`add_item`] inside the caller's write transaction (a follow-up becomes an item and is
/// linked to it in one).
pub(crate) async fn add_item_in(
    tx: &mut Conn,
    now: i64,
    new: &NewItem,
    actor: &Actor,
) -> R<ItemId> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(StoreError::Invalid("an item needs a title".into()));
    }
    let (place, lead, coord) = placement_and_units(&mut *tx, new, actor, now).await?;
    let id = insert_added(
        &mut *tx,
        &place,
        new.numbering.as_deref(),
        title,
        &new.text,
        new.start,
        new.due,
    )
    .await?;
    write_units(&mut *tx, id, &lead, &coord).await?;
    super::effective_units::write_leaf(&mut *tx, id, new.parent_id).await?;
    match new.position {
        // Last: one indexed read, whatever the number of siblings (issue 15).
        None => place_last(&mut *tx, &place, id).await?,
        Some(p) => {
            place_among_siblings(&mut *tx, &place, &[id], |sibs| {
                (p.max(0) as usize).min(sibs.len())
            })
            .await?
        }
    }
    let after = load_item(&mut *tx, id).await?;
    audit_in(
        &mut *tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "item.add", "item", Some(id.0))
            .after(serde_json::to_value(&after)?),
        new.plan_id,
        Some(id),
    )
    .await?;
    Ok(id)
}

/// Splits an item: it keeps the first part, the others become added items right after
/// it with the same units and dates. Returns the new items' ids.
pub(crate) async fn split_item(
    pool: &Pool,
    ctx: &Ctx,
    id: ItemId,
    expected: i64,
    parts: &[SplitPart],
    once: Option<&OnceKey<'_>>,
    actor: &Actor,
) -> R<Created<Vec<ItemId>>> {
    let now = ctx.now();
    if parts.len() < 2 || parts.iter().any(|p| p.title.trim().is_empty()) {
        return Err(StoreError::Invalid(
            "a split needs at least two parts, each with a title".into(),
        ));
    }
    let mut tx = begin_write(pool).await?;
    // The form's token first: a second submit lands on the first's split, before its
    // version (which the first moved on) would call it a conflict.
    if let Some(path) = super::once::claim_some(&mut tx, now, once, actor).await? {
        return Ok(Created::Earlier(path));
    }
    let it = locked_item(&mut tx, id).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
    item_version(&it, expected)?;
    bump(&mut tx, now, &it).await?;
    let (appendix, depth) = keep_first_part(&mut tx, id, &parts[0]).await?;
    let (lead, coord) = lead_and_coordinating(&it);
    let place = Placement {
        plan: it.plan_id,
        parent: it.parent_id,
        appendix,
        depth,
        now,
    };
    let mut new_ids = Vec::new();
    for p in &parts[1..] {
        let title = p.title.trim();
        let nid = insert_added(&mut tx, &place, None, title, &p.text, it.start, it.due).await?;
        write_units(&mut tx, nid, &lead, &coord).await?;
        new_ids.push(nid);
    }
    super::effective_units::refresh_plan(&mut tx, it.plan_id).await?;
    place_among_siblings(&mut tx, &place, &new_ids, |sibs| {
        sibs.iter()
            .position(|s| *s == id.0)
            .map_or(sibs.len(), |p| p + 1)
    })
    .await?;
    let after = load_item(&mut tx, id).await?;
    audit_in(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "item.split", "item", Some(id.0))
            .before(item_json(&it))
            .after(json!({ "item": after, "new_items": new_ids })),
        it.plan_id,
        Some(id),
    )
    .await?;
    super::once::fulfil_some(&mut tx, once, id.0).await?;
    tx.commit().await?;
    Ok(Created::New(new_ids))
}

/// The split item takes the first part's title and text; returns its appendix and depth.
async fn keep_first_part(conn: &mut Conn, id: ItemId, first: &SplitPart) -> R<(Option<i64>, i64)> {
    let (appendix, depth, numbering): (Option<i64>, i64, Option<String>) =
        sqlx::query_as("SELECT appendix_id, depth, numbering FROM items WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *conn)
            .await?;
    sqlx::query("UPDATE items SET title = $1, body = $2, search_folded = $3 WHERE id = $4")
        .bind(first.title.trim())
        .bind(&first.text)
        .bind(search_text(
            numbering.as_deref(),
            first.title.trim(),
            &first.text,
        ))
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    Ok((appendix, depth))
}

/// Moves an item to `position` among its siblings (0 = first).
pub(crate) async fn move_item(
    pool: &Pool,
    ctx: &Ctx,
    id: ItemId,
    expected: i64,
    position: i64,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, id).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
    item_version(&it, expected)?;
    let appendix: Option<i64> = sqlx::query_scalar("SELECT appendix_id FROM items WHERE id = $1")
        .bind(id.0)
        .fetch_one(&mut *tx)
        .await?;
    let mut sibs = siblings(&mut tx, it.plan_id, it.parent_id, appendix).await?;
    sibs.retain(|s| *s != id.0);
    let at = (position.max(0) as usize).min(sibs.len());
    sibs.insert(at, id.0);
    bump(&mut tx, now, &it).await?;
    renumber(&mut tx, &sibs).await?;
    let v = finish_item_change(&mut tx, now, actor, "item.move", &it).await?;
    tx.commit().await?;
    Ok(v)
}

/// Moves an item, with its sub-items, under another parent (None: the top level), last
/// among its new siblings. The Board or an admin: the units it inherits change with it,
/// and `item_effective_units` is rewritten in the same transaction.
pub(crate) async fn reparent_item(
    pool: &Pool,
    ctx: &Ctx,
    id: ItemId,
    expected: i64,
    new_parent: Option<ItemId>,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, id).await?;
    tracking::check_change_units(actor)?;
    item_version(&it, expected)?;
    if it.parent_id == new_parent {
        return Ok(it.version);
    }
    // The plan's tree with each item's place, read once: the rule, the sub-items and
    // both ends of the move come from it.
    let rows: Vec<(i64, Option<i64>, Option<i64>, i64)> =
        sqlx::query_as("SELECT id, parent_id, appendix_id, depth FROM items WHERE plan_id = $1")
            .bind(it.plan_id.0)
            .fetch_all(&mut *tx)
            .await?;
    let parents: Vec<(ItemId, Option<ItemId>)> = rows
        .iter()
        .map(|(i, p, _, _)| (ItemId(*i), p.map(ItemId)))
        .collect();
    tracking::check_reparent(&parents, id, new_parent)?;
    let place = |of: ItemId| {
        rows.iter()
            .find(|r| r.0 == of.0)
            .map_or((None, 0), |r| (r.2, r.3))
    };
    let (old_appendix, old_depth) = place(id);
    let (appendix, depth) = new_parent.map_or((None, 0), |p| {
        let (a, d) = place(p);
        (a, d + 1)
    });
    bump(&mut tx, now, &it).await?;
    sqlx::query("UPDATE items SET parent_id = $1, position = 1000000000 WHERE id = $2")
        .bind(new_parent.map(|p| p.0))
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    // The sub-items keep their shape: same appendix as their new root, depth shifted.
    let mut q = sqlx::QueryBuilder::<super::DB>::new("UPDATE items SET appendix_id = ");
    q.push_bind(appendix)
        .push(", depth = depth + ")
        .push_bind(depth - old_depth)
        .push(" WHERE id IN (")
        .push_bind(id.0);
    for m in tracking::descendants(&parents, id) {
        q.push(", ").push_bind(m.0);
    }
    q.push(")");
    q.build().execute(&mut *tx).await?;
    let mut old = siblings(&mut tx, it.plan_id, it.parent_id, old_appendix).await?;
    old.retain(|s| *s != id.0);
    renumber(&mut tx, &old).await?;
    let new = siblings(&mut tx, it.plan_id, new_parent, appendix).await?;
    renumber(&mut tx, &new).await?;
    super::effective_units::refresh_plan(&mut tx, it.plan_id).await?;
    let v = finish_item_change(&mut tx, now, actor, "item.reparent", &it).await?;
    tx.commit().await?;
    Ok(v)
}

// ---- progress reports -----------------------------------------------------------------------

//! Tracking one item: loading it, and editing fields, status, units and people under the
//! optimistic version (lock, rule, bump, write, audit).

use super::tx::{audit_in, date_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::tracking_model::*;
use crate::{Ctx, StoreError};
use domain::{
    Actor, Conflict, DatesSource, ItemId, ItemStatus, PlanId, UnitId, UnitRelation, UserId,
    tracking,
};
use std::collections::HashMap;
use std::str::FromStr;

pub(crate) type StartDue = (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>);

pub(crate) fn dates_source_str(s: DatesSource) -> &'static str {
    match s {
        DatesSource::Deadlines => "deadlines",
        DatesSource::PlanYear => "plan_year",
        DatesSource::Manual => "manual",
    }
}

pub(crate) fn dates_source(s: Option<String>) -> Option<DatesSource> {
    match s.as_deref() {
        Some("deadlines") => Some(DatesSource::Deadlines),
        Some("plan_year") => Some(DatesSource::PlanYear),
        Some("manual") => Some(DatesSource::Manual),
        _ => None,
    }
}

/// What the item list searches: numbering, title and text, folded.
pub(crate) fn search_text(numbering: Option<&str>, title: &str, body: &str) -> String {
    let mut s = String::new();
    if let Some(n) = numbering {
        s.push_str(n);
        s.push(' ');
    }
    s.push_str(title);
    s.push(' ');
    s.push_str(body);
    vanban::text::fold(&s)
}

// ---- audit -----------------------------------------------------------------------------

/// An item still without its search text, with its plan's year.
#[derive(sqlx::FromRow)]
struct UnfilledItemRow {
    id: i64,
    numbering: Option<String>,
    title: String,
    body: String,
    year: Option<i64>,
}

/// Fills the search text and dates of items that have none yet (after an import, and once
/// for items imported before this migration). Derived data: not audited.
pub(crate) async fn fill_items(conn: &mut Conn, plan: Option<PlanId>) -> R<u64> {
    let rows = sqlx::query_as::<_, UnfilledItemRow>(
        "SELECT i.id, i.numbering, i.title, i.body, p.year FROM items i
         JOIN plans p ON p.id = i.plan_id
         WHERE i.search_folded IS NULL AND ($1 < 0 OR i.plan_id = $1)",
    )
    .bind(plan.map_or(-1, |p| p.0))
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut deadlines: HashMap<i64, Vec<StartDue>> = HashMap::new();
    for (item, start, due) in sqlx::query_as::<_, (i64, Option<String>, Option<String>)>(
        "SELECT d.item_id, d.start_date, d.due FROM deadlines d
         JOIN items i ON i.id = d.item_id
         WHERE i.search_folded IS NULL AND ($1 < 0 OR i.plan_id = $1)",
    )
    .bind(plan.map_or(-1, |p| p.0))
    .fetch_all(&mut *conn)
    .await?
    {
        deadlines
            .entry(item)
            .or_default()
            .push((parse_date(start), parse_date(due)));
    }
    let filled = rows.len() as u64;
    for r in rows {
        let UnfilledItemRow {
            id,
            numbering,
            title,
            body,
            year,
        } = r;
        let dl = deadlines.remove(&id).unwrap_or_default();
        let dates = year
            .and_then(|y| i32::try_from(y).ok())
            .map(|y| tracking::item_dates(&dl, y));
        sqlx::query(
            "UPDATE items SET search_folded = $1, start_date = $2, due_date = $3,
                 dates_source = $4 WHERE id = $5",
        )
        .bind(search_text(numbering.as_deref(), &title, &body))
        .bind(date_text(dates.map(|d| d.0)))
        .bind(date_text(dates.map(|d| d.1)))
        .bind(dates.map(|d| dates_source_str(d.2)))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(filled)
}

pub(crate) async fn fill_all_items(pool: &Pool) -> R<u64> {
    let mut tx = begin_write(pool).await?;
    let n = fill_items(&mut tx, None).await?;
    tx.commit().await?;
    Ok(n)
}

// ---- item state ------------------------------------------------------------------------

/// An item's own tracking fields, as `load_item` reads them.
#[derive(sqlx::FromRow)]
struct TrackedItemRow {
    plan_id: i64,
    parent_id: Option<i64>,
    position: i64,
    title: String,
    body: String,
    added: bool,
    status: String,
    status_reason: Option<String>,
    start_date: Option<String>,
    due_date: Option<String>,
    dates_source: Option<String>,
    version: i64,
    removed_in: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ItemPersonRow {
    unit_id: i64,
    name: String,
    title: Option<String>,
    user_id: Option<i64>,
}

pub(crate) async fn load_item(conn: &mut Conn, id: ItemId) -> R<Option<ItemTracking>> {
    let Some(r) = sqlx::query_as::<_, TrackedItemRow>(
        "SELECT id, plan_id, parent_id, position, title, body, added, status, status_reason,
                start_date, due_date, dates_source, version, removed_in
         FROM items WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let units = own_units(conn, id).await?;
    let inherited_units = if units.is_empty() && r.parent_id.is_some() {
        inherited_units(conn, id).await?
    } else {
        Vec::new()
    };
    Ok(Some(ItemTracking {
        id,
        plan_id: PlanId(r.plan_id),
        parent_id: r.parent_id.map(ItemId),
        position: r.position,
        title: r.title,
        text: r.body,
        added: r.added,
        status: ItemStatus::from_str(&r.status).unwrap_or_default(),
        status_reason: r.status_reason,
        start: parse_date(r.start_date),
        due: parse_date(r.due_date),
        dates_source: dates_source(r.dates_source),
        version: r.version,
        removed_in: r.removed_in,
        units,
        inherited_units,
        people: responsible_people(conn, id).await?,
    }))
}

fn unit_relation(unit: i64, rel: &str) -> (UnitId, UnitRelation) {
    (
        UnitId(unit),
        UnitRelation::from_str(rel).unwrap_or(UnitRelation::Coordinating),
    )
}

/// The units the item names itself, leads first.
async fn own_units(conn: &mut Conn, id: ItemId) -> R<Vec<(UnitId, UnitRelation)>> {
    let rows = sqlx::query_as::<_, (i64, String)>(
        "SELECT unit_id, relation FROM item_units WHERE item_id = $1
         ORDER BY relation DESC, position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(|(u, rel)| unit_relation(*u, rel)).collect())
}

/// The units of the nearest ancestor that names any, as `item_effective_units` holds them.
async fn inherited_units(conn: &mut Conn, id: ItemId) -> R<Vec<(UnitId, UnitRelation)>> {
    let rows = sqlx::query_as::<_, (i64, String)>(
        "SELECT unit_id, relation FROM item_effective_units
         WHERE item_id = $1 AND inherited ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(|(u, rel)| unit_relation(*u, rel)).collect())
}

async fn responsible_people(conn: &mut Conn, id: ItemId) -> R<Vec<ResponsiblePerson>> {
    let rows = sqlx::query_as::<_, ItemPersonRow>(
        "SELECT unit_id, name, title, user_id FROM item_people WHERE item_id = $1
         ORDER BY unit_id, position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|p| ResponsiblePerson {
            unit_id: UnitId(p.unit_id),
            name: p.name,
            title: p.title,
            user_id: p.user_id.map(UserId),
        })
        .collect())
}

/// An item's tracking state (status, dates, version, units, people): 3 queries.
pub(crate) async fn item_tracking(pool: &Pool, id: ItemId) -> R<Option<ItemTracking>> {
    load_item(&mut *pool.read.acquire().await?, id).await
}

/// The item, to be written: an item a revision dropped is read-only (its page hides
/// the forms; this refuses what is posted anyway).
pub(crate) async fn locked_item(conn: &mut Conn, id: ItemId) -> R<ItemTracking> {
    // The row is the writer's until it commits (`LOCK_ROW`), then read as it stands.
    sqlx::query(sql!(
        "SELECT id FROM items WHERE id = $1{}",
        super::LOCK_ROW
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    let it = load_item(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("item {id}")))?;
    if it.removed_in.is_some() {
        return Err(domain::TrackingError::RemovedByRevision.into());
    }
    Ok(it)
}

/// The edit was made on the item's current version. Checked after the permission, so
/// that someone who may not change the item hears "not allowed", not "someone was first".
pub(crate) fn item_version(it: &ItemTracking, expected: i64) -> R<()> {
    tracking::check_version(it.version, expected).map_err(|c| conflict("item", it.id.0, c, it))
}

pub(crate) fn conflict(
    entity: &'static str,
    id: i64,
    c: Conflict,
    current: &impl serde::Serialize,
) -> StoreError {
    StoreError::Conflict {
        entity,
        id,
        conflict: c,
        current: serde_json::to_value(current).unwrap_or(serde_json::Value::Null),
    }
}

/// Bumps the version; the `version = $2` guard settles races the lock did not (PostgreSQL
/// READ COMMITTED).
pub(crate) async fn bump(conn: &mut Conn, at: i64, it: &ItemTracking) -> R<i64> {
    use super::tx::{Versioned, bump_version};
    if !bump_version(conn, at, Versioned::Item, it.id.0, it.version).await? {
        let current = load_item(conn, it.id).await?;
        let v = current.as_ref().map_or(0, |c| c.version);
        return Err(conflict(
            "item",
            it.id.0,
            Conflict {
                current: v,
                attempted: it.version,
            },
            &current,
        ));
    }
    Ok(it.version + 1)
}

pub(crate) fn item_json(it: &ItemTracking) -> serde_json::Value {
    serde_json::to_value(it).unwrap_or(serde_json::Value::Null)
}

pub(crate) async fn finish_item_change(
    conn: &mut Conn,
    at: i64,
    actor: &Actor,
    action: &str,
    before: &ItemTracking,
) -> R<i64> {
    let after = load_item(conn, before.id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("item {}", before.id)))?;
    audit_in(
        conn,
        at,
        &AuditEntry::new(Some(actor.user_id), action, "item", Some(before.id.0))
            .before(item_json(before))
            .after(item_json(&after)),
        before.plan_id,
        Some(before.id),
    )
    .await?;
    Ok(after.version)
}

/// Title, text and dates. Returns the new version.
pub(crate) async fn update_item(
    pool: &Pool,
    ctx: &Ctx,
    id: ItemId,
    expected: i64,
    edit: &ItemEdit,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, id).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
    item_version(&it, expected)?;
    let title = edit.title.as_deref().map(str::trim).unwrap_or(&it.title);
    if title.is_empty() {
        return Err(StoreError::Invalid("an item needs a title".into()));
    }
    let text = edit.text.as_deref().unwrap_or(&it.text);
    let start = edit.start.or(it.start);
    let due = edit.due.or(it.due);
    if let (Some(s), Some(d)) = (start, due)
        && s > d
    {
        return Err(StoreError::Invalid(format!("start {s} is after due {d}")));
    }
    let dates_changed = start != it.start || due != it.due;
    bump(&mut tx, now, &it).await?;
    let numbering: Option<String> = sqlx::query_scalar("SELECT numbering FROM items WHERE id = $1")
        .bind(id.0)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE items SET title = $1, body = $2, start_date = $3, due_date = $4,
             dates_source = $5, search_folded = $6 WHERE id = $7",
    )
    .bind(title)
    .bind(text)
    .bind(date_text(start))
    .bind(date_text(due))
    .bind(if dates_changed {
        Some(dates_source_str(DatesSource::Manual))
    } else {
        it.dates_source.map(dates_source_str)
    })
    .bind(search_text(numbering.as_deref(), title, text))
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    let v = finish_item_change(&mut tx, now, actor, "item.update", &it).await?;
    tx.commit().await?;
    Ok(v)
}

/// A status change checked by `domain::tracking::check_status_change`.
pub(crate) async fn set_item_status(
    pool: &Pool,
    ctx: &Ctx,
    id: ItemId,
    expected: i64,
    to: ItemStatus,
    reason: Option<&str>,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, id).await?;
    // Who, then which version, then the move: a stale form hears that the item changed
    // (with its current state), not that the move no longer exists from the new status.
    tracking::check_edit_item(actor, &it.item_units())?;
    item_version(&it, expected)?;
    let reason = tracking::check_status_change(actor, &it.item_units(), it.status, to, reason)?;
    bump(&mut tx, now, &it).await?;
    sqlx::query("UPDATE items SET status = $1, status_reason = $2 WHERE id = $3")
        .bind(to.as_str())
        .bind(reason)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let v = finish_item_change(&mut tx, now, actor, "item.status", &it).await?;
    tx.commit().await?;
    Ok(v)
}

/// Replaces the item's own units. The caller rewrites the plan's units in effect
/// (`effective_units::refresh_plan`) once its transaction has written them all.
pub(crate) async fn write_units(
    conn: &mut Conn,
    id: ItemId,
    lead: &[UnitId],
    coord: &[UnitId],
) -> R<()> {
    sqlx::query("DELETE FROM item_units WHERE item_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    let coord = coord.iter().filter(|c| !lead.contains(c));
    let rels = lead
        .iter()
        .map(|u| (u, UnitRelation::Lead))
        .chain(coord.map(|u| (u, UnitRelation::Coordinating)));
    for (pos, (u, rel)) in rels.enumerate() {
        sqlx::query(
            "INSERT INTO item_units (item_id, unit_id, relation, position)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(id.0)
        .bind(u.0)
        .bind(rel.as_str())
        .bind(pos as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Lead and coordinating units: the Board or an admin.
pub(crate) async fn set_item_units(
    pool: &Pool,
    ctx: &Ctx,
    id: ItemId,
    expected: i64,
    lead: &[UnitId],
    coordinating: &[UnitId],
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, id).await?;
    tracking::check_change_units(actor)?;
    item_version(&it, expected)?;
    bump(&mut tx, now, &it).await?;
    write_units(&mut tx, id, lead, coordinating).await?;
    super::effective_units::refresh_plan(&mut tx, it.plan_id).await?;
    let v = finish_item_change(&mut tx, now, actor, "item.units", &it).await?;
    tx.commit().await?;
    Ok(v)
}

/// Replaces the responsible people (each must be of a unit on the item).
pub(crate) async fn set_item_people(
    pool: &Pool,
    ctx: &Ctx,
    id: ItemId,
    expected: i64,
    people: &[ResponsiblePerson],
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, id).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
    item_version(&it, expected)?;
    if let Some(p) = people.iter().find(|p| {
        !it.effective_units().iter().any(|(u, _)| *u == p.unit_id) || p.name.trim().is_empty()
    }) {
        return Err(StoreError::Invalid(format!(
            "responsible person {:?} must have a name and belong to a unit of the item",
            p.name
        )));
    }
    bump(&mut tx, now, &it).await?;
    sqlx::query("DELETE FROM item_people WHERE item_id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    for (pos, p) in people.iter().enumerate() {
        sqlx::query(
            "INSERT INTO item_people (item_id, unit_id, position, name, title, user_id)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.0)
        .bind(p.unit_id.0)
        .bind(pos as i64)
        .bind(p.name.trim())
        .bind(p.title.as_deref())
        .bind(p.user_id.map(|u| u.0))
        .execute(&mut *tx)
        .await?;
    }
    let v = finish_item_change(&mut tx, now, actor, "item.people", &it).await?;
    tx.commit().await?;
    Ok(v)
}

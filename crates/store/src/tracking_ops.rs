//! Tracking queries (issue 4), written once like `ops.rs` and compiled twice, as
//! `sqlite::tracking_ops` and `postgres::tracking_ops`.
//!
//! Writes check permissions and versions inside their transaction (against the state
//! they lock), so that a check and the change it guards cannot be split by another
//! writer. Every change appends an audit entry naming its plan and item.

use super::{DB, Pool, begin_write};
use crate::model::{AuditEntry, AuditRecord};
use crate::tracking_model::*;
use crate::{Ctx, StoreError, date_text, parse_date};
use domain::tracking::{self, TrackingError};
use domain::{
    Actor, AuditId, Conflict, DatesSource, EnteredFigure, ItemId, ItemStatus, Period, PlanId,
    UnitId, UnitRelation, UserId,
};
use serde_json::json;
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

type Conn = <DB as sqlx::Database>::Connection;
type DbRow = <DB as sqlx::Database>::Row;
type R<T> = Result<T, StoreError>;
type StartDue = (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>);

/// SQL assembled from constant fragments, `$n` placeholders and database integer ids
/// only: never from user text (which is always bound).
macro_rules! sql {
    ($($t:tt)*) => {
        sqlx::AssertSqlSafe(format!($($t)*))
    };
}

fn dates_source_str(s: DatesSource) -> &'static str {
    match s {
        DatesSource::Deadlines => "deadlines",
        DatesSource::PlanYear => "plan_year",
        DatesSource::Manual => "manual",
    }
}

fn dates_source(s: Option<String>) -> Option<DatesSource> {
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

pub(crate) async fn audit_in(
    conn: &mut Conn,
    at: i64,
    e: &AuditEntry,
    plan: PlanId,
    item: Option<ItemId>,
) -> R<AuditId> {
    super::ops::write_audit(conn, at, e, Some(plan), item).await
}

fn audit_row(r: &DbRow) -> R<AuditRecord> {
    let parse = |s: Option<String>| -> R<Option<serde_json::Value>> {
        Ok(match s {
            Some(s) => Some(serde_json::from_str(&s)?),
            None => None,
        })
    };
    Ok(AuditRecord {
        id: AuditId(r.try_get(0)?),
        at: r.try_get(1)?,
        actor: r.try_get::<Option<i64>, _>(2)?.map(UserId),
        action: r.try_get(3)?,
        entity: r.try_get(4)?,
        entity_id: r.try_get(5)?,
        before: parse(r.try_get(6)?)?,
        after: parse(r.try_get(7)?)?,
    })
}

fn audit_page(rows: Vec<DbRow>, limit: i64) -> R<AuditPage> {
    let mut entries = rows.iter().map(audit_row).collect::<R<Vec<_>>>()?;
    let more = entries.len() as i64 > limit;
    entries.truncate(limit.max(0) as usize);
    let next_before = if more {
        entries.last().map(|e| e.id.0)
    } else {
        None
    };
    Ok(AuditPage {
        entries,
        next_before,
    })
}

const AUDIT_COLS: &str = "id, at, actor_id, action, entity, entity_id, before_json, after_json";

/// Entries about an item (its own and its reports', targets', evidence), newest first.
pub(crate) async fn audit_for_item(
    pool: &Pool,
    _ctx: &Ctx,
    item: ItemId,
    before: Option<i64>,
    limit: i64,
) -> R<AuditPage> {
    let rows = sqlx::query(sql!(
        "SELECT {AUDIT_COLS} FROM audit_log
         WHERE (item_id = $1 OR (entity = 'item' AND entity_id = $1)) AND id < $2
         ORDER BY id DESC LIMIT $3"
    ))
    .bind(item.0)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit + 1)
    .fetch_all(pool)
    .await?;
    audit_page(rows, limit)
}

/// Entries about a plan and everything in it, newest first.
pub(crate) async fn audit_for_plan(
    pool: &Pool,
    _ctx: &Ctx,
    plan: PlanId,
    before: Option<i64>,
    limit: i64,
) -> R<AuditPage> {
    let rows = sqlx::query(sql!(
        "SELECT {AUDIT_COLS} FROM audit_log
         WHERE (plan_id = $1 OR (entity = 'plan' AND entity_id = $1)) AND id < $2
         ORDER BY id DESC LIMIT $3"
    ))
    .bind(plan.0)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit + 1)
    .fetch_all(pool)
    .await?;
    audit_page(rows, limit)
}

// ---- derived item columns ----------------------------------------------------------------

/// Fills the search text and dates of items that have none yet (after an import, and once
/// for items imported before this migration). Derived data: not audited.
pub(crate) async fn fill_items(conn: &mut Conn, plan: Option<PlanId>) -> R<u64> {
    let rows = sqlx::query(
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
    for r in sqlx::query(
        "SELECT d.item_id, d.start_date, d.due FROM deadlines d
         JOIN items i ON i.id = d.item_id
         WHERE i.search_folded IS NULL AND ($1 < 0 OR i.plan_id = $1)",
    )
    .bind(plan.map_or(-1, |p| p.0))
    .fetch_all(&mut *conn)
    .await?
    {
        deadlines
            .entry(r.try_get(0)?)
            .or_default()
            .push((parse_date(r.try_get(1)?), parse_date(r.try_get(2)?)));
    }
    for r in &rows {
        let id: i64 = r.try_get(0)?;
        let numbering: Option<String> = r.try_get(1)?;
        let title: String = r.try_get(2)?;
        let body: String = r.try_get(3)?;
        let year: Option<i64> = r.try_get(4)?;
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
    Ok(rows.len() as u64)
}

pub(crate) async fn fill_all_items(pool: &Pool, _ctx: &Ctx) -> R<u64> {
    let mut tx = begin_write(pool).await?;
    let n = fill_items(&mut tx, None).await?;
    tx.commit().await?;
    Ok(n)
}

// ---- item state ------------------------------------------------------------------------

async fn load_item(conn: &mut Conn, id: ItemId) -> R<Option<ItemTracking>> {
    let Some(r) = sqlx::query(
        "SELECT id, plan_id, parent_id, position, title, body, added, status, status_reason,
                start_date, due_date, dates_source, version
         FROM items WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let status: String = r.try_get(7)?;
    let mut it = ItemTracking {
        id,
        plan_id: PlanId(r.try_get(1)?),
        parent_id: r.try_get::<Option<i64>, _>(2)?.map(ItemId),
        position: r.try_get(3)?,
        title: r.try_get(4)?,
        text: r.try_get(5)?,
        added: r.try_get(6)?,
        status: ItemStatus::from_str(&status).unwrap_or_default(),
        status_reason: r.try_get(8)?,
        start: parse_date(r.try_get(9)?),
        due: parse_date(r.try_get(10)?),
        dates_source: dates_source(r.try_get(11)?),
        version: r.try_get(12)?,
        units: Vec::new(),
        inherited_units: Vec::new(),
        people: Vec::new(),
    };
    for u in sqlx::query(
        "SELECT unit_id, relation FROM item_units WHERE item_id = $1
         ORDER BY relation DESC, position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    {
        let rel: String = u.try_get(1)?;
        it.units.push((
            UnitId(u.try_get(0)?),
            UnitRelation::from_str(&rel).unwrap_or(UnitRelation::Coordinating),
        ));
    }
    if it.units.is_empty() && it.parent_id.is_some() {
        // The nearest ancestor with units (lvl 1 = parent).
        let rows = sqlx::query(
            "WITH RECURSIVE up(id, parent_id, lvl) AS (
                 SELECT id, parent_id, 0 FROM items WHERE id = $1
                 UNION ALL
                 SELECT i.id, i.parent_id, up.lvl + 1 FROM items i JOIN up ON i.id = up.parent_id
             )
             SELECT iu.unit_id, iu.relation, up.lvl FROM up
             JOIN item_units iu ON iu.item_id = up.id
             WHERE up.lvl > 0
             ORDER BY up.lvl, iu.relation DESC, iu.position",
        )
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?;
        let nearest: Option<i32> = rows.first().map(|r| r.try_get(2)).transpose()?;
        for u in &rows {
            if Some(u.try_get::<i32, _>(2)?) != nearest {
                break;
            }
            let rel: String = u.try_get(1)?;
            it.inherited_units.push((
                UnitId(u.try_get(0)?),
                UnitRelation::from_str(&rel).unwrap_or(UnitRelation::Coordinating),
            ));
        }
    }
    for p in sqlx::query(
        "SELECT unit_id, name, title, user_id FROM item_people WHERE item_id = $1
         ORDER BY unit_id, position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    {
        it.people.push(ResponsiblePerson {
            unit_id: UnitId(p.try_get(0)?),
            name: p.try_get(1)?,
            title: p.try_get(2)?,
            user_id: p.try_get::<Option<i64>, _>(3)?.map(UserId),
        });
    }
    Ok(Some(it))
}

/// An item's tracking state (status, dates, version, units, people): 3 queries.
pub(crate) async fn item_tracking(pool: &Pool, _ctx: &Ctx, id: ItemId) -> R<Option<ItemTracking>> {
    load_item(&mut *pool.acquire().await?, id).await
}

async fn locked_item(conn: &mut Conn, id: ItemId, expected: Option<i64>) -> R<ItemTracking> {
    let it = load_item(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("item {id}")))?;
    if let Some(v) = expected {
        tracking::check_version(it.version, v).map_err(|c| conflict("item", id.0, c, &it))?;
    }
    Ok(it)
}

fn conflict(
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
async fn bump(conn: &mut Conn, at: i64, it: &ItemTracking) -> R<i64> {
    use super::ops::{Versioned, bump_version};
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

fn item_json(it: &ItemTracking) -> serde_json::Value {
    serde_json::to_value(it).unwrap_or(serde_json::Value::Null)
}

async fn finish_item_change(
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
    let it = locked_item(&mut tx, id, Some(expected)).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
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
    let it = locked_item(&mut tx, id, Some(expected)).await?;
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

async fn write_units(conn: &mut Conn, id: ItemId, lead: &[UnitId], coord: &[UnitId]) -> R<()> {
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
    let it = locked_item(&mut tx, id, Some(expected)).await?;
    tracking::check_change_units(actor)?;
    bump(&mut tx, now, &it).await?;
    write_units(&mut tx, id, lead, coordinating).await?;
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
    let it = locked_item(&mut tx, id, Some(expected)).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
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

/// Sibling ids in display order.
async fn siblings(
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

async fn renumber(conn: &mut Conn, ids: &[i64]) -> R<()> {
    for (pos, id) in ids.iter().enumerate() {
        sqlx::query("UPDATE items SET position = $1 WHERE id = $2 AND position <> $1")
            .bind(pos as i64)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

struct Placement {
    plan: PlanId,
    parent: Option<ItemId>,
    appendix: Option<i64>,
    depth: i64,
    /// The operation's time (created_at, updated_at).
    now: i64,
}

async fn insert_added(
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

/// Adds an item that is not in the document (`added = true`). Under a parent: whoever
/// may edit the parent, with the parent's units unless other units are given (which
/// needs the Board or an admin). At the top level: the Board or an admin.
pub(crate) async fn add_item(pool: &Pool, ctx: &Ctx, new: &NewItem, actor: &Actor) -> R<ItemId> {
    let now = ctx.now();
    let title = new.title.trim();
    if title.is_empty() {
        return Err(StoreError::Invalid("an item needs a title".into()));
    }
    let mut tx = begin_write(pool).await?;
    let (appendix, depth, lead, coord) = match new.parent_id {
        Some(p) => {
            let parent = locked_item(&mut tx, p, None).await?;
            if parent.plan_id != new.plan_id {
                return Err(StoreError::Invalid("the parent is in another plan".into()));
            }
            tracking::check_edit_item(actor, &parent.item_units())?;
            let (appendix, depth): (Option<i64>, i64) =
                sqlx::query_as("SELECT appendix_id, depth FROM items WHERE id = $1")
                    .bind(p.0)
                    .fetch_one(&mut *tx)
                    .await?;
            let units_of = |rel| -> Vec<UnitId> {
                parent
                    .units
                    .iter()
                    .filter(|(_, r)| *r == rel)
                    .map(|(u, _)| *u)
                    .collect()
            };
            let (pl, pc) = (
                units_of(UnitRelation::Lead),
                units_of(UnitRelation::Coordinating),
            );
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
            (appendix, depth + 1, lead, coord)
        }
        None => {
            tracking::check_change_units(actor)?;
            let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM plans WHERE id = $1")
                .bind(new.plan_id.0)
                .fetch_optional(&mut *tx)
                .await?;
            if exists.is_none() {
                return Err(StoreError::NotFound(format!("plan {}", new.plan_id)));
            }
            (None, 0, new.lead.clone(), new.coordinating.clone())
        }
    };
    let place = Placement {
        plan: new.plan_id,
        parent: new.parent_id,
        appendix,
        depth,
        now,
    };
    let id = insert_added(
        &mut tx,
        &place,
        new.numbering.as_deref(),
        title,
        &new.text,
        new.start,
        new.due,
    )
    .await?;
    write_units(&mut tx, id, &lead, &coord).await?;
    let mut sibs = siblings(&mut tx, new.plan_id, new.parent_id, appendix).await?;
    sibs.retain(|s| *s != id.0);
    let at = new
        .position
        .map_or(sibs.len(), |p| (p.max(0) as usize).min(sibs.len()));
    sibs.insert(at, id.0);
    renumber(&mut tx, &sibs).await?;
    let after = load_item(&mut tx, id).await?;
    audit_in(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "item.add", "item", Some(id.0))
            .after(serde_json::to_value(&after)?),
        new.plan_id,
        Some(id),
    )
    .await?;
    tx.commit().await?;
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
    actor: &Actor,
) -> R<Vec<ItemId>> {
    let now = ctx.now();
    if parts.len() < 2 || parts.iter().any(|p| p.title.trim().is_empty()) {
        return Err(StoreError::Invalid(
            "a split needs at least two parts, each with a title".into(),
        ));
    }
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, id, Some(expected)).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
    bump(&mut tx, now, &it).await?;
    let (appendix, depth, numbering): (Option<i64>, i64, Option<String>) =
        sqlx::query_as("SELECT appendix_id, depth, numbering FROM items WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
    let first = &parts[0];
    sqlx::query("UPDATE items SET title = $1, body = $2, search_folded = $3 WHERE id = $4")
        .bind(first.title.trim())
        .bind(&first.text)
        .bind(search_text(
            numbering.as_deref(),
            first.title.trim(),
            &first.text,
        ))
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    let lead: Vec<UnitId> = it
        .units
        .iter()
        .filter(|(_, r)| *r == UnitRelation::Lead)
        .map(|(u, _)| *u)
        .collect();
    let coord: Vec<UnitId> = it
        .units
        .iter()
        .filter(|(_, r)| *r == UnitRelation::Coordinating)
        .map(|(u, _)| *u)
        .collect();
    let place = Placement {
        plan: it.plan_id,
        parent: it.parent_id,
        appendix,
        depth,
        now,
    };
    let mut new_ids = Vec::new();
    for p in &parts[1..] {
        let nid = insert_added(
            &mut tx,
            &place,
            None,
            p.title.trim(),
            &p.text,
            it.start,
            it.due,
        )
        .await?;
        write_units(&mut tx, nid, &lead, &coord).await?;
        new_ids.push(nid);
    }
    let mut sibs = siblings(&mut tx, it.plan_id, it.parent_id, appendix).await?;
    sibs.retain(|s| !new_ids.iter().any(|n| n.0 == *s));
    let at = sibs
        .iter()
        .position(|s| *s == id.0)
        .map_or(sibs.len(), |p| p + 1);
    for (k, n) in new_ids.iter().enumerate() {
        sibs.insert(at + k, n.0);
    }
    renumber(&mut tx, &sibs).await?;
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
    tx.commit().await?;
    Ok(new_ids)
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
    let it = locked_item(&mut tx, id, Some(expected)).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
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

// ---- progress reports -----------------------------------------------------------------------

/// The years a plan's reports may cover: its year, widened by its items' dates.
async fn plan_years(conn: &mut Conn, plan: PlanId) -> R<(i32, i32)> {
    let (year, first, last): (Option<i64>, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT p.year, MIN(i.start_date), MAX(i.due_date)
         FROM plans p LEFT JOIN items i ON i.plan_id = p.id
         WHERE p.id = $1 GROUP BY p.id, p.year",
    )
    .bind(plan.0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("plan {plan}")))?;
    let y = |s: Option<String>| parse_date(s).map(|d| chrono::Datelike::year(&d));
    let year = year.and_then(|y| i32::try_from(y).ok());
    let lo = [year, y(first)].into_iter().flatten().min();
    let hi = [year, y(last)].into_iter().flatten().max();
    match (lo, hi) {
        (Some(lo), Some(hi)) => Ok((lo, hi)),
        // A plan with no year and no dates: its reports are not limited.
        _ => Ok((i32::MIN, i32::MAX)),
    }
}

/// The years a plan's reports may cover (see `plan_years`); None for an unknown plan.
pub(crate) async fn report_years(pool: &Pool, _ctx: &Ctx, plan: PlanId) -> R<Option<(i32, i32)>> {
    match plan_years(&mut *pool.acquire().await?, plan).await {
        Ok(y) => Ok(Some(y)),
        Err(StoreError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn check_report_content(conn: &mut Conn, it: &ItemTracking, new: &NewReport) -> R<()> {
    let (first, last) = plan_years(conn, it.plan_id).await?;
    new.period.check_within(first, last)?;
    let targets: Vec<i64> = sqlx::query_scalar("SELECT id FROM targets WHERE item_id = $1")
        .bind(it.id.0)
        .fetch_all(&mut *conn)
        .await?;
    if let Some((t, _)) = new
        .content
        .figures
        .iter()
        .find(|(t, _)| !targets.contains(t))
    {
        return Err(TrackingError::UnknownTarget(*t).into());
    }
    if !new.evidence.is_empty() {
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM evidence WHERE item_id = $1")
            .bind(it.id.0)
            .fetch_all(&mut *conn)
            .await?;
        if let Some(e) = new.evidence.iter().find(|e| !ids.contains(e)) {
            return Err(StoreError::Invalid(format!(
                "evidence {e} is not on this item"
            )));
        }
    }
    Ok(())
}

async fn insert_report(
    conn: &mut Conn,
    at: i64,
    new: &NewReport,
    version: i64,
    previous: Option<(i64, i64)>,
    actor: UserId,
) -> R<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO progress_reports (item_id, unit_id, period, period_start, period_end,
             version, previous_id, first_id, text, percent, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(new.item_id.0)
    .bind(new.unit_id.0)
    .bind(new.period.to_string())
    .bind(date_text(Some(new.period.start())))
    .bind(date_text(Some(new.period.end())))
    .bind(version)
    .bind(previous.map(|p| p.0))
    .bind(previous.map(|p| p.1))
    .bind(&new.content.text)
    .bind(new.content.percent.map(i64::from))
    .bind(at)
    .bind(actor.0)
    .fetch_one(&mut *conn)
    .await?;
    for (t, f) in &new.content.figures {
        sqlx::query("INSERT INTO report_figures (report_id, target_id, value) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(t)
            .bind(f.get())
            .execute(&mut *conn)
            .await?;
    }
    for (pos, e) in new.evidence.iter().enumerate() {
        sqlx::query(
            "INSERT INTO report_evidence (report_id, evidence_id, position) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(e)
        .bind(pos as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

fn report_json(new: &NewReport, version: i64) -> serde_json::Value {
    json!({
        "item_id": new.item_id,
        "unit_id": new.unit_id,
        "period": new.period,
        "version": version,
        "text": new.content.text,
        "percent": new.content.percent,
        "figures": new.content.figures,
        "evidence": new.evidence,
    })
}

/// Files the first version of a unit's report on an item for a period. A report that
/// exists already is a conflict: edit it instead.
pub(crate) async fn file_report(
    pool: &Pool,
    ctx: &Ctx,
    new: &NewReport,
    actor: &Actor,
) -> R<ReportVersion> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, new.item_id, None).await?;
    tracking::check_report(actor, &it.item_units(), new.unit_id)?;
    check_report_content(&mut tx, &it, new).await?;
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM progress_reports
         WHERE item_id = $1 AND unit_id = $2 AND period = $3 AND previous_id IS NULL",
    )
    .bind(new.item_id.0)
    .bind(new.unit_id.0)
    .bind(new.period.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(first) = existing {
        drop(tx);
        return Err(report_conflict(pool, ctx, first, 0).await);
    }
    let id = match insert_report(&mut tx, now, new, 1, None, actor.user_id).await {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            // Another writer filed the same report first (PostgreSQL race).
            drop(tx);
            let first: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM progress_reports
                 WHERE item_id = $1 AND unit_id = $2 AND period = $3 AND previous_id IS NULL",
            )
            .bind(new.item_id.0)
            .bind(new.unit_id.0)
            .bind(new.period.to_string())
            .fetch_optional(pool)
            .await?;
            return Err(match first {
                Some(first) => report_conflict(pool, ctx, first, 0).await,
                None => e,
            });
        }
        Err(e) => return Err(e),
    };
    audit_in(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "report.file", "report", Some(id))
            .after(report_json(new, 1)),
        it.plan_id,
        Some(it.id),
    )
    .await?;
    tx.commit().await?;
    report_versions_of(pool, id)
        .await?
        .pop()
        .ok_or_else(|| StoreError::NotFound(format!("report {id}")))
}

async fn report_conflict(pool: &Pool, _ctx: &Ctx, first: i64, attempted: i64) -> StoreError {
    match report_versions_of(pool, first).await {
        Ok(versions) => {
            let latest = versions.last();
            StoreError::Conflict {
                entity: "report",
                id: first,
                conflict: Conflict {
                    current: latest.map_or(0, |l| l.version),
                    attempted,
                },
                current: serde_json::to_value(latest).unwrap_or(serde_json::Value::Null),
            }
        }
        Err(e) => e,
    }
}

/// A new version of report `report_id` (its first version's id), made over version
/// `expected`. Only the latest version can be edited; anything else is a conflict
/// carrying the current version.
pub(crate) async fn edit_report(
    pool: &Pool,
    ctx: &Ctx,
    report_id: i64,
    expected: i64,
    content: &domain::ReportContent,
    evidence: &[i64],
    actor: &Actor,
) -> R<ReportVersion> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let Some(r) = sqlx::query(
        "SELECT r.id, r.item_id, r.unit_id, r.period, r.version FROM progress_reports r
         WHERE (r.id = $1 OR r.first_id = $1)
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)",
    )
    .bind(report_id)
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Err(StoreError::NotFound(format!("report {report_id}")));
    };
    let latest_id: i64 = r.try_get(0)?;
    let period: String = r.try_get(3)?;
    let version: i64 = r.try_get(4)?;
    let new = NewReport {
        item_id: ItemId(r.try_get(1)?),
        unit_id: UnitId(r.try_get(2)?),
        period: Period::from_str(&period)?,
        content: content.clone(),
        evidence: evidence.to_vec(),
    };
    if version != expected {
        drop(tx);
        return Err(report_conflict(pool, ctx, report_id, expected).await);
    }
    let it = locked_item(&mut tx, new.item_id, None).await?;
    tracking::check_report(actor, &it.item_units(), new.unit_id)?;
    check_report_content(&mut tx, &it, &new).await?;
    let id = match insert_report(
        &mut tx,
        now,
        &new,
        version + 1,
        Some((latest_id, report_id)),
        actor.user_id,
    )
    .await
    {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            drop(tx);
            return Err(report_conflict(pool, ctx, report_id, expected).await);
        }
        Err(e) => return Err(e),
    };
    audit_in(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "report.edit",
            "report",
            Some(report_id),
        )
        .before(json!({ "version": version, "id": latest_id }))
        .after(report_json(&new, version + 1)),
        it.plan_id,
        Some(it.id),
    )
    .await?;
    tx.commit().await?;
    report_versions_of(pool, report_id)
        .await?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("report {id}")))
}

const REPORT_COLS: &str =
    "r.id, COALESCE(r.first_id, r.id), r.item_id, r.unit_id, u.name, r.period,
    r.version, r.previous_id, r.text, r.percent, r.created_at, r.created_by,
    NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)";

/// Versions with their figures and evidence, in 3 queries whatever their number.
async fn load_reports(conn: &mut Conn, rows: Vec<DbRow>) -> R<Vec<ReportVersion>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let period: String = r.try_get(5)?;
        out.push(ReportVersion {
            id: r.try_get(0)?,
            report_id: r.try_get(1)?,
            item_id: ItemId(r.try_get(2)?),
            unit_id: UnitId(r.try_get(3)?),
            unit_name: r.try_get(4)?,
            period: Period::from_str(&period)?,
            version: r.try_get(6)?,
            previous_id: r.try_get(7)?,
            text: r.try_get(8)?,
            percent: r.try_get(9)?,
            figures: Vec::new(),
            evidence: Vec::new(),
            created_at: r.try_get(10)?,
            created_by: r.try_get::<Option<i64>, _>(11)?.map(UserId),
            is_latest: r.try_get(12)?,
        });
    }
    if out.is_empty() {
        return Ok(out);
    }
    let ids = out
        .iter()
        .map(|r| r.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    // The ids are integers from the database, so inlining them is safe.
    for f in sqlx::query(sql!(
        "SELECT f.report_id, f.target_id, f.value FROM report_figures f
         JOIN targets t ON t.id = f.target_id
         WHERE f.report_id IN ({ids}) ORDER BY f.report_id, t.position"
    ))
    .fetch_all(&mut *conn)
    .await?
    {
        let rid: i64 = f.try_get(0)?;
        out[index[&rid]]
            .figures
            .push((f.try_get(1)?, f.try_get(2)?));
    }
    for e in sqlx::query(sql!(
        "SELECT re.report_id, {EVIDENCE_COLS} FROM report_evidence re
         JOIN evidence e ON e.id = re.evidence_id
         WHERE re.report_id IN ({ids}) ORDER BY re.report_id, re.position"
    ))
    .fetch_all(&mut *conn)
    .await?
    {
        let rid: i64 = e.try_get(0)?;
        out[index[&rid]].evidence.push(evidence_row(&e, 1)?);
    }
    Ok(out)
}

async fn report_versions_of(pool: &Pool, report_id: i64) -> R<Vec<ReportVersion>> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query(sql!(
        "SELECT {REPORT_COLS} FROM progress_reports r JOIN units u ON u.id = r.unit_id
         WHERE r.id = $1 OR r.first_id = $1 ORDER BY r.version"
    ))
    .bind(report_id)
    .fetch_all(&mut *conn)
    .await?;
    load_reports(&mut conn, rows).await
}

/// Every version of a report (by any of its versions' ids), oldest first.
pub(crate) async fn report_history(
    pool: &Pool,
    _ctx: &Ctx,
    any_version: i64,
) -> R<Vec<ReportVersion>> {
    let first: Option<i64> =
        sqlx::query_scalar("SELECT COALESCE(first_id, id) FROM progress_reports WHERE id = $1")
            .bind(any_version)
            .fetch_optional(pool)
            .await?;
    match first {
        Some(f) => report_versions_of(pool, f).await,
        None => Ok(Vec::new()),
    }
}

/// The latest version of each report on an item, newest period first.
pub(crate) async fn item_reports(pool: &Pool, _ctx: &Ctx, item: ItemId) -> R<Vec<ReportVersion>> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query(sql!(
        "SELECT {REPORT_COLS} FROM progress_reports r JOIN units u ON u.id = r.unit_id
         WHERE r.item_id = $1
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
         ORDER BY r.period_end DESC, r.period_start DESC, u.name, r.id"
    ))
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    load_reports(&mut conn, rows).await
}

// ---- evidence ---------------------------------------------------------------------------

const EVIDENCE_COLS: &str = "e.id, e.item_id, e.sha256, e.size, e.mime, e.original_name, e.stored_path, e.uploaded_by, e.uploaded_at";

fn evidence_row(r: &DbRow, off: usize) -> R<EvidenceRecord> {
    Ok(EvidenceRecord {
        id: r.try_get(off)?,
        item_id: ItemId(r.try_get(off + 1)?),
        sha256: r.try_get(off + 2)?,
        size: r.try_get(off + 3)?,
        mime: r.try_get(off + 4)?,
        original_name: r.try_get(off + 5)?,
        stored_path: r.try_get(off + 6)?,
        uploaded_by: r.try_get::<Option<i64>, _>(off + 7)?.map(UserId),
        uploaded_at: r.try_get(off + 8)?,
    })
}

/// Records a stored file (see `evidence_store`) as evidence on an item. Whoever may
/// report on the item for one of their units may add evidence.
pub(crate) async fn add_evidence(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    stored: &crate::evidence_store::StoredFile,
    original_name: &str,
    actor: &Actor,
) -> R<EvidenceRecord> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, item, None).await?;
    let may = actor
        .unit_ids
        .iter()
        .any(|u| tracking::check_report(actor, &it.item_units(), *u).is_ok());
    if !may {
        return Err(TrackingError::Forbidden {
            action: "add evidence to the item",
        }
        .into());
    }
    let name: String = original_name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO evidence (item_id, sha256, size, mime, original_name, stored_path,
             uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(item.0)
    .bind(&stored.sha256)
    .bind(stored.size as i64)
    .bind(&stored.mime)
    .bind(&name)
    .bind(&stored.relative_path)
    .bind(actor.user_id.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let rec = EvidenceRecord {
        id,
        item_id: item,
        sha256: stored.sha256.clone(),
        size: stored.size as i64,
        mime: stored.mime.clone(),
        original_name: name,
        stored_path: stored.relative_path.clone(),
        uploaded_by: Some(actor.user_id),
        uploaded_at: at,
    };
    audit_in(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "evidence.add", "evidence", Some(id))
            .after(serde_json::to_value(&rec)?),
        it.plan_id,
        Some(item),
    )
    .await?;
    tx.commit().await?;
    Ok(rec)
}

pub(crate) async fn evidence(pool: &Pool, _ctx: &Ctx, id: i64) -> R<Option<EvidenceRecord>> {
    let r = sqlx::query(sql!(
        "SELECT {EVIDENCE_COLS} FROM evidence e WHERE e.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    r.map(|r| evidence_row(&r, 0)).transpose()
}

// ---- targets and counting ---------------------------------------------------------------

/// Sets how a target's actual is obtained (an item edit: the lead unit, Board, admin).
pub(crate) async fn set_target_source(
    pool: &Pool,
    ctx: &Ctx,
    target: i64,
    source: &TargetSource,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let row: Option<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT item_id, source, rule_json FROM targets WHERE id = $1")
            .bind(target)
            .fetch_optional(&mut *tx)
            .await?;
    let (item, old_source, old_rule) =
        row.ok_or_else(|| StoreError::NotFound(format!("target {target}")))?;
    let it = locked_item(&mut tx, ItemId(item), None).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
    let (code, rule) = match source {
        TargetSource::Entered => ("entered", None),
        TargetSource::Counted { rule } => {
            if rule.kinds.is_empty() {
                return Err(StoreError::Invalid(
                    "a counting rule needs a record kind".into(),
                ));
            }
            if rule.item.is_some_and(|i| i != it.id) {
                return Err(StoreError::Invalid(
                    "a counting rule can only link to the target's own item".into(),
                ));
            }
            ("counted", Some(serde_json::to_string(rule)?))
        }
    };
    sqlx::query("UPDATE targets SET source = $1, rule_json = $2 WHERE id = $3")
        .bind(code)
        .bind(&rule)
        .bind(target)
        .execute(&mut *tx)
        .await?;
    audit_in(
        &mut tx, now,
        &AuditEntry::new(Some(actor.user_id), "target.source", "target", Some(target))
            .before(json!({ "source": old_source, "rule": old_rule.map(|r| serde_json::from_str::<serde_json::Value>(&r).unwrap_or_default()) }))
            .after(serde_json::to_value(source)?),
        it.plan_id,
        Some(it.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves a countable record by its `source_key` (replacing the earlier one, links
/// included). Record kinds call this in their own write path. Not audited here: the
/// owning record's change is.
pub(crate) async fn save_record(pool: &Pool, ctx: &Ctx, rec: &CountableRecord) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = save_record_in(&mut tx, now, rec).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`save_record`] inside the caller's transaction (an event writes its record with it).
pub(crate) async fn save_record_in(conn: &mut Conn, at: i64, rec: &CountableRecord) -> R<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO records (kind, status, record_date, numbers_json, title, source_key, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (source_key) DO UPDATE SET kind = excluded.kind, status = excluded.status,
             record_date = excluded.record_date, numbers_json = excluded.numbers_json,
             title = excluded.title, updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(&rec.kind)
    .bind(&rec.status)
    .bind(date_text(rec.date))
    .bind(serde_json::to_string(&rec.numbers)?)
    .bind(&rec.title)
    .bind(&rec.source_key)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM record_items WHERE record_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for i in &rec.items {
        sqlx::query(
            "INSERT INTO record_items (record_id, item_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(i.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

fn records_from_rows(rows: Vec<DbRow>) -> R<Vec<CountableRecord>> {
    let mut by_id: BTreeMap<i64, CountableRecord> = BTreeMap::new();
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let item: Option<i64> = r.try_get(6)?;
        if let Some(rec) = by_id.get_mut(&id) {
            rec.items.extend(item.map(ItemId));
            continue;
        }
        let numbers: String = r.try_get(4)?;
        by_id.insert(
            id,
            CountableRecord {
                kind: r.try_get(1)?,
                status: r.try_get(2)?,
                date: parse_date(r.try_get(3)?),
                numbers: serde_json::from_str(&numbers)?,
                title: r.try_get(5)?,
                source_key: r.try_get::<Option<String>, _>(7)?.unwrap_or_default(),
                items: item.map(ItemId).into_iter().collect(),
            },
        );
    }
    Ok(by_id.into_values().collect())
}

const RECORD_COLS: &str = "rec.id, rec.kind, rec.status, rec.record_date, rec.numbers_json, rec.title, ri.item_id, rec.source_key";

/// Every target of a plan with its actual and attainment, in 3 queries (4 when a rule
/// counts records not linked to the item).
pub(crate) async fn plan_target_progress(
    pool: &Pool,
    ctx: &Ctx,
    plan: PlanId,
) -> R<Vec<TargetProgress>> {
    let mut conn = pool.acquire().await?;
    ctx.count_view_query();
    let targets = sqlx::query(
        "SELECT t.id, t.item_id, t.min_value, t.max_value, t.unit, t.per, t.text, t.source, t.rule_json
         FROM targets t JOIN items i ON i.id = t.item_id
         WHERE i.plan_id = $1 ORDER BY i.seq, t.position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(targets.len());
    for r in &targets {
        let source: String = r.try_get(7)?;
        let rule: Option<String> = r.try_get(8)?;
        let source = match (source.as_str(), rule) {
            ("counted", Some(rule)) => TargetSource::Counted {
                rule: serde_json::from_str(&rule)?,
            },
            _ => TargetSource::Entered,
        };
        out.push(TargetProgress {
            target_id: r.try_get(0)?,
            item_id: ItemId(r.try_get(1)?),
            min: r.try_get(2)?,
            max: r.try_get(3)?,
            unit: r.try_get(4)?,
            per: r.try_get(5)?,
            text: r.try_get(6)?,
            source,
            actual: None,
            attainment: None,
        });
    }

    // Entered: the figures of each report's latest version.
    ctx.count_view_query();
    let mut entered: HashMap<i64, Vec<EnteredFigure>> = HashMap::new();
    for f in sqlx::query(
        "SELECT f.target_id, r.unit_id, r.period_end, r.id, f.value
         FROM report_figures f
         JOIN progress_reports r ON r.id = f.report_id
         JOIN items i ON i.id = r.item_id
         WHERE i.plan_id = $1
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?
    {
        let end: String = f.try_get(2)?;
        entered
            .entry(f.try_get(0)?)
            .or_default()
            .push(EnteredFigure {
                unit: UnitId(f.try_get(1)?),
                period_end: parse_date(Some(end)).unwrap_or_default(),
                seq: f.try_get(3)?,
                value: f.try_get(4)?,
            });
    }

    // Counted: records linked to the plan's items, plus (rarely) unlinked kinds.
    let counted = out
        .iter()
        .any(|t| matches!(t.source, TargetSource::Counted { .. }));
    let mut records = Vec::new();
    if counted {
        ctx.count_view_query();
        records = records_from_rows(
            sqlx::query(sql!(
                "SELECT {RECORD_COLS} FROM records rec
                 JOIN record_items ri ON ri.record_id = rec.id
                 WHERE rec.id IN (SELECT ri2.record_id FROM record_items ri2
                                  JOIN items i ON i.id = ri2.item_id WHERE i.plan_id = $1)
                 ORDER BY rec.id"
            ))
            .bind(plan.0)
            .fetch_all(&mut *conn)
            .await?,
        )?;
    }
    let mut unlinked_kinds: Vec<String> = out
        .iter()
        .filter_map(|t| match &t.source {
            TargetSource::Counted { rule } if rule.item.is_none() => Some(rule.kinds.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    unlinked_kinds.sort();
    unlinked_kinds.dedup();
    let mut all_of_kinds = Vec::new();
    if !unlinked_kinds.is_empty() {
        ctx.count_view_query();
        let mut q = format!(
            "SELECT {RECORD_COLS} FROM records rec
             LEFT JOIN record_items ri ON ri.record_id = rec.id WHERE rec.kind IN ("
        );
        for k in 0..unlinked_kinds.len() {
            q.push_str(if k == 0 { "$" } else { ", $" });
            q.push_str(&(k + 1).to_string());
        }
        q.push_str(") ORDER BY rec.id");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(q));
        for k in &unlinked_kinds {
            query = query.bind(k);
        }
        all_of_kinds = records_from_rows(query.fetch_all(&mut *conn).await?)?;
    }

    for t in &mut out {
        t.actual = match &t.source {
            TargetSource::Entered => entered
                .get(&t.target_id)
                .and_then(|f| domain::entered_actual(f)),
            TargetSource::Counted { rule } => {
                let pool = if rule.item.is_some() {
                    &records
                } else {
                    &all_of_kinds
                };
                Some(domain::actual(rule, pool))
            }
        };
        t.attainment = t.actual.map(|a| domain::attainment(a, t.min, t.max));
    }
    Ok(out)
}

// ---- item list --------------------------------------------------------------------------------

fn like_pattern(folded: &str) -> String {
    let mut p = String::from("%");
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The item list: filters, a page, the total, and each row's units. 2 queries (3 past
/// the last page).
pub(crate) async fn list_items(pool: &Pool, ctx: &Ctx, f: &ItemFilter) -> R<ItemPage> {
    enum Arg {
        I(i64),
        S(String),
    }
    fn add(clauses: &mut Vec<String>, args: &mut Vec<Arg>, clause: &str, arg: Arg) {
        args.push(arg);
        clauses.push(clause.replace('?', &format!("${}", args.len())));
    }
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Arg> = Vec::new();
    if let Some(p) = f.plan_id {
        add(&mut clauses, &mut args, "i.plan_id = ?", Arg::I(p.0));
    }
    if let Some(u) = f.unit_id {
        match f.relation {
            Some(rel) => {
                args.push(Arg::S(rel.as_str().to_string()));
                let n = args.len();
                let clause = format!(
                    "i.id IN (SELECT item_id FROM item_units WHERE unit_id = ? AND relation = ${n})"
                );
                add(&mut clauses, &mut args, &clause, Arg::I(u.0));
            }
            None => add(
                &mut clauses,
                &mut args,
                "i.id IN (SELECT item_id FROM item_units WHERE unit_id = ?)",
                Arg::I(u.0),
            ),
        }
    }
    if let Some(units) = &f.visible_units {
        let mut marks = Vec::new();
        for u in units {
            args.push(Arg::I(u.0));
            marks.push(format!("${}", args.len()));
        }
        // No units: nothing is shared.
        let list = if marks.is_empty() {
            "NULL".to_string()
        } else {
            marks.join(", ")
        };
        clauses.push(format!(
            "i.id IN (SELECT item_id FROM item_units WHERE unit_id IN ({list}))"
        ));
    }
    if !f.statuses.is_empty() {
        let mut marks = Vec::new();
        for s in &f.statuses {
            args.push(Arg::S(s.as_str().to_string()));
            marks.push(format!("${}", args.len()));
        }
        clauses.push(format!("i.status IN ({})", marks.join(", ")));
    }
    if let Some(d) = f.due_from {
        add(
            &mut clauses,
            &mut args,
            "i.due_date >= ?",
            Arg::S(d.to_string()),
        );
    }
    if let Some(d) = f.due_to {
        add(
            &mut clauses,
            &mut args,
            "i.due_date <= ?",
            Arg::S(d.to_string()),
        );
    }
    if let Some(t) = f
        .text
        .as_deref()
        .map(vanban::text::fold)
        .map(|t| t.trim().to_string())
        && !t.is_empty()
    {
        add(
            &mut clauses,
            &mut args,
            "i.search_folded LIKE ? ESCAPE '\\'",
            Arg::S(like_pattern(&t)),
        );
    }
    if let Some(after) = f.after_id {
        add(&mut clauses, &mut args, "i.id > ?", Arg::I(after.0));
    }
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let per_page = f.per_page.clamp(1, 1000);
    let page = f.page.max(1);
    let bind = |q: &str, extra: &[i64]| {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(q.to_string()));
        for a in &args {
            query = match a {
                Arg::I(i) => query.bind(*i),
                Arg::S(s) => query.bind(s.clone()),
            };
        }
        for e in extra {
            query = query.bind(*e);
        }
        query
    };
    let mut conn = pool.acquire().await?;
    let n = args.len();
    ctx.count_view_query();
    let rows = if f.after_id.is_some() {
        bind(
            &format!(
                "SELECT i.id, i.plan_id, i.numbering, i.title, i.status, i.start_date,
                        i.due_date, i.added
                 FROM items i {filter} ORDER BY i.id LIMIT ${}",
                n + 1
            ),
            &[per_page],
        )
        .fetch_all(&mut *conn)
        .await?
    } else {
        // NULLS LAST is PostgreSQL's default for ASC, and SQLite walks the
        // (due_date, id) index for it too: the first pages need no sort.
        bind(
            &format!(
                "SELECT i.id, i.plan_id, i.numbering, i.title, i.status, i.start_date,
                        i.due_date, i.added
                 FROM items i {filter}
                 ORDER BY i.due_date NULLS LAST, i.id LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2
            ),
            &[per_page, (page - 1) * per_page],
        )
        .fetch_all(&mut *conn)
        .await?
    };
    let offset = (page - 1) * per_page;
    let (total, total_capped) = if f.after_id.is_some() {
        (rows.len() as i64, false)
    } else if (rows.len() as i64) < per_page && (!rows.is_empty() || page == 1) {
        // The last page: the total is known without counting.
        (offset + rows.len() as i64, false)
    } else {
        // Counted up to a cap: an exact count of 100,000 rows costs more than the page,
        // and nobody pages through more than the cap; they narrow the filters.
        ctx.count_view_query();
        let n: i64 = bind(
            &format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM items i {filter} LIMIT {}) c",
                crate::LIST_COUNT_CAP + 1
            ),
            &[],
        )
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
        if n > crate::LIST_COUNT_CAP {
            (crate::LIST_COUNT_CAP, true)
        } else {
            (n, false)
        }
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let status: String = r.try_get(4)?;
        out.push(ItemListRow {
            id: ItemId(r.try_get(0)?),
            plan_id: PlanId(r.try_get(1)?),
            numbering: r.try_get(2)?,
            title: r.try_get(3)?,
            status: ItemStatus::from_str(&status).unwrap_or_default(),
            start: parse_date(r.try_get(5)?),
            due: parse_date(r.try_get(6)?),
            added: r.try_get(7)?,
            lead_units: Vec::new(),
            coordinating_units: Vec::new(),
        });
    }
    if !out.is_empty() {
        let ids = out
            .iter()
            .map(|r| r.id.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, r)| (r.id.0, i)).collect();
        ctx.count_view_query();
        // Integer ids from the database: safe to inline.
        for u in sqlx::query(sql!(
            "SELECT iu.item_id, iu.relation, u.name FROM item_units iu
             JOIN units u ON u.id = iu.unit_id
             WHERE iu.item_id IN ({ids}) ORDER BY iu.item_id, iu.position"
        ))
        .fetch_all(&mut *conn)
        .await?
        {
            let item: i64 = u.try_get(0)?;
            let rel: String = u.try_get(1)?;
            let row = &mut out[index[&item]];
            if rel == "lead" {
                row.lead_units.push(u.try_get(2)?);
            } else {
                row.coordinating_units.push(u.try_get(2)?);
            }
        }
    }
    Ok(ItemPage {
        rows: out,
        total,
        total_capped,
        page,
        per_page,
    })
}

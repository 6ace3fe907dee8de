//! An admin's changes to units: add one, rename it or change its parent body (the old
//! name kept as an alias so that a re-imported document still finds it), deactivate and
//! reactivate it. Each is one transaction with its audit entry.

use super::tx::{Versioned, audit, bump_version};
use super::units::{UNIT_COLS, UnitRow};
use super::{Conn, Pool, R, begin_write};
use crate::model::*;
use crate::{Ctx, StoreError};
use domain::setup::{UNIT_NAME_LIMIT, check_name, parent_makes_cycle};
use domain::tracking::TrackingError;
use domain::{Actor, SetupError, UnitId};
use serde_json::json;
use std::collections::HashMap;

fn admin_only(actor: &Actor, action: &'static str) -> R<()> {
    if domain::can_admin(actor) {
        Ok(())
    } else {
        Err(TrackingError::Forbidden { action }.into())
    }
}

async fn locked_unit(conn: &mut Conn, id: UnitId) -> R<Unit> {
    sqlx::query_as::<_, UnitRow>(sql!("SELECT {UNIT_COLS} FROM units WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(Unit::from)
        .ok_or_else(|| StoreError::NotFound(format!("unit {id}")))
}

fn unit_json(u: &Unit) -> serde_json::Value {
    json!({
        "name": u.name, "external": u.external, "active": u.active,
        "parent": u.parent.map(|p| p.0), "version": u.version,
    })
}

/// Refuses a name that another unit has, or that the alias table sends to another unit
/// (an import would then put that unit's work under this one). `own`: the unit renamed.
async fn check_name_free(conn: &mut Conn, key: &str, own: Option<&Unit>) -> R<()> {
    let holder: Option<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM units WHERE folded_name = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((_, other)) = holder.filter(|(id, _)| own.is_none_or(|u| u.id.0 != *id)) {
        return Err(SetupError::UnitNameTaken(other).into());
    }
    let alias_to: Option<String> =
        sqlx::query_scalar("SELECT unit_name FROM unit_abbreviations WHERE alias_key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    // A former name of this very unit may become its name again.
    match alias_to.map(|t| (domain::unit_key(&t), t)) {
        Some((to, target)) if to != key && own.is_none_or(|u| u.key != to) => {
            Err(SetupError::UnitNameTaken(target).into())
        }
        _ => Ok(()),
    }
}

/// Refuses a parent that does not exist or that would put the unit under itself.
async fn check_parent(conn: &mut Conn, unit: Option<UnitId>, parent: Option<UnitId>) -> R<()> {
    let Some(p) = parent else { return Ok(()) };
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as("SELECT id, parent_id FROM units")
        .fetch_all(&mut *conn)
        .await?;
    let parent_of: HashMap<UnitId, Option<UnitId>> = rows
        .into_iter()
        .map(|(id, p)| (UnitId(id), p.map(UnitId)))
        .collect();
    if !parent_of.contains_key(&p) {
        return Err(StoreError::NotFound(format!("unit {p}")));
    }
    if let Some(u) = unit
        && parent_makes_cycle(u, parent, &parent_of)
    {
        return Err(SetupError::ParentCycle.into());
    }
    Ok(())
}

pub(crate) async fn create_unit(
    pool: &Pool,
    ctx: &Ctx,
    new: &UnitInput,
    actor: &Actor,
) -> R<UnitId> {
    let now = ctx.now();
    admin_only(actor, "add a unit")?;
    let name = check_name(&new.name, UNIT_NAME_LIMIT)?;
    let key = domain::unit_key(&name);
    let (kind, _) = domain::units::classify_unit(&name);
    let mut tx = begin_write(pool).await?;
    check_name_free(&mut tx, &key, None).await?;
    check_parent(&mut tx, None, new.parent).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO units (name, folded_name, external, kind, parent_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(&name)
    .bind(&key)
    .bind(new.external)
    .bind(kind.as_str())
    .bind(new.parent.map(|p| p.0))
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match StoreError::from(e) {
        e if e.is_unique_violation() => SetupError::UnitNameTaken(name.clone()).into(),
        e => e,
    })?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "unit.create", "unit", Some(id)).after(json!({
            "name": name, "external": new.external, "kind": kind.as_str(),
            "parent": new.parent.map(|p| p.0),
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(UnitId(id))
}

fn conflict(u: &Unit, attempted: i64) -> StoreError {
    StoreError::Conflict {
        entity: "unit",
        id: u.id.0,
        conflict: domain::Conflict {
            current: u.version,
            attempted,
        },
        current: unit_json(u),
    }
}

/// Locks the unit and checks the form's version; bumps it.
async fn open_edit(conn: &mut Conn, at: i64, id: UnitId, version: i64) -> R<Unit> {
    let before = locked_unit(conn, id).await?;
    domain::check_version(before.version, version).map_err(|_| conflict(&before, version))?;
    if !bump_version(conn, at, Versioned::Unit, id.0, version).await? {
        return Err(conflict(&before, version));
    }
    Ok(before)
}

/// Renames a unit and sets whether it is external and its parent. The old name becomes
/// an alias of the new one, and aliases of the old name follow, so that the reader maps a
/// re-imported document's old wording onto this unit.
pub(crate) async fn update_unit(
    pool: &Pool,
    ctx: &Ctx,
    id: UnitId,
    version: i64,
    edit: &UnitInput,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    admin_only(actor, "change a unit")?;
    let name = check_name(&edit.name, UNIT_NAME_LIMIT)?;
    let key = domain::unit_key(&name);
    let mut tx = begin_write(pool).await?;
    let before = open_edit(&mut tx, now, id, version).await?;
    check_name_free(&mut tx, &key, Some(&before)).await?;
    check_parent(&mut tx, Some(id), edit.parent).await?;
    sqlx::query(
        "UPDATE units SET name = $1, folded_name = $2, external = $3, parent_id = $4
         WHERE id = $5",
    )
    .bind(&name)
    .bind(&key)
    .bind(edit.external)
    .bind(edit.parent.map(|p| p.0))
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    let alias = if before.name != name {
        keep_old_name(&mut tx, now, &before.name, &name, actor).await?
    } else {
        None
    };
    let after = locked_unit(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "unit.update", "unit", Some(id.0))
            .before(unit_json(&before))
            .after(json!({ "unit": unit_json(&after), "alias_kept": alias })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Points the aliases of `old` at `new`, and adds `old` itself as an alias when its key
/// differs from the new name's. Returns the alias added.
async fn keep_old_name(
    conn: &mut Conn,
    at: i64,
    old: &str,
    new: &str,
    actor: &Actor,
) -> R<Option<String>> {
    let (old_key, new_key) = (domain::unit_key(old), domain::unit_key(new));
    let by = Some(actor.user_id);
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT alias, unit_name FROM unit_abbreviations")
            .fetch_all(&mut *conn)
            .await?;
    for (alias, target) in rows {
        if domain::unit_key(&target) != old_key {
            continue;
        }
        if domain::unit_key(&alias) == new_key {
            // The new name itself: no alias needed any more.
            super::units::remove_alias(conn, at, by, &alias).await?;
        } else {
            super::units::put_alias(conn, at, by, &alias, new).await?;
        }
    }
    if old_key == new_key || old_key.is_empty() {
        return Ok(None);
    }
    super::units::put_alias(conn, at, by, old, new).await?;
    Ok(Some(old.to_string()))
}

/// Deactivates or reactivates a unit. A deactivated unit keeps its items, reports and
/// members; the pickers stop offering it and an account cannot newly join it.
pub(crate) async fn set_unit_active(
    pool: &Pool,
    ctx: &Ctx,
    id: UnitId,
    version: i64,
    active: bool,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    admin_only(actor, "deactivate a unit")?;
    let mut tx = begin_write(pool).await?;
    let before = open_edit(&mut tx, now, id, version).await?;
    sqlx::query("UPDATE units SET active = $1 WHERE id = $2")
        .bind(active)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "unit.active", "unit", Some(id.0))
            .before(json!({ "active": before.active }))
            .after(json!({ "active": active })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

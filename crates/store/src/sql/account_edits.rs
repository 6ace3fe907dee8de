//! An admin's changes to an account: its name, e-mail address, roles and units over the
//! version the form was opened on, and deactivating or reactivating it. A deactivated
//! account's sessions end here; sign-in, sessions and personal feeds check `active`.

use super::accounts::{roles_json, units_json, user_in, write_roles_and_units};
use super::tx::{Versioned, audit, bump_version};
use super::{Conn, Pool, R, begin_write};
use crate::model::*;
use crate::{Ctx, StoreError};
use domain::setup::{USER_NAME_LIMIT, check_access, check_name};
use domain::tracking::TrackingError;
use domain::{Actor, Role, SetupError, UnitId, UserId};
use serde_json::json;

fn user_json(u: &UserRecord) -> serde_json::Value {
    json!({
        "display_name": u.display_name, "email": u.email, "active": u.active,
        "roles": roles_json(&u.roles), "units": units_json(&u.unit_ids()),
        "version": u.version,
    })
}

/// The account locked for an edit over `version` (an admin's, checked), bumped.
async fn open_edit(
    conn: &mut Conn,
    at: i64,
    user: UserId,
    version: i64,
    actor: &Actor,
) -> R<UserRecord> {
    if !domain::can_admin(actor) {
        return Err(TrackingError::Forbidden {
            action: "change an account",
        }
        .into());
    }
    let before = user_in(conn, user)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {user}")))?;
    let conflict = || StoreError::Conflict {
        entity: "user",
        id: user.0,
        conflict: domain::Conflict {
            current: before.version,
            attempted: version,
        },
        current: user_json(&before),
    };
    if before.version != version
        || !bump_version(conn, at, Versioned::User, user.0, version).await?
    {
        return Err(conflict());
    }
    Ok(before)
}

/// Units the account does not have yet must be active: a deactivated unit takes no new
/// members (those it has keep it).
async fn check_new_units_active(conn: &mut Conn, have: &[UnitId], units: &[UnitId]) -> R<()> {
    for u in units.iter().filter(|u| !have.contains(u)) {
        let row: Option<(String, bool)> =
            sqlx::query_as("SELECT name, active FROM units WHERE id = $1")
                .bind(u.0)
                .fetch_optional(&mut *conn)
                .await?;
        match row {
            None => return Err(StoreError::NotFound(format!("unit {u}"))),
            Some((name, false)) => return Err(SetupError::UnitInactive(name).into()),
            Some(_) => {}
        }
    }
    Ok(())
}

pub(crate) async fn update_user(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    version: i64,
    edit: &UserEdit,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    let name = check_name(&edit.display_name, USER_NAME_LIMIT)?;
    check_access(&edit.roles, &edit.unit_ids)?;
    if user == actor.user_id && !edit.roles.contains(&Role::Admin) {
        return Err(SetupError::SelfLockout.into());
    }
    let mut tx = begin_write(pool).await?;
    let before = open_edit(&mut tx, now, user, version, actor).await?;
    check_new_units_active(&mut tx, &before.unit_ids(), &edit.unit_ids).await?;
    sqlx::query("UPDATE users SET display_name = $1, email = $2 WHERE id = $3")
        .bind(&name)
        .bind(edit.email.as_deref())
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    for table in [
        "DELETE FROM user_roles WHERE user_id = $1",
        "DELETE FROM user_units WHERE user_id = $1",
    ] {
        sqlx::query(table).bind(user.0).execute(&mut *tx).await?;
    }
    write_roles_and_units(&mut tx, user, &edit.roles, &edit.unit_ids).await?;
    let after = user_in(&mut tx, user)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {user}")))?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "user.update", "user", Some(user.0))
            .before(user_json(&before))
            .after(user_json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Activates or deactivates an account; deactivating also ends its sessions. `checked`:
/// the version the admin's form was opened on and the admin (who may not deactivate
/// themselves); None for unchecked calls by `by` (the command line, tests).
pub(crate) async fn set_user_active(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    active: bool,
    checked: Option<(i64, &Actor)>,
    by: Option<UserId>,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let (before, actor) = match checked {
        Some((version, actor)) => {
            if actor.user_id == user && !active {
                return Err(SetupError::SelfLockout.into());
            }
            let before = open_edit(&mut tx, now, user, version, actor).await?;
            (before.active, Some(actor.user_id))
        }
        None => {
            let before: bool = sqlx::query_scalar("SELECT active FROM users WHERE id = $1")
                .bind(user.0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("user {user}")))?;
            (before, by)
        }
    };
    sqlx::query("UPDATE users SET active = $1, updated_at = $2 WHERE id = $3")
        .bind(active)
        .bind(now)
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
    }
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "user.active", "user", Some(user.0))
            .before(json!({ "active": before }))
            .after(json!({ "active": active })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

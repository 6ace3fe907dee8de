//! User accounts: logins, roles and units, passwords, language, e-mail addresses, and the
//! first administrator.

use super::import::{Prepared, import_in, not_a_plan, prepare};
use super::plans::unit_ref_from;
use super::schema::is_empty_in;
use super::tx::audit;
use super::{Conn, DB, Pool, R, begin_write};
use crate::model::{AuditEntry, *};
use crate::{Ctx, StoreError};
use domain::tracking::TrackingError;
use domain::{Actor, Language, PlanId, Role, UnitId, UserId};
use serde_json::json;
use std::collections::HashMap;
use std::str::FromStr;
use vanban::ParsedPlan;

pub(crate) fn normalise_login(login: &str) -> String {
    login.trim().to_lowercase()
}

/// A user as `user_cols!()` selects it (also flattened into the session row).
#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    login: String,
    display_name: String,
    password_hash: String,
    must_change_password: bool,
    language: String,
    active: bool,
    created_at: i64,
    email: Option<String>,
    version: i64,
    network_city_id: Option<i64>,
}

impl From<UserRow> for UserRecord {
    /// The user without roles and units (`fill_user`).
    fn from(r: UserRow) -> Self {
        UserRecord {
            id: UserId(r.id),
            login: r.login,
            display_name: r.display_name,
            password_hash: r.password_hash,
            must_change_password: r.must_change_password,
            language: Language::from_str(&r.language).unwrap_or_default(),
            active: r.active,
            roles: Vec::new(),
            units: Vec::new(),
            created_at: r.created_at,
            email: r.email,
            version: r.version,
            network_city: r.network_city_id.map(domain::CityId),
        }
    }
}

/// Fills roles and units of one user (two queries).
pub(crate) async fn fill_user(conn: &mut Conn, u: &mut UserRecord) -> R<()> {
    let roles: Vec<String> =
        sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
            .bind(u.id.0)
            .fetch_all(&mut *conn)
            .await?;
    u.roles = roles
        .iter()
        .filter_map(|r| Role::from_str(r).ok())
        .collect();
    u.roles.sort();
    let units: Vec<(i64, String, bool)> = sqlx::query_as(
        "SELECT un.id, un.name, un.external FROM user_units uu
         JOIN units un ON un.id = uu.unit_id WHERE uu.user_id = $1 ORDER BY un.folded_name",
    )
    .bind(u.id.0)
    .fetch_all(&mut *conn)
    .await?;
    u.units = units
        .into_iter()
        .map(|(id, name, ext)| unit_ref_from(id, name, ext))
        .collect();
    u.units.sort_by_cached_key(|x| domain::unit_key(&x.name));
    Ok(())
}

pub(crate) async fn user_in(conn: &mut Conn, id: UserId) -> R<Option<UserRecord>> {
    let row = sqlx::query_as::<_, UserRow>(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users u WHERE u.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => {
            let mut u = UserRecord::from(r);
            fill_user(conn, &mut u).await?;
            Ok(Some(u))
        }
        None => Ok(None),
    }
}

pub(crate) async fn user(pool: &Pool, id: UserId) -> R<Option<UserRecord>> {
    user_in(&mut *pool.read.acquire().await?, id).await
}

pub(crate) async fn user_by_login(pool: &Pool, login: &str) -> R<Option<UserRecord>> {
    let mut conn = pool.read.acquire().await?;
    let row = sqlx::query_as::<_, UserRow>(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users u WHERE u.login = $1"
    ))
    .bind(normalise_login(login))
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => {
            let mut u = UserRecord::from(r);
            fill_user(&mut conn, &mut u).await?;
            Ok(Some(u))
        }
        None => Ok(None),
    }
}

/// Three queries for all users.
pub(crate) async fn list_users(pool: &Pool) -> R<Vec<UserRecord>> {
    let mut conn = pool.read.acquire().await?;
    let mut users: Vec<UserRecord> = sqlx::query_as::<_, UserRow>(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users u ORDER BY u.login"
    ))
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(UserRecord::from)
    .collect();
    let roles: Vec<(i64, String)> =
        sqlx::query_as("SELECT user_id, role FROM user_roles ORDER BY user_id, role")
            .fetch_all(&mut *conn)
            .await?;
    let units: Vec<(i64, i64, String, bool)> = sqlx::query_as(
        "SELECT uu.user_id, un.id, un.name, un.external FROM user_units uu
         JOIN units un ON un.id = uu.unit_id ORDER BY uu.user_id, un.folded_name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let index: HashMap<i64, usize> = users.iter().enumerate().map(|(i, u)| (u.id.0, i)).collect();
    for (uid, role) in roles {
        if let (Some(&i), Ok(r)) = (index.get(&uid), Role::from_str(&role)) {
            users[i].roles.push(r);
        }
    }
    for (uid, id, name, ext) in units {
        if let Some(&i) = index.get(&uid) {
            users[i].units.push(unit_ref_from(id, name, ext));
        }
    }
    for u in &mut users {
        u.roles.sort();
        u.units.sort_by_cached_key(|x| domain::unit_key(&x.name));
    }
    users.sort_by(|a, b| a.login.cmp(&b.login));
    Ok(users)
}

pub(crate) async fn write_roles_and_units(
    conn: &mut Conn,
    user: UserId,
    roles: &[Role],
    unit_ids: &[UnitId],
) -> R<()> {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    for r in roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(user.0)
            .bind(r.as_str())
            .execute(&mut *conn)
            .await?;
    }
    let mut units = unit_ids.to_vec();
    units.sort();
    units.dedup();
    for u in units {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE id = $1")
            .bind(u.0)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("unit {u}")));
        }
        sqlx::query("INSERT INTO user_units (user_id, unit_id) VALUES ($1, $2)")
            .bind(user.0)
            .bind(u.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(crate) fn roles_json(roles: &[Role]) -> serde_json::Value {
    json!(roles.iter().map(|r| r.as_str()).collect::<Vec<_>>())
}

pub(crate) fn units_json(units: &[UnitId]) -> serde_json::Value {
    json!(units.iter().map(|u| u.0).collect::<Vec<_>>())
}

pub(crate) async fn create_user_in(
    conn: &mut Conn,
    at: i64,
    new: &NewUser,
    actor: Option<UserId>,
) -> R<UserId> {
    let login = normalise_login(&new.login);
    if login.is_empty() || login.chars().any(char::is_whitespace) {
        return Err(StoreError::Invalid(
            "a login must be non-empty and contain no spaces".into(),
        ));
    }
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE login = $1")
        .bind(&login)
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Err(StoreError::LoginTaken(login));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (login, display_name, password_hash, must_change_password, language,
             active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) RETURNING id",
    )
    .bind(&login)
    .bind(new.display_name.trim())
    .bind(&new.password_hash)
    .bind(new.must_change_password)
    .bind(new.language.as_str())
    .bind(at)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match StoreError::from(e) {
        e if e.is_unique_violation() => StoreError::LoginTaken(login.clone()),
        e => e,
    })?;
    let user = UserId(id);
    write_roles_and_units(conn, user, &new.roles, &new.unit_ids).await?;
    audit(
        conn,
        at,
        &AuditEntry::new(actor, "user.create", "user", Some(id)).after(json!({
            "login": login,
            "display_name": new.display_name.trim(),
            "language": new.language.as_str(),
            "must_change_password": new.must_change_password,
            "roles": roles_json(&new.roles),
            "units": units_json(&new.unit_ids),
        })),
    )
    .await?;
    Ok(user)
}

pub(crate) async fn create_user(
    pool: &Pool,
    ctx: &Ctx,
    new: &NewUser,
    actor: Option<UserId>,
) -> R<UserId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = create_user_in(&mut tx, now, new, actor).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn set_password(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    hash: &str,
    must_change: bool,
    actor: Option<UserId>,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let n = sqlx::query(
        "UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3
         WHERE id = $4",
    )
    .bind(hash)
    .bind(must_change)
    .bind(now)
    .bind(user.0)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::NotFound(format!("user {user}")));
    }
    // The hash itself never goes into the log.
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "user.password", "user", Some(user.0))
            .after(json!({ "must_change_password": must_change })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One column of a user (`select` binds `$1` to the id), or `NotFound`.
async fn user_column<T>(conn: &mut Conn, select: &'static str, user: UserId) -> R<T>
where
    T: Send + Unpin + for<'r> sqlx::Decode<'r, DB> + sqlx::Type<DB>,
{
    sqlx::query_scalar(select)
        .bind(user.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {user}")))
}

pub(crate) async fn set_user_language(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    lang: Language,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before: String =
        user_column(&mut tx, "SELECT language FROM users WHERE id = $1", user).await?;
    if before == lang.as_str() {
        return Ok(());
    }
    sqlx::query("UPDATE users SET language = $1, updated_at = $2 WHERE id = $3")
        .bind(lang.as_str())
        .bind(now)
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "user.language", "user", Some(user.0))
            .before(json!({ "language": before }))
            .after(json!({ "language": lang.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_user_roles_and_units(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    roles: &[Role],
    unit_ids: &[UnitId],
    actor: Option<UserId>,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let Some(before) = user_in(&mut tx, user).await? else {
        return Err(StoreError::NotFound(format!("user {user}")));
    };
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM user_units WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    write_roles_and_units(&mut tx, user, roles, unit_ids).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "user.roles_units", "user", Some(user.0))
            .before(json!({
                "roles": roles_json(&before.roles),
                "units": units_json(&before.unit_ids()),
            }))
            .after(json!({ "roles": roles_json(roles), "units": units_json(unit_ids) })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---- sessions --------------------------------------------------------------------------

pub(crate) const ADMIN_LOGIN: &str = "admin";

pub(crate) async fn bootstrap(
    pool: &Pool,
    ctx: &Ctx,
    seed: &ParsedPlan,
    seed_name: &str,
    seed_sha256: &str,
    admin_hash: &str,
) -> R<Option<(PlanId, String)>> {
    if !seed.is_plan() {
        return Err(not_a_plan(seed));
    }
    let prepared = prepare(seed)?;
    let mut tx = begin_write(pool).await?;
    let result = bootstrap_in(
        &mut tx,
        ctx,
        seed,
        &prepared,
        seed_name,
        seed_sha256,
        admin_hash,
    )
    .await;
    let result = match result {
        Ok(Some(done)) => tx
            .commit()
            .await
            .map(|_| Some(done))
            .map_err(StoreError::from),
        other => other,
    };
    match result {
        // PostgreSQL: another server bootstrapped at the same moment and won.
        Err(e) if e.is_unique_violation() => Ok(None),
        other => other,
    }
}

pub(crate) async fn bootstrap_in(
    conn: &mut Conn,
    ctx: &Ctx,
    seed: &ParsedPlan,
    prepared: &Prepared,
    seed_name: &str,
    seed_sha256: &str,
    admin_hash: &str,
) -> R<Option<(PlanId, String)>> {
    let now = ctx.now();
    // Checked again under the write lock: two servers starting together bootstrap once.
    if !is_empty_in(conn).await? {
        return Ok(None);
    }
    let plan_id = import_in(
        conn,
        ctx,
        (seed, &[]),
        prepared,
        seed_name,
        seed_sha256,
        None,
    )
    .await?
    .plan_id();
    let new = NewUser {
        login: ADMIN_LOGIN.to_string(),
        display_name: "Quản trị hệ thống".to_string(),
        password_hash: admin_hash.to_string(),
        must_change_password: true,
        language: Language::Vi,
        roles: vec![Role::Admin],
        unit_ids: Vec::new(),
    };
    create_user_in(conn, now, &new, None).await?;
    Ok(Some((plan_id, ADMIN_LOGIN.to_string())))
}

/// Sets (or clears, with None) a user's or a unit's e-mail address. Admins only.
pub(crate) async fn set_email(
    pool: &Pool,
    ctx: &Ctx,
    entity: &'static str,
    id: i64,
    email: Option<&str>,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    if !actor.has_role(Role::Admin) {
        return Err(StoreError::Tracking(TrackingError::Forbidden {
            action: "set an e-mail address",
        }));
    }
    let table = match entity {
        "user" => "users",
        _ => "units",
    };
    let mut tx = begin_write(pool).await?;
    let before: Option<Option<String>> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT email FROM {table} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(before) = before else {
        return Ok(());
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {table} SET email = $2 WHERE id = $1"
    )))
    .bind(id)
    .bind(email)
    .execute(&mut *tx)
    .await?;
    let mut e = AuditEntry::new(
        Some(actor.user_id),
        &format!("{entity}.email"),
        entity,
        Some(id),
    );
    e.before = Some(json!({ "email": before }));
    e.after = Some(json!({ "email": email }));
    audit(&mut tx, now, &e).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    id: i64,
    login: String,
    display_name: String,
    email: Option<String>,
}

/// Units (id, name, e-mail) and active users (id, login, name, e-mail), by name.
#[allow(clippy::type_complexity)]
pub(crate) async fn contact_emails(
    pool: &Pool,
) -> R<(
    Vec<(UnitId, String, Option<String>)>,
    Vec<(UserId, String, String, Option<String>)>,
)> {
    let mut conn = pool.read.acquire().await?;
    let units = sqlx::query_as::<_, (i64, String, Option<String>)>(
        "SELECT id, name, email FROM units ORDER BY external, name",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(id, name, email)| (UnitId(id), name, email))
    .collect();
    let users = sqlx::query_as::<_, ContactRow>(
        "SELECT id, login, display_name, email FROM users WHERE active = TRUE ORDER BY login",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (UserId(r.id), r.login, r.display_name, r.email))
    .collect();
    Ok((units, users))
}

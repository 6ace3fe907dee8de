//! Server-side sessions and the sign-in throttle's failure log.

use super::accounts::{UserRow, fill_user, normalise_login};
use super::tx::audit;
use super::{Pool, R, begin_write};
use crate::Ctx;
use crate::model::*;
use domain::UserId;
use serde_json::json;

pub(crate) async fn create_session(
    pool: &Pool,
    ctx: &Ctx,
    token_hash: &str,
    user: UserId,
    csrf_token: &str,
    expires_at: i64,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let at = now;
    sqlx::query(
        "INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at, last_seen)
         VALUES ($1, $2, $3, $4, $5, $4)",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(csrf_token)
    .bind(at)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "user.sign_in", "user", Some(user.0))
            .after(json!({ "expires_at": expires_at })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A session with its user (`user_cols!()`, whose `created_at` is the user's).
#[derive(sqlx::FromRow)]
struct SessionRow {
    csrf_token: String,
    session_created_at: i64,
    expires_at: i64,
    last_seen: i64,
    #[sqlx(flatten)]
    user: UserRow,
}

/// Three queries: session joined with its user, then roles and units.
pub(crate) async fn session(pool: &Pool, token_hash: &str, now: i64) -> R<Option<SessionRecord>> {
    let mut conn = pool.read.acquire().await?;
    let row = sqlx::query_as::<_, SessionRow>(concat!(
        "SELECT s.csrf_token, s.created_at AS session_created_at, s.expires_at, s.last_seen, ",
        user_cols!(),
        " FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.expires_at > $2 AND u.active = TRUE"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let mut user = UserRecord::from(r.user);
    fill_user(&mut conn, &mut user).await?;
    Ok(Some(SessionRecord {
        user,
        csrf_token: r.csrf_token,
        created_at: r.session_created_at,
        expires_at: r.expires_at,
        last_seen: r.last_seen,
    }))
}

pub(crate) async fn delete_session(pool: &Pool, ctx: &Ctx, token_hash: &str) -> R<bool> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let user: Option<i64> =
        sqlx::query_scalar("DELETE FROM sessions WHERE id = $1 RETURNING user_id")
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(user) = user else {
        return Ok(false);
    };
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(UserId(user)), "user.sign_out", "user", Some(user)),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

pub(crate) async fn delete_user_sessions(pool: &Pool, ctx: &Ctx, user: UserId) -> R<u64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let n = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    audit(
        &mut tx,
        now,
        &AuditEntry::new(None, "user.sessions_revoked", "user", Some(user.0))
            .after(json!({ "sessions": n })),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

pub(crate) async fn touch_session(
    pool: &Pool,
    token_hash: &str,
    now: i64,
    expires_at: Option<i64>,
) -> R<()> {
    // A write like any other (its commit moves the data version): the session a request
    // reads is kept under that version (`Store::session`), and a kept one with its old end
    // would sign its user out.
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "UPDATE sessions SET last_seen = $1, expires_at = COALESCE($2, expires_at) WHERE id = $3",
    )
    .bind(now)
    .bind(expires_at)
    .bind(token_hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn delete_expired_sessions(pool: &Pool, now: i64) -> R<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(&pool.write)
        .await?
        .rows_affected())
}

// ---- sign-in throttle ------------------------------------------------------------------

pub(crate) async fn record_login_failure(
    pool: &Pool,
    login: &str,
    address: &str,
    at: i64,
) -> R<()> {
    sqlx::query("INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3)")
        .bind(normalise_login(login))
        .bind(address)
        .bind(at)
        .execute(&pool.write)
        .await?;
    Ok(())
}

pub(crate) async fn login_failures_since(
    pool: &Pool,
    login: &str,
    address: &str,
    since: i64,
) -> R<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM login_failures WHERE login = $1 AND address = $2 AND at >= $3",
    )
    .bind(normalise_login(login))
    .bind(address)
    .bind(since)
    .fetch_one(&pool.read)
    .await?)
}

pub(crate) async fn address_failures_since(pool: &Pool, address: &str, since: i64) -> R<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at >= $2")
            .bind(address)
            .bind(since)
            .fetch_one(&pool.read)
            .await?,
    )
}

pub(crate) async fn clear_login_failures(pool: &Pool, login: &str, address: &str) -> R<()> {
    sqlx::query("DELETE FROM login_failures WHERE login = $1 AND address = $2")
        .bind(normalise_login(login))
        .bind(address)
        .execute(&pool.write)
        .await?;
    Ok(())
}

pub(crate) async fn prune_login_failures(pool: &Pool, before: i64) -> R<u64> {
    Ok(sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(before)
        .execute(&pool.write)
        .await?
        .rows_affected())
}

// ---- first start -----------------------------------------------------------------------

//! Calendar feed tokens.

use super::events::{forbidden, nfc};
use super::tx::audit;
use super::{Pool, R, begin_write};
use crate::events_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::events::can_manage_unit_feed;
use domain::{Actor, UnitId, UserId};

/// A feed token as `FEED_COLS` selects it.
#[derive(sqlx::FromRow)]
struct FeedRow {
    id: i64,
    user_id: Option<i64>,
    unit_id: Option<i64>,
    label: String,
    created_by: Option<i64>,
    created_at: i64,
    revoked_at: Option<i64>,
}

impl FeedRow {
    fn into_record(self) -> R<FeedToken> {
        let owner = match (self.user_id, self.unit_id) {
            (Some(u), _) => FeedOwner::User(UserId(u)),
            (None, Some(u)) => FeedOwner::Unit(UnitId(u)),
            (None, None) => return Err(StoreError::Invalid("a feed without owner".into())),
        };
        Ok(FeedToken {
            id: self.id,
            owner,
            label: self.label,
            created_by: self.created_by.map(UserId),
            created_at: self.created_at,
            revoked_at: self.revoked_at,
        })
    }
}

pub(crate) const FEED_COLS: &str =
    "id, user_id, unit_id, label, created_by, created_at, revoked_at";

pub(crate) fn may_manage_feed(actor: &Actor, owner: FeedOwner) -> bool {
    match owner {
        FeedOwner::User(u) => u == actor.user_id || domain::can_admin(actor),
        FeedOwner::Unit(u) => can_manage_unit_feed(actor, u),
    }
}

/// Stores a new feed under the SHA-256 of its secret token.
pub(crate) async fn create_feed_token(
    pool: &Pool,
    ctx: &Ctx,
    owner: FeedOwner,
    token_hash: &str,
    label: &str,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    if !actor.active || !may_manage_feed(actor, owner) {
        return Err(forbidden("create this calendar feed"));
    }
    let (user, unit) = match owner {
        FeedOwner::User(u) => (Some(u.0), None),
        FeedOwner::Unit(u) => (None, Some(u.0)),
    };
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO feed_tokens (token_hash, user_id, unit_id, label, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(token_hash)
    .bind(user)
    .bind(unit)
    .bind(nfc(label))
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    // The hash stays out of the log: it is as good as the URL for a lookup.
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "feed.create", "feed", Some(id))
            .after(serde_json::json!({ "owner": owner, "label": label })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn revoke_feed_token(pool: &Pool, ctx: &Ctx, id: i64, actor: &Actor) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let feed =
        sqlx::query_as::<_, FeedRow>(sql!("SELECT {FEED_COLS} FROM feed_tokens WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .map(FeedRow::into_record)
            .transpose()?
            .ok_or_else(|| StoreError::NotFound(format!("feed {id}")))?;
    if !may_manage_feed(actor, feed.owner) {
        return Err(forbidden("revoke this calendar feed"));
    }
    sqlx::query("UPDATE feed_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "feed.revoke", "feed", Some(id))
            .before(serde_json::json!({ "owner": feed.owner, "revoked_at": feed.revoked_at })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The feeds `actor` may manage: their own, and those of units they may manage.
pub(crate) async fn feed_tokens(pool: &Pool, actor: &Actor) -> R<Vec<FeedToken>> {
    let rows = sqlx::query_as::<_, FeedRow>(sql!(
        "SELECT {FEED_COLS} FROM feed_tokens WHERE user_id = $1 OR unit_id IS NOT NULL
         ORDER BY id DESC LIMIT 1000"
    ))
    .bind(actor.user_id.0)
    .fetch_all(&pool.read)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let f = r.into_record()?;
        let mine = match f.owner {
            FeedOwner::User(u) => u == actor.user_id,
            FeedOwner::Unit(u) => can_manage_unit_feed(actor, u),
        };
        if mine {
            out.push(f);
        }
    }
    Ok(out)
}

pub(crate) async fn feed_by_hash(pool: &Pool, hash: &str) -> R<Option<FeedToken>> {
    sqlx::query_as::<_, FeedRow>(sql!(
        "SELECT {FEED_COLS} FROM feed_tokens WHERE token_hash = $1"
    ))
    .bind(hash)
    .fetch_optional(&pool.read)
    .await?
    .map(FeedRow::into_record)
    .transpose()
}

/// The key of this database's own id in `store_meta`, written once by `migrate`.
pub(crate) const INSTANCE_KEY: &str = "instance_id";

/// This database's id ("sangtao-3f9a…"): the right-hand side of the UIDs its calendars
/// give events, so that two servers' events never share one.
pub(crate) async fn instance_id(pool: &Pool) -> R<String> {
    let id: Option<String> = sqlx::query_scalar("SELECT value FROM store_meta WHERE key = $1")
        .bind(INSTANCE_KEY)
        .fetch_optional(&pool.read)
        .await?;
    Ok(id.unwrap_or_else(|| "sangtao".into()))
}

//! What the network space shares (issue 19, part 2): Hanoi's events shared with the
//! calendar (the calendar's own events are in `network_events`) and each account's calendar
//! feed. The library is `network_library`.

use super::network::manager;
use super::tx::audit;
use super::{Pool, R, begin_write};
use crate::Ctx;
use crate::model::AuditEntry;
use domain::{Actor, EventId, UserId};

/// Shares a Hanoi event with the network (the Board, admins); twice is once.
pub(crate) async fn share_event(pool: &Pool, ctx: &Ctx, event: EventId, actor: &Actor) -> R<()> {
    manager(actor)?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let n = sqlx::query(
        "INSERT INTO network_events (event_id, created_by, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (event_id) DO NOTHING",
    )
    .bind(event.0)
    .bind(actor.user_id.0)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 1 {
        audit(
            &mut tx,
            now,
            &AuditEntry::new(
                Some(actor.user_id),
                "network.share_event",
                "event",
                Some(event.0),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether a Hanoi event is on the shared calendar.
pub(crate) async fn event_is_shared(pool: &Pool, event: EventId) -> R<bool> {
    let n: Option<i64> = sqlx::query_scalar("SELECT id FROM network_events WHERE event_id = $1")
        .bind(event.0)
        .fetch_optional(&pool.read)
        .await?;
    Ok(n.is_some())
}

/// Sets the account's calendar feed to a new token (the old address stops working).
pub(crate) async fn set_network_feed(pool: &Pool, ctx: &Ctx, user: UserId, hash: &str) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    sqlx::query("DELETE FROM network_feeds WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO network_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)")
        .bind(user.0)
        .bind(hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.feed", "user", Some(user.0)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The active account a feed token belongs to, or `None`.
pub(crate) async fn network_feed_user(pool: &Pool, hash: &str) -> R<Option<UserId>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT u.id FROM network_feeds f JOIN users u ON u.id = f.user_id
         WHERE f.token_hash = $1 AND u.active",
    )
    .bind(hash)
    .fetch_optional(&pool.read)
    .await?;
    Ok(id.map(UserId))
}

/// Whether the account has a feed (its address is shown only when made).
pub(crate) async fn has_network_feed(pool: &Pool, user: UserId) -> R<bool> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM network_feeds WHERE user_id = $1")
            .bind(user.0)
            .fetch_optional(&pool.read)
            .await?;
    Ok(id.is_some())
}

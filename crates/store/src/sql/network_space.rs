//! What the network space shares (issue 19, part 2): the calendar (Hanoi's events shared
//! with the network and the events cities post) and each account's calendar feed. The
//! library is `network_library`.

use super::network::{manager, refused};
use super::tx::{audit, json};
use super::{Pool, R, begin_write};
use crate::Ctx;
use crate::model::AuditEntry;
use crate::network_model::*;
use domain::network::{NetworkError, Viewer};
use domain::{Actor, CityId, EventId, UserId};

fn local(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

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

/// Posts an event on the shared calendar, as the viewer's city (or Hanoi).
pub(crate) async fn post_network_event(
    pool: &Pool,
    ctx: &Ctx,
    e: &NetworkEventInput,
    viewer: Viewer,
    user: UserId,
) -> R<i64> {
    if !viewer.may_post() {
        return Err(refused("post on the network calendar"));
    }
    if e.end_local < e.start_local {
        return Err(NetworkError::EndBeforeStart.into());
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO network_events (city_id, title, start_local, end_local, place, notes,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(viewer.city().map(|c| c.0))
    .bind(&e.title)
    .bind(local(e.start_local))
    .bind(local(e.end_local))
    .bind(&e.place)
    .bind(&e.notes)
    .bind(user.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.event", "network_event", Some(id)).after(json(&(
            &e.title,
            local(e.start_local),
            local(e.end_local),
            viewer.city(),
        ))),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    event_id: Option<i64>,
    city_id: Option<i64>,
    city_name: Option<String>,
    title: String,
    start_local: String,
    end_local: String,
    zone: String,
    place: String,
    notes: String,
    created_at: i64,
}

/// The shared calendar's events starting in `[from, to)` ('yyyy-mm-dd'), by start. A Hanoi
/// event shared reads its title, times and venue from the event itself.
pub(crate) async fn network_events(pool: &Pool, from: &str, to: &str) -> R<Vec<NetworkEvent>> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT * FROM (
             SELECT n.id, n.event_id, n.city_id, c.name AS city_name,
                 CASE WHEN e.id IS NULL THEN n.title ELSE e.title END AS title,
                 CASE WHEN e.id IS NULL THEN n.start_local ELSE e.start_local END AS start_local,
                 CASE WHEN e.id IS NULL THEN n.end_local ELSE e.end_local END AS end_local,
                 CASE WHEN e.id IS NULL THEN 'Asia/Ho_Chi_Minh' ELSE e.time_zone END AS zone,
                 CASE WHEN e.id IS NULL THEN n.place ELSE e.venue END AS place,
                 n.notes, n.created_at
             FROM network_events n
             LEFT JOIN events e ON e.id = n.event_id
             LEFT JOIN cities c ON c.id = n.city_id
         ) x WHERE x.start_local >= $1 AND x.start_local < $2
         ORDER BY x.start_local, x.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| NetworkEvent {
            id: r.id,
            event: r.event_id.map(EventId),
            city: r.city_id.map(CityId),
            city_name: r.city_name.unwrap_or_default(),
            title: r.title,
            start_local: r.start_local,
            end_local: r.end_local,
            zone: r.zone,
            place: r.place,
            notes: r.notes,
            created_at: r.created_at,
        })
        .collect())
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

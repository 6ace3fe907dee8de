//! What the network space shares (issue 19, part 2): Hanoi's events shared with the
//! calendar (the calendar's own events are in `network_events.rs`), the library (documents and good
//! practices, for all cities or chosen ones) and each account's calendar feed.

use super::network::{manager, refused};
use super::tx::{audit, json};
use super::{Pool, R, begin_write};
use crate::Ctx;
use crate::model::AuditEntry;
use crate::network_model::*;
use domain::network::{Audience, NetworkError, Viewer};
use domain::{Actor, CityId, EventId, UserId};

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

/// Adds a document or good practice to the library, as the viewer's city (or Hanoi).
pub(crate) async fn add_network_document(
    pool: &Pool,
    ctx: &Ctx,
    d: &NewNetworkDocument,
    viewer: Viewer,
    user: UserId,
) -> R<i64> {
    if !viewer.may_post() {
        return Err(refused("add to the network library"));
    }
    if matches!(&d.audience, Audience::Cities(c) if c.is_empty()) {
        return Err(NetworkError::NoCity.into());
    }
    let now = ctx.now();
    let f = &d.file;
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO network_documents (city_id, kind, title, description, all_cities, sha256,
             size, mime, original_name, stored_path, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(viewer.city().map(|c| c.0))
    .bind(&d.kind)
    .bind(&d.title)
    .bind(&d.description)
    .bind(d.audience == Audience::All)
    .bind(&f.stored.sha256)
    .bind(f.stored.size as i64)
    .bind(&f.stored.mime)
    .bind(&f.original_name)
    .bind(&f.stored.relative_path)
    .bind(user.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if let Audience::Cities(cities) = &d.audience {
        let mut cities = cities.clone();
        cities.sort();
        cities.dedup();
        for c in cities {
            sqlx::query(
                "INSERT INTO network_document_cities (document_id, city_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(c.0)
            .execute(&mut *tx)
            .await?;
        }
    }
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.document", "network_document", Some(id))
            .after(json(&(&d.kind, &d.title, &d.audience, &f.original_name))),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: i64,
    city_id: Option<i64>,
    city_name: Option<String>,
    kind: String,
    title: String,
    description: String,
    all_cities: bool,
    size: i64,
    mime: String,
    original_name: String,
    stored_path: String,
    created_at: i64,
}

const DOCUMENT: &str = "SELECT d.id, d.city_id, c.name AS city_name, d.kind, d.title,
         d.description, d.all_cities, d.size, d.mime, d.original_name, d.stored_path,
         d.created_at
     FROM network_documents d LEFT JOIN cities c ON c.id = d.city_id";

fn document(r: DocumentRow, cities: &[(i64, i64)]) -> NetworkDocument {
    let audience = if r.all_cities {
        Audience::All
    } else {
        Audience::Cities(
            cities
                .iter()
                .filter(|(d, _)| *d == r.id)
                .map(|(_, c)| CityId(*c))
                .collect(),
        )
    };
    NetworkDocument {
        id: r.id,
        city: r.city_id.map(CityId),
        city_name: r.city_name.unwrap_or_default(),
        kind: r.kind,
        title: r.title,
        description: r.description,
        audience,
        size: r.size,
        mime: r.mime,
        original_name: r.original_name,
        stored_path: r.stored_path,
        created_at: r.created_at,
    }
}

/// The library as `viewer` may see it (`domain::network::can_see`), newest first.
pub(crate) async fn network_documents(pool: &Pool, viewer: Viewer) -> R<Vec<NetworkDocument>> {
    let mut conn = pool.read.acquire().await?;
    let rows: Vec<DocumentRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{DOCUMENT} ORDER BY d.created_at DESC, d.id DESC"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let cities: Vec<(i64, i64)> =
        sqlx::query_as("SELECT document_id, city_id FROM network_document_cities")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| document(r, &cities))
        .filter(|d| domain::network::can_see(viewer, &d.audience, d.city))
        .collect())
}

/// One library entry, whoever may see it (the caller asks `can_see`).
pub(crate) async fn network_document(pool: &Pool, id: i64) -> R<Option<NetworkDocument>> {
    let mut conn = pool.read.acquire().await?;
    let row: Option<DocumentRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{DOCUMENT} WHERE d.id = $1")))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let cities: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT document_id, city_id FROM network_document_cities WHERE document_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(document(row, &cities)))
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

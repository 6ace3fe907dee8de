//! The network's message board (issue 19): threads per topic and their replies. Anyone in the
//! space reads the board; cities and the Board write (`Viewer::may_post`), checked here again
//! in the transaction.

use super::network::refused;
use super::tx::{audit, json};
use super::{Pool, R, begin_write};
use crate::model::{AuditEntry, Created, OnceKey};
use crate::network_model::*;
use crate::{Ctx, StoreError};
use domain::network::Viewer;
use domain::network::board::BoardTopic;
use domain::{Actor, CityId, UserId};

/// Starts a thread with its first message; returns the thread's id (a second submit of the
/// same form: the path of the first's thread).
pub(crate) async fn start_thread(
    pool: &Pool,
    ctx: &Ctx,
    (topic, title, body): (BoardTopic, &str, &str),
    (viewer, actor): (Viewer, &Actor),
    once: Option<&OnceKey<'_>>,
) -> R<Created<i64>> {
    if !viewer.may_post() {
        return Err(refused("write on the network board"));
    }
    let now = ctx.now();
    let user = actor.user_id;
    let city = viewer.city().map(|c| c.0);
    let mut tx = begin_write(pool).await?;
    if let Some(path) = super::once::claim_some(&mut tx, now, once, actor).await? {
        return Ok(Created::Earlier(path));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO network_threads (topic, title, city_id, created_by, created_at,
             last_post_at, replies)
         VALUES ($1, $2, $3, $4, $5, $5, 0) RETURNING id",
    )
    .bind(topic.as_str())
    .bind(title)
    .bind(city)
    .bind(user.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO network_posts (thread_id, body, city_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(body)
    .bind(city)
    .bind(user.0)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.thread", "network_thread", Some(id)).after(json(&(
            topic,
            title,
            viewer.city(),
        ))),
    )
    .await?;
    super::once::fulfil_some(&mut tx, once, id).await?;
    tx.commit().await?;
    Ok(Created::New(id))
}

/// Adds a reply to a thread; returns it with who wrote there before (for the e-mail).
pub(crate) async fn reply(
    pool: &Pool,
    ctx: &Ctx,
    (thread, body): (i64, &str),
    (viewer, actor): (Viewer, &Actor),
    once: Option<&OnceKey<'_>>,
) -> R<Created<ReplyMade>> {
    if !viewer.may_post() {
        return Err(refused("write on the network board"));
    }
    let now = ctx.now();
    let user = actor.user_id;
    let city = viewer.city().map(|c| c.0);
    let mut tx = begin_write(pool).await?;
    if let Some(path) = super::once::claim_some(&mut tx, now, once, actor).await? {
        return Ok(Created::Earlier(path));
    }
    let title: Option<String> =
        sqlx::query_scalar("SELECT title FROM network_threads WHERE id = $1")
            .bind(thread)
            .fetch_optional(&mut *tx)
            .await?;
    let title = title.ok_or_else(|| StoreError::NotFound(format!("thread {thread}")))?;
    let writers: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT p.created_by, u.email FROM network_posts p JOIN users u ON u.id = p.created_by
         WHERE p.thread_id = $1 AND u.active ORDER BY p.id",
    )
    .bind(thread)
    .fetch_all(&mut *tx)
    .await?;
    let post: i64 = sqlx::query_scalar(
        "INSERT INTO network_posts (thread_id, body, city_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(thread)
    .bind(body)
    .bind(city)
    .bind(user.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE network_threads SET last_post_at = $1, replies = replies + 1 WHERE id = $2",
    )
    .bind(now)
    .bind(thread)
    .execute(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.reply", "network_thread", Some(thread))
            .after(json(&(post, viewer.city()))),
    )
    .await?;
    super::once::fulfil_some(&mut tx, once, post).await?;
    tx.commit().await?;
    Ok(Created::New(ReplyMade {
        post,
        title,
        writers: writers
            .into_iter()
            .map(|(u, e)| (UserId(u), e.unwrap_or_default()))
            .collect(),
    }))
}

#[derive(sqlx::FromRow)]
struct ThreadRow {
    id: i64,
    topic: String,
    title: String,
    city_id: Option<i64>,
    city_name: Option<String>,
    author: String,
    created_at: i64,
    last_post_at: i64,
    replies: i64,
}

impl TryFrom<ThreadRow> for NetworkThread {
    type Error = StoreError;
    fn try_from(r: ThreadRow) -> R<NetworkThread> {
        Ok(NetworkThread {
            id: r.id,
            topic: r
                .topic
                .parse()
                .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
            title: r.title,
            city: r.city_id.map(CityId),
            city_name: r.city_name.unwrap_or_default(),
            author: r.author,
            created_at: r.created_at,
            last_post_at: r.last_post_at,
            replies: r.replies,
        })
    }
}

/// One page of the board (`topic` empty: every topic), latest activity first.
pub(crate) async fn board(pool: &Pool, topic: &str, page: i64, per_page: i64) -> R<BoardPage> {
    let mut conn = pool.read.acquire().await?;
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM network_threads WHERE $1 = '' OR topic = $1")
            .bind(topic)
            .fetch_one(&mut *conn)
            .await?;
    let rows: Vec<ThreadRow> = sqlx::query_as(
        "SELECT t.id, t.topic, t.title, t.city_id, c.name AS city_name,
             u.display_name AS author, t.created_at, t.last_post_at, t.replies
         FROM network_threads t JOIN users u ON u.id = t.created_by
         LEFT JOIN cities c ON c.id = t.city_id
         WHERE $1 = '' OR t.topic = $1
         ORDER BY t.last_post_at DESC, t.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(topic)
    .bind(per_page)
    .bind((page.max(1) - 1) * per_page)
    .fetch_all(&mut *conn)
    .await?;
    Ok(BoardPage {
        threads: rows.into_iter().map(TryFrom::try_from).collect::<R<_>>()?,
        total,
    })
}

#[derive(sqlx::FromRow)]
struct PostRow {
    id: i64,
    city_id: Option<i64>,
    city_name: Option<String>,
    author: String,
    body: String,
    created_at: i64,
}

/// A thread with its messages, oldest first.
pub(crate) async fn thread(pool: &Pool, id: i64) -> R<Option<(NetworkThread, Vec<NetworkPost>)>> {
    let mut conn = pool.read.acquire().await?;
    let row: Option<ThreadRow> = sqlx::query_as(
        "SELECT t.id, t.topic, t.title, t.city_id, c.name AS city_name,
             u.display_name AS author, t.created_at, t.last_post_at, t.replies
         FROM network_threads t JOIN users u ON u.id = t.created_by
         LEFT JOIN cities c ON c.id = t.city_id
         WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let posts: Vec<PostRow> = sqlx::query_as(
        "SELECT p.id, p.city_id, c.name AS city_name, u.display_name AS author, p.body,
             p.created_at
         FROM network_posts p JOIN users u ON u.id = p.created_by
         LEFT JOIN cities c ON c.id = p.city_id
         WHERE p.thread_id = $1 ORDER BY p.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let posts = posts
        .into_iter()
        .map(|p| NetworkPost {
            id: p.id,
            city: p.city_id.map(CityId),
            city_name: p.city_name.unwrap_or_default(),
            author: p.author,
            body: p.body,
            created_at: p.created_at,
        })
        .collect();
    Ok(Some((row.try_into()?, posts)))
}

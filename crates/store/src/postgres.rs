//! PostgreSQL backend: connection options and the write-transaction opener. The queries
//! are in `sql/`, shared with SQLite.

use crate::{CONNECT_TIMEOUT, StoreError, redact_url};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use std::str::FromStr;

pub(crate) type DB = sqlx::Postgres;
pub(crate) type Pool = crate::Pools<DB>;
pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The data's version on PostgreSQL: the reader's snapshot (which transactions it sees as
/// committed), hashed. Two equal snapshots see the same committed data, and any commit since
/// changes the next snapshot, so it keys the caches as the counter does on SQLite, without
/// a row every commit must lock: a counter made commits take turns, each waiting for the
/// previous one's WAL flush (4 clients: 3,827 → 2,590 writes/s, BENCHMARKS.md). A write
/// merely begun also changes it (its transaction id shows in the snapshot): a cache miss,
/// never a stale view.
pub(crate) const BUMP_AT_COMMIT: bool = false;
/// Appended to a read that locks the row it reads for the writing transaction: writers
/// run side by side here (READ COMMITTED), so a second writer of an item waits for the
/// first and then reads what it committed, instead of failing a version check it never saw
/// coming (two units' reports moving the same item at once were refused with 409).
pub(crate) const LOCK_ROW: &str = " FOR UPDATE";
/// SQLite's way to keep an index out of a plan (`sqlite::NOT_INDEXED`); none here.
pub(crate) const NOT_INDEXED: &str = "";
/// What the seeder runs after a bulk load: fresh statistics for the planner.
pub(crate) const ANALYZE_AFTER_BULK: Option<&str> = Some("ANALYZE");
pub(crate) const DATA_VERSION_SQL: &str =
    "SELECT ('x' || substr(md5(pg_current_snapshot()::text), 1, 16))::bit(64)::bigint";

/// A writing transaction, READ COMMITTED; uniqueness constraints settle races between
/// writers (`sql::tx::WriteTx`).
pub(crate) async fn begin_write(pool: &Pool) -> Result<sql::tx::WriteTx, sqlx::Error> {
    Ok(sql::tx::WriteTx(pool.write.begin().await?))
}

pub(crate) async fn connect(url: &str) -> Result<Pool, StoreError> {
    let opts = PgConnectOptions::from_str(url)
        .map_err(|e| StoreError::InvalidUrl {
            url: redact_url(url),
            message: e.to_string(),
        })?
        // As on SQLite: room for every statement the store runs, prepared once per connection.
        .statement_cache_capacity(1024);
    let unreachable = |message: String| StoreError::Unreachable {
        url: redact_url(url),
        message,
    };
    // One direct connection first: it fails at once with the real cause (refused,
    // unknown host, bad password), where a pool would retry until its timeout.
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&opts)).await {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
        }
        Ok(Err(e)) => return Err(unreachable(e.to_string())),
        Err(_) => {
            return Err(unreachable(format!(
                "no answer within {} s",
                CONNECT_TIMEOUT.as_secs()
            )));
        }
    }
    Ok(crate::Pools::single(
        PgPoolOptions::new()
            .max_connections(10)
            .min_connections(0)
            .acquire_timeout(CONNECT_TIMEOUT)
            .connect_lazy_with(opts),
    ))
}

pub(crate) mod fulltext;

#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
pub(crate) mod sql;

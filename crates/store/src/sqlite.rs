//! SQLite backend: connection options and the write-transaction opener. The queries are
//! in `sql/`, shared with PostgreSQL.

use crate::{CONNECT_TIMEOUT, SQLITE_BUSY_TIMEOUT, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};
use std::path::Path;

pub(crate) type DB = sqlx::Sqlite;
pub(crate) type Pool = sqlx::SqlitePool;
pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Writers take the lock up front, so that two writers never deadlock upgrading a read
/// lock and the busy timeout applies at BEGIN.
pub(crate) async fn begin_write(
    pool: &Pool,
) -> Result<sqlx::Transaction<'static, DB>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

pub(crate) async fn connect(url: &str) -> Result<Pool, StoreError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or("");
    let path = rest.split('?').next().unwrap_or("");
    let memory = path.is_empty() || path == ":memory:";
    let mut opts = SqliteConnectOptions::new()
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        // Measured defaults are small (2 MiB cache): 32 MiB page cache, 256 MiB mmap.
        .pragma("cache_size", "-32768")
        .pragma("mmap_size", "268435456")
        .pragma("temp_store", "memory");
    let mut pool = SqlitePoolOptions::new().acquire_timeout(CONNECT_TIMEOUT);
    if memory {
        // One connection: each in-memory connection would be its own database.
        opts = opts.in_memory(true);
        pool = pool
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
    } else {
        let p = Path::new(path);
        if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.to_string(),
                message: format!("cannot create directory {}: {e}", dir.display()),
            })?;
        }
        opts = opts
            .filename(p)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal);
        pool = pool.max_connections(4).min_connections(1);
    }
    pool.connect_with(opts).await.map_err(|e| StoreError::Open {
        path: if memory {
            ":memory:".into()
        } else {
            path.to_string()
        },
        message: e.to_string(),
    })
}

/// `VACUUM INTO path`: a consistent, compacted copy of the database, taken in one read
/// transaction (WAL: writers go on). SQLite refuses a `path` that exists and is not empty.
pub(crate) async fn vacuum_into(pool: &Pool, path: &Path) -> Result<(), StoreError> {
    let target = path.to_str().ok_or_else(|| StoreError::Open {
        path: path.display().to_string(),
        message: "the backup path is not valid UTF-8".into(),
    })?;
    let mut conn = quiet_connection(pool).await?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}

/// One connection to a copy made by [`vacuum_into`], switched to rollback-journal mode so
/// that closing it leaves the one file and nothing beside it.
pub(crate) async fn open_snapshot(path: &Path) -> Result<Pool, StoreError> {
    let opts = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .journal_mode(SqliteJournalMode::Delete)
        .busy_timeout(SQLITE_BUSY_TIMEOUT);
    SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect_with(opts)
        .await
        .map_err(|e| StoreError::Open {
            path: path.display().to_string(),
            message: e.to_string(),
        })
}

/// `PRAGMA integrity_check`: one row per problem, or "ok" alone when sound.
pub(crate) async fn integrity_check(pool: &Pool) -> Result<Vec<String>, StoreError> {
    let mut conn = quiet_connection(pool).await?;
    let rows = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await?;
    conn.close().await?;
    Ok(rows)
}

/// A connection of its own, without the slow-statement warning, for the whole-database
/// statements that take seconds by nature (a copy, the integrity check).
async fn quiet_connection(pool: &Pool) -> Result<sqlx::SqliteConnection, StoreError> {
    let opts = (*pool.connect_options())
        .clone()
        .disable_statement_logging();
    Ok(opts.connect().await?)
}

#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
pub(crate) mod sql;

//! SQLite backend: connection options and the write-transaction opener. The queries are
//! in `sql/`, shared with PostgreSQL.

use crate::{CONNECT_TIMEOUT, SQLITE_BUSY_TIMEOUT, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};
use std::path::Path;

pub(crate) type DB = sqlx::Sqlite;
pub(crate) type Pool = crate::Pools<DB>;
pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The data's version on SQLite: a counter every write's commit bumps (`sql::tx::WriteTx`).
/// The one writer connection commits in turn anyway, so the bump costs no waiting.
pub(crate) const BUMP_AT_COMMIT: bool = true;
pub(crate) const DATA_VERSION_SQL: &str = "SELECT n FROM write_counter WHERE id = 1";

/// Written before a text column in a WHERE, keeps SQLite from choosing that column's
/// index (its unary `+`): the item list's walk in due-date order would otherwise read a
/// unit's items through the status index and sort them (200 ms instead of 36 ms at
/// 1,000,000 items). PostgreSQL has no `+` for text and plans by its statistics.
pub(crate) const NOT_INDEXED: &str = "+";

/// Nothing: SQLite's writers already take turns (`BEGIN IMMEDIATE`), so the row a writer
/// reads stays as read (`postgres::LOCK_ROW`).
pub(crate) const LOCK_ROW: &str = "";

/// What the seeder runs after a bulk load: nothing; SQLite plans from its indexes, and the
/// item list's walk (`NOT_INDEXED`) is tuned without statistics.
pub(crate) const ANALYZE_AFTER_BULK: Option<&str> = None;

/// A writing transaction. Writers take the lock up front, so that two writers never
/// deadlock upgrading a read lock and the busy timeout applies at BEGIN; its commit bumps
/// the data's version (`sql::tx::WriteTx`).
pub(crate) async fn begin_write(pool: &Pool) -> Result<sql::tx::WriteTx, sqlx::Error> {
    Ok(sql::tx::WriteTx(
        pool.write.begin_with("BEGIN IMMEDIATE").await?,
    ))
}

/// Whether a writer connection coming back to the pool may be used again.
///
/// A transaction dropped without COMMIT is rolled back by a command queued to the
/// connection's worker; a round trip lets it run. When SQLite itself rolled back (a full
/// disk or an I/O error: SQLITE_FULL, SQLITE_IOERR), that ROLLBACK fails and sqlx still
/// counts the transaction open, so every later BEGIN on this connection would fail
/// ("begin_with at non-zero transaction depth") until restart. Such a connection is
/// closed instead; the pool opens a fresh one.
async fn reusable(conn: &mut sqlx::SqliteConnection) -> Result<bool, sqlx::Error> {
    if !conn.is_in_transaction() {
        return Ok(true);
    }
    conn.ping().await?;
    let clean = !conn.is_in_transaction();
    if !clean {
        tracing::warn!("a write connection was left in a failed transaction: closed");
    }
    Ok(clean)
}

/// The file a `sqlite:` URL names ("" or ":memory:" for an in-memory database).
fn url_path(url: &str) -> &str {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or("");
    rest.split('?').next().unwrap_or("")
}

/// The version probe for a database file (none in memory: a second connection there
/// would be another database). Opened after [`connect`], which made the file.
pub(crate) fn version_probe(url: &str) -> Option<version_probe::VersionProbe> {
    let path = url_path(url);
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    version_probe::VersionProbe::open(Path::new(path))
}

pub(crate) async fn connect(url: &str) -> Result<Pool, StoreError> {
    let path = url_path(url);
    let memory = path.is_empty() || path == ":memory:";
    let opts = SqliteConnectOptions::new()
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        // Pages are read through a 2 GiB map (SQLite's largest), which the OS shares and
        // keeps: 8 MiB of cache of its own per connection holds the pages past it. The
        // cache is the server's own memory, five times over (BENCHMARKS.md, session 20).
        .pragma("cache_size", "-8192")
        .pragma("mmap_size", "2147418112")
        .pragma("temp_store", "memory")
        // The store runs a few hundred distinct statements; sqlx keeps 100 per
        // connection by default, so the item page's and list's would be prepared again.
        .statement_cache_capacity(1024);
    let open_error = |e: sqlx::Error| StoreError::Open {
        path: if memory {
            ":memory:".into()
        } else {
            path.to_string()
        },
        message: e.to_string(),
    };
    if memory {
        // One connection: each in-memory connection would be its own database.
        let pool = SqlitePoolOptions::new()
            .acquire_timeout(CONNECT_TIMEOUT)
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(opts.in_memory(true))
            .await
            .map_err(open_error)?;
        return Ok(crate::Pools::single(pool));
    }
    let p = Path::new(path);
    if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            path: path.to_string(),
            message: format!("cannot create directory {}: {e}", dir.display()),
        })?;
    }
    let opts = opts
        .filename(p)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal);
    // The writer first: it creates the file and sets WAL before readers open it.
    let write = SqlitePoolOptions::new()
        .acquire_timeout(CONNECT_TIMEOUT)
        .max_connections(1)
        .min_connections(1)
        .after_release(|conn, _| Box::pin(reusable(conn)))
        .connect_with(opts.clone())
        .await
        .map_err(open_error)?;
    // Readers are kept for the server's life, as the writer is: a reopened connection
    // prepares its statements again and refills its page cache.
    let read = SqlitePoolOptions::new()
        .acquire_timeout(CONNECT_TIMEOUT)
        .max_connections(4)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(opts)
        .await
        .map_err(open_error)?;
    Ok(crate::Pools { read, write })
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
    Ok(crate::Pools::single(open_snapshot_pool(path).await?))
}

async fn open_snapshot_pool(path: &Path) -> Result<sqlx::SqlitePool, StoreError> {
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
    let opts = (*pool.read.connect_options())
        .clone()
        .disable_statement_logging();
    Ok(opts.connect().await?)
}

pub(crate) mod fulltext;
pub(crate) mod version_probe;

#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
pub(crate) mod sql;

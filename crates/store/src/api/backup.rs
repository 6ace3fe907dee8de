//! Backups: a consistent SQLite snapshot and the counts a restore checks (queries in
//! `sql/backup.rs`).

use crate::model::DatabaseCounts;
use crate::{Db, Store, StoreError, sqlite};
use std::path::Path;

impl Store {
    /// Writes a consistent copy of the SQLite database to `path` with `VACUUM INTO`, while
    /// other connections and processes go on writing (a read transaction: writers are not
    /// blocked), then returns the copy's own counts. `path` must not exist. The copy is in
    /// rollback-journal mode and closed when this returns, ready to be hashed.
    /// On PostgreSQL: [`StoreError::BackupUnsupported`] (use `pg_dump`).
    pub async fn backup_into(&self, path: &Path) -> Result<DatabaseCounts, StoreError> {
        match &self.db {
            Db::Sqlite(pool) => {
                sqlite::vacuum_into(pool, path).await?;
                let copy = sqlite::open_snapshot(path).await?;
                let counts = sqlite::sql::backup::counts(&copy).await;
                copy.close().await;
                counts
            }
            Db::Postgres(_) => Err(StoreError::BackupUnsupported {
                backend: "PostgreSQL",
            }),
        }
    }

    /// The migrations applied and the rows of the key tables.
    pub async fn database_counts(&self) -> Result<DatabaseCounts, StoreError> {
        dispatch!(self, backup::counts())
    }

    /// SQLite's `PRAGMA integrity_check`: empty when the database is sound, else the
    /// problems it lists. PostgreSQL has no such check: always empty.
    pub async fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        match &self.db {
            Db::Sqlite(pool) => {
                let rows = sqlite::integrity_check(pool).await?;
                Ok(rows.into_iter().filter(|r| r != "ok").collect())
            }
            Db::Postgres(_) => Ok(Vec::new()),
        }
    }
}

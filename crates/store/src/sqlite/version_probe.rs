//! The data's version read on the calling thread (issue 15).
//!
//! Every cached read asks for the version first (`Store::mark`). Through sqlx that ask is a
//! hand-off to a connection's worker thread and back, two context switches that cost more
//! than the read itself: on the item page, whose reads are served from the caches, the
//! asks were most of its CPU (BENCHMARKS.md, session 22). This probe keeps one rusqlite
//! connection of its own to the same file and runs the same statement
//! (`DATA_VERSION_SQL`) where it is called: a few microseconds under a mutex, in WAL a read
//! of the newest commit like any other reader's.

use std::path::Path;
use std::sync::Mutex;

#[derive(Debug)]
pub(crate) struct VersionProbe {
    conn: Mutex<rusqlite::Connection>,
}

impl VersionProbe {
    /// A probe on the database file at `path`, or None when it cannot be opened (the
    /// store then asks through its pool, as before).
    pub(crate) fn open(path: &Path) -> Option<VersionProbe> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(path, flags)
            .map_err(
                |e| tracing::warn!(error = %e, "no version probe; versions go through the pool"),
            )
            .ok()?;
        // It only reads; the writers' lock is never its to wait for.
        conn.execute_batch("PRAGMA query_only = 1").ok()?;
        conn.busy_timeout(crate::SQLITE_BUSY_TIMEOUT).ok()?;
        Some(VersionProbe {
            conn: Mutex::new(conn),
        })
    }

    /// The version, or None when the read failed (not migrated yet, the file gone): the
    /// caller then asks through the pool, whose error is the one to report.
    pub(crate) fn read(&self) -> Option<i64> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let mut stmt = conn.prepare_cached(super::DATA_VERSION_SQL).ok()?;
        stmt.query_row([], |r| r.get::<_, i64>(0)).ok()
    }
}

//! What a backup records and a restore checks: the schema's version and the size of the
//! key tables. The snapshot itself is SQLite's `VACUUM INTO` (`sqlite::vacuum_into`).

use super::{Pool, R};
use crate::model::DatabaseCounts;

pub(crate) async fn counts(pool: &Pool) -> R<DatabaseCounts> {
    let mut conn = pool.read.acquire().await?;
    let (migrations, schema_version): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success",
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut n = [0i64; 5];
    for (slot, table) in n.iter_mut().zip(COUNTED) {
        *slot = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(&mut *conn)
            .await?;
    }
    Ok(DatabaseCounts {
        migrations,
        schema_version,
        plans: n[0],
        items: n[1],
        progress_reports: n[2],
        events: n[3],
        evidence: n[4],
    })
}

/// The tables counted, in the order of [`DatabaseCounts`]' fields (constant names).
const COUNTED: [&str; 5] = ["plans", "items", "progress_reports", "events", "evidence"];

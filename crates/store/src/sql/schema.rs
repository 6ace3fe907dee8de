//! Migrations, the round trip and the first-start check.

use super::tx::audit;
use super::{Conn, Pool, R, begin_write};
use crate::Ctx;
use crate::model::*;
use serde_json::json;

pub(crate) async fn migrate(pool: &Pool, ctx: &Ctx) -> R<()> {
    let now = ctx.now();
    super::MIGRATOR.run(pool).await?;
    let mut tx = begin_write(pool).await?;
    let seeded: Option<String> =
        sqlx::query_scalar("SELECT value FROM store_meta WHERE key = 'abbreviations_seeded'")
            .fetch_optional(&mut *tx)
            .await?;
    if seeded.is_none() {
        let at = now;
        for (alias, name) in domain::units::DEFAULT_ABBREVIATIONS {
            sqlx::query(
                "INSERT INTO unit_abbreviations (alias, alias_key, unit_name, updated_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (alias_key) DO NOTHING",
            )
            .bind(*alias)
            .bind(domain::unit_key(alias))
            .bind(*name)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("INSERT INTO store_meta (key, value) VALUES ('abbreviations_seeded', $1)")
            .bind(at.to_string())
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            now,
            &AuditEntry::new(None, "abbreviation.seed", "abbreviation", None)
                .after(json!({ "count": domain::units::DEFAULT_ABBREVIATIONS.len() })),
        )
        .await?;
    }
    // A database made before `item_effective_units` existed gets its rows once.
    let built: Option<String> =
        sqlx::query_scalar("SELECT value FROM store_meta WHERE key = 'effective_units_built'")
            .fetch_optional(&mut *tx)
            .await?;
    if built.is_none() {
        super::effective_units::refresh_all(&mut tx).await?;
        sqlx::query("INSERT INTO store_meta (key, value) VALUES ('effective_units_built', $1)")
            .bind(now.to_string())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn ping(pool: &Pool) -> R<()> {
    sqlx::query("SELECT 1").execute(pool).await?;
    Ok(())
}

pub(crate) async fn is_empty(pool: &Pool) -> R<bool> {
    is_empty_in(&mut *pool.acquire().await?).await
}

pub(crate) async fn is_empty_in(conn: &mut Conn) -> R<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM plans) + (SELECT COUNT(*) FROM users)")
            .fetch_one(&mut *conn)
            .await?;
    Ok(n == 0)
}

// ---- audit -----------------------------------------------------------------------------

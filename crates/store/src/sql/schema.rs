//! Migrations, the round trip and the first-start check.

use super::tx::audit;
use super::{Conn, Pool, R, begin_write};
use crate::Ctx;
use crate::model::*;
use crate::tracking_model::TargetSource;
use domain::counting::suggest::{TargetWording, counting_rule_for};
use serde_json::json;

/// The migrations, then the one-off steps each database takes once (marked in
/// `store_meta`): the shipped abbreviations, the units in effect of a database made before
/// `item_effective_units`, and the counting rules of targets imported before they were read
/// from the wording.
pub(crate) async fn migrate(pool: &Pool, ctx: &Ctx) -> R<()> {
    let now = ctx.now();
    super::MIGRATOR.run(&pool.write).await?;
    let mut tx = begin_write(pool).await?;
    if !meta_set(&mut tx, "abbreviations_seeded").await? {
        seed_abbreviations(&mut tx, now).await?;
        set_meta(&mut tx, "abbreviations_seeded", now).await?;
    }
    if !meta_set(&mut tx, "effective_units_built").await? {
        super::effective_units::refresh_all(&mut tx).await?;
        set_meta(&mut tx, "effective_units_built", now).await?;
    }
    if !meta_set(&mut tx, super::feeds::INSTANCE_KEY).await? {
        let token = domain::password::generate_token()
            .map_err(|e| crate::StoreError::Invalid(format!("no random instance id: {e}")))?;
        sqlx::query(
            "INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(super::feeds::INSTANCE_KEY)
        .bind(format!("sangtao-{}", &token[..16]))
        .execute(&mut *tx)
        .await?;
    }
    if !meta_set(&mut tx, "counting_rules_suggested").await? {
        suggest_counting_rules(&mut tx, now).await?;
        set_meta(&mut tx, "counting_rules_suggested", now).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn seed_abbreviations(conn: &mut Conn, now: i64) -> R<()> {
    for (alias, name) in domain::units::DEFAULT_ABBREVIATIONS {
        sqlx::query(
            "INSERT INTO unit_abbreviations (alias, alias_key, unit_name, updated_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT (alias_key) DO NOTHING",
        )
        .bind(*alias)
        .bind(domain::unit_key(alias))
        .bind(*name)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    audit(
        conn,
        now,
        &AuditEntry::new(None, "abbreviation.seed", "abbreviation", None)
            .after(json!({ "count": domain::units::DEFAULT_ABBREVIATIONS.len() })),
    )
    .await?;
    Ok(())
}

async fn meta_set(conn: &mut Conn, key: &str) -> R<bool> {
    let v: Option<String> = sqlx::query_scalar("SELECT value FROM store_meta WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(v.is_some())
}

async fn set_meta(conn: &mut Conn, key: &str, now: i64) -> R<()> {
    sqlx::query("INSERT INTO store_meta (key, value) VALUES ($1, $2)")
        .bind(key)
        .bind(now.to_string())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct WordingRow {
    id: i64,
    item_id: i64,
    text: String,
    unit: String,
    title: String,
    body: String,
    year: Option<i64>,
}

/// Once, for a database imported before targets were counted from their wording: each
/// target still on "figures from reports" that nobody has switched by hand gets the rule
/// its wording asks for (`domain::counting::suggest`), as a new import would, audited.
async fn suggest_counting_rules(conn: &mut Conn, now: i64) -> R<()> {
    let rows: Vec<WordingRow> = sqlx::query_as(
        "SELECT t.id, t.item_id, t.text, t.unit, i.title, i.body, p.year
         FROM targets t JOIN items i ON i.id = t.item_id JOIN plans p ON p.id = i.plan_id
         WHERE t.source = 'entered' AND NOT EXISTS (
             SELECT 1 FROM audit_log a WHERE a.action = 'target.source'
               AND a.entity = 'target' AND a.entity_id = t.id)
         ORDER BY t.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    for r in rows {
        let Some(rule) = counting_rule_for(&TargetWording {
            text: &r.text,
            unit: &r.unit,
            item_title: &r.title,
            item_body: &r.body,
            item: domain::ItemId(r.item_id),
            year: r.year.and_then(|y| i32::try_from(y).ok()),
        }) else {
            continue;
        };
        sqlx::query("UPDATE targets SET source = 'counted', rule_json = $1 WHERE id = $2")
            .bind(serde_json::to_string(&rule)?)
            .bind(r.id)
            .execute(&mut *conn)
            .await?;
        audit(
            conn,
            now,
            &AuditEntry::new(None, "target.source.suggested", "target", Some(r.id))
                .before(json!({ "source": "entered" }))
                .after(serde_json::to_value(TargetSource::Counted { rule })?),
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn ping(pool: &Pool) -> R<()> {
    sqlx::query("SELECT 1").execute(&pool.read).await?;
    Ok(())
}

/// A one-row write through the writer (`/healthz`): the time, kept under one key.
pub(crate) async fn write_probe(pool: &Pool, ctx: &Ctx) -> R<()> {
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "INSERT INTO store_meta (key, value) VALUES ('health_probe', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(ctx.now().to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn is_empty(pool: &Pool) -> R<bool> {
    is_empty_in(&mut *pool.read.acquire().await?).await
}

pub(crate) async fn is_empty_in(conn: &mut Conn) -> R<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM plans) + (SELECT COUNT(*) FROM users)")
            .fetch_one(&mut *conn)
            .await?;
    Ok(n == 0)
}

// ---- audit -----------------------------------------------------------------------------

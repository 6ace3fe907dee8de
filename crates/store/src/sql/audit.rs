//! Reading the audit log: per entity, per item, per plan, the latest entries, and the
//! watermark the plan cache keys on.

use super::tx::audit;
use super::{DbRow, Pool, R, begin_write};
use crate::Ctx;
use crate::model::{AuditEntry, AuditRecord};
use crate::tracking_model::*;
use domain::{AuditId, ItemId, PlanId, UserId};
use sqlx::Row;

pub(crate) async fn append_audit(pool: &Pool, ctx: &Ctx, e: &AuditEntry) -> R<AuditId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = audit(&mut tx, now, e).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) fn audit_from_row(r: &DbRow) -> R<AuditRecord> {
    let parse = |s: Option<String>| -> R<Option<serde_json::Value>> {
        Ok(match s {
            Some(s) => Some(serde_json::from_str(&s)?),
            None => None,
        })
    };
    Ok(AuditRecord {
        id: AuditId(r.try_get(0)?),
        at: r.try_get(1)?,
        actor: r.try_get::<Option<i64>, _>(2)?.map(UserId),
        action: r.try_get(3)?,
        entity: r.try_get(4)?,
        entity_id: r.try_get(5)?,
        before: parse(r.try_get(6)?)?,
        after: parse(r.try_get(7)?)?,
    })
}

pub(crate) async fn audit_for_entity(
    pool: &Pool,
    entity: &str,
    entity_id: i64,
) -> R<Vec<AuditRecord>> {
    let rows = sqlx::query(
        "SELECT id, at, actor_id, action, entity, entity_id, before_json, after_json
         FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id",
    )
    .bind(entity)
    .bind(entity_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(audit_from_row).collect()
}

pub(crate) async fn audit_recent(pool: &Pool, limit: i64) -> R<Vec<AuditRecord>> {
    let rows = sqlx::query(
        "SELECT id, at, actor_id, action, entity, entity_id, before_json, after_json
         FROM audit_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit.max(0))
    .fetch_all(pool)
    .await?;
    rows.iter().map(audit_from_row).collect()
}

// ---- import ----------------------------------------------------------------------------

/// The highest audit id: changes whenever anything audited changes (primary-key lookup).
pub(crate) async fn audit_watermark(pool: &Pool) -> R<i64> {
    Ok(
        sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(id) FROM audit_log")
            .fetch_one(pool)
            .await?
            .unwrap_or(0),
    )
}

pub(crate) fn audit_row(r: &DbRow) -> R<AuditRecord> {
    let parse = |s: Option<String>| -> R<Option<serde_json::Value>> {
        Ok(match s {
            Some(s) => Some(serde_json::from_str(&s)?),
            None => None,
        })
    };
    Ok(AuditRecord {
        id: AuditId(r.try_get(0)?),
        at: r.try_get(1)?,
        actor: r.try_get::<Option<i64>, _>(2)?.map(UserId),
        action: r.try_get(3)?,
        entity: r.try_get(4)?,
        entity_id: r.try_get(5)?,
        before: parse(r.try_get(6)?)?,
        after: parse(r.try_get(7)?)?,
    })
}

pub(crate) fn audit_page(rows: Vec<DbRow>, limit: i64) -> R<AuditPage> {
    let mut entries = rows.iter().map(audit_row).collect::<R<Vec<_>>>()?;
    let more = entries.len() as i64 > limit;
    entries.truncate(limit.max(0) as usize);
    let next_before = if more {
        entries.last().map(|e| e.id.0)
    } else {
        None
    };
    Ok(AuditPage {
        entries,
        next_before,
    })
}

pub(crate) const AUDIT_COLS: &str =
    "id, at, actor_id, action, entity, entity_id, before_json, after_json";

/// Entries about an item (its own and its reports', targets', evidence), newest first.
pub(crate) async fn audit_for_item(
    pool: &Pool,
    item: ItemId,
    before: Option<i64>,
    limit: i64,
) -> R<AuditPage> {
    let rows = sqlx::query(sql!(
        "SELECT {AUDIT_COLS} FROM audit_log
         WHERE (item_id = $1 OR (entity = 'item' AND entity_id = $1)) AND id < $2
         ORDER BY id DESC LIMIT $3"
    ))
    .bind(item.0)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit + 1)
    .fetch_all(pool)
    .await?;
    audit_page(rows, limit)
}

/// Entries about a plan and everything in it, newest first.
pub(crate) async fn audit_for_plan(
    pool: &Pool,
    plan: PlanId,
    before: Option<i64>,
    limit: i64,
) -> R<AuditPage> {
    let rows = sqlx::query(sql!(
        "SELECT {AUDIT_COLS} FROM audit_log
         WHERE (plan_id = $1 OR (entity = 'plan' AND entity_id = $1)) AND id < $2
         ORDER BY id DESC LIMIT $3"
    ))
    .bind(plan.0)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit + 1)
    .fetch_all(pool)
    .await?;
    audit_page(rows, limit)
}

// ---- derived item columns ----------------------------------------------------------------

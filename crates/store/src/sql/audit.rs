//! Reading the audit log: per entity, per item, per plan, the latest entries.

use super::tx::audit;
use super::{Pool, R, begin_write};
use crate::Ctx;
use crate::model::{AuditEntry, AuditRecord};
use crate::tracking_model::*;
use domain::{AuditId, ItemId, PlanId, UserId};

pub(crate) async fn append_audit(pool: &Pool, ctx: &Ctx, e: &AuditEntry) -> R<AuditId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = audit(&mut tx, now, e).await?;
    tx.commit().await?;
    Ok(id)
}

/// An audit entry as `AUDIT_COLS` selects it.
#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor_id: Option<i64>,
    action: String,
    entity: String,
    entity_id: Option<i64>,
    before_json: Option<String>,
    after_json: Option<String>,
}

impl AuditRow {
    fn into_record(self) -> R<AuditRecord> {
        let parse = |s: Option<String>| -> R<Option<serde_json::Value>> {
            Ok(match s {
                Some(s) => Some(serde_json::from_str(&s)?),
                None => None,
            })
        };
        Ok(AuditRecord {
            id: AuditId(self.id),
            at: self.at,
            actor: self.actor_id.map(UserId),
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            before: parse(self.before_json)?,
            after: parse(self.after_json)?,
        })
    }
}

pub(crate) async fn audit_for_entity(
    pool: &Pool,
    entity: &str,
    entity_id: i64,
) -> R<Vec<AuditRecord>> {
    let rows = sqlx::query_as::<_, AuditRow>(
        "SELECT id, at, actor_id, action, entity, entity_id, before_json, after_json
         FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id",
    )
    .bind(entity)
    .bind(entity_id)
    .fetch_all(&pool.read)
    .await?;
    rows.into_iter().map(AuditRow::into_record).collect()
}

pub(crate) async fn audit_recent(pool: &Pool, limit: i64) -> R<Vec<AuditRecord>> {
    let rows = sqlx::query_as::<_, AuditRow>(
        "SELECT id, at, actor_id, action, entity, entity_id, before_json, after_json
         FROM audit_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit.max(0))
    .fetch_all(&pool.read)
    .await?;
    rows.into_iter().map(AuditRow::into_record).collect()
}

// ---- import ----------------------------------------------------------------------------

/// A page of the entries `select` finds, newest first: it binds `$1` to `id`, `$2` to the
/// id to page below and `$3` to one more than the page, which tells whether another
/// page follows.
async fn audit_page(
    pool: &Pool,
    select: impl sqlx::SqlSafeStr,
    id: i64,
    before: Option<i64>,
    limit: i64,
) -> R<AuditPage> {
    let rows = sqlx::query_as::<_, AuditRow>(select)
        .bind(id)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit + 1)
        .fetch_all(&pool.read)
        .await?;
    let mut entries = rows
        .into_iter()
        .map(AuditRow::into_record)
        .collect::<R<Vec<_>>>()?;
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
    let select = sql!(
        "SELECT {AUDIT_COLS} FROM audit_log
         WHERE (item_id = $1 OR (entity = 'item' AND entity_id = $1)) AND id < $2
         ORDER BY id DESC LIMIT $3"
    );
    audit_page(pool, select, item.0, before, limit).await
}

/// Entries about a plan and everything in it, newest first.
pub(crate) async fn audit_for_plan(
    pool: &Pool,
    plan: PlanId,
    before: Option<i64>,
    limit: i64,
) -> R<AuditPage> {
    let select = sql!(
        "SELECT {AUDIT_COLS} FROM audit_log
         WHERE (plan_id = $1 OR (entity = 'plan' AND entity_id = $1)) AND id < $2
         ORDER BY id DESC LIMIT $3"
    );
    audit_page(pool, select, plan.0, before, limit).await
}

// ---- derived item columns ----------------------------------------------------------------

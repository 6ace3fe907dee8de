//! What every write shares: the one audit writer, the optimistic version bump, the data's
//! version, the date codecs and the small guards used inside transactions.

use super::{Conn, DB, Pool, R};
use crate::StoreError;
use crate::model::AuditEntry;
use domain::tracking::TrackingError;
use domain::{Actor, AuditId, ItemId, PlanId};
use std::str::FromStr;

/// The one audit writer: every change appends its entry here, inside the change's own
/// transaction, at the operation's time. `plan` and `item` tie the entry to a plan's and an
/// item's history (`/plans/{id}/audit`, `/items/{id}/audit`).
pub(crate) async fn write_audit(
    conn: &mut Conn,
    at: i64,
    e: &AuditEntry,
    plan: Option<PlanId>,
    item: Option<ItemId>,
) -> R<AuditId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before_json,
             after_json, plan_id, item_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(at)
    .bind(e.actor.map(|u| u.0))
    .bind(&e.action)
    .bind(&e.entity)
    .bind(e.entity_id)
    .bind(e.before.as_ref().map(|v| v.to_string()))
    .bind(e.after.as_ref().map(|v| v.to_string()))
    .bind(plan.map(|p| p.0))
    .bind(item.map(|i| i.0))
    .fetch_one(&mut *conn)
    .await?;
    Ok(AuditId(id))
}

/// A table whose rows carry an optimistic `version`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Versioned {
    Item,
    Event,
    Delegation,
    Direction,
    PlanDraft,
    Unit,
    User,
    Plan,
    Estimate,
    MediaWork,
}

/// The record read for a change, if `expected` is still its version; else the conflict
/// that shows it as it is now (the form then offers to write over it knowingly).
pub(crate) fn at_version<T: serde::Serialize>(
    version: i64,
    expected: i64,
    (entity, id): (&'static str, i64),
    before: T,
) -> R<T> {
    match domain::check_version(version, expected) {
        Ok(()) => Ok(before),
        Err(conflict) => Err(StoreError::Conflict {
            entity,
            id,
            conflict,
            current: json(&before),
        }),
    }
}

/// The optimistic version bump, the one place it is written: `version + 1` and
/// `updated_at`, only while the row is still at `expected`. False when someone saved
/// first; the caller then answers with a conflict that shows the current row.
pub(crate) async fn bump_version(
    conn: &mut Conn,
    at: i64,
    table: Versioned,
    id: i64,
    expected: i64,
) -> R<bool> {
    // One static text per table: a table name is never built from input.
    let sql = match table {
        Versioned::Item => {
            "UPDATE items SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::Event => {
            "UPDATE events SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::Delegation => {
            "UPDATE delegations SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::Direction => {
            "UPDATE directions SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::PlanDraft => {
            "UPDATE plan_drafts SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::MediaWork => {
            "UPDATE media_works SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::Unit => {
            "UPDATE units SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::User => {
            "UPDATE users SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::Plan => {
            "UPDATE plans SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::Estimate => {
            "UPDATE estimates SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
    };
    let n = sqlx::query(sql)
        .bind(at)
        .bind(id)
        .bind(expected)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(n > 0)
}

/// An entry tied to no plan (users, units, settings).
pub(crate) async fn audit(conn: &mut Conn, at: i64, e: &AuditEntry) -> R<AuditId> {
    write_audit(conn, at, e, None, None).await
}

pub(crate) async fn audit_in(
    conn: &mut Conn,
    at: i64,
    e: &AuditEntry,
    plan: PlanId,
    item: Option<ItemId>,
) -> R<AuditId> {
    super::tx::write_audit(conn, at, e, Some(plan), item).await
}

pub(crate) fn json(v: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

// ---- events -----------------------------------------------------------------------------

pub(crate) fn board_or_admin(actor: &Actor, action: &'static str) -> R<()> {
    if actor.is_board_or_admin() {
        Ok(())
    } else {
        Err(StoreError::Tracking(TrackingError::Forbidden { action }))
    }
}

pub(crate) fn day_text(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn date_text(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(day_text)
}

pub(crate) fn parse_date(s: Option<String>) -> Option<chrono::NaiveDate> {
    s.and_then(|s| chrono::NaiveDate::from_str(&s).ok())
}

/// Whether `select` (`SELECT id FROM … WHERE id = $1`) finds `id`: what a form names must
/// still exist when the write takes the lock (else it is forged or stale).
pub(crate) async fn exists(conn: &mut Conn, select: &'static str, id: i64) -> R<bool> {
    let found: Option<i64> = sqlx::query_scalar(select)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

/// A writing transaction (`begin_write`). On SQLite its commit bumps the data's version
/// first: the next writer's bump waits for that commit, so versions follow commit order (a
/// reader that sees N sees every write up to N). PostgreSQL needs no bump: its version is
/// the reader's snapshot (`postgres::DATA_VERSION_SQL`). It derefs to the connection, as
/// `sqlx::Transaction` does.
pub(crate) struct WriteTx(pub(crate) sqlx::Transaction<'static, DB>);

impl WriteTx {
    pub(crate) async fn commit(mut self) -> Result<(), sqlx::Error> {
        if super::BUMP_AT_COMMIT {
            sqlx::query("UPDATE write_counter SET n = n + 1 WHERE id = 1")
                .execute(&mut *self.0)
                .await?;
        }
        self.0.commit().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.0
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.0
    }
}

/// The data's version: it changes with every committed write, and a reader that sees K sees
/// every write up to K (the caches key on it). Compare it for equality only: on PostgreSQL
/// it is a hash, not a count.
pub(crate) async fn data_version(pool: &Pool) -> R<i64> {
    Ok(sqlx::query_scalar::<_, i64>(super::DATA_VERSION_SQL)
        .fetch_one(&pool.read)
        .await?)
}

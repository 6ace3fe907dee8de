//! The department's profile (thông tin cơ quan): one JSON value in `store_meta` under
//! `department_profile`, versioned like a row, written with its audit entry.

use super::tx::audit;
use super::{Conn, Pool, R, begin_write};
use crate::model::{AuditEntry, DepartmentRecord};
use crate::{Ctx, StoreError};
use domain::tracking::TrackingError;
use domain::{Actor, Department, Role};

const KEY: &str = "department_profile";

/// The stored JSON text and what it reads as.
async fn load(conn: &mut Conn) -> R<Option<(String, DepartmentRecord)>> {
    let text: Option<String> = sqlx::query_scalar("SELECT value FROM store_meta WHERE key = $1")
        .bind(KEY)
        .fetch_optional(&mut *conn)
        .await?;
    match text {
        None => Ok(None),
        Some(t) => {
            let record = serde_json::from_str(&t)?;
            Ok(Some((t, record)))
        }
    }
}

pub(crate) async fn department(pool: &Pool) -> R<Option<DepartmentRecord>> {
    Ok(load(&mut *pool.read.acquire().await?)
        .await?
        .map(|(_, r)| r))
}

/// Saves the profile over `expected_version` (0: none saved yet), normalised and checked.
/// `actor` is an admin, or `None` for the system (the first start's defaults). A stale
/// version is a conflict carrying the saved profile. Returns the new version.
pub(crate) async fn set_department(
    pool: &Pool,
    ctx: &Ctx,
    expected_version: i64,
    profile: &Department,
    actor: Option<&Actor>,
) -> R<i64> {
    let now = ctx.now();
    if actor.is_some_and(|a| !a.has_role(Role::Admin)) {
        return Err(StoreError::Tracking(TrackingError::Forbidden {
            action: "edit the department's profile",
        }));
    }
    let profile = profile.normalised();
    profile
        .check()
        .map_err(|e| StoreError::Invalid(e.to_string()))?;
    let mut tx = begin_write(pool).await?;
    let current = load(&mut tx).await?;
    let current_version = current.as_ref().map_or(0, |(_, r)| r.version);
    let conflict = || StoreError::Conflict {
        entity: "department",
        id: 0,
        conflict: domain::Conflict {
            current: current_version,
            attempted: expected_version,
        },
        current: current
            .as_ref()
            .and_then(|(_, r)| serde_json::to_value(&r.profile).ok())
            .unwrap_or(serde_json::Value::Null),
    };
    if current_version != expected_version {
        return Err(conflict());
    }
    let record = DepartmentRecord {
        profile,
        version: current_version + 1,
        updated_at: now,
        updated_by: actor.map(|a| a.user_id),
    };
    let text = serde_json::to_string(&record)?;
    let written = match &current {
        // The old text as the guard: a save in between changed it (PostgreSQL races).
        Some((old, _)) => {
            sqlx::query("UPDATE store_meta SET value = $2 WHERE key = $1 AND value = $3")
                .bind(KEY)
                .bind(&text)
                .bind(old)
                .execute(&mut *tx)
                .await?
                .rows_affected()
        }
        // Two first saves race on the key: the loser gets a unique violation.
        None => sqlx::query("INSERT INTO store_meta (key, value) VALUES ($1, $2)")
            .bind(KEY)
            .bind(&text)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
    };
    if written == 0 {
        return Err(conflict());
    }
    let mut e = AuditEntry::new(record.updated_by, "department.update", "department", None)
        .after(serde_json::to_value(&record.profile)?);
    if let Some((_, before)) = &current {
        e = e.before(serde_json::to_value(&before.profile)?);
    }
    audit(&mut tx, now, &e).await?;
    tx.commit().await?;
    Ok(record.version)
}

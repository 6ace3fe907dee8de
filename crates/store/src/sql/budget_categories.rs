//! The estimate line categories (khoản mục) the admin configures: list, add, rename,
//! deactivate and reactivate, each audited. Lines keep the code; a category is never
//! deleted, so an old line always finds its name.

use super::tx::write_audit;
use super::{Conn, Pool, R, begin_write};
use crate::budget_model::BudgetCategory;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::Actor;
use domain::budget::{BudgetError, ParsedCategory, can_manage_categories};
use serde_json::json;

type Row = (String, String, String, i64, bool, i64);

fn category((code, name_vi, name_en, position, active, version): Row) -> BudgetCategory {
    BudgetCategory {
        code,
        name_vi,
        name_en,
        position,
        active,
        version,
    }
}

/// Every category, active or not, in their order.
pub(crate) async fn budget_categories(pool: &Pool) -> R<Vec<BudgetCategory>> {
    let rows = sqlx::query_as::<_, Row>(
        "SELECT code, name_vi, name_en, position, active, version FROM budget_categories
         ORDER BY position, code",
    )
    .fetch_all(&pool.read)
    .await?;
    Ok(rows.into_iter().map(category).collect())
}

async fn find(conn: &mut Conn, code: &str) -> R<Option<BudgetCategory>> {
    let row = sqlx::query_as::<_, Row>(
        "SELECT code, name_vi, name_en, position, active, version FROM budget_categories
         WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(category))
}

/// Refuses a line's category unless it exists and is active (in the caller's write
/// transaction, so that a deactivation is not raced).
pub(crate) async fn check_line_category(conn: &mut Conn, code: &str) -> R<()> {
    match find(conn, code).await? {
        Some(c) if c.active => Ok(()),
        Some(_) => Err(BudgetError::CategoryInactive(code.to_string()).into()),
        None => Err(BudgetError::BadCategory.into()),
    }
}

fn allowed(actor: &Actor) -> R<()> {
    if can_manage_categories(actor) {
        Ok(())
    } else {
        Err(BudgetError::CategoryForbidden.into())
    }
}

fn taken(code: &str) -> StoreError {
    BudgetError::CategoryCodeTaken(code.to_string()).into()
}

/// Adds a category at the end of the list.
pub(crate) async fn add_budget_category(
    pool: &Pool,
    ctx: &Ctx,
    new: &ParsedCategory,
    actor: &Actor,
) -> R<()> {
    allowed(actor)?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    if find(&mut tx, &new.code).await?.is_some() {
        return Err(taken(&new.code));
    }
    sqlx::query(
        "INSERT INTO budget_categories (code, name_vi, name_en, position)
         VALUES ($1, $2, $3,
             (SELECT COALESCE(MAX(position), 0) + 1 FROM budget_categories))",
    )
    .bind(&new.code)
    .bind(&new.name_vi)
    .bind(&new.name_en)
    .execute(&mut *tx)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => taken(&new.code),
        e => e.into(),
    })?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "budget_category.add",
        "budget_category",
        None,
    )
    .after(json!({ "code": new.code, "name_vi": new.name_vi, "name_en": new.name_en }));
    write_audit(&mut tx, now, &entry, None, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The category at `expected`, locked for a change; a stale form is a conflict.
async fn locked(conn: &mut Conn, code: &str, expected: i64) -> R<BudgetCategory> {
    let c = find(conn, code)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("budget category {code}")))?;
    if let Err(conflict) = domain::check_version(c.version, expected) {
        return Err(super::items::conflict(
            "budget_category",
            0,
            conflict,
            &json!({ "code": c.code, "name_vi": c.name_vi, "active": c.active }),
        ));
    }
    Ok(c)
}

/// Renames a category (its code stays: the lines keep it).
pub(crate) async fn rename_budget_category(
    pool: &Pool,
    ctx: &Ctx,
    code: &str,
    expected: i64,
    (name_vi, name_en): (&str, &str),
    actor: &Actor,
) -> R<()> {
    allowed(actor)?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = locked(&mut tx, code, expected).await?;
    sqlx::query(
        "UPDATE budget_categories SET name_vi = $1, name_en = $2, version = version + 1
         WHERE code = $3",
    )
    .bind(name_vi)
    .bind(name_en)
    .bind(code)
    .execute(&mut *tx)
    .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "budget_category.rename",
        "budget_category",
        None,
    )
    .before(json!({ "code": code, "name_vi": before.name_vi, "name_en": before.name_en }))
    .after(json!({ "code": code, "name_vi": name_vi, "name_en": name_en }));
    write_audit(&mut tx, now, &entry, None, None).await?;
    tx.commit().await?;
    Ok(())
}

/// Deactivates (no longer offered for new lines) or reactivates a category.
pub(crate) async fn set_budget_category_active(
    pool: &Pool,
    ctx: &Ctx,
    code: &str,
    expected: i64,
    active: bool,
    actor: &Actor,
) -> R<()> {
    allowed(actor)?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = locked(&mut tx, code, expected).await?;
    sqlx::query("UPDATE budget_categories SET active = $1, version = version + 1 WHERE code = $2")
        .bind(active)
        .bind(code)
        .execute(&mut *tx)
        .await?;
    let action = if active {
        "budget_category.reactivate"
    } else {
        "budget_category.deactivate"
    };
    let entry = AuditEntry::new(Some(actor.user_id), action, "budget_category", None)
        .before(json!({ "code": code, "active": before.active }))
        .after(json!({ "code": code, "active": active }));
    write_audit(&mut tx, now, &entry, None, None).await?;
    tx.commit().await?;
    Ok(())
}

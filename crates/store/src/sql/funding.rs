//! A plan's funding sources (Kinh phí): name, legal basis, year and amount.

use super::events::nfc;
use super::import::UnitResolver;
use super::tx::audit_in;
use super::{Conn, Pool, R, begin_write};
use crate::Ctx;
use crate::budget_model::*;
use crate::draft_model::FundingLine;
use crate::model::AuditEntry;
use domain::budget::BudgetError;
use domain::{Actor, PlanId, UnitId, UserId};
use serde_json::json;

/// Records a funding source of a plan (Finance, admin).
pub(crate) async fn add_funding_source(
    pool: &Pool,
    ctx: &Ctx,
    plan: PlanId,
    new: &NewFundingSource,
    actor: &Actor,
) -> R<i64> {
    if !domain::budget::can_manage_funding(actor) {
        return Err(BudgetError::FundingForbidden.into());
    }
    let name = nfc(new.name.trim());
    if name.is_empty() {
        return Err(BudgetError::NameRequired.into());
    }
    let legal_basis = nfc(new.legal_basis.trim());
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO funding_sources (plan_id, name, legal_basis, year, amount, created_by,
             created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(plan.0)
    .bind(&name)
    .bind(&legal_basis)
    .bind(new.year)
    .bind(new.amount.get())
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "funding.add",
        "funding_source",
        Some(id),
    )
    .after(json!({
        "name": name, "legal_basis": legal_basis, "year": new.year,
        "amount": new.amount.get(),
    }));
    audit_in(&mut tx, now, &entry, plan, None).await?;
    tx.commit().await?;
    Ok(id)
}

/// A plan's funding sources, by year then name.
pub(crate) async fn funding_sources(pool: &Pool, plan: PlanId) -> R<Vec<FundingSource>> {
    let rows = sqlx::query_as::<_, (i64, String, String, i64, Option<i64>, Option<i64>)>(
        "SELECT id, name, legal_basis, year, amount, unit_id FROM funding_sources
         WHERE plan_id = $1 ORDER BY year, name, id",
    )
    .bind(plan.0)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, legal_basis, year, amount, unit)| FundingSource {
                id,
                plan_id: plan,
                name,
                legal_basis,
                year,
                amount,
                unit: unit.map(UnitId),
            },
        )
        .collect())
}

/// The funding lines reviewed with an imported plan, written in the import's transaction:
/// each a funding source of the plan (its unit found or created as the items' are), each
/// audited (`funding.import`). A line without a year is for the plan's `year`.
pub(super) async fn insert_imported(
    conn: &mut Conn,
    plan: PlanId,
    year: i64,
    lines: &[FundingLine],
    units: &mut UnitResolver,
    (at, actor): (i64, Option<UserId>),
) -> R<()> {
    for l in lines {
        let name = nfc(l.name.trim());
        if name.is_empty() {
            return Err(BudgetError::NameRequired.into());
        }
        if let Some(a) = l.amount {
            domain::budget::Amount::new(a)?;
        }
        let unit = match l.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => Some(units.resolve_name(conn, u).await?),
            None => None,
        };
        let legal_basis = nfc(l.legal_basis.trim());
        let year = l.year.map_or(year, i64::from);
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO funding_sources (plan_id, name, legal_basis, year, amount, unit_id,
                 created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(plan.0)
        .bind(&name)
        .bind(&legal_basis)
        .bind(year)
        .bind(l.amount)
        .bind(unit.map(|u| u.0))
        .bind(actor.map(|u| u.0))
        .bind(at)
        .fetch_one(&mut *conn)
        .await?;
        let entry =
            AuditEntry::new(actor, "funding.import", "funding_source", Some(id)).after(json!({
                "name": name, "legal_basis": legal_basis, "year": year, "amount": l.amount,
                "unit_id": unit.map(|u| u.0),
            }));
        audit_in(conn, at, &entry, plan, None).await?;
    }
    Ok(())
}

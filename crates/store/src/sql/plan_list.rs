//! The list of plans, their short names for filters, and a plan's parsed JSON: reads
//! that need no item tree.

use super::tx::parse_date;
use super::{Pool, R};
use crate::Ctx;
use crate::model::PlanSummary;
use domain::PlanId;

#[derive(sqlx::FromRow)]
struct PlanSummaryRow {
    id: i64,
    kind: String,
    number: Option<String>,
    symbol: Option<String>,
    issuer: Option<String>,
    doc_date: Option<String>,
    year: Option<i64>,
    title: String,
    item_count: i64,
    imported_at: i64,
}

pub(crate) async fn list_plans(pool: &Pool, ctx: &Ctx) -> R<Vec<PlanSummary>> {
    ctx.count_view_query();
    let rows = sqlx::query_as::<_, PlanSummaryRow>(
        "SELECT p.id, p.kind, p.number, p.symbol, p.issuer, p.doc_date, p.year, p.title,
                (SELECT COUNT(*) FROM items i WHERE i.plan_id = p.id AND i.removed_in IS NULL)
                    AS item_count,
                p.imported_at
         FROM plans p ORDER BY COALESCE(p.year, 0) DESC, p.imported_at DESC, p.id DESC",
    )
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PlanSummary {
            id: PlanId(r.id),
            kind: r.kind,
            number: r.number,
            symbol: r.symbol,
            issuer: r.issuer,
            date: parse_date(r.doc_date),
            year: r.year.and_then(|y| i32::try_from(y).ok()),
            title: r.title,
            item_count: r.item_count,
            imported_at: r.imported_at,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct PlanNameRow {
    id: i64,
    number: Option<String>,
    symbol: Option<String>,
    title: String,
}

/// Id and short name ("123/KH-SVHTT", else the title) of every plan, for filters: no
/// item counts, so it stays cheap with many items.
/// The plans of a year (the ones whose targets keep that year's pace).
pub(crate) async fn plans_of_year(pool: &Pool, year: i32) -> R<Vec<PlanId>> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM plans WHERE year = $1 ORDER BY id")
        .bind(i64::from(year))
        .fetch_all(&pool.read)
        .await?;
    Ok(ids.into_iter().map(PlanId).collect())
}

pub(crate) async fn plan_names(pool: &Pool, ctx: &Ctx) -> R<Vec<(PlanId, String)>> {
    ctx.count_view_query();
    let rows = sqlx::query_as::<_, PlanNameRow>(
        "SELECT id, number, symbol, title FROM plans
         ORDER BY COALESCE(year, 0) DESC, imported_at DESC, id DESC",
    )
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = match (r.number, r.symbol) {
                (Some(n), Some(s)) if !s.is_empty() => format!("{n}/{s}"),
                _ => r.title,
            };
            (PlanId(r.id), name)
        })
        .collect())
}

pub(crate) async fn plan_parsed_json(pool: &Pool, id: PlanId) -> R<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT parsed_json FROM plans WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&pool.read)
            .await?,
    )
}

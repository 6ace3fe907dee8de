//! The item's latest estimate as XLSX (`reports::estimate`): the usual layout, its total
//! and the amount in words.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::session::Signed;
use ::reports::estimate::{EstimateRow, EstimateSheet};
use axum::extract::State;
use axum::response::Response;
use domain::ItemId;

pub async fn xlsx(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
) -> Result<Response, AppError> {
    let (it, budget, _) = super::visible(&app, &user, id).await?;
    let e = budget.estimate.ok_or(AppError::NotFound)?;
    let t = ctx.tr();
    let sheet = EstimateSheet {
        title: t.t("budget.xlsx_title").to_string(),
        subtitle: format!(
            "{} — {} — {}",
            it.title,
            super::page::revision_label(&ctx, e.revision),
            e.status.label(ctx.lang)
        ),
        rows: e
            .lines
            .iter()
            .map(|l| EstimateRow {
                content: format!("{}: {}", l.category_label(ctx.lang), l.description),
                unit: l.unit.clone(),
                quantity: l.quantity,
                unit_price: l.unit_price,
                amount: l.amount,
                note: l.note.clone(),
            })
            .collect(),
    };
    let bytes = sheet.to_xlsx()?;
    Ok(crate::page::download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("du-toan-{}-lan-{}.xlsx", id.0, e.revision),
    ))
}

//! A delegation takes its estimate from the budget (issue 17): the plan item whose
//! estimate covers the trip is chosen on the delegation's form; its page shows that
//! estimate's approved total and, once the delegation is back, the settlement, both
//! today's figures by the budget's one rule (`Store::item_money`). A delegation without
//! one shows the cost typed before.

use super::Choice;
use crate::AppState;
use crate::errors::AppError;
use crate::session::{Ctx, SessionUser};
use domain::{DelegationStatus, ItemId, format_vnd};
use store::DelegationRecord;

/// The items with an estimate, after an empty choice ("none").
pub(super) async fn choices(
    app: &AppState,
    ctx: &Ctx,
    typed: &str,
) -> Result<Vec<Choice>, AppError> {
    let none = Choice {
        value: String::new(),
        label: ctx.tr().t("delegation.budget_none").to_string(),
        selected: typed.trim().is_empty(),
    };
    let items = app.store().estimated_items().await?;
    Ok(std::iter::once(none)
        .chain(items.into_iter().map(|(id, label)| Choice {
            selected: typed.trim() == id.0.to_string(),
            value: id.0.to_string(),
            label,
        }))
        .collect())
}

/// The item chosen, which must be one with an estimate; else the message for beside the
/// field.
pub(super) async fn chosen(
    app: &AppState,
    ctx: &Ctx,
    typed: &str,
) -> Result<Result<Option<ItemId>, String>, AppError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(Ok(None));
    }
    let items = app.store().estimated_items().await?;
    Ok(
        match items.iter().find(|(id, _)| id.0.to_string() == typed) {
            Some((id, _)) => Ok(Some(*id)),
            None => Err(ctx.tr().t("delegation.budget_pick").to_string()),
        },
    )
}

/// What the delegation's page says of its money.
pub struct DelegationMoney {
    pub item_id: i64,
    pub item: String,
    /// The estimate's approved total ("chưa có" while none is approved).
    pub planned: String,
    /// The settlement, once the delegation is back.
    pub settled: Option<String>,
}

/// None without an estimate, or for whom budgets are not shown (partners).
pub(super) async fn money(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    d: &DelegationRecord,
) -> Result<Option<DelegationMoney>, AppError> {
    let Some(item) = d.budget_item else {
        return Ok(None);
    };
    if !domain::budget::can_view_budget(&user.actor) {
        return Ok(None);
    }
    let f = app.store().item_money(item, app.today()).await?;
    let label = app
        .store()
        .estimated_items()
        .await?
        .into_iter()
        .find(|(id, _)| *id == item)
        .map(|(_, l)| l)
        .unwrap_or_default();
    let back = matches!(
        d.status,
        DelegationStatus::Travelled | DelegationStatus::Reported
    );
    Ok(Some(DelegationMoney {
        item_id: item.0,
        item: label,
        planned: match f.planned {
            0 => ctx.tr().t("budget.planned_none").to_string(),
            n => format_vnd(n),
        },
        settled: back.then(|| format_vnd(f.settled)),
    }))
}

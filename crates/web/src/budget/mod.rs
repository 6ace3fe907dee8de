//! Kinh phí, dự toán (issue 17): an item's estimate at `/items/{id}/budget` (lines, total
//! and its amount in words, the steps one may take, the history), its XLSX, and the
//! queues at `/budget` (Finance: what waits for verification; the Board: for approval).
//! Who may do what is `domain::budget`; the store checks it again with the version under
//! its write lock. A form that does not read comes back with what was typed and each
//! problem beside its field (422); one drawn on an older version comes back with the
//! current estimate (409).

mod contracts;
mod export;
mod files;
mod money;
mod page;
mod plan;
mod queues;

pub use plan::{DashboardMoney, dashboard_money};
pub use queues::work_block;

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::session::{Ctx, SessionUser, Signed, redirect};
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use domain::ItemId;
use domain::budget::{BudgetError, EstimateAction, LineField, LineInput, check_role};
use page::{Overlay, Target};
use serde::Deserialize;
use store::{Contract, ItemBudget, ItemTracking, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/budget", get(queues::show))
        .route("/plans/{id}/budget", get(plan::show))
        .route("/plans/{id}/budget.xlsx", get(plan::xlsx))
        .route("/plans/{id}/funding", post(plan::add_funding))
        .route("/items/{id}/budget", get(show))
        .route("/items/{id}/budget.xlsx", get(export::xlsx))
        .route("/items/{id}/budget/lines", post(add_line))
        .route("/items/{id}/budget/remove", post(remove_line))
        .route("/items/{id}/budget/step", post(step))
        .route("/items/{id}/contracts", post(contracts::add_contract))
        .route("/items/{id}/payments", post(contracts::add_payment))
        .route("/contract-files/{id}", get(files::download))
}

/// The routes that take files (the evidence upload's body limit and time-out).
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/contracts/{id}/files", post(files::attach))
}

/// The add-line form's fields as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct LineFields {
    #[serde(default)]
    category: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    quantity: String,
    #[serde(default)]
    unit_price: String,
    #[serde(default)]
    note: String,
}

impl LineFields {
    fn input(&self) -> LineInput {
        LineInput {
            category: self.category.clone(),
            description: self.description.clone(),
            unit: self.unit.clone(),
            quantity: self.quantity.clone(),
            unit_price: self.unit_price.clone(),
            note: self.note.clone(),
        }
    }
}

#[derive(Deserialize)]
pub struct LineForm {
    version: i64,
    #[serde(flatten)]
    fields: LineFields,
}

#[derive(Deserialize)]
pub struct RemoveForm {
    version: i64,
    line: i64,
}

#[derive(Deserialize)]
pub struct StepForm {
    version: i64,
    action: String,
    #[serde(default)]
    comment: String,
}

/// The input id of each field of the add-line form.
fn field_id(f: LineField) -> &'static str {
    match f {
        LineField::Category => "line-category",
        LineField::Description => "line-description",
        LineField::Unit => "line-unit",
        LineField::Quantity => "line-quantity",
        LineField::UnitPrice => "line-price",
        LineField::Note => "line-note",
    }
}

/// The item, its budget and its contracts, when the user may read them (the
/// department's people, the Board, admins).
async fn visible(
    app: &AppState,
    user: &SessionUser,
    id: ItemId,
) -> Result<(ItemTracking, ItemBudget, Vec<Contract>), AppError> {
    let it = crate::items::visible_item(app, user, id).await?;
    if !domain::budget::can_view_budget(&user.actor) {
        return Err(AppError::Forbidden);
    }
    let budget = app.store().item_budget(id).await?;
    let contracts = app.store().item_contracts(id).await?;
    Ok((it, budget, contracts))
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: ItemId,
    overlay: Option<Overlay>,
) -> Result<Response, AppError> {
    let (it, budget, contracts) = visible(app, user, id).await?;
    // Today's figures, by the rule the plan's budget and the report use.
    let figures = app.store().item_money(id, app.today()).await?;
    let categories = app.store().budget_categories().await?;
    let loaded = page::Loaded {
        it: &it,
        budget: &budget,
        contracts: &contracts,
        figures,
        categories: &categories,
    };
    Ok(page::render(ctx, user, loaded, overlay))
}

fn saved(ctx: &Ctx, id: ItemId) -> Response {
    redirect(
        ctx,
        &format!("/items/{}/budget?notice=budget_saved#estimate", id.0),
    )
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
) -> Result<Response, AppError> {
    render(&app, &ctx, &user, id, None).await
}

/// The role may take `action` on this item at all (403 before any input is read).
async fn allowed(
    app: &AppState,
    user: &SessionUser,
    id: ItemId,
    action: EstimateAction,
) -> Result<(), AppError> {
    let (it, _, _) = visible(app, user, id).await?;
    check_role(&user.actor, &it.item_units(), action)
        .map_err(|e| AppError::from(StoreError::from(e)))
}

pub async fn add_line(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form, .. }: Posted<LineForm>,
) -> Result<Response, AppError> {
    allowed(&app, &user, id, EstimateAction::Submit).await?;
    let line = match form.fields.input().parse() {
        Ok(line) => line,
        Err(problems) => {
            let mut errors = FieldErrors::new();
            for (field, e) in problems {
                errors.add(field_id(field), e.message(ctx.lang));
            }
            let o = Overlay::new(Target::Line(form.fields), errors);
            return render(&app, &ctx, &user, id, Some(o)).await;
        }
    };
    let r = app
        .store()
        .add_estimate_line(id, form.version, &line, &user.actor)
        .await;
    finish(&app, &ctx, &user, id, r, Target::Line(form.fields)).await
}

pub async fn remove_line(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form, .. }: Posted<RemoveForm>,
) -> Result<Response, AppError> {
    allowed(&app, &user, id, EstimateAction::Submit).await?;
    let r = app
        .store()
        .remove_estimate_line(id, form.version, form.line, &user.actor)
        .await;
    finish(
        &app,
        &ctx,
        &user,
        id,
        r,
        Target::Line(LineFields::default()),
    )
    .await
}

pub async fn step(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form, .. }: Posted<StepForm>,
) -> Result<Response, AppError> {
    let action: EstimateAction = form
        .action
        .parse()
        .map_err(|_| AppError::BadRequest(crate::form::UNREADABLE.into()))?;
    allowed(&app, &user, id, action).await?;
    let r = app
        .store()
        .estimate_step(id, form.version, action, &form.comment, &user.actor)
        .await;
    finish(&app, &ctx, &user, id, r, Target::Step(form.comment)).await
}

/// Saved: back to the page. Refused: the form again with the message beside its field,
/// or the current estimate after a conflict; 403 and 404 stay error pages.
async fn finish(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: ItemId,
    r: Result<i64, StoreError>,
    target: Target,
) -> Result<Response, AppError> {
    let e = match r {
        Ok(_) => return Ok(saved(ctx, id)),
        Err(e) => e,
    };
    let conflict = matches!(e, StoreError::Conflict { .. });
    let field = match (&e, &target) {
        (
            StoreError::Budget(BudgetError::CommentRequired | BudgetError::TooLong { .. }),
            Target::Step(_),
        ) => "step-comment",
        (StoreError::Budget(BudgetError::LineTooLarge), Target::Line(_)) => "line-price",
        (
            StoreError::Budget(BudgetError::BadCategory | BudgetError::CategoryInactive(_)),
            Target::Line(_),
        ) => "line-category",
        _ => "",
    };
    let message = AppError::from(e).into_form_message(ctx)?;
    let mut errors = FieldErrors::new();
    errors.add(field, message);
    let mut o = Overlay::new(target, errors);
    o.conflict = conflict;
    render(app, ctx, user, id, Some(o)).await
}

//! A draft applied as a revision (Kế hoạch điều chỉnh, bổ sung) of a stored plan, from the
//! review page's comparison; and the tree's shape corrected before anything counts (split,
//! merge, move: `app::import::shape`).

use super::{draft, refused, require, review, save};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::session::{Signed, redirect};
use app::import::shape::{self, Move, ShapeProblem};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::PlanId;
use serde::Deserialize;
use store::StoreError;

#[derive(Deserialize)]
pub struct ReviseForm {
    version: i64,
    plan: i64,
    /// The fingerprint of the differences the page showed.
    #[serde(default)]
    shown: String,
}

/// Applies the draft over plan `plan` as the page showed it; differences changed since
/// (the plan or the draft edited meanwhile) are shown again, not applied.
pub async fn apply(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, .. }: Posted<ReviseForm>,
) -> Result<Response, AppError> {
    require(&user)?;
    let Some(d) = app.store().plan_draft(id).await? else {
        // A second click after the first applied it: the draft is gone.
        return Ok(redirect(&ctx, "/plans?notice=draft_gone"));
    };
    let plan = PlanId(f.plan);
    let view = app.store().plan(plan).await?.ok_or(AppError::NotFound)?;
    let table = app.store().abbreviation_table().await?;
    let rev = app::import::revise::revise(&view, &d, &table);
    if d.version != f.version || rev.diff.fingerprint() != f.shown {
        let message = ctx.tr().t("import.revise_changed").to_string();
        let refused = review::Refused::whole(message);
        return review::render_with(&app, &ctx, d, refused, StatusCode::CONFLICT, Some(plan)).await;
    }
    match app
        .store()
        .apply_plan_revision(&rev.revision, &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(
            &ctx,
            &format!("/plans/{}?notice=plan_revised#revisions", plan.0),
        )),
        Err(StoreError::NotFound(_)) => Ok(redirect(&ctx, "/plans?notice=draft_gone")),
        Err(e) => refused(&app, &ctx, id, e).await,
    }
}

#[derive(Deserialize)]
pub struct ShapeForm {
    version: i64,
    /// The line the item starts on.
    line: usize,
    /// split, merge, up, down or under.
    action: String,
    #[serde(default)]
    first: String,
    #[serde(default)]
    second: String,
    /// The new parent's line; empty: the top level.
    #[serde(default)]
    parent: String,
}

/// Splits, merges or moves one item of the draft's tree.
pub async fn reshape(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, pairs }: Posted<ShapeForm>,
) -> Result<Response, AppError> {
    let mut d = draft(&app, &user, id).await?;
    let p = &mut d.parsed;
    let done = match f.action.as_str() {
        "split" => shape::split_item(p, f.line, &f.first, &f.second).map(|_| ()),
        "merge" => shape::merge_into_previous(p, f.line),
        "up" => shape::move_item(p, f.line, Move::Up),
        "down" => shape::move_item(p, f.line, Move::Down),
        "under" => match f.parent.trim() {
            "" => shape::move_item(p, f.line, Move::Under(None)),
            s => match s.parse() {
                Ok(parent) => shape::move_item(p, f.line, Move::Under(Some(parent))),
                Err(_) => Err(ShapeProblem::NoSuchItem),
            },
        },
        _ => return Err(AppError::BadRequest("unknown action".into())),
    };
    if let Err(problem) = done {
        let (field, key) = match problem {
            ShapeProblem::EmptyTitle => ("shape-first", "import.shape_empty_title"),
            ShapeProblem::NoNeighbour => ("shape-line", "import.shape_no_neighbour"),
            ShapeProblem::UnderItself => ("shape-parent", "import.shape_under_itself"),
            ShapeProblem::NoSuchItem => ("shape-line", "import.shape_no_item"),
        };
        let mut errors = FieldErrors::new();
        errors.add(field, ctx.tr().t(key).to_string());
        let refused = review::Refused::form("shape", errors, pairs);
        return review::render(&app, &ctx, d, refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    save(&app, &ctx, &user, d, f.version, "shape").await
}

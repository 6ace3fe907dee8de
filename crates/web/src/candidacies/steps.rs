//! `/candidacies/steps`: the Board and admins keep the call's step list (add, rename,
//! move up or down, remove a step no dossier uses). Each form carries the step's version.

use super::step_name;
use crate::AppState;
use crate::cities::require_edit;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::cities::candidacy::check_step_names;
use store::CandidacyStep;

pub struct StepLine {
    pub step: CandidacyStep,
    pub name: String,
}

#[derive(Template)]
#[template(path = "candidacies/steps.html")]
struct StepsPage<'a> {
    l: Layout<'a>,
    steps: Vec<StepLine>,
    typed: Names,
    errors: FieldErrors,
}

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct Names {
    name_vi: String,
    name_en: String,
}

#[derive(serde::Deserialize)]
pub struct Versioned {
    version: i64,
    #[serde(flatten)]
    names: Names,
    #[serde(default)]
    up: String,
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    typed: Names,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let steps = app
        .store()
        .candidacy_steps()
        .await?
        .into_iter()
        .map(|s| StepLine {
            name: step_name(ctx.lang, &s),
            step: s,
        })
        .collect();
    let failed = !errors.is_empty();
    Ok(render_form_page(
        StepsPage {
            l: Layout::new(ctx, ctx.tr().t("candidacies.steps"), "cities"),
            steps,
            typed,
            errors,
        },
        failed,
    ))
}

pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    render(&app, &ctx, Names::default(), FieldErrors::new()).await
}

const BACK: &str = "/candidacies/steps";

/// A store refusal beside `field`, or the error page for anything else.
fn refusal(ctx: &Ctx, e: store::StoreError, field: String) -> Result<FieldErrors, AppError> {
    let mut errors = FieldErrors::new();
    errors.add(field, AppError::from(e).into_form_message(ctx)?);
    Ok(errors)
}

pub async fn add(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form, .. }: Posted<Names>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let mut errors = FieldErrors::new();
    match check_step_names(&form.name_vi, &form.name_en) {
        Err(e) => errors.add("name_vi", e.message(ctx.lang)),
        Ok((vi, en)) => match app
            .store()
            .add_candidacy_step((&vi, &en), &user.actor)
            .await
        {
            Ok(_) => return Ok(redirect(&ctx, BACK)),
            Err(e) => errors = refusal(&ctx, e, "name_vi".into())?,
        },
    }
    render(&app, &ctx, form, errors).await
}

pub async fn rename(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form, .. }: Posted<Versioned>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let field = format!("name_vi-{id}");
    let errors = match check_step_names(&form.names.name_vi, &form.names.name_en) {
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.add(field, e.message(ctx.lang));
            errors
        }
        Ok((vi, en)) => {
            let store = app.store();
            match store
                .rename_candidacy_step(id, form.version, (&vi, &en), &user.actor)
                .await
            {
                Ok(()) => return Ok(redirect(&ctx, BACK)),
                Err(e) => refusal(&ctx, e, field)?,
            }
        }
    };
    render(&app, &ctx, Names::default(), errors).await
}

pub async fn move_step(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form, .. }: Posted<Versioned>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let up = form.up == "1";
    match app
        .store()
        .move_candidacy_step(id, form.version, up, &user.actor)
        .await
    {
        Ok(()) => Ok(redirect(&ctx, BACK)),
        Err(e) => {
            let errors = refusal(&ctx, e, format!("name_vi-{id}"))?;
            render(&app, &ctx, Names::default(), errors).await
        }
    }
}

/// Removes a step; one a dossier uses is refused beside it, saying what to do.
pub async fn remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form, .. }: Posted<Versioned>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    match app
        .store()
        .remove_candidacy_step(id, form.version, &user.actor)
        .await
    {
        Ok(()) => Ok(redirect(&ctx, BACK)),
        Err(e) => {
            let errors = refusal(&ctx, e, format!("name_vi-{id}"))?;
            render(&app, &ctx, Names::default(), errors).await
        }
    }
}

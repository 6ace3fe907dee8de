//! The estimate line categories (khoản mục): list, add, rename, deactivate and
//! reactivate. Admin only; the store checks the role again and audits each change.

use super::ActiveForm;
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page};
use crate::session::{AdminOnly, Ctx, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::budget::{BudgetError, CategoryField, CategoryInput, parse_names};
use serde::Deserialize;
use store::{BudgetCategory, StoreError};

#[derive(Template)]
#[template(path = "budget_categories.html")]
struct CategoriesPage<'a> {
    l: Layout<'a>,
    categories: Vec<BudgetCategory>,
    /// The add form as typed (after a refusal) and each problem beside its field; a
    /// rename's problems are beside `name_vi-{code}`.
    typed: CategoryFields,
    errors: FieldErrors,
}

/// The add and rename forms' fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CategoryFields {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_vi: String,
    #[serde(default)]
    name_en: String,
}

#[derive(Deserialize)]
pub struct RenameForm {
    version: i64,
    #[serde(flatten)]
    fields: CategoryFields,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    typed: CategoryFields,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let categories = app.store().budget_categories().await?;
    let title = ctx.tr().t("budget_categories.title").to_string();
    let failed = !errors.is_empty();
    let page = CategoriesPage {
        l: Layout::new(ctx, &title, "budget_categories"),
        categories,
        typed,
        errors,
    };
    Ok(render_form_page(page, failed))
}

pub async fn list(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
) -> Result<Response, AppError> {
    page(&app, &ctx, CategoryFields::default(), FieldErrors::new()).await
}

/// The input id of a field of the add form (`suffix` names a row's rename form).
fn field_id(f: CategoryField, suffix: &str) -> String {
    let name = match f {
        CategoryField::Code => "code",
        CategoryField::NameVi => "name_vi",
        CategoryField::NameEn => "name_en",
    };
    format!("{name}{suffix}")
}

/// A refusal beside its field, or the error page for anything else.
fn refused(ctx: &Ctx, problems: Vec<(CategoryField, BudgetError)>, suffix: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for (f, e) in problems {
        errors.add(field_id(f, suffix), e.message(ctx.lang));
    }
    errors
}

fn store_refusal(ctx: &Ctx, e: StoreError, field: String) -> Result<FieldErrors, AppError> {
    let mut errors = FieldErrors::new();
    errors.add(field, AppError::from(e).into_form_message(ctx)?);
    Ok(errors)
}

pub async fn create(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Posted { form, .. }: Posted<CategoryFields>,
) -> Result<Response, AppError> {
    let input = CategoryInput {
        code: form.code.clone(),
        name_vi: form.name_vi.clone(),
        name_en: form.name_en.clone(),
    };
    let errors = match input.parse() {
        Err(problems) => refused(&ctx, problems, ""),
        Ok(c) => match app.store().add_budget_category(&c, &admin.actor).await {
            Ok(()) => {
                return Ok(redirect(
                    &ctx,
                    "/admin/budget-categories?notice=budget_category_saved",
                ));
            }
            Err(e) => store_refusal(&ctx, e, "code".into())?,
        },
    };
    page(&app, &ctx, form, errors).await
}

pub async fn rename(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(code): Id<String>,
    Posted { form, .. }: Posted<RenameForm>,
) -> Result<Response, AppError> {
    let suffix = format!("-{code}");
    let f = &form.fields;
    let errors = match parse_names(&f.name_vi, &f.name_en) {
        Err(problems) => refused(&ctx, problems, &suffix),
        Ok((vi, en)) => {
            let store = app.store();
            match store
                .rename_budget_category(&code, form.version, (&vi, &en), &admin.actor)
                .await
            {
                Ok(()) => {
                    return Ok(redirect(
                        &ctx,
                        "/admin/budget-categories?notice=budget_category_saved",
                    ));
                }
                Err(e) => store_refusal(&ctx, e, format!("name_vi{suffix}"))?,
            }
        }
    };
    page(&app, &ctx, CategoryFields::default(), errors).await
}

pub async fn set_active(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(code): Id<String>,
    Posted { form, .. }: Posted<ActiveForm>,
) -> Result<Response, AppError> {
    let active = form.active()?;
    app.store()
        .set_budget_category_active(&code, form.version, active, &admin.actor)
        .await?;
    Ok(redirect(
        &ctx,
        "/admin/budget-categories?notice=budget_category_saved",
    ))
}

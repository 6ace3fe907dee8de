//! The abbreviation table ("Phòng QLDSVH" → "Phòng Quản lý Di sản văn hóa").

use crate::AppState;
use crate::errors::AppError;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{AdminOnly, Ctx, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

#[derive(Template)]
#[template(path = "abbreviations.html")]
struct AbbreviationsPage<'a> {
    l: Layout<'a>,
    entries: Vec<(String, String)>,
    error: Option<String>,
}

async fn page(app: &AppState, ctx: &Ctx, error: Option<String>) -> Result<Response, AppError> {
    let entries = app
        .store()
        .abbreviations()
        .await?
        .into_iter()
        .map(|a| (a.alias, a.unit_name))
        .collect();
    let title = ctx.tr().t("abbr.title").to_string();
    let failed = error.is_some();
    Ok(render_form_page(
        AbbreviationsPage {
            l: Layout::new(ctx, &title, "abbreviations"),
            entries,
            error,
        },
        failed,
    ))
}

pub async fn list(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
) -> Result<Response, AppError> {
    page(&app, &ctx, None).await
}

/// An abbreviation and the unit's full name (saving), or the abbreviation (deleting).
#[derive(serde::Deserialize)]
pub struct AbbreviationForm {
    #[serde(default)]
    alias: String,
    #[serde(default)]
    unit_name: String,
}

pub async fn save(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Posted { form: f, .. }: Posted<AbbreviationForm>,
) -> Result<Response, AppError> {
    let (alias, unit_name) = (f.alias.trim(), f.unit_name.trim());
    if alias.is_empty() || unit_name.is_empty() {
        return page(&app, &ctx, Some(ctx.tr().t("abbr.invalid").to_string())).await;
    }
    app.store()
        .set_abbreviation(alias, unit_name, Some(admin.id))
        .await?;
    Ok(redirect(
        &ctx,
        "/admin/abbreviations?notice=abbreviation_saved",
    ))
}

pub async fn delete(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Posted { form: f, .. }: Posted<AbbreviationForm>,
) -> Result<Response, AppError> {
    app.store()
        .delete_abbreviation(f.alias.trim(), Some(admin.id))
        .await?;
    Ok(redirect(
        &ctx,
        "/admin/abbreviations?notice=abbreviation_deleted",
    ))
}

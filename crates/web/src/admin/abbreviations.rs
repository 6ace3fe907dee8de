//! The abbreviation table ("Phòng QLDSVH" → "Phòng Quản lý Di sản văn hóa").

use super::{field, form_pairs};
use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::session::{AdminOnly, Ctx, redirect};
use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
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
    let mut r = render_page(AbbreviationsPage {
        l: Layout::new(ctx, &title, "abbreviations"),
        entries,
        error,
    });
    if failed {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

pub async fn list(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
) -> Result<Response, AppError> {
    page(&app, &ctx, None).await
}

pub async fn save(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let alias = field(&pairs, "alias").trim().to_string();
    let unit_name = field(&pairs, "unit_name").trim().to_string();
    if alias.is_empty() || unit_name.is_empty() {
        return page(&app, &ctx, Some(ctx.tr().t("abbr.invalid").to_string())).await;
    }
    app.store()
        .set_abbreviation(&alias, &unit_name, Some(admin.id))
        .await?;
    Ok(redirect(
        &ctx,
        "/admin/abbreviations?notice=abbreviation_saved",
    ))
}

pub async fn delete(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let alias = field(&pairs, "alias").trim().to_string();
    app.store()
        .delete_abbreviation(&alias, Some(admin.id))
        .await?;
    Ok(redirect(
        &ctx,
        "/admin/abbreviations?notice=abbreviation_deleted",
    ))
}

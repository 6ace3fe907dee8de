//! Media works (issue 18): the clips, phóng sự, magazine features, printed materials, news
//! posts and photo sets the plan commissions. The list with its filters and export
//! (`list.rs`), the create and edit forms (`form.rs`), the work's page with its stage bar
//! and stage moves (`show.rs`), its files with the photos' smaller copies (`files.rs`,
//! `images.rs`), and the works shown on an item's and an event's page (`links.rs`). Every
//! route checks `domain::media` permissions with the work's unit as its lead; the store
//! checks them again in its transaction.

mod files;
mod form;
pub mod images;
pub mod links;
mod list;
mod show;

use crate::AppState;
use crate::errors::AppError;
use crate::session::{Ctx, SessionUser, redirect};
use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use chrono::NaiveDate;
use domain::media::{self, MediaWorkId};
use domain::{ItemUnit, Language, UnitId, UnitRelation};
use store::MediaWork;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/media", get(list::list).post(form::create))
        .route("/media/new", get(form::new_form))
        .route("/media/export.csv", get(list::export))
        .route("/media/export.xlsx", get(list::export))
        .route("/media/{id}", get(show::show).post(form::update))
        .route("/media/{id}/edit", get(form::edit_form))
        .route("/media/{id}/stage", post(show::stage))
        .route("/media-files/{id}", get(files::original))
        .route("/media-files/{id}/thumb", get(files::thumb))
        .route("/media-files/{id}/screen", get(files::screen))
}

/// The routes that take files (the uploads' body limit and time-out).
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/media/{id}/files", post(files::upload))
}

/// A work's unit as the lead unit the permission rules read.
pub(crate) fn lead(unit: UnitId) -> [ItemUnit; 1] {
    [ItemUnit {
        unit_id: unit,
        relation: UnitRelation::Lead,
    }]
}

/// The work, if `user` may see it.
pub(crate) async fn visible_work(
    app: &AppState,
    user: &SessionUser,
    id: MediaWorkId,
) -> Result<MediaWork, AppError> {
    let w = app
        .store()
        .media_work(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !media::can_view_work(&user.actor, &lead(w.unit)) {
        return Err(AppError::Forbidden);
    }
    Ok(w)
}

/// The work, if `user` may change it.
pub(crate) async fn editable_work(
    app: &AppState,
    user: &SessionUser,
    id: MediaWorkId,
) -> Result<MediaWork, AppError> {
    let w = visible_work(app, user, id).await?;
    if !media::can_edit_work(&user.actor, &lead(w.unit)) {
        return Err(AppError::Forbidden);
    }
    Ok(w)
}

/// Whether `user` may record a work for some unit: the Board, admins, and the
/// department's people of a unit (never a partner).
pub(crate) fn may_create_any(user: &SessionUser) -> bool {
    let a = &user.actor;
    a.is_board_or_admin() || a.unit_ids.iter().any(|u| media::can_create_work(a, *u))
}

/// The work's measure: "14:30" for a clip or documentary, "40 trang" for printed
/// matter; whichever it has for the others.
pub(crate) fn measure(w: &MediaWork, t: &crate::i18n::Tr) -> String {
    let duration = w.duration.map(|d| d.text());
    let pages = w.pages.map(|p| t.count("media.pages_count", p));
    match (duration, pages) {
        (Some(d), Some(p)) => format!("{d} · {p}"),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => String::new(),
    }
}

/// A stage's or kind's label as a heading: "Đề cương" (the glossary's labels are
/// lower-case, for sentences).
pub(crate) fn heading(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(crate) fn date(d: Option<NaiveDate>) -> String {
    d.map(domain::format_date).unwrap_or_default()
}

/// The work's title in the reader's language, when it has one in English.
pub(crate) fn title_in(w: &MediaWork, lang: Language) -> &str {
    if lang == Language::En && !w.title_en.is_empty() {
        &w.title_en
    } else {
        &w.title
    }
}

/// Back to the work's page with a notice (`media.notice_*`).
pub(crate) fn back(ctx: &Ctx, id: MediaWorkId, notice: &str) -> Response {
    redirect(ctx, &back_path(id.0, notice))
}

pub(crate) fn back_path(id: i64, notice: &str) -> String {
    format!("/media/{id}?notice={notice}")
}

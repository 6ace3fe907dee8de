//! Candidacy support (issue 19, part 3): the candidate cities' dossiers along the UCCN
//! call's steps (`domain::cities::candidacy`). Whoever reads the city directory reads them;
//! the Board and admins change them, as they record the city letters, and edit the steps.
//! A city's network account reaches none of this (the network space's isolation, 403): it
//! reads its own city's dossiers at `/network/dossier` (`network::dossier`).

mod documents;
mod export;
mod list;
mod show;
mod steps;

use crate::AppState;
use crate::events::Choice;
use axum::Router;
use axum::routing::{get, post};
use domain::Language;
use store::CandidacyStep;

pub(crate) use list::{Chip, chips};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/candidacies", get(list::list).post(list::create))
        .route("/candidacies.csv", get(export::export_table))
        .route("/candidacies.xlsx", get(export::export_table))
        .route("/candidacies/steps", get(steps::page).post(steps::add))
        .route("/candidacy-steps/{id}", post(steps::rename))
        .route("/candidacy-steps/{id}/move", post(steps::move_step))
        .route("/candidacy-steps/{id}/delete", post(steps::remove))
        .route("/candidacies/{id}", get(show::show).post(show::update))
        .route("/candidacies/{id}/step", post(show::save_step))
        .route("/candidacies/{id}/support", post(show::add_support))
        .route("/candidacy-support/{id}/delete", post(show::remove_support))
        .route("/candidacy-documents/{id}/file", get(documents::download))
        .route("/candidacy-documents/{id}/delete", post(documents::remove))
}

/// The document upload takes a file (multipart), under the uploads' body limit.
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/candidacies/{id}/documents", post(documents::add))
}

/// A step's name in the reader's language (the Vietnamese when it has no English).
pub(crate) fn step_name(lang: Language, s: &CandidacyStep) -> String {
    match lang {
        Language::En if !s.name_en.is_empty() => s.name_en.clone(),
        _ => s.name_vi.clone(),
    }
}

/// The steps as choices, `selected` ticked.
pub(crate) fn step_choices(lang: Language, steps: &[CandidacyStep], selected: i64) -> Vec<Choice> {
    steps
        .iter()
        .map(|s| Choice {
            value: s.id.to_string(),
            label: step_name(lang, s),
            selected: s.id == selected,
        })
        .collect()
}

/// "dd/mm/yyyy", or nothing.
pub(crate) fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

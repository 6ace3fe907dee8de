//! The UCCN city directory (issue 19, part 1): the list with its filters and exports,
//! "last contact", the city page with its timeline and letters, joint projects, the add/edit forms for
//! cities and creative fields, the import and the map. The department's people read it;
//! the Board and admins edit it (`domain::cities`), and the store checks again.

mod contacts;
mod form;
mod import;
mod letters;
mod list;
mod map;
mod project_form;
pub(crate) mod projects;
mod show;
mod timeline;

pub use show::{CityLinks, for_delegation, for_event};

use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::session::SessionUser;
use axum::Router;
use axum::routing::{get, post};
use domain::cities::{can_edit_cities, can_view_cities, field_label};
use domain::{CreativeFieldId, Language};
use store::FieldRecord;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cities", get(list::list).post(form::create))
        .route("/cities.csv", get(list::export_table))
        .route("/cities.xlsx", get(list::export_table))
        .route("/cities/new", get(form::new_form))
        .route("/cities/last-contact", get(list::last_contact))
        .route(
            "/cities/projects",
            get(projects::list).post(project_form::create),
        )
        .route("/cities/projects.csv", get(projects::export_table))
        .route("/cities/projects.xlsx", get(projects::export_table))
        .route("/cities/projects/new", get(project_form::new_form))
        .route(
            "/cities/projects/{id}",
            get(project_form::show).post(project_form::update),
        )
        .route(
            "/cities/projects/{id}/remove",
            get(project_form::confirm_remove).post(project_form::remove),
        )
        .route("/cities/map", get(map::page))
        .route("/cities/fields", get(form::fields).post(form::create_field))
        .route(
            "/cities/fields/{id}",
            get(form::field_form).post(form::update_field),
        )
        .route("/cities/import", get(import::page))
        .route("/cities/unesco", get(contacts::unesco))
        .route("/cities/unesco/contacts", post(contacts::add_for_unesco))
        .route("/city-contacts/{id}/delete", post(contacts::remove))
        .route("/cities/{id}", get(show::show).post(form::update))
        .route("/cities/{id}/edit", get(form::edit_form))
        .route("/city-letters/{id}/file", get(letters::download))
        .route("/cities/{id}/contacts", post(contacts::add_for_city))
        .route("/events/{id}/cities", post(show::event_cities))
        .route("/delegations/{id}/cities", post(show::delegation_cities))
}

/// The import and letters take files (multipart), under the uploads' body limit.
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route("/cities/import", post(import::run))
        .route("/cities/{id}/letters", post(letters::add))
        .route("/city-letters/{id}/file", post(letters::attach))
}

pub(crate) fn require_view(user: &SessionUser) -> Result<(), AppError> {
    if can_view_cities(&user.actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(crate) fn require_edit(user: &SessionUser) -> Result<(), AppError> {
    if can_edit_cities(&user.actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The fields' names in the reader's language, by id.
pub(crate) struct Fields {
    pub list: Vec<FieldRecord>,
    lang: Language,
}

impl Fields {
    pub async fn load(app: &AppState, lang: Language) -> Result<Fields, AppError> {
        let mut list = app.store().creative_fields().await?;
        list.sort_by_key(|f| vanban::text::fold(field_label(lang, &f.name_vi, &f.name_en)));
        Ok(Fields { list, lang })
    }

    pub fn name(&self, id: Option<CreativeFieldId>) -> String {
        self.get(id)
            .map(|f| field_label(self.lang, &f.name_vi, &f.name_en).to_string())
            .unwrap_or_default()
    }

    pub fn get(&self, id: Option<CreativeFieldId>) -> Option<&FieldRecord> {
        id.and_then(|id| self.list.iter().find(|f| f.id == id))
    }

    pub fn choices(&self, selected: Option<CreativeFieldId>) -> Vec<Choice> {
        self.list
            .iter()
            .map(|f| Choice {
                value: f.id.to_string(),
                label: field_label(self.lang, &f.name_vi, &f.name_en).to_string(),
                selected: Some(f.id) == selected,
            })
            .collect()
    }
}

/// Plain strings as choices, `selected` ticked.
pub(crate) fn text_choices(all: &[String], selected: &str) -> Vec<Choice> {
    all.iter()
        .map(|s| Choice {
            value: s.clone(),
            label: s.clone(),
            selected: s == selected,
        })
        .collect()
}

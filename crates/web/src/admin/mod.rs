//! Administration: users, units, the abbreviation table, the estimate categories and the
//! department's profile. Admin role only (see
//! [`crate::session::AdminOnly`]).

pub mod abbreviations;
pub mod budget_categories;
pub mod department;
pub mod units;
pub mod users;

use crate::AppState;
use crate::errors::AppError;
use axum::Router;
use axum::routing::{get, post};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/users/{id}", get(users::show).post(users::update))
        .route("/admin/users/{id}/active", post(users::set_active))
        .route("/admin/users/{id}/reset", post(users::reset_password))
        .route("/admin/units", get(units::list).post(units::create))
        .route("/admin/units/{id}", get(units::show).post(units::update))
        .route("/admin/units/{id}/active", post(units::set_active))
        .route("/admin/units/{id}/merge", post(units::merge))
        .route(
            "/admin/abbreviations",
            get(abbreviations::list).post(abbreviations::save),
        )
        .route("/admin/abbreviations/delete", post(abbreviations::delete))
        .route(
            "/admin/budget-categories",
            get(budget_categories::list).post(budget_categories::create),
        )
        .route(
            "/admin/budget-categories/{code}",
            post(budget_categories::rename),
        )
        .route(
            "/admin/budget-categories/{code}/active",
            post(budget_categories::set_active),
        )
        .route(
            "/admin/department",
            get(department::show).post(department::save),
        )
}

/// A unit's or an account's "Khóa" / "Mở lại" form, over the version it was opened on.
#[derive(Deserialize)]
pub struct ActiveForm {
    pub(crate) version: i64,
    /// "1" to reactivate, "0" to deactivate.
    active: String,
}

impl ActiveForm {
    /// The activity asked for; anything else is not one of our forms.
    fn active(&self) -> Result<bool, AppError> {
        match self.active.as_str() {
            "1" => Ok(true),
            "0" => Ok(false),
            _ => Err(AppError::form("form.unreadable")),
        }
    }
}

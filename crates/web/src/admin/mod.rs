//! Administration: users, the abbreviation table and the department's profile. Admin role only (see
//! [`crate::session::AdminOnly`]).

pub mod abbreviations;
pub mod department;
pub mod users;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/users/{id}", get(users::show))
        .route("/admin/users/{id}/access", post(users::set_access))
        .route("/admin/users/{id}/reset", post(users::reset_password))
        .route(
            "/admin/abbreviations",
            get(abbreviations::list).post(abbreviations::save),
        )
        .route("/admin/abbreviations/delete", post(abbreviations::delete))
        .route(
            "/admin/department",
            get(department::show).post(department::save),
        )
}

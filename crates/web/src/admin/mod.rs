//! Administration: users and the abbreviation table. Admin role only (see
//! [`crate::session::AdminOnly`]).

pub mod abbreviations;
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
}

/// Name/value pairs of a urlencoded form, keeping repeated names (checkbox groups).
pub fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

pub fn fields<'a>(pairs: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    pairs
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

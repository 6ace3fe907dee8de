//! Errors and error pages. Handlers return [`AppError`]; its response carries an
//! [`ErrorMarker`] that [`crate::session::context`] turns into a page in the user's
//! language, saying what to do next.

use crate::page::{Layout, render_page};
use crate::session::{Ctx, redirect};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone)]
pub enum AppError {
    NotFound,
    Forbidden,
    SignInRequired,
    PasswordChangeRequired,
    CsrfMissing,
    CsrfStale,
    BadRequest(String),
    /// Input the user can correct: the message, already in their language, is shown.
    Invalid(String),
    Internal(String),
}

/// Put on a response so the context middleware renders the page.
#[derive(Debug, Clone)]
pub struct ErrorMarker(pub AppError);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut r = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        r.extensions_mut().insert(ErrorMarker(self));
        r
    }
}

impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<reports::TableError> for AppError {
    fn from(e: reports::TableError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(e.to_string())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    l: Layout<'a>,
    heading: String,
    message: String,
    next_step: String,
    show_reload: bool,
}

/// The page for `err`.
pub fn render(ctx: &Ctx, err: &AppError) -> Response {
    let t = ctx.tr();
    let (status, key, reload) = match err {
        AppError::SignInRequired => {
            let reason = if ctx.session_expired {
                "expired"
            } else {
                "required"
            };
            let to = format!(
                "/signin?reason={reason}&next={}",
                form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect::<String>()
            );
            return redirect(ctx, &to);
        }
        AppError::PasswordChangeRequired => return redirect(ctx, "/password"),
        AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", false),
        AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", false),
        AppError::CsrfMissing => (StatusCode::FORBIDDEN, "csrf_missing", true),
        AppError::CsrfStale => (StatusCode::FORBIDDEN, "csrf_stale", true),
        AppError::BadRequest(why) => {
            tracing::info!(%why, "bad request");
            (StatusCode::BAD_REQUEST, "bad_request", false)
        }
        AppError::Internal(why) => {
            tracing::error!(%why, "internal error");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal", true)
        }
        AppError::Invalid(_) => (StatusCode::BAD_REQUEST, "bad_request", false),
    };
    let heading = t.t(&format!("error.{key}.title")).to_string();
    let page = ErrorPage {
        l: Layout::new(ctx, &heading, ""),
        heading: heading.clone(),
        message: match err {
            AppError::Invalid(message) => message.clone(),
            _ => t.t(&format!("error.{key}.message")).to_string(),
        },
        next_step: t.t(&format!("error.{key}.next")).to_string(),
        show_reload: reload,
    };
    let mut resp = render_page(page);
    *resp.status_mut() = status;
    resp
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

//! Board oversight (issue 6): dashboards, the printable plan status, notifications, the
//! Board's escalation list, quality evaluation, and the official results report.
//!
//! Who sees what (checked in every handler, again in the store for writes):
//! - `/dashboard`: the Board and admins see the whole plan; the department's staff are
//!   sent to their own unit's dashboard; partners are refused (they see what is shared
//!   with them on the item pages);
//! - `/units/{id}/dashboard`: that unit's internal members, the Board, admins;
//! - `/plans/{id}/status`: the department's own people (not partners);
//! - `/notifications`: one's own;
//! - `/admin/emails`: admins (reminder e-mail addresses of units and users);
//! - `/escalations`, `/items/{id}/evaluation`, `/plans/{id}/official-report*`: the Board
//!   and admins.

pub mod dashboard;
pub mod emails;
pub mod regenerate;
pub mod report;
pub mod review;

use crate::AppState;
use crate::errors::AppError;
use crate::session::SessionUser;
use axum::Router;
use axum::routing::{get, post};
use domain::{PlanId, Role};
use store::PlanSummary;

/// The results report a plan opens on, as of the app's clock: the latest ended period of
/// its year (`app::report::opening_period`).
pub async fn opening_report_period(
    app: &AppState,
    plan: PlanId,
) -> Result<domain::Period, AppError> {
    Ok(app::report::opening_period(app.store(), plan, app.today()).await?)
}

/// The period an item's evaluation opens on: the report due around today
/// (`app::report::evaluation_period`).
pub async fn opening_evaluation_period(
    app: &AppState,
    plan: PlanId,
) -> Result<domain::Period, AppError> {
    Ok(app::report::evaluation_period(app.store(), plan, app.today()).await?)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(dashboard::board))
        .route("/units/{id}/dashboard", get(dashboard::unit))
        .route("/plans/{id}/status", get(dashboard::status))
        .route("/notifications", get(review::notifications))
        .route("/notifications/read", post(review::mark_read))
        .route("/escalations", get(review::escalations))
        .route("/escalations/{id}/resolve", post(review::resolve))
        .route(
            "/items/{id}/evaluation",
            get(review::evaluation).post(review::evaluate),
        )
        .route(
            "/plans/{id}/official-report",
            get(report::page).post(report::save),
        )
        .route(
            "/plans/{id}/official-report/regenerate",
            post(regenerate::apply),
        )
        .route(
            "/plans/{id}/official-report.docx",
            get(report::download::<{ report::DOCX }>),
        )
        .route(
            "/plans/{id}/official-report.xlsx",
            get(report::download::<{ report::XLSX }>),
        )
        .route("/admin/emails", get(emails::list))
        .route("/admin/emails/{kind}/{id}", post(emails::save))
}

/// The Board or an admin.
pub fn is_board(user: &SessionUser) -> bool {
    user.actor.is_board_or_admin()
}

pub fn require_board(user: &SessionUser) -> Result<(), AppError> {
    if is_board(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Staff, Finance, Office: the department's own people (partners are outside).
pub fn is_internal(user: &SessionUser) -> bool {
    is_board(user)
        || user.actor.has_role(Role::Staff)
        || user.actor.has_role(Role::Finance)
        || user.actor.has_role(Role::Office)
}

/// `?plan=ID` if it names a plan, else the newest plan (by year, then import).
pub fn choose_plan(plans: &[PlanSummary], query: Option<&str>) -> Option<PlanId> {
    if let Some(id) = query.and_then(|q| q.trim().parse::<i64>().ok())
        && let Some(p) = plans.iter().find(|p| p.id.0 == id)
    {
        return Some(p.id);
    }
    plans
        .iter()
        .max_by_key(|p| (p.year.unwrap_or(0), p.imported_at, p.id.0))
        .map(|p| p.id)
}

/// Unix seconds as dd/mm/yyyy HH:MM in Hà Nội.
pub use domain::format::format_local_time as local_datetime;

/// Parses `key=value` pairs of a query string (values decoded).
pub fn query_value(query: Option<&str>, key: &str) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

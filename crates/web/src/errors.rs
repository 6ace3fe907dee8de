//! Errors and error pages. Handlers return [`AppError`]; its response carries an
//! [`ErrorMarker`] that [`crate::session::context`] turns into a page in the user's
//! language, saying what to do next.

use crate::i18n::Worded;
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
    /// Not a request one of our pages sends. The reason is logged; when it is a message
    /// key (`form.unreadable`), the page says that message.
    BadRequest(String),
    /// Input the user can correct: the message, already in their language, is shown.
    Invalid(String),
    /// A change the rules refused: kept typed, worded in the reader's language when the
    /// page is drawn (422; a stale version 409).
    Refused(Refusal),
    /// Too many password hashes at once (`hashing::HashGate`): 429 with `Retry-After`.
    Busy,
    Internal(String),
}

/// Why the store or the domain refused a change the user may correct.
#[derive(Debug, Clone)]
pub enum Refusal {
    Tracking(domain::TrackingError),
    Event(domain::EventError),
    /// A media work's rule (a duration, a stage move, approval, a publication date).
    Media(domain::media::MediaError),
    /// A public-site rule (a move, a point outside Hà Nội, a link, an embargo).
    Publish(domain::publishing::PublishError),
    /// A review of a progress report refused; a stale or repeated one is a conflict.
    Review(domain::oversight::ReviewError),
    /// An estimate change refused (an amount, a step out of turn, one's own submission).
    Budget(domain::budget::BudgetError),
    /// Someone saved a newer version first.
    Conflict(domain::Conflict),
    /// A department-setup rule (a unit's or account's name, a staff member's unit, …).
    Setup(domain::SetupError),
    /// A city-directory rule (a name, a year, a point, a slug taken).
    City(domain::CityError),
    /// A network-space rule (a sign-up link expired or used, a date, no city chosen).
    Network(domain::network::NetworkError),
    /// Input the store refused without a domain reason (logged where it happened).
    Invalid,
    /// A form field that does not read (an unknown choice, a date): its message key.
    Form(&'static str),
    /// The server's disk failed the write (507): nothing was saved, the form stays.
    Storage(store::StorageFailure),
}

impl Refusal {
    pub fn message(&self, ctx: &Ctx) -> String {
        match self {
            Refusal::Tracking(e) => e.message(ctx.lang),
            Refusal::Event(e) => e.message(ctx.lang),
            Refusal::Media(e) => e.message(ctx.lang),
            Refusal::Publish(e) => e.message(ctx.lang),
            Refusal::Review(e) => e.message(ctx.lang),
            Refusal::Budget(e) => e.message(ctx.lang),
            Refusal::Conflict(c) => c.message(ctx.lang),
            Refusal::Setup(e) => e.message(ctx.lang),
            Refusal::City(e) => e.message(ctx.lang),
            Refusal::Network(e) => e.message(ctx.lang),
            Refusal::Invalid => ctx.tr().t("error.refused.invalid").to_string(),
            Refusal::Form(key) => ctx.tr().t(key).to_string(),
            Refusal::Storage(store::StorageFailure::Full) => {
                ctx.tr().t("error.storage.full").to_string()
            }
            Refusal::Storage(store::StorageFailure::Io) => {
                ctx.tr().t("error.storage.io").to_string()
            }
        }
    }
}

impl AppError {
    /// A form field that does not read, said with its message key (422).
    pub fn form(key: &'static str) -> AppError {
        AppError::Refused(Refusal::Form(key))
    }

    /// The message to show beside the form for an error the user can correct, or the
    /// error itself when it calls for an error page (403, 404, 500).
    pub fn into_form_message(self, ctx: &Ctx) -> Result<String, AppError> {
        match self {
            _ if self.has_no_form() => Err(self),
            AppError::Refused(r) => Ok(r.message(ctx)),
            AppError::Invalid(m) => Ok(m),
            other => Err(other),
        }
    }

    /// A refusal about the whole item whose page has no form left to say it beside (a
    /// revision removed the item): it gets a page of its own.
    pub fn has_no_form(&self) -> bool {
        matches!(
            self,
            AppError::Refused(Refusal::Tracking(domain::TrackingError::RemovedByRevision))
        )
    }

    /// This error in words, for a form that stays on screen with what was typed.
    pub fn message(&self, ctx: &Ctx) -> String {
        match self {
            AppError::Refused(r) => r.message(ctx),
            AppError::Invalid(m) => m.clone(),
            other => {
                tracing::error!(error = ?other, "shown beside a form");
                let (_, key, _) = other.page_kind();
                ctx.tr().t(&format!("error.{key}.message")).to_string()
            }
        }
    }

    /// The status, the locale key (`error.KEY.*`) and whether reloading may help.
    fn page_kind(&self) -> (StatusCode, &'static str, bool) {
        match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", false),
            AppError::Forbidden | AppError::SignInRequired | AppError::PasswordChangeRequired => {
                (StatusCode::FORBIDDEN, "forbidden", false)
            }
            AppError::CsrfMissing => (StatusCode::FORBIDDEN, "csrf_missing", true),
            AppError::CsrfStale => (StatusCode::FORBIDDEN, "csrf_stale", true),
            AppError::BadRequest(_) | AppError::Invalid(_) => {
                (StatusCode::BAD_REQUEST, "bad_request", false)
            }
            AppError::Refused(Refusal::Conflict(_)) => (StatusCode::CONFLICT, "conflict", true),
            AppError::Refused(Refusal::Review(e)) if e.is_conflict() => {
                (StatusCode::CONFLICT, "conflict", true)
            }
            AppError::Refused(Refusal::Storage(_)) => {
                (StatusCode::INSUFFICIENT_STORAGE, "storage", true)
            }
            AppError::Refused(_) => (StatusCode::UNPROCESSABLE_ENTITY, "refused", false),
            AppError::Busy => (StatusCode::TOO_MANY_REQUESTS, "busy", true),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal", true),
        }
    }
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

/// The one classification of store errors: what no longer exists is 404, an action the
/// user may not take is 403, a rule or a stale version is a refusal the page words, and
/// only the rest is 500.
impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        use domain::budget::BudgetError;
        use domain::oversight::ReviewError;
        use domain::{EventError, TrackingError};
        use store::StoreError as S;
        if let Some(kind) = e.storage_failure() {
            // Never "invalid data": the user did nothing wrong, and may send it again.
            return AppError::Refused(Refusal::Storage(kind));
        }
        if e.is_foreign_key_violation() {
            // An id the form never offered, or one gone since: the user chooses again.
            tracing::info!(error = %e, "a form named a row that does not exist");
            return AppError::Refused(Refusal::Form("form.gone_choice"));
        }
        match e {
            S::NotFound(_) => AppError::NotFound,
            S::Tracking(TrackingError::Forbidden { .. })
            | S::Event(EventError::Forbidden { .. })
            | S::Media(domain::media::MediaError::Forbidden { .. })
            | S::Publish(domain::publishing::PublishError::Forbidden { .. })
            | S::Review(ReviewError::Forbidden)
            | S::City(domain::CityError::Forbidden { .. })
            | S::Network(domain::network::NetworkError::Forbidden { .. })
            | S::Budget(
                BudgetError::Forbidden { .. }
                | BudgetError::FundingForbidden
                | BudgetError::ContractForbidden
                | BudgetError::PaymentForbidden,
            ) => AppError::Forbidden,
            S::Budget(e) => AppError::Refused(Refusal::Budget(e)),
            S::Review(e) => AppError::Refused(Refusal::Review(e)),
            S::Tracking(e) => AppError::Refused(Refusal::Tracking(e)),
            S::Event(e) => AppError::Refused(Refusal::Event(e)),
            S::Media(e) => AppError::Refused(Refusal::Media(e)),
            S::Publish(e) => AppError::Refused(Refusal::Publish(e)),
            S::Conflict { conflict, .. } => AppError::Refused(Refusal::Conflict(conflict)),
            S::Setup(e) => AppError::Refused(Refusal::Setup(e)),
            S::City(e) => AppError::Refused(Refusal::City(e)),
            S::Network(e) => AppError::Refused(Refusal::Network(e)),
            S::Invalid(why) => {
                tracing::info!(%why, "input refused by the store");
                AppError::Refused(Refusal::Invalid)
            }
            other => AppError::Internal(other.to_string()),
        }
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
    match err {
        AppError::SignInRequired => {
            // The home page is where everyone starts: its sign-in page says nothing more.
            if !ctx.session_expired && ctx.path == "/" {
                return redirect(ctx, "/signin");
            }
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
        AppError::BadRequest(why) => tracing::info!(%why, "bad request"),
        AppError::Internal(why) => tracing::error!(%why, "internal error"),
        _ => {}
    }
    let (status, key, reload) = err.page_kind();
    let heading = t.t(&format!("error.{key}.title")).to_string();
    let page = ErrorPage {
        l: Layout::new(ctx, &heading, ""),
        heading: heading.clone(),
        message: match err {
            AppError::Invalid(message) => message.clone(),
            AppError::Refused(r) => r.message(ctx),
            AppError::BadRequest(why) => t
                .lookup(why)
                .unwrap_or_else(|| t.t("error.bad_request.message"))
                .to_string(),
            _ => t.t(&format!("error.{key}.message")).to_string(),
        },
        next_step: t.t(&format!("error.{key}.next")).to_string(),
        show_reload: reload,
    };
    let mut resp = render_page(page);
    *resp.status_mut() = status;
    if matches!(err, AppError::Busy) {
        resp.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(crate::hashing::RETRY_AFTER_SECS),
        );
    }
    resp
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::oversight::ReviewError;
    use domain::{Conflict, EventError, TrackingError};
    use store::StoreError as S;

    /// The one mapping, pinned: what each store error becomes on the way to a page.
    #[test]
    fn store_errors_map_to_one_status_each() {
        let page = |e: S| AppError::from(e).page_kind().0;
        let cases = [
            (S::NotFound("item 9".into()), StatusCode::NOT_FOUND),
            (
                S::Tracking(TrackingError::Forbidden { action: "x" }),
                StatusCode::FORBIDDEN,
            ),
            (
                S::Event(EventError::Forbidden { action: "x" }),
                StatusCode::FORBIDDEN,
            ),
            (
                S::Tracking(TrackingError::PercentOutOfRange("120".into())),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                S::Event(EventError::TitleRequired),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                S::Conflict {
                    entity: "item",
                    id: 1,
                    conflict: Conflict {
                        current: 3,
                        attempted: 2,
                    },
                    current: serde_json::Value::Null,
                },
                StatusCode::CONFLICT,
            ),
            (S::Invalid("bad".into()), StatusCode::UNPROCESSABLE_ENTITY),
            (S::Review(ReviewError::Forbidden), StatusCode::FORBIDDEN),
            (
                S::Review(ReviewError::CommentRequired),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                S::Review(ReviewError::Stale {
                    opened: 1,
                    latest: 2,
                }),
                StatusCode::CONFLICT,
            ),
            (S::InjectedFault, StatusCode::INTERNAL_SERVER_ERROR),
        ];
        for (e, want) in cases {
            let shown = format!("{e:?}");
            assert_eq!(page(e), want, "{shown}");
        }
    }
}

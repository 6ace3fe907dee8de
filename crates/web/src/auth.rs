//! Sign-in, sign-out, password change and the language switch.

use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::session::{
    Ctx, LANG_COOKIE, SESSION_COOKIE, new_token, redirect, safe_next, set_cookie, token_hash,
};
use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use std::sync::OnceLock;

use domain::password::strength::Weakness;
pub use domain::signin::{MAX_FAILURES, MIN_PASSWORD_CHARS, THROTTLE_WINDOW_MINUTES};
use domain::signin::{PasswordProblem, Throttle, check_new_password};

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage<'a> {
    l: Layout<'a>,
    login: String,
    next: String,
    /// Why the page shows, and its notice's class: a warning only when a session ended.
    message: Option<(&'static str, String)>,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
    reason: Option<String>,
}

pub async fn signin_page(ctx: Ctx, Query(q): Query<SignInQuery>) -> Response {
    if ctx.user.is_some() {
        return redirect(&ctx, &safe_next(q.next.as_deref()));
    }
    let t = ctx.tr();
    let message = match q.reason.as_deref() {
        Some("expired") => Some(("warn", t.t("signin.expired").to_string())),
        Some("signedout") => Some(("ok", t.t("signin.signed_out").to_string())),
        Some("required") => Some(("info", t.t("signin.required").to_string())),
        _ => None,
    };
    let title = t.t("signin.title").to_string();
    render_page(SignInPage {
        l: Layout::new(&ctx, &title, ""),
        login: String::new(),
        next: safe_next(q.next.as_deref()),
        message,
        error: None,
    })
}

#[derive(Deserialize)]
pub struct SignInForm {
    login: String,
    password: String,
    next: Option<String>,
}

/// Hours and minutes in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
pub fn local_time(at: chrono::DateTime<Utc>) -> String {
    at.with_timezone(&domain::format::vietnam_offset())
        .format("%H:%M")
        .to_string()
}

/// A hash to verify against when the login does not exist, so that timing does not tell.
fn dummy_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| domain::password::hash_password("not-a-real-password").unwrap_or_default())
}

pub async fn signin(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SignInForm>,
) -> Result<Response, AppError> {
    // Admitted first: beyond the hashing bound a sign-in waits here, reading nothing.
    let permit = app.hashing().admit().await?;
    let login = f.login.trim().to_lowercase();
    let address = domain::signin::throttle_key(ctx.peer);
    let now = app.now();
    let since = domain::signin::window_start(now).timestamp();
    // The address first: guessing across many logins from one machine stops here.
    let from_address = app
        .store()
        .address_failures_since(&address, since)
        .await?
        .max(0) as usize;
    let limit = app.config().address_max_failures;
    if let closed @ Throttle::Closed { .. } =
        domain::signin::before_attempt_from_address(from_address, limit, now)
    {
        tracing::warn!(%address, "sign-in refused: too many failures from this address");
        return Ok(signin_failed(
            &ctx,
            &f,
            closed,
            "signin.throttled_address",
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let failures = app
        .store()
        .login_failures_since(&login, &address, since)
        .await?
        .max(0) as usize;
    if let closed @ Throttle::Closed { .. } = domain::signin::before_attempt(failures, now) {
        return Ok(signin_failed(
            &ctx,
            &f,
            closed,
            "signin.throttled",
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let user = app.store().user_by_login(&login).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let password = f.password.clone();
    let ok = app
        .hashing()
        .run_with(permit, move || {
            let hash = hash.as_deref().unwrap_or_else(|| dummy_hash());
            domain::password::verify_password(&password, hash)
        })
        .await?;
    let Some(user) = user.filter(|_| ok) else {
        app.store()
            .record_login_failure(&login, &address, now.timestamp())
            .await?;
        let verdict = domain::signin::after_failure(failures, now);
        return Ok(signin_failed(
            &ctx,
            &f,
            verdict,
            "signin.throttled",
            StatusCode::UNAUTHORIZED,
        ));
    };
    app.store().clear_login_failures(&login, &address).await?;
    if !user.active {
        // Said only to whoever knows the password: a closed account is no secret to them.
        tracing::info!(%login, "sign-in refused: the account is deactivated");
        return Ok(signin_refused(
            &ctx,
            &f,
            "signin.deactivated",
            StatusCode::FORBIDDEN,
        ));
    }
    let to = if user.must_change_password {
        "/password".to_string()
    } else {
        safe_next(f.next.as_deref())
    };
    start_session(&app, &ctx, &user, &to).await
}

/// The sign-in form again, with what was typed and why it failed (`closed_key`: the
/// message when the throttle is closed).
fn signin_failed(
    ctx: &Ctx,
    f: &SignInForm,
    verdict: Throttle,
    closed_key: &str,
    status: StatusCode,
) -> Response {
    let t = ctx.tr();
    let error = match verdict {
        Throttle::Closed { retry_at } => t.f(
            closed_key,
            &[
                ("time", &local_time(retry_at)),
                ("minutes", &THROTTLE_WINDOW_MINUTES.to_string()),
            ],
        ),
        Throttle::Open { left } => t.f("signin.wrong", &[("left", &left.to_string())]),
    };
    signin_again(ctx, f, error, status)
}

/// The sign-in form again with the message `key`.
fn signin_refused(ctx: &Ctx, f: &SignInForm, key: &str, status: StatusCode) -> Response {
    signin_again(ctx, f, ctx.tr().t(key).to_string(), status)
}

fn signin_again(ctx: &Ctx, f: &SignInForm, error: String, status: StatusCode) -> Response {
    let title = ctx.tr().t("signin.title").to_string();
    let mut r = render_page(SignInPage {
        l: Layout::new(ctx, &title, ""),
        login: f.login.clone(),
        next: safe_next(f.next.as_deref()),
        message: None,
        error: Some(error),
    });
    *r.status_mut() = status;
    r
}

/// A new session for `user` (whatever session came with the request is discarded), its
/// cookie and the user's language cookie, and the way on to `to`.
async fn start_session(
    app: &AppState,
    ctx: &Ctx,
    user: &store::UserRecord,
    to: &str,
) -> Result<Response, AppError> {
    if let Some(old) = &ctx.session_hash {
        app.store().delete_session(old).await?;
    }
    let cookie = new_session(app, user.id).await?;
    tracing::info!(login = %user.login, "signed in");
    let secure = app.config().cookie_secure;
    let mut r = redirect(ctx, to);
    let h = r.headers_mut();
    h.append(header::SET_COOKIE, cookie);
    let lang = user.language.as_str();
    h.append(
        header::SET_COOKIE,
        set_cookie(LANG_COOKIE, lang, Some(31_536_000), false, secure),
    );
    Ok(r)
}

pub async fn signout(State(app): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    if let Some(hash) = &ctx.session_hash {
        app.store().delete_session(hash).await?;
    }
    let mut r = redirect(&ctx, "/signin?reason=signedout");
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            SESSION_COOKIE,
            "",
            Some(0),
            true,
            app.config().cookie_secure,
        ),
    );
    Ok(r)
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage<'a> {
    l: Layout<'a>,
    forced: bool,
    error: Option<String>,
    min_chars: usize,
    rule: String,
}

pub async fn password_page(ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let title = ctx.tr().t("password.title").to_string();
    Ok(render_page(PasswordPage {
        l: Layout::new(&ctx, &title, ""),
        forced: user.must_change_password,
        error: None,
        min_chars: MIN_PASSWORD_CHARS,
        rule: ctx
            .tr()
            .f("password.rule", &[("n", &MIN_PASSWORD_CHARS.to_string())]),
    }))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
    confirm: String,
}

pub async fn change_password(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?.clone();
    let record = app
        .store()
        .user(user.id)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let stored = record.password_hash.clone();
    let current = f.current.clone();
    let current_ok = app
        .hashing()
        .run(move || domain::password::verify_password(&current, &stored))
        .await?;
    if let Err(problem) =
        check_new_password(&user.login, current_ok, &f.current, &f.new, &f.confirm)
    {
        return Ok(password_refused(&ctx, user.must_change_password, problem));
    }
    let new = f.new.clone();
    let hash = app
        .hashing()
        .run(move || domain::password::hash_password(&new))
        .await?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    app.store().set_password(user.id, &hash, false).await?;
    // Every other session of this account ends; this browser gets a fresh one.
    app.store().delete_user_sessions(user.id).await?;
    let cookie = new_session(&app, user.id).await?;
    let mut r = redirect(&ctx, "/?notice=password_changed");
    r.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(r)
}

/// The password form again, with why the new password was refused.
fn password_refused(ctx: &Ctx, forced: bool, problem: PasswordProblem) -> Response {
    let t = ctx.tr();
    let n = MIN_PASSWORD_CHARS.to_string();
    let error = problem_message(t, problem);
    let title = t.t("password.title").to_string();
    let mut r = render_page(PasswordPage {
        l: Layout::new(ctx, &title, ""),
        forced,
        error: Some(error),
        min_chars: MIN_PASSWORD_CHARS,
        rule: t.f("password.rule", &[("n", &n)]),
    });
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    r
}

/// Why a chosen password was refused, in the reader's language (also the network
/// space's sign-up page).
pub(crate) fn problem_message(t: &crate::i18n::Tr, problem: PasswordProblem) -> String {
    let n = MIN_PASSWORD_CHARS.to_string();
    match problem {
        PasswordProblem::WrongCurrent => t.t("password.wrong_current").to_string(),
        PasswordProblem::TooShort => t.f("password.too_short", &[("n", &n)]),
        PasswordProblem::Mismatch => t.t("password.mismatch").to_string(),
        PasswordProblem::SameAsCurrent => t.t("password.same").to_string(),
        PasswordProblem::Weak(w) => t
            .t(match w {
                Weakness::IsLogin => "password.is_login",
                Weakness::OneCharacter => "password.one_character",
                Weakness::OnlySpaces => "password.only_spaces",
                Weakness::Common => "password.common",
            })
            .to_string(),
    }
}

/// A new server-side session for `user`, and the cookie that carries it.
async fn new_session(app: &AppState, user: domain::UserId) -> Result<HeaderValue, AppError> {
    let token = new_token()?;
    let csrf = new_token()?;
    let expires = (app.now() + app.config().session_ttl).timestamp();
    app.store()
        .create_session(&token_hash(&token), user, &csrf, expires)
        .await?;
    let secure = app.config().cookie_secure;
    Ok(set_cookie(SESSION_COOKIE, &token, None, true, secure))
}

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    next: Option<String>,
}

/// The page the switch was pressed on: the `next` field (the form fills it with the
/// current address when it is submitted, since htmx changes the address without
/// re-rendering the header), else the same-origin Referer.
fn return_path(headers: &HeaderMap, next: Option<&str>) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let from_referer = headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))))
        .filter(|(h, _)| Some(*h) == host)
        .map(|(_, p)| p);
    safe_next(next.filter(|n| !n.is_empty()).or(from_referer.as_deref()))
}

pub async fn switch_language(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(f): Form<LangForm>,
) -> Result<Response, AppError> {
    let lang = crate::i18n::parse_lang(&f.lang)
        .ok_or_else(|| AppError::BadRequest("unknown language".into()))?;
    if let Some(user) = &ctx.user {
        app.store().set_user_language(user.id, lang).await?;
    }
    let mut r = redirect(&ctx, &return_path(&headers, f.next.as_deref()));
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            LANG_COOKIE,
            lang.as_str(),
            Some(31_536_000),
            false,
            app.config().cookie_secure,
        ),
    );
    Ok(r.into_response())
}

//! Sessions and the per-request context.
//!
//! The cookie `sangtao_session` holds a random 256-bit token; the database keeps only its
//! SHA-256. [`context`] runs before every page: it loads the session once, picks the
//! language, checks CSRF on every non-GET request, and turns error markers from handlers
//! into error pages.

use crate::errors::{AppError, ErrorMarker};
use crate::i18n::{Tr, parse_lang};
use crate::{AppState, csrf, errors};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Language, Role};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "sangtao_session";
/// Double-submit token for forms shown before sign-in.
pub const PRESESSION_COOKIE: &str = "sangtao_csrf";
/// Language before sign-in (and a copy of the user's choice after).
pub const LANG_COOKIE: &str = "sangtao_lang";

/// Paths that accept a POST without a session (CSRF is then checked by double submit).
const ANONYMOUS_POSTS: &[&str] = &["/signin", "/lang"];

/// The signed-in user, as the pages need it.
#[derive(Debug, Clone)]
pub struct SessionUser {
    pub id: domain::UserId,
    pub login: String,
    pub display_name: String,
    pub must_change_password: bool,
    /// Roles and units, for `domain::permissions`.
    pub actor: domain::Actor,
    /// A network account's city: it reaches only the network space (`domain::network`).
    pub network_city: Option<domain::CityId>,
}

impl SessionUser {
    pub fn is_admin(&self) -> bool {
        domain::can_admin(&self.actor)
    }

    /// Only the Partner role: sees only what concerns its own units.
    pub fn is_partner_only(&self) -> bool {
        self.actor.roles.iter().all(|r| *r == Role::Partner)
    }
}

/// What every handler knows about the request.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub user: Option<Arc<SessionUser>>,
    /// SHA-256 of the session token, when signed in.
    pub session_hash: Option<String>,
    /// The CSRF token that forms on this page must carry.
    pub csrf: String,
    pub lang: Language,
    /// htmx asked for the inside of `<main>` only.
    pub partial: bool,
    /// A session cookie was sent but names no live session.
    pub session_expired: bool,
    /// The client's address: the direct peer, or what a trusted proxy forwarded for
    /// ([`crate::client_addr`]).
    pub peer: IpAddr,
    /// Path and query of this request (for "return to" links).
    pub path: String,
    /// The signed-in user's unread notifications for the header, counted on pages
    /// (GET) only; `store::UNREAD_WINDOW` means that many or more.
    pub unread: Option<i64>,
}

impl Ctx {
    pub fn tr(&self) -> &'static Tr {
        Tr::get(self.lang)
    }

    /// The signed-in user, or the redirect to the sign-in page.
    pub fn require_user(&self) -> Result<&Arc<SessionUser>, AppError> {
        self.user.as_ref().ok_or(AppError::SignInRequired)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal("request context missing".into()))
    }
}

/// A signed-in user who has no pending forced password change.
pub struct Signed(pub Ctx, pub Arc<SessionUser>);

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_request_parts(parts, s).await?;
        let user = ctx.require_user()?.clone();
        if user.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(Signed(ctx, user))
    }
}

/// A signed-in administrator.
pub struct AdminOnly(pub Ctx, pub Arc<SessionUser>);

impl<S: Send + Sync> FromRequestParts<S> for AdminOnly {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        let Signed(ctx, user) = Signed::from_request_parts(parts, s).await?;
        if !user.is_admin() {
            return Err(AppError::Forbidden);
        }
        Ok(AdminOnly(ctx, user))
    }
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value. `max_age` None: a browser-session cookie; Some(0): delete.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age: Option<i64>,
    http_only: bool,
    secure: bool,
) -> HeaderValue {
    let mut s = format!("{name}={value}; Path=/; SameSite=Lax");
    if let Some(age) = max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if http_only {
        s.push_str("; HttpOnly");
    }
    if secure {
        s.push_str("; Secure");
    }
    HeaderValue::from_str(&s).expect("cookie values are hex or fixed words")
}

pub fn new_token() -> Result<String, AppError> {
    domain::password::generate_token().map_err(|e| AppError::Internal(e.to_string()))
}

pub fn token_hash(token: &str) -> String {
    domain::password::sha256_hex(token.as_bytes())
}

/// A calendar feed (`GET /feeds/{token}.ics`): calendar programs read it with the token as
/// the key, so no session is looked up and no cookie is set.
fn is_feed(path: &str) -> bool {
    let file = path
        .strip_prefix("/feeds/")
        .or_else(|| path.strip_prefix("/network/feed/"));
    file.is_some_and(|f| f.ends_with(".ics") && !f.contains('/'))
}

/// Loads the session and language, checks CSRF, renders error pages.
pub async fn context(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let now = app.now().timestamp();
    let headers = req.headers();
    let cookie_secure = app.config().cookie_secure;
    let mut set_cookies: Vec<HeaderValue> = Vec::new();
    let cookieless =
        matches!(*req.method(), Method::GET | Method::HEAD) && is_feed(req.uri().path());
    let looked_up = if cookieless {
        Ok(Found::default())
    } else {
        find_session(&app, headers, now, &mut set_cookies).await
    };
    let found = match looked_up {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            let ctx = fallback_ctx(&req);
            return errors::render(&ctx, &AppError::Internal(e.to_string()));
        }
    };
    // A user's language comes from the account; before sign-in, from the cookie.
    let lang = found
        .lang
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(parse_lang))
        .unwrap_or_default();
    let csrf = match found.csrf {
        Some(t) => t,
        // A feed answers no form: no token, and no cookie to carry one.
        None if cookieless => String::new(),
        None => match presession_csrf(headers, cookie_secure, &mut set_cookies) {
            Ok(t) => t,
            Err(e) => return errors::render(&fallback_ctx(&req), &e),
        },
    };
    let unread = match &found.user {
        Some(u) if *req.method() == Method::GET => unread(&app, u.id).await,
        _ => None,
    };
    let ctx = Ctx {
        user: found.user,
        session_hash: found.hash,
        csrf,
        lang,
        partial: headers.contains_key("hx-request")
            && !headers.contains_key("hx-history-restore-request"),
        session_expired: found.expired,
        peer: crate::client_addr::client_address(
            req.extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip())
                .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            headers,
            &app.config().trusted_proxies,
        ),
        path: req
            .uri()
            .path_and_query()
            .map_or("/".into(), |p| p.as_str().to_string()),
        unread,
    };

    // A network account reaches only the network space (issue 19): one gate for all.
    if let Some(refused) = crate::network::gate(&ctx, req.uri().path()) {
        return finish(&ctx, refused, set_cookies);
    }
    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let anonymous_ok = ANONYMOUS_POSTS.contains(&req.uri().path())
            || crate::network::is_sign_up(req.uri().path());
        if ctx.user.is_none() && !anonymous_ok {
            // Nothing is changed; the person signs in again and repeats the action.
            return finish(&ctx, AppError::SignInRequired.into_response(), set_cookies);
        }
        let limit = app.config().body_limit_bytes;
        let (mut checked, mut rebuilt) = csrf::check(req, &ctx.csrf, limit).await;
        // The sign-in form is drawn without a session, so it carries the pre-session
        // token: whatever session cookie came along since (signed in in another tab, or
        // one that died meanwhile), that token still signs in rather than bouncing.
        if checked.is_err() && rebuilt.uri().path() == "/signin" {
            let presession = cookie(rebuilt.headers(), PRESESSION_COOKIE)
                .filter(|t| csrf::well_formed(t))
                .map(str::to_string);
            if let Some(t) = presession {
                (checked, rebuilt) = csrf::check(rebuilt, &t, limit).await;
            }
        }
        if let Err(e) = checked {
            tracing::info!(path = %ctx.path, "CSRF check failed: {e:?}");
            return finish(&ctx, e.into_response(), set_cookies);
        }
        req = rebuilt;
    }
    let posted = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    req.extensions_mut().insert(ctx.clone());
    let resp = next.run(req).await;
    let mut resp = finish(&ctx, resp, set_cookies);
    if posted && ctx.partial {
        // A form drawn again after a POST (refused, to correct) stays at the address of
        // the page it came from: htmx would otherwise push the POST's address, which a
        // refresh or the back button would then ask for with GET (issue 16).
        resp.headers_mut()
            .insert("hx-push-url", HeaderValue::from_static("false"));
    }
    resp
}

/// The header's count: one indexed query (`Store::unread_notifications`). A failure
/// leaves the header without a count rather than failing the page.
async fn unread(app: &AppState, user: domain::UserId) -> Option<i64> {
    match app.store().unread_notifications(user).await {
        Ok(n) => Some(n),
        Err(e) => {
            tracing::warn!(error = %e, "could not count unread notifications");
            None
        }
    }
}

/// What the session cookie leads to.
#[derive(Default)]
struct Found {
    user: Option<Arc<SessionUser>>,
    hash: Option<String>,
    csrf: Option<String>,
    lang: Option<Language>,
    /// The cookie names no live session (it is cleared).
    expired: bool,
}

/// The session named by the cookie, extended when due (sliding expiry, written at most
/// every quarter of the lifetime); the language cookie is set to follow the account.
async fn find_session(
    app: &AppState,
    headers: &HeaderMap,
    now: i64,
    set_cookies: &mut Vec<HeaderValue>,
) -> Result<Found, store::StoreError> {
    let secure = app.config().cookie_secure;
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(Found::default());
    };
    let hash = token_hash(token);
    let Some(rec) = app.store().session(&hash).await? else {
        set_cookies.push(set_cookie(SESSION_COOKIE, "", Some(0), true, secure));
        return Ok(Found {
            expired: true,
            ..Found::default()
        });
    };
    let ttl = app.config().session_ttl.num_seconds();
    if rec.expires_at - now < ttl * 3 / 4
        && let Err(e) = app.store().touch_session(&hash, Some(now + ttl)).await
    {
        tracing::warn!(error = %e, "could not extend a session");
    }
    let lang = rec.user.language;
    if cookie(headers, LANG_COOKIE).and_then(parse_lang) != Some(lang) {
        let value = set_cookie(LANG_COOKIE, lang.as_str(), Some(31_536_000), false, secure);
        set_cookies.push(value);
    }
    Ok(Found {
        user: Some(Arc::new(SessionUser {
            id: rec.user.id,
            login: rec.user.login.clone(),
            display_name: rec.user.display_name.clone(),
            must_change_password: rec.user.must_change_password,
            actor: rec.user.actor(),
            network_city: rec.user.network_city,
        })),
        hash: Some(hash),
        csrf: Some(rec.csrf_token.clone()),
        lang: Some(lang),
        expired: false,
    })
}

/// Before sign-in, the CSRF token lives in its own cookie (double submit): the one sent,
/// or a new one.
fn presession_csrf(
    headers: &HeaderMap,
    secure: bool,
    set_cookies: &mut Vec<HeaderValue>,
) -> Result<String, AppError> {
    match cookie(headers, PRESESSION_COOKIE) {
        Some(t) if csrf::well_formed(t) => Ok(t.to_string()),
        _ => {
            let t = new_token()?;
            set_cookies.push(set_cookie(PRESESSION_COOKIE, &t, None, true, secure));
            Ok(t)
        }
    }
}

/// Renders error markers into pages and adds cookies.
fn finish(ctx: &Ctx, mut resp: Response, set_cookies: Vec<HeaderValue>) -> Response {
    if let Some(ErrorMarker(err)) = resp.extensions_mut().remove::<ErrorMarker>() {
        resp = errors::render(ctx, &err);
    }
    let h = resp.headers_mut();
    // The handler's own cookie wins: a sign-in answered with a new session must not be
    // followed by the clearing of the dead session the request came with (the browser
    // would apply both in order and end up signed out).
    let name = |v: &HeaderValue| {
        let v = v.to_str().unwrap_or("");
        v.split('=').next().unwrap_or("").trim().to_string()
    };
    // Most responses carry no cookie of ours: no list to build then.
    let set_by_handler: Vec<String> = if set_cookies.is_empty() {
        Vec::new()
    } else {
        h.get_all(header::SET_COOKIE).iter().map(name).collect()
    };
    for c in set_cookies {
        if !set_by_handler.contains(&name(&c)) {
            h.append(header::SET_COOKIE, c);
        }
    }
    h.insert(header::VARY, HeaderValue::from_static("HX-Request, Cookie"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

fn fallback_ctx(req: &Request) -> Ctx {
    Ctx {
        user: None,
        session_hash: None,
        csrf: String::new(),
        lang: cookie(req.headers(), LANG_COOKIE)
            .and_then(parse_lang)
            .unwrap_or_default(),
        partial: false,
        session_expired: false,
        peer: IpAddr::V4(Ipv4Addr::LOCALHOST),
        path: req.uri().path().to_string(),
        unread: None,
    }
}

/// A local path to return to after sign-in or the language switch (never another site;
/// anything doubtful is the home page): [`domain::local_path::local_path`].
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(domain::local_path::local_path)
        .unwrap_or_else(|| "/".to_string())
}

/// 303 to `to`; htmx gets `HX-Redirect` so it loads a whole page.
pub fn redirect(ctx: &Ctx, to: &str) -> Response {
    if ctx.partial {
        // htmx follows HX-Redirect with `location.href = …`; a URL that differs from the
        // current one only by its #fragment would then just scroll, not reload, so the
        // saved state would not show. Without the fragment it always reloads.
        let to = to.split('#').next().unwrap_or(to);
        let mut r = axum::http::StatusCode::NO_CONTENT.into_response();
        if let Ok(v) = HeaderValue::from_str(to) {
            r.headers_mut().insert("hx-redirect", v);
        }
        r
    } else {
        Redirect::to(to).into_response()
    }
}

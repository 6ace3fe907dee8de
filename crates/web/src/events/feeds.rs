//! Calendar feeds: a secret URL per user or per unit (`/feeds/{token}.ics`), readable by
//! calendar programs without a session. Only the token's SHA-256 is stored: the URL is
//! shown once, at creation. A revoked feed answers 410 with a plain message; an unknown
//! one 404.

use super::{Choice, IcsSource, ics_response};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::Posted;
use crate::i18n::Tr;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, Signed, new_token, token_hash};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use domain::{Language, UnitId, events};
use std::collections::HashMap;
use store::{EventFilter, EventRecord, FeedOwner, FeedToken};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/feeds", get(list).post(create))
        .route("/feeds/{token}", get(feed))
        .route("/feeds/{id}/revoke", post(revoke))
}

/// How far back a feed reaches: about three years, so that a plan's past events (kept
/// for its reports) stay in the calendar.
const FEED_PAST_DAYS: i64 = 1100;

pub struct FeedLine {
    pub id: i64,
    pub owner: String,
    pub label: String,
    pub created: String,
    pub revoked: String,
}

#[derive(Template)]
#[template(path = "events/feeds.html")]
struct FeedsPage<'a> {
    l: Layout<'a>,
    feeds: Vec<FeedLine>,
    units: Vec<Choice>,
    /// The URL of a feed just created (shown once).
    created_url: String,
    error: String,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &crate::session::SessionUser,
    created_url: String,
    error: String,
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let names = super::unit_names(app).await?;
    let tokens = app.store().feed_tokens(&user.actor).await?;
    let title = t.t("feed.title").to_string();
    let failed = !error.is_empty();
    Ok(render_form_page(
        FeedsPage {
            l: Layout::new(ctx, &title, "events"),
            feeds: feed_lines(t, &names, tokens),
            units: unit_choices(user, &names),
            created_url,
            error,
        },
        failed,
    ))
}

fn feed_lines(t: &Tr, names: &HashMap<UnitId, String>, tokens: Vec<FeedToken>) -> Vec<FeedLine> {
    tokens
        .into_iter()
        .map(|f| FeedLine {
            id: f.id,
            owner: match f.owner {
                FeedOwner::User(_) => t.t("feed.mine").to_string(),
                FeedOwner::Unit(u) => names.get(&u).cloned().unwrap_or_default(),
            },
            label: f.label,
            created: crate::items::local_time(f.created_at),
            revoked: f
                .revoked_at
                .map(crate::items::local_time)
                .unwrap_or_default(),
        })
        .collect()
}

/// The units whose feed the user may create, by name.
fn unit_choices(
    user: &crate::session::SessionUser,
    names: &HashMap<UnitId, String>,
) -> Vec<Choice> {
    let mut units: Vec<Choice> = names
        .iter()
        .filter(|(u, _)| events::can_manage_unit_feed(&user.actor, **u))
        .map(|(u, n)| Choice {
            value: u.0.to_string(),
            label: n.clone(),
            selected: false,
        })
        .collect();
    units.sort_by(|a, b| a.label.cmp(&b.label));
    units
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    page(&app, &ctx, &user, String::new(), String::new()).await
}

/// A new feed: for the user (`me`, or nothing) or for one of their units (its id).
#[derive(serde::Deserialize)]
pub struct FeedForm {
    #[serde(default)]
    owner: String,
    #[serde(default)]
    label: String,
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    headers: axum::http::HeaderMap,
    Posted { form: f, .. }: Posted<FeedForm>,
) -> Result<Response, AppError> {
    let owner = match f.owner.as_str() {
        "me" | "" => FeedOwner::User(user.id),
        u => FeedOwner::Unit(UnitId(u.parse().map_err(|_| AppError::NotFound)?)),
    };
    let token = new_token()?;
    match app
        .store()
        .create_feed_token(owner, &token_hash(&token), &f.label, &user.actor)
        .await
    {
        Ok(_) => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("127.0.0.1:8080");
            let scheme = if app.config().cookie_secure {
                "https"
            } else {
                "http"
            };
            let url = format!("{scheme}://{host}/feeds/{token}.ics");
            page(&app, &ctx, &user, url, String::new()).await
        }
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            page(&app, &ctx, &user, String::new(), msg).await
        }
    }
}

pub async fn revoke(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    match app.store().revoke_feed_token(id, &user.actor).await {
        Ok(()) => Ok(crate::session::redirect(&ctx, "/feeds")),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            page(&app, &ctx, &user, String::new(), msg).await
        }
    }
}

fn plain(status: StatusCode, text: &str) -> Response {
    let mut r = (status, text.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// The feed itself: no session, the token is the key.
pub async fn feed(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let owner = match feed_owner(&app, &file).await? {
        Ok(owner) => owner,
        Err((status, key)) => return Ok(plain(status, t.t(key))),
    };
    let Some((name, events)) = feed_events(&app, owner).await? else {
        return Ok(plain(StatusCode::GONE, t.t("feed.revoked")));
    };
    let instance = app.store().instance_id().await?;
    let source = IcsSource {
        name: &name,
        file: "sangtao.ics",
        instance: &instance,
    };
    let mut r = ics_response(source, &events, Language::Vi, app.now());
    // Calendar programs poll; a short private cache spares the database.
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    Ok(r)
}

/// Whose feed `{token}.ics` is, or (inner `Err`) the status and message key to answer
/// with: 404 for a name that is no token's, 410 for a revoked one.
async fn feed_owner(
    app: &AppState,
    file: &str,
) -> Result<Result<FeedOwner, (StatusCode, &'static str)>, AppError> {
    let unknown = Err((StatusCode::NOT_FOUND, "feed.unknown"));
    let Some(token) = file.strip_suffix(".ics") else {
        return Ok(unknown);
    };
    if !crate::csrf::well_formed(token) {
        return Ok(unknown);
    }
    let Some(f) = app.store().feed_by_hash(&token_hash(token)).await? else {
        return Ok(unknown);
    };
    if f.revoked_at.is_some() {
        return Ok(Err((StatusCode::GONE, "feed.revoked")));
    }
    Ok(Ok(f.owner))
}

/// The calendar's name and events, or None when the owning user's account is closed.
async fn feed_events(
    app: &AppState,
    owner: FeedOwner,
) -> Result<Option<(String, Vec<EventRecord>)>, AppError> {
    let from = app.now().timestamp() - FEED_PAST_DAYS * 86_400;
    let mut filter = EventFilter {
        from: Some(from),
        limit: 5000,
        ..Default::default()
    };
    match owner {
        FeedOwner::User(u) => {
            // The user's rights today: a deactivated account's feed is closed.
            let Some(user) = app.store().user(u).await?.filter(|u| u.active) else {
                return Ok(None);
            };
            let actor = user.actor();
            if actor.roles.iter().all(|r| *r == domain::Role::Partner) {
                filter.visible_units = Some(actor.unit_ids.clone());
            }
            let events: Vec<_> = app
                .store()
                .list_events(&filter)
                .await?
                .into_iter()
                .filter(|e| events::can_view_event(&actor, &e.item_units()))
                .collect();
            Ok(Some((format!("sangtao — {}", user.display_name), events)))
        }
        FeedOwner::Unit(u) => {
            filter.unit_id = Some(u);
            let names = super::unit_names(app).await?;
            let name = names.get(&u).cloned().unwrap_or_default();
            let events = app.store().list_events(&filter).await?;
            Ok(Some((format!("sangtao — {name}"), events)))
        }
    }
}

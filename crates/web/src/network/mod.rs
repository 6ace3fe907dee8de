//! The Vietnamese network space (issue 19, part 2): the network's cities' focal points get
//! accounts (invited by the Board, `invite`), a shared calendar with a feed (`calendar`), a
//! shared library (`library`; an entry's page, edit and removal in `library_entry`), a
//! message board (`board`) and, for a candidate city, its own candidacy dossiers read-only
//! (`dossier`). A network account reaches nothing else: [`gate`], asked by
//! `session::context` for every request, applies
//! `domain::network`'s rule.

mod board;
mod calendar;
mod dossier;
mod event_invitations;
mod event_page;
mod invite;
mod library;
mod library_entry;

use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use domain::network::{Viewer, network_account_may_reach};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/network", get(home))
        .route("/network/members", get(invite::members))
        .route("/network/members.csv", get(invite::members_table))
        .route("/network/members.xlsx", get(invite::members_table))
        .route("/network/invitations", post(invite::invite))
        .route(
            "/network/join/{token}",
            get(invite::join_page).post(invite::join),
        )
        .route(
            "/network/calendar",
            get(calendar::page).post(calendar::post_event),
        )
        .route("/network/calendar/share", post(calendar::share))
        .route(
            "/network/calendar.csv",
            get(event_invitations::calendar_export),
        )
        .route(
            "/network/calendar.xlsx",
            get(event_invitations::calendar_export),
        )
        .route(
            "/network/calendar/{id}",
            get(event_page::page).post(event_page::edit),
        )
        .route(
            "/network/calendar/{id}/delete",
            get(event_page::confirm_remove).post(event_page::remove),
        )
        .route(
            "/network/calendar/{id}/invitations",
            post(event_invitations::invite),
        )
        .route(
            "/network/calendar/{id}/invitations.csv",
            get(event_invitations::invitations_csv),
        )
        .route(
            "/network/calendar/{id}/answer",
            post(event_invitations::answer),
        )
        .route("/network/feed", post(calendar::new_feed))
        .route("/network/feed/{token}", get(calendar::feed))
        .route("/network/library", get(library::page))
        .route("/network/library.csv", get(library::export_table))
        .route("/network/library.xlsx", get(library::export_table))
        .route(
            "/network/library/{id}",
            get(library_entry::show).post(library_entry::update),
        )
        .route(
            "/network/library/{id}/remove",
            get(library_entry::confirm_remove).post(library_entry::remove),
        )
        .route("/network/board", get(board::page).post(board::start))
        .route("/network/board.csv", get(board::export_table))
        .route("/network/board.xlsx", get(board::export_table))
        .route("/network/board/{id}", get(board::thread).post(board::reply))
        .route("/network/library/{id}/file", get(library::download))
        .route("/network/dossier", get(dossier::page))
        .route(
            "/network/dossier/documents/{id}/file",
            get(dossier::download),
        )
}

/// The library's upload streams files: under the uploads' body limit.
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/network/library", post(library::upload))
}

/// The one gate of the isolation rule: for a network account, `/` leads to `/network` and
/// anything `domain::network` does not let it reach is 403. `None`: go on.
pub fn gate(ctx: &Ctx, path: &str) -> Option<Response> {
    let user = ctx.user.as_ref()?;
    user.network_city?;
    if path == "/" {
        return Some(Redirect::to("/network").into_response());
    }
    if network_account_may_reach(path) {
        None
    } else {
        Some(AppError::Forbidden.into_response())
    }
}

/// The sign-up link's form is posted before any account exists.
pub fn is_sign_up(path: &str) -> bool {
    path.strip_prefix("/network/join/")
        .is_some_and(|t| !t.is_empty() && !t.contains('/'))
}

/// Who the user is in the space, or 403.
pub(crate) fn viewer(user: &SessionUser) -> Result<Viewer, AppError> {
    Viewer::of(&user.actor, user.network_city).ok_or(AppError::Forbidden)
}

/// The city's name, or "Hà Nội" for what Hanoi posted.
pub(crate) fn author_name(ctx: &Ctx, city_name: &str) -> String {
    if city_name.is_empty() {
        ctx.tr().t("network.hanoi").to_string()
    } else {
        city_name.to_string()
    }
}

/// The name of the viewer's city (empty for the department).
async fn city_name(app: &AppState, viewer: Viewer) -> Result<String, AppError> {
    Ok(match viewer.city() {
        Some(c) => app
            .store()
            .city(c)
            .await?
            .map(|c| c.name)
            .unwrap_or_default(),
        None => String::new(),
    })
}

#[derive(Template)]
#[template(path = "network/home.html")]
struct HomePage<'a> {
    l: Layout<'a>,
    city: String,
    manage: bool,
    /// The city has a candidacy dossier: the page links to it.
    dossier: bool,
    events: Vec<calendar::EventLine>,
    documents: Vec<library::DocumentLine>,
    /// The city's invitations not answered yet, to events not ended (the next thing to do).
    invitations: Vec<calendar::EventLine>,
}

/// `GET /network`: the space's front page: the next events and the latest documents.
pub async fn home(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let city = city_name(&app, viewer).await?;
    let dossier = match viewer.city() {
        Some(c) => !app.store().candidacies(Some(c)).await?.is_empty(),
        None => false,
    };
    let events = calendar::upcoming(&app, &ctx, 5).await?;
    let mut documents = library::lines(&app, &ctx, viewer).await?;
    documents.truncate(5);
    let invitations = match viewer.city() {
        Some(c) => pending(&app, &ctx, c).await?,
        None => Vec::new(),
    };
    let title = ctx.tr().t("network.title").to_string();
    Ok(render_page(HomePage {
        l: Layout::new(&ctx, &title, "network"),
        city,
        manage: viewer.may_manage(),
        dossier,
        events,
        documents,
        invitations,
    }))
}

/// The events `city` is invited to, not answered, and not ended as of the clock.
async fn pending(
    app: &AppState,
    ctx: &Ctx,
    city: domain::CityId,
) -> Result<Vec<calendar::EventLine>, AppError> {
    let list = app
        .store()
        .pending_network_invitations(city, &app.today().to_string())
        .await?;
    let now = app.now().timestamp();
    Ok(list
        .into_iter()
        .filter(|e| {
            chrono::NaiveDateTime::parse_from_str(&e.end_local, "%Y-%m-%dT%H:%M")
                .is_ok_and(|end| domain::network::invitation::local_now(&e.zone, now) < end)
        })
        .filter_map(|e| calendar::line(ctx, e))
        .collect())
}

//! Publishing (issue 18): what the department proposes for the public site, and its
//! path there. Anyone of the department proposes a media work, an event, a creative
//! space or a plan's summary with its public texts in both languages and an optional
//! embargo (`/publishing/new`); the Office (Văn phòng Sở), the Board and admins review
//! it, publish, return, or withdraw it (`/publishing/{id}`). The queue
//! (`/publishing`) shows reviewers every publication, others their own proposals.
//! Every write is checked again and audited by the store (`domain::publishing`).

mod form;
mod subject;

use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::session::{SessionUser, Signed};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use domain::Language;
use domain::publishing::{PublicationState, can_propose, can_publish};
use store::Publication;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/publishing", get(queue))
        .route("/publishing/new", get(form::new_form).post(form::create))
        .route("/publishing/{id}", get(form::show).post(form::update))
        .route("/publishing/{id}/move", post(form::move_to))
}

/// Reviews and publishes: the Office, the Board and admins.
pub fn is_reviewer(user: &SessionUser) -> bool {
    can_publish(&user.actor)
}

/// Proposes: the department's people (never a partner).
pub fn require_proposer(user: &SessionUser) -> Result<(), AppError> {
    if can_propose(&user.actor) || is_reviewer(user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether `user` may open a publication: a reviewer any, a proposer their own.
pub fn may_open(user: &SessionUser, p: &Publication) -> bool {
    is_reviewer(user) || (can_propose(&user.actor) && p.created_by == Some(user.id))
}

/// The publication's public page, without the language part, while the public sees it.
pub fn public_page(p: &Publication, now: i64) -> Option<String> {
    use domain::publishing::PublicKind as K;
    if !domain::publishing::is_visible(p.state, p.embargo_until, now) {
        return None;
    }
    let id = p.id.0;
    Some(match p.kind {
        K::MediaWork => format!("/p/media/{id}"),
        K::Space => format!("/p/spaces/{id}"),
        K::PlanSummary => format!("/p/plan/{id}"),
        K::Event => format!("/p/events#e-{id}"),
    })
}

/// A state as a filter link.
pub struct StateLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

pub struct QueueRow {
    pub href: String,
    pub title: String,
    pub kind: String,
    pub state: &'static str,
    pub state_label: String,
    pub embargo: String,
    pub updated: String,
}

fn row(p: &Publication, lang: Language) -> QueueRow {
    QueueRow {
        href: format!("/publishing/{}", p.id.0),
        title: p.title.clone(),
        kind: p.kind.label(lang).to_string(),
        state: p.state.as_str(),
        state_label: p.state.label(lang).to_string(),
        embargo: p
            .embargo_until
            .map(crate::items::local_time)
            .unwrap_or_default(),
        updated: crate::items::local_time(p.updated_at),
    }
}

#[derive(Template)]
#[template(path = "publishing/queue.html")]
struct QueuePage<'a> {
    l: Layout<'a>,
    reviewer: bool,
    filters: Vec<StateLink>,
    rows: Vec<QueueRow>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    state: String,
}

pub async fn queue(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<QueueQuery>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let reviewer = is_reviewer(&user);
    // Reviewers filter by state; others see all of their own.
    let state: Option<PublicationState> = q.state.parse().ok().filter(|_| reviewer);
    let all = app.store().list_publications(state).await?;
    let lang = ctx.lang;
    let rows = all
        .iter()
        .filter(|p| reviewer || p.created_by == Some(user.id))
        .map(|p| row(p, lang))
        .collect();
    let t = ctx.tr();
    let mut filters = vec![StateLink {
        href: "/publishing".into(),
        label: t.t("list.all").into(),
        current: state.is_none(),
    }];
    filters.extend(PublicationState::ALL.iter().map(|s| StateLink {
        href: format!("/publishing?state={}", s.as_str()),
        label: s.label(lang).to_string(),
        current: state == Some(*s),
    }));
    Ok(render_page(QueuePage {
        l: Layout::new(&ctx, t.t("publishing.title"), "publishing"),
        reviewer,
        filters,
        rows,
    }))
}

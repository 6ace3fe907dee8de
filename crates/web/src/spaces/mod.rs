//! The catalogue of Hà Nội's creative spaces (issue 18), kept by the department: the
//! list (`/spaces`), and the add and edit forms. A space reaches the public site through
//! a publication (`/publishing/new?kind=space&subject=ID`), never by itself.

mod form;

use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::publishing::{may_open, require_proposer};
use crate::session::Signed;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use domain::publishing::PublicKind;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/spaces", get(list).post(form::create))
        .route("/spaces/new", get(form::new_form))
        .route("/spaces/{id}/edit", get(form::edit_form))
        .route("/spaces/{id}", axum::routing::post(form::update))
}

pub struct SpaceRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub address: String,
    /// Its publication's state, and its page (or where to propose it) when the reader may
    /// open that.
    pub state: String,
    pub publication: Option<String>,
}

#[derive(Template)]
#[template(path = "spaces/list.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    rows: Vec<SpaceRow>,
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let spaces = app.store().list_spaces().await?;
    let published: HashMap<i64, store::Publication> = app
        .store()
        .list_publications(None)
        .await?
        .into_iter()
        .filter(|p| p.kind == PublicKind::Space)
        .map(|p| (p.subject_id, p))
        .collect();
    let lang = ctx.lang;
    let rows = spaces
        .into_iter()
        .map(|s| {
            let p = published.get(&s.id.0);
            SpaceRow {
                id: s.id.0,
                kind: s.kind.label(lang).to_string(),
                address: s.address,
                state: p
                    .map(|p| p.state.label(lang).to_string())
                    .unwrap_or_default(),
                publication: match p {
                    Some(p) if may_open(&user, p) => Some(format!("/publishing/{}", p.id.0)),
                    Some(_) => None,
                    None => Some(format!("/publishing/new?kind=space&subject={}", s.id.0)),
                },
                name: s.name,
            }
        })
        .collect();
    Ok(render_page(ListPage {
        l: Layout::new(&ctx, ctx.tr().t("spaces.title"), "spaces"),
        rows,
    }))
}

//! The header search (issue 16): one box on every page, over items, events, people and
//! progress reports, with the results grouped by kind. Each group is what its own page
//! would show the same user: items and reports within the item list's scope
//! (`domain::item_list_scope`), events within the calendar's, people only to those who may
//! open the directory. Matching ignores diacritics and đ/d everywhere
//! (`domain::search::SearchQuery`); items, people and reports are found through the store's
//! full-text indexes (every word begins a word), events in memory.

use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::search::{SearchError, SearchQuery, Segment};
use serde::Deserialize;

/// Results shown per kind; the items' and people's own lists show the rest.
const PER_GROUP: usize = 10;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SearchParams {
    q: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    l: Layout<'a>,
    q: String,
    /// Why nothing was searched, in words.
    refused: Option<String>,
    groups: Vec<Group>,
    /// "N kết quả" over all groups, or the "nothing found" sentence.
    summary: String,
}

/// One kind of result.
pub struct Group {
    pub title: String,
    pub hits: Vec<Hit>,
    /// The full list on its own page, when there is more than shown.
    pub more: Option<(String, String)>,
}

/// One result. The title and the snippet come with the query's words marked
/// (`domain::search::mark`, `snippet`); the template escapes every segment and wraps the
/// marked ones in `<mark>`.
pub struct Hit {
    pub href: String,
    pub title: Vec<Segment>,
    pub detail: String,
    /// A few words of the text around the first match (reports), or nothing.
    pub snippet: Vec<Segment>,
}

pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(p): Query<SearchParams>,
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let title = t.t("search.title").to_string();
    let mut page = SearchPage {
        l: Layout::new(&ctx, &title, "search"),
        q: p.q.trim().to_string(),
        refused: None,
        groups: Vec::new(),
        summary: String::new(),
    };
    match SearchQuery::parse(&p.q) {
        Ok(query) => {
            page.groups = groups::all(&app, &ctx, &user, &query).await?;
            let n: usize = page.groups.iter().map(|g| g.hits.len()).sum();
            page.summary = summary(&ctx, n, &query);
        }
        // An empty box is the page itself, not a mistake.
        Err(SearchError::TooShort) if p.q.trim().is_empty() => {}
        Err(SearchError::TooShort) => page.refused = Some(t.t("search.too_short").to_string()),
        Err(SearchError::TooLong) => page.refused = Some(t.t("search.too_long").to_string()),
    }
    Ok(render_page(page))
}

fn summary(ctx: &Ctx, n: usize, q: &SearchQuery) -> String {
    counted(ctx, "search.summary", n, &[("q", q.typed())])
}

/// A message whose `$n` picks the wording for zero, one and many (a number to Fluent, not
/// a string, so that its selector can match `[0]`).
fn counted(ctx: &Ctx, key: &str, n: usize, more: &[(&str, &str)]) -> String {
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("n", fluent_bundle::FluentValue::from(n));
    for (name, value) in more {
        args.set(*name, *value);
    }
    ctx.tr().f_args(key, &args)
}

mod groups;

/// Whether `user` may open the people directory (the group is left out otherwise).
fn sees_people(user: &SessionUser) -> bool {
    domain::events::can_view_people(&user.actor)
}

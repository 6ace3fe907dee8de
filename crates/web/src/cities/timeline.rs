//! A city's timeline on its page: a page of [`TIMELINE_PAGE`] entries read from the store
//! (paged in SQL, `Store::city_timeline`), in `domain::cities::timeline`'s order, each
//! with its link and detail in the reader's language.

use crate::AppState;
use crate::errors::AppError;
use domain::cities::project::project_detail;
use domain::cities::{Interaction, InteractionKind, letter_detail, timeline};
use domain::{CityId, Language};
use std::collections::HashMap;
use store::TimelineDetail;

/// Timeline entries a page: a city with years of exchanges stays one light page.
pub const TIMELINE_PAGE: i64 = 100;

pub struct TimelineLine {
    pub date: String,
    pub href: Option<String>,
    pub title: String,
    pub detail: String,
    /// The line's CSS class: `t-event`, `t-letter`, `t-delegation`, `t-project`.
    pub class: &'static str,
    /// A letter's id (its file's link and the attach form), `None` for the others.
    pub letter: Option<i64>,
    /// A letter's file: its name and size ("tên.pdf, 1,2 MB").
    pub file: Option<String>,
    /// Why the file last sent for this letter was refused.
    pub file_error: String,
}

/// The timeline's pages: newest first, [`TIMELINE_PAGE`] a page.
pub struct TimelineNav {
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub newer: Option<String>,
    pub older: Option<String>,
}

fn detail(lang: Language, d: &TimelineDetail) -> String {
    match d {
        TimelineDetail::Event { kind, status } => {
            format!("{} · {}", kind.label(lang), status.label(lang))
        }
        TimelineDetail::Letter {
            kind,
            direction,
            number,
            ..
        } => letter_detail(lang, *kind, *direction, number),
        TimelineDetail::Delegation {
            status,
            destination,
            back,
        } => {
            let mut s = format!(
                "{} · {}",
                domain::cities::delegation_word(lang),
                status.label(lang)
            );
            if !destination.is_empty() {
                s.push_str(" · ");
                s.push_str(destination);
            }
            if let Some(b) = back {
                s.push_str(" → ");
                s.push_str(&domain::format_date(*b));
            }
            s
        }
        TimelineDetail::Project { status, end } => project_detail(lang, *status, *end),
    }
}

fn href(kind: InteractionKind, id: i64) -> Option<String> {
    match kind {
        InteractionKind::Event => Some(format!("/events/{id}")),
        InteractionKind::Delegation => Some(format!("/delegations/{id}")),
        InteractionKind::Project => Some(format!("/cities/projects/{id}")),
        InteractionKind::Letter => None,
    }
}

/// The page `page` (from 1) of the city's timeline, and its navigation.
pub async fn lines(
    app: &AppState,
    lang: Language,
    id: CityId,
    page: usize,
    attach_error: Option<&(i64, String)>,
) -> Result<(Vec<TimelineLine>, TimelineNav), AppError> {
    let got = app
        .store()
        .city_timeline(id, page.max(1) as i64, TIMELINE_PAGE)
        .await?;
    let pages = ((got.total + got.per_page - 1) / got.per_page).max(1);
    let at = got.page;
    let link = |p: i64| format!("/cities/{id}?tpage={p}#timeline");
    let nav = TimelineNav {
        total: got.total,
        page: at,
        pages,
        newer: (at > 1).then(|| link(at - 1)),
        older: (at < pages).then(|| link(at + 1)),
    };
    let files: HashMap<i64, String> = got
        .entries
        .iter()
        .filter_map(|e| match &e.detail {
            TimelineDetail::Letter {
                file: Some((name, size)),
                ..
            } => Some((e.id, super::letters::file_label(name, *size))),
            _ => None,
        })
        .collect();
    let entries = got
        .entries
        .into_iter()
        .map(|e| Interaction {
            detail: detail(lang, &e.detail),
            on: e.on,
            kind: e.kind,
            id: e.id,
            title: e.title,
        })
        .collect();
    let lines = timeline(entries)
        .into_iter()
        .map(|e| {
            let letter = (e.kind == InteractionKind::Letter).then_some(e.id);
            TimelineLine {
                date: domain::format_date(e.on),
                href: href(e.kind, e.id),
                class: match e.kind {
                    InteractionKind::Event => "t-event",
                    InteractionKind::Letter => "t-letter",
                    InteractionKind::Delegation => "t-delegation",
                    InteractionKind::Project => "t-project",
                },
                file: letter.and_then(|l| files.get(&l).cloned()),
                file_error: attach_error
                    .filter(|(l, _)| Some(*l) == letter)
                    .map(|(_, m)| m.clone())
                    .unwrap_or_default(),
                letter,
                title: e.title,
                detail: e.detail,
            }
        })
        .collect();
    Ok((lines, nav))
}

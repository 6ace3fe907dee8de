//! The public pages of news, events, media and the plan's summary. Each loads with one
//! public read of the store and renders; the language comes from the address.

use super::view::{self, Card, EventLine, Img, Text};
use super::{PublicLayout, Visit};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::Language;
use domain::media::MediaKind;
use domain::publishing::{PublicKind, PublicationId};
use store::{PublicDetail, PublicEntry};

/// How many of each the home page shows.
const HOME_NEWS: usize = 3;
const HOME_EVENTS: usize = 3;
const HOME_MEDIA: usize = 4;
const HOME_SPACES: usize = 4;

fn is_news(e: &PublicEntry) -> bool {
    view::media_kind(e) == Some(MediaKind::NewsPost)
}

fn is_other_media(e: &PublicEntry) -> bool {
    view::media_kind(e).is_some_and(|k| k != MediaKind::NewsPost)
}

fn events_of(entries: &[PublicEntry], v: &Visit) -> Vec<EventLine> {
    let t = v.tr();
    entries
        .iter()
        .filter_map(|e| view::event_line(e, t))
        .collect()
}

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    l: PublicLayout,
    news: Vec<Card>,
    events: Vec<EventLine>,
    media: Vec<Card>,
    spaces: Vec<Card>,
    plans: Vec<Card>,
}

pub async fn home(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    let all = app.store().public_entries(None).await?;
    let lang = v.lang;
    let cards = |keep: &dyn Fn(&PublicEntry) -> bool, n: usize| -> Vec<Card> {
        all.iter()
            .filter(|e| keep(e))
            .take(n)
            .map(|e| view::card(e, lang))
            .collect()
    };
    let (mut upcoming, _) = view::split_events(events_of(&all, &v), app.now().timestamp());
    upcoming.truncate(HOME_EVENTS);
    let t = v.tr();
    v.render(HomePage {
        l: PublicLayout::new(&v, t.t("public.home"), "home"),
        news: cards(&is_news, HOME_NEWS),
        media: cards(&is_other_media, HOME_MEDIA),
        spaces: cards(&|e| e.publication.kind == PublicKind::Space, HOME_SPACES),
        plans: cards(&|e| e.publication.kind == PublicKind::PlanSummary, 1),
        events: upcoming,
    })
}

#[derive(Template)]
#[template(path = "public/list.html")]
struct ListPage {
    l: PublicLayout,
    intro: String,
    cards: Vec<Card>,
    empty: String,
}

async fn list(
    app: &AppState,
    v: &Visit,
    keep: fn(&PublicEntry) -> bool,
    (key, nav): (&str, &'static str),
) -> Result<Response, AppError> {
    let entries = app
        .store()
        .public_entries(Some(PublicKind::MediaWork))
        .await?;
    let t = v.tr();
    v.render(ListPage {
        l: PublicLayout::new(v, t.t(&format!("public.{key}")), nav),
        intro: t.t(&format!("public.{key}_intro")).to_string(),
        cards: entries
            .iter()
            .filter(|e| keep(e))
            .map(|e| view::card(e, v.lang))
            .collect(),
        empty: t.t(&format!("public.{key}_empty")).to_string(),
    })
}

pub async fn news(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    list(&app, &v, is_news, ("news", "news")).await
}

pub async fn media(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    list(&app, &v, is_other_media, ("media", "media")).await
}

#[derive(Template)]
#[template(path = "public/events.html")]
struct EventsPage {
    l: PublicLayout,
    upcoming: Vec<EventLine>,
    past: Vec<EventLine>,
}

pub async fn events(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    let entries = app.store().public_entries(Some(PublicKind::Event)).await?;
    let (upcoming, past) = view::split_events(events_of(&entries, &v), app.now().timestamp());
    let t = v.tr();
    v.render(EventsPage {
        l: PublicLayout::new(&v, t.t("public.events"), "events"),
        upcoming,
        past,
    })
}

/// A public entry of `kind`, or 404 (an unknown id, one not visible, another kind).
pub async fn entry_of(
    app: &AppState,
    id: PublicationId,
    kind: PublicKind,
) -> Result<PublicEntry, AppError> {
    app.store()
        .public_entry(id)
        .await?
        .filter(|e| e.publication.kind == kind)
        .ok_or(AppError::NotFound)
}

/// A file to play or download on a work's page.
pub struct Attachment {
    pub href: String,
    pub mime: String,
    pub name: String,
    pub size: String,
}

#[derive(Template)]
#[template(path = "public/media_work.html")]
struct WorkPage {
    l: PublicLayout,
    kind: String,
    title: Text,
    summary: Text,
    facts: Vec<(String, String)>,
    videos: Vec<Attachment>,
    documents: Vec<Attachment>,
    /// A document's cover: the first image's thumbnail.
    cover: Option<Img>,
    images: Vec<Img>,
    poster: Option<String>,
}

pub async fn media_work(
    State(app): State<AppState>,
    v: Visit,
    Id(id): Id<PublicationId>,
) -> Result<Response, AppError> {
    let e = entry_of(&app, id, PublicKind::MediaWork).await?;
    let PublicDetail::MediaWork { files, .. } = &e.detail else {
        return Err(AppError::NotFound);
    };
    let lang = v.lang;
    let t = v.tr();
    let title = view::title(&e.publication, lang);
    let summary = view::summary(&e.publication, lang);
    let images: Vec<Img> = files
        .iter()
        .filter(|f| view::is_image(f))
        .enumerate()
        .map(|(i, f)| {
            let n = (i + 1).to_string();
            let alt = t.f("public.image_of", &[("n", &n), ("title", &title.text)]);
            Img::of(f, alt)
        })
        .collect();
    let attach = |f: &store::PublicFile| Attachment {
        href: format!("/p/files/{}", f.id.0),
        mime: f.mime.clone(),
        name: f.original_name.clone(),
        size: file_size(f.size, lang),
    };
    let videos = files.iter().filter(|f| f.mime.starts_with("video/"));
    let documents = files
        .iter()
        .filter(|f| !view::is_image(f) && !f.mime.starts_with("video/"));
    let og_image = images.first().map(|i| i.src.clone());
    v.render(WorkPage {
        l: PublicLayout::new(&v, &title.text, "media").article(&summary.text, og_image),
        kind: view::kind_label(&e, lang),
        facts: work_facts(&e, &v),
        videos: videos.map(attach).collect(),
        documents: documents.map(attach).collect(),
        cover: images.first().cloned(),
        poster: images.first().map(|i| i.src.clone()),
        images,
        title,
        summary,
    })
}

/// "2,4 MB" in Vietnamese, "2.4 MB" in English; "821 kB".
fn file_size(bytes: i64, lang: Language) -> String {
    let b = bytes.max(0) as f64;
    if b >= 1_000_000.0 {
        let mb = domain::format_number((b / 100_000.0).round() / 10.0);
        match lang {
            Language::Vi => format!("{mb} MB"),
            Language::En => format!("{} MB", mb.replace(',', ".")),
        }
    } else {
        format!("{} kB", (b / 1000.0).ceil())
    }
}

/// A work's public facts: its date, length or pages, languages.
fn work_facts(e: &PublicEntry, v: &Visit) -> Vec<(String, String)> {
    let t = v.tr();
    let PublicDetail::MediaWork {
        duration,
        pages,
        languages,
        published_on,
        ..
    } = &e.detail
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut add = |key: &str, value: String| out.push((t.t(key).to_string(), value));
    if let Some(d) = published_on {
        add("public.published_on", super::dates::day(*d, v.lang));
    }
    if let Some(d) = duration {
        add("public.duration", d.text());
    }
    if let Some(p) = pages {
        add("public.pages", p.to_string());
    }
    if !languages.trim().is_empty() {
        add("public.languages", languages.trim().to_string());
    }
    out
}

/// A target of the plan's summary: the figure as the dashboard shows it.
pub struct TargetLine {
    pub text: String,
    pub figure: String,
    pub band: String,
}

#[derive(Template)]
#[template(path = "public/plan.html")]
struct PlanPage {
    l: PublicLayout,
    title: Text,
    summary: Text,
    plan_title: String,
    targets: Vec<TargetLine>,
}

pub async fn plan(
    State(app): State<AppState>,
    v: Visit,
    Id(id): Id<PublicationId>,
) -> Result<Response, AppError> {
    let e = entry_of(&app, id, PublicKind::PlanSummary).await?;
    let PublicDetail::PlanSummary {
        plan_title,
        targets,
        ..
    } = &e.detail
    else {
        return Err(AppError::NotFound);
    };
    let lang = v.lang;
    let title = view::title(&e.publication, lang);
    let summary = view::summary(&e.publication, lang);
    let targets = targets
        .iter()
        .map(|tp| {
            let target = domain::format_target(tp.min, tp.max, &tp.unit, tp.per.as_deref());
            let actual = tp
                .actual
                .map(domain::format_number)
                .unwrap_or_else(|| "—".into());
            TargetLine {
                text: tp.text.clone(),
                figure: format!("{actual} / {target}"),
                band: domain::oversight::Band::of(&tp.figure())
                    .label(lang)
                    .to_string(),
            }
        })
        .collect();
    v.render(PlanPage {
        l: PublicLayout::new(&v, &title.text, "plan").article(&summary.text, None),
        title,
        summary,
        plan_title: plan_title.clone(),
        targets,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_sizes_read_as_people_say_them() {
        use domain::Language::{En, Vi};
        assert_eq!(super::file_size(2_400_000, Vi), "2,4 MB");
        assert_eq!(super::file_size(2_400_000, En), "2.4 MB");
        assert_eq!(super::file_size(820_100, Vi), "821 kB");
    }
}

//! What machines read of the public site: an Atom feed per language
//! (`atom_syndication`), the public events as iCalendar (`reports::ical`, as the
//! internal feeds), and the sitemap of every public page in both languages (askama,
//! escaped as XML).

use super::Visit;
use super::view::{self, Text};
use crate::AppState;
use crate::errors::AppError;
use askama::Template;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person};
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use domain::Language;
use domain::events::{EventTimes, HANOI};
use domain::publishing::PublicKind;
use store::{PublicDetail, PublicEntry};

/// An instant in Hà Nội's offset, as the feed writes it.
fn at(unix: i64) -> FixedDateTime {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&HANOI)
        .fixed_offset()
}

/// A text of the feed, `xml:lang="vi"` when it is the Vietnamese standing in for English.
fn feed_text(t: &Text) -> atom_syndication::Text {
    let mut out = atom_syndication::Text::plain(t.text.clone());
    if t.fallback {
        out.lang = Some("vi".into());
    }
    out
}

fn link(href: String, rel: &str, hreflang: Option<&str>, mime: Option<&str>) -> Link {
    Link {
        href,
        rel: rel.into(),
        hreflang: hreflang.map(String::from),
        mime_type: mime.map(String::from),
        ..Link::default()
    }
}

fn atom_entry(e: &PublicEntry, v: &Visit) -> Entry {
    let p = &e.publication;
    let mut entry = Entry::default();
    entry.set_title(feed_text(&view::title(p, v.lang)));
    // The same id in both languages' feeds: the entry is one publication.
    entry.set_id(format!("{}/p/publication/{}", v.origin, p.id.0));
    entry.set_updated(at(p.updated_at));
    entry.set_published(Some(at(p.published_at.unwrap_or(p.updated_at))));
    let summary = view::summary(p, v.lang);
    if !summary.is_empty() {
        entry.set_summary(Some(feed_text(&summary)));
    }
    let page = format!("{}{}", v.origin, v.href(&view::page_of(e)));
    entry.set_links(vec![link(page, "alternate", Some(v.tr().code()), None)]);
    entry
}

pub async fn atom(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    let entries = app.store().public_entries(None).await?;
    let t = v.tr();
    let mut feed = Feed::default();
    feed.set_title(t.t("public.site"));
    feed.set_subtitle(Some(atom_syndication::Text::plain(
        t.t("public.description"),
    )));
    feed.set_id(format!("{}{}", v.origin, v.href("atom.xml")));
    feed.set_lang(Some(t.code().to_string()));
    // Its last change, so that the feed (and its tag) stays the same until one.
    let updated = entries
        .iter()
        .map(|e| e.publication.updated_at)
        .max()
        .unwrap_or(0);
    feed.set_updated(at(updated));
    feed.set_authors(vec![Person {
        name: t.t("public.publisher").into(),
        ..Person::default()
    }]);
    feed.set_links(vec![
        link(
            format!("{}{}", v.origin, v.href("atom.xml")),
            "self",
            None,
            Some("application/atom+xml"),
        ),
        link(
            format!("{}{}", v.origin, v.href("")),
            "alternate",
            Some(t.code()),
            Some("text/html"),
        ),
    ]);
    feed.set_entries(
        entries
            .iter()
            .map(|e| atom_entry(e, &v))
            .collect::<Vec<_>>(),
    );
    let body = feed
        .write_to(Vec::new())
        .map_err(|e| AppError::Internal(format!("atom feed: {e}")))?;
    Ok(v.respond("application/atom+xml; charset=utf-8", body))
}

/// A public event for a calendar: its public title and summary, the venue, the page as
/// its address (never the meeting's own link).
fn ical_event(e: &PublicEntry, v: &Visit) -> Option<::reports::ical::IcalEvent> {
    let PublicDetail::Event {
        start_at,
        end_at,
        time_zone,
        venue,
        ..
    } = &e.detail
    else {
        return None;
    };
    let times = EventTimes::from_utc(time_zone, *start_at, *end_at).ok()?;
    let p = &e.publication;
    let summary = view::summary(p, v.lang);
    Some(::reports::ical::IcalEvent {
        uid: format!("public-event-{}@sangtao", p.id.0),
        summary: view::title(p, v.lang).text,
        description: (!summary.is_empty()).then_some(summary.text),
        location: (!venue.trim().is_empty()).then(|| venue.clone()),
        url: Some(format!("{}{}", v.origin, v.href(&view::page_of(e)))),
        zone: times.zone,
        start: times.start_local,
        end: times.end_local,
        status: ::reports::ical::IcalStatus::Confirmed,
        updated: DateTime::<Utc>::from_timestamp(p.updated_at, 0).unwrap_or_default(),
        sequence: u32::try_from(p.version.saturating_sub(1)).unwrap_or(0),
    })
}

pub async fn ics(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    let entries = app.store().public_entries(Some(PublicKind::Event)).await?;
    let events: Vec<_> = entries.iter().filter_map(|e| ical_event(e, &v)).collect();
    let stamp = entries
        .iter()
        .map(|e| e.publication.updated_at)
        .max()
        .unwrap_or(0);
    let stamp = DateTime::<Utc>::from_timestamp(stamp, 0).unwrap_or_default();
    let body = ::reports::ical::calendar(v.tr().t("public.calendar_name"), &events, stamp);
    Ok(v.respond("text/calendar; charset=utf-8", body.into_bytes()))
}

/// An address of the sitemap, with its page in both languages.
pub struct SiteUrl {
    pub loc: String,
    pub vi: String,
    pub en: String,
}

#[derive(Template)]
#[template(path = "public/sitemap.xml")]
struct Sitemap {
    origin: String,
    urls: Vec<SiteUrl>,
}

/// Every public page, by its address without the language part.
pub fn public_pages(entries: &[PublicEntry]) -> Vec<String> {
    let lists = ["", "news", "events", "media", "spaces"].map(String::from);
    let details = entries
        .iter()
        .filter(|e| e.publication.kind != PublicKind::Event)
        .map(view::page_of);
    lists.into_iter().chain(details).collect()
}

pub async fn sitemap(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    let entries = app.store().public_entries(None).await?;
    let urls = public_pages(&entries)
        .iter()
        .flat_map(|p| {
            let (vi, en) = (super::href(Language::Vi, p), super::href(Language::En, p));
            [vi.clone(), en.clone()].map(|loc| SiteUrl {
                loc,
                vi: vi.clone(),
                en: en.clone(),
            })
        })
        .collect();
    let body = Sitemap {
        origin: v.origin.clone(),
        urls,
    }
    .render()?;
    Ok(v.respond("application/xml; charset=utf-8", body.into_bytes()))
}

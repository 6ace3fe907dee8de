//! What the public pages show of an entry, in the reader's language: texts with their
//! English fallback said, images with their smaller copies, an event's times. Pure:
//! built from `store::PublicEntry`, which already holds only what the public may see.

use super::dates;
use crate::i18n::Tr;
use domain::Language;
use domain::events::EventTimes;
use domain::media::MediaKind;
use domain::publishing::{PublicKind, translated};
use store::{PublicDetail, PublicEntry, PublicFile, Publication};

/// A text in the reader's language; `fallback`: English was asked for and is missing,
/// so this is the Vietnamese, marked `lang="vi"` and "(tiếng Việt)" on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub fallback: bool,
    /// "(tiếng Việt)" when `fallback`, else empty.
    pub mark: &'static str,
}

impl Text {
    pub fn of(vi: &str, en: &str, lang: Language) -> Text {
        let t = translated(vi, en, lang);
        Text {
            text: t.text.trim().to_string(),
            fallback: t.fallback,
            mark: if t.fallback {
                Tr::get(lang).t("public.in_vietnamese")
            } else {
                ""
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text's paragraphs (split at blank lines; single line breaks kept as spaces).
    pub fn paragraphs(&self) -> Vec<String> {
        self.text
            .replace("\r\n", "\n")
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    }
}

/// An image of a public file: the screen copy with the thumbnail in `srcset`, or the
/// original when it has no copies.
#[derive(Debug, Clone, PartialEq)]
pub struct Img {
    pub src: String,
    /// Empty when there are no copies.
    pub srcset: String,
    pub thumb: String,
    pub width: i64,
    pub height: i64,
    pub alt: String,
}

impl Img {
    pub fn of(f: &PublicFile, alt: String) -> Img {
        let base = format!("/p/files/{}", f.id.0);
        let (w, h) = match (f.width, f.height) {
            (Some(w), Some(h)) if w > 0 && h > 0 => (w, h),
            _ => (4, 3),
        };
        // The copies are 320 and 1280 pixels wide (never wider than the original).
        let at = |width: i64| (width, (width * h + w / 2) / w);
        match (&f.thumb_path, &f.screen_path) {
            (Some(_), Some(_)) => {
                let (width, height) = at(1280.min(w));
                Img {
                    src: format!("{base}/screen"),
                    srcset: format!("{base}/thumb 320w, {base}/screen 1280w"),
                    thumb: format!("{base}/thumb"),
                    width,
                    height,
                    alt,
                }
            }
            (Some(_), None) => {
                let (width, height) = at(320.min(w));
                Img {
                    src: format!("{base}/thumb"),
                    srcset: String::new(),
                    thumb: format!("{base}/thumb"),
                    width,
                    height,
                    alt,
                }
            }
            _ => Img {
                src: base.clone(),
                srcset: String::new(),
                thumb: base,
                width: w,
                height: h,
                alt,
            },
        }
    }
}

pub fn is_image(f: &PublicFile) -> bool {
    f.mime.starts_with("image/")
}

/// The entry's title and summary in the reader's language.
pub fn title(p: &Publication, lang: Language) -> Text {
    Text::of(&p.title, &p.title_en, lang)
}

pub fn summary(p: &Publication, lang: Language) -> Text {
    Text::of(&p.summary, &p.summary_en, lang)
}

/// The page of an entry, without its language part: `media/3`, `spaces/4`, `plan/5`,
/// or the events page's anchor.
pub fn page_of(e: &PublicEntry) -> String {
    let id = e.publication.id.0;
    match e.publication.kind {
        PublicKind::MediaWork => format!("media/{id}"),
        PublicKind::Space => format!("spaces/{id}"),
        PublicKind::PlanSummary => format!("plan/{id}"),
        PublicKind::Event => format!("events#e-{id}"),
    }
}

/// The entry's first image, for a card or Open Graph.
pub fn first_image(e: &PublicEntry) -> Option<&PublicFile> {
    match &e.detail {
        PublicDetail::MediaWork { files, .. } => files.iter().find(|f| is_image(f)),
        PublicDetail::Space { photos, .. } => photos.iter().find(|f| is_image(f)),
        _ => None,
    }
}

/// What the entry is, in words: "Clip", "Sự kiện", …
pub fn kind_label(e: &PublicEntry, lang: Language) -> String {
    let label = match &e.detail {
        PublicDetail::MediaWork { kind, .. } => kind.label(lang),
        PublicDetail::Event { kind, .. } => kind.label(lang),
        PublicDetail::Space { space, .. } => space.kind.label(lang),
        PublicDetail::PlanSummary { .. } => e.publication.kind.label(lang),
    };
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The media work's kind, when the entry is one.
pub fn media_kind(e: &PublicEntry) -> Option<MediaKind> {
    match &e.detail {
        PublicDetail::MediaWork { kind, .. } => Some(*kind),
        _ => None,
    }
}

/// An entry as a card of a list: title, what it is, when, a summary, an image.
#[derive(Debug, Clone)]
pub struct Card {
    pub href: String,
    pub kind: String,
    pub title: Text,
    pub summary: Text,
    /// The day shown, and as `<time datetime>` takes it; a space shows its address
    /// instead (and no `datetime`).
    pub date: String,
    pub datetime: String,
    pub image: Option<Img>,
}

/// The day an entry is dated: a work's publication date, else the day it was published
/// on the site.
fn dated(e: &PublicEntry, lang: Language) -> (String, String) {
    if let PublicDetail::Space { space, .. } = &e.detail {
        return (space.address.clone(), String::new());
    }
    if let PublicDetail::MediaWork {
        published_on: Some(d),
        ..
    } = &e.detail
    {
        return (dates::day(*d, lang), d.format("%Y-%m-%d").to_string());
    }
    let at = e
        .publication
        .published_at
        .unwrap_or(e.publication.updated_at);
    (dates::day_of(at, lang), dates::machine(at))
}

pub fn card(e: &PublicEntry, lang: Language) -> Card {
    let title = title(&e.publication, lang);
    let (date, datetime) = dated(e, lang);
    Card {
        href: super::href(lang, &page_of(e)),
        kind: kind_label(e, lang),
        summary: summary(&e.publication, lang),
        image: first_image(e).map(|f| Img::of(f, title.text.clone())),
        title,
        date,
        datetime,
    }
}

/// An event of the public calendar.
#[derive(Debug, Clone)]
pub struct EventLine {
    pub anchor: String,
    pub title: Text,
    pub summary: Text,
    pub kind: String,
    pub format: String,
    pub when: String,
    pub datetime: String,
    pub venue: String,
    pub end_at: i64,
    pub start_at: i64,
}

pub fn event_line(e: &PublicEntry, t: &Tr) -> Option<EventLine> {
    let PublicDetail::Event {
        kind,
        format,
        start_at,
        end_at,
        time_zone,
        venue,
    } = &e.detail
    else {
        return None;
    };
    let lang = t.lang;
    let when = EventTimes::from_utc(time_zone, *start_at, *end_at)
        .map(|times| dates::event_when(&times, t))
        .unwrap_or_else(|_| dates::day_of(*start_at, lang));
    Some(EventLine {
        anchor: format!("e-{}", e.publication.id.0),
        title: title(&e.publication, lang),
        summary: summary(&e.publication, lang),
        kind: kind.label(lang).to_string(),
        format: format.label(lang).to_string(),
        when,
        datetime: dates::machine(*start_at),
        venue: venue.clone(),
        start_at: *start_at,
        end_at: *end_at,
    })
}

/// Upcoming events (not yet ended at `now`, soonest first) and past ones (latest first).
pub fn split_events(mut all: Vec<EventLine>, now: i64) -> (Vec<EventLine>, Vec<EventLine>) {
    all.sort_by_key(|e| e.start_at);
    let (upcoming, mut past): (Vec<_>, Vec<_>) = all.into_iter().partition(|e| e.end_at >= now);
    past.reverse();
    (upcoming, past)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::media::MediaFileId;

    fn file(id: i64, copies: bool, w: i64, h: i64) -> PublicFile {
        PublicFile {
            id: MediaFileId(id),
            mime: "image/jpeg".into(),
            size: 10,
            original_name: "a.jpg".into(),
            stored_path: "x".into(),
            thumb_path: copies.then(|| "t".into()),
            screen_path: copies.then(|| "s".into()),
            width: Some(w),
            height: Some(h),
        }
    }

    #[test]
    fn english_falls_back_with_a_mark() {
        let t = Text::of("Phố sách Hà Nội", "", Language::En);
        assert_eq!((t.text.as_str(), t.fallback), ("Phố sách Hà Nội", true));
        let t = Text::of("Phố sách Hà Nội", "Hà Nội Book Street", Language::En);
        assert!(!t.fallback);
        assert!(!Text::of("Phố sách", "", Language::Vi).fallback);
        let p = Text::of("Một\ndòng\n\nHai", "", Language::Vi).paragraphs();
        assert_eq!(p, vec!["Một dòng", "Hai"]);
    }

    #[test]
    fn images_offer_their_copies_in_srcset() {
        let i = Img::of(&file(7, true, 4000, 3000), "Ảnh".into());
        assert_eq!(i.src, "/p/files/7/screen");
        assert_eq!(i.srcset, "/p/files/7/thumb 320w, /p/files/7/screen 1280w");
        assert_eq!((i.width, i.height), (1280, 960));
        let i = Img::of(&file(8, false, 200, 100), "Ảnh".into());
        assert_eq!((i.src.as_str(), i.srcset.as_str()), ("/p/files/8", ""));
        assert_eq!((i.width, i.height), (200, 100));
    }
}

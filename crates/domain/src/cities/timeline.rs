//! A city's interactions (the events it organised or joined, letters and MoUs, the
//! delegations that went there, joint projects) as one timeline, and the "last contact"
//! order: the cities whose latest interaction is oldest come first, so that the ones to
//! call are on top.
//!
//! The store pages the timeline in SQL with the same order ([`InteractionKind::rank`],
//! an event's day from [`HANOI_OFFSET_SECONDS`]); [`timeline`] is that order's definition
//! and the conformance tests hold the two together.

use super::CityError;
use crate::vocab::{Language, ParseError, vocabulary};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    #[derive(Default)]
    LetterKind, "letter kind" {
        #[default]
        Letter = "letter", "công văn, thư", "letter";
        Mou = "mou", "biên bản ghi nhớ (MoU)", "memorandum of understanding";
    }
}

vocabulary! {
    #[derive(Default)]
    LetterDirection, "letter direction" {
        #[default]
        Out = "out", "gửi đi", "sent";
        In = "in", "nhận được", "received";
    }
}

/// A letter or MoU as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LetterDraft {
    pub kind: String,
    pub direction: String,
    pub number: String,
    pub date: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterInput {
    pub kind: LetterKind,
    pub direction: LetterDirection,
    pub number: String,
    pub date: NaiveDate,
    pub title: String,
}

/// Which form field a letter's error belongs beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterField {
    Kind,
    Direction,
    Date,
    Title,
}

impl LetterDraft {
    pub fn check(&self) -> Result<LetterInput, Vec<(LetterField, CityError)>> {
        let mut errors = Vec::new();
        let kind = self.kind.parse::<LetterKind>();
        if kind.is_err() {
            errors.push((LetterField::Kind, CityError::BadChoice));
        }
        let direction = self.direction.parse::<LetterDirection>();
        if direction.is_err() {
            errors.push((LetterField::Direction, CityError::BadChoice));
        }
        let date = match vntext::typed::parse_date(&self.date) {
            Ok(Some(d)) => Some(d),
            _ => {
                let shown = self.date.trim().chars().take(20).collect();
                errors.push((LetterField::Date, CityError::BadDate(shown)));
                None
            }
        };
        let title = vntext::text::nfc(self.title.trim());
        if title.is_empty() {
            errors.push((LetterField::Title, CityError::NameRequired));
        }
        let max = super::MAX_NAME_CHARS;
        if title.chars().count() > max * 2 || self.number.chars().count() > max {
            errors.push((LetterField::Title, CityError::TooLong { max: max * 2 }));
        }
        match (kind, direction, date) {
            (Ok(kind), Ok(direction), Some(date)) if errors.is_empty() => Ok(LetterInput {
                kind,
                direction,
                number: vntext::text::nfc(self.number.trim()),
                date,
                title,
            }),
            _ => Err(errors),
        }
    }
}

/// What an interaction is; on one day they come in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum InteractionKind {
    Event,
    Letter,
    /// A delegation abroad, on its departure day.
    Delegation,
    /// A joint project, on its start day.
    Project,
}

impl InteractionKind {
    pub const ALL: [InteractionKind; 4] = [
        InteractionKind::Event,
        InteractionKind::Letter,
        InteractionKind::Delegation,
        InteractionKind::Project,
    ];

    /// The kind's place on one day (the SQL's sort key).
    pub fn rank(self) -> i64 {
        self as i64
    }

    pub fn from_rank(rank: i64) -> Option<InteractionKind> {
        Self::ALL.into_iter().find(|k| k.rank() == rank)
    }
}

/// Hanoi's offset from UTC (Asia/Ho_Chi_Minh has kept +07:00 since 1975, no summer time):
/// an event's day in SQL is `(start_at + HANOI_OFFSET_SECONDS) / 86400` days after
/// 1970-01-01, the day [`event_day`] gives.
pub const HANOI_OFFSET_SECONDS: i64 = 7 * 3600;

/// One line of a city's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interaction {
    pub on: NaiveDate,
    pub kind: InteractionKind,
    pub id: i64,
    pub title: String,
    /// The event's kind and status, or the letter's kind, direction and number.
    pub detail: String,
}

/// Newest first; on one day events before letters, then by id.
pub fn timeline(mut entries: Vec<Interaction>) -> Vec<Interaction> {
    entries.sort_by(|a, b| {
        b.on.cmp(&a.on)
            .then(a.kind.cmp(&b.kind))
            .then(b.id.cmp(&a.id))
    });
    entries
}

/// The day an event starts, in Hanoi (the timeline's dates are Hanoi's).
pub fn event_day(start_at: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(start_at, 0)
        .map(|t| t.with_timezone(&crate::events::HANOI).date_naive())
}

/// A city's last contact: the latest of its latest event (its start, UTC seconds) and the
/// latest dates of its other interactions (letters, delegations' departures).
pub fn last_contact(
    latest_event: Option<i64>,
    latest_others: &[Option<NaiveDate>],
) -> Option<NaiveDate> {
    latest_others
        .iter()
        .copied()
        .fold(latest_event.and_then(event_day), Option::max)
}

/// Cities with their last contact, oldest first (ties by name as given).
pub fn by_last_contact<T>(mut rows: Vec<(T, NaiveDate)>) -> Vec<(T, NaiveDate)> {
    rows.sort_by_key(|(_, d)| *d);
    rows
}

/// The word a delegation's line starts with: "đoàn ra".
pub fn delegation_word(lang: Language) -> &'static str {
    match lang {
        Language::Vi => "đoàn ra",
        Language::En => "delegation",
    }
}

/// A letter's detail in the timeline: "công văn, thư gửi đi, số 12/SVHTT".
pub fn letter_detail(
    lang: Language,
    kind: LetterKind,
    dir: LetterDirection,
    number: &str,
) -> String {
    let mut s = format!("{} {}", kind.label(lang), dir.label(lang));
    if !number.is_empty() {
        s.push_str(match lang {
            Language::Vi => ", số ",
            Language::En => ", no. ",
        });
        s.push_str(number);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn entry(on: NaiveDate, kind: InteractionKind, id: i64) -> Interaction {
        Interaction {
            on,
            kind,
            id,
            title: String::new(),
            detail: String::new(),
        }
    }

    #[test]
    fn the_timeline_is_newest_first_events_before_letters() {
        let t = timeline(vec![
            entry(d(2025, 3, 1), InteractionKind::Letter, 1),
            entry(d(2025, 5, 2), InteractionKind::Letter, 2),
            entry(d(2025, 5, 2), InteractionKind::Event, 9),
        ]);
        let order: Vec<i64> = t.iter().map(|e| e.id).collect();
        assert_eq!(order, [9, 2, 1]);
    }

    #[test]
    fn an_evening_event_in_utc_is_the_next_day_in_hanoi() {
        // 2025-05-01 20:00 UTC is 2 May, 03:00 in Hanoi.
        let at = chrono::NaiveDate::from_ymd_opt(2025, 5, 1)
            .unwrap()
            .and_hms_opt(20, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(event_day(at), Some(d(2025, 5, 2)));
        assert_eq!(
            last_contact(Some(at), &[Some(d(2025, 4, 1))]),
            Some(d(2025, 5, 2))
        );
        assert_eq!(
            last_contact(None, &[Some(d(2025, 4, 1)), None, Some(d(2025, 6, 1))]),
            Some(d(2025, 6, 1))
        );
        assert_eq!(last_contact(None, &[None, None]), None);
    }

    #[test]
    fn the_sql_day_of_an_event_is_its_day_in_hanoi() {
        let epoch = d(1970, 1, 1);
        // Every hour over four years, both sides of midnight in Hanoi.
        for hour in 0..(4 * 366 * 24) {
            let at = 1_735_689_600 + hour * 3600 - 1;
            let sql_day = (at + HANOI_OFFSET_SECONDS) / 86_400;
            let day = event_day(at).unwrap();
            assert_eq!((day - epoch).num_days(), sql_day, "{at}");
        }
    }

    #[test]
    fn kinds_rank_in_their_order() {
        for k in InteractionKind::ALL {
            assert_eq!(InteractionKind::from_rank(k.rank()), Some(k));
        }
        assert!(InteractionKind::Letter.rank() < InteractionKind::Delegation.rank());
        assert!(InteractionKind::Delegation.rank() < InteractionKind::Project.rank());
        assert_eq!(InteractionKind::from_rank(9), None);
    }

    #[test]
    fn the_oldest_contact_comes_first() {
        let rows = by_last_contact(vec![("a", d(2025, 6, 1)), ("b", d(2024, 1, 1))]);
        assert_eq!(rows[0].0, "b");
    }

    #[test]
    fn a_letter_needs_a_date_and_a_title() {
        let ok = LetterDraft {
            kind: "mou".into(),
            direction: "out".into(),
            number: " 12/SVHTT ".into(),
            date: "05/03/2025".into(),
            title: "Thư mời".into(),
        }
        .check()
        .unwrap();
        assert_eq!((ok.date, ok.number.as_str()), (d(2025, 3, 5), "12/SVHTT"));
        assert_eq!(
            letter_detail(Language::Vi, ok.kind, ok.direction, &ok.number),
            "biên bản ghi nhớ (MoU) gửi đi, số 12/SVHTT"
        );
        let errs = LetterDraft {
            kind: "fax".into(),
            date: "31/02/2025".into(),
            ..Default::default()
        }
        .check()
        .unwrap_err();
        let fields: Vec<LetterField> = errs.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                LetterField::Kind,
                LetterField::Direction,
                LetterField::Date,
                LetterField::Title
            ]
        );
    }
}

//! Interpreters: the language pairs they work between ([`LanguagePair`]) and their double
//! bookings across events.

use super::EventError;
use crate::vocab::Language;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A pair of languages an interpreter works between, e.g. vi↔en. Codes are ISO 639
/// (two or three lowercase letters); the order is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguagePair {
    pub from: String,
    pub to: String,
}

/// The languages named in Vietnamese and English: code, Vietnamese, English.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("vi", "Việt", "Vietnamese"),
    ("en", "Anh", "English"),
    ("fr", "Pháp", "French"),
    ("es", "Tây Ban Nha", "Spanish"),
    ("zh", "Trung", "Chinese"),
    ("ja", "Nhật", "Japanese"),
    ("ko", "Hàn", "Korean"),
    ("ru", "Nga", "Russian"),
    ("de", "Đức", "German"),
    ("th", "Thái", "Thai"),
    ("lo", "Lào", "Lao"),
    ("km", "Khmer", "Khmer"),
    ("id", "Indonesia", "Indonesian"),
    ("pt", "Bồ Đào Nha", "Portuguese"),
    ("it", "Ý", "Italian"),
    ("ar", "Ả Rập", "Arabic"),
];

impl LanguagePair {
    /// A language name in Vietnamese or English, for the common codes; else the code.
    pub fn language_name(code: &str, lang: Language) -> String {
        LANGUAGES
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, vi, en)| match lang {
                Language::Vi => vi.to_string(),
                Language::En => en.to_string(),
            })
            .unwrap_or_else(|| code.to_string())
    }

    /// "Việt – Anh".
    pub fn label(&self, lang: Language) -> String {
        format!(
            "{} – {}",
            Self::language_name(&self.from, lang),
            Self::language_name(&self.to, lang)
        )
    }

    /// The pairs a form offers: Vietnamese with each named language (vi-en, vi-fr, …).
    pub fn offered() -> Vec<LanguagePair> {
        LANGUAGES
            .iter()
            .skip(1)
            .map(|(code, _, _)| LanguagePair {
                from: "vi".into(),
                to: code.to_string(),
            })
            .collect()
    }

    /// Several pairs separated by commas, semicolons or new lines.
    pub fn parse_list(s: &str) -> Result<Vec<LanguagePair>, EventError> {
        let mut out: Vec<LanguagePair> = Vec::new();
        for part in s.split([',', ';', '\n']).map(str::trim) {
            if part.is_empty() {
                continue;
            }
            let p: LanguagePair = part.parse()?;
            if !out.contains(&p) {
                out.push(p);
            }
        }
        Ok(out)
    }
}

impl FromStr for LanguagePair {
    type Err = EventError;
    fn from_str(s: &str) -> Result<LanguagePair, EventError> {
        let t = s.trim().to_lowercase();
        let bad = || EventError::BadLanguagePair(s.trim().to_string());
        let (a, b) = ["↔", "<->", "<>", "-", "/", ">", " "]
            .iter()
            .find_map(|sep| t.split_once(sep))
            .ok_or_else(bad)?;
        let code = |x: &str| {
            let x = x.trim();
            (2..=3).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_lowercase())
        };
        let (a, b) = (a.trim(), b.trim());
        if !code(a) || !code(b) || a == b {
            return Err(bad());
        }
        Ok(LanguagePair {
            from: a.to_string(),
            to: b.to_string(),
        })
    }
}

impl fmt::Display for LanguagePair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}↔{}", self.from, self.to)
    }
}

impl TryFrom<String> for LanguagePair {
    type Error = EventError;
    fn try_from(s: String) -> Result<Self, EventError> {
        s.parse()
    }
}

impl From<LanguagePair> for String {
    fn from(p: LanguagePair) -> String {
        p.to_string()
    }
}

/// Half-open intervals `[a0, a1)` and `[b0, b1)` share some time. Back-to-back sessions
/// (one ends at 10:00, the next starts at 10:00) do not overlap.
pub fn overlaps<T: PartialOrd>(a0: T, a1: T, b0: T, b1: T) -> bool {
    a0 < b1 && b0 < a1
}

/// One interpreter's booking on one event, as instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub person: i64,
    pub event: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Pairs (indexes into `bookings`) of one interpreter booked on two different events at
/// once. A warning, not a refusal: interpreters sometimes cover two rooms in turn.
pub fn double_bookings(bookings: &[Booking]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..bookings.len()).collect();
    order.sort_by_key(|&i| (bookings[i].person, bookings[i].start));
    let mut out = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            let (a, b) = (&bookings[i], &bookings[j]);
            // Sorted by person, then start: nothing later can overlap `a`.
            if b.person != a.person || b.start >= a.end {
                break;
            }
            if a.event != b.event && overlaps(a.start, a.end, b.start, b.end) {
                out.push((i.min(j), i.max(j)));
            }
        }
    }
    out.sort();
    out
}

//! Công tác chỉ đạo, điều hành (issue 12, section I of the results report): the documents
//! the department issued to carry out a plan, and the Board's inspections and meetings,
//! recorded with their date, number and trích yếu. Pure: the form's text is parsed here
//! into a [`DirectionInput`] (parse, don't validate), and the store writes only that.

use crate::vocab::{Language, ParseError, vocabulary};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    /// What a direction record is.
    DirectionKind, "direction kind" {
        /// Văn bản chỉ đạo, triển khai: công văn, quyết định, kế hoạch chi tiết…
        Directive = "directive", "Văn bản chỉ đạo, triển khai", "Directive or implementing document";
        /// Kiểm tra: an inspection by the Board.
        Inspection = "inspection", "Kiểm tra", "Inspection";
        /// Họp, giao ban: a meeting on the plan.
        Meeting = "meeting", "Họp, giao ban", "Meeting";
    }
}

/// Longest trích yếu (summary), in characters.
pub const MAX_SUMMARY_CHARS: usize = 1000;
/// Longest number and symbol ("285/SVHTT-QLDS"), in characters.
pub const MAX_NUMBER_CHARS: usize = 60;
/// The earliest year a record may be dated.
pub const FIRST_YEAR: i32 = 2000;

/// Why a direction record's form does not read. Each has a stable key; the web words it
/// (`refusal-direction-*`), saying what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DirectionError {
    #[error("unknown kind of direction record {0:?}")]
    UnknownKind(String),
    #[error("the date is required")]
    DateRequired,
    #[error("the date {0:?} does not read as dd/mm/yyyy")]
    DateUnreadable(String),
    #[error("the date {date} is outside {first}–{last}")]
    DateOutOfRange {
        date: NaiveDate,
        first: i32,
        last: i32,
    },
    #[error("the summary (trích yếu) is required")]
    SummaryRequired,
    #[error("the summary is longer than {max} characters")]
    SummaryTooLong { max: usize },
    #[error("the number and symbol are longer than {max} characters")]
    NumberTooLong { max: usize },
}

impl DirectionError {
    pub fn key(&self) -> &'static str {
        match self {
            DirectionError::UnknownKind(_) => "direction.unknown_kind",
            DirectionError::DateRequired => "direction.date_required",
            DirectionError::DateUnreadable(_) => "direction.date_unreadable",
            DirectionError::DateOutOfRange { .. } => "direction.date_out_of_range",
            DirectionError::SummaryRequired => "direction.summary_required",
            DirectionError::SummaryTooLong { .. } => "direction.summary_too_long",
            DirectionError::NumberTooLong { .. } => "direction.number_too_long",
        }
    }

    /// The form field the error is about (the page marks it).
    pub fn field(&self) -> &'static str {
        match self {
            DirectionError::UnknownKind(_) => "kind",
            DirectionError::DateRequired
            | DirectionError::DateUnreadable(_)
            | DirectionError::DateOutOfRange { .. } => "date",
            DirectionError::SummaryRequired | DirectionError::SummaryTooLong { .. } => "summary",
            DirectionError::NumberTooLong { .. } => "number",
        }
    }
}

/// A direction record as typed, once it reads: NFC text, spaces squashed, within bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionInput {
    pub kind: DirectionKind,
    /// Số, ký hiệu ("285/SVHTT-QLDS"); meetings and inspections usually have none.
    pub number: Option<String>,
    pub date: NaiveDate,
    /// Trích yếu.
    pub summary: String,
}

/// The form's fields, as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct DirectionForm<'a> {
    pub kind: &'a str,
    pub number: &'a str,
    pub date: &'a str,
    pub summary: &'a str,
}

fn clean(s: &str) -> String {
    vntext::text::squash_spaces(&vntext::text::nfc(s))
        .trim()
        .to_string()
}

impl DirectionInput {
    /// Reads the form as of `today` (Hanoi): a date from [`FIRST_YEAR`] to next year (a
    /// meeting may be recorded ahead), a trích yếu, a number if any. The first problem
    /// found is returned, in the form's order ([`DirectionInput::parse_all`] gives all).
    pub fn parse(f: DirectionForm<'_>, today: NaiveDate) -> Result<DirectionInput, DirectionError> {
        DirectionInput::parse_all(f, today).map_err(|mut all| all.remove(0))
    }

    /// As [`DirectionInput::parse`], with every field's problem, in the form's order (at
    /// least one when `Err`), so that a form can say them all at once.
    pub fn parse_all(
        f: DirectionForm<'_>,
        today: NaiveDate,
    ) -> Result<DirectionInput, Vec<DirectionError>> {
        let mut problems = Vec::new();
        let kind = DirectionKind::from_str(f.kind.trim())
            .map_err(|_| problems.push(DirectionError::UnknownKind(f.kind.to_string())))
            .ok();
        let number = clean(f.number);
        if number.chars().count() > MAX_NUMBER_CHARS {
            problems.push(DirectionError::NumberTooLong {
                max: MAX_NUMBER_CHARS,
            });
        }
        let date = match crate::typed::parse_date(f.date) {
            Err(_) => Err(DirectionError::DateUnreadable(f.date.trim().to_string())),
            Ok(None) => Err(DirectionError::DateRequired),
            Ok(Some(date)) if !(FIRST_YEAR..=today.year() + 1).contains(&date.year()) => {
                Err(DirectionError::DateOutOfRange {
                    date,
                    first: FIRST_YEAR,
                    last: today.year() + 1,
                })
            }
            Ok(Some(date)) => Ok(date),
        };
        let date = date.map_err(|e| problems.push(e)).ok();
        let summary = clean(f.summary);
        if summary.is_empty() {
            problems.push(DirectionError::SummaryRequired);
        } else if summary.chars().count() > MAX_SUMMARY_CHARS {
            problems.push(DirectionError::SummaryTooLong {
                max: MAX_SUMMARY_CHARS,
            });
        }
        match (kind, date) {
            (Some(kind), Some(date)) if problems.is_empty() => Ok(DirectionInput {
                kind,
                number: Some(number).filter(|n| !n.is_empty()),
                date,
                summary,
            }),
            _ => Err(problems),
        }
    }
}

impl fmt::Display for DirectionInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, crate::format_date(self.date))?;
        if let Some(n) = &self.number {
            write!(f, " {n}")?;
        }
        write!(f, ": {}", self.summary)
    }
}

/// Whether `actor` may record, edit or delete direction records: the Board and admins.
/// Everyone who may see the plan reads them.
pub fn can_record_directions(actor: &crate::Actor) -> bool {
    actor.is_board_or_admin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 11, 20).unwrap()
    }

    fn form<'a>(
        kind: &'a str,
        number: &'a str,
        date: &'a str,
        summary: &'a str,
    ) -> DirectionForm<'a> {
        DirectionForm {
            kind,
            number,
            date,
            summary,
        }
    }

    #[test]
    fn a_directive_reads_into_nfc_text_and_a_date() {
        let decomposed = "Ve\u{302}\u{300} vie\u{323}\u{302}c  tri\u{1ec3}n khai";
        let d = DirectionInput::parse(
            form("directive", " 285/SVHTT-QLDS ", "12/03/2025", decomposed),
            today(),
        )
        .unwrap();
        assert_eq!(d.kind, DirectionKind::Directive);
        assert_eq!(d.number.as_deref(), Some("285/SVHTT-QLDS"));
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2025, 3, 12).unwrap());
        assert_eq!(d.summary, "Về việc triển khai");
        assert_eq!(
            d.to_string(),
            "directive 12/03/2025 285/SVHTT-QLDS: Về việc triển khai"
        );
        let meeting =
            DirectionInput::parse(form("meeting", "  ", "2025-06-10", "Giao ban"), today())
                .unwrap();
        assert_eq!(meeting.number, None, "an empty number is none");
    }

    #[test]
    fn each_problem_is_named_with_its_field() {
        let cases = [
            (
                form("memo", "", "12/03/2025", "x"),
                DirectionError::UnknownKind("memo".into()),
            ),
            (form("meeting", "", " ", "x"), DirectionError::DateRequired),
            (
                form("meeting", "", "31/02/2025", "x"),
                DirectionError::DateUnreadable("31/02/2025".into()),
            ),
            (
                form("meeting", "", "12/03/1999", "x"),
                DirectionError::DateOutOfRange {
                    date: NaiveDate::from_ymd_opt(1999, 3, 12).unwrap(),
                    first: FIRST_YEAR,
                    last: 2026,
                },
            ),
            (
                form("meeting", "", "12/03/2025", " \n "),
                DirectionError::SummaryRequired,
            ),
        ];
        for (f, want) in cases {
            assert_eq!(DirectionInput::parse(f, today()), Err(want));
        }
        assert_eq!(DirectionError::DateRequired.field(), "date");
        assert_eq!(DirectionError::SummaryRequired.field(), "summary");
        assert_eq!(
            DirectionError::UnknownKind("x".into()).key(),
            "direction.unknown_kind"
        );
    }

    #[test]
    fn every_problem_comes_at_once_in_the_forms_order() {
        let all = DirectionInput::parse_all(form("memo", "", "31/02/2025", " "), today());
        let fields: Vec<&str> = all.unwrap_err().iter().map(DirectionError::field).collect();
        assert_eq!(fields, ["kind", "date", "summary"]);
        assert_eq!(
            DirectionInput::parse(form("memo", "", "31/02/2025", " "), today()),
            Err(DirectionError::UnknownKind("memo".into())),
            "parse gives the first"
        );
    }

    #[test]
    fn summary_and_number_are_bounded_in_characters() {
        let just = "ư".repeat(MAX_SUMMARY_CHARS);
        assert!(
            DirectionInput::parse(form("inspection", "", "15/05/2025", &just), today()).is_ok()
        );
        let long = "ư".repeat(MAX_SUMMARY_CHARS + 1);
        assert_eq!(
            DirectionInput::parse(form("inspection", "", "15/05/2025", &long), today()),
            Err(DirectionError::SummaryTooLong {
                max: MAX_SUMMARY_CHARS
            })
        );
        let number = "Đ".repeat(MAX_NUMBER_CHARS + 1);
        assert_eq!(
            DirectionInput::parse(form("directive", &number, "15/05/2025", "x"), today()),
            Err(DirectionError::NumberTooLong {
                max: MAX_NUMBER_CHARS
            })
        );
        // Next year is within reason (a meeting set ahead); the year after is not.
        assert!(DirectionInput::parse(form("meeting", "", "05/01/2026", "x"), today()).is_ok());
        assert!(DirectionInput::parse(form("meeting", "", "05/01/2027", "x"), today()).is_err());
    }

    #[test]
    fn kinds_round_trip_and_only_the_board_records() {
        use crate::vocab::Role;
        use crate::{Actor, UnitId, UserId};
        for k in DirectionKind::ALL {
            assert_eq!(k.as_str().parse::<DirectionKind>().unwrap(), *k);
        }
        assert_eq!(DirectionKind::Meeting.label(Language::Vi), "Họp, giao ban");
        let actor = |r: Role| Actor {
            user_id: UserId(1),
            roles: vec![r],
            unit_ids: vec![UnitId(1)],
            active: true,
        };
        assert!(can_record_directions(&actor(Role::Board)));
        assert!(can_record_directions(&actor(Role::Admin)));
        assert!(!can_record_directions(&actor(Role::Staff)));
        assert!(!can_record_directions(&actor(Role::Partner)));
    }
}

//! An item's own fields as entered: its responsible people, one per line, and its start
//! and due dates from the reader's deadlines or the plan year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How an item is named wherever it is listed: "1.2 Title", or the title alone when the
/// item has no numbering.
pub fn item_label(numbering: Option<&str>, title: &str) -> String {
    match numbering.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{n} {title}"),
        None => title.to_string(),
    }
}

/// A responsible person as typed on one line: "Nguyễn Văn A, Phó Trưởng phòng" gives the
/// name and the job title; a blank line gives nothing.
pub fn parse_person_line(line: &str) -> Option<(String, Option<String>)> {
    let (name, title) = match line.split_once(',') {
        Some((n, t)) => (n.trim(), Some(t.trim()).filter(|t| !t.is_empty())),
        None => (line.trim(), None),
    };
    (!name.is_empty()).then(|| (name.to_string(), title.map(str::to_string)))
}

/// Where an item's dates came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatesSource {
    /// The reader's deadlines.
    Deadlines,
    /// Jan 1 – Dec 31 of the plan year.
    PlanYear,
    /// Set by a user.
    Manual,
}

/// Start and due of an item: the earliest start and the latest due among the reader's
/// deadlines (`(start, due)` pairs); a missing side falls back to the plan year
/// (Jan 1 / Dec 31). A start after the due is clamped to the due.
pub fn item_dates(
    deadlines: &[(Option<NaiveDate>, Option<NaiveDate>)],
    plan_year: i32,
) -> (NaiveDate, NaiveDate, DatesSource) {
    let year_start = NaiveDate::from_ymd_opt(plan_year, 1, 1).expect("valid year");
    let year_end = NaiveDate::from_ymd_opt(plan_year, 12, 31).expect("valid year");
    let start = deadlines.iter().filter_map(|d| d.0).min();
    let due = deadlines.iter().filter_map(|d| d.1).max();
    let source = if start.is_some() || due.is_some() {
        DatesSource::Deadlines
    } else {
        DatesSource::PlanYear
    };
    let due = due.unwrap_or(year_end);
    let start = start.unwrap_or(if due.year() == plan_year {
        year_start
    } else {
        NaiveDate::from_ymd_opt(due.year(), 1, 1).expect("valid year")
    });
    (start.min(due), due, source)
}

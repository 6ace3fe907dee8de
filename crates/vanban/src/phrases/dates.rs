//! Dates: day-month-year parts, the first date in a text, the header's place and date.

use crate::text::{fold, squash_spaces};
use chrono::NaiveDate;

/// A calendar date from day, month and year, if it exists. Two-digit years are 20xx.
pub fn date_from_parts(d: u32, m: u32, y: i32) -> Option<NaiveDate> {
    let y = if (0..100).contains(&y) { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

pub(super) fn quarter_bounds(q: u32, y: i32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let start = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
    let end = last_day_of_month(y, q * 3)?;
    Some((start, end))
}

pub(super) fn roman_value(s: &str) -> Option<u32> {
    match s.to_ascii_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

re!(
    RE_DATE_NUMERIC,
    r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b"
);
re!(
    RE_DATE_WORDS,
    r"(?i)\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b"
);

/// The first complete date in the text: "01/4/2022", "16 tháng 6 năm 2025" (after "ngày").
pub fn first_date(text: &str) -> Option<NaiveDate> {
    let a = RE_DATE_NUMERIC
        .captures(text)
        .map(|c| (c.get(0).map_or(0, |m| m.start()), c));
    let b = RE_DATE_WORDS
        .captures(text)
        .map(|c| (c.get(0).map_or(0, |m| m.start()), c));
    let caps = match (a, b) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a.1
            } else {
                b.1
            }
        }
        (Some(a), None) => a.1,
        (None, Some(b)) => b.1,
        (None, None) => return None,
    };
    date_from_parts(
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    )
}

re!(
    RE_PLACE_DATE,
    r"(?i)^\s*([^,]{2,60}?)\s*,\s*ngày\s*([0-9.…_ ]*?)\s*tháng\s*([0-9.…_ ]*?)\s*năm\s*([0-9.…_ ]*)"
);

/// "Hà Nội, ngày 01 tháng 4 năm 2022" → place and date; blank parts (a draft) give no date.
pub fn place_and_date(line: &str) -> Option<(String, Option<NaiveDate>, Option<i32>)> {
    let c = RE_PLACE_DATE.captures(line)?;
    let place =
        squash_spaces(c[1].trim_matches(|ch: char| ch == '*' || ch == '_' || ch.is_whitespace()));
    let num = |s: &str| s.trim().parse::<i64>().ok();
    let year = num(&c[4])
        .and_then(|y| i32::try_from(y).ok())
        .filter(|y| (1900..2200).contains(y));
    let date = match (num(&c[2]), num(&c[3]), year) {
        (Some(d), Some(m), Some(y)) => date_from_parts(d as u32, m as u32, y),
        _ => None,
    };
    if place.is_empty() || fold(&place).starts_with("so") && place.contains('/') {
        return None;
    }
    Some((place, date, year))
}

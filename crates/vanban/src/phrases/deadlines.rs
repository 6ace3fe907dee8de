//! Deadlines and times (quarters, months, spans, "trước ngày", recurrences) and the
//! plan year a text names.

use super::dates::{date_from_parts, first_date, last_day_of_month, quarter_bounds, roman_value};
use crate::model::Deadline;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

re!(
    RE_QUARTER,
    r"(?i)\bqu[ýíyi]\s+(IV|III|II|I|[1-4])\s*(?:/|năm|-)\s*(\d{4})\b"
);
re!(
    RE_QUARTER_RANGE,
    r"(?i)\bqu[ýíyi]\s+(IV|III|II|I|[1-4])\s*(?:/|năm)\s*(\d{4})\s*(?:-|–|đến)\s*(?:hết\s+)?qu[ýíyi]\s+(IV|III|II|I|[1-4])\s*(?:/|năm)\s*(\d{4})\b"
);
re!(
    RE_MONTH,
    r"(?i)\btháng\s+(\d{1,2})\s*(?:/|năm|-)\s*(\d{4})\b"
);
re!(
    RE_BEFORE,
    r"(?i)\b(?:trước|chậm nhất(?:\s+là)?|hạn chót|không muộn hơn|xong trước|hoàn thành trước)\s+(?:ngày\s+)?(\d{1,2})(?:\s*/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?|\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?)?"
);
re!(
    RE_FROM_TO,
    r"(?i)\btừ\s[^.;]{0,30}?(?:ngày\s+)?(\d{1,2}/\d{1,2}/\d{4})[^.;]{0,30}?\sđến\s[^.;]{0,30}?(?:ngày\s+)?(\d{1,2}/\d{1,2}/\d{4})"
);
re!(
    RE_YEAR_SPAN,
    r"(?i)(?:giai đoạn|năm học|năm|từ năm)?\s*\(?\b((?:19|20)\d{2})\s*(?:-|–|đến)\s*(?:năm\s+)?((?:19|20)\d{2})\b"
);
re!(
    RE_IN_YEAR,
    r"(?i)\b(?:trong|hoàn thành(?:\s+trong)?|xong trong|thực hiện trong|cả)\s+năm\s+(\d{4})\b"
);
re!(RE_YEAR, r"(?i)\bnăm\s+(\d{4})\b");
// "năm 2025 và các năm tiếp theo", "từ năm 2025 trở đi": a start with no end.
re!(
    RE_ONWARD,
    r"(?i)\b(?:từ\s+)?năm\s+(\d{4})\s*(?:,\s*)?(?:(?:và|cho)\s+(?:các|những)\s+năm\s+(?:tiếp theo|sau|kế tiếp)|trở đi)"
);
// A time column holding only a year ("2026").
re!(RE_BARE_YEAR, r"^\s*((?:19|20)\d{2})\s*\.?\s*$");
/// Words that make a deadline a recurrence.
pub(super) const RECURRENCE: &str = r"thường xuyên|liên tục|(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)|định kỳ|hằng năm";
re!(RE_RECURRENCE_AT, format!("(?i)^(?:{RECURRENCE})"));
// A part of every match of RECURRENCE in any case: "xuy", "tục", "ằng" or "àng", "ỳ".
// Spelt out case by case rather than with (?i), which the regex engine searches for
// several times more slowly here.
re!(
    RE_RECURRENCE_HINT,
    r"[xX][uU][yY]|[tT](?:ụ|Ụ)[cC]|(?:ằ|Ằ|à|À)[nN][gG]|(?:ỳ|Ỳ)"
);
re!(RE_BEGINS, "(?i)bắt đầu");
re!(RE_ANY_DATE, r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b");

/// Deadlines and times in a text. In free text only phrases that clearly set a time are
/// read ("trước ngày 30/6/2025", "Quý II/2025", "tháng 11/2025", "trong năm 2025",
/// "hằng năm"); in `field` mode (a "Thời gian:" value or a table's time column) bare
/// years, spans and dates count too. `year` fills in dates written without a year.
pub fn deadlines(text: &str, field: bool, year: Option<i32>) -> Vec<Deadline> {
    if !text.bytes().any(|b| b.is_ascii_digit()) && !has_recurrence_word(text) {
        return Vec::new();
    }
    let mut found = Found::default();
    // Patterns that need a letter or sign the text lacks are not run at all.
    let bytes = text.as_bytes();
    let has_q = memchr::memchr2(b'q', b'Q', bytes).is_some();
    let has_slash = memchr::memchr(b'/', bytes).is_some();

    for c in captures_if(has_q, &RE_QUARTER_RANGE, text) {
        let m = c.get(0).expect("m");
        let (Some(q1), Some(q2)) = (roman_value(&c[1]), roman_value(&c[3])) else {
            continue;
        };
        let (Ok(y1), Ok(y2)) = (c[2].parse::<i32>(), c[4].parse::<i32>()) else {
            continue;
        };
        let (Some((s, _)), Some((_, e))) = (quarter_bounds(q1, y1), quarter_bounds(q2, y2)) else {
            continue;
        };
        found.add(
            m.range(),
            Deadline {
                text: m.as_str().trim().into(),
                due: Some(e),
                start: Some(s),
                recurrence: None,
            },
        );
    }
    for c in captures_if(has_q, &RE_QUARTER, text) {
        let m = c.get(0).expect("m");
        if !found.free(m.range()) {
            continue;
        }
        let (Some(q), Ok(y)) = (roman_value(&c[1]), c[2].parse::<i32>()) else {
            continue;
        };
        let Some((s, e)) = quarter_bounds(q, y) else {
            continue;
        };
        found.add(
            m.range(),
            Deadline {
                text: m.as_str().trim().into(),
                due: Some(e),
                start: Some(s),
                recurrence: None,
            },
        );
    }
    for c in captures_if(has_slash, &RE_FROM_TO, text) {
        let m = c.get(0).expect("m");
        if !found.free(m.range()) {
            continue;
        }
        let (s, e) = (first_date(&c[1]), first_date(&c[2]));
        if s.is_none() && e.is_none() {
            continue;
        }
        found.add(
            m.range(),
            Deadline {
                text: m.as_str().trim().into(),
                due: e,
                start: s,
                recurrence: None,
            },
        );
    }
    for c in RE_BEFORE.captures_iter(text) {
        let m = c.get(0).expect("m");
        if !found.free(m.range()) {
            continue;
        }
        let d: u32 = c[1].parse().unwrap_or(0);
        let month = c
            .get(2)
            .or(c.get(4))
            .and_then(|x| x.as_str().parse::<u32>().ok());
        let y = c
            .get(3)
            .or(c.get(5))
            .and_then(|x| x.as_str().parse::<i32>().ok())
            .or(year);
        // "trước 15h00" is a time of day, not a day of the month.
        if text[m.end()..].starts_with(['h', 'H', ':']) {
            continue;
        }
        let due = match (month, y) {
            (Some(mo), Some(y)) => date_from_parts(d, mo, y),
            _ => None,
        };
        found.add(
            m.range(),
            Deadline {
                text: m.as_str().trim().into(),
                due,
                start: None,
                recurrence: None,
            },
        );
    }
    for c in RE_MONTH.captures_iter(text) {
        let m = c.get(0).expect("m");
        if !found.free(m.range()) {
            continue;
        }
        // "ngày 16 tháng 6 năm 2025" is a date (a reference), not a month-long deadline.
        let before = text[..m.start()].trim_end();
        // Only the last four characters can lowercase to "ngày".
        let tail = before.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        if before.ends_with(|c: char| c.is_ascii_digit())
            || before[tail..].to_lowercase().ends_with("ngày")
        {
            continue;
        }
        let (Ok(mo), Ok(y)) = (c[1].parse::<u32>(), c[2].parse::<i32>()) else {
            continue;
        };
        let (Some(s), Some(e)) = (NaiveDate::from_ymd_opt(y, mo, 1), last_day_of_month(y, mo))
        else {
            continue;
        };
        found.add(
            m.range(),
            Deadline {
                text: m.as_str().trim().into(),
                due: Some(e),
                start: Some(s),
                recurrence: None,
            },
        );
    }
    for c in RE_ONWARD.captures_iter(text) {
        let m = c.get(0).expect("m");
        let Ok(y) = c[1].parse::<i32>() else { continue };
        if !found.free(m.range()) {
            continue;
        }
        found.add(
            m.range(),
            Deadline {
                text: m.as_str().trim().into(),
                due: None,
                start: NaiveDate::from_ymd_opt(y, 1, 1),
                recurrence: Some("thường xuyên".into()),
            },
        );
    }
    for c in RE_IN_YEAR.captures_iter(text) {
        let m = c.get(0).expect("m");
        if !found.free(m.range()) {
            continue;
        }
        let Ok(y) = c[1].parse::<i32>() else { continue };
        found.add(m.range(), year_deadline(m.as_str(), y, y));
    }
    if field {
        if let Some(c) = RE_BARE_YEAR.captures(text)
            && let Ok(y) = c[1].parse::<i32>()
        {
            let m = c.get(1).expect("year");
            found.add(m.range(), year_deadline(m.as_str(), y, y));
        }
        for c in RE_YEAR_SPAN.captures_iter(text) {
            let m = c.get(0).expect("m");
            if !found.free(m.range()) {
                continue;
            }
            let (Ok(a), Ok(b)) = (c[1].parse::<i32>(), c[2].parse::<i32>()) else {
                continue;
            };
            if a > b {
                continue;
            }
            found.add(m.range(), year_deadline(m.as_str(), a, b));
        }
        // A date after "bắt đầu" (in any case) is a start. Where the words first end, found
        // once: lowercasing all the text before each date was quadratic in long fields.
        let begins_end = RE_BEGINS.find(text).map(|b| b.end());
        for c in captures_if(has_slash, &RE_ANY_DATE, text) {
            let m = c.get(0).expect("m");
            if !found.free(m.range()) {
                continue;
            }
            let Some(d) = date_from_parts(
                c[1].parse().unwrap_or(0),
                c[2].parse().unwrap_or(0),
                c[3].parse().unwrap_or(0),
            ) else {
                continue;
            };
            let starts = begins_end.is_some_and(|end| end <= m.start());
            let (start, due) = if starts {
                (Some(d), None)
            } else {
                (None, Some(d))
            };
            found.add(
                m.range(),
                Deadline {
                    text: m.as_str().into(),
                    due,
                    start,
                    recurrence: None,
                },
            );
        }
        for c in RE_YEAR.captures_iter(text) {
            let m = c.get(0).expect("m");
            if !found.free(m.range()) {
                continue;
            }
            let Ok(y) = c[1].parse::<i32>() else { continue };
            found.add(m.range(), year_deadline(m.as_str(), y, y));
        }
    }
    for m in recurrence_spans(text) {
        let words = &text[m.clone()];
        // Whole words only (checked here: the pattern's boundaries are ASCII).
        if text[m.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let phrase = words.to_lowercase();
        // "thường xuyên" and "liên tục" are also plain adverbs; in free text they are read
        // as a time only when they are the whole phrase or close a sentence.
        if !field && (phrase == "thường xuyên" || phrase == "liên tục" || phrase == "định kỳ")
        {
            let after = text[m.end..].trim_start();
            if !(after.is_empty() || after.starts_with(['.', ';', ')'])) {
                continue;
            }
        }
        if !found.free(m.clone()) {
            continue;
        }
        found.add(
            m,
            Deadline {
                text: words.into(),
                due: None,
                start: None,
                recurrence: Some(phrase),
            },
        );
    }
    found.into_sorted()
}

/// The matches of `re` in `text`; none, without a search, when `may_match` is false.
fn captures_if<'r, 't>(
    may_match: bool,
    re: &'r Regex,
    text: &'t str,
) -> impl Iterator<Item = regex::Captures<'t>> + use<'r, 't> {
    may_match
        .then(|| re.captures_iter(text))
        .into_iter()
        .flatten()
}

/// Where `(?i)\b(?:RECURRENCE)` matches, in order, as the regex engine's iterator finds
/// matches. Searched as one pattern, the words in any case have too many spellings for
/// the engine's literal search and every text was scanned slowly; but a match starts at
/// a set distance before one of the pieces of RE_RECURRENCE_HINT ("thường xuyên" 7
/// characters before "xuy", "liên tục" 5 before "tục", "định kỳ" 6 before "ỳ", "hằng"
/// and "hàng" 1 before "ằng" and "àng"), so only those places are tried. The pieces
/// never overlap.
pub(super) fn recurrence_spans(text: &str) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = RE_RECURRENCE_HINT
        .find_iter(text)
        .filter_map(|w| {
            let back = match w.as_str().chars().next() {
                Some('x' | 'X') => 7,
                Some('t' | 'T') => 5,
                Some('ỳ' | 'Ỳ') => 6,
                _ => 1,
            };
            text[..w.start()]
                .char_indices()
                .rev()
                .nth(back - 1)
                .map(|(i, _)| i)
        })
        .collect();
    starts.sort_unstable();
    starts.dedup();
    // The pattern's ASCII word boundary, read in the whole text.
    let word = |i: usize| {
        text.as_bytes()
            .get(i)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    };
    let mut spans: Vec<Range<usize>> = Vec::new();
    for start in starts {
        let after_last = spans.last().is_none_or(|last| start >= last.end);
        let boundary = (start > 0 && word(start - 1)) != word(start);
        if after_last
            && boundary
            && let Some(m) = RE_RECURRENCE_AT.find(&text[start..])
        {
            spans.push(start..start + m.end());
        }
    }
    spans
}

/// A cheap test before the recurrence pattern: any of its words, in either case.
fn has_recurrence_word(text: &str) -> bool {
    RE_RECURRENCE_WORD.is_match(text)
}

// The words as plain literals, searched together.
static RE_RECURRENCE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let words = [
        "thường xuyên",
        "hằng",
        "hàng",
        "định kỳ",
        "liên tục",
        "Thường xuyên",
        "Hằng",
        "Hàng",
        "Định kỳ",
        "Liên tục",
        "THƯỜNG XUYÊN",
        "HẰNG",
        "HÀNG",
        "ĐỊNH KỲ",
        "LIÊN TỤC",
    ];
    Regex::new(&words.join("|")).expect("valid regex")
});

/// Deadlines found so far, with the text spans they took so that a shorter pattern does
/// not read the same words again ("Quý IV/2025 - Quý II/2026" is one deadline, not three).
#[derive(Default)]
struct Found {
    taken: Vec<(usize, usize)>,
    out: Vec<(usize, Deadline)>,
}

impl Found {
    fn free(&self, m: Range<usize>) -> bool {
        !self.taken.iter().any(|&(a, b)| m.start < b && m.end > a)
    }

    fn add(&mut self, m: Range<usize>, d: Deadline) {
        self.taken.push((m.start, m.end));
        self.out.push((m.start, d));
    }

    fn into_sorted(mut self) -> Vec<Deadline> {
        self.out.sort_by_key(|(pos, _)| *pos);
        self.out.into_iter().map(|(_, d)| d).collect()
    }
}

fn year_deadline(text: &str, from: i32, to: i32) -> Deadline {
    Deadline {
        text: text.trim().trim_start_matches('(').trim().to_string(),
        due: NaiveDate::from_ymd_opt(to, 12, 31),
        start: NaiveDate::from_ymd_opt(from, 1, 1),
        recurrence: None,
    }
}

// ---- the plan year

/// The plan year a text names: "năm 2025" → 2025, "giai đoạn 2026 - 2030" → 2026,
/// "năm học 2026 - 2027" → 2026.
pub fn year_named(text: &str) -> Option<i32> {
    // Years inside quotes belong to the quoted programme's name, not to this plan.
    let text = &without_quotes(text);
    if let Some(c) = RE_YEAR.captures_iter(text).last()
        && !RE_YEAR_SPAN.is_match(text)
    {
        return c[1].parse().ok();
    }
    if let Some(c) = RE_YEAR_SPAN.captures(text) {
        return c[1].parse().ok();
    }
    RE_YEAR
        .captures_iter(text)
        .last()
        .and_then(|c| c[1].parse().ok())
}

fn without_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Today's year is never used: dates come from the document only.
pub fn year_of(date: Option<NaiveDate>) -> Option<i32> {
    date.map(|d| d.year())
}

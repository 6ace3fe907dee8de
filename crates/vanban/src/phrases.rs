//! Small phrases of administrative Vietnamese: numbers, dates, targets, deadlines,
//! money, document references and unit lists. Each function reads one kind of phrase
//! from a piece of text and never fails: what it cannot read, it leaves out.

use crate::model::{Deadline, DocRef, Target};
use crate::text::{fold, squash_spaces};
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Compiles a pattern once. Word boundaries are ASCII ones (`(?-u:\b)`): Unicode `\b`
/// makes the regex engine leave its fast DFA on Vietnamese text. Every `\b` below sits
/// next to an ASCII letter or a digit, where both kinds agree — except before "định kỳ"
/// in RECURRENCE: "đ" is no ASCII word character, so after a space that boundary never
/// holds and "định kỳ" on its own is never read as a recurrence (known; left as it is,
/// since fixing it changes what documents read).
macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| {
            regex::RegexBuilder::new(&$pat.replace(r"\b", r"(?-u:\b)"))
                .dfa_size_limit(1 << 20)
                .build()
                .expect("valid regex")
        });
    };
}

// ---------------------------------------------------------------- numbers

/// A Vietnamese figure: dots group thousands, a comma marks decimals ("2.989,5" = 2989.5,
/// "02" = 2). A lone dot followed by one or two digits is read as a decimal point.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    // Most figures are plain whole numbers, exact as f64 up to 15 digits.
    if s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<u64>().ok().map(|n| n as f64);
    }
    let (int_part, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int_part.split('.').collect();
    let mut digits = String::new();
    let mut frac_digits = frac.map(str::to_string);
    if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        digits = groups.concat();
    } else if groups.len() == 2 && frac.is_none() {
        digits.push_str(groups[0]);
        frac_digits = Some(groups[1].to_string());
    } else if groups.len() == 1 {
        digits.push_str(groups[0]);
    } else {
        return None;
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut v: f64 = digits.parse().ok()?;
    if let Some(f) = frac_digits {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        v += format!("0.{f}").parse::<f64>().ok()?;
    }
    Some(v)
}

// ---------------------------------------------------------------- dates

/// A calendar date from day, month and year, if it exists. Two-digit years are 20xx.
pub fn date_from_parts(d: u32, m: u32, y: i32) -> Option<NaiveDate> {
    let y = if (0..100).contains(&y) { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

fn quarter_bounds(q: u32, y: i32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let start = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
    let end = last_day_of_month(y, q * 3)?;
    Some((start, end))
}

fn roman_value(s: &str) -> Option<u32> {
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

// ---------------------------------------------------------------- targets

/// Words that count things and so make a bare figure a target ("01 khu", "02 bài").
const COUNT_UNITS: &[&str] = &[
    "tin, bài",
    "tin bài",
    "lượt người",
    "hội nghị",
    "hội thảo",
    "tọa đàm",
    "toạ đàm",
    "sản phẩm",
    "ấn phẩm",
    "chuyên đề",
    "phóng sự",
    "chương trình",
    "hoạt động",
    "doanh nghiệp",
    "giải pháp",
    "mô hình",
    "lớp học",
    "tài liệu",
    "cuộc",
    "clip",
    "trang",
    "phút",
    "bài",
    "tin",
    "khu",
    "lớp",
    "buổi",
    "lượt",
    "người",
    "đợt",
    "video",
    "cuốn",
    "tập",
    "số",
    "đoàn",
    "điểm",
    "sự kiện",
    "triển lãm",
    "gian hàng",
    "xã",
    "phường",
    "học viên",
    "cán bộ",
    "hồ sơ",
    "dự án",
    "cụm",
    "trường",
    "MW",
    "km",
    "ha",
    "tấn",
    "triệu USD",
    "tỷ USD",
    "triệu đồng",
    "tỷ đồng",
    "giờ",
    "ngày",
    "tiết",
    "lần",
    "cơ sở",
    "đơn vị",
    "thủ tục",
    "kỳ",
    "bản",
    "bộ",
    "nhóm",
    "câu lạc bộ",
    "không gian",
    "thành phố",
    "quốc gia",
    "chuyên gia",
];

/// Units of measure: a figure with one of these is a quantity even without "đạt" or "ít nhất".
/// A unit of `COUNT_UNITS`, in any case.
fn is_count_unit(unit: &str) -> bool {
    static LOWER: LazyLock<Vec<String>> =
        LazyLock::new(|| COUNT_UNITS.iter().map(|u| u.to_lowercase()).collect());
    let lower = unit.to_lowercase();
    COUNT_UNITS
        .iter()
        .zip(LOWER.iter())
        .any(|(u, l)| u.eq_ignore_ascii_case(unit) || *l == lower)
}

const MEASURES: &[&str] = &[
    "MW",
    "kW",
    "GW",
    "km",
    "ha",
    "tấn",
    "triệu USD",
    "tỷ USD",
    "m2",
    "m3",
];

const PERIODS: &[&str] = &[
    "năm",
    "quý",
    "tháng",
    "tuần",
    "ngày",
    "kỳ",
    "đợt",
    "năm học",
];

re!(
    RE_RANGE,
    r"(?i)(?:\b(từ)\s+)?(\d+(?:[.,]\d+)*)\s*(?:-|–|—|đến|tới)\s*(\d+(?:[.,]\d+)*)\s*(%|[\p{L}][\p{L}\p{M}]*)?"
);
re!(
    RE_SINGLE,
    r"(?i)(?:(ít nhất|tối thiểu|trên|không dưới|không quá|tối đa|đạt|đạt ít nhất|phấn đấu đạt)\s+)?\b(\d+(?:[.,]\d+)*)\s*(%|[\p{L}][\p{L}\p{M}]*)"
);

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Reads the unit that follows a figure: "%", a known count word (possibly two words or
/// "tin, bài"), or — when `free` — the first word. Returns the unit and its byte length.
fn unit_after(rest: &str, free: bool) -> Option<(String, usize)> {
    let r = rest.trim_start();
    let skipped = rest.len() - r.len();
    if let Some(stripped) = r.strip_prefix('%') {
        let _ = stripped;
        return Some(("%".into(), skipped + 1));
    }
    // Only the units with the same first letter (in either case) can be there.
    let first = r.chars().next().map(crate::text::lower1);
    for u in COUNT_UNITS {
        if u.chars().next().map(crate::text::lower1) == first
            && let Some(n) = crate::text::prefix_len_ci(r, u)
            && r[n..].chars().next().is_none_or(|c| !is_word_char(c))
        {
            return Some((r[..n].to_string(), skipped + n));
        }
    }
    if free {
        let end = r
            .find(|c: char| !(c.is_alphabetic() || is_combining(c)))
            .unwrap_or(r.len());
        if end > 0 && r[..end].chars().next().is_some_and(char::is_lowercase) {
            let w = &r[..end];
            if ![
                "năm", "tháng", "ngày", "giờ", "và", "của", "tại", "theo", "với",
            ]
            .contains(&w)
            {
                return Some((w.to_string(), skipped + end));
            }
        }
    }
    None
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// "/năm", " mỗi năm", " hằng năm" right after a unit.
fn per_after(rest: &str) -> Option<(String, usize)> {
    let r = rest.trim_start();
    let skipped = rest.len() - r.len();
    let (body, prefix_len) = if let Some(b) = r.strip_prefix('/') {
        (b.trim_start(), 1 + (b.len() - b.trim_start().len()))
    } else {
        let mut found = None;
        for p in ["mỗi ", "hằng ", "hàng ", "một "] {
            if let Some(n) = crate::text::prefix_len_ci(r, p) {
                found = Some((&r[n..], n));
                break;
            }
        }
        found?
    };
    for p in PERIODS.iter().rev() {
        if let Some(n) = crate::text::prefix_len_ci(body, p)
            && body[n..].chars().next().is_none_or(|c| !is_word_char(c))
        {
            return Some((body[..n].to_string(), skipped + prefix_len + n));
        }
    }
    None
}

/// Does the figure at `start..end` belong to a date, a time, a document number or a
/// numbered heading rather than a target?
fn figure_is_not_a_count(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = &text[end..];
    let prev_char = text[..start].chars().next_back();
    let next_char = after.chars().next();
    if matches!(prev_char, Some('/' | '.' | ':' | '-')) && !before.ends_with(" -")
        || prev_char.is_some_and(char::is_alphabetic)
    {
        return true;
    }
    if matches!(next_char, Some('/' | 'h' | 'H' | ':')) {
        // "30/6", "7h00", "5:" — a date, a time, a clause number
        return !after.starts_with("/năm")
            && !after.starts_with("/ năm")
            && !after.starts_with("/tháng")
            && !after.starts_with("/quý");
    }
    let prev_word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        prev_word.as_str(),
        "năm"
            | "ngày"
            | "tháng"
            | "quý"
            | "số"
            | "điều"
            | "khoản"
            | "điểm"
            | "mục"
            | "khóa"
            | "khoá"
            | "giai"
            | "lần"
            | "thứ"
            | "đoạn"
            | "phụ"
            | "lục"
            | "luật"
            | "kỳ"
    )
}

/// Targets in a text: ranges ("20-30 cuộc/năm", "từ 3 đến 5 buổi", "10 - 13%"), floors
/// ("ít nhất 04 tin, bài"), and single counts ("01 khu", "100%"). In `field` mode (the
/// value of a "Số lượng:" or "Thời lượng:" field) any figure with a unit counts.
pub fn targets(text: &str, field: bool) -> Vec<Target> {
    // Every target has a figure: most bullets have none and skip the patterns.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out: Vec<Target> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for c in RE_RANGE.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let (a, b) = (c.get(2).expect("a"), c.get(3).expect("b"));
        let after_b = &text[b.end()..];
        if figure_is_not_a_count(text, a.start(), a.end())
            || after_b.starts_with(['h', 'H', ':'])
            || after_b.starts_with('/') && per_after(after_b).is_none()
        {
            continue;
        }
        let (Some(min), Some(max)) = (parse_number(a.as_str()), parse_number(b.as_str())) else {
            continue;
        };
        // Year spans (2021-2025) and reversed ranges are periods, not targets.
        if min > max
            || (1900.0..2200.0).contains(&min)
                && (1900.0..2200.0).contains(&max)
                && a.as_str().len() == 4
        {
            continue;
        }
        let Some((unit, ulen)) = unit_after(&text[b.end()..], true) else {
            continue;
        };
        let mut end = b.end() + ulen;
        let per = per_after(&text[end..]).map(|(p, l)| {
            end += l;
            p
        });
        let start = c.get(1).map_or(a.start(), |m| m.start());
        let _ = whole;
        taken.push((start, end));
        out.push(Target {
            min: Some(min),
            max: Some(max),
            unit,
            per,
            text: text[start..end].trim().to_string(),
        });
    }
    for c in RE_SINGLE.captures_iter(text) {
        let n = c.get(2).expect("n");
        if taken.iter().any(|&(s, e)| n.start() < e && n.end() > s) {
            continue;
        }
        if figure_is_not_a_count(text, n.start(), n.end()) {
            continue;
        }
        let qualifier = c.get(1).map(|m| m.as_str().to_lowercase());
        let Some(value) = parse_number(n.as_str()) else {
            continue;
        };
        let leading_zero = n.as_str().len() >= 2 && n.as_str().starts_with('0');
        let Some((unit, ulen)) = unit_after(&text[n.end()..], field) else {
            continue;
        };
        let measure = MEASURES.iter().any(|m| *m == unit);
        if measure && !field && qualifier.is_none() {
            let mut end = n.end() + ulen;
            let per = per_after(&text[end..]).map(|(p, l)| {
                end += l;
                p
            });
            taken.push((n.start(), end));
            out.push(Target {
                min: Some(value),
                max: Some(value),
                unit,
                per,
                text: text[n.start()..end].trim().to_string(),
            });
            continue;
        }
        let known = || unit == "%" || is_count_unit(&unit);
        if !(field || qualifier.is_some() || leading_zero || unit == "%") || !field && !known() {
            continue;
        }
        if unit != "%" && !field && qualifier.is_none() && !leading_zero {
            continue;
        }
        let mut end = n.end() + ulen;
        let per = per_after(&text[end..]).map(|(p, l)| {
            end += l;
            p
        });
        let start = c.get(1).map_or(n.start(), |m| m.start());
        let (min, max) = match qualifier.as_deref() {
            Some("ít nhất" | "tối thiểu" | "trên" | "không dưới" | "đạt ít nhất") => {
                (Some(value), None)
            }
            Some("không quá" | "tối đa") => (None, Some(value)),
            _ => (Some(value), Some(value)),
        };
        taken.push((start, end));
        out.push(Target {
            min,
            max,
            unit,
            per,
            text: text[start..end].trim().to_string(),
        });
    }
    out.sort_by_key(|t| text.find(&t.text).unwrap_or(usize::MAX));
    out.dedup_by(|a, b| a.text == b.text && a.min == b.min);
    out
}

// ---------------------------------------------------------------- deadlines

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
    r"(?i)\b(?:trước|chậm nhất(?:\s+là)?|hạn chót|không muộn hơn|xong trước|hoàn thành trước)\s+(?:ngày\s+)?(\d{1,2})\s*(?:/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?|\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?)?"
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
/// Words that make a deadline a recurrence.
const RECURRENCE: &str = r"thường xuyên|liên tục|(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)|định kỳ|hằng năm";
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
    for c in RE_IN_YEAR.captures_iter(text) {
        let m = c.get(0).expect("m");
        if !found.free(m.range()) {
            continue;
        }
        let Ok(y) = c[1].parse::<i32>() else { continue };
        found.add(m.range(), year_deadline(m.as_str(), y, y));
    }
    if field {
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
fn recurrence_spans(text: &str) -> Vec<Range<usize>> {
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

// ---------------------------------------------------------------- money

re!(
    RE_MONEY,
    r"(?i)\b(\d+(?:[.,]\d+)*)\s*(nghìn tỷ|ngàn tỷ|tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND|đ)(?:[^\p{L}]|$)"
);

/// Money amounts in whole đồng: "285 tỷ đồng" = 285000000000, "5.373,4 triệu đồng" =
/// 5373400000, "1.234.567 đồng" = 1234567.
pub fn money_amounts(text: &str) -> Vec<i64> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in RE_MONEY.captures_iter(text) {
        let Some(v) = parse_number(&c[1]) else {
            continue;
        };
        let scale = match c.get(2).map(|m| m.as_str().to_lowercase()).as_deref() {
            Some("nghìn tỷ" | "ngàn tỷ") => 1e12,
            Some("tỷ" | "tỉ") => 1e9,
            Some("triệu") => 1e6,
            Some("nghìn" | "ngàn") => 1e3,
            _ => 1.0,
        };
        let amount = (v * scale).round();
        if amount.is_finite() && (0.0..9.0e18).contains(&amount) {
            out.push(amount as i64);
        }
    }
    out
}

// ---------------------------------------------------------------- document references

/// Kinds of administrative documents and their Nghị định 30/2020 codes, folded.
pub const KINDS: &[(&str, &str, &str)] = &[
    ("ke hoach", "Kế hoạch", "KH"),
    ("quyet dinh", "Quyết định", "QĐ"),
    ("bao cao", "Báo cáo", "BC"),
    ("thong bao", "Thông báo", "TB"),
    ("giay moi", "Giấy mời", "GM"),
    ("cong van", "Công văn", "CV"),
    ("to trinh", "Tờ trình", "TTr"),
    ("chi thi", "Chỉ thị", "CT"),
    ("nghi quyet", "Nghị quyết", "NQ"),
    ("nghi dinh", "Nghị định", "NĐ"),
    ("thong tu", "Thông tư", "TT"),
    ("chuong trinh", "Chương trình", "CTr"),
    ("huong dan", "Hướng dẫn", "HD"),
    ("de an", "Đề án", "ĐA"),
    ("cong dien", "Công điện", "CĐ"),
    ("ket luan", "Kết luận", "KL"),
    ("quy che", "Quy chế", "QC"),
    ("quy dinh", "Quy định", "QyĐ"),
    ("bien ban", "Biên bản", "BB"),
    ("van ban", "Văn bản", "CV"),
    ("luat", "Luật", ""),
];

/// The kind code for a kind named in folded text ("ke hoach" → "KH").
pub fn kind_code_for(folded_kind: &str) -> Option<&'static str> {
    KINDS
        .iter()
        .find(|(f, _, _)| *f == folded_kind)
        .map(|(_, _, c)| *c)
        .filter(|c| !c.is_empty())
}

/// The kind name for a code ("KH" → "Kế hoạch").
pub fn kind_name_for(code: &str) -> Option<&'static str> {
    let code = code.to_uppercase();
    KINDS
        .iter()
        .find(|(_, _, c)| c.to_uppercase() == code && !c.is_empty())
        .map(|(_, n, _)| *n)
}

/// The kind code that opens a symbol: "KH-UBND" → "KH", "2025/NĐ-CP" → "NĐ", "NQ/TW" → "NQ".
pub fn kind_code_of_symbol(symbol: &str) -> Option<&'static str> {
    for part in symbol.split(['/', '-']) {
        if part.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        return KINDS
            .iter()
            .find(|(_, _, c)| {
                !c.is_empty() && c.eq_ignore_ascii_case(part) || (*c == "QĐ" && part == "QD")
            })
            .map(|(_, _, c)| *c);
    }
    None
}

re!(
    RE_DOC_ID,
    r"\b(\d{1,6})\s*([/-])\s*((?:\d{4}/)?[\p{Lu}Đ][\p{Lu}\p{Ll}Đđ0-9]*(?:[-/][\p{Lu}Đ\p{Ll}đ0-9]+)*)"
);
/// The kinds a reference names before its number ("Kế hoạch số 102/KH-UBND").
const KIND_WORDS: &str = "kế hoạch|quyết định|báo cáo|thông báo|giấy mời|công văn|tờ trình|\
                          chỉ thị|nghị quyết|nghị định|thông tư|chương trình|hướng dẫn|đề án|\
                          công điện|kết luận|quy chế|quy định|văn bản";
// A kind, or "Luật" and the law's name, just before the number. The name is at most 80
// letters, spaces or commas (see `law_name_fits`): written as `{2,80}` here, the pattern
// would hold 80 copies of a Unicode class, too large for the regex engine's fast DFA.
re!(
    RE_KIND_BEFORE_LOOSE,
    format!(r"(?i)(?:{KIND_WORDS}|luật(?:\s+[\p{{L}}\s,]{{2,}}?)?)\s*(?:số)?\s*(?:số)?\s*$")
);
// The kind word alone, read where a match of the pattern above starts.
re!(RE_KIND_AT, format!("(?i)^(?:{KIND_WORDS}|luật)"));
re!(RE_NAME_CHARS, r"^[\p{L}\s,]*$");

re!(
    RE_AFTER_DATE,
    r"(?i)^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
);
re!(
    RE_ISSUER_END,
    r"(?i)\s+(?:về\s|phê duyệt|ban hành|quy định|hướng dẫn|triển khai|thực hiện|giao\s|sửa đổi|tiếp tục|tăng cường|đến năm|và\s+(?:các|những|văn|kế|quyết|nghị|chỉ|thông|đề|chương|luật)|thi hành|chỉ đạo|kết luận|tại\s+(?:tờ|văn|công)|để\s)|[,;:.(\n]"
);

/// Document references in a clause: "Kế hoạch số 102/KH-UBND ngày 01/4/2022 của UBND
/// thành phố Hà Nội" → KH, "102", "KH-UBND", 2022-04-01, "UBND thành phố Hà Nội".
pub fn doc_refs(text: &str) -> Vec<DocRef> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in RE_DOC_ID.captures_iter(text) {
        let whole = c.get(0).expect("m");
        let symbol = c[3].trim_end_matches(['.', ',', ';', ')']).to_string();
        // A symbol names a body in capitals ("KH-UBND", "NQ/TW", "QH15"): plain words are not.
        if !symbol.chars().any(|ch| ch.is_uppercase())
            || symbol.chars().filter(|ch| ch.is_lowercase()).count() > symbol.len() / 2 + 2
        {
            continue;
        }
        let number = c[1].to_string();
        let before = &text[..whole.start()];
        let kind = kind_before(before);
        let kind_code = kind
            .as_deref()
            .and_then(|k| {
                if k.starts_with("luat") {
                    None
                } else {
                    kind_code_for(k)
                }
            })
            .map(str::to_string)
            .or_else(|| kind_code_of_symbol(&symbol).map(str::to_string));
        let after = &text[whole.end()..];
        let (date, rest) = match RE_AFTER_DATE.captures(after) {
            Some(d) => (
                first_date(&format!("ngày {}", &d[1])),
                &after[d.get(0).expect("m").end()..],
            ),
            None => (None, after),
        };
        let issuer = issuer_after(rest);
        out.push(DocRef {
            kind_code,
            number: Some(number),
            symbol: Some(symbol),
            date,
            issuer,
        });
    }
    // Laws are cited by name and date without a number: "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025".
    out
}

/// The kind a reference names just before its number, folded ("ke hoach", "luat"): the
/// first place from which `before` reads as a kind word, or "Luật" and a law's name of
/// at most 80 characters, then "số" and spaces.
fn kind_before(before: &str) -> Option<String> {
    let mut from = 0;
    loop {
        let start = RE_KIND_BEFORE_LOOSE.find_at(before, from)?.start();
        let tail = &before[start..];
        let word = RE_KIND_AT.find(tail).map_or(tail, |w| w.as_str());
        let kind = fold(
            &word
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" "),
        );
        if kind != "luat" || law_name_fits(&tail[word.len()..]) {
            return Some(kind);
        }
        // A longer name: the kind is named further on, if at all.
        from = start + word.chars().next().map_or(1, char::len_utf8);
    }
}

/// Does `rest`, the text after "Luật", match `(?:\s+[\p{L}\s,]{2,80})?`, then
/// `\s*(?:số)?\s*(?:số)?\s*` (case-insensitive) to its end?
fn law_name_fits(rest: &str) -> bool {
    let chars: Vec<char> = rest.chars().collect();
    if so_suffixes(&chars).any(|y| y == chars.len()) {
        return true;
    }
    // A space, then the name (with more spaces before it, perhaps) and the "số" part.
    let Some(first) = chars.first().filter(|c| c.is_whitespace()) else {
        return false;
    };
    if !RE_NAME_CHARS.is_match(&rest[first.len_utf8()..]) {
        return false;
    }
    let after_space = &chars[1..];
    let leading = after_space.iter().take_while(|c| c.is_whitespace()).count();
    // The name is what the leading spaces and a "số" suffix leave: 2 to 80 characters.
    so_suffixes(after_space).any(|y| {
        let left = after_space.len() - y;
        (2..=80 + leading).contains(&left)
    })
}

/// The lengths of the endings of `chars` that match `(?i)\s*(?:số)?\s*(?:số)?\s*`.
fn so_suffixes(chars: &[char]) -> impl Iterator<Item = usize> + '_ {
    let is_so = |s: char, o: char| matches!(s, 's' | 'S' | 'ſ') && matches!(o, 'ố' | 'Ố');
    let mut lens = Vec::new();
    let mut start = chars.len();
    for round in 0..3 {
        lens.push(chars.len() - start);
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
            lens.push(chars.len() - start);
        }
        if round == 2 || start < 2 || !is_so(chars[start - 2], chars[start - 1]) {
            break;
        }
        start -= 2;
    }
    lens.into_iter()
}

/// "của UBND thành phố Hà Nội về việc ..." → "UBND thành phố Hà Nội".
fn issuer_after(rest: &str) -> Option<String> {
    let r = rest.trim_start();
    let body = &r[crate::text::prefix_len_ci(r, "của ")?..];
    let end = RE_ISSUER_END.find(body).map_or(body.len(), |m| m.start());
    let issuer = squash_spaces(&body[..end]);
    let words = issuer.split_whitespace().count();
    if words == 0 || words > 14 {
        return None;
    }
    Some(issuer)
}

// ---------------------------------------------------------------- units

/// Splits a list of units on commas and semicolons, never inside parentheses, and on
/// " và " only before a new unit ("Sở Nội vụ và Sở Tài chính", not "Sở Văn hóa và Thể thao").
pub fn split_units(list: &str) -> Vec<String> {
    // An empty cell or field is common and gives nothing.
    if list.trim().is_empty() {
        return Vec::new();
    }
    // The pieces between separators, and the separator after each.
    let mut parts: Vec<(&str, char)> = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, ch) in list.char_indices() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' | '\n' if depth <= 0 => {
                parts.push((&list[start..i], ch));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push((&list[start..], ','));
    // "Các sở, ngành" and "UBND xã, phường" share their head noun: a lowercase piece after
    // a comma still belongs to the unit before it.
    let mut joined: Vec<String> = Vec::new();
    let mut prev_sep = ';';
    for (p, sep) in parts {
        let head = p.trim_start();
        let determiner = ["các ", "những ", "mọi ", "toàn "]
            .iter()
            .any(|d| head.starts_with(d));
        let lower_start = head.chars().next().is_some_and(char::is_lowercase) && !determiner;
        // "Sở Văn hóa, Thể thao và Du lịch": the last part of a name that lists fields.
        let name_tail = head.chars().next().is_some_and(char::is_uppercase)
            && !is_unit_start(head)
            && head.contains(" và ")
            && joined.last().is_some_and(|l| is_unit_start(l.trim_start()));
        match joined.last_mut() {
            Some(last)
                if (lower_start || name_tail) && prev_sep == ',' && !head.starts_with("và ") =>
            {
                last.push(',');
                last.push_str(p);
            }
            _ => joined.push(p.to_string()),
        }
        prev_sep = sep;
    }
    let mut out = Vec::new();
    for p in joined {
        for q in split_on_va(&p) {
            let u = clean_unit(&q);
            if !u.is_empty() && !out.contains(&u) {
                out.push(u);
            }
        }
    }
    out
}

fn split_on_va(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(pos) = rest.find(" và ") {
        let next = rest[pos + " và ".len()..].trim_start();
        if is_unit_start(next) || next.starts_with("các ") || next.starts_with("những ") {
            out.push(rest[..pos].to_string());
            rest = &rest[pos + " và ".len()..];
        } else {
            // Keep scanning after this " và " but inside the same unit.
            let (head, tail) = rest.split_at(pos + " và ".len());
            match split_on_va(tail).split_first() {
                Some((first, others)) => {
                    out.push(format!("{head}{first}"));
                    out.extend(others.iter().cloned());
                }
                None => out.push(head.to_string()),
            }
            return out;
        }
    }
    out.push(rest.to_string());
    out
}

const UNIT_WORDS: &[&str] = &[
    "so",
    "phong",
    "ban",
    "van phong",
    "uy ban",
    "ubnd",
    "bo",
    "cuc",
    "chi cuc",
    "trung tam",
    "bao tang",
    "truong",
    "dai",
    "bao",
    "hoi",
    "tap chi",
    "cong an",
    "bo chi huy",
    "kho bac",
    "thanh tra",
    "vien",
    "benh vien",
    "tong cuc",
    "doan",
    "mat tran",
    "lien doan",
    "hdnd",
    "cong ty",
    "tong cong ty",
    "ngan hang",
    "unesco",
    "thanh uy",
    "tinh uy",
    "dang uy",
    "quan uy",
    "huyen uy",
    "trung tam",
    "hoc vien",
    "dai hoc",
    "nha hat",
    "thu vien",
    "ttxvn",
    "vp",
    "chanh van phong",
    "giam doc",
    "cac",
    "lanh dao",
    "to",
    "nhom",
    "hiep hoi",
    "quy",
    "bql",
    "ban quan ly",
];

/// Does the text begin like the name of a unit ("Sở ...", "Phòng ...", "UBND ...")?
pub fn is_unit_start(s: &str) -> bool {
    let first = s.trim_start().chars().next();
    if !first.is_some_and(char::is_uppercase) {
        return false;
    }
    let f = crate::text::fold_head(s, 24);
    UNIT_WORDS
        .iter()
        .any(|w| crate::text::starts_with_word(&f, w))
}

/// Trims list debris from a unit name: bullets, "các đơn vị liên quan" stays as written.
pub fn clean_unit(s: &str) -> String {
    let mut t = s.trim().trim_start_matches(['-', '+', '•', '–']).trim();
    // A unit name ends where the sentence's verb begins.
    if let Some(m) = RE_UNIT_NAME_END.find_iter(t).find(|m| m.start() > 0) {
        t = &t[..m.start()];
    }
    let t = t.trim_end_matches(['.', ';', ',', ':']).trim();
    let t = t.strip_prefix("và ").unwrap_or(t);
    squash_spaces(t)
}

// All of UNIT_NAME_ENDS in one pattern (the regex engine searches literals together).
static RE_UNIT_NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    let alternation: Vec<String> = UNIT_NAME_ENDS.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&alternation.join("|")).expect("valid regex")
});

/// Lowercase words that end a unit's name inside a sentence.
const UNIT_NAME_ENDS: &[&str] = &[
    " chủ trì",
    " chủ động",
    " trong phạm vi",
    " theo chức năng",
    " có trách nhiệm",
    " thực hiện",
    " triển khai",
    " tổ chức thực hiện",
    " căn cứ",
    " để ",
    " nhằm ",
    " tham mưu",
    " phối hợp",
    " hướng dẫn",
    " xây dựng",
    " theo dõi",
    " báo cáo",
    " được giao",
    " (nếu có)",
    " thúc đẩy",
    " đôn đốc",
    " kiểm tra",
    " giám sát",
    " tổng hợp",
    " đánh giá",
    " rà soát",
    " chịu trách nhiệm",
    " làm đầu mối",
    " là cơ quan",
    " hoàn thành",
    " đăng ",
    " phát sóng",
    " bố trí",
    " cung cấp",
    " tiếp tục",
    " đề xuất",
    " ban hành",
];

/// Labels that introduce unit lists inside an item: (folded label, is lead).
pub const UNIT_LABELS: &[(&str, bool)] = &[
    ("don vi thuc hien", true),
    ("don vi chu tri", true),
    ("co quan chu tri", true),
    ("co quan thuc hien", true),
    ("co quan, don vi chu tri", true),
    ("don vi chu tri thuc hien", true),
    ("chu tri thuc hien", true),
    ("chu tri", true),
    ("don vi phoi hop", false),
    ("co quan phoi hop", false),
    ("co quan, don vi phoi hop", false),
    ("don vi phoi hop thuc hien", false),
    ("phoi hop thuc hien", false),
    ("phoi hop", false),
];

re!(
    RE_INLINE_LEAD,
    r"([^.;:()\n]{2,160}?)\s+(?:làm\s+)?chủ trì(?:\s*,\s*|\s+)(?:(?:và\s+)?phối hợp\s+(?:với|cùng)\s+([^.;()\n]{2,300}?))?(?:\s+(?:tổ chức|triển khai|thực hiện|xây dựng|tham mưu|hướng dẫn|rà soát|kiểm tra|đề xuất|báo cáo|theo dõi|nghiên cứu|tuyên truyền|cập nhật|đôn đốc|phát triển|trình|ban hành|tổng hợp|đánh giá|chỉ đạo|để|nhằm|trong|đảm bảo|bảo đảm|hoàn thành)(?:\s|$)|[.;)\n]|$)"
);

/// "X chủ trì, phối hợp với Y, Z thực hiện" → lead [X], coordinating [Y, Z].
pub fn inline_units(text: &str) -> (Vec<String>, Vec<String>) {
    let mut lead = Vec::new();
    let mut coord = Vec::new();
    // The pattern may start anywhere, so it only runs on the clause around each "chủ trì".
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for (pos, _) in text.match_indices("chủ trì") {
        let floor = text.floor_char_boundary(pos.saturating_sub(170));
        let start = text[floor..pos]
            .rfind(['.', ';', ':', '(', ')', '\n'])
            .map_or(floor, |i| floor + i + 1);
        let end = text.ceil_char_boundary((pos + 420).min(text.len()));
        match windows.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => windows.push((start, end)),
        }
    }
    for c in windows
        .iter()
        .flat_map(|&(a, b)| RE_INLINE_LEAD.captures_iter(&text[a..b]))
    {
        let raw = c[1].trim();
        // Keep only the unit: cut at a preceding verb like "Giao" or "Đề nghị".
        let cut = [
            "Giao ",
            "giao ",
            "Đề nghị ",
            "đề nghị ",
            "Yêu cầu ",
            "yêu cầu ",
            "do ",
            "Do ",
        ]
        .iter()
        .filter_map(|w| raw.rfind(w).map(|p| p + w.len()))
        .max()
        .unwrap_or(0);
        let candidate = raw[cut..].trim().trim_start_matches(['-', '+', '•']).trim();
        let candidate = candidate
            .rsplit(", ")
            .next()
            .filter(|_| !is_unit_start(candidate))
            .unwrap_or(candidate);
        if !is_unit_start(candidate) || candidate.split_whitespace().count() > 16 {
            continue;
        }
        let f = fold(candidate);
        if f.ends_with(" co quan") || f.ends_with(" don vi") {
            continue;
        }
        for u in split_units(candidate) {
            if !lead.contains(&u) {
                lead.push(u);
            }
        }
        if let Some(y) = c.get(2) {
            for u in split_units(y.as_str()) {
                if !coord.contains(&u) && !lead.contains(&u) {
                    coord.push(u);
                }
            }
        }
    }
    (lead, coord)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    type Key = (Option<f64>, Option<f64>, String, Option<String>);

    fn t(min: Option<f64>, max: Option<f64>, unit: &str, per: Option<&str>) -> Key {
        (min, max, unit.to_string(), per.map(str::to_string))
    }
    fn key(ts: &[Target]) -> Vec<Key> {
        ts.iter()
            .map(|x| (x.min, x.max, x.unit.clone(), x.per.clone()))
            .collect()
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("02"), Some(2.0));
        assert_eq!(parse_number("1.234.567"), Some(1234567.0));
        assert_eq!(parse_number("2.989,5"), Some(2989.5));
        assert_eq!(parse_number("1,5"), Some(1.5));
        assert_eq!(parse_number("33,59"), Some(33.59));
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn range_targets() {
        assert_eq!(
            key(&targets("khu vực Đông Nam Á (20-30 cuộc/năm)", false)),
            vec![t(Some(20.0), Some(30.0), "cuộc", Some("năm"))]
        );
        assert_eq!(
            key(&targets(
                "Xây dựng clip (02-03 clip theo chủ đề diễn đàn)",
                false
            )),
            vec![t(Some(2.0), Some(3.0), "clip", None)]
        );
        assert_eq!(
            key(&targets("Số lượng trang: 30- 40 trang trong các số", false)),
            vec![t(Some(30.0), Some(40.0), "trang", None)]
        );
        assert_eq!(
            key(&targets("Thời lượng: 12-15 phút", false)),
            vec![t(Some(12.0), Some(15.0), "phút", None)]
        );
        assert_eq!(
            key(&targets("tổ chức từ 3 đến 5 buổi", false)),
            vec![t(Some(3.0), Some(5.0), "buổi", None)]
        );
        assert_eq!(
            key(&targets("tăng bình quân 10 - 13%/năm", false)),
            vec![t(Some(10.0), Some(13.0), "%", Some("năm"))]
        );
        assert_eq!(
            key(&targets("đạt 05 - 06%/năm", false)),
            vec![t(Some(5.0), Some(6.0), "%", Some("năm"))]
        );
        assert_eq!(targets("(03-05 cuộc)", false)[0].text, "03-05 cuộc");
    }

    #[test]
    fn single_and_floor_targets() {
        assert_eq!(
            key(&targets("xây dựng 01 khu trưng bày", false)),
            vec![t(Some(1.0), Some(1.0), "khu", None)]
        );
        assert_eq!(
            key(&targets("đạt 100% cơ quan", false)),
            vec![t(Some(100.0), Some(100.0), "%", None)]
        );
        assert_eq!(
            key(&targets("đăng ít nhất 04 tin, bài mỗi tháng", false)),
            vec![t(Some(4.0), None, "tin, bài", Some("tháng"))]
        );
        assert_eq!(
            key(&targets("sản lượng 2.989,5 MW", true)),
            vec![t(Some(2989.5), Some(2989.5), "MW", None)]
        );
    }

    #[test]
    fn not_targets() {
        assert!(targets("giai đoạn 2021-2025", false).is_empty());
        assert!(targets("(06/01/1946 - 06/01/2026)", false).is_empty());
        assert!(targets("từ 7h00 - 7h15", false).is_empty());
        assert!(targets("ngày 16/12/2024 của Sở", false).is_empty());
        assert!(targets("Kế hoạch số 102/KH-UBND năm 2025", false).is_empty());
        assert!(targets("(01 - 08/6)", false).is_empty());
        assert!(targets("1.2. Đơn vị thực hiện", false).is_empty());
    }

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    /// 20,000 texts of up to `max_pieces - 1` pieces, the same for a seed (xorshift).
    fn generated_texts(pieces: &[&str], max_pieces: u64, seed: u64) -> Vec<String> {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..20_000)
            .map(|_| {
                let len = next() % max_pieces;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn recurrence_spans_are_the_patterns_matches() {
        let whole = Regex::new(&format!(r"(?i)(?-u:\b)(?:{RECURRENCE})")).expect("valid regex");
        let pieces = [
            "thường xuyên",
            "THƯỜNG XUYÊN",
            "Thường Xuyên",
            "liên tục",
            "LiÊn TụC",
            "định kỳ",
            "Định Kỳ",
            "hằng",
            "Hàng",
            "HẰNG",
            " năm",
            " quý",
            "  tháng",
            " tuần",
            "ngày",
            " ",
            "\n",
            "a",
            "x",
            "xuy",
            "tục",
            "kỳ",
            "\u{212A}ỳ",
            "_",
            "1",
            ".",
            "ườ",
            "Đ",
            "định ",
            "ĐỊNH ",
            "HÀNG",
        ];
        for text in generated_texts(&pieces, 16, 0x9E37_79B9_7F4A_7C15) {
            let expected: Vec<_> = whole.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(recurrence_spans(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn recurrence_in_any_case() {
        for t in [
            "Báo cáo định kỳ hằng quý",
            "Thực hiện THƯỜNG XUYÊN.",
            "tổ chức Hàng Năm",
            "Năm 2025 rà soát LiÊn TụC.",
        ] {
            let d = deadlines(t, false, None);
            assert!(d.iter().any(|d| d.recurrence.is_some()), "{t}: {d:?}");
        }
    }

    #[test]
    fn deadline_phrases() {
        let x = deadlines("hoàn thành trước ngày 30/6/2025", false, None);
        assert_eq!((x[0].due, x[0].start), (d("2025-06-30"), None));
        let x = deadlines("Quý II/2025", false, None);
        assert_eq!((x[0].start, x[0].due), (d("2025-04-01"), d("2025-06-30")));
        let x = deadlines("Quý IV/2025 - Quý II/2026", false, None);
        assert_eq!(x.len(), 1);
        assert_eq!((x[0].start, x[0].due), (d("2025-10-01"), d("2026-06-30")));
        let x = deadlines("trong tháng 11/2025", false, None);
        assert_eq!((x[0].start, x[0].due), (d("2025-11-01"), d("2025-11-30")));
        let x = deadlines("năm 2025", true, None);
        assert_eq!((x[0].start, x[0].due), (d("2025-01-01"), d("2025-12-31")));
        let x = deadlines("quý I năm 2026", false, None);
        assert_eq!(x[0].due, d("2026-03-31"));
        let x = deadlines("Báo cáo hằng tháng", false, None);
        assert_eq!(x[0].recurrence.as_deref(), Some("hằng tháng"));
        let x = deadlines("Thường xuyên", true, None);
        assert_eq!(x[0].recurrence.as_deref(), Some("thường xuyên"));
        let x = deadlines("Trước ngày 24/8", false, Some(2026));
        assert_eq!(x[0].due, d("2026-08-24"));
        let x = deadlines("trước ngày 15", false, None);
        assert_eq!((x.len(), x[0].due), (1, None));
        let x = deadlines("Xong trong Quý II/2026", true, None);
        assert_eq!(x.len(), 1);
    }

    #[test]
    fn free_text_ignores_reference_dates_and_adverbs() {
        assert!(deadlines("Luật ngày 16 tháng 6 năm 2025 của Quốc hội", false, None).is_empty());
        assert!(
            deadlines(
                "phối hợp chặt chẽ, thường xuyên giữa các cơ quan",
                false,
                None
            )
            .is_empty()
        );
        assert!(
            deadlines("trước 15h00 ngày 15/6/2026", false, None)
                .iter()
                .all(|x| x.text != "trước 15")
        );
    }

    #[test]
    fn money() {
        assert_eq!(
            money_amounts("tổng kinh phí 285 tỷ đồng"),
            vec![285_000_000_000]
        );
        assert_eq!(money_amounts("7.080 tỷ đồng"), vec![7_080_000_000_000]);
        assert_eq!(money_amounts("5.373,4 triệu đồng"), vec![5_373_400_000]);
        assert_eq!(
            money_amounts("80 triệu đồng và 1.234.567 đồng"),
            vec![80_000_000, 1_234_567]
        );
    }

    /// `kind_before` as the single pattern it stands for (slow: see `law_name_fits`).
    fn kind_before_by_pattern(before: &str) -> Option<String> {
        static EXACT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"(?i)({KIND_WORDS}|luật(?:\s+[\p{{L}}\s,]{{2,80}}?)?)\s*(?:số)?\s*(?:số)?\s*$"
            ))
            .expect("valid regex")
        });
        let k = EXACT.captures(before)?;
        let words: Vec<&str> = k[1].split_whitespace().take(2).collect();
        let kind = fold(&words.join(" "));
        // Only whether a law is named counts, not the law's name.
        Some(if kind.starts_with("luat") {
            "luat".into()
        } else {
            kind
        })
    }

    #[test]
    fn kind_before_reads_as_its_pattern() {
        let pieces = [
            "Luật",
            "luật",
            "LUẬT",
            " số",
            "Số",
            " SỐ",
            "ſố",
            "số",
            " ",
            "  ",
            "\u{A0}",
            ",",
            "Kế hoạch",
            "Quyết định",
            "Đất đai",
            " tổ chức",
            "a",
            "12",
            ";",
            "ố",
            "s",
            "\t",
            " chính quyền địa phương và",
            "\u{301}",
        ];
        for text in generated_texts(&pieces, 24, 0x2545_F491_4F6C_DD1D) {
            assert_eq!(
                kind_before(&text),
                kind_before_by_pattern(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn kind_before_a_number_and_laws_names() {
        assert_eq!(
            kind_before("Căn cứ Quyết định số "),
            Some("quyet dinh".into())
        );
        // A law's name of up to 80 letters runs up to the number...
        assert_eq!(
            kind_before("Căn cứ Luật Đầu tư công, Quyết định số "),
            Some("luat".into())
        );
        // ... but no further.
        let long = format!("Căn cứ Luật {}Quyết định số ", "tổ chức ".repeat(12));
        assert_eq!(kind_before(&long), Some("quyet dinh".into()));
        assert_eq!(kind_before("Căn cứ ngày 5 tháng 6 "), None);
    }

    #[test]
    fn references() {
        let r = doc_refs(
            "Thực hiện Kế hoạch số 102/KH-UBND ngày 01/4/2022 của UBND thành phố Hà Nội về việc thực hiện",
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind_code.as_deref(), Some("KH"));
        assert_eq!(r[0].number.as_deref(), Some("102"));
        assert_eq!(r[0].symbol.as_deref(), Some("KH-UBND"));
        assert_eq!(r[0].date, d("2022-04-01"));
        assert_eq!(r[0].issuer.as_deref(), Some("UBND thành phố Hà Nội"));
        let r =
            doc_refs("Căn cứ Nghị định số 200/2025/NĐ-CP ngày 09/7/2025 của Chính phủ quy định");
        assert_eq!(
            (r[0].kind_code.as_deref(), r[0].symbol.as_deref()),
            (Some("NĐ"), Some("2025/NĐ-CP"))
        );
        assert_eq!(r[0].issuer.as_deref(), Some("Chính phủ"));
        let r = doc_refs("Nghị quyết số 35-NQ/TU ngày 29/12/2025 của Tỉnh ủy Lào Cai");
        assert_eq!(
            (
                r[0].number.as_deref(),
                r[0].symbol.as_deref(),
                r[0].kind_code.as_deref()
            ),
            (Some("35"), Some("NQ/TU"), Some("NQ"))
        );
    }

    #[test]
    fn unit_lists() {
        assert_eq!(
            split_units("Bảo tàng Hà Nội, Văn phòng Sở."),
            vec!["Bảo tàng Hà Nội", "Văn phòng Sở"]
        );
        assert_eq!(
            split_units(
                "Phòng Quản lý Di sản văn hóa, Tạp chí Kiến trúc (Hội Kiến trúc sư Việt Nam, chi hội)"
            ),
            vec![
                "Phòng Quản lý Di sản văn hóa",
                "Tạp chí Kiến trúc (Hội Kiến trúc sư Việt Nam, chi hội)"
            ]
        );
        assert_eq!(
            split_units("Sở Văn hóa và Thể thao; Sở Nội vụ và Sở Tài chính"),
            vec!["Sở Văn hóa và Thể thao", "Sở Nội vụ", "Sở Tài chính"]
        );
        assert_eq!(
            split_units("Sở Văn hóa, Thể thao và Du lịch, Sở Tài chính"),
            vec!["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính"]
        );
        assert_eq!(
            split_units("Các sở, ngành, UBND xã, phường, đặc khu"),
            vec!["Các sở, ngành", "UBND xã, phường, đặc khu"]
        );
        let (l, c) = inline_units(
            "Giao Sở Công Thương chủ trì, phối hợp với Sở Tài chính, UBND các xã triển khai thực hiện.",
        );
        assert_eq!(l, vec!["Sở Công Thương"]);
        assert_eq!(c, vec!["Sở Tài chính", "UBND các xã"]);
        let (l, _) = inline_units("xác định rõ cơ quan chủ trì, thời hạn xử lý");
        assert!(l.is_empty());
    }

    #[test]
    fn places_and_dates() {
        let (p, dt, y) = place_and_date("Hà Nội, ngày 01 tháng 4 năm 2022").unwrap();
        assert_eq!((p.as_str(), dt, y), ("Hà Nội", d("2022-04-01"), Some(2022)));
        let (p, dt, y) = place_and_date("Lào Cai, ngày       tháng 4 năm 2026").unwrap();
        assert_eq!((p.as_str(), dt, y), ("Lào Cai", None, Some(2026)));
    }
}

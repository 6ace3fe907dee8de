//! Targets: counted figures with their units ("01 khu trưng bày", "từ 3 đến 5 buổi").

use super::numbers::parse_number;
use crate::model::Target;
use std::sync::LazyLock;

/// Words that count things and so make a bare figure a target ("01 khu", "02 bài").
const COUNT_UNITS: &[&str] = &[
    "Mbit/s",
    "Gbit/s",
    "Mbps",
    "km²",
    "m²",
    "m³",
    "m2",
    "m3",
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
    "m²",
    "m³",
    "km²",
    "Mbit/s",
    "Gbit/s",
    "Mbps",
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
    r"(?i)(?:\b(từ)\s+)?(\d+(?:[.,]\d+)*)\s*(%)?\s*(?:-|–|—|đến|tới)\s*(\d+(?:[.,]\d+)*)\s*(%|[\p{L}][\p{L}\p{M}]*)?"
);
re!(
    RE_SINGLE,
    r"(?i)(?:(ít nhất|tối thiểu|trên|không dưới|không quá|tối đa|đạt|đạt ít nhất|phấn đấu đạt)\s+|(≥|>=|≤|<=|>|<)\s*)?\b(\d+(?:[.,]\d+)*)\s*(%|[\p{L}][\p{L}\p{M}]*)"
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
    // "500ha" is an area; "7h", "7h30" a time.
    let glued_word = matches!(next_char, Some('h' | 'H'))
        && after[1..].chars().next().is_some_and(char::is_alphabetic);
    if matches!(next_char, Some('/' | 'h' | 'H' | ':')) && !glued_word {
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

/// "≥ 30%" is a floor, "≤ 5%" a cap, like the words that say so.
fn symbol_qualifier(q: &str) -> String {
    match q {
        "≥" | ">=" | ">" => "ít nhất".into(),
        "≤" | "<=" | "<" => "tối đa".into(),
        words => words.into(),
    }
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
        let (a, b) = (c.get(2).expect("a"), c.get(4).expect("b"));
        // "85%-90%": a percentage on the first figure is the range's unit.
        let first_percent = c.get(3).is_some();
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
        if first_percent && unit != "%" {
            continue;
        }
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
        let n = c.get(3).expect("n");
        if taken.iter().any(|&(s, e)| n.start() < e && n.end() > s) {
            continue;
        }
        if figure_is_not_a_count(text, n.start(), n.end()) {
            continue;
        }
        let qualifier = c
            .get(1)
            .or(c.get(2))
            .map(|m| symbol_qualifier(&m.as_str().to_lowercase()));
        let Some(value) = parse_number(n.as_str()) else {
            continue;
        };
        let leading_zero = n.as_str().len() >= 2 && n.as_str().starts_with('0');
        // Thousands ("3.000 lượt") are counted, as are figures written with a leading
        // zero, after a qualifier or before "/năm": their noun need not be a known one.
        let thousands = n.as_str().contains('.') && !n.as_str().contains(',');
        let after_n = &text[n.end()..];
        let free = field
            || leading_zero
            || qualifier.is_some()
            || unit_after(after_n, true).is_some_and(|(_, l)| per_after(&after_n[l..]).is_some());
        let Some((unit, ulen)) = unit_after(after_n, free) else {
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
        let mut end = n.end() + ulen;
        let per = per_after(&text[end..]).map(|(p, l)| {
            end += l;
            p
        });
        let counted = field
            || qualifier.is_some()
            || leading_zero
            || unit == "%"
            || per.is_some()
            || thousands && known();
        if !counted || !free && !known() {
            continue;
        }
        // "từ 98% trở lên": a floor; "… trở xuống": a cap.
        let mut qualifier = qualifier;
        if let Some(k) = crate::text::prefix_len_ci(text[end..].trim_start(), "trở lên") {
            end += text[end..].len() - text[end..].trim_start().len() + k;
            qualifier = Some("ít nhất".into());
        } else if let Some(k) = crate::text::prefix_len_ci(text[end..].trim_start(), "trở xuống")
        {
            end += text[end..].len() - text[end..].trim_start().len() + k;
            qualifier = Some("tối đa".into());
        }
        let start = c.get(1).or(c.get(2)).map_or(n.start(), |m| m.start());
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

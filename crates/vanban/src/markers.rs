//! What a line opens with: a numbering marker ("II.", "1.1.", "a)", "-") or a
//! document kind in capitals ("KẾ HOẠCH"). Shared by [`crate::lines`], which joins
//! wrapped lines by them, and [`crate::parse`], which builds the tree from them.

use crate::phrases::KINDS;
use crate::text::{fold_head, fold_tail, starts_with_word, upper_ratio};

/// The numbering styles of Vietnamese administrative text, from the outermost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// "PHẦN I", "Phần thứ nhất".
    Part,
    Article,
    UpperLetter,
    Roman,
    Decimal(u8),
    LowerLetter,
    Ordinal,
    ParenRoman,
    ParenNumber,
    Dash,
    Plus,
    Bullet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// As written: "II.", "1.1.", "a)", "-".
    pub text: String,
}

const ROMANS: &[&str] = &[
    "XX", "XIX", "XVIII", "XVII", "XVI", "XV", "XIV", "XIII", "XII", "XI", "X", "IX", "VIII",
    "VII", "VI", "V", "IV", "III", "II", "I",
];
const VI_LETTERS: &str = "abcdđeghiklmnopqrstuvxy";
const ORDINALS: &[&str] = &[
    "mot la", "hai la", "ba la", "bon la", "nam la", "sau la", "bay la", "tam la", "chin la",
    "muoi la",
];

/// Splits a numbering marker off the start of a line.
pub fn split_marker(t: &str) -> Option<(Marker, &str)> {
    marker_parts(t).map(|((style, text), rest)| {
        let text = text.to_string();
        (Marker { style, text }, rest)
    })
}

/// [`split_marker`] with the marker as written borrowed, not copied: most callers only
/// want its style, and it is asked of every line.
pub(crate) fn marker_parts(t: &str) -> Option<((Style, &str), &str)> {
    fn mk(style: Style, text: &str) -> (Style, &str) {
        (style, text)
    }
    let t = t.trim_start();
    let first = t.chars().next()?;
    // Bullets.
    if matches!(
        first,
        '-' | '–' | '—' | '•' | '·' | '●' | '\u{F0A7}' | '\u{F0B7}' | '+' | '*' | '∗'
    ) {
        let rest = &t[first.len_utf8()..];
        if rest.starts_with(['-', '–', '—']) {
            return None;
        }
        let style = match first {
            '+' => Style::Plus,
            '-' | '–' | '—' => Style::Dash,
            _ => Style::Bullet,
        };
        if first == '*' && !rest.starts_with(' ') {
            return None;
        }
        let marker_text = if matches!(first, '–' | '—') {
            "-"
        } else {
            &t[..first.len_utf8()]
        };
        return Some(((style, marker_text), rest.trim_start()));
    }
    if first == '(' {
        let close = t.find(')')?;
        let inner = &t[1..close];
        let rest = t[close + 1..].trim_start();
        if inner.is_empty() || inner.len() > 4 {
            return None;
        }
        if ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].contains(&inner) {
            return Some((mk(Style::ParenRoman, &t[..=close]), rest));
        }
        if inner.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() && !rest.starts_with('|') {
            return Some((mk(Style::ParenNumber, &t[..=close]), rest));
        }
        return None;
    }
    // Only "Điều", "Phần" and "Một là"-style markers need the folded head; most lines
    // start otherwise, and folding every line's head is measurable.
    let ordinal_initial =
        crate::text::fold_char(first).is_none_or(|c| ORDINALS.iter().any(|o| o.starts_with(c)));
    let needs_fold = matches!(first, 'Đ' | 'đ' | 'D' | 'd' | 'P' | 'p')
        || ordinal_initial
            && t.char_indices()
                .nth(16)
                .map_or(t, |(i, _)| &t[..i])
                .as_bytes()
                .windows(" là".len())
                .any(|w| w == " là".as_bytes());
    let folded_head = if needs_fold {
        fold_head(t, 12)
    } else {
        String::new()
    };
    if let Some(rest) = folded_head.strip_prefix("dieu ") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let after_digits = rest[digits.len()..].chars().next();
            if matches!(after_digits, Some('.' | ':') | None) {
                let len = "Điều ".len() + digits.len() + after_digits.map_or(0, char::len_utf8);
                let len = len.min(t.len());
                if t.is_char_boundary(len) {
                    return Some((mk(Style::Article, &t[..len]), t[len..].trim_start()));
                }
            }
        }
    }
    if let Some(after) = folded_head.strip_prefix("phan ") {
        let word_count = if after.starts_with("thu ") { 3 } else { 2 };
        let token = after.split_whitespace().next().unwrap_or("");
        let numbered = ROMANS
            .iter()
            .any(|r| r.eq_ignore_ascii_case(token.trim_end_matches(['.', ':'])))
            || token.chars().all(|c| c.is_ascii_digit()) && !token.is_empty()
            || after.starts_with("thu ");
        if numbered {
            // The byte offset just after the `word_count`-th word.
            let mut end = t.len();
            let mut words = 0;
            let mut in_word = false;
            for (i, c) in t.char_indices() {
                if c.is_whitespace() {
                    if in_word {
                        words += 1;
                        if words == word_count {
                            end = i;
                            break;
                        }
                    }
                    in_word = false;
                } else {
                    in_word = true;
                }
            }
            let text = t[..end].trim_end_matches([':', '.', ' ']);
            let rest = t[end..].trim_start_matches([':', '.', '-', ' ']);
            return Some((mk(Style::Part, text), rest));
        }
    }
    for o in ORDINALS.iter().filter(|_| !folded_head.is_empty()) {
        if starts_with_word(&folded_head, o) || folded_head.starts_with(o) {
            let n = t
                .char_indices()
                .nth(o.chars().count())
                .map_or(t.len(), |(i, _)| i);
            let rest = t[n..].trim_start_matches([',', ':']).trim_start();
            return Some((mk(Style::Ordinal, &t[..n]), rest));
        }
    }
    // Roman numerals and capital letters: "II." "IV -" "B."
    if first.is_ascii_uppercase() {
        for r in ROMANS {
            if let Some(after) = t.strip_prefix(r)
                && let Some(rest) = marker_end(after, true)
            {
                return Some((
                    mk(Style::Roman, &t[..t.len() - after.len() + punct_len(after)]),
                    rest,
                ));
            }
        }
        let after = &t[1..];
        if let Some(rest) = marker_end(after, false)
            && !rest.is_empty()
        {
            return Some((mk(Style::UpperLetter, &t[..1 + punct_len(after)]), rest));
        }
        return None;
    }
    if first.is_ascii_digit() {
        // 1.  1.1.  1.1.1  1)
        let mut end = 0;
        let mut parts = 0;
        let bytes = t.as_bytes();
        loop {
            let start = end;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            let len = end - start;
            if len == 0 || len > 3 || (parts > 0 && len == 3) {
                return None;
            }
            parts += 1;
            if end < bytes.len()
                && bytes[end] == b'.'
                && end + 1 < bytes.len()
                && bytes[end + 1].is_ascii_digit()
            {
                end += 1;
                continue;
            }
            break;
        }
        let after = &t[end..];
        let (punct, rest) = if let Some(r) = after.strip_prefix(['.', ')']) {
            (1, r)
        } else if parts >= 2 {
            (0, after)
        } else {
            return None;
        };
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        let rest_trim = rest.trim_start();
        // "10.000 tỷ", "1.5 triệu" are figures, not headings.
        if parts >= 2
            && punct == 0
            && rest_trim
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '%')
        {
            return None;
        }
        return Some((
            mk(Style::Decimal(parts.min(9) as u8), &t[..end + punct]),
            rest_trim,
        ));
    }
    if VI_LETTERS.contains(first) {
        let after = &t[first.len_utf8()..];
        if let Some(rest) = after
            .strip_prefix(')')
            .or_else(|| after.strip_prefix('.').filter(|r| r.starts_with(' ')))
            && (rest.starts_with(' ') || rest.is_empty())
        {
            return Some((
                mk(Style::LowerLetter, &t[..first.len_utf8() + 1]),
                rest.trim_start(),
            ));
        }
    }
    None
}

fn punct_len(after: &str) -> usize {
    if after.starts_with(['.', ')', ':']) {
        1
    } else if after.starts_with(" -") || after.starts_with(" –") {
        2
    } else {
        0
    }
}

/// After a Roman numeral or capital letter: ". ", ") ", " - ", ": " or the end.
fn marker_end(after: &str, roman: bool) -> Option<&str> {
    let rest = if let Some(r) = after.strip_prefix(['.', ')']) {
        r
    } else if roman && (after.starts_with(" -") || after.starts_with(" –")) {
        &after[after.char_indices().nth(2).map_or(after.len(), |(i, _)| i)..]
    } else if roman && after.starts_with(':') {
        &after[1..]
    } else {
        return None;
    };
    if rest.is_empty() {
        return Some(rest);
    }
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim_start())
}

/// The characters a document opens a list entry with ("- ", "+ ", "• "): the same as
/// [`marker_parts`] reads as bullets.
const BULLETS: &[char] = &[
    '-', '–', '—', '•', '·', '●', '\u{F0A7}', '\u{F0B7}', '+', '*', '∗',
];

/// Whether a numbering as written is a bullet ("-", "+", "•"): the document's list mark,
/// which names nothing, unlike "1." or "a)".
pub fn is_bullet(numbering: &str) -> bool {
    let mut cs = numbering.trim().chars();
    matches!((cs.next(), cs.next()), (Some(b), None) if BULLETS.contains(&b))
}

/// A title without the document's leading bullets: "- Tham mưu" and "+ - Kết nối" give
/// "Tham mưu" and "Kết nối". A bullet counts only when a space follows it, so that "-5%"
/// or "+84" stay whole.
pub fn strip_bullets(title: &str) -> &str {
    let mut t = title.trim_start();
    loop {
        let mut cs = t.chars();
        match (cs.next(), cs.next()) {
            (Some(b), Some(space)) if BULLETS.contains(&b) && space.is_whitespace() => {
                t = t[b.len_utf8()..].trim_start();
            }
            _ => return t,
        }
    }
}

/// A line holding nothing but a marker ("1.", "II.").
pub fn marker_only(t: &str) -> bool {
    marker_parts(t).is_some_and(|((style, _), rest)| bare_number(style, rest))
}

/// What follows a numbering marker (not a bullet) is empty.
pub(crate) fn bare_number(style: Style, rest: &str) -> bool {
    rest.is_empty() && !matches!(style, Style::Dash | Style::Plus | Style::Bullet)
}

/// Words after which a number continues the sentence ("cấp độ\n1. Cấp ngay").
const COUNTING_WORDS: &[&str] = &[
    "cap do",
    "cap",
    "muc",
    "do",
    "loai",
    "nhom",
    "so",
    "khoan",
    "diem",
    "dieu",
    "buoc",
    "giai doan",
    "phan",
    "chuong",
    "lan",
    "hang",
    "vung",
    "khu vuc",
    "tuyen",
    "phu luc",
    "tai",
    "theo",
    "tu",
    "den",
    "va",
    "nam",
    "thang",
    "ngay",
    "quy",
];

/// A line that starts with a marker but continues the unfinished sentence before it:
/// "giai đoạn 2021\n- 2025", "kinh tế\n- xã hội", "cấp độ\n1. Cấp ngay".
pub fn is_wrapped_marker(prev: &str, t: &str) -> bool {
    marker_parts(t).is_some_and(|((style, _), rest)| continues_sentence(prev, style, rest))
}

/// [`is_wrapped_marker`] for a line already split into its marker's style and the rest.
pub(crate) fn continues_sentence(prev: &str, style: Style, rest: &str) -> bool {
    match style {
        Style::Dash | Style::Plus => rest
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()),
        Style::Decimal(_) | Style::LowerLetter | Style::Roman => {
            // A heading in capitals is finished even when it ends with a counting word:
            // "II. ĐƠN VỊ TỔ CHỨC - THỜI GIAN - ĐỊA ĐIỂM" / "1. Đơn vị tổ chức".
            let last = prev.split_whitespace().next_back().unwrap_or("");
            if last.chars().any(char::is_alphabetic)
                && !last.chars().any(char::is_lowercase)
                && upper_ratio(prev) > 0.8
            {
                return false;
            }
            let prev_folded = fold_tail(prev, 30);
            COUNTING_WORDS.iter().any(|w| {
                prev_folded
                    .strip_suffix(w)
                    .is_some_and(|before| before.is_empty() || before.ends_with(' '))
            })
        }
        _ => false,
    }
}

/// A title line: the kind in capitals, alone or followed by the subject.
pub(crate) fn kind_of_line(text: &str) -> Option<(&'static str, &'static str, String)> {
    kind_opening(text, false)
}

/// [`kind_of_line`] in any case: "Kế hoạch tổ chức Liên hoan …", the first heading of a
/// document copied without its header (a scrape or a conversion that starts at the title).
pub(crate) fn kind_of_heading(text: &str) -> Option<(&'static str, &'static str, String)> {
    kind_opening(text, true)
}

fn kind_opening(text: &str, any_case: bool) -> Option<(&'static str, &'static str, String)> {
    let t = text.trim().trim_matches(['*', '_', '#', ' ']);
    // Most lines are ruled out by their first letter, before any folding or counting.
    let first = t.chars().next().and_then(crate::text::fold_char);
    if first.is_some_and(|c| !KINDS.iter().any(|(fk, _, _)| fk.starts_with(c))) {
        return None;
    }
    if t.chars().count() > 400 {
        return None;
    }
    let f = fold_head(t, 16);
    for (fk, name, code) in KINDS {
        if code.is_empty() || *fk == "van ban" || *fk == "quy dinh" {
            continue;
        }
        if starts_with_word(&f, fk) {
            let n = fk.chars().count();
            let head: String = t.chars().take(n).collect();
            if !any_case && upper_ratio(&head) < 0.9 {
                return None;
            }
            let rest: String = t.chars().skip(n).collect();
            let rest = rest.trim();
            // "QUYẾT ĐỊNH:" introduces the articles, not a title.
            if rest.starts_with(':') {
                return None;
            }
            return Some((name, code, rest.to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests;

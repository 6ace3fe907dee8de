//! The header above the title: issuer and parent issuer, number and symbol, place and
//! date, and the subject ("V/v") of an official letter.

use super::para;
use crate::lines::Block;
use crate::phrases;
use crate::text::{fold, squash_spaces, starts_with_word, upper_ratio};

/// How the body's first sentence opens: the header of a letter, and a title, end there.
pub(super) const BODY_STARTS: &[&str] = &[
    "can cu",
    "thuc hien",
    "theo de nghi",
    "trien khai",
    "de ",
    "nham",
    "kinh gui",
    "xet de nghi",
    "qua ",
    "nham muc dich",
    "tiep tuc",
];

pub(super) fn letter_header_end(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .take(20)
        .position(|b| {
            para(b).is_some_and(|p| {
                let f = fold(&p.text);
                f.starts_with("kinh gui")
                    || BODY_STARTS.iter().any(|s| f.starts_with(s))
                    || p.text.chars().count() > 160
            })
        })
        .unwrap_or(0)
}

#[derive(Debug, Default, Clone)]
pub(super) struct Header {
    pub(super) issuer: Option<String>,
    pub(super) parent_issuer: Option<String>,
    pub(super) number: Option<String>,
    pub(super) symbol: Option<String>,
    pub(super) place: Option<String>,
    pub(super) date: Option<chrono::NaiveDate>,
    pub(super) year: Option<i32>,
    /// "V/v ..." of an official letter.
    pub(super) subject: Option<String>,
}

fn header_lines(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Table(t) => out.extend(t.column_lines()),
            Block::Para(p) => out.push(p.text.clone()),
        }
    }
    // Stray cell bars (a table flattened by a PDF) separate lines too.
    out.iter()
        .flat_map(|l| l.split('|'))
        .map(squash_spaces)
        .filter(|l| !l.is_empty())
        .collect()
}

/// A place-and-date line, also when the place wrapped from the line above
/// ("Thành phố Hồ Chí" / "Minh, ngày 18 tháng 11 năm 2025").
fn place_date_at(
    lines: &[String],
    i: usize,
) -> Option<(String, Option<chrono::NaiveDate>, Option<i32>)> {
    let l = &lines[i];
    let own = phrases::place_and_date(l).or_else(|| {
        lines
            .get(i + 1)
            .and_then(|n| phrases::place_and_date(&format!("{l} {n}")))
    })?;
    if i > 0 && own.0.split_whitespace().count() == 1 {
        let prev = &lines[i - 1];
        let pf = fold(prev);
        let header_word = ["hanh phuc", "viet nam", "so:", "so ", "/"]
            .iter()
            .any(|w| pf.contains(w));
        if !header_word
            && prev.split_whitespace().count() <= 5
            && let Some(joined) = phrases::place_and_date(&format!("{prev} {l}"))
        {
            return Some(joined);
        }
    }
    Some(own)
}

pub(super) fn read_header(blocks: &[Block]) -> Header {
    let lines = header_lines(blocks);
    let mut h = Header::default();
    let mut issuer_lines: Vec<String> = Vec::new();
    let mut issuer_done = false;
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let f = fold(l);
        if let Some(rest) = number_line(l) {
            let rest = if rest.trim().is_empty() {
                lines.get(i + 1).map(String::as_str).unwrap_or("")
            } else {
                rest
            };
            let (n, s) = number_and_symbol(rest);
            h.number = n;
            h.symbol = s;
            issuer_done = true;
        } else if f.contains("cong hoa xa hoi")
            || f.starts_with("doc lap")
            || f.contains("tu do - hanh phuc")
        {
            issuer_done = true;
        } else if let Some((place, date, year)) = place_date_at(&lines, i) {
            h.place = Some(place);
            h.date = date;
            h.year = year;
            issuer_done = true;
        } else if f.starts_with("v/v") {
            let mut subject = l.trim_start_matches(|c: char| c != ' ').trim().to_string();
            // The subject wraps over several short lines in the left column.
            while let Some(next) = lines.get(i + 1) {
                let nf = fold(next);
                if nf.contains("cong hoa")
                    || nf.starts_with("doc lap")
                    || nf.starts_with("kinh gui")
                    || phrases::place_and_date(next).is_some()
                    || next.chars().count() > 60
                {
                    break;
                }
                subject.push(' ');
                subject.push_str(next);
                i += 1;
            }
            h.subject = Some(squash_spaces(&subject));
            issuer_done = true;
        } else if !issuer_done && upper_ratio(l) > 0.6 {
            issuer_lines.push(l.trim_matches(['*', '_', ' ']).to_string());
        }
        i += 1;
    }
    let (parent, issuer) = split_issuer(&issuer_lines);
    h.parent_issuer = parent;
    h.issuer = issuer;
    h
}

/// "Số: 2954/QĐ-UBND" → the part after "Số:".
fn number_line(l: &str) -> Option<&str> {
    let f = fold(l);
    if !(f.starts_with("so:") || f.starts_with("so :") || f == "so") {
        return None;
    }
    // "Số" alone: the number is on the next line.
    Some(l.find(':').map_or("", |c| &l[c + 1..]))
}

/// "2954/QĐ-UBND" → ("2954", "QĐ-UBND"); "      /KH-SVHTT" → (None, "KH-SVHTT"); "5973 /UBND-KT".
pub(super) fn number_and_symbol(s: &str) -> (Option<String>, Option<String>) {
    let s = s.trim().trim_end_matches(['.', ',']);
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (num, sym) = match s.find('/') {
        Some(p) => (s[..p].trim(), s[p + 1..].trim()),
        None => match s.find('-') {
            Some(p) if s[..p].trim().chars().all(|c| c.is_ascii_digit()) => {
                (s[..p].trim(), s[p + 1..].trim())
            }
            _ => ("", s.as_str()),
        },
    };
    let num = num.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let number =
        (!num.is_empty() && num.chars().any(|c| c.is_ascii_digit())).then(|| num.to_string());
    let sym = sym
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['.', ',', ';']);
    let symbol = (!sym.is_empty() && sym.chars().any(char::is_uppercase)).then(|| sym.to_string());
    (number, symbol)
}

/// Words that open the name of an agency: a new header line starting with one of these
/// is a new level (the issuer under its parent), otherwise it continues the line above.
const AGENCY_WORDS: &[&str] = &[
    "so",
    "ban",
    "phong",
    "cuc",
    "chi cuc",
    "trung tam",
    "truong",
    "bo",
    "van phong",
    "uy ban",
    "ubnd",
    "hdnd",
    "benh vien",
    "vien",
    "hoi",
    "dai",
    "bao",
    "cong an",
    "bo chi huy",
    "kho bac",
    "thanh tra",
    "tong cuc",
    "dang uy",
    "bql",
    "ban quan ly",
    "thue",
    "cuc thue",
    "doan",
    "cong ty",
    "hoc vien",
    "dai hoc",
    "bao tang",
    "thu vien",
];

pub(super) fn split_issuer(lines: &[String]) -> (Option<String>, Option<String>) {
    let mut levels: Vec<String> = Vec::new();
    for l in lines {
        let l = l.trim().trim_matches('/').trim();
        if l.is_empty() || crate::lines::is_rule(l) {
            continue;
        }
        let f = fold(l);
        let new_level = AGENCY_WORDS.iter().any(|w| starts_with_word(&f, w));
        match levels.last_mut() {
            Some(last) if !new_level => {
                last.push(' ');
                last.push_str(l);
            }
            _ => levels.push(l.to_string()),
        }
    }
    let levels: Vec<String> = levels.into_iter().map(|l| squash_spaces(&l)).collect();
    match levels.len() {
        0 => (None, None),
        1 => (None, Some(levels[0].clone())),
        n => (Some(levels[n - 2].clone()), Some(levels[n - 1].clone())),
    }
}

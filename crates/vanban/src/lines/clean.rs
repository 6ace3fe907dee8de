//! Cleaning one physical line: odd spaces, Markdown emphasis and escapes, decoration
//! and page-number lines.

use super::Phys;
use std::borrow::Cow;

pub(super) fn is_decor(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '_' | '=' | '*' | '~' | '.' | '…' | '–' | '—' | ' ' | '#'
            )
        })
}

fn is_page_number(t: &str) -> bool {
    let core = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let core = core.strip_prefix("Trang ").unwrap_or(core);
    !core.is_empty() && core.len() <= 3 && core.chars().all(|c| c.is_ascii_digit()) && core != "0"
}

/// Removes Markdown emphasis and escapes; notes bold spans and headings.
pub(super) fn clean_line(no: usize, raw: &str) -> Option<Phys<'_>> {
    // Most lines need none of these replacements; skip the copies then.
    if has_odd_space(raw) {
        let raw = raw
            .replace(['\u{000C}', '\u{00A0}', '\u{200B}', '\u{FEFF}'], " ")
            .replace('\t', "    ");
        return clean_spaced_line(no, &raw).map(|p| Phys {
            text: p.text.into_owned().into(),
            ..p
        });
    }
    clean_spaced_line(no, raw)
}

/// [`clean_line`] once its odd spaces are plain ones.
fn clean_spaced_line(no: usize, raw: &str) -> Option<Phys<'_>> {
    let indent = raw.len() - raw.trim_start().len();
    let mut t = raw.trim();
    if t.is_empty() || is_decor(t) {
        return None;
    }
    let page_number = is_page_number(t);
    let mut heading = false;
    if t.starts_with('#') {
        let stripped = t.trim_start_matches('#');
        if stripped.starts_with(' ') {
            heading = true;
            t = stripped.trim();
        }
    }
    if let Some(rest) = t.strip_prefix("> ") {
        t = rest;
    }
    let bold_open = t.starts_with("**") || t.starts_with("__");
    let bold_close =
        t.ends_with("**") || t.ends_with("__") || t.ends_with("**:") || t.ends_with("**.");
    let mut s = strip_emphasis(t);
    // Escapes left by HTML-to-Markdown converters: "\-", "\.", "\*".
    if memchr::memchr(b'\\', s.as_bytes()).is_some() {
        s = s
            .replace("\\-", "-")
            .replace("\\.", ".")
            .replace("\\*", "*")
            .replace("\\_", "_")
            .replace("\\|", "|")
            .into();
    }
    let s = match s {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
    };
    if s.is_empty() {
        return None;
    }
    let chars = s.chars().count();
    if is_decor(&s) && chars >= 3 {
        return None;
    }
    Some(Phys {
        no,
        text: s,
        chars,
        indent,
        bold_open,
        bold_close,
        heading,
        page_number,
    })
}

/// A form feed, tab, no-break space, zero-width space or byte-order mark, found by their
/// UTF-8 bytes (a search for the characters decodes every character of the line).
fn has_odd_space(raw: &str) -> bool {
    let b = raw.as_bytes();
    memchr::memchr2(0x0C, b'\t', b).is_some()
        || memchr::memchr3_iter(0xC2, 0xE2, 0xEF, b).any(|i| {
            let rest = &b[i + 1..];
            match b[i] {
                0xC2 => rest.starts_with(&[0xA0]),
                0xE2 => rest.starts_with(&[0x80, 0x8B]),
                _ => rest.starts_with(&[0xBB, 0xBF]),
            }
        })
}

/// Drops `**`, `__` and single `*`/`_` used as emphasis, keeping "(*)" and words with "_".
pub(super) fn strip_emphasis<'a>(t: &'a str) -> Cow<'a, str> {
    let emphasis = |t: &str| memchr::memchr2(b'*', b'_', t.as_bytes()).is_some();
    if !emphasis(t) {
        return t.into();
    }
    // Doubled marks first (bold), each only when there is one to drop.
    let drop = |t: Cow<'a, str>, pair: &str| {
        if t.contains(pair) {
            Cow::Owned(t.replace(pair, ""))
        } else {
            t
        }
    };
    let t = drop(drop(t.into(), "**"), "__");
    if !emphasis(&t) {
        return t;
    }
    let mut out = String::with_capacity(t.len());
    let mut copied = 0;
    for i in memchr::memchr2_iter(b'*', b'_', t.as_bytes()) {
        let prev = t[..i].chars().next_back();
        let next = t[i + 1..].chars().next();
        let inside_word =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        let footnote = prev == Some('(') && next == Some(')');
        if !(inside_word || footnote) {
            out.push_str(&t[copied..i]);
            copied = i + 1;
        }
    }
    out.push_str(&t[copied..]);
    out.into()
}

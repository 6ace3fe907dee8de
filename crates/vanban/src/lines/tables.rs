//! Tables in their text forms: one-line " | " rows, antiword `|...|` rows, Markdown
//! bar tables, pdftotext's two-column layout and HTML `<table>`.

use super::{Phys, Table};
use crate::text::{fold, squash_spaces, upper_ratio};

pub(super) fn is_antiword_row(t: &str) -> bool {
    t.len() > 2 && t.starts_with('|') && t.ends_with('|') && t.matches('|').count() >= 3
}

/// Holds " | ", which separates the cells of a one-line table row.
pub(super) fn has_cell_separator(t: &str) -> bool {
    // Most lines have no bar at all, and a byte is quicker to look for.
    memchr::memchr(b'|', t.as_bytes()).is_some() && t.contains(" | ")
}

pub(super) fn is_pipe_row(t: &str) -> bool {
    // Every form holds " | ".
    has_cell_separator(t) && !t.starts_with("|")
        || t.starts_with("| ") && t.matches(" | ").count() >= 1
        || t.ends_with(" |") && t.matches(" | ").count() >= 1
}

// ------------------------------------------------------------ Markdown bar tables

/// Markdown scrapes put each cell on its own lines between lines holding only "|";
/// two bars in a row end a table row. A cell never spans a blank line or 25 lines.
pub(super) fn bar_table(
    phys: &[Option<Phys<'_>>],
    raw_blank: &[bool],
    start: usize,
) -> Option<(Table, usize)> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut i = start + 1;
    let mut last_bar = start;
    loop {
        // Read one segment up to the next bar.
        let mut seg: Vec<&str> = Vec::new();
        let mut j = i;
        let mut closed = false;
        while j < phys.len() && j - i <= 25 {
            match &phys[j] {
                None if raw_blank[j] => break,
                None => {}
                Some(p) if p.text == "|" => {
                    closed = true;
                    break;
                }
                Some(p) => seg.push(&p.text),
            }
            j += 1;
        }
        if !closed {
            break;
        }
        // A document title ("KẾ HOẠCH", "THÔNG BÁO") or an appendix label ("PHỤ LỤC")
        // opens a new part of the document, never a cell.
        if seg.first().is_some_and(|l| {
            crate::markers::kind_of_line(l).is_some_and(|(_, _, rest)| rest.is_empty())
                || l.chars().count() < 40 && upper_ratio(l) > 0.6 && fold(l).starts_with("phu luc")
        }) {
            break;
        }
        if seg.is_empty() {
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
        } else {
            row.push(seg.join("\n"));
        }
        last_bar = j;
        i = j + 1;
    }
    if !row.is_empty() {
        rows.push(row);
    }
    if rows.is_empty() {
        return None;
    }
    let line = phys[start].as_ref().map_or(start + 1, |p| p.no);
    Some((
        Table {
            line,
            rows,
            wrapped: false,
        },
        last_bar + 1,
    ))
}

// ------------------------------------------------------------ pdftotext -layout columns

/// pdftotext -layout output indents paragraphs and sets the header and the signature
/// block in two columns separated by long runs of spaces.
pub(super) fn detect_layout(phys: &[Option<Phys>]) -> bool {
    let gaps = phys
        .iter()
        .flatten()
        .filter(|p| split_gap(&p.text).is_some())
        .count();
    let indented = phys.iter().flatten().filter(|p| p.indent >= 4).count();
    let total = phys.iter().flatten().count().max(1);
    gaps >= 2 && indented * 10 >= total
}

/// Splits a trimmed line "left      right" at a run of 8 or more spaces.
fn split_gap(t: &str) -> Option<(String, String)> {
    let pos = find_spaces(t, 8)?;
    let left = t[..pos].trim();
    let right = t[pos..].trim();
    if left.is_empty()
        || right.is_empty()
        || left.chars().count() > 70
        || right.chars().count() > 70
    {
        return None;
    }
    Some((left.to_string(), right.to_string()))
}

/// Where the first run of `n` spaces starts. Every such run covers one of the bytes
/// `n - 1`, `2n - 1`, ..., so only those are looked at until one is a space.
fn find_spaces(t: &str, n: usize) -> Option<usize> {
    let b = t.as_bytes();
    let mut probe = n.checked_sub(1)?;
    while probe < b.len() {
        if b[probe] == b' ' {
            let start = b[..probe]
                .iter()
                .rposition(|&c| c != b' ')
                .map_or(0, |i| i + 1);
            let end = b[probe..]
                .iter()
                .position(|&c| c != b' ')
                .map_or(b.len(), |i| probe + i);
            if end - start >= n {
                return Some(start);
            }
        }
        probe += n;
    }
    None
}

pub(super) fn layout_columns(phys: &[Option<Phys>], start: usize) -> Option<(Table, usize)> {
    split_gap(&phys[start].as_ref()?.text)?;
    let mut rows = Vec::new();
    let mut i = start;
    let mut blanks = 0;
    let mut end = start;
    while i < phys.len() {
        match &phys[i] {
            None => {
                blanks += 1;
                if blanks > 6 {
                    break;
                }
            }
            Some(p) => {
                blanks = 0;
                let t = &*p.text;
                if let Some((l, r)) = split_gap(t) {
                    rows.push(vec![l, r]);
                } else if p.indent >= 30 && t.chars().count() <= 50 {
                    rows.push(vec![String::new(), t.to_string()]);
                } else if p.indent < 8
                    && (t.starts_with('-') || t.starts_with('+') || fold(t).starts_with("noi nhan"))
                    && !rows.is_empty()
                {
                    rows.push(vec![t.to_string(), String::new()]);
                } else {
                    break;
                }
                end = i;
            }
        }
        i += 1;
    }
    let line = phys[start].as_ref().map_or(start + 1, |p| p.no);
    Some((
        Table {
            line,
            rows,
            wrapped: true,
        },
        end + 1,
    ))
}

// ------------------------------------------------------------ HTML tables

pub(super) fn has_html_table(text: &str) -> bool {
    text.contains("<table") || text.contains("<TABLE")
}

/// Turns `<tr><td>a</td><td>b</td></tr>` into "a | b" lines; drops other tags.
pub(super) fn html_tables_to_rows(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_cell = false;
    // Inside a table, the spaces and line breaks between its tags are no text: kept, they
    // would end the table at every row.
    let mut tables = 0usize;
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        let (before, after) = rest.split_at(lt);
        if in_cell {
            cell.push_str(before);
        } else if tables == 0 || !before.trim().is_empty() {
            out.push_str(before);
        }
        let Some(gt) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = after[1..gt].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let closing = tag.starts_with('/');
        if name == "table" {
            tables = if closing {
                tables.saturating_sub(1)
            } else {
                tables + 1
            };
        }
        match (name, closing) {
            ("td" | "th", false) => {
                in_cell = true;
                cell.clear();
            }
            ("td" | "th", true) => {
                in_cell = false;
                cells.push(squash_spaces(&decode_entities(&cell)));
            }
            ("tr", true) => {
                if !cells.is_empty() {
                    if !out.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(&cells.join(" | "));
                    if cells.len() == 1 {
                        out.push_str(" | ");
                    }
                    out.push('\n');
                }
                cells.clear();
            }
            ("br" | "p", _) if in_cell => cell.push_str(" / "),
            ("br" | "p" | "div" | "table", _) if !out.ends_with('\n') => {
                out.push('\n');
            }
            _ => {}
        }
        rest = &after[gt + 1..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

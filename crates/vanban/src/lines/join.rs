//! Joining wrapped physical lines into paragraphs: how the text was wrapped, and whether
//! each line continues the paragraph before it.

use super::tables::has_cell_separator;
use super::{Block, Para, Phys};
use crate::markers::Style;
use crate::model::Warning;
use crate::text::upper_ratio;
use std::borrow::Cow;

/// The width at which the text was wrapped (90th percentile of line lengths).
pub(super) fn typical_width(phys: &[Option<Phys>]) -> usize {
    let mut lens: Vec<usize> = phys.iter().flatten().map(|p| p.chars).collect();
    if lens.is_empty() {
        return 80;
    }
    lens.sort_unstable();
    lens[(lens.len() * 9 / 10).min(lens.len() - 1)]
}

/// Was the text wrapped at a fixed width (PDF, scrapes) rather than written one
/// paragraph per line (Word, antiword)? In wrapped text a long line without final
/// punctuation is nearly always followed by a line that starts in lowercase.
pub(super) fn lines_are_wrapped(phys: &[Option<Phys>]) -> bool {
    let lines: Vec<&Phys> = phys
        .iter()
        .flatten()
        .filter(|p| p.text != "|" && !has_cell_separator(&p.text))
        .collect();
    let (mut candidates, mut continued) = (0usize, 0usize);
    for w in lines.windows(2) {
        if w[0].chars >= 40 && !w[0].text.ends_with(['.', ':', ';', '!', '?']) {
            candidates += 1;
            if w[1]
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            {
                continued += 1;
            }
        }
    }
    if candidates >= 8 {
        continued * 10 >= candidates * 4
    } else {
        candidates >= 3 && continued * 4 >= candidates * 3
    }
}

/// Markdown scrapes: blank lines are common and many blocks hold several lines.
pub(super) fn paragraphs_in_blocks(phys: &[Option<Phys>]) -> bool {
    let (mut blocks, mut multi, mut blanks, mut run) = (0usize, 0usize, 0usize, 0usize);
    for p in phys {
        match p {
            Some(_) => run += 1,
            None => {
                blanks += 1;
                if run > 0 {
                    blocks += 1;
                    if run > 1 {
                        multi += 1;
                    }
                }
                run = 0;
            }
        }
    }
    blocks >= 5 && multi * 4 >= blocks && blanks * 20 >= phys.len()
}

/// Text copied from a PDF often has a blank line after every line; then blank lines
/// carry no meaning.
pub(super) fn blank_lines_insignificant(phys: &[Option<Phys>]) -> bool {
    let mut text_lines = 0;
    let mut followed_by_blank = 0;
    for w in phys.windows(2) {
        if w[0].is_some() {
            text_lines += 1;
            if w[1].is_none() {
                followed_by_blank += 1;
            }
        }
    }
    text_lines >= 10 && followed_by_blank * 10 >= text_lines * 7
}

/// Gathers physical lines into the current paragraph and hands it over when a line
/// starts a new one.
pub(super) struct ParaBuilder {
    width: usize,
    /// Each paragraph is one line (Word or antiword output): never join.
    pub(super) one_per_line: bool,
    /// Blank lines separate paragraphs and every line between them belongs to one
    /// paragraph (Markdown scrapes wrapped at a fixed width).
    pub(super) block_mode: bool,
    layout: bool,
    cur: Option<Para>,
    /// `cur` holds nothing but a number ("1."), its heading being on the next line.
    cur_bare: bool,
    last_len: usize,
    bold_open: bool,
    last_indent: usize,
    pub(super) warnings: Vec<Warning>,
}

impl ParaBuilder {
    pub(super) fn new(width: usize, layout: bool) -> Self {
        ParaBuilder {
            width,
            one_per_line: width > 200,
            block_mode: false,
            layout,
            cur: None,
            cur_bare: false,
            last_len: 0,
            bold_open: false,
            last_indent: 0,
            warnings: Vec::new(),
        }
    }

    pub(super) fn flush(&mut self, out: &mut Vec<Block>) {
        if let Some(mut p) = self.cur.take() {
            if let Cow::Owned(squashed) = crate::text::squashed(&p.text) {
                p.text = squashed;
            }
            if !p.text.is_empty() {
                out.push(Block::Para(p));
            }
        }
        self.cur_bare = false;
        self.bold_open = false;
    }

    pub(super) fn push(&mut self, p: &Phys, out: &mut Vec<Block>) {
        let t = &*p.text;
        // The line's marker, looked up once for all the tests below.
        let line = Line {
            text: t,
            marker: crate::markers::marker_parts(t).map(|((style, _), rest)| (style, rest)),
        };
        let prev_bare = self.cur_bare;
        let join = match &self.cur {
            None => false,
            Some(cur) => self.continues(cur, p, &line, prev_bare),
        };
        if let Some(w) = self
            .cur
            .as_ref()
            .and_then(|cur| self.uncertain(&cur.text, p, &line, prev_bare, join))
        {
            self.warnings.push(w);
        }
        if join {
            let cur = self.cur.as_mut().expect("checked");
            // A word broken with a hyphen at the line end is rare in Vietnamese; keep a space.
            cur.text.push(' ');
            cur.text.push_str(t);
            cur.strong &= p.bold_close || p.bold_open || self.bold_open;
            self.cur_bare = crate::markers::marker_only(&cur.text);
        } else {
            self.flush(out);
            self.cur = Some(Para {
                line: p.no,
                text: t.to_string(),
                strong: p.heading || (p.bold_open && p.bold_close),
            });
            self.cur_bare = line
                .marker
                .is_some_and(|(style, rest)| crate::markers::bare_number(style, rest));
            self.bold_open = false;
        }
        if p.bold_open && !p.bold_close {
            self.bold_open = true;
        } else if p.bold_close {
            self.bold_open = false;
            if let Some(cur) = self.cur.as_mut()
                && (p.bold_open || !join || cur.strong || cur.text.len() < 200)
            {
                cur.strong = cur.strong || (join && p.bold_close);
            }
        }
        self.last_len = p.chars;
        self.last_indent = p.indent;
    }

    /// A numbered line after an unfinished, full-width line could be either a wrap or a
    /// new item: say which way it was read.
    fn uncertain(
        &self,
        prev: &str,
        p: &Phys,
        line: &Line,
        prev_bare: bool,
        joined: bool,
    ) -> Option<Warning> {
        let numbered = line
            .marker
            .is_some_and(|(style, _)| !matches!(style, Style::Dash | Style::Plus | Style::Bullet));
        if !numbered || self.bold_open {
            return None;
        }
        let t = line.text;
        let prev = prev.trim_end();
        let unfinished = !prev.ends_with(['.', ':', ';', '!', '?', ')']);
        let full = self.last_len * 10 >= self.width * 8 && !self.one_per_line;
        if prev_bare || !(joined || unfinished && full) {
            return None;
        }
        let how = if joined {
            "a continuation of the sentence above"
        } else {
            "a new numbered item"
        };
        let head: String = t.chars().take(40).collect();
        Some(Warning {
            line: p.no,
            message: format!("\"{head}\" follows an unfinished line; read as {how}"),
        })
    }

    /// Does physical line `t` continue the paragraph `cur`?
    fn continues(&self, cur: &Para, p: &Phys, line: &Line, prev_bare: bool) -> bool {
        let (t, marker) = (line.text, line.marker);
        let prev = cur.text.trim_end();
        // "1." alone on a line, then its heading on the next.
        if prev_bare {
            return true;
        }
        if self.bold_open {
            return marker.is_none_or(|(style, rest)| crate::markers::bare_number(style, rest));
        }
        // The national motto, "Số:" and "Nơi nhận" stand on their own.
        if header_line(prev) || header_line(t) {
            return false;
        }
        let terminated = prev.ends_with(['.', ':', ';', '!', '?']) || prev.ends_with("./.");
        if let Some((style, rest)) = marker {
            return !terminated && crate::markers::continues_sentence(prev, style, rest);
        }
        // A paragraph never starts in lowercase, whatever the layout.
        if t.chars().next().is_some_and(char::is_lowercase) {
            return true;
        }
        if self.one_per_line {
            return false;
        }
        if self.block_mode {
            let terminated = prev.ends_with(['.', ':', ';', '!', '?']);
            if let Some((style, rest)) = marker {
                return !terminated && crate::markers::continues_sentence(prev, style, rest);
            }
            // A bold line (a heading, a signature line) stands alone.
            return !(cur.strong || p.bold_open && p.bold_close);
        }
        let first = t.chars().next().unwrap_or(' ');
        let terminated = prev.ends_with(['.', ':', ';', '!', '?']) || prev.ends_with("./.");
        if let Some((style, rest)) = marker {
            return !terminated && crate::markers::continues_sentence(prev, style, rest);
        }
        if self.layout && p.indent >= self.last_indent + 4 && p.indent >= 4 {
            return false;
        }
        if first.is_lowercase()
            || first.is_ascii_digit()
            || matches!(first, '(' | '"' | '“' | '–' | ',')
                && !terminated
                && upper_ratio(prev) < 0.8
        {
            return true;
        }
        if terminated {
            return false;
        }
        // A short line before a capital ends a heading or a paragraph.
        let short = self.last_len * 10 < self.width * 7;
        if short {
            return false;
        }
        // Headings in capitals end where the capitals end.
        // (The next line's case is read only after a line in capitals.)
        upper_ratio(prev) <= 0.8 || upper_ratio(t) > 0.8
    }
}

/// Lines of the header and closing that never join a paragraph (case-insensitive, old and
/// new tone placement).
fn header_line(s: &str) -> bool {
    // Only the phrases with the line's first letter can match.
    let phrases: &[&str] = match s.chars().next() {
        Some('C' | 'c') => &["cộng hòa xã hội", "cộng hoà xã hội"],
        Some('Đ' | 'đ') => &["độc lập"],
        Some('S' | 's') => &["số:", "số :"],
        Some('N' | 'n') => &["nơi nhận"],
        _ => return false,
    };
    phrases
        .iter()
        .any(|h| crate::text::prefix_len_ci(s, h).is_some())
}

/// A physical line's text and its numbering marker ("1.", "a)", "-", "+", "II."), if any:
/// the marker's style and the text after it.
struct Line<'a> {
    text: &'a str,
    marker: Option<(Style, &'a str)>,
}

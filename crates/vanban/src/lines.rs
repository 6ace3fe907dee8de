//! From physical lines to blocks: paragraphs (PDF line wraps joined, markup removed) and
//! tables (Markdown `|` cells, one-line " | " rows from Word, antiword `|...|` rows,
//! pdftotext's two-column header and footer, HTML `<table>`).
//!
//! Nothing here knows what a plan is; it only recovers the text's own shape.

use crate::markers::Style;
use crate::model::Warning;
use crate::text::{fold, squash_spaces, upper_ratio};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Para(p) => p.line,
            Block::Table(t) => t.line,
        }
    }
}

/// One logical paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// 1-based line of the input where it starts.
    pub line: usize,
    pub text: String,
    /// Written in bold, or as a Markdown heading: a hint that it is a heading.
    pub strong: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub line: usize,
    /// Cells; a cell's own line breaks are kept as '\n'.
    pub rows: Vec<Vec<String>>,
    /// Rows are physical lines whose cells may continue on the next row (antiword,
    /// pdftotext), rather than whole rows.
    pub wrapped: bool,
}

impl Table {
    /// All cell lines, column by column (left column first): the reading order of a
    /// two-column header or signature block.
    pub fn column_lines(&self) -> Vec<String> {
        self.lines_by_column().map(str::to_string).collect()
    }

    /// The start of the column lines joined with spaces: at least `max_chars` characters
    /// of it, or all of it (a test of a table's opening need not join a large table).
    pub fn opening(&self, max_chars: usize) -> String {
        let (mut out, mut chars) = (String::new(), 0);
        for line in self.lines_by_column() {
            if chars >= max_chars {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
                chars += 1;
            }
            out.push_str(line);
            chars += line.chars().count();
        }
        out
    }

    fn lines_by_column(&self) -> impl Iterator<Item = &str> {
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        (0..width).flat_map(move |col| {
            self.rows
                .iter()
                .filter_map(move |row| row.get(col))
                .flat_map(|cell| cell.split('\n').map(str::trim).filter(|l| !l.is_empty()))
        })
    }
}

struct Phys<'a> {
    no: usize,
    /// The cleaned line, trimmed; most lines need no change and borrow the input.
    text: Cow<'a, str>,
    /// Its length in characters (wanted three times per line).
    chars: usize,
    indent: usize,
    /// The cleaned line started / ended a bold span.
    bold_open: bool,
    bold_close: bool,
    heading: bool,
    /// A line holding only a small number: a page number in running text, a cell in a table.
    page_number: bool,
}

/// Splits a document's text into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    blocks_with_warnings(text).0
}

/// A decoration line ("-------", "***").
pub fn is_rule(t: &str) -> bool {
    is_decor(t)
}

/// Splits a document's text into blocks, with warnings where a line break was
/// ambiguous and the reader had to decide.
pub fn blocks_with_warnings(text: &str) -> (Vec<Block>, Vec<Warning>) {
    let text: Cow<str> = if has_html_table(text) {
        html_tables_to_rows(text).into()
    } else {
        text.into()
    };
    // The lines, found in one memchr pass (the standard splitter searches afresh per line).
    let mut raw: Vec<&str> = Vec::new();
    let mut from = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        raw.push(&text[from..end]);
        from = end + 1;
    }
    raw.push(&text[from..]);
    let raw_blank: Vec<bool> = raw.iter().map(|l| l.trim_start().is_empty()).collect();
    let mut phys: Vec<Option<Phys>> = Vec::with_capacity(raw.len());
    for (i, line) in raw.iter().enumerate() {
        phys.push(clean_line(i + 1, line));
    }
    let wrapped_width = typical_width(&phys);
    let blank_every_other = blank_lines_insignificant(&phys);
    let layout = detect_layout(&phys);

    let mut out = Vec::new();
    let mut builder = ParaBuilder::new(wrapped_width, layout);
    let wrapped = lines_are_wrapped(&phys);
    builder.one_per_line = !wrapped;
    builder.block_mode = wrapped && !blank_every_other && paragraphs_in_blocks(&phys);
    let mut i = 0;
    while i < phys.len() {
        let Some(p) = &phys[i] else {
            // A blank or decoration line.
            let is_rule = raw[i].trim().chars().count() >= 3 && is_decor(raw[i].trim());
            if !blank_every_other || is_rule {
                builder.flush(&mut out);
            }
            i += 1;
            continue;
        };
        let t = &*p.text;
        if p.page_number {
            i += 1;
            continue;
        }
        if t == "|" {
            if let Some((table, next)) = bar_table(&phys, &raw_blank, i) {
                builder.flush(&mut out);
                out.push(Block::Table(table));
                i = next;
                continue;
            }
            i += 1;
            continue;
        }
        if is_antiword_row(t) {
            builder.flush(&mut out);
            let start = i;
            let mut rows = Vec::new();
            while i < phys.len() {
                match &phys[i] {
                    Some(q) if is_antiword_row(&q.text) => {
                        let cells: Vec<String> = q
                            .text
                            .trim_matches('|')
                            .split('|')
                            .map(squash_spaces)
                            .collect();
                        rows.push(cells);
                        i += 1;
                    }
                    _ => break,
                }
            }
            out.push(Block::Table(Table {
                line: phys[start].as_ref().map_or(start + 1, |p| p.no),
                rows,
                wrapped: true,
            }));
            continue;
        }
        if is_pipe_row(t) {
            builder.flush(&mut out);
            let start = i;
            let mut rows = Vec::new();
            while i < phys.len() {
                match &phys[i] {
                    Some(q) if is_pipe_row(&q.text) => {
                        rows.push(
                            q.text
                                .trim_matches('|')
                                .split(" | ")
                                .map(|c| {
                                    c.trim()
                                        .replace(" / ", "\n")
                                        .trim_matches('/')
                                        .trim()
                                        .to_string()
                                })
                                .collect(),
                        );
                        i += 1;
                    }
                    _ => break,
                }
            }
            out.push(Block::Table(Table {
                line: phys[start].as_ref().map_or(start + 1, |p| p.no),
                rows,
                wrapped: false,
            }));
            continue;
        }
        if layout && let Some((table, next)) = layout_columns(&phys, i) {
            builder.flush(&mut out);
            out.push(Block::Table(table));
            i = next;
            continue;
        }
        builder.push(p, &mut out);
        i += 1;
    }
    builder.flush(&mut out);
    (out, builder.warnings)
}

// ------------------------------------------------------------ cleaning one line

fn is_decor(t: &str) -> bool {
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
fn clean_line(no: usize, raw: &str) -> Option<Phys<'_>> {
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
fn strip_emphasis<'a>(t: &'a str) -> Cow<'a, str> {
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

fn is_antiword_row(t: &str) -> bool {
    t.len() > 2 && t.starts_with('|') && t.ends_with('|') && t.matches('|').count() >= 3
}

/// Holds " | ", which separates the cells of a one-line table row.
fn has_cell_separator(t: &str) -> bool {
    // Most lines have no bar at all, and a byte is quicker to look for.
    memchr::memchr(b'|', t.as_bytes()).is_some() && t.contains(" | ")
}

fn is_pipe_row(t: &str) -> bool {
    // Every form holds " | ".
    has_cell_separator(t) && !t.starts_with("|")
        || t.starts_with("| ") && t.matches(" | ").count() >= 1
        || t.ends_with(" |") && t.matches(" | ").count() >= 1
}

// ------------------------------------------------------------ Markdown bar tables

/// Markdown scrapes put each cell on its own lines between lines holding only "|";
/// two bars in a row end a table row. A cell never spans a blank line or 25 lines.
fn bar_table(
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
fn detect_layout(phys: &[Option<Phys>]) -> bool {
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

fn layout_columns(phys: &[Option<Phys>], start: usize) -> Option<(Table, usize)> {
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

fn has_html_table(text: &str) -> bool {
    text.contains("<table") || text.contains("<TABLE")
}

/// Turns `<tr><td>a</td><td>b</td></tr>` into "a | b" lines; drops other tags.
fn html_tables_to_rows(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut in_cell = false;
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        let (before, after) = rest.split_at(lt);
        if in_cell {
            cell.push_str(before);
        } else {
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

// ------------------------------------------------------------ joining wrapped lines

/// The width at which the text was wrapped (90th percentile of line lengths).
fn typical_width(phys: &[Option<Phys>]) -> usize {
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
fn lines_are_wrapped(phys: &[Option<Phys>]) -> bool {
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
fn paragraphs_in_blocks(phys: &[Option<Phys>]) -> bool {
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
fn blank_lines_insignificant(phys: &[Option<Phys>]) -> bool {
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

struct ParaBuilder {
    width: usize,
    /// Each paragraph is one line (Word or antiword output): never join.
    one_per_line: bool,
    /// Blank lines separate paragraphs and every line between them belongs to one
    /// paragraph (Markdown scrapes wrapped at a fixed width).
    block_mode: bool,
    layout: bool,
    cur: Option<Para>,
    /// `cur` holds nothing but a number ("1."), its heading being on the next line.
    cur_bare: bool,
    last_len: usize,
    bold_open: bool,
    last_indent: usize,
    warnings: Vec<Warning>,
}

impl ParaBuilder {
    fn new(width: usize, layout: bool) -> Self {
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

    fn flush(&mut self, out: &mut Vec<Block>) {
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

    fn push(&mut self, p: &Phys, out: &mut Vec<Block>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<String> {
        blocks(text)
            .into_iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn joins_pdf_wraps_with_blank_lines_between() {
        let text = "Triển khai các hoạt động với vai trò là thành viên Mạng lưới các Thành \n\nphố Sáng tạo của UNESCO, tham gia các hoạt động mạng lưới góp phần tuyên \n\ntruyền, giới thiệu. \n\nII. Yêu cầu \n\n- Đảm bảo sự phối hợp chặt chẽ, thường xuyên, thống nhất giữa các cơ \n\nquan liên quan.\n\n- Các hoạt động phải đảm bảo thiết thực, hiệu quả, tiết kiệm. \n\nx\n\ny\n\nz\n\nw\n\nv\n\n";
        let p = paras(text);
        assert_eq!(
            p[0],
            "Triển khai các hoạt động với vai trò là thành viên Mạng lưới các Thành phố Sáng tạo của UNESCO, tham gia các hoạt động mạng lưới góp phần tuyên truyền, giới thiệu."
        );
        assert_eq!(p[1], "II. Yêu cầu");
        assert_eq!(
            p[2],
            "- Đảm bảo sự phối hợp chặt chẽ, thường xuyên, thống nhất giữa các cơ quan liên quan."
        );
    }

    #[test]
    fn markdown_bold_headings_and_bar_tables() {
        let text = "|\n**ỦY BAN NHÂN DÂN\n**\nTỈNH SƠN LA\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 2954/QĐ-UBND\n|\n*Sơn La, ngày 20\ntháng 11 năm 2025*\n|\n\n**II. MỤC\nĐÍCH, YÊU CẦU**\n\nNội dung thứ nhất\nvà dòng tiếp.\n";
        let b = blocks(text);
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][0], "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA");
        assert_eq!(t.rows[1][1], "Sơn La, ngày 20\ntháng 11 năm 2025");
        let Block::Para(h) = &b[1] else { panic!() };
        assert_eq!(h.text, "II. MỤC ĐÍCH, YÊU CẦU");
        assert!(h.strong);
        let Block::Para(p) = &b[2] else { panic!() };
        assert_eq!(p.text, "Nội dung thứ nhất và dòng tiếp.");
    }

    #[test]
    fn word_rows_and_page_numbers() {
        let text = "TT | Nhiệm vụ | Chủ trì\n1 | Việc một / dòng hai | Sở A\n\n12\n\nĐoạn văn.\n\u{000C}Trang tiếp theo.";
        let b = blocks(text);
        let Block::Table(t) = &b[0] else { panic!() };
        assert_eq!(t.rows[1], vec!["1", "Việc một\ndòng hai", "Sở A"]);
        assert_eq!(paras(text), vec!["Đoạn văn.", "Trang tiếp theo."]);
    }

    #[test]
    fn dash_continuation_of_a_range() {
        let text = "Phát triển kinh tế xã hội của tỉnh trong giai đoạn 2021 và tầm nhìn giai đoạn 2021\n- 2025 theo hướng bền vững.\n- Mục tiếp theo.\n";
        let p = paras(text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("2021 - 2025 theo hướng bền vững."));
    }

    #[test]
    fn html_table() {
        let text = "<table><tr><td>STT</td><td>Nội dung</td></tr><tr><td>1</td><td>Việc &amp; làm</td></tr></table>";
        let b = blocks(text);
        let tables: Vec<_> = b
            .iter()
            .filter_map(|x| {
                if let Block::Table(t) = x {
                    Some(t)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows[1], vec!["1", "Việc & làm"]);
    }

    #[test]
    fn emphasis_is_removed_but_footnote_marks_stay() {
        assert_eq!(
            strip_emphasis("*Căn cứ* Luật (*) và **đậm**"),
            "Căn cứ Luật (*) và đậm"
        );
    }
}

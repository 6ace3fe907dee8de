//! From physical lines to blocks: paragraphs (PDF line wraps joined, markup removed) and
//! tables (Markdown `|` cells, one-line " | " rows from Word, antiword `|...|` rows,
//! pdftotext's two-column header and footer, HTML `<table>`).
//!
//! Nothing here knows what a plan is; it only recovers the text's own shape.

mod clean;
mod join;
mod tables;
#[cfg(test)]
mod tests;

use crate::model::Warning;
use crate::text::squash_spaces;
use clean::{clean_line, is_decor};
use join::{
    ParaBuilder, blank_lines_insignificant, lines_are_wrapped, paragraphs_in_blocks, typical_width,
};
use std::borrow::Cow;
use tables::{
    bar_table, detect_layout, has_html_table, html_tables_to_rows, is_antiword_row, is_pipe_row,
    layout_columns,
};

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

/// Markdown's line under a table's header ("| --- | :---: |"): no row of the table.
fn is_separator_row(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim();
        !c.is_empty() && c.contains('-') && c.chars().all(|ch| matches!(ch, '-' | ':'))
    })
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
                        let cells: Vec<String> = q
                            .text
                            .trim_matches('|')
                            .split(" | ")
                            .map(|c| {
                                c.trim()
                                    .replace(" / ", "\n")
                                    .trim_matches('/')
                                    .trim()
                                    .to_string()
                            })
                            .collect();
                        if !is_separator_row(&cells) {
                            rows.push(cells);
                        }
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

//! A PDF's glyphs, with their positions, back into the text form a Word file gives:
//! one line per printed line, tables as " | " rows (a cell's lines joined by " / " where
//! they are separate lines, by a space where a sentence wraps), running headers, footers
//! and page numbers dropped, and a table cut by a page break joined again.
//!
//! Tables are found two ways. A ruled table (a task table) has vertical rules crossing
//! its lines: they give the columns, and horizontal rules between lines end its rows. A
//! borderless table (the header and the closing "Nơi nhận | signer" of ND 30/2020) has a
//! wide gap in its first line; its lines stay in it while they keep to its columns.

mod furniture;
mod tables;
#[cfg(test)]
mod tests;

use furniture::drop_running_lines;
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};
use tables::{TablePiece, open_table, ruled_bounds, ruled_table};

/// A glyph in page coordinates, y growing downwards (the baseline).
struct Glyph {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

impl Glyph {
    /// A typed space: it separates words, and a run of them is no column gap.
    fn space(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A drawn horizontal or vertical line (or a thin filled rectangle), y downwards.
#[derive(Clone, Copy)]
struct Rule {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Rule {
    fn vertical(&self) -> bool {
        self.x1 - self.x0 < 2.5 && self.y1 - self.y0 > 4.0
    }
    fn horizontal(&self) -> bool {
        self.y1 - self.y0 < 2.5 && self.x1 - self.x0 > 8.0
    }
}

#[derive(Default)]
struct Page {
    llx: f64,
    lly: f64,
    height: f64,
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
}

/// Collects every page's glyphs and rules; [`LayoutOutput::text`] lays them out.
#[derive(Default)]
pub struct LayoutOutput {
    pages: Vec<Page>,
}

impl LayoutOutput {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        self.pages.last_mut().expect("a page")
    }

    fn point(&mut self, ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
        let page = self.page();
        let px = x * ctm.m11 + y * ctm.m21 + ctm.m31 - page.llx;
        let py = x * ctm.m12 + y * ctm.m22 + ctm.m32 - page.lly;
        (px, page.height - py)
    }

    fn add_rule(&mut self, a: (f64, f64), b: (f64, f64)) {
        let rule = Rule {
            x0: a.0.min(b.0),
            x1: a.0.max(b.0),
            y0: a.1.min(b.1),
            y1: a.1.max(b.1),
        };
        if rule.vertical() || rule.horizontal() {
            self.page().rules.push(rule);
        }
    }

    fn add_path(&mut self, ctm: &Transform, path: &Path) {
        let mut last = None;
        let mut start = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    last = Some(self.point(ctm, x, y));
                    start = last;
                }
                PathOp::LineTo(x, y) => {
                    let p = self.point(ctm, x, y);
                    if let Some(l) = last {
                        self.add_rule(l, p);
                    }
                    last = Some(p);
                }
                PathOp::Rect(x, y, w, h) => {
                    let a = self.point(ctm, x, y);
                    let b = self.point(ctm, x + w, y + h);
                    self.add_rule(a, b);
                }
                PathOp::Close => {
                    if let (Some(l), Some(s)) = (last, start) {
                        self.add_rule(l, s);
                    }
                    last = start;
                }
                PathOp::CurveTo(.., x, y) => last = Some(self.point(ctm, x, y)),
            }
        }
    }

    /// The document's text.
    pub fn text(self) -> String {
        let mut pages: Vec<Vec<Piece>> = self.pages.iter().map(page_pieces).collect();
        drop_running_lines(&mut pages);
        let mut out: Vec<Piece> = Vec::new();
        for page in pages {
            let mut page = page.into_iter();
            // A table cut by the page break goes on with the same columns.
            if let (Some(Piece::Table(prev)), Some(Piece::Table(next))) =
                (out.last_mut(), page.as_slice().first())
                && prev.same_columns(next)
            {
                let Some(Piece::Table(next)) = page.next() else {
                    unreachable!("checked above")
                };
                prev.continue_with(next);
            }
            out.extend(page);
        }
        let mut text = String::new();
        for piece in &out {
            piece.write(&mut text);
        }
        text
    }
}

impl OutputDev for LayoutOutput {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            llx: media_box.llx,
            lly: media_box.lly,
            height: media_box.ury - media_box.lly,
            ..Page::default()
        });
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if char.is_empty() {
            return Ok(());
        }
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        let (x, y) = self.point(&Transform::identity(), trm.m31, trm.m32);
        self.page().glyphs.push(Glyph {
            x0: x,
            x1: x + width * size,
            y,
            size,
            text: char.to_string(),
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _: &ColorSpace,
        _: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path);
        Ok(())
    }
}

// ------------------------------------------------------------ lines

/// One printed line: its glyphs left to right.
struct Line<'a> {
    y: f64,
    size: f64,
    glyphs: Vec<&'a Glyph>,
}

impl Line<'_> {
    fn x0(&self) -> f64 {
        self.glyphs
            .iter()
            .find(|g| !g.space())
            .map_or(0.0, |g| g.x0)
    }
    fn x1(&self) -> f64 {
        self.glyphs
            .iter()
            .rev()
            .find(|g| !g.space())
            .map_or(0.0, |g| g.x1)
    }
    /// Where the gaps wider than `ems` font sizes are (their middle): stretches of the line
    /// that no glyph covers.
    fn gaps(&self, ems: f64) -> Vec<f64> {
        // Spaces before the first letter or after the last one are no part of the line.
        let (first, last) = (self.x0(), self.x1());
        let mut spans: Vec<(f64, f64)> = self
            .glyphs
            .iter()
            .filter(|g| !g.space() || g.x0 >= first && g.x1 <= last)
            .map(|g| (g.x0, g.x1))
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out = Vec::new();
        let mut end = f64::MIN;
        for (x0, x1) in spans {
            if end > f64::MIN && x0 - end > ems * self.size {
                out.push((end + x0) / 2.0);
            }
            end = end.max(x1);
        }
        out
    }
}

/// The glyphs between `from` and `to` (x), as words.
fn words(glyphs: &[&Glyph], from: f64, to: f64) -> String {
    let mut out = String::new();
    let mut last_end: Option<f64> = None;
    // Typed spaces are kept as they are: a run of them lines up text typed in columns.
    let mut typed_space = false;
    for g in glyphs {
        let mid = (g.x0 + g.x1) / 2.0;
        if mid < from || mid >= to {
            continue;
        }
        if g.space() {
            if last_end.is_some() {
                out.push(' ');
            }
            typed_space = true;
            continue;
        }
        if let Some(end) = last_end
            && !typed_space
            && g.x0 - end > 0.12 * g.size
        {
            out.push(' ');
        }
        typed_space = false;
        out.push_str(&g.text);
        last_end = Some(g.x1.max(g.x0));
    }
    out
}

fn page_lines(page: &Page) -> Vec<Line<'_>> {
    // With each glyph, the order it was drawn in.
    let mut glyphs: Vec<(usize, &Glyph)> = page.glyphs.iter().enumerate().collect();
    glyphs.sort_by(|(i, a), (j, b)| a.y.total_cmp(&b.y).then(i.cmp(j)));
    let mut lines: Vec<(Line, Vec<usize>)> = Vec::new();
    for (k, g) in glyphs {
        match lines.last_mut() {
            Some((l, order)) if (g.y - l.y).abs() <= 0.35 * l.size.max(g.size) => {
                l.size = l.size.max(g.size);
                l.glyphs.push(g);
                order.push(k);
            }
            _ => lines.push((
                Line {
                    y: g.y,
                    size: g.size,
                    glyphs: vec![g],
                },
                vec![k],
            )),
        }
    }
    lines
        .into_iter()
        .map(|(mut l, order)| {
            l.glyphs = left_to_right(l.glyphs, order);
            l
        })
        .collect()
}

/// A line's glyphs left to right. Within a run drawn in one go the drawing order is kept
/// (a font with wrong widths puts its glyphs at drifting places, so sorting them by place
/// would shuffle the letters); the runs, which each start where the PDF put them, are
/// sorted by that start.
fn left_to_right(glyphs: Vec<&Glyph>, order: Vec<usize>) -> Vec<&Glyph> {
    let mut drawn: Vec<(usize, &Glyph)> = order.into_iter().zip(glyphs).collect();
    drawn.sort_by_key(|(k, _)| *k);
    let mut runs: Vec<Vec<&Glyph>> = Vec::new();
    for (_, g) in drawn {
        match runs.last_mut() {
            // A step back, or a jump forward over a blank, starts another run.
            Some(run)
                if run.last().is_some_and(|p| {
                    let size = p.size.max(g.size);
                    g.x0 >= p.x0 - 0.5 * size && g.x0 <= p.x1 + 1.5 * size
                }) =>
            {
                run.push(g)
            }
            _ => runs.push(vec![g]),
        }
    }
    runs.sort_by(|a, b| a[0].x0.total_cmp(&b[0].x0));
    // A run drawn later into a blank of an earlier one (a number or a date stamped into
    // "Số:      /KH-UBND") goes into that blank; one that overlaps goes after.
    let mut line: Vec<&Glyph> = Vec::new();
    for run in runs {
        let (start, end) = (run[0].x0, run[run.len() - 1].x1);
        let slack = 0.3 * run[0].size;
        let overlaps = line
            .iter()
            .any(|g| !g.space() && g.x1 > start + slack && g.x0 < end - slack);
        if overlaps {
            line.extend(run);
        } else {
            let at = line
                .iter()
                .position(|g| g.x0 >= start)
                .unwrap_or(line.len());
            line.splice(at..at, run);
        }
    }
    line
}

// ------------------------------------------------------------ pieces: text lines and tables

/// A page's content in order.
enum Piece {
    Line { text: String, blank_before: bool },
    Table(TablePiece),
}

impl Piece {
    fn write(&self, out: &mut String) {
        match self {
            Piece::Line { text, blank_before } => {
                if *blank_before {
                    out.push('\n');
                }
                out.push_str(text);
                out.push('\n');
            }
            Piece::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<&str> = row.iter().map(|c| c.trim()).collect();
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
            }
        }
    }
}

fn page_pieces(page: &Page) -> Vec<Piece> {
    let lines = page_lines(page);
    let spacing = typical_spacing(&lines);
    let left = lines.iter().map(Line::x0).fold(f64::MAX, f64::min);
    let right = lines.iter().map(Line::x1).fold(f64::MIN, f64::max);
    let page_edges = (left, right);
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let blank_before = i > 0 && line.y - lines[i - 1].y > 1.6 * spacing;
        if let Some(bounds) = ruled_bounds(line, &page.rules) {
            let (table, next) = ruled_table(&lines, i, bounds, &page.rules, spacing, page_edges);
            pieces.push(Piece::Table(table));
            i = next;
            continue;
        }
        let gaps = line.gaps(3.0);
        // A text table printed as text ("|a    |b    |") keeps its own bars.
        if !gaps.is_empty() && !line.glyphs.iter().any(|g| g.text == "|") {
            let (table, next) = open_table(&lines, i, gaps, spacing, page_edges);
            pieces.push(Piece::Table(table));
            i = next;
            continue;
        }
        let text = words(&line.glyphs, f64::MIN, f64::MAX);
        // Text typed in columns and printed as it is (a .txt), wrapped at the margin: the
        // line broke inside a run of spaces, which it still ends with.
        // A row of a text table ("|a |b |") that does not end with its bar also goes on
        // (the wrap took one space).
        let open_row = |prev: &str| {
            prev.starts_with('|') && !prev.trim_end().ends_with('|') && !text.starts_with('|')
        };
        if let Some(Piece::Line { text: prev, .. }) = pieces.last_mut()
            && !blank_before
            && (prev.ends_with("   ") || open_row(prev))
        {
            if !prev.ends_with(' ') {
                prev.push(' ');
            }
            prev.push_str(&text);
        } else {
            pieces.push(Piece::Line { text, blank_before });
        }
        i += 1;
    }
    pieces
}

/// The usual distance between baselines on the page.
fn typical_spacing(lines: &[Line]) -> f64 {
    let mut d: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 1.0)
        .collect();
    if d.is_empty() {
        return lines.first().map_or(14.0, |l| l.size * 1.2);
    }
    d.sort_by(f64::total_cmp);
    d[d.len() / 2]
}

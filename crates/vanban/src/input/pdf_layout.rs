//! A PDF's glyphs, with their positions, back into the text form a Word file gives:
//! one line per printed line, tables as " | " rows (a cell's lines joined by " / " where
//! they are separate lines, by a space where a sentence wraps), running headers, footers
//! and page numbers dropped, and a table cut by a page break joined again.
//!
//! Tables are found two ways. A ruled table (a task table) has vertical rules crossing
//! its lines: they give the columns, and horizontal rules between lines end its rows. A
//! borderless table (the header and the closing "Nơi nhận | signer" of ND 30/2020) has a
//! wide gap in its first line; its lines stay in it while they keep to its columns.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

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
    /// Where the gaps wider than `ems` font sizes are (their middle).
    fn gaps(&self, ems: f64) -> Vec<f64> {
        self.glyphs
            .windows(2)
            .filter(|w| w[1].x0 - w[0].x1 > ems * self.size)
            .map(|w| (w[0].x1 + w[1].x0) / 2.0)
            .collect()
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
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Line> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(l) if (g.y - l.y).abs() <= 0.35 * l.size.max(g.size) => {
                l.size = l.size.max(g.size);
                l.glyphs.push(g);
            }
            _ => lines.push(Line {
                y: g.y,
                size: g.size,
                glyphs: vec![g],
            }),
        }
    }
    for l in &mut lines {
        l.glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

// ------------------------------------------------------------ pieces: text lines and tables

/// A page's content in order.
enum Piece {
    Line { text: String, blank_before: bool },
    Table(TablePiece),
}

struct TablePiece {
    /// Column boundaries, left to right (n + 1 for n columns).
    bounds: Vec<f64>,
    rows: Vec<Vec<String>>,
}

impl TablePiece {
    fn same_columns(&self, other: &TablePiece) -> bool {
        self.bounds.len() == other.bounds.len()
            && self
                .bounds
                .iter()
                .zip(&other.bounds)
                .all(|(a, b)| (a - b).abs() < 6.0)
    }

    /// Takes in the rows of the same table on the next page: a repeated header row is
    /// dropped, and a first row without its first cell is the rest of the row the page
    /// break cut.
    fn continue_with(&mut self, next: TablePiece) {
        let mut rows = next.rows.into_iter().peekable();
        if rows.peek() == self.rows.first() {
            rows.next();
        }
        if let (Some(first), Some(last)) = (rows.peek(), self.rows.last_mut())
            && first.first().is_some_and(String::is_empty)
            && last.len() == first.len()
        {
            for (cell, more) in last.iter_mut().zip(first) {
                if !more.is_empty() {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(more);
                }
            }
            rows.next();
        }
        self.rows.extend(rows);
    }
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

/// One printed line of a table cell.
struct CellLine {
    text: String,
    x0: f64,
    x1: f64,
    /// The width of its first word.
    first_word: f64,
    size: f64,
    y: f64,
}

/// A cell's printed lines, to be joined once the column's width is known.
struct Cell {
    lines: Vec<CellLine>,
    /// The page's usual distance between baselines.
    spacing: f64,
}

impl Cell {
    fn new(spacing: f64) -> Cell {
        Cell {
            lines: Vec::new(),
            spacing,
        }
    }

    fn push(&mut self, glyphs: &[&Glyph], from: f64, to: f64) {
        let inside: Vec<&Glyph> = glyphs
            .iter()
            .copied()
            .filter(|g| !g.space() && (g.x0 + g.x1) / 2.0 >= from && (g.x0 + g.x1) / 2.0 < to)
            .collect();
        let (Some(first), Some(last)) = (inside.first(), inside.last()) else {
            return;
        };
        let first_word = inside
            .windows(2)
            .find(|w| w[1].x0 - w[0].x1 > 0.12 * w[0].size)
            .map_or(last.x1, |w| w[0].x1)
            - first.x0;
        self.lines.push(CellLine {
            text: words(&inside, f64::MIN, f64::MAX),
            x0: first.x0,
            x1: last.x1,
            first_word,
            size: first.size,
            y: first.y,
        });
    }

    /// The cell's text: a line that starts a new line of the document (a bullet, after a
    /// full stop or a colon, after a blank line's height, from capitals to lowercase or
    /// back, or one whose first word would have fitted on the line before) is joined
    /// with " / ", a wrapped sentence with a space.
    fn text(&self, width: f64) -> String {
        let mut out = String::new();
        let mut prev: Option<&CellLine> = None;
        for line in &self.lines {
            let text = line.text.trim();
            if let Some(p) = prev {
                let fitted =
                    (p.x1 - p.x0) + 0.3 * line.size + line.first_word < width - 0.3 * line.size;
                let capitals = |t: &str| crate::text::upper_ratio(t) > 0.8;
                let new_line = line.y - p.y > 1.6 * self.spacing
                    || capitals(&p.text) != capitals(text)
                    || fitted
                    || text.starts_with(['-', '+', '•', '–', '*'])
                    || opens_with_label(text)
                    || out.ends_with([':', ';', '.', '!', '?']);
                out.push_str(if new_line { " / " } else { " " });
            }
            out.push_str(text);
            prev = Some(line);
        }
        out
    }
}

/// "Số: 45/KH-UBND", "Nơi nhận:", "Thời gian: ...": a label of one to three words and a
/// colon opens a line of its own.
fn opens_with_label(text: &str) -> bool {
    text.split_once(':').is_some_and(|(label, _)| {
        let words = label.split_whitespace().count();
        (1..=3).contains(&words) && label.chars().all(|c| c.is_alphabetic() || c == ' ')
    })
}

/// A table's cells, row by row, joined into text; a column's width is the widest line
/// printed in it.
fn cell_texts(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<f64> = (0..columns)
        .map(|c| {
            let lines = rows.iter().filter_map(|r| r.get(c)).flat_map(|c| &c.lines);
            let (lo, hi) = lines.fold((f64::MAX, f64::MIN), |(lo, hi), l| {
                (lo.min(l.x0), hi.max(l.x1))
            });
            (hi - lo).max(0.0)
        })
        .collect();
    rows.iter()
        .map(|r| r.iter().zip(&widths).map(|(c, w)| c.text(*w)).collect())
        .collect()
}

/// The vertical rules crossing a line, as column boundaries (at least three: two columns).
fn ruled_bounds(line: &Line, rules: &[Rule]) -> Option<Vec<f64>> {
    let mid = line.y - 0.3 * line.size;
    let mut xs: Vec<f64> = rules
        .iter()
        .filter(|r| r.vertical() && r.y0 <= mid && r.y1 >= mid)
        .map(|r| (r.x0 + r.x1) / 2.0)
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 3.0);
    let inside = xs.first().is_some_and(|&l| l <= line.x0() + 1.0)
        && xs.last().is_some_and(|&r| r >= line.x1() - 1.0);
    (xs.len() >= 3 && inside).then_some(xs)
}

fn rule_between(rules: &[Rule], above: f64, below: f64, from: f64, to: f64) -> bool {
    rules.iter().any(|r| {
        r.horizontal() && r.y0 > above && r.y0 < below && r.x0 < to - 2.0 && r.x1 > from + 2.0
    })
}

fn page_pieces(page: &Page) -> Vec<Piece> {
    let lines = page_lines(page);
    let spacing = typical_spacing(&lines);
    let left = lines.iter().map(Line::x0).fold(f64::MAX, f64::min);
    let right = lines.iter().map(Line::x1).fold(f64::MIN, f64::max);
    let page_mid = (left + right) / 2.0;
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let blank_before = i > 0 && line.y - lines[i - 1].y > 1.6 * spacing;
        if let Some(bounds) = ruled_bounds(line, &page.rules) {
            let (table, next) = ruled_table(&lines, i, bounds, &page.rules, spacing);
            pieces.push(Piece::Table(table));
            i = next;
            continue;
        }
        let gaps = line.gaps(3.0);
        // A text table printed as text ("|a    |b    |") keeps its own bars.
        if !gaps.is_empty() && !line.glyphs.iter().any(|g| g.text == "|") {
            let (table, next) = open_table(&lines, i, gaps, spacing, page_mid);
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

fn ruled_table(
    lines: &[Line],
    start: usize,
    bounds: Vec<f64>,
    rules: &[Rule],
    spacing: f64,
) -> (TablePiece, usize) {
    let (left, right) = (bounds[0], bounds[bounds.len() - 1]);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let line = &lines[i];
        if i > start && ruled_bounds(line, rules).is_none_or(|b| b.len() != bounds.len()) {
            break;
        }
        let new_row = i == start
            || rule_between(rules, lines[i - 1].y, line.y - 0.7 * line.size, left, right);
        if new_row {
            rows.push((1..bounds.len()).map(|_| Cell::new(spacing)).collect());
        }
        let row = rows.last_mut().expect("a row");
        for (c, cell) in row.iter_mut().enumerate() {
            cell.push(&line.glyphs, bounds[c], bounds[c + 1]);
        }
        i += 1;
    }
    let rows = cell_texts(&rows);
    (TablePiece { bounds, rows }, i)
}

/// A borderless two-or-more-column block, opened by a line with wide gaps. Later lines
/// belong to it while their text keeps inside one column (and, outside the first column,
/// sits nearer that column's middle than the page's), up to a few blank lines away (the
/// space left for a signature).
fn open_table(
    lines: &[Line],
    start: usize,
    gaps: Vec<f64>,
    spacing: f64,
    page_mid: f64,
) -> (TablePiece, usize) {
    let first = &lines[start];
    let mut bounds = vec![f64::MIN];
    bounds.extend(gaps);
    bounds.push(f64::MAX);
    let columns = bounds.len() - 1;
    let mut row: Vec<Cell> = (0..columns).map(|_| Cell::new(spacing)).collect();
    let mut last_y = first.y;
    let mut i = start;
    while i < lines.len() {
        let line = &lines[i];
        let column = (0..columns).find(|&c| line.x0() >= bounds[c] && line.x0() < bounds[c + 1]);
        let fits = |c: usize| {
            line.glyphs
                .iter()
                .all(|g| g.x0 >= bounds[c] - 1.0 && g.x1 <= bounds[c + 1] + 1.0)
        };
        if i > start {
            let far = line.y - last_y > 8.0 * spacing;
            let multi = !line.gaps(3.0).is_empty() && !line.glyphs.iter().any(|g| g.text == "|");
            let keeps = match column {
                Some(c) if multi => c == 0 || fits(c),
                Some(0) => fits(0) && line.y - last_y <= 2.5 * spacing,
                Some(c) => {
                    let lo = if bounds[c] == f64::MIN {
                        line.x0()
                    } else {
                        bounds[c]
                    };
                    let hi = if bounds[c + 1] == f64::MAX {
                        line.x1()
                    } else {
                        bounds[c + 1]
                    };
                    let centre = (line.x0() + line.x1()) / 2.0;
                    fits(c) && (centre - (lo + hi) / 2.0).abs() < (centre - page_mid).abs()
                }
                None => false,
            };
            if far || !keeps {
                break;
            }
        }
        for (c, cell) in row.iter_mut().enumerate() {
            cell.push(&line.glyphs, bounds[c], bounds[c + 1]);
        }
        last_y = line.y;
        i += 1;
    }
    let rows = cell_texts(&[row]);
    (TablePiece { bounds, rows }, i)
}

// ------------------------------------------------------------ running headers and footers

/// Page numbers ("3", "- 3 -", "Trang 3", "3/12") at the top or bottom of a page, and
/// lines repeated at the top or bottom of most pages, are the page's furniture.
fn drop_running_lines(pages: &mut [Vec<Piece>]) {
    let edge_text = |p: &Piece| match p {
        Piece::Line { text, .. } => Some(shape(text)),
        Piece::Table(_) => None,
    };
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for page in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for p in edges(page.len()).filter_map(|k| page.get(k)) {
            if let Some(s) = edge_text(p) {
                seen.insert(s);
            }
        }
        for s in seen {
            *counts.entry(s).or_default() += 1;
        }
    }
    let n_pages = pages.len();
    let repeated = |s: &str| n_pages >= 2 && counts.get(s).copied().unwrap_or(0) * 2 > n_pages;
    for page in pages.iter_mut() {
        let n = page.len();
        let drop: Vec<usize> = edges(n)
            .filter(|&k| match page.get(k) {
                Some(Piece::Line { text, .. }) => is_page_number(text) || repeated(&shape(text)),
                _ => false,
            })
            .collect();
        for k in drop.into_iter().rev() {
            page.remove(k);
        }
    }
}

/// The first two and last two pieces of a page, in increasing order.
fn edges(n: usize) -> impl Iterator<Item = usize> {
    let mut v: Vec<usize> = [0, 1, n.saturating_sub(2), n.saturating_sub(1)]
        .into_iter()
        .filter(|&k| k < n)
        .collect();
    v.dedup();
    v.into_iter()
}

/// A line with its digits blanked: page headers differ only by their page number.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

fn is_page_number(text: &str) -> bool {
    let t = crate::text::fold(text);
    let t = t.trim_start_matches("trang").trim();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    !t.is_empty()
        && t.len() <= 9
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> TablePiece {
        TablePiece {
            bounds: vec![0.0, 30.0, 300.0, 400.0],
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn a_row_cut_by_a_page_break_is_joined_and_a_repeated_header_dropped() {
        let head: &[&str] = &["STT", "Nội dung", "Đơn vị chủ trì"];
        let mut first = table(&[head, &["1", "Kiểm tra cơ sở", "Sở Văn"]]);
        let next = table(&[
            head,
            &["", "văn hóa", "hóa và Thể thao"],
            &["2", "Tập huấn", "Sở Y tế"],
        ]);
        assert!(first.same_columns(&next));
        first.continue_with(next);
        assert_eq!(
            first.rows,
            vec![
                vec!["STT", "Nội dung", "Đơn vị chủ trì"],
                vec!["1", "Kiểm tra cơ sở văn hóa", "Sở Văn hóa và Thể thao"],
                vec!["2", "Tập huấn", "Sở Y tế"],
            ]
        );
    }

    fn line(text: &str) -> Piece {
        Piece::Line {
            text: text.to_string(),
            blank_before: false,
        }
    }

    fn texts(page: &[Piece]) -> Vec<&str> {
        page.iter()
            .filter_map(|p| match p {
                Piece::Line { text, .. } => Some(text.as_str()),
                Piece::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn page_numbers_and_running_headers_are_dropped() {
        let mut pages = vec![
            vec![line("KẾ HOẠCH"), line("Nội dung trang một"), line("1")],
            vec![
                line("Sở Y tế - Kế hoạch số 12"),
                line("Nội dung trang hai"),
                line("- 2 -"),
            ],
            vec![
                line("Sở Y tế - Kế hoạch số 12"),
                line("Trang 3"),
                line("Nội dung trang ba"),
                line("3/3"),
            ],
        ];
        drop_running_lines(&mut pages);
        assert_eq!(texts(&pages[0]), ["KẾ HOẠCH", "Nội dung trang một"]);
        assert_eq!(texts(&pages[1]), ["Nội dung trang hai"]);
        assert_eq!(texts(&pages[2]), ["Nội dung trang ba"]);
        // A numbered line of the content is not a page number.
        assert!(!is_page_number("1. Tổ chức hội nghị"));
        assert!(!is_page_number("Năm 2025"));
    }

    #[test]
    fn cell_lines_join_as_sentences_or_as_lines() {
        let g = |x0: f64, x1: f64, y: f64, t: &str| Glyph {
            x0,
            x1,
            y,
            size: 10.0,
            text: t.to_string(),
        };
        let glyphs = [
            g(0.0, 90.0, 10.0, "Nơi nhận:"),
            g(0.0, 10.0, 22.0, "-"),
            g(14.0, 95.0, 22.0, "Sở Nội vụ;"),
            g(0.0, 180.0, 34.0, "Ủy ban nhân dân các xã, phường"),
            g(0.0, 60.0, 46.0, "thuộc tỉnh;"),
        ];
        let mut cell = Cell::new(12.0);
        for k in [0usize, 1, 3, 4] {
            let on_line: Vec<&Glyph> = glyphs.iter().filter(|x| x.y == glyphs[k].y).collect();
            cell.push(&on_line, f64::MIN, f64::MAX);
        }
        assert_eq!(
            cell.text(190.0),
            "Nơi nhận: / - Sở Nội vụ; / Ủy ban nhân dân các xã, phường thuộc tỉnh;"
        );
    }
}

//! Tables on a page: ruled ones (columns from vertical rules, rows ended by horizontal
//! ones), borderless ones (opened by a wide gap), their cells' lines joined into text, and
//! a table that a page break cut.

use super::{Glyph, Line, Rule, words};

pub(super) struct TablePiece {
    /// Column boundaries, left to right (n + 1 for n columns).
    pub(super) bounds: Vec<f64>,
    pub(super) rows: Vec<Vec<String>>,
}

impl TablePiece {
    pub(super) fn same_columns(&self, other: &TablePiece) -> bool {
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
    pub(super) fn continue_with(&mut self, next: TablePiece) {
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
pub(super) struct Cell {
    lines: Vec<CellLine>,
    /// The page's usual distance between baselines.
    spacing: f64,
}

impl Cell {
    pub(super) fn new(spacing: f64) -> Cell {
        Cell {
            lines: Vec::new(),
            spacing,
        }
    }

    pub(super) fn push(&mut self, glyphs: &[&Glyph], from: f64, to: f64) {
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
    pub(super) fn text(&self, width: f64) -> String {
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

/// A table's cells, row by row, joined into text. A column is as wide as its bounds
/// (`from` and `to`, the page's text edges standing in for an open side), and never
/// narrower than the widest line printed in it.
fn cell_texts(rows: &[Vec<Cell>], bounds: &[f64], page: (f64, f64)) -> Vec<Vec<String>> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<f64> = (0..columns)
        .map(|c| {
            let lines = rows.iter().filter_map(|r| r.get(c)).flat_map(|c| &c.lines);
            let (lo, hi) = lines.fold((f64::MAX, f64::MIN), |(lo, hi), l| {
                (lo.min(l.x0), hi.max(l.x1))
            });
            let widest = (hi - lo).max(0.0);
            let from = bounds.get(c).map_or(page.0, |b| b.max(page.0));
            let to = bounds.get(c + 1).map_or(page.1, |b| b.min(page.1));
            widest.max(to - from - 4.0)
        })
        .collect();
    rows.iter()
        .map(|r| r.iter().zip(&widths).map(|(c, w)| c.text(*w)).collect())
        .collect()
}

/// The vertical rules crossing a line, as column boundaries (at least three: two columns).
pub(super) fn ruled_bounds(line: &Line, rules: &[Rule]) -> Option<Vec<f64>> {
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

pub(super) fn ruled_table(
    lines: &[Line],
    start: usize,
    bounds: Vec<f64>,
    rules: &[Rule],
    spacing: f64,
    page_edges: (f64, f64),
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
    let rows = cell_texts(&rows, &bounds, page_edges);
    (TablePiece { bounds, rows }, i)
}

/// A borderless two-or-more-column block, opened by a line with wide gaps. Later lines
/// belong to it while their text keeps inside one column (and, outside the first column,
/// sits nearer that column's middle than the page's), up to a few blank lines away (the
/// space left for a signature).
pub(super) fn open_table(
    lines: &[Line],
    start: usize,
    gaps: Vec<f64>,
    spacing: f64,
    page_edges: (f64, f64),
) -> (TablePiece, usize) {
    let page_mid = (page_edges.0 + page_edges.1) / 2.0;
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
                .filter(|g| !g.space())
                .all(|g| g.x0 >= bounds[c] - 1.0 && g.x1 <= bounds[c + 1] + 1.0)
        };
        if i > start {
            let far = line.y - last_y > 8.0 * spacing;
            let multi = !line.gaps(3.0).is_empty() && !line.glyphs.iter().any(|g| g.text == "|");
            let keeps = match column {
                Some(c) if multi => c == 0 || fits(c),
                Some(0) => fits(0) && line.y - last_y <= 2.5 * spacing,
                Some(c) => {
                    let lo = bounds[c].max(page_edges.0);
                    let hi = bounds[c + 1].min(page_edges.1);
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
    let rows = cell_texts(&[row], &bounds, page_edges);
    (TablePiece { bounds, rows }, i)
}

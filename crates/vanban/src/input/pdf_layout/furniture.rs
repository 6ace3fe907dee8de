//! A page's furniture: page numbers and running headers and footers.

use super::Piece;

/// Page numbers ("3", "- 3 -", "Trang 3", "3/12") at the top or bottom of a page, and
/// lines repeated at the top or bottom of most pages, are the page's furniture.
pub(super) fn drop_running_lines(pages: &mut [Vec<Piece>]) {
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

pub(super) fn is_page_number(text: &str) -> bool {
    let t = crate::text::fold(text);
    let t = t.trim_start_matches("trang").trim();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    !t.is_empty()
        && t.len() <= 9
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')
}

//! Where the document's parts begin and end: the real header after a site's banner, the
//! site's trailer, the first heading, the closing block, the appendices.

use super::closing::is_authority_line;
use super::sections::section_kind_of;
use super::{Head, para};
use crate::lines::Block;
use crate::markers::{Style, marker_parts};
use crate::text::{fold_head, upper_ratio};

/// The national motto opens the real header; anything before it is a site's banner.
pub(super) fn motto_index(blocks: &[Block], heads: &[Head]) -> Option<usize> {
    blocks
        .iter()
        .zip(heads)
        .take(400)
        .position(|(b, h)| match b {
            Block::Para(_) => h.first40().contains("cong hoa xa hoi chu nghia"),
            Block::Table(t) => {
                fold_head(&t.opening(300), 300).contains("cong hoa xa hoi chu nghia")
            }
        })
}

/// Site furniture after the document (legal-library pages): cut there.
pub(super) fn trailer_index(blocks: &[Block], heads: &[Head], from: usize) -> usize {
    // Phrases that only the site writes; "contains" ones are specific enough anywhere in
    // a block's opening, "starts" ones only at its start.
    const CONTAINS: &[&str] = &[
        "thu vien phap luat",
        "thuvienphapluat",
        "ban dich nay thuoc quyen",
        "cam on da dung",
    ];
    const STARTS: &[&str] = &[
        "van ban lien quan",
        "luoc do",
        "tai van ban",
        "ban dang xem",
        "noi dung van ban dang duoc cap nhat",
        "dia chi:",
        "mst:",
    ];
    for (i, (b, h)) in blocks.iter().zip(heads).enumerate().skip(from) {
        let table_head;
        let head = match b {
            Block::Para(_) => &h.folded,
            Block::Table(t) => {
                table_head = fold_head(&t.opening(80), 80);
                &table_head
            }
        };
        if CONTAINS.iter().any(|j| head.contains(j)) || STARTS.iter().any(|j| head.starts_with(j)) {
            return i;
        }
    }
    blocks.len()
}

/// The header begins with the issuer: the motto's table, or the capitalised lines just
/// above the motto.
pub(super) fn header_start(blocks: &[Block], motto: usize) -> usize {
    if matches!(blocks[motto], Block::Table(_)) {
        return motto;
    }
    let mut s = motto;
    while s > 0 && motto - s < 4 {
        match &blocks[s - 1] {
            Block::Para(p) if p.text.chars().count() < 80 && upper_ratio(&p.text) > 0.7 => s -= 1,
            _ => break,
        }
    }
    s
}

pub(super) fn is_heading_block(b: &Block) -> bool {
    match b {
        Block::Para(p) => {
            marker_parts(&p.text).is_some_and(|((style, _), rest)| {
                !rest.is_empty() && !matches!(style, Style::Article)
            }) || section_kind_of(&p.text).is_some()
        }
        Block::Table(_) => false,
    }
}

/// `head`: the block's first 20 characters, folded ([`Head::first20`]).
pub(super) fn is_appendix_label(b: &Block, head: &str) -> bool {
    let Some(p) = para(b) else { return false };
    let t = p.text.trim();
    let f = head;
    ["phu luc", "mau bieu", "bieu mau", "phu bieu"]
        .iter()
        .any(|w| f.starts_with(w))
        && (upper_ratio(t) > 0.6 || p.strong || t.chars().count() < 30)
        && t.chars().count() < 200
}

pub(super) fn is_closing_start(b: &Block, head: &str) -> bool {
    match b {
        Block::Para(p) => head.starts_with("noi nhan") || is_authority_line(&p.text),
        Block::Table(t) => {
            t.rows
                .iter()
                .flatten()
                .any(|c| fold_head(c, 20).starts_with("noi nhan"))
                || t.rows.iter().flatten().any(|c| is_authority_line(c))
        }
    }
}

/// "Trên đây là Kế hoạch ..." closes the body.
pub(super) fn is_body_end(head: &str) -> bool {
    head.starts_with("tren day la") || head.starts_with("tren day ")
}

//! Structure: header, title, preamble (legal basis), the section tree, the closing block
//! (recipients, archive, signer) and appendices.
//!
//! The reading goes in one pass over the blocks from [`crate::lines`]; each part is a
//! small function in one of the modules below that takes the blocks it needs and returns
//! what it understood. [`parse`] calls them in the document's order.

mod appendices;
mod closing;
mod fields;
mod header;
mod sections;
mod tables;
mod title;
mod tree;
mod zones;

#[cfg(test)]
mod synthetic;
#[cfg(test)]
mod tests;

// The numbering markers live below both this module and `lines`; they stay public here.
pub use crate::markers::{
    Marker, Style, is_bullet, is_wrapped_marker, marker_only, split_marker, strip_bullets,
};

use crate::lines::{self, Block, Para};
use crate::model::{Document, ParsedPlan, SCHEMA_VERSION, Warning};
use crate::phrases;
use crate::text::{fold, squash_spaces};
use appendices::read_appendices;
use closing::read_closing;
use header::{letter_header_end, read_header};
use sections::assemble;
use title::{
    become_issued_plan, decide_kind, kind_line_index, plan_in_article_one, quoted_plan_name,
    read_preamble, read_title, wrapped_plan_index,
};
use tree::build_tree;
use zones::{
    header_start, is_appendix_label, is_body_end, is_closing_start, is_heading_block, motto_index,
    trailer_index,
};

/// The document's blocks (banner and site trailer cut off), their heads, and the warnings
/// gathered while reading them.
struct Doc<'a> {
    blocks: &'a [Block],
    /// Each block's [`Head`].
    heads: Vec<Head>,
    warnings: Vec<Warning>,
}

/// A paragraph's opening, folded once: the zone tests (motto, trailer, appendix, closing,
/// body end) look at the opening words of every block. Empty for a table.
struct Head {
    /// The first 80 characters, folded.
    folded: String,
    /// Where the first 20 and the first 40 characters end in `folded`.
    ends: [usize; 2],
}

impl Head {
    fn of(b: &Block) -> Head {
        let (folded, ends) = match b {
            Block::Para(p) => crate::text::fold_head_with_cuts(&p.text, 80, [20, 40]),
            Block::Table(_) => (String::new(), [0, 0]),
        };
        Head { folded, ends }
    }

    /// The first 20 characters, folded.
    fn first20(&self) -> &str {
        &self.folded[..self.ends[0]]
    }

    /// The first 40 characters, folded.
    fn first40(&self) -> &str {
        &self.folded[..self.ends[1]]
    }
}

fn para(b: &Block) -> Option<&Para> {
    match b {
        Block::Para(p) => Some(p),
        Block::Table(_) => None,
    }
}

/// "(Ban hành kèm theo Quyết định số 215/QĐ-UBND ngày 05/02/2026 của …)": the decision
/// that issues the plan printed below it.
fn issuing_decision(text: &str) -> Option<crate::model::DocRef> {
    let f = crate::text::fold_head(text.trim_start_matches(['(', ' ']), 40);
    if !f.starts_with("ban hanh kem theo") && !f.starts_with("kem theo quyet dinh") {
        return None;
    }
    phrases::doc_refs(text)
        .into_iter()
        .find(|r| r.kind_code.as_deref() == Some("QĐ"))
}

pub fn parse(text: &str) -> ParsedPlan {
    let (all_blocks, line_warnings) = lines::blocks_with_warnings(text);
    let mut heads: Vec<Head> = all_blocks.iter().map(Head::of).collect();
    // Where the document starts: the issuer cell or lines before the national motto.
    let motto = motto_index(&all_blocks, &heads);
    let start = motto.map_or(0, |m| header_start(&all_blocks, m));
    let end = trailer_index(&all_blocks, &heads, start + 1);
    let mut owned = all_blocks;
    owned.truncate(end.max(start));
    owned.drain(..start);
    heads.truncate(end.max(start));
    heads.drain(..start);
    // In a table that also holds a site's metadata grid, the header starts at the motto's row.
    if let Some(Block::Table(t)) = owned.first_mut()
        && let Some(r) = t.rows.iter().position(|r| {
            r.iter()
                .any(|c| fold(&squash_spaces(c)).contains("cong hoa xa hoi"))
        })
    {
        t.rows.drain(..r);
        // Within the motto's row, the issuer is the last filled cell before the motto.
        if let Some(m) = t.rows[0]
            .iter()
            .position(|c| fold(&squash_spaces(c)).contains("cong hoa xa hoi"))
            && let Some(k) = t.rows[0][..m].iter().rposition(|c| !c.trim().is_empty())
        {
            t.rows[0].drain(..k);
        }
    }
    let blocks = &owned[..];
    let mut doc = Doc {
        blocks,
        heads,
        warnings: line_warnings,
    };

    // ---- header and title
    let title_at = kind_line_index(blocks, 0);
    // Without a title line (an official letter), the header runs to "Kính gửi" or the body.
    let header_end = title_at
        .unwrap_or_else(|| letter_header_end(blocks))
        .min(blocks.len());
    let header = read_header(&blocks[..header_end]);
    // A copy of the body alone (a scrape or conversion that starts at the title, as the
    // seed does): read on, but say that the issuer, number and date are missing or taken
    // from the body.
    if motto.is_none() && header.number.is_none() && header.date.is_none() {
        doc.warnings.push(Warning {
            line: blocks.first().map_or(1, Block::line),
            message: "no document header was found (issuer, national motto, number, date): \
                      the title and issuer are read from the body; check them"
                .into(),
        });
    }
    let mut document = Document {
        kind: String::new(),
        kind_code: None,
        number: header.number.clone(),
        symbol: header.symbol.clone(),
        issuer: header.issuer.clone(),
        parent_issuer: header.parent_issuer.clone(),
        place: header.place.clone(),
        date: header.date,
        title: String::new(),
        year: None,
        issued_by: None,
    };

    let (title_kind, title, after_title) = match title_at {
        Some(i) => read_title(blocks, i),
        None => (None, header.subject.clone().unwrap_or_default(), header_end),
    };
    let symbol_code = header
        .symbol
        .as_deref()
        .and_then(phrases::kind_code_of_symbol);
    let (kind, code) = decide_kind(title_kind, symbol_code, &header);
    document.kind = kind.to_string();
    document.kind_code = code.map(str::to_string);
    document.title = if title.is_empty() {
        header.subject.clone().unwrap_or_default()
    } else {
        title
    };

    // ---- a decision that issues a plan: the plan's own title and body follow its closing block
    let mut body_from = after_title;
    let mut legal_basis = Vec::new();
    let mut closing_blocks: Vec<usize> = Vec::new();
    let mut body_limit = blocks.len();
    if code == Some("QĐ") {
        if let Some(plan_at) = wrapped_plan_index(blocks, after_title) {
            read_preamble(blocks, after_title, plan_at, &mut legal_basis);
            let (_, plan_title, plan_body) = read_title(blocks, plan_at);
            become_issued_plan(&mut document);
            if !plan_title.is_empty() {
                document.title = plan_title;
            }
            closing_blocks.extend(after_title..plan_at);
            body_from = plan_body;
        } else if let Some((art1, art2)) = plan_in_article_one(blocks, after_title) {
            // "Điều 1. Phê duyệt Kế hoạch ... với các nội dung sau:" and the plan inside it.
            read_preamble(blocks, after_title, art1, &mut legal_basis);
            become_issued_plan(&mut document);
            if let Some(name) = para(&blocks[art1]).and_then(|p| quoted_plan_name(&p.text)) {
                document.title = name;
            }
            body_from = art1 + 1;
            body_limit = art2;
        }
    }

    // ---- preamble: legal basis and the issuer named in the body
    let mut first_heading = (body_from..blocks.len())
        .find(|&i| is_heading_block(&blocks[i]))
        .unwrap_or(blocks.len());
    // A closing block before any heading (a plan whose headings were lost in copying):
    // the body ends there, and the recipients' bullets are never read as items.
    if let Some(closing) =
        (body_from..first_heading).find(|&i| is_closing_start(&blocks[i], doc.heads[i].first20()))
    {
        first_heading = closing;
    }
    // ---- a plan printed on its own under "(Ban hành kèm theo Quyết định số …)"
    if document.issued_by.is_none()
        && let Some(decision) = (title_at.unwrap_or(after_title)
            ..first_heading.min(after_title + 6))
            .filter_map(|i| para(&blocks[i]))
            .find_map(|p| issuing_decision(&p.text))
    {
        document.date = document.date.or(decision.date);
        document.issued_by = Some(decision);
        document.number = None;
        document.symbol = None;
    }

    let issuer_from_body = read_preamble(blocks, body_from, first_heading, &mut legal_basis);
    if document.issuer.is_none() {
        document.issuer = issuer_from_body;
    }

    // ---- year
    document.year = phrases::year_named(&document.title)
        .filter(|y| (1900..2200).contains(y))
        .or(header.year)
        .or_else(|| phrases::year_of(document.date));

    // ---- body, closing block and appendices
    let appendix_at = (first_heading..blocks.len())
        .find(|&i| is_appendix_label(&blocks[i], doc.heads[i].first20()))
        .unwrap_or(blocks.len());
    let closing_at = (first_heading..appendix_at)
        .find(|&i| is_closing_start(&blocks[i], doc.heads[i].first20()))
        .unwrap_or(appendix_at);
    let body_end = (first_heading..closing_at)
        .find(|&i| is_body_end(doc.heads[i].first20()))
        .unwrap_or(closing_at)
        .min(body_limit.max(first_heading));
    closing_blocks.extend(closing_at..appendix_at);
    // A closing block may also sit at the very end of the last appendix.
    let closing = read_closing(blocks, &closing_blocks);

    let sections = build_tree(&mut doc, first_heading, body_end, document.year);
    let mut plan = assemble(sections, document.year);
    let appendices = read_appendices(&mut doc, appendix_at, blocks.len(), document.year);

    if plan.items.is_empty() && appendices.iter().all(|a| a.items.is_empty()) {
        doc.warnings.push(Warning {
            line: blocks.get(first_heading).map_or(1, Block::line),
            message: "no numbered content was found: the document's structure (headings \
                      such as I., 1., a)) was not recognised, so no items were read"
                .into(),
        });
    }
    plan.budget = plan.budget.filter(|b| !b.text.is_empty());
    ParsedPlan {
        schema_version: SCHEMA_VERSION,
        document,
        legal_basis,
        purposes: plan.purposes,
        requirements: plan.requirements,
        items: plan.items,
        budget: plan.budget,
        responsibilities: plan.responsibilities,
        recipients: closing.recipients,
        archive: closing.archive,
        signer: closing.signer,
        appendices,
        warnings: doc.warnings,
    }
}

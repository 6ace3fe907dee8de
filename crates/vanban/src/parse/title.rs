//! From the kind line to the body: the kind and title, a decision that issues a plan,
//! and the preamble (legal basis, the issuer named in a sentence).

use super::header::{BODY_STARTS, Header};
use super::para;
use super::zones::is_heading_block;
use crate::lines::Block;
use crate::markers::{Style, kind_of_heading, kind_of_line, marker_parts};
use crate::model::{DocRef, Document, LegalBasis};
use crate::phrases;
use crate::text::{fold, fold_head, squash_spaces, upper_ratio};

pub(super) fn kind_line_index(blocks: &[Block], from: usize) -> Option<usize> {
    // Without a header, the document may open with its title as a heading in any case.
    if from == 0
        && let Some(Block::Para(p)) = blocks.first()
        && p.strong
        && kind_of_line(&p.text).is_none()
        && kind_of_heading(&p.text).is_some()
    {
        return Some(0);
    }
    blocks
        .iter()
        .enumerate()
        .skip(from)
        .take(60)
        .find_map(|(i, b)| {
            let p = para(b)?;
            kind_of_line(&p.text).map(|_| i)
        })
}

/// Reads the title after the kind line; returns (kind, title, index after the title).
pub(super) fn read_title(
    blocks: &[Block],
    at: usize,
) -> (Option<(&'static str, &'static str)>, String, usize) {
    let Some(p) = para(&blocks[at]) else {
        return (None, String::new(), at + 1);
    };
    // The first heading of a headerless document may name its kind in lowercase.
    let Some((name, code, rest)) = kind_of_line(&p.text).or_else(|| {
        (at == 0 && p.strong)
            .then(|| kind_of_heading(&p.text))
            .flatten()
    }) else {
        return (None, String::new(), at + 1);
    };
    let mut parts: Vec<String> = Vec::new();
    // "GIẤY MỜI HỌP": the meeting is part of the kind's name.
    let rest = if code == "GM" && fold(&rest).starts_with("hop") {
        rest.chars().skip(3).collect::<String>().trim().to_string()
    } else {
        rest
    };
    if !rest.is_empty() {
        parts.push(rest);
    }
    let mut i = at + 1;
    while i < blocks.len() && parts.len() < 6 {
        let Some(q) = para(&blocks[i]) else { break };
        let t = q.text.trim();
        let f = fold(t);
        if t.starts_with('(') || t.starts_with('[') {
            // "(Ban hành kèm theo ...)" belongs to the title block but not to the title.
            i += 1;
            continue;
        }
        let upper = upper_ratio(t) > 0.7;
        // The first line after the kind is the title even when it opens with "Thực hiện"
        // or "Triển khai"; a legal basis ("Căn cứ") never is.
        let body_start = if parts.is_empty() {
            f.starts_with("can cu") || f.starts_with("kinh gui")
        } else {
            BODY_STARTS.iter().any(|s| f.starts_with(s))
        };
        if !upper && body_start
            || marker_parts(t).is_some_and(|((style, _), _)| !matches!(style, Style::Dash))
        {
            break;
        }
        if !parts.is_empty() && upper && phrases::is_unit_start(t) && t.chars().count() < 60 {
            // The issuing body's name before the articles of a decision.
            break;
        }
        if !(parts.is_empty() || upper || q.strong || t.chars().count() < 140 && !t.ends_with(':'))
        {
            break;
        }
        if f.ends_with("nhu sau:") || f.contains("cu the nhu sau") {
            break;
        }
        parts.push(t.trim_end_matches('.').to_string());
        i += 1;
        if t.ends_with('.') && !upper {
            break;
        }
    }
    let title = squash_spaces(&parts.join(" "));
    let title = title.trim_matches(['*', '_', ' ']).to_string();
    (Some((name, code)), title, i)
}

pub(super) fn decide_kind(
    title_kind: Option<(&'static str, &'static str)>,
    symbol_code: Option<&'static str>,
    header: &Header,
) -> (&'static str, Option<&'static str>) {
    match (symbol_code, title_kind) {
        (Some(code), _) => (
            phrases::kind_name_for(code).unwrap_or("Văn bản"),
            Some(code),
        ),
        (None, Some((name, code))) if header.subject.is_none() => (name, Some(code)),
        (None, _) if header.subject.is_some() || header.symbol.is_some() => {
            ("Công văn", Some("CV"))
        }
        (None, Some((name, code))) => (name, Some(code)),
        (None, None) => ("Văn bản", None),
    }
}

/// In a Quyết định, the plan it issues begins at a later "KẾ HOẠCH" title line, when
/// the articles say the decision issues or approves a plan.
pub(super) fn wrapped_plan_index(blocks: &[Block], from: usize) -> Option<usize> {
    let at = (from..blocks.len()).find(|&i| {
        para(&blocks[i]).is_some_and(|p| kind_of_line(&p.text).is_some_and(|(_, c, _)| c == "KH"))
    })?;
    let articles: String = blocks[from..at]
        .iter()
        .filter_map(para)
        .map(|p| fold(&p.text))
        .collect::<Vec<_>>()
        .join(" ");
    let issues = [
        "ban hanh kem theo",
        "phe duyet ke hoach",
        "ban hanh ke hoach",
        "kem theo quyet dinh nay ke hoach",
    ];
    (issues.iter().any(|s| articles.contains(s)) && articles.contains("ke hoach")).then_some(at)
}

/// The document is the plan a decision issues: the decision (the header's number, symbol,
/// date and issuer) moves to `issued_by`.
pub(super) fn become_issued_plan(document: &mut Document) {
    document.issued_by = Some(DocRef {
        kind_code: Some("QĐ".into()),
        number: document.number.clone(),
        symbol: document.symbol.clone(),
        date: document.date,
        issuer: document.issuer.clone(),
    });
    document.kind = "Kế hoạch".into();
    document.kind_code = Some("KH".into());
    // The plan has no number of its own; its date is the decision's.
    document.number = None;
    document.symbol = None;
}

/// A decision whose first article approves or issues a plan written out inside the
/// article: returns the article's block and the next article's.
pub(super) fn plan_in_article_one(blocks: &[Block], from: usize) -> Option<(usize, usize)> {
    let art1 = (from..blocks.len()).find(|&i| {
        para(&blocks[i]).is_some_and(|p| {
            marker_parts(&p.text).is_some_and(|((style, _), rest)| {
                let f = fold(rest);
                style == Style::Article
                    && (f.contains("phe duyet") || f.contains("ban hanh"))
                    && f.contains("ke hoach")
            })
        })
    })?;
    let art2 = (art1 + 1..blocks.len())
        .find(|&i| {
            para(&blocks[i]).is_some_and(|p| {
                marker_parts(&p.text).is_some_and(|((style, _), _)| style == Style::Article)
            })
        })
        .unwrap_or(blocks.len());
    let headings = (art1 + 1..art2)
        .filter(|&i| is_heading_block(&blocks[i]))
        .count();
    (headings >= 2).then_some((art1, art2))
}

/// “Kế hoạch hành động quốc gia về ...” in an article → "Hành động quốc gia về ...".
pub(super) fn quoted_plan_name(text: &str) -> Option<String> {
    let open = text.find('“')?;
    let close = text[open..].find('”')? + open;
    let inner = text[open + '“'.len_utf8()..close].trim();
    let f = fold(inner);
    let rest = if f.starts_with("ke hoach ") {
        inner
            .char_indices()
            .nth("ke hoach ".len())
            .map(|(i, _)| &inner[i..])?
    } else {
        inner
    };
    let mut chars = rest.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

// ---- preamble

/// Collects "Căn cứ ..." / "Thực hiện ..." clauses between `from` and `to`; returns the
/// issuer named in a sentence such as "Sở ... xây dựng Kế hoạch ...".
pub(super) fn read_preamble(
    blocks: &[Block],
    from: usize,
    to: usize,
    out: &mut Vec<LegalBasis>,
) -> Option<String> {
    let mut issuer = None;
    for b in &blocks[from.min(to)..to] {
        let Some(p) = para(b) else { continue };
        let t = p.text.trim();
        let f = fold_head(t, 20);
        // "Triển khai thực hiện Nghị quyết số …", "Thực hiện …", "Căn cứ …"; "Triển khai
        // …" or "Để triển khai …" only when it cites a document.
        let cites = || f.contains("so ") || !phrases::doc_refs(t).is_empty();
        if f.starts_with("can cu")
            || f.starts_with("thuc hien")
            || f.starts_with("trien khai thuc hien")
            || (f.starts_with("trien khai") || f.starts_with("de trien khai")) && cites()
        {
            out.push(LegalBasis {
                text: t.to_string(),
                refs: phrases::doc_refs(t),
            });
        }
        if issuer.is_none() {
            issuer = issuer_in_sentence(t);
        }
    }
    issuer
}

/// "Sở Văn hóa và Thể thao Hà Nội xây dựng Kế hoạch ..." → "Sở Văn hóa và Thể thao Hà Nội".
fn issuer_in_sentence(t: &str) -> Option<String> {
    // Folded: "xây dựng kế hoạch", "ban hành kế hoạch", "lập kế hoạch".
    const VERBS: [&str; 3] = [" xay dung ke hoach", " ban hanh ke hoach", " lap ke hoach"];
    // One folded copy, searched for each verb (searching case-insensitively from every
    // position would be quadratic in the sentence).
    let folded = fold(t);
    let at = VERBS.iter().filter_map(|v| folded.find(v)).min()?;
    let pos = crate::text::origin_of(t, at);
    let before = &t[..pos];
    let start = before.rfind([',', ';', ':', '.']).map_or(0, |i| i + 1);
    let cand = before[start..].trim();
    (phrases::is_unit_start(cand) && cand.split_whitespace().count() <= 14)
        .then(|| cand.to_string())
}

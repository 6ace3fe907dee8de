//! Structure: header, title, preamble (legal basis), the section tree, the closing block
//! (recipients, archive, signer) and appendices.
//!
//! The reading goes in one pass over the blocks from [`crate::lines`]; each part below
//! is a small function that takes the blocks it needs and returns what it understood.

use crate::lines::{self, Block, Para, Table};
use crate::model::*;
use crate::phrases::{self, KINDS};
use crate::text::{fold, fold_head, fold_tail, squash_spaces, starts_with_word, upper_ratio};

// ================================================================ numbering markers

/// The numbering styles of Vietnamese administrative text, from the outermost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// "PHẦN I", "Phần thứ nhất".
    Part,
    Article,
    UpperLetter,
    Roman,
    Decimal(u8),
    LowerLetter,
    Ordinal,
    ParenRoman,
    ParenNumber,
    Dash,
    Plus,
    Bullet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// As written: "II.", "1.1.", "a)", "-".
    pub text: String,
}

const ROMANS: &[&str] = &[
    "XX", "XIX", "XVIII", "XVII", "XVI", "XV", "XIV", "XIII", "XII", "XI", "X", "IX", "VIII",
    "VII", "VI", "V", "IV", "III", "II", "I",
];
const VI_LETTERS: &str = "abcdđeghiklmnopqrstuvxy";
const ORDINALS: &[&str] = &[
    "mot la", "hai la", "ba la", "bon la", "nam la", "sau la", "bay la", "tam la", "chin la",
    "muoi la",
];

/// Splits a numbering marker off the start of a line.
pub fn split_marker(t: &str) -> Option<(Marker, &str)> {
    marker_parts(t).map(|((style, text), rest)| {
        let text = text.to_string();
        (Marker { style, text }, rest)
    })
}

/// [`split_marker`] with the marker as written borrowed, not copied: most callers only
/// want its style, and it is asked of every line.
pub(crate) fn marker_parts(t: &str) -> Option<((Style, &str), &str)> {
    fn mk(style: Style, text: &str) -> (Style, &str) {
        (style, text)
    }
    let t = t.trim_start();
    let first = t.chars().next()?;
    // Bullets.
    if matches!(
        first,
        '-' | '–' | '—' | '•' | '·' | '●' | '\u{F0A7}' | '\u{F0B7}' | '+' | '*' | '∗'
    ) {
        let rest = &t[first.len_utf8()..];
        if rest.starts_with(['-', '–', '—']) {
            return None;
        }
        let style = match first {
            '+' => Style::Plus,
            '-' | '–' | '—' => Style::Dash,
            _ => Style::Bullet,
        };
        if first == '*' && !rest.starts_with(' ') {
            return None;
        }
        let marker_text = if matches!(first, '–' | '—') {
            "-"
        } else {
            &t[..first.len_utf8()]
        };
        return Some(((style, marker_text), rest.trim_start()));
    }
    if first == '(' {
        let close = t.find(')')?;
        let inner = &t[1..close];
        let rest = t[close + 1..].trim_start();
        if inner.is_empty() || inner.len() > 4 {
            return None;
        }
        if ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"].contains(&inner) {
            return Some((mk(Style::ParenRoman, &t[..=close]), rest));
        }
        if inner.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() && !rest.starts_with('|') {
            return Some((mk(Style::ParenNumber, &t[..=close]), rest));
        }
        return None;
    }
    // Only "Điều", "Phần" and "Một là"-style markers need the folded head; most lines
    // start otherwise, and folding every line's head is measurable.
    let ordinal_initial =
        crate::text::fold_char(first).is_none_or(|c| ORDINALS.iter().any(|o| o.starts_with(c)));
    let needs_fold = matches!(first, 'Đ' | 'đ' | 'D' | 'd' | 'P' | 'p')
        || ordinal_initial
            && t.char_indices()
                .nth(16)
                .map_or(t, |(i, _)| &t[..i])
                .as_bytes()
                .windows(" là".len())
                .any(|w| w == " là".as_bytes());
    let folded_head = if needs_fold {
        fold_head(t, 12)
    } else {
        String::new()
    };
    if let Some(rest) = folded_head.strip_prefix("dieu ") {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let after_digits = rest[digits.len()..].chars().next();
            if matches!(after_digits, Some('.' | ':') | None) {
                let len = "Điều ".len() + digits.len() + after_digits.map_or(0, char::len_utf8);
                let len = len.min(t.len());
                if t.is_char_boundary(len) {
                    return Some((mk(Style::Article, &t[..len]), t[len..].trim_start()));
                }
            }
        }
    }
    if let Some(after) = folded_head.strip_prefix("phan ") {
        let word_count = if after.starts_with("thu ") { 3 } else { 2 };
        let token = after.split_whitespace().next().unwrap_or("");
        let numbered = ROMANS
            .iter()
            .any(|r| r.eq_ignore_ascii_case(token.trim_end_matches(['.', ':'])))
            || token.chars().all(|c| c.is_ascii_digit()) && !token.is_empty()
            || after.starts_with("thu ");
        if numbered {
            // The byte offset just after the `word_count`-th word.
            let mut end = t.len();
            let mut words = 0;
            let mut in_word = false;
            for (i, c) in t.char_indices() {
                if c.is_whitespace() {
                    if in_word {
                        words += 1;
                        if words == word_count {
                            end = i;
                            break;
                        }
                    }
                    in_word = false;
                } else {
                    in_word = true;
                }
            }
            let text = t[..end].trim_end_matches([':', '.', ' ']);
            let rest = t[end..].trim_start_matches([':', '.', '-', ' ']);
            return Some((mk(Style::Part, text), rest));
        }
    }
    for o in ORDINALS.iter().filter(|_| !folded_head.is_empty()) {
        if starts_with_word(&folded_head, o) || folded_head.starts_with(o) {
            let n = t
                .char_indices()
                .nth(o.chars().count())
                .map_or(t.len(), |(i, _)| i);
            let rest = t[n..].trim_start_matches([',', ':']).trim_start();
            return Some((mk(Style::Ordinal, &t[..n]), rest));
        }
    }
    // Roman numerals and capital letters: "II." "IV -" "B."
    if first.is_ascii_uppercase() {
        for r in ROMANS {
            if let Some(after) = t.strip_prefix(r)
                && let Some(rest) = marker_end(after, true)
            {
                return Some((
                    mk(Style::Roman, &t[..t.len() - after.len() + punct_len(after)]),
                    rest,
                ));
            }
        }
        let after = &t[1..];
        if let Some(rest) = marker_end(after, false)
            && !rest.is_empty()
        {
            return Some((mk(Style::UpperLetter, &t[..1 + punct_len(after)]), rest));
        }
        return None;
    }
    if first.is_ascii_digit() {
        // 1.  1.1.  1.1.1  1)
        let mut end = 0;
        let mut parts = 0;
        let bytes = t.as_bytes();
        loop {
            let start = end;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            let len = end - start;
            if len == 0 || len > 3 || (parts > 0 && len == 3) {
                return None;
            }
            parts += 1;
            if end < bytes.len()
                && bytes[end] == b'.'
                && end + 1 < bytes.len()
                && bytes[end + 1].is_ascii_digit()
            {
                end += 1;
                continue;
            }
            break;
        }
        let after = &t[end..];
        let (punct, rest) = if let Some(r) = after.strip_prefix(['.', ')']) {
            (1, r)
        } else if parts >= 2 {
            (0, after)
        } else {
            return None;
        };
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        let rest_trim = rest.trim_start();
        // "10.000 tỷ", "1.5 triệu" are figures, not headings.
        if parts >= 2
            && punct == 0
            && rest_trim
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '%')
        {
            return None;
        }
        return Some((
            mk(Style::Decimal(parts.min(9) as u8), &t[..end + punct]),
            rest_trim,
        ));
    }
    if VI_LETTERS.contains(first) {
        let after = &t[first.len_utf8()..];
        if let Some(rest) = after
            .strip_prefix(')')
            .or_else(|| after.strip_prefix('.').filter(|r| r.starts_with(' ')))
            && (rest.starts_with(' ') || rest.is_empty())
        {
            return Some((
                mk(Style::LowerLetter, &t[..first.len_utf8() + 1]),
                rest.trim_start(),
            ));
        }
    }
    None
}

fn punct_len(after: &str) -> usize {
    if after.starts_with(['.', ')', ':']) {
        1
    } else if after.starts_with(" -") || after.starts_with(" –") {
        2
    } else {
        0
    }
}

/// After a Roman numeral or capital letter: ". ", ") ", " - ", ": " or the end.
fn marker_end(after: &str, roman: bool) -> Option<&str> {
    let rest = if let Some(r) = after.strip_prefix(['.', ')']) {
        r
    } else if roman && (after.starts_with(" -") || after.starts_with(" –")) {
        &after[after.char_indices().nth(2).map_or(after.len(), |(i, _)| i)..]
    } else if roman && after.starts_with(':') {
        &after[1..]
    } else {
        return None;
    };
    if rest.is_empty() {
        return Some(rest);
    }
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim_start())
}

/// A line holding nothing but a marker ("1.", "II.").
pub fn marker_only(t: &str) -> bool {
    marker_parts(t).is_some_and(|((style, _), rest)| bare_number(style, rest))
}

/// What follows a numbering marker (not a bullet) is empty.
pub(crate) fn bare_number(style: Style, rest: &str) -> bool {
    rest.is_empty() && !matches!(style, Style::Dash | Style::Plus | Style::Bullet)
}

/// Words after which a number continues the sentence ("cấp độ\n1. Cấp ngay").
const COUNTING_WORDS: &[&str] = &[
    "cap do",
    "cap",
    "muc",
    "do",
    "loai",
    "nhom",
    "so",
    "khoan",
    "diem",
    "dieu",
    "buoc",
    "giai doan",
    "phan",
    "chuong",
    "lan",
    "hang",
    "vung",
    "khu vuc",
    "tuyen",
    "phu luc",
    "tai",
    "theo",
    "tu",
    "den",
    "va",
    "nam",
    "thang",
    "ngay",
    "quy",
];

/// A line that starts with a marker but continues the unfinished sentence before it:
/// "giai đoạn 2021\n- 2025", "kinh tế\n- xã hội", "cấp độ\n1. Cấp ngay".
pub fn is_wrapped_marker(prev: &str, t: &str) -> bool {
    marker_parts(t).is_some_and(|((style, _), rest)| continues_sentence(prev, style, rest))
}

/// [`is_wrapped_marker`] for a line already split into its marker's style and the rest.
pub(crate) fn continues_sentence(prev: &str, style: Style, rest: &str) -> bool {
    match style {
        Style::Dash | Style::Plus => rest
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit()),
        Style::Decimal(_) | Style::LowerLetter | Style::Roman => {
            let prev_folded = fold_tail(prev, 30);
            COUNTING_WORDS.iter().any(|w| {
                prev_folded
                    .strip_suffix(w)
                    .is_some_and(|before| before.is_empty() || before.ends_with(' '))
            })
        }
        _ => false,
    }
}

// ================================================================ the document as blocks

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

/// The national motto opens the real header; anything before it is a site's banner.
fn motto_index(blocks: &[Block], heads: &[Head]) -> Option<usize> {
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
fn trailer_index(blocks: &[Block], heads: &[Head], from: usize) -> usize {
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

// ================================================================ entry point

pub fn parse(text: &str) -> ParsedPlan {
    let (all_blocks, line_warnings) = lines::blocks_with_warnings(text);
    let mut heads: Vec<Head> = all_blocks.iter().map(Head::of).collect();
    // Where the document starts: the issuer cell or lines before the national motto.
    let start = match motto_index(&all_blocks, &heads) {
        Some(m) => header_start(&all_blocks, m),
        None => 0,
    };
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
    let first_heading = (body_from..blocks.len())
        .find(|&i| is_heading_block(&blocks[i]))
        .unwrap_or(blocks.len());
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
            message: "no numbered content was found".into(),
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

/// The header begins with the issuer: the motto's table, or the capitalised lines just
/// above the motto.
fn header_start(blocks: &[Block], motto: usize) -> usize {
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

// ================================================================ header

fn letter_header_end(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .take(20)
        .position(|b| {
            para(b).is_some_and(|p| {
                let f = fold(&p.text);
                f.starts_with("kinh gui")
                    || BODY_STARTS.iter().any(|s| f.starts_with(s))
                    || p.text.chars().count() > 160
            })
        })
        .unwrap_or(0)
}

#[derive(Debug, Default, Clone)]
struct Header {
    issuer: Option<String>,
    parent_issuer: Option<String>,
    number: Option<String>,
    symbol: Option<String>,
    place: Option<String>,
    date: Option<chrono::NaiveDate>,
    year: Option<i32>,
    /// "V/v ..." of an official letter.
    subject: Option<String>,
}

fn header_lines(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Table(t) => out.extend(t.column_lines()),
            Block::Para(p) => out.push(p.text.clone()),
        }
    }
    // Stray cell bars (a table flattened by a PDF) separate lines too.
    out.iter()
        .flat_map(|l| l.split('|'))
        .map(squash_spaces)
        .filter(|l| !l.is_empty())
        .collect()
}

/// A place-and-date line, also when the place wrapped from the line above
/// ("Thành phố Hồ Chí" / "Minh, ngày 18 tháng 11 năm 2025").
fn place_date_at(
    lines: &[String],
    i: usize,
) -> Option<(String, Option<chrono::NaiveDate>, Option<i32>)> {
    let l = &lines[i];
    let own = phrases::place_and_date(l).or_else(|| {
        lines
            .get(i + 1)
            .and_then(|n| phrases::place_and_date(&format!("{l} {n}")))
    })?;
    if i > 0 && own.0.split_whitespace().count() == 1 {
        let prev = &lines[i - 1];
        let pf = fold(prev);
        let header_word = ["hanh phuc", "viet nam", "so:", "so ", "/"]
            .iter()
            .any(|w| pf.contains(w));
        if !header_word
            && prev.split_whitespace().count() <= 5
            && let Some(joined) = phrases::place_and_date(&format!("{prev} {l}"))
        {
            return Some(joined);
        }
    }
    Some(own)
}

fn read_header(blocks: &[Block]) -> Header {
    let lines = header_lines(blocks);
    let mut h = Header::default();
    let mut issuer_lines: Vec<String> = Vec::new();
    let mut issuer_done = false;
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let f = fold(l);
        if let Some(rest) = number_line(l) {
            let rest = if rest.trim().is_empty() {
                lines.get(i + 1).map(String::as_str).unwrap_or("")
            } else {
                rest
            };
            let (n, s) = number_and_symbol(rest);
            h.number = n;
            h.symbol = s;
            issuer_done = true;
        } else if f.contains("cong hoa xa hoi")
            || f.starts_with("doc lap")
            || f.contains("tu do - hanh phuc")
        {
            issuer_done = true;
        } else if let Some((place, date, year)) = place_date_at(&lines, i) {
            h.place = Some(place);
            h.date = date;
            h.year = year;
            issuer_done = true;
        } else if f.starts_with("v/v") {
            let mut subject = l.trim_start_matches(|c: char| c != ' ').trim().to_string();
            // The subject wraps over several short lines in the left column.
            while let Some(next) = lines.get(i + 1) {
                let nf = fold(next);
                if nf.contains("cong hoa")
                    || nf.starts_with("doc lap")
                    || nf.starts_with("kinh gui")
                    || phrases::place_and_date(next).is_some()
                    || next.chars().count() > 60
                {
                    break;
                }
                subject.push(' ');
                subject.push_str(next);
                i += 1;
            }
            h.subject = Some(squash_spaces(&subject));
            issuer_done = true;
        } else if !issuer_done && upper_ratio(l) > 0.6 {
            issuer_lines.push(l.trim_matches(['*', '_', ' ']).to_string());
        }
        i += 1;
    }
    let (parent, issuer) = split_issuer(&issuer_lines);
    h.parent_issuer = parent;
    h.issuer = issuer;
    h
}

/// "Số: 2954/QĐ-UBND" → the part after "Số:".
fn number_line(l: &str) -> Option<&str> {
    let f = fold(l);
    if !(f.starts_with("so:") || f.starts_with("so :") || f == "so") {
        return None;
    }
    // "Số" alone: the number is on the next line.
    Some(l.find(':').map_or("", |c| &l[c + 1..]))
}

/// "2954/QĐ-UBND" → ("2954", "QĐ-UBND"); "      /KH-SVHTT" → (None, "KH-SVHTT"); "5973 /UBND-KT".
fn number_and_symbol(s: &str) -> (Option<String>, Option<String>) {
    let s = s.trim().trim_end_matches(['.', ',']);
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (num, sym) = match s.find('/') {
        Some(p) => (s[..p].trim(), s[p + 1..].trim()),
        None => match s.find('-') {
            Some(p) if s[..p].trim().chars().all(|c| c.is_ascii_digit()) => {
                (s[..p].trim(), s[p + 1..].trim())
            }
            _ => ("", s.as_str()),
        },
    };
    let num = num.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let number =
        (!num.is_empty() && num.chars().any(|c| c.is_ascii_digit())).then(|| num.to_string());
    let sym = sym
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['.', ',', ';']);
    let symbol = (!sym.is_empty() && sym.chars().any(char::is_uppercase)).then(|| sym.to_string());
    (number, symbol)
}

/// Words that open the name of an agency: a new header line starting with one of these
/// is a new level (the issuer under its parent), otherwise it continues the line above.
const AGENCY_WORDS: &[&str] = &[
    "so",
    "ban",
    "phong",
    "cuc",
    "chi cuc",
    "trung tam",
    "truong",
    "bo",
    "van phong",
    "uy ban",
    "ubnd",
    "hdnd",
    "benh vien",
    "vien",
    "hoi",
    "dai",
    "bao",
    "cong an",
    "bo chi huy",
    "kho bac",
    "thanh tra",
    "tong cuc",
    "dang uy",
    "bql",
    "ban quan ly",
    "thue",
    "cuc thue",
    "doan",
    "cong ty",
    "hoc vien",
    "dai hoc",
    "bao tang",
    "thu vien",
];

fn split_issuer(lines: &[String]) -> (Option<String>, Option<String>) {
    let mut levels: Vec<String> = Vec::new();
    for l in lines {
        let l = l.trim().trim_matches('/').trim();
        if l.is_empty() || crate::lines::is_rule(l) {
            continue;
        }
        let f = fold(l);
        let new_level = AGENCY_WORDS.iter().any(|w| starts_with_word(&f, w));
        match levels.last_mut() {
            Some(last) if !new_level => {
                last.push(' ');
                last.push_str(l);
            }
            _ => levels.push(l.to_string()),
        }
    }
    let levels: Vec<String> = levels.into_iter().map(|l| squash_spaces(&l)).collect();
    match levels.len() {
        0 => (None, None),
        1 => (None, Some(levels[0].clone())),
        n => (Some(levels[n - 2].clone()), Some(levels[n - 1].clone())),
    }
}

// ================================================================ kind and title

/// A title line: the kind in capitals, alone or followed by the subject.
pub(crate) fn kind_of_line(text: &str) -> Option<(&'static str, &'static str, String)> {
    let t = text.trim().trim_matches(['*', '_', '#', ' ']);
    // Most lines are ruled out by their first letter, before any folding or counting.
    let first = t.chars().next().and_then(crate::text::fold_char);
    if first.is_some_and(|c| !KINDS.iter().any(|(fk, _, _)| fk.starts_with(c))) {
        return None;
    }
    if t.chars().count() > 400 {
        return None;
    }
    let f = fold_head(t, 16);
    for (fk, name, code) in KINDS {
        if code.is_empty() || *fk == "van ban" || *fk == "quy dinh" {
            continue;
        }
        if starts_with_word(&f, fk) {
            let n = fk.chars().count();
            let head: String = t.chars().take(n).collect();
            if upper_ratio(&head) < 0.9 {
                return None;
            }
            let rest: String = t.chars().skip(n).collect();
            let rest = rest.trim();
            // "QUYẾT ĐỊNH:" introduces the articles, not a title.
            if rest.starts_with(':') {
                return None;
            }
            return Some((name, code, rest.to_string()));
        }
    }
    None
}

fn kind_line_index(blocks: &[Block], from: usize) -> Option<usize> {
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

const BODY_STARTS: &[&str] = &[
    "can cu",
    "thuc hien",
    "theo de nghi",
    "trien khai",
    "de ",
    "nham",
    "kinh gui",
    "xet de nghi",
    "qua ",
    "nham muc dich",
    "tiep tuc",
];

/// Reads the title after the kind line; returns (kind, title, index after the title).
fn read_title(
    blocks: &[Block],
    at: usize,
) -> (Option<(&'static str, &'static str)>, String, usize) {
    let Some(p) = para(&blocks[at]) else {
        return (None, String::new(), at + 1);
    };
    let Some((name, code, rest)) = kind_of_line(&p.text) else {
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

fn decide_kind(
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
fn wrapped_plan_index(blocks: &[Block], from: usize) -> Option<usize> {
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
fn become_issued_plan(document: &mut Document) {
    document.issued_by = Some(DocRef {
        kind_code: Some("QĐ".into()),
        number: document.number.clone(),
        symbol: document.symbol.clone(),
        date: document.date,
        issuer: document.issuer.clone(),
    });
    document.kind = "Kế hoạch".into();
    document.kind_code = Some("KH".into());
}

/// A decision whose first article approves or issues a plan written out inside the
/// article: returns the article's block and the next article's.
fn plan_in_article_one(blocks: &[Block], from: usize) -> Option<(usize, usize)> {
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
fn quoted_plan_name(text: &str) -> Option<String> {
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

// ================================================================ preamble

/// Collects "Căn cứ ..." / "Thực hiện ..." clauses between `from` and `to`; returns the
/// issuer named in a sentence such as "Sở ... xây dựng Kế hoạch ...".
fn read_preamble(
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
        if f.starts_with("can cu") || f.starts_with("thuc hien") {
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

// ================================================================ body zones

fn is_heading_block(b: &Block) -> bool {
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
fn is_appendix_label(b: &Block, head: &str) -> bool {
    let Some(p) = para(b) else { return false };
    let t = p.text.trim();
    let f = head;
    ["phu luc", "mau bieu", "bieu mau", "phu bieu"]
        .iter()
        .any(|w| f.starts_with(w))
        && (upper_ratio(t) > 0.6 || p.strong || t.chars().count() < 30)
        && t.chars().count() < 200
}

fn is_authority_line(t: &str) -> bool {
    let t = t.trim();
    ["KT.", "TM.", "TL.", "TUQ.", "Q.", "KT ", "TM "]
        .iter()
        .any(|p| t.starts_with(p))
        && upper_ratio(t) > 0.7
}

fn is_closing_start(b: &Block, head: &str) -> bool {
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
fn is_body_end(head: &str) -> bool {
    head.starts_with("tren day la") || head.starts_with("tren day ")
}

// ================================================================ the section tree

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionKind {
    Purpose,
    Requirement,
    PurposeAndRequirement,
    Budget,
    Organisation,
    Content,
}

fn section_kind_of(text: &str) -> Option<SectionKind> {
    let t = marker_parts(text).map_or(text, |(_, r)| r);
    if t.chars().count() > 120 || upper_ratio(t) < 0.75 {
        return None;
    }
    Some(section_kind(t))
}

fn section_kind(title: &str) -> SectionKind {
    let f = fold(title);
    if f.contains("muc dich") && f.contains("yeu cau") {
        SectionKind::PurposeAndRequirement
    } else if f.starts_with("muc dich") {
        SectionKind::Purpose
    } else if f.starts_with("yeu cau") {
        SectionKind::Requirement
    } else if f.starts_with("kinh phi")
        || f.starts_with("nguon von")
        || f.starts_with("nguon kinh phi")
        || f.starts_with("du toan kinh phi")
    {
        SectionKind::Budget
    } else if f.contains("to chuc thuc hien")
        || f.starts_with("trach nhiem")
        || f.starts_with("phan cong")
    {
        SectionKind::Organisation
    } else {
        SectionKind::Content
    }
}

/// A node while building: an item plus the marker style it was opened with.
struct Node {
    item: Item,
    style: Option<Style>,
    section: bool,
    /// How many of this node's bullet children already have their fields ("Đơn vị thực
    /// hiện:", "Thời gian:") written after them.
    fields_at: usize,
}

/// Builds the tree of numbered items in `from..to`.
fn build_tree(doc: &mut Doc, from: usize, to: usize, year: Option<i32>) -> Vec<Item> {
    let mut roots: Vec<Item> = Vec::new();
    // Open nodes, outermost first.
    let mut stack: Vec<Node> = Vec::new();
    for i in from..to.min(doc.blocks.len()) {
        match &doc.blocks[i] {
            Block::Table(t) => {
                let rows = task_table_items(t, year);
                if let Some(rows) = rows {
                    match stack.last_mut() {
                        Some(n) => n.item.children.extend(rows),
                        None => roots.extend(rows),
                    }
                } else {
                    let text = t
                        .rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| c.replace('\n', " "))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    append_text(&mut stack, &mut roots, &text, t.line);
                }
            }
            Block::Para(p) => {
                let t = p.text.trim();
                let marker = split_marker(t);
                let is_section = match &marker {
                    Some((m, rest)) => {
                        // Lengths are tested before case, which reads up to 200 letters.
                        m.style == Style::Part
                            || matches!(m.style, Style::Roman | Style::UpperLetter)
                                && rest.chars().count() < 160
                                && upper_ratio(rest) > 0.75
                    }
                    None => {
                        t.chars().count() < 100
                            && (p.strong || upper_ratio(t) > 0.85)
                            && section_kind(t) != SectionKind::Content
                            && upper_ratio(t) > 0.75
                    }
                };
                match marker {
                    Some((m, rest)) if !matches!(m.style, Style::Article) => {
                        if is_section {
                            close_all(&mut stack, &mut roots);
                        } else if let Some(pos) = stack
                            .iter()
                            .rposition(|n| n.style == Some(m.style) && !n.section)
                        {
                            close_to(&mut stack, &mut roots, pos);
                        } else if m.style != Style::Roman && m.style != Style::UpperLetter {
                            // a new, deeper level
                        } else if let Some(pos) =
                            stack.iter().rposition(|n| n.style == Some(m.style))
                        {
                            close_to(&mut stack, &mut roots, pos);
                        }
                        if let Some(prev) = stack
                            .last()
                            .and_then(|n| n.item.children.last())
                            .or_else(|| if stack.is_empty() { roots.last() } else { None })
                            && prev.numbering.as_deref() == Some(m.text.as_str())
                            && matches!(
                                m.style,
                                Style::Roman | Style::Decimal(_) | Style::UpperLetter
                            )
                        {
                            doc.warnings.push(Warning {
                                line: p.line,
                                message: format!(
                                    "the number {} is used twice; both are kept in order",
                                    m.text
                                ),
                            });
                        }
                        let mut item = Item::new(Some(m.text), p.line);
                        item.text = rest.to_string();
                        stack.push(Node {
                            fields_at: 0,
                            item,
                            style: Some(m.style),
                            section: is_section,
                        });
                    }
                    _ if is_section => {
                        close_all(&mut stack, &mut roots);
                        let mut item = Item::new(None, p.line);
                        item.text = t.to_string();
                        stack.push(Node {
                            fields_at: 0,
                            item,
                            style: None,
                            section: true,
                        });
                    }
                    _ => {
                        attach_fields_to_group(&mut stack, &mut roots, t);
                        append_text(&mut stack, &mut roots, t, p.line)
                    }
                }
            }
        }
    }
    close_all(&mut stack, &mut roots);
    roots
}

/// Fields written after a run of two or more bullets describe the item that holds the
/// bullets, not the last bullet: close the bullet so that the text goes to its parent.
fn attach_fields_to_group(stack: &mut Vec<Node>, roots: &mut Vec<Item>, text: &str) {
    const GROUP_FIELDS: &[Field] = &[Field::Lead, Field::Coordinating, Field::Time];
    if stack.len() < 2 || !may_open_field(text, GROUP_FIELDS) {
        return;
    }
    let Some((field, _)) = field_of(text) else {
        return;
    };
    if !GROUP_FIELDS.contains(&field) {
        return;
    }
    let top = stack.len() - 1;
    if !matches!(
        stack[top].style,
        Some(Style::Dash | Style::Plus | Style::Bullet)
    ) {
        return;
    }
    let parent = &stack[top - 1];
    let bullets_since =
        parent.item.children.len() + 1 - parent.fields_at.min(parent.item.children.len() + 1);
    if bullets_since >= 2 {
        close_to(stack, roots, top);
        let parent = stack.last_mut().expect("parent");
        parent.fields_at = parent.item.children.len();
    } else {
        stack[top - 1].fields_at = stack[top - 1].item.children.len() + 1;
    }
}

fn append_text(stack: &mut [Node], roots: &mut Vec<Item>, text: &str, line: usize) {
    match stack.last_mut() {
        Some(n) => {
            if !n.item.text.is_empty() {
                n.item.text.push('\n');
            }
            n.item.text.push_str(text);
        }
        None => {
            // Text before any heading: keep it as an unnumbered item so nothing is lost.
            let mut item = Item::new(None, line);
            item.text = text.to_string();
            roots.push(item);
        }
    }
}

/// Closes nodes down to and including `pos`.
fn close_to(stack: &mut Vec<Node>, roots: &mut Vec<Item>, pos: usize) {
    while stack.len() > pos {
        let n = stack.pop().expect("non-empty");
        match stack.last_mut() {
            Some(parent) => parent.item.children.push(n.item),
            None => roots.push(n.item),
        }
    }
}

fn close_all(stack: &mut Vec<Node>, roots: &mut Vec<Item>) {
    close_to(stack, roots, 0);
}

// ================================================================ items: fields, units, targets

/// Field-like sub-headings folded into their parent item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Content,
    Lead,
    Coordinating,
    Time,
    Quantity,
}

const FIELD_LABELS: &[(&str, Field)] = &[
    ("noi dung thuc hien", Field::Content),
    ("nhiem vu", Field::Content),
    ("giai phap", Field::Content),
    ("noi dung", Field::Content),
    ("chu de", Field::Content),
    ("hinh thuc", Field::Content),
    ("doi tuong", Field::Content),
    ("dia diem", Field::Content),
    ("thanh phan", Field::Content),
    ("san pham", Field::Content),
    ("ket qua du kien", Field::Content),
    ("ket qua", Field::Content),
    ("lanh dao phu trach", Field::Content),
    ("kinh phi", Field::Content),
    ("nguon kinh phi", Field::Content),
    ("don vi thuc hien", Field::Lead),
    ("don vi chu tri", Field::Lead),
    ("co quan chu tri", Field::Lead),
    ("co quan thuc hien", Field::Lead),
    ("co quan, don vi chu tri", Field::Lead),
    ("chu tri", Field::Lead),
    ("don vi phoi hop", Field::Coordinating),
    ("co quan phoi hop", Field::Coordinating),
    ("co quan, don vi phoi hop", Field::Coordinating),
    ("phoi hop", Field::Coordinating),
    ("thoi gian thuc hien", Field::Time),
    ("thoi gian hoan thanh", Field::Time),
    ("thoi gian", Field::Time),
    ("thoi han", Field::Time),
    ("tien do", Field::Time),
    ("so luong", Field::Quantity),
    ("thoi luong", Field::Quantity),
];

/// Could `text` open with a label of one of `fields`? Told by its first letter, before
/// `field_of` folds anything.
fn may_open_field(text: &str, fields: &[Field]) -> bool {
    text.chars()
        .next()
        .and_then(crate::text::fold_char)
        .is_none_or(|c| {
            FIELD_LABELS
                .iter()
                .any(|(label, field)| fields.contains(field) && label.starts_with(c))
        })
}

/// "Đơn vị thực hiện: X" → (Lead, "X"). The label must end at a colon or the end.
fn field_of(text: &str) -> Option<(Field, String)> {
    // Cheap looks at the first letter, then the first words, before folding enough text
    // to find the colon.
    let first = text.chars().next().and_then(crate::text::fold_char);
    if first.is_some_and(|f| !FIELD_LABELS.iter().any(|(label, _)| label.starts_with(f))) {
        return None;
    }
    // Comparing first bytes first spares most calls to `memcmp` (every label is tried).
    let same_first = |a: &str, b: &str| a.as_bytes().first() == b.as_bytes().first();
    let head = fold_head(text, 12);
    if !FIELD_LABELS.iter().any(|(label, _)| {
        head.is_empty()
            || same_first(&head, label)
                && (label.starts_with(head.as_str())
                    || head.starts_with(&label[..label.len().min(12)]))
    }) {
        return None;
    }
    let f = fold_head(text, 80);
    for (label, field) in FIELD_LABELS {
        if !(same_first(&f, label) && f.starts_with(label)) {
            continue;
        }
        let after = &f[label.len()..];
        // Allow a few words after the label ("Thời gian tổ chức diễn đàn:", "Số lượng trang:").
        let colon = after.find(':');
        let ok = match colon {
            Some(c) => after[..c].split_whitespace().count() <= 4,
            None => after.trim().is_empty(),
        };
        if !ok {
            continue;
        }
        let value = match colon {
            Some(c) => {
                let byte = text
                    .char_indices()
                    .nth(f[..label.len() + c].chars().count() + 1)
                    .map_or(text.len(), |(i, _)| i);
                text[byte..].trim().to_string()
            }
            None => String::new(),
        };
        return Some((*field, value));
    }
    None
}

/// Labelled unit lists anywhere in a text: "Đơn vị chủ trì: X; Đơn vị phối hợp: Y, Z."
fn labelled_units(text: &str) -> (Vec<String>, Vec<String>) {
    let mut lead = Vec::new();
    let mut coord = Vec::new();
    for line in text.split('\n') {
        if !line.contains(':') {
            continue;
        }
        let folded = fold(line);
        if !(folded.contains("chu tri")
            || folded.contains("phoi hop")
            || folded.contains("thuc hien"))
        {
            continue;
        }
        // Every label occurrence (followed by a colon), in order.
        let mut hits: Vec<(usize, usize, bool)> = Vec::new();
        // The labels' searchers, built once.
        static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
            std::sync::LazyLock::new(|| {
                phrases::UNIT_LABELS
                    .iter()
                    .map(|(label, _)| memchr::memmem::Finder::new(label))
                    .collect()
            });
        for ((_, is_lead), label) in phrases::UNIT_LABELS.iter().zip(FINDERS.iter()) {
            let mut from = 0;
            while let Some((s, e)) = crate::text::find_word_with(&folded, label, from) {
                from = e;
                // "Đơn vị chủ trì tham mưu thực hiện:" — a few words may sit before the colon.
                let tail = &folded[e..];
                let colon = tail.find(':').filter(|&c| {
                    let between = &tail[..c];
                    between.split_whitespace().count() <= 4 && !between.contains([',', ';', '.'])
                });
                if let Some(c) = colon
                    && !hits.iter().any(|&(hs, he, _)| s < he && e > hs)
                {
                    hits.push((s, e + c + 1, *is_lead));
                }
            }
        }
        hits.sort();
        for (k, &(_, value_start, is_lead)) in hits.iter().enumerate() {
            let value_end = hits.get(k + 1).map_or(folded.len(), |h| h.0);
            // Back to the line's own bytes (found again, for the few hits).
            let origin = |k| crate::text::origin_of(line, k);
            let (a, b) = (origin(value_start), origin(value_end));
            let value = &line[a..b.max(a)];
            let value = value.split(". ").next().unwrap_or(value);
            let target = if is_lead { &mut lead } else { &mut coord };
            for u in phrases::split_units(value) {
                if !target.contains(&u) && u.chars().count() <= 160 {
                    target.push(u);
                }
            }
        }
    }
    (lead, coord)
}

/// The first sentence of a text, without the trailing full stop.
fn first_sentence(text: &str) -> String {
    let line = text.split('\n').next().unwrap_or("").trim();
    let mut end = line.len();
    let bytes = line.as_bytes();
    // ". " and ": " found through their first byte (memchr).
    let followed_by_space = |i: &usize| bytes.get(i + 1) == Some(&b' ');
    for i in memchr::memchr_iter(b'.', bytes).filter(followed_by_space) {
        let next = line[i + 2..].chars().next();
        if next.is_some_and(char::is_uppercase)
            && !line[..i].ends_with(|c: char| c.is_uppercase() && line[..i].len() < 4)
        {
            end = i;
            break;
        }
    }
    if let Some(c) = memchr::memchr_iter(b':', &bytes[..end]).find(followed_by_space)
        && line[..c].chars().count() <= 60
        && !line[..c].contains(',')
    {
        end = c;
    }
    let s = line[..end].trim().trim_end_matches(['.', ':', ';']).trim();
    // At most 400 characters (no more than 400 bytes need no counting).
    let cut = if s.len() > 400 {
        s.char_indices().nth(400).map_or(s.len(), |(i, _)| i)
    } else {
        s.len()
    };
    s[..cut].to_string()
}

/// Folds field-like children into their parents and reads units, targets and deadlines.
fn finish_item(mut item: Item, year: Option<i32>) -> Item {
    let children = std::mem::take(&mut item.children);
    let mut kept = Vec::new();
    let mut field_targets = Vec::new();
    let mut field_deadlines = Vec::new();
    for child in children {
        let child = finish_item(child, year);
        let Some((field, value)) = field_of(&child.text) else {
            kept.push(child);
            continue;
        };
        let value_was_empty = value.is_empty();
        match field {
            Field::Content => {
                let own = child
                    .text
                    .split_once(':')
                    .map_or("", |(_, v)| v)
                    .trim()
                    .to_string();
                let value = if own.is_empty() { value } else { own };
                if !value.is_empty() {
                    item.text.push('\n');
                    item.text.push_str(&value);
                }
            }
            Field::Lead | Field::Coordinating => {
                // "Cơ quan thực hiện: Sở Nội vụ chủ trì ..., Sở Tư pháp ..." is prose.
                let (inline_lead, inline_coord) = phrases::inline_units(&value);
                if field == Field::Lead && !inline_lead.is_empty() {
                    merge(&mut item.lead_units, inline_lead);
                    merge(&mut item.coordinating_units, inline_coord);
                    kept.extend(child.children);
                    continue;
                }
                let units = phrases::split_units(&value);
                let target = if field == Field::Lead {
                    &mut item.lead_units
                } else {
                    &mut item.coordinating_units
                };
                merge(target, units);
            }
            Field::Time => field_deadlines.extend(phrases::deadlines(&value, true, year)),
            Field::Quantity => field_targets.extend(phrases::targets(&value, true)),
        }
        // What the field's own sub-items said ("Cơ quan thực hiện:" / "- Đơn vị chủ trì: X").
        if field != Field::Lead && field != Field::Coordinating || value_was_empty {
            merge(&mut item.lead_units, child.lead_units);
            merge(&mut item.coordinating_units, child.coordinating_units);
        }
        field_targets.extend(child.targets);
        if field != Field::Time {
            field_deadlines.extend(child.deadlines);
        }
        kept.extend(child.children);
    }
    item.children = kept;

    // Own text: labelled fields in paragraphs, inline "X chủ trì", targets, deadlines.
    for line in item.text.split('\n') {
        if !may_open_field(line, &[Field::Time, Field::Quantity]) {
            continue;
        }
        match field_of(line) {
            Some((Field::Time, v)) => field_deadlines.extend(phrases::deadlines(&v, true, year)),
            Some((Field::Quantity, v)) => field_targets.extend(phrases::targets(&v, true)),
            _ => {}
        }
    }
    let own_text = item.text.as_str();
    let (lead, coord) = labelled_units(own_text);
    merge(&mut item.lead_units, lead);
    merge(&mut item.coordinating_units, coord);
    if item.lead_units.is_empty() {
        let (lead, coord) = phrases::inline_units(own_text);
        merge(&mut item.lead_units, lead);
        merge(&mut item.coordinating_units, coord);
    }
    let mut targets = phrases::targets(own_text, false);
    for t in field_targets {
        if !targets
            .iter()
            .any(|x| x.text == t.text || x.min == t.min && x.max == t.max && x.unit == t.unit)
        {
            targets.push(t);
        }
    }
    item.targets.extend(targets);
    let mut deadlines = field_deadlines;
    for d in phrases::deadlines(own_text, false, year) {
        if !deadlines.iter().any(|x| x.text == d.text) {
            deadlines.push(d);
        }
    }
    item.deadlines.extend(deadlines);
    item.text = squash_lines(&item.text);
    item.title = first_sentence(&item.text);
    item
}

fn merge(into: &mut Vec<String>, from: Vec<String>) {
    for u in from {
        if !into.contains(&u) {
            into.push(u);
        }
    }
}

fn squash_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s
        .split('\n')
        .map(crate::text::squashed)
        .filter(|l| !l.is_empty())
    {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

// ================================================================ sections → plan parts

#[derive(Default)]
struct PlanParts {
    purposes: Vec<String>,
    requirements: Vec<String>,
    items: Vec<Item>,
    budget: Option<Budget>,
    responsibilities: Vec<Responsibility>,
}

/// The paragraphs after an item's heading line, then its children's texts.
fn statements(item: &Item) -> Vec<String> {
    let mut out: Vec<String> = item
        .text
        .split('\n')
        .skip(1)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    for c in &item.children {
        let t = squash_spaces(&c.text);
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
}

fn assemble(sections: Vec<Item>, year: Option<i32>) -> PlanParts {
    let mut parts = PlanParts::default();
    let mut content: Vec<Item> = Vec::new();
    for s in sections {
        let heading = s.text.split('\n').next().unwrap_or("").to_string();
        let kind = if s.numbering.is_none() && s.children.is_empty() && upper_ratio(&heading) < 0.75
        {
            SectionKind::Content
        } else {
            section_kind(&heading)
        };
        match kind {
            SectionKind::Purpose => parts.purposes.extend(statements(&s)),
            SectionKind::Requirement => parts.requirements.extend(statements(&s)),
            SectionKind::PurposeAndRequirement => {
                let mut any_sub = false;
                for c in &s.children {
                    let ch = c.text.split('\n').next().unwrap_or("");
                    match section_kind(marker_parts(ch).map_or(ch, |(_, r)| r)) {
                        SectionKind::Purpose => {
                            any_sub = true;
                            parts.purposes.extend(statements(c));
                        }
                        SectionKind::Requirement => {
                            any_sub = true;
                            parts.requirements.extend(statements(c));
                        }
                        _ => {}
                    }
                }
                if !any_sub {
                    parts.purposes.extend(statements(&s));
                }
            }
            SectionKind::Budget => {
                let text = squash_spaces(
                    &std::iter::once(s.text.split_once('\n').map_or("", |(_, r)| r).to_string())
                        .chain(s.children.iter().map(flatten_text))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                let text = if text.is_empty() {
                    squash_spaces(&s.text)
                } else {
                    text
                };
                let amounts = phrases::money_amounts(&text);
                parts.budget = Some(Budget {
                    text,
                    amounts_vnd: amounts,
                });
            }
            SectionKind::Organisation => parts.responsibilities.extend(responsibilities(&s)),
            SectionKind::Content => content.push(s),
        }
    }
    let content: Vec<Item> = content.into_iter().map(|i| finish_item(i, year)).collect();
    // One content section ("B. NỘI DUNG") holds the items; several are kept as items.
    let sections_with_children = content.iter().filter(|c| !c.children.is_empty()).count();
    if sections_with_children == 1 && content.len() <= 2 {
        for c in content {
            if c.children.is_empty() && c.numbering.is_none() {
                continue;
            }
            let has_own_facts =
                !c.lead_units.is_empty() || !c.targets.is_empty() || !c.deadlines.is_empty();
            if c.children.is_empty() || has_own_facts {
                parts.items.push(c);
            } else {
                parts.items.extend(c.children);
            }
        }
    } else {
        parts.items = content;
    }
    parts
}

fn flatten_text(item: &Item) -> String {
    let mut s = item
        .numbering
        .clone()
        .map(|n| format!("{n} "))
        .unwrap_or_default();
    s.push_str(&item.text.replace('\n', " "));
    for c in &item.children {
        s.push(' ');
        s.push_str(&flatten_text(c));
    }
    s
}

/// TỔ CHỨC THỰC HIỆN: one entry per unit, with its duties.
fn responsibilities(section: &Item) -> Vec<Responsibility> {
    let mut out = Vec::new();
    for c in &section.children {
        collect_responsibility(c, &mut out);
    }
    out
}

fn collect_responsibility(item: &Item, out: &mut Vec<Responsibility>) {
    let heading = item.text.split('\n').next().unwrap_or("").trim();
    let (unit, inline_duty) = match heading.split_once(':') {
        Some((u, d)) if u.split_whitespace().count() <= 20 => {
            (u.trim().to_string(), d.trim().to_string())
        }
        _ => (
            heading.trim_end_matches(['.', ':']).to_string(),
            String::new(),
        ),
    };
    // A group heading ("Các sở, ngành") whose children name units themselves.
    let unit_children = item.children.iter().filter(|c| {
        let h = c.text.split('\n').next().unwrap_or("");
        h.split_once(':').is_some_and(|(u, _)| {
            phrases::is_unit_start(u.trim()) && u.split_whitespace().count() <= 20
        })
    });
    if !item.children.is_empty()
        && unit_children.count() * 2 > item.children.len()
        && !phrases::is_unit_start(&unit)
    {
        for c in &item.children {
            collect_responsibility(c, out);
        }
        return;
    }
    let mut duties = Vec::new();
    if !inline_duty.is_empty() {
        duties.push(inline_duty);
    }
    duties.extend(statements(item));
    out.push(Responsibility {
        unit: squash_spaces(&unit),
        duties,
    });
}

// ================================================================ task tables

#[derive(Default, Debug)]
struct Columns {
    number: Option<usize>,
    content: Option<usize>,
    lead: Option<usize>,
    coordinating: Option<usize>,
    time: Option<usize>,
    result: Option<usize>,
}

fn table_columns(header: &[String]) -> Columns {
    let mut c = Columns::default();
    for (i, cell) in header.iter().enumerate() {
        let f = fold(&squash_spaces(cell));
        let f = f.trim();
        if c.number.is_none()
            && (f == "tt" || f == "stt" || f == "so tt" || f.starts_with("stt") || f == "tt.")
        {
            c.number = Some(i);
        } else if c.coordinating.is_none() && f.contains("phoi hop") {
            c.coordinating = Some(i);
        } else if c.lead.is_none()
            && (f.contains("chu tri")
                || f.contains("thuc hien")
                    && (f.contains("don vi") || f.contains("co quan") || f.contains("nguoi"))
                || f == "don vi"
                || f.contains("trach nhiem"))
        {
            c.lead = Some(i);
        } else if c.time.is_none()
            && (f.starts_with("thoi gian") || f.starts_with("thoi han") || f.starts_with("tien do"))
        {
            c.time = Some(i);
        } else if c.result.is_none() && (f.starts_with("ket qua") || f.starts_with("san pham")) {
            c.result = Some(i);
        } else if c.content.is_none()
            && (f.contains("noi dung")
                || f.contains("nhiem vu")
                || f.starts_with("ten")
                || f.contains("chi tieu")
                || f.contains("hoat dong")
                || f.contains("cong viec")
                || f.contains("de an"))
        {
            c.content = Some(i);
        }
    }
    c
}

/// A unit cell's lines: a line starting with a capital names a new unit, otherwise it
/// continues the name wrapped above ("Sở Khoa học và\nCông nghệ" stays one).
fn unit_cell(cell: &str) -> String {
    let mut out = String::new();
    for line in cell.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            let wrapped = out.ends_with([',', '('])
                || out.ends_with(" và")
                || line.starts_with(|c: char| !c.is_uppercase());
            out.push_str(if wrapped { " " } else { "; " });
        }
        out.push_str(line);
    }
    squash_spaces(&out)
}

/// Rows of a task table (STT / nội dung / chủ trì / phối hợp / thời gian) as items, with
/// group rows (I, II, A) as parents. `None` when the table is not a task table.
fn task_table_items(t: &Table, year: Option<i32>) -> Option<Vec<Item>> {
    let header_at = t.rows.iter().take(4).position(|r| {
        let c = table_columns(r);
        c.content.is_some() && (c.lead.is_some() || c.time.is_some() || c.number.is_some())
    })?;
    let cols = table_columns(&t.rows[header_at]);
    let content_col = cols.content?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &t.rows[header_at + 1..] {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if Some(i) == cols.lead || Some(i) == cols.coordinating {
                    unit_cell(c)
                } else {
                    // Line breaks are spaces to squash_spaces.
                    squash_spaces(c)
                }
            })
            .collect();
        // The column-number row "(1) | (2) | (3)".
        if cells
            .iter()
            .all(|c| c.is_empty() || c.starts_with('(') && c.ends_with(')') && c.len() <= 5)
        {
            continue;
        }
        let number = cols
            .number
            .and_then(|i| cells.get(i))
            .cloned()
            .unwrap_or_default();
        if t.wrapped && number.is_empty() && !rows.is_empty() {
            // antiword: the row continues a wrapped cell.
            let last = rows.last_mut().expect("non-empty");
            for (i, c) in cells.iter().enumerate() {
                if !c.is_empty()
                    && let Some(l) = last.get_mut(i)
                {
                    l.push(' ');
                    l.push_str(c);
                }
            }
            continue;
        }
        rows.push(cells);
    }
    let mut groups: Vec<Item> = Vec::new();
    let mut loose: Vec<Item> = Vec::new();
    let mut last_group_style: Option<Style> = None;
    for cells in rows {
        let get = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let mut number = get(cols.number);
        let mut content = get(Some(content_col));
        // A group row has its title in the first non-number cell and nothing else.
        let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
        if filled == 1 {
            // "I. Kinh tế số" in one merged cell.
            let only = cells
                .iter()
                .find(|c| !c.trim().is_empty())
                .cloned()
                .unwrap_or_default();
            if let Some((m, rest)) = split_marker(&only)
                && matches!(m.style, Style::Roman | Style::UpperLetter)
                && !rest.is_empty()
            {
                number = m.text.trim_end_matches(['.', ')']).to_string();
                content = rest.to_string();
            }
        }
        if content.is_empty() && filled >= 1 {
            content = cells
                .iter()
                .skip(cols.number.map_or(0, |n| n + 1))
                .find(|c| !c.trim().is_empty())
                .cloned()
                .unwrap_or_default();
        }
        if content.is_empty() {
            continue;
        }
        let line = t.line;
        let mut item = Item::new((!number.is_empty()).then(|| number.clone()), line);
        item.text = content.clone();
        let num_style = split_marker(&format!("{number}. x")).map(|(m, _)| m.style);
        let is_group = filled <= 2
            && (matches!(num_style, Some(Style::Roman | Style::UpperLetter))
                || upper_ratio(&content) > 0.8 && !number.chars().all(|c| c.is_ascii_digit()));
        item.lead_units = phrases::split_units(&get(cols.lead));
        item.coordinating_units = phrases::split_units(&get(cols.coordinating));
        let time = get(cols.time);
        if !time.is_empty() {
            item.deadlines = phrases::deadlines(&time, true, year);
        }
        let result = get(cols.result);
        item.targets = phrases::targets(&content, false);
        if !result.is_empty() {
            item.targets.extend(phrases::targets(&result, false));
            item.text.push('\n');
            item.text.push_str(&result);
        }
        item.title = first_sentence(&item.text);
        if is_group {
            last_group_style = num_style;
            groups.push(item);
        } else if matches!(number.as_str(), "-" | "+" | "*")
            || number.contains('.')
                && number.chars().filter(|c| *c == '.').count() >= 1
                && number.trim_end_matches('.').contains('.')
        {
            // A sub-row: a child of the last item.
            let parent = groups
                .last_mut()
                .and_then(|g| g.children.last_mut())
                .or(loose.last_mut());
            match parent {
                Some(p) => p.children.push(item),
                None => loose.push(item),
            }
        } else {
            match groups.last_mut() {
                Some(g) => g.children.push(item),
                None => loose.push(item),
            }
        }
    }
    let _ = last_group_style;
    let mut out = loose;
    out.extend(groups);
    if out.is_empty() {
        return None;
    }
    Some(out)
}

// ================================================================ appendices

fn read_appendices(doc: &mut Doc, from: usize, to: usize, year: Option<i32>) -> Vec<Appendix> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !is_appendix_label(&doc.blocks[i], doc.heads[i].first20()) {
            i += 1;
            continue;
        }
        let label_text = para(&doc.blocks[i])
            .map(|p| p.text.trim().to_string())
            .unwrap_or_default();
        let (label, mut title) = match label_text
            .split_once([':', '.'])
            .filter(|(l, _)| l.chars().count() < 20)
        {
            Some((l, t)) if !t.trim().is_empty() => {
                (l.trim().to_string(), Some(t.trim().to_string()))
            }
            _ => (label_text.clone(), None),
        };
        let next = (i + 1..to)
            .find(|&j| is_appendix_label(&doc.blocks[j], doc.heads[j].first20()))
            .unwrap_or(to);
        let mut items = Vec::new();
        let mut title_parts: Vec<String> = Vec::new();
        let mut j = i + 1;
        while j < next {
            match &doc.blocks[j] {
                Block::Para(p)
                    if items.is_empty()
                        && title.is_none()
                        && !p.text.starts_with('(')
                        && upper_ratio(&p.text) > 0.6
                        && title_parts.len() < 4 =>
                {
                    title_parts.push(p.text.trim().to_string());
                }
                Block::Table(t) => {
                    if let Some(rows) = task_table_items(t, year) {
                        items.extend(rows);
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if title.is_none() && !title_parts.is_empty() {
            title = Some(squash_spaces(&title_parts.join(" ")));
        }
        if items.is_empty() {
            // A list rather than a table: read it as a small tree.
            let tree = build_tree(doc, i + 1, next, year);
            items = tree
                .into_iter()
                .filter(|it| it.numbering.is_some() || !it.children.is_empty())
                .map(|it| finish_item(it, year))
                .collect();
        }
        out.push(Appendix {
            label: Some(label),
            title,
            items,
        });
        i = next;
    }
    out
}

// ================================================================ closing block

#[derive(Default)]
struct Closing {
    recipients: Vec<Recipient>,
    archive: Option<String>,
    signer: Option<Signer>,
}

fn closing_lines(blocks: &[Block], idx: &[usize]) -> Vec<String> {
    let mut lines = Vec::new();
    for &i in idx {
        match &blocks[i] {
            Block::Table(t) => lines.extend(t.column_lines()),
            Block::Para(p) => lines.push(p.text.clone()),
        }
    }
    lines
        .into_iter()
        .map(|l| squash_spaces(&l))
        .filter(|l| !l.is_empty())
        .collect()
}

const TITLE_WORDS: &[&str] = &[
    "GIÁM ĐỐC",
    "CHỦ TỊCH",
    "HIỆU TRƯỞNG",
    "TRƯỞNG",
    "THỦ TRƯỞNG",
    "BỘ TRƯỞNG",
    "THỦ TƯỚNG",
    "CHÁNH",
    "TỔNG",
    "VIỆN TRƯỞNG",
    "BÍ THƯ",
    "PHÓ",
    "CỤC TRƯỞNG",
    "GIÁM ĐỐC SỞ",
    "KT.",
    "TM.",
];

fn note_of(paren: &str) -> bool {
    let f = fold(paren);
    [
        "de ",
        "b/c",
        "d/b",
        "t/h",
        "p/h",
        "thuc hien",
        "bao cao",
        "chi dao",
        "biet",
        "phoi hop",
        "theo doi",
        "e-copy",
        "ban dien tu",
        "qua ",
        "gui ",
        "dang tai",
        "dang ",
    ]
    .iter()
    .any(|k| f.starts_with(k))
}

fn recipient_of(text: &str) -> Recipient {
    let mut t = text
        .trim()
        .trim_start_matches(['-', '+', '•', '–'])
        .trim()
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_string();
    let mut note = None;
    // A trailing "(b/c)" or "; (để chỉ đạo)".
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
    {
        let inner = t[open + 1..t.len() - 1].trim().to_string();
        if note_of(&inner) {
            note = Some(inner);
            t = t[..open]
                .trim()
                .trim_end_matches([';', ','])
                .trim()
                .to_string();
        }
    }
    Recipient { name: t, note }
}

fn is_person_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic())
        })
        && upper_ratio(t) < 0.9
}

fn read_closing(blocks: &[Block], idx: &[usize]) -> Closing {
    let lines = closing_lines(blocks, idx);
    let mut c = Closing::default();
    let mut in_recipients = false;
    let mut rest: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    let flush = |cur: &mut Option<String>, c: &mut Closing| {
        if let Some(r) = cur.take() {
            let f = fold(r.trim_start_matches(['-', '+', ' ']));
            if f.starts_with("luu") {
                let body = r.trim_start_matches(['-', '+', ' ']);
                let body = body.char_indices().nth(3).map_or("", |(i, _)| &body[i..]);
                let a = body
                    .trim_start_matches([':', ' '])
                    .trim()
                    .trim_end_matches(['.', ';'])
                    .trim();
                c.archive = Some(a.to_string());
            } else {
                let rec = recipient_of(&r);
                if !rec.name.is_empty() {
                    c.recipients.push(rec);
                }
            }
        }
    };
    for l in lines {
        let f = fold(&l);
        if f.starts_with("noi nhan") {
            in_recipients = true;
            let after = l.split_once(':').map_or("", |(_, a)| a).trim();
            if !after.is_empty() {
                current = Some(after.to_string());
            }
            continue;
        }
        let bullet = l.starts_with(['-', '+', '•', '–']);
        let signer_like = is_authority_line(&l)
            || upper_ratio(&l) > 0.8 && l.chars().count() < 60
            || is_person_name(&l);
        if in_recipients && bullet {
            flush(&mut current, &mut c);
            current = Some(l.clone());
            // "Lưu: VT, ..." closes the list.
            if fold(l.trim_start_matches(['-', '+', '•', '–', ' '])).starts_with("luu") {
                flush(&mut current, &mut c);
                in_recipients = false;
            }
            continue;
        }
        if let Some(cur) = current
            .as_mut()
            .filter(|r| in_recipients && !signer_like && !r.ends_with('.'))
        {
            cur.push(' ');
            cur.push_str(&l);
            continue;
        }
        flush(&mut current, &mut c);
        if f.starts_with("luu") && l.contains(':') {
            current = Some(l.clone());
            flush(&mut current, &mut c);
            continue;
        }
        rest.push(l);
    }
    flush(&mut current, &mut c);
    c.signer = read_signer(&rest);
    c
}

fn read_signer(lines: &[String]) -> Option<Signer> {
    let mut authority: Vec<String> = Vec::new();
    let mut title: Option<String> = None;
    let mut name: Option<String> = None;
    for l in lines {
        let t = l.trim().trim_matches(['*', '_']).trim();
        let f = fold(t);
        if f.contains("da ky") || f.starts_with("(ky") || t.is_empty() || f.starts_with("noi nhan")
        {
            continue;
        }
        if is_authority_line(t) {
            authority.push(t.to_string());
            continue;
        }
        let upper = upper_ratio(t) > 0.8 && t.chars().count() < 60;
        if upper && name.is_none() {
            let has_title_word = TITLE_WORDS.iter().any(|w| t.contains(w));
            if !has_title_word && !authority.is_empty() && title.is_none() {
                // A wrapped authority line: "TM. UỶ BAN NHÂN" / "DÂN".
                let last = authority.last_mut().expect("non-empty");
                last.push(' ');
                last.push_str(t);
                continue;
            }
            if has_title_word && title.is_none() {
                title = Some(t.to_string());
                continue;
            }
            if title.is_some()
                && name.is_none()
                && t.split_whitespace().count() <= 5
                && !has_title_word
            {
                name = Some(t.to_string());
            }
            continue;
        }
        if name.is_none() && (title.is_some() || !authority.is_empty()) && is_person_name(t) {
            name = Some(t.to_string());
        }
    }
    if authority.is_empty() && title.is_none() && name.is_none() {
        return None;
    }
    let authority = (!authority.is_empty()).then(|| squash_spaces(&authority.join(" ")));
    // "KT. GIÁM ĐỐC" with no title line below: the title is the signer's own role.
    Some(Signer {
        authority,
        title,
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let m = |s: &str| split_marker(s).map(|(m, r)| (m.style, m.text, r.to_string()));
        assert_eq!(
            m("II. Yêu cầu"),
            Some((Style::Roman, "II.".into(), "Yêu cầu".into()))
        );
        assert_eq!(
            m("B. NỘI DUNG"),
            Some((Style::UpperLetter, "B.".into(), "NỘI DUNG".into()))
        );
        assert_eq!(
            m("1.1. Nội dung:"),
            Some((Style::Decimal(2), "1.1.".into(), "Nội dung:".into()))
        );
        assert_eq!(
            m("2.1 Biên soạn"),
            Some((Style::Decimal(2), "2.1".into(), "Biên soạn".into()))
        );
        assert_eq!(
            m("a) Giáo dục"),
            Some((Style::LowerLetter, "a)".into(), "Giáo dục".into()))
        );
        assert_eq!(
            m("đ) Khác"),
            Some((Style::LowerLetter, "đ)".into(), "Khác".into()))
        );
        assert_eq!(
            m("- Tham gia"),
            Some((Style::Dash, "-".into(), "Tham gia".into()))
        );
        assert_eq!(
            m("+ Kết nối"),
            Some((Style::Plus, "+".into(), "Kết nối".into()))
        );
        assert_eq!(
            m("(ii) Khai thác"),
            Some((Style::ParenRoman, "(ii)".into(), "Khai thác".into()))
        );
        assert_eq!(
            m("Một là, tăng cường"),
            Some((Style::Ordinal, "Một là".into(), "tăng cường".into()))
        );
        assert_eq!(
            m("Điều 1. Ban hành"),
            Some((Style::Article, "Điều 1.".into(), "Ban hành".into()))
        );
        assert_eq!(
            m("IV - TỔ CHỨC"),
            Some((Style::Roman, "IV -".into(), "TỔ CHỨC".into()))
        );
        assert!(split_marker("10.000 tỷ đồng").is_none());
        assert!(split_marker("2025 là năm").is_none());
        assert!(split_marker("Việt Nam").is_none());
        assert!(split_marker("V/v tăng cường").is_none());
        assert!(split_marker("---").is_none());
        assert_eq!(
            m("PHẦN I. TÌNH HÌNH"),
            Some((Style::Part, "PHẦN I".into(), "TÌNH HÌNH".into()))
        );
        assert_eq!(
            m("Phần thứ hai: Nhiệm vụ"),
            Some((Style::Part, "Phần thứ hai".into(), "Nhiệm vụ".into()))
        );
    }

    #[test]
    fn wrapped_markers() {
        assert!(is_wrapped_marker("giai đoạn 2021", "- 2025 theo hướng"));
        assert!(is_wrapped_marker("ứng phó sự cố cấp độ", "1. Cấp ngay"));
        assert!(!is_wrapped_marker(
            "thành phố sáng tạo",
            "- Tổ chức hội nghị"
        ));
        assert!(!is_wrapped_marker(
            "phố Sáng tạo của UNESCO",
            "1.1. Nội dung:"
        ));
    }

    #[test]
    fn number_symbol() {
        assert_eq!(
            number_and_symbol("2954/QĐ-UBND"),
            (Some("2954".into()), Some("QĐ-UBND".into()))
        );
        assert_eq!(
            number_and_symbol("          /KH-SVHTT"),
            (None, Some("KH-SVHTT".into()))
        );
        assert_eq!(
            number_and_symbol("5973 /UBND-KT"),
            (Some("5973".into()), Some("UBND-KT".into()))
        );
        assert_eq!(
            number_and_symbol("0204/KH-UBND"),
            (Some("0204".into()), Some("KH-UBND".into()))
        );
    }

    #[test]
    fn issuer_levels() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            split_issuer(&v(&["ỦY BAN NHÂN DÂN", "TỈNH SƠN LA"])),
            (None, Some("ỦY BAN NHÂN DÂN TỈNH SƠN LA".into()))
        );
        assert_eq!(
            split_issuer(&v(&["UBND THÀNH PHỐ HÀ NỘI", "SỞ VĂN HÓA VÀ THỂ THAO"])),
            (
                Some("UBND THÀNH PHỐ HÀ NỘI".into()),
                Some("SỞ VĂN HÓA VÀ THỂ THAO".into())
            )
        );
    }

    #[test]
    fn fields() {
        assert_eq!(
            field_of("Đơn vị thực hiện: Phòng A"),
            Some((Field::Lead, "Phòng A".into()))
        );
        assert_eq!(field_of("Nội dung:"), Some((Field::Content, String::new())));
        assert_eq!(
            field_of("Thời gian tổ chức diễn đàn: tháng 10/2020"),
            Some((Field::Time, "tháng 10/2020".into()))
        );
        assert_eq!(
            field_of("Số lượng trang: 30- 40 trang"),
            Some((Field::Quantity, "30- 40 trang".into()))
        );
        assert!(field_of("Nội dung các hoạt động trong năm").is_none());
        let (l, c) = labelled_units(
            "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.",
        );
        assert_eq!(l, vec!["Phòng Quản lý Công nghiệp"]);
        assert_eq!(c, vec!["Phòng Quản lý Năng lượng", "Văn phòng Sở"]);
    }

    #[test]
    fn recipients_and_notes() {
        assert_eq!(
            recipient_of("- Đ/c Giám đốc Sở; (để chỉ đạo)"),
            Recipient {
                name: "Đ/c Giám đốc Sở".into(),
                note: Some("để chỉ đạo".into())
            }
        );
        assert_eq!(
            recipient_of("- Bộ Công Thương (b/c);"),
            Recipient {
                name: "Bộ Công Thương".into(),
                note: Some("b/c".into())
            }
        );
        assert_eq!(
            recipient_of("- Phòng KHTC, VP;"),
            Recipient {
                name: "Phòng KHTC, VP".into(),
                note: None
            }
        );
    }

    #[test]
    fn signer_blocks() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let s = read_signer(&v(&[
            "TM. UỶ BAN NHÂN",
            "DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Thành Công",
        ]))
        .unwrap();
        assert_eq!(
            s.authority.as_deref(),
            Some("TM. UỶ BAN NHÂN DÂN KT. CHỦ TỊCH")
        );
        assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Nguyễn Thành Công"));
        let s = read_signer(&v(&["GIÁM ĐỐC", "Đỗ Đình Hồng"])).unwrap();
        assert_eq!(
            (s.authority, s.title.as_deref(), s.name.as_deref()),
            (None, Some("GIÁM ĐỐC"), Some("Đỗ Đình Hồng"))
        );
    }
}

#[cfg(test)]
mod synthetic {
    //! A small plan written to exercise every construct the reader promises, including
    //! old tone placement (Uỷ, Quí, hoá) and wrapped lines that start with a number.
    use crate::model::ParsedPlan;

    const PLAN: &str = "\
UỶ BAN NHÂN DÂN
TỈNH THỬ NGHIỆM
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 0125/KH-UBND
Thử Nghiệm, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Phát triển văn hoá sáng tạo năm 2025

Căn cứ Quyết định số 12/QĐ-UBND ngày 02/01/2025 của Uỷ ban nhân dân tỉnh về việc giao chỉ tiêu;

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao chất lượng hoạt động sáng tạo.
2. Yêu cầu
- Bảo đảm tiết kiệm.

II. NHIỆM VỤ
1. Tổ chức hội thảo chuyên đề
a) Nội dung: tổ chức từ 3 đến 5 buổi hội thảo, xây dựng 01 khu trưng bày.
b) Cơ quan chủ trì: Sở Văn hoá, Thể thao và Du lịch
c) Cơ quan phối hợp: Sở Tài chính; Sở Nội vụ (Phòng Tổ chức, biên chế)
d) Thời gian: Quí IV/2025 - Quý II/2026
2. Sở Thông tin chủ trì, phối hợp với Báo tỉnh, Đài Phát thanh tỉnh đăng ít nhất 04 tin, bài mỗi tháng trong giai đoạn 2021
- 2025 theo kế hoạch.
3. Ứng phó sự cố theo cấp độ
1. Cấp ngay khi có yêu cầu, hoàn thành trước ngày 30/6/2025.
IV. KINH PHÍ
Tổng kinh phí dự kiến 285 tỷ đồng.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính: bảo đảm kinh phí.
2. Sở Nội vụ
- Theo dõi, đôn đốc.
- Tổng hợp báo cáo hằng năm.
Trên đây là Kế hoạch./.

Nơi nhận:
- Bộ Văn hoá (b/c);
- Lưu: VT, VX.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Thử

PHỤ LỤC I
DANH MỤC NHIỆM VỤ
STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian
I | NHÓM NHIỆM VỤ VĂN HÓA |  |  | 
1 | Xây dựng cơ sở dữ liệu | Sở Văn hóa | Sở Tài chính, UBND các xã | Quý II/2025
2 | Số hoá di sản | Sở Thông tin | Sở Văn hóa | Thường xuyên
";

    fn plan() -> ParsedPlan {
        crate::parse_text(PLAN)
    }

    #[test]
    fn header_with_old_tone_marks() {
        let p = plan();
        let d = &p.document;
        assert_eq!(
            (d.kind.as_str(), d.kind_code.as_deref()),
            ("Kế hoạch", Some("KH"))
        );
        assert_eq!(
            (d.number.as_deref(), d.symbol.as_deref()),
            (Some("0125"), Some("KH-UBND"))
        );
        assert_eq!(d.issuer.as_deref(), Some("UỶ BAN NHÂN DÂN TỈNH THỬ NGHIỆM"));
        assert_eq!(d.date, chrono::NaiveDate::from_ymd_opt(2025, 3, 5));
        assert_eq!(d.title, "Phát triển văn hoá sáng tạo năm 2025");
        assert_eq!(d.year, Some(2025));
        assert_eq!(p.legal_basis.len(), 1);
        assert_eq!(
            p.legal_basis[0].refs[0].issuer.as_deref(),
            Some("Uỷ ban nhân dân tỉnh")
        );
        assert_eq!((p.purposes.len(), p.requirements.len()), (1, 1));
    }

    #[test]
    fn labelled_fields_fold_into_the_task() {
        let p = plan();
        let t = &p.items[0];
        assert_eq!(t.numbering.as_deref(), Some("1."));
        assert!(
            t.children.is_empty(),
            "a) b) c) d) are fields: {:#?}",
            t.children
        );
        assert_eq!(t.lead_units, vec!["Sở Văn hoá, Thể thao và Du lịch"]);
        assert_eq!(
            t.coordinating_units,
            vec!["Sở Tài chính", "Sở Nội vụ (Phòng Tổ chức, biên chế)"]
        );
        let ranges: Vec<_> = t
            .targets
            .iter()
            .map(|x| (x.min, x.max, x.unit.as_str()))
            .collect();
        assert!(
            ranges.contains(&(Some(3.0), Some(5.0), "buổi")),
            "{ranges:?}"
        );
        assert!(
            ranges.contains(&(Some(1.0), Some(1.0), "khu")),
            "{ranges:?}"
        );
        let d = &t.deadlines[0];
        assert_eq!(d.start, chrono::NaiveDate::from_ymd_opt(2025, 10, 1));
        assert_eq!(d.due, chrono::NaiveDate::from_ymd_opt(2026, 6, 30));
    }

    #[test]
    fn inline_units_floor_targets_and_wrapped_lines() {
        let p = plan();
        let t = &p.items[1];
        assert_eq!(t.lead_units, vec!["Sở Thông tin"]);
        assert_eq!(
            t.coordinating_units,
            vec!["Báo tỉnh", "Đài Phát thanh tỉnh"]
        );
        assert!(
            t.text.contains("giai đoạn 2021 - 2025"),
            "the '- 2025' line continues: {}",
            t.text
        );
        assert!(t.children.is_empty());
        let floor = t
            .targets
            .iter()
            .find(|x| x.unit == "tin, bài")
            .expect("target");
        assert_eq!(
            (floor.min, floor.max, floor.per.as_deref()),
            (Some(4.0), None, Some("tháng"))
        );
        let levels = &p.items[2];
        assert!(
            levels.text.contains("cấp độ 1. Cấp ngay"),
            "{}",
            levels.text
        );
        assert_eq!(
            levels.deadlines[0].due,
            chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
        );
        assert!(
            p.warnings
                .iter()
                .any(|w| w.message.contains("continuation")),
            "{:#?}",
            p.warnings
        );
    }

    #[test]
    fn repeated_section_numbers_keep_the_tree() {
        let p = plan();
        assert_eq!(
            p.budget.as_ref().map(|b| b.amounts_vnd.clone()),
            Some(vec![285_000_000_000])
        );
        let units: Vec<_> = p
            .responsibilities
            .iter()
            .map(|r| (r.unit.as_str(), r.duties.len()))
            .collect();
        assert_eq!(units, vec![("Sở Tài chính", 1), ("Sở Nội vụ", 2)]);
    }

    #[test]
    fn closing_and_appendix() {
        let p = plan();
        assert_eq!(p.recipients.len(), 1);
        assert_eq!(p.recipients[0].note.as_deref(), Some("b/c"));
        assert_eq!(p.archive.as_deref(), Some("VT, VX"));
        let s = p.signer.as_ref().expect("signer");
        assert_eq!(
            (
                s.authority.as_deref(),
                s.title.as_deref(),
                s.name.as_deref()
            ),
            (
                Some("KT. CHỦ TỊCH"),
                Some("PHÓ CHỦ TỊCH"),
                Some("Nguyễn Văn Thử")
            )
        );
        let a = &p.appendices[0];
        assert_eq!(a.label.as_deref(), Some("PHỤ LỤC I"));
        assert_eq!(a.items.len(), 1, "one group row: {:#?}", a.items);
        let g = &a.items[0];
        assert_eq!(g.children.len(), 2);
        assert_eq!(
            g.children[0].coordinating_units,
            vec!["Sở Tài chính", "UBND các xã"]
        );
        assert_eq!(
            g.children[0].deadlines[0].due,
            chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
        );
        assert_eq!(
            g.children[1].deadlines[0].recurrence.as_deref(),
            Some("thường xuyên")
        );
    }

    #[test]
    fn issuer_from_the_body_when_the_header_is_missing() {
        let p = crate::parse_text(
            "KẾ HOẠCH\nThử nghiệm\n\nPhòng Văn hóa và Thông tin xây dựng Kế hoạch như sau:\n\nI. NỘI DUNG\n1. Việc một\n",
        );
        assert_eq!(
            p.document.issuer.as_deref(),
            Some("Phòng Văn hóa và Thông tin")
        );
        assert_eq!(p.items.len(), 1);
    }
}

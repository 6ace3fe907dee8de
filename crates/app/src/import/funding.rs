//! The plan's funding as its "Kinh phí" section words it: which sources it names, which
//! amount belongs to which, a total against its parts, the unit the money is assigned to
//! ("… giao Phòng Quản lý Di sản văn hóa") and the year it is for. Pure: the review page
//! shows the proposal for correction, and the import commits it as the plan's funding
//! sources (`store::FundingLine`). The amounts are read by the reader's own rule
//! (`vanban::phrases::money_amounts`), clause by clause.

use store::FundingLine;
use vanban::ParsedPlan;

/// At most this many lines are proposed (a section is a paragraph or two).
pub const MAX_LINES: usize = 12;

/// A source's name is cut to this many characters (the review page shows the rest).
pub const MAX_NAME: usize = 300;

/// The name of the one line proposed for a section that states an amount and no source.
pub const UNNAMED_SOURCE: &str = "Kinh phí thực hiện Kế hoạch";

/// What the section proposes: the funding lines, and the total it states when that total
/// is not one line's own amount.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposal {
    pub lines: Vec<FundingLine>,
    /// "Tổng kinh phí: …" as stated, when it is not a single line's amount.
    pub stated_total: Option<i64>,
}

impl Proposal {
    /// The stated total and what the lines add up to, when they disagree (some lines
    /// have amounts and their sum is not the total).
    pub fn mismatch(&self) -> Option<(i64, i64)> {
        let total = self.stated_total?;
        let amounts: Vec<i64> = self.lines.iter().filter_map(|l| l.amount).collect();
        let sum = amounts.iter().try_fold(0i64, |s, a| s.checked_add(*a))?;
        (!amounts.is_empty() && sum != total).then_some((total, sum))
    }
}

/// The proposal for a reading: from its budget section, the legal basis being the plan
/// itself ("Kế hoạch số 12/KH-SVHTT") unless the clause names the decision.
pub fn propose(parsed: &ParsedPlan) -> Proposal {
    let Some(budget) = &parsed.budget else {
        return Proposal::default();
    };
    let d = &parsed.document;
    let plan_ref = match (&d.number, &d.symbol) {
        (Some(n), Some(s)) => format!("Kế hoạch số {n}/{s}"),
        _ => String::new(),
    };
    propose_text(&budget.text, &plan_ref)
}

/// The proposal for a section's text (see the module's rules).
pub fn propose_text(text: &str, plan_ref: &str) -> Proposal {
    let mut lines: Vec<FundingLine> = Vec::new();
    let mut unassigned: Vec<i64> = Vec::new();
    for part in parts(text) {
        let tokens = tokens(part);
        let Some(start) = (0..tokens.len()).find(|&i| source_at(&tokens, i)) else {
            unassigned.extend(vanban::phrases::money_amounts(part));
            continue;
        };
        let head = &part[..tokens[start].at];
        unassigned.extend(vanban::phrases::money_amounts(head));
        let unit = assigned_unit(part, &tokens);
        let year = year_named(&tokens);
        let basis = legal_basis(part).unwrap_or_else(|| plan_ref.to_string());
        for piece in pieces(part, &tokens, start) {
            let name = source_name(piece);
            if name.is_empty() {
                continue;
            }
            let key = vntext::text::fold(&name);
            if lines.iter().any(|l| vntext::text::fold(&l.name) == key) {
                continue;
            }
            lines.push(FundingLine {
                name,
                legal_basis: basis.clone(),
                year,
                amount: vanban::phrases::money_amounts(piece).first().copied(),
                unit: unit.clone(),
            });
        }
    }
    lines.truncate(MAX_LINES);
    settle_total(lines, &unassigned)
}

/// A total against its parts: the first amount tied to no source is the stated total
/// ("Tổng kinh phí: 500 triệu đồng, trong đó: …"); a single source without an amount
/// takes it; with no source at all, it is one unnamed line.
fn settle_total(mut lines: Vec<FundingLine>, unassigned: &[i64]) -> Proposal {
    let Some(&total) = unassigned.first() else {
        return Proposal {
            lines,
            stated_total: None,
        };
    };
    if lines.is_empty() {
        lines.push(FundingLine {
            name: UNNAMED_SOURCE.to_string(),
            amount: Some(total),
            ..FundingLine::default()
        });
        return Proposal {
            lines,
            stated_total: None,
        };
    }
    if let [only] = lines.as_mut_slice()
        && only.amount.is_none()
    {
        only.amount = Some(total);
        return Proposal {
            lines,
            stated_total: None,
        };
    }
    Proposal {
        lines,
        stated_total: Some(total),
    }
}

/// The clauses of the section: its sentences, bullets ("- …"), numbered points and
/// semicolon-separated clauses, and what follows "trong đó" or "gồm" (the parts of a
/// total), each without its marker.
fn parts(text: &str) -> Vec<&str> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of the previous, start of next)
    let b = text.as_bytes();
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let next_starts_clause = |skip: usize| {
            let after = rest[skip..].trim_start();
            after
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-' || c == '+')
        };
        if rest.starts_with("; ") || (rest.starts_with(". ") && next_starts_clause(2)) {
            cuts.push((i, i + 2));
        } else if (rest.starts_with(" - ") || rest.starts_with(" + "))
            && i > 0
            && !b[i - 1].is_ascii_digit()
        {
            cuts.push((i, i + 3));
        } else if let Some(n) = ["trong đó:", "trong đó,", "trong đó", "gồm:"]
            .iter()
            .find(|w| rest.starts_with(**w))
            .map(|w| w.len())
        {
            cuts.push((i, i + n));
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (end, next) in cuts {
        if end >= from {
            out.push(&text[from..end]);
            from = next;
        }
    }
    out.push(&text[from..]);
    out.into_iter()
        .map(strip_marker)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A clause without its bullet or number ("- ", "2. ", "a) ") and trailing punctuation.
fn strip_marker(p: &str) -> &str {
    let p = p
        .trim()
        .trim_start_matches(['-', '+', '*', '•'])
        .trim_start();
    let p = match p.split_once(' ') {
        Some((m, rest))
            if m.len() <= 4
                && (m.ends_with('.') || m.ends_with(')'))
                && m[..m.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()) =>
        {
            rest
        }
        _ => p,
    };
    p.trim().trim_end_matches(['.', ',', ';', ':']).trim()
}

/// A word of a clause: where it starts and ends, and its folded letters and digits.
struct Token {
    at: usize,
    end: usize,
    folded: String,
    /// It ends with a comma (a list goes on after it).
    comma: bool,
}

fn tokens(part: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut at = None;
    for (i, c) in part.char_indices().chain([(part.len(), ' ')]) {
        match (c.is_whitespace(), at) {
            (false, None) => at = Some(i),
            (true, Some(s)) => {
                let word = &part[s..i];
                out.push(Token {
                    at: s,
                    end: i,
                    folded: vntext::text::fold(word)
                        .chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect(),
                    comma: word.ends_with(',') || word.ends_with(';'),
                });
                at = None;
            }
            _ => {}
        }
    }
    out
}

/// The words a source starts with ("nguồn …", "ngân sách …", "vốn …", "xã hội hóa").
const SOURCE_WORDS: &[&[&str]] = &[
    &["nguon"],
    &["cac", "nguon"],
    &["ngan", "sach"],
    &["von"],
    &["xa", "hoi", "hoa"],
    &["tai", "tro"],
    &["vien", "tro"],
    &["quy"],
    &["ho", "tro", "tu"],
];

/// Words that end a source's name: the assignment ("giao", "cấp cho"), a rule ("theo"),
/// a purpose ("để"), the parts ("trong đó") or a passive ("được").
const NAME_ENDS: &[&[&str]] = &[
    &["giao"],
    &["cap", "cho"],
    &["theo"],
    &["de"],
    &["duoc"],
    &["trong", "do"],
    &["nam"],
    &["la"],
    &["tu", "nam"],
];

impl Token {
    fn is(&self, w: &str) -> bool {
        self.folded == w
    }
}

/// The words `words` start at token `i`.
fn at(tokens: &[Token], i: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.is(w)))
}

/// A source's words start at token `i`.
fn source_at(tokens: &[Token], i: usize) -> bool {
    SOURCE_WORDS.iter().any(|w| at(tokens, i, w))
}

/// The clause from `start` cut into its sources: a new one starts after a comma, "và" or
/// "hoặc" when its words are a source's ("ngân sách Trung ương, nguồn ngân sách thành phố
/// đối ứng và các nguồn huy động, vận động": three).
fn pieces<'p>(part: &'p str, tokens: &[Token], start: usize) -> Vec<&'p str> {
    let mut starts = vec![start];
    for i in start + 1..tokens.len() {
        let after_list = tokens[i - 1].comma || tokens[i - 1].is("va") || tokens[i - 1].is("hoac");
        if after_list && source_at(tokens, i) {
            starts.push(i);
        }
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let end = match starts.get(k + 1) {
                Some(&n) => tokens[n].at,
                None => part.len(),
            };
            &part[tokens[s].at..end]
        })
        .collect()
}

/// A source's name from its piece: up to the first word that ends a name or the first
/// figure, without a leading "nguồn" before "kinh phí"/"ngân sách"/"vốn", the list's "và"
/// or comma, and with a capital first letter.
fn source_name(piece: &str) -> String {
    let tokens = tokens(piece);
    let mut end = piece.len();
    for (i, t) in tokens.iter().enumerate() {
        let figure = t.folded.starts_with(|c: char| c.is_ascii_digit());
        let opens = piece[t.at..].starts_with('(');
        if i > 0 && (figure || opens || NAME_ENDS.iter().any(|w| at(&tokens, i, w))) {
            end = t.at;
            break;
        }
    }
    let mut name = piece[..end].trim();
    let first = tokens.first();
    if first.is_some_and(|t| t.is("nguon"))
        && (at(&tokens, 1, &["kinh", "phi"])
            || at(&tokens, 1, &["ngan", "sach"])
            || at(&tokens, 1, &["von"]))
    {
        name = piece[tokens[1].at..end].trim();
    }
    loop {
        let trimmed = name
            .trim_end_matches([',', ';', ':', '.', '-', ' '])
            .trim_end();
        let trimmed = ["và", "hoặc", "và các"]
            .iter()
            .find_map(|w| trimmed.strip_suffix(w).filter(|r| r.ends_with(' ')))
            .unwrap_or(trimmed)
            .trim_end();
        if trimmed == name {
            break;
        }
        name = trimmed;
    }
    let name: String = name.chars().take(MAX_NAME).collect();
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The unit the clause assigns the money to: the words after "giao" or "cấp cho", up to
/// "năm", "để", "thực hiện", "chủ trì" or punctuation.
fn assigned_unit(part: &str, tokens: &[Token]) -> Option<String> {
    let i =
        (0..tokens.len()).find(|&i| at(tokens, i, &["giao"]) || at(tokens, i, &["cap", "cho"]))?;
    let from = if tokens[i].is("giao") { i + 1 } else { i + 2 };
    let first = tokens.get(from)?;
    if !part[first.at..].starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut end = first.end;
    for (k, t) in tokens.iter().enumerate().skip(from) {
        let stop = ["nam", "de", "thuc", "chu", "theo", "trong"]
            .iter()
            .any(|w| t.is(w));
        if k > from && stop {
            break;
        }
        end = t.end;
        if t.comma || part[..t.end].ends_with('.') {
            break;
        }
    }
    let unit = part[first.at..end]
        .trim_end_matches([',', ';', '.', ':'])
        .trim();
    (!unit.is_empty()).then(|| unit.to_string())
}

/// "năm 2026" in the clause: the year the money is for.
fn year_named(tokens: &[Token]) -> Option<i32> {
    tokens.windows(2).find_map(|w| {
        if !w[0].is("nam") || w[1].folded.len() != 4 {
            return None;
        }
        w[1].folded
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
    })
}

/// The decision the clause names ("theo Quyết định số 123/QĐ-UBND"), as "Quyết định số
/// 123/QĐ-UBND".
fn legal_basis(part: &str) -> Option<String> {
    let r = vanban::phrases::doc_refs(part).into_iter().next()?;
    let kind = r
        .kind_code
        .as_deref()
        .and_then(vanban::phrases::kind_name_for)
        .unwrap_or("Văn bản");
    Some(match (r.number, r.symbol) {
        (Some(n), Some(s)) => format!("{kind} số {n}/{s}"),
        (None, Some(s)) => format!("{kind} {s}"),
        _ => return None,
    })
}

#[cfg(test)]
#[path = "funding_tests.rs"]
mod tests;

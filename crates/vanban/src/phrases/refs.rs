//! Document kinds and their codes, and references to other documents ("Quyết định số
//! 12/QĐ-UBND ngày ...").

use super::dates::first_date;
use crate::model::DocRef;
use crate::text::{fold, squash_spaces};

/// Kinds of administrative documents and their Nghị định 30/2020 codes, folded.
pub const KINDS: &[(&str, &str, &str)] = &[
    ("ke hoach", "Kế hoạch", "KH"),
    ("quyet dinh", "Quyết định", "QĐ"),
    ("bao cao", "Báo cáo", "BC"),
    ("thong bao", "Thông báo", "TB"),
    ("giay moi", "Giấy mời", "GM"),
    ("cong van", "Công văn", "CV"),
    ("to trinh", "Tờ trình", "TTr"),
    ("chi thi", "Chỉ thị", "CT"),
    ("nghi quyet", "Nghị quyết", "NQ"),
    ("nghi dinh", "Nghị định", "NĐ"),
    ("thong tu", "Thông tư", "TT"),
    ("chuong trinh", "Chương trình", "CTr"),
    ("huong dan", "Hướng dẫn", "HD"),
    ("de an", "Đề án", "ĐA"),
    ("cong dien", "Công điện", "CĐ"),
    ("ket luan", "Kết luận", "KL"),
    ("quy che", "Quy chế", "QC"),
    ("quy dinh", "Quy định", "QyĐ"),
    ("bien ban", "Biên bản", "BB"),
    ("van ban", "Văn bản", "CV"),
    ("luat", "Luật", ""),
];

/// The kind code for a kind named in folded text ("ke hoach" → "KH").
pub fn kind_code_for(folded_kind: &str) -> Option<&'static str> {
    KINDS
        .iter()
        .find(|(f, _, _)| *f == folded_kind)
        .map(|(_, _, c)| *c)
        .filter(|c| !c.is_empty())
}

/// The kind name for a code ("KH" → "Kế hoạch").
pub fn kind_name_for(code: &str) -> Option<&'static str> {
    let code = code.to_uppercase();
    KINDS
        .iter()
        .find(|(_, _, c)| c.to_uppercase() == code && !c.is_empty())
        .map(|(_, n, _)| *n)
}

/// The kind code that opens a symbol: "KH-UBND" → "KH", "2025/NĐ-CP" → "NĐ", "NQ/TW" → "NQ".
pub fn kind_code_of_symbol(symbol: &str) -> Option<&'static str> {
    for part in symbol.split(['/', '-']) {
        if part.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        return KINDS
            .iter()
            .find(|(_, _, c)| {
                !c.is_empty() && c.eq_ignore_ascii_case(part) || (*c == "QĐ" && part == "QD")
            })
            .map(|(_, _, c)| *c);
    }
    None
}

re!(
    RE_DOC_ID,
    r"\b(\d{1,6})\s*([/-])\s*((?:\d{4}/)?[\p{Lu}Đ][\p{Lu}\p{Ll}Đđ0-9]*(?:[-/][\p{Lu}Đ\p{Ll}đ0-9]+)*)"
);
/// The kinds a reference names before its number ("Kế hoạch số 102/KH-UBND").
pub(super) const KIND_WORDS: &str = "kế hoạch|quyết định|báo cáo|thông báo|giấy mời|công văn|tờ trình|\
                          chỉ thị|nghị quyết|nghị định|thông tư|chương trình|hướng dẫn|đề án|\
                          công điện|kết luận|quy chế|quy định|văn bản";
// A kind, or "Luật" and the law's name, just before the number. The name is at most 80
// letters, spaces or commas (see `law_name_fits`): written as `{2,80}` here, the pattern
// would hold 80 copies of a Unicode class, too large for the regex engine's fast DFA.
re!(
    RE_KIND_BEFORE_LOOSE,
    format!(r"(?i)(?:{KIND_WORDS}|luật(?:\s+[\p{{L}}\s,]{{2,}}?)?)\s*(?:số)?\s*(?:số)?\s*$")
);
// The kind word alone, read where a match of the pattern above starts.
re!(RE_KIND_AT, format!("(?i)^(?:{KIND_WORDS}|luật)"));
re!(RE_NAME_CHARS, r"^[\p{L}\s,]*$");

re!(
    RE_AFTER_DATE,
    r"(?i)^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
);
re!(
    RE_ISSUER_END,
    r"(?i)\s+(?:về\s|phê duyệt|ban hành|quy định|hướng dẫn|triển khai|thực hiện|giao\s|sửa đổi|tiếp tục|tăng cường|đến năm|và\s+(?:các|những|văn|kế|quyết|nghị|chỉ|thông|đề|chương|luật)|thi hành|chỉ đạo|kết luận|tại\s+(?:tờ|văn|công)|để\s)|[,;:.(\n]"
);

// "Luật Đất đai ngày 18 tháng 01 năm 2024": the law's name (capitalised words) and date,
// as `\b(Luật\s+[\p{Lu}Đ][\p{L}\s,]{1,100}?)\s*,?\s*(?:được …)?ngày\s+(DATE)` would read it.
// Written that way the pattern holds 100 copies of a Unicode class: the regex engine leaves
// its fast DFA and took 0.25 ms per preamble. `laws_by_name` walks the lazy name by hand
// over three small patterns instead (checked against the one pattern in the tests).
re!(RE_LAW_HEAD, r"^Luật\s+[\p{Lu}Đ]");
re!(RE_LAW_NAME_RUN, r"^[\p{L}\s,]*");
re!(
    RE_LAW_TAIL,
    r"^\s*,?\s*(?:được\s+Quốc hội\s+thông qua\s+)?ngày\s+(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
);

/// Laws cited by name and date, left to right without overlap: (start, end, date text).
pub(super) fn laws_by_name(text: &str) -> Vec<(usize, usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&bytes[from..], "Luật".as_bytes()) {
        let start = from + i;
        from = start + 1;
        // `\b` in its ASCII sense: "L" is a word character, so the byte before must not be.
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        let Some(head) = RE_LAW_HEAD.find(&text[start..]) else {
            continue;
        };
        let name_from = start + head.end();
        let run = RE_LAW_NAME_RUN
            .find(&text[name_from..])
            .map_or(0, |m| m.end());
        // The name's rest is 1 to 100 of the run's characters, as few as let the date follow.
        let found = text[name_from..name_from + run]
            .char_indices()
            .map(|(k, c)| name_from + k + c.len_utf8())
            .take(100)
            .filter(|&p| {
                // The tail opens, after spaces and a comma, with "ngày" or "được".
                let t = text[p..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                t.starts_with("ngày") || t.starts_with("được")
            })
            .find_map(|p| RE_LAW_TAIL.captures(&text[p..]).map(|c| (p, c)));
        if let Some((p, c)) = found {
            let date = c.get(1).expect("date");
            out.push((
                start,
                p + c.get(0).expect("m").end(),
                &text[p + date.start()..p + date.end()],
            ));
            from = p + c.get(0).expect("m").end();
        }
    }
    out
}

/// Document references in a clause: "Kế hoạch số 102/KH-UBND ngày 01/4/2022 của UBND
/// thành phố Hà Nội" → KH, "102", "KH-UBND", 2022-04-01, "UBND thành phố Hà Nội".
pub fn doc_refs(text: &str) -> Vec<DocRef> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in RE_DOC_ID.captures_iter(text) {
        let whole = c.get(0).expect("m");
        let symbol = c[3].trim_end_matches(['.', ',', ';', ')']).to_string();
        // A symbol names a body in capitals ("KH-UBND", "NQ/TW", "QH15"): plain words are not.
        if !symbol.chars().any(|ch| ch.is_uppercase())
            || symbol.chars().filter(|ch| ch.is_lowercase()).count() > symbol.len() / 2 + 2
        {
            continue;
        }
        let number = c[1].to_string();
        let before = &text[..whole.start()];
        let kind = kind_before(before);
        let kind_code = kind
            .as_deref()
            .and_then(|k| {
                if k.starts_with("luat") {
                    None
                } else {
                    kind_code_for(k)
                }
            })
            .map(str::to_string)
            .or_else(|| kind_code_of_symbol(&symbol).map(str::to_string));
        let after = &text[whole.end()..];
        let (date, rest) = match RE_AFTER_DATE.captures(after) {
            Some(d) => (
                first_date(&format!("ngày {}", &d[1])),
                &after[d.get(0).expect("m").end()..],
            ),
            None => (None, after),
        };
        let issuer = issuer_after(rest);
        out.push(DocRef {
            kind_code,
            number: Some(number),
            symbol: Some(symbol),
            date,
            issuer,
        });
    }
    // Laws are cited by name and date without a number: "Luật Tổ chức chính quyền địa
    // phương ngày 16 tháng 6 năm 2025".
    let numbered: Vec<usize> = RE_DOC_ID.find_iter(text).map(|m| m.start()).collect();
    for (start, end, date) in laws_by_name(text) {
        // A law cited with its number is read above.
        if numbered.iter().any(|&n| n >= start && n < end) {
            continue;
        }
        let date = first_date(&format!("ngày {date}"));
        let issuer = issuer_after(&text[end..]);
        out.push(DocRef {
            kind_code: None,
            number: None,
            symbol: None,
            date,
            issuer,
        });
    }
    // A document named again in the clause ("(gọi tắt là Nghị định số …)") is one reference;
    // laws without a number cannot be told apart and are all kept.
    let mut unique: Vec<DocRef> = Vec::with_capacity(out.len());
    for r in out {
        let same = |u: &DocRef| r.number.is_some() && u.number == r.number && u.symbol == r.symbol;
        match unique.iter_mut().find(|u| same(u)) {
            Some(u) => {
                u.date = u.date.or(r.date);
                u.issuer = u.issuer.take().or(r.issuer);
            }
            None => unique.push(r),
        }
    }
    unique
}

/// The kind a reference names just before its number, folded ("ke hoach", "luat"): the
/// first place from which `before` reads as a kind word, or "Luật" and a law's name of
/// at most 80 characters, then "số" and spaces.
pub(super) fn kind_before(before: &str) -> Option<String> {
    let mut from = 0;
    loop {
        let start = RE_KIND_BEFORE_LOOSE.find_at(before, from)?.start();
        let tail = &before[start..];
        let word = RE_KIND_AT.find(tail).map_or(tail, |w| w.as_str());
        let kind = fold(
            &word
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" "),
        );
        if kind != "luat" || law_name_fits(&tail[word.len()..]) {
            return Some(kind);
        }
        // A longer name: the kind is named further on, if at all.
        from = start + word.chars().next().map_or(1, char::len_utf8);
    }
}

/// Does `rest`, the text after "Luật", match `(?:\s+[\p{L}\s,]{2,80})?`, then
/// `\s*(?:số)?\s*(?:số)?\s*` (case-insensitive) to its end?
fn law_name_fits(rest: &str) -> bool {
    let chars: Vec<char> = rest.chars().collect();
    if so_suffixes(&chars).any(|y| y == chars.len()) {
        return true;
    }
    // A space, then the name (with more spaces before it, perhaps) and the "số" part.
    let Some(first) = chars.first().filter(|c| c.is_whitespace()) else {
        return false;
    };
    if !RE_NAME_CHARS.is_match(&rest[first.len_utf8()..]) {
        return false;
    }
    let after_space = &chars[1..];
    let leading = after_space.iter().take_while(|c| c.is_whitespace()).count();
    // The name is what the leading spaces and a "số" suffix leave: 2 to 80 characters.
    so_suffixes(after_space).any(|y| {
        let left = after_space.len() - y;
        (2..=80 + leading).contains(&left)
    })
}

/// The lengths of the endings of `chars` that match `(?i)\s*(?:số)?\s*(?:số)?\s*`.
fn so_suffixes(chars: &[char]) -> impl Iterator<Item = usize> + '_ {
    let is_so = |s: char, o: char| matches!(s, 's' | 'S' | 'ſ') && matches!(o, 'ố' | 'Ố');
    let mut lens = Vec::new();
    let mut start = chars.len();
    for round in 0..3 {
        lens.push(chars.len() - start);
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
            lens.push(chars.len() - start);
        }
        if round == 2 || start < 2 || !is_so(chars[start - 2], chars[start - 1]) {
            break;
        }
        start -= 2;
    }
    lens.into_iter()
}

/// "của UBND thành phố Hà Nội về việc ..." → "UBND thành phố Hà Nội".
fn issuer_after(rest: &str) -> Option<String> {
    let r = rest.trim_start();
    let body = &r[crate::text::prefix_len_ci(r, "của ")?..];
    let end = RE_ISSUER_END.find(body).map_or(body.len(), |m| m.start());
    let issuer = squash_spaces(&body[..end]);
    let words = issuer.split_whitespace().count();
    if words == 0 || words > 14 {
        return None;
    }
    Some(issuer)
}

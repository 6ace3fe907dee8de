//! Units (agencies): lists split into names, labelled and inline lead and coordinating
//! units.

use crate::text::{fold, squash_spaces};
use regex::Regex;
use std::sync::LazyLock;

/// Splits a list of units on commas and semicolons, never inside parentheses, and on
/// " và " only before a new unit ("Sở Nội vụ và Sở Tài chính", not "Sở Văn hóa và Thể thao").
pub fn split_units(list: &str) -> Vec<String> {
    // An empty cell or field is common and gives nothing.
    if list.trim().is_empty() {
        return Vec::new();
    }
    // The pieces between separators, and the separator after each.
    let mut parts: Vec<(&str, char)> = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, ch) in list.char_indices() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' | '\n' if depth <= 0 => {
                parts.push((&list[start..i], ch));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push((&list[start..], ','));
    // "Các sở, ngành" and "UBND xã, phường" share their head noun: a lowercase piece after
    // a comma still belongs to the unit before it.
    let mut joined: Vec<String> = Vec::new();
    let mut prev_sep = ';';
    for (p, sep) in parts {
        let head = p.trim_start();
        let determiner = ["các ", "những ", "mọi ", "toàn "]
            .iter()
            .any(|d| head.starts_with(d));
        let lower_start = head.chars().next().is_some_and(char::is_lowercase) && !determiner;
        // "Sở Văn hóa, Thể thao và Du lịch": the last part of a name that lists fields.
        let name_tail = head.chars().next().is_some_and(char::is_uppercase)
            && !is_unit_start(head)
            && head.contains(" và ")
            && joined.last().is_some_and(|l| is_unit_start(l.trim_start()));
        match joined.last_mut() {
            Some(last)
                if (lower_start || name_tail) && prev_sep == ',' && !head.starts_with("và ") =>
            {
                last.push(',');
                last.push_str(p);
            }
            _ => joined.push(p.to_string()),
        }
        prev_sep = sep;
    }
    let mut out = Vec::new();
    for p in joined {
        for q in split_on_va(&p) {
            let u = clean_unit(&q);
            if !u.is_empty() && !out.contains(&u) {
                out.push(u);
            }
        }
    }
    out
}

fn split_on_va(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(pos) = rest.find(" và ") {
        let next = rest[pos + " và ".len()..].trim_start();
        if is_unit_start(next) || next.starts_with("các ") || next.starts_with("những ") {
            out.push(rest[..pos].to_string());
            rest = &rest[pos + " và ".len()..];
        } else {
            // Keep scanning after this " và " but inside the same unit.
            let (head, tail) = rest.split_at(pos + " và ".len());
            match split_on_va(tail).split_first() {
                Some((first, others)) => {
                    out.push(format!("{head}{first}"));
                    out.extend(others.iter().cloned());
                }
                None => out.push(head.to_string()),
            }
            return out;
        }
    }
    out.push(rest.to_string());
    out
}

const UNIT_WORDS: &[&str] = &[
    "so",
    "phong",
    "ban",
    "van phong",
    "uy ban",
    "ubnd",
    "bo",
    "cuc",
    "chi cuc",
    "trung tam",
    "bao tang",
    "truong",
    "dai",
    "bao",
    "hoi",
    "tap chi",
    "cong an",
    "bo chi huy",
    "kho bac",
    "thanh tra",
    "vien",
    "benh vien",
    "tong cuc",
    "doan",
    "mat tran",
    "lien doan",
    "hdnd",
    "cong ty",
    "tong cong ty",
    "ngan hang",
    "unesco",
    "thanh uy",
    "tinh uy",
    "dang uy",
    "quan uy",
    "huyen uy",
    "trung tam",
    "hoc vien",
    "dai hoc",
    "nha hat",
    "thu vien",
    "ttxvn",
    "vp",
    "chanh van phong",
    "giam doc",
    "cac",
    "lanh dao",
    "to",
    "nhom",
    "hiep hoi",
    "quy",
    "bql",
    "ban quan ly",
];

/// Does the text begin like the name of a unit ("Sở ...", "Phòng ...", "UBND ...")?
pub fn is_unit_start(s: &str) -> bool {
    let first = s.trim_start().chars().next();
    if !first.is_some_and(char::is_uppercase) {
        return false;
    }
    let f = crate::text::fold_head(s, 24);
    UNIT_WORDS
        .iter()
        .any(|w| crate::text::starts_with_word(&f, w))
}

/// Trims list debris from a unit name: bullets, "các đơn vị liên quan" stays as written.
pub fn clean_unit(s: &str) -> String {
    let mut t = s.trim().trim_start_matches(['-', '+', '•', '–']).trim();
    // A unit name ends where the sentence's verb begins.
    if let Some(m) = RE_UNIT_NAME_END.find_iter(t).find(|m| m.start() > 0) {
        t = &t[..m.start()];
    }
    let t = t.trim_end_matches(['.', ';', ',', ':']).trim();
    let t = t.strip_prefix("và ").unwrap_or(t);
    squash_spaces(t)
}

// All of UNIT_NAME_ENDS in one pattern (the regex engine searches literals together).
static RE_UNIT_NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    let alternation: Vec<String> = UNIT_NAME_ENDS.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&alternation.join("|")).expect("valid regex")
});

/// Lowercase words that end a unit's name inside a sentence.
const UNIT_NAME_ENDS: &[&str] = &[
    " chủ trì",
    " chủ động",
    " trong phạm vi",
    " theo chức năng",
    " có trách nhiệm",
    " thực hiện",
    " triển khai",
    " tổ chức thực hiện",
    " căn cứ",
    " để ",
    " nhằm ",
    " tham mưu",
    " phối hợp",
    " hướng dẫn",
    " xây dựng",
    " theo dõi",
    " báo cáo",
    " được giao",
    " (nếu có)",
    " thúc đẩy",
    " đôn đốc",
    " kiểm tra",
    " giám sát",
    " tổng hợp",
    " đánh giá",
    " rà soát",
    " chịu trách nhiệm",
    " làm đầu mối",
    " là cơ quan",
    " hoàn thành",
    " đăng ",
    " phát sóng",
    " bố trí",
    " cung cấp",
    " tiếp tục",
    " đề xuất",
    " ban hành",
];

/// "Sở Xây dựng: hướng dẫn ...": an item that opens with a unit's name and a colon is
/// that unit's task. The name is returned when the words before the colon are a unit
/// (not "Trường hợp ...", "Hội nghị ...", "Tổ chức ...", which open like one).
pub fn unit_label(text: &str) -> Option<&str> {
    let (label, rest) = text.split_once(':')?;
    let label = label
        .trim()
        .trim_start_matches(['-', '+', '•', '–', '*'])
        .trim();
    if rest.trim().is_empty() || !is_unit_start(label) || label.split_whitespace().count() > 14 {
        return None;
    }
    let f = fold(label);
    let not_units = [
        "truong hop",
        "hoi nghi",
        "hoi thao",
        "hoi thi",
        "hoi cho",
        "dai hoi",
        "to chuc",
        "bao cao",
        "ban hanh",
        "bo sung",
        "phong trao",
        "truong trinh",
        "dai dien",
    ];
    if not_units.iter().any(|w| f.starts_with(w)) {
        return None;
    }
    // "Các sở, ngành": "các" must be followed by a unit word.
    if let Some(after) = f.strip_prefix("cac ")
        && !UNIT_WORDS
            .iter()
            .any(|w| *w != "cac" && crate::text::starts_with_word(after, w))
        && !after.starts_with("co quan")
        && !after.starts_with("don vi")
        && !after.starts_with("nganh")
    {
        return None;
    }
    if RE_UNIT_NAME_END.is_match(label) {
        return None;
    }
    Some(label)
}

/// Labels that introduce unit lists inside an item: (folded label, is lead).
pub const UNIT_LABELS: &[(&str, bool)] = &[
    ("don vi thuc hien", true),
    ("don vi chu tri", true),
    ("co quan chu tri", true),
    ("co quan thuc hien", true),
    ("co quan, don vi chu tri", true),
    ("don vi chu tri thuc hien", true),
    ("chu tri thuc hien", true),
    ("chu tri", true),
    ("don vi phoi hop", false),
    ("co quan phoi hop", false),
    ("co quan, don vi phoi hop", false),
    ("don vi phoi hop thuc hien", false),
    ("phoi hop thuc hien", false),
    ("phoi hop", false),
];

re!(
    RE_INLINE_LEAD,
    r"([^.;:()\n]{2,160}?)\s+(?:làm\s+)?chủ trì(?:\s*,\s*|\s+)(?:(?:và\s+)?phối hợp\s+(?:với|cùng)\s+([^.;()\n]{2,300}?))?(?:\s*(?:tổ chức|triển khai|thực hiện|xây dựng|tham mưu|hướng dẫn|rà soát|kiểm tra|đề xuất|báo cáo|theo dõi|nghiên cứu|tuyên truyền|cập nhật|đôn đốc|phát triển|trình|ban hành|tổng hợp|đánh giá|chỉ đạo|để|nhằm|trong|đảm bảo|bảo đảm|hoàn thành)(?:\s|$)|[.;)\n]|$)"
);

/// "X chủ trì, phối hợp với Y, Z thực hiện" → lead [X], coordinating [Y, Z].
pub fn inline_units(text: &str) -> (Vec<String>, Vec<String>) {
    let mut lead = Vec::new();
    let mut coord = Vec::new();
    // The pattern may start anywhere, so it only runs on the clause around each "chủ trì".
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for (pos, _) in text.match_indices("chủ trì") {
        let floor = text.floor_char_boundary(pos.saturating_sub(170));
        let start = text[floor..pos]
            .rfind(['.', ';', ':', '(', ')', '\n'])
            .map_or(floor, |i| floor + i + 1);
        let end = text.ceil_char_boundary((pos + 420).min(text.len()));
        match windows.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => windows.push((start, end)),
        }
    }
    for c in windows
        .iter()
        .flat_map(|&(a, b)| RE_INLINE_LEAD.captures_iter(&text[a..b]))
    {
        let raw = c[1].trim();
        // Keep only the unit: cut at a preceding verb like "Giao" or "Đề nghị".
        let cut = [
            "Giao ",
            "giao ",
            "Đề nghị ",
            "đề nghị ",
            "Yêu cầu ",
            "yêu cầu ",
            "do ",
            "Do ",
        ]
        .iter()
        .filter_map(|w| raw.rfind(w).map(|p| p + w.len()))
        .max()
        .unwrap_or(0);
        let candidate = raw[cut..].trim().trim_start_matches(['-', '+', '•']).trim();
        let candidate = candidate
            .rsplit(", ")
            .next()
            .filter(|_| !is_unit_start(candidate))
            .unwrap_or(candidate);
        if !is_unit_start(candidate) || candidate.split_whitespace().count() > 16 {
            continue;
        }
        let f = fold(candidate);
        if f.ends_with(" co quan") || f.ends_with(" don vi") {
            continue;
        }
        for u in split_units(candidate) {
            if !lead.contains(&u) {
                lead.push(u);
            }
        }
        if let Some(y) = c.get(2) {
            for u in split_units(y.as_str()) {
                if !coord.contains(&u) && !lead.contains(&u) {
                    coord.push(u);
                }
            }
        }
    }
    (lead, coord)
}

//! The closing block: recipients ("Nơi nhận"), archive ("Lưu") and the signer.

use crate::lines::Block;
use crate::model::{Recipient, Signer};
use crate::text::{fold, fold_head, squash_spaces, upper_ratio};

pub(super) fn is_authority_line(t: &str) -> bool {
    let t = t.trim();
    ["KT.", "TM.", "TL.", "TUQ.", "Q.", "KT ", "TM "]
        .iter()
        .any(|p| t.starts_with(p))
        && upper_ratio(t) > 0.7
}

#[derive(Default)]
pub(super) struct Closing {
    pub(super) recipients: Vec<Recipient>,
    pub(super) archive: Option<String>,
    pub(super) signer: Option<Signer>,
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

pub(super) fn recipient_of(text: &str) -> Recipient {
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
    // Two to six words, counted no further than a seventh.
    let words: Vec<&str> = t.split_whitespace().take(7).collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic())
        })
        && upper_ratio(t) < 0.9
}

pub(super) fn read_closing(blocks: &[Block], idx: &[usize]) -> Closing {
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
        // Only the line's opening is tested ("Nơi nhận", "Lưu").
        let f = fold_head(&l, 16);
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
            || l.chars().count() < 60 && upper_ratio(&l) > 0.8
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

pub(super) fn read_signer(lines: &[String]) -> Option<Signer> {
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
        let upper = t.chars().count() < 60 && upper_ratio(t) > 0.8;
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

//! Vietnamese text normalisation: NFC for storage, folding for search and keyword matching.
//!
//! `fold` removes every diacritic, maps đ→d and lowercases, so that "Quản lý", "quan ly"
//! and "QUẢN LÝ" compare equal. Old and new tone placement (hoá/hóa, UỶ/ỦY) fold to the
//! same letters, and the old spelling "qui" (Quí, qui định) folds to "quy".

use unicode_normalization::{UnicodeNormalization, char::decompose_canonical, is_nfc_quick};

/// The text in Unicode NFC (what is stored and shown).
pub fn nfc(s: &str) -> String {
    // Fast path: precomposed Latin and Vietnamese letters and common punctuation are
    // always NFC; only text with other characters needs the full check.
    let plain = |c: char| {
        let u = c as u32;
        u < 0x300 || (0x1E00..0x1F00).contains(&u) || (0x2000..0x2070).contains(&u)
    };
    if s.chars().all(plain) {
        return s.to_string();
    }
    // Normalise line by line, so that one decomposed word costs one line, not the text.
    if s.contains('\n') {
        let mut out = String::with_capacity(s.len());
        for line in s.split_inclusive('\n') {
            if line.chars().all(plain) {
                out.push_str(line);
            } else {
                out.push_str(&nfc_full(line));
            }
        }
        return out;
    }
    nfc_full(s)
}

fn nfc_full(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// One character folded: base letter without tone or vowel marks, đ→d, lowercase.
/// Combining marks fold to nothing (`None`).
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    let u = c as usize;
    if u < FOLD_TABLE_END {
        let f = FOLD_TABLE[u];
        return if f == '\0' { None } else { Some(f) };
    }
    fold_char_slow(c)
}

/// Folds of every character below U+1F00 (Latin, combining marks and the Vietnamese
/// letters of Latin Extended Additional), computed once: folding is on the hot path.
const FOLD_TABLE_END: usize = 0x1F00;
static FOLD_TABLE: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    (0..FOLD_TABLE_END as u32)
        .map(|u| {
            char::from_u32(u)
                .map_or(Some('\u{FFFD}'), fold_char_slow)
                .unwrap_or('\0')
        })
        .collect()
});

fn fold_char_slow(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => return Some('d'),
        '\u{0300}'..='\u{036F}' => return None,
        _ => {}
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    let b = base.unwrap_or(c);
    Some(b.to_lowercase().next().unwrap_or(b))
}

/// The folded form used for search and keyword matching.
pub fn fold(s: &str) -> String {
    let table = &*FOLD_TABLE;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if (c as usize) < FOLD_TABLE_END {
            let f = table[c as usize];
            if f != '\0' {
                out.push(f);
            }
        } else if let Some(f) = fold_char_slow(c) {
            out.push(f);
        }
    }
    if out.contains("qui") {
        respell_qui(&out)
    } else {
        out
    }
}

/// "qui" as a whole word or word start is the old spelling of "quy" (Quí → Quý).
/// The replacement has the same length, so byte offsets stay aligned.
fn respell_qui(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"qui")
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && (i + 3 == b.len() || !b[i + 3].is_ascii_alphanumeric())
        {
            out.push_str("quy");
            i += 3;
        } else {
            let ch = s[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The folded form of the first `max_chars` characters: for "starts with" tests on long
/// paragraphs, which would otherwise fold the whole text.
pub fn fold_head(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => fold(&s[..i]),
        None => fold(s),
    }
}

/// The folded form of the last `max_chars` characters, for "ends with" tests.
pub fn fold_tail(s: &str, max_chars: usize) -> String {
    match s.char_indices().rev().nth(max_chars.saturating_sub(1)) {
        Some((i, _)) => fold(&s[i..]),
        None => fold(s),
    }
}

/// A folded copy of a string that remembers, for each folded byte, where it came from,
/// so that a keyword found in the folded text can be cut out of the original.
#[derive(Debug, Clone)]
pub struct Folded {
    pub folded: String,
    /// `origin[i]` is the byte offset in the original of folded byte `i`; one extra entry
    /// holds the original's length.
    origin: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            if let Some(f) = fold_char(c) {
                let before = folded.len();
                folded.push(f);
                origin.extend(std::iter::repeat_n(i, folded.len() - before));
            }
        }
        origin.push(original.len());
        let mut f = Folded { folded, origin };
        if f.folded.contains("qui") {
            f.folded = respell_qui(&f.folded);
        }
        f
    }

    /// Byte offset in the original for a byte offset in the folded text.
    pub fn origin(&self, folded_offset: usize) -> usize {
        self.origin[folded_offset.min(self.origin.len() - 1)]
    }

    /// Finds `needle` (already folded) as whole words; returns folded byte ranges.
    pub fn find_word(&self, needle: &str, from: usize) -> Option<(usize, usize)> {
        find_word(&self.folded, needle, from)
    }
}

/// Finds `needle` in `hay` at word boundaries, starting at byte `from`.
pub fn find_word(hay: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    let mut start = from;
    while let Some(pos) = hay.get(start..)?.find(needle) {
        let s = start + pos;
        let e = s + needle.len();
        let before_ok = hay[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some((s, e));
        }
        start = s + hay[s..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// True when `s` folds to something that starts with the folded `prefix` at a word end.
pub fn starts_with_word(folded: &str, prefix: &str) -> bool {
    folded.starts_with(prefix)
        && folded[prefix.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn lower1(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// If `s` starts with `prefix`, ignoring case, the byte length of that start in `s`.
/// Compares character by character, so offsets stay valid in `s` even where
/// lowercasing would change a character's length.
pub fn prefix_len_ci(s: &str, prefix: &str) -> Option<usize> {
    let mut it = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = it.next()?;
        if lower1(c) != lower1(p) {
            return None;
        }
    }
    Some(it.next().map_or(s.len(), |(i, _)| i))
}

/// The byte offset in `s` of the first occurrence of `needle`, ignoring case.
pub fn find_ci(s: &str, needle: &str) -> Option<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .find(|&i| prefix_len_ci(&s[i..], needle).is_some())
}

/// Collapses runs of whitespace to one space and trims.
pub fn squash_spaces(s: &str) -> String {
    // Most text is already squashed: check the bytes before rebuilding it.
    let b = s.as_bytes();
    let clean = !b.first().is_some_and(u8::is_ascii_whitespace)
        && !b.last().is_some_and(u8::is_ascii_whitespace)
        && !b
            .windows(2)
            .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
        && !b
            .iter()
            .any(|&c| matches!(c, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
        && (s.is_ascii() || !s.chars().any(|c| !c.is_ascii() && c.is_whitespace()));
    if clean {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Share of letters that are uppercase (0.0 when there are no letters). Only the first
/// 200 letters are looked at: callers compare with a threshold, and headings are short.
pub fn upper_ratio(s: &str) -> f32 {
    let (mut up, mut letters) = (0u32, 0u32);
    for c in s.chars() {
        let letter = if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            c.is_alphabetic()
        };
        if !letter {
            continue;
        }
        letters += 1;
        if c.is_uppercase() {
            up += 1;
        }
        if letters == 200 {
            break;
        }
    }
    if letters == 0 {
        0.0
    } else {
        up as f32 / letters as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_diacritics_and_maps_d() {
        assert_eq!(
            fold("Phòng Quản lý Di sản văn hóa"),
            "phong quan ly di san van hoa"
        );
        assert_eq!(fold("ĐỖ ĐÌNH HỒNG"), "do dinh hong");
        assert_eq!(fold("hoá"), fold("hóa"));
        assert_eq!(fold("UỶ BAN"), fold("ỦY BAN"));
        assert_eq!(fold("Quí II"), fold("Quý II"));
        assert_eq!(fold("qui định"), "quy dinh");
        assert_eq!(fold("quinoa"), "quinoa");
    }

    #[test]
    fn heads_and_tails() {
        assert_eq!(fold_head("Đơn vị chủ trì: Sở", 6), "don vi");
        assert_eq!(fold_tail("thuộc cấp độ", 6), "cap do");
        assert_eq!(fold_head("ab", 10), "ab");
    }

    #[test]
    fn nfc_composes_decomposed_text() {
        let decomposed = "Vie\u{302}\u{323}t";
        assert_eq!(nfc(decomposed), "Việt");
        assert_eq!(nfc("Việt"), "Việt");
    }

    #[test]
    fn folded_offsets_map_back() {
        let s = "Sở Văn hóa chủ trì, phối hợp";
        let f = Folded::new(s);
        let (a, _) = f.find_word("chu tri", 0).unwrap();
        assert_eq!(&s[..f.origin(a)], "Sở Văn hóa ");
        assert!(find_word("chu trinh", "chu tri", 0).is_none());
    }
}

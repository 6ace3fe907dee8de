//! Vietnamese text normalisation: NFC for storage, folding for search and keyword matching.
//!
//! `fold` removes every diacritic, maps đ→d and lowercases, so that "Quản lý", "quan ly"
//! and "QUẢN LÝ" compare equal. Old and new tone placement (hoá/hóa, UỶ/ỦY) fold to the
//! same letters, and the old spelling "qui" (Quí, qui định) folds to "quy".

use std::borrow::Cow;
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
    fold_chars(s, usize::MAX, []).0
}

/// Folds the first `max_chars` characters of `s`. Also returns the folded length after
/// the first `cuts[k]` characters (ascending; the whole length when there are fewer).
fn fold_chars<const N: usize>(s: &str, max_chars: usize, cuts: [usize; N]) -> (String, [usize; N]) {
    // No character count to keep (a string has no more characters than bytes).
    if N == 0 && s.len() <= max_chars {
        return (fold_all(s), [0; N]);
    }
    let mut out = String::with_capacity(s.len().min(max_chars));
    let mut ends = [0; N];
    // Noted while folding, so that the common case needs no second search for "qui".
    let mut has_qui = false;
    let mut chars = s.chars();
    let mut done = 0;
    for (end, &cut) in ends.iter_mut().zip(&cuts) {
        let n = cut.min(max_chars).saturating_sub(done);
        has_qui |= fold_into(&mut out, chars.by_ref().take(n));
        *end = out.len();
        done += n;
    }
    has_qui |= fold_into(&mut out, chars.take(max_chars - done));
    // Respelling keeps every length, so the cuts stay valid.
    let out = if has_qui { respell_qui(&out) } else { out };
    (out, ends)
}

/// The whole of `s` folded, its ASCII runs copied and lowercased at once (most of a
/// Vietnamese text's bytes are ASCII) instead of character by character.
fn fold_all(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if let Some(f) = fold_char(c) {
            out.push(f);
        }
    }
    // The same test as `fold_into`'s, once: any "qui" was complete when its "i" came.
    if memchr::memmem::find(out.as_bytes(), b"qui").is_some() {
        respell_qui(&out)
    } else {
        out
    }
}

/// Appends the folds of `chars` to `out`; true when it may now hold "qui".
fn fold_into(out: &mut String, chars: impl Iterator<Item = char>) -> bool {
    let table = &*FOLD_TABLE;
    let mut has_qui = false;
    for c in chars {
        let f = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            match table.get(c as usize) {
                Some('\0') => continue,
                Some(&f) => f,
                None => match fold_char_slow(c) {
                    Some(f) => f,
                    None => continue,
                },
            }
        };
        out.push(f);
        has_qui |= f == 'i' && out.ends_with("qui");
    }
    has_qui
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
    fold_chars(s, max_chars, []).0
}

/// [`fold_head`] of `max_chars` characters, with the folded length of each shorter head
/// of `cuts[k]` characters: one fold serves several "starts with" tests. The shorter heads
/// are not respelled at their cut ("qui" → "quy" looks at the next character), which
/// matters only to a keyword that itself holds "qu".
pub fn fold_head_with_cuts<const N: usize>(
    s: &str,
    max_chars: usize,
    cuts: [usize; N],
) -> (String, [usize; N]) {
    fold_chars(s, max_chars, cuts)
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
        let mut has_qui = false;
        for (i, c) in original.char_indices() {
            if let Some(f) = fold_char(c) {
                let before = folded.len();
                folded.push(f);
                origin.extend(std::iter::repeat_n(i, folded.len() - before));
                has_qui |= f == 'i' && folded.ends_with("qui");
            }
        }
        origin.push(original.len());
        let mut f = Folded { folded, origin };
        if has_qui {
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

/// The byte offset in `original` of the character that gave byte `folded_offset` of
/// `fold(original)` (the end of `original` past the fold's end): [`Folded::origin`],
/// found by folding up to that point again instead of keeping a table for every byte.
pub fn origin_of(original: &str, folded_offset: usize) -> usize {
    let mut folded_len = 0;
    for (i, c) in original.char_indices() {
        if let Some(f) = fold_char(c) {
            folded_len += f.len_utf8();
            if folded_offset < folded_len {
                return i;
            }
        }
    }
    original.len()
}

/// Finds `needle` in `hay` at word boundaries, starting at byte `from`.
pub fn find_word(hay: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    find_word_with(hay, &memchr::memmem::Finder::new(needle), from)
}

/// [`find_word`] with the needle's searcher built beforehand (for needles looked for
/// again and again).
pub fn find_word_with(
    hay: &str,
    needle: &memchr::memmem::Finder,
    from: usize,
) -> Option<(usize, usize)> {
    let mut start = from;
    while let Some(pos) = needle.find(hay.get(start..)?.as_bytes()) {
        let s = start + pos;
        let e = s + needle.needle().len();
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

/// `c` lowercased, as one character (its first, where lowercasing gives more).
pub fn lower1(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
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
    squashed(s).into_owned()
}

/// [`squash_spaces`], borrowing the text when it is already squashed (most text is).
pub fn squashed(s: &str) -> Cow<'_, str> {
    if is_squashed(s) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut push_word = |word: &str| {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    };
    // The words between spaces, found byte by byte (`split_whitespace` decodes every
    // character).
    let (mut i, mut word) = (0, 0);
    while i < s.len() {
        match space_at(s, i) {
            Some(width) => {
                push_word(&s[word..i]);
                i += width;
                word = i;
            }
            None => i += 1,
        }
    }
    push_word(&s[word..]);
    out.into()
}

/// The byte length of the whitespace character (`char::is_whitespace`) at byte `i`.
fn space_at(s: &str, i: usize) -> Option<usize> {
    match s.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => Some(1),
        // Lead bytes of the non-ASCII spaces (U+0085, U+00A0, U+1680, U+2000..U+205F,
        // U+3000); any other byte is no space or inside a character.
        0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
        _ => None,
    }
}

// Built once: a substring search sets itself up on every call otherwise.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("  "));

/// No whitespace but single spaces between words. Searches for the bytes that could
/// break that, most of which never occur.
fn is_squashed(s: &str) -> bool {
    let b = s.as_bytes();
    let edge = |c: Option<&u8>| c.is_some_and(u8::is_ascii_whitespace);
    !edge(b.first())
        && !edge(b.last())
        && DOUBLE_SPACE.find(b).is_none()
        && memchr::memchr3(b'\t', b'\n', b'\r', b).is_none()
        && memchr::memchr2(0x0B, 0x0C, b).is_none()
        // U+1680 is the only space led by 0xE1, the lead byte of most Vietnamese letters.
        && memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b)
            .chain(memchr::memmem::find_iter(b, &[0xE1, 0x9A]))
            .all(|i| space_at(s, i).is_none())
}

/// The line without the document's bullets in front: "- ", "+ ", "– ", "— " (a dash or
/// plus then a space), "•", "*", "·", "▪", "○" and Word's symbol-font bullets (with or
/// without a space), several
/// in a row too ("- + Kết nối" → "Kết nối"). A dash before a figure ("-5") is kept, and so
/// is the rest of the line, trimmed.
pub fn strip_bullet(line: &str) -> &str {
    let mut s = line.trim();
    loop {
        let mut chars = s.chars();
        let rest = match chars.next() {
            Some('•' | '*' | '·' | '▪' | '○' | '\u{f0b7}' | '\u{f0a7}') => chars.as_str(),
            Some('-' | '+' | '–' | '—') if chars.clone().next().is_none_or(char::is_whitespace) => {
                chars.as_str()
            }
            _ => return s,
        };
        s = rest.trim_start();
    }
}

/// Share of letters that are uppercase (0.0 when there are no letters). Only the first
/// 200 letters are looked at: callers compare with a threshold, and headings are short.
pub fn upper_ratio(s: &str) -> f32 {
    let table = &*LETTER_CASE;
    let (mut up, mut letters) = (0u32, 0u32);
    for c in s.chars() {
        let class = match table.get(c as usize) {
            Some(&class) => class,
            None => letter_case(c),
        };
        if class & LETTER == 0 {
            continue;
        }
        letters += 1;
        if class & UPPER != 0 {
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

const LETTER: u8 = 1;
const UPPER: u8 = 2;

/// `LETTER` and `UPPER` of every character below U+1F00, computed once: the Unicode
/// property lookups are slow for the non-ASCII letters that fill Vietnamese text.
static LETTER_CASE: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    (0..FOLD_TABLE_END as u32)
        .map(|u| char::from_u32(u).map_or(0, letter_case))
        .collect()
});

fn letter_case(c: char) -> u8 {
    let letter = if c.is_alphabetic() { LETTER } else { 0 };
    let upper = if c.is_uppercase() { UPPER } else { 0 };
    letter | upper
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_are_stripped_and_the_rest_kept() {
        for (line, want) in [
            (
                "- Tham gia các phiên họp online",
                "Tham gia các phiên họp online",
            ),
            ("  + Kết nối, tham vẫn hỗ trợ", "Kết nối, tham vẫn hỗ trợ"),
            ("– Xây dựng clip", "Xây dựng clip"),
            ("— Xây dựng clip", "Xây dựng clip"),
            ("•Biên soạn tài liệu", "Biên soạn tài liệu"),
            ("* Ghi chú", "Ghi chú"),
            ("\u{f0b7}\tMời chuyên gia", "Mời chuyên gia"),
            ("- + Hai dấu", "Hai dấu"),
            ("-5 độ", "-5 độ"),
            ("+84 điện thoại", "+84 điện thoại"),
            ("Hà Nội - Thành phố sáng tạo", "Hà Nội - Thành phố sáng tạo"),
            ("2.1. Biên soạn", "2.1. Biên soạn"),
            ("- ", ""),
            ("", ""),
        ] {
            assert_eq!(strip_bullet(line), want, "{line:?}");
        }
    }

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
    fn a_whole_fold_reads_as_the_character_by_character_one() {
        // `fold` copies ASCII runs at once; a cut makes `fold_chars` go by characters.
        for s in [
            "Quí I, quí II; QUI chế, quinh, Quì",
            "Vie\u{302}\u{323}t Nam ĐỒNG 𝐀 ½ ß İ ǅ",
            "qu\u{301}i",
            "ab",
            "",
        ] {
            assert_eq!(fold(s), fold_head_with_cuts(s, usize::MAX, [0]).0, "{s:?}");
        }
    }

    #[test]
    fn heads_and_tails() {
        assert_eq!(fold_head("Đơn vị chủ trì: Sở", 6), "don vi");
        assert_eq!(fold_tail("thuộc cấp độ", 6), "cap do");
        assert_eq!(fold_head("ab", 10), "ab");
    }

    #[test]
    fn heads_with_cuts_are_slices_of_one_fold() {
        for s in ["Nơi nhận: Như trên", "Vie\u{302}\u{323}t Nam", "ab", ""] {
            let (f, [short, mid]) = fold_head_with_cuts(s, 8, [2, 5]);
            assert_eq!(f, fold_head(s, 8));
            assert_eq!(&f[..short], fold_head(s, 2));
            assert_eq!(&f[..mid], fold_head(s, 5));
        }
    }

    #[test]
    fn squashing_and_case() {
        for s in [
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\u{A0}b",
            "a\u{85}b",
            "a\u{1680}b",
            "a\u{2003}b",
            "a\u{3000}b",
            " Việt \n  Nam ",
            "ậ\u{2028}ậ",
            "",
        ] {
            let squashed = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash_spaces(s), squashed, "{s:?}");
        }
        assert_eq!(upper_ratio("ĐẢM bảo 12"), 0.5);
        assert_eq!(upper_ratio("12"), 0.0);
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
        for t in [s, "Quí II/2025", "Vie\u{302}\u{323}t Nam", ""] {
            let f = Folded::new(t);
            for k in 0..=f.folded.len() + 2 {
                assert_eq!(origin_of(t, k), f.origin(k), "{t:?} {k}");
            }
        }
    }
}

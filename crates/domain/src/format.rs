//! Display of the domain's own values (targets). Numbers, money, dates and Hanoi time are
//! `vntext::format`'s, and amounts in words `vntext::words`'s, re-exported here.

pub use vntext::format::{
    format_date, format_local_time, format_number, format_vnd, group_thousands, vietnam_offset,
};
pub use vntext::words::vnd_in_words;

/// A target as shown to users: `20–30 cuộc/năm` (en dash), `30 trang` when min = max,
/// `≥ 20 cuộc` with no maximum, `≤ 5 cuộc` with no minimum.
pub fn format_target(min: Option<f64>, max: Option<f64>, unit: &str, per: Option<&str>) -> String {
    let figure = match (min, max) {
        (Some(a), Some(b)) if a == b => format_number(a),
        (Some(a), Some(b)) => format!("{}–{}", format_number(a), format_number(b)),
        (Some(a), None) => format!("≥ {}", format_number(a)),
        (None, Some(b)) => format!("≤ {}", format_number(b)),
        (None, None) => String::new(),
    };
    let mut out = figure;
    let unit = unit.trim();
    if !unit.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(unit);
    }
    if let Some(per) = per.map(str::trim).filter(|p| !p.is_empty()) {
        out.push('/');
        out.push_str(per);
    }
    out
}

/// `text` cut to at most `max` characters at a word boundary, with "…" when cut: a title
/// in a list is never cut inside a word ("Tổ chức hội thả…").
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let room = if out.is_empty() { 0 } else { 1 };
        if out.chars().count() + room + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than `max` (a URL): cut it, there is no boundary.
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

/// An office as a sentence names it, from the capitals of a signature block: "GIÁM ĐỐC"
/// gives "Giám đốc", "KT. GIÁM ĐỐC" "KT. Giám đốc", "PHÓ CHỦ TỊCH" "Phó Chủ tịch" (the
/// office after "Phó" keeps its capital, as administrative text writes it). Text not in
/// capitals is kept as written.
pub fn office_title(s: &str) -> String {
    let s = s.trim();
    if s.chars().any(char::is_lowercase) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut capital_next = true;
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // Abbreviations ("KT.", "TM.", "UBND", "HĐND") stay in capitals.
        if word.ends_with('.') || !is_syllable(word) {
            out.push_str(word);
            capital_next = true;
            continue;
        }
        let lower = word.to_lowercase();
        if capital_next {
            let mut cs = lower.chars();
            if let Some(first) = cs.next() {
                out.extend(first.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(&lower);
        }
        capital_next = lower == "phó";
    }
    out
}

/// Whether a word can be one Vietnamese syllable: one run of vowels, at most three letters
/// before it ("ngh") and two after ("ng", "ch"). "UBND" and "HĐND" cannot.
fn is_syllable(word: &str) -> bool {
    let folded = vntext::text::fold(word);
    let vowel = |c: char| "aeiouy".contains(c.to_ascii_lowercase());
    let letters: Vec<bool> = folded
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(vowel)
        .collect();
    let (Some(first), Some(last)) = (
        letters.iter().position(|v| *v),
        letters.iter().rposition(|v| *v),
    ) else {
        return false;
    };
    letters[first..=last].iter().all(|v| *v) && first <= 3 && letters.len() - 1 - last <= 2
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_are_shortened_between_words() {
        use super::shorten;
        assert_eq!(shorten("Tổ chức hội thảo", 40), "Tổ chức hội thảo");
        assert_eq!(shorten("Tổ chức hội thảo quốc tế", 15), "Tổ chức hội…");
        assert!(shorten("Tổ chức hội thảo quốc tế", 15).chars().count() <= 15);
        assert_eq!(shorten("abcdefghij", 5), "abcd…");
    }

    use super::*;

    #[test]
    fn offices_read_as_a_sentence_names_them() {
        assert_eq!(office_title("GIÁM ĐỐC"), "Giám đốc");
        assert_eq!(office_title("KT. GIÁM ĐỐC"), "KT. Giám đốc");
        assert_eq!(office_title("PHÓ GIÁM ĐỐC"), "Phó Giám đốc");
        assert_eq!(office_title("TM. UBND"), "TM. UBND");
        assert_eq!(office_title("CHỦ TỊCH HĐND"), "Chủ tịch HĐND");
        assert_eq!(office_title("PHÓ CHỦ TỊCH"), "Phó Chủ tịch");
        assert_eq!(office_title("Giám đốc Sở"), "Giám đốc Sở");
    }

    #[test]
    fn targets() {
        assert_eq!(
            format_target(Some(20.0), Some(30.0), "cuộc", Some("năm")),
            "20–30 cuộc/năm"
        );
        assert_eq!(
            format_target(Some(3.0), Some(5.0), "cuộc", None),
            "3–5 cuộc"
        );
        assert_eq!(
            format_target(Some(30.0), Some(30.0), "trang", None),
            "30 trang"
        );
        assert_eq!(format_target(Some(2.0), None, "clip", None), "≥ 2 clip");
        assert_eq!(format_target(None, Some(5.0), "cuộc", None), "≤ 5 cuộc");
        assert_eq!(
            format_target(Some(12.0), Some(15.0), "phút", None),
            "12–15 phút"
        );
        assert_eq!(format_target(None, None, "cuộc", Some("năm")), "cuộc/năm");
        assert_eq!(format_target(Some(1.0), Some(1.0), "", None), "1");
    }
}

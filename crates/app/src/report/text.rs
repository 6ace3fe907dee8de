//! Small Vietnamese text helpers the report's sentences share: an item's title without
//! the document's bullets, a brief form of it for lists, names joined with "và", and the
//! units' statements gathered once each with who said them.

use domain::strip_bullet;

/// The title as the report prints it: no bullet in front, spaces squashed.
pub(super) fn title(t: &str) -> String {
    strip_bullet(t)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Most syllables (Vietnamese words are written syllable by syllable) a brief title keeps.
const BRIEF_WORDS: usize = 16;
/// A clause shorter than this does not say enough to stand for the title.
const CLAUSE_WORDS: usize = 5;

fn syllables(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A title short enough to name in a list: without a figure in brackets ("(20-30
/// cuộc/năm)"), up to the end of its first sentence or clause ("; ", ": ", "…", " (")
/// that says enough (five syllables), and when still long, up to its last comma within
/// [`BRIEF_WORDS`] syllables, else cut there (then "…"). Commas alone do not end it: they
/// also list ("tọa đàm, workshop, trưng bày").
pub(super) fn brief(t: &str) -> String {
    let mut s = drop_figures_in_brackets(&title(t));
    for cut in ["; ", ": ", "…", "...", " ("] {
        let at = s
            .match_indices(cut)
            .map(|(i, _)| i)
            .find(|&i| syllables(&s[..i]) >= CLAUSE_WORDS);
        if let Some(at) = at {
            s.truncate(at);
        }
    }
    if syllables(&s) <= BRIEF_WORDS {
        return s
            .trim_end_matches([',', ';', ':', '.', '-', '–'])
            .trim_end()
            .to_string();
    }
    let words: Vec<&str> = s.split_whitespace().take(BRIEF_WORDS).collect();
    let head = words.join(" ");
    let cut = head
        .rmatch_indices(", ")
        .map(|(i, _)| i)
        .find(|&i| syllables(&head[..i]) >= CLAUSE_WORDS);
    if let Some(i) = cut {
        return head[..i].to_string();
    }
    // Else before the last linking word ("của", "tại", …) far enough in, so that a
    // two-syllable word ("diễn đàn") is not cut in half.
    let keep = words
        .iter()
        .rposition(|w| LINKS.contains(&w.to_lowercase().as_str()))
        .filter(|&i| i >= 2 * CLAUSE_WORDS)
        .unwrap_or(words.len());
    format!(
        "{}…",
        words[..keep]
            .join(" ")
            .trim_end_matches([',', ';', ':', '.', '-', '–'])
            .trim_end()
    )
}

/// Words that start a new phrase: a brief title may end before one.
const LINKS: [&str; 10] = [
    "của", "tại", "với", "và", "trong", "cho", "về", "để", "theo", "từ",
];

/// The sentence closed with a full stop, unless it ends with "…" already.
pub(super) fn closed(s: &str) -> String {
    if s.ends_with('…') || s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// "(20-30 cuộc/năm)", "(02-03 clip theo chủ đề diễn đàn)": a bracket holding a figure
/// repeats the target, which the report states itself.
fn drop_figures_in_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let inside = &rest[open + 1..open + close];
        out.push_str(&rest[..open]);
        if !inside.chars().any(|c| c.is_ascii_digit()) {
            out.push_str(&rest[open..=open + close]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "A", "A và B", "A, B và C".
pub(super) fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} và {last}", init.join(", ")),
    }
}

/// "Tham gia …" → "tham gia …" after "Kế hoạch"; acronyms ("UNESCO …") stay.
pub(super) fn lower_first(s: &str) -> String {
    let mut chars = s.trim().chars();
    match (chars.next(), chars.clone().next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(chars).collect()
        }
        (Some(a), _) => std::iter::once(a).chain(chars).collect(),
        _ => String::new(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(a) => a.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The sentence without its closing mark, to put something after it.
fn open_end(s: &str) -> &str {
    s.trim_end_matches(|c: char| matches!(c, '.' | ';' | ',' | ':') || c.is_whitespace())
}

/// What one or more units said, once: the same line from two reports (or two units) is one
/// statement naming both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Said {
    pub text: String,
    pub units: Vec<String>,
}

impl Said {
    /// "- text (units)." with the units, or "- text." without.
    pub fn line(&self, attributed: bool) -> String {
        let text = upper_first(open_end(&self.text));
        if attributed && !self.units.is_empty() {
            format!("- {text} ({}).", self.units.join(", "))
        } else {
            format!("- {text}.")
        }
    }
}

/// Every line of the texts, each statement once (compared without case, diacritics'
/// spacing or the closing mark), in the order first said, with the units that said it.
pub(super) fn gather<'a>(said: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Said> {
    let mut out: Vec<Said> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for (text, unit) in said {
        for line in text.lines().map(title).filter(|l| !open_end(l).is_empty()) {
            let key = vntext_key(&line);
            match keys.iter().position(|k| *k == key) {
                Some(i) => {
                    if !out[i].units.iter().any(|u| u == unit) {
                        out[i].units.push(unit.to_string());
                    }
                }
                None => {
                    keys.push(key);
                    out.push(Said {
                        text: line,
                        units: vec![unit.to_string()],
                    });
                }
            }
        }
    }
    out
}

/// The comparison key of a statement: lower case, single spaces, no closing mark.
fn vntext_key(line: &str) -> String {
    open_end(line).to_lowercase()
}

/// Whether statements need their units named: more than one unit said them.
pub(super) fn many_units(said: &[Said]) -> bool {
    let mut units = said.iter().flat_map(|s| &s.units);
    units
        .next()
        .is_some_and(|first| units.any(|other| other != first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_their_bullets_and_briefs_their_figures() {
        assert_eq!(title("-  Tham gia  các phiên"), "Tham gia các phiên");
        assert_eq!(
            brief(
                "Tham gia các phiên họp online, các hoạt động khác trong hệ thống mạng lưới các \
                 Thành phố sáng tạo toàn cầu, khu vực Đông Nam Á (20-30 cuộc/năm)"
            ),
            "Tham gia các phiên họp online"
        );
        assert_eq!(
            brief("+ Xây dựng clip (02-03 clip theo chủ đề diễn đàn) giới thiệu hoạt động"),
            "Xây dựng clip giới thiệu hoạt động"
        );
        assert_eq!(
            brief("Phối hợp tham gia các hoạt động (thuộc Bảo tàng Hà Nội)"),
            "Phối hợp tham gia các hoạt động"
        );
        assert_eq!(
            brief("Kết nối, hình thành Mạng lưới"),
            "Kết nối, hình thành Mạng lưới"
        );
        assert_eq!(
            brief("Tổ chức tọa đàm, workshop, trưng bày, triển lãm (03-05 cuộc)"),
            "Tổ chức tọa đàm, workshop, trưng bày, triển lãm"
        );
        let long = "Biên soạn và xuất bản với Tạp chí kiến trúc xây dựng Chuyên đề không gian \
                    sáng tạo và các hoạt động trong lĩnh vực sáng tạo";
        assert_eq!(
            brief(long),
            "Biên soạn và xuất bản với Tạp chí kiến trúc xây dựng Chuyên đề không gian…"
        );
        assert_eq!(
            brief(
                "Xây dựng clip (02-03 clip theo chủ đề diễn đàn) giới thiệu hoạt động sáng tạo \
                 của Hà Nội báo cáo tại diễn đàn trong khu vực và quốc tế hằng năm"
            ),
            "Xây dựng clip giới thiệu hoạt động sáng tạo của Hà Nội báo cáo…"
        );
        // A long title ends at its last comma within the limit.
        assert_eq!(
            brief(
                "Kết nối, tham vẫn hỗ trợ thành phố Hồ Chí Minh, thành phố Huế, Quảng Ninh, Đà \
                 Nẵng... trao đổi kinh nghiệm"
            ),
            "Kết nối, tham vẫn hỗ trợ thành phố Hồ Chí Minh, thành phố Huế"
        );
        assert_eq!(
            brief(
                "Tổ chức tọa đàm, workshop, trưng bày, triển lãm giới thiệu sản phẩm, thành tựu, \
                 không gian thuộc lĩnh vực thiết kế (03-05 cuộc)"
            ),
            "Tổ chức tọa đàm, workshop, trưng bày, triển lãm giới thiệu sản phẩm, thành tựu"
        );
        assert_eq!(closed("Đà Lạt…"), "Đà Lạt…");
        assert_eq!(closed("Đà Lạt"), "Đà Lạt.");
    }

    #[test]
    fn statements_are_gathered_once_with_their_units() {
        let said = gather([
            ("- Đã dự 9 phiên họp.\nThuê phiên dịch", "Phòng QLDSVH"),
            ("đã dự 9 phiên họp", "Bảo tàng Hà Nội"),
            ("Đã dự 9 phiên họp;", "Phòng QLDSVH"),
            ("  \n- ", "Văn phòng Sở"),
        ]);
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[0].units, ["Phòng QLDSVH", "Bảo tàng Hà Nội"]);
        assert!(many_units(&said));
        assert_eq!(
            said[0].line(true),
            "- Đã dự 9 phiên họp (Phòng QLDSVH, Bảo tàng Hà Nội)."
        );
        assert_eq!(said[1].line(false), "- Thuê phiên dịch.");
        assert!(!many_units(&gather([("a", "X"), ("b", "X")])));
    }

    #[test]
    fn names_and_case() {
        assert_eq!(and_list(&["A".into()]), "A");
        assert_eq!(and_list(&["A".into(), "B".into(), "C".into()]), "A, B và C");
        assert_eq!(lower_first("Tham gia Mạng lưới"), "tham gia Mạng lưới");
        assert_eq!(lower_first("UNESCO và Hà Nội"), "UNESCO và Hà Nội");
        assert_eq!(lower_first(""), "");
    }
}

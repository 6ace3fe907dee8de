//! Marking a query's words in the original text (diacritics kept): the text is split into
//! words the way the indexes split it, each word folded on its own, and a word is marked
//! when a query word matches it (`word_matches`). The page renders the segments, escaped,
//! with `<mark>` around the marked ones.

use super::{SearchQuery, word_matches};

/// A piece of the text, marked or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// Whether `c` belongs to a word: a letter or digit, or a combining mark (which folds to
/// nothing) inside one.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || vntext::text::fold_char(c).is_none()
}

/// The byte ranges of the words of `text` that a query word matches.
fn matched_ranges(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let check = |a: usize, b: usize, out: &mut Vec<(usize, usize)>| {
        let folded = vntext::text::fold(&text[a..b]);
        if words.iter().any(|q| word_matches(&folded, q)) {
            out.push((a, b));
        }
    };
    for (i, c) in text.char_indices() {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                check(a, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        check(a, text.len(), &mut out);
    }
    out
}

/// The segments of `text` between the ranges (marked) and around them (plain).
fn segments(text: &str, ranges: &[(usize, usize)]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(a, b) in ranges {
        if a > at {
            out.push(Segment {
                text: text[at..a].to_string(),
                marked: false,
            });
        }
        out.push(Segment {
            text: text[a..b].to_string(),
            marked: true,
        });
        at = b;
    }
    if at < text.len() {
        out.push(Segment {
            text: text[at..].to_string(),
            marked: false,
        });
    }
    out
}

/// The whole of `text` with the query's words marked (titles, names).
pub fn mark(text: &str, q: &SearchQuery) -> Vec<Segment> {
    segments(text, &matched_ranges(text, &q.words()))
}

/// About `width` characters of `text` around its first matched word, cut at white space,
/// with "… " before and " …" after where text was left out; the text's start when no word
/// matches (the match may be in another field).
pub fn snippet(text: &str, q: &SearchQuery, width: usize) -> Vec<Segment> {
    let text = text.trim();
    let first = matched_ranges(text, &q.words())
        .first()
        .map_or(0, |&(a, _)| a);
    // Back about a third of the width, then forward to the width, in characters.
    let before: Vec<(usize, char)> = text[..first].char_indices().collect();
    let mut start = before.len().saturating_sub(width / 3);
    while start > 0 && !before[start - 1].1.is_whitespace() {
        start -= 1;
    }
    let start = before.get(start).map_or(first, |&(i, _)| i);
    let mut end = text.len();
    let mut last_space = None;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        if c.is_whitespace() {
            last_space = Some(start + i);
        }
        if n >= width {
            end = last_space.filter(|&s| s > first).unwrap_or(start + i);
            break;
        }
    }
    let part = text[start..end].trim();
    let mut out = Vec::new();
    if start > 0 {
        out.push(Segment {
            text: "… ".into(),
            marked: false,
        });
    }
    out.extend(segments(part, &matched_ranges(part, &q.words())));
    if end < text.len() {
        out.push(Segment {
            text: " …".into(),
            marked: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> SearchQuery {
        SearchQuery::parse(s).unwrap()
    }

    /// `[marked]` around the marked segments.
    fn shown(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                if s.marked {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_whole_words_whose_folded_start_matches() {
        let m = mark("Tổ chức Hội thảo về Đà Lạt; hội nghị", &q("hoi da"));
        assert_eq!(shown(&m), "Tổ chức [Hội] thảo về [Đà] Lạt; [hội] nghị");
        // "dđ" folds to "dd": prefix of nothing here; "th" begins "thảo" only.
        assert_eq!(shown(&mark("Hội thảo", &q("th"))), "Hội [thảo]");
        // Not inside a word.
        assert_eq!(shown(&mark("khoa học", &q("hoa"))), "khoa học");
    }

    #[test]
    fn one_letter_words_mark_only_that_word() {
        assert_eq!(shown(&mark("a an b", &q("a b"))), "[a] an [b]");
    }

    #[test]
    fn combining_marks_stay_in_their_word() {
        // "Hội" written decomposed (o + circumflex + dot below).
        let nfd = "Ho\u{302}\u{323}i tha\u{309}o";
        assert_eq!(
            shown(&mark(nfd, &q("hoi"))),
            "[Ho\u{302}\u{323}i] tha\u{309}o"
        );
    }

    #[test]
    fn snippet_cuts_around_the_first_match_at_spaces() {
        let text = format!("{} Đà Lạt {}", "mở bài ".repeat(30), "kết thúc ".repeat(30));
        let s = shown(&snippet(&text, &q("da lat"), 60));
        assert!(s.starts_with("… "), "{s}");
        assert!(s.ends_with(" …"), "{s}");
        assert!(s.contains("[Đà] [Lạt]"), "{s}");
        assert!(s.chars().count() < 80, "{s}");
        assert!(
            s.starts_with("… mở bài") || s.starts_with("… bài"),
            "cut between words: {s}"
        );
    }

    #[test]
    fn snippet_without_a_match_is_the_start() {
        let s = shown(&snippet("Một hai ba bốn năm", &q("xyz"), 8));
        assert_eq!(s, "Một hai …");
        assert_eq!(shown(&snippet("ngắn", &q("ng"), 100)), "[ngắn]");
    }

    #[test]
    fn markup_is_text_not_structure() {
        let m = mark("<b>hội</b> & thảo", &q("hoi"));
        assert_eq!(shown(&m), "<b>[hội]</b> & thảo");
    }
}

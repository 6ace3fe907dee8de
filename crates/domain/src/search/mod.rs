//! The header search's query (issue 16): what a person typed, trimmed and bounded, and its
//! folded form (no diacritics, đ → d, lower case). The store's full-text indexes (issue 15)
//! match its [`words`]: each must begin a word of the folded text. [`rank`] orders what they
//! found, and [`mark`] and [`snippet`] mark the words in the original text.

mod highlight;
pub mod rank;
pub use highlight::{Segment, mark, snippet};

/// More words than this are not looked up (each one costs the index a lookup).
pub const MAX_WORDS: usize = 12;

/// Fewer folded characters than this find too much to be of use.
pub const MIN_CHARS: usize = 2;
/// More than this is not a search a person typed.
pub const MAX_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    typed: String,
    folded: String,
}

/// Why a query was not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchError {
    /// Nothing typed, or fewer than [`MIN_CHARS`] letters or digits.
    TooShort,
    TooLong,
}

impl SearchQuery {
    /// Inner runs of white space become one space.
    pub fn parse(typed: &str) -> Result<SearchQuery, SearchError> {
        let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
        if typed.chars().count() > MAX_CHARS {
            return Err(SearchError::TooLong);
        }
        let folded = vntext::text::fold(&typed).trim().to_string();
        if folded.chars().filter(|c| c.is_alphanumeric()).count() < MIN_CHARS {
            return Err(SearchError::TooShort);
        }
        Ok(SearchQuery { typed, folded })
    }

    /// As typed (for the search box and links).
    pub fn typed(&self) -> &str {
        &self.typed
    }

    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The words the index matches (see [`words`]).
    pub fn words(&self) -> Vec<String> {
        words(&self.folded)
    }
}

/// The words of `text` as the full-text indexes split it: folded, then maximal runs of
/// letters and digits, at most [`MAX_WORDS`], repeats dropped. Anything else (quotes,
/// `&`, `|`, `!`, `:`, `*`, parentheses) separates words, so no query syntax survives.
pub fn words(text: &str) -> Vec<String> {
    let folded = vntext::text::fold(text);
    let mut out: Vec<String> = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if !w.is_empty() && !out.iter().any(|o| o == w) && out.len() < MAX_WORDS {
            out.push(w.to_string());
        }
    }
    out
}

/// Whether the folded word `word` is matched by the query word `q`: a word of one letter
/// or digit must be that word, a longer one must begin it (the indexes' rule).
pub fn word_matches(word: &str, q: &str) -> bool {
    if q.chars().nth(1).is_none() {
        word == q
    } else {
        word.starts_with(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_runs_of_letters_and_digits() {
        assert_eq!(
            words("Hội thảo (Đà Lạt) 2025"),
            ["hoi", "thao", "da", "lat", "2025"]
        );
        assert_eq!(words("\"a & b | !c:*\" hoi hoi"), ["a", "b", "c", "hoi"]);
        assert!(words("%_ & |").is_empty());
        assert_eq!(words(&"ab ".repeat(3)), ["ab"]);
        let many: String = (0..20).map(|i| format!("w{i} ")).collect();
        assert_eq!(words(&many).len(), MAX_WORDS);
    }

    #[test]
    fn one_letter_words_match_whole_longer_ones_begin() {
        assert!(word_matches("thao", "th"));
        assert!(!word_matches("thao", "t"));
        assert!(word_matches("a", "a"));
        assert!(!word_matches("khoa", "hoa"));
    }

    /// Every word of `q` begins a word of `text`, as the indexes match.
    fn found_in(q: &SearchQuery, text: &str) -> bool {
        let text = words(text);
        q.words()
            .iter()
            .all(|w| text.iter().any(|t| word_matches(t, w)))
    }

    #[test]
    fn diacritics_and_d_are_ignored_both_ways() {
        let q = SearchQuery::parse("  hoi   thao ").unwrap();
        assert_eq!(q.typed(), "hoi thao");
        assert!(found_in(&q, "Tổ chức Hội thảo quốc tế"));
        let q = SearchQuery::parse("ĐÀ LẠT").unwrap();
        assert_eq!(q.folded(), "da lat");
        assert!(found_in(&q, "Giao lưu với Đà Lạt"));
        assert!(!found_in(&q, ""));
        assert!(!found_in(&q, "Đà Nẵng"));
    }

    #[test]
    fn too_short_or_too_long_is_said() {
        assert_eq!(SearchQuery::parse(""), Err(SearchError::TooShort));
        assert_eq!(SearchQuery::parse(" a "), Err(SearchError::TooShort));
        assert_eq!(SearchQuery::parse("%_"), Err(SearchError::TooShort));
        assert!(SearchQuery::parse("Hà").is_ok());
        let long = "x".repeat(MAX_CHARS + 1);
        assert_eq!(SearchQuery::parse(&long), Err(SearchError::TooLong));
    }
}

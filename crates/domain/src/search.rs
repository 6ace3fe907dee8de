//! The header search's query (issue 16): what a person typed, trimmed and bounded, and its
//! folded form (no diacritics, đ → d, lower case), matched the way the item list's search
//! matches: the folded phrase anywhere in the folded text.

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

    /// Whether any of `texts`, folded, holds the query.
    pub fn matches<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> bool {
        texts
            .into_iter()
            .any(|t| vntext::text::fold(t).contains(&self.folded))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_and_d_are_ignored_both_ways() {
        let q = SearchQuery::parse("  hoi   thao ").unwrap();
        assert_eq!(q.typed(), "hoi thao");
        assert!(q.matches(["Tổ chức Hội thảo quốc tế"]));
        let q = SearchQuery::parse("ĐÀ LẠT").unwrap();
        assert_eq!(q.folded(), "da lat");
        assert!(q.matches(["", "Giao lưu với Đà Lạt"]));
        assert!(!q.matches(["Đà Nẵng"]));
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

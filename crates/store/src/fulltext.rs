//! The full-text indexes (issue 15), shared by both engines: which index, and the query
//! text each engine's match syntax is given (always bound as a parameter). The words come
//! from `domain::search::words`: folded runs of letters and digits. Every word must begin a
//! word of the text (a one-letter word must be a whole word: `domain::search::word_matches`).
//! The SQL that differs between the engines is in `sqlite/fulltext.rs` and
//! `postgres/fulltext.rs`; everything else is written once in `sql/`.

/// What a search looks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Index {
    /// `items.search_folded` (numbering, title, body).
    Items,
    /// `people.name_folded`.
    People,
    /// `report_search.folded` (a version's text, difficulties and proposals).
    Reports,
    /// `events.search_folded` (title, venue, topic, organiser).
    Events,
}

/// How many of the newest matches a ranked search ranks. A common word matches most of
/// millions of rows; ranking them all would cost a scan. The newest this many (within the
/// user's scope) are ranked instead, so the cost stays flat as the data grows; a rarer
/// query (fewer matches) is ranked whole.
pub(crate) const RANK_WINDOW: i64 = 500;

/// How many of the newest rows a ranked search looks through first. Where the words are
/// common, the newest [`RANK_WINDOW`] matches lie among them, and the search reads no
/// further; where they are rarer, it asks the index for every match instead. Walking a
/// bounded slice costs the same at any size, and an engine's guess of how common the words
/// are (PostgreSQL's is poor for prefixes) no longer decides the cost.
pub(crate) const RECENT_ROWS: i64 = 5_000;

/// The table whose ids an index's rows carry (their newest is its highest id).
pub(crate) fn id_table(ix: Index) -> &'static str {
    match ix {
        Index::Items => "items",
        Index::People => "people",
        Index::Reports => "progress_reports",
        Index::Events => "events",
    }
}

/// Only letters and digits survive (the words have nothing else; this keeps any query
/// syntax out even if a caller passed something else).
fn clean(word: &str) -> String {
    word.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn is_prefix(word: &str) -> bool {
    word.chars().nth(1).is_some()
}

/// The words as one engine query: each `quote`d, with `star` when it is a prefix (a
/// one-letter word must be whole), joined by `join`.
fn engine_query(words: &[String], quote: &str, star: &str, join: &str) -> String {
    words
        .iter()
        .map(|w| clean(w))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let star = if is_prefix(&w) { star } else { "" };
            format!("{quote}{w}{quote}{star}")
        })
        .collect::<Vec<_>>()
        .join(join)
}

/// FTS5: `"hoi"* AND "da"*`; a one-letter word without `*`.
pub(crate) fn fts5_query(words: &[String]) -> String {
    engine_query(words, "\"", "*", " AND ")
}

/// PostgreSQL `to_tsquery`: `hoi:* & da:*`; a one-letter word without `:*`.
pub(crate) fn tsquery(words: &[String]) -> String {
    engine_query(words, "", ":*", " & ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        domain::search::words(s)
    }

    #[test]
    fn queries_are_prefix_words_joined_by_and() {
        assert_eq!(fts5_query(&w("Hội thảo")), "\"hoi\"* AND \"thao\"*");
        assert_eq!(tsquery(&w("Hội thảo")), "hoi:* & thao:*");
        assert_eq!(fts5_query(&w("a 12")), "\"a\" AND \"12\"*");
        assert_eq!(tsquery(&w("a 12")), "a & 12:*");
    }

    #[test]
    fn operators_never_reach_the_engine() {
        let words = w("\"a & b | !c:*\" (NEAR) OR -x");
        assert_eq!(tsquery(&words), "a & b & c & near:* & or:* & x");
        assert_eq!(
            fts5_query(&words),
            "\"a\" AND \"b\" AND \"c\" AND \"near\"* AND \"or\"* AND \"x\""
        );
        // Even words that were not split first.
        let raw = vec!["a\"b".to_string(), "c:*&d".to_string(), "!".to_string()];
        assert_eq!(fts5_query(&raw), "\"ab\"* AND \"cd\"*");
        assert_eq!(tsquery(&raw), "ab:* & cd:*");
    }
}

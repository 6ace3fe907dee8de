//! The header search's store side (queries in `sql/search.rs`), through the full-text
//! indexes (`crate::fulltext`, migration 0030). `text` is as typed: it is split into
//! folded words (`domain::search::words`), and every word must begin a word of what is
//! searched (a one-letter word must be a whole word). No words: nothing found.

use crate::events_model::EventHits;
use crate::tracking_model::{ItemHits, ReportHit};
use crate::{Store, StoreError};

impl Store {
    /// The newest versions of progress reports that match `text` (text, difficulties or
    /// proposals), best match first (BM25, `domain::search::rank`) and newest
    /// first among equals, at most `limit`; with `visible_units`, only on items those
    /// units take part in. Ranks the newest 500 matches in scope.
    pub async fn search_reports(
        &self,
        text: &str,
        visible_units: Option<&[domain::UnitId]>,
        limit: i64,
    ) -> Result<Vec<ReportHit>, StoreError> {
        let words = domain::search::words(text);
        dispatch!(
            self,
            search::search_reports(&self.ctx, &words, visible_units, limit)
        )
    }

    /// The items (in the item list) that match `text` in their numbering, title or body,
    /// best first and newest first among equals, at most `limit`, with their total (up to
    /// the list's cap); with `visible_units`, the item list's scope. Ranks the newest 500
    /// matches in scope.
    pub async fn search_items(
        &self,
        text: &str,
        visible_units: Option<&[domain::UnitId]>,
        limit: i64,
    ) -> Result<ItemHits, StoreError> {
        let words = domain::search::words(text);
        dispatch!(
            self,
            search::search_items(&self.ctx, &words, visible_units, limit)
        )
    }

    /// The events that match `text` in their title, venue, topic or organiser, latest
    /// start first, at most `limit`, with their total (up to the list's cap); with
    /// `visible_units`, only events naming one of them. Orders the newest 500 matches.
    pub async fn search_events(
        &self,
        text: &str,
        visible_units: Option<&[domain::UnitId]>,
        limit: i64,
    ) -> Result<EventHits, StoreError> {
        let words = domain::search::words(text);
        dispatch!(
            self,
            search::search_events(&self.ctx, &words, visible_units, limit)
        )
    }
}

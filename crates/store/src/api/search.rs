//! The header search's store side (queries in `sql/search.rs`), through the full-text
//! indexes (`crate::fulltext`, migration 0030). `text` is as typed: it is split into
//! folded words (`domain::search::words`), and every word must begin a word of what is
//! searched (a one-letter word must be a whole word). No words: nothing found. A search
//! made again while nothing was written is answered from what the store keeps
//! (`Store::memo`).

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
        let key = self.search_key(&words, visible_units, limit, false);
        self.memo("search_reports", 0, &key, async {
            dispatch!(
                self,
                search::search_reports(&self.ctx, &words, visible_units, limit)
            )
        })
        .await
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
        // The rows' "overdue" is today's, as the item list's.
        let key = self.search_key(&words, visible_units, limit, true);
        self.memo("search_items", 0, &key, async {
            dispatch!(
                self,
                search::search_items(&self.ctx, &words, visible_units, limit)
            )
        })
        .await
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
        let key = self.search_key(&words, visible_units, limit, false);
        self.memo("search_events", 0, &key, async {
            dispatch!(
                self,
                search::search_events(&self.ctx, &words, visible_units, limit)
            )
        })
        .await
    }

    /// What a search is kept under (`Store::memo`): its folded words, so that "Kinh phí"
    /// and "kinh phi" share it, the scope, the limit, the reach it walks (a test hook) and,
    /// for what shows today's state, today.
    fn search_key(
        &self,
        words: &[String],
        visible_units: Option<&[domain::UnitId]>,
        limit: i64,
        today: bool,
    ) -> String {
        let day = if today {
            self.ctx.today().to_string()
        } else {
            String::new()
        };
        format!(
            "{words:?}|{visible_units:?}|{limit}|{}|{day}",
            self.ctx.search_reach()
        )
    }
}

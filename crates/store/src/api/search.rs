//! The header search's store side (queries in `sql/search.rs`).

use crate::tracking_model::ReportHit;
use crate::{Store, StoreError};

impl Store {
    /// The newest versions of progress reports whose text contains `folded` (already
    /// folded: `vanban::text::fold`), newest first, at most `limit`; with `visible_units`,
    /// only on items those units take part in.
    pub async fn search_reports(
        &self,
        folded: &str,
        visible_units: Option<&[domain::UnitId]>,
        limit: i64,
    ) -> Result<Vec<ReportHit>, StoreError> {
        dispatch!(self, search::search_reports(folded, visible_units, limit))
    }
}

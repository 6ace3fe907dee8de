//! The filtered item list (query in `sql/item_list.rs`).

use crate::tracking_model::*;
use crate::{Store, StoreError};

impl Store {
    /// The item list, filtered and paginated, with its total. 3 queries.
    pub async fn list_items(&self, filter: &ItemFilter) -> Result<ItemPage, StoreError> {
        dispatch!(self, item_list::list_items(&self.ctx, filter))
    }
}

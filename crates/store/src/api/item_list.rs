//! The filtered item list (query in `sql/item_list.rs`).

use crate::tracking_model::*;
use crate::{Store, StoreError};

impl Store {
    /// The item list, filtered and paginated, with its total. 3 queries, or none when the
    /// same page was read today at this version of the data (`Store::memo`): the rows'
    /// "overdue" and report in effect are today's.
    pub async fn list_items(&self, filter: &ItemFilter) -> Result<ItemPage, StoreError> {
        let key = format!("{}|{filter:?}", self.ctx.today());
        self.memo("list_items", 0, &key, async {
            dispatch!(self, item_list::list_items(&self.ctx, filter))
        })
        .await
    }
}

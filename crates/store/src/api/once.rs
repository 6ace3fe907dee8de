//! Once-tokens of create forms (queries in `sql/once.rs`). The creates that take one
//! (`split_item_once`, `file_report_with`, `create_event_once`) claim it in their own
//! transaction; see [`crate::OnceKey`] and [`crate::Created`].

use crate::model::{Created, OnceKey};
use crate::{Store, StoreError};

impl Store {
    /// Removes the once-tokens recorded more than [`domain::once::KEEP_SECONDS`] ago;
    /// returns how many. Each create that records a token runs it first.
    pub async fn prune_once_tokens(&self) -> Result<u64, StoreError> {
        let before = self.ctx.now() - domain::once::KEEP_SECONDS;
        dispatch!(self, once::prune(before))
    }

    /// Before a create that records a token: the old ones go, outside its transaction so
    /// that two creates never wait on each other's pruning. A failure leaves them to the
    /// next create and does not stop this one.
    pub(crate) async fn prune_before(&self, key: Option<&OnceKey<'_>>) {
        if key.is_some() {
            let _ = self.prune_once_tokens().await;
        }
    }
}

/// What a create without a token made (it cannot have been made earlier).
pub(crate) fn made<T>(c: Created<T>) -> Result<T, StoreError> {
    match c {
        Created::New(x) => Ok(x),
        Created::Earlier(path) => Err(StoreError::Invalid(format!(
            "made earlier by the same form: {path}"
        ))),
    }
}

//! Adding, splitting and moving items (queries in `sql/item_tree.rs`).

use super::once::made;
use crate::model::{Created, OnceKey};
use crate::tracking_model::*;
use crate::{Store, StoreError};

impl Store {
    /// Adds an item that is not in the document (marked `added`).
    pub async fn add_item(
        &self,
        new: &NewItem,
        actor: &domain::Actor,
    ) -> Result<domain::ItemId, StoreError> {
        dispatch!(self, item_tree::add_item(&self.ctx, new, actor))
    }

    /// Splits an item; returns the new items (placed right after it).
    pub async fn split_item(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        parts: &[SplitPart],
        actor: &domain::Actor,
    ) -> Result<Vec<domain::ItemId>, StoreError> {
        self.split_item_once(id, expected_version, parts, None, actor)
            .await
            .and_then(made)
    }

    /// [`Store::split_item`] from a form with a once-token: a second submit of the form
    /// (at once or later) splits nothing and returns the path the first recorded (the
    /// result path is made from the split item's id).
    pub async fn split_item_once(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        parts: &[SplitPart],
        once: Option<&OnceKey<'_>>,
        actor: &domain::Actor,
    ) -> Result<Created<Vec<domain::ItemId>>, StoreError> {
        self.prune_before(once).await;
        dispatch!(
            self,
            item_tree::split_item(&self.ctx, id, expected_version, parts, once, actor)
        )
    }

    /// Moves an item to `position` among its siblings.
    pub async fn move_item(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        position: i64,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            item_tree::move_item(&self.ctx, id, expected_version, position, actor)
        )
    }

    /// Moves an item, with its sub-items, under another parent (None: the top level).
    pub async fn reparent_item(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        new_parent: Option<domain::ItemId>,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            item_tree::reparent_item(&self.ctx, id, expected_version, new_parent, actor)
        )
    }
}

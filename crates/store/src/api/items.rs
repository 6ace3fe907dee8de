//! Tracking one item. Writes take the acting user and check permissions and versions in
//! their transaction: a stale version gives [`StoreError::Conflict`] with both versions and
//! the current state, a refused action [`StoreError::Tracking`] (queries in `sql/items.rs`).

use crate::tracking_model::*;
use crate::{Store, StoreError};
use domain::UnitId;

impl Store {
    /// Status, dates, version, units and responsible people of an item.
    pub async fn item_tracking(
        &self,
        id: domain::ItemId,
    ) -> Result<Option<ItemTracking>, StoreError> {
        self.memo("item_tracking", id.0, "", async {
            dispatch!(self, items::item_tracking(id))
        })
        .await
    }

    /// Title, text and dates (lead unit, Board, admin). Returns the new version.
    pub async fn update_item(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        edit: &ItemEdit,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            items::update_item(&self.ctx, id, expected_version, edit, actor)
        )
    }

    /// Changes the status (rules in `domain::tracking`); Suspended needs a reason.
    pub async fn set_item_status(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        status: domain::ItemStatus,
        reason: Option<&str>,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            items::set_item_status(&self.ctx, id, expected_version, status, reason, actor)
        )
    }

    /// Replaces lead and coordinating units (Board, admin).
    pub async fn set_item_units(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        lead: &[UnitId],
        coordinating: &[UnitId],
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            items::set_item_units(&self.ctx, id, expected_version, lead, coordinating, actor)
        )
    }

    /// Replaces the responsible people (each of a unit on the item).
    pub async fn set_item_people(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        people: &[ResponsiblePerson],
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            items::set_item_people(&self.ctx, id, expected_version, people, actor)
        )
    }
}

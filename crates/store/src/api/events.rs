//! Events. Writes check `domain::events` permissions in their transaction; a refusal is
//! [`StoreError::Event`], a stale version [`StoreError::Conflict`] (queries in `sql/events.rs`).

use super::once::made;
use crate::events_model::*;
use crate::model::{Created, OnceKey};
use crate::{Store, StoreError};

impl Store {
    /// Creates an event with its units, plan items and countable record, in one
    /// transaction.
    pub async fn create_event(
        &self,
        input: &EventInput,
        actor: &domain::Actor,
    ) -> Result<domain::EventId, StoreError> {
        self.create_event_once(input, None, actor)
            .await
            .and_then(made)
    }

    /// [`Store::create_event`] from a form with a once-token: a second submit of the form
    /// (at once or later) creates nothing and returns the path the first recorded (made
    /// from the new event's id).
    pub async fn create_event_once(
        &self,
        input: &EventInput,
        once: Option<&OnceKey<'_>>,
        actor: &domain::Actor,
    ) -> Result<Created<domain::EventId>, StoreError> {
        self.prune_before(once).await;
        dispatch!(self, events::create_event(&self.ctx, input, once, actor))
    }

    /// Edits an event (not its status); returns the new version.
    pub async fn update_event(
        &self,
        id: domain::EventId,
        expected_version: i64,
        input: &EventInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            events::update_event(&self.ctx, id, expected_version, input, actor)
        )
    }

    /// Moves an event along dự kiến → đã xác nhận → đã diễn ra, or to đã hủy; the
    /// countable record follows in the same transaction.
    pub async fn set_event_status(
        &self,
        id: domain::EventId,
        expected_version: i64,
        to: domain::EventStatus,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            events::set_event_status(&self.ctx, id, expected_version, to, actor)
        )
    }

    pub async fn set_event_outcome(
        &self,
        id: domain::EventId,
        outcome: &str,
        actor: &domain::Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            events::set_event_outcome(&self.ctx, id, outcome, actor)
        )
    }

    pub async fn event(&self, id: domain::EventId) -> Result<Option<EventRecord>, StoreError> {
        dispatch!(self, events::event(id))
    }

    /// Events by start, filtered (3 queries).
    pub async fn list_events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>, StoreError> {
        dispatch!(self, events::list_events(&self.ctx, filter))
    }

    /// Events linked to a plan item.
    pub async fn item_events(&self, item: domain::ItemId) -> Result<Vec<EventRecord>, StoreError> {
        dispatch!(self, events::item_events(item))
    }
}

//! An event's checklist, documents and follow-ups (queries in `sql/event_prep.rs`).

use crate::events_model::*;
use crate::tracking_model::*;
use crate::{Store, StoreError};

impl Store {
    #[allow(clippy::too_many_arguments)]
    pub async fn add_checklist_entry(
        &self,
        event: domain::EventId,
        kind: domain::events::ChecklistKind,
        title: &str,
        owner: &str,
        due: Option<chrono::NaiveDate>,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            event_prep::add_checklist_entry(&self.ctx, event, kind, title, owner, due, actor)
        )
    }

    pub async fn set_checklist_done(
        &self,
        entry: i64,
        done: bool,
        actor: &domain::Actor,
    ) -> Result<domain::EventId, StoreError> {
        dispatch!(
            self,
            event_prep::set_checklist_done(&self.ctx, entry, done, actor)
        )
    }

    pub async fn checklist(
        &self,
        event: domain::EventId,
    ) -> Result<Vec<ChecklistEntry>, StoreError> {
        dispatch!(self, event_prep::checklist(event))
    }

    /// Records a file stored by the evidence store as a document of the event.
    pub async fn add_event_document(
        &self,
        event: domain::EventId,
        stored: &crate::evidence_store::StoredFile,
        original_name: &str,
        kind: &str,
        actor: &domain::Actor,
    ) -> Result<EventDocument, StoreError> {
        dispatch!(
            self,
            event_prep::add_event_document(&self.ctx, event, stored, original_name, kind, actor)
        )
    }

    pub async fn event_documents(
        &self,
        event: domain::EventId,
    ) -> Result<Vec<EventDocument>, StoreError> {
        dispatch!(self, event_prep::event_documents(event))
    }

    pub async fn event_document(&self, id: i64) -> Result<Option<EventDocument>, StoreError> {
        dispatch!(self, event_prep::event_document(id))
    }

    pub async fn add_follow_up(
        &self,
        event: domain::EventId,
        text: &str,
        owner: &str,
        due: Option<chrono::NaiveDate>,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            event_prep::add_follow_up(&self.ctx, event, text, owner, due, actor)
        )
    }

    pub async fn follow_ups(&self, event: domain::EventId) -> Result<Vec<FollowUp>, StoreError> {
        dispatch!(self, event_prep::follow_ups(event))
    }

    /// Makes a follow-up a plan item (an added item under `parent`, one of its event's
    /// items, with [`Store::add_item`]'s permission rules) and links the two, in one
    /// transaction. A second submit, at once or later, returns the first's item.
    pub async fn follow_up_to_item(
        &self,
        follow_up: i64,
        parent: domain::ItemId,
        actor: &domain::Actor,
    ) -> Result<domain::ItemId, StoreError> {
        let fu: FollowUp = dispatch!(self, event_prep::follow_up_for_edit(follow_up, actor))?;
        if let Some(item) = fu.item_id {
            return Ok(item);
        }
        // Under one of the event's own items, as the page offers: a forged parent would
        // file the work under an item the event has nothing to do with.
        let event = self
            .event(fu.event_id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("event {}", fu.event_id.0)))?;
        if !event.items.contains(&parent) {
            return Err(domain::EventError::ParentNotLinked.into());
        }
        let parent_item = self
            .item_tracking(parent)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("item {parent}")))?;
        let new = NewItem {
            plan_id: parent_item.plan_id,
            parent_id: Some(parent),
            position: None,
            numbering: None,
            title: fu.text.clone(),
            text: fu.owner.clone(),
            lead: Vec::new(),
            coordinating: Vec::new(),
            start: None,
            due: fu.due,
        };
        dispatch!(
            self,
            event_prep::follow_up_to_item(&self.ctx, follow_up, &new, actor)
        )
    }
}

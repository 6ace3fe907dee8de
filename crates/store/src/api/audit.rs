//! The audit log: appending outside a change, and reading it back (queries in `sql/audit.rs`).

use crate::model::*;
use crate::tracking_model::*;
use crate::{Store, StoreError};
use domain::PlanId;

impl Store {
    /// Appends an entry in its own transaction. There is no update or delete.
    pub async fn append_audit(&self, entry: AuditEntry) -> Result<domain::AuditId, StoreError> {
        dispatch!(self, audit::append_audit(&self.ctx, &entry))
    }

    /// Entries about one entity, oldest first.
    pub async fn audit_for_entity(
        &self,
        entity: &str,
        entity_id: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        dispatch!(self, audit::audit_for_entity(entity, entity_id))
    }

    /// The latest entries, newest first.
    pub async fn audit_recent(&self, limit: i64) -> Result<Vec<AuditRecord>, StoreError> {
        dispatch!(self, audit::audit_recent(limit))
    }

    /// Audit entries about an item, newest first, `limit` per page.
    pub async fn audit_for_item(
        &self,
        item: domain::ItemId,
        before: Option<i64>,
        limit: i64,
    ) -> Result<AuditPage, StoreError> {
        dispatch!(self, audit::audit_for_item(item, before, limit))
    }

    /// Audit entries about a plan and everything in it, newest first.
    pub async fn audit_for_plan(
        &self,
        plan: PlanId,
        before: Option<i64>,
        limit: i64,
    ) -> Result<AuditPage, StoreError> {
        dispatch!(self, audit::audit_for_plan(plan, before, limit))
    }
}

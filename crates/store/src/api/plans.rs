//! Plans and their views: the list, names, the reader's JSON, one item's view and item
//! labels (queries in `sql/plan_list.rs`, `sql/plans.rs` and `sql/labels.rs`).

use crate::model::*;
use crate::{Store, StoreError};
use domain::{ItemId, PlanId};

impl Store {
    /// Every plan with its live items counted, newest first; kept under the data's
    /// version like the plan views.
    pub async fn list_plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let mark = self.mark().await?;
        if let Some(plans) = self.ctx.plan_list_cache.get(&(), mark) {
            return Ok((*plans).clone());
        }
        let plans = dispatch!(self, plan_list::list_plans(&self.ctx))?;
        self.ctx
            .plan_list_cache
            .put((), mark, std::sync::Arc::new(plans.clone()));
        Ok(plans)
    }

    /// The plans of `year`, oldest first.
    pub async fn plans_of_year(&self, year: i32) -> Result<Vec<PlanId>, StoreError> {
        dispatch!(self, plan_list::plans_of_year(year))
    }

    /// Id and short name of every plan, newest first (for filters).
    pub async fn plan_names(&self) -> Result<Vec<(PlanId, String)>, StoreError> {
        let mark = self.mark().await?;
        if let Some(names) = self.ctx.plan_name_cache.get(&(), mark) {
            return Ok((*names).clone());
        }
        let names = dispatch!(self, plan_list::plan_names(&self.ctx))?;
        self.ctx
            .plan_name_cache
            .put((), mark, std::sync::Arc::new(names.clone()));
        Ok(names)
    }

    /// A plan's number, symbol, date, signer and parent body, with its version.
    pub async fn plan_metadata(
        &self,
        id: PlanId,
    ) -> Result<Option<PlanMetadataRecord>, StoreError> {
        dispatch!(self, plan_metadata::plan_metadata(id))
    }

    /// An admin or the Board corrects a plan's document details over `version`, in one
    /// audited transaction (`plan.metadata`); a stale version is `StoreError::Conflict`.
    pub async fn set_plan_metadata(
        &self,
        id: PlanId,
        version: i64,
        metadata: &domain::PlanMetadata,
        actor: &domain::Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            plan_metadata::set_plan_metadata(&self.ctx, id, version, metadata, actor)
        )
    }

    /// The reader's output for the plan, exactly as imported (JSON text).
    pub async fn plan_parsed_json(&self, id: PlanId) -> Result<Option<String>, StoreError> {
        dispatch!(self, plan_list::plan_parsed_json(id))
    }

    /// An item with breadcrumbs, units, targets, deadlines and its sub-tree.
    pub async fn item(&self, id: domain::ItemId) -> Result<Option<ItemView>, StoreError> {
        self.memo("item", id.0, "", async {
            dispatch!(self, plans::item(&self.ctx, id))
        })
        .await
    }

    /// "numbering title" of each item in `ids` that exists, in that order, in one query.
    pub async fn item_labels(&self, ids: &[ItemId]) -> Result<Vec<(ItemId, String)>, StoreError> {
        dispatch!(self, labels::item_labels(&self.ctx, ids, None))
    }

    /// [`Store::item_labels`] of the items naming one of `units` in effect (what a partner
    /// may open); an empty list names none.
    pub async fn item_labels_naming(
        &self,
        ids: &[ItemId],
        units: &[domain::UnitId],
    ) -> Result<Vec<(ItemId, String)>, StoreError> {
        dispatch!(self, labels::item_labels(&self.ctx, ids, Some(units)))
    }
}

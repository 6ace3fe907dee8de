//! Targets and countable records (queries in `sql/targets.rs`).

use crate::tracking_model::*;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::PlanId;

impl Store {
    /// Sets a target's source: entered figures or a counting rule.
    pub async fn set_target_source(
        &self,
        target: i64,
        source: &TargetSource,
        actor: &domain::Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            targets::set_target_source(&self.ctx, target, source, actor)
        )
    }

    /// Saves a countable record (events and media works call this).
    pub async fn save_record(&self, record: &CountableRecord) -> Result<i64, StoreError> {
        dispatch!(self, targets::save_record(&self.ctx, record))
    }

    /// Each target of a plan with its actual (from its source), the figure the units
    /// reported, and attainment, in 3–4 queries.
    pub async fn plan_target_progress(
        &self,
        plan: PlanId,
    ) -> Result<Vec<TargetProgress>, StoreError> {
        dispatch!(self, targets::plan_target_progress(&self.ctx, plan))
    }

    /// [`Store::plan_target_progress`] as it stood on `as_of`: records dated later and
    /// reports whose period ends later do not count.
    pub async fn plan_target_progress_as_of(
        &self,
        plan: PlanId,
        as_of: NaiveDate,
    ) -> Result<Vec<TargetProgress>, StoreError> {
        dispatch!(self, targets::target_progress(&self.ctx, plan, Some(as_of)))
    }
}

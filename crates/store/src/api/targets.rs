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
    /// reported, and attainment. Served from memory while no write has happened since it
    /// was computed (the item page, the plan page and the dashboard ask on every view);
    /// otherwise 3–4 queries.
    pub async fn plan_target_progress(
        &self,
        plan: PlanId,
    ) -> Result<Vec<TargetProgress>, StoreError> {
        self.target_progress(plan, None).await
    }

    /// [`Store::plan_target_progress`] as it stood on `as_of`: records dated later and
    /// reports whose period ends later do not count.
    pub async fn plan_target_progress_as_of(
        &self,
        plan: PlanId,
        as_of: NaiveDate,
    ) -> Result<Vec<TargetProgress>, StoreError> {
        self.target_progress(plan, Some(as_of)).await
    }

    async fn target_progress(
        &self,
        plan: PlanId,
        as_of: Option<NaiveDate>,
    ) -> Result<Vec<TargetProgress>, StoreError> {
        let mark = self.mark().await?;
        let key = (plan, as_of);
        if let Some(t) = self.ctx.target_cache.get(&key, mark) {
            return Ok((*t).clone());
        }
        let progress = dispatch!(self, targets::target_progress(&self.ctx, plan, as_of))?;
        self.ctx
            .target_cache
            .put(key, mark, std::sync::Arc::new(progress.clone()));
        Ok(progress)
    }
}

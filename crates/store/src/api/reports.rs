//! Official report drafts, filed texts and the dashboard (queries in `sql/reports.rs`), and
//! what else the report gathers (`sql/report_sources.rs`).

use crate::oversight_model::*;
use crate::{Store, StoreError};
use domain::{Actor, Period, PlanId, UnitId};

type R<T> = Result<T, StoreError>;

impl Store {
    pub async fn report_draft(&self, plan: PlanId, period: Period) -> R<Option<ReportDraft>> {
        dispatch!(self, reports::report_draft(plan, period))
    }

    /// Saves a report's narrative over `expected_version` (0 for the first save); a stale
    /// version gives `StoreError::Conflict` with the current content.
    pub async fn save_report_draft(
        &self,
        plan: PlanId,
        period: Period,
        expected_version: i64,
        content: &serde_json::Value,
        actor: &Actor,
    ) -> R<i64> {
        dispatch!(
            self,
            reports::save_report_draft(
                &self.ctx,
                plan,
                period,
                expected_version,
                content,
                actor,
                "report_draft.save"
            )
        )
    }

    /// [`Store::save_report_draft`] for a draft brought up to date with the records (the
    /// Board's choices between its edits and the regenerated text), audited as
    /// `report_draft.regenerate`.
    pub async fn regenerate_report_draft(
        &self,
        plan: PlanId,
        period: Period,
        expected_version: i64,
        content: &serde_json::Value,
        actor: &Actor,
    ) -> R<i64> {
        dispatch!(
            self,
            reports::save_report_draft(
                &self.ctx,
                plan,
                period,
                expected_version,
                content,
                actor,
                "report_draft.regenerate"
            )
        )
    }

    /// The dashboard of a plan, or of a unit's items in it, with `recent` latest reports.
    pub async fn dashboard(
        &self,
        plan: PlanId,
        unit: Option<UnitId>,
        recent: i64,
        as_of: chrono::NaiveDate,
    ) -> R<DashboardData> {
        let mark = self.mark().await?;
        let key = (plan, unit, recent, as_of);
        if let Some(d) = self.ctx.dashboard_cache.get(&key, mark) {
            return Ok((*d).clone());
        }
        // The states and targets come from the caches the plan page and the report share.
        let states = self.plan_states(plan, as_of).await?;
        let targets = self.plan_target_progress_as_of(plan, as_of).await?;
        let data = dispatch!(
            self,
            reports::dashboard(&self.ctx, plan, unit, recent, as_of, &states, targets)
        )?;
        self.ctx
            .dashboard_cache
            .put(key, mark, std::sync::Arc::new(data.clone()));
        Ok(data)
    }

    /// Progress-report texts of a plan within a period (latest versions). 1 query.
    pub async fn report_texts(&self, plan: PlanId, period: Period) -> R<Vec<ReportText>> {
        dispatch!(self, reports::report_texts(plan, period))
    }

    /// The events linked to the plan's items that were held within `period` (on their
    /// start date in their own zone, as targets count them), by start. 3 queries.
    pub async fn plan_events_held(
        &self,
        plan: PlanId,
        period: Period,
    ) -> R<Vec<crate::EventRecord>> {
        dispatch!(self, report_sources::plan_events_held(plan, period))
    }

    /// The delegations that left within `period` for an event linked to the plan's items,
    /// with their members and those items. 3 queries.
    pub async fn plan_delegations(&self, plan: PlanId, period: Period) -> R<Vec<PlanDelegation>> {
        dispatch!(self, report_sources::plan_delegations(plan, period))
    }

    /// The plan's own Nơi nhận and "Lưu:" line, as its document has them; None for an
    /// unknown plan. 1 query.
    pub async fn plan_recipients(&self, plan: PlanId) -> R<Option<PlanRecipients>> {
        dispatch!(self, report_sources::plan_recipients(plan))
    }
}

//! The official results report (báo cáo kết quả thực hiện Kế hoạch): which period a plan
//! opens on, what the report is built from, and the assembled document.

pub mod compose;
mod flat;

pub use compose::{DRAFT_FIELDS, DraftContent, Inputs, assemble, draft_date, prefill};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::{ItemId, Period, PlanId};
use reports::official_report::OfficialReport;
use std::collections::HashMap;
use store::{
    EvaluationRecord, PlanView, ReportDraft, ReportText, Store, StoreError, TargetProgress,
};

/// The report a plan opens on, as of `today`: the plan's own year's
/// (`domain::oversight::report_period_within`), so a 2025 plan opened in 2026 shows 2025.
pub async fn opening_period(
    store: &Store,
    plan: PlanId,
    today: NaiveDate,
) -> Result<Period, StoreError> {
    let year = store.plan(plan).await?.and_then(|p| p.plan.year);
    let (first, last) = match year {
        Some(y) => (y, y),
        None => match store.report_years(plan).await? {
            Some((a, b)) if a != i32::MIN => (a, b),
            _ => (today.year(), today.year()),
        },
    };
    Ok(domain::oversight::report_period_within(first, last, today))
}

/// What the report is built from, loaded in a fixed number of queries
/// (plan view 10, targets 3–4, texts 1, grades 1, draft 1, states 4), as of the period's
/// end.
pub struct Loaded {
    pub plan: PlanView,
    pub targets: Vec<TargetProgress>,
    pub texts: Vec<ReportText>,
    pub grades: HashMap<ItemId, EvaluationRecord>,
    pub draft: Option<ReportDraft>,
    /// Every item's state at the period's end, as the dashboard computes it.
    pub states: std::sync::Arc<Vec<domain::tracking::ItemState>>,
    /// When it was loaded, by the store's clock: the files' created time.
    pub loaded_at: DateTime<Utc>,
}

/// Loads a plan's report for `period`; `None` when the plan does not exist.
pub async fn load(
    store: &Store,
    plan: PlanId,
    period: Period,
) -> Result<Option<Loaded>, StoreError> {
    let Some(view) = store.plan(plan).await? else {
        return Ok(None);
    };
    Ok(Some(Loaded {
        targets: store.plan_target_progress_as_of(plan, period.end()).await?,
        texts: store.report_texts(plan, period).await?,
        grades: store.plan_grades(plan, period).await?,
        draft: store.report_draft(plan, period).await?,
        states: store.plan_states(plan, period.end()).await?,
        plan: view,
        loaded_at: store.clock().now(),
    }))
}

impl Loaded {
    pub fn inputs(&self, period: Period) -> Inputs<'_> {
        Inputs {
            plan: &self.plan,
            period,
            targets: &self.targets,
            texts: &self.texts,
            grades: &self.grades,
            states: &self.states,
        }
    }

    /// The saved draft, else the prefilled narrative.
    pub fn content(&self, period: Period) -> DraftContent {
        self.draft
            .as_ref()
            .and_then(|d| serde_json::from_value(d.content.clone()).ok())
            .unwrap_or_else(|| prefill(&self.inputs(period)))
    }

    /// The document: the saved draft's narrative (or the prefilled one) over the figures
    /// rebuilt from the records, written at the time it was loaded.
    pub fn document(&self, period: Period) -> OfficialReport {
        OfficialReport {
            written_at: self.loaded_at,
            ..assemble(&self.inputs(period), &self.content(period))
        }
    }
}

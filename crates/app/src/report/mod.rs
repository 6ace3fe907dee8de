//! The official results report (báo cáo kết quả thực hiện Kế hoạch): which periods a plan
//! offers and opens on, what the report is built from, and the assembled document.
//!
//! Modules by part of the report: `subject` (trích yếu, closing, section I), `results`
//! (section II), `assessment` (III and V), `next` (IV), `recipients` (Nơi nhận),
//! `appendix` (the table and the annex's rows), `money` (kinh phí); `figures` says a target in words, `text`
//! holds the shared wording helpers, `flat` the items in order with their numbers and
//! states, `compose` puts them together.

mod appendix;
mod assessment;
pub mod compose;
mod direction;
mod draft;
mod figures;
#[cfg(test)]
mod fixture;
mod flat;
mod money;
mod next;
mod recipients;
pub mod regenerate;
mod results;
mod subject;
#[cfg(test)]
mod tests;
mod text;

pub use compose::{Inputs, assemble, prefill};
pub use draft::{DRAFT_FIELDS, DraftContent, draft_date};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::{ItemId, Period, PlanId, UnitId};
use reports::official_report::OfficialReport;
use std::collections::HashMap;
use store::{
    DirectionRecord, EvaluationRecord, EventRecord, ItemMoney, PlanDelegation, PlanRecipients,
    PlanView, ReportDraft, ReportText, Store, StoreError, TargetProgress,
};

/// The years a plan's results report is written for: its own year, else (a plan without
/// one) the years its items' dates span, else today's.
async fn report_span(
    store: &Store,
    plan: PlanId,
    today: NaiveDate,
) -> Result<(i32, i32), StoreError> {
    if let Some(y) = store.plan(plan).await?.and_then(|p| p.plan.year) {
        return Ok((y, y));
    }
    Ok(match store.report_years(plan).await? {
        Some((a, b)) if a != i32::MIN => (a, b),
        _ => (today.year(), today.year()),
    })
}

/// The periods the report page offers: 6 tháng, 9 tháng and năm of the plan's own year
/// (`domain::oversight::official_report_periods`).
pub async fn period_choices(
    store: &Store,
    plan: PlanId,
    today: NaiveDate,
) -> Result<Vec<Period>, StoreError> {
    let (first, last) = report_span(store, plan, today).await?;
    Ok(domain::oversight::official_report_periods(first, last))
}

/// The report a plan opens on as of `today`: the latest of its periods that has ended
/// (`domain::oversight::latest_ended_report_period`), so a 2025 plan seen in December 2026
/// opens on the year 2025, and a 2026 plan on its nine months.
pub async fn opening_period(
    store: &Store,
    plan: PlanId,
    today: NaiveDate,
) -> Result<Period, StoreError> {
    let (first, last) = report_span(store, plan, today).await?;
    Ok(domain::oversight::latest_ended_report_period(
        first, last, today,
    ))
}

/// The period an item's evaluation (grade) opens on: the report due around `today` within
/// the plan's years (`domain::oversight::report_period_within`).
pub async fn evaluation_period(
    store: &Store,
    plan: PlanId,
    today: NaiveDate,
) -> Result<Period, StoreError> {
    let (first, last) = report_span(store, plan, today).await?;
    Ok(domain::oversight::report_period_within(first, last, today))
}

/// What the report is built from, loaded in a fixed number of queries (plan view 10,
/// targets 3–4, texts 1, grades 1, draft 1, states 4, events 3, delegations 1–3, units 1,
/// recipients 1, directions 2, department profile 1, money 5), as of the period's end.
pub struct Loaded {
    pub plan: PlanView,
    pub targets: Vec<TargetProgress>,
    pub texts: Vec<ReportText>,
    pub grades: HashMap<ItemId, EvaluationRecord>,
    pub draft: Option<ReportDraft>,
    /// Every item's state at the period's end, as the dashboard computes it.
    pub states: std::sync::Arc<Vec<domain::tracking::ItemState>>,
    /// The plan's events held within the period.
    pub events: Vec<EventRecord>,
    /// The delegations that left within the period for the plan's events.
    pub delegations: Vec<PlanDelegation>,
    pub unit_names: HashMap<UnitId, String>,
    pub recipients: Option<PlanRecipients>,
    /// The plan's direction records dated within the period (its start to its end).
    pub directions: Vec<DirectionRecord>,
    /// The department's profile in effect (`crate::department`): the header's bodies,
    /// the symbol's code, the place.
    pub department: crate::department::Profile,
    /// Each item's money as of the period's end, as the plan's budget page shows it for
    /// that day.
    pub money: Vec<ItemMoney>,
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
        events: store.plan_events_held(plan, period).await?,
        delegations: store.plan_delegations(plan, period).await?,
        unit_names: store
            .list_units()
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect(),
        recipients: store.plan_recipients(plan).await?,
        directions: store
            .plan_directions(plan, Some((period.start(), period.end())))
            .await?,
        department: crate::department::in_effect(store.department().await?, Some(&view.plan)),
        money: store.plan_money(plan, period.end()).await?,
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
            events: &self.events,
            delegations: &self.delegations,
            unit_names: &self.unit_names,
            recipients: self.recipients.as_ref(),
            directions: &self.directions,
            department: &self.department.department,
            money: &self.money,
        }
    }

    /// The saved draft over the records of now (`regenerate::merge`: what nobody edited
    /// follows the records, edits stay, edits over changed figures are conflicts), else
    /// the prefilled narrative.
    pub fn merged(&self, period: Period) -> regenerate::Merged {
        let fresh = prefill(&self.inputs(period));
        let saved = self.draft.as_ref();
        match saved.and_then(|d| regenerate::SavedDraft::from_json(&d.content)) {
            Some(saved) => regenerate::merge(&saved, &fresh),
            None => regenerate::Merged {
                content: fresh.clone(),
                base: fresh,
                conflicts: Vec::new(),
            },
        }
    }

    /// Kinh phí as the document says it (section II's sentence, the annex's sheet).
    pub fn money(&self, period: Period) -> Option<reports::official_report::MoneySummary> {
        money::summary(&compose::Facts::of(&self.inputs(period)))
    }

    /// The narrative to show and write: [`Loaded::merged`]'s.
    pub fn content(&self, period: Period) -> DraftContent {
        self.merged(period).content
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

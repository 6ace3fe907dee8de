//! What the tracking API (issue 4) takes and returns.

use crate::model::AuditRecord;
use chrono::NaiveDate;
use domain::{
    Attainment, CountingRule, DatesSource, Discrepancy, ItemId, ItemStatus, Period, PlanId,
    ReportContent, UnitId, UnitRelation, UserId,
};
use serde::{Deserialize, Serialize};

/// An item's tracking state, with the version an edit must name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemTracking {
    pub id: ItemId,
    pub plan_id: PlanId,
    pub parent_id: Option<ItemId>,
    pub position: i64,
    pub title: String,
    pub text: String,
    pub added: bool,
    pub status: ItemStatus,
    pub status_reason: Option<String>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub dates_source: Option<DatesSource>,
    pub version: i64,
    /// The revision of the plan that dropped the item, if one did.
    pub removed_in: Option<i64>,
    /// The item's own units.
    pub units: Vec<(UnitId, UnitRelation)>,
    /// When it has none: the units of its nearest ancestor that has some. Activities listed
    /// under a heading are the heading unit's work, as the document reads.
    pub inherited_units: Vec<(UnitId, UnitRelation)>,
    pub people: Vec<ResponsiblePerson>,
}

impl ItemTracking {
    /// Own units, else inherited ones: who leads and coordinates the item in effect.
    pub fn effective_units(&self) -> &[(UnitId, UnitRelation)] {
        if self.units.is_empty() {
            &self.inherited_units
        } else {
            &self.units
        }
    }

    /// [`Self::effective_units`] for the permission checks.
    pub fn item_units(&self) -> Vec<domain::ItemUnit> {
        domain::ItemUnit::all(self.effective_units())
    }
}

/// A person answering for an item within a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsiblePerson {
    pub unit_id: UnitId,
    pub name: String,
    /// Job title, e.g. "Phó Trưởng phòng".
    pub title: Option<String>,
    pub user_id: Option<UserId>,
}

/// New text and dates for an item. None leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemEdit {
    pub title: Option<String>,
    pub text: Option<String>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
}

/// An item a user adds (not in the document).
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    pub plan_id: PlanId,
    pub parent_id: Option<ItemId>,
    /// Among its siblings; None: last.
    pub position: Option<i64>,
    pub numbering: Option<String>,
    pub title: String,
    pub text: String,
    pub lead: Vec<UnitId>,
    pub coordinating: Vec<UnitId>,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
}

/// One part of a split: the first part stays on the item, the others become new items
/// after it.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitPart {
    pub title: String,
    pub text: String,
}

/// A progress report to file or a new version of one.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    pub item_id: ItemId,
    pub unit_id: UnitId,
    pub period: Period,
    pub content: ReportContent,
    /// Evidence shown with this version (ids from `add_evidence`).
    pub evidence: Vec<i64>,
}

/// A file the report form streamed into the evidence store
/// ([`crate::evidence_store::EvidenceStore::put`]), recorded as evidence on the item in the
/// report's own transaction: a report refused leaves no evidence row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    pub stored: crate::evidence_store::StoredFile,
    /// As the browser named it (cleaned when recorded).
    pub original_name: String,
}

/// One version of a progress report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportVersion {
    pub id: i64,
    /// The first version's id: the report's identity across versions.
    pub report_id: i64,
    pub item_id: ItemId,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub period: Period,
    pub version: i64,
    pub previous_id: Option<i64>,
    pub text: String,
    /// Khó khăn, vướng mắc.
    pub difficulties: String,
    /// Đề xuất, kiến nghị.
    pub proposals: String,
    pub percent: Option<i64>,
    /// (target id, value)
    pub figures: Vec<(i64, f64)>,
    pub evidence: Vec<EvidenceRecord>,
    pub created_at: i64,
    pub created_by: Option<UserId>,
    pub is_latest: bool,
}

/// Stored evidence metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub id: i64,
    pub item_id: ItemId,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    pub original_name: String,
    /// Relative to the data directory (`evidence/ab/cdef…`).
    pub stored_path: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: i64,
}

/// How a target's actual is obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum TargetSource {
    /// Figures entered in progress reports (`domain::entered_actual`).
    Entered,
    /// Counted from `records` by a rule.
    Counted { rule: CountingRule },
}

/// A target with its actual, the figure its units reported, and attainment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetProgress {
    pub target_id: i64,
    pub item_id: ItemId,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: String,
    pub per: Option<String>,
    pub text: String,
    pub source: TargetSource,
    /// The source's figure: the reported one for an entered target (None when nobody has
    /// reported), the count for a counted one. Attainment is measured on it.
    pub actual: Option<f64>,
    /// What the units reported (`domain::entered_actual`), whatever the source; None when
    /// nobody has. For a counted target it may differ from `actual`: see
    /// [`TargetProgress::discrepancy`].
    pub reported: Option<f64>,
    pub attainment: Option<Attainment>,
}

impl TargetProgress {
    /// Its min, max and actual, as the domain's rules (bands, pace) take them.
    pub fn figure(&self) -> domain::oversight::TargetFigure {
        domain::oversight::TargetFigure {
            min: self.min,
            max: self.max,
            actual: self.actual,
        }
    }

    /// The reported figure beside the counted one, when they differ (an entered target's
    /// two figures are the same one).
    pub fn discrepancy(&self) -> Option<Discrepancy> {
        match self.source {
            TargetSource::Counted { .. } => Discrepancy::between(self.reported, self.actual),
            TargetSource::Entered => None,
        }
    }
}

/// A countable record (the projection each record kind maintains).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountableRecord {
    /// Unique per source row, e.g. "event:42"; saving again replaces the record.
    pub source_key: String,
    pub kind: String,
    pub status: String,
    pub date: Option<NaiveDate>,
    pub title: String,
    pub numbers: std::collections::BTreeMap<String, f64>,
    pub items: Vec<ItemId>,
}

impl domain::Record for CountableRecord {
    fn kind(&self) -> &str {
        &self.kind
    }
    fn status(&self) -> &str {
        &self.status
    }
    fn date(&self) -> Option<NaiveDate> {
        self.date
    }
    fn linked_items(&self) -> &[ItemId] {
        &self.items
    }
    fn number(&self, field: &str) -> Option<f64> {
        self.numbers.get(field).copied()
    }
}

/// Filters of the item list. Empty filters select everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemFilter {
    pub plan_id: Option<PlanId>,
    pub unit_id: Option<UnitId>,
    /// With `unit_id`: only as lead or only as coordinating unit.
    pub relation: Option<UnitRelation>,
    pub statuses: Vec<ItemStatus>,
    /// Only items naming one of these units (a partner's view: what is shared with it).
    pub visible_units: Option<Vec<UnitId>>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    /// Only items overdue on this day: open, due before it (`domain::tracking::is_overdue`).
    pub overdue_on: Option<NaiveDate>,
    /// Only work items to report for this period and not yet reported (`my_work`'s rule:
    /// open, no sub-items, dates overlapping the period, no report covering it: by
    /// `unit_id` when set, else by anyone on an item with a lead unit).
    pub unreported_in: Option<domain::Period>,
    /// Diacritic-insensitive ("hoi thao" finds "Hội thảo"; đ matches d).
    pub text: Option<String>,
    /// From 1.
    pub page: i64,
    pub per_page: i64,
    /// Export mode: `per_page` rows with a greater id, ordered by id, and no total (an
    /// export walks the whole list in batches without OFFSET's growing cost).
    pub after_id: Option<ItemId>,
    /// Keyset paging: the page starts after this row of the list's order instead of at
    /// `(page - 1) * per_page` rows (`page` is then only the page's number as shown), so
    /// a "next" link costs the same on page 2 and page 2,000.
    pub after_row: Option<ListPosition>,
}

/// A row's place in the item list's order (due date, no date last; then id): where a
/// keyset page starts. Written in links as `2026-03-31_123`, or `_123` without a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPosition {
    pub due: Option<NaiveDate>,
    pub id: ItemId,
}

impl std::fmt::Display for ListPosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.due {
            Some(d) => write!(f, "{}_{}", d.format("%Y-%m-%d"), self.id.0),
            None => write!(f, "_{}", self.id.0),
        }
    }
}

impl std::str::FromStr for ListPosition {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let (due, id) = s.split_once('_').ok_or(())?;
        let id = id.parse::<i64>().map_err(|_| ())?;
        let due = match due {
            "" => None,
            d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| ())?),
        };
        Ok(ListPosition {
            due,
            id: ItemId(id),
        })
    }
}

impl ItemListRow {
    /// This row's place in the list's order: the next page starts after it.
    pub fn position(&self) -> ListPosition {
        ListPosition {
            due: self.due,
            id: self.id,
        }
    }
}

/// One row of the item list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemListRow {
    pub id: ItemId,
    pub plan_id: PlanId,
    pub numbering: Option<String>,
    pub title: String,
    pub status: ItemStatus,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub added: bool,
    pub lead_units: Vec<String>,
    pub coordinating_units: Vec<String>,
    /// The units are the nearest ancestor's ("theo mục cấp trên").
    pub units_inherited: bool,
    /// Open and past its due date today (`domain::tracking::is_overdue`).
    pub overdue: bool,
    /// The percent of the report in effect today.
    pub percent: Option<i64>,
    /// The period end of the latest report in effect today.
    pub latest_report: Option<NaiveDate>,
}

/// Most matching items the list counts exactly (see [`ItemPage::total_capped`]).
pub const LIST_COUNT_CAP: i64 = 10_000;

/// A page of the item list with the total matching count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemPage {
    pub rows: Vec<ItemListRow>,
    /// Matching items, counted up to [`crate::LIST_COUNT_CAP`].
    pub total: i64,
    /// More items match than `total` says (the count stopped at the cap).
    pub total_capped: bool,
    pub page: i64,
    pub per_page: i64,
}

/// The items a header search found, best first (`Store::search_items`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ItemHits {
    pub rows: Vec<ItemListRow>,
    /// Matching items, counted up to [`crate::LIST_COUNT_CAP`].
    pub total: i64,
    /// More items match than `total` says.
    pub total_capped: bool,
}

/// A page of audit entries, newest first; pass `next_before` to get the next page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditPage {
    pub entries: Vec<AuditRecord>,
    pub next_before: Option<i64>,
}

/// What `generate_synthetic` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntheticSpec {
    pub plans: usize,
    pub items: usize,
    pub reports: usize,
    /// Events on the plans' activities, with their countable records.
    pub events: usize,
    pub seed: u64,
}

/// What `generate_synthetic_budget` made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyntheticBudget {
    pub estimates: usize,
    pub lines: usize,
    pub contracts: usize,
    pub payments: usize,
}

/// What `generate_synthetic` made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyntheticSummary {
    pub plans: usize,
    pub items: usize,
    pub reports: usize,
    pub events: usize,
    pub units: usize,
    /// Every plan is in; the reports' search text is being written.
    pub indexing: bool,
}

/// A progress report found by the header search: its newest version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportHit {
    pub report_id: i64,
    pub item_id: domain::ItemId,
    pub item_title: String,
    pub unit_name: String,
    /// As stored ("2025-Q3").
    pub period: String,
    pub text: String,
    /// UTC seconds.
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_position_reads_back_what_it_writes_and_refuses_anything_else() {
        for at in [
            ListPosition {
                due: NaiveDate::from_ymd_opt(2026, 3, 31),
                id: ItemId(123),
            },
            ListPosition {
                due: None,
                id: ItemId(7),
            },
        ] {
            assert_eq!(at.to_string().parse::<ListPosition>(), Ok(at));
        }
        assert_eq!(
            "2026-03-31_9".parse::<ListPosition>().unwrap().id,
            ItemId(9)
        );
        for bad in [
            "",
            "123",
            "2026-02-30_1",
            "_",
            "_x",
            "31/03/2026_1",
            "x_<b>",
        ] {
            assert!(bad.parse::<ListPosition>().is_err(), "{bad}");
        }
    }
}

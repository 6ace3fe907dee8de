//! The dashboard's figures: items by status, overdue and due soon, targets by band.

use super::is_open;
use crate::counting::{Attainment, attainment};
use crate::ids::ItemId;
use crate::vocab::{ItemStatus, Language};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// A target's min–max and actual.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetFigure {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub actual: Option<f64>,
}

/// Where a target stands, with "nothing reported" kept apart from "below".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    NoData,
    Below,
    Within,
    Above,
}

impl Band {
    pub const ALL: &'static [Band] = &[Band::Within, Band::Above, Band::Below, Band::NoData];

    pub fn of(t: &TargetFigure) -> Band {
        match t.actual {
            None => Band::NoData,
            Some(a) => match attainment(a, t.min, t.max) {
                Attainment::Below => Band::Below,
                Attainment::Above => Band::Above,
                Attainment::Within | Attainment::Unbounded => Band::Within,
            },
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::NoData => "no_data",
            Band::Below => "below",
            Band::Within => "within",
            Band::Above => "above",
        }
    }

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Band::NoData, Language::Vi) => "Chưa có số liệu",
            (Band::Below, Language::Vi) => "Chưa đạt",
            (Band::Within, Language::Vi) => "Đạt",
            (Band::Above, Language::Vi) => "Vượt",
            (Band::NoData, Language::En) => "No figures yet",
            (Band::Below, Language::En) => "Below",
            (Band::Within, Language::En) => "Within",
            (Band::Above, Language::En) => "Above",
        }
    }
}

impl TargetFigure {
    /// The actual as a share of the minimum, in whole percent ("đạt 105% chỉ tiêu kế
    /// hoạch"); None without an actual or a positive minimum.
    pub fn percent_of_minimum(&self) -> Option<u32> {
        match (self.actual, self.min) {
            (Some(a), Some(m)) if m > 0.0 => Some((a / m * 100.0).round().max(0.0) as u32),
            _ => None,
        }
    }

    /// How much the actual falls short of the minimum ("còn thiếu 5"); None when it
    /// reaches it or there is no minimum. Nothing reported falls short by the minimum.
    pub fn shortfall(&self) -> Option<f64> {
        let min = self.min?;
        let gap = min - self.actual.unwrap_or(0.0);
        (gap > 0.0).then_some(gap)
    }
}

/// One item as the dashboard sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardItem {
    pub item: ItemId,
    pub status: ItemStatus,
    pub due: Option<NaiveDate>,
    pub targets: Vec<TargetFigure>,
}

/// What the dashboard shows at a glance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DashboardFigures {
    pub total: usize,
    /// In `ItemStatus::ALL` order, zeros included.
    pub by_status: Vec<(ItemStatus, usize)>,
    /// Open items past their due date, most overdue first.
    pub overdue: Vec<ItemId>,
    /// Open items due within `soon_days`, soonest first.
    pub due_soon: Vec<ItemId>,
    /// Targets per band, in `Band::ALL` order.
    pub bands: Vec<(Band, usize)>,
    /// Share of items completed, 0–100 (rounded down).
    pub done_percent: u8,
}

/// Days ahead that count as "due soon".
pub const DUE_SOON_DAYS: u64 = 14;

pub fn dashboard_figures(today: NaiveDate, items: &[DashboardItem]) -> DashboardFigures {
    let by_status = tally(ItemStatus::ALL, items.iter().map(|it| it.status));
    let bands = tally(
        Band::ALL,
        items.iter().flat_map(|it| it.targets.iter().map(Band::of)),
    );
    let (overdue, due_soon) = overdue_and_due_soon(today, items);
    let done = by_status
        .iter()
        .find(|(s, _)| *s == ItemStatus::Done)
        .map_or(0, |x| x.1);
    DashboardFigures {
        total: items.len(),
        by_status,
        overdue,
        due_soon,
        bands,
        done_percent: (done * 100).checked_div(items.len()).unwrap_or(0) as u8,
    }
}

/// How many of `found` are each of `keys`, in the order of `keys`, zeros included.
fn tally<K: PartialEq + Copy>(keys: &[K], found: impl Iterator<Item = K>) -> Vec<(K, usize)> {
    let mut out: Vec<(K, usize)> = keys.iter().map(|k| (*k, 0)).collect();
    for k in found {
        if let Some(slot) = out.iter_mut().find(|(x, _)| *x == k) {
            slot.1 += 1;
        }
    }
    out
}

/// Open items past due (most overdue first) and due within `DUE_SOON_DAYS` (soonest
/// first); ties by id.
fn overdue_and_due_soon(today: NaiveDate, items: &[DashboardItem]) -> (Vec<ItemId>, Vec<ItemId>) {
    let soon_end = today
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(today);
    let mut overdue = Vec::new();
    let mut soon = Vec::new();
    for it in items {
        if let (Some(due), true) = (it.due, is_open(it.status)) {
            if crate::tracking::is_overdue(it.status, it.due, today) {
                overdue.push((due, it.item));
            } else if due <= soon_end {
                soon.push((due, it.item));
            }
        }
    }
    overdue.sort();
    soon.sort();
    let ids = |v: Vec<(NaiveDate, ItemId)>| v.into_iter().map(|x| x.1).collect();
    (ids(overdue), ids(soon))
}

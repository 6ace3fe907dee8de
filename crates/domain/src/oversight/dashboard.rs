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
    let mut by_status: Vec<(ItemStatus, usize)> = ItemStatus::ALL.iter().map(|s| (*s, 0)).collect();
    let mut bands: Vec<(Band, usize)> = Band::ALL.iter().map(|b| (*b, 0)).collect();
    let soon_end = today
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(today);
    let mut overdue = Vec::new();
    let mut soon = Vec::new();
    for it in items {
        if let Some(slot) = by_status.iter_mut().find(|(s, _)| *s == it.status) {
            slot.1 += 1;
        }
        for t in &it.targets {
            let b = Band::of(t);
            if let Some(slot) = bands.iter_mut().find(|(x, _)| *x == b) {
                slot.1 += 1;
            }
        }
        if let (Some(due), true) = (it.due, is_open(it.status)) {
            if due < today {
                overdue.push((due, it.item));
            } else if due <= soon_end {
                soon.push((due, it.item));
            }
        }
    }
    overdue.sort();
    soon.sort();
    let done = by_status
        .iter()
        .find(|(s, _)| *s == ItemStatus::Done)
        .map_or(0, |x| x.1);
    DashboardFigures {
        total: items.len(),
        by_status,
        overdue: overdue.into_iter().map(|x| x.1).collect(),
        due_soon: soon.into_iter().map(|x| x.1).collect(),
        bands,
        done_percent: (done * 100).checked_div(items.len()).unwrap_or(0) as u8,
    }
}

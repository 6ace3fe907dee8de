//! What a tree row says of its item's state (`domain::tracking::state`): overdue badge,
//! percent bar, the latest report's date, a parent's roll-up, and the units in effect
//! when they are the parent item's. The plan page, the unit page and the dashboard show
//! these same values.

use crate::charts::progress_bar;
use crate::i18n::Tr;
use crate::plans::{Chip, Row};
use domain::tracking::ItemState;
use domain::{UnitId, UnitRelation};
use std::collections::HashMap;

pub struct RowState {
    /// "Hạn 31/12/2025" (own or taken from the parent item), or empty.
    pub due: String,
    pub overdue: bool,
    pub percent: Option<u8>,
    pub bar: String,
    /// "Báo cáo gần nhất: 30/06/2025", or empty.
    pub latest: String,
    /// "2/5 việc hoàn thành · trung bình 40% · 1 quá hạn", parents only.
    pub rollup: String,
    /// The unit chips are the parent item's.
    pub inherited: bool,
}

impl RowState {
    /// Only the "theo mục cấp trên" mark.
    pub fn inherited_only() -> RowState {
        RowState {
            due: String::new(),
            overdue: false,
            percent: None,
            bar: String::new(),
            latest: String::new(),
            rollup: String::new(),
            inherited: true,
        }
    }
}

/// A report's percent for a row: 0–100, and its bar ("" without a percent). The row
/// names the item, so the bar only says what it measures (a 500-row plan page carries
/// one per reported item).
pub fn percent_bar(t: &Tr, percent: Option<i64>) -> (Option<u8>, String) {
    let percent = percent.map(|p| p.clamp(0, 100) as u8);
    let bar = percent.map_or_else(String::new, |p| progress_bar(t.t("list.col_percent"), p));
    (percent, bar)
}

/// The state of one item in words and a bar.
pub fn row_state(t: &Tr, s: &ItemState) -> RowState {
    let (percent, bar) = percent_bar(t, s.percent);
    RowState {
        due: s.due.map_or_else(String::new, |d| {
            t.f("item.due", &[("date", &domain::format_date(d))])
        }),
        overdue: s.overdue,
        percent,
        bar,
        latest: s.latest_report.map_or_else(String::new, |d| {
            t.f("state.latest", &[("date", &domain::format_date(d))])
        }),
        rollup: s.rollup.map_or_else(String::new, |r| {
            let mut text = t.f(
                "state.rollup",
                &[
                    ("done", &r.done.to_string()),
                    ("total", &r.total.to_string()),
                    ("percent", &r.percent.to_string()),
                ],
            );
            if r.overdue > 0 {
                text.push_str(" · ");
                text.push_str(&t.f("state.rollup_overdue", &[("n", &r.overdue.to_string())]));
            }
            text
        }),
        inherited: s.units.inherited,
    }
}

/// Puts each row's state on it; a row whose units are inherited gets the parent's unit
/// chips (`chips` names every unit the page knows).
pub fn with_states(t: &Tr, list: &mut [Row], states: &[ItemState], chips: &HashMap<UnitId, Chip>) {
    let by_id: HashMap<i64, &ItemState> = states.iter().map(|s| (s.id.0, s)).collect();
    for r in list {
        let Some(s) = by_id.get(&r.id) else {
            continue;
        };
        r.status = Some((s.status.as_str(), s.status.label(t.lang)));
        if s.units.inherited {
            let pick = |rel| {
                s.units
                    .of(rel)
                    .filter_map(|u| chips.get(&u).cloned())
                    .collect()
            };
            r.lead = pick(UnitRelation::Lead);
            r.coord = pick(UnitRelation::Coordinating);
        }
        r.state = Some(row_state(t, s));
    }
}

//! An item's state as of a date, computed once here for every page, list, export,
//! dashboard and report: the units in effect, the overdue flag, the percent of the report
//! in effect, and the roll-up of a parent over its sub-tree.
//!
//! The store hands in plain facts (the tree, each item's own units, its status and due
//! date, its reports' latest versions) and shows what comes back. Nothing here is typed by
//! a user: "chậm tiến độ" as a flag follows from the due date and the status.

use crate::ids::{ItemId, UnitId};
use crate::oversight::is_open;
use crate::vocab::{ItemStatus, UnitRelation};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One node of a plan's tree with the units it names itself.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeNode {
    pub id: ItemId,
    pub parent: Option<ItemId>,
    /// Leads first, then coordinating units, each in the document's order.
    pub units: Vec<(UnitId, UnitRelation)>,
}

/// Who leads and coordinates an item in effect.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EffectiveUnits {
    pub units: Vec<(UnitId, UnitRelation)>,
    /// True when the units are the nearest ancestor's ("theo mục cấp trên"): activities
    /// listed under a heading are the heading unit's work, as the document reads.
    pub inherited: bool,
}

impl EffectiveUnits {
    pub fn leads(&self) -> impl Iterator<Item = UnitId> + '_ {
        self.of(UnitRelation::Lead)
    }

    pub fn of(&self, relation: UnitRelation) -> impl Iterator<Item = UnitId> + '_ {
        self.units
            .iter()
            .filter(move |(_, r)| *r == relation)
            .map(|(u, _)| *u)
    }

    pub fn names(&self, unit: UnitId) -> bool {
        self.units.iter().any(|(u, _)| *u == unit)
    }
}

/// Every node's units in effect: its own, else its nearest ancestor's. A node whose
/// ancestors name none has none. A parent missing from `nodes` ends the walk; a cycle
/// (which the store never writes) ends after as many steps as there are nodes.
pub fn effective_units(nodes: &[TreeNode]) -> HashMap<ItemId, EffectiveUnits> {
    let by_id: HashMap<ItemId, &TreeNode> = nodes.iter().map(|n| (n.id, n)).collect();
    let mut out = HashMap::with_capacity(nodes.len());
    for n in nodes {
        let mut at = n;
        let mut inherited = false;
        for _ in 0..=nodes.len() {
            if !at.units.is_empty() {
                break;
            }
            match at.parent.and_then(|p| by_id.get(&p)) {
                Some(p) => {
                    at = p;
                    inherited = true;
                }
                None => break,
            }
        }
        let units = at.units.clone();
        let inherited = inherited && !units.is_empty();
        out.insert(n.id, EffectiveUnits { units, inherited });
    }
    out
}

/// Whether an item is behind at `as_of`: still open and its due date has passed.
pub fn is_overdue(status: ItemStatus, due: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    is_open(status) && due.is_some_and(|d| d < as_of)
}

/// The latest version of one progress report, as far as the state needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportFact {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// Breaks ties between reports of the same period (the later filed wins).
    pub id: i64,
    pub percent: Option<i64>,
}

/// Whether a report on a period starting `period_start` is in effect at `as_of`: its
/// period has begun. A report on the first half filed in July counts for 30/06; one on the
/// third quarter does not; this quarter's counts today. Percents and reported target
/// figures follow the same rule.
pub fn report_in_effect(period_start: NaiveDate, as_of: NaiveDate) -> bool {
    period_start <= as_of
}

fn in_effect(r: &ReportFact, as_of: NaiveDate) -> bool {
    report_in_effect(r.period_start, as_of)
}

/// The report in effect at `as_of` that says the most recent thing: the latest period,
/// then the latest filed. Reports without a percent still date the latest report.
pub fn latest_report(reports: &[ReportFact], as_of: NaiveDate) -> Option<&ReportFact> {
    reports
        .iter()
        .filter(|r| in_effect(r, as_of))
        .max_by_key(|r| (r.period_end, r.id))
}

/// The percent of the latest report in effect that gives one.
pub fn percent_as_of(reports: &[ReportFact], as_of: NaiveDate) -> Option<i64> {
    reports
        .iter()
        .filter(|r| in_effect(r, as_of) && r.percent.is_some())
        .max_by_key(|r| (r.period_end, r.id))
        .and_then(|r| r.percent)
}

/// A change of an item's status, as the audit log records it (`item.status`,
/// `item.status.auto`): when (Unix seconds), from what and to what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    pub at: i64,
    pub before: ItemStatus,
    pub after: ItemStatus,
}

/// The first instant after `day` in Hanoi (Unix seconds): a day's figures include what
/// was done until its midnight.
pub fn end_of_day(day: NaiveDate) -> i64 {
    let next = day.succ_opt().unwrap_or(day);
    next.and_time(chrono::NaiveTime::MIN)
        .and_local_timezone(crate::format::vietnam_offset())
        .single()
        .map_or(i64::MAX, |t| t.timestamp())
}

/// The status an item had just before `until`: the one the last earlier change left; if
/// every change came later, the one the first of them found; with no change, `current`.
/// `changes` are in the order they were made. So the 2025-H1 report, written in
/// December, does not call an item finished in November "hoàn thành".
pub fn status_at(current: ItemStatus, changes: &[StatusChange], until: i64) -> ItemStatus {
    match changes.iter().rev().find(|c| c.at < until) {
        Some(c) => c.after,
        None => changes.first().map_or(current, |c| c.before),
    }
}

/// What the state computation needs of one item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemFacts {
    pub node: TreeNode,
    /// Today's status.
    pub status: ItemStatus,
    /// Its changes, oldest first: the status as of a past day is read from them.
    pub status_changes: Vec<StatusChange>,
    pub due: Option<NaiveDate>,
    pub reports: Vec<ReportFact>,
}

/// A parent's summary of the items below it that have no children (the work itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rollup {
    pub done: usize,
    pub total: usize,
    /// Mean over the work items: done counts 100, no report counts 0.
    pub percent: u8,
    /// Work items below that are overdue: the worst flag of the sub-tree.
    pub overdue: usize,
}

/// One item's state as of a date.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemState {
    pub id: ItemId,
    pub units: EffectiveUnits,
    pub status: ItemStatus,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    pub percent: Option<i64>,
    pub latest_report: Option<NaiveDate>,
    /// For parents only.
    pub rollup: Option<Rollup>,
}

/// Every item's state at `as_of`, in the order of `items`.
pub fn plan_state(items: &[ItemFacts], as_of: NaiveDate) -> Vec<ItemState> {
    let nodes: Vec<TreeNode> = items.iter().map(|i| i.node.clone()).collect();
    let mut units = effective_units(&nodes);
    let until = end_of_day(as_of);
    let mut states: Vec<ItemState> = items
        .iter()
        .map(|f| {
            let status = status_at(f.status, &f.status_changes, until);
            (f, status)
        })
        .map(|(f, status)| ItemState {
            id: f.node.id,
            units: units.remove(&f.node.id).unwrap_or_default(),
            status,
            due: f.due,
            overdue: is_overdue(status, f.due, as_of),
            percent: percent_as_of(&f.reports, as_of),
            latest_report: latest_report(&f.reports, as_of).map(|r| r.period_end),
            rollup: None,
        })
        .collect();
    let mut rolled = rollups(&nodes, &states);
    for s in &mut states {
        s.rollup = rolled.remove(&s.id);
    }
    states
}

/// Each parent's roll-up over the work items of its sub-tree.
fn rollups(nodes: &[TreeNode], states: &[ItemState]) -> HashMap<ItemId, Rollup> {
    let parent: HashMap<ItemId, ItemId> = nodes
        .iter()
        .filter_map(|n| n.parent.map(|p| (n.id, p)))
        .collect();
    let has_children: std::collections::HashSet<ItemId> = parent.values().copied().collect();
    let mut sums: HashMap<ItemId, (Rollup, i64)> = HashMap::new();
    for s in states.iter().filter(|s| !has_children.contains(&s.id)) {
        let done = s.status == ItemStatus::Done;
        let pct = if done { 100 } else { s.percent.unwrap_or(0) };
        let mut at = s.id;
        for _ in 0..=nodes.len() {
            let Some(p) = parent.get(&at).copied() else {
                break;
            };
            let (r, total_pct) = sums.entry(p).or_default();
            r.total += 1;
            r.done += usize::from(done);
            r.overdue += usize::from(s.overdue);
            *total_pct += pct.clamp(0, 100);
            at = p;
        }
    }
    sums.into_iter()
        .map(|(id, (mut r, total_pct))| {
            r.percent = (total_pct / r.total.max(1) as i64) as u8;
            (id, r)
        })
        .collect()
}

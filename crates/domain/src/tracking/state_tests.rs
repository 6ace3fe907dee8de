//! The state computation on small hand-made trees.

use super::state::*;
use crate::{ItemId, ItemStatus, UnitId, UnitRelation};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn node(id: i64, parent: Option<i64>, units: &[(i64, UnitRelation)]) -> TreeNode {
    TreeNode {
        id: ItemId(id),
        parent: parent.map(ItemId),
        units: units.iter().map(|(u, r)| (UnitId(*u), *r)).collect(),
    }
}

fn facts(n: TreeNode, status: ItemStatus, due: Option<NaiveDate>) -> ItemFacts {
    ItemFacts {
        node: n,
        status,
        status_changes: Vec::new(),
        due,
        reports: Vec::new(),
    }
}

fn report(start: NaiveDate, end: NaiveDate, id: i64, percent: Option<i64>) -> ReportFact {
    ReportFact {
        period_start: start,
        period_end: end,
        id,
        percent,
    }
}

use UnitRelation::{Coordinating, Lead};

#[test]
fn units_come_from_the_nearest_ancestor_that_names_any() {
    let nodes = vec![
        node(1, None, &[(10, Lead), (11, Coordinating)]),
        node(2, Some(1), &[]),
        node(3, Some(2), &[]),
        node(4, Some(1), &[(12, Lead)]),
        node(5, None, &[]),
    ];
    let eff = effective_units(&nodes);
    assert!(!eff[&ItemId(1)].inherited);
    assert_eq!(eff[&ItemId(3)].units, nodes[0].units);
    assert!(eff[&ItemId(3)].inherited);
    assert_eq!(
        eff[&ItemId(4)].leads().collect::<Vec<_>>(),
        vec![UnitId(12)]
    );
    assert!(!eff[&ItemId(4)].inherited);
    // Nobody above names a unit: none, and not "inherited".
    assert_eq!(eff[&ItemId(5)], EffectiveUnits::default());
}

#[test]
fn moving_an_item_under_another_parent_changes_its_units() {
    let mut nodes = vec![
        node(1, None, &[(10, Lead)]),
        node(2, None, &[(20, Lead)]),
        node(3, Some(1), &[]),
    ];
    assert!(effective_units(&nodes)[&ItemId(3)].names(UnitId(10)));
    nodes[2].parent = Some(ItemId(2));
    let eff = effective_units(&nodes);
    assert!(eff[&ItemId(3)].names(UnitId(20)));
    assert!(!eff[&ItemId(3)].names(UnitId(10)));
}

#[test]
fn a_cycle_or_a_missing_parent_ends_the_walk() {
    let nodes = vec![
        node(1, Some(2), &[]),
        node(2, Some(1), &[]),
        node(3, Some(99), &[]),
    ];
    let eff = effective_units(&nodes);
    assert!(eff.values().all(|e| e.units.is_empty()));
}

#[test]
fn overdue_follows_the_due_date_and_the_status() {
    let as_of = d(2025, 7, 1);
    assert!(is_overdue(
        ItemStatus::NotStarted,
        Some(d(2025, 6, 30)),
        as_of
    ));
    assert!(is_overdue(
        ItemStatus::InProgress,
        Some(d(2025, 6, 30)),
        as_of
    ));
    assert!(is_overdue(ItemStatus::Late, Some(d(2025, 6, 30)), as_of));
    // Due today is not yet late; done and suspended never are; no date, never.
    assert!(!is_overdue(ItemStatus::InProgress, Some(as_of), as_of));
    assert!(!is_overdue(ItemStatus::Done, Some(d(2025, 1, 1)), as_of));
    assert!(!is_overdue(
        ItemStatus::Suspended,
        Some(d(2025, 1, 1)),
        as_of
    ));
    assert!(!is_overdue(ItemStatus::InProgress, None, as_of));
}

#[test]
fn the_percent_is_the_latest_report_in_effect_at_the_date() {
    let h1 = report(d(2025, 1, 1), d(2025, 6, 30), 1, Some(40));
    let q3 = report(d(2025, 7, 1), d(2025, 9, 30), 2, Some(70));
    let q3_text_only = report(d(2025, 7, 1), d(2025, 9, 30), 3, None);
    let reports = [h1, q3, q3_text_only];
    // As of the first half's end: the Q3 report (filed later) is not in effect.
    assert_eq!(percent_as_of(&reports, d(2025, 6, 30)), Some(40));
    assert_eq!(percent_as_of(&reports, d(2025, 10, 1)), Some(70));
    // The latest report dates the item even without a percent.
    assert_eq!(
        latest_report(&reports, d(2025, 10, 1)).map(|r| r.id),
        Some(3)
    );
    assert_eq!(percent_as_of(&reports, d(2024, 12, 31)), None);
}

#[test]
fn two_reports_of_one_period_the_later_filed_wins() {
    // Two coordinating units report on the same quarter.
    let a = report(d(2025, 1, 1), d(2025, 3, 31), 7, Some(30));
    let b = report(d(2025, 1, 1), d(2025, 3, 31), 9, Some(50));
    assert_eq!(percent_as_of(&[b, a], d(2025, 4, 1)), Some(50));
}

#[test]
fn parents_roll_up_their_work_items() {
    let as_of = d(2025, 7, 1);
    let mut done = facts(node(3, Some(2), &[]), ItemStatus::Done, None);
    done.reports
        .push(report(d(2025, 1, 1), d(2025, 3, 31), 1, Some(60)));
    let mut half = facts(node(4, Some(2), &[]), ItemStatus::InProgress, None);
    half.reports
        .push(report(d(2025, 1, 1), d(2025, 3, 31), 2, Some(50)));
    let late = facts(
        node(5, Some(1), &[]),
        ItemStatus::NotStarted,
        Some(d(2025, 3, 1)),
    );
    let items = vec![
        facts(node(1, None, &[(10, Lead)]), ItemStatus::NotStarted, None),
        facts(node(2, Some(1), &[]), ItemStatus::InProgress, None),
        done,
        half,
        late,
    ];
    let states = plan_state(&items, as_of);
    let top = states[0].rollup.unwrap();
    assert_eq!((top.done, top.total, top.overdue), (1, 3, 1));
    // (100 + 50 + 0) / 3
    assert_eq!(top.percent, 50);
    let mid = states[1].rollup.unwrap();
    assert_eq!(
        (mid.done, mid.total, mid.percent, mid.overdue),
        (1, 2, 75, 0)
    );
    assert_eq!(states[2].rollup, None);
    assert!(states[4].overdue);
    assert!(states[4].units.inherited);
    assert_eq!(states[3].latest_report, Some(d(2025, 3, 31)));
}

#[test]
fn the_status_as_of_a_past_day_comes_from_its_changes() {
    use ItemStatus::*;
    // Started 10/03/2025 at 09:00 Hanoi, done 18/11/2025 at 16:00 Hanoi.
    let started = end_of_day(d(2025, 3, 9)) + 9 * 3600;
    let finished = end_of_day(d(2025, 11, 17)) + 16 * 3600;
    let changes = [
        StatusChange {
            at: started,
            before: NotStarted,
            after: InProgress,
        },
        StatusChange {
            at: finished,
            before: InProgress,
            after: Done,
        },
    ];
    assert_eq!(
        status_at(Done, &changes, end_of_day(d(2025, 1, 31))),
        NotStarted
    );
    assert_eq!(
        status_at(Done, &changes, end_of_day(d(2025, 3, 10))),
        InProgress
    );
    assert_eq!(
        status_at(Done, &changes, end_of_day(d(2025, 6, 30))),
        InProgress
    );
    assert_eq!(status_at(Done, &changes, end_of_day(d(2025, 11, 18))), Done);
    assert_eq!(
        status_at(InProgress, &[], 0),
        InProgress,
        "no history: today's"
    );
    // 30/06 ends at midnight in Hanoi: 17:00 UTC that day.
    assert_eq!(
        end_of_day(d(2025, 6, 30)),
        chrono::DateTime::parse_from_rfc3339("2025-06-30T17:00:00Z")
            .unwrap()
            .timestamp()
    );

    // In the plan state: overdue on 30/06 (open then, due 31/05) though done today.
    let mut f = facts(node(1, None, &[]), Done, Some(d(2025, 5, 31)));
    f.status_changes = changes.to_vec();
    let s = plan_state(&[f.clone()], d(2025, 6, 30));
    assert_eq!((s[0].status, s[0].overdue), (InProgress, true));
    let s = plan_state(&[f], d(2025, 12, 31));
    assert_eq!((s[0].status, s[0].overdue), (Done, false));
}

//! Tests of oversight: report periods, reminders and escalation, grades and the
//! dashboard.

use super::*;
use crate::ids::{ItemId, UnitId};
use crate::tracking::Period;
use crate::vocab::{ItemStatus, Language};
use chrono::{NaiveDate, TimeZone, Utc};
use std::collections::{HashMap, HashSet};

#[test]
fn a_plan_opens_on_its_own_years_report_whatever_today_is() {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    // Viewed during its year: the report due now.
    assert_eq!(
        report_period_within(2025, 2025, d(2025, 6, 15)),
        Period::Half(2025, 1)
    );
    assert_eq!(
        report_period_within(2025, 2025, d(2025, 11, 2)),
        Period::Year(2025)
    );
    // The year after: its year-end report, in January as in December.
    assert_eq!(
        report_period_within(2025, 2025, d(2026, 2, 1)),
        Period::Year(2025)
    );
    assert_eq!(
        report_period_within(2025, 2025, d(2026, 12, 2)),
        Period::Year(2025)
    );
    assert_eq!(
        report_period_within(2025, 2025, d(2030, 7, 1)),
        Period::Year(2025)
    );
    // Before it starts: its first half-year.
    assert_eq!(
        report_period_within(2025, 2025, d(2024, 10, 1)),
        Period::Half(2025, 1)
    );
    // January–April of the plan's year: last year's report would be outside the plan.
    assert_eq!(
        report_period_within(2025, 2025, d(2025, 2, 1)),
        Period::Half(2025, 1)
    );
    // A plan running over two years follows today while inside them.
    assert_eq!(
        report_period_within(2025, 2026, d(2026, 6, 1)),
        Period::Half(2026, 1)
    );
}

#[test]
fn the_results_report_opens_on_the_latest_ended_period_of_the_plans_year() {
    assert_eq!(
        official_report_periods(2025, 2025),
        vec![
            Period::Half(2025, 1),
            Period::NineMonths(2025),
            Period::Year(2025)
        ]
    );
    let at = |first, last, day| latest_ended_report_period(first, last, day);
    // Nothing ended yet: the first half-year.
    assert_eq!(at(2025, 2025, d(2024, 10, 1)), Period::Half(2025, 1));
    assert_eq!(at(2025, 2025, d(2025, 6, 30)), Period::Half(2025, 1));
    assert_eq!(at(2025, 2025, d(2025, 7, 1)), Period::Half(2025, 1));
    assert_eq!(at(2025, 2025, d(2025, 9, 30)), Period::Half(2025, 1));
    assert_eq!(at(2025, 2025, d(2025, 10, 1)), Period::NineMonths(2025));
    assert_eq!(at(2025, 2025, d(2025, 12, 31)), Period::NineMonths(2025));
    assert_eq!(at(2025, 2025, d(2026, 1, 1)), Period::Year(2025));
    // A 2025 plan on 03/12/2026 opens on its year; a 2026 plan on its nine months.
    assert_eq!(at(2025, 2025, d(2026, 12, 3)), Period::Year(2025));
    assert_eq!(at(2026, 2026, d(2026, 12, 3)), Period::NineMonths(2026));
    // Over two years: the latest ended of either.
    assert_eq!(at(2025, 2026, d(2026, 8, 1)), Period::Half(2026, 1));
}

#[test]
fn a_target_in_percent_of_its_minimum_and_its_shortfall() {
    let f = |actual, min, max| TargetFigure { min, max, actual };
    assert_eq!(
        f(Some(21.0), Some(20.0), Some(30.0)).percent_of_minimum(),
        Some(105)
    );
    assert_eq!(
        f(Some(15.0), Some(20.0), Some(30.0)).percent_of_minimum(),
        Some(75)
    );
    assert_eq!(f(Some(2.0), Some(3.0), None).percent_of_minimum(), Some(67));
    assert_eq!(f(None, Some(20.0), None).percent_of_minimum(), None);
    assert_eq!(f(Some(3.0), None, Some(5.0)).percent_of_minimum(), None);
    assert_eq!(f(Some(3.0), Some(0.0), None).percent_of_minimum(), None);
    assert_eq!(f(Some(15.0), Some(20.0), Some(30.0)).shortfall(), Some(5.0));
    assert_eq!(f(None, Some(20.0), Some(30.0)).shortfall(), Some(20.0));
    assert_eq!(f(Some(20.0), Some(20.0), Some(30.0)).shortfall(), None);
    assert_eq!(f(Some(1.0), None, Some(5.0)).shortfall(), None);
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rules() -> Vec<ReminderRule> {
    DEFAULT_RULES
        .iter()
        .enumerate()
        .map(|(i, k)| ReminderRule {
            id: i as i64 + 1,
            kind: *k,
        })
        .collect()
}

fn item(id: i64, due: NaiveDate, status: ItemStatus) -> OpenItem {
    OpenItem {
        item: ItemId(id),
        due: Some(due),
        status,
        units: vec![UnitId(1)],
    }
}

/// Runs the scheduler day by day, recording sends, and returns (day, rule code).
fn simulate(due: NaiveDate, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
    let items = [item(1, due, ItemStatus::InProgress)];
    let mut sent = HashSet::new();
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        // Several runs a day, as the scheduler does every few minutes.
        for _ in 0..3 {
            for r in reminders_due(day, &items, &rules(), &sent, &ReminderPolicy::default()) {
                assert!(sent.insert(r.key), "sent twice: {r:?}");
                out.push((day, r.kind.code()));
            }
        }
        day = day.succ_opt().unwrap();
    }
    out
}

#[test]
fn seven_three_one_before_then_every_three_days_after() {
    let due = d(2025, 6, 30);
    let got = simulate(due, d(2025, 6, 1), d(2025, 7, 10));
    assert_eq!(
        got,
        vec![
            (d(2025, 6, 23), "before:7".to_string()),
            (d(2025, 6, 27), "before:3".to_string()),
            (d(2025, 6, 29), "before:1".to_string()),
            (d(2025, 7, 3), "every_after:3".to_string()),
            (d(2025, 7, 6), "every_after:3".to_string()),
            (d(2025, 7, 9), "every_after:3".to_string()),
        ]
    );
}

#[test]
fn a_missed_day_is_caught_up_once_and_superseded_by_a_later_one() {
    let due = d(2025, 6, 30);
    let items = [item(1, due, ItemStatus::NotStarted)];
    let policy = ReminderPolicy::default();
    // Server down from 22/6 to 24/6: on the 25th the 7-day reminder is sent late.
    let r = reminders_due(d(2025, 6, 25), &items, &rules(), &HashSet::new(), &policy);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].kind, RuleKind::Before(7));
    assert_eq!(r[0].key.day, d(2025, 6, 23));
    // Down until the 28th: only the 3-day one, not a burst of two.
    let r = reminders_due(d(2025, 6, 28), &items, &rules(), &HashSet::new(), &policy);
    assert_eq!(
        r.iter().map(|r| r.kind).collect::<Vec<_>>(),
        vec![RuleKind::Before(3)]
    );
    assert_eq!(r[0].offset_days, -3);
}

#[test]
fn closed_items_items_without_due_date_or_unit_get_nothing() {
    let today = d(2025, 6, 29);
    let due = d(2025, 6, 30);
    let mut items = vec![
        item(1, due, ItemStatus::Done),
        item(2, due, ItemStatus::Suspended),
        OpenItem {
            item: ItemId(3),
            due: None,
            status: ItemStatus::InProgress,
            units: vec![UnitId(1)],
        },
        OpenItem {
            item: ItemId(4),
            due: Some(due),
            status: ItemStatus::Late,
            units: vec![],
        },
    ];
    let p = ReminderPolicy::default();
    assert!(reminders_due(today, &items, &rules(), &HashSet::new(), &p).is_empty());
    items.push(item(5, due, ItemStatus::Late));
    let r = reminders_due(today, &items, &rules(), &HashSet::new(), &p);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].key.item, ItemId(5));
    assert_eq!(r[0].units, vec![UnitId(1)]);
}

#[test]
fn far_overdue_items_are_left_to_the_board() {
    let items = [item(1, d(2024, 1, 31), ItemStatus::Late)];
    let r = reminders_due(
        d(2025, 6, 1),
        &items,
        &rules(),
        &HashSet::new(),
        &ReminderPolicy::default(),
    );
    assert!(r.is_empty());
}

#[test]
fn no_rules_no_reminders_and_ties_prefer_overdue() {
    let items = [item(1, d(2025, 6, 30), ItemStatus::InProgress)];
    let p = ReminderPolicy::default();
    assert!(reminders_due(d(2025, 6, 29), &items, &[], &HashSet::new(), &p).is_empty());
    // before:0 and every_after:1 never share a day; before:0 fires on the due date.
    let r = [
        ReminderRule {
            id: 9,
            kind: RuleKind::Before(0),
        },
        ReminderRule {
            id: 3,
            kind: RuleKind::EveryAfter(1),
        },
    ];
    let on_day = reminders_due(d(2025, 6, 30), &items, &r, &HashSet::new(), &p);
    assert_eq!(on_day[0].kind, RuleKind::Before(0));
    assert_eq!(on_day[0].offset_days, 0);
    let next = reminders_due(d(2025, 7, 1), &items, &r, &HashSet::new(), &p);
    assert_eq!(next[0].kind, RuleKind::EveryAfter(1));
}

#[test]
fn escalation_after_three_overdue_reminders_once_per_due_date() {
    let due = d(2025, 6, 30);
    let items = [
        item(1, due, ItemStatus::Late),
        item(2, due, ItemStatus::Done),
        item(3, due, ItemStatus::InProgress),
    ];
    let p = ReminderPolicy::default();
    let mut counts = HashMap::new();
    counts.insert((ItemId(1), due), 2);
    counts.insert((ItemId(2), due), 5);
    counts.insert((ItemId(3), due), 3);
    let today = d(2025, 7, 10);
    assert_eq!(
        escalations_due(today, &items, &counts, &HashSet::new(), &p),
        vec![(ItemId(3), due)]
    );
    counts.insert((ItemId(1), due), 3);
    let mut done = HashSet::new();
    done.insert((ItemId(3), due));
    assert_eq!(
        escalations_due(today, &items, &counts, &done, &p),
        vec![(ItemId(1), due)]
    );
    // Counts for an old due date do not carry over to a new one.
    let moved = [item(1, d(2025, 8, 31), ItemStatus::Late)];
    assert!(escalations_due(d(2025, 9, 10), &moved, &counts, &done, &p).is_empty());
}

#[test]
fn rule_codes_round_trip_and_refuse_nonsense() {
    for k in DEFAULT_RULES {
        assert_eq!(k.code().parse::<RuleKind>().unwrap(), k);
    }
    for bad in [
        "",
        "before",
        "before:-1",
        "every_after:0",
        "after:3",
        "before:x",
        "before:999",
    ] {
        assert!(bad.parse::<RuleKind>().is_err(), "{bad}");
    }
    assert_eq!(RuleKind::Before(7).label(Language::Vi), "Trước hạn 7 ngày");
    assert_eq!(
        RuleKind::EveryAfter(3).label(Language::En),
        "Overdue: every 3 days"
    );
}

#[test]
fn today_is_counted_in_vietnam() {
    // 17:30 UTC on 30 June is 00:30 on 1 July in Hà Nội.
    let t = Utc.with_ymd_and_hms(2025, 6, 30, 17, 30, 0).unwrap();
    assert_eq!(vietnam_today(t), d(2025, 7, 1));
    let t = Utc.with_ymd_and_hms(2025, 6, 30, 16, 59, 59).unwrap();
    assert_eq!(vietnam_today(t), d(2025, 6, 30));
}

#[test]
fn grades() {
    for g in Grade::ALL {
        assert_eq!(g.as_str().parse::<Grade>().unwrap(), *g);
    }
    assert_eq!(Grade::Good.label(Language::Vi), "Tốt");
    assert_eq!(Grade::Fair.label(Language::Vi), "Khá");
    assert_eq!(Grade::Average.label(Language::Vi), "Trung bình");
    assert_eq!(Grade::Poor.label(Language::Vi), "Chưa đạt");
    assert_eq!(parse_grade(" good ").unwrap(), Grade::Good);
    let e = parse_grade("excellent").unwrap_err();
    assert_eq!(e.key(), "oversight.bad_grade");
    assert_eq!(e, OversightError::BadGrade("excellent".into()));
    assert_eq!(parse_grade(" "), Err(OversightError::GradeRequired));
    assert!(check_comment(&"á".repeat(MAX_COMMENT_CHARS)).is_ok());
    assert!(check_comment(&"á".repeat(MAX_COMMENT_CHARS + 1)).is_err());
}

#[test]
fn report_periods() {
    assert_eq!(
        check_report_period(Period::Half(2025, 1)),
        Ok(Period::Half(2025, 1))
    );
    assert_eq!(
        check_report_period(Period::Year(2025)),
        Ok(Period::Year(2025))
    );
    assert_eq!(
        check_report_period(Period::NineMonths(2025)),
        Ok(Period::NineMonths(2025))
    );
    let e = check_report_period(Period::Quarter(2025, 2)).unwrap_err();
    assert_eq!(e, OversightError::ReportPeriod("2025-Q2".into()));
    assert_eq!(default_report_period(d(2025, 6, 10)), Period::Half(2025, 1));
    assert_eq!(default_report_period(d(2025, 11, 20)), Period::Year(2025));
    assert_eq!(default_report_period(d(2026, 1, 5)), Period::Year(2025));
    assert_eq!(
        report_period_choices(2025, 2026),
        vec![
            Period::Year(2026),
            Period::Half(2026, 2),
            Period::NineMonths(2026),
            Period::Half(2026, 1),
            Period::Year(2025),
            Period::Half(2025, 2),
            Period::NineMonths(2025),
            Period::Half(2025, 1)
        ]
    );
}

#[test]
fn dashboard_counts_statuses_bands_overdue_and_due_soon() {
    let today = d(2025, 6, 20);
    let t = |min, max, actual| TargetFigure { min, max, actual };
    let items = vec![
        DashboardItem {
            item: ItemId(1),
            status: ItemStatus::Done,
            due: Some(d(2025, 6, 1)),
            targets: vec![t(Some(20.0), Some(30.0), Some(21.0))],
        },
        DashboardItem {
            item: ItemId(2),
            status: ItemStatus::Late,
            due: Some(d(2025, 6, 10)),
            targets: vec![t(Some(3.0), Some(5.0), Some(1.0)), t(Some(2.0), None, None)],
        },
        DashboardItem {
            item: ItemId(3),
            status: ItemStatus::InProgress,
            due: Some(d(2025, 6, 5)),
            targets: vec![t(None, Some(5.0), Some(9.0))],
        },
        DashboardItem {
            item: ItemId(4),
            status: ItemStatus::NotStarted,
            due: Some(d(2025, 7, 4)),
            targets: vec![],
        },
        DashboardItem {
            item: ItemId(5),
            status: ItemStatus::NotStarted,
            due: Some(d(2025, 6, 21)),
            targets: vec![],
        },
        DashboardItem {
            item: ItemId(6),
            status: ItemStatus::Suspended,
            due: Some(d(2025, 6, 2)),
            targets: vec![],
        },
        DashboardItem {
            item: ItemId(7),
            status: ItemStatus::InProgress,
            due: Some(d(2025, 7, 5)),
            targets: vec![],
        },
    ];
    let f = dashboard_figures(today, &items);
    assert_eq!(f.total, 7);
    assert_eq!(
        f.by_status,
        vec![
            (ItemStatus::NotStarted, 2),
            (ItemStatus::InProgress, 2),
            (ItemStatus::Done, 1),
            (ItemStatus::Late, 1),
            (ItemStatus::Suspended, 1),
        ]
    );
    assert_eq!(f.overdue, vec![ItemId(3), ItemId(2)], "most overdue first");
    assert_eq!(
        f.due_soon,
        vec![ItemId(5), ItemId(4)],
        "4/7 is day 14; 5/7 is not"
    );
    assert_eq!(
        f.bands,
        vec![
            (Band::Within, 1),
            (Band::Above, 1),
            (Band::Below, 1),
            (Band::NoData, 1)
        ]
    );
    assert_eq!(f.done_percent, 14);
    assert_eq!(dashboard_figures(today, &[]).done_percent, 0);
}

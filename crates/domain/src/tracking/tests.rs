//! Tests of the tracking rules: statuses, permissions, periods, report content, item dates
//! and conflicts.

use super::*;
use crate::permissions::{Actor, ItemUnit};
use crate::vocab::{ItemStatus, Language, Role};
use crate::{UnitId, UnitRelation, UserId};
use chrono::NaiveDate;

#[test]
fn a_report_form_opens_on_a_period_of_the_plan() {
    let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    assert_eq!(
        Period::progress_default(2025, 2025, d(2025, 8, 10)),
        Period::Quarter(2025, 3)
    );
    assert_eq!(
        Period::progress_default(2025, 2025, d(2026, 12, 2)),
        Period::Year(2025)
    );
    assert_eq!(
        Period::progress_default(2025, 2026, d(2026, 1, 2)),
        Period::Quarter(2026, 1)
    );
    assert_eq!(
        Period::progress_default(2025, 2025, d(2024, 12, 31)),
        Period::Quarter(2025, 1)
    );
}

#[test]
fn person_lines() {
    assert_eq!(
        parse_person_line(" Nguyễn Văn A , Phó Trưởng phòng "),
        Some(("Nguyễn Văn A".into(), Some("Phó Trưởng phòng".into())))
    );
    assert_eq!(
        parse_person_line("Trần Thị B"),
        Some(("Trần Thị B".into(), None))
    );
    assert_eq!(parse_person_line("Lê C,"), Some(("Lê C".into(), None)));
    assert_eq!(parse_person_line("  "), None);
    assert_eq!(parse_person_line(", chuyên viên"), None);
}

const LEAD: UnitId = UnitId(1);
const COORD: UnitId = UnitId(2);
const OTHER: UnitId = UnitId(3);

fn actor(roles: &[Role], units: &[UnitId]) -> Actor {
    Actor {
        user_id: UserId(1),
        roles: roles.to_vec(),
        unit_ids: units.to_vec(),
        active: true,
    }
}

fn units() -> Vec<ItemUnit> {
    vec![
        ItemUnit {
            unit_id: LEAD,
            relation: UnitRelation::Lead,
        },
        ItemUnit {
            unit_id: COORD,
            relation: UnitRelation::Coordinating,
        },
    ]
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn lead_unit_moves_status_forward_and_suspends_with_a_reason() {
    use ItemStatus::*;
    let lead = actor(&[Role::Staff], &[LEAD]);
    assert_eq!(
        check_status_change(&lead, &units(), NotStarted, InProgress, None),
        Ok(None)
    );
    assert_eq!(
        check_status_change(&lead, &units(), InProgress, Done, Some("x")),
        Ok(None)
    );
    assert_eq!(
        check_status_change(&lead, &units(), InProgress, Suspended, Some("  ")),
        Err(TrackingError::ReasonRequired)
    );
    assert_eq!(
        check_status_change(
            &lead,
            &units(),
            InProgress,
            Suspended,
            Some(" hết kinh phí ")
        ),
        Ok(Some("hết kinh phí".into()))
    );
    assert_eq!(
        check_status_change(&lead, &units(), Done, InProgress, None),
        Err(TrackingError::Forbidden {
            action: "reopen or resume an item"
        })
    );
    assert_eq!(
        check_status_change(&lead, &units(), Done, Done, None),
        Err(TrackingError::SameStatus(Done))
    );
    assert_eq!(
        check_status_change(&lead, &units(), InProgress, NotStarted, None),
        Err(TrackingError::Transition {
            from: InProgress,
            to: NotStarted
        })
    );
    assert_eq!(allowed_statuses(&lead, &units(), Done), vec![]);
}

#[test]
fn board_reopens_and_resumes() {
    use ItemStatus::*;
    for role in [Role::Board, Role::Admin] {
        let b = actor(&[role], &[]);
        assert!(check_status_change(&b, &units(), Done, InProgress, None).is_ok());
        assert!(check_status_change(&b, &units(), Suspended, InProgress, None).is_ok());
        assert_eq!(allowed_statuses(&b, &units(), Done), vec![InProgress]);
    }
}

#[test]
fn nobody_sets_late_by_hand_and_a_late_item_can_leave_it() {
    use ItemStatus::*;
    for a in [actor(&[Role::Board], &[]), actor(&[Role::Admin], &[])] {
        for from in [NotStarted, InProgress, Done, Suspended] {
            assert_eq!(
                check_status_change(&a, &units(), from, Late, None),
                Err(TrackingError::Transition { from, to: Late })
            );
        }
        assert_eq!(
            allowed_statuses(&a, &units(), Late),
            vec![InProgress, Done, Suspended]
        );
    }
}

#[test]
fn coordinating_partner_and_other_units_cannot_change_status() {
    for a in [
        actor(&[Role::Staff], &[COORD]),
        actor(&[Role::Partner], &[LEAD]),
        actor(&[Role::Staff], &[OTHER]),
    ] {
        assert!(matches!(
            check_status_change(
                &a,
                &units(),
                ItemStatus::NotStarted,
                ItemStatus::InProgress,
                None
            ),
            Err(TrackingError::Forbidden { .. })
        ));
        assert!(check_edit_item(&a, &units()).is_err());
        assert!(check_change_units(&a).is_err());
    }
    assert!(check_change_units(&actor(&[Role::Board], &[])).is_ok());
}

#[test]
fn reports_are_filed_for_a_unit_of_ones_own_on_the_item() {
    let coord = actor(&[Role::Staff], &[COORD]);
    assert!(check_report(&coord, &units(), COORD).is_ok());
    assert!(
        check_report(&coord, &units(), LEAD).is_err(),
        "not for another unit"
    );
    let partner = actor(&[Role::Partner], &[OTHER]);
    assert!(
        check_report(&partner, &units(), OTHER).is_err(),
        "not shared"
    );
    let board = actor(&[Role::Board], &[LEAD]);
    assert!(
        check_report(&board, &units(), LEAD).is_err(),
        "the Board evaluates"
    );
}

#[test]
fn periods_parse_print_and_span() {
    let cases = [
        ("2025", Period::Year(2025), d(2025, 1, 1), d(2025, 12, 31)),
        (
            "2025-H1",
            Period::Half(2025, 1),
            d(2025, 1, 1),
            d(2025, 6, 30),
        ),
        (
            "2025-h2",
            Period::Half(2025, 2),
            d(2025, 7, 1),
            d(2025, 12, 31),
        ),
        (
            "2025-Q2",
            Period::Quarter(2025, 2),
            d(2025, 4, 1),
            d(2025, 6, 30),
        ),
        (
            "2025-Q4",
            Period::Quarter(2025, 4),
            d(2025, 10, 1),
            d(2025, 12, 31),
        ),
        (
            "2025-06",
            Period::Month(2025, 6),
            d(2025, 6, 1),
            d(2025, 6, 30),
        ),
        (
            "2024-02",
            Period::Month(2024, 2),
            d(2024, 2, 1),
            d(2024, 2, 29),
        ),
        (
            "2025-12",
            Period::Month(2025, 12),
            d(2025, 12, 1),
            d(2025, 12, 31),
        ),
        (
            "2025-9m",
            Period::NineMonths(2025),
            d(2025, 1, 1),
            d(2025, 9, 30),
        ),
    ];
    for (s, p, start, end) in cases {
        let got: Period = s.parse().unwrap();
        assert_eq!(got, p, "{s}");
        assert_eq!((got.start(), got.end()), (start, end), "{s}");
        assert_eq!(got.to_string().parse::<Period>().unwrap(), got);
    }
    for bad in [
        "", "25", "2025-Q5", "2025-H3", "2025-13", "2025-00", "2025-6", "2025-Q", "x", "2025-8M",
        "2025-9MM",
    ] {
        assert!(
            matches!(bad.parse::<Period>(), Err(TrackingError::BadPeriod(_))),
            "{bad}"
        );
    }
    assert_eq!(
        serde_json_roundtrip(Period::Quarter(2025, 3)),
        "\"2025-Q3\""
    );
    assert_eq!(Period::Quarter(2025, 2).label(Language::Vi), "quý 2/2025");
    assert_eq!(
        Period::Half(2025, 1).label(Language::Vi),
        "6 tháng đầu năm 2025"
    );
    assert_eq!(Period::Month(2025, 6).label(Language::En), "June 2025");
    assert_eq!(
        Period::NineMonths(2025).label(Language::Vi),
        "9 tháng năm 2025"
    );
    assert_eq!(
        serde_json_roundtrip(Period::NineMonths(2025)),
        "\"2025-9M\""
    );
}

#[test]
fn period_choices_cover_each_year() {
    let c = Period::choices(2025, 2026);
    assert_eq!(c.len(), 38);
    assert_eq!(c[0], Period::Year(2025));
    assert!(c.contains(&Period::Month(2026, 12)));
    assert!(c.iter().all(|p| p.check_within(2025, 2026).is_ok()));
    assert!(Period::Quarter(2025, 2).contains(NaiveDate::from_ymd_opt(2025, 5, 1).unwrap()));
}

fn serde_json_roundtrip(p: Period) -> String {
    let s = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Period>(&s).unwrap(), p);
    s
}

#[test]
fn period_outside_the_plan_is_refused_with_the_plan_years() {
    assert!(Period::Quarter(2025, 2).check_within(2025, 2025).is_ok());
    let e = Period::Quarter(2026, 1)
        .check_within(2025, 2025)
        .unwrap_err();
    assert_eq!(e.key(), "tracking.period_outside_plan");
    assert_eq!(
        e,
        TrackingError::PeriodOutsidePlan {
            period: Period::Quarter(2026, 1),
            first: 2025,
            last: 2025
        }
    );
}

#[test]
fn percent_and_figures_are_checked() {
    assert_eq!(Percent::new(0).unwrap().get(), 0);
    assert_eq!(Percent::new(100).unwrap().get(), 100);
    assert!(Percent::new(101).is_err());
    assert!(Percent::new(-1).is_err());
    assert_eq!("75%".parse::<Percent>().unwrap().get(), 75);
    assert_eq!("12,6".parse::<Percent>().unwrap().get(), 13);
    assert_eq!("50,5".parse::<Percent>().unwrap().get(), 51);
    assert_eq!("1.5".parse::<Percent>().unwrap().get(), 2);
    let e = "150".parse::<Percent>().unwrap_err();
    assert_eq!(e.key(), "tracking.percent_range");
    assert_eq!(e, TrackingError::PercentOutOfRange("150".into()));
    assert!("abc".parse::<Percent>().is_err());
    assert!(serde_json::from_str::<Percent>("101").is_err());

    assert_eq!("1.500".parse::<Figure>().unwrap().get(), 1500.0);
    assert_eq!("2,5".parse::<Figure>().unwrap().get(), 2.5);
    assert_eq!("2.5".parse::<Figure>().unwrap().get(), 2.5);
    assert_eq!("0".parse::<Figure>().unwrap().get(), 0.0);
    let e = "-3".parse::<Figure>().unwrap_err();
    assert_eq!(e.key(), "tracking.negative_figure");
    // Finite is not enough: 1e308 broke every sum it entered.
    assert!(crate::tracking::Figure::new(1e308).is_err());
    assert!(crate::tracking::Figure::new(1e12).is_ok());
    assert!("1e308".parse::<crate::tracking::Figure>().is_err());
    assert!(Figure::new(f64::NAN).is_err());
    assert!(serde_json::from_str::<Figure>("-1.0").is_err());
}

#[test]
fn report_content_is_validated() {
    let f = |v| Figure::new(v).unwrap();
    let c = ReportContent::new(
        " Đã tổ chức 3 phiên ",
        None,
        vec![(7, f(2.0)), (7, f(3.0))],
        &[7, 8],
    )
    .unwrap();
    assert_eq!(c.text, "Đã tổ chức 3 phiên");
    assert_eq!(c.figures, vec![(7, f(3.0))]);
    assert_eq!(
        ReportContent::new("x", None, vec![(9, f(1.0))], &[7]),
        Err(TrackingError::UnknownTarget(9))
    );
    assert_eq!(
        ReportContent::new("  ", None, vec![], &[]),
        Err(TrackingError::EmptyReport)
    );
    assert!(ReportContent::new("", Some(Percent::new(10).unwrap()), vec![], &[]).is_ok());
    // A report that only says what held the unit back, or what it asks for, says something.
    let c = ReportContent::with_notes(" ", " Thiếu phiên dịch ", "", None, vec![], &[]).unwrap();
    assert_eq!(
        (c.text.as_str(), c.difficulties.as_str()),
        ("", "Thiếu phiên dịch")
    );
    assert!(ReportContent::with_notes("", "", "Bổ sung kinh phí", None, vec![], &[]).is_ok());
    assert_eq!(
        ReportContent::with_notes("", " ", " ", None, vec![], &[]),
        Err(TrackingError::EmptyReport)
    );
}

#[test]
fn item_dates_come_from_deadlines_or_the_plan_year() {
    assert_eq!(
        item_dates(&[], 2025),
        (d(2025, 1, 1), d(2025, 12, 31), DatesSource::PlanYear)
    );
    assert_eq!(
        item_dates(
            &[(None, Some(d(2025, 6, 30))), (None, Some(d(2025, 3, 31)))],
            2025
        ),
        (d(2025, 1, 1), d(2025, 6, 30), DatesSource::Deadlines)
    );
    assert_eq!(
        item_dates(&[(Some(d(2025, 4, 1)), None)], 2025),
        (d(2025, 4, 1), d(2025, 12, 31), DatesSource::Deadlines)
    );
    // A start after the due is clamped rather than producing an empty range.
    assert_eq!(
        item_dates(&[(Some(d(2025, 9, 1)), Some(d(2025, 8, 1)))], 2025),
        (d(2025, 8, 1), d(2025, 8, 1), DatesSource::Deadlines)
    );
}

#[test]
fn stale_versions_conflict_with_both_versions() {
    assert!(check_version(3, 3).is_ok());
    let c = check_version(4, 3).unwrap_err();
    assert_eq!(
        c,
        Conflict {
            current: 4,
            attempted: 3
        }
    );
    let e = TrackingError::from(c);
    assert_eq!(e.key(), "tracking.conflict");
}

#[test]
fn items_are_labelled_with_their_numbering_when_they_have_one() {
    assert_eq!(item_label(Some("1.2"), "Hội thảo"), "1.2 Hội thảo");
    assert_eq!(item_label(Some(" - "), "Tham gia"), "- Tham gia");
    assert_eq!(item_label(Some("  "), "Tham gia"), "Tham gia");
    assert_eq!(item_label(None, "Tham gia"), "Tham gia");
}

#[test]
fn a_report_with_work_done_starts_an_item_and_moves_nothing_else() {
    use ItemStatus::*;
    let pct = |n| Some(Percent::new(n).unwrap());
    assert_eq!(status_after_report(NotStarted, pct(40)), Some(InProgress));
    assert_eq!(status_after_report(NotStarted, pct(100)), Some(InProgress));
    assert_eq!(status_after_report(NotStarted, pct(0)), None);
    assert_eq!(status_after_report(NotStarted, None), None);
    for s in [InProgress, Late, Done, Suspended] {
        assert_eq!(status_after_report(s, pct(40)), None, "{s:?}");
    }
}

#[test]
fn a_full_report_asks_to_confirm_done_on_an_open_item_only() {
    use ItemStatus::*;
    assert!(asks_to_confirm_done(InProgress, Some(100)));
    assert!(asks_to_confirm_done(Late, Some(100)));
    assert!(!asks_to_confirm_done(InProgress, Some(90)));
    assert!(!asks_to_confirm_done(InProgress, None));
    assert!(!asks_to_confirm_done(Done, Some(100)));
    assert!(!asks_to_confirm_done(Suspended, Some(100)));
}

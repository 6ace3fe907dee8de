//! Tests of the events module: vocabularies, times across zones, statuses, interpreters,
//! costs, permissions and delegations.

use super::*;
use crate::counting::RECORD_KINDS;
use crate::permissions::{Actor, ItemUnit};
use crate::vocab::{Language, Role};
use crate::{UnitId, UnitRelation, UserId};
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

fn dt(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&dt(y, m, d, h, min))
}

#[test]
fn kinds_and_statuses_match_the_counting_engine() {
    for k in EventKind::ALL {
        let info = crate::counting::kind_info(k.as_str())
            .unwrap_or_else(|| panic!("{k} missing from RECORD_KINDS"));
        assert_eq!(info.vi, k.label(Language::Vi));
        for s in EventStatus::ALL {
            assert!(
                info.statuses.iter().any(|(c, _, _)| *c == s.as_str()),
                "{s} of {k}"
            );
            assert_eq!(
                info.status_label(s.as_str(), Language::Vi),
                Some(s.label(Language::Vi))
            );
        }
    }
    // Every event kind in RECORD_KINDS is one of ours.
    let ours: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
    let event_kinds = RECORD_KINDS
        .iter()
        .filter(|k| k.statuses.iter().any(|(c, _, _)| *c == "held"))
        .count();
    assert_eq!(event_kinds, ours.len());
    assert_eq!(
        crate::counting::counted_statuses(&["online_session".into()]),
        vec!["held".to_string()]
    );
}

#[test]
fn vocabularies_round_trip_with_labels() {
    assert_eq!(
        EventScope::AsiaPacific.label(Language::Vi),
        "châu Á – Thái Bình Dương"
    );
    assert_eq!(EventFormat::Hybrid.label(Language::Vi), "kết hợp");
    assert_eq!(InvitationStatus::Attended.label(Language::Vi), "đã tham dự");
    assert_eq!(
        DelegationStatus::Submitted.label(Language::Vi),
        "trình UBND"
    );
    for s in DelegationStatus::ALL {
        assert_eq!(s.as_str().parse::<DelegationStatus>().unwrap(), *s);
    }
    for k in ChecklistKind::ALL {
        assert_eq!(k.as_str().parse::<ChecklistKind>().unwrap(), *k);
    }
    assert!("party".parse::<EventKind>().is_err());
}

#[test]
fn paris_across_daylight_saving() {
    // Before the change (29 March 2025) Paris is UTC+1: 10:00 there is 16:00 in Hanoi.
    let t = EventTimes::resolve(
        "Europe/Paris",
        dt(2025, 3, 29, 10, 0),
        dt(2025, 3, 29, 12, 0),
    )
    .unwrap();
    assert_eq!(t.start, utc(2025, 3, 29, 9, 0));
    assert_eq!(
        t.local_text(),
        "29/03/2025 10:00 – 12:00 (Europe/Paris, UTC+01:00)"
    );
    assert_eq!(
        t.hanoi_text(),
        "29/03/2025 16:00 – 18:00 (Asia/Ho_Chi_Minh, UTC+07:00)"
    );
    // After it (31 March), UTC+2: 10:00 there is 15:00 in Hanoi.
    let t = EventTimes::resolve(
        "Europe/Paris",
        dt(2025, 3, 31, 10, 0),
        dt(2025, 3, 31, 12, 0),
    )
    .unwrap();
    assert_eq!(t.start, utc(2025, 3, 31, 8, 0));
    assert!(t.hanoi_text().starts_with("31/03/2025 15:00 – 17:00"));
    // Overnight across the change: 12 hours on the clock, 11 in fact.
    let t = EventTimes::resolve(
        "Europe/Paris",
        dt(2025, 3, 29, 20, 0),
        dt(2025, 3, 30, 8, 0),
    )
    .unwrap();
    assert_eq!(t.duration(), chrono::Duration::hours(11));
    assert!(
        t.local_text().contains("UTC+01:00 → UTC+02:00"),
        "{}",
        t.local_text()
    );
    // Autumn: back to UTC+1 on 26 October.
    let t = EventTimes::resolve(
        "Europe/Paris",
        dt(2025, 10, 27, 9, 0),
        dt(2025, 10, 27, 10, 0),
    )
    .unwrap();
    assert!(t.hanoi_text().starts_with("27/10/2025 15:00"));
}

#[test]
fn gaps_and_folds_are_refused_with_the_local_time() {
    let e = EventTimes::resolve(
        "Europe/Paris",
        dt(2025, 3, 30, 2, 30),
        dt(2025, 3, 30, 4, 0),
    )
    .unwrap_err();
    assert_eq!(e.key(), "event.nonexistent_time");
    assert!(
        matches!(&e, EventError::NonexistentTime { local, zone } if local == "30/03/2025 02:30" && zone == "Europe/Paris"),
        "{e:?}"
    );
    let e = EventTimes::resolve(
        "Europe/Paris",
        dt(2025, 10, 26, 2, 30),
        dt(2025, 10, 26, 4, 0),
    )
    .unwrap_err();
    assert_eq!(e.key(), "event.ambiguous_time");
    let EventError::AmbiguousTime { first, second, .. } = &e else {
        panic!("{e:?}")
    };
    assert!(
        first.contains("UTC+02:00") && second.contains("UTC+01:00"),
        "{e:?}"
    );
}

#[test]
fn queretaro_has_no_daylight_saving_since_2022() {
    // Mexico abolished DST in October 2022; chrono-tz's data says so: UTC−6 all year.
    for (m, d) in [(1, 15), (4, 15), (7, 15), (10, 15)] {
        let t = EventTimes::resolve(
            "America/Mexico_City",
            dt(2025, m, d, 10, 0),
            dt(2025, m, d, 11, 30),
        )
        .unwrap();
        assert_eq!(t.start, utc(2025, m, d, 16, 0), "{m}/{d}");
        assert_eq!(
            t.hanoi_text(),
            format!(
                "{d:02}/{m:02}/2025 23:00 – {:02}/{m:02}/2025 00:30 (Asia/Ho_Chi_Minh, UTC+07:00)",
                d + 1
            )
        );
        assert!(t.local_text().ends_with("(America/Mexico_City, UTC-06:00)"));
    }
    // In summer 2022 it still had DST (UTC−5).
    let t = EventTimes::resolve(
        "America/Mexico_City",
        dt(2022, 7, 15, 10, 0),
        dt(2022, 7, 15, 11, 0),
    )
    .unwrap();
    assert_eq!(t.start, utc(2022, 7, 15, 15, 0));
    // The first Sunday of April 2025 02:30 exists (it was a gap until 2022).
    assert!(to_utc(chrono_tz::America::Mexico_City, dt(2025, 4, 6, 2, 30)).is_ok());
    assert!(to_utc(chrono_tz::America::Mexico_City, dt(2022, 4, 3, 2, 30)).is_err());
}

#[test]
fn hanoi_events_and_round_trip_from_utc() {
    let t = EventTimes::resolve(
        "Asia/Ho_Chi_Minh",
        dt(2025, 11, 5, 8, 30),
        dt(2025, 11, 6, 17, 0),
    )
    .unwrap();
    assert!(t.is_hanoi_time());
    assert_eq!(
        t.local_text(),
        "05/11/2025 08:30 – 06/11/2025 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)"
    );
    let back =
        EventTimes::from_utc("Asia/Ho_Chi_Minh", t.start.timestamp(), t.end.timestamp()).unwrap();
    assert_eq!(back, t);
    let paris =
        EventTimes::resolve("Europe/Paris", dt(2025, 7, 1, 9, 0), dt(2025, 7, 1, 9, 0)).unwrap();
    assert!(!paris.is_hanoi_time());
    assert_eq!(
        paris.start_date(),
        NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
    );
}

#[test]
fn end_before_start_and_unknown_zone() {
    let e = EventTimes::resolve(
        "Asia/Ho_Chi_Minh",
        dt(2025, 5, 2, 10, 0),
        dt(2025, 5, 2, 9, 0),
    )
    .unwrap_err();
    assert_eq!(e.key(), "event.end_before_start");
    assert_eq!(
        e,
        EventError::EndBeforeStart {
            start: "02/05/2025 10:00".into(),
            end: "02/05/2025 09:00".into()
        }
    );
    // Same wall clock, later instant: in Paris, 02:30 (UTC+2)... a fold makes
    // "03:00 → 02:45" impossible to write; a plain equal start and end is fine.
    assert!(
        EventTimes::resolve(
            "Asia/Ho_Chi_Minh",
            dt(2025, 5, 2, 9, 0),
            dt(2025, 5, 2, 9, 0)
        )
        .is_ok()
    );
    for bad in ["Mars/Olympus", "", "Asia/Hanoi", "UTC+7"] {
        let e = EventTimes::resolve(bad, dt(2025, 5, 2, 9, 0), dt(2025, 5, 2, 10, 0)).unwrap_err();
        assert_eq!(e.key(), "event.unknown_zone", "{bad}");
        assert_eq!(e, EventError::UnknownZone(bad.trim().to_string()));
    }
    assert_eq!(
        parse_zone(" Europe/Paris ").unwrap(),
        chrono_tz::Europe::Paris
    );
}

#[test]
fn local_times_as_typed() {
    assert_eq!(
        parse_local("05/11/2025", "8:30").unwrap(),
        dt(2025, 11, 5, 8, 30)
    );
    assert_eq!(
        parse_local("2025-11-05", "08h30").unwrap(),
        dt(2025, 11, 5, 8, 30)
    );
    assert_eq!(
        parse_local("05/11/2025", "14h").unwrap(),
        dt(2025, 11, 5, 14, 0)
    );
    for (d, t) in [
        ("31/02/2025", "09:00"),
        ("05/11/2025", "25:00"),
        ("", ""),
        ("x", "9:00"),
    ] {
        assert_eq!(parse_local(d, t).unwrap_err().key(), "event.bad_datetime");
    }
}

#[test]
fn status_transitions() {
    let past = EventTimes::resolve(
        "Asia/Ho_Chi_Minh",
        dt(2025, 3, 1, 9, 0),
        dt(2025, 3, 1, 11, 0),
    )
    .unwrap();
    let now = utc(2025, 6, 1, 0, 0);
    use EventStatus::*;
    assert!(check_event_status(Planned, Confirmed, &past, now).is_ok());
    assert!(check_event_status(Confirmed, Held, &past, now).is_ok());
    assert!(check_event_status(Planned, Cancelled, &past, now).is_ok());
    let e = check_event_status(Cancelled, Held, &past, now).unwrap_err();
    assert_eq!(
        e,
        EventError::EventTransition {
            from: Cancelled,
            to: Held
        }
    );
    assert!(check_event_status(Held, Held, &past, now).is_err());
    // Not held before it starts.
    let early = utc(2025, 2, 1, 0, 0);
    assert_eq!(
        check_event_status(Confirmed, Held, &past, early)
            .unwrap_err()
            .key(),
        "event.held_before_start"
    );
    assert!(check_initial_status(Held, &past, now).is_ok());
    assert!(check_initial_status(Held, &past, early).is_err());
    assert!(check_initial_status(Cancelled, &past, now).is_err());
    assert!(check_initial_status(Planned, &past, early).is_ok());
}

#[test]
fn interpreter_double_bookings() {
    let b = |person, event, h0, h1| Booking {
        person,
        event,
        start: utc(2025, 5, 2, h0, 0),
        end: utc(2025, 5, 2, h1, 0),
    };
    let list = vec![
        b(1, 10, 1, 3),
        b(1, 11, 2, 4),  // overlaps the first
        b(1, 12, 4, 5),  // back to back with the second: fine
        b(2, 13, 1, 5),  // another interpreter
        b(1, 10, 1, 3),  // the same event twice is not a double booking
        b(1, 14, 0, 10), // overlaps all of person 1's
    ];
    assert_eq!(
        double_bookings(&list),
        vec![(0, 1), (0, 5), (1, 4), (1, 5), (2, 5), (4, 5)]
    );
    assert!(double_bookings(&list[..1]).is_empty());
    assert!(!overlaps(1, 2, 2, 3));
    assert!(overlaps(1, 3, 2, 3));
}

#[test]
fn language_pairs() {
    let p: LanguagePair = "vi↔en".parse().unwrap();
    assert_eq!(p.to_string(), "vi↔en");
    assert_eq!(p.label(Language::Vi), "Việt – Anh");
    assert_eq!(p.label(Language::En), "Vietnamese – English");
    let offered = LanguagePair::offered();
    assert_eq!(offered.len(), 15);
    assert!(offered.contains(&"vi-fr".parse().unwrap()));
    assert_eq!(
        "VI-FR".parse::<LanguagePair>().unwrap().to_string(),
        "vi↔fr"
    );
    assert_eq!(
        LanguagePair::parse_list("vi-en, vi<->fr; vi-en\n")
            .unwrap()
            .len(),
        2
    );
    for bad in ["vi", "vi-vi", "việt-anh", "v-e", "vi-english"] {
        assert_eq!(
            bad.parse::<LanguagePair>().unwrap_err().key(),
            "event.bad_language_pair",
            "{bad}"
        );
    }
}

#[test]
fn costs_in_whole_dong() {
    assert_eq!("1.234.567".parse::<Dong>().unwrap().get(), 1_234_567);
    assert_eq!("250 000 000 ₫".parse::<Dong>().unwrap().get(), 250_000_000);
    assert_eq!("0".parse::<Dong>().unwrap().to_string(), "0 ₫");
    assert_eq!(Dong::new(1_500_000).unwrap().to_string(), "1.500.000 ₫");
    for bad in ["-5", "1,5", "abc", "", "99999999999999999999"] {
        assert_eq!(
            bad.parse::<Dong>().unwrap_err().key(),
            "event.bad_cost",
            "{bad}"
        );
    }
    assert!(Dong::new(-1).is_err());
    // A typo of many digits is refused, not summed (issue 14, finding 11).
    assert!(Dong::new(crate::events::MAX_DONG).is_ok());
    assert!(Dong::new(crate::events::MAX_DONG + 1).is_err());
    assert!("9.223.372.036.854.775.807".parse::<Dong>().is_err());
    assert!("1.000.000.000.000.000".parse::<Dong>().is_ok());
    assert!(serde_json::from_str::<Dong>("-3").is_err());
    assert_eq!(serde_json::to_string(&Dong::new(7).unwrap()).unwrap(), "7");
    let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    assert!(check_trip_dates(d(9, 1), d(9, 5)).is_ok());
    assert_eq!(
        check_trip_dates(d(9, 5), d(9, 1)).unwrap_err(),
        EventError::ReturnBeforeDeparture
    );
}

fn actor(roles: &[Role], units: &[UnitId]) -> Actor {
    Actor {
        user_id: UserId(1),
        roles: roles.to_vec(),
        unit_ids: units.to_vec(),
        active: true,
    }
}

const QLDS: UnitId = UnitId(1);
const OTHER: UnitId = UnitId(2);
const PARTNER: UnitId = UnitId(3);

fn led_by_qlds() -> Vec<ItemUnit> {
    vec![
        ItemUnit {
            unit_id: QLDS,
            relation: UnitRelation::Lead,
        },
        ItemUnit {
            unit_id: PARTNER,
            relation: UnitRelation::Coordinating,
        },
    ]
}

#[test]
fn who_may_do_what() {
    let lead = actor(&[Role::Staff], &[QLDS]);
    let other = actor(&[Role::Staff], &[OTHER]);
    let partner = actor(&[Role::Partner], &[PARTNER]);
    let stranger = actor(&[Role::Partner], &[OTHER]);
    let board = actor(&[Role::Board], &[]);
    let ev = led_by_qlds();
    assert!(can_edit_event(&lead, &ev) && can_view_event(&lead, &ev));
    assert!(!can_edit_event(&other, &ev) && can_view_event(&other, &ev));
    assert!(!can_edit_event(&partner, &ev) && can_view_event(&partner, &ev));
    assert!(!can_view_event(&stranger, &ev));
    assert!(can_edit_event(&board, &ev));
    assert!(can_create_event(&lead, QLDS) && !can_create_event(&lead, OTHER));
    assert!(!can_create_event(&partner, PARTNER));
    assert!(can_edit_people(&other) && !can_view_people(&partner));
    assert!(can_manage_unit_feed(&lead, QLDS) && !can_manage_unit_feed(&other, QLDS));
    assert!(can_manage_unit_feed(&board, QLDS));
}

#[test]
fn delegation_flow() {
    use DelegationStatus::*;
    let lead = actor(&[Role::Staff], &[QLDS]);
    let board = actor(&[Role::Board], &[]);
    let ev = led_by_qlds();
    assert!(check_delegation_status(&lead, &ev, Draft, Submitted).is_ok());
    assert_eq!(
        check_delegation_status(&lead, &ev, Submitted, Approved)
            .unwrap_err()
            .key(),
        "event.forbidden",
        "the decision is recorded by the Board"
    );
    assert!(check_delegation_status(&board, &ev, Submitted, Approved).is_ok());
    assert!(check_delegation_status(&board, &ev, Submitted, Rejected).is_ok());
    assert!(check_delegation_status(&lead, &ev, Approved, Travelled).is_ok());
    assert!(check_delegation_status(&lead, &ev, Rejected, Draft).is_ok());
    assert_eq!(
        check_delegation_status(&lead, &ev, Draft, Travelled).unwrap_err(),
        EventError::DelegationTransition {
            from: Draft,
            to: Travelled
        }
    );
    assert!(check_delegation_status(&lead, &ev, Travelled, Reported).is_err());
    let other = actor(&[Role::Staff], &[OTHER]);
    assert!(check_delegation_status(&other, &ev, Draft, Submitted).is_err());
    assert_eq!(
        check_delegation_report(Approved, "x").unwrap_err().key(),
        "event.report_too_early"
    );
    assert_eq!(
        check_delegation_report(Travelled, "  ").unwrap_err().key(),
        "event.report_required"
    );
    assert_eq!(
        check_delegation_report(Travelled, " Kết quả ").unwrap(),
        "Kết quả"
    );
}

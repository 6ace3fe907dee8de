use super::*;
use crate::permissions::{Actor, ItemUnit};
use crate::vocab::{ItemStatus, Role, UnitRelation};
use crate::{UnitId, UserId};
use chrono::NaiveDate;

fn actor(roles: &[Role], units: &[i64]) -> Actor {
    Actor {
        user_id: UserId(1),
        roles: roles.to_vec(),
        unit_ids: units.iter().map(|u| UnitId(*u)).collect(),
        active: true,
    }
}

fn led_by(unit: i64) -> Vec<ItemUnit> {
    vec![ItemUnit {
        unit_id: UnitId(unit),
        relation: UnitRelation::Lead,
    }]
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, d).unwrap()
}

fn publish(kind: MediaKind) -> StageMove {
    StageMove {
        from: MediaStage::Approved,
        to: MediaStage::Published,
        kind,
        duration: Duration::from_seconds(14 * 60),
        pages: Some(8),
        published_on: Some(day(10)),
        today: day(10),
    }
}

#[test]
fn durations_read_as_people_type_them() {
    let secs = |t: &str| parse_duration(t).unwrap().map(Duration::seconds);
    assert_eq!(secs("14:30"), Some(870));
    assert_eq!(secs(" 1:02:05 "), Some(3725));
    assert_eq!(secs("14"), Some(840));
    assert_eq!(secs("14 phút"), Some(840));
    assert_eq!(secs("14p"), Some(840));
    assert_eq!(secs(""), None);
    for bad in [
        "abc", "14:75", "-3", "0", "0:00", "14 giờ", "11:00:00", "1:2:3:4",
    ] {
        assert!(
            matches!(parse_duration(bad), Err(MediaError::BadDuration(_))),
            "{bad}"
        );
    }
    assert_eq!(Duration::from_seconds(870).unwrap().text(), "14:30");
    assert_eq!(Duration::from_seconds(3725).unwrap().text(), "1:02:05");
    assert_eq!(Duration::from_seconds(870).unwrap().minutes(), 14.5);
}

#[test]
fn counts_are_whole_and_bounded() {
    assert_eq!(parse_count("40", MAX_PAGES), Ok(Some(40)));
    assert_eq!(parse_count("1.000", MAX_PRINT_RUN), Ok(Some(1000)));
    assert_eq!(parse_count(" ", MAX_PAGES), Ok(None));
    for bad in ["0", "-4", "2,5", "bốn", "10001"] {
        assert!(parse_count(bad, MAX_PAGES).is_err(), "{bad}");
    }
}

#[test]
fn stages_move_one_step_either_way() {
    use MediaStage::*;
    assert_eq!(stage_moves(Brief), [Script]);
    assert_eq!(stage_moves(Review), [Approved, Production]);
    assert_eq!(stage_moves(Published), [Approved]);
    assert!(leaves_the_count(Published, Approved));
    assert!(!leaves_the_count(Approved, Published));
    let lead = actor(&[Role::Staff], &[3]);
    let skip = StageMove {
        from: Brief,
        to: Published,
        ..publish(MediaKind::Clip)
    };
    assert_eq!(
        check_stage_move(&lead, &led_by(3), &skip),
        Err(MediaError::Transition {
            from: Brief,
            to: Published
        })
    );
}

#[test]
fn the_lead_unit_moves_the_board_approves() {
    let lead = actor(&[Role::Staff], &[3]);
    let other = actor(&[Role::Staff], &[4]);
    let board = actor(&[Role::Board], &[]);
    let approve = StageMove {
        from: MediaStage::Review,
        to: MediaStage::Approved,
        ..publish(MediaKind::Clip)
    };
    assert_eq!(
        check_stage_move(&lead, &led_by(3), &approve),
        Err(MediaError::ApprovalIsBoards)
    );
    assert_eq!(check_stage_move(&board, &led_by(3), &approve), Ok(()));
    assert!(matches!(
        check_stage_move(&other, &led_by(3), &publish(MediaKind::Clip)),
        Err(MediaError::Forbidden { .. })
    ));
    assert_eq!(
        check_stage_move(&lead, &led_by(3), &publish(MediaKind::Clip)),
        Ok(())
    );
    assert!(can_create_work(&lead, UnitId(3)) && !can_create_work(&lead, UnitId(4)));
    assert!(can_create_work(&board, UnitId(4)));
}

#[test]
fn a_work_is_published_with_its_figure_and_a_past_date() {
    let lead = actor(&[Role::Staff], &[3]);
    let check = |m: StageMove| check_stage_move(&lead, &led_by(3), &m);
    let no_time = StageMove {
        duration: None,
        ..publish(MediaKind::Documentary)
    };
    assert_eq!(check(no_time), Err(MediaError::DurationRequired));
    let no_pages = StageMove {
        pages: None,
        ..publish(MediaKind::Magazine)
    };
    assert_eq!(check(no_pages), Err(MediaError::PagesRequired));
    // A news post counts by itself: neither is needed.
    let post = StageMove {
        pages: None,
        duration: None,
        ..publish(MediaKind::NewsPost)
    };
    assert_eq!(check(post), Ok(()));
    let undated = StageMove {
        published_on: None,
        ..publish(MediaKind::Clip)
    };
    assert_eq!(check(undated), Err(MediaError::PublishedOnRequired));
    let tomorrow = StageMove {
        published_on: Some(day(11)),
        ..publish(MediaKind::Clip)
    };
    assert_eq!(
        check(tomorrow),
        Err(MediaError::PublishedInFuture {
            date: "11/06/2025".into()
        })
    );
}

#[test]
fn records_count_published_minutes_and_pages() {
    assert_eq!(record_status(MediaStage::Published), "published");
    assert_eq!(record_status(MediaStage::Approved), "draft");
    assert_eq!(
        record_numbers(Duration::from_seconds(870), Some(12)),
        [("minutes", 14.5), ("pages", 12.0)]
    );
    assert!(record_numbers(None, None).is_empty());
}

#[test]
fn a_script_puts_the_item_in_progress() {
    use ItemStatus::*;
    assert_eq!(status_after_stage(NotStarted, MediaStage::Brief), None);
    assert_eq!(
        status_after_stage(NotStarted, MediaStage::Script),
        Some(InProgress)
    );
    assert_eq!(status_after_stage(Done, MediaStage::Published), None);
    assert_eq!(status_after_stage(InProgress, MediaStage::Review), None);
}

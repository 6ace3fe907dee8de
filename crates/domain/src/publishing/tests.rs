use super::*;
use crate::permissions::Actor;
use crate::vocab::{Language, Role};
use crate::{UnitId, UserId};

fn actor(roles: &[Role]) -> Actor {
    Actor {
        user_id: UserId(1),
        roles: roles.to_vec(),
        unit_ids: vec![UnitId(3)],
        active: true,
    }
}

#[test]
fn staff_propose_the_office_and_board_publish() {
    use PublicationState::*;
    let staff = actor(&[Role::Staff]);
    let office = actor(&[Role::Office]);
    let board = actor(&[Role::Board]);
    let partner = actor(&[Role::Partner]);
    assert_eq!(check_publication_move(&staff, Draft, Review), Ok(()));
    assert!(matches!(
        check_publication_move(&partner, Draft, Review),
        Err(PublishError::Forbidden { .. })
    ));
    assert!(matches!(
        check_publication_move(&staff, Review, Published),
        Err(PublishError::Forbidden { .. })
    ));
    assert_eq!(check_publication_move(&office, Review, Published), Ok(()));
    assert_eq!(check_publication_move(&board, Published, Withdrawn), Ok(()));
    assert_eq!(check_publication_move(&staff, Withdrawn, Draft), Ok(()));
    assert_eq!(
        check_publication_move(&board, Draft, Published),
        Err(PublishError::Transition {
            from: Draft,
            to: Published
        })
    );
    assert!(can_propose(&staff) && !can_propose(&partner));
    assert!(can_publish(&office) && !can_publish(&staff));
}

#[test]
fn visible_once_published_and_past_the_embargo() {
    use PublicationState::*;
    assert!(is_visible(Published, None, 100));
    assert!(is_visible(Published, Some(100), 100));
    assert!(!is_visible(Published, Some(101), 100));
    for s in [Draft, Review, Withdrawn] {
        assert!(!is_visible(s, None, 100));
    }
}

#[test]
fn english_falls_back_to_vietnamese_and_says_so() {
    let t = translated("Phố sách", "Book Street", Language::En);
    assert_eq!((t.text, t.fallback), ("Book Street", false));
    let t = translated("Phố sách", " ", Language::En);
    assert_eq!((t.text, t.fallback), ("Phố sách", true));
    let t = translated("Phố sách", "", Language::Vi);
    assert_eq!((t.text, t.fallback), ("Phố sách", false));
    assert!(!translated("", "", Language::En).fallback);
}

#[test]
fn spaces_lie_in_hanoi() {
    assert_eq!(check_point(21.0285, 105.8542), Ok(()));
    // Swapped, abroad, or not a number.
    for (lat, lon) in [(105.85, 21.02), (48.8566, 2.3522), (f64::NAN, 105.8)] {
        assert!(matches!(
            check_point(lat, lon),
            Err(PublishError::OutsideHanoi { .. })
        ));
    }
}

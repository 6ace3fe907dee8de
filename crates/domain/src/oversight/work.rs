//! "Việc của tôi", the home page: whose work a person sees there and the few dates its
//! blocks are counted on. The store lists the items and reports; these say which.

use super::DUE_SOON_DAYS;
use crate::ids::UnitId;
use crate::permissions::Actor;
use crate::tracking::Period;
use crate::vocab::{ItemStatus, Role};
use chrono::{Datelike, Days, NaiveDate};

/// Whose work the home page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkView {
    /// The Board and admins: escalations, reports waiting for review, items not reported.
    Board,
    /// A unit's staff, or a partner (`shared`): their units' work.
    Units { units: Vec<UnitId>, shared: bool },
    /// Signed in, but in no unit and not the Board: nothing of one's own yet.
    Nobody,
}

pub fn work_view(actor: &Actor) -> WorkView {
    if actor.is_board_or_admin() {
        WorkView::Board
    } else if !actor.active || actor.unit_ids.is_empty() {
        WorkView::Nobody
    } else if actor.is_internal_member() {
        WorkView::Units {
            units: actor.unit_ids.clone(),
            shared: false,
        }
    } else if actor.has_role(Role::Partner) {
        WorkView::Units {
            units: actor.unit_ids.clone(),
            shared: true,
        }
    } else {
        WorkView::Nobody
    }
}

/// The period units report on now: today's quarter. An item is "to report" when it is
/// open, its dates overlap this period, and no report of the unit (for the Board: of any
/// unit) covers any part of it.
pub fn current_period(today: NaiveDate) -> Period {
    // month0() / 3 is 0..=3: the cast cannot truncate.
    Period::Quarter(today.year(), (today.month0() / 3) as u8 + 1)
}

/// The statuses of work still to do (`is_open`), for lists that filter by status.
pub const OPEN_STATUSES: [ItemStatus; 3] = [
    ItemStatus::NotStarted,
    ItemStatus::InProgress,
    ItemStatus::Late,
];

/// The due-soon window, as the dashboard counts it: open, due from today to
/// `DUE_SOON_DAYS` ahead (before today is overdue).
pub fn due_soon_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let end = today
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(today);
    (today, end)
}

/// Reports filed this many days back at most are listed as waiting for review: older ones
/// belong to past periods' reports, and the list stays cheap however long the history.
pub const REVIEW_HORIZON_DAYS: i64 = 180;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    fn actor(roles: &[Role], units: &[i64]) -> Actor {
        Actor {
            user_id: UserId(1),
            roles: roles.to_vec(),
            unit_ids: units.iter().copied().map(UnitId).collect(),
            active: true,
        }
    }

    #[test]
    fn each_lands_on_their_own_work() {
        assert_eq!(work_view(&actor(&[Role::Board], &[])), WorkView::Board);
        assert_eq!(
            work_view(&actor(&[Role::Admin, Role::Staff], &[2])),
            WorkView::Board
        );
        assert_eq!(
            work_view(&actor(&[Role::Staff], &[2, 3])),
            WorkView::Units {
                units: vec![UnitId(2), UnitId(3)],
                shared: false
            }
        );
        assert_eq!(
            work_view(&actor(&[Role::Partner], &[9])),
            WorkView::Units {
                units: vec![UnitId(9)],
                shared: true
            }
        );
        assert_eq!(work_view(&actor(&[Role::Staff], &[])), WorkView::Nobody);
        assert_eq!(work_view(&actor(&[], &[2])), WorkView::Nobody);
        let mut gone = actor(&[Role::Staff], &[2]);
        gone.active = false;
        assert_eq!(work_view(&gone), WorkView::Nobody);
    }

    #[test]
    fn the_period_is_todays_quarter_and_due_soon_is_two_weeks() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(current_period(d(2026, 11, 16)), Period::Quarter(2026, 4));
        assert_eq!(current_period(d(2025, 1, 1)), Period::Quarter(2025, 1));
        assert_eq!(current_period(d(2025, 6, 30)), Period::Quarter(2025, 2));
        assert_eq!(
            due_soon_window(d(2025, 12, 20)),
            (d(2025, 12, 20), d(2026, 1, 3))
        );
        assert!(OPEN_STATUSES.iter().all(|s| super::super::is_open(*s)));
        assert_eq!(OPEN_STATUSES.len() + 2, ItemStatus::ALL.len());
    }
}

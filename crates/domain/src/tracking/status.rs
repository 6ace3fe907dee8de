//! Item status transitions: which moves exist, which are the Board's, and who may make
//! them.

use super::{Percent, TrackingError};
use crate::permissions::{Actor, ItemUnit, can_edit_item};
use crate::vocab::ItemStatus;

/// Whether `from → to` exists at all, and whether it needs the Board or an admin.
/// Reopening a completed item and resuming a suspended one undo a recorded decision, so
/// they are the Board's (or an admin's) call; every other move is the lead unit's.
///
/// Nobody moves an item to "chậm tiến độ": being behind is the overdue flag, which follows
/// from the due date and the status (`state::is_overdue`), so that a list, a dashboard and
/// a report cannot disagree about it. Items set to it before can leave it.
fn transition(from: ItemStatus, to: ItemStatus) -> Option<bool> {
    use ItemStatus::*;
    match (from, to) {
        (NotStarted, InProgress | Suspended | Done) => Some(false),
        (InProgress, Done | Suspended) => Some(false),
        (Late, InProgress | Done | Suspended) => Some(false),
        (Done, InProgress) => Some(true),
        (Suspended, NotStarted | InProgress) => Some(true),
        _ => None,
    }
}

/// The statuses `actor` may move an item to from `from`.
pub fn allowed_statuses(
    actor: &Actor,
    item_units: &[ItemUnit],
    from: ItemStatus,
) -> Vec<ItemStatus> {
    ItemStatus::ALL
        .iter()
        .copied()
        .filter(|to| check_status_change(actor, item_units, from, *to, Some("-")).is_ok())
        .collect()
}

/// Checks a status change; returns the reason to store (trimmed; only for Suspended).
pub fn check_status_change(
    actor: &Actor,
    item_units: &[ItemUnit],
    from: ItemStatus,
    to: ItemStatus,
    reason: Option<&str>,
) -> Result<Option<String>, TrackingError> {
    if !can_edit_item(actor, item_units) {
        return Err(TrackingError::Forbidden {
            action: "change the item's status",
        });
    }
    if from == to {
        return Err(TrackingError::SameStatus(from));
    }
    let board_only = transition(from, to).ok_or(TrackingError::Transition { from, to })?;
    if board_only && !actor.is_board_or_admin() {
        return Err(TrackingError::Forbidden {
            action: "reopen or resume an item",
        });
    }
    if to == ItemStatus::Suspended {
        let r = reason.map(str::trim).filter(|r| !r.is_empty());
        return r
            .map(|r| Some(r.to_string()))
            .ok_or(TrackingError::ReasonRequired);
    }
    Ok(None)
}

/// The status a progress report moves its item to, if any: the first sign of work (a
/// percent above 0) on an item not yet started puts it in progress. Nothing else moves by
/// itself: "hoàn thành" is confirmed by the lead unit, and suspending or cancelling takes
/// a person and a reason.
pub fn status_after_report(current: ItemStatus, percent: Option<Percent>) -> Option<ItemStatus> {
    match (current, percent) {
        (ItemStatus::NotStarted, Some(p)) if p.get() > 0 => Some(ItemStatus::InProgress),
        _ => None,
    }
}

/// Whether the item page asks the lead unit to confirm "hoàn thành": the latest report
/// says 100% and the item is still open. Done is never set by a report alone.
pub fn asks_to_confirm_done(status: ItemStatus, latest_percent: Option<i64>) -> bool {
    latest_percent == Some(100) && !matches!(status, ItemStatus::Done | ItemStatus::Suspended)
}

//! Item status transitions: which moves exist, which are the Board's, and who may make
//! them.

use super::TrackingError;
use crate::permissions::{Actor, ItemUnit, can_edit_item};
use crate::vocab::ItemStatus;

/// Whether `from → to` exists at all, and whether it needs the Board or an admin.
/// Reopening a completed item and resuming a suspended one undo a recorded decision, so
/// they are the Board's (or an admin's) call; every other move is the lead unit's.
fn transition(from: ItemStatus, to: ItemStatus) -> Option<bool> {
    use ItemStatus::*;
    match (from, to) {
        (NotStarted, InProgress | Late | Suspended | Done) => Some(false),
        (InProgress, Done | Late | Suspended) => Some(false),
        (Late, InProgress | Done | Suspended) => Some(false),
        (Done, InProgress | Late) => Some(true),
        (Suspended, NotStarted | InProgress | Late) => Some(true),
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

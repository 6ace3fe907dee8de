//! Tracking's permission checks as results: edit an item, change its units, report on it
//! for a unit. The rules themselves are those of [`crate::permissions`].

use super::TrackingError;
use crate::permissions::{Actor, ItemUnit, can_change_item_units, can_edit_item};

/// Edit an item's own fields (title, text, dates, responsible people, targets' rules).
pub fn check_edit_item(actor: &Actor, item_units: &[ItemUnit]) -> Result<(), TrackingError> {
    if can_edit_item(actor, item_units) {
        Ok(())
    } else {
        Err(TrackingError::Forbidden {
            action: "edit the item",
        })
    }
}

/// Change lead/coordinating units (an item's, or a new sub-item's other than its parent's),
/// add a top-level item, move an item under another parent: Board or admin. Sub-items,
/// splits and moves among siblings are the lead unit's too ([`check_edit_item`]).
pub fn check_change_units(actor: &Actor) -> Result<(), TrackingError> {
    if can_change_item_units(actor) {
        Ok(())
    } else {
        Err(TrackingError::Forbidden {
            action: "change the item's units",
        })
    }
}

/// File a report for `unit` on an item: the actor must belong to that unit and the unit
/// must lead or coordinate the item (each unit reports its own share; partners only on
/// items shared with them).
pub fn check_report(
    actor: &Actor,
    item_units: &[ItemUnit],
    unit: crate::UnitId,
) -> Result<(), TrackingError> {
    let unit_on_item: Vec<ItemUnit> = item_units
        .iter()
        .copied()
        .filter(|u| u.unit_id == unit)
        .collect();
    if !unit_on_item.is_empty()
        && actor.unit_ids.contains(&unit)
        && crate::can_report_on_item(actor, &unit_on_item)
    {
        Ok(())
    } else {
        Err(TrackingError::Forbidden {
            action: "report on the item for this unit",
        })
    }
}

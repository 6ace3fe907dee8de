//! Who may see, change and create events and delegations, keep the people directory and
//! manage a unit's calendar feed. Built on the item rules of [`crate::permissions`].

use crate::permissions::{Actor, ItemUnit, can_edit_item, can_view_item};

/// Who may see an event or delegation: like an item (Board, admin and the department's
/// staff see all; a partner only what names one of its units).
pub fn can_view_event(actor: &Actor, units: &[ItemUnit]) -> bool {
    can_view_item(actor, units)
}

/// Who may change it: the Board, admins, and the people of its lead (organising) unit.
pub fn can_edit_event(actor: &Actor, units: &[ItemUnit]) -> bool {
    can_edit_item(actor, units)
}

/// Whether the create forms (event, delegation) are the actor's to open: the Board,
/// admins, or the department's people of some unit. A partner gets 403, not a form whose
/// every submit would be refused.
pub fn may_create_any_event(actor: &Actor) -> bool {
    actor.is_board_or_admin() || actor.unit_ids.iter().any(|u| can_create_event(actor, *u))
}

/// Who may create an event or delegation led by `lead`: the Board, admins, and the
/// department's people of that unit (never a partner).
pub fn can_create_event(actor: &Actor, lead: crate::UnitId) -> bool {
    can_edit_item(
        actor,
        &[ItemUnit {
            unit_id: lead,
            relation: crate::UnitRelation::Lead,
        }],
    )
}

/// The people directory: the department's own staff and the Board/admins edit it;
/// partners neither read nor edit it (it holds contacts).
pub fn can_edit_people(actor: &Actor) -> bool {
    actor.is_board_or_admin() || actor.is_internal_member()
}

pub fn can_view_people(actor: &Actor) -> bool {
    can_edit_people(actor)
}

/// A calendar feed for a unit: the Board, admins, and internal members of that unit.
pub fn can_manage_unit_feed(actor: &Actor, unit: crate::UnitId) -> bool {
    can_create_event(actor, unit)
}

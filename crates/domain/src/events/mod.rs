//! Events, people and delegations (issue 5): kinds, scopes, formats, organisers, status
//! transitions, times in the event's own IANA zone, invitations, interpreters and their
//! double bookings, preparation checklists and outbound delegations (đoàn ra).
//!
//! Times: an event is planned in the wall-clock time of the place it happens
//! ([`EventTimes::resolve`]). A local time that does not exist (a spring-forward gap) or
//! exists twice (an autumn fold) is refused with a message rather than guessed. Shown in
//! that zone and in Asia/Ho_Chi_Minh.
//!
//! Errors carry a stable key (`event.*`) and a Vietnamese and English message, like
//! [`crate::TrackingError`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod cost;
mod delegations;
mod error;
mod interpreters;
mod link;
mod permissions;
mod status;
mod times;
mod vocabulary;
mod zones;

pub use cost::{Dong, MAX_DONG};
pub use delegations::{check_delegation_report, check_delegation_status, check_trip_dates};
pub use error::EventError;
pub use interpreters::{Booking, LanguagePair, double_bookings, overlaps};
pub use link::{MAX_LINK_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, check_lengths, check_link};
pub use permissions::{
    can_create_event, can_edit_event, can_edit_people, can_manage_unit_feed, can_view_event,
    can_view_people, may_create_any_event,
};
pub use status::{check_event_status, check_initial_status, event_transitions, leaves_the_count};
pub use times::{EventTimes, HANOI, offset_text, parse_clock, parse_local, parse_zone, to_utc};
pub use vocabulary::{
    ChecklistKind, DelegationStatus, EventFormat, EventKind, EventScope, EventStatus,
    InvitationStatus, Organiser, PersonKind,
};
pub use zones::{UCCN_ZONES, ZONES, ZoneChoice, zone_choices, zone_label};

crate::ids::id_type!(
    /// An event (hội nghị, phiên họp trực tuyến, …).
    EventId,
    /// A person of the directory (expert, interpreter, staff).
    PersonId,
    /// An outbound delegation (đoàn ra).
    DelegationId,
);

#[cfg(test)]
mod tests;

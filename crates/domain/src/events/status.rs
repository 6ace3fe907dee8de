//! An event's status transitions: which moves exist, and that an event is held only once
//! it has started.

use super::{EventError, EventStatus, EventTimes};
use chrono::{DateTime, Utc};

/// The statuses an event may move to from `from` (who may is [`can_edit_event`](super::can_edit_event)).
/// Reopening a cancelled event (back to planned) and undoing "held" are allowed: both
/// correct a mistake, and the audit log keeps the trace.
pub fn event_transitions(from: EventStatus) -> &'static [EventStatus] {
    use EventStatus::*;
    match from {
        Planned => &[Confirmed, Held, Cancelled],
        Confirmed => &[Held, Cancelled, Planned],
        Held => &[Confirmed],
        Cancelled => &[Planned],
    }
}

/// A change away from a status that counts toward targets (an event held: see
/// `counting::counted_statuses`) takes the event out of the counts, so the form asks the
/// person to confirm it.
pub fn leaves_the_count(from: EventStatus, to: EventStatus) -> bool {
    from == EventStatus::Held && to != from
}

/// Checks a status change. `now` and the start: an event is held only once it started.
pub fn check_event_status(
    from: EventStatus,
    to: EventStatus,
    times: &EventTimes,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    if !event_transitions(from).contains(&to) {
        return Err(EventError::EventTransition { from, to });
    }
    if to == EventStatus::Held && times.start > now {
        return Err(EventError::HeldBeforeStart {
            start: times.local_text(),
        });
    }
    Ok(())
}

/// A new event starts planned or confirmed; one already over may be recorded as held.
pub fn check_initial_status(
    status: EventStatus,
    times: &EventTimes,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    match status {
        EventStatus::Planned | EventStatus::Confirmed => Ok(()),
        EventStatus::Held if times.start <= now => Ok(()),
        EventStatus::Held => Err(EventError::HeldBeforeStart {
            start: times.local_text(),
        }),
        EventStatus::Cancelled => Err(EventError::BadInitialStatus),
    }
}

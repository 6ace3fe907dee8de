//! Outbound delegations (đoàn ra): status flow and who records each step, the report after
//! the return, and the trip's dates.

use super::{DelegationStatus, EventError, can_edit_event};
use crate::permissions::{Actor, ItemUnit};
use chrono::NaiveDate;

impl DelegationStatus {
    /// Where a delegation may go next. Recording the People's Committee's decision
    /// (approved / not approved) is the Board's; the rest is the organising unit's.
    pub fn next(self) -> &'static [DelegationStatus] {
        use DelegationStatus::*;
        match self {
            Draft => &[Submitted],
            Submitted => &[Approved, Rejected, Draft],
            Approved => &[Travelled],
            Rejected => &[Draft],
            Travelled => &[Reported],
            Reported => &[],
        }
    }

    fn needs_board(to: DelegationStatus) -> bool {
        matches!(to, DelegationStatus::Approved | DelegationStatus::Rejected)
    }
}

/// Checks a delegation status change by `actor` on a delegation led by `units`.
/// "Reported" is reached by filing the report ([`check_delegation_report`]).
pub fn check_delegation_status(
    actor: &Actor,
    units: &[ItemUnit],
    from: DelegationStatus,
    to: DelegationStatus,
) -> Result<(), EventError> {
    if !can_edit_event(actor, units) {
        return Err(EventError::Forbidden {
            action: "change the delegation's status",
        });
    }
    if !from.next().contains(&to) || to == DelegationStatus::Reported {
        return Err(EventError::DelegationTransition { from, to });
    }
    if DelegationStatus::needs_board(to) && !actor.is_board_or_admin() {
        return Err(EventError::Forbidden {
            action: "record the People's Committee's decision",
        });
    }
    Ok(())
}

/// The report after the return: the delegation has travelled (or reported already: a
/// corrected report), and it has text.
pub fn check_delegation_report(status: DelegationStatus, text: &str) -> Result<String, EventError> {
    if !matches!(
        status,
        DelegationStatus::Travelled | DelegationStatus::Reported
    ) {
        return Err(EventError::ReportTooEarly);
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(EventError::ReportRequired);
    }
    Ok(t.to_string())
}

/// Departure and return dates of a delegation: the return is not before the departure.
pub fn check_trip_dates(depart: NaiveDate, back: NaiveDate) -> Result<(), EventError> {
    if back < depart {
        Err(EventError::ReturnBeforeDeparture)
    } else {
        Ok(())
    }
}

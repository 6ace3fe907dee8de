//! [`EventError`]: why an event, person, booking or delegation was refused, with its
//! stable key and typed fields; the web layer words it (`web::i18n::Worded`).

use super::{DelegationStatus, EventStatus};

/// Why an event, person, booking or delegation was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EventError {
    #[error("not allowed: {action}")]
    Forbidden { action: &'static str },
    #[error("unknown time zone {0:?}: use an IANA name such as Asia/Ho_Chi_Minh or Europe/Paris")]
    UnknownZone(String),
    #[error("{local} does not exist in {zone} (the clocks move forward then)")]
    NonexistentTime { local: String, zone: String },
    #[error(
        "{local} happens twice in {zone} (the clocks move back then, {first} and {second}): choose another time"
    )]
    AmbiguousTime {
        local: String,
        zone: String,
        first: String,
        second: String,
    },
    #[error("the end ({end}) is before the start ({start})")]
    EndBeforeStart { start: String, end: String },
    #[error("unreadable date and time {0:?}: use dd/mm/yyyy and HH:MM")]
    BadDateTime(String),
    #[error("a title is required")]
    TitleRequired,
    #[error("a name is required")]
    NameRequired,
    #[error("event status change {from} → {to} is not allowed")]
    EventTransition { from: EventStatus, to: EventStatus },
    #[error("delegation status change {from} → {to} is not allowed")]
    DelegationTransition {
        from: DelegationStatus,
        to: DelegationStatus,
    },
    #[error("an event cannot be marked held before it starts ({start})")]
    HeldBeforeStart { start: String },
    #[error("a new event can only be planned, confirmed or (if it is over) held")]
    BadInitialStatus,
    #[error("unreadable language pair {0:?}: write it as vi-en, vi↔fr, …")]
    BadLanguagePair(String),
    #[error("the estimated cost must be a whole number of đồng, ≥ 0 (got {0:?})")]
    BadCost(String),
    #[error("the return date is before the departure date")]
    ReturnBeforeDeparture,
    #[error("the report after the return needs text")]
    ReportRequired,
    #[error("a report can only be written after the delegation has travelled")]
    ReportTooEarly,
    #[error("this person is not an interpreter")]
    NotAnInterpreter,
    #[error("the online link {0:?} is not an http(s) address")]
    BadLink(String),
    #[error("a text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("a follow-up goes into the plan under one of its event's items")]
    ParentNotLinked,
}

impl EventError {
    /// Stable key for translations and tests.
    pub fn key(&self) -> &'static str {
        match self {
            EventError::Forbidden { .. } => "event.forbidden",
            EventError::UnknownZone(_) => "event.unknown_zone",
            EventError::NonexistentTime { .. } => "event.nonexistent_time",
            EventError::AmbiguousTime { .. } => "event.ambiguous_time",
            EventError::EndBeforeStart { .. } => "event.end_before_start",
            EventError::BadDateTime(_) => "event.bad_datetime",
            EventError::TitleRequired => "event.title_required",
            EventError::NameRequired => "event.name_required",
            EventError::EventTransition { .. } | EventError::DelegationTransition { .. } => {
                "event.transition"
            }
            EventError::HeldBeforeStart { .. } => "event.held_before_start",
            EventError::BadInitialStatus => "event.bad_initial_status",
            EventError::BadLanguagePair(_) => "event.bad_language_pair",
            EventError::BadCost(_) => "event.bad_cost",
            EventError::ReturnBeforeDeparture => "event.return_before_departure",
            EventError::ReportRequired => "event.report_required",
            EventError::ReportTooEarly => "event.report_too_early",
            EventError::NotAnInterpreter => "event.not_an_interpreter",
            EventError::BadLink(_) => "event.bad_link",
            EventError::TooLong { .. } => "event.too_long",
            EventError::ParentNotLinked => "event.parent_not_linked",
        }
    }
}

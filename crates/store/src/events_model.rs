//! What the events API (issue 5) takes and returns.

use chrono::NaiveDate;
use domain::{
    DelegationId, DelegationStatus, Dong, EventFormat, EventId, EventKind, EventScope, EventStatus,
    EventTimes, InvitationStatus, ItemId, LanguagePair, Organiser, PersonId, PersonKind, UnitId,
    UnitRelation, UserId,
};
use serde::Serialize;

/// An event as created or edited. The times are already resolved in their zone
/// ([`EventTimes::resolve`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EventInput {
    pub title: String,
    pub kind: EventKind,
    pub scope: EventScope,
    pub format: EventFormat,
    pub organiser: Organiser,
    /// The network city's name when the organiser is one.
    pub organiser_name: String,
    pub topic: String,
    pub times: EventTimes,
    pub venue: String,
    pub online_url: String,
    /// At least one: the unit(s) organising on the department's side.
    pub lead_units: Vec<UnitId>,
    /// Units sharing the event (partners see what names them).
    pub coordinating_units: Vec<UnitId>,
    /// Plan items the event counts toward.
    pub items: Vec<ItemId>,
    /// Only on creation (later changes go through [`crate::Store::set_event_status`]).
    pub status: EventStatus,
}

/// The events a header search found (`Store::search_events`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventHits {
    /// Latest start first.
    pub events: Vec<EventRecord>,
    /// Matching events, counted up to [`crate::LIST_COUNT_CAP`].
    pub total: i64,
    /// More events match than `total` says.
    pub total_capped: bool,
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: EventId,
    pub title: String,
    pub kind: EventKind,
    pub scope: EventScope,
    pub format: EventFormat,
    pub organiser: Organiser,
    pub organiser_name: String,
    pub topic: String,
    pub status: EventStatus,
    pub time_zone: String,
    /// UTC seconds.
    pub start_at: i64,
    pub end_at: i64,
    pub venue: String,
    pub online_url: String,
    pub outcome: String,
    pub units: Vec<(UnitId, UnitRelation)>,
    pub items: Vec<ItemId>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl EventRecord {
    /// The units for `domain::events` permission checks.
    pub fn item_units(&self) -> Vec<domain::ItemUnit> {
        domain::ItemUnit::all(&self.units)
    }

    /// Start and end in the event's zone (None only if stored data is unreadable).
    pub fn times(&self) -> Option<EventTimes> {
        EventTimes::from_utc(&self.time_zone, self.start_at, self.end_at).ok()
    }
}

/// Filters of the event list; empty filters select everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    pub kinds: Vec<EventKind>,
    pub statuses: Vec<EventStatus>,
    pub scope: Option<EventScope>,
    /// Events naming this unit (lead or coordinating).
    pub unit_id: Option<UnitId>,
    /// Only events naming one of these units (a partner's view).
    pub visible_units: Option<Vec<UnitId>>,
    /// Events overlapping [from, to) (UTC seconds).
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// At most this many (1–5,000), ordered by start.
    pub limit: i64,
}

/// A person of the directory, as created or edited.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonInput {
    pub kind: Option<PersonKind>,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub field: String,
    pub email: String,
    pub phone: String,
    pub language_pairs: Vec<LanguagePair>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRecord {
    pub id: PersonId,
    pub kind: PersonKind,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub field: String,
    pub email: String,
    pub phone: String,
    pub language_pairs: Vec<LanguagePair>,
    pub notes: String,
    pub version: i64,
}

/// An invitation to add: a person of the directory, or a guest by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewInvitation {
    pub person_id: Option<PersonId>,
    pub name: String,
    pub organisation: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvitationRecord {
    pub id: i64,
    pub event_id: EventId,
    pub person_id: Option<PersonId>,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub status: InvitationStatus,
}

/// A page of invitations with the counts per status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvitationPage {
    pub rows: Vec<InvitationRecord>,
    pub total: i64,
    /// (status, count) for each status present.
    pub counts: Vec<(InvitationStatus, i64)>,
}

/// An interpreter's booking, with the other bookings of the same person that overlap it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BookingRecord {
    pub id: i64,
    pub event_id: EventId,
    pub person_id: PersonId,
    pub person_name: String,
    pub language_pair: String,
    pub start_at: i64,
    pub end_at: i64,
    /// Overlapping bookings of this interpreter on other (not cancelled) events:
    /// (event id, event title).
    pub clashes: Vec<(EventId, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistEntry {
    pub id: i64,
    pub event_id: EventId,
    pub kind: domain::events::ChecklistKind,
    pub title: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDocument {
    pub id: i64,
    pub event_id: EventId,
    /// speech, slides, clip, photo, other
    pub kind: String,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    pub original_name: String,
    pub stored_path: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    pub id: i64,
    pub event_id: EventId,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// The plan item it became.
    pub item_id: Option<ItemId>,
}

/// A delegation as proposed or edited.
#[derive(Debug, Clone, PartialEq)]
pub struct DelegationInput {
    pub title: String,
    pub purpose: String,
    pub destination: String,
    pub depart: NaiveDate,
    pub back: NaiveDate,
    pub estimated_cost: Dong,
    pub lead_unit: UnitId,
    pub event_id: Option<EventId>,
    /// (name, role in the delegation)
    pub members: Vec<(String, String)>,
    /// The plan item whose estimate covers the trip (issue 17).
    pub budget_item: Option<ItemId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DelegationRecord {
    pub id: DelegationId,
    pub title: String,
    pub purpose: String,
    pub destination: String,
    pub depart: NaiveDate,
    pub back: NaiveDate,
    pub estimated_cost: Dong,
    pub status: DelegationStatus,
    pub lead_unit: UnitId,
    pub event_id: Option<EventId>,
    pub members: Vec<(String, String)>,
    pub report: String,
    pub reported_at: Option<i64>,
    pub version: i64,
    /// The plan item whose estimate covers the trip: its approved total is the
    /// delegation's estimate, its settlement the delegation's after the return. None for
    /// older delegations, which show `estimated_cost`.
    pub budget_item: Option<ItemId>,
}

impl DelegationRecord {
    pub fn item_units(&self) -> Vec<domain::ItemUnit> {
        vec![domain::ItemUnit {
            unit_id: self.lead_unit,
            relation: UnitRelation::Lead,
        }]
    }
}

/// Whose calendar a feed is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FeedOwner {
    User(UserId),
    Unit(UnitId),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedToken {
    pub id: i64,
    pub owner: FeedOwner,
    pub label: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

//! Candidacy support (issue 19, part 3): the UCCN call's steps, a candidate city's dossier
//! and what each of its steps holds (dates, note, documents, Hanoi's support).

use chrono::NaiveDate;
use domain::cities::candidacy::CandidacyStatus;
use domain::{CityId, CreativeFieldId, EventId, ItemId};
use serde::Serialize;

/// A step of the call, in the order the pages show; `used` when a dossier records
/// anything on it (then it cannot be removed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidacyStep {
    pub id: i64,
    pub position: i64,
    pub name_vi: String,
    pub name_en: String,
    pub version: i64,
    pub used: bool,
}

/// A dossier: one candidate city and creative field (`None`: not chosen yet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidacy {
    pub id: i64,
    pub city: CityId,
    pub city_name: String,
    pub field: Option<CreativeFieldId>,
    pub status: CandidacyStatus,
    pub version: i64,
}

/// What a dossier records on one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidacyStepRecord {
    pub step: i64,
    pub planned: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub note: String,
}

/// A document of a dossier step: its name as uploaded, size in bytes and sniffed type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidacyDocument {
    pub id: i64,
    pub candidacy: i64,
    pub step: i64,
    pub name: String,
    pub size: i64,
    pub mime: String,
}

/// What a support activity links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SupportLink {
    Item(ItemId),
    Event(EventId),
}

/// One of Hanoi's support activities on a dossier step, with what the page shows of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidacySupport {
    pub id: i64,
    pub step: i64,
    pub link: SupportLink,
    /// The item's numbering and title, or the event's title.
    pub title: String,
    /// The event's start (UTC seconds); `None` for an item.
    pub start_at: Option<i64>,
}

/// A dossier with everything its steps hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidacyDossier {
    pub candidacy: Candidacy,
    pub records: Vec<CandidacyStepRecord>,
    pub documents: Vec<CandidacyDocument>,
    pub support: Vec<CandidacySupport>,
}

//! The city directory's records (issue 19): creative fields, cities, letters and the
//! inputs of the lists.

use chrono::NaiveDate;
use domain::cities::{CityStatus, LetterDirection, LetterKind};
use domain::{CityId, CreativeFieldId, EventId, EventKind, EventStatus};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldRecord {
    pub id: CreativeFieldId,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub colour: String,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CityRecord {
    pub id: CityId,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub region: String,
    pub field: Option<CreativeFieldId>,
    pub year: Option<i32>,
    pub unesco_url: String,
    pub point: Option<(f64, f64)>,
    pub status: CityStatus,
    pub notes: String,
    pub version: i64,
}

/// The directory's filters; empty strings and `None` filter nothing. `page` from 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CityFilter {
    pub text: String,
    pub field: Option<CreativeFieldId>,
    pub region: String,
    pub country: String,
    pub status: Option<CityStatus>,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CityPage {
    pub rows: Vec<CityRecord>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// What an import did, city by city keyed on the UNESCO slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CityImportReport {
    pub added: u64,
    pub changed: u64,
    pub unchanged: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LetterRecord {
    pub id: i64,
    pub city: CityId,
    pub kind: LetterKind,
    pub direction: LetterDirection,
    pub number: String,
    pub date: NaiveDate,
    pub title: String,
    pub file: Option<LetterFile>,
}

/// A letter's file: its name as uploaded, size in bytes and sniffed type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LetterFile {
    pub name: String,
    pub size: i64,
    pub mime: String,
}

/// An event of a city's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CityEvent {
    pub id: EventId,
    pub title: String,
    pub kind: EventKind,
    pub status: EventStatus,
    pub start_at: i64,
}

/// One line of a city's timeline, as the store pages it (`sql/city_timeline.rs`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    pub on: NaiveDate,
    pub kind: domain::cities::InteractionKind,
    pub id: i64,
    pub title: String,
    pub detail: TimelineDetail,
}

/// What each kind of interaction shows besides its title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TimelineDetail {
    Event {
        kind: EventKind,
        status: EventStatus,
    },
    Letter {
        kind: LetterKind,
        direction: LetterDirection,
        number: String,
        /// The file's name and size.
        file: Option<(String, i64)>,
    },
    Delegation {
        status: domain::DelegationStatus,
        destination: String,
        back: Option<NaiveDate>,
    },
    Project {
        status: domain::cities::project::ProjectStatus,
        end: Option<NaiveDate>,
    },
}

/// A page of a city's timeline (`page` from 1) and the count of all its interactions.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePage {
    pub entries: Vec<TimelineEntry>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A city's latest event start (UTC seconds), letter, delegation's departure and joint
/// project's start, for "last contact".
#[derive(Debug, Clone, PartialEq)]
pub struct CityContactDates {
    pub id: CityId,
    pub name: String,
    pub country: String,
    pub field: Option<CreativeFieldId>,
    pub latest_event: Option<i64>,
    pub latest_letter: Option<NaiveDate>,
    pub latest_delegation: Option<NaiveDate>,
    pub latest_project: Option<NaiveDate>,
}

/// A person of the directory with a role for a city (or, with none, at UNESCO).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactRecord {
    pub id: i64,
    pub city: Option<CityId>,
    pub person: domain::PersonId,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub role: domain::ContactRole,
}

/// A joint project with cities of the network (`sql/city_projects.rs`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRecord {
    pub id: domain::cities::project::ProjectId,
    pub title: String,
    pub description: String,
    pub status: domain::cities::project::ProjectStatus,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// The plan item it serves: its id and "numbering title".
    pub item: Option<(domain::ItemId, String)>,
    /// Its lead unit: id and name.
    pub unit: Option<(domain::UnitId, String)>,
    /// Its cities, by name.
    pub cities: Vec<(CityId, String)>,
    pub version: i64,
}

/// The project list's filters; empty and `None` filter nothing. `page` from 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProjectFilter {
    /// Searched in the title, diacritics folded.
    pub text: String,
    pub status: Option<domain::cities::project::ProjectStatus>,
    pub city: Option<CityId>,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProjectPage {
    pub rows: Vec<ProjectRecord>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

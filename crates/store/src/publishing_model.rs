//! What the public site's API (issue 18) takes and returns: publications, their public
//! reads, and the creative spaces.

use chrono::NaiveDate;
use domain::media::{Duration, MediaFileId, MediaKind, MediaWorkId};
use domain::publishing::{PublicKind, PublicationId, PublicationState, SpaceId, SpaceKind};
use domain::{EventFormat, EventKind, PlanId};
use serde::Serialize;

/// A publication as proposed or edited.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicationInput {
    pub kind: PublicKind,
    pub subject_id: i64,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    /// Hidden from the public until then (unix seconds).
    pub embargo_until: Option<i64>,
    /// A plan summary's targets, in the order shown.
    pub targets: Vec<i64>,
}

/// A stored publication.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publication {
    pub id: PublicationId,
    pub kind: PublicKind,
    pub subject_id: i64,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    pub state: PublicationState,
    pub embargo_until: Option<i64>,
    pub targets: Vec<i64>,
    pub published_at: Option<i64>,
    pub created_by: Option<domain::UserId>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A file the public may fetch: one of a visible entry's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicFile {
    pub id: MediaFileId,
    pub mime: String,
    pub size: i64,
    pub original_name: String,
    pub stored_path: String,
    pub thumb_path: Option<String>,
    pub screen_path: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

/// What the public sees of a publication's subject: a whitelist, never the internal
/// record (no meeting links, contacts, comments or unit names).
// A page holds a few dozen of these at most: boxing the space would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PublicDetail {
    MediaWork {
        kind: MediaKind,
        duration: Option<Duration>,
        pages: Option<i64>,
        languages: String,
        published_on: Option<NaiveDate>,
        files: Vec<PublicFile>,
    },
    Event {
        kind: EventKind,
        format: EventFormat,
        /// UTC seconds.
        start_at: i64,
        end_at: i64,
        time_zone: String,
        venue: String,
    },
    Space {
        space: Space,
        photos: Vec<PublicFile>,
    },
    PlanSummary {
        plan_id: PlanId,
        plan_title: String,
        /// The chosen targets with the figures every page shows.
        targets: Vec<crate::TargetProgress>,
    },
}

/// A visible publication with what the public sees of its subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicEntry {
    pub publication: Publication,
    pub detail: PublicDetail,
}

/// A creative space as created or edited.
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceInput {
    pub name: String,
    pub name_en: String,
    pub kind: SpaceKind,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    pub description: String,
    pub description_en: String,
    pub opening_hours: String,
    pub opening_hours_en: String,
    /// http(s) addresses.
    pub links: Vec<String>,
    /// A photo-set work whose images show the space.
    pub photo_set: Option<MediaWorkId>,
}

/// A stored creative space.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Space {
    pub id: SpaceId,
    pub name: String,
    pub name_en: String,
    pub kind: SpaceKind,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    pub description: String,
    pub description_en: String,
    pub opening_hours: String,
    pub opening_hours_en: String,
    pub links: Vec<String>,
    pub photo_set: Option<MediaWorkId>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

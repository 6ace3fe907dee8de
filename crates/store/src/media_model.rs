//! What the media works API (issue 18) takes and returns.

use chrono::NaiveDate;
use domain::media::{Duration, MediaFileId, MediaKind, MediaStage, MediaWorkId};
use domain::{EventId, ItemId, UnitId, UserId};
use serde::Serialize;

/// A work as created or edited (its stage moves through [`crate::Store::move_media_stage`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MediaInput {
    pub kind: MediaKind,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    /// The unit that makes it (its people edit and move it).
    pub unit: UnitId,
    /// The plan item it is made for; its counting rules see it through this link.
    pub item: Option<ItemId>,
    /// The event it was made for or shown at.
    pub event: Option<EventId>,
    /// The contract that pays for it (budget, issue 14).
    pub contract: Option<i64>,
    pub duration: Option<Duration>,
    pub pages: Option<i64>,
    /// "vi, en".
    pub languages: String,
    pub print_run: Option<i64>,
    /// "MP4 1080p", "A4, 40 trang màu", …
    pub format: String,
    /// Owner and due date of each stage; stages left out have neither.
    pub stage_plans: Vec<StagePlan>,
}

/// Who carries a stage and by when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StagePlan {
    pub stage: MediaStage,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// A stored work with its links, stage plans and files.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaWork {
    pub id: MediaWorkId,
    pub kind: MediaKind,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    pub stage: MediaStage,
    pub unit: UnitId,
    pub unit_name: String,
    pub item: Option<ItemId>,
    pub item_title: Option<String>,
    pub plan_id: Option<domain::PlanId>,
    pub event: Option<EventId>,
    pub event_title: Option<String>,
    pub contract: Option<i64>,
    pub contract_label: Option<String>,
    pub duration: Option<Duration>,
    pub pages: Option<i64>,
    pub languages: String,
    pub print_run: Option<i64>,
    pub format: String,
    pub published_on: Option<NaiveDate>,
    pub stage_plans: Vec<StagePlan>,
    pub files: Vec<MediaFile>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl MediaWork {
    /// The plan of each stage, in order, empty where none was set.
    pub fn plan_of(&self, stage: MediaStage) -> StagePlan {
        self.stage_plans
            .iter()
            .find(|p| p.stage == stage)
            .cloned()
            .unwrap_or(StagePlan {
                stage,
                owner: String::new(),
                due: None,
            })
    }
}

/// A file of a work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MediaFile {
    pub id: MediaFileId,
    pub work_id: MediaWorkId,
    pub stage: MediaStage,
    pub size: i64,
    pub mime: String,
    pub original_name: String,
    pub stored_path: String,
    /// A 320-pixel-wide JPEG of an image, and a 1280-pixel one for screens.
    pub thumb_path: Option<String>,
    pub screen_path: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: i64,
}

/// A file to record: the stored original and, for an image, its smaller copies.
#[derive(Debug, Clone)]
pub struct NewMediaFile {
    pub file: crate::evidence_store::StoredFile,
    pub original_name: String,
    pub thumb: Option<crate::evidence_store::StoredFile>,
    pub screen: Option<crate::evidence_store::StoredFile>,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

/// Which works a list shows (all filters optional; a partner sees only its units').
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MediaFilter {
    pub kind: Option<MediaKind>,
    pub stage: Option<MediaStage>,
    pub unit: Option<UnitId>,
    pub item: Option<ItemId>,
    pub plan: Option<domain::PlanId>,
    /// Only the works of these units (a partner's); None: all.
    pub visible_units: Option<Vec<UnitId>>,
}

//! The media works' closed vocabularies: kinds and production stages.

use crate::vocab::{Language, ParseError, vocabulary};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    /// What kind of work. Codes are those of [`crate::counting::RECORD_KINDS`], so that a
    /// work is counted by the same rules as any record.
    MediaKind, "media kind" {
        Clip = "clip", "clip", "clip";
        Documentary = "documentary", "phóng sự", "documentary";
        Magazine = "magazine", "chuyên đề tạp chí", "magazine feature";
        Publication = "publication", "ấn phẩm", "printed material";
        NewsPost = "news_post", "tin bài", "news post";
        PhotoSet = "photo_set", "bộ ảnh", "photo set";
    }
}

impl MediaKind {
    /// Whether the work is measured in time (a clip, a documentary).
    pub fn has_duration(self) -> bool {
        matches!(self, MediaKind::Clip | MediaKind::Documentary)
    }

    /// Whether the work is measured in pages (a magazine feature, a printed material).
    pub fn has_pages(self) -> bool {
        matches!(self, MediaKind::Magazine | MediaKind::Publication)
    }
}

vocabulary! {
    /// A work's production stage, in order.
    MediaStage, "media stage" {
        Brief = "brief", "đề cương", "brief";
        Script = "script", "kịch bản", "script";
        Production = "production", "sản xuất", "production";
        Review = "review", "thẩm định", "review";
        Approved = "approved", "đã duyệt", "approved";
        Published = "published", "đã phát hành", "published";
    }
}

impl MediaStage {
    /// 0 for the brief … 5 for published.
    pub fn position(self) -> usize {
        MediaStage::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<MediaStage> {
        MediaStage::ALL.get(self.position() + 1).copied()
    }

    pub fn previous(self) -> Option<MediaStage> {
        self.position()
            .checked_sub(1)
            .and_then(|p| MediaStage::ALL.get(p).copied())
    }
}

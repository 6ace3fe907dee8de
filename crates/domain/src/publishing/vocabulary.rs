//! The public site's closed vocabularies.

use crate::vocab::{Language, ParseError, vocabulary};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    /// What a publication shows.
    PublicKind, "public kind" {
        MediaWork = "media_work", "sản phẩm truyền thông", "media work";
        Event = "event", "sự kiện", "event";
        Space = "space", "không gian sáng tạo", "creative space";
        PlanSummary = "plan_summary", "tóm tắt kế hoạch", "plan summary";
    }
}

vocabulary! {
    /// Where a publication stands.
    PublicationState, "publication state" {
        Draft = "draft", "bản nháp", "draft";
        Review = "review", "chờ duyệt", "in review";
        Published = "published", "đã công bố", "published";
        Withdrawn = "withdrawn", "đã gỡ", "withdrawn";
    }
}

vocabulary! {
    /// What kind of place a creative space is.
    SpaceKind, "space kind" {
        Museum = "museum", "bảo tàng", "museum";
        Gallery = "gallery", "phòng trưng bày", "gallery";
        CreativeHub = "creative_hub", "không gian sáng tạo", "creative hub";
        CraftVillage = "craft_village", "làng nghề", "craft village";
        Theatre = "theatre", "nhà hát", "theatre";
        Library = "library", "thư viện", "library";
        Heritage = "heritage", "di tích", "heritage site";
        Other = "other", "khác", "other";
    }
}

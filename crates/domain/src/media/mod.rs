//! Media works (issue 18): the clips, documentary (phóng sự), magazine features
//! (chuyên đề tạp chí), printed materials (ấn phẩm), news posts and photo sets the plan
//! commissions. A work goes through its production stages, đề cương → kịch bản → sản xuất
//! → thẩm định → đã duyệt → đã phát hành, and once published it counts toward the targets
//! like a held event: its countable record carries its kind, "published", its publication
//! date and its minutes or pages ([`record_numbers`]).
//!
//! Errors carry a stable key (`media.*`) and typed fields; the web layer words them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod error;
mod specs;
mod stages;
mod vocabulary;

pub use error::MediaError;
pub use specs::{Duration, MAX_PAGES, MAX_PRINT_RUN, parse_count, parse_duration};
pub use stages::{
    StageMove, can_create_work, can_edit_work, can_view_work, check_stage_move, leaves_the_count,
    record_status, stage_moves, status_after_stage,
};
pub use vocabulary::{MediaKind, MediaStage};

crate::ids::id_type!(
    /// A media work (clip, phóng sự, chuyên đề tạp chí, …).
    MediaWorkId,
    /// A file of a media work (script, cut, proof, photo).
    MediaFileId,
);

/// The numbers a work's countable record carries, as counting rules sum them: the
/// duration in minutes (14 min 30 s is 14.5) and the pages.
pub fn record_numbers(duration: Option<Duration>, pages: Option<i64>) -> Vec<(&'static str, f64)> {
    let mut out = Vec::new();
    if let Some(d) = duration {
        out.push(("minutes", d.minutes()));
    }
    if let Some(p) = pages {
        out.push(("pages", p as f64));
    }
    out
}

#[cfg(test)]
mod tests;

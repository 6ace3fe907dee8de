//! Optimistic concurrency: an edit made on a version someone else has since replaced.

use crate::vocab::Language;
use serde::{Deserialize, Serialize};

/// Saving over a version someone else has replaced. Both versions travel with the error
/// so that the page can show what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("edit conflict: you edited version {attempted}, the current version is {current}")]
pub struct Conflict {
    pub current: i64,
    pub attempted: i64,
}

impl Conflict {
    pub fn message(&self, lang: Language) -> String {
        match lang {
            Language::Vi => format!(
                "Xung đột chỉnh sửa: bạn sửa phiên bản {}, nhưng đã có phiên bản {} mới hơn. \
                 Hãy xem lại cả hai trước khi lưu.",
                self.attempted, self.current
            ),
            Language::En => format!(
                "Edit conflict: you edited version {}, but version {} is newer. \
                 Review both before saving.",
                self.attempted, self.current
            ),
        }
    }
}

/// Ok when the edit was made on the current version.
pub fn check_version(current: i64, attempted: i64) -> Result<(), Conflict> {
    if current == attempted {
        Ok(())
    } else {
        Err(Conflict { current, attempted })
    }
}

//! Optimistic concurrency: an edit made on a version someone else has since replaced.

use serde::{Deserialize, Serialize};

/// Saving over a version someone else has replaced. Both versions travel with the error
/// so that the page can show what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("edit conflict: you edited version {attempted}, the current version is {current}")]
pub struct Conflict {
    pub current: i64,
    pub attempted: i64,
}

/// Ok when the edit was made on the current version.
pub fn check_version(current: i64, attempted: i64) -> Result<(), Conflict> {
    if current == attempted {
        Ok(())
    } else {
        Err(Conflict { current, attempted })
    }
}

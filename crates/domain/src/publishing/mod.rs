//! The public site's publishing (issue 18): what the department shows the public, in
//! Vietnamese and English, and the path each thing takes there: bản nháp → chờ duyệt →
//! đã công bố, with an embargo, and withdrawal that keeps the history.
//!
//! A publication carries its own public title and summary in both languages, reviewed by
//! the Office (Văn phòng Sở) or the Board; public pages show those texts and a few
//! whitelisted facts of the subject (an event's dates, a work's files), never the
//! internal record itself.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

mod error;
mod places;
mod rules;
mod vocabulary;

pub use error::PublishError;
pub use places::{HANOI_BOUNDS, check_point};
pub use rules::{
    Translated, can_propose, can_publish, check_publication_move, is_visible, publication_moves,
    translated,
};
pub use vocabulary::{PublicKind, PublicationState, SpaceKind};

crate::ids::id_type!(
    /// A publication on the public site.
    PublicationId,
    /// A creative space of the public catalogue.
    SpaceId,
);

#[cfg(test)]
mod tests;

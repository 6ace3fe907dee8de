//! vanban: reads Vietnamese administrative documents (*văn bản hành chính*), above all the
//! plan (*Kế hoạch*), into a [`ParsedPlan`].
//!
//! Pure: no database, no async, no I/O beyond [`read_file`]. Data flows one way:
//! bytes → [`input`] (decode, extract) → [`lines`] (clean, join) → [`parse`] (structure)
//! → [`ParsedPlan`]. The pieces that understand small phrases (dates, targets,
//! deadlines, units, document references, money) live in [`phrases`] and are used by
//! other crates too.
//!
//! Modules depend downwards only: `parse` → `lines` → `markers` → `phrases` → `model`,
//! `text` (`parse` also uses `markers` and `phrases` directly). `markers` reads what a line
//! opens with; both `lines` and `parse` need it, so it sits below them both.

pub mod input;
pub mod lines;
mod markers;
pub mod model;
pub mod outline;
pub mod parse;
pub mod phrases;
pub use vntext::text;

pub use input::{Format, OtherDocument, ReadError};
pub use model::*;
pub use parse::{is_bullet, strip_bullets};

use std::path::Path;

/// Parses already-decoded text (any of the supported text layouts).
pub fn parse_text(text: &str) -> ParsedPlan {
    parse::parse(text)
}

/// Reads a document held in memory. `name` is used to guess the format and in errors.
pub fn read_bytes(
    bytes: &[u8],
    name: &str,
    format: Option<Format>,
) -> Result<ParsedPlan, ReadError> {
    let text = input::extract_text(bytes, name, format)?;
    Ok(parse::parse(&text))
}

/// Reads a document from disk.
pub fn read_file(path: &Path, format: Option<Format>) -> Result<ParsedPlan, ReadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io {
        name: name.clone(),
        message: e.to_string(),
    })?;
    read_bytes(&bytes, &name, format)
}

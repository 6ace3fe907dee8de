//! vanban: reads Vietnamese administrative documents (*văn bản hành chính*), above all the
//! plan (*Kế hoạch*), into a [`ParsedPlan`].
//!
//! Pure: no database, no async, no I/O beyond [`read_file`] and [`input::ocr`] (which runs
//! `pdftoppm` and `tesseract` on a scanned PDF when they are installed). Data flows one way:
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
    let extracted = input::extract(bytes, name, format)?;
    let mut plan = parse::parse(&extracted.text);
    if extracted.by_ocr {
        plan.warnings.insert(
            0,
            Warning {
                line: 1,
                message: "read by OCR from a scan (đọc bằng OCR): the text may hold \
                          recognition errors; check every field against the document"
                    .into(),
            },
        );
    }
    Ok(plan)
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

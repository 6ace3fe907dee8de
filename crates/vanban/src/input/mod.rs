//! From bytes to text: format detection, character decoding, DOCX and PDF extraction.
//!
//! Everything that comes out of here is NFC text with `\n` line ends. Failures are
//! [`ReadError`]s that name the file and say, by their variant and typed fields, what is
//! wrong; the words a user reads are the caller's (the CLI and the web word them from
//! [`ReadError::key`]). Nothing here panics on hostile input.

mod decode;
mod docx;
pub mod ocr;
mod pdf;
mod pdf_layout;
#[cfg(test)]
mod tests;

use crate::text::nfc;
use std::str::FromStr;

pub use decode::decode_text;
pub use docx::docx_text;
pub use pdf::pdf_text;

/// The input formats the reader understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, including pdftotext and antiword output.
    Txt,
    /// Markdown or scraped web text (`**bold**`, `|` cells, HTML tables).
    Md,
    Docx,
    Pdf,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Ok(Format::Txt),
            "md" | "markdown" | "html" => Ok(Format::Md),
            "docx" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            other => Err(format!(
                "unknown format '{other}' (expected txt, md, docx or pdf)"
            )),
        }
    }
}

impl Format {
    /// Guesses the format from the content first (magic bytes), then from the name.
    pub fn detect(bytes: &[u8], name: &str) -> Format {
        if bytes.starts_with(b"%PDF-") {
            return Format::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::Docx;
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".pdf") {
            Format::Pdf
        } else if lower.ends_with(".docx") {
            Format::Docx
        } else if lower.ends_with(".md") || lower.ends_with(".html") || lower.ends_with(".htm") {
            Format::Md
        } else {
            Format::Txt
        }
    }
}

/// Why a file could not be read. Each variant names the file; the `Display` text is for
/// logs, and [`ReadError::key`] names the case for callers that word it for a user.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("{name}: cannot read the file: {message}")]
    Io { name: String, message: String },
    #[error("{name}: the file is empty")]
    Empty { name: String },
    #[error("{name}: not a text document (binary content at byte {offset})")]
    Binary { name: String, offset: usize },
    #[error("{name}: the text is not UTF-8 or UTF-16 (invalid byte at {offset})")]
    Encoding { name: String, offset: usize },
    /// An old Word file (the OLE2 `.doc` format); `renamed` when its name says `.docx`.
    #[error("{name}: an old Word (.doc) file{}; save it as .docx", if *renamed { " renamed .docx" } else { "" })]
    LegacyWord { name: String, renamed: bool },
    /// An office file or archive that is not a Word document: a spreadsheet, a
    /// presentation, an OpenDocument file or another zip archive.
    #[error("{name}: not a Word document ({kind:?})")]
    NotWord { name: String, kind: OtherDocument },
    /// A PDF, or a Word file, that needs a password to open.
    #[error("{name}: the document is protected by a password")]
    Encrypted { name: String },
    /// A PDF whose pages hold no text: a scan, to be read by OCR.
    #[error("{name}: the PDF has no text layer ({pages} pages, scanned?)")]
    NoTextLayer { name: String, pages: usize },
    #[error("{name}: not a readable .docx file: {message}")]
    Docx { name: String, message: String },
    #[error("{name}: not a readable PDF file: {message}")]
    Pdf { name: String, message: String },
}

impl ReadError {
    /// The file name the error is about.
    pub fn file_name(&self) -> &str {
        match self {
            ReadError::Io { name, .. }
            | ReadError::Empty { name }
            | ReadError::Binary { name, .. }
            | ReadError::Encoding { name, .. }
            | ReadError::LegacyWord { name, .. }
            | ReadError::NotWord { name, .. }
            | ReadError::Encrypted { name }
            | ReadError::NoTextLayer { name, .. }
            | ReadError::Docx { name, .. }
            | ReadError::Pdf { name, .. } => name,
        }
    }

    /// A stable name for the case, for messages kept outside the reader
    /// (`refusal-reader-KEY` in the web's locale files).
    pub fn key(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "io",
            ReadError::Empty { .. } => "empty",
            ReadError::Binary { .. } => "binary",
            ReadError::Encoding { .. } => "encoding",
            ReadError::LegacyWord { renamed: false, .. } => "legacy_word",
            ReadError::LegacyWord { renamed: true, .. } => "legacy_word_renamed",
            ReadError::NotWord { .. } => "not_word",
            ReadError::Encrypted { .. } => "encrypted",
            ReadError::NoTextLayer { .. } => "no_text_layer",
            ReadError::Docx { .. } => "docx",
            ReadError::Pdf { .. } => "pdf",
        }
    }
}

/// What a file that is not a Word document turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherDocument {
    /// Excel (.xlsx or the old .xls).
    Spreadsheet,
    /// PowerPoint (.pptx or the old .ppt).
    Presentation,
    /// An OpenDocument file (.odt, .ods, ...), from LibreOffice.
    OpenDocument,
    /// Any other zip archive or compound file.
    Other,
}

impl OtherDocument {
    pub fn key(self) -> &'static str {
        match self {
            OtherDocument::Spreadsheet => "spreadsheet",
            OtherDocument::Presentation => "presentation",
            OtherDocument::OpenDocument => "opendocument",
            OtherDocument::Other => "other",
        }
    }
}

/// Largest document body the reader accepts after decompression (DOCX) — a guard
/// against zip bombs, far above any real plan.
pub const MAX_EXTRACTED_BYTES: u64 = 64 * 1024 * 1024;

/// The OLE2 compound file signature: old Word, Excel and PowerPoint files, and
/// password-protected .docx files.
const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// A document's text, and whether it was read by OCR from a scan.
pub struct Extracted {
    pub text: String,
    pub by_ocr: bool,
}

/// Turns a file's bytes into NFC text, whatever its format: the text the file holds (a
/// scan is [`ReadError::NoTextLayer`] here; [`extract`] reads it by OCR).
pub fn extract_text(bytes: &[u8], name: &str, format: Option<Format>) -> Result<String, ReadError> {
    extract_layer(bytes, name, format)
}

/// [`extract_text`], and a scanned PDF read by OCR when `tesseract` is installed
/// ([`ocr`]).
pub fn extract(bytes: &[u8], name: &str, format: Option<Format>) -> Result<Extracted, ReadError> {
    match extract_layer(bytes, name, format) {
        Err(scan @ ReadError::NoTextLayer { .. }) if ocr::available() => {
            let raw = ocr::ocr_pdf(bytes).map_err(|message| ReadError::Pdf {
                name: name.to_string(),
                message,
            })?;
            let text = nfc(&raw.replace("\r\n", "\n"));
            // Nothing recognised: still a scan without text.
            if text.trim().is_empty() {
                return Err(scan);
            }
            Ok(Extracted { text, by_ocr: true })
        }
        other => other.map(|text| Extracted {
            text,
            by_ocr: false,
        }),
    }
}

/// The text the file itself holds.
fn extract_layer(bytes: &[u8], name: &str, format: Option<Format>) -> Result<String, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            name: name.to_string(),
        });
    }
    if bytes.starts_with(OLE2_MAGIC) {
        return Err(ole2_error(bytes, name));
    }
    let format = format.unwrap_or_else(|| Format::detect(bytes, name));
    let raw = match format {
        Format::Txt | Format::Md => decode_text(bytes, name)?,
        Format::Docx => docx_text(bytes, name)?,
        Format::Pdf => pdf_text(bytes, name)?,
    };
    let text = nfc(&raw.replace("\r\n", "\n").replace('\r', "\n"));
    if text.trim().is_empty() {
        return Err(ReadError::Empty {
            name: name.to_string(),
        });
    }
    Ok(text)
}

/// What an OLE2 file is, from the names of its streams: an encrypted Office file (its
/// package is the stream "EncryptedPackage"), an old Word, Excel or PowerPoint file.
fn ole2_error(bytes: &[u8], name: &str) -> ReadError {
    let holds = |stream: &str| {
        let needle: Vec<u8> = stream.encode_utf16().flat_map(u16::to_le_bytes).collect();
        memchr::memmem::find(bytes, &needle).is_some()
    };
    let name = name.to_string();
    if holds("EncryptedPackage") {
        ReadError::Encrypted { name }
    } else if holds("WordDocument") {
        let renamed = name.to_ascii_lowercase().ends_with(".docx");
        ReadError::LegacyWord { name, renamed }
    } else {
        let kind = if holds("Workbook") || holds("Book") {
            OtherDocument::Spreadsheet
        } else if holds("PowerPoint Document") {
            OtherDocument::Presentation
        } else {
            OtherDocument::Other
        };
        ReadError::NotWord { name, kind }
    }
}

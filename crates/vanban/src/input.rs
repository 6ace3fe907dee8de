//! From bytes to text: format detection, character decoding, DOCX and PDF extraction.
//!
//! Everything that comes out of here is NFC text with `\n` line ends. Failures are
//! [`ReadError`]s that name the file; nothing here panics on hostile input.

use crate::text::nfc;
use std::io::Read;
use std::str::FromStr;

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

/// Why a file could not be read. Each message names the file and says what was wrong.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("{name}: cannot read the file: {message}")]
    Io { name: String, message: String },
    #[error("{name}: the file is empty")]
    Empty { name: String },
    #[error("{name}: not a text document (binary content at byte {offset})")]
    Binary { name: String, offset: usize },
    #[error(
        "{name}: the text is not UTF-8 or UTF-16 with a byte-order mark (invalid byte at {offset})"
    )]
    Encoding { name: String, offset: usize },
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
            | ReadError::Docx { name, .. }
            | ReadError::Pdf { name, .. } => name,
        }
    }
}

/// Largest document body the reader accepts after decompression (DOCX) — a guard
/// against zip bombs, far above any real plan.
pub const MAX_EXTRACTED_BYTES: u64 = 64 * 1024 * 1024;

/// Turns a file's bytes into NFC text, whatever its format.
pub fn extract_text(bytes: &[u8], name: &str, format: Option<Format>) -> Result<String, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            name: name.to_string(),
        });
    }
    let format = format.unwrap_or_else(|| Format::detect(bytes, name));
    let raw = match format {
        Format::Txt | Format::Md => decode_text(bytes, name)?,
        Format::Docx => docx_text(bytes).map_err(|message| ReadError::Docx {
            name: name.to_string(),
            message,
        })?,
        Format::Pdf => pdf_text(bytes).map_err(|message| ReadError::Pdf {
            name: name.to_string(),
            message,
        })?,
    };
    let text = nfc(&raw.replace("\r\n", "\n").replace('\r', "\n"));
    if text.trim().is_empty() {
        return Err(ReadError::Empty {
            name: name.to_string(),
        });
    }
    Ok(text)
}

/// Decodes UTF-8 (with or without BOM) or UTF-16 with BOM, and refuses binary data.
pub fn decode_text(bytes: &[u8], name: &str) -> Result<String, ReadError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(rest, name, 3)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, name, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, name, u16::from_be_bytes)?
    } else {
        utf8(bytes, name, 0)?
    };
    if let Some(offset) = text.find(is_binary_char) {
        return Err(ReadError::Binary {
            name: name.to_string(),
            offset,
        });
    }
    Ok(text)
}

/// Control characters that never occur in a text document (form feed, tab and line ends do).
fn is_binary_char(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0E'..='\x1A' | '\x1C'..='\x1F' | '\u{7F}')
}

fn utf8(bytes: &[u8], name: &str, base: usize) -> Result<String, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = base + e.valid_up_to();
            // A NUL early on means binary rather than a foreign encoding.
            if memchr::memchr(0, &bytes[..bytes.len().min(4096)]).is_some() {
                Err(ReadError::Binary {
                    name: name.to_string(),
                    offset,
                })
            } else {
                Err(ReadError::Encoding {
                    name: name.to_string(),
                    offset,
                })
            }
        }
    }
}

fn utf16(bytes: &[u8], name: &str, unit: fn([u8; 2]) -> u16) -> Result<String, ReadError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ReadError::Encoding {
            name: name.to_string(),
            offset: bytes.len() + 1,
        });
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(ReadError::Encoding {
                    name: name.to_string(),
                    offset: 2 + i * 2,
                });
            }
        }
    }
    Ok(out)
}

/// Text of a .docx: paragraphs in document order, one per line; table rows as one line
/// with cells joined by " | " (paragraphs inside a cell joined by " / ").
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    use quick_xml::events::Event;

    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| "word/document.xml is missing".to_string())?;
    let mut xml = Vec::new();
    entry
        .take(MAX_EXTRACTED_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| e.to_string())?;
    if xml.len() as u64 > MAX_EXTRACTED_BYTES {
        return Err("word/document.xml is larger than 64 MB".into());
    }

    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut out = String::new();
    let mut para = String::new();
    let mut in_text = false;
    // Per open table: the cells of the current row, and the paragraphs of the current cell.
    let mut tables: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("XML error: {e}"))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tbl" => tables.push((Vec::new(), Vec::new())),
                b"tab" => para.push('\t'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => para.push('\t'),
                b"br" | b"cr" => para.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let s = t.decode().map_err(|e| e.to_string())?;
                para.push_str(&quick_xml::escape::unescape(&s).map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().map_err(|e| e.to_string())?;
                match r.resolve_char_ref().ok().flatten() {
                    Some(c) => para.push(c),
                    None => {
                        if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                            para.push_str(s)
                        }
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let p = std::mem::take(&mut para);
                    match tables.last_mut() {
                        Some((_, cell)) => cell.push(p.trim().to_string()),
                        None => {
                            out.push_str(&p);
                            out.push('\n');
                        }
                    }
                }
                b"tc" => {
                    if let Some((row, cell)) = tables.last_mut() {
                        let parts: Vec<String> = std::mem::take(cell)
                            .into_iter()
                            .filter(|p| !p.is_empty())
                            .collect();
                        row.push(parts.join(" / "));
                    }
                }
                b"tr" => {
                    if let Some((row, _)) = tables.last_mut() {
                        let line = std::mem::take(row).join(" | ");
                        if tables.len() == 1 {
                            out.push_str(&line);
                            out.push('\n');
                        } else if let Some((_, cell)) = tables.iter_mut().rev().nth(1) {
                            // A nested table's rows become paragraphs of the outer cell.
                            cell.push(line);
                        }
                    }
                }
                b"tbl" => {
                    tables.pop();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Text of a PDF through `pdf-extract`, which can panic on malformed files: the panic
/// is caught and reported as an error, and its message is kept off stderr.
pub fn pdf_text(bytes: &[u8]) -> Result<String, String> {
    quiet_panics::install();
    let owned = bytes.to_vec();
    let result = quiet_panics::run(move || pdf_extract::extract_text_from_mem(&owned));
    match result {
        Some(Ok(text)) => Ok(text),
        Some(Err(e)) => Err(e.to_string()),
        None => Err("the PDF's structure could not be decoded".into()),
    }
}

/// A panic hook that stays silent for panics inside [`quiet_panics::run`] on the same
/// thread and defers to the previous hook otherwise (safe with many threads).
mod quiet_panics {
    use std::cell::Cell;
    use std::sync::Once;

    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static INSTALL: Once = Once::new();

    pub fn install() {
        INSTALL.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !QUIET.with(Cell::get) {
                    previous(info);
                }
            }));
        });
    }

    pub fn run<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
        QUIET.with(|q| q.set(true));
        let r = std::panic::catch_unwind(f).ok();
        QUIET.with(|q| q.set(false));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode_text("Kế hoạch".as_bytes(), "a.txt").unwrap(),
            "Kế hoạch"
        );
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Kế hoạch".as_bytes());
        assert_eq!(decode_text(&b, "a.txt").unwrap(), "Kế hoạch");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Kế hoạch".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_text(&le, "a.txt").unwrap(), "Kế hoạch");
        assert_eq!(decode_text(&be, "a.txt").unwrap(), "Kế hoạch");
    }

    #[test]
    fn latin1_and_binary_are_refused_with_the_file_name() {
        let e = decode_text(b"K\xe9 ho\xe1ch", "cu.txt").unwrap_err();
        assert!(matches!(e, ReadError::Encoding { .. }));
        assert!(e.to_string().starts_with("cu.txt:"));
        let e = decode_text(b"\x7fELF\x02\x01\x01\0\0\0", "a.out").unwrap_err();
        assert!(matches!(e, ReadError::Binary { .. }), "{e:?}");
        let e = extract_text(b"", "rong.txt", None).unwrap_err();
        assert_eq!(
            e,
            ReadError::Empty {
                name: "rong.txt".into()
            }
        );
    }

    #[test]
    fn text_is_nfc_after_extraction() {
        // "hoá" written decomposed: o + combining acute.
        let t = extract_text("ho\u{61}\u{301}".as_bytes(), "a.txt", None).unwrap();
        assert_eq!(t, "hoá");
    }

    #[test]
    fn broken_docx_and_pdf_are_errors_not_panics() {
        assert!(matches!(
            extract_text(b"PK\x03\x04garbage", "x.docx", None),
            Err(ReadError::Docx { .. })
        ));
        assert!(matches!(
            extract_text(b"%PDF-1.4 garbage", "x.pdf", None),
            Err(ReadError::Pdf { .. })
        ));
        assert!(matches!(
            extract_text(b"plain", "x.pdf", Some(Format::Pdf)),
            Err(ReadError::Pdf { .. })
        ));
    }

    #[test]
    fn format_detection() {
        assert_eq!(Format::detect(b"%PDF-1.7", "a.txt"), Format::Pdf);
        assert_eq!(Format::detect(b"abc", "a.DOCX"), Format::Docx);
        assert_eq!(Format::detect(b"abc", "a.md"), Format::Md);
        assert_eq!(Format::detect(b"abc", "a"), Format::Txt);
        assert_eq!("docx".parse::<Format>(), Ok(Format::Docx));
        assert!("odt".parse::<Format>().is_err());
    }
}

//! The DOCX package as docx-rs packs it, finished: its WordprocessingML parts in schema
//! order (with what docx-rs cannot write added), the core properties of the report, and
//! every part deflated.

use super::model::{OfficialReport, ReportError};
use super::part_rewrite::{Addition, rewrite};

/// The language of the text, for spelling and hyphenation (BCP 47, as Word writes it).
pub(super) const LANGUAGE: &str = "vi-VN";

/// What [`finish`] changes besides the order of the parts' elements.
pub(super) struct Finish {
    /// `docProps/core.xml`, whole.
    pub core: String,
    /// The last table of the body repeats its first row on every page (the appendix).
    pub header_row_in_last_table: bool,
}

/// `docProps/core.xml`: the issuing agency as author, the writing time as created and
/// modified, the subject as title, Vietnamese as language.
pub(super) fn core_properties(r: &OfficialReport) -> String {
    use quick_xml::escape::escape;
    let at = r
        .written_at
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let agency = escape(r.agency.trim());
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{title}</dc:title>\
         <dc:creator>{agency}</dc:creator>\
         <cp:lastModifiedBy>{agency}</cp:lastModifiedBy>\
         <cp:revision>1</cp:revision>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{at}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{at}</dcterms:modified>\
         <dc:language>{LANGUAGE}</dc:language>\
         </cp:coreProperties>",
        title = escape(r.subject.trim()),
    )
}

/// docx-rs stores its parts uncompressed (a year report would weigh megabytes) and in its
/// own element order. The parts are copied into a new archive in the same order
/// (`[Content_Types].xml` first), rewritten as [`Finish`] says, and deflated.
pub(super) fn finish(stored: &[u8], how: &Finish) -> Result<Vec<u8>, ReportError> {
    use std::io::{Read, Write};
    let err = |e: &dyn std::fmt::Display| ReportError::Docx(e.to_string());
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(stored)).map_err(|e| err(&e))?;
    let mut output =
        zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(stored.len() / 4)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6));
    let mut buf = Vec::new();
    for i in 0..input.len() {
        let mut f = input.by_index(i).map_err(|e| err(&e))?;
        let name = f.name().map_err(|e| err(&e))?.to_string();
        if f.is_dir() {
            continue;
        }
        buf.clear();
        f.read_to_end(&mut buf).map_err(|e| err(&e))?;
        let part: std::borrow::Cow<[u8]> = match name.as_str() {
            "docProps/core.xml" => how.core.as_bytes().into(),
            "word/styles.xml" => rewrite(&buf, &[Addition::DefaultLanguage(LANGUAGE)])
                .map_err(|e| err(&e))?
                .into(),
            "word/document.xml" if how.header_row_in_last_table => {
                rewrite(&buf, &[Addition::HeaderRowInLastTable])
                    .map_err(|e| err(&e))?
                    .into()
            }
            n if n.starts_with("word/") && n.ends_with(".xml") => {
                rewrite(&buf, &[]).map_err(|e| err(&e))?.into()
            }
            _ => buf.as_slice().into(),
        };
        output.start_file(name, options).map_err(|e| err(&e))?;
        output.write_all(&part).map_err(|e| err(&e))?;
    }
    Ok(output.finish().map_err(|e| err(&e))?.into_inner())
}

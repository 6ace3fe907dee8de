use super::{MAX_EXTRACTED_BYTES, OtherDocument, ReadError};
use std::io::Read;

/// Text of a .docx: paragraphs in document order, one per line; table rows as one line
/// with cells joined by " | " (paragraphs inside a cell joined by " / ").
pub fn docx_text(bytes: &[u8], name: &str) -> Result<String, ReadError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| ReadError::Docx {
            name: name.to_string(),
            message: e.to_string(),
        })?;
    if archive.index_for_name("word/document.xml").is_none() {
        return Err(ReadError::NotWord {
            name: name.to_string(),
            kind: zip_kind(&mut archive),
        });
    }
    document_xml_text(&mut archive).map_err(|message| ReadError::Docx {
        name: name.to_string(),
        message,
    })
}

/// What a zip archive without a Word body holds, from its entries' names.
fn zip_kind<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> OtherDocument {
    if archive.index_for_name("xl/workbook.xml").is_some() {
        return OtherDocument::Spreadsheet;
    }
    if archive.index_for_name("ppt/presentation.xml").is_some() {
        return OtherDocument::Presentation;
    }
    let mut mimetype = String::new();
    if let Ok(entry) = archive.by_name("mimetype") {
        let _ = entry.take(200).read_to_string(&mut mimetype);
    }
    if mimetype.starts_with("application/vnd.oasis.opendocument") {
        OtherDocument::OpenDocument
    } else {
        OtherDocument::Other
    }
}

fn document_xml_text<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
) -> Result<String, String> {
    use quick_xml::events::Event;

    let entry = archive
        .by_name("word/document.xml")
        .map_err(|e| e.to_string())?;
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

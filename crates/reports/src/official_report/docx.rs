//! [`to_docx`]: the whole report as DOCX bytes (body in portrait, appendix in landscape),
//! deflated.

use super::decree::{
    A4_HEIGHT, A4_WIDTH, ASSESSMENT_HEADINGS, BODY_SIZE, SECTION_HEADINGS, TEXT_WIDTH,
    number_reference,
};
use super::model::{OfficialReport, ReportError};
use super::paragraphs::{
    centred, fonts, heading, margins, narrative, page_number_header, rule, run,
};
use super::parts::{appendix_table, closing_table, header_table, result_paragraphs};
use docx_rs::{Docx, Header, PageOrientationType, Paragraph, SectionProperty};

/// The report as DOCX bytes.
pub fn to_docx(r: &OfficialReport) -> Result<Vec<u8>, ReportError> {
    // Both headers are registered on the document's own (last) section, which is how
    // docx-rs adds their parts; a body section before a landscape appendix points at the
    // same two parts. (docx-rs's `Section` keeps only one header of several.)
    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .header(page_number_header())
        .first_header(Header::new())
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_orient(PageOrientationType::Portrait)
        .page_margin(margins());
    let body_section: SectionProperty = docx.document.section_property.clone().title_pg();

    docx = docx
        .add_table(header_table(r))
        .add_paragraph(centred(vec![run("").size(BODY_SIZE)]))
        .add_paragraph(centred(vec![run("BÁO CÁO").bold().size(BODY_SIZE)]))
        .add_paragraph(centred(vec![run(r.subject.trim()).bold().size(BODY_SIZE)]))
        .add_paragraph(rule(TEXT_WIDTH, TEXT_WIDTH / 5))
        .add_paragraph(centred(vec![run("").size(BODY_SIZE)]));

    let n = &r.narrative;
    let mut paragraphs: Vec<Paragraph> = vec![heading(SECTION_HEADINGS[0])];
    paragraphs.extend(narrative(&n.direction));
    paragraphs.push(heading(SECTION_HEADINGS[1]));
    paragraphs.extend(narrative(&n.results_intro));
    for row in &r.results {
        paragraphs.extend(result_paragraphs(row));
    }
    paragraphs.push(heading(SECTION_HEADINGS[2]));
    for (h, text) in ASSESSMENT_HEADINGS
        .iter()
        .zip([&n.achievements, &n.difficulties, &n.causes])
    {
        paragraphs.push(heading(h));
        paragraphs.extend(narrative(text));
    }
    paragraphs.push(heading(SECTION_HEADINGS[3]));
    paragraphs.extend(narrative(&n.next_tasks));
    paragraphs.push(heading(SECTION_HEADINGS[4]));
    paragraphs.extend(narrative(&n.proposals));
    paragraphs.extend(narrative(&r.closing));
    for p in paragraphs {
        docx = docx.add_paragraph(p);
    }
    docx = docx.add_table(closing_table(r));

    if r.appendix.is_empty() {
        // The document's own section is the body: numbered from page 2.
        docx.document.section_property.title_pg = true;
    } else {
        let reference = format!(
            "(Kèm theo Báo cáo {} {})",
            number_reference(r.number.as_deref(), &r.symbol),
            match r.date {
                Some(d) => format!("ngày {}", d.format("%d/%m/%Y")),
                None => format!("năm {}", r.year),
            }
        );
        // The paragraph carrying the body's sectPr ends the portrait section.
        docx = docx
            .add_paragraph(Paragraph::new().section_property(body_section))
            .add_paragraph(centred(vec![run("PHỤ LỤC").bold().size(BODY_SIZE)]))
            .add_paragraph(centred(vec![
                run(r.appendix_title.trim()).bold().size(BODY_SIZE),
            ]))
            .add_paragraph(centred(vec![run(&reference).italic().size(BODY_SIZE)]))
            .add_paragraph(centred(vec![run("").size(BODY_SIZE)]))
            .add_table(appendix_table(&r.appendix))
            .page_size(A4_HEIGHT, A4_WIDTH)
            .page_orient(PageOrientationType::Landscape);
        // Every appendix page is numbered (the first-page header is then unused).
        docx.document.section_property.title_pg = false;
    }

    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| ReportError::Docx(e.to_string()))?;
    deflate(&out.into_inner())
}

/// docx-rs stores its parts uncompressed; a year report would weigh megabytes. The parts
/// are copied into a new archive, deflated, in the same order (`[Content_Types].xml`
/// first).
pub(super) fn deflate(stored: &[u8]) -> Result<Vec<u8>, ReportError> {
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
        output.start_file(name, options).map_err(|e| err(&e))?;
        output.write_all(&buf).map_err(|e| err(&e))?;
    }
    Ok(output.finish().map_err(|e| err(&e))?.into_inner())
}

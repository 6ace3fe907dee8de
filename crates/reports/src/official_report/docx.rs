//! [`to_docx`]: the whole report as DOCX bytes (body in portrait, appendix in landscape),
//! laid out with docx-rs and finished by [`super::package`].

use super::decree::{
    A4_HEIGHT, A4_WIDTH, ASSESSMENT_HEADINGS, BODY_SIZE, SECTION_HEADINGS, TEXT_WIDTH,
    number_reference,
};
use super::model::{OfficialReport, ReportError};
use super::package::{Finish, core_properties, finish};
use super::paragraphs::{
    centred, fonts, heading, margins, narrative, page_number_header, rule, run,
};
use super::parts::{appendix_table, closing_table, header_table, result_paragraphs};
use super::sections::section_paragraphs;
use docx_rs::{Docx, Header, PageOrientationType, Paragraph, SectionProperty};

/// The report as DOCX bytes.
pub fn to_docx(r: &OfficialReport) -> Result<Vec<u8>, ReportError> {
    finish(
        &packed(r)?,
        &Finish {
            core: core_properties(r),
            header_row_in_last_table: !r.appendix.is_empty(),
        },
    )
}

/// The package as docx-rs packs it: stored, in docx-rs's element order.
pub(super) fn packed(r: &OfficialReport) -> Result<Vec<u8>, ReportError> {
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
    if r.sections.is_empty() {
        for row in &r.results {
            paragraphs.extend(result_paragraphs(row));
        }
    } else {
        for s in &r.sections {
            paragraphs.extend(section_paragraphs(s));
        }
    }
    if let Some(m) = r.money.as_ref().filter(|m| !m.sentence.trim().is_empty()) {
        paragraphs.push(super::paragraphs::body(m.sentence.trim()));
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
    Ok(out.into_inner())
}

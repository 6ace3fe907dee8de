//! DOCX building blocks in the decree's typeface: runs, centred, body and heading
//! paragraphs, the short rule, table cells, the page-number header and the margins.

use super::decree::{BODY_SIZE, FONT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP};
use docx_rs::{
    AlignmentType, BorderType, Header, LineSpacing, PageMargin, PageNum, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType,
    TableCell, WidthType,
};

pub(super) fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// A run of text in the report's font.
pub(super) fn run(text: &str) -> Run {
    Run::new().add_text(text).fonts(fonts())
}

pub(super) fn centred(runs: Vec<Run>) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0));
    for r in runs {
        p = p.add_run(r);
    }
    p
}

/// A body paragraph: justified, 1 cm first-line indent, 6 pt after.
pub(super) fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(120))
        .add_run(run(text).size(BODY_SIZE))
}

pub(super) fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(120).after(120))
        .keep_next(true)
        .add_run(run(text).bold().size(BODY_SIZE))
}

/// Editable text: one paragraph per non-empty line.
pub(super) fn narrative(text: &str) -> Vec<Paragraph> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(body)
        .collect()
}

/// A short horizontal rule under a centred line: an empty paragraph whose bottom border is
/// drawn between its indents (Word and LibreOffice both honour that).
pub(super) fn rule(cell_width: usize, rule_width: usize) -> Paragraph {
    let side = (cell_width.saturating_sub(rule_width) / 2) as i32;
    Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(120))
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6),
            ),
        )
}

pub(super) fn cell(width: usize) -> TableCell {
    TableCell::new().width(width, WidthType::Dxa)
}

/// The page number, centred in the top margin (Nghị định 30/2020, Phụ lục I, mục IV.5).
pub(super) fn page_number_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new())
            .size(BODY_SIZE)
            .fonts(fonts()),
    )
}

pub(super) fn margins() -> PageMargin {
    PageMargin::new()
        .top(MARGIN_TOP)
        .bottom(MARGIN_BOTTOM)
        .left(MARGIN_LEFT)
        .right(MARGIN_RIGHT)
        .header(567)
        .footer(567)
        .gutter(0)
}

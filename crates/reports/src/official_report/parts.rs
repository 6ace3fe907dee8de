//! The report's parts as DOCX: the header table (agencies, motto, number, place and date),
//! one item of section II, the closing table (Nơi nhận, signer) and the appendix table.

use super::decree::{
    APPENDIX_HEADERS, BODY_SIZE, COUNTRY_SIZE, HEADER_LEFT_WIDTH, HEADER_SIZE,
    LANDSCAPE_TEXT_WIDTH, MOTTO, MOTTO_COUNTRY, RECIPIENTS_SIZE, RECIPIENTS_TITLE_SIZE, TABLE_SIZE,
    TEXT_WIDTH, number_line, place_date_line,
};
use super::model::{AppendixRow, OfficialReport, ResultRow};
use super::paragraphs::{body, cell, centred, rule, run};
use docx_rs::{
    AlignmentType, LineSpacing, Paragraph, SpecialIndentType, Table, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

/// The header table: agencies left, the national motto right.
pub(super) fn header_table(r: &OfficialReport) -> Table {
    let left_w = HEADER_LEFT_WIDTH;
    let right_w = TEXT_WIDTH - left_w;
    let mut left = cell(left_w);
    if !r.parent_agency.trim().is_empty() {
        left = left.add_paragraph(centred(vec![
            run(&r.parent_agency.to_uppercase()).size(HEADER_SIZE),
        ]));
    }
    left = left
        .add_paragraph(centred(vec![
            run(&r.agency.to_uppercase()).bold().size(HEADER_SIZE),
        ]))
        .add_paragraph(rule(left_w, left_w / 3));
    let right = cell(right_w)
        .add_paragraph(centred(vec![run(MOTTO_COUNTRY).bold().size(COUNTRY_SIZE)]))
        .add_paragraph(centred(vec![
            run(MOTTO).bold().underline("single").size(BODY_SIZE),
        ]));
    let number = cell(left_w).add_paragraph(centred(vec![
        run(&number_line(r.number.as_deref(), &r.symbol)).size(HEADER_SIZE),
    ]));
    let date = cell(right_w).add_paragraph(centred(vec![
        run(&place_date_line(&r.place, r.date, r.year))
            .italic()
            .size(BODY_SIZE),
    ]));
    Table::without_borders(vec![
        TableRow::new(vec![left, right]),
        TableRow::new(vec![number, date]),
    ])
    .set_grid(vec![left_w, right_w])
    .width(TEXT_WIDTH, WidthType::Dxa)
}

/// Nơi nhận left, signer right.
pub(super) fn closing_table(r: &OfficialReport) -> Table {
    let left_w = TEXT_WIDTH / 2;
    let right_w = TEXT_WIDTH - left_w;
    let mut left = cell(left_w).vertical_align(VAlignType::Top).add_paragraph(
        Paragraph::new()
            .line_spacing(LineSpacing::new().before(0).after(0))
            .add_run(run("Nơi nhận:").bold().italic().size(RECIPIENTS_TITLE_SIZE)),
    );
    let n = r.recipients.len();
    for (i, line) in r.recipients.iter().enumerate() {
        let line = line
            .trim()
            .trim_start_matches(['-', ' '])
            .trim_end_matches(['.', ';']);
        // The last line (usually "Lưu: VT, …") ends with a full stop, the others with ";".
        let end = if i + 1 == n { "." } else { ";" };
        left = left.add_paragraph(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(0).after(0))
                .add_run(run(&format!("- {line}{end}")).size(RECIPIENTS_SIZE)),
        );
    }
    let mut right = cell(right_w).vertical_align(VAlignType::Top);
    if !r.signer.authority.trim().is_empty() {
        right = right.add_paragraph(centred(vec![
            run(&r.signer.authority.to_uppercase())
                .bold()
                .size(BODY_SIZE),
        ]));
    }
    right = right.add_paragraph(centred(vec![
        run(&r.signer.title.to_uppercase()).bold().size(BODY_SIZE),
    ]));
    // Room for the signature and the seal.
    for _ in 0..4 {
        right = right.add_paragraph(centred(vec![run("").size(BODY_SIZE)]));
    }
    right = right.add_paragraph(centred(vec![run(&r.signer.name).bold().size(BODY_SIZE)]));
    // One unbreakable row: the signer's title and name never part across a page.
    Table::without_borders(vec![TableRow::new(vec![left, right]).cant_split()])
        .set_grid(vec![left_w, right_w])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

pub(super) fn result_paragraphs(row: &ResultRow) -> Vec<Paragraph> {
    let indent = 567 * i32::from(row.depth.min(4));
    let line = |label: &str, text: &str| {
        Paragraph::new()
            .align(AlignmentType::Both)
            .indent(
                Some(indent),
                Some(SpecialIndentType::FirstLine(567)),
                None,
                None,
            )
            .line_spacing(LineSpacing::new().before(0).after(60))
            .add_run(run(&format!("- {label}: ")).italic().size(BODY_SIZE))
            .add_run(run(text).size(BODY_SIZE))
    };
    let title = format!("{} {}", row.numbering.trim(), row.title.trim());
    let mut out = vec![
        Paragraph::new()
            .align(AlignmentType::Both)
            .indent(
                Some(indent),
                Some(SpecialIndentType::FirstLine(567)),
                None,
                None,
            )
            .line_spacing(LineSpacing::new().before(60).after(60))
            .keep_next(true)
            .add_run(run(title.trim()).bold().size(BODY_SIZE)),
    ];
    if !row.done.trim().is_empty() {
        // Multi-line text stays in one labelled paragraph per line.
        for (i, l) in row
            .done
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            if i == 0 {
                out.push(line("Kết quả", l));
            } else {
                out.push(body(l).indent(
                    Some(indent),
                    Some(SpecialIndentType::FirstLine(567)),
                    None,
                    None,
                ));
            }
        }
    }
    if !row.figures.is_empty() {
        let figures: Vec<String> = row
            .figures
            .iter()
            .map(|f| {
                if f.attainment.is_empty() {
                    f.display()
                } else {
                    format!("{} ({})", f.display(), f.attainment)
                }
            })
            .collect();
        out.push(line("Chỉ tiêu (thực hiện/kế hoạch)", &figures.join("; ")));
    }
    if !row.units.trim().is_empty() {
        out.push(line("Đơn vị thực hiện", row.units.trim()));
    }
    if !row.status.trim().is_empty() {
        out.push(line("Tình trạng", row.status.trim()));
    }
    if let Some(spent) = row.spent {
        out.push(line(
            "Kinh phí đã sử dụng",
            &vntext::format::format_vnd(spent),
        ));
    }
    out
}

/// The appendix table's columns in twips, summing to the landscape text width: STT, nội
/// dung, đơn vị chủ trì, thời hạn, kết quả/chỉ tiêu, tình trạng, đánh giá. The date
/// column holds "31/12/2025" on one line (see [`APPENDIX_CELL_MARGIN`]).
pub(super) fn appendix_grid() -> Vec<usize> {
    let w = LANDSCAPE_TEXT_WIDTH;
    let parts = [6, 32, 16, 11, 15, 10];
    let mut grid: Vec<usize> = parts.iter().map(|p| w * p / 100).collect();
    grid.push(w - grid.iter().sum::<usize>());
    grid
}

/// Left and right cell margins of the appendix table, in twips (Word's default is 108).
pub(super) const APPENDIX_CELL_MARGIN: usize = 85;

/// Fixed layout (the columns keep their widths whatever the text), the header row repeated
/// on every page (`w:tblHeader`, added when the package is finished: docx-rs cannot write
/// it) and no row split across pages.
pub(super) fn appendix_table(rows: &[AppendixRow]) -> Table {
    let grid = appendix_grid();
    let small = |text: &str, bold: bool, align: AlignmentType| {
        let mut r = run(text).size(TABLE_SIZE);
        if bold {
            r = r.bold();
        }
        Paragraph::new()
            .align(align)
            .line_spacing(LineSpacing::new().before(0).after(0))
            .add_run(r)
    };
    let header = TableRow::new(
        APPENDIX_HEADERS
            .iter()
            .zip(&grid)
            .map(|(h, w)| {
                cell(*w)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(small(h, true, AlignmentType::Center))
            })
            .collect(),
    )
    .cant_split();
    let mut table_rows = vec![header];
    for row in rows {
        let indent = "  ".repeat(usize::from(row.depth.min(4)));
        let due = row
            .due
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let cells = [
            (row.numbering.as_str(), AlignmentType::Center),
            (&*format!("{indent}{}", row.title), AlignmentType::Left),
            (row.lead_units.as_str(), AlignmentType::Left),
            (&*due, AlignmentType::Center),
            (row.figures.as_str(), AlignmentType::Left),
            (row.status.as_str(), AlignmentType::Left),
            (row.grade.as_str(), AlignmentType::Center),
        ];
        table_rows.push(
            TableRow::new(
                cells
                    .iter()
                    .zip(&grid)
                    .map(|((text, align), w)| {
                        cell(*w).add_paragraph(small(text, row.depth == 0, *align))
                    })
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(table_rows)
        .set_grid(grid)
        .width(LANDSCAPE_TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, APPENDIX_CELL_MARGIN, 0, APPENDIX_CELL_MARGIN))
}

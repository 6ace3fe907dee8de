//! [`annex_xlsx`]: the report's XLSX annex, a sheet of figures and a sheet of items, set up
//! to print like the DOCX: Times New Roman, A4 landscape, one page wide, the header row
//! on every page.

use super::decree::{APPENDIX_HEADERS, FONT, number_line};
use super::model::{MoneySummary, OfficialReport, ReportError};
use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Header of the annex's figures sheet.
pub const ANNEX_FIGURE_HEADERS: [&str; 10] = [
    "STT",
    "Nội dung nhiệm vụ",
    "Chỉ tiêu",
    "Tối thiểu",
    "Tối đa",
    "Thực hiện",
    "Đơn vị tính",
    "Mức đạt",
    "Tình trạng",
    "Kinh phí đã sử dụng (đồng)",
];

/// Header of the annex's items sheet.
pub const ANNEX_ITEM_HEADERS: [&str; 7] = APPENDIX_HEADERS;

/// Header of the annex's money sheet ("Kinh phí"), in whole đồng.
pub const ANNEX_MONEY_HEADERS: [&str; 6] = [
    "STT",
    "Nội dung",
    "Dự toán được duyệt",
    "Đã ký hợp đồng",
    "Đã thanh toán",
    "Đã quyết toán",
];

/// The row of each sheet's column headers (0-based); the title rows are above it.
pub const ANNEX_HEADER_ROW: u32 = 5;

/// Column widths in characters; together they fit an A4 landscape page at the scale Excel
/// picks for "one page wide".
const FIGURE_WIDTHS: [f64; 10] = [6.0, 44.0, 18.0, 9.0, 9.0, 9.0, 10.0, 10.0, 14.0, 15.0];
const ITEM_WIDTHS: [f64; 7] = [6.0, 50.0, 22.0, 12.0, 24.0, 16.0, 12.0];
const MONEY_WIDTHS: [f64; 6] = [6.0, 60.0, 18.0, 18.0, 18.0, 18.0];

/// Excel's paper size code for A4.
const A4: u8 = 9;

/// The annex's formats, all in the decree's typeface.
struct Formats {
    title: Format,
    title_bold: Format,
    head: Format,
    text: Format,
    centred: Format,
    number: Format,
    money: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        let table = base()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            title: base().set_align(FormatAlign::Center).set_text_wrap(),
            title_bold: base()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            head: table
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: table.clone().set_text_wrap(),
            centred: table.clone().set_align(FormatAlign::Center),
            number: table.clone(),
            money: table.clone().set_num_format("#,##0"),
            date: table
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Center),
        }
    }
}

/// Times New Roman 12 pt: the workbook's default, and the start of every format (a
/// format names its font, or Excel shows Calibri).
fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12)
}

/// The annex as XLSX: sheet "Số liệu" (one row per target, figures as numbers), sheet
/// "Nhiệm vụ" (the appendix rows) and, when the plan has money, sheet "Kinh phí" (per
/// section and the total, as numbers). Each starts with the agencies, the subject and the
/// number line as the DOCX prints them, so that a printed sheet stands alone; the column
/// headers are row [`ANNEX_HEADER_ROW`] and repeat on every printed page.
pub fn annex_xlsx(r: &OfficialReport) -> Result<Vec<u8>, ReportError> {
    let mut book = Workbook::new();
    book.set_default_format(&base(), 20, 64)?;
    book.set_properties(
        &DocProperties::new()
            .set_author(r.agency.trim())
            .set_title(r.subject.trim())
            .set_creation_datetime(&r.written_at),
    );
    let f = Formats::new();

    let sheet = book.add_worksheet();
    sheet.set_name("Số liệu")?;
    set_up(sheet, r, &f, &ANNEX_FIGURE_HEADERS, &FIGURE_WIDTHS)?;
    figures(sheet, r, &f)?;

    let sheet = book.add_worksheet();
    sheet.set_name("Nhiệm vụ")?;
    set_up(sheet, r, &f, &ANNEX_ITEM_HEADERS, &ITEM_WIDTHS)?;
    items(sheet, r, &f)?;

    if let Some(m) = &r.money {
        let sheet = book.add_worksheet();
        sheet.set_name("Kinh phí")?;
        set_up(sheet, r, &f, &ANNEX_MONEY_HEADERS, &MONEY_WIDTHS)?;
        money(sheet, m, &f)?;
    }

    Ok(book.save_to_buffer()?)
}

/// Title rows, column headers and widths, and the page: A4 landscape, one page wide, the
/// header row repeated, frozen below it.
fn set_up(
    sheet: &mut Worksheet,
    r: &OfficialReport,
    f: &Formats,
    headers: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let last = (headers.len() - 1) as u16;
    let total_width: f64 = widths.iter().sum();
    let titles = [
        (r.parent_agency.trim().to_uppercase(), &f.title),
        (r.agency.trim().to_uppercase(), &f.title_bold),
        (r.subject.trim().to_string(), &f.title_bold),
        (number_line(r.number.as_deref(), &r.symbol), &f.title),
    ];
    for (row, (text, format)) in titles.iter().enumerate() {
        let row = row as u32;
        sheet.merge_range(row, 0, row, last, text, format)?;
        // A merged row does not grow to its text either.
        sheet.set_row_height(row, 18.0 * lines(text, total_width))?;
    }
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(ANNEX_HEADER_ROW, c as u16, *h, &f.head)?;
    }
    fit_row(sheet, ANNEX_HEADER_ROW, headers, widths)?;
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(ANNEX_HEADER_ROW + 1, 0)?;
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(ANNEX_HEADER_ROW, ANNEX_HEADER_ROW)?;
    Ok(())
}

/// Lines of 12 pt text a cell of `width` (in characters of the default font) shows.
fn lines(text: &str, width: f64) -> f64 {
    // LibreOffice fits about 1.3 letters of lower-case Vietnamese in Times New Roman per
    // unit of width (the digit "0" of the default font); 1.2 leaves room for capitals.
    let per_line = (width * 1.2).max(1.0);
    text.lines()
        .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
        .sum::<f64>()
        .max(1.0)
}

/// The row as tall as its longest wrapped text: neither LibreOffice nor Excel grows a row
/// to its text when it opens a file, so a long title would be cut.
fn fit_row(
    sheet: &mut Worksheet,
    row: u32,
    texts: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let most = texts
        .iter()
        .zip(widths)
        .map(|(t, w)| lines(t, *w))
        .fold(1.0, f64::max);
    // 12 pt Times New Roman takes 15.75 points a line; the title rows' 18 leave room.
    sheet.set_row_height(row, 15.75 * most + 2.0)?;
    Ok(())
}

/// A text cell; an empty one still gets its border.
fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if s.is_empty() {
        sheet.write_blank(row, col, format)?;
    } else {
        sheet.write_string_with_format(row, col, s, format)?;
    }
    Ok(())
}

fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    n: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    match n {
        Some(n) => sheet.write_number_with_format(row, col, n, format)?,
        // Nothing reported stays empty, not 0.
        None => sheet.write_blank(row, col, format)?,
    };
    Ok(())
}

/// One row per target (an item without targets gets one row of its own).
fn figures(sheet: &mut Worksheet, r: &OfficialReport, f: &Formats) -> Result<(), XlsxError> {
    let mut row = ANNEX_HEADER_ROW + 1;
    for item in &r.results {
        let none = [None];
        let targets: Vec<_> = if item.figures.is_empty() {
            none.to_vec()
        } else {
            item.figures.iter().map(Some).collect()
        };
        for fig in targets {
            text(sheet, row, 0, item.numbering.trim(), &f.centred)?;
            text(sheet, row, 1, item.title.trim(), &f.text)?;
            text(
                sheet,
                row,
                2,
                fig.map_or("", |x| x.target.as_str()),
                &f.text,
            )?;
            number(sheet, row, 3, fig.and_then(|x| x.min), &f.number)?;
            number(sheet, row, 4, fig.and_then(|x| x.max), &f.number)?;
            number(sheet, row, 5, fig.and_then(|x| x.actual), &f.number)?;
            text(sheet, row, 6, fig.map_or("", |x| x.unit.as_str()), &f.text)?;
            text(
                sheet,
                row,
                7,
                fig.map_or("", |x| x.attainment.as_str()),
                &f.text,
            )?;
            text(sheet, row, 8, item.status.trim(), &f.text)?;
            number(sheet, row, 9, item.spent.map(|s| s as f64), &f.money)?;
            let texts = [
                "",
                item.title.trim(),
                fig.map_or("", |x| x.target.as_str()),
                "",
                "",
                "",
                fig.map_or("", |x| x.unit.as_str()),
                fig.map_or("", |x| x.attainment.as_str()),
                item.status.trim(),
            ];
            fit_row(sheet, row, &texts, &FIGURE_WIDTHS)?;
            row += 1;
        }
    }
    Ok(())
}

fn items(sheet: &mut Worksheet, r: &OfficialReport, f: &Formats) -> Result<(), XlsxError> {
    for (i, a) in r.appendix.iter().enumerate() {
        let row = ANNEX_HEADER_ROW + 1 + i as u32;
        text(sheet, row, 0, a.numbering.trim(), &f.centred)?;
        text(sheet, row, 1, a.title.trim(), &f.text)?;
        text(sheet, row, 2, a.lead_units.trim(), &f.text)?;
        match a.due {
            Some(d) => sheet.write_date_with_format(row, 3, d, &f.date)?,
            None => sheet.write_blank(row, 3, &f.date)?,
        };
        text(sheet, row, 4, a.figures.trim(), &f.text)?;
        text(sheet, row, 5, a.status.trim(), &f.text)?;
        text(sheet, row, 6, a.grade.trim(), &f.centred)?;
        let texts = [
            "",
            a.title.trim(),
            a.lead_units.trim(),
            "",
            a.figures.trim(),
            a.status.trim(),
        ];
        fit_row(sheet, row, &texts, &ITEM_WIDTHS)?;
    }
    Ok(())
}

/// One row per section, then the total: the figures as numbers.
fn money(sheet: &mut Worksheet, m: &MoneySummary, f: &Formats) -> Result<(), XlsxError> {
    for (i, r) in m.sections.iter().chain([&m.total]).enumerate() {
        let row = ANNEX_HEADER_ROW + 1 + i as u32;
        text(sheet, row, 0, r.numbering.trim(), &f.centred)?;
        text(sheet, row, 1, r.title.trim(), &f.text)?;
        for (c, v) in [r.planned, r.contracted, r.paid, r.settled]
            .iter()
            .enumerate()
        {
            sheet.write_number_with_format(row, 2 + c as u16, *v as f64, &f.money)?;
        }
        fit_row(sheet, row, &["", r.title.trim()], &MONEY_WIDTHS)?;
    }
    Ok(())
}

//! [`annex_xlsx`]: the report's XLSX annex, a sheet of figures and a sheet of items.

use super::decree::{APPENDIX_HEADERS, number_line};
use super::model::{OfficialReport, ReportError};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

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

/// The annex as XLSX: sheet "Số liệu" (one row per target, figures as numbers) and sheet
/// "Nhiệm vụ" (the appendix rows). Both start with the agency, the title and the period so
/// that a printed sheet stands alone; the header row is row 5 (index 4).
pub fn annex_xlsx(r: &OfficialReport) -> Result<Vec<u8>, ReportError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let money = Format::new().set_num_format("#,##0");
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    let title_rows = |sheet: &mut rust_xlsxwriter::Worksheet| -> Result<(), XlsxError> {
        sheet.write_string_with_format(0, 0, r.agency.to_uppercase(), &bold)?;
        sheet.write_string_with_format(1, 0, format!("Phụ lục số liệu: {}", r.subject), &bold)?;
        sheet.write_string(2, 0, number_line(r.number.as_deref(), &r.symbol))?;
        Ok(())
    };

    let sheet = book.add_worksheet();
    sheet.set_name("Số liệu")?;
    title_rows(sheet)?;
    for (c, h) in ANNEX_FIGURE_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(4, c as u16, *h, &head)?;
    }
    let mut row = 5u32;
    for item in &r.results {
        let write_common = |sheet: &mut rust_xlsxwriter::Worksheet, row: u32| {
            sheet.write_string(row, 0, item.numbering.trim())?;
            sheet.write_string(row, 1, item.title.trim())?;
            sheet.write_string(row, 8, item.status.as_str())?;
            if let Some(spent) = item.spent {
                sheet.write_number_with_format(row, 9, spent as f64, &money)?;
            }
            Ok::<(), XlsxError>(())
        };
        if item.figures.is_empty() {
            write_common(sheet, row)?;
            row += 1;
            continue;
        }
        for f in &item.figures {
            write_common(sheet, row)?;
            sheet.write_string(row, 2, f.target.as_str())?;
            if let Some(v) = f.min {
                sheet.write_number(row, 3, v)?;
            }
            if let Some(v) = f.max {
                sheet.write_number(row, 4, v)?;
            }
            if let Some(v) = f.actual {
                sheet.write_number(row, 5, v)?;
            }
            sheet.write_string(row, 6, f.unit.as_str())?;
            sheet.write_string(row, 7, f.attainment.as_str())?;
            row += 1;
        }
    }
    for (c, w) in [6.0, 50.0, 18.0, 10.0, 10.0, 10.0, 12.0, 12.0, 16.0, 18.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(5, 0)?;

    let sheet = book.add_worksheet();
    sheet.set_name("Nhiệm vụ")?;
    title_rows(sheet)?;
    for (c, h) in ANNEX_ITEM_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(4, c as u16, *h, &head)?;
    }
    for (i, a) in r.appendix.iter().enumerate() {
        let row = 5 + i as u32;
        sheet.write_string(row, 0, a.numbering.as_str())?;
        sheet.write_string(row, 1, a.title.as_str())?;
        sheet.write_string(row, 2, a.lead_units.as_str())?;
        if let Some(d) = a.due {
            sheet.write_date_with_format(row, 3, d, &date_fmt)?;
        }
        sheet.write_string(row, 4, a.figures.as_str())?;
        sheet.write_string(row, 5, a.status.as_str())?;
        sheet.write_string(row, 6, a.grade.as_str())?;
    }
    for (c, w) in [6.0, 50.0, 24.0, 12.0, 24.0, 16.0, 12.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(5, 0)?;

    Ok(book.save_to_buffer()?)
}

//! An estimate (dự toán) as XLSX in the usual layout of Vietnamese public finance: a
//! title, then the table STT · Nội dung · Đơn vị tính · Số lượng · Đơn giá · Thành tiền ·
//! Ghi chú, a "Tổng cộng" row, and the total in words ("Bằng chữ: …").
//!
//! Each Thành tiền is the formula `Số lượng × Đơn giá` and the total a `SUM`, each with its
//! value cached, so that a spreadsheet that does not recalculate shows the same figures
//! and one that does stays right when a figure is changed by hand.

use crate::TableError;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook};

/// One line as the sheet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateRow {
    /// "Phiên dịch: Phiên dịch Anh – Việt, 4 phiên".
    pub content: String,
    pub unit: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub amount: i64,
    pub note: String,
}

/// The estimate to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateSheet {
    /// "DỰ TOÁN KINH PHÍ".
    pub title: String,
    /// The item (and revision, status) the estimate is for.
    pub subtitle: String,
    pub rows: Vec<EstimateRow>,
}

const HEADERS: [&str; 7] = [
    "STT",
    "Nội dung",
    "Đơn vị tính",
    "Số lượng",
    "Đơn giá",
    "Thành tiền",
    "Ghi chú",
];
const WIDTHS: [f64; 7] = [6.0, 48.0, 12.0, 10.0, 16.0, 18.0, 24.0];
/// The row of the table's header (0-based); the lines follow it.
const HEAD: u32 = 3;

impl EstimateSheet {
    /// The sum of the lines (each bounded by the domain, so the sum fits).
    pub fn total(&self) -> i64 {
        self.rows.iter().map(|r| r.amount).sum()
    }

    pub fn to_xlsx(&self) -> Result<Vec<u8>, TableError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Dự toán")?;
        // A4, landscape, one page wide: as the estimate is printed and signed.
        sheet.set_paper_size(9);
        sheet.set_landscape();
        sheet.set_print_fit_to_pages(1, 0);
        let border = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
        let money = border.clone().set_num_format("#,##0");
        let bold = |f: &Format| f.clone().set_bold();
        let head = bold(&border).set_align(FormatAlign::Center);
        let title = Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center);
        let stt = border.clone().set_align(FormatAlign::Center);
        let centered = Format::new().set_align(FormatAlign::Center).set_italic();
        for (c, w) in WIDTHS.iter().enumerate() {
            sheet.set_column_width(c as u16, *w)?;
        }
        sheet.merge_range(0, 0, 0, 6, &self.title, &title)?;
        sheet.merge_range(1, 0, 1, 6, &self.subtitle, &centered)?;
        for (c, h) in HEADERS.iter().enumerate() {
            sheet.write_string_with_format(HEAD, c as u16, *h, &head)?;
        }
        for (i, r) in self.rows.iter().enumerate() {
            let row = HEAD + 1 + i as u32;
            let excel_row = row + 1;
            sheet.write_number_with_format(row, 0, (i + 1) as f64, &stt)?;
            sheet.write_string_with_format(row, 1, &r.content, &border)?;
            sheet.write_string_with_format(row, 2, &r.unit, &border)?;
            sheet.write_number_with_format(row, 3, r.quantity as f64, &money)?;
            sheet.write_number_with_format(row, 4, r.unit_price as f64, &money)?;
            let amount = Formula::new(format!("=D{excel_row}*E{excel_row}"))
                .set_result(r.amount.to_string());
            sheet.write_formula_with_format(row, 5, amount, &money)?;
            sheet.write_string_with_format(row, 6, &r.note, &border)?;
        }
        let total_row = HEAD + 1 + self.rows.len() as u32;
        let total = self.total();
        sheet.merge_range(total_row, 0, total_row, 4, "Tổng cộng", &head)?;
        let sum = if self.rows.is_empty() {
            Formula::new("=0")
        } else {
            Formula::new(format!("=SUM(F{}:F{})", HEAD + 2, total_row))
        };
        sheet.write_formula_with_format(
            total_row,
            5,
            sum.set_result(total.to_string()),
            &bold(&money),
        )?;
        sheet.write_string_with_format(total_row, 6, "", &border)?;
        let words = format!("Bằng chữ: {}.", vntext::words::vnd_in_words(total));
        sheet.merge_range(
            total_row + 1,
            0,
            total_row + 1,
            6,
            &words,
            &Format::new().set_italic(),
        )?;
        sheet.set_freeze_panes(HEAD + 1, 0)?;
        Ok(book.save_to_buffer()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    fn sample() -> EstimateSheet {
        let row = |content: &str, q: i64, p: i64| EstimateRow {
            content: content.into(),
            unit: "buổi".into(),
            quantity: q,
            unit_price: p,
            amount: q * p,
            note: String::new(),
        };
        EstimateSheet {
            title: "DỰ TOÁN KINH PHÍ".into(),
            subtitle: "1.1 Tham gia phiên họp trực tuyến — lần 1".into(),
            rows: vec![
                row("Phiên dịch: Anh – Việt", 4, 25_000_000),
                row("Thuê thiết bị: phòng họp trực tuyến", 4, 5_000_000),
            ],
        }
    }

    fn cell(range: &calamine::Range<Data>, r: u32, c: u32) -> Data {
        range.get_value((r, c)).cloned().unwrap_or(Data::Empty)
    }

    #[test]
    fn the_sheet_reads_back_with_its_lines_total_and_words() {
        let sheet = sample();
        assert_eq!(sheet.total(), 120_000_000);
        let bytes = sheet.to_xlsx().unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Dự toán").unwrap();
        assert_eq!(cell(&range, 0, 0), Data::String("DỰ TOÁN KINH PHÍ".into()));
        for (c, h) in HEADERS.iter().enumerate() {
            assert_eq!(cell(&range, HEAD, c as u32), Data::String(h.to_string()));
        }
        assert_eq!(cell(&range, 4, 0), Data::Float(1.0));
        assert_eq!(cell(&range, 4, 5), Data::Float(100_000_000.0));
        assert_eq!(cell(&range, 5, 5), Data::Float(20_000_000.0));
        // The total row: "Tổng cộng", the SUM's value; then the amount in words.
        assert_eq!(cell(&range, 6, 0), Data::String("Tổng cộng".into()));
        assert_eq!(cell(&range, 6, 5), Data::Float(120_000_000.0));
        assert_eq!(
            cell(&range, 7, 0),
            Data::String("Bằng chữ: Một trăm hai mươi triệu đồng chẵn.".into())
        );
        let formulas = book.worksheet_formula("Dự toán").unwrap();
        assert_eq!(
            formulas.get_value((4, 5)).map(String::as_str),
            Some("D5*E5")
        );
        assert_eq!(
            formulas.get_value((6, 5)).map(String::as_str),
            Some("SUM(F5:F6)")
        );
    }

    #[test]
    fn an_empty_estimate_totals_zero() {
        let sheet = EstimateSheet {
            rows: vec![],
            ..sample()
        };
        let bytes = sheet.to_xlsx().unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Dự toán").unwrap();
        assert_eq!(cell(&range, 4, 5), Data::Float(0.0));
        assert_eq!(
            cell(&range, 5, 0),
            Data::String("Bằng chữ: Không đồng.".into())
        );
    }
}

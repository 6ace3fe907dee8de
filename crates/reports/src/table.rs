//! A list as a table, written as CSV or XLSX.
//!
//! Every list in the UI exports through here, so the rules live in one place:
//! - CSV is UTF-8 with a BOM (Excel on Windows otherwise reads Vietnamese as mojibake),
//!   quoted by the `csv` crate;
//! - text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is
//!   prefixed with `'` in CSV, and written as a string cell in XLSX (never a formula);
//! - dates are dd/mm/yyyy in CSV and real date cells in XLSX; date-times (wall-clock times,
//!   the caller picks the zone) are dd/mm/yyyy HH:MM in CSV and real date-time cells in XLSX.

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Number(f64),
    Date(NaiveDate),
    /// A wall-clock time, already in the zone the column names (Hanoi for the UI's lists).
    DateTime(NaiveDateTime),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

impl From<Option<NaiveDate>> for Cell {
    fn from(d: Option<NaiveDate>) -> Cell {
        d.map(Cell::Date).unwrap_or(Cell::Empty)
    }
}

impl From<Option<NaiveDateTime>> for Cell {
    fn from(t: Option<NaiveDateTime>) -> Cell {
        t.map(Cell::DateTime).unwrap_or(Cell::Empty)
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        s.map(Cell::Text).unwrap_or(Cell::Empty)
    }
}

/// A titled table: a header row, then rows of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The worksheet name in XLSX (at most 31 characters are kept).
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("could not write the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not write the XLSX: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("could not write: {0}")]
    Io(#[from] std::io::Error),
}

/// UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a spreadsheet would read this text as a formula.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The text of a cell as CSV shows it.
fn csv_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) if looks_like_formula(s) => format!("'{s}"),
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Number(x) => x.to_string(),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        Cell::DateTime(t) => t.format("%d/%m/%Y %H:%M").to_string(),
        Cell::Empty => String::new(),
    }
}

/// Streams CSV: call [`CsvWriter::row`] per row, so a large export never sits in memory.
pub struct CsvWriter<W: std::io::Write> {
    inner: csv::Writer<W>,
}

impl<W: std::io::Write> CsvWriter<W> {
    /// Writes the BOM and the header row.
    pub fn new(mut out: W, headers: &[String]) -> Result<Self, TableError> {
        out.write_all(BOM)?;
        let mut inner = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        inner.write_record(headers)?;
        Ok(CsvWriter { inner })
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), TableError> {
        self.inner.write_record(cells.iter().map(csv_text))?;
        Ok(())
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> Result<W, TableError> {
        self.inner
            .into_inner()
            .map_err(|e| TableError::Io(e.into_error()))
    }
}

impl Table {
    /// The table as CSV bytes (with BOM).
    pub fn to_csv(&self) -> Result<Vec<u8>, TableError> {
        let mut w = CsvWriter::new(Vec::new(), &self.headers)?;
        for row in &self.rows {
            w.row(row)?;
        }
        w.finish()
    }

    /// The table as an XLSX workbook of one sheet: bold frozen header, auto-filter,
    /// dates as date cells shown dd/mm/yyyy, date-times as date-time cells shown
    /// dd/mm/yyyy hh:mm.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, TableError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let name: String = self
            .title
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        if !name.trim().is_empty() {
            sheet.set_name(name.trim())?;
        }
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let date_time = Format::new().set_num_format("dd/mm/yyyy hh:mm");
        for (c, h) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &bold)?;
        }
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                let shown = match cell {
                    Cell::Text(s) => {
                        sheet.write_string(r, col, s)?;
                        s.chars().count()
                    }
                    Cell::Int(n) => {
                        sheet.write_number(r, col, *n as f64)?;
                        n.to_string().len()
                    }
                    Cell::Number(x) => {
                        sheet.write_number(r, col, *x)?;
                        x.to_string().len()
                    }
                    Cell::Date(d) => {
                        sheet.write_date_with_format(r, col, d, &date)?;
                        10
                    }
                    Cell::DateTime(t) => {
                        sheet.write_datetime_with_format(r, col, t, &date_time)?;
                        16
                    }
                    Cell::Empty => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
        }
        if !self.headers.is_empty() {
            sheet.set_freeze_panes(1, 0)?;
            sheet.autofilter(
                0,
                0,
                self.rows.len() as u32,
                (self.headers.len() - 1) as u16,
            )?;
        }
        Ok(book.save_to_buffer()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    fn sample() -> Table {
        Table {
            title: "Nội dung: kế hoạch/2025".into(),
            headers: vec![
                "STT".into(),
                "Nội dung".into(),
                "Hạn".into(),
                "Bắt đầu".into(),
            ],
            rows: vec![
                vec![
                    Cell::Int(1),
                    "Hội thảo \"Thiết kế\", Hà Nội".into(),
                    Cell::Date(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()),
                    Cell::from(
                        NaiveDate::from_ymd_opt(2025, 3, 29).and_then(|d| d.and_hms_opt(16, 5, 0)),
                    ),
                ],
                vec![
                    Cell::Int(2),
                    "=HYPERLINK(\"x\")".into(),
                    Cell::Empty,
                    Cell::from(None::<NaiveDateTime>),
                ],
            ],
        }
    }

    #[test]
    fn csv_has_a_bom_quotes_and_neutralised_formulas() {
        let bytes = sample().to_csv().unwrap();
        assert!(bytes.starts_with(BOM));
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        assert_eq!(
            reader.headers().unwrap(),
            vec!["STT", "Nội dung", "Hạn", "Bắt đầu"]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(&rows[0][1], "Hội thảo \"Thiết kế\", Hà Nội");
        assert_eq!(&rows[0][2], "30/06/2025");
        assert_eq!(&rows[0][3], "29/03/2025 16:05");
        assert_eq!(&rows[1][3], "");
        assert_eq!(&rows[1][1], "'=HYPERLINK(\"x\")");
        assert_eq!(&rows[1][2], "");
    }

    #[test]
    fn xlsx_reads_back_with_strings_numbers_and_dates() {
        let bytes = sample().to_xlsx().unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        assert_eq!(names, vec!["Nội dung kế hoạch2025".to_string()]);
        let range = book.worksheet_range(&names[0]).unwrap();
        assert_eq!(range.get((0, 1)), Some(&Data::String("Nội dung".into())));
        assert_eq!(range.get((1, 0)), Some(&Data::Float(1.0)));
        // A formula-looking text stays text: no formula is written.
        assert_eq!(
            range.get((2, 1)),
            Some(&Data::String("=HYPERLINK(\"x\")".into()))
        );
        match range.get((1, 2)) {
            Some(Data::DateTime(d)) => {
                assert_eq!(
                    d.as_datetime().unwrap().date(),
                    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
                )
            }
            other => panic!("expected a date cell, got {other:?}"),
        }
        match range.get((1, 3)) {
            Some(Data::DateTime(t)) => {
                assert_eq!(
                    t.as_datetime(),
                    NaiveDate::from_ymd_opt(2025, 3, 29).and_then(|d| d.and_hms_opt(16, 5, 0))
                );
                assert!(t.is_datetime());
            }
            other => panic!("expected a date-time cell, got {other:?}"),
        }
        assert!(matches!(range.get((2, 3)), None | Some(Data::Empty)));
        // Shown with the time: the cell's number format.
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(sample().to_xlsx().unwrap())).expect("a zip");
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(
            styles.contains("formatCode=\"dd/mm/yyyy hh:mm\""),
            "{styles}"
        );
    }

    #[test]
    fn streaming_csv_matches_the_whole_table() {
        let t = sample();
        let mut w = CsvWriter::new(Vec::new(), &t.headers).unwrap();
        for r in &t.rows {
            w.row(r).unwrap();
        }
        assert_eq!(w.finish().unwrap(), t.to_csv().unwrap());
    }
}

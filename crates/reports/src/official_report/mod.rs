//! The official results report ("Báo cáo kết quả thực hiện Kế hoạch") as DOCX, in the layout
//! of Nghị định 30/2020/NĐ-CP (Phụ lục I), and its XLSX annex of figures.
//!
//! The input is a plain [`OfficialReport`]: the web layer fills it from the records and the
//! user's edited narrative, this module only lays it out. What the decree fixes:
//! - A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm (within 20–25, 30–35, 15–20);
//! - Times New Roman, 14 pt body, 13 pt header lines, 12/11 pt "Nơi nhận";
//! - the header table: agency names left (the issuing one bold, with a short rule under it),
//!   the national motto right (bold, "Độc lập - Tự do - Hạnh phúc" underlined);
//! - "Số: …/BC-…" left, place and date right in italics;
//! - the kind "BÁO CÁO" bold and centred, the abstract (trích yếu) bold under it;
//! - page numbers centred in the top margin, none on the first page (`titlePg` with an empty
//!   first-page header);
//! - the closing: "Nơi nhận" left, the signer right.
//!
//! The appendix table (items and their status) follows in its own landscape section. The
//! money, when the plan has any, closes section II in a sentence and is the annex's
//! "Kinh phí" sheet.

mod annex;
mod decree;
mod docx;
mod model;
mod package;
mod paragraphs;
mod part_rewrite;
mod parts;
mod schema_order;
mod sections;

pub use annex::{
    ANNEX_FIGURE_HEADERS, ANNEX_HEADER_ROW, ANNEX_ITEM_HEADERS, ANNEX_MONEY_HEADERS, annex_xlsx,
};
pub use decree::{
    A4_HEIGHT, A4_WIDTH, ASSESSMENT_HEADINGS, BODY_SIZE, FONT, MARGIN_BOTTOM, MARGIN_LEFT,
    MARGIN_RIGHT, MARGIN_TOP, MOTTO, MOTTO_COUNTRY, SECTION_HEADINGS, number_line,
    number_reference, place_date_line,
};
pub use docx::to_docx;
pub use model::{
    AppendixRow, FigureRow, MoneyRow, MoneySummary, Narrative, OfficialReport, ReportError,
    ResultRow, ResultSection, Signer,
};

#[cfg(test)]
mod tests;

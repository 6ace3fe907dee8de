//! What the report shows, as plain data the caller fills: [`OfficialReport`] and its
//! parts, and [`ReportError`].

use chrono::{DateTime, NaiveDate, Utc};
use rust_xlsxwriter::XlsxError;

/// Everything the report shows. Text is taken as given (the caller normalises to NFC).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OfficialReport {
    /// "UBND THÀNH PHỐ HÀ NỘI" (may be empty).
    pub parent_agency: String,
    /// "SỞ VĂN HÓA VÀ THỂ THAO".
    pub agency: String,
    /// The number, once the office assigns it; a draft leaves room for it.
    pub number: Option<String>,
    /// "BC-SVHTT".
    pub symbol: String,
    /// "Hà Nội".
    pub place: String,
    /// The signing date; a draft leaves the day and month blank for `year`.
    pub date: Option<NaiveDate>,
    pub year: i32,
    /// Trích yếu: "Kết quả thực hiện Kế hoạch … năm 2025".
    pub subject: String,
    pub narrative: Narrative,
    /// Section II in sentences, one part per top-level item of the plan. When empty, the
    /// DOCX lists `results` item by item instead.
    pub sections: Vec<ResultSection>,
    /// Every item with its figures (the XLSX annex's figures sheet; section II when there
    /// are no `sections`).
    pub results: Vec<ResultRow>,
    /// Kinh phí as of the period's end: a sentence closing section II and the annex's
    /// "Kinh phí" sheet; none when the plan has no estimate.
    pub money: Option<MoneySummary>,
    /// "Trên đây là …" (the closing sentence).
    pub closing: String,
    /// Nơi nhận, one line each ("Đ/c Giám đốc Sở (để b/c)", "Lưu: VT, QLDSVH").
    pub recipients: Vec<String>,
    pub signer: Signer,
    /// The appendix table; none when empty.
    pub appendix: Vec<AppendixRow>,
    /// "Danh mục nhiệm vụ và tình trạng thực hiện".
    pub appendix_title: String,
    /// When the file is written, from the caller's clock (the writers never read one):
    /// the files' created and modified properties.
    pub written_at: DateTime<Utc>,
}

/// The editable narrative, one text per heading. Lines become paragraphs; a line starting
/// with "- " or "+ " stays a bullet as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrative {
    /// I. Công tác chỉ đạo, điều hành.
    pub direction: String,
    /// II. Kết quả thực hiện: the text before the items.
    pub results_intro: String,
    /// III.1 Kết quả đạt được.
    pub achievements: String,
    /// III.2 Khó khăn, hạn chế.
    pub difficulties: String,
    /// III.3 Nguyên nhân.
    pub causes: String,
    /// IV. Phương hướng, nhiệm vụ thời gian tới.
    pub next_tasks: String,
    /// V. Đề xuất, kiến nghị.
    pub proposals: String,
}

/// One part of section II: a top-level item of the plan and what was done under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultSection {
    /// "1. Tham dự các Hội nghị, diễn đàn Mạng lưới …" (numbering and title).
    pub heading: String,
    /// One paragraph each, as written ("- " in front stays a bullet).
    pub paragraphs: Vec<String>,
}

/// One plan item in section II.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResultRow {
    /// "1.", "1.1.", "a)".
    pub numbering: String,
    pub title: String,
    /// 0 for top-level items; deeper items are indented.
    pub depth: u8,
    /// What was done (from the progress reports, as edited).
    pub done: String,
    pub figures: Vec<FigureRow>,
    /// "Phòng QLDSVH (chủ trì); Bảo tàng Hà Nội (phối hợp)".
    pub units: String,
    /// "Hoàn thành".
    pub status: String,
    /// Whole đồng, once budgets exist.
    pub spent: Option<i64>,
}

/// The plan's money as of the period's end, per section (top-level item) and in total.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoneySummary {
    /// "Kinh phí thực hiện Kế hoạch tính đến ngày 30/06/2025: …".
    pub sentence: String,
    /// One row per top-level item that has money under it, in document order.
    pub sections: Vec<MoneyRow>,
    /// The plan's total ("Tổng cộng").
    pub total: MoneyRow,
}

/// Planned, contracted, paid and settled, in whole đồng.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoneyRow {
    /// "1." (empty for the total).
    pub numbering: String,
    pub title: String,
    pub planned: i64,
    pub contracted: i64,
    pub paid: i64,
    pub settled: i64,
}

/// A target and its actual.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FigureRow {
    /// "20–30 cuộc/năm".
    pub target: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// None when nothing was reported.
    pub actual: Option<f64>,
    /// "cuộc".
    pub unit: String,
    /// "Đạt", "Chưa đạt", "Vượt".
    pub attainment: String,
}

impl FigureRow {
    /// "21/20–30 cuộc/năm"; "—/20–30 cuộc/năm" when nothing was reported.
    pub fn display(&self) -> String {
        let actual = self
            .actual
            .map(vntext::format::format_number)
            .unwrap_or_else(|| "—".to_string());
        format!("{actual}/{}", self.target)
    }
}

/// The signer block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signer {
    /// "KT. GIÁM ĐỐC" when a deputy signs; empty otherwise.
    pub authority: String,
    /// "PHÓ GIÁM ĐỐC".
    pub title: String,
    pub name: String,
}

/// One row of the appendix table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppendixRow {
    pub numbering: String,
    pub title: String,
    pub depth: u8,
    pub lead_units: String,
    pub due: Option<NaiveDate>,
    /// "21/20–30 cuộc; 2/2 clip".
    pub figures: String,
    pub status: String,
    /// The Board's grade for the period, if any.
    pub grade: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("could not write the DOCX: {0}")]
    Docx(String),
    #[error("could not write the XLSX: {0}")]
    Xlsx(#[from] XlsxError),
}

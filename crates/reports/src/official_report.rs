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
//! The appendix table (items and their status) follows in its own landscape section.

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, PageMargin, PageNum, PageOrientationType,
    Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts,
    SectionProperty, SpecialIndentType, Table, TableCell, TableRow, VAlignType, WidthType,
};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// The decree's typeface.
pub const FONT: &str = "Times New Roman";
/// A4 in twentieths of a point (twips).
pub const A4_WIDTH: u32 = 11906;
pub const A4_HEIGHT: u32 = 16838;
/// Margins in twips: 20 mm top and bottom, 30 mm left, 15 mm right (1 mm = 56.69 twips).
pub const MARGIN_TOP: i32 = 1134;
pub const MARGIN_BOTTOM: i32 = 1134;
pub const MARGIN_LEFT: i32 = 1701;
pub const MARGIN_RIGHT: i32 = 851;
/// Font sizes in half-points, as DOCX stores them.
pub const BODY_SIZE: usize = 28;
const HEADER_SIZE: usize = 26;
/// Quốc hiệu: 12–13 pt; 12 keeps "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line.
const COUNTRY_SIZE: usize = 24;
const RECIPIENTS_TITLE_SIZE: usize = 24;
const RECIPIENTS_SIZE: usize = 22;
const TABLE_SIZE: usize = 24;

/// The width left for text on a portrait page.
const TEXT_WIDTH: usize = (A4_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// And on a landscape page (the appendix).
const LANDSCAPE_TEXT_WIDTH: usize = (A4_HEIGHT as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

pub const MOTTO_COUNTRY: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

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
    /// Section II, item by item.
    pub results: Vec<ResultRow>,
    /// "Trên đây là …" (the closing sentence).
    pub closing: String,
    /// Nơi nhận, one line each ("Đ/c Giám đốc Sở (để b/c)", "Lưu: VT, QLDSVH").
    pub recipients: Vec<String>,
    pub signer: Signer,
    /// The appendix table; none when empty.
    pub appendix: Vec<AppendixRow>,
    /// "Danh mục nhiệm vụ và tình trạng thực hiện".
    pub appendix_title: String,
}

/// The editable narrative, one text per heading. Lines become paragraphs; a line starting
/// with "- " or "+ " stays a bullet as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrative {
    /// I. Công tác chỉ đạo, triển khai.
    pub direction: String,
    /// II. Kết quả thực hiện: the text before the items.
    pub results_intro: String,
    /// III.1 Kết quả đạt được.
    pub achievements: String,
    /// III.2 Khó khăn, hạn chế.
    pub difficulties: String,
    /// III.3 Nguyên nhân.
    pub causes: String,
    /// IV. Nhiệm vụ thời gian tới.
    pub next_tasks: String,
    /// V. Đề xuất, kiến nghị.
    pub proposals: String,
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

/// Roman numerals for the five body sections.
pub const SECTION_HEADINGS: [&str; 5] = [
    "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. NHIỆM VỤ THỜI GIAN TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
];

pub const ASSESSMENT_HEADINGS: [&str; 3] = [
    "1. Kết quả đạt được",
    "2. Khó khăn, hạn chế",
    "3. Nguyên nhân",
];

/// "Số: 12/BC-SVHTT", or "Số:      /BC-SVHTT" while the number is not assigned.
pub fn number_line(number: Option<&str>, symbol: &str) -> String {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("Số: {n}/{symbol}"),
        None => format!("Số:        /{symbol}"),
    }
}

/// "Hà Nội, ngày 05 tháng 02 năm 2025". The decree writes days 1–9 and months 1–2 with a
/// leading zero. Without a date, the day and month are left blank for the signer.
pub fn place_date_line(place: &str, date: Option<NaiveDate>, year: i32) -> String {
    match date {
        Some(d) => {
            let day = format!("{:02}", d.day());
            let month = if d.month() <= 2 {
                format!("{:02}", d.month())
            } else {
                d.month().to_string()
            };
            format!("{place}, ngày {day} tháng {month} năm {}", d.year())
        }
        None => format!("{place}, ngày     tháng     năm {year}"),
    }
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// A run of text in the report's font.
fn run(text: &str) -> Run {
    Run::new().add_text(text).fonts(fonts())
}

fn centred(runs: Vec<Run>) -> Paragraph {
    let mut p = Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0));
    for r in runs {
        p = p.add_run(r);
    }
    p
}

/// A body paragraph: justified, 1 cm first-line indent, 6 pt after.
fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(0).after(120))
        .add_run(run(text).size(BODY_SIZE))
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(120).after(120))
        .keep_next(true)
        .add_run(run(text).bold().size(BODY_SIZE))
}

/// Editable text: one paragraph per non-empty line.
fn narrative(text: &str) -> Vec<Paragraph> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(body)
        .collect()
}

/// A short horizontal rule under a centred line: an empty paragraph whose bottom border is
/// drawn between its indents (Word and LibreOffice both honour that).
fn rule(cell_width: usize, rule_width: usize) -> Paragraph {
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

fn cell(width: usize) -> TableCell {
    TableCell::new().width(width, WidthType::Dxa)
}

/// The header table: agencies left, the national motto right.
fn header_table(r: &OfficialReport) -> Table {
    let left_w = TEXT_WIDTH * 37 / 100;
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
fn closing_table(r: &OfficialReport) -> Table {
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
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![left_w, right_w])
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn result_paragraphs(row: &ResultRow) -> Vec<Paragraph> {
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

const APPENDIX_HEADERS: [&str; 7] = [
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Kết quả/Chỉ tiêu",
    "Tình trạng",
    "Đánh giá",
];

fn appendix_table(rows: &[AppendixRow]) -> Table {
    // Column widths in twips, summing to the landscape text width.
    let w = LANDSCAPE_TEXT_WIDTH;
    let grid = vec![
        w * 6 / 100,
        w * 34 / 100,
        w * 16 / 100,
        w * 9 / 100,
        w * 15 / 100,
        w * 10 / 100,
        w - w * 90 / 100,
    ];
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
}

/// The page number, centred in the top margin (Nghị định 30/2020, Phụ lục I, mục IV.5).
fn page_number_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new())
            .size(BODY_SIZE)
            .fonts(fonts()),
    )
}

fn margins() -> PageMargin {
    PageMargin::new()
        .top(MARGIN_TOP)
        .bottom(MARGIN_BOTTOM)
        .left(MARGIN_LEFT)
        .right(MARGIN_RIGHT)
        .header(567)
        .footer(567)
        .gutter(0)
}

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
            number_line(r.number.as_deref(), &r.symbol)
                .replacen("Số:", "số", 1)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
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
fn deflate(stored: &[u8]) -> Result<Vec<u8>, ReportError> {
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

#[cfg(test)]
mod tests;

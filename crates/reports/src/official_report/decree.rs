//! What Nghị định 30/2020 fixes for the report: the A4 page and its margins, the typeface
//! and its sizes, the national motto, the section headings, the number and the place-and-date
//! lines, and the appendix's column headers.

use chrono::{Datelike, NaiveDate};

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
pub(super) const HEADER_SIZE: usize = 26;
/// Quốc hiệu: 12–13 pt; 12 keeps "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line.
pub(super) const COUNTRY_SIZE: usize = 24;
pub(super) const RECIPIENTS_TITLE_SIZE: usize = 24;
pub(super) const RECIPIENTS_SIZE: usize = 22;
pub(super) const TABLE_SIZE: usize = 24;

/// The width left for text on a portrait page.
pub(super) const TEXT_WIDTH: usize = (A4_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// The header's left column (the agencies over the number): 40% of the text width, 3741
/// twips (66 mm). "SỞ VĂN HÓA VÀ THỂ THAO" in Times New Roman 13 pt bold measures 3332
/// twips (Liberation Serif's widths, which are Times New Roman's), 3548 with the cells'
/// default margins (108 each side), so it stays on one line; at 37% (3461) it wrapped. The
/// right column keeps 5613 for the 12 pt Quốc hiệu (4651).
pub(super) const HEADER_LEFT_WIDTH: usize = TEXT_WIDTH * 40 / 100;
/// And on a landscape page (the appendix).
pub(super) const LANDSCAPE_TEXT_WIDTH: usize =
    (A4_HEIGHT as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

pub const MOTTO_COUNTRY: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// Roman numerals for the five body sections.
pub const SECTION_HEADINGS: [&str; 5] = [
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
];

pub const ASSESSMENT_HEADINGS: [&str; 3] = [
    "1. Kết quả đạt được",
    "2. Khó khăn, hạn chế",
    "3. Nguyên nhân",
];

/// "Số: 12/BC-SVHTT", or "Số:        /BC-SVHTT" while the number is not assigned. The
/// number is taken as typed: "12", "12/BC-SVHTT", "Số: 12/BC-SVHTT" and "số 12/BC-SVHTT"
/// all give "Số: 12/BC-SVHTT"; a number carrying another symbol ("12/KH-SVHTT") is kept.
pub fn number_line(number: Option<&str>, symbol: &str) -> String {
    match number_and_symbol(number, symbol) {
        Some(n) => format!("Số: {n}"),
        None => format!("Số:        /{}", symbol.trim()),
    }
}

/// "số 12/BC-SVHTT" as other documents cite the report ("Kèm theo Báo cáo số …"); the
/// same reading of the number as [`number_line`].
pub fn number_reference(number: Option<&str>, symbol: &str) -> String {
    match number_and_symbol(number, symbol) {
        Some(n) => format!("số {n}"),
        None => format!("số      /{}", symbol.trim()),
    }
}

/// "12/BC-SVHTT" from the number as typed, or `None` when no number is given.
fn number_and_symbol(number: Option<&str>, symbol: &str) -> Option<String> {
    let typed = without_so_prefix(number?.trim());
    let symbol = symbol.trim();
    let (n, own) = match typed.split_once('/') {
        Some((n, s)) => (n.trim(), s.trim()),
        None => (typed, ""),
    };
    if n.is_empty() {
        return None;
    }
    // Spaces are not part of a symbol: "BC - SVHTT" is the report's own.
    let same = |a: &str, b: &str| {
        let key = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        };
        key(a) == key(b)
    };
    Some(if own.is_empty() || same(own, symbol) {
        if symbol.is_empty() {
            n.to_string()
        } else {
            format!("{n}/{symbol}")
        }
    } else {
        format!("{n}/{own}")
    })
}

/// "285" from "Số: 285", "số 285", "SỐ:285" (a clerk copies the line from another
/// document); anything else is returned as is.
fn without_so_prefix(typed: &str) -> &str {
    let lower = typed.to_lowercase();
    // "số" and "so" keep their byte length when lowered (NFC Vietnamese).
    for prefix in ["số", "so"] {
        if lower.starts_with(prefix) && typed.is_char_boundary(prefix.len()) {
            let rest = &typed[prefix.len()..];
            if rest.trim().is_empty() {
                return "";
            }
            let after = rest.trim_start_matches([':', '.', ' ', '\t']).trim_start();
            // "Số" must stand alone: "Sổ tay" or "Sone" are not prefixes.
            if after.len() < rest.len() || rest.starts_with(|c: char| c.is_ascii_digit()) {
                return after;
            }
        }
    }
    typed
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

pub(super) const APPENDIX_HEADERS: [&str; 7] = [
    "STT",
    "Nội dung nhiệm vụ",
    "Đơn vị chủ trì",
    "Thời hạn",
    "Kết quả/Chỉ tiêu",
    "Tình trạng",
    "Đánh giá",
];

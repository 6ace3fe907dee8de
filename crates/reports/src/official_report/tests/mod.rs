//! The report's files are read back (zip + XML, calamine) and checked the way a clerk
//! checks a report against Nghị định 30/2020. Shared here: the sample report and readers.

mod annex;
mod document;
mod package;

use super::decree::APPENDIX_HEADERS;
use super::*;
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Read;

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(super) fn sample() -> OfficialReport {
    OfficialReport {
        parent_agency: "UBND thành phố Hà Nội".into(),
        agency: "Sở Văn hóa và Thể thao".into(),
        number: Some("125".into()),
        symbol: "BC-SVHTT".into(),
        place: "Hà Nội".into(),
        date: NaiveDate::from_ymd_opt(2025, 12, 5),
        year: 2025,
        subject: "Kết quả thực hiện Kế hoạch tham gia Mạng lưới các thành phố sáng tạo \
                  của UNESCO năm 2025"
            .into(),
        narrative: Narrative {
            direction: "Sở đã ban hành Kế hoạch số 45/KH-SVHTT.\nGiao Phòng QLDSVH chủ trì.".into(),
            results_intro: "Kết quả cụ thể như sau:".into(),
            achievements: "Hoàn thành đúng tiến độ.".into(),
            difficulties: "Kinh phí còn hạn chế.".into(),
            causes: "Thời gian chuẩn bị ngắn.".into(),
            next_tasks: "Tiếp tục tham gia các phiên họp trực tuyến.".into(),
            proposals: "Đề nghị UBND Thành phố bố trí kinh phí.".into(),
        },
        sections: Vec::new(),
        results: vec![
            ResultRow {
                numbering: "1.".into(),
                title: "Tham dự các Hội nghị, diễn đàn Mạng lưới".into(),
                depth: 0,
                done: "Tham gia 21 phiên họp trực tuyến.".into(),
                figures: vec![FigureRow {
                    target: "20–30 cuộc/năm".into(),
                    min: Some(20.0),
                    max: Some(30.0),
                    actual: Some(21.0),
                    unit: "cuộc".into(),
                    attainment: "Đạt".into(),
                }],
                units: "Phòng QLDSVH (chủ trì); Bảo tàng Hà Nội (phối hợp)".into(),
                status: "Hoàn thành".into(),
                spent: Some(1_234_567),
            },
            ResultRow {
                numbering: "1.1.".into(),
                title: "Phiên họp <thường niên> & \"đặc biệt\"".into(),
                depth: 1,
                done: String::new(),
                figures: vec![FigureRow {
                    target: "2 clip".into(),
                    min: Some(2.0),
                    max: Some(2.0),
                    actual: None,
                    unit: "clip".into(),
                    attainment: String::new(),
                }],
                units: "Văn phòng Sở".into(),
                status: "Đang thực hiện".into(),
                spent: None,
            },
        ],
        money: None,
        closing: "Trên đây là báo cáo kết quả thực hiện Kế hoạch năm 2025 của Sở Văn hóa \
                  và Thể thao Hà Nội./."
            .into(),
        recipients: vec![
            "UBND Thành phố (để b/c)".into(),
            "Đ/c Giám đốc Sở".into(),
            "Lưu: VT, QLDSVH".into(),
        ],
        signer: Signer {
            authority: "KT. Giám đốc".into(),
            title: "Phó Giám đốc".into(),
            name: "Đỗ Đình Hồng".into(),
        },
        appendix: vec![
            AppendixRow {
                numbering: "1.".into(),
                title: "Tham dự các Hội nghị".into(),
                depth: 0,
                lead_units: "Phòng QLDSVH".into(),
                due: NaiveDate::from_ymd_opt(2025, 12, 31),
                figures: "21/20–30 cuộc/năm".into(),
                status: "Hoàn thành".into(),
                grade: "Tốt".into(),
            },
            AppendixRow {
                numbering: "1.1.".into(),
                title: "Phiên họp <thường niên> & \"đặc biệt\"".into(),
                depth: 1,
                lead_units: "Văn phòng Sở".into(),
                due: None,
                figures: "—/2 clip".into(),
                status: "Đang thực hiện".into(),
                grade: String::new(),
            },
        ],
        appendix_title: "Danh mục nhiệm vụ và tình trạng thực hiện".into(),
        written_at: chrono::DateTime::from_timestamp(1_764_907_200, 0).expect("a time"),
    }
}

pub(super) struct Docx {
    pub(super) parts: std::collections::HashMap<String, String>,
}

impl Docx {
    pub(super) fn read(bytes: &[u8]) -> Docx {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut parts = std::collections::HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let mut s = String::new();
                f.read_to_string(&mut s).unwrap();
                parts.insert(name, s);
            }
        }
        Docx { parts }
    }

    pub(super) fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}; have {:?}", self.parts.keys()))
    }
}

pub(super) fn w<'a>(node: roxmltree::Node<'a, '_>, attr: &str) -> Option<&'a str> {
    node.attribute((W, attr))
}

pub(super) fn is(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

/// The text of a node's `w:t` descendants.
pub(super) fn text(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| is(n, "t"))
        .filter_map(|n| n.text())
        .collect()
}

/// Paragraph texts of the body, in order, outside tables.
pub(super) fn body_paragraphs(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| is(n, "p") && !n.ancestors().any(|a| is(&a, "tbl")))
        .map(text)
        .collect()
}

pub(super) fn twips_to_mm(t: &str) -> f64 {
    t.parse::<f64>().unwrap() / 1440.0 * 25.4
}

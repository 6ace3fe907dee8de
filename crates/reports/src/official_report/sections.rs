//! Section II in sentences: a bold heading per top-level item of the plan, then its
//! paragraphs in the body style.

use super::model::ResultSection;
use super::paragraphs::{body, heading};
use docx_rs::Paragraph;

pub(super) fn section_paragraphs(s: &ResultSection) -> Vec<Paragraph> {
    let mut out = Vec::with_capacity(s.paragraphs.len() + 1);
    if !s.heading.trim().is_empty() {
        out.push(heading(s.heading.trim()));
    }
    out.extend(
        s.paragraphs
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(body),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::super::{OfficialReport, ResultRow, ResultSection, to_docx};
    use std::io::Read;

    fn document_xml(r: &OfficialReport) -> String {
        let bytes = to_docx(r).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    #[test]
    fn sections_replace_the_item_by_item_listing() {
        let row = ResultRow {
            numbering: "1.".into(),
            title: "Tham dự các Hội nghị".into(),
            status: "Chưa triển khai".into(),
            units: "Phòng QLDSVH".into(),
            ..Default::default()
        };
        let mut r = OfficialReport {
            results: vec![row],
            ..Default::default()
        };
        let listed = document_xml(&r);
        assert!(listed.contains("Tình trạng") && listed.contains("Đơn vị thực hiện"));

        r.sections = vec![ResultSection {
            heading: "1. Tham dự các Hội nghị".into(),
            paragraphs: vec![
                "Tham gia 21 phiên họp trực tuyến, đạt 105% chỉ tiêu kế hoạch (20–30 cuộc/năm)."
                    .into(),
                "  ".into(),
                "Còn 3 nhiệm vụ chưa triển khai.".into(),
            ],
        }];
        let xml = document_xml(&r);
        assert!(!xml.contains("Tình trạng"), "the rows are not listed");
        let at = |s: &str| xml.find(s).unwrap_or_else(|| panic!("{s} missing"));
        assert!(at("II. KẾT QUẢ THỰC HIỆN") < at("1. Tham dự các Hội nghị"));
        assert!(at("1. Tham dự các Hội nghị") < at("Tham gia 21 phiên"));
        assert!(at("Tham gia 21 phiên") < at("Còn 3 nhiệm vụ"));
        assert!(at("Còn 3 nhiệm vụ") < at("III. ĐÁNH GIÁ CHUNG"));
        // The blank paragraph is left out: heading, two sentences.
        let section = &xml[at("1. Tham dự")..at("III. ĐÁNH GIÁ CHUNG")];
        assert_eq!(
            section.matches("<w:p>").count() + section.matches("<w:p ").count(),
            3
        );
    }
}

//! Writes a sample results report and its annex, for `scripts/check-report-pdf.sh` and for
//! a look in Word or LibreOffice:
//!
//!     cargo run -p reports --example official_report -- OUT.docx [OUT.xlsx]

use chrono::NaiveDate;
use reports::official_report::{
    AppendixRow, FigureRow, Narrative, OfficialReport, ResultRow, Signer, annex_xlsx, to_docx,
};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(docx_path) = args.next() else {
        eprintln!("usage: official_report OUT.docx [OUT.xlsx]");
        std::process::exit(2);
    };
    let items = 40;
    let report = OfficialReport {
        parent_agency: "UBND thành phố Hà Nội".into(),
        agency: "Sở Văn hóa và Thể thao".into(),
        number: None,
        symbol: "BC-SVHTT".into(),
        place: "Hà Nội".into(),
        date: NaiveDate::from_ymd_opt(2025, 12, 15),
        year: 2025,
        subject: "Kết quả thực hiện Kế hoạch tham gia với vai trò thành viên, tham dự hội nghị, \
                  diễn đàn Mạng lưới các thành phố Sáng tạo của UNESCO năm 2025"
            .into(),
        narrative: Narrative {
            direction: "Sở Văn hóa và Thể thao đã ban hành Kế hoạch và giao Phòng Quản lý Di sản \
                        văn hóa chủ trì, phối hợp với Bảo tàng Hà Nội, Văn phòng Sở triển khai."
                .into(),
            results_intro: "Kết quả thực hiện các nội dung của Kế hoạch như sau:".into(),
            achievements: "Các nhiệm vụ cơ bản hoàn thành đúng tiến độ.".into(),
            difficulties: "Một số hoạt động phụ thuộc lịch của Mạng lưới.".into(),
            causes: "Thời gian thông báo của các thành phố thành viên ngắn.".into(),
            next_tasks: "Tiếp tục tham gia các phiên họp trực tuyến của Mạng lưới.".into(),
            proposals: "Đề nghị UBND Thành phố quan tâm bố trí kinh phí.".into(),
        },
        sections: Vec::new(),
        results: (1..=items)
            .map(|i| ResultRow {
                numbering: format!("{i}."),
                title: format!("Tham gia phiên họp trực tuyến của Mạng lưới số {i}"),
                depth: 0,
                done: "Đã tham gia đầy đủ, có báo cáo kết quả.".into(),
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
                spent: Some(12_500_000),
            })
            .collect(),
        money: None,
        closing: "Trên đây là báo cáo kết quả thực hiện Kế hoạch năm 2025 của Sở Văn hóa và \
                  Thể thao Hà Nội./."
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
        appendix: (1..=items)
            .map(|i| AppendixRow {
                numbering: format!("{i}."),
                title: format!("Tham gia phiên họp trực tuyến của Mạng lưới số {i}"),
                depth: 0,
                lead_units: "Phòng QLDSVH".into(),
                due: NaiveDate::from_ymd_opt(2025, 12, 31),
                figures: "21/20–30 cuộc/năm".into(),
                status: "Hoàn thành".into(),
                grade: "Tốt".into(),
            })
            .collect(),
        appendix_title: "Danh mục nhiệm vụ và tình trạng thực hiện".into(),
        // A fixed time, so that the sample is the same file every run.
        written_at: NaiveDate::from_ymd_opt(2025, 12, 15)
            .and_then(|d| d.and_hms_opt(2, 0, 0))
            .map(|t| t.and_utc())
            .unwrap_or_default(),
    };
    let result = to_docx(&report)
        .map_err(|e| e.to_string())
        .and_then(|b| std::fs::write(&docx_path, b).map_err(|e| format!("{docx_path}: {e}")));
    if let Err(e) = result {
        eprintln!("{e}");
        std::process::exit(1);
    }
    if let Some(xlsx_path) = args.next() {
        let result = annex_xlsx(&report)
            .map_err(|e| e.to_string())
            .and_then(|b| std::fs::write(&xlsx_path, b).map_err(|e| format!("{xlsx_path}: {e}")));
        if let Err(e) = result {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

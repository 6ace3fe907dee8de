//! A plan in the ND 30/2020 layout (header table, a ruled task table that runs over a
//! page, the closing "Nơi nhận | signer" table), written as a Word file here and printed
//! to PDF by LibreOffice: the PDF must read as the Word file does.

use super::word::{Part, docx, heading, para, to_pdf};
use vanban::{Format, ParsedPlan};

const RUNNING: &str = "Sở Văn hóa và Thể thao tỉnh An Hòa - Kế hoạch hoạt động";

fn cells(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The test plan. The task table's rows are long, so that it runs onto a second page
/// and a page break falls inside a row.
fn plan_parts() -> Vec<Part> {
    let mut parts = vec![Part::Table {
        widths: vec![4, 6],
        ruled: false,
        rows: vec![
            vec![
                cells(&["ỦY BAN NHÂN DÂN TỈNH AN HÒA", "SỞ VĂN HÓA VÀ THỂ THAO"]),
                cells(&[
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Độc lập - Tự do - Hạnh phúc",
                ]),
            ],
            vec![
                cells(&["Số: 45/KH-SVHTT"]),
                cells(&["An Hòa, ngày 12 tháng 3 năm 2025"]),
            ],
        ],
    }];
    parts.push(heading("KẾ HOẠCH"));
    parts.push(heading("Tổ chức các hoạt động văn hóa cơ sở năm 2025"));
    parts.push(para(
        "Căn cứ Quyết định số 120/QĐ-UBND ngày 10/01/2025 của UBND tỉnh An Hòa về giao chỉ tiêu phát triển kinh tế - xã hội năm 2025;",
    ));
    parts.push(para(
        "Sở Văn hóa và Thể thao xây dựng Kế hoạch tổ chức các hoạt động văn hóa cơ sở năm 2025 như sau:",
    ));
    parts.push(heading("I. MỤC ĐÍCH, YÊU CẦU"));
    parts.push(para(
        "Nâng cao chất lượng đời sống văn hóa ở cơ sở, phát huy vai trò của các thiết chế văn hóa trong việc tổ chức các hoạt động văn hóa, văn nghệ, thể dục thể thao cho nhân dân.",
    ));
    parts.push(heading("II. NỘI DUNG"));
    let units = [
        ("Phòng Quản lý văn hóa", "Trung tâm Văn hóa tỉnh"),
        (
            "Phòng Quản lý thể dục thể thao",
            "Ủy ban nhân dân các huyện",
        ),
        ("Phòng Quản lý di sản văn hóa", "Bảo tàng tỉnh"),
        ("Thư viện tỉnh", "Phòng Kế hoạch - Tài chính"),
    ];
    let mut rows = vec![vec![
        cells(&["STT"]),
        cells(&["Nội dung"]),
        cells(&["Đơn vị chủ trì"]),
        cells(&["Đơn vị phối hợp"]),
        cells(&["Thời gian"]),
    ]];
    for k in 1..=14 {
        let (lead, with) = units[k % units.len()];
        rows.push(vec![
            cells(&[&k.to_string()]),
            cells(&[&format!(
                "Tổ chức hoạt động số {k}: tuyên truyền, vận động nhân dân tham gia xây dựng đời sống văn hóa ở khu dân cư, tổ chức giao lưu văn nghệ, thể thao giữa các thôn, tổ dân phố và kiểm tra, đánh giá kết quả thực hiện tại cơ sở"
            )]),
            cells(&[lead]),
            cells(&[with]),
            cells(&[&format!("Quý {}/2025", k % 4 + 1)]),
        ]);
    }
    parts.push(Part::Table {
        widths: vec![2, 9, 4, 4, 3],
        ruled: true,
        rows,
    });
    parts.push(heading("III. TỔ CHỨC THỰC HIỆN"));
    parts.push(para(
        "Các phòng, đơn vị thuộc Sở căn cứ nội dung Kế hoạch chủ động triển khai thực hiện, báo cáo kết quả về Văn phòng Sở trước ngày 15/12/2025./.",
    ));
    parts.push(Part::Table {
        widths: vec![5, 5],
        ruled: false,
        rows: vec![vec![
            cells(&[
                "Nơi nhận:",
                "- UBND tỉnh (để báo cáo);",
                "- Các phòng, đơn vị thuộc Sở;",
                "- Lưu: VT, QLDSVH (6b).",
            ]),
            cells(&["GIÁM ĐỐC", "", "", "", "Trần Văn Bình"]),
        ]],
    });
    parts
}

fn scratch_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vanban-nd30-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn lead_units(plan: &ParsedPlan) -> Vec<String> {
    plan.all_items()
        .flat_map(|i| i.lead_units.iter().cloned())
        .collect()
}

#[test]
fn an_nd30_plan_reads_the_same_from_pdf_as_from_word() {
    let word = docx(&plan_parts(), RUNNING);
    let from_word = vanban::read_bytes(&word, "kh.docx", None).unwrap();
    let dir = scratch_dir();
    let Some(pdf) = to_pdf(&word, &dir, "kh") else {
        return;
    };
    let _ = std::fs::remove_dir_all(&dir);
    let from_pdf = vanban::read_bytes(&pdf, "kh.pdf", Some(Format::Pdf)).unwrap();

    eprintln!(
        "ND30 plan: the PDF's agreement with the Word file {:.3}",
        super::agreement::agreement(&from_pdf, &from_word)
    );
    // The Word reading is the reference; check it first so that a failure says which.
    let d = &from_word.document;
    assert_eq!(
        (d.number.as_deref(), d.symbol.as_deref()),
        (Some("45"), Some("KH-SVHTT"))
    );
    let signer = from_word.signer.as_ref().expect("signer from Word");
    assert_eq!(signer.name.as_deref(), Some("Trần Văn Bình"));
    assert_eq!(
        lead_units(&from_word).len(),
        14,
        "one lead unit per task row"
    );

    let (w, p) = (&from_word.document, &from_pdf.document);
    assert_eq!(
        (&p.number, &p.symbol, &p.date, &p.place),
        (&w.number, &w.symbol, &w.date, &w.place),
        "the header table"
    );
    assert_eq!(p.title, w.title);
    assert_eq!(from_pdf.signer, from_word.signer, "the signer");
    assert_eq!(from_pdf.archive, from_word.archive, "the archive line");
    let names = |plan: &ParsedPlan| -> Vec<String> {
        plan.recipients.iter().map(|r| r.name.clone()).collect()
    };
    assert_eq!(names(&from_pdf), names(&from_word), "the recipients");
    assert_eq!(
        lead_units(&from_pdf),
        lead_units(&from_word),
        "every task row, also the one the page break cuts"
    );
    let titles =
        |plan: &ParsedPlan| -> Vec<String> { plan.all_items().map(|i| i.title.clone()).collect() };
    assert_eq!(titles(&from_pdf), titles(&from_word), "the items");
    // The running header and the page numbers are not content.
    let json = serde_json::to_string(&from_pdf).unwrap();
    assert!(!json.contains("Kế hoạch hoạt động\""), "{json}");
    assert!(
        !json.contains(RUNNING),
        "the running header was read: {json}"
    );
}

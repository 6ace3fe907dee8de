//! Bringing a plan in (issue 13) as the Board does it: a .docx written for the test (not
//! the seed) is uploaded, one unit mapped to the department's own and one target corrected
//! on the review page, then committed; the plan page shows both.

use super::common::{self, Backend, spawn_app};
use super::support::{browser, click, js, select, sign_in, type_into, wait_for, wait_for_text};
use domain::Role;
use std::io::Write;

/// The plan, one paragraph per line: "Phòng Di sản" is the department's Phòng Quản lý Di
/// sản văn hóa under another name.
const PLAN: &[&str] = &[
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
    "SỞ VĂN HÓA VÀ THỂ THAO",
    "Số: 12/KH-SVHTT",
    "Hà Nội, ngày 10 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Tổ chức Ngày hội Thiết kế sáng tạo Hà Nội năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Quảng bá Thành phố sáng tạo về thiết kế.",
    "II. NỘI DUNG",
    "1. Tổ chức 03 triển lãm thiết kế",
    "- Đơn vị chủ trì: Phòng Di sản",
    "- Thời gian: Quý III/2026",
    "2. Tọa đàm chuyên đề",
    "- Đơn vị chủ trì: Bảo tàng Hà Nội",
];

/// A Word document with one paragraph per line: the smallest .docx Word and the reader
/// open.
fn docx(lines: &[&str]) -> Vec<u8> {
    let body: String = lines
        .iter()
        .map(|l| format!("<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"))
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string(),
        ),
        ("word/document.xml", document),
    ];
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[tokio::test]
async fn journey_import_a_docx_map_a_unit_correct_a_target_and_commit() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let _board = common::TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let file = b.profile.path().join("ngay-hoi-thiet-ke.docx");
    std::fs::write(&file, docx(PLAN)).unwrap();

    sign_in(&c, &app, "board").await;
    c.goto(&app.url("/plans")).await.unwrap();
    click(&c, "#import-link").await;
    wait_for(&c, "#import-file").await;
    type_into(&c, "#import-file", &file.display().to_string()).await;
    click(&c, "#import-submit").await;
    wait_for_text(&c, "#import-counts", "2 nhiệm vụ").await;

    // The unit the document calls "Phòng Di sản": the department's own.
    click(&c, "#units summary").await;
    let name = js(
        &c,
        "const row = [...document.querySelectorAll('#unit-map tr')]\
           .find(r => r.textContent.includes('Phòng Di sản'));\
         return row.querySelector('select').name;",
    )
    .await;
    let name = name.as_str().unwrap().to_string();
    select(&c, &format!("select[name='{name}']"), &qlds.0.to_string()).await;
    click(&c, "#units form button").await;
    wait_for_text(&c, ".notice", "Đã lưu bản nháp").await;

    // The exhibitions' target, read as exactly 3, becomes 3 to 5.
    let max = "input[name^='tmax_']";
    wait_for(&c, max).await;
    let field = c.find(fantoccini::Locator::Css(max)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys("5").await.unwrap();
    click(&c, "#tree form button").await;
    wait_for_text(&c, ".notice", "Đã lưu bản nháp").await;

    click(&c, "#commit-submit").await;
    wait_for_text(&c, ".notice", "Đã đưa kế hoạch vào theo dõi").await;
    let page = c.source().await.unwrap();
    assert!(page.contains("Ngày hội Thiết kế sáng tạo"), "the plan page");
    assert!(
        page.contains("3–5"),
        "the corrected target on the plan page"
    );
    let plans = app.store.list_plans().await.unwrap();
    let plan = plans.iter().find(|p| p.title.contains("Ngày hội")).unwrap();
    let view = app.store.plan(plan.id).await.unwrap().unwrap();
    let led_by_qlds = view
        .items
        .iter()
        .flat_map(|n| n.walk())
        .any(|n| n.item.title.contains("triển lãm") && n.lead_units().any(|u| u.id == qlds));
    assert!(led_by_qlds, "the exhibitions are the department's unit's");
}

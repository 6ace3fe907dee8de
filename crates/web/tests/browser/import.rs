//! Bringing a plan in (issue 13) as the Board does it: a .docx written for the test (not
//! the seed) is uploaded, one unit mapped to the department's own and one target corrected
//! on the review page, then committed; the plan page shows both. Then a progress report is
//! recorded on one item, and a revised version (one item changed, one added, one removed)
//! is uploaded, compared and applied: the report stays, the added item is there, the
//! removed one is marked. The review and its diff are photographed at 390 and 1366 px.

use super::common::{self, Backend, spawn_app};
use super::support::{
    WIDTHS, browser, click, js, select, set_width, sign_in, type_into, wait_for, wait_for_text,
};
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
    "3. In sách ảnh về di sản",
    "- Đơn vị chủ trì: Bảo tàng Hà Nội",
];

/// The revised plan (Kế hoạch điều chỉnh, bổ sung): 1 raised to 05 exhibitions, 2 the
/// same, 3 dropped, 4 added.
const REVISED: &[&str] = &[
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
    "SỞ VĂN HÓA VÀ THỂ THAO",
    "Số: 30/KH-SVHTT",
    "Hà Nội, ngày 15 tháng 6 năm 2026",
    "KẾ HOẠCH",
    "Điều chỉnh, bổ sung Kế hoạch tổ chức Ngày hội Thiết kế sáng tạo Hà Nội năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Quảng bá Thành phố sáng tạo về thiết kế.",
    "II. NỘI DUNG",
    "1. Tổ chức 05 triển lãm thiết kế",
    "- Đơn vị chủ trì: Phòng Quản lý Di sản văn hóa",
    "- Thời gian: Quý III/2026",
    "2. Tọa đàm chuyên đề",
    "- Đơn vị chủ trì: Bảo tàng Hà Nội",
    "4. Hội thảo quốc tế về thiết kế đô thị",
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
    wait_for_text(&c, "#import-counts", "3 nhiệm vụ").await;

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

    // A progress report on the talk, by the museum's staff.
    let museum = app.unit_id("Bảo tàng Hà Nội").await;
    let talk = app.item_id("Tọa đàm chuyên đề").await;
    let dropped = app.item_id("In sách ảnh về di sản").await;
    let staff = common::TestApp::user_browser(&app, "bt", &[Role::Staff], &[museum]).await;
    let csrf = staff.csrf_from("/plans").await;
    let form = reqwest::multipart::Form::new()
        .text("unit", museum.0.to_string())
        .text("period", "2026-Q2")
        .text("text", "Đã tổ chức 1 buổi tọa đàm");
    let path = format!("/items/{}/reports?_csrf={csrf}", talk.0);
    let r = staff
        .client
        .post(staff.url(&path))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(app.store.item_reports(talk).await.unwrap().len(), 1);

    // The revised document: uploaded, compared with the plan, photographed, applied.
    let file = b.profile.path().join("dieu-chinh.docx");
    std::fs::write(&file, docx(REVISED)).unwrap();
    c.goto(&app.url("/plans/import")).await.unwrap();
    wait_for(&c, "#import-file").await;
    type_into(&c, "#import-file", &file.display().to_string()).await;
    click(&c, "#import-submit").await;
    wait_for_text(&c, "#import-counts", "3 nhiệm vụ").await;
    click(&c, "#compare summary").await;
    select(&c, "#compare-plan", &plan.id.0.to_string()).await;
    click(&c, "#compare-submit").await;
    wait_for_text(&c, "#diff-counts", "thêm 1 nhiệm vụ").await;
    let diff = c.source().await.unwrap();
    assert!(
        diff.contains("Hội thảo quốc tế về thiết kế đô thị"),
        "added"
    );
    assert!(diff.contains("In sách ảnh về di sản"), "removed");
    // The shape form (split, merge, move) open too, to see it at both widths.
    click(&c, "#shape summary").await;
    let dir = std::env::temp_dir().join("sangtao-import-shots");
    std::fs::create_dir_all(&dir).unwrap();
    for size in WIDTHS {
        set_width(&c, size).await;
        for (name, at) in [
            ("review", "#import-counts"),
            ("diff", "#compare"),
            ("shape", "#shape"),
        ] {
            let top = format!("document.querySelector('{at}').scrollIntoView(); return true;");
            js(&c, &top).await;
            let png = c.screenshot().await.unwrap();
            std::fs::write(dir.join(format!("import-{name}-{}.png", size.0)), png).unwrap();
        }
        let wide = js(&c, "return document.documentElement.scrollWidth;").await;
        assert!(
            wide.as_u64().unwrap() <= u64::from(size.0),
            "no sideways scroll at {} px: {wide}",
            size.0
        );
    }
    click(&c, "#revise-submit").await;
    wait_for_text(&c, ".notice", "Đã áp dụng kế hoạch điều chỉnh").await;
    wait_for_text(&c, "#revision-list", "30/KH-SVHTT").await;
    wait_for_text(&c, "#removed-items", "In sách ảnh về di sản").await;
    assert_eq!(
        app.store.item_reports(talk).await.unwrap().len(),
        1,
        "the talk's report is kept"
    );
    let view = app.store.plan(plan.id).await.unwrap().unwrap();
    let nodes: Vec<_> = view.items.iter().flat_map(|n| n.walk()).collect();
    assert!(nodes.iter().any(|n| n.item.id == talk), "the same talk");
    assert!(
        nodes
            .iter()
            .any(|n| n.item.title == "Hội thảo quốc tế về thiết kế đô thị")
    );
    assert!(
        nodes.iter().all(|n| n.item.id != dropped),
        "out of the tree"
    );
    c.goto(&app.url(&format!("/items/{}", dropped.0)))
        .await
        .unwrap();
    wait_for_text(
        &c,
        "#removed-note",
        "Đã bỏ trong kế hoạch điều chỉnh số 30/KH-SVHTT",
    )
    .await;
}

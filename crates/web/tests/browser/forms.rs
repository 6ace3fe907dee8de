//! Forms that guide (issue 16): a refused upload keeps no token in the address, and the
//! pickers' filter box narrows the list without hiding what is ticked.

use super::common::{self, Backend, PNG, spawn_app};
use super::support::{browser, click, sign_in, type_into, wait_for, wait_for_text};
use domain::Role;

/// Issue 16, forms: a refused upload leaves no token in the address and a reload does not
/// post again; the item picker's filter box narrows the list without hiding what is ticked.
#[tokio::test]
async fn forms_a_refused_upload_keeps_the_address_clean_and_pickers_filter() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let _lead = common::TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
    let item = app.item_id("Tham gia các phiên họp online").await;
    let item_url = app.url(&format!("/items/{}", item.0));
    // A PNG named .pdf: refused for its content.
    let fake = b.profile.path().join("bao-cao.pdf");
    std::fs::write(&fake, PNG).unwrap();

    sign_in(&c, &app, "lead").await;
    c.goto(&item_url).await.unwrap();
    wait_for(&c, "#report-form").await;
    type_into(&c, "#r-text", "Đã tham gia 5 phiên họp trực tuyến").await;
    type_into(&c, "#r-files", &fake.display().to_string()).await;
    click(&c, "#r-submit").await;
    wait_for_text(
        &c,
        "#r-files-error",
        "Chỉ nhận ảnh, PDF, Word, Excel, video",
    )
    .await;
    let address = c.current_url().await.unwrap();
    assert!(!address.as_str().contains("_csrf"), "{address}");
    assert_eq!(address.path(), format!("/items/{}", item.0));
    // What was typed stays; a reload asks for the page, it does not post again.
    assert!(
        c.source()
            .await
            .unwrap()
            .contains("Đã tham gia 5 phiên họp trực tuyến")
    );
    c.refresh().await.unwrap();
    wait_for(&c, "#report-form").await;
    assert!(app.store.item_reports(item).await.unwrap().is_empty());

    // The event form's item picker: checkboxes and a filter shown by the script.
    c.goto(&app.url("/events/new")).await.unwrap();
    wait_for(&c, "#event-form").await;
    let box_css = "input[data-filter='e-items-list']";
    let shown = c
        .execute(
            &format!("return !document.querySelector(\"{box_css}\").hidden;"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shown, serde_json::json!(true), "the filter box is shown");
    click(&c, &format!("#e-items input[value='{}']", item.0)).await;
    type_into(&c, box_css, "khong co nhiem vu nay").await;
    let visible = c
        .execute(
            "return [...document.querySelectorAll('#e-items-list label')] \
               .filter(l => l.offsetParent !== null).map(l => l.querySelector('input').value);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        visible,
        serde_json::json!([item.0.to_string()]),
        "only the ticked item stays"
    );
    c.close().await.unwrap();
}

//! Budget (issue 17) in a browser: the seed's flow. The lead unit drafts an estimate for
//! the online sessions (interpreters, equipment rental); Finance returns it once, then
//! verifies it; the Board approves; the Office records an interpreter's contract; the unit
//! records two payments and the settlement; the page's figures follow each step.

use super::common::{Backend, TestApp, spawn_app};
use super::support::{
    browser, click, select, sign_in, sign_out, type_into, wait_for, wait_for_text,
};
use domain::Role;

#[tokio::test]
async fn budget_journey_from_estimate_to_settlement() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let unit = |p: &'static str| app.unit_id(p);
    let (qlds, museum) = (
        unit("Phòng Quản lý Di sản").await,
        unit("Bảo tàng Hà Nội").await,
    );
    let (khtc, vp) = (unit("Phòng Kế hoạch").await, unit("Văn phòng Sở").await);
    let item = app.item_id("Tham gia các phiên họp online").await;
    let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    let version = app
        .store
        .item_tracking(item)
        .await
        .unwrap()
        .unwrap()
        .version;
    let csrf = board.csrf_from(&format!("/items/{}", item.0)).await;
    let form = [
        ("_csrf", csrf),
        ("version", version.to_string()),
        ("lead", qlds.0.to_string()),
        ("coord", museum.0.to_string()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    board.post(&format!("/items/{}/units", item.0), &form).await;
    TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
    TestApp::user_browser(&app, "ketoan", &[Role::Finance], &[khtc]).await;
    TestApp::user_browser(&app, "vanphong", &[Role::Office], &[vp]).await;
    let page = app.url(&format!("/items/{}/budget", item.0));

    // The lead unit drafts two lines from the item page's link, and submits.
    sign_in(&c, &app, "lead").await;
    c.goto(&app.url(&format!("/items/{}", item.0)))
        .await
        .unwrap();
    click(&c, "#budget-link").await;
    wait_for(&c, "#estimate-lines").await;
    for (category, text, unit, qty, price, total) in [
        (
            "interpretation",
            "Phiên dịch Anh – Việt",
            "buổi",
            "4",
            "5.000.000",
            "20.000.000 ₫",
        ),
        (
            "equipment_rental",
            "Thuê thiết bị họp trực tuyến",
            "gói",
            "1",
            "12.000.000",
            "32.000.000 ₫",
        ),
    ] {
        click(&c, "#line-add summary").await;
        select(&c, "#line-category", category).await;
        type_into(&c, "#line-description", text).await;
        type_into(&c, "#line-unit", unit).await;
        type_into(&c, "#line-quantity", qty).await;
        type_into(&c, "#line-price", price).await;
        click(&c, "#line-add button[type=submit]").await;
        wait_for_text(&c, "#estimate-total", total).await;
    }
    wait_for_text(&c, "#in-words", "Ba mươi hai triệu đồng chẵn").await;
    click(&c, "#step-submit").await;
    wait_for_text(&c, "#estimate-status", "Chờ thẩm tra").await;
    sign_out(&c).await;

    // Finance finds it in its queue and returns it once, with a comment.
    sign_in(&c, &app, "ketoan").await;
    c.goto(&app.url("/budget")).await.unwrap();
    click(&c, "#finance-queue a").await;
    wait_for(&c, "#step-comment").await;
    type_into(&c, "#step-comment", "Bổ sung báo giá phiên dịch").await;
    click(&c, "#step-return").await;
    wait_for_text(&c, "#estimate-status", "Dự thảo").await;
    wait_for_text(&c, "#estimate-history", "Bổ sung báo giá phiên dịch").await;
    sign_out(&c).await;

    for (who, step, status) in [
        ("lead", "#step-submit", "Chờ thẩm tra"),
        ("ketoan", "#step-verify", "Đã thẩm tra"),
        ("board", "#step-approve", "Đã phê duyệt"),
    ] {
        sign_in(&c, &app, who).await;
        c.goto(&page).await.unwrap();
        click(&c, step).await;
        wait_for_text(&c, "#estimate-status", status).await;
        sign_out(&c).await;
    }

    // The Office records the interpreter's contract against the interpretation line.
    sign_in(&c, &app, "vanphong").await;
    c.goto(&page).await.unwrap();
    click(&c, "#contract-add summary").await;
    type_into(&c, "#c-vendor", "Lê Thu Hà").await;
    select(&c, "#c-kind", "person").await;
    type_into(&c, "#c-subject", "Phiên dịch 4 phiên họp trực tuyến").await;
    type_into(&c, "#c-value", "20.000.000").await;
    type_into(&c, "#c-signed", "02/05/2025").await;
    type_into(&c, "#c-term", "31/12/2025").await;
    click(&c, "#c-lines input[type=checkbox]").await;
    click(&c, "#contract-add button[type=submit]").await;
    wait_for_text(&c, "#money-contracted", "20.000.000 ₫").await;
    sign_out(&c).await;

    // The unit records two payments and the settlement.
    sign_in(&c, &app, "lead").await;
    c.goto(&page).await.unwrap();
    for (kind, amount, paid) in [
        ("advance", "6.000.000", "6.000.000 ₫"),
        ("acceptance", "10.000.000", "16.000.000 ₫"),
        ("settlement", "4.000.000", "20.000.000 ₫"),
    ] {
        click(&c, "#payment-add summary").await;
        select(&c, "#p-kind", kind).await;
        type_into(&c, "#p-amount", amount).await;
        type_into(&c, "#p-date", "30/06/2025").await;
        click(&c, "#payment-add button[type=submit]").await;
        wait_for_text(&c, "#money-paid", paid).await;
    }
    wait_for_text(&c, "#money-planned", "32.000.000 ₫").await;
    wait_for_text(&c, "#money-settled", "4.000.000 ₫").await;

    // The plan's budget page and the dashboard show the same figures as the item's page.
    let plan = app.plan_id().await;
    c.goto(&app.url(&format!("/plans/{plan}/budget")))
        .await
        .unwrap();
    wait_for(&c, "#plan-money-total").await;
    for figure in ["32.000.000 ₫", "20.000.000 ₫", "4.000.000 ₫"] {
        wait_for_text(&c, "#plan-money-total", figure).await;
        wait_for_text(&c, "#unit-money", figure).await;
    }
    c.goto(&app.url(&format!("/dashboard?plan={plan}")))
        .await
        .unwrap();
    wait_for_text(&c, "#budget-planned", "32.000.000 ₫").await;
    wait_for_text(&c, "#budget-tile", "20.000.000 ₫").await;

    // On a phone the page does not scroll sideways (the tables stack).
    super::support::set_width(&c, (390, 844)).await;
    let plan_page = app.url(&format!("/plans/{}/budget", app.plan_id().await));
    for (url, ready) in [(&page, "#estimate-lines"), (&plan_page, "#plan-money")] {
        c.goto(url).await.unwrap();
        wait_for(&c, ready).await;
        let wide = super::support::js(
            &c,
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
        )
        .await;
        assert_eq!(wide.as_i64(), Some(0), "{url} scrolls sideways at 390 px");
    }
    // Each stacked money cell says which figure it is.
    let label = super::support::js(
        &c,
        "const td = document.querySelector('#plan-money-total td:nth-child(4)'); \
         return getComputedStyle(td, '::before').content;",
    )
    .await;
    assert_eq!(label.as_str(), Some("\"Đã chi: \""), "{label}");
    if std::env::var("SANGTAO_WRITE_SCREENSHOTS").as_deref() == Ok("1") {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots");
        let png = c.screenshot().await.unwrap();
        std::fs::write(dir.join("budget-plan-390.png"), &png).unwrap();
    }
    super::support::set_width(&c, (1366, 768)).await;

    // The page with all its parts passes axe-core (no serious or critical violation).
    use super::accessibility::{AXE, AXE_RUN};
    c.execute(&format!("{AXE}\nreturn typeof axe;"), vec![])
        .await
        .unwrap();
    let r = c.execute_async(AXE_RUN, vec![]).await.unwrap();
    assert!(r["rules"].as_u64() > Some(20), "axe ran: {r}");
    assert_eq!(r["violations"], serde_json::json!([]), "{r}");
    c.close().await.unwrap();
}

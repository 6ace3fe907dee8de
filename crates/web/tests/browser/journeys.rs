//! Whole journeys through the pages, as their people make them.

use super::common::{self, Backend, NEW_PASSWORD, PNG, spawn_app};
use super::support::{
    browser, click, select, sign_in, sign_out, type_into, wait_for, wait_for_text,
};
use domain::Role;
use fantoccini::Locator;

#[tokio::test]
async fn journey_sign_in_change_password_open_plan_and_item_switch_language() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;

    // Sign in with the one-time password.
    c.goto(&app.url("/plans")).await.unwrap();
    wait_for(&c, "#login").await;
    assert!(c.current_url().await.unwrap().path() == "/signin");
    type_into(&c, "#login", "admin").await;
    type_into(&c, "#password", &app.admin_password).await;
    click(&c, "#signin-submit").await;

    // The password must be changed first.
    wait_for(&c, "#password-forced").await;
    type_into(&c, "#current", &app.admin_password).await;
    type_into(&c, "#new", NEW_PASSWORD).await;
    type_into(&c, "#confirm", NEW_PASSWORD).await;
    click(&c, "#password-submit").await;
    // The home page, "Việc của tôi" (the Board's blocks for an admin).
    wait_for(&c, "#board-awaiting").await;
    assert!(c.source().await.unwrap().contains("Đã đổi mật khẩu"));

    // The plan list from the menu, the plan (htmx-boosted links), then an item.
    click(&c, "nav.nav a[href='/plans']").await;
    wait_for(&c, "main table a[href^='/plans/']").await;
    click(&c, "main table a[href^='/plans/']").await;
    wait_for(&c, "#plan-tree a.item-title").await;
    let source = c.source().await.unwrap();
    assert!(
        source.contains("20–30 cuộc/năm"),
        "targets on the plan page"
    );
    click(&c, "#plan-tree a.item-title").await;
    wait_for(&c, "nav.crumbs a[href^='/plans/']").await;
    assert!(c.current_url().await.unwrap().path().starts_with("/items/"));

    // English, then back to Vietnamese.
    click(&c, "button[name=lang][value=en]").await;
    wait_for(&c, "html[lang=en]").await;
    assert!(c.source().await.unwrap().contains(">Plans<"));
    let here = c.current_url().await.unwrap();
    assert!(
        here.path().starts_with("/items/"),
        "stays on the same page, not {here}"
    );
    click(&c, "button[name=lang][value=vi]").await;
    wait_for(&c, "html[lang=vi]").await;
    assert!(c.source().await.unwrap().contains(">Kế hoạch<"));

    // On a 360 px phone the plan page does not scroll sideways.
    c.set_window_size(360, 800).await.unwrap();
    let plan = app.plan_id().await;
    c.goto(&app.url(&format!("/plans/{plan}"))).await.unwrap();
    wait_for(&c, "#plan-tree").await;
    let fits = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        fits,
        serde_json::Value::Bool(true),
        "no horizontal scroll at 360 px"
    );
    c.close().await.unwrap();
}

#[tokio::test]
async fn journey_lead_reports_with_a_photo_the_board_sees_it_a_coordinator_cannot_edit() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let bao_tang = app.unit_id("Bảo tàng Hà Nội").await;
    let _lead = common::TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
    let _board = common::TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    let _coord = common::TestApp::user_browser(&app, "coord", &[Role::Staff], &[bao_tang]).await;
    let item = app.item_id("Tham gia các phiên họp online").await;
    let item_url = app.url(&format!("/items/{}", item.0));
    let photo = b.profile.path().join("phien-hop.png");
    std::fs::write(&photo, PNG).unwrap();

    // The lead unit's user files a report with a photo.
    sign_in(&c, &app, "lead").await;
    c.goto(&item_url).await.unwrap();
    wait_for(&c, "#report-form").await;
    type_into(&c, "#r-text", "Đã tham gia 5 phiên họp trực tuyến").await;
    type_into(&c, "#r-percent", "35").await;
    type_into(&c, "#r-files", &photo.display().to_string()).await;
    click(&c, "#r-submit").await;
    wait_for(&c, ".report .evidence img").await;
    assert!(c.source().await.unwrap().contains("Đã gửi báo cáo tiến độ"));
    sign_out(&c).await;

    // A Board user sees the report and the photo loads.
    sign_in(&c, &app, "board").await;
    c.goto(&item_url).await.unwrap();
    wait_for(&c, ".report .evidence img").await;
    let source = c.source().await.unwrap();
    assert!(source.contains("Đã tham gia 5 phiên họp trực tuyến"));
    assert!(source.contains("35%"));
    let loaded = c
        .execute(
            "const img = document.querySelector('.report .evidence img'); \
             return img.decode().then(() => img.naturalWidth);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        loaded,
        serde_json::json!(1),
        "the photo is served and decodes"
    );
    sign_out(&c).await;

    // A coordinating unit's user has no edit forms, and a POST by hand is refused.
    sign_in(&c, &app, "coord").await;
    c.goto(&item_url).await.unwrap();
    wait_for(&c, "#report-form").await;
    let source = c.source().await.unwrap();
    assert!(!source.contains("id=\"details-form\""));
    assert!(!source.contains("id=\"status-form\""));
    let status = c
        .execute(
            "const token = JSON.parse(document.body.getAttribute('hx-headers'))['X-CSRF-Token']; \
             return fetch(location.pathname + '/details', {method: 'POST', \
               headers: {'X-CSRF-Token': token, 'Content-Type': 'application/x-www-form-urlencoded'}, \
               body: 'version=1&title=Sửa trái phép'}).then(r => r.status);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(status, serde_json::json!(403));
    let it = app.store.item_tracking(item).await.unwrap().unwrap();
    assert_ne!(it.title, "Sửa trái phép");
    c.close().await.unwrap();
}

#[tokio::test]
async fn journey_online_session_with_an_interpreter_held_moves_the_plan_target() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let _lead = common::TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
    let item = app.item_id("Tham gia các phiên họp online").await;
    // The target "20–30 cuộc/năm" counts online sessions held in 2025 linked to the item,
    // as the import read it from the wording: nobody sets it.
    let target = app.store.item(item).await.unwrap().unwrap().targets[0].id;
    let progress = app
        .store
        .plan_target_progress(domain::PlanId(app.plan_id().await))
        .await
        .unwrap();
    assert_eq!(
        progress
            .iter()
            .find(|t| t.target_id == target)
            .unwrap()
            .source,
        store::TargetSource::Counted {
            rule: domain::CountingRule {
                kinds: vec!["online_session".into()],
                statuses: vec!["held".into()],
                window: domain::Window::Year { year: 2025 },
                item: Some(item),
                measure: domain::Measure::Count,
            },
        }
    );
    let plan_url = app.url(&format!("/plans/{}", app.plan_id().await));

    sign_in(&c, &app, "lead").await;
    c.goto(&plan_url).await.unwrap();
    wait_for(&c, "#plan-tree").await;
    assert!(
        c.source()
            .await
            .unwrap()
            .contains("20–30 cuộc/năm · Thực hiện: 0 · Chưa đạt")
    );

    // An interpreter in the directory.
    c.goto(&app.url("/people/new")).await.unwrap();
    wait_for(&c, "#person-form").await;
    select(&c, "#p-kind", "interpreter").await;
    type_into(&c, "#p-name", "Lê Thu Hà").await;
    click(&c, "#p-pairs input[value='vi-en']").await;
    click(&c, "#p-pairs input[value='vi-fr']").await;
    click(&c, "#person-submit").await;
    wait_for(&c, "table#people").await;

    // The online session, linked to the plan item.
    c.goto(&app.url("/events/new")).await.unwrap();
    wait_for(&c, "#event-form").await;
    type_into(&c, "#e-title", "Phiên họp trực tuyến Mạng lưới tháng 3").await;
    select(&c, "#e-kind", "online_session").await;
    type_into(&c, "#e-start-date", "15/03/2025").await;
    type_into(&c, "#e-start-time", "14:00").await;
    type_into(&c, "#e-end-time", "16:00").await;
    click(&c, &format!("#e-items input[value='{}']", item.0)).await;
    click(&c, "#event-submit").await;
    wait_for(&c, "#book-form").await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/events/")
    );

    // Book the interpreter, then mark the session confirmed and held.
    let person = app
        .store
        .list_people(Some(domain::PersonKind::Interpreter), None)
        .await
        .unwrap()[0]
        .id
        .0
        .to_string();
    select(&c, "#b-person", &person).await;
    type_into(&c, "#b-pair", "vi-en").await;
    click(&c, "#book-submit").await;
    wait_for_text(&c, "#bookings", "Lê Thu Hà").await;
    select(&c, "#ev-status", "confirmed").await;
    click(&c, "#status-submit").await;
    wait_for_text(&c, "#event-status", "đã xác nhận").await;
    select(&c, "#ev-status", "held").await;
    click(&c, "#status-submit").await;
    wait_for_text(&c, "#event-status", "đã diễn ra").await;

    // The plan page shows the target moved.
    c.goto(&plan_url).await.unwrap();
    wait_for(&c, "#plan-tree").await;
    let source = c.source().await.unwrap();
    assert!(
        source.contains("20–30 cuộc/năm · Thực hiện: 1 · Chưa đạt"),
        "the target moved"
    );
    c.close().await.unwrap();
}

/// Issue 11's daily loop, as its people do it: a unit reports and the status moves; a held
/// online session moves the target by one on the plan, the item, the dashboard and the
/// report annex with no setting touched; the Board returns the report with a comment, the
/// unit finds it on "Việc của tôi" and files version 2; the Board accepts and grades it,
/// and the unit sees the grade.
#[tokio::test]
async fn journey_report_status_session_target_return_answer_accept_grade() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let _lead = common::TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
    let _board = common::TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    let plan = domain::PlanId(app.plan_id().await);
    let item = app.item_id("Tham gia các phiên họp online").await;
    let target = app.store.item(item).await.unwrap().unwrap().targets[0].id;
    let item_url = app.url(&format!("/items/{}", item.0));
    let plan_url = app.url(&format!("/plans/{}", plan.0));

    // 1. The lead unit lands on its work, files a report, and the status moves.
    sign_in(&c, &app, "lead").await;
    assert_eq!(c.current_url().await.unwrap().path(), "/");
    wait_for(&c, &format!("#unit-{}-overdue", qlds.0)).await;
    c.goto(&item_url).await.unwrap();
    wait_for(&c, "#report-form").await;
    select(&c, "#r-period", "2025-Q1").await;
    type_into(&c, "#r-text", "Tham gia 12 phiên họp trực tuyến").await;
    type_into(&c, "#r-percent", "40").await;
    type_into(&c, &format!("#fig-{target}"), "12").await;
    click(&c, "#r-submit").await;
    wait_for_text(&c, ".status", "Đang thực hiện").await;

    // 2. A held online session linked to the item: the target counts it, beside the 12.
    c.goto(&app.url("/events/new")).await.unwrap();
    wait_for(&c, "#event-form").await;
    type_into(&c, "#e-title", "Phiên họp trực tuyến Mạng lưới tháng 3").await;
    select(&c, "#e-kind", "online_session").await;
    type_into(&c, "#e-start-date", "15/03/2025").await;
    type_into(&c, "#e-start-time", "14:00").await;
    type_into(&c, "#e-end-time", "16:00").await;
    click(&c, &format!("#e-items input[value='{}']", item.0)).await;
    click(&c, "#event-submit").await;
    wait_for(&c, "#ev-status").await;
    select(&c, "#ev-status", "confirmed").await;
    click(&c, "#status-submit").await;
    wait_for_text(&c, "#event-status", "đã xác nhận").await;
    select(&c, "#ev-status", "held").await;
    click(&c, "#status-submit").await;
    wait_for_text(&c, "#event-status", "đã diễn ra").await;
    let both = "Báo cáo: 12 · Hồ sơ: 1 · chênh lệch 11";
    for url in [&plan_url, &item_url] {
        c.goto(url).await.unwrap();
        wait_for(&c, "main").await;
        assert!(c.source().await.unwrap().contains(both), "{url}");
    }
    sign_out(&c).await;

    // The Board's dashboard and the year report's annex show the same count.
    sign_in(&c, &app, "board").await;
    c.goto(&app.url(&format!("/dashboard?plan={}", plan.0)))
        .await
        .unwrap();
    wait_for(&c, "#overdue-count").await;
    assert!(c.source().await.unwrap().contains("20–30 cuộc/năm"));
    let progress = app.store.plan_target_progress(plan).await.unwrap();
    let t = progress.iter().find(|t| t.target_id == target).unwrap();
    assert_eq!((t.actual, t.reported), (Some(1.0), Some(12.0)));
    let year = domain::Period::Year(2025);
    let report = app::report::load(&app.store, plan, year)
        .await
        .unwrap()
        .unwrap();
    let annex = report.document(year).appendix;
    assert!(
        annex.iter().any(|r| r.figures.contains("1/20–30 cuộc/năm")),
        "{annex:?}"
    );

    // 3. The Board returns the report with a comment.
    let latest = || async { app.store.item_reports(item).await.unwrap()[0].clone() };
    let (rid, first) = (latest().await.report_id, latest().await.id);
    c.goto(&item_url).await.unwrap();
    wait_for(&c, &format!("#review-form-{rid}")).await;
    type_into(&c, &format!("#rv-{rid}"), "Bổ sung danh sách 12 phiên").await;
    click(&c, &format!("#review-form-{rid} button[value='returned']")).await;
    wait_for(&c, ".decision.d-returned").await;
    sign_out(&c).await;

    // The unit sees it on "Việc của tôi" and answers with version 2.
    sign_in(&c, &app, "lead").await;
    wait_for_text(
        &c,
        &format!("#unit-{}-returned", qlds.0),
        "Bổ sung danh sách 12 phiên",
    )
    .await;
    click(&c, &format!("#unit-{}-returned a", qlds.0)).await;
    wait_for(&c, "#report-form").await;
    c.find(Locator::Css("#r-text"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    type_into(&c, "#r-text", "Danh sách 12 phiên kèm theo").await;
    click(&c, "#report-form button").await;
    wait_for(&c, ".answers").await;
    sign_out(&c).await;

    // 4. The Board accepts version 2 and grades the item; the unit sees the grade.
    assert_ne!(latest().await.id, first, "a new version");
    sign_in(&c, &app, "board").await;
    c.goto(&item_url).await.unwrap();
    wait_for(&c, &format!("#review-form-{rid}")).await;
    click(&c, &format!("#review-form-{rid} button[value='accepted']")).await;
    wait_for(&c, ".decision.d-accepted").await;
    c.goto(&app.url(&format!("/items/{}/evaluation", item.0)))
        .await
        .unwrap();
    wait_for(&c, "#evaluation-form").await;
    select(&c, "#ev-period", "2025").await;
    click(&c, "input[name='grade'][value='good']").await;
    type_into(&c, "#ev-comment", "Thực hiện tốt, đủ minh chứng").await;
    click(&c, "#evaluation-form button").await;
    // The history is on the form's page already: wait for the saved grade in it.
    wait_for_text(&c, "#evaluation-history", "Thực hiện tốt, đủ minh chứng").await;
    sign_out(&c).await;

    sign_in(&c, &app, "lead").await;
    c.goto(&item_url).await.unwrap();
    wait_for_text(&c, "#grades + .grades", "Thực hiện tốt, đủ minh chứng").await;
    assert!(!c.source().await.unwrap().contains("id=\"evaluation-form\""));
    c.close().await.unwrap();
}

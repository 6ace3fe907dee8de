//! The network space (issue 19, step 5 of its journey) in a browser: the Board invites
//! Huế's focal point from `/network/members` (no mailer here: the page shows the link to
//! pass on), the focal point follows the link in a fresh session, sets a password, signs
//! in, lands in the network space, sees the shared calendar and library, and gets 403 on
//! Hanoi's items; Huế accepts Hanoi's invitation to an event from its front page and sees
//! its answer on the event's page. Then the network pages at 390 and 1366 px (into `docs/screenshots/`
//! with SANGTAO_WRITE_SCREENSHOTS=1).

use super::common::{Backend, TestApp, spawn_app};
use super::support::{
    WIDTHS, browser, click, js, open, set_width, sign_in, sign_out, type_into, wait_for,
    wait_for_text,
};
use domain::Role;
use std::path::Path;

#[tokio::test]
async fn network_journey_invite_hue_sign_up_calendar_library_and_403() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let _board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    let board = app
        .store
        .user_by_login("board")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let rows = domain::cities::import::merge(Vec::new(), &[]);
    app.store.import_cities(&rows, &board).await.unwrap();
    let all = store::CityFilter {
        page: 1,
        per_page: 100,
        ..Default::default()
    };
    let cities = app.store.list_cities(&all).await.unwrap().rows;
    let hue = cities.iter().find(|c| c.slug == "hue").unwrap().id;
    let person = store::PersonInput {
        kind: Some(domain::PersonKind::Expert),
        name: "Trần Thị Hoa".into(),
        organisation: "UBND thành phố Huế".into(),
        email: "hoa@hue.gov.vn".into(),
        ..Default::default()
    };
    let person = app.store.create_person(&person, &board).await.unwrap();
    let role = domain::ContactRole::FocalPoint;
    app.store
        .add_contact(Some(hue), person, role, &board)
        .await
        .unwrap();
    // Something on the calendar and in the library, posted as Hanoi.
    let hanoi = domain::network::Viewer::Department { manage: true };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let event = store::NetworkEventInput {
        title: "Hội thảo kết nối thành phố sáng tạo".into(),
        start_local: day.and_hms_opt(9, 0, 0).unwrap(),
        end_local: day.and_hms_opt(11, 30, 0).unwrap(),
        place: "Hà Nội".into(),
        notes: String::new(),
    };
    let ev = app
        .store
        .post_network_event(&event, hanoi, &board)
        .await
        .unwrap();
    // Hanoi invites Huế to it and to a second one (before Huế has an account: the
    // invitation is the city's); the second stays unanswered on Huế's front page.
    let later = store::NetworkEventInput {
        title: "Ngày hội Thiết kế sáng tạo Hà Nội".into(),
        start_local: (day + chrono::Duration::days(7))
            .and_hms_opt(8, 0, 0)
            .unwrap(),
        end_local: (day + chrono::Duration::days(7))
            .and_hms_opt(17, 0, 0)
            .unwrap(),
        place: "Hoàng thành Thăng Long".into(),
        notes: String::new(),
    };
    let ev2 = app
        .store
        .post_network_event(&later, hanoi, &board)
        .await
        .unwrap();
    for e in [ev, ev2] {
        app.store
            .invite_to_network_event(e, &[hue], hanoi, &board, None)
            .await
            .unwrap();
    }

    // The Board invites Huế's focal point.
    sign_in(&c, &app, "board").await;
    open(&c, &app, "/network/members", &format!("#member-{hue}")).await;
    click(&c, &format!("#invite-{hue}-{person}")).await;
    wait_for(&c, "#invite-link").await;
    let link = js(
        &c,
        "return document.querySelector('#invite-link').textContent;",
    )
    .await;
    let link = link.as_str().unwrap().to_string();
    let path = &link[link.find("/network/join/").unwrap()..];
    open(&c, &app, "/network/library", "#document-form").await;
    type_into(&c, "#d-title", "Cẩm nang hồ sơ ứng cử UCCN").await;
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("cam-nang.png");
    std::fs::write(&file, super::common::PNG).unwrap();
    type_into(
        &c,
        "#d-file",
        file.canonicalize().unwrap().to_str().unwrap(),
    )
    .await;
    click(&c, "#document-submit").await;
    wait_for_text(&c, "#document-list", "Cẩm nang hồ sơ ứng cử UCCN").await;
    sign_out(&c).await;

    // Huế's focal point follows the link, sets a password, signs in.
    open(&c, &app, path, "#join-form").await;
    wait_for_text(&c, "#join-city", "Huế").await;
    js(
        &c,
        "document.querySelector('#j-login').value = ''; return true;",
    )
    .await;
    type_into(&c, "#j-login", "hoa").await;
    type_into(&c, "#j-password", super::common::NEW_PASSWORD).await;
    type_into(&c, "#j-confirm", super::common::NEW_PASSWORD).await;
    click(&c, "#join-submit").await;
    wait_for_text(&c, ".notice", "Đã tạo tài khoản Mạng lưới").await;
    sign_in(&c, &app, "hoa").await;
    wait_for_text(&c, "#network-city", "Huế").await;
    wait_for_text(&c, "#network-next", "Hội thảo kết nối thành phố sáng tạo").await;
    // The invitation is the first thing on Huế's front page: it accepts there.
    wait_for_text(
        &c,
        "#network-invitations",
        "Hội thảo kết nối thành phố sáng tạo",
    )
    .await;
    click(&c, &format!("#accept-{ev}")).await;
    wait_for_text(&c, ".notice", "Đã ghi nhận câu trả lời").await;
    wait_for(&c, &format!("#accept-{ev2}")).await;
    let event_page = format!("/network/calendar/{ev}");
    open(&c, &app, &event_page, "#invitation-list").await;
    wait_for_text(&c, "#invitation-list", "Tham dự").await;
    wait_for_text(&c, "#my-answer-now", "Tham dự").await;
    open(&c, &app, "/network/calendar?month=2026-11", "#month-grid").await;
    wait_for_text(&c, "#event-list", "Hội thảo kết nối thành phố sáng tạo").await;
    open(&c, &app, "/network/library", "#document-list").await;
    wait_for_text(&c, "#document-list", "Cẩm nang hồ sơ ứng cử UCCN").await;
    // Its entry's page: Hanoi's, so Huế reads it without the edit form.
    click(&c, "#document-list .doc-title").await;
    wait_for_text(&c, "#document", "Cẩm nang hồ sơ ứng cử UCCN").await;
    let entry = js(
        &c,
        "return document.querySelector('#document-edit') ? '' : location.pathname;",
    )
    .await;
    let entry = entry.as_str().unwrap().to_string();
    assert!(entry.starts_with("/network/library/"), "no form for Huế");
    // Huế opens a thread on the message board, under the candidacy topic.
    open(&c, &app, "/network/board", "#thread-form").await;
    js(
        &c,
        "document.querySelector('#t-topic').value = 'candidacy'; return true;",
    )
    .await;
    type_into(&c, "#t-title", "Hồ sơ ẩm thực của Huế: xin góp ý").await;
    type_into(
        &c,
        "#t-body",
        "Huế đang chuẩn bị hồ sơ ứng cử lĩnh vực Ẩm thực.\nXin các thành phố chia sẻ kinh nghiệm.",
    )
    .await;
    click(&c, "#thread-submit").await;
    wait_for_text(&c, "#posts", "Xin các thành phố chia sẻ kinh nghiệm").await;
    let thread = js(&c, "return location.pathname;").await;
    let thread = thread.as_str().unwrap().to_string();
    type_into(&c, "#r-body", "Bổ sung: dự kiến nộp hồ sơ trong năm 2027.").await;
    click(&c, "#reply-submit").await;
    wait_for_text(&c, "#posts", "dự kiến nộp hồ sơ trong năm 2027").await;
    open(&c, &app, "/network/board?topic=candidacy", "#thread-list").await;
    wait_for_text(&c, "#thread-list", "Hồ sơ ẩm thực của Huế").await;
    // Hanoi's items: 403.
    let item = app.item_id("Tham gia các phiên họp online").await;
    c.goto(&app.url(&format!("/items/{item}"))).await.unwrap();
    wait_for_text(&c, "main", "Bạn không có quyền xem trang này").await;

    // The network pages at a phone's and a laptop's width.
    let dir = if std::env::var("SANGTAO_WRITE_SCREENSHOTS").as_deref() == Ok("1") {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
    } else {
        tmp.path().to_path_buf()
    };
    std::fs::create_dir_all(&dir).unwrap();
    for size in WIDTHS {
        set_width(&c, size).await;
        for (name, path, ready) in [
            ("network", "/network", "#network-next"),
            (
                "network-calendar",
                "/network/calendar?month=2026-11",
                "#month-grid",
            ),
            ("network-library", "/network/library", "#document-list"),
            ("network-document", entry.as_str(), "#document"),
            ("network-board", "/network/board", "#thread-list"),
            ("network-thread", thread.as_str(), "#posts"),
            ("network-event", event_page.as_str(), "#invitation-list"),
        ] {
            open(&c, &app, path, ready).await;
            let wide = js(&c, "return document.documentElement.scrollWidth;").await;
            assert!(
                wide.as_u64().unwrap() <= u64::from(size.0),
                "{path} at {}",
                size.0
            );
            let png = c.screenshot().await.unwrap();
            std::fs::write(dir.join(format!("{name}-{}.png", size.0)), &png).unwrap();
        }
    }
    c.close().await.unwrap();
}

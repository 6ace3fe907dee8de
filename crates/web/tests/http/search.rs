//! The header search (issue 16): one box on every page; items, events, people and progress
//! reports found without diacritics, grouped by kind, each group within what the user may
//! open. On SQLite and PostgreSQL.

use super::events::create_event;
use super::tracking::{post_report, report_form};
use crate::common::{self, TestApp, spawn_app};
use domain::Role;
use reqwest::StatusCode;

const SESSIONS: &str = "Tham gia các phiên họp online";

async fn search(b: &TestApp, q: &str) -> String {
    let mut url = form_urlencoded::Serializer::new(String::from("/search?"));
    url.append_pair("q", q);
    let r = b.get(&url.finish()).await;
    assert_eq!(r.status(), StatusCode::OK, "{q}");
    r.text().await.unwrap()
}

#[tokio::test]
async fn one_search_finds_items_events_people_and_reports_without_diacritics() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let tap_chi = app.unit_id("Tạp chí Kiến trúc").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let partner = TestApp::user_browser(&app, "partner", &[Role::Partner], &[tap_chi]).await;

        create_event(
            &lead,
            qlds,
            &[
                ("title", "Giao lưu âm nhạc với Đà Lạt"),
                ("venue", "Nhà hát Lớn"),
            ],
        )
        .await;
        let csrf = lead.csrf_from("/people/new").await;
        let r = lead
            .post(
                "/people",
                &[
                    ("_csrf", csrf.as_str()),
                    ("kind", "expert"),
                    ("name", "Nguyễn Đà Lạt"),
                    ("organisation", "Nhạc viện"),
                ],
            )
            .await;
        assert_eq!(r.url().path(), "/people", "the person is saved");
        let item = app.item_id(SESSIONS).await;
        let q = qlds.0.to_string();
        let form = report_form(
            &[
                ("unit", q.as_str()),
                ("period", "2025-Q3"),
                (
                    "text",
                    "Đã trao đổi kinh nghiệm với thành phố Đà Lạt về âm nhạc",
                ),
            ],
            vec![],
        );
        let r = post_report(&lead, &format!("/items/{}/reports", item.0), form).await;
        assert_eq!(r.status(), StatusCode::OK);

        // The box is in every page's header.
        let home = lead.get("/").await.text().await.unwrap();
        assert!(home.contains("action=\"/search\""), "{home}");

        let page = search(&lead, "da lat").await;
        assert!(
            page.contains("Giao lưu âm nhạc với <mark>Đà</mark> <mark>Lạt</mark>"),
            "the event: {page}"
        );
        assert!(
            page.contains("Nhà hát Lớn"),
            "the event's venue, which is searched too"
        );
        assert!(
            search(&lead, "nha hat").await.contains("với Đà Lạt"),
            "found by its venue"
        );
        assert!(
            page.contains("Nguyễn <mark>Đà</mark> <mark>Lạt</mark>"),
            "the person"
        );
        assert!(
            page.contains(&format!("/items/{}#reports", item.0))
                && page.contains("thành phố <mark>Đà</mark> <mark>Lạt</mark>"),
            "the report, with its words around the match"
        );
        assert!(page.contains("Sự kiện (1)") && page.contains("Người (1)"));
        assert!(page.contains("Báo cáo tiến độ (1)"));

        // Items: the same count as the item list's search (the same index).
        let page = search(&lead, "phien hop online").await;
        let listed = app
            .store
            .list_items(&store::ItemFilter {
                text: Some("phien hop online".into()),
                page: 1,
                per_page: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(listed.total >= 1);
        assert!(
            page.contains(&format!("Nhiệm vụ ({})", listed.total))
                && page.contains(
                    "Tham gia các <mark>phiên</mark> <mark>họp</mark> <mark>online</mark>"
                ),
            "{page}"
        );

        // A partner sees no directory, and nothing on items it does not take part in.
        let page = search(&partner, "da lat").await;
        assert!(!page.contains("Nguyễn <mark>Đà</mark>") && !page.contains("Người ("));
        let shared = partner.get(&format!("/items/{}", item.0)).await.status() == StatusCode::OK;
        assert_eq!(page.contains("thành phố <mark>Đà</mark>"), shared, "{page}");
    }
}

#[tokio::test]
async fn a_search_too_short_or_too_long_is_said_and_what_was_typed_is_escaped() {
    let app = spawn_app(common::Backend::Sqlite).await;
    app.sign_in_ready().await;
    let page = search(&app, "").await;
    assert!(
        !page.contains("notice error"),
        "an empty box is not a mistake"
    );
    let page = search(&app, " a ").await;
    assert!(page.contains("Gõ ít nhất 2 chữ hoặc số"), "{page}");
    let page = search(&app, &"x".repeat(201)).await;
    assert!(page.contains("dài quá 200 ký tự"));
    let page = search(&app, "<script>alert(1)</script>").await;
    assert!(!page.contains("<script>alert(1)"), "escaped");
    assert!(page.contains("&#60;script&#62;alert(1)"), "{page}");
    assert!(page.contains("Không tìm thấy gì cho"));
}

#[tokio::test]
async fn matched_words_are_marked_and_the_texts_escaped() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        create_event(&lead, qlds, &[("title", "<b>Hội thảo</b> & gốm")]).await;
        let item = app.item_id(SESSIONS).await;
        let q = qlds.0.to_string();
        let long = format!(
            "{} <script>alert(1)</script> hội thảo về gốm {}",
            "Mở đầu dài. ".repeat(20),
            "Phần sau. ".repeat(20)
        );
        let form = report_form(
            &[
                ("unit", q.as_str()),
                ("period", "2025-Q3"),
                ("text", long.as_str()),
            ],
            vec![],
        );
        let r = post_report(&lead, &format!("/items/{}/reports", item.0), form).await;
        assert_eq!(r.status(), StatusCode::OK);

        let page = search(&lead, "hội tha").await;
        // The event's title: marked words, the markup typed shown as text.
        assert!(
            page.contains("&#60;b&#62;<mark>Hội</mark> <mark>thảo</mark>&#60;/b&#62; &#38; gốm"),
            "{page}"
        );
        // The report: a snippet around the first match, cut, marked and escaped.
        assert!(
            page.contains(
                "&#60;script&#62;alert(1)&#60;/script&#62; <mark>hội</mark> <mark>thảo</mark> về gốm"
            ),
            "{page}"
        );
        assert!(
            page.contains("<div class=\"snippet\">… "),
            "cut before: {page}"
        );
        assert!(!page.contains("<script>alert"), "{page}");
    }
}

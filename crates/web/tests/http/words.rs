//! Words (issue 16): titles without the document's bullets, count phrases worded for zero,
//! one and many, no stray separators, empty states that say what to do next, the printed
//! status that counts what it leaves out, and the plan page headed by its number, date
//! and signer. Each runs on SQLite and PostgreSQL.

use crate::common::{self, TestApp, spawn_app};
use domain::Role;

/// Every `<h2>` heading of a page.
fn headings(html: &str) -> Vec<&str> {
    html.split("<h2")
        .skip(1)
        .map(|h| h.split("</h2>").next().unwrap())
        .collect()
}

/// The text of the element `id="{id}"` up to its first closing tag `</{tag}>`.
fn element<'a>(html: &'a str, id: &str, tag: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {html}"));
    let end = html[start..].find(&format!("</{tag}>")).unwrap() + start;
    &html[start..end]
}

#[tokio::test]
async fn titles_and_exports_carry_no_document_bullet() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let item = app.item_id("Tham gia các phiên họp online").await;
        let page = board
            .get(&format!("/items/{}", item.0))
            .await
            .text()
            .await
            .unwrap();
        let title = element(&page, "main", "h1");
        assert!(!title.contains("<span class=\"num\">-"), "{title}");
        let tab = page.split("<title>").nth(1).unwrap();
        assert!(tab.starts_with("Tham gia các phiên họp online"), "{tab}");
        // The list's CSV: no numbering or title cell opens with a bullet (which the
        // formula guard would write as "'-").
        let plan = app.plan_id().await;
        let bytes = board
            .get(&format!("/items.csv?plan={plan}"))
            .await
            .bytes()
            .await
            .unwrap();
        let text = std::str::from_utf8(&bytes)
            .unwrap()
            .trim_start_matches('\u{feff}');
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let head = reader.headers().unwrap().clone();
        let cols: Vec<usize> = ["Số thứ tự", "Nhiệm vụ"]
            .iter()
            .map(|h| head.iter().position(|x| x == *h).expect(h))
            .collect();
        let mut rows = 0;
        for r in reader.records() {
            let r = r.unwrap();
            rows += 1;
            for c in &cols {
                let cell = &r[*c];
                assert!(!cell.starts_with(['\'', '-', '+']), "{cell:?} in {r:?}");
            }
        }
        assert!(rows > 10);
    }
}

#[tokio::test]
async fn count_phrases_read_well_and_the_status_says_how_many_more() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let plan = app.plan_id().await;
        // In November 2026 every item of the 2025 plan is overdue; none is due soon.
        let dash = board.get("/dashboard").await.text().await.unwrap();
        for h in headings(&dash) {
            assert!(!h.contains("(0)") && !h.contains(") ("), "{h}");
        }
        let soon = element(&dash, "due-soon", "h2");
        assert!(soon.ends_with(">Sắp đến hạn trong 14 ngày"), "{soon}");
        let overdue = element(&dash, "overdue", "h2");
        assert!(overdue.contains(">Quá hạn: "), "{overdue}");

        let status = board
            .get(&format!("/plans/{plan}/status"))
            .await
            .text()
            .await
            .unwrap();
        let summary = element(&status, "status-summary", "p");
        assert!(
            summary.contains("không có nhiệm vụ sắp đến hạn trong 14 ngày")
                && !summary.contains(" 0 "),
            "{summary}"
        );
        let listed = element(&status, "status-overdue", "ul")
            .matches("<li>")
            .count();
        assert_eq!(listed, 6);
        let heading = status.split("<h2>").nth(1).unwrap();
        let total: usize = heading
            .trim_start_matches("Quá hạn: ")
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{heading}"));
        assert!(total > 6, "{total}");
        let more = element(&status, "more-overdue", "p");
        assert!(
            more.contains(&format!("href=\"/items?plan={plan}&amp;overdue=1\""))
                && more.contains(&format!("… và {} nhiệm vụ quá hạn khác", total - 6)),
            "{more}"
        );
        // The link lists them all.
        let list = board
            .get(&format!("/items?plan={plan}&overdue=1"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            list.contains(&format!("{total} nhiệm vụ · trang")),
            "{total}"
        );

        // A unit's dashboard: no separator before its first unit.
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[qlds]).await;
        let dash = staff
            .get(&format!("/units/{}/dashboard", qlds.0))
            .await
            .text()
            .await
            .unwrap();
        assert!(dash.contains("Đơn vị: <a"), "{dash}");
        assert!(!dash.contains("Đơn vị: ·"));
        // A unit page with nothing coordinated says so once, without "(0)".
        let unit = staff
            .get(&format!("/units/{}", qlds.0))
            .await
            .text()
            .await
            .unwrap();
        for h in headings(&unit) {
            assert!(!h.contains("(0)"), "{h}");
        }
    }
}

#[tokio::test]
async fn the_empty_calendar_says_what_is_empty_and_what_to_do() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let month = lead.get("/events").await.text().await.unwrap();
        let empty = element(&month, "no-events", "div");
        assert!(
            empty.contains("Chưa có sự kiện nào trong tháng 11/2026")
                && !empty.contains("bộ lọc")
                && empty.contains("href=\"/events/new\""),
            "{empty}"
        );
        let list = lead.get("/events?view=list").await.text().await.unwrap();
        let empty = element(&list, "no-events", "div");
        assert!(empty.contains("Chưa có sự kiện nào.") && !empty.contains("bộ lọc"));
        let filtered = lead
            .get("/events?view=list&status=held")
            .await
            .text()
            .await
            .unwrap();
        let empty = element(&filtered, "no-events", "div");
        assert!(
            empty.contains("Không có sự kiện nào khớp bộ lọc.")
                && empty.contains("href=\"/events?view=list\""),
            "{empty}"
        );
    }
}

#[tokio::test]
async fn the_plan_page_heads_with_number_date_and_signer() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let plan = app.plan_id().await;
        let page = board
            .get(&format!("/plans/{plan}"))
            .await
            .text()
            .await
            .unwrap();
        // The seed copy is unsigned and undated: said in words, with its signer.
        let byline = element(&page, "plan-byline", "p");
        assert!(
            byline
                .ends_with(">Chưa ghi số văn bản · chưa ghi ngày ban hành · Giám đốc Đỗ Đình Hồng"),
            "{byline}"
        );
        // The file name comes last, small.
        let source = page.find("id=\"plan-source\"").unwrap();
        assert!(source > page.find("id=\"plan-tree\"").unwrap());
        assert!(element(&page, "plan-source", "p").contains("hanoi-2025-uccn.txt"));
        assert_eq!(page.matches("hanoi-2025-uccn.txt").count(), 1);
    }
}

#[tokio::test]
async fn the_first_visit_lands_calmly() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        // Opening the site: the sign-in page, with no warning.
        let r = app.fresh_client().get(app.url("/")).send().await.unwrap();
        assert_eq!(r.url().path(), "/signin");
        assert_eq!(r.url().query(), None);
        let page = r.text().await.unwrap();
        assert!(!page.contains("notice warn"), "{page}");
        // A deep link says why it asks, without alarm.
        let r = app
            .fresh_client()
            .get(app.url("/items"))
            .send()
            .await
            .unwrap();
        let page = r.text().await.unwrap();
        let why = element(&page, "signin-reason", "div");
        assert!(why.contains("Vui lòng đăng nhập") && !page.contains("notice warn"));
        // The admin's first landing, after the forced password change: no warning.
        app.sign_in_ready().await;
        let home = app.get("/").await.text().await.unwrap();
        assert!(home.contains("id=\"main\"") && !home.contains("notice warn"));
    }
}

#[tokio::test]
async fn a_task_without_owner_shows_its_due_date_without_a_stray_separator() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let id = crate::events::create_event(&lead, qlds, &[]).await;
        let csrf = lead.csrf_from(&format!("/events/{id}")).await;
        let r = lead
            .post(
                &format!("/events/{id}/checklist"),
                &[
                    ("_csrf", csrf.as_str()),
                    ("kind", "speech"),
                    ("title", "Bài phát biểu"),
                    ("due", "20/03/2025"),
                ],
            )
            .await;
        let page = r.text().await.unwrap();
        assert!(
            page.contains("<span class=\"small muted\">Hạn 20/03/2025</span>"),
            "{page}"
        );
        assert!(!page.contains("\"> · Hạn"));
    }
}

/// Empty lists say why they are empty and what comes next: each block of "Việc của tôi",
/// the calendar addresses and the notifications (issue 16).
#[tokio::test]
async fn empty_work_blocks_feeds_and_notifications_say_why_and_what_next() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
    let home = lead.get("/").await.text().await.unwrap();
    assert!(!home.contains(">Không có.<"), "no bare 'Không có.': {home}");
    assert!(home.contains("Không có báo cáo nào bị trả lại."), "{home}");
    let feeds = lead.get("/feeds").await.text().await.unwrap();
    assert!(feeds.contains("id=\"no-feeds\"") && feeds.contains("Thêm lịch từ URL"));
    let notes = lead.get("/notifications").await.text().await.unwrap();
    assert!(notes.contains("Thông báo đến khi báo cáo của đơn vị được duyệt"));
}

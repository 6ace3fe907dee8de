//! Kinh phí, dự toán (issue 17) over HTTP, on both databases: the lead unit drafts an
//! estimate for the online sessions, Finance returns it once and verifies it, the Board
//! approves; the queues, the total in words and the XLSX follow. Every role is refused
//! what it may not do; a negative, overflowing or unreadable amount comes back beside its
//! field in Vietnamese with what was typed; self-approval and a stale version are refused
//! with a clear message.

use super::common::{self, TestApp, spawn_app};
use domain::{ItemId, Role};
use reqwest::StatusCode;

/// The seed's online sessions item, led by QLDS and coordinated by the museum here.
const SESSIONS: &str = "Tham gia các phiên họp online";

pub(super) struct Fx {
    pub(super) app: TestApp,
    pub(super) item: ItemId,
    pub(super) lead: TestApp,
    pub(super) finance: TestApp,
    pub(super) board: TestApp,
}

pub(super) async fn fx(app: TestApp) -> Fx {
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let museum = app.unit_id("Bảo tàng Hà Nội").await;
    let khtc = app.unit_id("Phòng Kế hoạch").await;
    let item = app.item_id(SESSIONS).await;
    let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    let version = app
        .store
        .item_tracking(item)
        .await
        .unwrap()
        .unwrap()
        .version;
    let csrf = board.csrf_from(&format!("/items/{}", item.0)).await;
    let r = board
        .post(
            &format!("/items/{}/units", item.0),
            &[
                ("_csrf", csrf.as_str()),
                ("version", &version.to_string()),
                ("lead", &qlds.0.to_string()),
                ("coord", &museum.0.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "units set");
    let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
    let finance = TestApp::user_browser(&app, "ketoan", &[Role::Finance], &[khtc]).await;
    Fx {
        app,
        item,
        lead,
        finance,
        board,
    }
}

impl Fx {
    pub(super) fn page(&self) -> String {
        format!("/items/{}/budget", self.item.0)
    }

    pub(super) async fn version(&self) -> String {
        let b = self.app.store.item_budget(self.item).await.unwrap();
        b.estimate.map_or(0, |e| e.version).to_string()
    }

    /// Posts `fields` (with the CSRF token and the current version) to `/items/{id}/budget/PATH`.
    pub(super) async fn send(
        &self,
        who: &TestApp,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.send_at(who, path, &self.version().await, fields).await
    }

    pub(super) async fn send_at(
        &self,
        who: &TestApp,
        path: &str,
        version: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let csrf = who.csrf_from("/").await;
        let mut form = vec![("_csrf", csrf.as_str()), ("version", version)];
        form.extend_from_slice(fields);
        who.post(&format!("{}/{path}", self.page()), &form).await
    }

    pub(super) async fn add_line(
        &self,
        who: &TestApp,
        category: &str,
        qty: &str,
        price: &str,
    ) -> reqwest::Response {
        let fields = [
            ("category", category),
            ("description", "Phiên dịch Anh – Việt"),
            ("unit", "buổi"),
            ("quantity", qty),
            ("unit_price", price),
            ("note", ""),
        ];
        self.send(who, "lines", &fields).await
    }

    pub(super) async fn step(
        &self,
        who: &TestApp,
        action: &str,
        comment: &str,
    ) -> reqwest::Response {
        self.send(who, "step", &[("action", action), ("comment", comment)])
            .await
    }

    /// Two lines (4 × 5.000.000 interpretation, 1 × 12.000.000 equipment rental).
    pub(super) async fn drafted(&self) {
        for (cat, q, p) in [
            ("interpretation", "4", "5.000.000"),
            ("equipment_rental", "1", "12.000.000"),
        ] {
            let r = self.add_line(&self.lead, cat, q, p).await;
            assert_eq!(r.status(), StatusCode::OK);
            assert!(
                r.url()
                    .query()
                    .unwrap_or("")
                    .contains("notice=budget_saved")
            );
        }
    }
}

pub(super) fn saved(r: &reqwest::Response) -> bool {
    r.status() == StatusCode::OK
        && r.url()
            .query()
            .unwrap_or("")
            .contains("notice=budget_saved")
}

#[tokio::test]
async fn an_estimate_goes_from_the_lead_unit_through_finance_to_the_board() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        // The item page links to its budget.
        let item_page = f
            .lead
            .get(&format!("/items/{}", f.item.0))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            item_page.contains(&format!("href=\"{}\"", f.page())),
            "budget link"
        );

        f.drafted().await;
        let html = f.lead.get(&f.page()).await.text().await.unwrap();
        assert!(html.contains("32.000.000 ₫"), "{html}");
        assert!(html.contains("Ba mươi hai triệu đồng chẵn"));
        assert!(html.contains("data-status=\"draft\""));

        assert!(saved(&f.step(&f.lead, "submit", "").await));
        let queue = f.finance.get("/budget").await.text().await.unwrap();
        assert!(
            queue.contains("id=\"finance-queue\"") && queue.contains(SESSIONS),
            "{queue}"
        );
        assert!(
            !queue.contains("id=\"board-queue\""),
            "Finance sees its own queue"
        );
        // … and on its home page ("Việc của tôi").
        let home = f.finance.get("/").await.text().await.unwrap();
        let block = home.split("id=\"finance-estimates\"").nth(1).unwrap_or("");
        assert!(block.contains(&format!("href=\"{}\"", f.page())), "{home}");

        // Returned once, with a comment (without one: the message beside the comment).
        let r = f.step(&f.finance, "return", "").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Cần ghi ý kiến khi trả lại")
                && html.contains("id=\"step-comment-error\"")
        );
        assert!(saved(
            &f.step(&f.finance, "return", "Bổ sung báo giá phiên dịch")
                .await
        ));
        let html = f.lead.get(&f.page()).await.text().await.unwrap();
        assert!(
            html.contains("Bổ sung báo giá phiên dịch") && html.contains("data-status=\"draft\"")
        );

        assert!(saved(&f.step(&f.lead, "submit", "").await));
        assert!(saved(&f.step(&f.finance, "verify", "").await));
        let queue = f.board.get("/budget").await.text().await.unwrap();
        assert!(
            queue.contains("id=\"board-queue\"") && queue.contains(SESSIONS),
            "{queue}"
        );
        let home = f.board.get("/").await.text().await.unwrap();
        let block = home.split("id=\"board-estimates\"").nth(1).unwrap_or("");
        assert!(block.contains(&format!("href=\"{}\"", f.page())), "{home}");
        assert!(saved(&f.step(&f.board, "approve", "Đồng ý").await));
        let html = f.board.get(&f.page()).await.text().await.unwrap();
        assert!(html.contains("data-status=\"approved\""));
        assert!(
            html.contains("id=\"planned\">32.000.000 ₫"),
            "planned = approved total"
        );
        assert!(!html.contains("id=\"line-add\""), "locked: no line form");

        // The XLSX totals what the page shows, with the amount in words.
        let r = f.finance.get(&format!("{}.xlsx", f.page())).await;
        assert_eq!(r.status(), StatusCode::OK);
        let bytes = r.bytes().await.unwrap().to_vec();
        use calamine::{Data, Reader};
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Dự toán").unwrap();
        assert_eq!(range.get_value((6, 5)), Some(&Data::Float(32_000_000.0)));
        assert_eq!(
            range.get_value((7, 0)),
            Some(&Data::String(
                "Bằng chữ: Ba mươi hai triệu đồng chẵn.".into()
            ))
        );

        // Locked once approved; a revision opens a new draft.
        let r = f.add_line(&f.lead, "venue", "1", "1.000").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("các dòng đã khóa"));
        assert!(saved(&f.step(&f.lead, "revise", "").await));
        let html = f.lead.get(&f.page()).await.text().await.unwrap();
        assert!(html.contains("Lần 2") && html.contains("data-status=\"draft\""));
        // The revision's changes against the one before.
        let r = f.add_line(&f.lead, "venue", "1", "3.000.000").await;
        assert!(saved(&r));
        let html = f.lead.get(&f.page()).await.text().await.unwrap();
        assert!(html.contains("Thay đổi so với lần 1"), "{html}");
        assert!(
            html.contains("class=\"change-added\"")
                && html.contains("Địa điểm: Phiên dịch Anh – Việt — 1 buổi × 3.000.000 ₫")
        );
        assert!(!html.contains("class=\"change-removed\""));
    }
}

#[tokio::test]
async fn every_role_is_refused_what_it_may_not_do() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        let app = &f.app;
        let museum = app.unit_id("Bảo tàng Hà Nội").await;
        let other_unit = app.unit_id("Trung tâm").await;
        let office_unit = app.unit_id("Văn phòng Sở").await;
        let magazine = app.unit_id("Tạp chí Kiến trúc").await;
        let coord = TestApp::user_browser(app, "coord", &[Role::Staff], &[museum]).await;
        let other = TestApp::user_browser(app, "other", &[Role::Staff], &[other_unit]).await;
        let office = TestApp::user_browser(app, "office", &[Role::Office], &[office_unit]).await;
        let partner = TestApp::user_browser(app, "partner", &[Role::Partner], &[magazine]).await;
        let admin = TestApp::user_browser(app, "quantri", &[Role::Admin], &[]).await;

        // Only the lead unit drafts.
        for (name, who) in [
            ("coord", &coord),
            ("other", &other),
            ("office", &office),
            ("finance", &f.finance),
            ("board", &f.board),
            ("admin", &admin),
            ("partner", &partner),
        ] {
            let r = f.add_line(who, "interpretation", "1", "1.000").await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name} drafts");
        }
        // A partner does not read the budget; the department's people do.
        assert_eq!(partner.get(&f.page()).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(partner.get("/budget").await.status(), StatusCode::FORBIDDEN);
        assert_eq!(coord.get(&f.page()).await.status(), StatusCode::OK);
        // Nobody signed in: sent to sign in, nothing recorded.
        let anon = TestApp::new_browser(app);
        let r = anon
            .post(&format!("{}/lines", f.page()), &[("version", "0")])
            .await;
        assert_eq!(r.url().path(), "/signin", "anonymous post");
        assert!(
            app.store
                .item_budget(f.item)
                .await
                .unwrap()
                .estimate
                .is_none()
        );

        f.drafted().await;
        for (name, who) in [
            ("coord", &coord),
            ("finance", &f.finance),
            ("board", &f.board),
        ] {
            let r = f.step(who, "submit", "").await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name} submits");
        }
        assert!(saved(&f.step(&f.lead, "submit", "").await));
        // The Board does not verify, the lead unit does not verify its own work either.
        for (name, who) in [("board", &f.board), ("lead", &f.lead), ("office", &office)] {
            let r = f.step(who, "verify", "").await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name} verifies");
        }
        assert!(saved(&f.step(&f.finance, "verify", "").await));
        // Finance does not approve; nor the lead unit.
        for (name, who) in [
            ("finance", &f.finance),
            ("lead", &f.lead),
            ("admin", &admin),
        ] {
            let r = f.step(who, "approve", "").await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{name} approves");
        }
        let e = app
            .store
            .item_budget(f.item)
            .await
            .unwrap()
            .estimate
            .unwrap();
        assert_eq!(e.status, domain::budget::EstimateStatus::Verified);
        // Each role's queue: staff have none.
        let html = coord.get("/budget").await.text().await.unwrap();
        assert!(html.contains("id=\"no-queue\""));
    }
}

#[tokio::test]
async fn bad_amounts_come_back_beside_their_fields_with_what_was_typed() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        let cases = [
            ("1", "-5.000.000", "line-price", "Số tiền không được âm"),
            ("1", "99999999999999999999", "line-price", "quá lớn"),
            ("1", "năm triệu", "line-price", "không phải số tiền"),
            ("1.000", "1.000.000.000.000.000", "line-price", "vượt quá"),
            (
                "0",
                "5.000.000",
                "line-quantity",
                "Số lượng “0” không hợp lệ",
            ),
            ("-2", "5.000.000", "line-quantity", "không hợp lệ"),
        ];
        for (qty, price, field, message) in cases {
            let r = f.add_line(&f.lead, "interpretation", qty, price).await;
            assert_eq!(
                r.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{qty} × {price}"
            );
            let html = r.text().await.unwrap();
            assert!(html.contains(message), "{qty} × {price}: {message}");
            assert!(
                html.contains(&format!("id=\"{field}-error\"")),
                "{field} beside"
            );
            assert!(html.contains(&format!("aria-describedby=\"{field}-error\"")));
            assert!(
                html.contains(&format!("value=\"{price}\"")),
                "typed value kept"
            );
        }
        assert!(
            f.app
                .store
                .item_budget(f.item)
                .await
                .unwrap()
                .estimate
                .is_none()
        );
        // In English too.
        f.lead.switch_language("en").await;
        let r = f.add_line(&f.lead, "interpretation", "1", "-1").await;
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("An amount cannot be negative")
        );
    }
}

#[tokio::test]
async fn self_approval_and_a_stale_version_are_refused() {
    for backend in common::backends().await {
        let f = fx(spawn_app(backend).await).await;
        let qlds = f.app.unit_id("Phòng Quản lý Di sản").await;
        let dual = TestApp::user_browser(
            &f.app,
            "kiemnhiem",
            &[Role::Staff, Role::Finance, Role::Board],
            &[qlds],
        )
        .await;
        f.drafted().await;
        // A page drawn before the second line: its version is stale.
        let stale = (f.version().await.parse::<i64>().unwrap() - 1).to_string();
        let r = f
            .send_at(
                &f.lead,
                "step",
                &stale,
                &[("action", "submit"), ("comment", "")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"budget-conflict\"")
                && html.contains("Người khác đã thay đổi dự toán")
        );
        let e = f
            .app
            .store
            .item_budget(f.item)
            .await
            .unwrap()
            .estimate
            .unwrap();
        assert_eq!(e.status, domain::budget::EstimateStatus::Draft);

        // Someone who submitted cannot verify or approve it.
        assert!(saved(&f.step(&dual, "submit", "").await));
        let r = f.step(&dual, "verify", "").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("do chính mình trình hoặc thẩm tra")
        );
        assert!(saved(&f.step(&f.finance, "verify", "").await));
        let r = f.step(&dual, "approve", "").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Bạn không thể “Phê duyệt” dự toán do chính mình trình"),
            "{html}"
        );
        assert!(saved(&f.step(&f.board, "approve", "").await));
        // The page offers no step one may not take.
        let html = dual.get(&f.page()).await.text().await.unwrap();
        assert!(!html.contains("id=\"step-approve\""));
    }
}

//! Oversight over HTTP (issue 6): dashboards by role, the printable status, evaluation,
//! the official report (draft, conflict, DOCX and XLSX), notifications and escalations,
//! and users of other units trying by URL. Each runs on SQLite and PostgreSQL.

use crate::common::{self, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;

struct Cast {
    lead: TestApp,
    outsider: TestApp,
    board: TestApp,
    partner: TestApp,
    qlds: domain::UnitId,
    khtc: domain::UnitId,
}

async fn cast(app: &TestApp) -> Cast {
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let khtc = app.unit_id("Phòng Kế hoạch").await;
    let tap_chi = app.unit_id("Tạp chí Kiến trúc").await;
    Cast {
        lead: TestApp::user_browser(app, "lead", &[Role::Staff], &[qlds]).await,
        outsider: TestApp::user_browser(app, "outsider", &[Role::Staff], &[khtc]).await,
        board: TestApp::user_browser(app, "board", &[Role::Board], &[]).await,
        partner: TestApp::user_browser(app, "partner", &[Role::Partner], &[tap_chi]).await,
        qlds,
        khtc,
    }
}

async fn csrf(b: &TestApp) -> String {
    csrf_of(&b.get("/plans").await.text().await.unwrap())
}

#[tokio::test]
async fn oversight_dashboards_by_role_and_by_url() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let plan = app.plan_id().await;

        // The Board sees the whole plan with charts a screen reader can read.
        let r = c.board.get("/dashboard").await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Tổng quan thực hiện kế hoạch"), "{html}");
        assert!(html.contains(r#"id="chart-status""#));
        assert!(
            html.contains(r#"role="img""#) && html.contains("<title>Nhiệm vụ theo trạng thái.")
        );
        assert!(html.contains(r#"viewBox="0 0 320"#));
        assert!(html.contains("chart-band"), "target bands drawn");
        assert!(html.contains(r#"id="escalation-count""#));
        assert!(html.contains("Phòng Quản lý Di sản văn hóa"));
        assert!(
            html.contains("/evaluation\">Đánh giá</a>"),
            "the Board grades from here"
        );
        // No events table on this branch: no events section pretending data.
        assert!(!html.contains(r#"id="events""#));

        // A unit's member is sent to their unit's dashboard, and sees only its items.
        let r = c.lead.get("/dashboard").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.url().path(), format!("/units/{}/dashboard", c.qlds.0));
        let html = r.text().await.unwrap();
        assert!(html.contains("Tổng quan của Phòng Quản lý Di sản văn hóa"));
        assert!(
            !html.contains(r#"id="escalation-count""#),
            "not the Board's"
        );

        // Another unit's dashboard by URL: refused. The Board may look at any.
        let other = format!("/units/{}/dashboard", c.qlds.0);
        assert_eq!(c.outsider.get(&other).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(c.partner.get(&other).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            c.partner.get("/dashboard").await.status(),
            StatusCode::FORBIDDEN
        );
        let partner_own = format!(
            "/units/{}/dashboard",
            app.unit_id("Tạp chí Kiến trúc").await.0
        );
        assert_eq!(
            c.partner.get(&partner_own).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(c.board.get(&other).await.status(), StatusCode::OK);
        let own = format!("/units/{}/dashboard?plan={plan}", c.khtc.0);
        assert_eq!(c.outsider.get(&own).await.status(), StatusCode::OK);
        assert_eq!(
            c.board.get("/units/abc/dashboard").await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            c.board.get("/units/999999/dashboard").await.status(),
            StatusCode::NOT_FOUND
        );
        // A plan id that names nothing falls back to the newest plan, never a 500.
        assert_eq!(
            c.board.get("/dashboard?plan=x%3Cy").await.status(),
            StatusCode::OK
        );

        // The one-page status: the department's people, not partners.
        let status = format!("/plans/{plan}/status");
        let r = c.lead.get(&status).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Tình hình thực hiện kế hoạch") && html.contains("status-sheet"));
        assert_eq!(c.partner.get(&status).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            c.board.get("/plans/999999/status").await.status(),
            StatusCode::NOT_FOUND
        );
        // The print style is in the stylesheet.
        let css = app.get("/static/app.css").await.text().await.unwrap();
        assert!(css.contains("@media print") && css.contains(".no-print"));
    }
}

#[tokio::test]
async fn oversight_board_evaluates_with_history_others_are_refused() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let item = app.item_id("Tham gia các phiên họp online").await;
        let path = format!("/items/{}/evaluation", item.0);

        assert_eq!(c.lead.get(&path).await.status(), StatusCode::FORBIDDEN);
        let token = csrf(&c.lead).await;
        let r = c
            .lead
            .post(
                &path,
                &[("_csrf", &token), ("period", "2025"), ("grade", "good")],
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::FORBIDDEN,
            "a unit cannot grade itself"
        );

        let r = c.board.get(&format!("{path}?period=2025-H1")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"<option value="2025-H1" selected>"#),
            "{html}"
        );
        for label in ["Tốt", "Khá", "Trung bình", "Chưa đạt"] {
            assert!(html.contains(label));
        }
        let token = csrf_of(&html);
        // Without the CSRF token: refused.
        let r = c
            .board
            .post(&path, &[("period", "2025"), ("grade", "good")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // Bad input comes back with a message and what was typed.
        let r = c
            .board
            .post(
                &path,
                &[
                    ("_csrf", &token),
                    ("period", "2025"),
                    ("grade", "xuất sắc"),
                    ("comment", "Giữ nguyên"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Mức đánh giá “xuất sắc” không hợp lệ."),
            "{html}"
        );
        assert!(html.contains("Giữ nguyên"));
        let r = c
            .board
            .post(
                &path,
                &[("_csrf", &token), ("period", "2025-Q3"), ("grade", "good")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("6 tháng, 9 tháng hoặc cả năm")
        );
        let long = "a".repeat(4001);
        let r = c
            .board
            .post(
                &path,
                &[
                    ("_csrf", &token),
                    ("period", "2025"),
                    ("grade", "good"),
                    ("comment", &long),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        for (grade, comment) in [
            ("fair", "Cần đẩy nhanh <tiến độ>"),
            ("good", "Đã khắc phục"),
        ] {
            let r = c
                .board
                .post(
                    &path,
                    &[
                        ("_csrf", &token),
                        ("period", "2025-H1"),
                        ("grade", grade),
                        ("comment", comment),
                    ],
                )
                .await;
            assert_eq!(r.status(), StatusCode::OK);
        }
        let html = c
            .board
            .get(&format!("{path}?period=2025-H1"))
            .await
            .text()
            .await
            .unwrap();
        let hist = html.split(r#"id="evaluation-history""#).nth(1).unwrap();
        let good = hist.find("Đã khắc phục").unwrap();
        let fair = hist
            .find("Cần đẩy nhanh &#60;tiến độ&#62;")
            .expect("escaped, kept");
        assert!(good < fair, "newest first");
        assert_eq!(app.store.evaluations(item).await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn oversight_official_report_draft_conflict_and_exports() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let plan = app.plan_id().await;
        let page = format!("/plans/{plan}/official-report");

        for b in [&c.lead, &c.outsider, &c.partner] {
            assert_eq!(b.get(&page).await.status(), StatusCode::FORBIDDEN);
            let r = b.get(&format!("{page}.docx?period=2025")).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
        }

        let r = c.board.get(&format!("{page}?period=2025")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Trên đây là báo cáo của Sở Văn hóa và Thể thao Hà Nội về kết quả thực hiện Kế hoạch"),
            "prefilled"
        );
        assert!(html.contains(r#"name="version" value="0""#));
        // An unreadable period is said, not a crash.
        let r = c.board.get(&format!("{page}?period=2025-Q2")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("6 tháng, 9 tháng hoặc cả năm")
        );
        let r = c.board.get(&format!("{page}.docx?period=abc")).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);

        let token = csrf_of(&html);
        let mut form: Vec<(&str, String)> = vec![
            ("_csrf", token.clone()),
            ("period", "2025".into()),
            ("version", "0".into()),
            // Typed as copied from another document: the symbol must not double.
            ("number", "số 125/BC-SVHTT".into()),
            ("date", "05/12/2025".into()),
            ("subject", "Kết quả thực hiện Kế hoạch UCCN năm 2025".into()),
            ("direction", "Sở đã giao Phòng QLDSVH chủ trì.".into()),
            (
                "recipients",
                "UBND Thành phố (để b/c)\nLưu: VT, QLDSVH".into(),
            ),
            ("signer_title", "GIÁM ĐỐC".into()),
            ("signer_name", "Đỗ Đình Hồng".into()),
        ];
        let as_refs = |f: &[(&'static str, String)]| -> Vec<(&'static str, String)> { f.to_vec() };
        let post = |b: &TestApp, f: Vec<(&'static str, String)>| {
            let pairs: Vec<(String, String)> =
                f.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            let url = b.url(&page);
            let client = b.client.clone();
            async move { client.post(url).form(&pairs).send().await.unwrap() }
        };
        let r = post(&c.board, as_refs(&form)).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã lưu bản nháp."), "{html}");
        assert!(html.contains(r#"name="version" value="1""#));
        // Saving again over version 0 (another tab): a conflict that keeps both texts.
        form[5].1 = "Trích yếu sửa ở tab cũ".into();
        let r = post(&c.board, as_refs(&form)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã có người lưu bản nháp trước bạn"));
        assert!(
            html.contains("Trích yếu sửa ở tab cũ")
                && html.contains("Kết quả thực hiện Kế hoạch UCCN năm 2025")
        );
        // A wrong date is refused with a message.
        form[2].1 = "1".into();
        form[4].1 = "31/02/2025".into();
        let r = post(&c.board, as_refs(&form)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("dd/mm/yyyy"));
        // Without CSRF: refused.
        let r = c
            .board
            .post(&page, &[("period", "2025"), ("version", "1")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // The DOCX uses the saved draft.
        let r = c.board.get(&format!("{page}.docx?period=2025")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains(".docx")
        );
        let bytes = r.bytes().await.unwrap();
        let xml = docx_text(&bytes);
        assert!(!xml.contains("BC-SVHTT/BC-SVHTT"));
        // Created when the server's clock says, not in 1970 nor by the machine's clock.
        let written = format!(
            ">{}</dcterms:created>",
            common::test_now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        let core = part_text(&bytes, "docProps/core.xml");
        assert!(core.contains(&written), "{core}");
        assert!(core.contains("<dc:language>vi-VN</dc:language>"), "{core}");
        for s in [
            "Số: 125/BC-SVHTT",
            "Hà Nội, ngày 05 tháng 12 năm 2025",
            "Kết quả thực hiện Kế hoạch UCCN năm 2025",
            "Sở đã giao Phòng QLDSVH chủ trì.",
            "Đỗ Đình Hồng",
            "Tham gia các phiên họp online",
            "PHỤ LỤC",
        ] {
            assert!(xml.contains(s), "{s} missing from the DOCX");
        }
        let r = c.board.get(&format!("{page}.xlsx?period=2025")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            r.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"PK"));
        let core = part_text(&bytes, "docProps/core.xml");
        assert!(core.contains(&written), "{core}");
        assert_eq!(
            c.board
                .get("/plans/999999/official-report?period=2025")
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
    }
}

/// The text of a DOCX's main part (the tests only look for phrases).
pub(crate) fn docx_text(bytes: &[u8]) -> String {
    part_text(bytes, "word/document.xml")
}

fn part_text(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip_reader(bytes);
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

fn zip_reader(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip")
}

#[tokio::test]
async fn oversight_notifications_and_escalations() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let item = app.item_id("Tham gia các phiên họp online").await;
        let rules = app.store.reminder_rules().await.unwrap();
        let every = rules
            .iter()
            .find(|r| r.kind == domain::oversight::RuleKind::EveryAfter(3))
            .unwrap();
        let due = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        for n in 1..=3u64 {
            let r = domain::oversight::Reminder {
                key: domain::oversight::SendKey {
                    item,
                    rule_id: every.id,
                    day: due + chrono::Days::new(3 * n),
                },
                kind: every.kind,
                due,
                offset_days: 3 * n as i64,
                units: vec![c.qlds],
            };
            let subject = format!("[Đôn đốc] Quá hạn {} ngày <b>", 3 * n);
            app.store
                .record_reminder(&r, &subject, "", false)
                .await
                .unwrap()
                .unwrap();
        }
        let html = c.lead.get("/notifications").await.text().await.unwrap();
        assert!(
            html.contains("[Đôn đốc] Quá hạn 9 ngày &#60;b&#62;"),
            "escaped: {html}"
        );
        assert!(html.contains("note unread"));
        let token = csrf_of(&html);
        let newest = html
            .split(r#"name="upto" value=""#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_string();
        let r = c
            .lead
            .post(
                "/notifications/read",
                &[("_csrf", &token), ("upto", &newest)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(!r.text().await.unwrap().contains("note unread"));
        let r = c
            .lead
            .post("/notifications/read", &[("_csrf", &token), ("upto", "x")])
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        // The outsider's unit was not reminded.
        let html = c.outsider.get("/notifications").await.text().await.unwrap();
        assert!(!html.contains("Đôn đốc"));

        let id = app
            .store
            .escalate(item, due, 3, "Chuyển BGĐ")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            c.lead.get("/escalations").await.status(),
            StatusCode::FORBIDDEN
        );
        let html = c.board.get("/escalations").await.text().await.unwrap();
        assert!(html.contains(&format!(r#"id="e{id}""#)));
        assert!(html.contains("Tham gia các phiên họp online"));
        let token = csrf_of(&html);
        let path = format!("/escalations/{id}/resolve");
        let r = c
            .lead
            .post(
                &path,
                &[("_csrf", &csrf(&c.lead).await), ("resolution", "x")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = c
            .board
            .post(
                &path,
                &[
                    ("_csrf", &token),
                    ("resolution", "Giao Phòng QLDSVH hoàn thành trước 15/1"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã ghi nhận kết quả xử lý."));
        assert!(html.contains(r#"id="no-escalations""#));
        assert!(html.contains("Giao Phòng QLDSVH hoàn thành trước 15/1"));
        // The Board was notified of the escalation.
        let html = c.board.get("/notifications").await.text().await.unwrap();
        assert!(html.contains("Chuyển BGĐ"));
    }
}

#[tokio::test]
async fn oversight_admin_sets_reminder_addresses() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let c = cast(&app).await;
        let admin = TestApp::user_browser(&app, "admin2", &[Role::Admin], &[]).await;
        assert_eq!(
            c.lead.get("/admin/emails").await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            c.board.get("/admin/emails").await.status(),
            StatusCode::FORBIDDEN
        );
        let html = admin.get("/admin/emails").await.text().await.unwrap();
        assert!(html.contains("Phòng Quản lý Di sản văn hóa"));
        let token = csrf_of(&html);
        let path = format!("/admin/emails/unit/{}", c.qlds.0);
        let r = admin
            .post(
                &path,
                &[("_csrf", &token), ("email", "không phải <địa chỉ>")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("không phải là một địa chỉ e-mail")
        );
        let r = admin
            .post(&path, &[("email", "qlds@svhtt.hanoi.gov.vn")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "CSRF");
        let r = admin
            .post(
                &path,
                &[("_csrf", &token), ("email", " qlds@svhtt.hanoi.gov.vn ")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Đã lưu địa chỉ e-mail.")
                && html.contains("value=\"qlds@svhtt.hanoi.gov.vn\"")
        );
        let r = admin
            .post(
                "/admin/emails/printer/1",
                &[("_csrf", &token), ("email", "")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let (units, _) = app.store.contact_emails().await.unwrap();
        assert!(
            units
                .iter()
                .any(|(id, _, e)| *id == c.qlds && e.as_deref() == Some("qlds@svhtt.hanoi.gov.vn"))
        );
    }
}

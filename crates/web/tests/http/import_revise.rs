//! A revised plan (Kế hoạch điều chỉnh, bổ sung) applied from the review page over HTTP,
//! on SQLite and PostgreSQL (issue 13): the diff shown is the one applied; a matched item
//! keeps its progress report, the added item exists, the removed one is marked on its page
//! and listed on the plan's; a stale page, a second click, staff and a missing CSRF token
//! are refused. And the tree's shape corrected on the review page (split, merge, move),
//! with a field error for a bad request.

use super::import::{draft_of, send, upload, version_of};
use super::tracking::{post_report, report_form};
use crate::common::{self, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;

/// A plan with three tasks, and its revision: the first's target raised, the second the
/// same, the third dropped, a fourth added.
fn plan_text(number: &str, tasks: &str) -> String {
    format!(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSỞ VĂN HÓA VÀ THỂ THAO\n\
         Số: {number}/KH-SVHTT\nHà Nội, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\n\
         Quảng bá Thành phố sáng tạo về thiết kế năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n\
         1. Mục đích\nQuảng bá Hà Nội.\n\nII. NỘI DUNG\n{tasks}\nNơi nhận:\n- Như trên;\n\
         - Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A\n"
    )
}

const FIRST: &str = "1. Tổ chức 03 triển lãm thiết kế\n- Đơn vị chủ trì: Bảo tàng Hà Nội\n\
    2. Tọa đàm chuyên đề về thiết kế\n- Đơn vị chủ trì: Bảo tàng Hà Nội\n\
    3. In sách ảnh về di sản\n- Đơn vị chủ trì: Bảo tàng Hà Nội\n";
const REVISED: &str = "1. Tổ chức 05 triển lãm thiết kế\n- Đơn vị chủ trì: Bảo tàng Hà Nội\n\
    2. Tọa đàm chuyên đề về thiết kế\n- Đơn vị chủ trì: Bảo tàng Hà Nội\n\
    4. Hội thảo quốc tế về thiết kế\n- Đơn vị chủ trì: Bảo tàng Hà Nội\n";

/// Uploads and commits the first plan; returns its id.
async fn first_plan(board: &TestApp) -> i64 {
    let r = upload(board, "kh-thiet-ke.txt", plan_text("20", FIRST).as_bytes()).await;
    let id = draft_of(&r);
    let html = r.text().await.unwrap();
    let (csrf, v) = (csrf_of(&html), version_of(&html));
    let r = send(board, &format!("/plans/import/{id}/commit"), &csrf, &v, &[]).await;
    let path = r.url().path().to_string();
    path.strip_prefix("/plans/").unwrap().parse().unwrap()
}

/// The value of the hidden input `name` of the revision form.
fn revise_field(html: &str, name: &str) -> String {
    let form = html
        .split(r#"id="revise-form""#)
        .nth(1)
        .expect("the revision form");
    form.split(&format!(r#"name="{name}" value=""#))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_revised_plan_is_applied_keeping_progress_and_marking_what_it_drops() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let plan = first_plan(&board).await;
        let museum = app.unit_id("Bảo tàng Hà Nội").await;
        let talk = app.item_id("Tọa đàm chuyên đề về thiết kế").await;
        let dropped = app.item_id("In sách ảnh về di sản").await;
        let staff = TestApp::user_browser(&app, "bt", &[Role::Staff], &[museum]).await;
        let m = museum.0.to_string();
        let fields = [
            ("unit", m.as_str()),
            ("period", "2026-Q1"),
            ("text", "Đã họp 2 lần"),
        ];
        let path = format!("/items/{}/reports", talk.0);
        let r = post_report(&staff, &path, report_form(&fields, vec![])).await;
        assert!(r.status().is_success(), "{}", r.status());
        assert_eq!(app.store.item_reports(talk).await.unwrap().len(), 1);

        // The revision, compared with the plan: one added, one changed, one removed.
        let r = upload(
            &board,
            "kh-dieu-chinh.txt",
            plan_text("25", REVISED).as_bytes(),
        )
        .await;
        let id = draft_of(&r);
        let review = format!("/plans/import/{id}");
        let html = board
            .get(&format!("{review}?compare={plan}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains(r#"id="diff-added""#), "{html}");
        assert!(html.contains("Hội thảo quốc tế về thiết kế"));
        assert!(html.contains(r#"id="diff-removed""#));
        let (csrf, v) = (csrf_of(&html), version_of(&html));
        let shown = revise_field(&html, "shown");
        let apply = format!("{review}/revise");
        let plan_s = plan.to_string();
        let form = |shown: &str| {
            vec![
                ("_csrf", csrf.clone()),
                ("version", v.clone()),
                ("plan", plan_s.clone()),
                ("shown", shown.to_string()),
            ]
        };
        let post = |b: &'static str, f: Vec<(&'static str, String)>| {
            let (b, path) = (if b == "staff" { &staff } else { &board }, apply.clone());
            async move {
                let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
                b.post(&path, &f).await
            }
        };
        // Staff may not; without the CSRF token nobody may.
        let staff_csrf = staff.csrf_from("/plans").await;
        let mut sf = form(&shown);
        sf[0].1 = staff_csrf;
        assert_eq!(post("staff", sf).await.status(), StatusCode::FORBIDDEN);
        let no_csrf: Vec<_> = form(&shown).into_iter().skip(1).collect();
        assert_eq!(post("board", no_csrf).await.status(), StatusCode::FORBIDDEN);
        // Differences other than the ones shown: refused, shown again.
        let r = post("board", form("0000")).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("Khác biệt đã thay đổi"));
        assert!(
            app.store
                .plan_revisions(domain::PlanId(plan))
                .await
                .unwrap()
                .is_empty()
        );

        let r = post("board", form(&shown)).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.url().path(), format!("/plans/{plan}"));
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Đã áp dụng kế hoạch điều chỉnh, bổ sung."),
            "{html}"
        );
        assert!(html.contains("Kế hoạch điều chỉnh 25/KH-SVHTT ngày 10/03/2026: thêm 1, bỏ 1, thay đổi 1 nhiệm vụ."), "{html}");
        assert!(html.contains(&format!(r#"href="/items/{}""#, dropped.0)));
        // Progress kept on the matched item; the changed one's new target; the added one.
        assert_eq!(app.store.item_reports(talk).await.unwrap().len(), 1);
        let view = app.store.plan(domain::PlanId(plan)).await.unwrap().unwrap();
        let titles: Vec<&str> = view
            .items
            .iter()
            .flat_map(|n| n.walk())
            .map(|n| n.item.title.as_str())
            .collect();
        assert!(
            titles.contains(&"Hội thảo quốc tế về thiết kế"),
            "{titles:?}"
        );
        assert!(!titles.contains(&"In sách ảnh về di sản"), "{titles:?}");
        assert!(
            view.items
                .iter()
                .flat_map(|n| n.walk())
                .any(|n| n.item.id == talk)
        );
        let targets = app
            .store
            .plan_target_progress(domain::PlanId(plan))
            .await
            .unwrap();
        assert!(
            targets.iter().any(|t| t.min == Some(5.0)),
            "the raised target"
        );
        // The removed item's page: readable, with its note.
        let page = board.get(&format!("/items/{}", dropped.0)).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("Đã bỏ trong kế hoạch điều chỉnh số 25/KH-SVHTT ngày 10/03/2026")
        );
        // Read, not worked on: the unit's staff see no report form there.
        let page = staff.get(&format!("/items/{}", dropped.0)).await;
        let html = page.text().await.unwrap();
        assert!(html.contains(r#"id="removed-note""#));
        assert!(!html.contains(&format!(r#"action="/items/{}/reports""#, dropped.0)));
        // Posted by hand anyway: refused in words, nothing written.
        let path = format!("/items/{}/reports", dropped.0);
        let r = post_report(&staff, &path, report_form(&fields, vec![])).await;
        let status = r.status();
        let body = r.text().await.unwrap();
        assert!(
            status.is_client_error() && body.contains("đã bỏ trong kế hoạch điều chỉnh"),
            "{status} {body}"
        );
        assert!(app.store.item_reports(dropped).await.unwrap().is_empty());
        // So is a status: the Board's form is gone too, and a post says why.
        let path = format!("/items/{}", dropped.0);
        let csrf = board.csrf_from(&path).await;
        let version = app
            .store
            .item_tracking(dropped)
            .await
            .unwrap()
            .unwrap()
            .version;
        let v = version.to_string();
        let fields = [
            ("_csrf", csrf.as_str()),
            ("version", &v),
            ("status", "done"),
        ];
        let r = board.post(&format!("{path}/status"), &fields).await;
        let status = r.status();
        let body = r.text().await.unwrap();
        assert!(
            status.is_client_error() && body.contains("đã bỏ trong kế hoạch điều chỉnh"),
            "{status}"
        );
        // A second click: the draft is gone, said so.
        let r = post("board", form(&shown)).await;
        assert!(r.text().await.unwrap().contains("Bản nháp không còn"));
        let audit = app.store.audit_recent(80).await.unwrap();
        for action in [
            "plan.revise",
            "item.revise",
            "item.revise_add",
            "item.revise_remove",
        ] {
            assert!(audit.iter().any(|a| a.action == action), "{action} audited");
        }
    }
}

/// The titles of the items beside the one titled `title` (itself included).
fn siblings_of(p: &vanban::ParsedPlan, title: &str) -> Vec<String> {
    fn find(items: &[vanban::Item], title: &str) -> Option<Vec<String>> {
        if items.iter().any(|i| i.title == title) {
            return Some(items.iter().map(|i| i.title.clone()).collect());
        }
        items.iter().find_map(|i| find(&i.children, title))
    }
    find(&p.items, title).unwrap_or_else(|| panic!("{title} in {:?}", p.items))
}

#[tokio::test]
async fn items_are_split_merged_and_moved_on_the_review_page() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let r = upload(&board, "kh.txt", plan_text("30", FIRST).as_bytes()).await;
        let id = draft_of(&r);
        let path = format!("/plans/import/{id}/shape");
        let html = r.text().await.unwrap();
        let csrf = csrf_of(&html);
        let line_of = |html: &str, title: &str| -> String {
            let at = html.find(&format!("{title}</option>")).expect(title);
            let head = &html[..at];
            let v = head.rsplit(r#"<option value=""#).next().unwrap();
            v.split('"').next().unwrap().to_string()
        };
        let shape = |html: String, fields: Vec<(&'static str, String)>| {
            let (board, path, csrf) = (&board, path.clone(), csrf.clone());
            async move {
                let v = version_of(&html);
                let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                send(board, &path, &csrf, &v, &f).await
            }
        };
        // A split without its second title: said beside the field, nothing saved.
        let third = line_of(&html, "In sách ảnh về di sản");
        let r = shape(
            html.clone(),
            vec![
                ("line", third.clone()),
                ("action", "split".into()),
                ("first", "In sách".into()),
            ],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="shape-first-error">Hãy nhập tên cho cả hai nhiệm vụ."#),
            "{html}"
        );
        assert!(
            html.contains(r#"value="In sách""#),
            "what was typed is kept"
        );
        // Split, then move the new item up, then merge it into the one before it.
        let r = shape(
            html,
            vec![
                ("line", third.clone()),
                ("action", "split".into()),
                ("first", "In sách ảnh".into()),
                ("second", "In bưu thiếp".into()),
            ],
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let d = app.store.plan_draft(id).await.unwrap().unwrap();
        let top = siblings_of(&d.parsed, "In sách ảnh");
        assert!(
            top.ends_with(&["In sách ảnh".into(), "In bưu thiếp".into()]),
            "{top:?}"
        );
        let html = r.text().await.unwrap();
        let postcard = line_of(&html, "In bưu thiếp");
        let r = shape(
            html,
            vec![("line", postcard.clone()), ("action", "up".into())],
        )
        .await;
        let d = app.store.plan_draft(id).await.unwrap().unwrap();
        let top = siblings_of(&d.parsed, "In bưu thiếp");
        let at = |t: &str| top.iter().position(|x| x == t).unwrap();
        assert_eq!(at("In bưu thiếp") + 1, at("In sách ảnh"), "{top:?}");
        let html = r.text().await.unwrap();
        let r = shape(html, vec![("line", third), ("action", "merge".into())]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let d = app.store.plan_draft(id).await.unwrap().unwrap();
        let top = siblings_of(&d.parsed, "In bưu thiếp; In sách ảnh");
        assert!(!top.contains(&"In sách ảnh".to_string()), "{top:?}");
        // The first item has none before it to merge into.
        let html = r.text().await.unwrap();
        let first = line_of(&html, "Tổ chức 03 triển lãm thiết kế");
        let r = shape(html, vec![("line", first), ("action", "merge".into())]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("không có nhiệm vụ cùng cấp")
        );
        let audit = app.store.audit_for_entity("plan_draft", id).await.unwrap();
        assert!(
            audit
                .iter()
                .filter(|a| a.action == "plan_draft.edit")
                .count()
                >= 3
        );
    }
}

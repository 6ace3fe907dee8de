//! Typed forms over HTTP: a form that is not one of ours (no version) is a 400, never a
//! conflict; a choice that is not in the list is said on the form (422) and nothing is
//! saved; a checkbox group (repeated names) arrives whole. Each runs on SQLite and
//! PostgreSQL.

use crate::common::{self, TestApp, spawn_app};
use domain::{ItemStatus, Role};
use reqwest::StatusCode;

/// The seed's "online sessions" activity (its units are inherited from item 1).
const SESSIONS: &str = "Tham gia các phiên họp online";
const UNREADABLE: &str = "Biểu mẫu gửi lên thiếu thông tin bắt buộc";

async fn item_version(app: &TestApp, item: domain::ItemId) -> i64 {
    let it = app.store.item_tracking(item).await.unwrap().unwrap();
    it.version
}

#[tokio::test]
async fn a_form_without_its_version_is_a_bad_request_not_a_conflict() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let csrf = lead.csrf_from(&path).await;
        let before = item_version(&app, item).await;
        for version in [None, Some(""), Some("abc")] {
            let mut form = vec![("_csrf", csrf.as_str()), ("status", "in_progress")];
            form.extend(version.map(|v| ("version", v)));
            let r = lead.post(&format!("{path}/status"), &form).await;
            assert_eq!(r.status(), StatusCode::BAD_REQUEST, "version {version:?}");
            let html = r.text().await.unwrap();
            assert!(html.contains(UNREADABLE), "{html}");
            assert!(!html.contains("vừa được người khác"), "no false conflict");
        }
        // The same for the details form, and a version given twice.
        let v = before.to_string();
        let r = lead
            .post(
                &format!("{path}/details"),
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", &v),
                    ("version", "0"),
                    ("title", "Tên mới"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let it = app.store.item_tracking(item).await.unwrap().unwrap();
        assert_eq!(
            (it.version, it.status),
            (before, ItemStatus::NotStarted),
            "nothing saved"
        );

        // A person's edit form read a missing version as 0 and showed a conflict.
        let csrf = lead.csrf_from("/people/new").await;
        let person = [("kind", "expert"), ("name", "Trần Văn Chuyên")];
        let mut form = vec![("_csrf", csrf.as_str())];
        form.extend(person);
        assert_eq!(lead.post("/people", &form).await.status(), StatusCode::OK);
        let people = app.store.list_people(None, None).await.unwrap();
        let p = people.iter().find(|p| p.name == "Trần Văn Chuyên").unwrap();
        form.push(("title", "Tiến sĩ"));
        let r = lead.post(&format!("/people/{}", p.id.0), &form).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let now = app.store.person(p.id).await.unwrap().unwrap();
        assert_eq!((now.version, now.title.as_str()), (p.version, ""));

        // The official report's draft: no version is no longer a message but a 400.
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let page = format!("/plans/{}/official-report", app.plan_id().await);
        let csrf = board.csrf_from(&page).await;
        let r = board
            .post(
                &page,
                &[
                    ("_csrf", csrf.as_str()),
                    ("period", "2025"),
                    ("number", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn an_unknown_status_or_kind_is_said_on_the_form_and_nothing_is_saved() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let csrf = lead.csrf_from(&path).await;
        let v = item_version(&app, item).await.to_string();

        // The item's status.
        let r = lead
            .post(
                &format!("{path}/status"),
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", &v),
                    ("status", "finished"),
                    ("reason", "lý do đã gõ"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("Hãy chọn trạng thái mới."), "{html}");
        assert!(html.contains("lý do đã gõ"), "what was typed stays");
        let it = app.store.item_tracking(item).await.unwrap().unwrap();
        assert_eq!(it.status, ItemStatus::NotStarted);
        assert_eq!(it.version.to_string(), v);

        // An event's preparation task of a kind that does not exist.
        let id = crate::events::create_event(&lead, qlds, &[]).await;
        let csrf = lead.csrf_from(&format!("/events/{id}")).await;
        let r = lead
            .post(
                &format!("/events/{id}/checklist"),
                &[("_csrf", csrf.as_str()), ("kind", "bogus"), ("title", "x")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Hãy chọn loại việc chuẩn bị")
        );
        let checklist = app.store.checklist(domain::EventId(id)).await.unwrap();
        assert!(checklist.is_empty(), "never filed as other");

        // A role that is not a role, among real ones: refused, no user made.
        app.sign_in_ready().await;
        let csrf = app.csrf_from("/admin/users").await;
        let r = app
            .post(
                "/admin/users",
                &[
                    ("_csrf", csrf.as_str()),
                    ("login", "vai.tro"),
                    ("display_name", "Người Thử"),
                    ("role", "staff"),
                    ("role", "emperor"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Có vai trò không có"));
        assert!(app.store.user_by_login("vai.tro").await.unwrap().is_none());

        // The item list says an unknown status filter instead of dropping it unnoticed.
        let html = lead
            .get("/items?status=late&status=bogus")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("Có trạng thái không có trong danh sách"),
            "{html}"
        );
        // "Chậm tiến độ" is no longer a box to tick (overdue is its own filter), except
        // for a link that still asks for it.
        assert!(
            html.contains("value=\"late\" checked"),
            "kept when asked for"
        );
        let html = lead.get("/items").await.text().await.unwrap();
        assert!(!html.contains("value=\"late\""), "not offered");
        assert!(html.contains("name=\"overdue\"") && html.contains("name=\"unreported\""));
    }
}

#[tokio::test]
async fn a_checkbox_group_arrives_whole() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let bao_tang = app.unit_id("Bảo tàng Hà Nội").await;
        let khtc = app.unit_id("Phòng Kế hoạch").await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let csrf = app.csrf_from(&path).await;
        let v = item_version(&app, item).await.to_string();
        let (a, b, c) = (
            qlds.0.to_string(),
            bao_tang.0.to_string(),
            khtc.0.to_string(),
        );
        let r = app
            .post(
                &format!("{path}/units"),
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", &v),
                    ("lead", &a),
                    ("coord", &c),
                    ("lead", &b),
                    // Ticked in both columns: it leads.
                    ("coord", &a),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let it = app.store.item_tracking(item).await.unwrap().unwrap();
        let of = |rel: domain::UnitRelation| -> Vec<domain::UnitId> {
            let mut u: Vec<_> = it
                .units
                .iter()
                .filter(|(_, r)| *r == rel)
                .map(|(u, _)| *u)
                .collect();
            u.sort();
            u
        };
        let mut leads = vec![qlds, bao_tang];
        leads.sort();
        assert_eq!(of(domain::UnitRelation::Lead), leads);
        assert_eq!(of(domain::UnitRelation::Coordinating), vec![khtc]);

        // Roles and units of a user: every ticked box kept.
        app.create_user("hai.vai", "Người Hai Vai", "staff", qlds.0)
            .await;
        let user = app.store.user_by_login("hai.vai").await.unwrap().unwrap();
        let csrf = app.csrf_from(&format!("/admin/users/{}", user.id)).await;
        let version = user.version.to_string();
        let r = app
            .post(
                &format!("/admin/users/{}", user.id),
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", &version),
                    ("display_name", "Người Hai Vai"),
                    ("role", "staff"),
                    ("unit", &a),
                    ("role", "finance"),
                    ("unit", &c),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let user = app.store.user(user.id).await.unwrap().unwrap();
        let mut roles = user.roles.clone();
        roles.sort();
        let mut want_roles = vec![Role::Staff, Role::Finance];
        want_roles.sort();
        assert_eq!(roles, want_roles);
        let mut units = user.unit_ids();
        units.sort();
        let mut want = vec![qlds, khtc];
        want.sort();
        assert_eq!(units, want);
    }
}

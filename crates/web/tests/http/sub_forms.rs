//! The rest of the forms that guide (issue 16): the progress report, the item's status,
//! people and units, and the event page's smaller forms say every problem beside its
//! field, all at once, and keep what was typed. Each runs on SQLite and PostgreSQL.

use crate::common::{self, TestApp, csrf_of, spawn_app};
use crate::events::create_event;
use crate::tracking::{post_report, report_form};
use domain::Role;
use reqwest::StatusCode;

const SESSIONS: &str = "Tham gia các phiên họp online";

/// The message beside `field`, which must be marked and described by it.
fn beside<'h>(html: &'h str, field: &str) -> &'h str {
    let marker = format!(r#"id="{field}-error">"#);
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no message beside {field}: {html}"));
    let rest = &html[at + marker.len()..];
    assert!(
        html.contains(&format!(r#"aria-describedby="{field}-error"#)),
        "{field} is not described by its message"
    );
    &rest[..rest.find("</p>").unwrap()]
}

#[tokio::test]
async fn a_refused_report_says_each_problem_beside_its_field() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let item = app.item_id(SESSIONS).await;
        let target = app.store.item(item).await.unwrap().unwrap().targets[0].id;
        let path = format!("/items/{}/reports", item.0);
        let (unit, fig) = (qlds.0.to_string(), format!("fig_{target}"));
        let fields = [
            ("unit", unit.as_str()),
            ("period", "2025-Q9"),
            ("text", "Đã tham gia hai phiên"),
            ("percent", "150"),
            (fig.as_str(), "-3"),
        ];
        let r = post_report(&lead, &path, report_form(&fields, vec![])).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        // Three problems at once, each beside its own field, and listed above the form.
        assert!(beside(&html, "r-period").contains("2025-Q9"), "{html}");
        assert!(beside(&html, "r-percent").contains("0 đến 100"), "{html}");
        assert!(
            beside(&html, &format!("fig-{target}")).contains("-3"),
            "{html}"
        );
        assert!(html.contains(r#"class="notice error form-summary""#));
        assert!(html.contains(&format!(r##"<a href="#fig-{target}">"##)));
        // What was typed stays.
        assert!(html.contains("Đã tham gia hai phiên</textarea>"));
        assert!(html.contains(r#"value="150""#) && html.contains(r#"value="-3""#));
        assert!(app.store.item_reports(item).await.unwrap().is_empty());

        // Nothing said at all: the first box is where to say it.
        let fields = [("unit", unit.as_str()), ("period", "2025-Q2")];
        let r = post_report(&lead, &path, report_form(&fields, vec![])).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            beside(&html, "r-text").contains("cần có nội dung"),
            "{html}"
        );
    }
}

#[tokio::test]
async fn the_status_form_says_which_field_and_keeps_the_status_chosen() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let csrf = csrf_of(&board.get(&path).await.text().await.unwrap());
        let version = app
            .store
            .item_tracking(item)
            .await
            .unwrap()
            .unwrap()
            .version;
        let version = version.to_string();
        let status = format!("{path}/status");
        // No status chosen: said beside the status.
        let form = [
            ("_csrf", csrf.as_str()),
            ("version", &version),
            ("status", ""),
            ("reason", "Chờ ý kiến"),
        ];
        let r = board.post(&status, &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(beside(&html, "s-status").contains("Hãy chọn trạng thái"));
        assert!(html.contains(r#"value="Chờ ý kiến""#), "the reason stays");
        // Suspending without a reason: said beside the reason, the status kept chosen.
        let form = [
            ("_csrf", csrf.as_str()),
            ("version", &version),
            ("status", "suspended"),
            ("reason", " "),
        ];
        let r = board.post(&status, &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(beside(&html, "s-reason").contains("lý do"), "{html}");
        assert!(
            html.contains(r#"<option value="suspended" selected>"#),
            "{html}"
        );
    }
}

#[tokio::test]
async fn a_refused_people_form_keeps_what_was_typed() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let csrf = csrf_of(&lead.get(&path).await.text().await.unwrap());
        let version = app
            .store
            .item_tracking(item)
            .await
            .unwrap()
            .unwrap()
            .version;
        let (version, mine) = (version.to_string(), format!("people_{}", qlds.0));
        // A person of a unit not on the item (a stale page): refused, the rest kept.
        let form = [
            ("_csrf", csrf.as_str()),
            ("version", &version),
            (mine.as_str(), "Nguyễn Văn An, Trưởng phòng"),
            ("people_999999", "Người lạ"),
        ];
        let r = lead.post(&format!("{path}/people"), &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Nguyễn Văn An, Trưởng phòng</textarea>"),
            "{html}"
        );
        assert!(html.contains(r#"<details class="card" id="people" open>"#));
    }
}

#[tokio::test]
async fn the_event_pages_small_forms_say_each_problem_beside_its_field() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let id = create_event(&lead, qlds, &[]).await;
        let csrf = lead.csrf_from(&format!("/events/{id}")).await;
        let post = |path: &'static str, form: Vec<(&'static str, String)>| {
            let (lead, csrf) = (&lead, csrf.clone());
            async move {
                let mut f: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
                f.extend(form.iter().map(|(k, v)| (*k, v.as_str())));
                let r = lead.post(&format!("/events/{id}/{path}"), &f).await;
                assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
                r.text().await.unwrap()
            }
        };
        // A checklist entry: an unknown kind and a wrong date, both said; the title kept.
        let html = post(
            "checklist",
            vec![
                ("kind", "juggling".into()),
                ("title", "Bài tham luận của Sở".into()),
                ("due", "31/02/2025".into()),
            ],
        )
        .await;
        assert!(beside(&html, "c-kind").contains("loại việc"), "{html}");
        assert!(beside(&html, "c-due").contains("31/02/2025"), "{html}");
        assert!(html.contains(r#"value="Bài tham luận của Sở""#));
        // A follow-up with nothing to do and a wrong date.
        let html = post(
            "follow-ups",
            vec![
                ("text", " ".into()),
                ("owner", "Văn phòng Sở".into()),
                ("due", "2025-13-01".into()),
            ],
        )
        .await;
        assert!(beside(&html, "f-text").contains("việc cần làm"), "{html}");
        assert!(beside(&html, "f-due").contains("Hạn"), "{html}");
        assert!(html.contains(r#"value="Văn phòng Sở""#));
        // Invitations with nobody, and a booking with no interpreter.
        let html = post("invitations", vec![("guests", " ".into())]).await;
        assert!(beside(&html, "i-guests").contains("khách mời"), "{html}");
        let html = post("interpreters", vec![("pair", "Anh".into())]).await;
        assert!(beside(&html, "b-person").contains("phiên dịch"), "{html}");
        assert!(html.contains(r#"value="Anh""#));
    }
}

#[tokio::test]
async fn a_refused_target_source_is_said_in_that_targets_form_only() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let item = app.item_id(SESSIONS).await;
        let target = app.store.item(item).await.unwrap().unwrap().targets[0].id;
        let csrf = lead.csrf_from("/plans").await;
        let item_s = item.0.to_string();
        let post = |kinds: &'static [&'static str]| {
            let mut form = vec![
                ("_csrf", csrf.as_str()),
                ("item", item_s.as_str()),
                ("source", "counted"),
            ];
            form.extend(kinds.iter().map(|k| ("kind", *k)));
            let (lead, path) = (&lead, format!("/targets/{target}/source"));
            async move { lead.post(&path, &form).await }
        };
        // Counted, but from nothing: said beside that target's kinds, its box opened.
        let r = post(&[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        let kinds = format!("kind-{target}");
        assert!(beside(&html, &kinds).contains("ít nhất một loại"), "{html}");
        assert_eq!(html.matches("ít nhất một loại").count(), 1, "one form only");
        // A kind not in the list, beside a good one: said, and the good one stays ticked.
        let r = post(&["online_session", "juggling"]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(beside(&html, &kinds).contains("không có trong danh sách"));
        assert!(
            html.contains(r#"value="online_session" checked>"#),
            "{html}"
        );
    }
}

//! Forms that guide (issue 16): every field's problem at once, beside its field and in a
//! summary that links to it; numbers as Vietnamese type them; file and grade messages in
//! words; no token in an address; pickers, time zones and language pairs from lists; a
//! held event's status kept and its change confirmed. Each runs on SQLite and PostgreSQL.

use crate::common::{self, PNG, TestApp, csrf_of, spawn_app};
use crate::events::{create_event, event_form};
use crate::tracking::{post_report, report_form};
use domain::Role;
use reqwest::StatusCode;

const SESSIONS: &str = "Tham gia các phiên họp online";

async fn lead_of(app: &TestApp) -> (TestApp, domain::UnitId) {
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let lead = TestApp::user_browser(app, "lead", &[Role::Staff], &[qlds]).await;
    (lead, qlds)
}

#[tokio::test]
async fn event_form_errors_sit_beside_their_fields_all_at_once() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, qlds) = lead_of(&app).await;
        let csrf = lead.csrf_from("/events/new").await;
        let unit = qlds.0.to_string();
        let form = event_form(
            &csrf,
            &unit,
            &[
                ("title", " "),
                ("start_date", "31/02/2025"),
                ("end_time", "25:99"),
                ("zone", "Mars/Base"),
            ],
        );
        let r = lead.post("/events", &form).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        // Each problem beside its field, the field marked and described by it.
        for (field, said) in [
            ("e-title", "Cần nhập tên sự kiện"),
            (
                "e-start-date",
                "Ngày bắt đầu không hợp lệ: 31/02/2025 — nhập dd/mm/yyyy",
            ),
            (
                "e-end-time",
                "Giờ kết thúc không hợp lệ: 25:99 — nhập HH:MM",
            ),
            ("e-zone", "Không có múi giờ “Mars/Base”"),
        ] {
            assert!(
                html.contains(&format!(
                    r#"id="{field}" aria-invalid="true" aria-describedby="{field}-error""#
                )) || html.contains(&format!(
                    r#"aria-invalid="true" aria-describedby="{field}-error""#
                )),
                "{field} marked: {html}"
            );
            let beside = html
                .split(&format!(r#"id="{field}-error">"#))
                .nth(1)
                .unwrap_or_else(|| panic!("{field}: no message beside it"));
            assert!(beside.starts_with(said), "{field}: {beside:.120}");
            // …and in the summary at the top, linking to the field.
            let summary = html.split(r#"id="form-error""#).nth(1).unwrap();
            let summary = summary.split("</div>").next().unwrap();
            assert!(
                summary.contains(&format!(r##"<a href="#{field}">{said}"##)),
                "{field} in the summary: {summary}"
            );
        }
        // What was typed stays.
        assert!(html.contains(r#"value="31/02/2025""#));
        assert!(html.contains(r#"value="25:99""#));
        assert!(html.contains(r#"<option value="Mars/Base" selected>"#));
        assert_eq!(event_count(&app).await, 0, "nothing saved");
    }
}

async fn event_count(app: &TestApp) -> usize {
    app.store
        .list_events(&store::EventFilter::default())
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn numbers_take_the_vietnamese_decimal_comma_and_thousands_dots() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, qlds) = lead_of(&app).await;
        let item = app.item_id(SESSIONS).await;
        let unit = qlds.0.to_string();
        // "50,5" was refused as "phải từ 0 đến 100"; it is 50,5 %, kept as 51.
        let r = post_report(
            &lead,
            &format!("/items/{}/reports", item.0),
            report_form(
                &[
                    ("unit", &unit),
                    ("period", "2025-Q2"),
                    ("text", "Đã làm"),
                    ("percent", "50,5"),
                ],
                vec![],
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let reports = app.store.item_reports(item).await.unwrap();
        assert_eq!(reports[0].percent, Some(51));

        // A delegation's cost with thousands dots.
        let csrf = lead.csrf_from("/delegations/new").await;
        let r = lead
            .post(
                "/delegations",
                &[
                    ("_csrf", csrf.as_str()),
                    ("title", "Đoàn công tác Pháp"),
                    ("depart", "01/06/2025"),
                    ("back", "07/06/2025"),
                    ("cost", "1.234.567"),
                    ("unit", &unit),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let id: i64 = r
            .url()
            .path()
            .strip_prefix("/delegations/")
            .and_then(|s| s.parse().ok())
            .unwrap();
        let d = app
            .store
            .delegation(domain::DelegationId(id))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(d.estimated_cost.get(), 1_234_567);

        // Every problem of the delegation form at once, each naming its field.
        let r = lead
            .post(
                "/delegations",
                &[
                    ("_csrf", csrf.as_str()),
                    ("title", "Đoàn công tác Ý"),
                    ("depart", "31/02/2025"),
                    ("back", ""),
                    ("cost", "2,5"),
                    ("unit", &unit),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains(r#"id="g-depart-error">Ngày đi không hợp lệ: 31/02/2025"#));
        assert!(
            html.contains(r#"id="g-back-error">Cần nhập Ngày về"#),
            "{html}"
        );
        assert!(html.contains(r#"id="g-cost-error">Kinh phí dự kiến"#));
        assert!(html.contains(r#"value="Đoàn công tác Ý""#));
    }
}

#[tokio::test]
async fn file_and_grade_messages_are_in_words() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, qlds) = lead_of(&app).await;
        let item = app.item_id(SESSIONS).await;
        let unit = qlds.0.to_string();
        // A PNG named .pdf: its kind is said in words, never as a MIME type.
        for name in ["Báo cáo.pdf", "Báo cáo.exe"] {
            let r = post_report(
                &lead,
                &format!("/items/{}/reports", item.0),
                report_form(
                    &[("unit", &unit), ("period", "2025-Q2"), ("text", "Đã làm")],
                    vec![(name, PNG.to_vec())],
                ),
            )
            .await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
            let html = r.text().await.unwrap();
            assert!(
                html.contains("Chỉ nhận ảnh, PDF, Word, Excel, video."),
                "{name}: {html}"
            );
            assert!(!html.contains("image/png") && !html.contains("application/"));
        }

        // Grading with no grade chosen.
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let path = format!("/items/{}/evaluation", item.0);
        let csrf = csrf_of(&board.get(&path).await.text().await.unwrap());
        let r = board
            .post(
                &path,
                &[("_csrf", &csrf), ("period", "2025"), ("grade", "")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("Chọn một mức đánh giá."), "{html}");
        assert!(!html.contains("“”"));
    }
}

#[tokio::test]
async fn no_token_in_an_address_and_a_refused_post_is_not_pushed() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, qlds) = lead_of(&app).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let page = lead.get(&path).await.text().await.unwrap();
        assert!(!page.contains("_csrf="), "no token in an action");
        let csrf = csrf_of(&page);
        // The upload sends its token as the first field of the body…
        let unit = qlds.0.to_string();
        let form = report_form(
            &[
                ("_csrf", &csrf),
                ("unit", &unit),
                ("period", "2025-Q2"),
                ("text", "Đã làm"),
                ("percent", "150"),
            ],
            vec![],
        );
        let r = lead
            .client
            .post(lead.url(&format!("{path}/reports")))
            .header("hx-request", "true")
            .multipart(form)
            .send()
            .await
            .unwrap();
        // …is read there (refused for its percent, not for its token), and the refused
        // form is not pushed to the history, where a refresh would ask for it again.
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.headers()["hx-push-url"], "false");
        let html = r.text().await.unwrap();
        assert!(html.contains("phải từ 0 đến 100"));
        // The refused percent is marked and points at the message.
        assert!(html.contains(
            r#"value="150" inputmode="decimal" placeholder="0–100" aria-invalid="true" aria-describedby="r-percent-error r-percent-hint""#
        ), "{html}");
        // Without a token in the body, the upload is refused.
        let form = report_form(&[("unit", &unit), ("period", "2025-Q2")], vec![]);
        let r = lead
            .client
            .post(lead.url(&format!("{path}/reports")))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn pickers_zones_and_pairs_are_lists() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, _) = lead_of(&app).await;
        let html = lead.get("/events/new").await.text().await.unwrap();
        // Checkboxes, not a multiple select needing Ctrl, with a filter box (shown by JS).
        assert!(!html.contains(" multiple"), "no Ctrl-click select");
        assert!(html.contains(r#"<input type="checkbox" name="coord""#));
        assert!(html.contains(r#"<input type="checkbox" name="item""#));
        assert!(html.contains(r#"data-filter="e-items-list""#));
        // Zones with their offsets, UCCN cities' first, Hanoi's chosen.
        let uccn = html.find("Thành phố sáng tạo UNESCO").unwrap();
        let others = html.find("Các múi giờ khác").unwrap();
        let paris = html
            .find(r#"<option value="Europe/Paris">Paris (UTC+1/+2)</option>"#)
            .expect("Paris with its offsets");
        assert!(uccn < paris && paris < others);
        assert!(html.contains(r#"<option value="Asia/Ho_Chi_Minh" selected>Ho Chi Minh (UTC+7)"#));
        assert!(html.contains(r#"<option value="Pacific/Tahiti">Tahiti (UTC-10)"#));

        // Language pairs ticked from a list, shown "Việt – Pháp".
        let html = lead.get("/people/new").await.text().await.unwrap();
        assert!(
            html.contains(r#"name="pairs" value="vi-fr"> Việt – Pháp"#),
            "{html}"
        );
        let csrf = csrf_of(&html);
        let r = lead
            .post(
                "/people",
                &[
                    ("_csrf", csrf.as_str()),
                    ("kind", "interpreter"),
                    ("name", "Lê Thu Hà"),
                    ("pairs", "vi-en"),
                    ("pairs", "vi-fr"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let people = app.store.list_people(None, None).await.unwrap();
        let p = people.iter().find(|p| p.name == "Lê Thu Hà").unwrap();
        assert_eq!(p.language_pairs.len(), 2);
        let edit = lead
            .get(&format!("/people/{}", p.id.0))
            .await
            .text()
            .await
            .unwrap();
        assert!(edit.contains(r#"name="pairs" value="vi-fr" checked>"#));
    }
}

#[tokio::test]
async fn a_held_event_keeps_its_status_and_leaving_the_count_is_confirmed() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, qlds) = lead_of(&app).await;
        let id = create_event(&lead, qlds, &[("status", "held")]).await;
        let ev = domain::EventId(id);
        let path = format!("/events/{id}");
        let html = lead.get(&path).await.text().await.unwrap();
        // The current status is offered first and chosen.
        let select = html.split(r#"id="ev-status""#).nth(1).unwrap();
        let select = select.split("</select>").next().unwrap();
        assert!(
            select.contains(r#"<option value="held" selected>"#),
            "{select}"
        );
        assert!(html.contains(r#"name="confirm" value="yes""#));
        let csrf = csrf_of(&html);
        let status = |v: &'static str, confirm: &'static str| {
            let mut f = vec![
                ("_csrf", csrf.clone()),
                ("version", "1".to_string()),
                ("status", v.to_string()),
            ];
            if !confirm.is_empty() {
                f.push(("confirm", confirm.to_string()));
            }
            f
        };
        let post = |form: Vec<(&'static str, String)>| {
            let url = lead.url(&format!("{path}/status"));
            let client = lead.client.clone();
            async move { client.post(url).form(&form).send().await.unwrap() }
        };
        // Saved as offered: nothing changes.
        let r = post(status("held", "")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let now = app.store.event(ev).await.unwrap().unwrap();
        assert_eq!(now.status, domain::EventStatus::Held);
        // Away from the count without confirming: asked, nothing changes.
        let r = post(status("confirmed", "")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("sẽ bỏ sự kiện khỏi số đếm chỉ tiêu"),
            "{html}"
        );
        assert!(html.contains(r#"<option value="confirmed" selected>"#));
        let now = app.store.event(ev).await.unwrap().unwrap();
        assert_eq!(now.status, domain::EventStatus::Held);
        // Confirmed: changed.
        let r = post(status("confirmed", "yes")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let now = app.store.event(ev).await.unwrap().unwrap();
        assert_eq!(now.status, domain::EventStatus::Confirmed);
    }
}

#[tokio::test]
async fn grading_and_department_forms_say_every_problem_beside_its_field() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        // The department profile: three problems at once.
        let html = app.get("/admin/department").await.text().await.unwrap();
        let csrf = csrf_of(&html);
        let r = app
            .post(
                "/admin/department",
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", "0"),
                    ("parent", "UBND"),
                    ("issuer", " "),
                    ("full_name", "Sở Văn hóa và Thể thao Hà Nội"),
                    ("place", ""),
                    ("code", "SV/HTT"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        for field in ["dep-issuer", "dep-place", "dep-code"] {
            assert!(
                html.contains(&format!(r#"id="{field}-error">"#))
                    && html.contains(&format!(r##"<a href="#{field}">"##)),
                "{field}: {html}"
            );
        }
        assert!(
            html.contains(r#"aria-invalid="true" aria-describedby="dep-code-error dep-code-hint""#)
        );

        // Grading: no grade and a comment too long, both said.
        let item = app.item_id(SESSIONS).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let path = format!("/items/{}/evaluation", item.0);
        let csrf = csrf_of(&board.get(&path).await.text().await.unwrap());
        let long = "á".repeat(4001);
        let r = board
            .post(
                &path,
                &[("_csrf", &csrf), ("period", "2025"), ("comment", &long)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"id="ev-grade-error">Chọn một mức đánh giá."#),
            "{html}"
        );
        assert!(html.contains(r#"id="ev-comment-error">"#));
    }
}

#[tokio::test]
async fn a_new_user_and_an_items_structure_forms_keep_what_was_typed() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        app.sign_in_ready().await;
        let html = app.get("/admin/users").await.text().await.unwrap();
        // Units are ticked, not Ctrl-clicked.
        assert!(
            html.contains(r#"<input type="checkbox" name="unit""#) && !html.contains(" multiple")
        );
        let csrf = csrf_of(&html);
        let qlds = app.unit_id("Phòng Quản lý Di sản").await.0.to_string();
        let r = app
            .post(
                "/admin/users",
                &[
                    ("_csrf", csrf.as_str()),
                    ("login", "Nguyễn A"),
                    ("display_name", " "),
                    ("unit", &qlds),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        for field in ["new-login", "new-name", "new-roles"] {
            assert!(
                html.contains(&format!(r#"id="{field}-error">"#)),
                "{field}: {html}"
            );
        }
        assert!(html.contains(r#"value="Nguyễn A""#));
        assert!(html.contains(&format!(r#"name="unit" value="{qlds}" checked>"#)));

        // Splitting into one part: said beside the box, the lines kept.
        let (lead, _) = lead_of(&app).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let page = lead.get(&path).await.text().await.unwrap();
        let csrf = csrf_of(&page);
        let r = lead
            .post(
                &format!("{path}/split"),
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", "1"),
                    ("parts", "Chỉ một phần"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(r#"aria-describedby="sp-parts-error">Chỉ một phần</textarea>"#),
            "{html}"
        );
        assert!(html.contains(r#"id="sp-parts-error">"#));
    }
}

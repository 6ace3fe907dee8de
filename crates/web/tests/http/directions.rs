//! Chỉ đạo, điều hành (issue 12, section I) over HTTP: the Board records a directive with
//! its file and finds it in the list, the exports and the official report's section I;
//! unit staff read but may not add (403); a bad date comes back in Vietnamese with what
//! was typed; a form without its CSRF token is refused; a stale edit is a 409.

use super::common::{self, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

fn direction_form(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Form {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part(
            "files",
            Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        );
    }
    form
}

async fn add(b: &TestApp, plan: i64, csrf: Option<&str>, form: Form) -> reqwest::Response {
    let query = csrf.map(|c| format!("?_csrf={c}")).unwrap_or_default();
    b.client
        .post(b.url(&format!("/plans/{plan}/directions/new{query}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

const DIRECTIVE: [(&str, &str); 4] = [
    ("kind", "directive"),
    ("number", "285/SVHTT-QLDS"),
    ("date", "12/03/2025"),
    (
        "summary",
        "V/v triển khai Kế hoạch tham gia Mạng lưới các thành phố sáng tạo",
    ),
];

#[tokio::test]
async fn the_board_records_a_directive_with_its_file_and_section_one_tells_it() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let plan = app.plan_id().await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[qlds]).await;
        let list = format!("/plans/{plan}/directions");

        let page = board.get(&list).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.contains("Chỉ đạo, điều hành") && html.contains("id=\"no-directions\""));
        let csrf = csrf_of(&html);
        let r = add(
            &board,
            plan,
            Some(&csrf),
            direction_form(&DIRECTIVE, Some(("Công văn 285.pdf", PDF))),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.url());
        assert!(
            r.url()
                .query()
                .unwrap_or("")
                .contains("notice=direction_saved")
        );
        let html = r.text().await.unwrap();
        assert!(
            html.contains("285/SVHTT-QLDS") && html.contains("12/03/2025"),
            "{html}"
        );
        assert!(html.contains("Công văn 285.pdf"));
        // The same form again (a double submit) records it once.
        let again = add(
            &board,
            plan,
            Some(&csrf),
            direction_form(&DIRECTIVE, Some(("Công văn 285.pdf", PDF))),
        )
        .await;
        assert_eq!(again.status(), StatusCode::OK);
        let records = app
            .store
            .plan_directions(domain::PlanId(plan), None)
            .await
            .unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].files.len(), 1);
        let file = board
            .get(&format!("/direction-files/{}", records[0].files[0].id))
            .await;
        assert_eq!(file.status(), StatusCode::OK);
        assert_eq!(file.bytes().await.unwrap().as_ref(), PDF);

        // Staff of a unit read the list and its exports, and may not add (403).
        let seen = staff.get(&list).await.text().await.unwrap();
        assert!(seen.contains("285/SVHTT-QLDS") && !seen.contains("direction-add"));
        let csv = staff.get(&format!("{list}.csv")).await;
        assert_eq!(csv.status(), StatusCode::OK);
        let csv = csv.text().await.unwrap();
        assert!(
            csv.contains("Trích yếu") && csv.contains("12/03/2025"),
            "{csv}"
        );
        assert!(csv.contains("Công văn 285.pdf"));
        let xlsx = staff.get(&format!("{list}.xlsx")).await;
        assert_eq!(xlsx.status(), StatusCode::OK);
        assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
        let staff_csrf = staff.csrf_from(&list).await;
        let r = add(
            &staff,
            plan,
            Some(&staff_csrf),
            direction_form(&DIRECTIVE, None),
        )
        .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // The plan page and the report page link to it; section I tells the directive.
        let plan_page = board
            .get(&format!("/plans/{plan}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(plan_page.contains(&format!("href=\"{list}\"")));
        let report = board
            .get(&format!("/plans/{plan}/official-report?period=2025"))
            .await
            .text()
            .await
            .unwrap();
        assert!(report.contains(&format!("href=\"{list}\"")));
        assert!(
            report.contains("đã ban hành 1 văn bản chỉ đạo, triển khai: Công văn số 285")
                && report.contains("ngày 12/03/2025 về việc triển khai Kế hoạch tham gia"),
            "{report}"
        );
        assert!(!report.contains("về việc V/v"));
    }
}

#[tokio::test]
async fn a_bad_date_a_missing_token_and_a_stale_edit_are_refused() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let plan = app.plan_id().await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let list = format!("/plans/{plan}/directions");
        let csrf = board.csrf_from(&list).await;

        // A date that does not read: the form again, in Vietnamese, with what was typed.
        let fields = [
            ("kind", "meeting"),
            ("number", ""),
            ("date", "31/02/2025"),
            ("summary", "Giao ban tiến độ 6 tháng đầu năm"),
        ];
        let r = add(&board, plan, Some(&csrf), direction_form(&fields, None)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Ngày “31/02/2025” không đọc được") && html.contains("ví dụ 12/03/2025"),
            "{html}"
        );
        assert!(html.contains("value=\"31/02/2025\""));
        assert!(html.contains("Giao ban tiến độ 6 tháng đầu năm</textarea>"));
        assert!(html.contains("value=\"meeting\" selected"));
        // Said beside the date, which is marked.
        assert!(html.contains(r#"aria-describedby="add-date-error""#));
        assert!(html.contains(r#"<p class="field-error" id="add-date-error">Ngày “31/02/2025”"#));

        // Every problem at once, each beside its field.
        let fields = [
            ("kind", "memo"),
            ("number", ""),
            ("date", ""),
            ("summary", " "),
        ];
        let r = add(&board, plan, Some(&csrf), direction_form(&fields, None)).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        for field in ["add-kind", "add-date", "add-summary"] {
            assert!(
                html.contains(&format!(r#"<p class="field-error" id="{field}-error">"#)),
                "{field}: {html}"
            );
            assert!(
                html.contains(&format!(r##"<a href="#{field}">"##)),
                "{field}"
            );
        }

        // Without the CSRF token nothing is recorded.
        let r = add(&board, plan, None, direction_form(&DIRECTIVE, None)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = board
            .post(&format!("{list}/new"), &[("kind", "meeting")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let none = app
            .store
            .plan_directions(domain::PlanId(plan), None)
            .await
            .unwrap();
        assert!(none.is_empty());

        // Two pages opened on version 1: the second edit is a conflict (409) that keeps
        // what was typed.
        let r = add(&board, plan, Some(&csrf), direction_form(&DIRECTIVE, None)).await;
        assert_eq!(r.status(), StatusCode::OK);
        let id = app
            .store
            .plan_directions(domain::PlanId(plan), None)
            .await
            .unwrap()[0]
            .id
            .0;
        let edit = |summary: &'static str| {
            [
                ("_csrf", csrf.clone()),
                ("version", "1".to_string()),
                ("kind", "directive".to_string()),
                ("number", "285/SVHTT-QLDS".to_string()),
                ("date", "13/03/2025".to_string()),
                ("summary", summary.to_string()),
            ]
        };
        let path = format!("/directions/{id}");
        let first = edit("V/v triển khai Kế hoạch");
        let pairs: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = board.post(&path, &pairs).await;
        assert_eq!(r.status(), StatusCode::OK);
        let second = edit("V/v tổ chức tọa đàm");
        let pairs: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = board.post(&path, &pairs).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(html.contains("V/v tổ chức tọa đàm</textarea>"), "{html}");
        assert!(html.contains("name=\"version\" value=\"2\""));
        let kept = app
            .store
            .plan_directions(domain::PlanId(plan), None)
            .await
            .unwrap();
        assert_eq!(kept[0].summary, "V/v triển khai Kế hoạch");

        // Deleting with the current version; the list is empty again.
        let r = board
            .post(
                &format!("/directions/{id}/delete"),
                &[("_csrf", &csrf), ("version", "2")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("id=\"no-directions\""));
    }
}

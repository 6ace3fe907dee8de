//! Double submits and orphan evidence over HTTP (issue 14): the create forms (split,
//! report filing, event creation) carry a once-token, so that two submits of one form at
//! once make one thing and both answers land on it; a refused report leaves no evidence
//! row and no file. Each runs on SQLite and PostgreSQL.

use super::events::event_form;
use super::tracking::report_form;
use crate::common::{self, PNG, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;

/// The seed's "online sessions" activity: its lead unit (inherited) edits and reports.
const SESSIONS: &str = "Tham gia các phiên họp online";

/// The `once` field of the form whose `action` starts with `action`.
fn once_of(html: &str, action: &str) -> String {
    let form = html
        .find(&format!("action=\"{action}"))
        .unwrap_or_else(|| panic!("no form {action} in {html}"));
    let marker = "name=\"once\" value=\"";
    let start = form + html[form..].find(marker).expect("a once field") + marker.len();
    let token = html[start..].split('"').next().unwrap().to_string();
    assert_eq!(token.len(), 32, "128 bits in hex: {token}");
    token
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    match app.store.db() {
        store::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(&p.read).await.unwrap(),
        store::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(&p.read).await.unwrap(),
    }
}

/// Every file under the data directory's evidence folder, upload leftovers included.
fn evidence_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![app.data_dir.join("evidence")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

async fn lead(app: &TestApp) -> (TestApp, domain::UnitId) {
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let b = TestApp::user_browser(app, "lead", &[Role::Staff], &[qlds]).await;
    (b, qlds)
}

/// Where a browser ended (after redirects) and with what status.
fn landed(r: &reqwest::Response) -> (StatusCode, String) {
    (r.status(), r.url().as_str().to_string())
}

/// One refused report: its fields, its files, and why it is refused.
type RefusedCase<'a> = (Vec<(&'a str, &'a str)>, Vec<(&'a str, Vec<u8>)>, &'a str);

#[tokio::test]
async fn a_split_submitted_twice_at_once_splits_once_and_both_land_on_it() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, _) = lead(&app).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let html = lead.get(&path).await.text().await.unwrap();
        let once = once_of(&html, &format!("{path}/split"));
        let version = app
            .store
            .item_tracking(item)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
        let plan = domain::PlanId(app.plan_id().await);
        let items = || async {
            app.store
                .plan(plan)
                .await
                .unwrap()
                .unwrap()
                .all_items()
                .len()
        };
        let before = items().await;
        let form = [
            ("_csrf", csrf_of(&html)),
            ("version", version),
            ("parts", "Phiên họp quý I\nPhiên họp quý II".to_string()),
            ("once", once),
        ];
        let send = || {
            lead.client
                .post(lead.url(&format!("{path}/split")))
                .form(&form)
                .send()
        };
        let (a, b) = tokio::join!(send(), send());
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(landed(&a), landed(&b), "both land on the same page");
        assert_eq!(a.status(), StatusCode::OK, "{}", a.text().await.unwrap());
        assert!(
            a.url().as_str().contains("notice=item_split"),
            "{}",
            a.url()
        );
        assert_eq!(items().await, before + 1, "one split: one new item");
        let titled = app
            .store
            .plan(plan)
            .await
            .unwrap()
            .unwrap()
            .all_items()
            .iter()
            .filter(|n| n.item.title == "Phiên họp quý II")
            .count();
        assert_eq!(titled, 1);
    }
}

#[tokio::test]
async fn a_report_filed_twice_at_once_is_one_report_and_both_land_on_it() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, qlds) = lead(&app).await;
        let item = app.item_id(SESSIONS).await;
        let path = format!("/items/{}", item.0);
        let html = lead.get(&path).await.text().await.unwrap();
        let once = once_of(&html, &format!("{path}/reports"));
        let csrf = csrf_of(&html);
        let qlds = qlds.0.to_string();
        let fields = [
            ("once", once.as_str()),
            ("unit", qlds.as_str()),
            ("period", "2025-Q3"),
            ("text", "Đã dự 3 phiên họp trực tuyến"),
        ];
        let send = || {
            lead.client
                .post(lead.url(&format!("{path}/reports?_csrf={csrf}")))
                .multipart(report_form(&fields, vec![("Ảnh.png", PNG.to_vec())]))
                .send()
        };
        let (a, b) = tokio::join!(send(), send());
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(landed(&a), landed(&b), "both land on the same report");
        assert_eq!(a.status(), StatusCode::OK);
        let html = a.text().await.unwrap();
        assert!(html.contains("Đã gửi báo cáo tiến độ"), "{html}");
        let reports = app.store.item_reports(item).await.unwrap();
        assert_eq!(reports.len(), 1, "one report");
        assert_eq!(reports[0].evidence.len(), 1);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, 1);
        // The file both sent is one file, kept for the report that names it.
        assert_eq!(evidence_files(&app).len(), 1, "{:?}", evidence_files(&app));
        let photo = lead
            .get(&format!("/evidence/{}", reports[0].evidence[0].id))
            .await;
        assert_eq!(photo.bytes().await.unwrap().as_ref(), PNG);
    }
}

#[tokio::test]
async fn an_event_created_twice_at_once_is_one_event_and_both_land_on_it() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, qlds) = lead(&app).await;
        let qlds = qlds.0.to_string();
        let events = "SELECT COUNT(*) FROM events";
        for htmx in [false, true] {
            let html = lead.get("/events/new").await.text().await.unwrap();
            let once = once_of(&html, "/events\"");
            let csrf = csrf_of(&html);
            let title = if htmx {
                "Tọa đàm (htmx)"
            } else {
                "Tọa đàm"
            };
            let mut form = event_form(&csrf, &qlds, &[("title", title)]);
            form.push(("once", &once));
            let before = count(&app, events).await;
            let send = || {
                let mut r = lead.client.post(lead.url("/events")).form(&form);
                if htmx {
                    r = r.header("HX-Request", "true");
                }
                r.send()
            };
            let (a, b) = tokio::join!(send(), send());
            let (a, b) = (a.unwrap(), b.unwrap());
            assert_eq!(count(&app, events).await, before + 1, "one event");
            if htmx {
                // htmx is sent where the first went, as after any save.
                assert_eq!(a.status(), StatusCode::NO_CONTENT);
                assert_eq!(b.status(), StatusCode::NO_CONTENT);
                let to = |r: &reqwest::Response| r.headers()["hx-redirect"].clone();
                assert_eq!(to(&a), to(&b));
                let to = to(&a).to_str().unwrap().to_string();
                assert!(
                    to.starts_with("/events/") && to.contains("notice=created"),
                    "{to}"
                );
            } else {
                assert_eq!(landed(&a), landed(&b), "both land on the same event");
                assert_eq!(a.status(), StatusCode::OK);
                assert!(a.text().await.unwrap().contains("Đã tạo sự kiện."));
            }
        }
        // A form without a token (drawn before them) still creates, as before.
        let csrf = lead.csrf_from("/events/new").await;
        let before = count(&app, events).await;
        let r = lead.post("/events", &event_form(&csrf, &qlds, &[])).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(count(&app, events).await, before + 1);
        // A token that is not one of ours: a form that is not ours.
        let mut form = event_form(&csrf, &qlds, &[]);
        form.push(("once", "not-a-token"));
        let r = lead.post("/events", &form).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert_eq!(count(&app, events).await, before + 1);
    }
}

#[tokio::test]
async fn a_refused_report_leaves_no_evidence_row_and_no_file() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (lead, qlds) = lead(&app).await;
        let item = app.item_id(SESSIONS).await;
        let target = app.store.item(item).await.unwrap().unwrap().targets[0].id;
        let path = format!("/items/{}/reports", item.0);
        let csrf = csrf_of(&lead.get("/plans").await.text().await.unwrap());
        let qlds = qlds.0.to_string();
        let fig = format!("fig_{target}");
        let pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n".to_vec();
        // Refused by the form (a figure, a percent), by the store (a period outside the
        // plan), and for a file (the second, after a good one).
        let cases: Vec<RefusedCase> = vec![
            (
                vec![(fig.as_str(), "-3")],
                vec![("Ảnh.png", PNG.to_vec())],
                "Số liệu phải là số không âm",
            ),
            (
                vec![("percent", "150")],
                vec![("Ảnh.png", PNG.to_vec()), ("Báo cáo.pdf", pdf.clone())],
                "Tỷ lệ hoàn thành phải từ 0 đến 100",
            ),
            (
                vec![("period", "2031")],
                vec![("Ảnh.png", PNG.to_vec())],
                "nằm ngoài thời gian của kế hoạch",
            ),
            (
                vec![],
                vec![("Ảnh.png", PNG.to_vec()), ("anh.jpg", pdf.clone())],
                "không khớp",
            ),
        ];
        for (i, (extra, files, expected)) in cases.into_iter().enumerate() {
            let mut fields = vec![
                ("unit", qlds.as_str()),
                ("period", "2025-Q3"),
                ("text", "Báo cáo bị từ chối"),
            ];
            for (k, v) in extra {
                match fields.iter_mut().find(|(n, _)| *n == k) {
                    Some(f) => f.1 = v,
                    None => fields.push((k, v)),
                }
            }
            let r = lead
                .client
                .post(lead.url(&format!("{path}?_csrf={csrf}")))
                .multipart(report_form(&fields, files))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "case {i}");
            let html = r.text().await.unwrap();
            assert!(html.contains(expected), "case {i}: {expected:?} in {html}");
            assert!(
                html.contains("hãy chọn lại"),
                "case {i}: say the files went"
            );
            assert!(
                !html.contains("name=\"keep\""),
                "case {i}: nothing attached"
            );
            assert_eq!(
                count(&app, "SELECT COUNT(*) FROM evidence").await,
                0,
                "case {i}: no evidence row"
            );
            assert_eq!(
                evidence_files(&app),
                Vec::<std::path::PathBuf>::new(),
                "case {i}"
            );
        }
        assert!(app.store.item_reports(item).await.unwrap().is_empty());

        // Corrected, the same file is filed and kept.
        let r = lead
            .client
            .post(lead.url(&format!("{path}?_csrf={csrf}")))
            .multipart(report_form(
                &[
                    ("unit", qlds.as_str()),
                    ("period", "2025-Q3"),
                    ("text", "Báo cáo đúng"),
                ],
                vec![("Ảnh.png", PNG.to_vec())],
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, 1);
        assert_eq!(evidence_files(&app).len(), 1);

        // A new version refused keeps the first's file (the same bytes) and adds nothing.
        let report = app.store.item_reports(item).await.unwrap()[0].clone();
        let r = lead
            .client
            .post(lead.url(&format!("/reports/{}?_csrf={csrf}", report.report_id)))
            .multipart(report_form(
                &[("version", "1"), ("text", "Bản 2"), ("percent", "150")],
                vec![("Ảnh.png", PNG.to_vec()), ("Báo cáo.pdf", pdf)],
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, 1);
        assert_eq!(evidence_files(&app).len(), 1, "{:?}", evidence_files(&app));
        let photo = lead
            .get(&format!("/evidence/{}", report.evidence[0].id))
            .await;
        assert_eq!(photo.bytes().await.unwrap().as_ref(), PNG);
    }
}

//! Candidacy support (issue 19, part 3) over HTTP, on both databases: the plan's dossiers
//! come with the city import; the Board records a step's dates (a bad date is refused
//! beside its field, in Vietnamese; a stale form changes nothing); staff read but do not
//! change; a city's network account reaches none of it (403); the step list refuses to
//! remove a used step, with what to do; the CSV export.

use super::common::{self, TestApp, csrf_of, spawn_app};
use super::network::{board, city, network_browser};
use domain::Role;
use reqwest::StatusCode;

async fn text(r: reqwest::Response) -> String {
    r.text().await.unwrap()
}

/// Huế's dossier id, from the list's link.
async fn hue_dossier(app: &TestApp) -> i64 {
    let hue = city(app, "hue").await;
    app.store.candidacies(Some(hue)).await.unwrap()[0].0.id
}

#[tokio::test]
async fn candidacies_board_records_dates_staff_read_and_cities_are_kept_out() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let page = text(b.get("/candidacies").await).await;
        for name in [
            "Huế",
            "Quảng Ninh",
            "Đà Nẵng",
            "Ẩm thực",
            "đang chuẩn bị hồ sơ",
        ] {
            assert!(page.contains(name), "{name} in {page}");
        }
        let csv = text(b.get("/candidacies.csv").await).await;
        assert!(
            csv.contains("Huế") && csv.contains("Đăng ký ý định ứng cử (dự kiến)"),
            "{csv}"
        );

        let id = hue_dossier(&app).await;
        let path = format!("/candidacies/{id}");
        let page = text(b.get(&path).await).await;
        assert!(page.contains("Sơ tuyển quốc gia"), "{page}");
        let csrf = csrf_of(&page);
        let step = app.store.candidacy_steps().await.unwrap()[0].id.to_string();
        let post = format!("{path}/step");
        let bad = [
            ("_csrf", csrf.as_str()),
            ("version", "1"),
            ("step", &step),
            ("planned", "31/02/2026"),
            ("done", ""),
            ("note", "Thư ý định"),
        ];
        let r = b.post(&post, &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(r).await;
        assert!(
            page.contains("Ngày “31/02/2026” không đọc được: hãy viết dd/mm/yyyy."),
            "{page}"
        );
        assert!(
            page.contains("value=\"31/02/2026\""),
            "what was typed stays"
        );
        assert!(
            app.store
                .candidacy(id)
                .await
                .unwrap()
                .unwrap()
                .records
                .is_empty()
        );

        let good = [
            ("_csrf", csrf.as_str()),
            ("version", "1"),
            ("step", &step),
            ("planned", "15/03/2026"),
            ("done", ""),
            ("note", "Thư ý định"),
        ];
        let r = b.post(&post, &good).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.url().path(), path);
        assert!(text(r).await.contains("value=\"15/03/2026\""));
        // The same form again is stale: refused, nothing changed.
        let stale = [
            ("_csrf", csrf.as_str()),
            ("version", "1"),
            ("step", &step),
            ("planned", "01/01/2027"),
            ("done", ""),
            ("note", ""),
        ];
        let r = b.post(&post, &stale).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let d = app.store.candidacy(id).await.unwrap().unwrap();
        assert_eq!(
            d.records[0].planned,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 15)
        );
        let audit = app.store.audit_recent(50).await.unwrap();
        assert_eq!(
            audit
                .iter()
                .filter(|e| e.action == "candidacy.step")
                .count(),
            1
        );

        // Staff read the dossiers, change nothing; the steps page is the Board's.
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[]).await;
        let page = text(staff.get(&path).await).await;
        assert!(
            page.contains("15/03/2026") && !page.contains("/step\""),
            "{page}"
        );
        let csrf = csrf_of(&page);
        let mut form = good.to_vec();
        form[0] = ("_csrf", csrf.as_str());
        assert_eq!(
            staff.post(&post, &form).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            staff.get("/candidacies/steps").await.status(),
            StatusCode::FORBIDDEN
        );

        // Huế's focal point (a network account) reaches none of it, not even Huế's own.
        let hoa = network_browser(&app, &actor, "hue", "hoa").await;
        for p in ["/candidacies", path.as_str(), "/candidacies.csv"] {
            assert_eq!(hoa.get(p).await.status(), StatusCode::FORBIDDEN, "{p}");
        }
    }
}

#[tokio::test]
async fn candidacies_steps_refuse_to_remove_a_used_step() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let id = hue_dossier(&app).await;
        let steps = app.store.candidacy_steps().await.unwrap();
        let used = &steps[1];
        let input = domain::cities::candidacy::StepDraft {
            done: "02/02/2026".into(),
            ..Default::default()
        }
        .check()
        .unwrap();
        app.store
            .save_candidacy_step(id, 1, used.id, &input, &actor)
            .await
            .unwrap();
        let page = text(b.get("/candidacies/steps").await).await;
        let csrf = csrf_of(&page);
        let form = [("_csrf", csrf.as_str()), ("version", "1")];
        let r = b
            .post(&format!("/candidacy-steps/{}/delete", used.id), &form)
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(r).await;
        assert!(
            page.contains("đang được dùng trong hồ sơ ứng cử nên không xóa được"),
            "{page}"
        );
        assert_eq!(app.store.candidacy_steps().await.unwrap().len(), 5);

        // Add one, then remove it (unused).
        let add = [
            ("_csrf", csrf.as_str()),
            ("name_vi", "Chuyên gia góp ý"),
            ("name_en", "Expert review"),
        ];
        let r = b.post("/candidacies/steps", &add).await;
        assert_eq!(r.url().path(), "/candidacies/steps");
        assert!(text(r).await.contains("Chuyên gia góp ý"));
        let empty = [("_csrf", csrf.as_str()), ("name_vi", " "), ("name_en", "")];
        assert_eq!(
            b.post("/candidacies/steps", &empty).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let new = app.store.candidacy_steps().await.unwrap().pop().unwrap();
        let r = b
            .post(&format!("/candidacy-steps/{}/delete", new.id), &form)
            .await;
        assert_eq!(r.url().path(), "/candidacies/steps");
        assert_eq!(app.store.candidacy_steps().await.unwrap().len(), 5);
    }
}

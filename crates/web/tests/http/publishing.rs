//! Publishing on the public site and the creative spaces' catalogue (issue 18), the
//! internal pages: staff propose, only the Office (or the Board) publishes, partners are
//! kept out; bad input is said in Vietnamese and the form keeps what was typed.

use crate::common::{self, TestApp, spawn_app};
use crate::public_site::{NEWS, Site, site};
use reqwest::StatusCode;

/// The `_csrf` of a page, and the page.
async fn form_of(b: &TestApp, path: &str) -> (String, String) {
    let page = b.get(path).await.text().await.unwrap();
    (common::csrf_of(&page), page)
}

#[tokio::test]
async fn publishing_staff_propose_the_office_publishes_partners_are_kept_out() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let site: Site = site(&app).await;
        let unit = app.unit_id("Phòng Quản lý Di sản").await;
        let event = store::EventInput {
            title: "Hội thảo nội bộ".into(),
            ..crate::network::sample_event(unit)
        };
        // Another of the unit's staff, whose only proposal this is.
        let staff = TestApp::user_browser(&app, "canbo2", &[domain::Role::Staff], &[unit]).await;
        let ev = app
            .store
            .create_event(&event, &site.staff_actor)
            .await
            .unwrap();
        // Staff propose with the form.
        let (csrf, page) = form_of(
            &staff,
            &format!("/publishing/new?kind=event&subject={}", ev.0),
        )
        .await;
        assert!(
            page.contains("value=\"Hội thảo nội bộ\""),
            "the event's title to start from"
        );
        let subject = ev.0.to_string();
        let fields = |title: &'static str, embargo: &'static str| {
            vec![
                ("_csrf", csrf.clone()),
                ("kind", "event".to_string()),
                ("subject", subject.clone()),
                ("title", title.to_string()),
                ("title_en", String::new()),
                ("summary", "Hội thảo về thiết kế".to_string()),
                ("summary_en", String::new()),
                ("embargo", embargo.to_string()),
            ]
        };
        let post = |b: &TestApp, path: &str, f: Vec<(&'static str, String)>| {
            let req = b.client.post(b.url(path)).form(&f);
            async move { req.send().await.unwrap() }
        };
        // Bad input: said in Vietnamese, beside the form that keeps what was typed.
        let r = post(
            &staff,
            "/publishing/new",
            fields("Hội thảo Thiết kế mở", "31/02/2026 10:00"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("Không đọc được thời điểm") && page.contains("dd/mm/yyyy HH:MM"),
            "{page}"
        );
        assert!(
            page.contains("value=\"Hội thảo Thiết kế mở\"")
                && page.contains("value=\"31/02/2026 10:00\"")
        );
        let r = post(&staff, "/publishing/new", fields("", "")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Cần nhập Tiêu đề"));
        let r = post(
            &staff,
            "/publishing/new",
            fields("Hội thảo Thiết kế mở", ""),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let id: i64 = r.url().path().rsplit('/').next().unwrap().parse().unwrap();
        assert!(r.text().await.unwrap().contains("Đã lưu nội dung công bố"));
        let path = format!("/publishing/{id}");
        let (csrf, page) = form_of(&staff, &path).await;
        assert!(page.contains("id=\"move-review\""), "{page}");
        let mv = |to: &str, version: &str| {
            vec![
                ("_csrf", csrf.clone()),
                ("to", to.to_string()),
                ("version", version.to_string()),
            ]
        };
        let r = post(&staff, &format!("{path}/move"), mv("review", "1")).await;
        assert_eq!(r.status(), StatusCode::OK);
        // Staff may not publish: no button, and a 403 if they try.
        let page = staff.get(&path).await.text().await.unwrap();
        assert!(!page.contains("id=\"move-published\""));
        let r = post(&staff, &format!("{path}/move"), mv("published", "2")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(
            !app.get("/p/events")
                .await
                .text()
                .await
                .unwrap()
                .contains("Hội thảo Thiết kế mở")
        );
        // The Office sees it in the queue and publishes it.
        let queue = site
            .office
            .get("/publishing?state=review")
            .await
            .text()
            .await
            .unwrap();
        assert!(queue.contains("Hội thảo Thiết kế mở"));
        let (csrf_o, page) = form_of(&site.office, &path).await;
        assert!(page.contains("id=\"move-published\""));
        let r = site
            .office
            .post(
                &format!("{path}/move"),
                &[("_csrf", &csrf_o), ("to", "published"), ("version", "2")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            app.get("/p/events")
                .await
                .text()
                .await
                .unwrap()
                .contains("Hội thảo Thiết kế mở")
        );
        let log = app.store.audit_for_entity("publication", id).await.unwrap();
        assert_eq!(log.len(), 3, "proposed and moved twice, each audited");
        // Staff see their own proposals only; a partner sees no queue.
        let mine = staff.get("/publishing").await.text().await.unwrap();
        assert!(mine.contains("Hội thảo Thiết kế mở") && !mine.contains(NEWS));
        let office = site.office.get("/publishing").await.text().await.unwrap();
        assert!(office.contains(NEWS) && office.contains("Tiêu đề bản nháp XQZ"));
        assert_eq!(
            site.partner.get("/publishing").await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            site.partner.get(&path).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            site.partner.get("/spaces").await.status(),
            StatusCode::FORBIDDEN
        );
        let nav = staff.get("/").await.text().await.unwrap();
        assert!(nav.contains("href=\"/publishing\"") && nav.contains("href=\"/spaces\""));
        let nav = site.partner.get("/").await.text().await.unwrap();
        assert!(!nav.contains("href=\"/publishing\""));
    }
}

#[tokio::test]
async fn spaces_refuse_a_point_abroad_and_a_missing_name_and_keep_the_form() {
    let app = spawn_app(common::Backend::Sqlite).await;
    let site = site(&app).await;
    let b = &site.staff;
    let (csrf, _) = form_of(b, "/spaces/new").await;
    let form = |name: &str, lat: &str, lon: &str| {
        vec![
            ("_csrf", csrf.clone()),
            ("name", name.to_string()),
            ("kind", "gallery".to_string()),
            ("address", "Số 1 phố Tràng Tiền".to_string()),
            ("lat", lat.to_string()),
            ("lon", lon.to_string()),
            ("links", "https://example.org/a".to_string()),
        ]
    };
    let r = b
        .client
        .post(b.url("/spaces"))
        .form(&form("Phòng tranh Tràng Tiền", "48.8", "2.3"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("không nằm trong Hà Nội"), "{page}");
    assert!(page.contains("value=\"Phòng tranh Tràng Tiền\"") && page.contains("value=\"48.8\""));
    let r = b
        .client
        .post(b.url("/spaces"))
        .form(&form("", "21,0245", "105,8559"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Cần nhập Tên") && page.contains("value=\"21,0245\""),
        "{page}"
    );
    let r = b
        .client
        .post(b.url("/spaces"))
        .form(&form("Phòng tranh Tràng Tiền", "21,0245", "105,8559"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.url().path(), "/spaces");
    let list = r.text().await.unwrap();
    assert!(list.contains("Phòng tranh Tràng Tiền") && list.contains("Đã lưu không gian sáng tạo"));
    // Edited with its version; a stale one is said.
    let s = app
        .store
        .list_spaces()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Phòng tranh Tràng Tiền")
        .unwrap();
    let path = format!("/spaces/{}", s.id.0);
    let mut edit = form("Phòng tranh Tràng Tiền 2", "21.0245", "105.8559");
    edit.push(("version", s.version.to_string()));
    let r = b
        .client
        .post(b.url(&path))
        .form(&edit)
        .send()
        .await
        .unwrap();
    assert_eq!(r.url().path(), "/spaces");
    let r = b
        .client
        .post(b.url(&path))
        .form(&edit)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a stale version"
    );
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("value=\"Phòng tranh Tràng Tiền 2\"")
    );
    // Not on the public site until published.
    assert!(
        !app.get("/p/spaces")
            .await
            .text()
            .await
            .unwrap()
            .contains("Tràng Tiền")
    );
}

//! Joint projects with cities (issue 19) over HTTP, on both databases: the Board records a
//! project with Bangkok and Đà Lạt for the plan item "Tham mưu UBND Thành phố xây dựng các
//! chương trình giao lưu, kết nối" (an end before its start and no city first, each said
//! beside its field), finds it by status, by city and by a search without diacritics, in
//! the CSV, on both cities' timelines, in "last contact" and on the item's page; edits it,
//! is told when the form is stale (409, what was typed kept), and removes it after the
//! confirmation. Staff read; only the Board and admins write; partners get 403.

use super::cities::{city_id, import};
use super::cities_records::CITIES;
use super::common::{self, TestApp, spawn_app};
use domain::Role;
use reqwest::StatusCode;

/// The form's fields, `cities` ticked.
fn fields<'a>(
    csrf: &'a str,
    title: &'a str,
    cities: &[&'a str],
    (start, end): (&'a str, &'a str),
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("_csrf", csrf),
        ("title", title),
        ("start", start),
        ("end", end),
        ("status", "ongoing"),
        ("description", "Trao đổi nhà thiết kế trẻ"),
    ];
    f.extend(cities.iter().map(|c| ("city", *c)));
    f.extend_from_slice(extra);
    f
}

/// The project's id in a `/cities/projects/{id}` address.
fn id_in(path: &str) -> String {
    path.trim_start_matches("/cities/projects/").to_string()
}

#[tokio::test]
async fn the_board_records_a_project_and_its_cities_show_it() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[qlds]).await;
        import(&board, CITIES, None).await;
        let bangkok = city_id(&board, "bangkok").await.to_string();
        let da_lat = city_id(&board, "da+lat").await.to_string();
        let item = app
            .item_id("Tham mưu UBND Thành phố xây dựng các chương trình giao lưu")
            .await
            .0
            .to_string();
        let csrf = board.csrf_from("/cities/projects/new").await;
        let title = "Tuần lễ Thiết kế Đông Nam Á";

        // An end before the start, beside the end; what was typed kept; nothing recorded.
        let both = [bangkok.as_str(), da_lat.as_str()];
        let bad = fields(&csrf, title, &both, ("10/03/2025", "01/03/2025"), &[]);
        let r = board.post("/cities/projects", &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Ngày kết thúc phải cùng ngày hoặc sau ngày bắt đầu"),
            "{html}"
        );
        assert!(html.contains("id=\"p-end-error\"") || html.contains("p-end"));
        assert!(html.contains(&format!("value=\"{title}\"")), "typed kept");
        // No city and an unreadable start: both said.
        let bad = fields(&csrf, title, &[], ("31/02/2025", ""), &[]);
        let r = board.post("/cities/projects", &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("Hãy chọn ít nhất một thành phố"), "{html}");
        assert!(html.contains("Ngày “31/02/2025” không đọc được"), "{html}");
        let none = board.get("/cities/projects").await.text().await.unwrap();
        assert!(none.contains("Chưa có dự án hợp tác nào"), "{none}");

        // The project: both cities, the plan item, QLDS leading.
        let unit = qlds.0.to_string();
        let extra = [("item", item.as_str()), ("unit", unit.as_str())];
        let good = fields(&csrf, title, &both, ("01/03/2025", "31/12/2025"), &extra);
        let r = board.post("/cities/projects", &good).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.url().path().to_string();
        assert!(page.starts_with("/cities/projects/"), "{page}");
        let id = id_in(&page);
        let html = r.text().await.unwrap();
        assert!(html.contains("Đã lưu dự án hợp tác."), "{html}");
        assert!(html.contains("01/03/2025 – 31/12/2025"));
        assert!(html.contains("đang thực hiện"));
        assert!(html.contains(&format!("href=\"/items/{item}\"")));

        // On both cities' timelines, linked, and in "last contact".
        for city in [&bangkok, &da_lat] {
            let html = board
                .get(&format!("/cities/{city}"))
                .await
                .text()
                .await
                .unwrap();
            assert!(html.contains(&format!("href=\"/cities/projects/{id}\"")));
            assert!(html.contains("dự án hợp tác · đang thực hiện → 31/12/2025"));
        }
        let last = board
            .get("/cities/last-contact")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            last.contains("Bangkok") && last.contains("01/03/2025"),
            "{last}"
        );
        // On the plan item's page, for the department's people.
        let html = staff
            .get(&format!("/items/{item}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("id=\"item-projects\"") && html.contains(title));

        // The list: by status, by city, by a search without diacritics; the CSV.
        let list = |q: String| {
            let b = &board;
            async move {
                b.get(&format!("/cities/projects?{q}"))
                    .await
                    .text()
                    .await
                    .unwrap()
            }
        };
        assert!(list("q=dong+nam+a".into()).await.contains(title));
        assert!(list("status=ongoing".into()).await.contains(title));
        assert!(!list("status=done".into()).await.contains(title));
        assert!(list(format!("city={bangkok}")).await.contains(title));
        let csv = staff
            .get(&format!("/cities/projects.csv?city={da_lat}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            csv.contains(title) && csv.contains("Bangkok; Đà Lạt"),
            "{csv}"
        );
        assert!(csv.contains("01/03/2025") && csv.contains("đang thực hiện"));

        // The edit: done, Bangkok only; version 1 is then stale.
        let v1 = [("version", "1"), ("status", "done")];
        let mut edit = fields(&csrf, title, &[&bangkok], ("01/03/2025", "30/11/2025"), &[]);
        edit.retain(|(k, _)| *k != "status");
        edit.extend_from_slice(&v1);
        let r = board.post(&page, &edit).await;
        assert_eq!(r.url().path(), page);
        let html = r.text().await.unwrap();
        assert!(html.contains("đã hoàn thành") && html.contains("30/11/2025"));
        let html = board
            .get(&format!("/cities/{da_lat}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(!html.contains(title), "Đà Lạt no longer takes part");
        let mut stale = edit.clone();
        stale.retain(|(k, _)| *k != "title");
        stale.push(("title", "Tên gõ trên trang cũ"));
        let r = board.post(&page, &stale).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Người khác vừa lưu dự án này trước bạn"),
            "{html}"
        );
        assert!(
            html.contains("value=\"Tên gõ trên trang cũ\""),
            "typed kept"
        );
        assert!(html.contains("name=\"version\" value=\"2\""), "{html}");
        // A form without a version is not one of ours.
        let mut unversioned = edit.clone();
        unversioned.retain(|(k, _)| *k != "version");
        let r = board.post(&page, &unversioned).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);

        // Staff read the project, and may not edit or remove it.
        let html = staff.get(&page).await.text().await.unwrap();
        assert!(html.contains(title) && !html.contains("id=\"project-form\""));
        let scsrf = staff.csrf_from(&page).await;
        let mut theirs = edit.clone();
        theirs[0] = ("_csrf", &scsrf);
        assert_eq!(
            staff.post(&page, &theirs).await.status(),
            StatusCode::FORBIDDEN
        );
        let remove = format!("{page}/remove");
        assert_eq!(staff.get(&remove).await.status(), StatusCode::FORBIDDEN);

        // The removal: confirmed, a stale confirmation asked again, then gone.
        let html = board.get(&remove).await.text().await.unwrap();
        assert!(html.contains("Xóa dự án này?") && html.contains(title));
        let r = board
            .post(&remove, &[("_csrf", &csrf), ("version", "1")])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("xác nhận xóa lần nữa"));
        let r = board
            .post(&remove, &[("_csrf", &csrf), ("version", "2")])
            .await;
        assert_eq!(r.url().path(), "/cities/projects");
        assert!(r.text().await.unwrap().contains("Đã xóa dự án hợp tác."));
        assert_eq!(board.get(&page).await.status(), StatusCode::NOT_FOUND);
        let html = board
            .get(&format!("/cities/{bangkok}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(!html.contains(title));
        let audit: Vec<String> = app
            .store
            .audit_recent(50)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .filter(|a| a.starts_with("city.project"))
            .collect();
        assert_eq!(
            audit,
            [
                "city.project_remove",
                "city.project_update",
                "city.project_create"
            ]
        );
    }
}

#[tokio::test]
async fn partners_get_403_and_a_form_needs_its_csrf_token() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        import(&board, CITIES, None).await;
        let bangkok = city_id(&board, "bangkok").await.to_string();
        let no_token = fields("", "Dự án", &[&bangkok], ("01/03/2025", ""), &[]);
        let r = board.post("/cities/projects", &no_token[1..]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let partner_unit = app.unit_id("Tạp chí Kiến trúc").await;
        let partner =
            TestApp::user_browser(&app, "partner", &[Role::Partner], &[partner_unit]).await;
        for path in [
            "/cities/projects",
            "/cities/projects.csv",
            "/cities/projects/new",
        ] {
            assert_eq!(
                partner.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
        let csrf = partner.csrf_from("/").await;
        let form = fields(&csrf, "Dự án", &[&bangkok], ("01/03/2025", ""), &[]);
        assert_eq!(
            partner.post("/cities/projects", &form).await.status(),
            StatusCode::FORBIDDEN
        );
        // A forged city id is a 400, never a default.
        let csrf = board.csrf_from("/cities/projects/new").await;
        let forged = fields(&csrf, "Dự án", &["abc"], ("01/03/2025", ""), &[]);
        assert_eq!(
            board.post("/cities/projects", &forged).await.status(),
            StatusCode::BAD_REQUEST
        );
    }
}

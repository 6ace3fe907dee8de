//! The city directory (issue 19) over HTTP, on both databases: the Board imports the UCCN
//! list (twice: nothing changes the second time), finds "Đà Lạt" by typing "da lat",
//! exports the list, adds the Architecture field and a 2025 city, links an online session
//! to Bangkok and records a letter to Đà Lạt, and sees both on the timelines and in "last
//! contact". Staff read and may not edit (403); partners get 403. Bad input comes back in
//! Vietnamese beside its field with what was typed.

use super::common::{self, TestApp, csrf_of, spawn_app};
use domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

/// The bundled list when this machine has it (beside the repository), else a few rows.
pub(super) fn city_csv() -> (String, Option<String>, u64) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/uccn/");
    match std::fs::read_to_string(format!("{dir}{}", app::cities::CITIES_FILE)) {
        Ok(c) => {
            let p = std::fs::read_to_string(format!("{dir}{}", app::cities::POINTS_FILE)).ok();
            (c, p, 354)
        }
        Err(_) => (
            "city,creative_field,unesco_slug,unesco_url\n\
             Bangkok,Design,bangkok,https://www.unesco.org/en/creative-cities/bangkok\n\
             Da Lat,Music,da-lat,https://www.unesco.org/en/creative-cities/da-lat\n\
             Hanoi,Design,hanoi,https://www.unesco.org/en/creative-cities/hanoi\n"
                .into(),
            None,
            7,
        ),
    }
}

pub(super) async fn import(b: &TestApp, cities: &str, points: Option<&str>) -> reqwest::Response {
    let csrf = b.csrf_from("/cities/import").await;
    let mut form = Form::new()
        .text("_csrf", csrf)
        .text("source", "upload")
        .part(
            "cities",
            Part::text(cities.to_string()).file_name("cities.csv"),
        );
    if let Some(p) = points {
        form = form.part("points", Part::text(p.to_string()).file_name("points.csv"));
    }
    b.client
        .post(b.url("/cities/import"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Posts the letter form (multipart, as the page sends it), with `file` (name, bytes).
pub(super) async fn post_letter(
    b: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part("file", Part::bytes(bytes).file_name(name.to_string()));
    }
    b.client
        .post(b.url(path))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The id of the first city the directory finds for `q`.
pub(super) async fn city_id(b: &TestApp, q: &str) -> i64 {
    let html = b.get(&format!("/cities?q={q}")).await.text().await.unwrap();
    let table = &html[html.find("id=\"cities\"").expect("a city")..];
    let at = table.find("href=\"/cities/").unwrap() + "href=\"/cities/".len();
    table[at..].split('"').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_board_imports_searches_links_and_sees_the_timeline() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[qlds]).await;
        let (cities, points, n) = city_csv();

        let r = import(&board, &cities, points.as_deref()).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(&format!("thêm {n}, sửa 0, giữ nguyên 0")),
            "{html}"
        );
        let html = import(&board, &cities, points.as_deref())
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(&format!("thêm 0, sửa 0, giữ nguyên {n}")),
            "{html}"
        );

        // "da lat" finds Đà Lạt; staff read the directory too.
        let html = staff.get("/cities?q=da+lat").await.text().await.unwrap();
        assert!(
            html.contains(">Đà Lạt</a>") && html.contains("1 thành phố"),
            "{html}"
        );
        let html = staff
            .get("/cities?status=candidate")
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Huế") && html.contains("Quảng Ninh") && html.contains("Đà Nẵng"));
        let csv = staff
            .get("/cities.csv?q=ha+noi")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            csv.contains("Thành phố") && csv.contains("Hà Nội") && csv.contains("2019"),
            "{csv}"
        );
        let r = staff.get("/cities.xlsx").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            staff.get("/cities/import").await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            staff.get("/cities/new").await.status(),
            StatusCode::FORBIDDEN
        );

        // The 2025 field Architecture, then a 2025 city in it.
        let csrf = board.csrf_from("/cities/fields").await;
        let r = board
            .post(
                "/cities/fields",
                &[
                    ("_csrf", &csrf),
                    ("name_vi", "Kiến trúc"),
                    ("name_en", "Architecture"),
                    ("colour", "#17becf"),
                ],
            )
            .await;
        assert_eq!(r.url().path(), "/cities/fields");
        let html = r.text().await.unwrap();
        let at = html.find("Kiến trúc</a>").unwrap();
        let href = html[..at].rfind("/cities/fields/").unwrap();
        let arch: String = html[href + 15..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let csrf = board.csrf_from("/cities/new").await;
        let r = board
            .post(
                "/cities",
                &[
                    ("_csrf", &csrf),
                    ("name", "Ciudad de México"),
                    ("country", "Mexico"),
                    ("field", &arch),
                    ("year", "2025"),
                    ("status", "member"),
                    ("lat", "19.4326"),
                    ("lon", "-99.1332"),
                ],
            )
            .await;
        assert!(r.url().path().starts_with("/cities/"), "{}", r.url());
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Ciudad de México") && html.contains("Kiến trúc"),
            "{html}"
        );
        let map = board.get("/cities/map").await.text().await.unwrap();
        assert!(map.contains("<title>Ciudad de México · Kiến trúc</title>"));
        assert!(map.contains("Kiến trúc (1)"));

        // An online session with Bangkok (its lead unit links the city), a letter to Đà Lạt.
        let bangkok = city_id(&staff, "bangkok").await;
        let da_lat = city_id(&staff, "da+lat").await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        let item = app.item_id("Tham gia các phiên họp online").await;
        let csrf = lead.csrf_from("/events/new").await;
        let r = lead
            .post(
                "/events",
                &[
                    ("_csrf", &csrf),
                    ("title", "Phiên họp trực tuyến với Bangkok"),
                    ("kind", "online_session"),
                    ("scope", "southeast_asia"),
                    ("format", "online"),
                    ("organiser", "network_city"),
                    ("zone", "Asia/Bangkok"),
                    ("start_date", "06/05/2025"),
                    ("start_time", "14:00"),
                    ("end_time", "16:00"),
                    ("status", "held"),
                    ("lead", &qlds.0.to_string()),
                    ("item", &item.0.to_string()),
                ],
            )
            .await;
        let event = r.url().path().rsplit('/').next().unwrap().to_string();
        assert!(event.parse::<i64>().is_ok(), "{}", r.url());
        let html = r.text().await.unwrap();
        let csrf = csrf_of(&html);
        let r = lead
            .post(
                &format!("/events/{event}/cities"),
                &[("_csrf", &csrf), ("city", &bangkok.to_string())],
            )
            .await;
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"event-cities\"") && html.contains(">Bangkok</a>"),
            "{html}"
        );
        // The staff of another unit may not change the event's cities.
        let other = app.unit_id("Bảo tàng Hà Nội").await;
        let coord = TestApp::user_browser(&app, "coord", &[Role::Staff], &[other]).await;
        let csrf = coord.csrf_from("/cities").await;
        let r = coord
            .post(
                &format!("/events/{event}/cities"),
                &[("_csrf", &csrf), ("city", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let letter = format!("/cities/{da_lat}/letters");
        let csrf = board.csrf_from(&format!("/cities/{da_lat}")).await;
        let mut form = vec![
            ("_csrf", csrf.as_str()),
            ("kind", "letter"),
            ("direction", "out"),
            ("number", "12/SVHTT-QLDS"),
            ("date", "31/02/2025"),
            ("title", "Thư mời tham dự Liên hoan âm nhạc"),
        ];
        let r = post_letter(&board, &letter, &form, None).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("Ngày “31/02/2025” không đọc được"), "{html}");
        assert!(html.contains("value=\"Thư mời tham dự Liên hoan âm nhạc\""));
        form[4].1 = "02/03/2025";
        let r = post_letter(&board, &letter, &form, None).await;
        let html = r.text().await.unwrap();
        assert!(html.contains("Thư mời tham dự Liên hoan âm nhạc") && html.contains("02/03/2025"));
        assert!(
            html.contains("công văn, thư gửi đi, số 12/SVHTT-QLDS"),
            "{html}"
        );
        assert_eq!(
            post_letter(&staff, &letter, &form, None).await.status(),
            StatusCode::FORBIDDEN
        );

        // A long timeline comes 100 entries a page, newest first.
        let actor = app
            .store
            .user_by_login("board")
            .await
            .unwrap()
            .unwrap()
            .actor();
        for day in 1..=100u32 {
            let draft = domain::cities::LetterDraft {
                kind: "letter".into(),
                direction: "in".into(),
                date: format!("{:02}/01/2024", day % 28 + 1),
                title: format!("Thư số {day}"),
                ..Default::default()
            };
            let letter = draft.check().unwrap();
            app.store
                .add_letter(domain::CityId(da_lat), &letter, None, &actor)
                .await
                .unwrap();
        }
        let html = staff
            .get(&format!("/cities/{da_lat}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("(101)") && html.contains("1 / 2") && html.contains("timeline-older")
        );
        assert!(
            html.contains("Thư mời tham dự Liên hoan âm nhạc"),
            "the newest first"
        );
        let html = staff
            .get(&format!("/cities/{da_lat}?tpage=2"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("2 / 2") && html.contains("01/01/2024"),
            "{html}"
        );
        assert!(!html.contains("Thư mời tham dự Liên hoan âm nhạc"));

        // Both timelines, "last contact" oldest first, the item's cities.
        let html = staff
            .get(&format!("/cities/{bangkok}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("06/05/2025") && html.contains("Phiên họp trực tuyến với Bangkok"));
        let html = staff
            .get("/cities/last-contact")
            .await
            .text()
            .await
            .unwrap();
        let (d, b) = (html.find("Đà Lạt").unwrap(), html.find("Bangkok").unwrap());
        assert!(d < b, "the oldest contact first");
        let html = staff
            .get(&format!("/items/{}", item.0))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("id=\"item-cities\"") && html.contains(">Bangkok</a>"));
    }
}

#[tokio::test]
async fn bad_input_is_said_beside_its_field_and_partners_get_403() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let csrf = board.csrf_from("/cities/new").await;
        let r = board
            .post(
                "/cities",
                &[
                    ("_csrf", &csrf),
                    ("name", " "),
                    ("year", "20x5"),
                    ("lat", "91"),
                    ("lon", "10"),
                    ("country", "Nhật Bản"),
                    ("status", "member"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("Hãy nhập tên."), "{html}");
        assert!(html.contains("Năm công nhận “20x5” phải là một năm từ 2004 đến 2100."));
        assert!(html.contains("Vĩ độ “91” phải là một số từ -90 đến 90."));
        assert!(html.contains("value=\"Nhật Bản\""), "typed text kept");
        let r = board
            .post(
                "/cities",
                &[
                    ("_csrf", &csrf),
                    ("name", "Kyoto"),
                    ("lat", "35"),
                    ("status", "member"),
                ],
            )
            .await;
        let html = r.text().await.unwrap();
        assert!(html.contains("Hãy nhập cả vĩ độ và kinh độ"), "{html}");

        // A broken CSV: its line named, nothing imported.
        let broken = "city,creative_field,unesco_slug,unesco_url\nA,Music,a,\nB,Music\n";
        let html = import(&board, broken, None).await.text().await.unwrap();
        assert!(
            html.contains("dòng 3") && html.contains("Chưa nhập gì"),
            "{html}"
        );
        let html = import(&board, "ten,linh_vuc\nA,B\n", None)
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("dòng 1") && html.contains("no column"),
            "{html}"
        );
        assert!(
            board
                .get("/cities")
                .await
                .text()
                .await
                .unwrap()
                .contains("Không có thành phố")
        );

        let partner_unit = app.unit_id("Tạp chí Kiến trúc").await;
        let partner =
            TestApp::user_browser(&app, "partner", &[Role::Partner], &[partner_unit]).await;
        for path in [
            "/cities",
            "/cities/map",
            "/cities/last-contact",
            "/cities.csv",
        ] {
            assert_eq!(
                partner.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
        assert!(
            !partner
                .get("/")
                .await
                .text()
                .await
                .unwrap()
                .contains("href=\"/cities\"")
        );
    }
}

#[tokio::test]
async fn contacts_come_from_the_people_directory_with_a_role() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[qlds]).await;
        let (cities, _, _) = city_csv();
        import(&board, &cities, None).await;
        let da_lat = city_id(&board, "da+lat").await;
        let person = |name: &str, org: &str| store::PersonInput {
            kind: Some(domain::PersonKind::Expert),
            name: name.into(),
            organisation: org.into(),
            ..Default::default()
        };
        let actor = app
            .store
            .user_by_login("board")
            .await
            .unwrap()
            .unwrap()
            .actor();
        let lan = app
            .store
            .create_person(&person("Nguyễn Thị Lan", "UBND tỉnh Lâm Đồng"), &actor)
            .await
            .unwrap();
        let jane = app
            .store
            .create_person(&person("Jane Doe", "UNESCO"), &actor)
            .await
            .unwrap();
        let page = format!("/cities/{da_lat}");
        let csrf = board.csrf_from(&page).await;
        let add = format!("/cities/{da_lat}/contacts");
        let lan_id = lan.0.to_string();
        let r = board
            .post(
                &add,
                &[
                    ("_csrf", &csrf),
                    ("person", &lan_id),
                    ("role", "unesco_secretariat"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Vai trò này dành cho một thành phố")
        );
        let r = board
            .post(
                &add,
                &[
                    ("_csrf", &csrf),
                    ("person", &lan_id),
                    ("role", "focal_point"),
                ],
            )
            .await;
        let html = r.text().await.unwrap();
        assert!(
            html.contains("<strong>Nguyễn Thị Lan</strong> · đầu mối"),
            "{html}"
        );
        let html = staff.get(&page).await.text().await.unwrap();
        assert!(html.contains("Nguyễn Thị Lan") && !html.contains("id=\"contact-form\""));
        assert_eq!(
            staff
                .post(
                    &add,
                    &[
                        ("_csrf", &csrf),
                        ("person", &lan_id),
                        ("role", "mayors_office")
                    ]
                )
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        let r = board
            .post(
                "/cities/unesco/contacts",
                &[
                    ("_csrf", &csrf),
                    ("person", &jane.0.to_string()),
                    ("role", "unesco_hanoi_office"),
                ],
            )
            .await;
        assert_eq!(r.url().path(), "/cities/unesco");
        let html = r.text().await.unwrap();
        assert!(html.contains("Jane Doe") && html.contains("Văn phòng UNESCO tại Hà Nội"));
        // Removing goes back to the place the contact was.
        let at = html.find("/city-contacts/").unwrap() + "/city-contacts/".len();
        let id: String = html[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let r = board
            .post(&format!("/city-contacts/{id}/delete"), &[("_csrf", &csrf)])
            .await;
        assert_eq!(r.url().path(), "/cities/unesco");
        assert!(r.text().await.unwrap().contains("Chưa có đầu mối nào."));
    }
}

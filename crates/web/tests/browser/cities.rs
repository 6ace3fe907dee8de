//! The city directory (issue 19) in a browser: the Board imports the UCCN list from its
//! files, adds the 2025 field Architecture and a 2025 city in it, links an online session
//! to Bangkok on the event's page, records a letter to Đà Lạt (with its file) on Đà Lạt's
//! page, and finds both on the cities' timelines; then records a joint project with Bangkok
//! and finds it on Bangkok's timeline. Then the directory, a city page, the map and the
//! project list at 390 and 1366 px (into `docs/screenshots/` with
//! SANGTAO_WRITE_SCREENSHOTS=1).

use super::common::{Backend, TestApp, spawn_app};
use super::support::{
    WIDTHS, browser, click, js, open, select, set_width, sign_in, type_into, wait_for_text,
};
use domain::Role;
use std::path::{Path, PathBuf};

/// The bundled files, or a short list written to `tmp` when this machine lacks them.
fn csv_files(tmp: &Path) -> (PathBuf, Option<PathBuf>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/uccn");
    let cities = dir.join(app::cities::CITIES_FILE);
    // Chromium takes a canonical path only.
    if let (Ok(cities), Ok(points)) = (
        cities.canonicalize(),
        dir.join(app::cities::POINTS_FILE).canonicalize(),
    ) {
        return (cities, Some(points));
    }
    let file = tmp.join("cities.csv");
    std::fs::write(
        &file,
        "city,creative_field,unesco_slug,unesco_url\n\
         Bangkok,Design,bangkok,https://www.unesco.org/en/creative-cities/bangkok\n\
         Da Lat,Music,da-lat,https://www.unesco.org/en/creative-cities/da-lat\n",
    )
    .unwrap();
    (file, None)
}

#[tokio::test]
async fn cities_journey_import_field_city_session_letter_timelines() {
    let Some(b) = browser().await else { return };
    let c = b.client.clone();
    let app = spawn_app(Backend::Sqlite).await;
    let qlds = app.unit_id("Phòng Quản lý Di sản").await;
    let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
    sign_in(&c, &app, "board").await;
    let tmp = tempfile::tempdir().unwrap();

    // 1. Import the cities from their files.
    open(&c, &app, "/cities/import", "#import-upload").await;
    let (cities, points) = csv_files(tmp.path());
    type_into(&c, "#i-cities", cities.to_str().unwrap()).await;
    if let Some(p) = points {
        type_into(&c, "#i-points", p.to_str().unwrap()).await;
    }
    click(&c, "#import-upload-submit").await;
    wait_for_text(&c, "#import-result", "Đã nhập: thêm").await;

    // 2. The 2025 field Architecture, and a 2025 city in it.
    open(&c, &app, "/cities/fields", "#field-form").await;
    type_into(&c, "#f-name-vi", "Kiến trúc").await;
    type_into(&c, "#f-name-en", "Architecture").await;
    js(
        &c,
        "document.querySelector('#f-colour').value = '#17becf'; return true;",
    )
    .await;
    click(&c, "#field-submit").await;
    wait_for_text(&c, "#fields", "Kiến trúc").await;
    let arch = app
        .store
        .creative_fields()
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.code == "architecture")
        .unwrap()
        .id;
    open(&c, &app, "/cities/new", "#city-form").await;
    type_into(&c, "#c-name", "Thành phố mẫu 2025").await;
    select(&c, "#c-field", &arch.to_string()).await;
    type_into(&c, "#c-year", "2025").await;
    type_into(&c, "#c-lat", "35,68").await;
    type_into(&c, "#c-lon", "139,69").await;
    click(&c, "#city-submit").await;
    wait_for_text(&c, "#city-field", "Kiến trúc").await;

    // 3. An online session with Bangkok (made by the Board, linked on its page) and a
    // letter to Đà Lạt.
    let csrf = board.csrf_from("/events/new").await;
    let r = board
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
            ],
        )
        .await;
    let event = r.url().path().to_string();
    let find = |q: &'static str| {
        let store = app.store.clone();
        async move {
            let f = store::CityFilter {
                text: q.into(),
                page: 1,
                per_page: 5,
                ..Default::default()
            };
            store.list_cities(&f).await.unwrap().rows[0].id
        }
    };
    let (bangkok, da_lat) = (find("bangkok").await, find("da lat").await);
    open(&c, &app, &event, "#cities").await;
    select(&c, "#ev-cities", &bangkok.to_string()).await;
    click(&c, "#cities-submit").await;
    wait_for_text(&c, "#event-cities", "Bangkok").await;

    open(&c, &app, &format!("/cities/{da_lat}"), "#letter-form").await;
    type_into(&c, "#l-number", "12/SVHTT-QLDS").await;
    type_into(&c, "#l-date", "02/03/2025").await;
    type_into(&c, "#l-title", "Thư mời tham dự Liên hoan âm nhạc").await;
    // The signed letter goes with it (Chromium takes a canonical path only).
    let pdf = tmp.path().join("Thư mời.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
    )
    .unwrap();
    let pdf = pdf.canonicalize().unwrap();
    type_into(&c, "#l-file", pdf.to_str().unwrap()).await;
    click(&c, "#letter-submit").await;

    // 4. Both on the cities' timelines, the letter with its file.
    wait_for_text(&c, "#timeline", "Thư mời tham dự Liên hoan âm nhạc").await;
    wait_for_text(&c, "#timeline", "📎 Thư mời.pdf").await;
    wait_for_text(&c, "#timeline", "02/03/2025").await;
    open(&c, &app, &format!("/cities/{bangkok}"), "#timeline").await;
    wait_for_text(&c, "#timeline", "Phiên họp trực tuyến với Bangkok").await;
    open(&c, &app, "/cities/last-contact", "#last-contact").await;
    wait_for_text(&c, "#last-contact", "Đà Lạt").await;

    // A joint project with Bangkok (issue 19), on Bangkok's timeline.
    open(&c, &app, "/cities/projects/new", "#project-form").await;
    type_into(&c, "#p-title", "Tuần lễ Thiết kế Hà Nội – Bangkok").await;
    select(&c, "#p-cities", &bangkok.to_string()).await;
    type_into(&c, "#p-start", "01/03/2025").await;
    type_into(&c, "#p-end", "31/12/2025").await;
    select(&c, "#p-status", "ongoing").await;
    type_into(
        &c,
        "#p-description",
        "Trao đổi nhà thiết kế trẻ hai thành phố",
    )
    .await;
    click(&c, "#project-submit").await;
    wait_for_text(&c, "#project-cities", "Bangkok").await;
    open(&c, &app, &format!("/cities/{bangkok}"), "#timeline").await;
    wait_for_text(&c, "#timeline", "Tuần lễ Thiết kế Hà Nội – Bangkok").await;
    wait_for_text(&c, "#timeline", "dự án hợp tác · đang thực hiện").await;

    // The directory, a city page and the map at a phone's and a laptop's width.
    let dir = if std::env::var("SANGTAO_WRITE_SCREENSHOTS").as_deref() == Ok("1") {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
    } else {
        tmp.path().to_path_buf()
    };
    std::fs::create_dir_all(&dir).unwrap();
    for size in WIDTHS {
        set_width(&c, size).await;
        for (name, path, ready) in [
            ("cities", "/cities?q=da".to_string(), "#cities"),
            ("city", format!("/cities/{da_lat}"), "#timeline"),
            (
                "city-timeline",
                format!("/cities/{da_lat}#timeline"),
                "#timeline",
            ),
            ("cities-map", "/cities/map".to_string(), "#city-map"),
            ("city-projects", "/cities/projects".to_string(), "#projects"),
        ] {
            open(&c, &app, &path, ready).await;
            // Nothing wider than the screen.
            let wide = js(&c, "return document.documentElement.scrollWidth;").await;
            assert!(
                wide.as_u64().unwrap() <= u64::from(size.0),
                "{path} at {}",
                size.0
            );
            let png = c.screenshot().await.unwrap();
            std::fs::write(dir.join(format!("{name}-{}.png", size.0)), &png).unwrap();
        }
    }
    c.close().await.unwrap();
}

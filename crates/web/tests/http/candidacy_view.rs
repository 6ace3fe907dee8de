//! A candidate city's own dossier in the network space, and the filters and exports of
//! `/candidacies` (issue 19), over HTTP on both databases: Huế's focal point reads Huế's
//! dossier (its progress as of the test clock, a step overdue, the document, Hanoi's
//! support as text without a link), downloads Huế's document, gets 403 on Quảng Ninh's and
//! 404 on an unknown one, and still 403 on `/candidacies`; a city without a dossier reads
//! who to contact; the Board is sent to `/candidacies`; partners get 403. The list's
//! filters (status, field, a folded city search, overdue) narrow the page, the CSV and the
//! XLSX alike.

use super::common::{self, TestApp, spawn_app};
use super::network::{board, city, network_browser, text};
use domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

/// Hanoi's support activity on Huế's dossier (an event on 03/12/2026).
const WORKSHOP: &str = "Hội thảo ẩm thực Huế với chuyên gia UNESCO";

/// The dossier of `slug`'s city (the first).
async fn dossier_of(app: &TestApp, slug: &str) -> i64 {
    let c = city(app, slug).await;
    app.store.candidacies(Some(c)).await.unwrap()[0].0.id
}

/// The Board uploads a document to a dossier's first step; its id.
async fn add_document(app: &TestApp, b: &TestApp, dossier: i64, name: &str) -> i64 {
    let csrf = b.csrf_from(&format!("/candidacies/{dossier}")).await;
    let step = app.store.candidacy_steps().await.unwrap()[0].id;
    let form = Form::new().text("step", step.to_string()).part(
        "file",
        Part::bytes(common::PNG.to_vec()).file_name(name.to_string()),
    );
    let path = format!("/candidacies/{dossier}/documents?_csrf={csrf}");
    let r = b
        .client
        .post(b.url(&path))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.url().path(), format!("/candidacies/{dossier}"));
    let d = app.store.candidacy(dossier).await.unwrap().unwrap();
    d.documents.iter().find(|d| d.name == name).unwrap().id
}

/// Huế's first step planned before the test clock's today and not done: overdue; its
/// second done.
async fn hue_dates(app: &TestApp, actor: &domain::Actor, hue: i64) {
    let steps = app.store.candidacy_steps().await.unwrap();
    let draft = |planned: &str, done: &str, note: &str| {
        domain::cities::candidacy::StepDraft {
            planned: planned.into(),
            done: done.into(),
            note: note.into(),
        }
        .check()
        .unwrap()
    };
    let first = draft("01/10/2026", "", "Thư bày tỏ ý định <gửi Ủy ban>");
    let v = app
        .store
        .save_candidacy_step(hue, 1, steps[0].id, &first, actor);
    let v = v.await.unwrap();
    let second = draft("", "02/11/2026", "");
    let save = app
        .store
        .save_candidacy_step(hue, v, steps[1].id, &second, actor);
    save.await.unwrap();
}

#[tokio::test]
async fn network_dossier_hue_reads_its_own_and_nothing_else() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let hue = dossier_of(&app, "hue").await;
        let quang_ninh = dossier_of(&app, "quang-ninh").await;
        hue_dates(&app, &actor, hue).await;
        let own = add_document(&app, &b, hue, "thu-y-dinh-hue.png").await;
        let other = add_document(&app, &b, quang_ninh, "ho-so-quang-ninh.png").await;
        let unit = app.unit_id("Phòng Quản lý Di sản").await;
        let workshop = store::EventInput {
            title: WORKSHOP.into(),
            ..super::network::sample_event(unit)
        };
        let event = app.store.create_event(&workshop, &actor).await.unwrap();
        let step = app.store.candidacy_steps().await.unwrap()[0].id;
        let link = store::SupportLink::Event(event);
        let add = app.store.add_candidacy_support(hue, step, link, &actor);
        add.await.unwrap();

        let hoa = network_browser(&app, &actor, "hue", "hoa").await;
        let home = text(hoa.get("/network").await).await;
        assert!(home.contains("href=\"/network/dossier\""), "{home}");
        let r = hoa.get("/network/dossier").await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = text(r).await;
        for seen in [
            "Ẩm thực",
            "đang chuẩn bị hồ sơ",
            "1/5 bước đã xong",
            "01/10/2026",
            "02/11/2026",
            "quá hạn",
            "Thư bày tỏ ý định &#60;gửi Ủy ban&#62;",
            "thu-y-dinh-hue.png",
        ] {
            assert!(page.contains(seen), "{seen} in {page}");
        }
        // Hanoi's support as text: the event's title and day, no link to Hanoi's pages.
        assert!(page.contains(&format!("{WORKSHOP} (03/12/2026)")), "{page}");
        assert!(!page.contains("href=\"/events/") && !page.contains("href=\"/items/"));
        assert!(!page.contains("href=\"/candidac"), "{page}");
        // Read-only: the only form is the layout's (language, sign out); none in the page.
        let main = page.split("<main").nth(1).unwrap_or(&page);
        assert!(!main.contains("<form"), "{main}");
        assert!(!page.contains("ho-so-quang-ninh.png") && !page.contains("Quảng Ninh"));

        let r = hoa
            .get(&format!("/network/dossier/documents/{own}/file"))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.bytes().await.unwrap().as_ref(), common::PNG);
        let r = hoa
            .get(&format!("/network/dossier/documents/{other}/file"))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "Quảng Ninh's document");
        let r = hoa.get("/network/dossier/documents/999999/file").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        for p in [
            "/candidacies".to_string(),
            format!("/candidacies/{hue}"),
            format!("/candidacy-documents/{own}/file"),
            "/candidacies.xlsx".to_string(),
        ] {
            assert_eq!(hoa.get(&p).await.status(), StatusCode::FORBIDDEN, "{p}");
        }

        // Đà Lạt (a member, no dossier): a sentence saying so and who to contact.
        let lan = network_browser(&app, &actor, "da-lat", "lan").await;
        assert!(
            !text(lan.get("/network").await)
                .await
                .contains("/network/dossier")
        );
        let page = text(lan.get("/network/dossier").await).await;
        assert!(
            page.contains("Hà Nội chưa mở hồ sơ ứng cử nào cho Đà Lạt")
                && page.contains("Sở Văn hóa và Thể thao Hà Nội"),
            "{page}"
        );
        let r = lan
            .get(&format!("/network/dossier/documents/{own}/file"))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "Huế's document");

        // The department is sent to the list; its download link too. Partners: 403.
        let r = b.get("/network/dossier").await;
        assert_eq!(r.url().path(), "/candidacies");
        let r = b
            .get(&format!("/network/dossier/documents/{own}/file"))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.url().path(), format!("/candidacy-documents/{own}/file"));
        let unit = app.unit_id("Tạp chí Kiến trúc").await;
        let partner = TestApp::user_browser(&app, "partner", &[Role::Partner], &[unit]).await;
        for p in [
            "/network/dossier".to_string(),
            format!("/network/dossier/documents/{own}/file"),
        ] {
            assert_eq!(partner.get(&p).await.status(), StatusCode::FORBIDDEN, "{p}");
        }
    }
}

/// The cities named in an export, in order (the second column of the rows after the head).
fn cities_of_csv(csv: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    r.records().map(|r| r.unwrap()[1].to_string()).collect()
}

#[tokio::test]
async fn candidacies_filter_by_status_field_folded_city_and_overdue() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let hue = dossier_of(&app, "hue").await;
        hue_dates(&app, &actor, hue).await;
        // The dossiers listed, in the page's order.
        let ids = |page: &str| {
            let mut found = Vec::new();
            for (slug, name) in [("hue", "Huế"), ("qn", "Quảng Ninh"), ("dn", "Đà Nẵng")] {
                if let Some(at) = page.find(&format!(">{name}</a>")) {
                    found.push((at, slug));
                }
            }
            found.sort();
            found.into_iter().map(|(_, s)| s).collect::<Vec<_>>()
        };
        let all = text(b.get("/candidacies").await).await;
        assert_eq!(ids(&all), ["dn", "hue", "qn"], "by folded name");
        let gastronomy = app
            .store
            .creative_fields()
            .await
            .unwrap()
            .into_iter()
            .find(|f| f.code == "gastronomy")
            .unwrap()
            .id;
        let cases = [
            ("q=hue".to_string(), vec!["hue"]),
            ("q=da+nang".to_string(), vec!["dn"]),
            ("q=%C4%90%C3%80+N%E1%BA%B4NG".to_string(), vec!["dn"]),
            ("q=ninh".to_string(), vec!["qn"]),
            ("status=preparing".to_string(), vec!["hue"]),
            ("status=considering".to_string(), vec!["dn", "qn"]),
            (format!("field={gastronomy}"), vec!["hue"]),
            ("field=none".to_string(), vec!["dn", "qn"]),
            ("overdue=1".to_string(), vec!["hue"]),
            ("status=considering&q=hue".to_string(), vec![]),
            // Not an offered value: no filter.
            (
                "status=approved&field=x".to_string(),
                vec!["dn", "hue", "qn"],
            ),
        ];
        for (query, want) in &cases {
            let page = text(b.get(&format!("/candidacies?{query}")).await).await;
            assert_eq!(&ids(&page), want, "{query}");
        }
        // The filters stay in the form and in the exports' links.
        let page = text(
            b.get("/candidacies?q=da+nang&status=considering&overdue=1")
                .await,
        )
        .await;
        assert!(page.contains("value=\"da nang\""), "{page}");
        assert!(page.contains("value=\"considering\" selected"), "{page}");
        assert!(page.contains("id=\"candidacy-overdue\" checked"), "{page}");
        assert!(
            page.contains("/candidacies.xlsx?q=da+nang&#38;status=considering&#38;overdue=1"),
            "{page}"
        );
        assert!(
            page.contains("Không có hồ sơ nào khớp với bộ lọc"),
            "{page}"
        );

        // The CSV keeps what the page keeps.
        let csv = text(b.get("/candidacies.csv?q=hue").await).await;
        assert_eq!(cities_of_csv(&csv), ["Huế"], "{csv}");
        let csv = text(b.get("/candidacies.csv?field=none").await).await;
        assert_eq!(cities_of_csv(&csv), ["Đà Nẵng", "Quảng Ninh"], "{csv}");

        // The XLSX too, with each step's dates dd/mm/yyyy.
        let r = b.get("/candidacies.xlsx?status=preparing").await;
        assert_eq!(r.status(), StatusCode::OK);
        let bytes = r.bytes().await.unwrap().to_vec();
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let cells: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let head = cells
            .iter()
            .position(|r| r.iter().any(|c| c == "Thành phố"))
            .expect("a header row");
        assert!(
            cells[head]
                .iter()
                .any(|c| c == "Đăng ký ý định ứng cử (dự kiến)")
        );
        let rows = &cells[head + 1..];
        let named: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(named, ["Huế"], "{cells:?}");
        assert!(rows[0].iter().any(|c| c == "01/10/2026"), "{cells:?}");
        assert!(rows[0].iter().any(|c| c == "02/11/2026"), "{cells:?}");
        let r = b.get("/candidacies.xlsx?q=da+nang").await;
        let bytes = r.bytes().await.unwrap().to_vec();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let text: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
        assert!(text.iter().any(|c| c == "Đà Nẵng") && !text.iter().any(|c| c == "Huế"));
    }
}

//! The city directory's records (issue 19) over HTTP, on both databases: a letter's file
//! (on the letter form, or attached afterwards), read by whoever reads the directory.

use super::cities::{city_id, import, post_letter};
use super::common::{self, TestApp, spawn_app, spawn_app_with};
use domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

/// A few cities: enough for the records (the import adds the Vietnamese ones).
pub(super) const CITIES: &str = "city,creative_field,unesco_slug,unesco_url\n\
    Bangkok,Design,bangkok,https://www.unesco.org/en/creative-cities/bangkok\n\
    Da Lat,Music,da-lat,https://www.unesco.org/en/creative-cities/da-lat\n\
    Hanoi,Design,hanoi,https://www.unesco.org/en/creative-cities/hanoi\n";

fn letter_fields<'a>(csrf: &'a str, title: &'a str, date: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("_csrf", csrf),
        ("kind", "mou"),
        ("direction", "out"),
        ("number", "01/MoU-SVHTT"),
        ("date", date),
        ("title", title),
    ]
}

async fn attach(
    b: &TestApp,
    letter: &str,
    csrf: &str,
    file: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let mut form = Form::new().text("_csrf", csrf.to_string());
    form = match file {
        Some((name, bytes)) => form.part(
            "file",
            Part::bytes(bytes.to_vec()).file_name(name.to_string()),
        ),
        None => form.part("file", Part::bytes(Vec::new()).file_name("")),
    };
    b.client
        .post(b.url(&format!("/city-letters/{letter}/file")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The id in the first `/city-letters/{id}/file` of a page.
fn letter_id(html: &str) -> String {
    let at = html.find("/city-letters/").expect("a letter") + "/city-letters/".len();
    html[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

#[tokio::test]
async fn a_letter_carries_its_file_and_the_directory_reads_it() {
    for backend in common::backends().await {
        let app = spawn_app_with(backend, |c| c.evidence_limit_bytes = 2_000).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[qlds]).await;
        import(&board, CITIES, None).await;
        let da_lat = city_id(&board, "da+lat").await;
        let page = format!("/cities/{da_lat}");
        let post = format!("/cities/{da_lat}/letters");
        let csrf = board.csrf_from(&page).await;
        let html = board.get(&page).await.text().await.unwrap();
        assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("id=\"l-file\""));

        // Too big a file: said beside the file field, what was typed kept, nothing recorded.
        let fields = letter_fields(&csrf, "Biên bản ghi nhớ với Đà Lạt", "10/04/2025");
        let big = [PDF, &[b' '; 3000][..]].concat();
        let r = post_letter(&board, &post, &fields, Some(("mou.pdf", big))).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"l-file-error\"") && html.contains("vượt quá dung lượng"),
            "{html}"
        );
        assert!(html.contains("value=\"Biên bản ghi nhớ với Đà Lạt\""));
        assert!(!html.contains("/city-letters/"), "nothing recorded");
        // A bad date and a file: the date is said, no file is stored.
        let bad = letter_fields(&csrf, "Biên bản ghi nhớ với Đà Lạt", "32/04/2025");
        let r = post_letter(&board, &post, &bad, Some(("mou.pdf", PDF.to_vec()))).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Ngày “32/04/2025” không đọc được")
        );

        // The MoU with its file; staff download it, partners may not.
        let r = post_letter(
            &board,
            &post,
            &fields,
            Some(("Biên bản ghi nhớ.pdf", PDF.to_vec())),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("📎 Biên bản ghi nhớ.pdf, 1 KB"), "{html}");
        let id = letter_id(&html);
        let r = staff.get(&format!("/city-letters/{id}/file")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
        let partner_unit = app.unit_id("Tạp chí Kiến trúc").await;
        let partner =
            TestApp::user_browser(&app, "partner", &[Role::Partner], &[partner_unit]).await;
        assert_eq!(
            partner
                .get(&format!("/city-letters/{id}/file"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            board.get("/city-letters/999999/file").await.status(),
            StatusCode::NOT_FOUND
        );

        // A letter without a file, then its file afterwards: no file is refused beside the
        // letter's form, a wrong type too; staff may not attach.
        let plain = letter_fields(&csrf, "Thư cảm ơn", "12/04/2025");
        let html = post_letter(&board, &post, &plain, None)
            .await
            .text()
            .await
            .unwrap();
        let newest = letter_id(&html[html.find("Thư cảm ơn").unwrap()..]);
        assert_ne!(newest, id);
        assert_eq!(
            board
                .get(&format!("/city-letters/{newest}/file"))
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        let r = attach(&board, &newest, &csrf, None).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(&format!("id=\"lf-{newest}-error\""))
                && html.contains("Hãy chọn một tệp."),
            "{html}"
        );
        let r = attach(
            &board,
            &newest,
            &csrf,
            Some(("thu.pdf", b"not a pdf at all")),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(
            html.contains(&format!("id=\"lf-{newest}-error\"")),
            "{html}"
        );
        assert_eq!(
            attach(&staff, &newest, &csrf, Some(("thu.pdf", PDF)))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        let r = attach(&board, &newest, &csrf, Some(("Thư cảm ơn.pdf", PDF))).await;
        assert_eq!(r.url().path(), page);
        assert!(r.text().await.unwrap().contains("📎 Thư cảm ơn.pdf"));
        assert_eq!(
            staff
                .get(&format!("/city-letters/{newest}/file"))
                .await
                .status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn a_letter_form_with_no_file_still_records_the_letter() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        import(&board, CITIES, None).await;
        let hanoi = city_id(&board, "ha+noi").await;
        let csrf = board.csrf_from(&format!("/cities/{hanoi}")).await;
        let fields = letter_fields(&csrf, "Thư gửi Hà Nội", "01/05/2025");
        let post = format!("/cities/{hanoi}/letters");
        // An empty file part (no file picked) is no file.
        let mut form = Form::new();
        for (k, v) in &fields {
            form = form.text(k.to_string(), v.to_string());
        }
        let form = form.part("file", Part::bytes(Vec::new()).file_name(""));
        let r = board
            .client
            .post(board.url(&post))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Thư gửi Hà Nội") && !html.contains("📎"),
            "{html}"
        );
    }
}

#[tokio::test]
async fn a_delegation_picks_its_cities_and_shows_on_their_timelines() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let qlds = app.unit_id("Phòng Quản lý Di sản").await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        let lead = TestApp::user_browser(&app, "lead", &[Role::Staff], &[qlds]).await;
        import(&board, CITIES, None).await;
        let bangkok = city_id(&board, "bangkok").await;
        let csrf = lead.csrf_from("/delegations").await;
        let unit = qlds.0.to_string();
        let r = lead
            .post(
                "/delegations",
                &[
                    ("_csrf", csrf.as_str()),
                    ("title", "Đoàn công tác Bangkok"),
                    ("destination", "Bangkok, Thái Lan"),
                    ("depart", "10/08/2025"),
                    ("back", "14/08/2025"),
                    ("cost", "1000"),
                    ("unit", &unit),
                ],
            )
            .await;
        let path = r.url().path().to_string();
        assert!(path.starts_with("/delegations/"), "{path}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"d-cities\""),
            "its editors pick the cities"
        );
        let r = lead
            .post(
                &format!("{path}/cities"),
                &[("_csrf", csrf.as_str()), ("city", &bangkok.to_string())],
            )
            .await;
        assert_eq!(r.url().path(), path);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("id=\"delegation-cities\"") && html.contains(">Bangkok</a>"),
            "{html}"
        );
        // An unreadable city is a bad request; another unit's staff may not.
        let r = lead
            .post(
                &format!("{path}/cities"),
                &[("_csrf", csrf.as_str()), ("city", "x")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let other = app.unit_id("Bảo tàng Hà Nội").await;
        let coord = TestApp::user_browser(&app, "coord", &[Role::Staff], &[other]).await;
        let c = coord.csrf_from("/cities").await;
        let r = coord
            .post(
                &format!("{path}/cities"),
                &[("_csrf", c.as_str()), ("city", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let html = board
            .get(&format!("/cities/{bangkok}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("class=\"t-delegation\"")
                && html.contains(&format!("href=\"{path}\""))
                && html.contains("đoàn ra · dự thảo · Bangkok, Thái Lan → 14/08/2025")
                && html.contains("10/08/2025"),
            "{html}"
        );
        let html = board
            .get("/cities/last-contact")
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("Bangkok") && html.contains("10/08/2025"),
            "{html}"
        );
    }
}

/// A subnetwork is a creative field's network: the directory's "Mạng lưới lĩnh vực" filter.
#[tokio::test]
async fn the_subnetwork_filter_is_the_fields_network() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let board = TestApp::user_browser(&app, "board", &[Role::Board], &[]).await;
        import(&board, CITIES, None).await;
        let html = board.get("/cities").await.text().await.unwrap();
        assert!(
            html.contains("Mạng lưới lĩnh vực<select name=\"field\""),
            "{html}"
        );
        let at = html.find(">Thiết kế</option>").unwrap();
        let value = &html[html[..at].rfind("value=\"").unwrap() + 7..at];
        let design = value.split('"').next().unwrap();
        let html = board
            .get(&format!("/cities?field={design}"))
            .await
            .text()
            .await
            .unwrap();
        let table = &html[html.find("id=\"cities\"").unwrap()..];
        assert!(
            table.contains(">Bangkok</a>") && table.contains(">Hà Nội</a>"),
            "{table}"
        );
        assert!(!table.contains(">Đà Lạt</a>"), "Music's network is another");
    }
}

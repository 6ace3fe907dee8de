//! The network space's lists after the first posts (issue 19), over HTTP on both databases:
//! a library entry edited and removed by its author only, at the version its form was read
//! at (a stale form 409, nothing changed); the library and the members exported as CSV and
//! XLSX, each viewer's own view; an invitation sent again ends the earlier link.

use super::common::{self, TestApp, spawn_app};
use super::lists::csv_rows;
use super::network::{board, city, focal_point, network_browser, text, upload};
use calamine::Reader;
use domain::Role;
use domain::network::Viewer;
use reqwest::StatusCode;

/// The id of the library entry titled `title`, as the department sees the library.
async fn entry(app: &TestApp, title: &str) -> i64 {
    let docs = app
        .store
        .network_documents(Viewer::Department { manage: true })
        .await
        .unwrap();
    docs.iter().find(|d| d.title == title).expect(title).id
}

fn xlsx_rows(bytes: Vec<u8>) -> Vec<Vec<String>> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[tokio::test]
async fn network_library_entry_is_edited_and_removed_by_its_author_only() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let hoa = network_browser(&app, &actor, "hue", "hoa").await;
        let lan = network_browser(&app, &actor, "da-lat", "lan").await;
        let da_lat = city(&app, "da-lat").await.0.to_string();
        let png = || Some(("am-thuc.png", common::PNG.to_vec()));
        let fields = [
            ("kind", "practice"),
            ("title", "Ẩm thực cung đình"),
            ("audience", "all"),
        ];
        let r = upload(&hoa, &fields, png()).await;
        assert_eq!(r.url().path(), "/network/library");
        let id = entry(&app, "Ẩm thực cung đình").await;
        let path = format!("/network/library/{id}");

        // Huế's page has the form; Đà Lạt reads the entry without one, and is refused.
        let page = text(hoa.get(&path).await).await;
        assert!(page.contains("id=\"document-edit\""), "{page}");
        let page = text(lan.get(&path).await).await;
        assert!(page.contains("Ẩm thực cung đình") && !page.contains("id=\"document-edit\""));
        let csrf = lan.csrf_from(&path).await;
        let edit = |csrf: &str, version: &str, title: &str| {
            vec![
                ("_csrf".to_string(), csrf.to_string()),
                ("version".into(), version.into()),
                ("kind".into(), "practice".into()),
                ("title".into(), title.into()),
                ("description".into(), "Món ăn <b>Huế</b>".into()),
                ("audience".into(), "cities".into()),
                ("city".into(), da_lat.clone()),
            ]
        };
        let post = |who: &TestApp, to: &str, form: Vec<(String, String)>| {
            let req = who.client.post(who.url(to)).form(&form);
            async move { req.send().await.unwrap() }
        };
        let r = post(&lan, &path, edit(&csrf, "1", "Của Đà Lạt")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "another city's entry");
        let r = lan.get(&format!("{path}/remove")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // Staff read; the Board and admins may change any entry (moderation).
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[]).await;
        assert_eq!(staff.get(&path).await.status(), StatusCode::OK);
        let csrf_s = staff.csrf_from(&path).await;
        let r = post(&staff, &path, edit(&csrf_s, "1", "Của Hà Nội")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "staff read only");
        let page = text(b.get(&path).await).await;
        assert!(page.contains("id=\"document-edit\""), "the Board moderates");

        // Huế edits it: for Đà Lạt only now, the description escaped.
        let csrf = hoa.csrf_from(&path).await;
        let r = post(&hoa, &path, edit(&csrf, "1", "Ẩm thực cung đình Huế")).await;
        assert_eq!(r.url().path(), path);
        let page = text(r).await;
        assert!(page.contains("Ẩm thực cung đình Huế"), "{page}");
        assert!(
            page.contains("Món ăn &#60;b&#62;Huế") && !page.contains("<b>Huế"),
            "{page}"
        );
        assert!(page.contains("sửa lần cuối"));
        let doc = app.store.network_document(id).await.unwrap().unwrap();
        assert_eq!(doc.version, 2);
        assert_eq!(
            doc.audience,
            domain::network::Audience::Cities(vec![city(&app, "da-lat").await])
        );
        // Quảng Ninh no longer sees it, not even by its address.
        let ninh = network_browser(&app, &actor, "quang-ninh", "ninh").await;
        assert_eq!(ninh.get(&path).await.status(), StatusCode::FORBIDDEN);

        // A stale form: 409, what was typed kept, nothing changed.
        let r = post(&hoa, &path, edit(&csrf, "1", "Bản cũ")).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let page = text(r).await;
        assert!(page.contains("vừa được người khác sửa") && page.contains("Bản cũ"));
        assert!(page.contains("name=\"version\" value=\"2\""), "{page}");
        let doc = app.store.network_document(id).await.unwrap().unwrap();
        assert_eq!(doc.title, "Ẩm thực cung đình Huế");
        // A missing title and no city chosen, beside their fields.
        let mut bad = edit(&csrf, "2", " ");
        bad.retain(|(k, _)| k != "city");
        let r = post(&hoa, &path, bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(r).await;
        assert!(
            page.contains("Hãy nhập tiêu đề.") && page.contains("Hãy chọn ít nhất một thành phố")
        );
        // No CSRF token: refused.
        let r = post(&hoa, &path, edit("", "2", "Không có mã")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // Removed after its confirmation; a stale confirmation first.
        let page = text(hoa.get(&format!("{path}/remove")).await).await;
        assert!(page.contains("Ẩm thực cung đình Huế") && page.contains("value=\"2\""));
        let remove = |csrf: &str, version: &str| {
            vec![
                ("_csrf".to_string(), csrf.to_string()),
                ("version".into(), version.into()),
            ]
        };
        let r = post(&hoa, &format!("{path}/remove"), remove(&csrf, "1")).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(app.store.network_document(id).await.unwrap().is_some());
        let r = post(&hoa, &format!("{path}/remove"), remove(&csrf, "2")).await;
        assert_eq!(r.url().path(), "/network/library");
        assert!(text(r).await.contains("Đã xoá mục khỏi thư viện chung."));
        assert!(app.store.network_document(id).await.unwrap().is_none());
        assert_eq!(hoa.get(&path).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            lan.get(&format!("{path}/file")).await.status(),
            StatusCode::NOT_FOUND
        );
        let audit = app.store.audit_recent(20).await.unwrap();
        for action in ["network.document_edit", "network.document_remove"] {
            assert!(audit.iter().any(|a| a.action == action), "{action}");
        }
    }
}

#[tokio::test]
async fn network_library_and_members_export_what_each_viewer_sees() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let hoa = network_browser(&app, &actor, "hue", "hoa").await;
        let lan = network_browser(&app, &actor, "da-lat", "lan").await;
        let da_lat = city(&app, "da-lat").await.0.to_string();
        let png = || Some(("tai-lieu.png", common::PNG.to_vec()));
        let private = [
            ("kind", "document"),
            ("title", "Riêng cho Đà Lạt"),
            ("audience", "cities"),
            ("city", da_lat.as_str()),
        ];
        upload(&hoa, &private, png()).await;
        let shared = [
            ("kind", "practice"),
            ("title", "=Thực hành chung"),
            ("audience", "all"),
        ];
        upload(&b, &shared, png()).await;

        // Quảng Ninh's export holds only what is for all; Đà Lạt's both.
        let ninh = network_browser(&app, &actor, "quang-ninh", "ninh").await;
        let r = ninh.get("/network/library.csv").await;
        assert_eq!(r.status(), StatusCode::OK);
        let rows = csv_rows(&r.bytes().await.unwrap());
        assert_eq!(rows.len(), 1, "{rows:?}");
        // A formula-like title is written as text, not as a formula.
        assert!(rows[0][2].ends_with("=Thực hành chung") && &rows[0][4] == "Hà Nội");
        let r = lan.get("/network/library.xlsx").await;
        assert_eq!(r.status(), StatusCode::OK);
        let rows = xlsx_rows(r.bytes().await.unwrap().to_vec());
        assert_eq!(rows[0][2], "Tiêu đề");
        let titles: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles.contains(&"Riêng cho Đà Lạt"));
        let r = rows.iter().find(|r| r[2] == "Riêng cho Đà Lạt").unwrap();
        assert_eq!((r[4].as_str(), r[5].as_str()), ("Huế", "Đà Lạt"));

        // The members: the department's list, each city with its people.
        let r = b.get("/network/members.csv").await;
        assert_eq!(r.status(), StatusCode::OK);
        let rows = csv_rows(&r.bytes().await.unwrap());
        let hue = rows.iter().find(|r| &r[0] == "Huế").expect("Huế");
        assert!(hue[2].contains("hoa <hoa@example.vn>") && hue[3].contains("(hoa)"));
        let r = b.get("/network/members.xlsx").await;
        let rows = xlsx_rows(r.bytes().await.unwrap().to_vec());
        assert_eq!(rows[0][0], "Thành phố");
        assert!(
            rows.iter()
                .any(|r| r[0] == "Đà Lạt" && r[3].contains("(lan)"))
        );
        // A city's account does not read the members list; Hanoi's partners nothing.
        for path in ["/network/members.csv", "/network/members.xlsx"] {
            assert_eq!(hoa.get(path).await.status(), StatusCode::FORBIDDEN);
        }
        let unit = app.unit_id("Tạp chí Kiến trúc").await;
        let partner = TestApp::user_browser(&app, "partner", &[Role::Partner], &[unit]).await;
        assert_eq!(
            partner.get("/network/library.csv").await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

/// The Board invites `person` of `city` (no mailer: the page shows the link); the link's
/// path and the page.
async fn invite(b: &TestApp, city: &str, person: &str) -> (String, String) {
    let csrf = b.csrf_from("/network/members").await;
    let form = [("_csrf", csrf.as_str()), ("city", city), ("person", person)];
    let page = text(b.post("/network/invitations", &form).await).await;
    let start = page.find("id=\"invite-link\">").expect(&page) + 17;
    let link = page[start..].split('<').next().unwrap().to_string();
    (
        link[link.find("/network/join/").unwrap()..].to_string(),
        page,
    )
}

#[tokio::test]
async fn network_invitation_sent_again_ends_the_earlier_link() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let person = focal_point(&app, &actor, "hue", "Trần Thu", "thu@hue.gov.vn").await;
        let c = city(&app, "hue").await.0.to_string();
        let p = person.0.to_string();
        let (first, page) = invite(&b, &c, &p).await;
        assert!(
            page.contains("Gửi lại thư mời"),
            "the button says it sends again"
        );
        // A week and a day later the link has expired: the page says so.
        app.clock.advance(chrono::Duration::days(8));
        let b = TestApp::user_browser(&app, "board2", &[Role::Board], &[]).await;
        let page = text(b.get("/network/members").await).await;
        assert!(page.contains("đã hết hạn"), "{page}");
        let thu = TestApp::new_browser(&app);
        assert_eq!(thu.get(&first).await.status(), StatusCode::GONE);
        // Sent again: the new link serves, the first one no more, one pending line.
        let (second, page) = invite(&b, &c, &p).await;
        assert_ne!(first, second);
        assert_eq!(page.matches("id=\"pending-").count(), 1, "{page}");
        assert_eq!(thu.get(&second).await.status(), StatusCode::OK);
        // Sent again while the second still serves: it stops at once.
        let (third, _) = invite(&b, &c, &p).await;
        assert_eq!(thu.get(&second).await.status(), StatusCode::GONE);
        assert_eq!(thu.get(&third).await.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn network_city_page_invites_its_focal_points() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let person = focal_point(&app, &actor, "hue", "Trần Thu", "thu@hue.gov.vn").await;
        let silent = focal_point(&app, &actor, "hue", "Lê Không Thư", "").await;
        let abroad = focal_point(&app, &actor, "bangkok", "Somchai", "s@bkk.go.th").await;
        let hue = city(&app, "hue").await;
        let page = text(b.get(&format!("/cities/{}", hue.0)).await).await;
        let button = |p: domain::PersonId| format!("id=\"invite-person-{}\"", p.0);
        assert!(page.contains(&button(person)), "{page}");
        assert!(!page.contains(&button(silent)), "no e-mail, no invitation");
        let bangkok = city(&app, "bangkok").await;
        let page = text(b.get(&format!("/cities/{}", bangkok.0)).await).await;
        assert!(
            !page.contains(&button(abroad)),
            "Bangkok is no city of the network"
        );
        // Staff read the page without the button.
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[]).await;
        let page = text(staff.get(&format!("/cities/{}", hue.0)).await).await;
        assert!(page.contains("Trần Thu") && !page.contains(&button(person)));
        // The button sends the invitation as the members page does.
        let (link, _) = invite(&b, &hue.0.to_string(), &person.0.to_string()).await;
        assert_eq!(
            TestApp::new_browser(&app).get(&link).await.status(),
            StatusCode::OK
        );
    }
}

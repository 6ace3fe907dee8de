//! The Vietnamese network space (issue 19, part 2) over HTTP, on both databases: the Board
//! invites Huế's focal point (the e-mail goes through a real SMTP exchange with a test
//! server), the link serves once and expires, a weak password is refused in Vietnamese,
//! the account reaches the network space and nothing of Hanoi's (403); the shared
//! calendar (posts, a Hanoi event shared, bad input beside its field, the ICS feed) and
//! the library addressed per city (another city's document 403, a too big file refused).

use super::common::{self, TestApp, csrf_of, spawn_app, spawn_app_with};
use super::scheduler::{body_of, smtp_server, subject_of};
use domain::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use store::NewNetworkInvitation;

/// The Vietnamese cities (and Bangkok) in the directory.
async fn cities(app: &TestApp, admin: &domain::Actor) {
    let csv = "city,creative_field,unesco_slug,unesco_url\n\
               Bangkok,Design,bangkok,https://www.unesco.org/en/creative-cities/bangkok\n";
    let rows =
        domain::cities::import::merge(domain::cities::import::parse_cities(csv).unwrap(), &[]);
    app.store.import_cities(&rows, admin).await.unwrap();
}

pub(super) async fn city(app: &TestApp, slug: &str) -> domain::CityId {
    let all = store::CityFilter {
        page: 1,
        per_page: 1000,
        ..Default::default()
    };
    let rows = app.store.list_cities(&all).await.unwrap().rows;
    rows.into_iter().find(|c| c.slug == slug).unwrap().id
}

/// A focal point of `slug`'s city (a person of the directory with an e-mail).
pub(super) async fn focal_point(
    app: &TestApp,
    board: &domain::Actor,
    slug: &str,
    name: &str,
    email: &str,
) -> domain::PersonId {
    let p = store::PersonInput {
        kind: Some(domain::PersonKind::Expert),
        name: name.into(),
        email: email.into(),
        ..Default::default()
    };
    let person = app.store.create_person(&p, board).await.unwrap();
    let c = city(app, slug).await;
    app.store
        .add_contact(Some(c), person, domain::ContactRole::FocalPoint, board)
        .await
        .unwrap();
    person
}

/// The Board's browser and actor, with the cities imported.
pub(super) async fn board(app: &TestApp) -> (TestApp, domain::Actor) {
    let b = TestApp::user_browser(app, "board", &[Role::Board], &[]).await;
    let actor = app
        .store
        .user_by_login("board")
        .await
        .unwrap()
        .unwrap()
        .actor();
    cities(app, &actor).await;
    (b, actor)
}

/// A signed-in network account of `slug`'s city, made through a sign-up link.
pub(super) async fn network_browser(
    app: &TestApp,
    board: &domain::Actor,
    slug: &str,
    login: &str,
) -> TestApp {
    let person = focal_point(app, board, slug, login, &format!("{login}@example.vn")).await;
    let hash = domain::password::sha256_hex(login.as_bytes());
    let inv = NewNetworkInvitation {
        city: city(app, slug).await,
        person,
        token_hash: hash.clone(),
        expires_at: common::test_now().timestamp() + 86_400,
    };
    app.store.invite_focal_point(&inv, board).await.unwrap();
    let pw = domain::password::hash_password(common::NEW_PASSWORD).unwrap();
    app.store
        .accept_network_invitation(&hash, login, &pw, domain::Language::Vi)
        .await
        .unwrap();
    let b = TestApp::new_browser(app);
    let r = b.sign_in(login, common::NEW_PASSWORD).await;
    assert_eq!(
        r.url().path(),
        "/network",
        "{login} lands in the network space"
    );
    b
}

pub(super) async fn text(r: reqwest::Response) -> String {
    r.text().await.unwrap()
}

#[tokio::test]
async fn network_board_invites_hue_who_signs_up_once_and_reaches_only_the_space() {
    for backend in common::backends().await {
        let (port, inbox) = smtp_server().await;
        let app = spawn_app_with(backend, |c| {
            let url = format!("smtp://127.0.0.1:{port}");
            c.mailer =
                Some(app::mail::Mailer::new(&url, "Sở VHTT <sangtao@hanoi.gov.vn>").unwrap());
            c.public_url = Some("https://sangtao.example.vn/".into());
        })
        .await;
        let (b, actor) = board(&app).await;
        let person = focal_point(&app, &actor, "hue", "Trần Thị Hoa", "hoa@hue.gov.vn").await;
        let hue = city(&app, "hue").await;
        let page = text(b.get("/network/members").await).await;
        assert!(
            page.contains("Huế") && page.contains("Trần Thị Hoa"),
            "{page}"
        );
        assert!(!page.contains("Bangkok"), "only Vietnam's cities");
        let csrf = csrf_of(&page);
        let (c, p) = (hue.0.to_string(), person.0.to_string());
        let form = [("_csrf", csrf.as_str()), ("city", &c), ("person", &p)];
        let r = b.post("/network/invitations", &form).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = text(r).await;
        assert!(page.contains("Đã gửi thư mời tới hoa@hue.gov.vn"), "{page}");
        assert!(
            !page.contains("/network/join/"),
            "the link goes by e-mail only"
        );
        let mail = inbox.lock().unwrap().clone();
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].to, ["hoa@hue.gov.vn"]);
        assert!(subject_of(&mail[0].data).contains("Mời tham gia không gian chung"));
        let body = body_of(&mail[0].data);
        let start = body
            .find("https://sangtao.example.vn/network/join/")
            .expect(&body);
        let link = body[start..].split_whitespace().next().unwrap();
        let path = link.trim_start_matches("https://sangtao.example.vn");
        assert_eq!(path.len(), "/network/join/".len() + 64, "{link}");

        // Staff may not invite; a city not of the network is refused in Vietnamese.
        let staff = TestApp::user_browser(&app, "staff", &[Role::Staff], &[]).await;
        let csrf = staff.csrf_from("/network/members").await;
        let form = [("_csrf", csrf.as_str()), ("city", &c), ("person", &p)];
        let r = staff.post("/network/invitations", &form).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // The focal point follows the link: a weak password, then a good one.
        let hoa = TestApp::new_browser(&app);
        let page = text(hoa.get(path).await).await;
        assert!(
            page.contains("Huế") && page.contains("Trần Thị Hoa"),
            "{page}"
        );
        let csrf = csrf_of(&page);
        let weak = [
            ("_csrf", csrf.as_str()),
            ("login", "hoa"),
            ("password", "123"),
            ("confirm", "123"),
        ];
        let r = hoa.post(path, &weak).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(r).await;
        assert!(page.contains("Mật khẩu mới phải có ít nhất"), "{page}");
        assert!(page.contains("value=\"hoa\""), "the login typed stays");
        let other = [
            ("_csrf", csrf.as_str()),
            ("login", "hoa"),
            ("password", "mat-khau-hue-2026"),
            ("confirm", "khac-han"),
        ];
        let page = text(hoa.post(path, &other).await).await;
        assert!(
            page.contains("Hai lần nhập mật khẩu mới không khớp nhau."),
            "{page}"
        );
        let taken = [
            ("_csrf", csrf.as_str()),
            ("login", "board"),
            ("password", "mat-khau-hue-2026"),
            ("confirm", "mat-khau-hue-2026"),
        ];
        let page = text(hoa.post(path, &taken).await).await;
        assert!(
            page.contains("Tên đăng nhập này đã có người dùng."),
            "{page}"
        );
        let good = [
            ("_csrf", csrf.as_str()),
            ("login", "hoa"),
            ("password", "mat-khau-hue-2026"),
            ("confirm", "mat-khau-hue-2026"),
        ];
        let r = hoa.post(path, &good).await;
        assert_eq!(r.url().path(), "/signin");
        assert!(text(r).await.contains("Đã tạo tài khoản Mạng lưới."));
        // Used: the link no longer serves.
        let r = hoa.get(path).await;
        assert_eq!(r.status(), StatusCode::GONE);
        assert!(
            text(r)
                .await
                .contains("Đường dẫn đăng ký này đã được dùng.")
        );
        let r = hoa.post(path, &good).await;
        assert_eq!(r.status(), StatusCode::GONE);
        let r = hoa.get("/network/join/khong-co").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);

        // Signed in, the home page is the network space, and Hanoi's pages are closed.
        let r = hoa.sign_in("hoa", "mat-khau-hue-2026").await;
        assert_eq!(r.url().path(), "/network");
        let page = text(r).await;
        assert!(page.contains("id=\"network-city\">Huế<"), "{page}");
        assert!(
            !page.contains("href=\"/plans\""),
            "no link to Hanoi's pages"
        );
        let item = app.item_id("Tham gia các phiên họp online").await.0;
        for closed in [
            format!("/items/{item}"),
            "/plans".into(),
            "/items".into(),
            "/budget".into(),
            "/dashboard".into(),
            "/cities".into(),
            format!("/cities/{}", hue.0),
            "/events".into(),
            "/search?q=hue".into(),
            "/network/members".into(),
            "/feeds".into(),
        ] {
            let r = hoa.get(&closed).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{closed}");
        }
        for open in [
            "/network",
            "/network/calendar",
            "/network/library",
            "/password",
        ] {
            let r = hoa.get(open).await;
            assert_eq!(r.status(), StatusCode::OK, "{open}");
        }
        let csrf = hoa.csrf_from("/network").await;
        let r = hoa
            .post(
                &format!("/items/{item}/status"),
                &[("_csrf", &csrf), ("version", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn network_link_without_a_mailer_is_shown_and_expires_after_seven_days() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let person = focal_point(&app, &actor, "da-lat", "Nguyễn Lan", "lan@dalat.gov.vn").await;
        let bangkok = city(&app, "bangkok").await;
        let csrf = b.csrf_from("/network/members").await;
        let p = person.0.to_string();
        // Bangkok is no city of the network: said in Vietnamese, nothing recorded.
        let abroad = bangkok.0.to_string();
        let r = b
            .post(
                "/network/invitations",
                &[("_csrf", &csrf), ("city", &abroad), ("person", &p)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            text(r)
                .await
                .contains("Chỉ các thành phố thành viên và ứng viên của Việt Nam")
        );
        let c = city(&app, "da-lat").await.0.to_string();
        let page = text(
            b.post(
                "/network/invitations",
                &[("_csrf", &csrf), ("city", &c), ("person", &p)],
            )
            .await,
        )
        .await;
        let start = page.find("id=\"invite-link\">").expect(&page) + "id=\"invite-link\">".len();
        let link = page[start..].split('<').next().unwrap();
        let path = &link[link.find("/network/join/").unwrap()..];
        let lan = TestApp::new_browser(&app);
        assert_eq!(lan.get(path).await.status(), StatusCode::OK);
        app.clock.advance(chrono::Duration::days(8));
        let r = lan.get(path).await;
        assert_eq!(r.status(), StatusCode::GONE);
        assert!(text(r).await.contains("Đường dẫn đăng ký này đã hết hạn."));
    }
}

#[tokio::test]
async fn network_calendar_posts_shares_and_feeds() {
    for backend in common::backends().await {
        let app = spawn_app(backend).await;
        let (b, actor) = board(&app).await;
        let hoa = network_browser(&app, &actor, "hue", "hoa").await;
        let csrf = hoa.csrf_from("/network/calendar").await;
        let bad = [
            ("_csrf", csrf.as_str()),
            ("title", "Tuần lễ ẩm thực Huế"),
            ("date", "31/02/2026"),
            ("start", "08:00"),
            ("end", "07:00"),
            ("place", "Đại Nội"),
        ];
        let r = hoa.post("/network/calendar", &bad).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = text(r).await;
        assert!(page.contains("Ngày không hợp lệ: 31/02/2026"), "{page}");
        assert!(
            page.contains("value=\"Tuần lễ ẩm thực Huế\""),
            "what was typed stays"
        );
        let mut good = bad;
        good[2].1 = "10/12/2026";
        let r = hoa.post("/network/calendar", &good).await;
        assert!(text(r).await.contains("Giờ kết thúc trước giờ bắt đầu."));
        good[4].1 = "17:00";
        let r = hoa.post("/network/calendar", &good).await;
        assert_eq!(r.url().query(), Some("month=2026-12"));
        let page = text(r).await;
        assert!(page.contains("Tuần lễ ẩm thực Huế") && page.contains("id=\"month-grid\""));

        // The Board shares a Hanoi event; staff may not.
        let unit = app.unit_id("Phòng Quản lý Di sản").await;
        let event = store::EventInput {
            title: "Diễn đàn thành phố sáng tạo".into(),
            ..sample_event(unit)
        };
        let ev = app.store.create_event(&event, &actor).await.unwrap();
        let csrf = b.csrf_from("/network/calendar").await;
        let page = text(b.get("/network/calendar").await).await;
        assert!(
            page.contains("Diễn đàn thành phố sáng tạo"),
            "offered to share"
        );
        let id = ev.0.to_string();
        let r = b
            .post(
                "/network/calendar/share",
                &[("_csrf", &csrf), ("event", &id)],
            )
            .await;
        assert_eq!(r.url().query(), Some("view=list"));
        let list = text(hoa.get("/network/calendar?view=list").await).await;
        assert!(
            list.contains("Diễn đàn thành phố sáng tạo") && list.contains("Tuần lễ ẩm thực Huế"),
            "{list}"
        );
        let csrf_h = hoa.csrf_from("/network").await;
        let r = hoa
            .post(
                "/network/calendar/share",
                &[("_csrf", &csrf_h), ("event", &id)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // The account's feed.
        let page = text(hoa.post("/network/feed", &[("_csrf", &csrf_h)]).await).await;
        let start = page.find("id=\"feed-url\">").expect(&page) + "id=\"feed-url\">".len();
        let url = page[start..].split('<').next().unwrap();
        let path = &url[url.find("/network/feed/").unwrap()..];
        let r = app.fresh_client().get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let ics = text(r).await;
        assert!(ics.contains("SUMMARY:Tuần lễ ẩm thực Huế"), "{ics}");
        assert!(ics.contains("SUMMARY:Diễn đàn thành phố sáng tạo"), "{ics}");
        // Read by a calendar parser, as a calendar program would: both events, each whole.
        let unfolded = icalendar::parser::unfold(&ics);
        let cal = icalendar::parser::read_calendar(&unfolded).expect("the feed parses");
        let summaries: Vec<String> = cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .inspect(|c| {
                for prop in ["UID", "DTSTART", "DTEND", "SUMMARY"] {
                    assert!(
                        c.properties.iter().any(|p| p.name.as_str() == prop),
                        "{prop} in {ics}"
                    );
                }
            })
            .flat_map(|c| c.properties.iter())
            .filter(|p| p.name.as_str() == "SUMMARY")
            .map(|p| p.val.as_str().to_string())
            .collect();
        assert!(
            summaries.iter().any(|s| s == "Tuần lễ ẩm thực Huế"),
            "{summaries:?}"
        );
        assert!(
            summaries.iter().any(|s| s == "Diễn đàn thành phố sáng tạo"),
            "{summaries:?}"
        );
        let r = app
            .fresh_client()
            .get(app.url("/network/feed/khong-co.ics"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
}

pub(super) fn sample_event(unit: domain::UnitId) -> store::EventInput {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let end = start + chrono::Duration::hours(3);
    store::EventInput {
        title: String::new(),
        kind: domain::EventKind::Forum,
        scope: domain::EventScope::SoutheastAsia,
        format: domain::EventFormat::Online,
        organiser: domain::Organiser::NetworkCity,
        organiser_name: "Huế".into(),
        topic: String::new(),
        times: domain::EventTimes::resolve("Asia/Ho_Chi_Minh", start, end).unwrap(),
        venue: String::new(),
        online_url: "https://meet.example.org/uccn".into(),
        lead_units: vec![unit],
        coordinating_units: vec![],
        items: vec![],
        status: domain::EventStatus::Planned,
    }
}

pub(super) async fn upload(
    b: &TestApp,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let csrf = b.csrf_from("/network/library").await;
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = file {
        form = form.part("file", Part::bytes(bytes).file_name(name.to_string()));
    }
    b.client
        .post(b.url(&format!("/network/library?_csrf={csrf}")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn network_library_is_addressed_per_city() {
    for backend in common::backends().await {
        let app = spawn_app_with(backend, |c| c.evidence_limit_bytes = 4_000).await;
        let (b, actor) = board(&app).await;
        let hoa = network_browser(&app, &actor, "hue", "hoa").await;
        let lan = network_browser(&app, &actor, "da-lat", "lan").await;
        let da_lat = city(&app, "da-lat").await.0.to_string();
        let png = || Some(("thuc-hanh.png", common::PNG.to_vec()));
        // For Đà Lạt only.
        let r = upload(
            &b,
            &[
                ("kind", "practice"),
                ("title", "Hồ sơ riêng Đà Lạt"),
                ("audience", "cities"),
                ("city", &da_lat),
            ],
            png(),
        )
        .await;
        assert_eq!(r.url().path(), "/network/library");
        let r = upload(
            &b,
            &[
                ("kind", "document"),
                ("title", "Hướng dẫn chung"),
                ("audience", "all"),
            ],
            png(),
        )
        .await;
        assert_eq!(r.url().path(), "/network/library");
        let docs = app
            .store
            .network_documents(domain::network::Viewer::Department { manage: true })
            .await
            .unwrap();
        let private = docs
            .iter()
            .find(|d| d.title == "Hồ sơ riêng Đà Lạt")
            .unwrap()
            .id;
        let shared = docs
            .iter()
            .find(|d| d.title == "Hướng dẫn chung")
            .unwrap()
            .id;
        let page = text(hoa.get("/network/library").await).await;
        assert!(
            page.contains("Hướng dẫn chung") && !page.contains("Hồ sơ riêng Đà Lạt"),
            "{page}"
        );
        let r = hoa.get(&format!("/network/library/{private}/file")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "another city's document");
        let r = hoa.get(&format!("/network/library/{shared}/file")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.bytes().await.unwrap().as_ref(), common::PNG);
        let r = lan.get(&format!("/network/library/{private}/file")).await;
        assert_eq!(r.status(), StatusCode::OK);
        // Hanoi's partners (a unit's) do not enter the space.
        let unit = app.unit_id("Tạp chí Kiến trúc").await;
        let partner = TestApp::user_browser(&app, "partner", &[Role::Partner], &[unit]).await;
        assert_eq!(
            partner.get("/network/library").await.status(),
            StatusCode::FORBIDDEN
        );

        // Bad input, each said in Vietnamese with what was typed kept.
        let r = upload(
            &hoa,
            &[("kind", "practice"), ("title", ""), ("audience", "all")],
            png(),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(r).await.contains("Hãy nhập tiêu đề."));
        let r = upload(
            &hoa,
            &[
                ("kind", "practice"),
                ("title", "Ẩm thực Huế"),
                ("audience", "cities"),
            ],
            png(),
        )
        .await;
        let page = text(r).await;
        assert!(
            page.contains("Hãy chọn ít nhất một thành phố")
                && page.contains("value=\"Ẩm thực Huế\""),
            "{page}"
        );
        let r = upload(
            &hoa,
            &[
                ("kind", "practice"),
                ("title", "Ẩm thực Huế"),
                ("audience", "all"),
            ],
            None,
        )
        .await;
        assert!(text(r).await.contains("Hãy chọn tệp."));
        let mut big = common::PNG.to_vec();
        big.resize(10_000, 0);
        let r = upload(
            &hoa,
            &[
                ("kind", "practice"),
                ("title", "Ẩm thực Huế"),
                ("audience", "all"),
            ],
            Some(("lon.png", big)),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text(r).await.contains("Tệp vượt quá dung lượng cho phép"));
        let r = upload(
            &hoa,
            &[
                ("kind", "practice"),
                ("title", "Ẩm thực Huế"),
                ("audience", "cities"),
                ("city", &da_lat),
            ],
            png(),
        )
        .await;
        assert_eq!(r.url().path(), "/network/library");
        // Huế's own entry for Đà Lạt: Huế and Đà Lạt see it.
        assert!(
            text(lan.get("/network/library").await)
                .await
                .contains("Ẩm thực Huế")
        );
        assert!(
            text(hoa.get("/network/library").await)
                .await
                .contains("Ẩm thực Huế")
        );
        // A form without its CSRF token changes nothing.
        let r = hoa
            .client
            .post(hoa.url("/network/library"))
            .multipart(Form::new().text("title", "x"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
}

//! What every browser test shares: a headless Chromium through chromedriver, and the few
//! gestures the tests make (sign in, type, click, wait).

use super::common::{NEW_PASSWORD, TestApp};
use fantoccini::{ClientBuilder, Locator};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

fn find_chromedriver() -> Option<String> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(|p| p.to_string())
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start_driver(path: &str) -> (Driver, u16) {
    let port = free_port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (driver, port)
}

pub async fn type_into(c: &fantoccini::Client, css: &str, text: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

pub async fn click(c: &fantoccini::Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits up to 15 s for an element: pages load through htmx or a full navigation.
pub async fn wait_for(c: &fantoccini::Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap();
}

/// A headless Chromium through chromedriver, or None (with a note) when they are not
/// installed and not required.
pub struct Browser {
    pub client: fantoccini::Client,
    _driver: Driver,
    pub profile: tempfile::TempDir,
}

pub async fn browser() -> Option<Browser> {
    let required = std::env::var("SANGTAO_REQUIRE_BROWSER").as_deref() == Ok("1");
    let driver_path = match (find_chromedriver(), std::path::Path::new(CHROMIUM).exists()) {
        (Some(p), true) => p,
        _ => {
            let why = "chromium or chromedriver is not installed (apt-get install chromium chromium-driver fonts-noto-core)";
            assert!(!required, "SANGTAO_REQUIRE_BROWSER=1 but {why}");
            eprintln!("note: browser test skipped: {why}");
            return None;
        }
    };
    // Three tries with a fresh driver and port: tests start drivers in parallel, and a port
    // found free can be taken by another test's driver before ours binds it.
    let mut tries = 0;
    let (client, driver, profile) = loop {
        tries += 1;
        let (driver, port) = start_driver(&driver_path).await;
        let profile = tempfile::tempdir().unwrap();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1200,900",
                    // As on a phone: the scrollbar takes no width (and no screenshot shows it).
                    "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }),
        );
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => break (client, driver, profile),
            Err(e) if tries < 3 => eprintln!("chromedriver on {port}: {e}; trying again"),
            Err(e) => panic!("connect to chromedriver: {e}"),
        }
    };
    Some(Browser {
        client,
        _driver: driver,
        profile,
    })
}

pub async fn sign_in(c: &fantoccini::Client, app: &TestApp, login: &str) {
    c.goto(&app.url("/signin")).await.unwrap();
    wait_for(c, "#login").await;
    type_into(c, "#login", login).await;
    type_into(c, "#password", NEW_PASSWORD).await;
    click(c, "#signin-submit").await;
    wait_for(c, "form[action='/signout']").await;
}

pub async fn sign_out(c: &fantoccini::Client) {
    click(c, "form[action='/signout'] button").await;
    wait_for(c, "#login").await;
}

pub async fn select(c: &fantoccini::Client, css: &str, value: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .select_by_value(value)
        .await
        .unwrap();
}

/// Waits up to 15 s until the element's text contains `text`.
pub async fn wait_for_text(c: &fantoccini::Client, css: &str, text: &str) {
    let start = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await
            && e.text().await.unwrap_or_default().contains(text)
        {
            return;
        }
        if start.elapsed() > Duration::from_secs(15) {
            let page = c.source().await.unwrap_or_default();
            let alerts: Vec<&str> = page
                .split("role=\"alert\"")
                .skip(1)
                .map(|s| s.split('<').next().unwrap_or(""))
                .collect();
            panic!("{css} never showed {text:?}; alerts on the page: {alerts:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A phone (390 × 844, an iPhone 12–15) and a laptop (1366 × 768).
pub const WIDTHS: [(u32, u32); 2] = [(390, 844), (1366, 768)];

/// Sets the window so that the page's viewport is `width` wide (headless Chromium has no
/// window frame), and checks it, since every measure below depends on it.
pub async fn set_width(c: &fantoccini::Client, (width, height): (u32, u32)) {
    let viewport = "return [document.documentElement.clientWidth, window.innerHeight];";
    let want = serde_json::json!([width, height]);
    let mut window = height;
    let mut inner = serde_json::Value::Null;
    // A resize lands a moment later on a busy machine: measure until it has, and add
    // back the frame the window's height counts and the viewport does not have.
    for _ in 0..30 {
        c.set_window_size(width, window).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
        inner = js(c, viewport).await;
        if inner == want {
            return;
        }
        let seen = inner[1].as_u64().unwrap_or(0) as u32;
        window = (window + height).saturating_sub(seen).max(height);
    }
    assert_eq!(inner, want, "the viewport is {width} × {height}");
}

/// Runs `script` (a function body) in the page.
pub async fn js(c: &fantoccini::Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.unwrap()
}

/// Opens `path` with a full navigation and waits for `ready`.
pub async fn open(c: &fantoccini::Client, app: &TestApp, path: &str, ready: &str) {
    c.goto(&app.url(path)).await.unwrap();
    wait_for(c, ready).await;
}

/// A server with the demo year (`sangtao dev demo`) in the built-in plan: long Vietnamese
/// titles, reports, events and grades on every main page. Two accounts: `board` (the
/// Board and an admin) and `unit` (staff of Phòng Quản lý Di sản, which leads most items).
pub async fn demo_app() -> TestApp {
    let app = super::common::spawn_app(super::common::Backend::Sqlite).await;
    let plan = domain::PlanId(app.plan_id().await);
    app::demo::run(&app.store, plan, "Minh-hoa-2025!")
        .await
        .expect("the demo loads into the built-in plan");
    let heritage = app.unit_id("Phòng Quản lý Di sản").await;
    use domain::Role::{Admin, Board, Staff};
    for (login, name, roles, units) in [
        ("board", "Vũ Minh Tuấn", vec![Board, Admin], vec![]),
        ("unit", "Ngô Thị Lan", vec![Staff], vec![heritage]),
    ] {
        app.store
            .create_user(store::NewUser {
                login: login.into(),
                display_name: name.into(),
                password_hash: domain::password::hash_password(NEW_PASSWORD).unwrap(),
                must_change_password: false,
                language: domain::Language::Vi,
                roles,
                unit_ids: units,
            })
            .await
            .unwrap();
    }
    app
}

/// A main page: a short name (for screenshots), its address, and an element that shows
/// it has loaded.
pub struct Page {
    pub name: &'static str,
    pub path: String,
    pub ready: &'static str,
    /// What a screenshot shows at its top: the page's top ("body"), or its content past
    /// the filters.
    pub shot: &'static str,
}

/// The month of the demo with the most events: three online sessions and the annual
/// conference in France.
pub const DEMO_MONTH: &str = "2025-09";

/// The main pages the Board sees on the demo year ("Việc của tôi" of a unit is
/// [`unit_home`]).
pub async fn board_pages(app: &TestApp) -> Vec<Page> {
    let plan = app.plan_id().await;
    let item = app.item_id("Tham gia các phiên họp online").await;
    let report = app.store.item_reports(item).await.unwrap()[0].report_id;
    let event = app
        .store
        .list_events(&store::EventFilter {
            limit: 5000,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.title.starts_with("Hội nghị thường niên"))
        .expect("the demo's conference")
        .id
        .0;
    vec![
        page("home", "/".into(), "main h1"),
        page("plan", format!("/plans/{plan}"), "#plan-tree"),
        page("items", "/items".into(), "table.items-table"),
        page("item", format!("/items/{}", item.0), "#status"),
        page(
            "calendar",
            format!("/events?month={DEMO_MONTH}"),
            "#month-grid",
        ),
        page("events-list", "/events?view=list".into(), "#event-list"),
        page("event", format!("/events/{event}"), "main h1"),
        page("dashboard", format!("/dashboard?plan={plan}"), "#progress"),
        page("report", format!("/reports/{report}"), "main h1"),
        page(
            "official-report",
            format!("/plans/{plan}/official-report"),
            "main h1",
        ),
        page("emails", "/admin/emails".into(), "#unit-emails"),
    ]
}

/// "Việc của tôi" of a unit's staff member.
pub fn unit_home() -> Page {
    page("my-work", "/".into(), "main h1")
}

fn page(name: &'static str, path: String, ready: &'static str) -> Page {
    let shot = match name {
        "items" => "#summary",
        "calendar" => ".ev-monthnav",
        "events-list" => "#event-list",
        _ => "body",
    };
    Page {
        name,
        path,
        ready,
        shot,
    }
}

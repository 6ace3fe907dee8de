//! Test helpers: a real server per test on 127.0.0.1:0 with its own database.
#![allow(dead_code)]

use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Client, Response};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use store::Store;
use web::{AppState, WebConfig};

pub const SEED: &str = include_str!("../../../sangtao/seed/hanoi-2025-uccn.txt");
pub const NEW_PASSWORD: &str = "mat-khau-moi-2025";

/// A valid 1×1 PNG (for evidence uploads).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x00, 0x02, 0x00,
    0x00, 0x05, 0x00, 0x01, 0x7A, 0x5E, 0xAB, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
    0xAE, 0x42, 0x60, 0x82,
];

#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

/// SQLite always; PostgreSQL when SANGTAO_TEST_PG_URL is set (required with SANGTAO_REQUIRE_PG=1).
pub async fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    match std::env::var("SANGTAO_TEST_PG_URL")
        .ok()
        .filter(|v| !v.is_empty())
    {
        Some(url) => out.push(Backend::Postgres(url)),
        None => {
            if std::env::var("SANGTAO_REQUIRE_PG").as_deref() == Ok("1") {
                panic!("SANGTAO_REQUIRE_PG=1 but SANGTAO_TEST_PG_URL is not set");
            }
            eprintln!(
                "note: PostgreSQL part skipped: set SANGTAO_TEST_PG_URL=postgres://… to run it"
            );
        }
    }
    out
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A new, empty PostgreSQL database next to the one `base` names.
pub async fn fresh_pg_database(base: &str) -> String {
    use sqlx::Connection;
    use sqlx::Executor;
    let name = format!(
        "sangtao_web_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut conn = sqlx::PgConnection::connect(base)
        .await
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {base}: {e}"));
    static SWEPT: std::sync::Once = std::sync::Once::new();
    if !SWEPT.is_completed() {
        sweep_leftovers(&mut conn, base).await;
        SWEPT.call_once(|| ());
    }
    conn.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name}"
    ))))
    .await
    .expect("CREATE DATABASE");
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (base, String::new()),
    };
    let prefix = head.rsplit_once('/').map(|(p, _)| p).unwrap_or(head);
    format!("{prefix}/{name}{query}")
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: Client,
    pub jar: Arc<Jar>,
    pub admin_password: String,
    pub store: Store,
    /// The server's clock: it stands at [`test_now`] until a test moves it.
    pub clock: Arc<domain::ManualClock>,
    pub backend: Backend,
    pub data_dir: std::path::PathBuf,
    _dir: Arc<tempfile::TempDir>,
    _pg: Option<Arc<PgDatabase>>,
}

/// Drops the test's PostgreSQL database when the last handle goes.
pub struct PgDatabase {
    base: String,
    name: String,
}

impl Drop for PgDatabase {
    /// Hands the database to [`dropper`] and returns at once: `DROP DATABASE … WITH (FORCE)`
    /// took 2–16 s while the app's connections were being ended, and waiting for it here
    /// blocked the test's runtime for that long.
    fn drop(&mut self) {
        let _ = dropper().send((self.base.clone(), self.name.clone()));
    }
}

/// One thread, with its own runtime, that drops the databases it is sent, one at a time.
/// Databases still queued when the test binary exits are dropped by the next run's
/// [`sweep_leftovers`].
fn dropper() -> std::sync::mpsc::Sender<(String, String)> {
    static SENDER: std::sync::OnceLock<std::sync::mpsc::Sender<(String, String)>> =
        std::sync::OnceLock::new();
    SENDER
        .get_or_init(|| {
            let (tx, rx) = std::sync::mpsc::channel::<(String, String)>();
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                for (base, name) in rx {
                    rt.block_on(drop_database(&base, &name));
                }
            });
            tx
        })
        .clone()
}

async fn drop_database(base: &str, name: &str) {
    use sqlx::{Connection, Executor};
    if let Ok(mut conn) = sqlx::PgConnection::connect(base).await {
        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = conn.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(sql))).await;
    }
}

/// Drops the test databases of test processes that are no longer running (their names
/// carry the process id): those a run's [`dropper`] had not reached when it exited.
async fn sweep_leftovers(conn: &mut sqlx::PgConnection, base: &str) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'sangtao_web_%'")
            .fetch_all(&mut *conn)
            .await
            .unwrap_or_default();
    for name in names {
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists()) {
            let _ = dropper().send((base.to_string(), name));
        }
    }
}

/// The instant every test server starts at (Monday 16/11/2026, 10:00 in Hanoi), so that
/// no test depends on the day it runs. Tests of dates move `TestApp::clock`.
pub fn test_now() -> chrono::DateTime<chrono::Utc> {
    "2026-11-16T03:00:00Z".parse().expect("a valid instant")
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut WebConfig)) -> TestApp {
    start(backend, configure, std::future::pending()).await.0
}

/// A server that stops when told (`web::serve`'s graceful shutdown).
pub struct Stop {
    /// Sending (or dropping) starts the shutdown.
    pub signal: tokio::sync::oneshot::Sender<()>,
    /// Completes when the server has stopped.
    pub served: tokio::task::JoinHandle<std::io::Result<()>>,
}

pub async fn spawn_stoppable_app(backend: Backend) -> (TestApp, Stop) {
    let (signal, stop) = tokio::sync::oneshot::channel::<()>();
    let (app, served) = start(backend, |_| {}, async move {
        let _ = stop.await;
    })
    .await;
    (app, Stop { signal, served })
}

async fn start(
    backend: Backend,
    configure: impl FnOnce(&mut WebConfig),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> (TestApp, tokio::task::JoinHandle<std::io::Result<()>>) {
    let dir = tempfile::tempdir().unwrap();
    let mut pg = None;
    let url = match &backend {
        Backend::Sqlite => format!("sqlite://{}", dir.path().join("test.db").display()),
        Backend::Postgres(base) => {
            let url = fresh_pg_database(base).await;
            let name = url
                .rsplit('/')
                .next()
                .unwrap()
                .split('?')
                .next()
                .unwrap()
                .to_string();
            pg = Some(Arc::new(PgDatabase {
                base: base.clone(),
                name,
            }));
            url
        }
    };
    let clock = domain::ManualClock::shared(test_now());
    let store = Store::connect_with_clock(&url, clock.clone())
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    let seed = vanban::parse_text(SEED);
    let sha = domain::password::sha256_hex(SEED.as_bytes());
    let boot = store
        .bootstrap(&seed, "hanoi-2025-uccn.txt", &sha)
        .await
        .expect("bootstrap")
        .expect("an empty database is seeded");
    let mut cfg = WebConfig {
        data_dir: dir.path().to_path_buf(),
        ..WebConfig::default()
    };
    configure(&mut cfg);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(store.clone(), cfg);
    let served = tokio::spawn(web::serve(listener, state, shutdown));
    let jar = Arc::new(Jar::default());
    let app = TestApp {
        addr,
        client: client_with(jar.clone()),
        jar,
        admin_password: boot.one_time_password,
        store,
        clock,
        backend,
        data_dir: dir.path().to_path_buf(),
        _dir: Arc::new(dir),
        _pg: pg,
    };
    (app, served)
}

fn client_with(jar: Arc<Jar>) -> Client {
    Client::builder().cookie_provider(jar).build().unwrap()
}

/// The value of the first `_csrf` field on a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no _csrf field in {html}"))
        + marker.len();
    html[start..start + 64].to_string()
}

/// The one-time password shown once on an admin page.
pub fn otp_of(html: &str) -> String {
    let marker = "id=\"one-time-password\">";
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no one-time password in {html}"))
        + marker.len();
    html[start..].split('<').next().unwrap().to_string()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Another browser (own cookies) on the same server.
    pub fn new_browser(app: &TestApp) -> TestApp {
        let jar = Arc::new(Jar::default());
        TestApp {
            addr: app.addr,
            client: client_with(jar.clone()),
            jar,
            admin_password: app.admin_password.clone(),
            store: app.store.clone(),
            clock: app.clock.clone(),
            backend: app.backend.clone(),
            data_dir: app.data_dir.clone(),
            _dir: app._dir.clone(),
            _pg: app._pg.clone(),
        }
    }

    /// A client without cookies.
    pub fn fresh_client(&self) -> Client {
        Client::new()
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Response {
        self.client
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn csrf_from(&self, path: &str) -> String {
        csrf_of(&self.get(path).await.text().await.unwrap())
    }

    pub async fn sign_in(&self, login: &str, password: &str) -> Response {
        let csrf = self.csrf_from("/signin").await;
        self.post(
            "/signin",
            &[("_csrf", &csrf), ("login", login), ("password", password)],
        )
        .await
    }

    /// The Set-Cookie header of a successful sign-in (on a separate cookie jar).
    pub async fn raw_sign_in_cookie(&self, login: &str, password: &str) -> String {
        let jar = Arc::new(Jar::default());
        let c = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = c
            .get(self.url("/signin"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = csrf_of(&page);
        let r = c
            .post(self.url("/signin"))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("login", login),
                ("password", password),
            ])
            .send()
            .await
            .unwrap();
        r.headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .find(|v| v.starts_with("sangtao_session="))
            .unwrap_or_else(|| panic!("no session cookie: {:?}", r.headers()))
    }

    pub async fn sign_out(&self) {
        let csrf = self.csrf_from("/plans").await;
        let r = self.post("/signout", &[("_csrf", &csrf)]).await;
        assert_eq!(r.url().path(), "/signin");
    }

    /// Signs in as admin with the one-time password and sets [`NEW_PASSWORD`].
    pub async fn sign_in_ready(&self) {
        let r = self.sign_in("admin", &self.admin_password).await;
        assert_eq!(r.url().path(), "/password", "forced change first");
        let csrf = self.csrf_from("/password").await;
        let r = self
            .post(
                "/password",
                &[
                    ("_csrf", &csrf),
                    ("current", &self.admin_password),
                    ("new", NEW_PASSWORD),
                    ("confirm", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.url().path(), "/");
    }

    pub async fn switch_language(&self, lang: &str) {
        let page = self.get("/signin").await.text().await.unwrap();
        let csrf = csrf_of(&page);
        let r = self
            .post(
                "/lang",
                &[("_csrf", &csrf), ("lang", lang), ("next", "/signin")],
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
        let cookies = self.jar.cookies(&self.url("/").parse().unwrap());
        assert!(
            cookies
                .unwrap()
                .to_str()
                .unwrap()
                .contains(&format!("sangtao_lang={lang}"))
        );
    }

    /// Creates a user through the admin page; returns the one-time password shown.
    pub async fn create_user(&self, login: &str, name: &str, role: &str, unit: i64) -> String {
        let csrf = self.csrf_from("/admin/users").await;
        let unit = unit.to_string();
        let r = self
            .post(
                "/admin/users",
                &[
                    ("_csrf", &csrf),
                    ("login", login),
                    ("display_name", name),
                    ("role", role),
                    ("unit", &unit),
                ],
            )
            .await;
        assert_eq!(r.status(), reqwest::StatusCode::OK);
        otp_of(&r.text().await.unwrap())
    }

    /// A user created in the store (password already chosen), signed in on a browser of
    /// their own.
    pub async fn user_browser(
        app: &TestApp,
        login: &str,
        roles: &[domain::Role],
        units: &[domain::UnitId],
    ) -> TestApp {
        app.store
            .create_user(store::NewUser {
                login: login.into(),
                display_name: format!("Người dùng {login}"),
                password_hash: domain::password::hash_password(NEW_PASSWORD).unwrap(),
                must_change_password: false,
                language: domain::Language::Vi,
                roles: roles.to_vec(),
                unit_ids: units.to_vec(),
            })
            .await
            .unwrap();
        let b = TestApp::new_browser(app);
        let r = b.sign_in(login, NEW_PASSWORD).await;
        assert_eq!(r.url().path(), "/", "{login} signed in");
        b
    }

    /// The id of the unit whose name starts with `prefix`.
    pub async fn unit_id(&self, prefix: &str) -> domain::UnitId {
        self.store
            .list_units()
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.name.starts_with(prefix))
            .unwrap_or_else(|| panic!("no unit {prefix}"))
            .id
    }

    /// The first item of the seed plan whose title starts with `prefix`.
    pub async fn item_id(&self, prefix: &str) -> domain::ItemId {
        let plan = self
            .store
            .plan(domain::PlanId(self.plan_id().await))
            .await
            .unwrap()
            .unwrap();
        plan.items
            .iter()
            .flat_map(|r| r.walk())
            .find(|n| n.item.title.starts_with(prefix))
            .unwrap_or_else(|| panic!("no item {prefix}"))
            .item
            .id
    }

    /// Sets an item's dates through its details form (dd/mm/yyyy), as its lead unit or
    /// the Board would; the form answers 200.
    pub async fn set_item_dates(&self, item: domain::ItemId, start: &str, due: &str) {
        let it = self.store.item_tracking(item).await.unwrap().unwrap();
        let path = format!("/items/{}", item.0);
        let csrf = self.csrf_from(&path).await;
        let version = it.version.to_string();
        let r = self
            .post(
                &format!("{path}/details"),
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", &version),
                    ("title", &it.title),
                    ("text", &it.text),
                    ("start", start),
                    ("due", due),
                ],
            )
            .await;
        assert_eq!(r.status(), reqwest::StatusCode::OK, "the dates are saved");
    }

    pub async fn plan_id(&self) -> i64 {
        self.store.list_plans().await.unwrap()[0].id.0
    }
}

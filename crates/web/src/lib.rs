//! sangtao's web interface.
//!
//! One module per resource. Every page goes through [`session::context`], which loads the
//! session once, checks CSRF on every non-GET request and renders error pages in the
//! user's language. Handlers return a partial (the inside of `<main>`) to htmx requests and
//! a full page otherwise.

pub mod admin;
pub mod assets;
pub mod audit;
pub mod auth;
pub mod budget;
pub mod candidacies;
pub mod charts;
pub mod cities;
pub mod client_addr;
pub mod conflict;
pub mod csrf;
pub mod directions;
pub mod errors;
pub mod events;
pub mod evidence;
pub mod extract;
pub mod field_errors;
pub mod form;
pub mod hashing;
pub mod health;
pub mod i18n;
pub mod import;
pub mod items;
pub mod media;
pub mod my_work;
// The Vietnamese network space (issue 19, part 2).
pub mod network;
pub mod once;
pub mod oversight;
pub mod page;
pub mod pager;
pub mod plan_metadata;
pub mod plan_picker;
pub mod plans;
pub mod progress;
// The public site (issue 18): no session, its own layout.
pub mod public;
// Publishing on the public site, and the creative spaces' catalogue (issue 18).
pub mod publishing;
pub mod report_review;
mod row_state;
pub mod search;
pub mod server;
pub mod session;
pub mod spaces;
pub mod units;
pub mod upload_text;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::routing::{get, post};
use std::sync::Arc;
use std::time::Duration;
use store::Store;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use server::{serve, shutdown_signal};

/// Web settings chosen by the binary.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Add `Secure` to cookies (needs https). Off by default: intranets often serve plain http.
    pub cookie_secure: bool,
    /// Idle lifetime of a session.
    pub session_ttl: chrono::Duration,
    pub request_timeout: Duration,
    pub body_limit_bytes: usize,
    /// Where evidence files are kept (`<data_dir>/evidence/…`).
    pub data_dir: std::path::PathBuf,
    /// Largest evidence file, in bytes.
    pub evidence_limit_bytes: u64,
    /// Uploads may take longer than other requests on a slow line.
    pub upload_timeout: Duration,
    /// Most rows one CSV/XLSX export writes (the file then says it was cut).
    pub export_max_rows: usize,
    /// Password hashes (argon2id, 19 MiB each) that may run at once; 0 refuses them all.
    pub hash_permits: usize,
    /// How long a sign-in waits for a free hash before the answer is 429 (busy).
    pub hash_wait: Duration,
    /// Failed sign-ins allowed from one address (any login) within the throttle window.
    pub address_max_failures: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`client_addr`); none by
    /// default: the header is ignored and the direct peer is the client.
    pub trusted_proxies: Vec<client_addr::IpNet>,
    /// A connection must send a whole request head within this long of opening, and again
    /// within this long of each answer: it bounds half-sent requests and idle keep-alive
    /// connections alike ([`server`]).
    pub header_read_timeout: Duration,
    /// Connections served at once; beyond them, new ones wait in the listen queue until one
    /// closes ([`server`]).
    pub max_connections: usize,
    /// An answer whose client has read nothing of it for this long is abandoned and its
    /// connection closed ([`server`]); a slow reader that keeps reading is never cut off.
    pub write_stall_timeout: Duration,
    /// The network space's invitations (issue 19) go out through this mailer when set;
    /// without one, the Board is shown the sign-up link to pass on.
    pub mailer: Option<app::mail::Mailer>,
    /// The address people reach the server at (`public_url`), for links in e-mails;
    /// without it, the request's Host.
    pub public_url: Option<String>,
}

/// Files one upload request may carry.
pub const MAX_FILES_PER_UPLOAD: u64 = 10;

/// The Content-Security-Policy of every response (issue 14, finding 10).
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            cookie_secure: false,
            session_ttl: chrono::Duration::hours(12),
            request_timeout: Duration::from_secs(30),
            body_limit_bytes: 2 * 1024 * 1024,
            data_dir: std::path::PathBuf::from("sangtao-data"),
            evidence_limit_bytes: store::evidence_store::DEFAULT_LIMIT,
            upload_timeout: Duration::from_secs(30 * 60),
            export_max_rows: 200_000,
            hash_permits: hashing::default_permits(),
            hash_wait: Duration::from_secs(2),
            address_max_failures: domain::signin::MAX_ADDRESS_FAILURES,
            trusted_proxies: Vec::new(),
            header_read_timeout: Duration::from_secs(10),
            max_connections: 4096,
            write_stall_timeout: Duration::from_secs(60),
            mailer: None,
            public_url: None,
        }
    }
}

pub struct Inner {
    pub store: Store,
    pub config: WebConfig,
    pub evidence: store::evidence_store::EvidenceStore,
    pub hashing: hashing::HashGate,
}

/// Shared application state (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl AppState {
    pub fn new(store: Store, config: WebConfig) -> AppState {
        let evidence = store::evidence_store::EvidenceStore::new(
            config.data_dir.clone(),
            config.evidence_limit_bytes,
        );
        // Uploads cut off by a crash left part files; a day is far beyond any upload.
        let swept = evidence.sweep_partials(std::time::Duration::from_secs(86_400));
        if swept > 0 {
            tracing::info!(swept, "removed upload leftovers from evidence/tmp");
        }
        let hashing = hashing::HashGate::new(config.hash_permits, config.hash_wait);
        AppState(Arc::new(Inner {
            store,
            config,
            evidence,
            hashing,
        }))
    }
    pub fn store(&self) -> &Store {
        &self.0.store
    }
    pub fn config(&self) -> &WebConfig {
        &self.0.config
    }
    pub fn evidence(&self) -> &store::evidence_store::EvidenceStore {
        &self.0.evidence
    }
    /// The bound on password hashing ([`hashing::HashGate`]).
    pub fn hashing(&self) -> &hashing::HashGate {
        &self.0.hashing
    }
    /// The store's clock: pages, sessions and the scheduler read the same time.
    pub fn clock(&self) -> &domain::SharedClock {
        self.0.store.clock()
    }
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock().now()
    }
    /// Today in Hanoi.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock().today()
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let cfg = state.config().clone();
    let pages = Router::new()
        .route("/", get(my_work::page))
        .route("/signin", get(auth::signin_page).post(auth::signin))
        .route("/signout", post(auth::signout))
        .route(
            "/password",
            get(auth::password_page).post(auth::change_password),
        )
        .route("/lang", post(auth::switch_language))
        .route("/plans", get(plans::list))
        .route("/plans/{id}", get(plans::show))
        .merge(items::routes())
        .merge(audit::routes())
        .merge(progress::routes())
        .merge(report_review::routes())
        .merge(oversight::routes())
        .merge(directions::routes())
        .merge(budget::routes())
        .route("/evidence/{id}", get(evidence::download))
        .route("/search", get(search::page))
        .route("/units", get(units::list))
        .route("/units/{id}", get(units::show))
        .merge(admin::routes())
        .merge(import::routes())
        .merge(plan_metadata::routes())
        .merge(events::routes())
        .merge(media::routes())
        .merge(cities::routes())
        .merge(candidacies::routes())
        .merge(network::routes())
        .merge(publishing::routes())
        .merge(spaces::routes())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            cfg.request_timeout,
        ));
    // Uploads stream to disk: a larger body limit (each file is checked against the
    // evidence limit as it arrives) and a longer time-out.
    let upload_body_limit = usize::try_from(
        cfg.evidence_limit_bytes
            .saturating_mul(MAX_FILES_PER_UPLOAD)
            .saturating_add(1024 * 1024),
    )
    .unwrap_or(usize::MAX);
    let uploads = progress::upload_routes()
        .merge(import::upload_routes())
        .merge(directions::upload_routes())
        .merge(budget::upload_routes())
        .merge(events::upload_routes())
        .merge(media::upload_routes())
        .merge(cities::upload_routes())
        .merge(candidacies::upload_routes())
        .merge(network::upload_routes())
        .layer(axum::extract::DefaultBodyLimit::max(upload_body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            cfg.upload_timeout,
        ));
    let pages = pages.merge(uploads).fallback(errors::not_found).layer(
        axum::middleware::from_fn_with_state(state.clone(), session::context),
    );
    // The public site: outside the session's middleware, so that it reads and sets no
    // cookie and answers everyone alike.
    let public = public::routes().layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        cfg.request_timeout,
    ));
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/static/{*path}", get(assets::serve))
        .merge(public)
        .merge(pages)
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        // Scripts only from the app's own files (no inline script, no eval: htmx is
        // configured with allowEval false); inline style attributes stay allowed for the
        // bars' widths, which carry no script.
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(CompressionLayer::new())
        .layer(axum::extract::DefaultBodyLimit::max(cfg.body_limit_bytes))
        // One line per request at INFO: method, path, status, latency.
        .layer(
            TraceLayer::new_for_http()
                // The path only: upload forms carry the CSRF token in the query string,
                // and tokens do not belong in logs.
                .make_span_with(|req: &axum::http::Request<_>| {
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

//! `sangtao serve`: lock, connect, migrate, seed an empty database, serve until SIGTERM.

use super::{ensure_data_dir, open_store, runtime};
use crate::config::Settings;
use anyhow::Context;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The built-in plan: Hanoi's 2025 UNESCO Creative Cities plan.
pub const SEED_TEXT: &str = include_str!("../../seed/hanoi-2025-uccn.txt");
pub const SEED_NAME: &str = "hanoi-2025-uccn.txt";

/// An exclusive lock beside the SQLite file, held for the server's lifetime, so that a
/// second server on the same file stops with a clear message.
pub struct ServerLock {
    _file: File,
}

pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

pub fn take_lock(db: &Path) -> anyhow::Result<ServerLock> {
    let path = lock_path(db);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| anyhow::anyhow!("cannot open the lock file {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let who = if holder.is_empty() {
                "another process".to_string()
            } else {
                holder.to_string()
            };
            anyhow::bail!(
                "another sangtao server ({who}) is already using the database {} (lock file {}). \
                 Stop that server first, or give this one a different --data-dir.",
                db.display(),
                path.display()
            );
        }
        Err(std::fs::TryLockError::Error(e)) => {
            anyhow::bail!("cannot lock {}: {e}", path.display())
        }
    }
    file.set_len(0)?;
    file.rewind()?;
    write!(file, "sangtao process {}", std::process::id())?;
    file.flush()?;
    Ok(ServerLock { _file: file })
}

/// The address to print: an unspecified IP (0.0.0.0) is shown as localhost.
pub fn browse_url(addr: std::net::SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() => "127.0.0.1".to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    format!("http://{host}:{}/", addr.port())
}

/// On an empty database: imports the built-in plan with its units, saves the Hanoi
/// department's profile and creates the admin,
/// printing the one-time password once. Does nothing on a database with data.
pub async fn bootstrap(store: &store::Store, url: &str) -> anyhow::Result<()> {
    let seed = vanban::parse_text(SEED_TEXT);
    let sha = domain::password::sha256_hex(SEED_TEXT.as_bytes());
    let boot = store
        .bootstrap(&seed, SEED_NAME, &sha)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("cannot prepare the empty database")?;
    if let Some(b) = boot {
        // The department this build is made for: the report's header, symbol and place
        // until an admin edits them (/admin/department).
        store
            .set_department(0, &domain::Department::hanoi(), None)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("cannot save the department's profile")?;
        println!(
            "sangtao: cơ sở dữ liệu mới đã sẵn sàng / new database ready (kế hoạch / plan #{})",
            b.plan_id
        );
        println!("  Mở / Open:                          {url}");
        println!("  Tên đăng nhập / Login:              {}", b.admin_login);
        println!(
            "  Mật khẩu dùng một lần / One-time password: {}",
            b.one_time_password
        );
        println!(
            "  (chỉ hiện một lần; phải đổi khi đăng nhập lần đầu / shown once; must be changed at first sign-in)"
        );
    }
    Ok(())
}

/// Applies the configured reminder rules and starts the reminder scheduler (unless its
/// interval is 0). Returns the handle to stop it.
async fn start_scheduler(
    settings: &Settings,
    store: &store::Store,
    url: &str,
) -> anyhow::Result<
    Option<(
        tokio::sync::oneshot::Sender<()>,
        tokio::task::JoinHandle<()>,
    )>,
> {
    use app::mail::Mailer;
    use app::scheduler::{SchedulerConfig, run};
    if let Some(rules) = &settings.reminder_rules {
        store
            .set_reminder_rules(rules, None)
            .await
            .map_err(|e| anyhow::anyhow!("cannot set the reminder rules: {e}"))?;
    }
    if settings.reminder_interval_secs == 0 {
        tracing::info!("reminder scheduler off (reminder_interval_secs = 0)");
        return Ok(None);
    }
    let mailer = match &settings.smtp_url {
        Some(u) => Some(Mailer::new(u, &settings.mail_from).map_err(|e| anyhow::anyhow!(e))?),
        None => None,
    };
    tracing::info!(
        email = mailer.is_some(),
        every_secs = settings.reminder_interval_secs,
        "reminder scheduler started"
    );
    let cfg = SchedulerConfig {
        interval: std::time::Duration::from_secs(settings.reminder_interval_secs),
        policy: domain::oversight::ReminderPolicy::default(),
        mailer,
        public_url: settings
            .public_url
            .clone()
            .unwrap_or_else(|| url.trim_end_matches('/').to_string()),
        texts: web::i18n::vi_text,
    };
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let store = store.clone();
    let task = tokio::spawn(run(store, cfg, async move {
        let _ = rx.await;
    }));
    Ok(Some((tx, task)))
}

/// Files the process keeps open beside its connections: the listener, the database pool
/// (up to 10 PostgreSQL connections, or SQLite's database, journal and lock files), the
/// server lock, the logs, the runtime's own descriptors.
const RESERVED_FILES: u64 = 64;

/// The connections an open-file limit leaves room for: each may hold its socket and one
/// file (an evidence upload or download), beside [`RESERVED_FILES`].
fn connections_within(open_files: u64) -> usize {
    usize::try_from(open_files.saturating_sub(RESERVED_FILES) / 2)
        .unwrap_or(usize::MAX)
        .max(1)
}

/// Raises the soft limit on open files to the hard limit and returns the limit in force.
/// Each connection is a file: under systemd's default soft limit of 1,024, 1,129 idle
/// connections made `/healthz` time out (issue 14, finding 5), while its default hard limit
/// (524,288) leaves room for far more.
#[cfg(target_os = "linux")]
fn raise_open_file_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        let e = std::io::Error::last_os_error();
        tracing::warn!(error = %e, "cannot read the open-file limit");
        return None;
    }
    let before = limit.rlim_cur;
    if limit.rlim_max > limit.rlim_cur {
        let raised = libc::rlimit {
            rlim_cur: limit.rlim_max,
            rlim_max: limit.rlim_max,
        };
        // SAFETY: setrlimit only reads the struct it is given.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            limit.rlim_cur = limit.rlim_max;
        } else {
            let e = std::io::Error::last_os_error();
            tracing::warn!(error = %e, hard = limit.rlim_max, "cannot raise the open-file limit");
        }
    }
    tracing::info!(
        open_files = limit.rlim_cur,
        raised_from = before,
        "open-file limit"
    );
    Some(limit.rlim_cur)
}

#[cfg(not(target_os = "linux"))]
fn raise_open_file_limit() -> Option<u64> {
    None
}

/// `max_connections`, lowered to what the open-file limit leaves room for, with a warning:
/// beyond it `accept` fails with "too many open files" and `/healthz` goes unanswered.
fn connection_limit(wanted: usize, open_files: Option<u64>) -> usize {
    let Some(open_files) = open_files else {
        return wanted;
    };
    let room = connections_within(open_files);
    if wanted <= room {
        return wanted;
    }
    tracing::warn!(
        max_connections = wanted,
        open_files,
        lowered_to = room,
        "max_connections is more than the open-file limit leaves room for (two files a \
         connection, {RESERVED_FILES} for the rest): raise the limit (LimitNOFILE= in the \
         systemd unit, ulimit -n) or lower max_connections"
    );
    room
}

pub fn run(settings: Settings) -> anyhow::Result<ExitCode> {
    ensure_data_dir(&settings)?;
    let max_connections = connection_limit(settings.max_connections, raise_open_file_limit());
    let _lock = match settings.sqlite_path() {
        Some(db) => Some(take_lock(&db)?),
        None => None,
    };
    runtime()?.block_on(async move {
        let started = std::time::Instant::now();
        let store = open_store(&settings).await?;
        let listener = tokio::net::TcpListener::bind(settings.listen).await.map_err(|e| {
            anyhow::anyhow!(
                "cannot listen on {}: {e}. Choose another address with --listen or SANGTAO_LISTEN.",
                settings.listen
            )
        })?;
        let addr = listener.local_addr()?;
        let url = browse_url(addr);
        bootstrap(&store, &url).await?;
        // Before announcing the address, so that a stop right after it is graceful.
        let shutdown = web::shutdown_signal();
        tracing::info!(
            %addr,
            database = store.backend_name(),
            startup_ms = started.elapsed().as_millis() as u64,
            "serving"
        );
        println!("sangtao: serving at {url}");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        let cfg = web::WebConfig {
            cookie_secure: settings.cookie_secure,
            session_ttl: chrono::Duration::hours(i64::from(settings.session_hours)),
            request_timeout: std::time::Duration::from_secs(settings.request_timeout_secs),
            body_limit_bytes: settings.body_limit_bytes,
            data_dir: settings.data_dir.clone(),
            evidence_limit_bytes: settings.evidence_limit_bytes,
            export_max_rows: settings.export_max_rows,
            trusted_proxies: settings.trusted_proxies.clone(),
            hash_permits: settings.hash_permits,
            address_max_failures: settings.address_max_failures,
            header_read_timeout: std::time::Duration::from_secs(settings.header_read_timeout_secs),
            max_connections,
            mailer: match &settings.smtp_url {
                Some(u) => Some(
                    app::mail::Mailer::new(u, &settings.mail_from)
                        .map_err(|e| anyhow::anyhow!(e))?,
                ),
                None => None,
            },
            public_url: settings.public_url.clone(),
            ..web::WebConfig::default()
        };
        let scheduler = start_scheduler(&settings, &store, &url).await?;
        let state = web::AppState::new(store, cfg);
        web::serve(listener, state, shutdown).await?;
        if let Some((stop, task)) = scheduler {
            let _ = stop.send(());
            let _ = task.await;
        }
        println!("sangtao: stopped");
        Ok(ExitCode::SUCCESS)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_fit_the_open_file_limit() {
        // systemd's default soft limit: about 480 connections, not 1,024.
        assert_eq!(connections_within(1024), 480);
        // The unit's LimitNOFILE=65536 leaves room for the default 4,096 many times over.
        assert!(connections_within(65_536) > 4 * 4096);
        assert_eq!(connections_within(10), 1, "never 0");
        assert_eq!(connection_limit(4096, Some(1024)), 480);
        assert_eq!(connection_limit(4096, Some(65_536)), 4096);
        assert_eq!(
            connection_limit(4096, None),
            4096,
            "limit unknown: as configured"
        );
    }
}

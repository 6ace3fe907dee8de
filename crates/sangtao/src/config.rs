//! Settings: command line > `SANGTAO_*` environment > TOML file > defaults.
//!
//! clap only collects what was typed; the merge is a pure function so that it can be
//! tested without touching the process environment.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub const DEFAULT_DATA_DIR: &str = "./sangtao-data";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// Settings as typed on the command line (all optional).
#[derive(Debug, Default, Clone, clap::Args)]
pub struct CliSettings {
    /// Optional TOML settings file [env: SANGTAO_CONFIG]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Directory for the database and other data [env: SANGTAO_DATA_DIR] [default: ./sangtao-data]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Address to serve on [env: SANGTAO_LISTEN] [default: 127.0.0.1:8080]
    #[arg(long, global = true, value_name = "ADDR")]
    pub listen: Option<String>,
    /// sqlite://PATH or postgres://… [env: SANGTAO_DATABASE_URL] [default: sqlite in the data dir]
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Mark cookies Secure (serve over https only) [env: SANGTAO_COOKIE_SECURE]
    #[arg(long, global = true)]
    pub cookie_secure: bool,
    /// Log format: text or json [env: SANGTAO_LOG_FORMAT] [default: text]
    #[arg(long, global = true, value_name = "FORMAT")]
    pub log_format: Option<String>,
}

/// Settings as written in the TOML file.
/// Sender of reminder e-mails when `mail_from` is not set.
pub const DEFAULT_MAIL_FROM: &str = "sangtao <sangtao@localhost>";

#[derive(Debug, Default, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    pub data_dir: Option<PathBuf>,
    pub listen: Option<String>,
    pub database_url: Option<String>,
    pub cookie_secure: Option<bool>,
    pub log_format: Option<String>,
    pub session_hours: Option<u32>,
    pub request_timeout_secs: Option<u64>,
    pub body_limit_bytes: Option<usize>,
    pub evidence_limit_bytes: Option<u64>,
    pub export_max_rows: Option<usize>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub public_url: Option<String>,
    pub reminder_rules: Option<String>,
    pub reminder_interval_secs: Option<u64>,
    /// CIDRs of reverse proxies whose X-Forwarded-For is believed.
    pub trusted_proxies: Option<Vec<String>>,
    /// Password hashes run at once (default: one per core).
    pub hash_permits: Option<usize>,
    /// Failed sign-ins from one address in 15 minutes before it is refused.
    pub address_max_failures: Option<usize>,
    /// Seconds a connection has to send a request head, after opening or after an answer.
    pub header_read_timeout_secs: Option<u64>,
    /// Connections served at once.
    pub max_connections: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// The resolved settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    pub database_url: String,
    pub cookie_secure: bool,
    pub log_format: LogFormat,
    pub session_hours: u32,
    pub request_timeout_secs: u64,
    pub body_limit_bytes: usize,
    /// Largest evidence file (default 200 MB).
    pub evidence_limit_bytes: u64,
    /// Most rows one CSV/XLSX export writes.
    pub export_max_rows: usize,
    /// Reminders by e-mail when set (`smtp://`, `smtps://`, `?tls=required`).
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Base of links in e-mails; default the address served on.
    pub public_url: Option<String>,
    /// Reminder rules to make active at start (`before:7,…`); None keeps the database's.
    pub reminder_rules: Option<Vec<domain::oversight::RuleKind>>,
    /// Seconds between reminder passes; 0 turns the scheduler off.
    pub reminder_interval_secs: u64,
    /// Reverse proxies (CIDRs) whose `X-Forwarded-For` names the client; none by default.
    pub trusted_proxies: Vec<web::client_addr::IpNet>,
    /// Password hashes run at once, at least 1 (`web::hashing`).
    pub hash_permits: usize,
    /// Failed sign-ins from one address in the window before it is refused, at least 1.
    pub address_max_failures: usize,
    /// Seconds a connection has to send a whole request head, after opening or after its
    /// previous answer (`web::server`), at least 1.
    pub header_read_timeout_secs: u64,
    /// Connections served at once, at least 1; `serve` lowers it to what the open-file
    /// limit allows.
    pub max_connections: usize,
}

impl Settings {
    /// Reads the file named by `--config` or SANGTAO_CONFIG (if any) and merges.
    pub fn load(cli: &CliSettings) -> anyhow::Result<Settings> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let path = cli
            .config
            .clone()
            .or_else(|| env("SANGTAO_CONFIG").map(PathBuf::from));
        let file = match path {
            Some(p) => read_file(&p)?,
            None => FileSettings::default(),
        };
        resolve(cli, &env, &file)
    }

    /// True when the database is SQLite (then the server locks the file).
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        let rest = self
            .database_url
            .strip_prefix("sqlite://")
            .or_else(|| self.database_url.strip_prefix("sqlite:"))?;
        let path = rest.split('?').next().unwrap_or(rest);
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }
}

pub fn read_file(path: &Path) -> anyhow::Result<FileSettings> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read the settings file {}: {e}", path.display()))?;
    toml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("the settings file {} is not valid: {e}", path.display()))
}

fn parse_bool(key: &str, v: &str) -> anyhow::Result<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => anyhow::bail!("{key}={v}: expected true or false"),
    }
}

fn parse_num<T: std::str::FromStr>(key: &str, v: &str) -> anyhow::Result<T> {
    v.parse()
        .map_err(|_| anyhow::anyhow!("{key}={v}: expected a whole number"))
}

/// The merge: command line, then environment (through `env`), then file, then defaults.
pub fn resolve(
    cli: &CliSettings,
    env: &dyn Fn(&str) -> Option<String>,
    file: &FileSettings,
) -> anyhow::Result<Settings> {
    let data_dir = cli
        .data_dir
        .clone()
        .or_else(|| env("SANGTAO_DATA_DIR").map(PathBuf::from))
        .or_else(|| file.data_dir.clone())
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
    let listen_text = cli
        .listen
        .clone()
        .or_else(|| env("SANGTAO_LISTEN"))
        .or_else(|| file.listen.clone())
        .unwrap_or_else(|| DEFAULT_LISTEN.to_string());
    let listen: SocketAddr = listen_text.parse().map_err(|_| {
        anyhow::anyhow!(
            "listen address {listen_text:?} is not valid: use IP:PORT, e.g. 127.0.0.1:8080"
        )
    })?;
    let database_url = cli
        .database_url
        .clone()
        .or_else(|| env("SANGTAO_DATABASE_URL"))
        .or_else(|| file.database_url.clone())
        .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("sangtao.db").display()));
    // The web layer's defaults are the one source; a file or the environment overrides.
    let d = web::WebConfig::default();
    let cookie_secure = if cli.cookie_secure {
        true
    } else if let Some(v) = env("SANGTAO_COOKIE_SECURE") {
        parse_bool("SANGTAO_COOKIE_SECURE", &v)?
    } else {
        file.cookie_secure.unwrap_or(d.cookie_secure)
    };
    let log_text = cli
        .log_format
        .clone()
        .or_else(|| env("SANGTAO_LOG_FORMAT"))
        .or_else(|| file.log_format.clone())
        .unwrap_or_else(|| "text".into());
    let log_format = match log_text.as_str() {
        "text" => LogFormat::Text,
        "json" => LogFormat::Json,
        other => anyhow::bail!("log format {other:?} is not known: use text or json"),
    };
    let session_hours = match env("SANGTAO_SESSION_HOURS") {
        Some(v) => parse_num("SANGTAO_SESSION_HOURS", &v)?,
        None => file
            .session_hours
            .unwrap_or(u32::try_from(d.session_ttl.num_hours()).unwrap_or(u32::MAX)),
    };
    let request_timeout_secs = match env("SANGTAO_REQUEST_TIMEOUT_SECS") {
        Some(v) => parse_num("SANGTAO_REQUEST_TIMEOUT_SECS", &v)?,
        None => file
            .request_timeout_secs
            .unwrap_or(d.request_timeout.as_secs()),
    };
    let body_limit_bytes = match env("SANGTAO_BODY_LIMIT_BYTES") {
        Some(v) => parse_num("SANGTAO_BODY_LIMIT_BYTES", &v)?,
        None => file.body_limit_bytes.unwrap_or(d.body_limit_bytes),
    };
    let evidence_limit_bytes = match env("SANGTAO_EVIDENCE_LIMIT_BYTES") {
        Some(v) => parse_num("SANGTAO_EVIDENCE_LIMIT_BYTES", &v)?,
        None => file.evidence_limit_bytes.unwrap_or(d.evidence_limit_bytes),
    };
    let export_max_rows = match env("SANGTAO_EXPORT_MAX_ROWS") {
        Some(v) => parse_num("SANGTAO_EXPORT_MAX_ROWS", &v)?,
        None => file.export_max_rows.unwrap_or(d.export_max_rows),
    };
    let text = |key: &str, from_file: &Option<String>| {
        env(key)
            .or_else(|| from_file.clone())
            .filter(|v| !v.trim().is_empty())
    };
    let smtp_url = text("SANGTAO_SMTP_URL", &file.smtp_url);
    let mail_from =
        text("SANGTAO_MAIL_FROM", &file.mail_from).unwrap_or_else(|| DEFAULT_MAIL_FROM.into());
    let public_url = text("SANGTAO_PUBLIC_URL", &file.public_url);
    let reminder_rules = match text("SANGTAO_REMINDER_RULES", &file.reminder_rules) {
        Some(v) => Some(
            app::scheduler::parse_rules(&v)
                .map_err(|e| anyhow::anyhow!("reminder_rules {v:?}: {e}"))?,
        ),
        None => None,
    };
    let reminder_interval_secs = match env("SANGTAO_REMINDER_INTERVAL_SECS") {
        Some(v) => parse_num("SANGTAO_REMINDER_INTERVAL_SECS", &v)?,
        None => file.reminder_interval_secs.unwrap_or(300),
    };
    // The environment: comma-separated; the file: a list.
    let trusted_proxies = match env("SANGTAO_TRUSTED_PROXIES") {
        Some(v) => web::client_addr::parse_trusted([v.as_str()]),
        None => web::client_addr::parse_trusted(
            file.trusted_proxies.iter().flatten().map(String::as_str),
        ),
    }
    .map_err(|e| anyhow::anyhow!("trusted_proxies: {e}"))?;
    let hash_permits: usize = match env("SANGTAO_HASH_PERMITS") {
        Some(v) => parse_num("SANGTAO_HASH_PERMITS", &v)?,
        None => file.hash_permits.unwrap_or(d.hash_permits),
    };
    let address_max_failures: usize = match env("SANGTAO_ADDRESS_MAX_FAILURES") {
        Some(v) => parse_num("SANGTAO_ADDRESS_MAX_FAILURES", &v)?,
        None => file.address_max_failures.unwrap_or(d.address_max_failures),
    };
    if hash_permits == 0 || address_max_failures == 0 {
        anyhow::bail!(
            "hash_permits and address_max_failures must be at least 1 (0 would refuse every sign-in)"
        );
    }
    let header_read_timeout_secs: u64 = match env("SANGTAO_HEADER_READ_TIMEOUT_SECS") {
        Some(v) => parse_num("SANGTAO_HEADER_READ_TIMEOUT_SECS", &v)?,
        None => file
            .header_read_timeout_secs
            .unwrap_or(d.header_read_timeout.as_secs()),
    };
    let max_connections: usize = match env("SANGTAO_MAX_CONNECTIONS") {
        Some(v) => parse_num("SANGTAO_MAX_CONNECTIONS", &v)?,
        None => file.max_connections.unwrap_or(d.max_connections),
    };
    if header_read_timeout_secs == 0 || max_connections == 0 {
        anyhow::bail!(
            "header_read_timeout_secs and max_connections must be at least 1 (0 would refuse every request)"
        );
    }
    Ok(Settings {
        header_read_timeout_secs,
        max_connections,
        hash_permits,
        address_max_failures,
        trusted_proxies,
        smtp_url,
        mail_from,
        public_url,
        reminder_rules,
        reminder_interval_secs,
        data_dir,
        listen,
        database_url,
        cookie_secure,
        log_format,
        session_hours,
        request_timeout_secs,
        body_limit_bytes,
        evidence_limit_bytes,
        export_max_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults() {
        let s = resolve(
            &CliSettings::default(),
            &env_of(&[]),
            &FileSettings::default(),
        )
        .unwrap();
        assert_eq!(s.data_dir, PathBuf::from("./sangtao-data"));
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(s.database_url, "sqlite://./sangtao-data/sangtao.db");
        assert!(!s.cookie_secure);
        assert_eq!(s.log_format, LogFormat::Text);
        assert_eq!(
            s.sqlite_path(),
            Some(PathBuf::from("./sangtao-data/sangtao.db"))
        );
    }

    #[test]
    fn sign_in_limits_from_the_file_and_never_zero() {
        let d = web::WebConfig::default();
        let cli = CliSettings::default();
        let s = resolve(&cli, &env_of(&[]), &FileSettings::default()).unwrap();
        assert_eq!(
            (s.hash_permits, s.address_max_failures),
            (d.hash_permits, d.address_max_failures)
        );
        let file: FileSettings =
            toml::from_str("hash_permits = 1\naddress_max_failures = 100").unwrap();
        let s = resolve(&cli, &env_of(&[]), &file).unwrap();
        assert_eq!((s.hash_permits, s.address_max_failures), (1, 100));
        let env = env_of(&[("SANGTAO_ADDRESS_MAX_FAILURES", "7")]);
        assert_eq!(resolve(&cli, &env, &file).unwrap().address_max_failures, 7);
        let zero: FileSettings = toml::from_str("hash_permits = 0").unwrap();
        assert!(resolve(&cli, &env_of(&[]), &zero).is_err());
    }

    #[test]
    fn connection_limits_from_env_or_file_and_never_zero() {
        let d = web::WebConfig::default();
        let cli = CliSettings::default();
        let s = resolve(&cli, &env_of(&[]), &FileSettings::default()).unwrap();
        assert_eq!(
            (s.header_read_timeout_secs, s.max_connections),
            (d.header_read_timeout.as_secs(), d.max_connections)
        );
        assert_eq!((s.header_read_timeout_secs, s.max_connections), (10, 4096));
        let file: FileSettings =
            toml::from_str("header_read_timeout_secs = 5\nmax_connections = 500").unwrap();
        let s = resolve(&cli, &env_of(&[]), &file).unwrap();
        assert_eq!((s.header_read_timeout_secs, s.max_connections), (5, 500));
        let env = env_of(&[
            ("SANGTAO_HEADER_READ_TIMEOUT_SECS", "20"),
            ("SANGTAO_MAX_CONNECTIONS", "10000"),
        ]);
        let s = resolve(&cli, &env, &file).unwrap();
        assert_eq!(
            (s.header_read_timeout_secs, s.max_connections),
            (20, 10000),
            "env beats file"
        );
        for zero in [
            ("SANGTAO_HEADER_READ_TIMEOUT_SECS", "0"),
            ("SANGTAO_MAX_CONNECTIONS", "0"),
        ] {
            let e = resolve(&cli, &env_of(&[zero]), &file).unwrap_err();
            assert!(e.to_string().contains("at least 1"), "{zero:?}: {e}");
        }
        let zero: FileSettings = toml::from_str("max_connections = 0").unwrap();
        assert!(resolve(&cli, &env_of(&[]), &zero).is_err());
        let e = resolve(&cli, &env_of(&[("SANGTAO_MAX_CONNECTIONS", "many")]), &file);
        assert!(e.unwrap_err().to_string().contains("whole number"));
    }

    #[test]
    fn trusted_proxies_from_env_or_file() {
        let none = resolve(
            &CliSettings::default(),
            &env_of(&[]),
            &FileSettings::default(),
        );
        assert!(none.unwrap().trusted_proxies.is_empty(), "none by default");
        let file: FileSettings =
            toml::from_str("trusted_proxies = [\"10.0.0.0/8\", \"192.168.1.10\"]").unwrap();
        let s = resolve(&CliSettings::default(), &env_of(&[]), &file).unwrap();
        assert_eq!(s.trusted_proxies.len(), 2);
        let s = resolve(
            &CliSettings::default(),
            &env_of(&[("SANGTAO_TRUSTED_PROXIES", "127.0.0.1/32, ::1")]),
            &file,
        )
        .unwrap();
        assert_eq!(
            s.trusted_proxies,
            web::client_addr::parse_trusted(["127.0.0.1/32,::1"]).unwrap(),
            "env beats file"
        );
        let bad = resolve(
            &CliSettings::default(),
            &env_of(&[("SANGTAO_TRUSTED_PROXIES", "proxy.local")]),
            &FileSettings::default(),
        );
        assert!(bad.unwrap_err().to_string().contains("trusted_proxies"));
    }

    #[test]
    fn cli_beats_env_beats_file() {
        let file: FileSettings = toml::from_str(
            "listen = \"127.0.0.1:3000\"\ndata_dir = \"/srv/file\"\ncookie_secure = true\nlog_format = \"json\"",
        )
        .unwrap();
        let env = env_of(&[
            ("SANGTAO_LISTEN", "127.0.0.1:4000"),
            ("SANGTAO_DATA_DIR", "/srv/env"),
        ]);
        let cli = CliSettings {
            listen: Some("127.0.0.1:5000".into()),
            ..Default::default()
        };
        let s = resolve(&cli, &env, &file).unwrap();
        assert_eq!(s.listen.port(), 5000, "CLI wins");
        assert_eq!(s.data_dir, PathBuf::from("/srv/env"), "env beats file");
        assert_eq!(
            s.database_url, "sqlite:///srv/env/sangtao.db",
            "derived from the data dir"
        );
        assert!(s.cookie_secure, "file beats default");
        assert_eq!(s.log_format, LogFormat::Json);
        let s = resolve(
            &CliSettings::default(),
            &env_of(&[("SANGTAO_COOKIE_SECURE", "false")]),
            &file,
        )
        .unwrap();
        assert!(!s.cookie_secure, "env beats file for booleans");
    }

    #[test]
    fn reminder_and_mail_settings() {
        let file: FileSettings = toml::from_str(
            "smtp_url = \"smtp://relay:25\"\nreminder_rules = \"before:5,every_after:2\"\nreminder_interval_secs = 60",
        )
        .unwrap();
        let s = resolve(
            &CliSettings::default(),
            &env_of(&[("SANGTAO_MAIL_FROM", "Sở VHTT <a@b.vn>")]),
            &file,
        )
        .unwrap();
        assert_eq!(s.smtp_url.as_deref(), Some("smtp://relay:25"));
        assert_eq!(s.mail_from, "Sở VHTT <a@b.vn>");
        assert_eq!(s.reminder_interval_secs, 60);
        use domain::oversight::RuleKind;
        assert_eq!(
            s.reminder_rules,
            Some(vec![RuleKind::Before(5), RuleKind::EveryAfter(2)])
        );
        let d = resolve(
            &CliSettings::default(),
            &env_of(&[]),
            &FileSettings::default(),
        )
        .unwrap();
        assert_eq!(
            (d.smtp_url, d.reminder_rules, d.reminder_interval_secs),
            (None, None, 300)
        );
        assert_eq!(d.mail_from, DEFAULT_MAIL_FROM);
        let e = resolve(
            &CliSettings::default(),
            &env_of(&[("SANGTAO_REMINDER_RULES", "before:7,soon")]),
            &FileSettings::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("reminder_rules"), "{e}");
    }

    #[test]
    fn postgres_url_has_no_sqlite_path() {
        let cli = CliSettings {
            database_url: Some("postgres://u@h/db".into()),
            ..Default::default()
        };
        let s = resolve(&cli, &env_of(&[]), &FileSettings::default()).unwrap();
        assert_eq!(s.sqlite_path(), None);
    }

    #[test]
    fn bad_values_are_explained() {
        let cli = CliSettings {
            listen: Some("localhost".into()),
            ..Default::default()
        };
        let e = resolve(&cli, &env_of(&[]), &FileSettings::default()).unwrap_err();
        assert!(e.to_string().contains("IP:PORT"));
        let e = resolve(
            &CliSettings::default(),
            &env_of(&[("SANGTAO_COOKIE_SECURE", "maybe")]),
            &FileSettings::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("true or false"));
        assert!(
            toml::from_str::<FileSettings>("lisen = \"x\"").is_err(),
            "typos in the file are refused"
        );
    }
}

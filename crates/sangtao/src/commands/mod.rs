//! One module per subcommand.

pub mod backup;
pub mod cities;
pub mod dev;
pub mod healthcheck;
pub mod import;
pub mod manifest;
pub mod plan;
pub mod report;
pub mod restore;
pub mod serve;
pub mod user;

use crate::config::{LogFormat, Settings};
use anyhow::Context;
use std::process::ExitCode;
use store::Store;

/// The language of the command line's messages: Vietnamese, or English with
/// `SANGTAO_LANG=en`.
pub fn cli_language() -> domain::Language {
    match std::env::var("SANGTAO_LANG") {
        Ok(v) if v.to_ascii_lowercase().starts_with("en") => domain::Language::En,
        _ => domain::Language::Vi,
    }
}

/// Why a plan document could not be read, in the command line's language (the web's
/// sentences, so that both say the same).
pub fn unreadable(e: &vanban::ReadError) -> String {
    use web::i18n::Worded;
    e.message(cli_language())
}

pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Creates the data directory if needed and proves that it can be written.
pub fn ensure_data_dir(settings: &Settings) -> anyhow::Result<()> {
    let dir = &settings.data_dir;
    let hint = "Choose a writable directory with --data-dir or SANGTAO_DATA_DIR";
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot create the data directory {}: {e}. {hint}.",
            dir.display()
        )
    })?;
    let probe = dir.join(".sangtao-write-test");
    std::fs::write(&probe, b"ok").map_err(|e| {
        anyhow::anyhow!(
            "cannot write to the data directory {}: {e}. {hint}.",
            dir.display()
        )
    })?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Connects and migrates. For SQLite the data directory must be writable first.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    if settings.sqlite_path().is_some() {
        ensure_data_dir(settings)?;
    }
    let store = Store::connect(&settings.database_url)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    store.migrate().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(store)
}

pub fn migrate(settings: Settings) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = open_store(&settings).await?;
        println!(
            "sangtao: the {} database is up to date",
            store.backend_name()
        );
        Ok(ExitCode::SUCCESS)
    })
}

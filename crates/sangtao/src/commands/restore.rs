//! `sangtao restore DIR`: a backup made by `sangtao backup` into an empty SQLite data
//! directory. Every file of the manifest is checked (size and SHA-256) before anything is
//! copied and again once copied; then the database is opened (migrations run), checked
//! with `PRAGMA integrity_check`, and its counts compared with the manifest's.

use super::manifest::{self, DATABASE, MANIFEST, Manifest, Progress, Target};
use super::{open_store, runtime};
use crate::config::Settings;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code when the data directory (or the database file) is not empty.
pub const EXIT_TARGET_NOT_EMPTY: u8 = 3;
/// Exit code when the backup is incomplete, altered or not a backup.
pub const EXIT_BAD_BACKUP: u8 = 4;

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// A directory written by `sangtao backup`.
    dir: PathBuf,
}

/// Why a restore stopped before opening the database.
enum Refusal {
    /// Exit 3.
    Occupied(String),
    /// Exit 4.
    BadBackup(String),
}

pub fn run(settings: Settings, args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let Some(db_path) = settings.sqlite_path() else {
        anyhow::bail!(
            "sangtao restore restores SQLite backups only; restore PostgreSQL with its own \
             tools (pg_restore of a pg_dump -Fc file) and copy the evidence/ folder into the \
             data directory"
        );
    };
    let manifest = match check(&settings, &db_path, &args.dir) {
        Ok(m) => m,
        Err(Refusal::Occupied(msg)) => {
            eprintln!("sangtao: {msg}");
            return Ok(ExitCode::from(EXIT_TARGET_NOT_EMPTY));
        }
        Err(Refusal::BadBackup(msg)) => {
            eprintln!("sangtao: {msg}; nothing was restored");
            return Ok(ExitCode::from(EXIT_BAD_BACKUP));
        }
    };
    super::ensure_data_dir(&settings)?;
    let mut written = Vec::new();
    if let Err(msg) = copy_all(&settings, &db_path, &args.dir, &manifest, &mut written) {
        for p in written.iter().rev() {
            let _ = std::fs::remove_file(p);
        }
        eprintln!("sangtao: {msg}; the files copied so far were removed");
        return Ok(ExitCode::from(EXIT_BAD_BACKUP));
    }
    runtime()?.block_on(open_and_compare(&settings, &args.dir, &manifest))
}

/// The target is empty, the manifest readable and every file as it lists.
fn check(settings: &Settings, db_path: &Path, dir: &Path) -> Result<Manifest, Refusal> {
    let occupied = |what: &Path| {
        Refusal::Occupied(format!(
            "{} is not empty; restore into a new or empty data directory (--data-dir), \
             so that no data is overwritten",
            what.display()
        ))
    };
    match manifest::target_state(&settings.data_dir) {
        Ok(Target::Occupied) => return Err(occupied(&settings.data_dir)),
        Ok(_) => {}
        Err(e) => {
            return Err(Refusal::Occupied(format!(
                "{}: {e}",
                settings.data_dir.display()
            )));
        }
    }
    if db_path.exists() {
        return Err(occupied(db_path));
    }
    let manifest = read_manifest(dir)?;
    let mut progress = Progress::new("sangtao restore: checking the backup", manifest.files.len());
    for f in &manifest.files {
        let path = manifest::under(dir, &f.path);
        let (size, sha256) = manifest::hash_file(&path).map_err(|e| {
            Refusal::BadBackup(format!("{} of the manifest cannot be read: {e}", f.path))
        })?;
        if size != f.size || sha256 != f.sha256 {
            return Err(Refusal::BadBackup(format!(
                "{} in {} is not the file the manifest lists ({} bytes, SHA-256 {}; the \
                 manifest says {} bytes, {}): the backup was altered or damaged",
                f.path,
                dir.display(),
                size,
                sha256,
                f.size,
                f.sha256
            )));
        }
        progress.add(size);
    }
    Ok(manifest)
}

fn read_manifest(dir: &Path) -> Result<Manifest, Refusal> {
    let path = dir.join(MANIFEST);
    let bad = |why: String| {
        Refusal::BadBackup(format!("{} is not a sangtao backup: {why}", dir.display()))
    };
    let text = std::fs::read(&path).map_err(|e| bad(format!("cannot read {MANIFEST}: {e}")))?;
    let m: Manifest =
        serde_json::from_slice(&text).map_err(|e| bad(format!("{MANIFEST} is unreadable: {e}")))?;
    if m.format != manifest::FORMAT {
        return Err(bad(format!(
            "{MANIFEST} has format {}, not {}",
            m.format,
            manifest::FORMAT
        )));
    }
    if let Some(f) = m.files.iter().find(|f| !manifest::is_safe_path(&f.path)) {
        return Err(bad(format!(
            "{MANIFEST} names a file outside the data directory: {:?}",
            f.path
        )));
    }
    if m.files.iter().filter(|f| f.path == DATABASE).count() != 1 {
        return Err(bad(format!("{MANIFEST} does not list {DATABASE} once")));
    }
    Ok(m)
}

/// Copies every file, checking each copy against the manifest; `written` collects what
/// was created, for the caller to remove on failure.
fn copy_all(
    settings: &Settings,
    db_path: &Path,
    dir: &Path,
    manifest: &Manifest,
    written: &mut Vec<PathBuf>,
) -> Result<(), String> {
    let mut progress = Progress::new("sangtao restore: copying", manifest.files.len());
    for f in &manifest.files {
        let to = if f.path == DATABASE {
            db_path.to_path_buf()
        } else {
            manifest::under(&settings.data_dir, &f.path)
        };
        let from = manifest::under(dir, &f.path);
        let copied = manifest::copy_hashed(&from, &to);
        if copied.is_ok() {
            written.push(to.clone());
        }
        copied.map_err(|e| format!("cannot copy {} to {}: {e}", f.path, to.display()))?;
        let (size, sha256) = manifest::hash_file(&to)
            .map_err(|e| format!("cannot read back {}: {e}", to.display()))?;
        if size != f.size || sha256 != f.sha256 {
            return Err(format!(
                "the copy of {} at {} differs from the manifest ({} bytes, SHA-256 {})",
                f.path,
                to.display(),
                size,
                sha256
            ));
        }
        progress.add(size);
    }
    Ok(())
}

async fn open_and_compare(
    settings: &Settings,
    dir: &Path,
    manifest: &Manifest,
) -> anyhow::Result<ExitCode> {
    let store = open_store(settings).await?;
    eprintln!("sangtao restore: checking the database (PRAGMA integrity_check) …");
    let problems = store
        .integrity_problems()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if !problems.is_empty() {
        anyhow::bail!(
            "the restored database fails its integrity check: {}",
            problems.join("; ")
        );
    }
    let now = store
        .database_counts()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    store.close().await;
    let was = manifest.database;
    // Migrations may have run since (a newer sangtao); the rows must be the same.
    let rows =
        |c: &store::DatabaseCounts| (c.plans, c.items, c.progress_reports, c.events, c.evidence);
    if rows(&now) != rows(&was) {
        anyhow::bail!(
            "the restored database does not hold what the manifest lists: {} instead of {}",
            manifest::counts_line(&now),
            manifest::counts_line(&was)
        );
    }
    println!(
        "sangtao: restored {} (taken {}) into {}: the database and {} evidence files, {}; \
         integrity check ok",
        dir.display(),
        manifest.created_at,
        settings.data_dir.display(),
        manifest.files.len() - 1,
        manifest::megabytes(manifest.total_bytes())
    );
    println!("counts: {}", manifest::counts_line(&now));
    Ok(ExitCode::SUCCESS)
}

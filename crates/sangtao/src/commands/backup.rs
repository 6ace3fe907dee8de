//! `sangtao backup DIR`: a consistent copy of a SQLite data directory, taken while the
//! server may be running: the database through `Store::backup_into` (`VACUUM INTO`), then
//! the evidence files, then `manifest.json` (every file's size and SHA-256, the schema and
//! the counts of the key tables). The manifest is written last: a backup without one is
//! incomplete. Evidence files are content-addressed and never removed, and each is on disk
//! before its row is written, so those copied after the snapshot cover every row in it.

use super::manifest::{self, DATABASE, FileEntry, MANIFEST, Manifest, Progress, Target};
use super::runtime;
use crate::config::Settings;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use store::Store;

/// Exit code when DIR exists and is not empty.
pub const EXIT_TARGET_NOT_EMPTY: u8 = 3;

#[derive(clap::Args)]
pub struct BackupArgs {
    /// A new or empty directory for the backup.
    dir: PathBuf,
}

pub fn run(settings: Settings, args: BackupArgs) -> anyhow::Result<ExitCode> {
    let dir = args.dir;
    let created = match manifest::target_state(&dir)? {
        Target::Occupied => {
            eprintln!(
                "sangtao: {} exists and is not empty; a backup goes into a new or empty \
                 directory, so that nothing is overwritten or mixed in",
                dir.display()
            );
            return Ok(ExitCode::from(EXIT_TARGET_NOT_EMPTY));
        }
        Target::Missing => true,
        Target::Empty => false,
    };
    if let Some(db) = settings.sqlite_path()
        && !db.is_file()
    {
        anyhow::bail!(
            "there is no database at {}: nothing to back up. Name the data directory with \
             --data-dir or the database with --database-url",
            db.display()
        );
    }
    std::fs::create_dir_all(&dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let result = runtime()?.block_on(write_backup(&settings, &dir));
    if result.is_err() {
        remove_partial(&dir, created);
    }
    let manifest = result?;
    println!(
        "sangtao: backup written to {}: the database and {} evidence files, {}",
        dir.display(),
        manifest.files.len() - 1,
        manifest::megabytes(manifest.total_bytes())
    );
    println!("counts: {}", manifest::counts_line(&manifest.database));
    Ok(ExitCode::SUCCESS)
}

async fn write_backup(settings: &Settings, dir: &Path) -> anyhow::Result<Manifest> {
    // No migration: the backup copies the database as it is, under a running server too.
    let store = Store::connect(&settings.database_url)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let created_at = store
        .clock()
        .now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let started = Instant::now();
    let snapshot = dir.join(DATABASE);
    let database = store
        .backup_into(&snapshot)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    store.close().await;
    let (size, sha256) = manifest::hash_file(&snapshot)?;
    eprintln!(
        "sangtao backup: database snapshot {} in {:.1} s",
        manifest::megabytes(size),
        started.elapsed().as_secs_f64()
    );
    let mut files = vec![FileEntry {
        path: DATABASE.into(),
        size,
        sha256,
    }];
    let evidence = manifest::evidence_files(&settings.data_dir)?;
    let mut progress = Progress::new("sangtao backup: evidence", evidence.len());
    for path in evidence {
        let from = manifest::under(&settings.data_dir, &path);
        let (size, sha256) = match manifest::copy_hashed(&from, &manifest::under(dir, &path)) {
            Ok(copied) => copied,
            // Removed since it was listed: the upload of a refused report, which no row
            // names (`EvidenceStore::discard`), so the snapshot does not need it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => anyhow::bail!("cannot copy {}: {e}", from.display()),
        };
        progress.add(size);
        files.push(FileEntry { path, size, sha256 });
    }
    let manifest = Manifest {
        format: manifest::FORMAT,
        sangtao_version: env!("CARGO_PKG_VERSION").into(),
        created_at,
        database,
        files,
    };
    write_manifest(&dir.join(MANIFEST), &manifest)?;
    Ok(manifest)
}

fn write_manifest(path: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    let mut json = serde_json::to_vec_pretty(manifest)?;
    json.push(b'\n');
    let file = std::fs::File::create_new(path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &json).map(|_| f))
        .and_then(|f| f.sync_all());
    file.map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

/// After a failure: removes what this backup wrote (the directory was new or empty).
fn remove_partial(dir: &Path, created: bool) {
    if created {
        let _ = std::fs::remove_dir_all(dir);
    } else if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let p = entry.path();
            let _ = if p.is_dir() {
                std::fs::remove_dir_all(&p)
            } else {
                std::fs::remove_file(&p)
            };
        }
    }
}

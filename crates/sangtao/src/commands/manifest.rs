//! What `sangtao backup` writes beside its files and `sangtao restore` checks: the list of
//! files with their size and SHA-256, the schema and the counts of the key tables. Also
//! the file work both commands share: hashing while copying, the evidence folder's files,
//! progress lines.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The manifest's name in a backup directory.
pub const MANIFEST: &str = "manifest.json";
/// The database's name in a backup directory.
pub const DATABASE: &str = "sangtao.db";
/// The evidence folder, in a data directory and in a backup.
pub const EVIDENCE: &str = "evidence";
/// The manifest's layout; a restore refuses others.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The sangtao that wrote the backup.
    pub sangtao_version: String,
    /// When the snapshot was taken (the store's clock, RFC 3339).
    pub created_at: String,
    /// The snapshot's own counts (migrations and rows).
    pub database: store::DatabaseCounts,
    /// Every file of the backup but the manifest, relative, with `/` separators.
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

impl Manifest {
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// How a target directory looks before a backup or a restore writes into it.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    Missing,
    Empty,
    /// It holds something, or it is not a directory.
    Occupied,
}

pub fn target_state(dir: &Path) -> std::io::Result<Target> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(if entries.next().is_some() {
            Target::Occupied
        } else {
            Target::Empty
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Target::Missing),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Ok(Target::Occupied),
        Err(e) => Err(e),
    }
}

/// The size and SHA-256 (lower-case hex) of a file, read in chunks.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((size, format!("{:x}", hasher.finalize())))
}

/// Copies `from` to `to` (creating its folder), hashing what was written; the copy is
/// synced to disk before this returns.
pub fn copy_hashed(from: &Path, to: &Path) -> std::io::Result<(u64, String)> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut src = std::fs::File::open(from)?;
    let mut dst = std::fs::File::create_new(to)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let n = src.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
        dst.write_all(&buf[..n])?;
    }
    dst.sync_all()?;
    Ok((size, format!("{:x}", hasher.finalize())))
}

/// The evidence files under a data directory, as `evidence/ab/cdef…`, sorted; uploads
/// still being written (`evidence/tmp/`) are left out.
pub fn evidence_files(data_dir: &Path) -> std::io::Result<Vec<String>> {
    let root = data_dir.join(EVIDENCE);
    let mut out = Vec::new();
    let mut stack: Vec<(PathBuf, String)> = vec![(root, EVIDENCE.to_string())];
    while let Some((dir, rel)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{rel}/{name}");
            if path == "evidence/tmp" {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push((entry.path(), path));
            } else if kind.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A manifest path a restore may write: the database, or a file under `evidence/`,
/// with no empty, `.` or `..` part.
pub fn is_safe_path(path: &str) -> bool {
    let parts_ok = path
        .split('/')
        .all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\\'));
    parts_ok && (path == DATABASE || path.starts_with("evidence/"))
}

/// `path` (with `/` separators) under `dir`.
pub fn under(dir: &Path, path: &str) -> PathBuf {
    path.split('/').fold(dir.to_path_buf(), |p, c| p.join(c))
}

/// Progress of a long step on stderr: at most one line a second, and the last one.
pub struct Progress {
    label: &'static str,
    total: usize,
    done: usize,
    bytes: u64,
    started: Instant,
    last: Option<Instant>,
}

impl Progress {
    pub fn new(label: &'static str, total: usize) -> Progress {
        Progress {
            label,
            total,
            done: 0,
            bytes: 0,
            started: Instant::now(),
            last: None,
        }
    }

    pub fn add(&mut self, bytes: u64) {
        self.done += 1;
        self.bytes += bytes;
        let due = self
            .last
            .is_none_or(|t| t.elapsed() >= Duration::from_secs(1));
        if due || self.done == self.total {
            self.last = Some(Instant::now());
            eprintln!(
                "{}: {}/{} files, {} in {:.1} s",
                self.label,
                self.done,
                self.total,
                megabytes(self.bytes),
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}

pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The counts as one line, the same for the manifest and the restored database.
pub fn counts_line(c: &store::DatabaseCounts) -> String {
    format!(
        "plans={} items={} progress_reports={} events={} evidence={} migrations={} schema_version={}",
        c.plans, c.items, c.progress_reports, c.events, c.evidence, c.migrations, c.schema_version
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_database_and_evidence_are_restorable_paths() {
        assert!(is_safe_path("sangtao.db"));
        assert!(is_safe_path("evidence/ab/cdef"));
        for bad in [
            "../sangtao.db",
            "evidence/../../etc/passwd",
            "/etc/passwd",
            "evidence//x",
            "evidence/./x",
            "other.db",
            "evidence\\..\\x",
            "",
        ] {
            assert!(!is_safe_path(bad), "{bad}");
        }
    }
}

//! Evidence files on disk, content-addressed under the data directory:
//! `<data>/evidence/ab/cdef…` (SHA-256, hex, split after two characters).
//!
//! [`EvidenceStore::put`] streams from any `AsyncRead` into a temporary file in the same
//! directory tree, hashing and counting as it goes, stops as soon as the size limit is
//! passed, sniffs the type from the content (`infer`) and refuses content that does not
//! match the name's extension; only then is the file renamed into place. Any failure,
//! a cut-off upload included, removes the temporary file.
//!
//! Since the same bytes are one file for everyone, a file may be removed only when no row
//! names it *and* no request that stored it is still on its way to naming it. Each `put`
//! therefore claims its file until the request calls [`EvidenceStore::release`] (after its
//! rows are committed) or [`EvidenceStore::discard`] (when it records nothing); `discard`
//! removes a file only when no claim is left and no row names it, both checked under the
//! lock that `put` takes to place a file. A claim never released only keeps a file.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

/// The default size limit: 200 MB.
pub const DEFAULT_LIMIT: u64 = 200 * 1000 * 1000;

/// How much of the start of a file the type sniffing sees.
const HEAD: usize = 64 * 1024;

/// Extensions accepted as evidence and the types their content must sniff as.
const ACCEPTED: &[(&str, &[&str])] = &[
    ("jpg", &["image/jpeg"]),
    ("jpeg", &["image/jpeg"]),
    ("png", &["image/png"]),
    ("gif", &["image/gif"]),
    ("webp", &["image/webp"]),
    ("heic", &["image/heic", "image/heif"]),
    ("pdf", &["application/pdf"]),
    (
        "docx",
        &["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ),
    (
        "xlsx",
        &["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ),
    ("mp4", &["video/mp4"]),
    ("mov", &["video/quicktime"]),
    ("webm", &["video/webm"]),
];

/// Why a file was refused.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("the file's content ({detected}) does not match its name ({name})")]
    Mismatch { name: String, detected: String },
    #[error("files of type {extension:?} are not accepted as evidence")]
    Unsupported { extension: String },
    #[error("the file is empty")]
    Empty,
    #[error("the upload failed: {0}")]
    Io(#[from] std::io::Error),
}

impl EvidenceError {
    pub fn key(&self) -> &'static str {
        match self {
            EvidenceError::TooLarge { .. } => "evidence.too_large",
            EvidenceError::Mismatch { .. } => "evidence.mismatch",
            EvidenceError::Unsupported { .. } => "evidence.unsupported",
            EvidenceError::Empty => "evidence.empty",
            EvidenceError::Io(e) if is_disk_full(e) => "evidence.disk_full",
            EvidenceError::Io(_) => "evidence.io",
        }
    }
}

/// No space left for the file (or the user's quota).
fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

/// A file stored by [`EvidenceStore::put`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub sha256: String,
    pub size: u64,
    /// Sniffed from the content.
    pub mime: String,
    /// Relative to the data directory, with `/` separators.
    pub relative_path: String,
}

/// Evidence files under a data directory.
#[derive(Debug, Clone)]
pub struct EvidenceStore {
    data_dir: PathBuf,
    limit: u64,
    /// Requests under way that stored each file (by its relative path), not yet released.
    claims: Arc<tokio::sync::Mutex<HashMap<String, u32>>>,
}

static TEMP_SEQ: AtomicU64 = AtomicU64::new(0);

/// Removes the temporary file unless disarmed.
struct TempGuard(Option<PathBuf>);

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// OOXML files sniff as plain zip when their parts come in an unusual order; the part
/// names in the head tell them apart.
fn sniff(head: &[u8]) -> Option<String> {
    let kind = infer::get(head)?;
    let mime = kind.mime_type();
    if mime == "application/zip" {
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        if has(b"word/") {
            return Some(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
            );
        }
        if has(b"xl/") {
            return Some(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into(),
            );
        }
    }
    Some(mime.to_string())
}

impl EvidenceStore {
    pub fn new(data_dir: impl Into<PathBuf>, limit: u64) -> EvidenceStore {
        EvidenceStore {
            data_dir: data_dir.into(),
            limit,
            claims: Arc::default(),
        }
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Removes upload leftovers (`evidence/tmp/*.part`) older than `older_than`: a crash or
    /// a kill in the middle of an upload leaves its part file behind, and nothing else
    /// would ever remove it. Younger ones may be another server's upload in progress.
    /// Returns how many were removed; a directory that cannot be read removes none.
    pub fn sweep_partials(&self, older_than: std::time::Duration) -> usize {
        let Ok(entries) = std::fs::read_dir(self.data_dir.join("evidence").join("tmp")) else {
            return 0;
        };
        let now = std::time::SystemTime::now();
        entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
            .filter(|e| {
                e.metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_some_and(|age| age >= older_than)
            })
            .filter(|e| std::fs::remove_file(e.path()).is_ok())
            .count()
    }

    /// Whether a file can be written where uploads go: one block written, synced and
    /// removed (`/healthz`). A full disk fails here before a user's upload does.
    pub async fn probe_write(&self) -> std::io::Result<()> {
        let dir = self.data_dir.join("evidence").join("tmp");
        tokio::fs::create_dir_all(&dir).await?;
        let path = dir.join(format!("healthz-{}.probe", std::process::id()));
        let written = async {
            let mut f = tokio::fs::File::create(&path).await?;
            f.write_all(&[0u8; 4096]).await?;
            f.sync_all().await
        }
        .await;
        let _ = tokio::fs::remove_file(&path).await;
        written
    }

    /// The file behind a stored relative path (None for paths that leave the store).
    pub fn path_of(&self, relative: &str) -> Option<PathBuf> {
        let ok = relative.starts_with("evidence/")
            && relative
                .split('/')
                .all(|c| !c.is_empty() && c != ".." && c != ".");
        ok.then(|| self.data_dir.join(relative))
    }

    /// Ends the claims a request's `put`s took, once its rows naming the files are
    /// committed (or it keeps them for another reason).
    pub async fn release<'a>(&self, files: impl IntoIterator<Item = &'a StoredFile>) {
        let mut claims = self.claims.lock().await;
        for f in files {
            unclaim(&mut claims, &f.relative_path);
        }
    }

    /// Ends a request's claims on files it recorded nothing for (a refused report, or one
    /// an earlier submit of the same form filed), and removes each from disk unless
    /// another request still claims it or a row names it. Returns how many were removed;
    /// a failure leaves the file and is logged.
    pub async fn discard(&self, files: &[StoredFile], db: &crate::Store) -> usize {
        let mut claims = self.claims.lock().await;
        let mut loose: Vec<StoredFile> = Vec::new();
        for f in files {
            if !unclaim(&mut claims, &f.relative_path) && !loose.contains(f) {
                loose.push(f.clone());
            }
        }
        if loose.is_empty() {
            return 0;
        }
        // Still under the lock: no `put` can place these bytes again, and no claim can be
        // released after its rows, until the files are gone.
        let unreferenced = match db.unreferenced_files(&loose).await {
            Ok(u) => u,
            Err(e) => {
                tracing::warn!(error = %e, "refused uploads left on disk");
                return 0;
            }
        };
        let mut removed = 0;
        for f in unreferenced {
            match self.remove(&f).await {
                Ok(()) => removed += 1,
                Err(e) => {
                    tracing::warn!(error = %e, file = %f.relative_path, "refused upload left on disk")
                }
            }
        }
        removed
    }

    /// Removes a stored file; one already gone is not an error.
    async fn remove(&self, stored: &StoredFile) -> std::io::Result<()> {
        let Some(path) = self.path_of(&stored.relative_path) else {
            return Ok(());
        };
        match tokio::fs::remove_file(path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Whether `name`'s extension is accepted at all (to refuse early, before streaming).
    pub fn accepts_name(name: &str) -> bool {
        let ext = extension(name);
        ACCEPTED.iter().any(|(e, _)| *e == ext)
    }

    /// Streams `reader` into the store. See the module documentation.
    pub async fn put<R: AsyncRead + Unpin>(
        &self,
        mut reader: R,
        original_name: &str,
    ) -> Result<StoredFile, EvidenceError> {
        let ext = extension(original_name);
        let expected = ACCEPTED
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, m)| *m)
            .ok_or_else(|| EvidenceError::Unsupported {
                extension: ext.clone(),
            })?;
        let tmp_dir = self.data_dir.join("evidence").join("tmp");
        tokio::fs::create_dir_all(&tmp_dir).await?;
        // Unique across processes sharing the directory; no clock needed.
        let nonce = domain::password::generate_token()
            .map(|t| t.chars().take(16).collect::<String>())
            .unwrap_or_default();
        let tmp = tmp_dir.join(format!(
            "{}-{}-{}.part",
            std::process::id(),
            nonce,
            TEMP_SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        let mut guard = TempGuard(Some(tmp.clone()));
        let mut file = tokio::fs::File::create(&tmp).await?;
        let mut hasher = Sha256::new();
        let mut head: Vec<u8> = Vec::with_capacity(HEAD);
        let mut size: u64 = 0;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = reader.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            size += n as u64;
            if size > self.limit {
                return Err(EvidenceError::TooLarge { limit: self.limit });
            }
            let chunk = &buf[..n];
            if head.len() < HEAD {
                let take = (HEAD - head.len()).min(n);
                head.extend_from_slice(&chunk[..take]);
            }
            hasher.update(chunk);
            file.write_all(chunk).await?;
        }
        if size == 0 {
            return Err(EvidenceError::Empty);
        }
        let detected = sniff(&head).unwrap_or_else(|| "application/octet-stream".into());
        if !expected.contains(&detected.as_str()) {
            return Err(EvidenceError::Mismatch {
                name: original_name.to_string(),
                detected,
            });
        }
        file.flush().await?;
        file.sync_all().await?;
        drop(file);
        let sha: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let relative_path = format!("evidence/{}/{}", &sha[..2], &sha[2..]);
        let dest = self.data_dir.join(&relative_path);
        if let Some(dir) = dest.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        // Placed and claimed in one step: see the module documentation.
        let mut claims = self.claims.lock().await;
        if tokio::fs::try_exists(&dest).await? {
            // Same bytes already stored: the guard removes the copy.
        } else {
            tokio::fs::rename(&tmp, &dest).await?;
            guard.0 = None;
        }
        *claims.entry(relative_path.clone()).or_default() += 1;
        drop(claims);
        drop(guard);
        Ok(StoredFile {
            sha256: sha,
            size,
            mime: detected,
            relative_path,
        })
    }
}

/// Takes one claim off `path`; whether others are left.
fn unclaim(claims: &mut HashMap<String, u32>, path: &str) -> bool {
    match claims.get_mut(path) {
        Some(n) if *n > 1 => {
            *n -= 1;
            true
        }
        Some(_) => {
            claims.remove(path);
            false
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use tokio::io::ReadBuf;

    fn data_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "sangtao-evidence-{tag}-{}-{}",
            std::process::id(),
            TEMP_SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    /// Every file under `dir`, temporary ones included.
    fn files(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p);
                }
            }
        }
        out
    }

    fn png() -> Vec<u8> {
        let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        v.extend_from_slice(&[0, 0, 0, 13, b'I', b'H', b'D', b'R']);
        v.extend(std::iter::repeat_n(7u8, 5000));
        v
    }

    fn pdf() -> Vec<u8> {
        b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec()
    }

    #[tokio::test]
    async fn stores_content_addressed_and_deduplicates() {
        let dir = data_dir("ok");
        let store = EvidenceStore::new(&dir, DEFAULT_LIMIT);
        let a = store.put(&png()[..], "Ảnh hội nghị.PNG").await.unwrap();
        assert_eq!(a.mime, "image/png");
        assert_eq!(a.size, png().len() as u64);
        assert_eq!(a.sha256.len(), 64);
        assert_eq!(
            a.relative_path,
            format!("evidence/{}/{}", &a.sha256[..2], &a.sha256[2..])
        );
        let path = store.path_of(&a.relative_path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), png());
        let b = store.put(&png()[..], "copy.png").await.unwrap();
        assert_eq!(a, b);
        let p = store.put(&pdf()[..], "bao-cao.pdf").await.unwrap();
        assert_eq!(p.mime, "application/pdf");
        assert_eq!(files(&dir).len(), 2, "two distinct files, no temporaries");
        assert!(store.path_of("evidence/../../etc/passwd").is_none());
        assert!(store.path_of("/etc/passwd").is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test]
    async fn a_stored_file_is_removed_and_a_gone_one_is_no_error() {
        let dir = data_dir("remove");
        let store = EvidenceStore::new(&dir, DEFAULT_LIMIT);
        let a = store.put(&png()[..], "a.png").await.unwrap();
        store.remove(&a).await.unwrap();
        assert!(files(&dir).is_empty());
        store.remove(&a).await.unwrap();
        let outside = StoredFile {
            relative_path: "../outside".into(),
            ..a
        };
        store.remove(&outside).await.unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test]
    async fn over_the_limit_is_refused_and_leaves_nothing() {
        let dir = data_dir("big");
        let store = EvidenceStore::new(&dir, 1000);
        let e = store.put(&png()[..], "big.png").await.unwrap_err();
        assert!(matches!(e, EvidenceError::TooLarge { limit: 1000 }), "{e}");
        assert_eq!(e.key(), "evidence.too_large");
        assert!(files(&dir).is_empty());
    }

    #[tokio::test]
    async fn content_must_match_the_name() {
        let dir = data_dir("mismatch");
        let store = EvidenceStore::new(&dir, DEFAULT_LIMIT);
        let e = store.put(&pdf()[..], "photo.jpg").await.unwrap_err();
        assert!(matches!(e, EvidenceError::Mismatch { .. }), "{e}");
        let e = store
            .put(&b"MZ\x90\x00 not a document"[..], "report.docx")
            .await
            .unwrap_err();
        assert!(matches!(e, EvidenceError::Mismatch { .. }), "{e}");
        let e = store.put(&b"#!/bin/sh\n"[..], "run.sh").await.unwrap_err();
        assert!(matches!(e, EvidenceError::Unsupported { .. }), "{e}");
        let e = store.put(&b""[..], "empty.pdf").await.unwrap_err();
        assert!(matches!(e, EvidenceError::Empty), "{e}");
        assert!(files(&dir).is_empty());
    }

    /// Yields some bytes, then fails like a dropped connection.
    struct CutOff {
        sent: bool,
    }

    impl AsyncRead for CutOff {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            if self.sent {
                return Poll::Ready(Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "client went away",
                )));
            }
            self.sent = true;
            buf.put_slice(&png()[..3000]);
            Poll::Ready(Ok(()))
        }
    }

    #[tokio::test]
    async fn a_cut_off_upload_leaves_no_file() {
        let dir = data_dir("cut");
        let store = EvidenceStore::new(&dir, DEFAULT_LIMIT);
        let e = store
            .put(CutOff { sent: false }, "half.png")
            .await
            .unwrap_err();
        assert!(matches!(e, EvidenceError::Io(_)), "{e}");
        assert!(files(&dir).is_empty(), "{:?}", files(&dir));
    }

    #[tokio::test]
    async fn office_documents_are_recognised() {
        // A minimal zip whose first entry is word/document.xml.
        let dir = data_dir("docx");
        let store = EvidenceStore::new(&dir, DEFAULT_LIMIT);
        let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        zip.extend_from_slice(&[0; 16]);
        zip.extend_from_slice(&[17, 0, 0, 0]);
        zip.extend_from_slice(b"word/document.xml");
        zip.extend(std::iter::repeat_n(0u8, 200));
        let f = store.put(&zip[..], "Báo cáo.docx").await.unwrap();
        assert!(f.mime.contains("wordprocessingml"), "{}", f.mime);
        let e = store.put(&zip[..], "bang.xlsx").await.unwrap_err();
        assert!(matches!(e, EvidenceError::Mismatch { .. }));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn old_upload_leftovers_are_swept_and_young_ones_kept() {
        let dir = data_dir("sweep");
        let store = EvidenceStore::new(&dir, DEFAULT_LIMIT);
        assert_eq!(
            store.sweep_partials(std::time::Duration::from_secs(3600)),
            0
        );
        let tmp = dir.join("evidence").join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let old = tmp.join("1-old.part");
        let young = tmp.join("2-young.part");
        let other = tmp.join("keep.txt");
        for f in [&old, &young, &other] {
            std::fs::write(f, b"x").unwrap();
        }
        let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
        for f in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(day_ago)
                .unwrap();
        }
        assert_eq!(
            store.sweep_partials(std::time::Duration::from_secs(3600)),
            1
        );
        assert!(!old.exists() && young.exists() && other.exists());
    }
}

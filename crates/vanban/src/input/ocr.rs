//! Scanned PDFs read by OCR. The one place where the reader runs other programs:
//! `pdftoppm` (Debian's poppler-utils) renders the pages, `tesseract` with its Vietnamese
//! data (`tesseract-ocr-vie`) reads them. Without them a scan stays
//! [`super::ReadError::NoTextLayer`].

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// At most this many pages are read: a plan is far shorter, and OCR takes seconds a page.
const MAX_PAGES: usize = 60;

/// Whether `pdftoppm` runs and `tesseract` has Vietnamese.
pub fn available() -> bool {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .stdin(Stdio::null())
            .output()
            .ok()
    };
    let tesseract = runs("tesseract", "--list-langs").is_some_and(|o| {
        o.status.success()
            && String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "vie")
    });
    tesseract && runs("pdftoppm", "-v").is_some()
}

/// The text of a scanned PDF, page by page (pages separated by form feeds).
pub fn ocr_pdf(bytes: &[u8]) -> Result<String, String> {
    let dir = Scratch::new()?;
    let pdf = dir.0.join("scan.pdf");
    std::fs::write(&pdf, bytes).map_err(|e| e.to_string())?;
    let rendered = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-png", "-l", &MAX_PAGES.to_string()])
        .arg(&pdf)
        .arg(dir.0.join("page"))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("pdftoppm: {e}"))?;
    if !rendered.status.success() {
        return Err(format!(
            "pdftoppm: {}",
            String::from_utf8_lossy(&rendered.stderr).trim()
        ));
    }
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir.0)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    // "page-1.png" … "page-10.png": by number, not by name.
    pages.sort_by_key(|p| page_number(p));
    let mut text = String::new();
    for page in pages {
        let out = Command::new("tesseract")
            .arg(&page)
            .args(["stdout", "-l", "vie"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("tesseract: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "tesseract: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        if !text.is_empty() {
            text.push('\u{c}');
            text.push('\n');
        }
        text.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    Ok(text)
}

fn page_number(p: &Path) -> usize {
    p.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.rsplit('-').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A directory of its own under the system's temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch, String> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "vanban-ocr-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

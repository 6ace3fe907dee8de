//! PDF: the text layer read with its positions (`pdf-extract` walks the content
//! streams, [`super::pdf_layout`] puts the glyphs back into lines, columns and tables).
//! `pdf-extract` can panic on malformed files: the panic is caught and reported as an
//! error, and its message is kept off stderr.

use super::ReadError;
use super::pdf_layout::LayoutOutput;

/// Text of a PDF: paragraphs as wrapped lines, tables as " | " rows, running headers,
/// footers and page numbers dropped. A PDF that needs a password, or whose pages hold
/// no text (a scan), is refused with its own error.
pub fn pdf_text(bytes: &[u8], name: &str) -> Result<String, ReadError> {
    let err = |message: String| ReadError::Pdf {
        name: name.to_string(),
        message,
    };
    quiet_panics::install();
    let owned = bytes.to_vec();
    let result = quiet_panics::run(move || -> Result<_, Outcome> {
        let mut doc =
            pdf_extract::Document::load_mem(&owned).map_err(|e| classify(e.to_string()))?;
        // lopdf opens a file protected with the empty password itself, and removes the
        // trailer's /Encrypt; one that is still there needs a password.
        let locked = doc.trailer.get(b"Encrypt").is_ok() || doc.is_encrypted();
        if locked && doc.decrypt("").is_err() {
            return Err(Outcome::Encrypted);
        }
        let pages = doc.get_pages().len();
        let mut out = LayoutOutput::default();
        pdf_extract::output_doc(&doc, &mut out).map_err(|e| Outcome::Failed(e.to_string()))?;
        Ok((pages, out.text()))
    });
    match result {
        Some(Ok((pages, text))) if text.trim().is_empty() && pages > 0 => {
            Err(ReadError::NoTextLayer {
                name: name.to_string(),
                pages,
            })
        }
        Some(Ok((_, text))) => Ok(text),
        Some(Err(Outcome::Encrypted)) => Err(ReadError::Encrypted {
            name: name.to_string(),
        }),
        Some(Err(Outcome::Failed(message))) => Err(err(message)),
        None => Err(err("the PDF's structure could not be decoded".into())),
    }
}

enum Outcome {
    Encrypted,
    Failed(String),
}

/// lopdf refuses some encrypted files while loading them.
fn classify(message: String) -> Outcome {
    if message.to_ascii_lowercase().contains("decrypt") || message.contains("ncrypt") {
        Outcome::Encrypted
    } else {
        Outcome::Failed(message)
    }
}

/// A panic hook that stays silent for panics inside [`quiet_panics::run`] on the same
/// thread and defers to the previous hook otherwise (safe with many threads).
mod quiet_panics {
    use std::cell::Cell;
    use std::sync::Once;

    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static INSTALL: Once = Once::new();

    pub fn install() {
        INSTALL.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !QUIET.with(Cell::get) {
                    previous(info);
                }
            }));
        });
    }

    pub fn run<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
        QUIET.with(|q| q.set(true));
        let r = std::panic::catch_unwind(f).ok();
        QUIET.with(|q| q.set(false));
        r
    }
}

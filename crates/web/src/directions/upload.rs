//! Reading a direction form that carries files (`multipart/form-data`, the CSRF token in
//! the action's query string). The text fields come first in the form and are read
//! whole (bounded); before the first file is stored the caller checks them, so a form
//! that does not read stores nothing. Each file streams into the evidence store and is
//! checked there against the evidence limit and its name.

use crate::AppState;
use crate::i18n::Worded;
use crate::session::Ctx;
use axum::extract::Multipart;
use axum::extract::multipart::Field;
use store::NewDirectionFile;
use store::evidence_store::EvidenceError;

/// Text fields are small; anything bigger is not a form a person filled in.
const TEXT_FIELD_LIMIT: usize = 16 * 1024;

/// What was sent: the text fields in order, the files stored, and why reading stopped
/// early (the message to show), if it did.
pub(crate) struct Sent {
    pub pairs: Vec<(String, String)>,
    pub files: Vec<NewDirectionFile>,
    pub error: Option<String>,
}

/// Reads the form. `check` sees the text fields before the first file is stored; its
/// `Err` stops the reading (no file is stored) and is kept as the error.
pub(crate) async fn read(
    app: &AppState,
    ctx: &Ctx,
    mut multipart: Multipart,
    check: impl Fn(&[(String, String)]) -> Result<(), String>,
) -> Sent {
    let mut sent = Sent {
        pairs: Vec::new(),
        files: Vec::new(),
        error: None,
    };
    let mut budget = crate::upload_text::TextBudget::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                tracing::info!(error = %e, "upload cut off");
                sent.error = Some(EvidenceError::Io(std::io::Error::other(e)).message(ctx.lang));
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let step = match field.file_name().map(str::to_string) {
            None => match budget.read(field, TEXT_FIELD_LIMIT).await {
                Ok(v) => {
                    sent.pairs.push((name, v));
                    Ok(())
                }
                Err(key) => Err(ctx.tr().t(key).to_string()),
            },
            Some(file) if file.is_empty() => Ok(()),
            Some(_) if sent.files.len() as u64 >= crate::MAX_FILES_PER_UPLOAD => {
                Err(ctx.tr().t("report.too_many_files").to_string())
            }
            Some(file) => match check(&sent.pairs) {
                Ok(()) => match store_file(app, ctx, field, &file).await {
                    Ok(f) => {
                        sent.files.push(f);
                        Ok(())
                    }
                    Err(msg) => Err(msg),
                },
                Err(msg) => Err(msg),
            },
        };
        if let Err(msg) = step {
            sent.error = Some(msg);
            crate::upload_text::drain(&mut multipart).await;
            break;
        }
    }
    sent
}

async fn store_file(
    app: &AppState,
    ctx: &Ctx,
    field: Field<'_>,
    name: &str,
) -> Result<NewDirectionFile, String> {
    let stored = crate::evidence::store_field(app, ctx, field, name).await?;
    Ok(NewDirectionFile {
        stored,
        original_name: name.to_string(),
    })
}

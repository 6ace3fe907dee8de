//! A dossier step's documents: uploaded (multipart, streamed into the evidence store as
//! the city letters' files are), downloaded by whoever reads the dossiers, removed by the
//! Board and admins.

use super::show::{Typed, page};
use crate::AppState;
use crate::cities::{require_edit, require_view};
use crate::directions::upload;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::session::{Signed, redirect};
use axum::extract::{Multipart, State};
use axum::response::Response;

/// `POST /candidacies/{id}/documents` (multipart: `step`, `file`).
pub async fn add(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let sent = upload::read(&app, &ctx, multipart, |_| Ok(())).await;
    let step = sent
        .pairs
        .iter()
        .find(|(k, _)| k == "step")
        .and_then(|(_, v)| v.trim().parse::<i64>().ok());
    let refusal = sent.error.clone().or_else(|| {
        sent.files
            .is_empty()
            .then(|| ctx.tr().t("cities.pick_file").to_string())
    });
    let answer = match (refusal, sent.files.first(), step) {
        (None, Some(f), Some(step)) => {
            match app
                .store()
                .add_candidacy_document(id, step, f, &user.actor)
                .await
            {
                Ok(_) => Ok(redirect(&ctx, &format!("/candidacies/{id}#step-{step}"))),
                Err(e) => Err(e.into()),
            }
        }
        (message, _, _) => {
            let message =
                message.unwrap_or_else(|| ctx.tr().t("candidacies.pick_step").to_string());
            let mut errors = FieldErrors::new();
            errors.add("f-file", message);
            page(&app, &ctx, &user, id, Typed::default(), errors).await
        }
    };
    // Kept or not, this request is done with its files (see `EvidenceStore`).
    app.evidence()
        .release(sent.files.iter().map(|f| &f.stored))
        .await;
    answer
}

/// `GET /candidacy-documents/{id}/file`.
pub async fn download(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(doc): Id<i64>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let (d, path) = app
        .store()
        .candidacy_document(doc)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::evidence::serve(&app, &path, &d.mime, d.size, &d.name).await
}

/// `POST /candidacy-documents/{id}/delete`.
pub async fn remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(doc): Id<i64>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let id = app
        .store()
        .remove_candidacy_document(doc, &user.actor)
        .await?;
    Ok(redirect(&ctx, &format!("/candidacies/{id}")))
}

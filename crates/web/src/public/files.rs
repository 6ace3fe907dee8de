//! The files of public entries: only those `Store::public_file` hands out (a file of a
//! visible entry), through `evidence::serve` with its headers. The smaller copies of an
//! image are JPEGs.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use domain::media::MediaFileId;

/// Which of a file's forms is asked for.
#[derive(Clone, Copy)]
enum Form {
    Original,
    Thumb,
    Screen,
}

async fn serve(
    app: &AppState,
    headers: &HeaderMap,
    id: MediaFileId,
    copy: Form,
) -> Result<Response, AppError> {
    let f = app
        .store()
        .public_file(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (path, mime, size) = match copy {
        Form::Original => (f.stored_path.clone(), f.mime.as_str(), f.size),
        Form::Thumb | Form::Screen => {
            let path = match copy {
                Form::Thumb => f.thumb_path.clone(),
                _ => f.screen_path.clone(),
            };
            let path = path.ok_or(AppError::NotFound)?;
            let on_disk = app
                .evidence()
                .path_of(&path)
                .ok_or_else(|| AppError::Internal(format!("{path}: bad stored path")))?;
            let size = tokio::fs::metadata(&on_disk)
                .await
                .map_err(|e| AppError::Internal(format!("{path}: {e}")))?
                .len();
            (path, "image/jpeg", i64::try_from(size).unwrap_or(i64::MAX))
        }
    };
    // Originals (clips, the documentary, PDFs) answer ranges, so that a player can seek.
    let mut r = match copy {
        Form::Original => {
            crate::evidence::serve_ranged(app, headers, &path, mime, size, &f.original_name).await?
        }
        _ => crate::evidence::serve(app, &path, mime, size, &f.original_name).await?,
    };
    // Anyone may keep it, for as long as a page (a withdrawal shows within a minute).
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(super::cache::CACHE_CONTROL),
    );
    Ok(r)
}

pub async fn original(
    State(app): State<AppState>,
    headers: HeaderMap,
    Id(id): Id<MediaFileId>,
) -> Result<Response, AppError> {
    serve(&app, &headers, id, Form::Original).await
}

pub async fn thumb(
    State(app): State<AppState>,
    headers: HeaderMap,
    Id(id): Id<MediaFileId>,
) -> Result<Response, AppError> {
    serve(&app, &headers, id, Form::Thumb).await
}

pub async fn screen(
    State(app): State<AppState>,
    headers: HeaderMap,
    Id(id): Id<MediaFileId>,
) -> Result<Response, AppError> {
    serve(&app, &headers, id, Form::Screen).await
}

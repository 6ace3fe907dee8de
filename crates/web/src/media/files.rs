//! A work's files: the upload (several files under one stage, streamed to the evidence
//! store; a photo also gets its thumbnail and screen copy), and the downloads, only to
//! those who may see the work.

use super::images::{self, CopyError};
use super::show::{Refused, page};
use super::{back, editable_work, lead};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::session::{Ctx, Signed};
use axum::extract::{Multipart, State};
use axum::response::Response;
use domain::media::{self, MediaFileId, MediaStage, MediaWorkId};
use store::NewMediaFile;
use store::evidence_store::StoredFile;

pub async fn upload(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<MediaWorkId>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let w = editable_work(&app, &user, id).await?;
    let (stage, files) = match read_upload(&app, &ctx, multipart, w.stage).await {
        Ok(read) => read,
        Err(message) => {
            let refused = Refused {
                form: "files",
                message,
                posted: Vec::new(),
            };
            return page(&app, &ctx, &user, id, Some(refused)).await;
        }
    };
    let added = app
        .store()
        .add_media_files(id, stage, &files, &user.actor)
        .await;
    let stored: Vec<StoredFile> = files.iter().flat_map(stored_of).collect();
    match added {
        Ok(_) => {
            app.evidence().release(&stored).await;
            Ok(back(&ctx, id, "uploaded"))
        }
        Err(e) => {
            app.evidence().discard(&stored, app.store()).await;
            let message = AppError::from(e).into_form_message(&ctx)?;
            let refused = Refused {
                form: "files",
                message,
                posted: Vec::new(),
            };
            page(&app, &ctx, &user, id, Some(refused)).await
        }
    }
}

/// A file as stored, with its copies.
fn stored_of(f: &NewMediaFile) -> impl Iterator<Item = StoredFile> + '_ {
    std::iter::once(&f.file)
        .chain(f.thumb.as_ref())
        .chain(f.screen.as_ref())
        .cloned()
}

/// The form's stage (the work's own when none is sent) and its files, each stored with
/// its copies. `Err` is the message to show; whatever was stored is then let go.
async fn read_upload(
    app: &AppState,
    ctx: &Ctx,
    mut multipart: Multipart,
    current: MediaStage,
) -> Result<(MediaStage, Vec<NewMediaFile>), String> {
    let read = read_parts(app, ctx, &mut multipart).await;
    let (stage, originals) = match read {
        Ok(r) => r,
        Err((message, stored)) => {
            crate::upload_text::drain(&mut multipart).await;
            app.evidence().discard(&stored, app.store()).await;
            return Err(message);
        }
    };
    let stage = match stage.as_deref().map(str::parse::<MediaStage>) {
        None => current,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            app.evidence()
                .discard(&only_files(originals), app.store())
                .await;
            return Err(ctx.tr().t("media.pick_stage").to_string());
        }
    };
    let mut files = Vec::new();
    for (file, name) in originals {
        files.push(with_copies(app, file, name).await);
    }
    Ok((stage, files))
}

fn only_files(files: Vec<(StoredFile, String)>) -> Vec<StoredFile> {
    files.into_iter().map(|(f, _)| f).collect()
}

/// The stage field and every file stored; on a refusal, the message and what was stored.
type Parts = (Option<String>, Vec<(StoredFile, String)>);

async fn read_parts(
    app: &AppState,
    ctx: &Ctx,
    multipart: &mut Multipart,
) -> Result<Parts, (String, Vec<StoredFile>)> {
    let (mut stage, mut files) = (None, Vec::new());
    let mut budget = crate::upload_text::TextBudget::default();
    let refuse = |key: &str, files: Vec<(StoredFile, String)>| {
        (ctx.tr().t(key).to_string(), only_files(files))
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                tracing::info!(error = %e, "upload cut off");
                return Err(refuse("report.cut_off", files));
            }
        };
        match field.file_name().map(str::to_string) {
            None => {
                let is_stage = field.name() == Some("stage");
                // The form's text fields are short codes; anything long is refused.
                match budget.read(field, 64).await {
                    Ok(text) if is_stage => stage = Some(text),
                    Ok(_) => {}
                    Err(key) => return Err(refuse(key, files)),
                }
            }
            Some(name) if name.is_empty() => {}
            Some(_) if files.len() as u64 >= crate::MAX_FILES_PER_UPLOAD => {
                return Err(refuse("media.too_many_files", files));
            }
            Some(name) => match crate::evidence::store_field(app, ctx, field, &name).await {
                Ok(stored) => files.push((stored, name)),
                Err(message) => return Err((message, only_files(files))),
            },
        }
    }
    if files.is_empty() {
        return Err(refuse("media.pick_file", files));
    }
    Ok((stage, files))
}

/// The file, with a photo's thumbnail and screen copy when it decodes. A photo that does
/// not (corrupt, a format the decoder lacks, too many pixels) is kept without them.
async fn with_copies(app: &AppState, file: StoredFile, name: String) -> NewMediaFile {
    let mut out = NewMediaFile {
        file,
        original_name: name,
        thumb: None,
        screen: None,
        width: None,
        height: None,
    };
    let (Some(format), Some(path)) = (
        images::format_of(&out.file.mime),
        app.evidence().path_of(&out.file.relative_path),
    ) else {
        return out;
    };
    let made = tokio::task::spawn_blocking(move || images::copies_of_file(&path, format)).await;
    let copies = match made {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => return kept_without_copies(out, &e),
        Err(e) => {
            tracing::warn!(error = %e, file = %out.original_name, "photo copies failed");
            return out;
        }
    };
    let evidence = app.evidence();
    let thumb = evidence.put(copies.thumb.as_slice(), "thumb.jpg").await;
    let screen = evidence.put(copies.screen.as_slice(), "screen.jpg").await;
    match (thumb, screen) {
        (Ok(t), Ok(s)) => {
            out.thumb = Some(t);
            out.screen = Some(s);
            out.width = Some(i64::from(copies.width));
            out.height = Some(i64::from(copies.height));
        }
        (t, s) => {
            tracing::warn!(file = %out.original_name, "photo copies not stored");
            let stored: Vec<StoredFile> = [t, s].into_iter().flatten().collect();
            evidence.discard(&stored, app.store()).await;
        }
    }
    out
}

fn kept_without_copies(out: NewMediaFile, e: &CopyError) -> NewMediaFile {
    tracing::info!(error = %e, file = %out.original_name, "photo kept without copies");
    out
}

/// Which of a file's forms is asked for.
#[derive(Clone, Copy)]
enum Which {
    Original,
    Thumb,
    Screen,
}

pub async fn original(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(id): Id<MediaFileId>,
) -> Result<Response, AppError> {
    serve(&app, &user, id, Which::Original).await
}

pub async fn thumb(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(id): Id<MediaFileId>,
) -> Result<Response, AppError> {
    serve(&app, &user, id, Which::Thumb).await
}

pub async fn screen(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(id): Id<MediaFileId>,
) -> Result<Response, AppError> {
    serve(&app, &user, id, Which::Screen).await
}

/// The file (or its copy) if the user may see its work.
async fn serve(
    app: &AppState,
    user: &crate::session::SessionUser,
    id: MediaFileId,
    which: Which,
) -> Result<Response, AppError> {
    let (f, unit) = app
        .store()
        .media_file(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !media::can_view_work(&user.actor, &lead(unit)) {
        return Err(AppError::Forbidden);
    }
    let stem = f
        .original_name
        .rsplit_once('.')
        .map_or(f.original_name.as_str(), |(s, _)| s);
    let (path, name) = match which {
        Which::Original => {
            let (path, mime) = (&f.stored_path, &f.mime);
            return crate::evidence::serve(app, path, mime, f.size, &f.original_name).await;
        }
        Which::Thumb => (f.thumb_path.as_ref(), format!("{stem}-320.jpg")),
        Which::Screen => (f.screen_path.as_ref(), format!("{stem}-1280.jpg")),
    };
    let path = path.ok_or(AppError::NotFound)?;
    let on_disk = app.evidence().path_of(path).ok_or(AppError::NotFound)?;
    let size = tokio::fs::metadata(&on_disk)
        .await
        .map_err(|e| AppError::Internal(format!("media file {}: {e}", id.0)))?
        .len();
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    crate::evidence::serve(app, path, "image/jpeg", size, &name).await
}

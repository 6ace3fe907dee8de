//! Letters and MoUs on a city's page: the letter form (multipart: its file comes with it,
//! streamed into the evidence store as the directions' files are, `directions::upload`),
//! a file attached afterwards to a recorded letter, and the file's download for whoever
//! reads the directory.

use super::show::{Shown, page};
use super::{require_edit, require_view};
use crate::AppState;
use crate::directions::upload;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::session::{Ctx, SessionUser, Signed, redirect};
use axum::extract::{Multipart, State};
use axum::response::Response;
use domain::CityId;
use domain::cities::{LetterDraft, LetterField};

/// "thư-mời.pdf, 120 KB".
pub(super) fn file_label(name: &str, size: i64) -> String {
    format!("{name}, {}", crate::items::size_text(size))
}

/// The form field each letter error goes beside.
fn letter_field(f: LetterField) -> &'static str {
    match f {
        LetterField::Kind => "l-kind",
        LetterField::Direction => "l-direction",
        LetterField::Date => "l-date",
        LetterField::Title => "l-title",
    }
}

/// `POST /cities/{id}/letters` (multipart): the letter, with its file when one is picked.
/// A letter that does not read stores no file; a refused file keeps what was typed.
pub async fn add(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CityId>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let check = |pairs: &[(String, String)]| {
        let draft = Posted::<LetterDraft>::from_pairs(pairs.to_vec()).map_err(|_| String::new())?;
        draft.form.check().map(|_| ()).map_err(|_| String::new())
    };
    let sent = upload::read(&app, &ctx, multipart, check).await;
    let files = sent.files.clone();
    let answer = record(&app, &ctx, &user, id, sent).await;
    // Recorded or not, this request is done with its files (see `EvidenceStore`).
    app.evidence()
        .release(files.iter().map(|f| &f.stored))
        .await;
    answer
}

/// Records what [`add`] read.
async fn record(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: CityId,
    sent: upload::Sent,
) -> Result<Response, AppError> {
    let Posted { form, .. } = Posted::<LetterDraft>::from_pairs(sent.pairs)?;
    let again = |letter: LetterDraft, errors: FieldErrors| Shown {
        letter,
        errors,
        ..Shown::fresh(1)
    };
    let input = match form.check() {
        Ok(i) => i,
        Err(list) => {
            let mut errors = FieldErrors::new();
            for (f, e) in list {
                errors.add(letter_field(f), e.message(ctx.lang));
            }
            return page(app, ctx, user, id, again(form, errors)).await;
        }
    };
    if let Some(message) = sent.error {
        let mut errors = FieldErrors::new();
        errors.add("l-file", message);
        return page(app, ctx, user, id, again(form, errors)).await;
    }
    match app
        .store()
        .add_letter(id, &input, sent.files.first(), &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(ctx, &format!("/cities/{id}#timeline"))),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(ctx)?;
            page(app, ctx, user, id, again(form, FieldErrors::whole(msg))).await
        }
    }
}

/// `POST /city-letters/{id}/file` (multipart): a file for a recorded letter (it replaces
/// the letter's file); back to the city's timeline, or the refusal beside the form.
pub async fn attach(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(letter): Id<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let (rec, _) = app
        .store()
        .city_letter(letter)
        .await?
        .ok_or(AppError::NotFound)?;
    let sent = upload::read(&app, &ctx, multipart, |_| Ok(())).await;
    let refusal = sent.error.clone().or_else(|| {
        sent.files
            .is_empty()
            .then(|| ctx.tr().t("cities.pick_file").to_string())
    });
    let answer = match (refusal, sent.files.first()) {
        (None, Some(f)) => match app.store().attach_letter_file(letter, f, &user.actor).await {
            Ok(city) => Ok(redirect(&ctx, &format!("/cities/{city}#timeline"))),
            Err(e) => Err(e.into()),
        },
        (message, _) => {
            let message = message.unwrap_or_else(|| ctx.tr().t("cities.pick_file").to_string());
            let shown = Shown {
                attach_error: Some((letter, message)),
                ..Shown::fresh(1)
            };
            page(&app, &ctx, &user, rec.city, shown).await
        }
    };
    app.evidence()
        .release(sent.files.iter().map(|f| &f.stored))
        .await;
    answer
}

/// `GET /city-letters/{id}/file`: the letter's file, to whoever reads the directory.
pub async fn download(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(letter): Id<i64>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let (rec, path) = app
        .store()
        .city_letter(letter)
        .await?
        .ok_or(AppError::NotFound)?;
    let (Some(file), Some(path)) = (rec.file, path) else {
        return Err(AppError::NotFound);
    };
    crate::evidence::serve(&app, &path, &file.mime, file.size, &file.name).await
}

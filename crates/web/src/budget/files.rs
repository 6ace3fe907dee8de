//! A contract's files: the signed contract and its payments' documents (chứng từ, biên
//! bản nghiệm thu), uploaded by whoever records contracts or payments of the item and
//! read by whoever reads its budget. The upload is read as the directions' files are
//! (`directions::upload`), each file streamed into the evidence store.

use crate::AppState;
use crate::directions::upload;
use crate::errors::AppError;
use crate::extract::Id;
use crate::session::Signed;
use axum::extract::{Multipart, State};
use axum::response::Response;
use domain::ItemId;
use domain::budget::can_attach_contract_file;

/// `POST /contracts/{id}/files` (multipart): back to the item's budget page, or the
/// message of the file refused.
pub async fn attach(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(contract): Id<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let item = contract_item(&app, contract).await?;
    let (it, _, _) = super::visible(&app, &user, item).await?;
    if !can_attach_contract_file(&user.actor, &it.item_units()) {
        return Err(AppError::Forbidden);
    }
    let sent = upload::read(&app, &ctx, multipart, |_| Ok(())).await;
    let mut answer = match (&sent.error, sent.files.is_empty()) {
        (Some(message), _) => Err(AppError::Invalid(message.clone())),
        (None, true) => Err(AppError::Invalid(
            ctx.tr().t("direction.pick_file").to_string(),
        )),
        (None, false) => Ok(super::saved(&ctx, item)),
    };
    if answer.is_ok() {
        for f in &sent.files {
            if let Err(e) = app
                .store()
                .attach_contract_file(contract, f, &user.actor)
                .await
            {
                answer = Err(e.into());
                break;
            }
        }
    }
    // Recorded or not, this request is done with its files (see `EvidenceStore`).
    app.evidence()
        .release(sent.files.iter().map(|f| &f.stored))
        .await;
    answer
}

/// The item a contract is for (404 for no contract).
async fn contract_item(app: &AppState, contract: i64) -> Result<ItemId, AppError> {
    app.store()
        .contract_item(contract)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /contract-files/{id}`: to whoever reads the item's budget.
pub async fn download(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let (file, item) = app
        .store()
        .contract_file(id)
        .await?
        .ok_or(AppError::NotFound)?;
    super::visible(&app, &user, item).await?;
    crate::evidence::serve(
        &app,
        &file.stored_path,
        &file.mime,
        file.size,
        &file.original_name,
    )
    .await
}

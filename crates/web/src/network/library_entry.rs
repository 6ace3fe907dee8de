//! One entry of the shared library: its page, and for its author (the same city; Hanoi's
//! entries for the Board and admins, `domain::network::can_change`) the edit of its kind,
//! title, description and audience at the version the form was read at, and its removal
//! after a confirmation. Its file stays as uploaded: a new file is a new entry.

use super::library::{DocumentForm, parse, read_entry};
use super::viewer;
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::network::{Audience, Viewer, can_change, can_see};
use store::{NetworkDocument, NetworkDocumentEdit, StoreError};

#[derive(Template)]
#[template(path = "network/document.html")]
struct EntryPage<'a> {
    l: Layout<'a>,
    doc: super::library::DocumentLine,
    may_change: bool,
    version: i64,
    cities: Vec<Choice>,
    form: DocumentForm,
    errors: FieldErrors,
}

/// The entry if the viewer may see it (403 otherwise, 404 when there is none).
async fn visible(app: &AppState, viewer: Viewer, id: i64) -> Result<NetworkDocument, AppError> {
    let doc = app
        .store()
        .network_document(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_see(viewer, &doc.audience, doc.city) {
        return Err(AppError::Forbidden);
    }
    Ok(doc)
}

/// The entry's page with `form` (as stored, or as typed) at `version`.
async fn entry_page(
    app: &AppState,
    ctx: &Ctx,
    viewer: Viewer,
    (doc, version): (NetworkDocument, i64),
    (form, chosen): (DocumentForm, Vec<String>),
    (errors, status): (FieldErrors, StatusCode),
) -> Result<Response, AppError> {
    let members = app.store().network_members().await?;
    let cities = super::library::city_choices(&members, viewer, &chosen);
    let may_change = can_change(viewer, doc.city);
    let title = doc.title.clone();
    let mut r = render_page(EntryPage {
        l: Layout::new(ctx, &title, "network_library"),
        doc: super::library::line(ctx, doc, &members),
        may_change,
        version,
        cities,
        form,
        errors,
    });
    *r.status_mut() = status;
    Ok(r)
}

/// The form filled with what is stored.
fn stored_form(doc: &NetworkDocument) -> (DocumentForm, Vec<String>) {
    let chosen = match &doc.audience {
        Audience::All => Vec::new(),
        Audience::Cities(c) => c.iter().map(|c| c.0.to_string()).collect(),
    };
    let form = DocumentForm {
        kind: doc.kind.clone(),
        title: doc.title.clone(),
        description: doc.description.clone(),
        all: doc.audience == Audience::All,
    };
    (form, chosen)
}

/// `GET /network/library/{id}`.
pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let doc = visible(&app, viewer, id).await?;
    let form = stored_form(&doc);
    let version = doc.version;
    let shown = (FieldErrors::new(), StatusCode::OK);
    entry_page(&app, &ctx, viewer, (doc, version), form, shown).await
}

/// `POST /network/library/{id}`: the author edits the entry.
pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: v, pairs }: Posted<VersionForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let doc = visible(&app, viewer, id).await?;
    if !can_change(viewer, doc.city) {
        return Err(AppError::Forbidden);
    }
    let mut version = v.version;
    let (form, chosen, read) = parse(&ctx, &pairs);
    let shown = match read.map(read_entry) {
        Err(errors) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
        Ok(edit) => match save(&app, viewer, &user, (id, version), &edit).await {
            Ok(()) => return Ok(redirect(&ctx, &format!("/network/library/{id}"))),
            Err(StoreError::Conflict { conflict, .. }) => {
                // Saving again writes over the newer entry knowingly.
                version = conflict.current;
                let m = ctx.tr().t("network.conflict").to_string();
                (FieldErrors::whole(m), StatusCode::CONFLICT)
            }
            Err(e) => {
                let m = AppError::from(e).into_form_message(&ctx)?;
                (FieldErrors::whole(m), StatusCode::UNPROCESSABLE_ENTITY)
            }
        },
    };
    entry_page(&app, &ctx, viewer, (doc, version), (form, chosen), shown).await
}

async fn save(
    app: &AppState,
    viewer: Viewer,
    user: &crate::session::SessionUser,
    at: (i64, i64),
    edit: &NetworkDocumentEdit,
) -> Result<(), StoreError> {
    app.store()
        .update_network_document(at, edit, viewer, user.id)
        .await
        .map(|_| ())
}

#[derive(Template)]
#[template(path = "network/document_remove.html")]
struct RemovePage<'a> {
    l: Layout<'a>,
    doc: super::library::DocumentLine,
    version: i64,
    error: String,
}

async fn remove_page(
    app: &AppState,
    ctx: &Ctx,
    doc: NetworkDocument,
    error: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let members = app.store().network_members().await?;
    let version = doc.version;
    let mut r = render_page(RemovePage {
        l: Layout::new(
            ctx,
            ctx.tr().t("network.remove_document"),
            "network_library",
        ),
        doc: super::library::line(ctx, doc, &members),
        version,
        error,
    });
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /network/library/{id}/remove`: what will be removed, and the button.
pub async fn confirm_remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let doc = visible(&app, viewer, id).await?;
    if !can_change(viewer, doc.city) {
        return Err(AppError::Forbidden);
    }
    remove_page(&app, &ctx, doc, String::new(), StatusCode::OK).await
}

/// The version the form was read at (what else it says is read from its pairs).
#[derive(serde::Deserialize)]
pub struct VersionForm {
    version: i64,
}

/// `POST /network/library/{id}/remove`.
pub async fn remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form, .. }: Posted<VersionForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let at = (id, form.version);
    match app
        .store()
        .remove_network_document(at, viewer, user.id)
        .await
    {
        Ok(()) => Ok(redirect(&ctx, "/network/library?notice=document_removed")),
        Err(StoreError::Conflict { .. }) => {
            // Changed since the confirmation was shown: confirm what it is now.
            let doc = visible(&app, viewer, id).await?;
            let m = ctx.tr().t("network.conflict_remove").to_string();
            remove_page(&app, &ctx, doc, m, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

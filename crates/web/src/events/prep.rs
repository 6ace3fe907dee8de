//! Preparing and closing an event: invitations, interpreter bookings, the checklist,
//! documents, outcome notes and follow-ups (which can become plan items).

use super::show::{back, page};
use super::{event_id, visible_event};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::{field, form_pairs, parse_date};
use crate::i18n::Worded;
use crate::session::{Signed, redirect};
use axum::body::{Body, Bytes};
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::events::ChecklistKind;
use domain::{EventId, InvitationStatus, ItemId, PersonId};
use futures_util::TryStreamExt;
use store::NewInvitation;
use store::evidence_store::StoredFile;

/// A failed form: the event page again with the message (or the error page).
async fn failed(
    app: &AppState,
    ctx: &crate::session::Ctx,
    user: &crate::session::SessionUser,
    id: EventId,
    form: &'static str,
    e: store::StoreError,
) -> Result<Response, AppError> {
    let msg = AppError::from(e).into_form_message(ctx)?;
    page(app, ctx, user, id, Some((form, msg))).await
}

/// Guests one per line: "Name; Organisation; e-mail" (the last two optional), plus
/// directory people picked in the list.
fn guests(text: &str) -> Vec<NewInvitation> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut parts = l.split(';').map(str::trim);
            NewInvitation {
                person_id: None,
                name: parts.next().unwrap_or("").to_string(),
                organisation: parts.next().unwrap_or("").to_string(),
                email: parts.next().unwrap_or("").to_string(),
            }
        })
        .collect()
}

pub async fn invite(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let mut list = guests(field(&pairs, "guests"));
    for p in crate::form::fields(&pairs, "person") {
        if let Ok(p) = p.parse() {
            list.push(NewInvitation {
                person_id: Some(PersonId(p)),
                ..Default::default()
            });
        }
    }
    if list.is_empty() {
        let msg = ctx.tr().t("event.no_guests").to_string();
        return page(&app, &ctx, &user, id, Some(("invite", msg))).await;
    }
    match app.store().add_invitations(id, &list, &user.actor).await {
        Ok(_) => Ok(back(&ctx, id, "invited", "invitations")),
        Err(e) => failed(&app, &ctx, &user, id, "invite", e).await,
    }
}

pub async fn invitation_status(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let inv = id;
    let pairs = form_pairs(&body);
    let status: InvitationStatus = field(&pairs, "status")
        .parse()
        .map_err(|_| AppError::BadRequest("status".into()))?;
    match app
        .store()
        .set_invitation_status(inv, status, &user.actor)
        .await
    {
        Ok(ev) => Ok(back(&ctx, ev, "saved", "invitations")),
        Err(e) => Err(e.into()),
    }
}

pub async fn book(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let Ok(person) = field(&pairs, "person").parse::<i64>() else {
        let msg = ctx.tr().t("event.pick_interpreter").to_string();
        return page(&app, &ctx, &user, id, Some(("book", msg))).await;
    };
    match app
        .store()
        .book_interpreter(id, PersonId(person), field(&pairs, "pair"), &user.actor)
        .await
    {
        // A clash is shown on the page as a warning; the booking is kept.
        Ok(b) if !b.clashes.is_empty() => Ok(back(&ctx, id, "booked_clash", "interpreters")),
        Ok(_) => Ok(back(&ctx, id, "booked", "interpreters")),
        Err(e) => failed(&app, &ctx, &user, id, "book", e).await,
    }
}

pub async fn unbook(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    match app.store().remove_booking(id, &user.actor).await {
        Ok(ev) => Ok(back(&ctx, ev, "saved", "interpreters")),
        Err(e) => Err(e.into()),
    }
}

pub async fn add_check(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    // An unknown kind is said on the form, never silently filed as "other".
    let Ok(kind) = field(&pairs, "kind").parse::<ChecklistKind>() else {
        let msg = ctx.tr().t("event.pick_check_kind").to_string();
        return page(&app, &ctx, &user, id, Some(("check", msg))).await;
    };
    let Ok(due) = parse_date(field(&pairs, "due")) else {
        let msg = ctx.tr().t("track.bad_date").to_string();
        return page(&app, &ctx, &user, id, Some(("check", msg))).await;
    };
    match app
        .store()
        .add_checklist_entry(
            id,
            kind,
            field(&pairs, "title"),
            field(&pairs, "owner"),
            due,
            &user.actor,
        )
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved", "checklist")),
        Err(e) => failed(&app, &ctx, &user, id, "check", e).await,
    }
}

pub async fn check_done(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let done = field(&pairs, "done") == "1";
    match app.store().set_checklist_done(id, done, &user.actor).await {
        Ok(ev) => Ok(back(&ctx, ev, "saved", "checklist")),
        Err(e) => Err(e.into()),
    }
}

pub async fn outcome(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    match app
        .store()
        .set_event_outcome(id, field(&pairs, "outcome"), &user.actor)
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved", "outcome")),
        Err(e) => failed(&app, &ctx, &user, id, "outcome", e).await,
    }
}

pub async fn add_follow_up(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let Ok(due) = parse_date(field(&pairs, "due")) else {
        let msg = ctx.tr().t("track.bad_date").to_string();
        return page(&app, &ctx, &user, id, Some(("follow", msg))).await;
    };
    if field(&pairs, "text").trim().is_empty() {
        let msg = ctx.tr().t("event.follow_up_text").to_string();
        return page(&app, &ctx, &user, id, Some(("follow", msg))).await;
    }
    match app
        .store()
        .add_follow_up(
            id,
            field(&pairs, "text"),
            field(&pairs, "owner"),
            due,
            &user.actor,
        )
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved", "outcome")),
        Err(e) => failed(&app, &ctx, &user, id, "follow", e).await,
    }
}

/// "Add to plan": the follow-up becomes an added item under one of the event's items.
pub async fn to_plan(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let fu = id;
    let pairs = form_pairs(&body);
    let ev = event_id(field(&pairs, "event"))?;
    let Ok(parent) = field(&pairs, "parent").parse::<i64>() else {
        let msg = ctx.tr().t("event.pick_parent").to_string();
        return page(&app, &ctx, &user, ev, Some(("follow", msg))).await;
    };
    match app
        .store()
        .follow_up_to_item(fu, ItemId(parent), &user.actor)
        .await
    {
        Ok(item) => Ok(redirect(
            &ctx,
            &format!("/items/{}?notice=item_added", item.0),
        )),
        Err(e) => failed(&app, &ctx, &user, ev, "follow", e).await,
    }
}

/// One document per request, streamed into the evidence store.
pub async fn upload(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let ev = visible_event(&app, &user, id).await?;
    if !domain::events::can_edit_event(&user.actor, &ev.item_units()) {
        return Err(AppError::Forbidden);
    }
    let doc = match read_document(&app, &ctx, multipart).await {
        Ok(doc) => doc,
        Err(msg) => return page(&app, &ctx, &user, id, Some(("document", msg))).await,
    };
    match app
        .store()
        .add_event_document(id, &doc.stored, &doc.name, doc.kind.trim(), &user.actor)
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved", "documents")),
        Err(e) => failed(&app, &ctx, &user, id, "document", e).await,
    }
}

/// An uploaded document: its kind as typed, the file stored and its original name.
struct Document {
    kind: String,
    stored: StoredFile,
    name: String,
}

/// Reads the document form, storing its first file (any further one is skipped). `Err`
/// is the message to show: a cut-off upload, a refused file, or no file at all.
async fn read_document(
    app: &AppState,
    ctx: &crate::session::Ctx,
    mut multipart: Multipart,
) -> Result<Document, String> {
    let mut kind = String::from("other");
    let mut done = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                tracing::info!(error = %e, "upload cut off");
                return Err(ctx.tr().t("report.cut_off").to_string());
            }
        };
        match field.file_name().map(str::to_string) {
            None => {
                if field.name() == Some("kind") {
                    kind = field.text().await.unwrap_or_default();
                }
            }
            Some(name) if name.is_empty() => {}
            Some(_) if done.is_some() => {}
            Some(name) => {
                let reader = tokio_util::io::StreamReader::new(
                    field.map_err(|e| std::io::Error::other(e.to_string())),
                );
                let stored = app
                    .evidence()
                    .put(reader, &name)
                    .await
                    .map_err(|e| e.message(ctx.lang))?;
                done = Some((stored, name));
            }
        }
    }
    let Some((stored, name)) = done else {
        return Err(ctx.tr().t("event.pick_file").to_string());
    };
    Ok(Document { kind, stored, name })
}

pub async fn download(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let doc = app
        .store()
        .event_document(id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_event(&app, &user, doc.event_id).await?;
    let path = app
        .evidence()
        .path_of(&doc.stored_path)
        .ok_or_else(|| AppError::Internal(format!("document {}: bad stored path", doc.id)))?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| AppError::Internal(format!("document {}: {e}", doc.id)))?;
    let mut r = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&doc.mime)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    let disposition = if doc.mime.starts_with("image/") {
        "inline"
    } else {
        "attachment"
    };
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&crate::evidence::content_disposition(
            disposition,
            &doc.original_name,
        ))
        .unwrap_or(HeaderValue::from_static("attachment")),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(r)
}

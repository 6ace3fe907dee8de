//! Preparing and closing an event: invitations, interpreter bookings, the checklist,
//! documents, outcome notes and follow-ups (which can become plan items).

use super::show::{Refused, back, page};
use super::visible_event;
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{FormError, Posted, choice};
use crate::i18n::Tr;
use crate::session::{Ctx, SessionUser, Signed, redirect};
use axum::body::Body;
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::events::ChecklistKind;
use domain::{EventId, InvitationStatus, ItemId, PersonId};
use serde::Deserialize;
use store::evidence_store::StoredFile;
use store::{NewInvitation, StoreError};

/// A form about event `id`, sent by `user`.
#[derive(Clone, Copy)]
struct On<'a> {
    app: &'a AppState,
    ctx: &'a Ctx,
    user: &'a SessionUser,
    id: EventId,
}

impl<'a> On<'a> {
    fn new(app: &'a AppState, ctx: &'a Ctx, user: &'a SessionUser, id: EventId) -> On<'a> {
        On { app, ctx, user, id }
    }

    /// The event page again with each problem of `form` beside its field, and what the
    /// form sent kept in it (422).
    async fn invalid(
        self,
        form: &'static str,
        errors: FieldErrors,
        posted: &[(String, String)],
    ) -> Result<Response, AppError> {
        let refused = Refused {
            form,
            errors,
            posted: posted.to_vec(),
        };
        page(self.app, self.ctx, self.user, self.id, Some(refused)).await
    }

    /// `key`'s message beside the input `field`.
    fn beside(self, field: &'static str, key: FormError) -> FieldErrors {
        let mut errors = FieldErrors::new();
        errors.add(field, self.ctx.tr().t(key));
        errors
    }

    /// Back to the page's `section` once the store saved, else the page with the message
    /// (or the error page).
    async fn answer<T>(
        self,
        form: &'static str,
        saved: Result<T, StoreError>,
        section: &str,
        posted: &[(String, String)],
    ) -> Result<Response, AppError> {
        match saved {
            Ok(_) => Ok(back(self.ctx, self.id, "saved", section)),
            Err(e) => self.failed(form, e, posted).await,
        }
    }

    /// The page with the store's refusal above `form`, what it sent kept (or the error
    /// page).
    async fn failed(
        self,
        form: &'static str,
        e: StoreError,
        posted: &[(String, String)],
    ) -> Result<Response, AppError> {
        let msg = AppError::from(e).into_form_message(self.ctx)?;
        self.invalid(form, FieldErrors::whole(msg), posted).await
    }
}

/// Guests one per line: "Name; Organisation; e-mail" (the last two optional), plus
/// directory people ticked in the list.
#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    guests: String,
    #[serde(default)]
    person: Vec<i64>,
}

impl InviteForm {
    fn parse(&self) -> Result<Vec<NewInvitation>, FormError> {
        let typed = self.guests.lines().map(str::trim).filter(|l| !l.is_empty());
        let mut list: Vec<NewInvitation> = typed
            .map(|l| {
                let mut parts = l.split(';').map(str::trim);
                NewInvitation {
                    person_id: None,
                    name: parts.next().unwrap_or("").to_string(),
                    organisation: parts.next().unwrap_or("").to_string(),
                    email: parts.next().unwrap_or("").to_string(),
                }
            })
            .collect();
        list.extend(self.person.iter().map(|p| NewInvitation {
            person_id: Some(PersonId(*p)),
            ..Default::default()
        }));
        if list.is_empty() {
            return Err("event.no_guests");
        }
        Ok(list)
    }
}

pub async fn invite(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<EventId>,
    Posted { form: f, pairs }: Posted<InviteForm>,
) -> Result<Response, AppError> {
    let on = On::new(&app, &ctx, &user, id);
    let list = match f.parse() {
        Ok(list) => list,
        Err(key) => {
            return on
                .invalid("invite", on.beside("i-guests", key), &pairs)
                .await;
        }
    };
    let saved = app.store().add_invitations(id, &list, &user.actor).await;
    match saved {
        Ok(_) => Ok(back(&ctx, id, "invited", "invitations")),
        Err(e) => on.failed("invite", e, &pairs).await,
    }
}

#[derive(Deserialize)]
pub struct InvitationStatusForm {
    #[serde(default)]
    status: String,
}

pub async fn invitation_status(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(inv): Id<i64>,
    Posted { form: f, .. }: Posted<InvitationStatusForm>,
) -> Result<Response, AppError> {
    // The invitation's event is known only once saved: an unknown status is a 422 page.
    let status: InvitationStatus =
        choice(&f.status, "form.unknown_invitation_status").map_err(AppError::form)?;
    let ev = app
        .store()
        .set_invitation_status(inv, status, &user.actor)
        .await?;
    Ok(back(&ctx, ev, "saved", "invitations"))
}

#[derive(Deserialize)]
pub struct BookForm {
    /// Empty when no interpreter was picked.
    #[serde(default)]
    person: Option<i64>,
    #[serde(default)]
    pair: String,
}

pub async fn book(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<EventId>,
    Posted { form: f, pairs }: Posted<BookForm>,
) -> Result<Response, AppError> {
    let on = On::new(&app, &ctx, &user, id);
    let Some(person) = f.person else {
        let errors = on.beside("b-person", "event.pick_interpreter");
        return on.invalid("book", errors, &pairs).await;
    };
    match app
        .store()
        .book_interpreter(id, PersonId(person), &f.pair, &user.actor)
        .await
    {
        // A clash is shown on the page as a warning; the booking is kept.
        Ok(b) if !b.clashes.is_empty() => Ok(back(&ctx, id, "booked_clash", "interpreters")),
        Ok(_) => Ok(back(&ctx, id, "booked", "interpreters")),
        Err(e) => on.failed("book", e, &pairs).await,
    }
}

pub async fn unbook(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let ev = app.store().remove_booking(id, &user.actor).await?;
    Ok(back(&ctx, ev, "saved", "interpreters"))
}

/// A checklist entry, or a follow-up: what, who, by when.
#[derive(Deserialize)]
pub struct TaskForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
}

impl TaskForm {
    /// A checklist entry's kind and due date, or each problem beside its field. An
    /// unknown kind is said on the form, never filed as "other".
    fn check(&self, t: &Tr) -> Result<(ChecklistKind, Option<chrono::NaiveDate>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = choice(&self.kind, "event.pick_check_kind").map_err(|k| t.t(k).to_string());
        let kind = errors.take("c-kind", kind);
        let due = errors.date("c-due", "event.due", &self.due, t);
        match (kind, due) {
            (Some(kind), Some(due)) => Ok((kind, due)),
            _ => Err(errors),
        }
    }

    /// A follow-up's due date, or each problem beside its field; it must say something.
    fn follow_up(&self, t: &Tr) -> Result<Option<chrono::NaiveDate>, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.text.trim().is_empty() {
            errors.add("f-text", t.t("event.follow_up_text"));
        }
        match errors.date("f-due", "event.due", &self.due, t) {
            Some(due) if errors.is_empty() => Ok(due),
            _ => Err(errors),
        }
    }
}

pub async fn add_check(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<EventId>,
    Posted { form: f, pairs }: Posted<TaskForm>,
) -> Result<Response, AppError> {
    let on = On::new(&app, &ctx, &user, id);
    let (kind, due) = match f.check(ctx.tr()) {
        Ok(x) => x,
        Err(errors) => return on.invalid("check", errors, &pairs).await,
    };
    let saved = app
        .store()
        .add_checklist_entry(id, kind, &f.title, &f.owner, due, &user.actor)
        .await;
    on.answer("check", saved, "checklist", &pairs).await
}

#[derive(Deserialize)]
pub struct CheckDoneForm {
    #[serde(default)]
    done: String,
}

pub async fn check_done(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, .. }: Posted<CheckDoneForm>,
) -> Result<Response, AppError> {
    let done = f.done == "1";
    let ev = app
        .store()
        .set_checklist_done(id, done, &user.actor)
        .await?;
    Ok(back(&ctx, ev, "saved", "checklist"))
}

#[derive(Deserialize)]
pub struct OutcomeForm {
    #[serde(default)]
    outcome: String,
}

pub async fn outcome(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<EventId>,
    Posted { form: f, pairs }: Posted<OutcomeForm>,
) -> Result<Response, AppError> {
    let on = On::new(&app, &ctx, &user, id);
    let saved = app
        .store()
        .set_event_outcome(id, &f.outcome, &user.actor)
        .await;
    on.answer("outcome", saved, "outcome", &pairs).await
}

pub async fn add_follow_up(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<EventId>,
    Posted { form: f, pairs }: Posted<TaskForm>,
) -> Result<Response, AppError> {
    let on = On::new(&app, &ctx, &user, id);
    let due = match f.follow_up(ctx.tr()) {
        Ok(due) => due,
        Err(errors) => return on.invalid("follow", errors, &pairs).await,
    };
    let saved = app
        .store()
        .add_follow_up(id, &f.text, &f.owner, due, &user.actor)
        .await;
    on.answer("follow", saved, "outcome", &pairs).await
}

#[derive(Deserialize)]
pub struct ToPlanForm {
    event: i64,
    /// Empty when no item was picked.
    #[serde(default)]
    parent: Option<i64>,
}

/// "Add to plan": the follow-up becomes an added item under one of the event's items.
pub async fn to_plan(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(fu): Id<i64>,
    Posted { form: f, .. }: Posted<ToPlanForm>,
) -> Result<Response, AppError> {
    let id = EventId(f.event);
    let on = On::new(&app, &ctx, &user, id);
    let Some(parent) = f.parent else {
        let msg = ctx.tr().t("event.pick_parent").to_string();
        return on.invalid("follow", FieldErrors::whole(msg), &[]).await;
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
        Err(e) => on.failed("follow", e, &[]).await,
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
        Err(msg) => {
            let on = On::new(&app, &ctx, &user, id);
            let mut errors = FieldErrors::new();
            errors.add("d-file", msg);
            return on.invalid("document", errors, &[]).await;
        }
    };
    let added = app
        .store()
        .add_event_document(id, &doc.stored, &doc.name, doc.kind.trim(), &user.actor)
        .await;
    // Recorded or not, this request is done with its file (see `EvidenceStore`).
    app.evidence().release([&doc.stored]).await;
    match added {
        Ok(_) => Ok(back(&ctx, id, "saved", "documents")),
        Err(e) => {
            let on = On::new(&app, &ctx, &user, id);
            on.failed("document", e, &[]).await
        }
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
    ctx: &Ctx,
    mut multipart: Multipart,
) -> Result<Document, String> {
    let read = read_parts(app, ctx, &mut multipart).await;
    if read.is_err() {
        crate::upload_text::drain(&mut multipart).await;
    }
    read
}

async fn read_parts(
    app: &AppState,
    ctx: &Ctx,
    multipart: &mut Multipart,
) -> Result<Document, String> {
    let mut kind = String::from("other");
    let mut done = None;
    let mut budget = crate::upload_text::TextBudget::default();
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
                let is_kind = field.name() == Some("kind");
                // A document kind is a short code; anything long is refused, not read.
                let text = budget
                    .read(field, 64)
                    .await
                    .map_err(|key| ctx.tr().t(key).to_string())?;
                if is_kind {
                    kind = text;
                }
            }
            Some(name) if name.is_empty() => {}
            Some(_) if done.is_some() => {}
            Some(name) => {
                let stored = crate::evidence::store_field(app, ctx, field, &name).await?;
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

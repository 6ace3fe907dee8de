//! An event of the shared calendar on its own page (issue 19): its facts, the cities
//! invited with their answers, and the forms of whoever may act: the invited city answers,
//! the author invites more cities, edits the event (carrying the version it was read at: a
//! stale form comes back 409 with nothing changed) or removes it after a confirmation. A
//! Hanoi event shared is edited on Hanoi's page: here it can only stop being shared.

use super::calendar::EventForm;
use super::event_invitations::{AnswerForm, city_choices};
use super::{author_name, viewer};
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{Posted, version_of};
use crate::page::{Layout, render_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDateTime;
use domain::network::invitation::{local_now, may_invite};
use domain::network::{Viewer, can_change};
use store::{NetworkEvent, StoreError};

pub struct InvitationLine {
    pub city: String,
    pub answer: &'static str,
    pub code: &'static str,
    pub note: String,
    pub by: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "network/event.html")]
struct EventPage<'a> {
    l: Layout<'a>,
    id: i64,
    version: i64,
    date: String,
    time: String,
    place: String,
    notes: String,
    author: String,
    /// A Hanoi event shared: its own page, linked for the department.
    hanoi_event: Option<i64>,
    department: bool,
    invitations: Vec<InvitationLine>,
    /// Remove (stop sharing) and, for an event posted here, edit.
    may_change: bool,
    editable: bool,
    may_invite: bool,
    invite_choices: Vec<Choice>,
    invite_once: String,
    /// The viewer's city is invited: its answer so far.
    my_answer: Option<&'static str>,
    answer_open: bool,
    form: EventForm,
    answer: AnswerForm,
    errors: FieldErrors,
}

fn read(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok()
}

/// The posting form filled with the event as stored.
fn form_of(e: &NetworkEvent) -> EventForm {
    let (start, end) = (read(&e.start_local), read(&e.end_local));
    let f = |t: Option<NaiveDateTime>, p: &str| t.map(|t| t.format(p).to_string());
    EventForm {
        title: e.title.clone(),
        date: f(start, "%d/%m/%Y").unwrap_or_default(),
        start: f(start, "%H:%M").unwrap_or_default(),
        end: f(end, "%H:%M").unwrap_or_default(),
        place: e.place.clone(),
        notes: e.notes.clone(),
        ..EventForm::default()
    }
}

/// What a page shows beside the stored event: the edit form as typed (`None`: as stored),
/// the answer as typed, the problems and the status.
#[derive(Default)]
struct Shown {
    form: Option<EventForm>,
    answer: AnswerForm,
    errors: FieldErrors,
    status: Option<StatusCode>,
}

async fn show(
    app: &AppState,
    ctx: &Ctx,
    viewer: Viewer,
    id: i64,
    shown: Shown,
) -> Result<Response, AppError> {
    let e = app
        .store()
        .network_event(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let list = app.store().network_event_invitations(id).await?;
    let invited: Vec<_> = list.iter().map(|i| i.city).collect();
    let mine = viewer
        .city()
        .and_then(|c| list.iter().find(|i| i.city == c));
    let mut answer = shown.answer;
    if shown.errors.is_empty()
        && let Some(i) = mine
    {
        // The note as given, to keep or change with the next answer.
        answer.note = i.note.clone();
    }
    let mine = mine.map(|i| i.answer.as_str());
    let open =
        read(&e.end_local).is_some_and(|end| local_now(&e.zone, app.now().timestamp()) < end);
    let may_invite = may_invite(viewer, e.city);
    let invite_choices = if may_invite {
        city_choices(app, e.city, &invited, &[]).await?
    } else {
        Vec::new()
    };
    let line = super::calendar::line(ctx, e.clone()).ok_or(AppError::NotFound)?;
    let author = if e.author.is_empty() {
        line.author.clone()
    } else {
        format!("{} · {}", author_name(ctx, &e.city_name), e.author)
    };
    let failed = !shown.errors.is_empty();
    let mut r = render_page(EventPage {
        l: Layout::new(ctx, &e.title, "network_calendar"),
        id,
        version: e.version,
        date: line.date,
        time: line.time,
        place: e.place.clone(),
        notes: e.notes.clone(),
        author,
        hanoi_event: e.event.map(|x| x.0),
        department: viewer.city().is_none(),
        invitations: list
            .into_iter()
            .map(|i| InvitationLine {
                city: i.city_name,
                answer: i.answer.label(ctx.lang),
                code: i.answer.as_str(),
                note: i.note,
                by: i.responded_by,
                at: i
                    .responded_at
                    .map(crate::items::local_time)
                    .unwrap_or_default(),
            })
            .collect(),
        may_change: can_change(viewer, e.city),
        editable: can_change(viewer, e.city) && e.event.is_none(),
        may_invite,
        invite_choices,
        invite_once: crate::once::fresh()?,
        my_answer: mine,
        answer_open: open,
        form: shown.form.unwrap_or_else(|| form_of(&e)),
        answer,
        errors: shown.errors,
    });
    *r.status_mut() = match shown.status {
        Some(s) => s,
        None if failed => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    Ok(r)
}

/// The page again with the answer as typed and what went wrong (422).
pub(super) async fn render(
    app: &AppState,
    ctx: &Ctx,
    viewer: Viewer,
    id: i64,
    answer: AnswerForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let shown = Shown {
        answer,
        errors,
        ..Shown::default()
    };
    show(app, ctx, viewer, id, shown).await
}

/// `GET /network/calendar/{id}`.
pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    show(&app, &ctx, viewer, id, Shown::default()).await
}

async fn stored(app: &AppState, id: i64) -> Result<NetworkEvent, AppError> {
    app.store()
        .network_event(id)
        .await?
        .ok_or(AppError::NotFound)
}

/// `POST /network/calendar/{id}`: the author edits the event (same checks as posting).
pub async fn edit(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, pairs }: Posted<EventForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let version = version_of(&pairs)?;
    let e = stored(&app, id).await?;
    if !can_change(viewer, e.city) {
        return Err(AppError::Forbidden);
    }
    let input = match super::calendar::parse(&ctx, &f) {
        Ok(i) => i,
        Err(errors) => {
            let shown = Shown {
                form: Some(f),
                errors,
                ..Shown::default()
            };
            return show(&app, &ctx, viewer, id, shown).await;
        }
    };
    let saved = app
        .store()
        .edit_network_event(id, version, &input, viewer, user.id)
        .await;
    let (errors, status) = match saved {
        Ok(_) => {
            let to = format!("/network/calendar/{id}?notice=network_event_saved");
            return Ok(redirect(&ctx, &to));
        }
        Err(StoreError::Conflict { .. }) => {
            let m = ctx.tr().t("network.event_conflict").to_string();
            (FieldErrors::whole(m), StatusCode::CONFLICT)
        }
        Err(e) => {
            let m = AppError::from(e).into_form_message(&ctx)?;
            (FieldErrors::whole(m), StatusCode::UNPROCESSABLE_ENTITY)
        }
    };
    // The stored event above, the form as typed, at the stored version.
    let shown = Shown {
        form: Some(f),
        errors,
        status: Some(status),
        ..Shown::default()
    };
    show(&app, &ctx, viewer, id, shown).await
}

#[derive(Template)]
#[template(path = "network/event_remove.html")]
struct RemovePage<'a> {
    l: Layout<'a>,
    id: i64,
    version: i64,
    title: String,
    when: String,
    invited: i64,
    shared: bool,
    error: String,
}

fn remove_page(ctx: &Ctx, e: NetworkEvent, error: String, status: StatusCode) -> Response {
    let when = super::calendar::line(ctx, e.clone())
        .map(|l| format!("{} {}", l.date, l.time))
        .unwrap_or_default();
    let mut r = render_page(RemovePage {
        l: Layout::new(ctx, ctx.tr().t("network.event_remove"), "network_calendar"),
        id: e.id,
        version: e.version,
        title: e.title,
        when,
        invited: e.invited,
        shared: e.event.is_some(),
        error,
    });
    *r.status_mut() = status;
    r
}

/// `GET /network/calendar/{id}/delete`: what will be removed, and the button.
pub async fn confirm_remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let e = stored(&app, id).await?;
    if !can_change(viewer, e.city) {
        return Err(AppError::Forbidden);
    }
    Ok(remove_page(&ctx, e, String::new(), StatusCode::OK))
}

#[derive(serde::Deserialize)]
pub struct RemoveForm {
    version: i64,
}

/// `POST /network/calendar/{id}/delete`: removes the event and its invitations.
pub async fn remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form, .. }: Posted<RemoveForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    match app
        .store()
        .remove_network_event(id, form.version, viewer, user.id)
        .await
    {
        Ok(()) => Ok(redirect(
            &ctx,
            "/network/calendar?view=list&notice=network_event_removed",
        )),
        Err(StoreError::Conflict { .. }) => {
            // Changed since the confirmation was shown: confirm what it is now.
            let e = stored(&app, id).await?;
            let m = ctx.tr().t("network.event_conflict_remove").to_string();
            Ok(remove_page(&ctx, e, m, StatusCode::CONFLICT))
        }
        Err(e) => Err(e.into()),
    }
}

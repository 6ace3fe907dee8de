//! Events (issue 5): the calendar (month and list views with filters, CSV/XLSX export),
//! the event page (both time zones, linked items, invitations, interpreters with
//! double-booking warnings, checklist, documents, outcome and follow-ups), create/edit
//! forms, status changes and `.ics` downloads. People, delegations and feeds have their
//! own modules. Every route checks `domain::events` permissions; the store checks them
//! again in its transaction.

mod calendar;
mod delegation_budget;
pub mod delegations;
mod export;
pub mod feeds;
mod form;
pub mod people;
mod prep;
mod show;

use crate::AppState;
use crate::errors::AppError;
use crate::session::SessionUser;
use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use domain::events::{self, HANOI};
use domain::{EventId, EventStatus, Language, UnitId};
use std::collections::HashMap;
use store::EventRecord;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/events", get(calendar::list).post(form::create))
        .route("/events/new", get(form::new_form))
        .route("/events/{id}", get(show::show).post(form::update))
        .route("/events/{id}/edit", get(form::edit_form))
        .route("/events/{id}/status", post(show::status))
        .route("/events/{id}/outcome", post(prep::outcome))
        .route("/events/{id}/invitations", post(prep::invite))
        .route("/invitations/{id}/status", post(prep::invitation_status))
        .route("/events/{id}/interpreters", post(prep::book))
        .route("/bookings/{id}/delete", post(prep::unbook))
        .route("/events/{id}/checklist", post(prep::add_check))
        .route("/checklist/{id}/done", post(prep::check_done))
        .route("/event-documents/{id}", get(prep::download))
        .route("/events/{id}/follow-ups", post(prep::add_follow_up))
        .route("/follow-ups/{id}/to-plan", post(prep::to_plan))
        .merge(people::routes())
        .merge(delegations::routes())
        .merge(feeds::routes())
}

/// The routes that take files: one document per upload, streamed to disk and checked
/// against the evidence limit as it arrives, under the uploads' body limit and time-out.
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/events/{id}/documents", post(prep::upload))
}

/// A choice in a `<select>` or a checkbox group.
#[derive(Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The value chosen in a filter or form field, when it is one of the vocabulary's.
pub fn picked<T: std::str::FromStr>(s: &str) -> Vec<T> {
    s.parse().into_iter().collect()
}

pub fn choices<T: Copy + PartialEq>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    selected: &[T],
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: code(*v).to_string(),
            label: label(*v).to_string(),
            selected: selected.contains(v),
        })
        .collect()
}

pub fn event_id(s: &str) -> Result<EventId, AppError> {
    s.parse().map_err(|_| AppError::NotFound)
}

/// The event, if `user` may see it.
pub async fn visible_event(
    app: &AppState,
    user: &SessionUser,
    id: EventId,
) -> Result<EventRecord, AppError> {
    let ev = app.store().event(id).await?.ok_or(AppError::NotFound)?;
    if !events::can_view_event(&user.actor, &ev.item_units()) {
        return Err(AppError::Forbidden);
    }
    Ok(ev)
}

/// "dd/mm/yyyy HH:MM – HH:MM (zone, offset)" in the event's zone, and in Hanoi when that
/// differs.
pub struct TimeLines {
    pub local: String,
    pub hanoi: String,
}

pub fn time_lines(ev: &EventRecord) -> TimeLines {
    match ev.times() {
        Some(t) => TimeLines {
            local: t.local_text(),
            hanoi: if t.is_hanoi_time() && t.zone == HANOI {
                String::new()
            } else {
                t.hanoi_text()
            },
        },
        None => TimeLines {
            local: ev.time_zone.clone(),
            hanoi: String::new(),
        },
    }
}

pub fn status_class(s: EventStatus) -> &'static str {
    s.as_str()
}

/// Units by id, for names.
pub async fn unit_names(app: &AppState) -> Result<HashMap<UnitId, String>, AppError> {
    Ok(app
        .store()
        .list_units()
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

// ---- .ics ------------------------------------------------------------------------------------

/// The event as a calendar entry. Its UID names this server (`Store::instance_id`), so that
/// two servers' event 42 stay two events in a calendar that subscribes to both; SEQUENCE is
/// its revision: the row's version, which every change raises by one (1 when created).
pub fn ical_event(
    ev: &EventRecord,
    lang: Language,
    instance: &str,
) -> Option<::reports::ical::IcalEvent> {
    let t = ev.times()?;
    let mut description = ev.kind.label(lang).to_string();
    if !ev.topic.is_empty() {
        description.push_str(" — ");
        description.push_str(&ev.topic);
    }
    Some(::reports::ical::IcalEvent {
        uid: format!("event-{}@{instance}", ev.id.0),
        summary: ev.title.clone(),
        description: Some(description),
        location: (!ev.venue.is_empty()).then(|| ev.venue.clone()),
        url: (!ev.online_url.is_empty()).then(|| ev.online_url.clone()),
        zone: t.zone,
        start: t.start_local,
        end: t.end_local,
        status: match ev.status {
            EventStatus::Planned => ::reports::ical::IcalStatus::Tentative,
            EventStatus::Confirmed | EventStatus::Held => ::reports::ical::IcalStatus::Confirmed,
            EventStatus::Cancelled => ::reports::ical::IcalStatus::Cancelled,
        },
        updated: chrono::DateTime::from_timestamp(ev.updated_at, 0).unwrap_or_default(),
        sequence: u32::try_from(ev.version - 1).unwrap_or(0),
    })
}

/// Where a calendar file comes from and what it is called.
pub struct IcsSource<'a> {
    /// The calendar's name (NAME, X-WR-CALNAME).
    pub name: &'a str,
    /// The download's file name.
    pub file: &'a str,
    /// This server's id, for the UIDs.
    pub instance: &'a str,
}

pub fn ics_response(
    source: IcsSource<'_>,
    events: &[EventRecord],
    lang: Language,
    now: chrono::DateTime<chrono::Utc>,
) -> Response {
    let IcsSource {
        name,
        file,
        instance,
    } = source;
    let list: Vec<_> = events
        .iter()
        .filter_map(|e| ical_event(e, lang, instance))
        .collect();
    let body = ::reports::ical::calendar(name, &list, now);
    crate::page::download(body, "text/calendar; charset=utf-8", file)
}

pub(super) async fn ics(
    app: &AppState,
    user: &SessionUser,
    id: EventId,
) -> Result<Response, AppError> {
    let ev = visible_event(app, user, id).await?;
    let instance = app.store().instance_id().await?;
    let source = IcsSource {
        name: &ev.title,
        file: &format!("su-kien-{}.ics", id.0),
        instance: &instance,
    };
    Ok(ics_response(
        source,
        std::slice::from_ref(&ev),
        Language::Vi,
        app.now(),
    ))
}

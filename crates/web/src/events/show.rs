//! The event page: times in both zones, linked items, invitations, interpreters, checklist,
//! documents, outcome and follow-ups, with the forms the user may use.

use super::ics;
use super::{
    Choice, TimeLines, choices, event_id, status_class, time_lines, unit_names, visible_event,
};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{Posted, choice};
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use domain::events::{self};
use domain::{EventId, EventStatus, Language};
use serde::Deserialize;

pub struct Linked {
    pub id: i64,
    pub label: String,
}

pub struct InvitationLine {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub status: &'static str,
    pub status_label: String,
}

pub struct BookingLine {
    pub id: i64,
    pub person: String,
    pub pair: String,
    pub clashes: Vec<(i64, String)>,
}

pub struct CheckLine {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub done: bool,
}

pub struct DocLine {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub size: String,
}

pub struct FollowUpLine {
    pub id: i64,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub item: Option<i64>,
}

#[derive(Template)]
#[template(path = "events/show.html")]
struct ShowPage<'a> {
    l: Layout<'a>,
    id: i64,
    version: i64,
    title: String,
    kind: String,
    status: &'static str,
    status_label: String,
    scope: String,
    format: String,
    organiser: String,
    topic: String,
    venue: String,
    online_url: String,
    times: TimeLines,
    units: Vec<(i64, String, bool)>,
    items: Vec<Linked>,
    can_edit: bool,
    next_statuses: Vec<Choice>,
    /// The event counts toward targets: a change away from its status is confirmed.
    status_counted: bool,
    invitation_counts: Vec<(String, i64)>,
    invitation_total: i64,
    invitations: Vec<InvitationLine>,
    invitation_statuses: Vec<Choice>,
    experts: Vec<Choice>,
    bookings: Vec<BookingLine>,
    interpreters: Vec<Choice>,
    checklist: Vec<CheckLine>,
    checklist_kinds: Vec<Choice>,
    documents: Vec<DocLine>,
    outcome: String,
    follow_ups: Vec<FollowUpLine>,
    error_form: &'static str,
    /// The refused form's first message (the status form says it beside its one field).
    error: String,
    fields: FieldErrors,
    posted: Vec<(String, String)>,
    notice: String,
    cities: Option<crate::cities::CityLinks>,
    /// The media works made for or shown at the event (issue 18).
    media: Vec<crate::media::links::WorkLine>,
}

/// A form of the page that was refused: which, each field's problem, and what it sent
/// (drawn again in it).
pub(super) struct Refused {
    pub form: &'static str,
    pub errors: FieldErrors,
    pub posted: Vec<(String, String)>,
}

impl Refused {
    /// `form` refused as a whole, with `message`.
    pub fn whole(form: &'static str, message: String) -> Refused {
        Refused {
            form,
            errors: FieldErrors::whole(message),
            posted: Vec::new(),
        }
    }
}

/// How many invitations the page lists (the counts cover all).
const INVITATIONS_SHOWN: i64 = 200;

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    // One route serves the page and its `.ics`.
    if let Some(id) = id.strip_suffix(".ics") {
        return ics(&app, &user, event_id(id)?).await;
    }
    page(&app, &ctx, &user, event_id(&id)?, None).await
}

/// The event page; `error`: the form that was refused, if one was.
pub(super) async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: EventId,
    error: Option<Refused>,
) -> Result<Response, AppError> {
    status_page(app, ctx, user, id, error, None).await
}

/// The event page with the status form showing `chosen` (a change refused or to confirm)
/// rather than the current status.
async fn status_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: EventId,
    error: Option<Refused>,
    chosen: Option<EventStatus>,
) -> Result<Response, AppError> {
    let data = Loaded::load(app, user, id).await?;
    let failed = error.is_some();
    let mut page = ShowPage::new(ctx, data, error);
    page.media = crate::media::links::for_event(app, ctx, user, id).await?;
    if let Some(chosen) = chosen {
        for c in &mut page.next_statuses {
            c.selected = c.value == chosen.as_str();
        }
    }
    Ok(render_form_page(page, failed))
}

/// What the page shows, from the store: a fixed number of calls, whatever the number of
/// linked items, invitations or documents.
struct Loaded {
    ev: store::EventRecord,
    can_edit: bool,
    names: std::collections::HashMap<domain::UnitId, String>,
    items: Vec<Linked>,
    invitations: store::InvitationPage,
    bookings: Vec<store::BookingRecord>,
    checklist: Vec<store::ChecklistEntry>,
    documents: Vec<store::EventDocument>,
    follow_ups: Vec<store::FollowUp>,
    /// Everyone who may be booked, for the forms (only loaded for editors).
    people: Vec<store::PersonRecord>,
    /// The cities taking part, for the department's people (partners do not see them).
    cities: Option<crate::cities::CityLinks>,
}

impl Loaded {
    async fn load(app: &AppState, user: &SessionUser, id: EventId) -> Result<Loaded, AppError> {
        let ev = visible_event(app, user, id).await?;
        let store = app.store();
        let can_edit = events::can_edit_event(&user.actor, &ev.item_units());
        // A partner sees the titles of the linked items it may open, no others.
        let labels = match domain::item_list_scope(&user.actor) {
            None => store.item_labels(&ev.items).await?,
            Some(units) => store.item_labels_naming(&ev.items, &units).await?,
        };
        let items = labels
            .into_iter()
            .map(|(id, label)| Linked { id: id.0, label })
            .collect();
        Ok(Loaded {
            names: unit_names(app).await?,
            items,
            invitations: store.invitations(id, 0, INVITATIONS_SHOWN).await?,
            bookings: store.bookings(id).await?,
            checklist: store.checklist(id).await?,
            documents: store.event_documents(id).await?,
            follow_ups: store.follow_ups(id).await?,
            people: if can_edit {
                store.list_people(None, None).await?
            } else {
                Vec::new()
            },
            cities: if domain::cities::can_view_cities(&user.actor) {
                Some(crate::cities::for_event(app, id, can_edit).await?)
            } else {
                None
            },
            can_edit,
            ev,
        })
    }
}

/// The people of `kind` as choices, interpreters with their language pairs.
fn people_choices(people: &[store::PersonRecord], kind: domain::PersonKind) -> Vec<Choice> {
    people
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| Choice {
            value: p.id.0.to_string(),
            label: if p.language_pairs.is_empty() {
                p.name.clone()
            } else {
                let pairs: Vec<String> = p.language_pairs.iter().map(|x| x.to_string()).collect();
                format!("{} ({})", p.name, pairs.join(", "))
            },
            selected: false,
        })
        .collect()
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(domain::format_date).unwrap_or_default()
}

/// The notice named in the address (`?notice=saved`), in the user's language.
fn notice(ctx: &Ctx) -> String {
    ctx.path
        .split_once("notice=")
        .map(|(_, n)| n.split('&').next().unwrap_or(""))
        .and_then(|n| ctx.tr().lookup(&format!("event.notice_{n}")))
        .unwrap_or("")
        .to_string()
}

fn invitation_lines(d: &Loaded, lang: Language) -> Vec<InvitationLine> {
    d.invitations
        .rows
        .iter()
        .map(|r| InvitationLine {
            id: r.id,
            name: r.name.clone(),
            organisation: r.organisation.clone(),
            status: r.status.as_str(),
            status_label: r.status.label(lang).to_string(),
        })
        .collect()
}

fn booking_lines(d: &Loaded) -> Vec<BookingLine> {
    d.bookings
        .iter()
        .map(|b| BookingLine {
            id: b.id,
            person: b.person_name.clone(),
            pair: b.language_pair.clone(),
            clashes: b.clashes.iter().map(|(e, t)| (e.0, t.clone())).collect(),
        })
        .collect()
}

fn check_lines(d: &Loaded, lang: Language) -> Vec<CheckLine> {
    d.checklist
        .iter()
        .map(|c| CheckLine {
            id: c.id,
            kind: c.kind.label(lang).to_string(),
            title: c.title.clone(),
            owner: c.owner.clone(),
            due: date(c.due),
            done: c.done,
        })
        .collect()
}

fn doc_lines(d: &Loaded, t: &crate::i18n::Tr) -> Vec<DocLine> {
    d.documents
        .iter()
        .map(|doc| DocLine {
            id: doc.id,
            kind: t.t(&format!("event.doc_{}", doc.kind)).to_string(),
            name: doc.original_name.clone(),
            size: crate::items::size_text(doc.size),
        })
        .collect()
}

fn follow_up_lines(d: &Loaded) -> Vec<FollowUpLine> {
    d.follow_ups
        .iter()
        .map(|f| FollowUpLine {
            id: f.id,
            text: f.text.clone(),
            owner: f.owner.clone(),
            due: date(f.due),
            item: f.item_id.map(|i| i.0),
        })
        .collect()
}

/// The organiser's kind, with its name when one is given.
fn organiser(ev: &store::EventRecord, lang: Language) -> String {
    if ev.organiser_name.is_empty() {
        ev.organiser.label(lang).to_string()
    } else {
        format!("{} — {}", ev.organiser.label(lang), ev.organiser_name)
    }
}

/// The event's units: (id, name, leads).
fn unit_chips(d: &Loaded) -> Vec<(i64, String, bool)> {
    d.ev.units
        .iter()
        .map(|(u, r)| {
            let name = d.names.get(u).cloned().unwrap_or_default();
            (u.0, name, *r == domain::UnitRelation::Lead)
        })
        .collect()
}

/// The status choices: the current one first and selected (saving without a change
/// changes nothing), then the statuses it may move to.
fn next_statuses(status: EventStatus, lang: Language) -> Vec<Choice> {
    std::iter::once(status)
        .chain(events::event_transitions(status).iter().copied())
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: s.label(lang).to_string(),
            selected: s == status,
        })
        .collect()
}

impl<'a> ShowPage<'a> {
    fn new(ctx: &'a Ctx, d: Loaded, error: Option<Refused>) -> ShowPage<'a> {
        let (t, lang, ev) = (ctx.tr(), ctx.lang, &d.ev);
        let Refused {
            form: error_form,
            errors: fields,
            posted,
        } = error.unwrap_or(Refused {
            form: "",
            errors: FieldErrors::new(),
            posted: Vec::new(),
        });
        let error = fields
            .all()
            .first()
            .map(|e| e.message.clone())
            .unwrap_or_default();
        ShowPage {
            l: Layout::new(ctx, &ev.title, "events"),
            id: ev.id.0,
            version: ev.version,
            title: ev.title.clone(),
            kind: ev.kind.label(lang).to_string(),
            status: status_class(ev.status),
            status_label: ev.status.label(lang).to_string(),
            scope: ev.scope.label(lang).to_string(),
            format: ev.format.label(lang).to_string(),
            organiser: organiser(ev, lang),
            topic: ev.topic.clone(),
            venue: ev.venue.clone(),
            online_url: ev.online_url.clone(),
            times: time_lines(ev),
            units: unit_chips(&d),
            can_edit: d.can_edit,
            next_statuses: next_statuses(ev.status, lang),
            status_counted: events::leaves_the_count(ev.status, EventStatus::Planned),
            invitation_counts: d
                .invitations
                .counts
                .iter()
                .map(|(s, n)| (s.label(lang).to_string(), *n))
                .collect(),
            invitation_total: d.invitations.total,
            invitations: invitation_lines(&d, lang),
            invitation_statuses: choices(
                domain::InvitationStatus::ALL,
                domain::InvitationStatus::as_str,
                |s| s.label(lang),
                &[],
            ),
            experts: [
                people_choices(&d.people, domain::PersonKind::Expert),
                people_choices(&d.people, domain::PersonKind::Staff),
            ]
            .concat(),
            bookings: booking_lines(&d),
            interpreters: people_choices(&d.people, domain::PersonKind::Interpreter),
            checklist: check_lines(&d, lang),
            checklist_kinds: choices(
                events::ChecklistKind::ALL,
                events::ChecklistKind::as_str,
                |k| k.label(lang),
                &[],
            ),
            documents: doc_lines(&d, t),
            outcome: ev.outcome.clone(),
            follow_ups: follow_up_lines(&d),
            // Moved last: the fields above borrow `d`.
            items: d.items,
            cities: d.cities,
            media: Vec::new(),
            error_form,
            error,
            fields,
            posted,
            notice: notice(ctx),
        }
    }

    /// The value `name` had in `form` when that form was refused, else nothing.
    fn kept(&self, form: &str, name: &str) -> &str {
        if self.error_form != form {
            return "";
        }
        self.posted
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Whether `form`, refused, sent `value` for `name` (a ticked box, a chosen option).
    fn sent(&self, form: &str, name: &str, value: &str) -> bool {
        self.error_form == form && self.posted.iter().any(|(k, v)| k == name && v == value)
    }
}

/// Back to the event page after a change. The section comes as a query parameter, not a
/// `#fragment`: htmx's redirect to the same address with only a fragment changed would
/// scroll instead of loading the page again.
pub(super) fn back(ctx: &Ctx, id: EventId, notice: &str, section: &str) -> Response {
    redirect(ctx, &back_path(id, notice, section))
}

/// The path [`back`] goes to.
pub(super) fn back_path(id: EventId, notice: &str, section: &str) -> String {
    format!("/events/{}?notice={notice}&at={section}", id.0)
}

#[derive(Deserialize)]
pub struct StatusForm {
    version: i64,
    #[serde(default)]
    status: String,
    /// "yes" when the person confirmed taking a held event out of the counts.
    #[serde(default)]
    confirm: String,
}

pub async fn status(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    Posted { form: f, .. }: Posted<StatusForm>,
) -> Result<Response, AppError> {
    // An unknown status is said on the form, never read as some default status.
    let Ok(to) = choice::<EventStatus>(&f.status, "event.pick_status") else {
        let msg = ctx.tr().t("event.pick_status").to_string();
        return page(&app, &ctx, &user, id, Some(Refused::whole("status", msg))).await;
    };
    let from = visible_event(&app, &user, id).await?.status;
    if to == from {
        // The default choice, saved as it is: nothing changes.
        return Ok(back(&ctx, id, "unchanged", "status"));
    }
    if events::leaves_the_count(from, to) && f.confirm != "yes" {
        let msg = ctx.tr().f(
            "event.confirm_uncount_needed",
            &[("to", to.label(ctx.lang))],
        );
        return status_page(
            &app,
            &ctx,
            &user,
            id,
            Some(Refused::whole("status", msg)),
            Some(to),
        )
        .await;
    }
    match app
        .store()
        .set_event_status(id, f.version, to, &user.actor)
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved", "status")),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            status_page(
                &app,
                &ctx,
                &user,
                id,
                Some(Refused::whole("status", msg)),
                Some(to),
            )
            .await
        }
    }
}

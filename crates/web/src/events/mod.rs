//! Events (issue 5): the calendar (month and list views with filters, CSV/XLSX export),
//! the event page (both time zones, linked items, invitations, interpreters with
//! double-booking warnings, checklist, documents, outcome and follow-ups), create/edit
//! forms, status changes and `.ics` downloads. People, delegations and feeds have their
//! own modules. Every route checks `domain::events` permissions; the store checks them
//! again in its transaction.

pub mod delegations;
pub mod feeds;
pub mod people;
mod prep;

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::{field, fields, form_pairs};
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use chrono::{Datelike, NaiveDate, TimeZone};
use domain::events::{self, HANOI};
use domain::{
    EventFormat, EventId, EventKind, EventScope, EventStatus, EventTimes, ItemId, Language,
    Organiser, UnitId,
};
use std::collections::HashMap;
use store::{EventFilter, EventInput, EventRecord};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/events", get(list).post(create))
        .route("/events/new", get(new_form))
        .route("/events/{id}", get(show).post(update))
        .route("/events/{id}/edit", get(edit_form))
        .route("/events/{id}/status", post(status))
        .route("/events/{id}/outcome", post(prep::outcome))
        .route("/events/{id}/invitations", post(prep::invite))
        .route("/invitations/{id}/status", post(prep::invitation_status))
        .route("/events/{id}/interpreters", post(prep::book))
        .route("/bookings/{id}/delete", post(prep::unbook))
        .route("/events/{id}/checklist", post(prep::add_check))
        .route("/checklist/{id}/done", post(prep::check_done))
        // One file per upload, streamed to disk and checked against the evidence limit
        // as it arrives; the form body limit would cut it off.
        .route(
            "/events/{id}/documents",
            post(prep::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/event-documents/{id}", get(prep::download))
        .route("/events/{id}/follow-ups", post(prep::add_follow_up))
        .route("/follow-ups/{id}/to-plan", post(prep::to_plan))
        .merge(people::routes())
        .merge(delegations::routes())
        .merge(feeds::routes())
}

/// A choice in a `<select>` or a checkbox group.
#[derive(Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
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

// ---- list and calendar --------------------------------------------------------------------

#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    view: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    format: String,
}

pub struct EventLine {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub status: &'static str,
    pub status_label: String,
    pub scope: String,
    pub when: String,
    pub hanoi: String,
    pub units: String,
    /// HH:MM in Hanoi, for the month grid.
    pub hour: String,
}

pub struct Day {
    pub day: u32,
    pub in_month: bool,
    pub today: bool,
    pub events: Vec<(i64, String, String, &'static str)>,
}

#[derive(Template)]
#[template(path = "events/list.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    month_view: bool,
    month: String,
    month_label: String,
    prev: String,
    next: String,
    weeks: Vec<Vec<Day>>,
    weekdays: Vec<String>,
    events: Vec<EventLine>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    scopes: Vec<Choice>,
    units: Vec<Choice>,
    query: String,
    can_create: bool,
}

fn month_of(s: &str) -> Option<NaiveDate> {
    let (y, m) = s.split_once('-')?;
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

fn next_month(d: NaiveDate) -> NaiveDate {
    if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap_or(d)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1).unwrap_or(d)
    }
}

fn prev_month(d: NaiveDate) -> NaiveDate {
    if d.month() == 1 {
        NaiveDate::from_ymd_opt(d.year() - 1, 12, 1).unwrap_or(d)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() - 1, 1).unwrap_or(d)
    }
}

/// Midnight in Hanoi as UTC seconds.
fn hanoi_midnight(d: NaiveDate) -> i64 {
    HANOI
        .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
        .single()
        .map(|t| t.timestamp())
        .unwrap_or(0)
}

fn is_partner_only(user: &SessionUser) -> bool {
    user.is_partner_only()
}

/// The filter of the query (kind, status, scope, unit, month), for `user`.
fn filter_of(q: &ListQuery, user: &SessionUser, month: Option<NaiveDate>) -> EventFilter {
    EventFilter {
        kinds: q.kind.parse::<EventKind>().into_iter().collect(),
        statuses: q.status.parse::<EventStatus>().into_iter().collect(),
        scope: q.scope.parse().ok(),
        unit_id: q.unit.parse().ok().map(UnitId),
        visible_units: is_partner_only(user).then(|| user.actor.unit_ids.clone()),
        from: month.map(hanoi_midnight),
        to: month.map(|m| hanoi_midnight(next_month(m))),
        limit: 2000,
    }
}

fn line(lang: Language, ev: &EventRecord, names: &HashMap<UnitId, String>) -> EventLine {
    let times = time_lines(ev);
    let hour = ev
        .times()
        .map(|t| t.start.with_timezone(&HANOI).format("%H:%M").to_string())
        .unwrap_or_default();
    EventLine {
        id: ev.id.0,
        title: ev.title.clone(),
        kind: ev.kind.label(lang).to_string(),
        status: status_class(ev.status),
        status_label: ev.status.label(lang).to_string(),
        scope: ev.scope.label(lang).to_string(),
        when: times.local,
        hanoi: times.hanoi,
        units: ev
            .units
            .iter()
            .filter_map(|(u, _)| names.get(u).cloned())
            .collect::<Vec<_>>()
            .join(", "),
        hour,
    }
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let lang = ctx.lang;
    let today = app.now().with_timezone(&HANOI).date_naive();
    let month_view = q.view != "list";
    let month = month_of(&q.month)
        .or_else(|| month_view.then(|| NaiveDate::from_ymd_opt(today.year(), today.month(), 1))?);
    let events = app
        .store()
        .list_events(&filter_of(&q, &user, month))
        .await?;
    let names = unit_names(&app).await?;
    if q.format == "csv" || q.format == "xlsx" {
        return export(&q.format, lang, &events, &names);
    }
    let lines: Vec<EventLine> = events.iter().map(|e| line(lang, e, &names)).collect();
    let m = month.unwrap_or_else(|| {
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today)
    });
    // The grid: Monday-first weeks covering the month, events on each Hanoi day they touch.
    let first = m - chrono::Duration::days(m.weekday().num_days_from_monday() as i64);
    let end = next_month(m);
    let mut weeks = Vec::new();
    let mut d = first;
    while d < end {
        let mut week = Vec::new();
        for _ in 0..7 {
            let (lo, hi) = (
                hanoi_midnight(d),
                hanoi_midnight(d + chrono::Duration::days(1)),
            );
            let events = events
                .iter()
                .zip(&lines)
                .filter(|(e, _)| e.start_at < hi && (e.end_at > lo || e.start_at >= lo))
                .map(|(e, l)| {
                    (
                        e.id.0,
                        l.hour.clone(),
                        e.title.clone(),
                        status_class(e.status),
                    )
                })
                .collect();
            week.push(Day {
                day: d.day(),
                in_month: d.month() == m.month(),
                today: d == today,
                events,
            });
            d += chrono::Duration::days(1);
        }
        weeks.push(week);
    }
    let pick = |s: &str| s.to_string();
    let units = app
        .store()
        .list_units()
        .await?
        .into_iter()
        .filter(|u| !is_partner_only(&user) || user.actor.unit_ids.contains(&u.id))
        .map(|u| Choice {
            selected: q.unit == u.id.0.to_string(),
            value: u.id.0.to_string(),
            label: u.name,
        })
        .collect();
    let mut query: Vec<String> = Vec::new();
    for (k, v) in [
        ("kind", &q.kind),
        ("status", &q.status),
        ("scope", &q.scope),
        ("unit", &q.unit),
    ] {
        if !v.is_empty() {
            query.push(format!(
                "{k}={}",
                form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
            ));
        }
    }
    if let Some(m) = month {
        query.push(format!("month={}", m.format("%Y-%m")));
    }
    let title = t.t("event.title").to_string();
    // Board and admins may create for any unit (UnitId(0) stands for "any").
    let can_create = user
        .actor
        .unit_ids
        .iter()
        .any(|u| events::can_create_event(&user.actor, *u))
        || events::can_create_event(&user.actor, UnitId(0));
    Ok(render_page(ListPage {
        l: Layout::new(&ctx, &title, "events"),
        month_view,
        month: m.format("%Y-%m").to_string(),
        month_label: t.f(
            "event.month_label",
            &[("m", &m.month().to_string()), ("y", &m.year().to_string())],
        ),
        prev: prev_month(m).format("%Y-%m").to_string(),
        next: next_month(m).format("%Y-%m").to_string(),
        weeks,
        weekdays: (1..=7)
            .map(|i| t.t(&format!("event.wd{i}")).to_string())
            .collect(),
        events: lines,
        kinds: choices(
            EventKind::ALL,
            EventKind::as_str,
            |k| k.label(lang),
            &q.kind.parse().into_iter().collect::<Vec<_>>(),
        ),
        statuses: choices(
            EventStatus::ALL,
            EventStatus::as_str,
            |k| k.label(lang),
            &q.status.parse().into_iter().collect::<Vec<_>>(),
        ),
        scopes: choices(
            EventScope::ALL,
            EventScope::as_str,
            |k| k.label(lang),
            &q.scope.parse().into_iter().collect::<Vec<_>>(),
        ),
        units,
        query: pick(&query.join("&")),
        can_create,
    }))
}

fn export(
    format: &str,
    lang: Language,
    events: &[EventRecord],
    names: &HashMap<UnitId, String>,
) -> Result<Response, AppError> {
    use ::reports::{Cell, Table};
    let headers = match lang {
        Language::Vi => [
            "Mã",
            "Tên sự kiện",
            "Loại",
            "Trạng thái",
            "Phạm vi",
            "Hình thức",
            "Đơn vị tổ chức",
            "Thời gian (giờ địa phương)",
            "Thời gian (giờ Hà Nội)",
            "Múi giờ",
            "Địa điểm",
            "Đường dẫn trực tuyến",
            "Đơn vị",
        ],
        Language::En => [
            "Id",
            "Title",
            "Kind",
            "Status",
            "Scope",
            "Format",
            "Organiser",
            "Time (local)",
            "Time (Hanoi)",
            "Time zone",
            "Venue",
            "Online link",
            "Units",
        ],
    };
    let table = Table {
        title: match lang {
            Language::Vi => "Sự kiện".into(),
            Language::En => "Events".into(),
        },
        headers: headers.iter().map(|s| s.to_string()).collect(),
        rows: events
            .iter()
            .map(|e| {
                let t = e.times();
                let organiser = if e.organiser_name.is_empty() {
                    e.organiser.label(lang).to_string()
                } else {
                    format!("{} ({})", e.organiser.label(lang), e.organiser_name)
                };
                vec![
                    Cell::Int(e.id.0),
                    Cell::from(e.title.as_str()),
                    Cell::from(e.kind.label(lang)),
                    Cell::from(e.status.label(lang)),
                    Cell::from(e.scope.label(lang)),
                    Cell::from(e.format.label(lang)),
                    Cell::Text(organiser),
                    Cell::Text(t.map(|t| t.local_text()).unwrap_or_default()),
                    Cell::Text(t.map(|t| t.hanoi_text()).unwrap_or_default()),
                    Cell::from(e.time_zone.as_str()),
                    Cell::from(e.venue.as_str()),
                    Cell::from(e.online_url.as_str()),
                    Cell::Text(
                        e.units
                            .iter()
                            .filter_map(|(u, _)| names.get(u).cloned())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ]
            })
            .collect(),
    };
    let (bytes, mime, ext) = if format == "xlsx" {
        (
            table.to_xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        (table.to_csv(), "text/csv; charset=utf-8", "csv")
    };
    let bytes = bytes.map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(crate::page::download(
        bytes,
        mime,
        &format!("su-kien.{ext}"),
    ))
}

// ---- the event page -------------------------------------------------------------------------

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
    error: String,
    notice: String,
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

/// The event page; `error`: (form, message) of a form that failed.
pub async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: EventId,
    error: Option<(&'static str, String)>,
) -> Result<Response, AppError> {
    let ev = visible_event(app, user, id).await?;
    let store = app.store();
    let t = ctx.tr();
    let lang = ctx.lang;
    let names = unit_names(app).await?;
    let can_edit = events::can_edit_event(&user.actor, &ev.item_units());
    let mut items = Vec::new();
    for i in &ev.items {
        if let Some(v) = store.item(*i).await? {
            let num = v.item.numbering.clone().unwrap_or_default();
            items.push(Linked {
                id: i.0,
                label: format!("{num} {}", v.item.title).trim().to_string(),
            });
        }
    }
    let inv = store.invitations(id, 0, INVITATIONS_SHOWN).await?;
    let bookings = store.bookings(id).await?;
    let checklist = store.checklist(id).await?;
    let documents = store.event_documents(id).await?;
    let follow_ups = store.follow_ups(id).await?;
    let (experts, interpreters) = if can_edit {
        let people = store.list_people(None, None).await?;
        let mk = |k: domain::PersonKind| -> Vec<Choice> {
            people
                .iter()
                .filter(|p| p.kind == k)
                .map(|p| Choice {
                    value: p.id.0.to_string(),
                    label: if p.language_pairs.is_empty() {
                        p.name.clone()
                    } else {
                        format!(
                            "{} ({})",
                            p.name,
                            p.language_pairs
                                .iter()
                                .map(|x| x.to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                    selected: false,
                })
                .collect()
        };
        (
            [
                mk(domain::PersonKind::Expert),
                mk(domain::PersonKind::Staff),
            ]
            .concat(),
            mk(domain::PersonKind::Interpreter),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let organiser = if ev.organiser_name.is_empty() {
        ev.organiser.label(lang).to_string()
    } else {
        format!("{} — {}", ev.organiser.label(lang), ev.organiser_name)
    };
    let date = |d: Option<NaiveDate>| d.map(domain::format_date).unwrap_or_default();
    let (error_form, error) = error.unwrap_or(("", String::new()));
    let notice = ctx
        .path
        .split_once("notice=")
        .map(|(_, n)| n.split('&').next().unwrap_or(""))
        .and_then(|n| t.lookup(&format!("event.notice_{n}")))
        .unwrap_or("")
        .to_string();
    let page = ShowPage {
        l: Layout::new(ctx, &ev.title, "events"),
        id: id.0,
        version: ev.version,
        title: ev.title.clone(),
        kind: ev.kind.label(lang).to_string(),
        status: status_class(ev.status),
        status_label: ev.status.label(lang).to_string(),
        scope: ev.scope.label(lang).to_string(),
        format: ev.format.label(lang).to_string(),
        organiser,
        topic: ev.topic.clone(),
        venue: ev.venue.clone(),
        online_url: ev.online_url.clone(),
        times: time_lines(&ev),
        units: ev
            .units
            .iter()
            .map(|(u, r)| {
                (
                    u.0,
                    names.get(u).cloned().unwrap_or_default(),
                    *r == domain::UnitRelation::Lead,
                )
            })
            .collect(),
        items,
        can_edit,
        next_statuses: events::event_transitions(ev.status)
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_string(),
                label: s.label(lang).to_string(),
                selected: false,
            })
            .collect(),
        invitation_counts: inv
            .counts
            .iter()
            .map(|(s, n)| (s.label(lang).to_string(), *n))
            .collect(),
        invitation_total: inv.total,
        invitations: inv
            .rows
            .iter()
            .map(|r| InvitationLine {
                id: r.id,
                name: r.name.clone(),
                organisation: r.organisation.clone(),
                status: r.status.as_str(),
                status_label: r.status.label(lang).to_string(),
            })
            .collect(),
        invitation_statuses: choices(
            domain::InvitationStatus::ALL,
            domain::InvitationStatus::as_str,
            |s| s.label(lang),
            &[],
        ),
        experts,
        bookings: bookings
            .iter()
            .map(|b| BookingLine {
                id: b.id,
                person: b.person_name.clone(),
                pair: b.language_pair.clone(),
                clashes: b.clashes.iter().map(|(e, t)| (e.0, t.clone())).collect(),
            })
            .collect(),
        interpreters,
        checklist: checklist
            .iter()
            .map(|c| CheckLine {
                id: c.id,
                kind: c.kind.label(lang).to_string(),
                title: c.title.clone(),
                owner: c.owner.clone(),
                due: date(c.due),
                done: c.done,
            })
            .collect(),
        checklist_kinds: choices(
            events::ChecklistKind::ALL,
            events::ChecklistKind::as_str,
            |k| k.label(lang),
            &[],
        ),
        documents: documents
            .iter()
            .map(|d| DocLine {
                id: d.id,
                kind: t.t(&format!("event.doc_{}", d.kind)).to_string(),
                name: d.original_name.clone(),
                size: crate::items::size_text(d.size),
            })
            .collect(),
        outcome: ev.outcome.clone(),
        follow_ups: follow_ups
            .iter()
            .map(|f| FollowUpLine {
                id: f.id,
                text: f.text.clone(),
                owner: f.owner.clone(),
                due: date(f.due),
                item: f.item_id.map(|i| i.0),
            })
            .collect(),
        error_form,
        error,
        notice,
    };
    let mut r = render_page(page);
    if !error_form.is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

/// Back to the event page after a change. The section comes as a query parameter, not a
/// `#fragment`: htmx's redirect to the same address with only a fragment changed would
/// scroll instead of loading the page again.
pub fn back(ctx: &Ctx, id: EventId, notice: &str, section: &str) -> Response {
    redirect(
        ctx,
        &format!("/events/{}?notice={notice}&at={section}", id.0),
    )
}

pub async fn status(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let version: i64 = field(&pairs, "version")
        .parse()
        .map_err(|_| AppError::BadRequest("version missing".into()))?;
    let Ok(to) = field(&pairs, "status").parse::<EventStatus>() else {
        let msg = ctx.tr().t("event.pick_status").to_string();
        return page(&app, &ctx, &user, id, Some(("status", msg))).await;
    };
    match app
        .store()
        .set_event_status(id, version, to, &user.actor, ctx.lang)
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved", "status")),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            page(&app, &ctx, &user, id, Some(("status", msg))).await
        }
    }
}

// ---- .ics ------------------------------------------------------------------------------------

pub fn ical_event(ev: &EventRecord, lang: Language) -> Option<::reports::ical::IcalEvent> {
    let t = ev.times()?;
    let mut description = ev.kind.label(lang).to_string();
    if !ev.topic.is_empty() {
        description.push_str(" — ");
        description.push_str(&ev.topic);
    }
    Some(::reports::ical::IcalEvent {
        uid: format!("event-{}@sangtao", ev.id.0),
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
    })
}

pub fn ics_response(
    name: &str,
    events: &[EventRecord],
    lang: Language,
    file: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Response {
    let list: Vec<_> = events.iter().filter_map(|e| ical_event(e, lang)).collect();
    let body = ::reports::ical::calendar(name, &list, now);
    crate::page::download(body, "text/calendar; charset=utf-8", file)
}

async fn ics(app: &AppState, user: &SessionUser, id: EventId) -> Result<Response, AppError> {
    let ev = visible_event(app, user, id).await?;
    let lang = Language::Vi;
    Ok(ics_response(
        &ev.title,
        std::slice::from_ref(&ev),
        lang,
        &format!("su-kien-{}.ics", id.0),
        app.now(),
    ))
}

// ---- create and edit ------------------------------------------------------------------------

/// The form as typed (sticky on errors).
#[derive(Default, Clone)]
pub struct EventForm {
    pub title: String,
    pub kind: String,
    pub scope: String,
    pub format: String,
    pub organiser: String,
    pub organiser_name: String,
    pub topic: String,
    pub zone: String,
    pub start_date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    pub venue: String,
    pub online_url: String,
    pub lead: String,
    pub coord: Vec<String>,
    pub items: Vec<String>,
    pub status: String,
}

impl EventForm {
    fn from_pairs(p: &[(String, String)]) -> EventForm {
        let f = |n| field(p, n).to_string();
        EventForm {
            title: f("title"),
            kind: f("kind"),
            scope: f("scope"),
            format: f("format"),
            organiser: f("organiser"),
            organiser_name: f("organiser_name"),
            topic: f("topic"),
            zone: f("zone"),
            start_date: f("start_date"),
            start_time: f("start_time"),
            end_date: f("end_date"),
            end_time: f("end_time"),
            venue: f("venue"),
            online_url: f("online_url"),
            lead: f("lead"),
            coord: fields(p, "coord").map(str::to_string).collect(),
            items: fields(p, "item").map(str::to_string).collect(),
            status: f("status"),
        }
    }

    fn from_event(ev: &EventRecord) -> EventForm {
        let t = ev.times();
        let d = |x: Option<chrono::NaiveDateTime>, fmt: &str| {
            x.map(|x| x.format(fmt).to_string()).unwrap_or_default()
        };
        EventForm {
            title: ev.title.clone(),
            kind: ev.kind.as_str().into(),
            scope: ev.scope.as_str().into(),
            format: ev.format.as_str().into(),
            organiser: ev.organiser.as_str().into(),
            organiser_name: ev.organiser_name.clone(),
            topic: ev.topic.clone(),
            zone: ev.time_zone.clone(),
            start_date: d(t.map(|t| t.start_local), "%d/%m/%Y"),
            start_time: d(t.map(|t| t.start_local), "%H:%M"),
            end_date: d(t.map(|t| t.end_local), "%d/%m/%Y"),
            end_time: d(t.map(|t| t.end_local), "%H:%M"),
            venue: ev.venue.clone(),
            online_url: ev.online_url.clone(),
            lead: ev
                .units
                .iter()
                .find(|(_, r)| *r == domain::UnitRelation::Lead)
                .map(|(u, _)| u.0.to_string())
                .unwrap_or_default(),
            coord: ev
                .units
                .iter()
                .filter(|(_, r)| *r == domain::UnitRelation::Coordinating)
                .map(|(u, _)| u.0.to_string())
                .collect(),
            items: ev.items.iter().map(|i| i.0.to_string()).collect(),
            status: ev.status.as_str().into(),
        }
    }

    /// The domain values, or the first problem as a message.
    fn parse(&self, lang: Language, t: &crate::i18n::Tr) -> Result<EventInput, String> {
        let pick = |key: &str| t.t(key).to_string();
        let kind: EventKind = self.kind.parse().map_err(|_| pick("event.pick_kind"))?;
        let scope: EventScope = self.scope.parse().map_err(|_| pick("event.pick_scope"))?;
        let format: EventFormat = self.format.parse().map_err(|_| pick("event.pick_format"))?;
        let organiser: Organiser = self
            .organiser
            .parse()
            .map_err(|_| pick("event.pick_organiser"))?;
        if self.title.trim().is_empty() {
            return Err(domain::EventError::TitleRequired.message(lang));
        }
        let start =
            events::parse_local(&self.start_date, &self.start_time).map_err(|e| e.message(lang))?;
        let end_date = if self.end_date.trim().is_empty() {
            &self.start_date
        } else {
            &self.end_date
        };
        let end = events::parse_local(end_date, &self.end_time).map_err(|e| e.message(lang))?;
        let times = EventTimes::resolve(&self.zone, start, end).map_err(|e| e.message(lang))?;
        let lead: UnitId = self
            .lead
            .parse()
            .map(UnitId)
            .map_err(|_| pick("event.pick_lead"))?;
        let status = if self.status.is_empty() {
            EventStatus::Planned
        } else {
            self.status.parse().map_err(|_| pick("event.pick_status"))?
        };
        Ok(EventInput {
            title: self.title.clone(),
            kind,
            scope,
            format,
            organiser,
            organiser_name: self.organiser_name.clone(),
            topic: self.topic.clone(),
            times,
            venue: self.venue.clone(),
            online_url: self.online_url.clone(),
            lead_units: vec![lead],
            coordinating_units: self
                .coord
                .iter()
                .filter_map(|c| c.parse().ok().map(UnitId))
                .filter(|u| *u != lead)
                .collect(),
            items: self
                .items
                .iter()
                .filter_map(|c| c.parse().ok().map(ItemId))
                .collect(),
            status,
        })
    }
}

#[derive(Template)]
#[template(path = "events/form.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    /// None: a new event.
    id: Option<i64>,
    version: i64,
    f: EventForm,
    kinds: Vec<Choice>,
    scopes: Vec<Choice>,
    formats: Vec<Choice>,
    organisers: Vec<Choice>,
    statuses: Vec<Choice>,
    leads: Vec<Choice>,
    coords: Vec<Choice>,
    items: Vec<Choice>,
    zones: Vec<&'static str>,
    error: String,
}

/// Zones offered in the list (any IANA name may be typed).
const ZONES: &[&str] = &[
    "Asia/Ho_Chi_Minh",
    "Asia/Bangkok",
    "Asia/Singapore",
    "Asia/Jakarta",
    "Asia/Manila",
    "Asia/Shanghai",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Europe/Paris",
    "Europe/Budapest",
    "Europe/London",
    "Europe/Lisbon",
    "America/Mexico_City",
    "America/New_York",
    "America/Sao_Paulo",
    "Africa/Cairo",
    "UTC",
];

fn sel(v: &str, wanted: &str) -> bool {
    v == wanted
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: Option<(i64, i64)>,
    f: EventForm,
    error: String,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = ctx.tr();
    let all_units = app.store().list_units().await?;
    let leads: Vec<Choice> = all_units
        .iter()
        .filter(|u| {
            events::can_create_event(&user.actor, u.id) || sel(&u.id.0.to_string(), &f.lead)
        })
        .map(|u| Choice {
            value: u.id.0.to_string(),
            label: u.name.clone(),
            selected: sel(&u.id.0.to_string(), &f.lead),
        })
        .collect();
    if leads.is_empty() {
        return Err(AppError::Forbidden);
    }
    let coords = all_units
        .iter()
        .map(|u| Choice {
            value: u.id.0.to_string(),
            label: u.name.clone(),
            selected: f.coord.contains(&u.id.0.to_string()),
        })
        .collect();
    let mut items = Vec::new();
    for p in app.store().list_plans().await? {
        if let Some(v) = app.store().plan(p.id).await? {
            for root in &v.items {
                for n in root.walk() {
                    let id = n.item.id.0.to_string();
                    let targets: Vec<String> = n.targets.iter().map(|x| x.display()).collect();
                    let mut label = format!(
                        "{} {}",
                        n.item.numbering.clone().unwrap_or_default(),
                        n.item.title.chars().take(90).collect::<String>()
                    );
                    if !targets.is_empty() {
                        label.push_str(&format!(" [{}]", targets.join("; ")));
                    }
                    items.push(Choice {
                        selected: f.items.contains(&id),
                        value: id,
                        label: label.trim().to_string(),
                    });
                }
            }
        }
    }
    let one = |s: &String| -> Vec<String> { vec![s.clone()] };
    let pick = |v: &[String], code: &str| v.iter().any(|x| x == code);
    let mk = |all: Vec<(&'static str, &'static str)>, cur: &String| -> Vec<Choice> {
        all.into_iter()
            .map(|(c, l)| Choice {
                value: c.into(),
                label: l.into(),
                selected: pick(&one(cur), c),
            })
            .collect()
    };
    let new_statuses: Vec<EventStatus> = vec![
        EventStatus::Planned,
        EventStatus::Confirmed,
        EventStatus::Held,
    ];
    let title = match id {
        Some(_) => t.t("event.edit").to_string(),
        None => t.t("event.new").to_string(),
    };
    let mut r = render_page(FormPage {
        l: Layout::new(ctx, &title, "events"),
        id: id.map(|(i, _)| i),
        version: id.map(|(_, v)| v).unwrap_or(0),
        kinds: mk(
            EventKind::ALL
                .iter()
                .map(|k| (k.as_str(), k.label(lang)))
                .collect(),
            &f.kind,
        ),
        scopes: mk(
            EventScope::ALL
                .iter()
                .map(|k| (k.as_str(), k.label(lang)))
                .collect(),
            &f.scope,
        ),
        formats: mk(
            EventFormat::ALL
                .iter()
                .map(|k| (k.as_str(), k.label(lang)))
                .collect(),
            &f.format,
        ),
        organisers: mk(
            Organiser::ALL
                .iter()
                .map(|k| (k.as_str(), k.label(lang)))
                .collect(),
            &f.organiser,
        ),
        statuses: mk(
            new_statuses
                .iter()
                .map(|k| (k.as_str(), k.label(lang)))
                .collect(),
            &f.status,
        ),
        leads,
        coords,
        items,
        zones: ZONES.to_vec(),
        f,
        error: error.clone(),
    });
    if !error.is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

pub async fn new_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    let f = EventForm {
        zone: "Asia/Ho_Chi_Minh".into(),
        kind: EventKind::OnlineSession.as_str().into(),
        scope: EventScope::Global.as_str().into(),
        format: EventFormat::Online.as_str().into(),
        organiser: Organiser::Hanoi.as_str().into(),
        status: EventStatus::Planned.as_str().into(),
        lead: user
            .actor
            .unit_ids
            .iter()
            .find(|u| events::can_create_event(&user.actor, **u))
            .map(|u| u.0.to_string())
            .unwrap_or_default(),
        ..Default::default()
    };
    form_page(&app, &ctx, &user, None, f, String::new()).await
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let f = EventForm::from_pairs(&pairs);
    let input = match f.parse(ctx.lang, ctx.tr()) {
        Ok(i) => i,
        Err(msg) => return form_page(&app, &ctx, &user, None, f, msg).await,
    };
    if !input
        .lead_units
        .iter()
        .all(|u| events::can_create_event(&user.actor, *u))
    {
        return Err(AppError::Forbidden);
    }
    match app.store().create_event(&input, &user.actor).await {
        Ok(id) => Ok(back(&ctx, id, "created", "top")),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            form_page(&app, &ctx, &user, None, f, msg).await
        }
    }
}

pub async fn edit_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
) -> Result<Response, AppError> {
    let ev = visible_event(&app, &user, id).await?;
    if !events::can_edit_event(&user.actor, &ev.item_units()) {
        return Err(AppError::Forbidden);
    }
    form_page(
        &app,
        &ctx,
        &user,
        Some((id.0, ev.version)),
        EventForm::from_event(&ev),
        String::new(),
    )
    .await
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let ev = visible_event(&app, &user, id).await?;
    if !events::can_edit_event(&user.actor, &ev.item_units()) {
        return Err(AppError::Forbidden);
    }
    let pairs = form_pairs(&body);
    let version: i64 = field(&pairs, "version")
        .parse()
        .map_err(|_| AppError::BadRequest("version missing".into()))?;
    let mut f = EventForm::from_pairs(&pairs);
    f.status = ev.status.as_str().into();
    let input = match f.parse(ctx.lang, ctx.tr()) {
        Ok(i) => i,
        Err(msg) => return form_page(&app, &ctx, &user, Some((id.0, version)), f, msg).await,
    };
    match app
        .store()
        .update_event(id, version, &input, &user.actor)
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved", "top")),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            form_page(&app, &ctx, &user, Some((id.0, version)), f, msg).await
        }
    }
}

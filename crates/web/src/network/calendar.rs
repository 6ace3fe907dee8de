//! The shared calendar: Hanoi's events the Board shares with the network and the events
//! the cities (or Hanoi) post, by month (`?month=2026-11`) or as a list of what comes
//! (`?view=list`); each account may make its own feed address (`/network/feed/{token}.ics`,
//! read by calendar programs without a session; only the token's SHA-256 is kept).

use super::{author_name, viewer};
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, Signed, new_token, redirect, token_hash};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime};
use domain::EventId;
use domain::network::{NetworkError, Viewer, clean_text};
use reports::ical::{IcalEvent, IcalStatus};
use store::{Created, EventFilter, NetworkEvent, NetworkEventInput};

/// One event as the pages show it.
#[derive(Clone)]
pub struct EventLine {
    pub id: i64,
    pub day: NaiveDate,
    pub date: String,
    pub time: String,
    pub title: String,
    pub place: String,
    pub author: String,
    /// A Hanoi event shared (its page is Hanoi's: not linked for the cities).
    pub hanoi_event: Option<i64>,
}

pub(super) fn line(ctx: &Ctx, e: NetworkEvent) -> Option<EventLine> {
    let start = NaiveDateTime::parse_from_str(&e.start_local, "%Y-%m-%dT%H:%M").ok()?;
    let end = NaiveDateTime::parse_from_str(&e.end_local, "%Y-%m-%dT%H:%M").ok()?;
    let time = format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"));
    let zone = if e.zone == "Asia/Ho_Chi_Minh" {
        String::new()
    } else {
        format!(" ({})", e.zone)
    };
    Some(EventLine {
        id: e.id,
        day: start.date(),
        date: start.format("%d/%m/%Y").to_string(),
        time: time + &zone,
        title: e.title,
        place: e.place,
        author: author_name(ctx, &e.city_name),
        hanoi_event: e.event.map(|id| id.0),
    })
}

/// The next `n` events from today on (the front page).
pub(super) async fn upcoming(
    app: &AppState,
    ctx: &Ctx,
    n: usize,
) -> Result<Vec<EventLine>, AppError> {
    let today = app.today();
    let to = today + chrono::Duration::days(366);
    let events = app
        .store()
        .network_events(&today.to_string(), &to.to_string())
        .await?;
    Ok(events
        .into_iter()
        .filter_map(|e| line(ctx, e))
        .take(n)
        .collect())
}

/// A day of the month grid.
pub struct Day {
    pub number: u32,
    pub in_month: bool,
    pub today: bool,
    pub events: Vec<EventLine>,
}

#[derive(Template)]
#[template(path = "network/calendar.html")]
struct CalendarPage<'a> {
    l: Layout<'a>,
    list_view: bool,
    month_label: String,
    /// The month shown, 'yyyy-mm' (for the export links).
    month_query: String,
    prev: String,
    next: String,
    /// Weeks of seven days (Monday first), for the month view.
    weeks: Vec<Vec<Day>>,
    /// The month's events (the phone's view of the month) or, in the list view, what comes.
    lines: Vec<EventLine>,
    may_post: bool,
    manage: bool,
    /// Hanoi's coming events not shared yet (the Board shares them).
    hanoi_events: Vec<Choice>,
    form: EventForm,
    /// The network's cities the posting form may invite (ticked: as typed).
    cities: Vec<Choice>,
    errors: FieldErrors,
    /// A feed address just made (shown once).
    feed_url: String,
}

#[derive(serde::Deserialize, Default)]
pub struct CalendarQuery {
    #[serde(default)]
    month: String,
    #[serde(default)]
    view: String,
}

#[derive(serde::Deserialize, Default, Clone)]
pub struct EventForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub end: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub notes: String,
    /// Cities invited with the posting (one `city` per ticked box).
    #[serde(default)]
    pub city: Vec<String>,
    #[serde(default)]
    pub once: String,
}

pub(super) fn month_of(q: &str, today: NaiveDate) -> NaiveDate {
    NaiveDate::parse_from_str(&format!("{q}-01"), "%Y-%m-%d")
        .ok()
        .unwrap_or_else(|| today.with_day(1).expect("day 1"))
}

fn weeks(first: NaiveDate, today: NaiveDate, lines: &[EventLine]) -> Vec<Vec<Day>> {
    let start = first - chrono::Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let next = first + Months::new(1);
    let mut out = Vec::new();
    let mut day = start;
    while day < next || out.is_empty() {
        let week = (0..7)
            .map(|i| {
                let d = day + chrono::Duration::days(i);
                Day {
                    number: d.day(),
                    in_month: d.month() == first.month(),
                    today: d == today,
                    events: lines.iter().filter(|l| l.day == d).cloned().collect(),
                }
            })
            .collect();
        out.push(week);
        day += chrono::Duration::days(7);
    }
    out
}

/// Hanoi's events of the coming year not on the network calendar yet.
async fn shareable(app: &AppState) -> Result<Vec<Choice>, AppError> {
    let now = app.now().timestamp();
    let filter = EventFilter {
        from: Some(now),
        to: Some(now + 366 * 86_400),
        limit: 200,
        ..EventFilter::default()
    };
    let shared = app
        .store()
        .network_events(&app.today().to_string(), "9999-12-31")
        .await?;
    let shared: Vec<EventId> = shared.iter().filter_map(|e| e.event).collect();
    let events = app.store().list_events(&filter).await?;
    Ok(events
        .into_iter()
        .filter(|e| !shared.contains(&e.id))
        .map(|e| Choice {
            value: e.id.0.to_string(),
            label: format!("{} ({})", e.title, crate::items::local_time(e.start_at)),
            selected: false,
        })
        .collect())
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    viewer: Viewer,
    q: &CalendarQuery,
    (mut form, errors, feed_url): (EventForm, FieldErrors, String),
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let today = app.today();
    let first = month_of(&q.month, today);
    let list_view = q.view == "list";
    let (from, to) = if list_view {
        (today, today + chrono::Duration::days(366))
    } else {
        (first, first + Months::new(1))
    };
    let events = app
        .store()
        .network_events(&from.to_string(), &to.to_string())
        .await?;
    let lines: Vec<EventLine> = events.into_iter().filter_map(|e| line(ctx, e)).collect();
    let hanoi_events = if viewer.may_manage() {
        shareable(app).await?
    } else {
        Vec::new()
    };
    let cities = if viewer.may_post() {
        super::event_invitations::city_choices(app, viewer.city(), &[], &form.city).await?
    } else {
        Vec::new()
    };
    if form.once.is_empty() {
        form.once = crate::once::fresh()?;
    }
    let title = t.t("network.calendar").to_string();
    let failed = !errors.is_empty();
    Ok(render_form_page(
        CalendarPage {
            l: Layout::new(ctx, &title, "network_calendar"),
            list_view,
            month_label: format!("{:02}/{}", first.month(), first.year()),
            month_query: first.format("%Y-%m").to_string(),
            prev: (first - Months::new(1)).format("%Y-%m").to_string(),
            next: (first + Months::new(1)).format("%Y-%m").to_string(),
            weeks: if list_view {
                Vec::new()
            } else {
                weeks(first, today, &lines)
            },
            lines,
            may_post: viewer.may_post(),
            manage: viewer.may_manage(),
            hanoi_events,
            form,
            cities,
            errors,
            feed_url,
        },
        failed,
    ))
}

/// `GET /network/calendar`.
pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<CalendarQuery>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    render(&app, &ctx, viewer, &q, Default::default()).await
}

/// The form read into an event, or every problem beside its field.
pub(super) fn parse(ctx: &Ctx, f: &EventForm) -> Result<NetworkEventInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let say = |e: NetworkError| crate::i18n::Worded::message(&e, ctx.lang);
    let title = errors.take("n-title", clean_text(&f.title, 200, true).map_err(say));
    let place = errors.take("n-place", clean_text(&f.place, 200, false).map_err(say));
    let notes = errors.take("n-notes", clean_text(&f.notes, 2000, false).map_err(say));
    let date = crate::form::parse_date(&f.date).ok().flatten();
    let date = errors.take(
        "n-date",
        date.ok_or_else(|| say(NetworkError::BadDate(f.date.clone()))),
    );
    let time = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").ok();
    let start = errors.take(
        "n-start",
        time(&f.start).ok_or_else(|| say(NetworkError::BadTime(f.start.clone()))),
    );
    let end = errors.take(
        "n-end",
        time(&f.end).ok_or_else(|| say(NetworkError::BadTime(f.end.clone()))),
    );
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors.add("n-end", say(NetworkError::EndBeforeStart));
    }
    match (title, place, notes, date, start, end) {
        (Some(title), Some(place), Some(notes), Some(d), Some(s), Some(e)) if errors.is_empty() => {
            Ok(NetworkEventInput {
                title,
                start_local: d.and_time(s),
                end_local: d.and_time(e),
                place,
                notes,
            })
        }
        _ => Err(errors),
    }
}

/// `POST /network/calendar`: a city (or Hanoi) posts an event, inviting the cities ticked
/// (each is told by e-mail).
pub async fn post_event(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    headers: axum::http::HeaderMap,
    Posted { form: f, .. }: Posted<EventForm>,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    if !viewer.may_post() {
        return Err(AppError::Forbidden);
    }
    let token = crate::once::posted(&f.once)?;
    let cities = super::event_invitations::city_ids(&f.city)?;
    let q = CalendarQuery::default();
    let input = match parse(&ctx, &f) {
        Ok(i) => i,
        Err(errors) => return render(&app, &ctx, viewer, &q, (f, errors, String::new())).await,
    };
    let month = input.start_local.format("%Y-%m").to_string();
    let result = move |_: i64| format!("/network/calendar?month={month}");
    let once = crate::once::key(token.as_ref(), "network.event", &result);
    let made = app
        .store()
        .post_network_event_inviting(&input, &cities, viewer, &user.actor, once.as_ref())
        .await;
    match made {
        Ok(Created::New(made)) => {
            super::event_invitations::notify_invited(&app, &ctx, &headers, &made).await;
            Ok(redirect(&ctx, &result(made.event)))
        }
        Ok(Created::Earlier(path)) => Ok(redirect(&ctx, &path)),
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            render(&app, &ctx, viewer, &q, (f, errors, String::new())).await
        }
    }
}

#[derive(serde::Deserialize)]
pub struct ShareForm {
    event: i64,
}

/// `POST /network/calendar/share`: the Board shares a Hanoi event with the network.
pub async fn share(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<ShareForm>,
) -> Result<Response, AppError> {
    let ev = app
        .store()
        .event(EventId(f.event))
        .await?
        .ok_or(AppError::NotFound)?;
    app.store()
        .share_event_with_network(ev.id, &user.actor)
        .await?;
    Ok(redirect(&ctx, "/network/calendar?view=list"))
}

/// `POST /network/feed`: a new feed address for the account (the old one stops).
pub async fn new_feed(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    let token = new_token()?;
    app.store()
        .set_network_feed(user.id, &token_hash(&token))
        .await?;
    let base = super::invite::public_base(&app, &headers);
    let url = format!("{base}/network/feed/{token}.ics");
    let q = CalendarQuery {
        view: "list".into(),
        ..CalendarQuery::default()
    };
    render(
        &app,
        &ctx,
        viewer,
        &q,
        (EventForm::default(), FieldErrors::new(), url),
    )
    .await
}

/// `GET /network/feed/{token}.ics`: the shared calendar for calendar programs.
pub async fn feed(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let Some(_user) = app.store().network_feed_user(&token_hash(token)).await? else {
        let text = ctx.tr().t("network.feed_unknown").to_string();
        return Ok((StatusCode::NOT_FOUND, text).into_response());
    };
    let from = app.today() - chrono::Duration::days(400);
    let events = app
        .store()
        .network_events(&from.to_string(), "9999-12-31")
        .await?;
    let list: Vec<IcalEvent> = events.iter().filter_map(ical).collect();
    let name = ctx.tr().t("network.calendar");
    let body = reports::ical::calendar(name, &list, app.now());
    Ok(crate::page::download(
        body,
        "text/calendar; charset=utf-8",
        "mang-luoi.ics",
    ))
}

fn ical(e: &NetworkEvent) -> Option<IcalEvent> {
    let read = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok();
    Some(IcalEvent {
        uid: format!("network-{}@sangtao", e.id),
        summary: e.title.clone(),
        description: (!e.notes.is_empty()).then(|| e.notes.clone()),
        location: (!e.place.is_empty()).then(|| e.place.clone()),
        url: None,
        zone: e.zone.parse().ok()?,
        start: read(&e.start_local)?,
        end: read(&e.end_local)?,
        status: IcalStatus::Confirmed,
        // An edit bumps the version: calendar programs take the change.
        updated: chrono::DateTime::from_timestamp(e.updated_at.unwrap_or(e.created_at), 0)?,
        sequence: u32::try_from(e.version - 1).unwrap_or(0),
    })
}

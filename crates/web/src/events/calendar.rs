//! The calendar: the month grid and the list, with filters (`/events`).

use super::export::export;
use super::{Choice, choices, picked, status_class, time_lines};
use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{Datelike, NaiveDate, TimeZone};
use domain::events::{self, HANOI};
use domain::{EventKind, EventScope, EventStatus, Language, UnitId};
use std::collections::HashMap;
use store::{EventFilter, EventRecord};

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
    /// "Hiện hạn nhiệm vụ" ticked: the month grid also shows open items' due dates.
    #[serde(default)]
    deadlines: String,
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
    /// Open items due that day: id, title, overdue.
    pub deadlines: Vec<(i64, String, bool)>,
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
    /// Items' due dates are shown in the grid.
    deadlines: bool,
    /// Each weekday's name and its short form, for the phone's compact grid ("T2").
    weekdays: Vec<(String, String)>,
    events: Vec<EventLine>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    scopes: Vec<Choice>,
    units: Vec<Choice>,
    query: String,
    can_create: bool,
    /// A kind, status, scope or unit is picked (or, in the list, a month): an empty result
    /// then says so and offers to clear them, rather than that there are no events.
    filtered: bool,
    /// "Chưa có sự kiện nào trong tháng 3/2025."
    none_in_month: String,
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
    let lang = ctx.lang;
    let today = app.today();
    let this_month = today.with_day(1).unwrap_or(today);
    let month_view = q.view != "list";
    let month = month_of(&q.month).or(month_view.then_some(this_month));
    let events = app
        .store()
        .list_events(&filter_of(&q, &user, month))
        .await?;
    let units = app.store().list_units().await?;
    let names = units.iter().map(|u| (u.id, u.name.clone())).collect();
    if q.format == "csv" || q.format == "xlsx" {
        return export(&q.format, lang, &events, &names);
    }
    let lines: Vec<EventLine> = events.iter().map(|e| line(lang, e, &names)).collect();
    let m = month.unwrap_or(this_month);
    let due = if month_view && !q.deadlines.is_empty() {
        deadlines(&app, &user, m).await?
    } else {
        Vec::new()
    };
    let weeks = month_grid(m, today, (&events, &lines), &due);
    let units = unit_choices(units, &user, &q);
    let page = ListPage::new(&ctx, &q, (m, month, month_view), weeks, lines, units, &user);
    Ok(render_page(page))
}

/// The unit filter's choices: every unit, or a partner's own units.
fn unit_choices(units: Vec<store::Unit>, user: &SessionUser, q: &ListQuery) -> Vec<Choice> {
    units
        .into_iter()
        .filter(|u| !is_partner_only(user) || user.actor.unit_ids.contains(&u.id))
        .map(|u| Choice {
            selected: q.unit == u.id.0.to_string(),
            value: u.id.0.to_string(),
            label: u.name,
        })
        .collect()
}

impl<'a> ListPage<'a> {
    /// `months`: the month shown, the month filtered on (none in the list view), and
    /// whether the grid shows.
    fn new(
        ctx: &'a Ctx,
        q: &ListQuery,
        (m, month, month_view): (NaiveDate, Option<NaiveDate>, bool),
        weeks: Vec<Vec<Day>>,
        events: Vec<EventLine>,
        units: Vec<Choice>,
        user: &SessionUser,
    ) -> ListPage<'a> {
        let (t, lang) = (ctx.tr(), ctx.lang);
        let my = [("m", &m.month().to_string()), ("y", &m.year().to_string())];
        let my: Vec<(&str, &str)> = my.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ListPage {
            l: Layout::new(ctx, t.t("event.title"), "events"),
            month_view,
            month: m.format("%Y-%m").to_string(),
            none_in_month: t.f("event.none_in_month", &my),
            month_label: t.f("event.month_label", &my),
            prev: prev_month(m).format("%Y-%m").to_string(),
            next: next_month(m).format("%Y-%m").to_string(),
            weeks,
            weekdays: (1..=7)
                .map(|i| {
                    let name = |k: String| t.t(&k).to_string();
                    (
                        name(format!("event.wd{i}")),
                        name(format!("event.wd{i}_short")),
                    )
                })
                .collect(),
            events,
            kinds: choices(
                EventKind::ALL,
                EventKind::as_str,
                |k| k.label(lang),
                &picked(&q.kind),
            ),
            statuses: choices(
                EventStatus::ALL,
                EventStatus::as_str,
                |k| k.label(lang),
                &picked(&q.status),
            ),
            scopes: choices(
                EventScope::ALL,
                EventScope::as_str,
                |k| k.label(lang),
                &picked(&q.scope),
            ),
            units,
            query: query_string(q, month),
            can_create: can_create(user),
            deadlines: !q.deadlines.is_empty(),
            filtered: [&q.kind, &q.status, &q.scope, &q.unit]
                .iter()
                .any(|v| !v.is_empty())
                || !month_view && month.is_some(),
        }
    }
}

/// The month's grid: Monday-first weeks covering the month, each event on every Hanoi day
/// it touches. `lines` are the events' list lines, in the same order.
/// Open items due in the month `m` starts, within what the item list shows the user
/// (`domain::item_list_scope`), at most 1,000.
async fn deadlines(
    app: &AppState,
    user: &SessionUser,
    m: NaiveDate,
) -> Result<Vec<store::ItemListRow>, AppError> {
    let filter = store::ItemFilter {
        visible_units: domain::item_list_scope(&user.actor),
        statuses: domain::oversight::OPEN_STATUSES.to_vec(),
        due_from: Some(m),
        due_to: Some(next_month(m) - chrono::Duration::days(1)),
        page: 1,
        per_page: 1000,
        ..Default::default()
    };
    Ok(app.store().list_items(&filter).await?.rows)
}

fn month_grid(
    m: NaiveDate,
    today: NaiveDate,
    (events, lines): (&[EventRecord], &[EventLine]),
    due: &[store::ItemListRow],
) -> Vec<Vec<Day>> {
    let first = m - chrono::Duration::days(m.weekday().num_days_from_monday() as i64);
    let end = next_month(m);
    let mut weeks = Vec::new();
    let mut d = first;
    while d < end {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            let (lo, hi) = (
                hanoi_midnight(d),
                hanoi_midnight(d + chrono::Duration::days(1)),
            );
            let events = events
                .iter()
                .zip(lines)
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
                deadlines: due
                    .iter()
                    .filter(|r| r.due == Some(d) && d.month() == m.month())
                    .map(|r| (r.id.0, r.title.clone(), r.overdue))
                    .collect(),
            });
            d += chrono::Duration::days(1);
        }
        weeks.push(week);
    }
    weeks
}

/// The filters in force as a query string, for the export links: the view too, so that
/// the list's export covers every event the list shows, not the current month's.
fn query_string(q: &ListQuery, month: Option<NaiveDate>) -> String {
    let mut query: Vec<String> = Vec::new();
    if q.view == "list" {
        query.push("view=list".into());
    }
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
    query.join("&")
}

/// Whether the "new event" button shows: the user may create for one of their units, or
/// (Board, admins) for any unit, which `UnitId(0)` stands for.
fn can_create(user: &SessionUser) -> bool {
    user.actor
        .unit_ids
        .iter()
        .any(|u| events::can_create_event(&user.actor, *u))
        || events::can_create_event(&user.actor, UnitId(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_grid_covers_the_month_in_monday_first_weeks() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        let weeks = month_grid(date(2026, 12, 1), date(2026, 12, 2), (&[], &[]), &[]);
        assert_eq!(weeks.len(), 5);
        assert!(weeks.iter().all(|w| w.len() == 7));
        assert_eq!((weeks[0][0].day, weeks[0][0].in_month), (30, false));
        assert_eq!((weeks[0][1].day, weeks[0][1].in_month), (1, true));
        assert!(weeks[0][2].today);
        assert_eq!(weeks.iter().flatten().filter(|d| d.today).count(), 1);
        let last = &weeks[4];
        assert_eq!((last[3].day, last[3].in_month), (31, true));
        assert_eq!((last[6].day, last[6].in_month), (3, false));
    }

    #[test]
    fn the_query_string_keeps_the_filters_and_the_month() {
        let q = ListQuery {
            kind: "hoi_thao".into(),
            unit: "3".into(),
            ..Default::default()
        };
        assert_eq!(
            query_string(&q, Some(date(2026, 5, 1))),
            "kind=hoi_thao&unit=3&month=2026-05"
        );
        assert_eq!(query_string(&ListQuery::default(), None), "");
        let list = ListQuery {
            view: "list".into(),
            status: "held".into(),
            ..Default::default()
        };
        assert_eq!(query_string(&list, None), "view=list&status=held");
    }
}

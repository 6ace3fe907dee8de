//! Synthetic events for load tests (`sangtao dev seed --events N`): events on a plan's
//! activities, spread over the plan's year, held when their day has passed and planned
//! or confirmed when it is still to come, each with its countable record so that the
//! targets count them as they count events entered through the form.
//!
//! Rows go in with multi-row INSERTs inside the plan's transaction (`synthetic.rs`).

use super::{Conn, DB};
use crate::StoreError;
use crate::synthetic_text::Rng;
use domain::events::{EventFormat, EventKind, EventScope, EventStatus, Organiser};
use sqlx::QueryBuilder;

type R<T> = Result<T, StoreError>;

/// Rows per INSERT: 17 parameters an event row, under both engines' limits.
const BATCH: usize = 1000;
/// Where the synthetic events are held.
const VENUE: &str = "Trung tâm Hoạt động Văn hóa Khoa học Văn Miếu – Quốc Tử Giám";

/// Events are planned in Hanoi's wall clock (UTC+7 all year, no summer time).
const ZONE: &str = "Asia/Ho_Chi_Minh";
const ZONE_OFFSET_SECS: i64 = 7 * 3600;

/// An activity events can be linked to: its id, lead unit and title, and the event
/// kinds its counted target asks for (empty when nothing counts it).
pub(crate) struct Activity<'a> {
    pub(crate) item: i64,
    pub(crate) lead_unit: i64,
    pub(crate) title: &'a str,
    pub(crate) counted_kinds: Vec<String>,
}

/// One event to insert.
struct EventRow {
    title: String,
    kind: &'static str,
    scope: &'static str,
    format: &'static str,
    organiser: &'static str,
    status: &'static str,
    start_local: String,
    end_local: String,
    start_at: i64,
    end_at: i64,
    day: String,
    item: i64,
    lead_unit: i64,
}

/// `n` events on `activities` in `year`; those whose start is before `now` are held
/// (a few cancelled), the others planned or confirmed. Two in three go to activities
/// with a counted target, in the kind it counts. Returns how many were made.
pub(crate) async fn insert_events(
    conn: &mut Conn,
    rng: &mut Rng,
    activities: &[Activity<'_>],
    year: i32,
    n: usize,
    now: i64,
) -> R<usize> {
    if n == 0 || activities.is_empty() {
        return Ok(0);
    }
    // Activities whose target counts events (a clip's counts media, not events).
    let counted: Vec<(&Activity, Vec<EventKind>)> = activities
        .iter()
        .map(|a| (a, event_kinds(&a.counted_kinds)))
        .filter(|(_, kinds)| !kinds.is_empty())
        .collect();
    let rows: Vec<EventRow> = (0..n)
        .map(|_| event_row(rng, activities, &counted, year, now))
        .collect();
    let before: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM events")
        .fetch_one(&mut *conn)
        .await?;
    for chunk in rows.chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO events (title, kind, scope, format, organiser, topic, status,
                 time_zone, start_local, end_local, start_at, end_at, venue, outcome,
                 created_at, updated_at, search_folded) ",
        );
        q.push_values(chunk, |mut b, e| {
            let folded = super::events::folded_text(&e.title, VENUE, "", "");
            b.push_bind(e.title.clone())
                .push_bind(e.kind)
                .push_bind(e.scope)
                .push_bind(e.format)
                .push_bind(e.organiser)
                .push_bind("")
                .push_bind(e.status)
                .push_bind(ZONE)
                .push_bind(e.start_local.clone())
                .push_bind(e.end_local.clone())
                .push_bind(e.start_at)
                .push_bind(e.end_at)
                .push_bind(VENUE)
                .push_bind(if e.status == "held" {
                    "Đã tổ chức theo kế hoạch."
                } else {
                    ""
                })
                .push_bind(now)
                .push_bind(now)
                .push_bind(folded);
        });
        q.build().execute(&mut *conn).await?;
    }
    // The write transaction is the only writer: the new ids follow `before`, in the
    // order the rows were given.
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM events WHERE id > $1 ORDER BY id")
        .bind(before)
        .fetch_all(&mut *conn)
        .await?;
    if ids.len() != rows.len() {
        return Err(StoreError::Invalid(format!(
            "synthetic events: {} ids for {} rows",
            ids.len(),
            rows.len()
        )));
    }
    let pairs: Vec<(i64, &EventRow)> = ids.into_iter().zip(&rows).collect();
    for chunk in pairs.chunks(BATCH) {
        let mut q: QueryBuilder<DB> =
            QueryBuilder::new("INSERT INTO event_units (event_id, unit_id, relation) ");
        q.push_values(chunk, |mut b, (id, e)| {
            b.push_bind(*id).push_bind(e.lead_unit).push_bind("lead");
        });
        q.build().execute(&mut *conn).await?;
        let mut q: QueryBuilder<DB> =
            QueryBuilder::new("INSERT INTO event_items (event_id, item_id) ");
        q.push_values(chunk, |mut b, (id, e)| {
            b.push_bind(*id).push_bind(e.item);
        });
        q.build().execute(&mut *conn).await?;
        // The countable record, as `events::save_event_record` writes it.
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO records (kind, status, record_date, numbers_json, title, source_key,
                 updated_at) ",
        );
        q.push_values(chunk, |mut b, (id, e)| {
            b.push_bind(e.kind)
                .push_bind(e.status)
                .push_bind(e.day.clone())
                .push_bind("{}")
                .push_bind(e.title.clone())
                .push_bind(format!("event:{id}"))
                .push_bind(now);
        });
        q.build().execute(&mut *conn).await?;
    }
    sqlx::query(
        "INSERT INTO record_items (record_id, item_id)
         SELECT r.id, ei.item_id FROM event_items ei
         JOIN records r ON r.source_key = 'event:' || ei.event_id
         WHERE ei.event_id > $1",
    )
    .bind(before)
    .execute(&mut *conn)
    .await?;
    Ok(rows.len())
}

fn event_kinds(codes: &[String]) -> Vec<EventKind> {
    EventKind::ALL
        .iter()
        .filter(|k| codes.iter().any(|c| c == k.as_str()))
        .copied()
        .collect()
}

fn event_row(
    rng: &mut Rng,
    activities: &[Activity],
    counted: &[(&Activity, Vec<EventKind>)],
    year: i32,
    now: i64,
) -> EventRow {
    let (a, kind) = if !counted.is_empty() && rng.below(3) < 2 {
        let (a, kinds) = rng.pick(counted);
        (*a, *rng.pick(kinds))
    } else {
        (rng.pick(activities), *rng.pick(EventKind::ALL))
    };
    let day = chrono::NaiveDate::from_yo_opt(year, 1 + rng.below(365) as u32)
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap_or_default());
    let hour = 8 + rng.below(8) as u32;
    let start = day.and_hms_opt(hour, 0, 0).unwrap_or_default();
    let end = start + chrono::Duration::hours(2);
    let start_at = start.and_utc().timestamp() - ZONE_OFFSET_SECS;
    let status = if start_at > now {
        *rng.pick(&[EventStatus::Planned, EventStatus::Confirmed])
    } else if rng.below(10) == 0 {
        EventStatus::Cancelled
    } else {
        EventStatus::Held
    };
    EventRow {
        title: format!(
            "{} – {}",
            capitalised(kind.label(domain::Language::Vi)),
            a.title
        ),
        kind: kind.as_str(),
        scope: rng.pick(EventScope::ALL).as_str(),
        format: rng.pick(EventFormat::ALL).as_str(),
        organiser: rng
            .pick(&[Organiser::Hanoi, Organiser::Hanoi, Organiser::Unesco])
            .as_str(),
        status: status.as_str(),
        start_local: super::events::local(start),
        end_local: super::events::local(end),
        start_at,
        end_at: start_at + 7200,
        day: day.to_string(),
        item: a.item,
        lead_unit: a.lead_unit,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

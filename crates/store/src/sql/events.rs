//! Events: create, edit, status and outcome, their links to items and units, and lists.

use super::targets::save_record_in;
use super::tx::{audit, json};
use super::{Conn, DB, Pool, R, begin_write};
use crate::events_model::*;
use crate::model::{AuditEntry, Created, OnceKey};
use crate::tracking_model::CountableRecord;
use crate::{Ctx, StoreError};
use domain::events::{EventError, can_create_event, can_edit_event};
use domain::{Actor, EventId, EventStatus, ItemId, UnitId, UnitRelation, events};
use sqlx::QueryBuilder;
use std::collections::HashMap;
use std::str::FromStr;

pub(crate) fn nfc(s: &str) -> String {
    vanban::text::nfc(s.trim())
}

pub(crate) fn forbidden(action: &'static str) -> StoreError {
    EventError::Forbidden { action }.into()
}

pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) const EVENT_COLS: &str =
    "id, title, kind, scope, format, organiser, organiser_name, topic, status,
    time_zone, start_at, end_at, venue, online_url, outcome, version, created_at, updated_at";

/// What an event is found by (`events.search_folded`, indexed for the header search):
/// its title, venue, topic and organiser, folded as every search text is.
pub(crate) fn folded_text(title: &str, venue: &str, topic: &str, organiser_name: &str) -> String {
    vanban::text::fold(&[title, venue, topic, organiser_name].join("\n"))
}

fn search_text(input: &EventInput) -> String {
    folded_text(
        &input.title,
        &input.venue,
        &input.topic,
        &input.organiser_name,
    )
}

/// An event as `EVENT_COLS` selects it.
#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    id: i64,
    title: String,
    kind: String,
    scope: String,
    format: String,
    organiser: String,
    organiser_name: String,
    topic: String,
    status: String,
    time_zone: String,
    start_at: i64,
    end_at: i64,
    venue: String,
    online_url: String,
    outcome: String,
    version: i64,
    created_at: i64,
    updated_at: i64,
}

impl EventRow {
    /// The event without its units and items (`attach_links`).
    pub(crate) fn into_record(self) -> R<EventRecord> {
        let bad = |e: domain::ParseError| StoreError::Invalid(e.to_string());
        Ok(EventRecord {
            id: EventId(self.id),
            title: self.title,
            kind: self.kind.parse().map_err(bad)?,
            scope: self.scope.parse().map_err(bad)?,
            format: self.format.parse().map_err(bad)?,
            organiser: self.organiser.parse().map_err(bad)?,
            organiser_name: self.organiser_name,
            topic: self.topic,
            status: self.status.parse().map_err(bad)?,
            time_zone: self.time_zone,
            start_at: self.start_at,
            end_at: self.end_at,
            venue: self.venue,
            online_url: self.online_url,
            outcome: self.outcome,
            units: Vec::new(),
            items: Vec::new(),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Units and items of these events, in 2 queries.
pub(crate) async fn attach_links(conn: &mut Conn, events: &mut [EventRecord]) -> R<()> {
    if events.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = events.iter().map(|e| e.id.0).collect();
    let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let q = sql!(
        "SELECT event_id, unit_id, relation FROM event_units WHERE event_id IN ({})
         ORDER BY event_id, relation DESC, unit_id",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, i64, String)>(q);
    for id in &ids {
        query = query.bind(*id);
    }
    for (event, unit, rel) in query.fetch_all(&mut *conn).await? {
        if let Some(&i) = at.get(&event) {
            events[i].units.push((
                UnitId(unit),
                UnitRelation::from_str(&rel).unwrap_or(UnitRelation::Coordinating),
            ));
        }
    }
    let q = sql!(
        "SELECT event_id, item_id FROM event_items WHERE event_id IN ({})
         ORDER BY event_id, item_id",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(q);
    for id in &ids {
        query = query.bind(*id);
    }
    for (event, item) in query.fetch_all(&mut *conn).await? {
        if let Some(&i) = at.get(&event) {
            events[i].items.push(ItemId(item));
        }
    }
    Ok(())
}

pub(crate) async fn load_event(conn: &mut Conn, id: EventId) -> R<Option<EventRecord>> {
    let Some(r) =
        sqlx::query_as::<_, EventRow>(sql!("SELECT {EVENT_COLS} FROM events WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let mut ev = [r.into_record()?];
    attach_links(conn, &mut ev).await?;
    let [ev] = ev;
    Ok(Some(ev))
}

pub(crate) async fn must_event(conn: &mut Conn, id: EventId) -> R<EventRecord> {
    load_event(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("event {id}")))
}

pub(crate) async fn editable_event(conn: &mut Conn, id: EventId, actor: &Actor) -> R<EventRecord> {
    let ev = must_event(conn, id).await?;
    if !can_edit_event(actor, &ev.item_units()) {
        return Err(forbidden("change the event"));
    }
    Ok(ev)
}

/// A row belonging to an event (checklist entry, invitation, booking) and its event,
/// checked editable by the actor. `select` reads `event_id` and one column by the row's
/// id; `what` names the row in the not-found error.
pub(crate) async fn editable_event_row<T>(
    conn: &mut Conn,
    select: &'static str,
    what: &str,
    id: i64,
    actor: &Actor,
) -> R<(EventId, T)>
where
    T: Send + Unpin + for<'r> sqlx::Decode<'r, DB> + sqlx::Type<DB>,
{
    let row: Option<(i64, T)> = sqlx::query_as(select)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let (event, value) = row.ok_or_else(|| StoreError::NotFound(format!("{what} {id}")))?;
    editable_event(conn, EventId(event), actor).await?;
    Ok((EventId(event), value))
}

pub(crate) async fn event(pool: &Pool, id: EventId) -> R<Option<EventRecord>> {
    load_event(&mut *pool.read.acquire().await?, id).await
}

pub(crate) fn check_input(input: &EventInput) -> R<String> {
    let title = nfc(&input.title);
    if title.is_empty() {
        return Err(EventError::TitleRequired.into());
    }
    if input.lead_units.is_empty() {
        return Err(StoreError::Invalid("an event needs a lead unit".into()));
    }
    // Only http(s) links reach pages, feeds and exports, whoever writes the event.
    events::check_link(&input.online_url)?;
    let name = events::MAX_NAME_CHARS;
    events::check_lengths(&[
        (&title, name),
        (&input.organiser_name, name),
        (&input.venue, name),
        (&input.topic, events::MAX_NOTE_CHARS),
    ])?;
    Ok(title)
}

pub(crate) async fn write_links(conn: &mut Conn, id: EventId, input: &EventInput) -> R<()> {
    for table in ["event_units", "event_items"] {
        sqlx::query(sql!("DELETE FROM {table} WHERE event_id = $1"))
            .bind(id.0)
            .execute(&mut *conn)
            .await?;
    }
    let mut seen = Vec::new();
    for (units, rel) in [
        (&input.lead_units, UnitRelation::Lead),
        (&input.coordinating_units, UnitRelation::Coordinating),
    ] {
        for u in units {
            if seen.contains(u) {
                continue;
            }
            seen.push(*u);
            sqlx::query(
                "INSERT INTO event_units (event_id, unit_id, relation) VALUES ($1, $2, $3)",
            )
            .bind(id.0)
            .bind(u.0)
            .bind(rel.as_str())
            .execute(&mut *conn)
            .await?;
        }
    }
    for i in &input.items {
        sqlx::query(
            "INSERT INTO event_items (event_id, item_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id.0)
        .bind(i.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The event's countable record, from its stored state.
pub(crate) async fn save_event_record(conn: &mut Conn, at: i64, id: EventId) -> R<EventRecord> {
    let ev = must_event(conn, id).await?;
    let date = ev.times().map(|t| t.start_date());
    save_record_in(
        conn,
        at,
        &CountableRecord {
            source_key: format!("event:{}", id.0),
            kind: ev.kind.as_str().to_string(),
            status: ev.status.as_str().to_string(),
            date,
            title: ev.title.clone(),
            numbers: Default::default(),
            items: ev.items.clone(),
        },
    )
    .await?;
    Ok(ev)
}

pub(crate) fn local(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

pub(crate) async fn create_event(
    pool: &Pool,
    ctx: &Ctx,
    input: &EventInput,
    once: Option<&OnceKey<'_>>,
    actor: &Actor,
) -> R<Created<EventId>> {
    let now_utc = ctx.now_utc();
    let now = now_utc.timestamp();
    let title = check_input(input)?;
    if !input.lead_units.iter().all(|u| can_create_event(actor, *u)) {
        return Err(forbidden("create an event for this unit"));
    }
    events::check_initial_status(input.status, &input.times, now_utc)?;
    let mut tx = begin_write(pool).await?;
    if let Some(path) = super::once::claim_some(&mut tx, now, once, actor).await? {
        return Ok(Created::Earlier(path));
    }
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO events (title, kind, scope, format, organiser, organiser_name, topic, status,
             time_zone, start_local, end_local, start_at, end_at, venue, online_url,
             created_at, created_by, updated_at, search_folded)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16,
             $18)
         RETURNING id",
    )
    .bind(&title)
    .bind(input.kind.as_str())
    .bind(input.scope.as_str())
    .bind(input.format.as_str())
    .bind(input.organiser.as_str())
    .bind(nfc(&input.organiser_name))
    .bind(nfc(&input.topic))
    .bind(input.status.as_str())
    .bind(input.times.zone.name())
    .bind(local(input.times.start_local))
    .bind(local(input.times.end_local))
    .bind(input.times.start.timestamp())
    .bind(input.times.end.timestamp())
    .bind(nfc(&input.venue))
    .bind(input.online_url.trim())
    .bind(at)
    .bind(actor.user_id.0)
    .bind(search_text(input))
    .fetch_one(&mut *tx)
    .await?;
    let id = EventId(id);
    write_links(&mut tx, id, input).await?;
    let ev = save_event_record(&mut tx, now, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "event.create", "event", Some(id.0)).after(json(&ev)),
    )
    .await?;
    super::once::fulfil_some(&mut tx, once, id.0).await?;
    tx.commit().await?;
    Ok(Created::New(id))
}

pub(crate) fn check_version(ev: &EventRecord, expected: i64) -> R<()> {
    domain::check_version(ev.version, expected).map_err(|c| StoreError::Conflict {
        entity: "event",
        id: ev.id.0,
        conflict: c,
        current: json(ev),
    })
}

pub(crate) async fn bump_event(conn: &mut Conn, at: i64, ev: &EventRecord) -> R<()> {
    use super::tx::{Versioned, bump_version};
    if !bump_version(conn, at, Versioned::Event, ev.id.0, ev.version).await? {
        let cur = must_event(conn, ev.id).await?;
        return Err(StoreError::Conflict {
            entity: "event",
            id: ev.id.0,
            conflict: domain::Conflict {
                current: cur.version,
                attempted: ev.version,
            },
            current: json(&cur),
        });
    }
    Ok(())
}

/// Edits an event's fields, units and items (status stays). Returns the new version.
pub(crate) async fn update_event(
    pool: &Pool,
    ctx: &Ctx,
    id: EventId,
    expected: i64,
    input: &EventInput,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let title = check_input(input)?;
    let mut tx = begin_write(pool).await?;
    let before = editable_event(&mut tx, id, actor).await?;
    check_version(&before, expected)?;
    let old_leads: Vec<UnitId> = before
        .units
        .iter()
        .filter(|(_, r)| *r == UnitRelation::Lead)
        .map(|(u, _)| *u)
        .collect();
    // New lead units: only for those who could create the event for them.
    if input
        .lead_units
        .iter()
        .any(|u| !old_leads.contains(u) && !can_create_event(actor, *u))
    {
        return Err(forbidden("hand the event to another unit"));
    }
    sqlx::query(
        "UPDATE events SET title = $1, kind = $2, scope = $3, format = $4, organiser = $5,
             organiser_name = $6, topic = $7, time_zone = $8, start_local = $9, end_local = $10,
             start_at = $11, end_at = $12, venue = $13, online_url = $14, search_folded = $16
         WHERE id = $15",
    )
    .bind(&title)
    .bind(input.kind.as_str())
    .bind(input.scope.as_str())
    .bind(input.format.as_str())
    .bind(input.organiser.as_str())
    .bind(nfc(&input.organiser_name))
    .bind(nfc(&input.topic))
    .bind(input.times.zone.name())
    .bind(local(input.times.start_local))
    .bind(local(input.times.end_local))
    .bind(input.times.start.timestamp())
    .bind(input.times.end.timestamp())
    .bind(nfc(&input.venue))
    .bind(input.online_url.trim())
    .bind(id.0)
    .bind(search_text(input))
    .execute(&mut *tx)
    .await?;
    // Bookings follow the event's new times.
    sqlx::query("UPDATE interpreter_bookings SET start_at = $1, end_at = $2 WHERE event_id = $3")
        .bind(input.times.start.timestamp())
        .bind(input.times.end.timestamp())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    write_links(&mut tx, id, input).await?;
    bump_event(&mut tx, now, &before).await?;
    let after = save_event_record(&mut tx, now, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "event.update", "event", Some(id.0))
            .before(json(&before))
            .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after.version)
}

pub(crate) async fn set_event_status(
    pool: &Pool,
    ctx: &Ctx,
    id: EventId,
    expected: i64,
    to: EventStatus,
    actor: &Actor,
) -> R<i64> {
    let now_utc = ctx.now_utc();
    let now = now_utc.timestamp();
    let mut tx = begin_write(pool).await?;
    let before = editable_event(&mut tx, id, actor).await?;
    check_version(&before, expected)?;
    let times = before
        .times()
        .ok_or_else(|| StoreError::Invalid(format!("event {id} has unreadable times")))?;
    events::check_event_status(before.status, to, &times, now_utc)?;
    sqlx::query("UPDATE events SET status = $1 WHERE id = $2")
        .bind(to.as_str())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    bump_event(&mut tx, now, &before).await?;
    let after = save_event_record(&mut tx, now, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "event.status", "event", Some(id.0))
            .before(serde_json::json!({ "status": before.status }))
            .after(serde_json::json!({ "status": after.status })),
    )
    .await?;
    tx.commit().await?;
    Ok(after.version)
}

/// Outcome notes after the event.
pub(crate) async fn set_event_outcome(
    pool: &Pool,
    ctx: &Ctx,
    id: EventId,
    outcome: &str,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = editable_event(&mut tx, id, actor).await?;
    let text = nfc(outcome);
    sqlx::query("UPDATE events SET outcome = $1, updated_at = $2 WHERE id = $3")
        .bind(&text)
        .bind(now)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "event.outcome", "event", Some(id.0))
            .before(serde_json::json!({ "outcome": before.outcome }))
            .after(serde_json::json!({ "outcome": text })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The WHERE clause of the event list, every value bound (`push_bind`); each filter adds
/// an ` AND …` to a clause that starts true.
fn push_event_filter(q: &mut QueryBuilder<DB>, f: &EventFilter) {
    q.push(" WHERE 1 = 1");
    push_in(q, " AND e.kind IN (", f.kinds.iter().map(|k| k.as_str()));
    push_in(
        q,
        " AND e.status IN (",
        f.statuses.iter().map(|s| s.as_str()),
    );
    if let Some(s) = f.scope {
        q.push(" AND e.scope = ").push_bind(s.as_str());
    }
    if let Some(u) = f.unit_id {
        q.push(
            " AND EXISTS (SELECT 1 FROM event_units eu WHERE eu.event_id = e.id AND eu.unit_id = ",
        )
        .push_bind(u.0)
        .push(")");
    }
    if let Some(vis) = &f.visible_units {
        push_visible_to(q, vis);
    }
    if let Some(from) = f.from {
        q.push(" AND e.end_at >= ").push_bind(from);
    }
    if let Some(to) = f.to {
        q.push(" AND e.start_at < ").push_bind(to);
    }
}

/// ` AND` the event `e` names one of `units` (a partner's calendar); none: nothing.
pub(crate) fn push_visible_to(q: &mut QueryBuilder<DB>, units: &[UnitId]) {
    if units.is_empty() {
        q.push(" AND 1 = 0");
    } else {
        push_in(
            q,
            " AND EXISTS (SELECT 1 FROM event_units ev WHERE ev.event_id = e.id AND ev.unit_id IN (",
            units.iter().map(|u| u.0),
        );
        q.push(")");
    }
}

/// `open` then the values bound and separated by commas, then `)`; nothing when there
/// are no values (an empty filter selects everything).
fn push_in<'t, T>(q: &mut QueryBuilder<DB>, open: &str, values: impl ExactSizeIterator<Item = T>)
where
    T: sqlx::Encode<'t, DB> + sqlx::Type<DB>,
{
    if values.len() == 0 {
        return;
    }
    q.push(open);
    let mut list = q.separated(", ");
    for v in values {
        list.push_bind(v);
    }
    q.push(")");
}

/// Events overlapping the window, filtered; ordered by start. 3 queries.
pub(crate) async fn list_events(pool: &Pool, ctx: &Ctx, f: &EventFilter) -> R<Vec<EventRecord>> {
    let mut conn = pool.read.acquire().await?;
    ctx.count_view_query();
    let mut q = QueryBuilder::<DB>::new(format!("SELECT {EVENT_COLS} FROM events e"));
    push_event_filter(&mut q, f);
    let limit = if f.limit <= 0 { 500 } else { f.limit.min(5000) };
    q.push(format!(" ORDER BY e.start_at, e.id LIMIT {limit}"));
    let rows: Vec<EventRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    let mut out = rows
        .into_iter()
        .map(EventRow::into_record)
        .collect::<R<Vec<_>>>()?;
    ctx.count_view_query();
    attach_links(&mut conn, &mut out).await?;
    Ok(out)
}

/// Events linked to an item (for the item page).
pub(crate) async fn item_events(pool: &Pool, item: ItemId) -> R<Vec<EventRecord>> {
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, EventRow>(sql!(
        "SELECT {EVENT_COLS} FROM events WHERE id IN (SELECT event_id FROM event_items WHERE item_id = $1)
         ORDER BY start_at, id"
    ))
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = rows
        .into_iter()
        .map(EventRow::into_record)
        .collect::<R<Vec<_>>>()?;
    attach_links(&mut conn, &mut out).await?;
    Ok(out)
}

// ---- people -----------------------------------------------------------------------------

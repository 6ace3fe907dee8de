//! Events, people, delegations and feeds (issue 5), written once and compiled twice like
//! `ops.rs` (`sqlite::events_ops`, `postgres::events_ops`).
//!
//! Writes check permissions (`domain::events`) inside their transaction and append an
//! audit entry in it. Saving an event also saves its countable record (`records`,
//! source key `event:ID`) in the same transaction, so a target counting events never
//! sees one without the other.

use super::tracking_ops::save_record_in;
use super::{DB, Pool, begin_write};
use crate::events_model::*;
use crate::model::AuditEntry;
use crate::tracking_model::CountableRecord;
use crate::{Ctx, StoreError, date_text, parse_date};
use domain::events::{
    self, ChecklistKind, EventError, can_create_event, can_edit_event, can_edit_people,
    can_manage_unit_feed,
};
use domain::{
    Actor, DelegationId, DelegationStatus, Dong, EventId, EventStatus, InvitationStatus, ItemId,
    Language, LanguagePair, PersonId, PersonKind, UnitId, UnitRelation, UserId,
};
use sqlx::Row;
use std::collections::HashMap;
use std::str::FromStr;

type Conn = <DB as sqlx::Database>::Connection;
type DbRow = <DB as sqlx::Database>::Row;
type R<T> = Result<T, StoreError>;

/// SQL assembled from constant fragments and `$n` placeholders only (user text is bound).
macro_rules! sql {
    ($($t:tt)*) => {
        sqlx::AssertSqlSafe(format!($($t)*))
    };
}

fn nfc(s: &str) -> String {
    vanban::text::nfc(s.trim())
}

fn forbidden(action: &'static str) -> StoreError {
    EventError::Forbidden { action }.into()
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn audit(conn: &mut Conn, at: i64, e: AuditEntry) -> R<()> {
    super::ops::write_audit(conn, at, &e, None, None).await?;
    Ok(())
}

fn json(v: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

// ---- events -----------------------------------------------------------------------------

const EVENT_COLS: &str = "id, title, kind, scope, format, organiser, organiser_name, topic, status,
    time_zone, start_at, end_at, venue, online_url, outcome, version, created_at, updated_at";

fn event_row(r: &DbRow) -> R<EventRecord> {
    let code = |i: usize| -> R<String> { Ok(r.try_get::<String, _>(i)?) };
    let bad = |e: domain::ParseError| StoreError::Invalid(e.to_string());
    Ok(EventRecord {
        id: EventId(r.try_get(0)?),
        title: r.try_get(1)?,
        kind: code(2)?.parse().map_err(bad)?,
        scope: code(3)?.parse().map_err(bad)?,
        format: code(4)?.parse().map_err(bad)?,
        organiser: code(5)?.parse().map_err(bad)?,
        organiser_name: r.try_get(6)?,
        topic: r.try_get(7)?,
        status: code(8)?.parse().map_err(bad)?,
        time_zone: r.try_get(9)?,
        start_at: r.try_get(10)?,
        end_at: r.try_get(11)?,
        venue: r.try_get(12)?,
        online_url: r.try_get(13)?,
        outcome: r.try_get(14)?,
        units: Vec::new(),
        items: Vec::new(),
        version: r.try_get(15)?,
        created_at: r.try_get(16)?,
        updated_at: r.try_get(17)?,
    })
}

/// Units and items of these events, in 2 queries.
async fn attach_links(conn: &mut Conn, events: &mut [EventRecord]) -> R<()> {
    if events.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = events.iter().map(|e| e.id.0).collect();
    let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    for (table, col, order) in [
        ("event_units", "unit_id, relation", "relation DESC, unit_id"),
        ("event_items", "item_id, ''", "item_id"),
    ] {
        let q = sql!(
            "SELECT event_id, {col} FROM {table} WHERE event_id IN ({}) ORDER BY event_id, {order}",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query(q);
        for id in &ids {
            query = query.bind(*id);
        }
        for r in query.fetch_all(&mut *conn).await? {
            let Some(&i) = at.get(&r.try_get::<i64, _>(0)?) else {
                continue;
            };
            if table == "event_units" {
                let rel: String = r.try_get(2)?;
                events[i].units.push((
                    UnitId(r.try_get(1)?),
                    UnitRelation::from_str(&rel).unwrap_or(UnitRelation::Coordinating),
                ));
            } else {
                events[i].items.push(ItemId(r.try_get(1)?));
            }
        }
    }
    Ok(())
}

async fn load_event(conn: &mut Conn, id: EventId) -> R<Option<EventRecord>> {
    let Some(r) = sqlx::query(sql!("SELECT {EVENT_COLS} FROM events WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut ev = [event_row(&r)?];
    attach_links(conn, &mut ev).await?;
    let [ev] = ev;
    Ok(Some(ev))
}

async fn must_event(conn: &mut Conn, id: EventId) -> R<EventRecord> {
    load_event(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("event {id}")))
}

async fn editable_event(conn: &mut Conn, id: EventId, actor: &Actor) -> R<EventRecord> {
    let ev = must_event(conn, id).await?;
    if !can_edit_event(actor, &ev.item_units()) {
        return Err(forbidden("change the event"));
    }
    Ok(ev)
}

pub(crate) async fn event(pool: &Pool, _ctx: &Ctx, id: EventId) -> R<Option<EventRecord>> {
    load_event(&mut *pool.acquire().await?, id).await
}

fn check_input(input: &EventInput) -> R<String> {
    let title = nfc(&input.title);
    if title.is_empty() {
        return Err(EventError::TitleRequired.into());
    }
    if input.lead_units.is_empty() {
        return Err(StoreError::Invalid("an event needs a lead unit".into()));
    }
    Ok(title)
}

async fn write_links(conn: &mut Conn, id: EventId, input: &EventInput) -> R<()> {
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
async fn save_event_record(conn: &mut Conn, at: i64, id: EventId) -> R<EventRecord> {
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

fn local(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

pub(crate) async fn create_event(
    pool: &Pool,
    ctx: &Ctx,
    input: &EventInput,
    actor: &Actor,
) -> R<EventId> {
    let now_utc = ctx.now_utc();
    let now = now_utc.timestamp();
    let title = check_input(input)?;
    if !input.lead_units.iter().all(|u| can_create_event(actor, *u)) {
        return Err(forbidden("create an event for this unit"));
    }
    events::check_initial_status(input.status, &input.times, now_utc)?;
    let mut tx = begin_write(pool).await?;
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO events (title, kind, scope, format, organiser, organiser_name, topic, status,
             time_zone, start_local, end_local, start_at, end_at, venue, online_url,
             created_at, created_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16)
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
    .fetch_one(&mut *tx)
    .await?;
    let id = EventId(id);
    write_links(&mut tx, id, input).await?;
    let ev = save_event_record(&mut tx, now, id).await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(Some(actor.user_id), "event.create", "event", Some(id.0)).after(json(&ev)),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn check_version(ev: &EventRecord, expected: i64) -> R<()> {
    domain::check_version(ev.version, expected).map_err(|c| StoreError::Conflict {
        entity: "event",
        id: ev.id.0,
        conflict: c,
        current: json(ev),
    })
}

async fn bump_event(conn: &mut Conn, at: i64, ev: &EventRecord) -> R<()> {
    use super::ops::{Versioned, bump_version};
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
             start_at = $11, end_at = $12, venue = $13, online_url = $14
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
        AuditEntry::new(Some(actor.user_id), "event.update", "event", Some(id.0))
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
    lang: Language,
) -> R<i64> {
    let now_utc = ctx.now_utc();
    let now = now_utc.timestamp();
    let mut tx = begin_write(pool).await?;
    let before = editable_event(&mut tx, id, actor).await?;
    check_version(&before, expected)?;
    let times = before
        .times()
        .ok_or_else(|| StoreError::Invalid(format!("event {id} has unreadable times")))?;
    events::check_event_status(before.status, to, &times, now_utc, lang)?;
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
        AuditEntry::new(Some(actor.user_id), "event.status", "event", Some(id.0))
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
        AuditEntry::new(Some(actor.user_id), "event.outcome", "event", Some(id.0))
            .before(serde_json::json!({ "outcome": before.outcome }))
            .after(serde_json::json!({ "outcome": text })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Events overlapping the window, filtered; ordered by start. 3 queries.
pub(crate) async fn list_events(pool: &Pool, ctx: &Ctx, f: &EventFilter) -> R<Vec<EventRecord>> {
    let mut conn = pool.acquire().await?;
    ctx.count_view_query();
    let mut q = format!("SELECT {EVENT_COLS} FROM events e WHERE 1 = 1");
    let mut n = 0usize;
    let mut next = || {
        n += 1;
        n
    };
    // Bind order follows placeholder numbers; collect (number, value) and sort.
    let mut binds: Vec<(usize, either::Value)> = Vec::new();
    if !f.kinds.is_empty() {
        let ps: Vec<String> = f
            .kinds
            .iter()
            .map(|k| {
                let i = next();
                binds.push((i, either::Value::Text(k.as_str().to_string())));
                format!("${i}")
            })
            .collect();
        q.push_str(&format!(" AND e.kind IN ({})", ps.join(", ")));
    }
    if !f.statuses.is_empty() {
        let ps: Vec<String> = f
            .statuses
            .iter()
            .map(|s| {
                let i = next();
                binds.push((i, either::Value::Text(s.as_str().to_string())));
                format!("${i}")
            })
            .collect();
        q.push_str(&format!(" AND e.status IN ({})", ps.join(", ")));
    }
    if let Some(s) = f.scope {
        let i = next();
        binds.push((i, either::Value::Text(s.as_str().to_string())));
        q.push_str(&format!(" AND e.scope = ${i}"));
    }
    if let Some(u) = f.unit_id {
        let i = next();
        binds.push((i, either::Value::Int(u.0)));
        q.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM event_units eu WHERE eu.event_id = e.id AND eu.unit_id = ${i})"
        ));
    }
    if let Some(vis) = &f.visible_units {
        if vis.is_empty() {
            q.push_str(" AND 1 = 0");
        } else {
            let ps: Vec<String> = vis
                .iter()
                .map(|u| {
                    let i = next();
                    binds.push((i, either::Value::Int(u.0)));
                    format!("${i}")
                })
                .collect();
            q.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM event_units ev WHERE ev.event_id = e.id AND ev.unit_id IN ({}))",
                ps.join(", ")
            ));
        }
    }
    if let Some(from) = f.from {
        let i = next();
        binds.push((i, either::Value::Int(from)));
        q.push_str(&format!(" AND e.end_at >= ${i}"));
    }
    if let Some(to) = f.to {
        let i = next();
        binds.push((i, either::Value::Int(to)));
        q.push_str(&format!(" AND e.start_at < ${i}"));
    }
    let limit = if f.limit <= 0 { 500 } else { f.limit.min(5000) };
    q.push_str(&format!(" ORDER BY e.start_at, e.id LIMIT {limit}"));
    binds.sort_by_key(|(i, _)| *i);
    let mut query = sqlx::query(sqlx::AssertSqlSafe(q));
    for (_, v) in binds {
        query = match v {
            either::Value::Text(s) => query.bind(s),
            either::Value::Int(i) => query.bind(i),
        };
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut out = rows.iter().map(event_row).collect::<R<Vec<_>>>()?;
    ctx.count_view_query();
    attach_links(&mut conn, &mut out).await?;
    Ok(out)
}

mod either {
    pub(super) enum Value {
        Text(String),
        Int(i64),
    }
}

/// Events linked to an item (for the item page).
pub(crate) async fn item_events(pool: &Pool, _ctx: &Ctx, item: ItemId) -> R<Vec<EventRecord>> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query(sql!(
        "SELECT {EVENT_COLS} FROM events WHERE id IN (SELECT event_id FROM event_items WHERE item_id = $1)
         ORDER BY start_at, id"
    ))
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = rows.iter().map(event_row).collect::<R<Vec<_>>>()?;
    attach_links(&mut conn, &mut out).await?;
    Ok(out)
}

// ---- people -----------------------------------------------------------------------------

const PERSON_COLS: &str =
    "id, kind, name, title, organisation, field, email, phone, language_pairs, notes, version";

fn person_row(r: &DbRow) -> R<PersonRecord> {
    let kind: String = r.try_get(1)?;
    let pairs: String = r.try_get(8)?;
    Ok(PersonRecord {
        id: PersonId(r.try_get(0)?),
        kind: kind
            .parse()
            .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
        name: r.try_get(2)?,
        title: r.try_get(3)?,
        organisation: r.try_get(4)?,
        field: r.try_get(5)?,
        email: r.try_get(6)?,
        phone: r.try_get(7)?,
        language_pairs: LanguagePair::parse_list(&pairs).unwrap_or_default(),
        notes: r.try_get(9)?,
        version: r.try_get(10)?,
    })
}

fn check_person(p: &PersonInput) -> R<(PersonKind, String, String)> {
    let name = nfc(&p.name);
    if name.is_empty() {
        return Err(EventError::NameRequired.into());
    }
    let kind = p
        .kind
        .ok_or_else(|| StoreError::Invalid("a person needs a kind".into()))?;
    let pairs = p
        .language_pairs
        .iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(",");
    Ok((kind, name, pairs))
}

pub(crate) async fn create_person(
    pool: &Pool,
    ctx: &Ctx,
    p: &PersonInput,
    actor: &Actor,
) -> R<PersonId> {
    let now = ctx.now();
    if !can_edit_people(actor) {
        return Err(forbidden("edit the people directory"));
    }
    let (kind, name, pairs) = check_person(p)?;
    let mut tx = begin_write(pool).await?;
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (kind, name, name_folded, title, organisation, field, email, phone,
             language_pairs, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
    )
    .bind(kind.as_str())
    .bind(&name)
    .bind(vanban::text::fold(&name))
    .bind(nfc(&p.title))
    .bind(nfc(&p.organisation))
    .bind(nfc(&p.field))
    .bind(p.email.trim())
    .bind(p.phone.trim())
    .bind(&pairs)
    .bind(nfc(&p.notes))
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let rec = load_person(&mut tx, PersonId(id)).await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(Some(actor.user_id), "person.create", "person", Some(id)).after(json(&rec)),
    )
    .await?;
    tx.commit().await?;
    Ok(PersonId(id))
}

async fn load_person(conn: &mut Conn, id: PersonId) -> R<Option<PersonRecord>> {
    sqlx::query(sql!("SELECT {PERSON_COLS} FROM people WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| person_row(&r))
        .transpose()
}

pub(crate) async fn person(pool: &Pool, _ctx: &Ctx, id: PersonId) -> R<Option<PersonRecord>> {
    load_person(&mut *pool.acquire().await?, id).await
}

pub(crate) async fn update_person(
    pool: &Pool,
    ctx: &Ctx,
    id: PersonId,
    expected: i64,
    p: &PersonInput,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    if !can_edit_people(actor) {
        return Err(forbidden("edit the people directory"));
    }
    let (kind, name, pairs) = check_person(p)?;
    let mut tx = begin_write(pool).await?;
    let before = load_person(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("person {id}")))?;
    if let Err(c) = domain::check_version(before.version, expected) {
        return Err(StoreError::Conflict {
            entity: "person",
            id: id.0,
            conflict: c,
            current: json(&before),
        });
    }
    sqlx::query(
        "UPDATE people SET kind = $1, name = $2, name_folded = $3, title = $4, organisation = $5,
             field = $6, email = $7, phone = $8, language_pairs = $9, notes = $10,
             version = version + 1, updated_at = $11
         WHERE id = $12 AND version = $13",
    )
    .bind(kind.as_str())
    .bind(&name)
    .bind(vanban::text::fold(&name))
    .bind(nfc(&p.title))
    .bind(nfc(&p.organisation))
    .bind(nfc(&p.field))
    .bind(p.email.trim())
    .bind(p.phone.trim())
    .bind(&pairs)
    .bind(nfc(&p.notes))
    .bind(now)
    .bind(id.0)
    .bind(expected)
    .execute(&mut *tx)
    .await?;
    let after = load_person(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(Some(actor.user_id), "person.update", "person", Some(id.0))
            .before(json(&before))
            .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(expected + 1)
}

/// The directory, by kind and folded name (diacritics and đ ignored), at most 500.
pub(crate) async fn list_people(
    pool: &Pool,
    _ctx: &Ctx,
    kind: Option<PersonKind>,
    text: Option<&str>,
) -> R<Vec<PersonRecord>> {
    let pattern = format!(
        "%{}%",
        vanban::text::fold(text.unwrap_or("").trim())
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let rows = sqlx::query(sql!(
        "SELECT {PERSON_COLS} FROM people
         WHERE ($1 = '' OR kind = $1) AND name_folded LIKE $2 ESCAPE '\\'
         ORDER BY kind, name_folded, id LIMIT 500"
    ))
    .bind(kind.map(|k| k.as_str()).unwrap_or(""))
    .bind(pattern)
    .fetch_all(pool)
    .await?;
    rows.iter().map(person_row).collect()
}

// ---- invitations ------------------------------------------------------------------------

/// Adds invitations with multi-row INSERTs (1,000 rows a statement), one audit entry for
/// the batch. A person already invited is skipped. Returns how many were added.
pub(crate) async fn add_invitations(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    list: &[NewInvitation],
    actor: &Actor,
) -> R<u64> {
    let now = ctx.now();
    let mut clean: Vec<(Option<i64>, String, String, String)> = Vec::with_capacity(list.len());
    for inv in list {
        let name = nfc(&inv.name);
        if name.is_empty() && inv.person_id.is_none() {
            return Err(EventError::NameRequired.into());
        }
        clean.push((
            inv.person_id.map(|p| p.0),
            name,
            nfc(&inv.organisation),
            inv.email.trim().to_string(),
        ));
    }
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    // Directory people: their name and organisation when none was given.
    let person_ids: Vec<i64> = clean.iter().filter_map(|c| c.0).collect();
    if !person_ids.is_empty() {
        let mut known: HashMap<i64, (String, String, String)> = HashMap::new();
        for chunk in person_ids.chunks(1000) {
            let mut q = sqlx::query(sql!(
                "SELECT id, name, organisation, email FROM people WHERE id IN ({})",
                placeholders(1, chunk.len())
            ));
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&mut *tx).await? {
                known.insert(r.try_get(0)?, (r.try_get(1)?, r.try_get(2)?, r.try_get(3)?));
            }
        }
        for c in &mut clean {
            if let Some(pid) = c.0 {
                let (n, o, e) = known
                    .get(&pid)
                    .ok_or_else(|| StoreError::NotFound(format!("person {pid}")))?;
                if c.1.is_empty() {
                    c.1 = n.clone();
                }
                if c.2.is_empty() {
                    c.2 = o.clone();
                }
                if c.3.is_empty() {
                    c.3 = e.clone();
                }
            }
        }
    }
    let at = now;
    let mut added = 0u64;
    for chunk in clean.chunks(1000) {
        let mut q = String::from(
            "INSERT INTO invitations (event_id, person_id, name, organisation, email, status, updated_at) VALUES ",
        );
        for k in 0..chunk.len() {
            let b = k * 4;
            if k > 0 {
                q.push_str(", ");
            }
            // The event id and time are database integers, the status a constant.
            q.push_str(&format!(
                "({}, ${}, ${}, ${}, ${}, 'invited', {at})",
                event.0,
                b + 1,
                b + 2,
                b + 3,
                b + 4
            ));
        }
        q.push_str(" ON CONFLICT DO NOTHING");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(q));
        for (pid, name, org, email) in chunk {
            query = query.bind(*pid).bind(name).bind(org).bind(email);
        }
        added += query.execute(&mut *tx).await?.rows_affected();
    }
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "event.invitations.add",
            "event",
            Some(event.0),
        )
        .after(serde_json::json!({ "added": added, "submitted": list.len() })),
    )
    .await?;
    tx.commit().await?;
    Ok(added)
}

pub(crate) async fn set_invitation_status(
    pool: &Pool,
    ctx: &Ctx,
    invitation: i64,
    status: InvitationStatus,
    actor: &Actor,
) -> R<EventId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT event_id, status FROM invitations WHERE id = $1")
            .bind(invitation)
            .fetch_optional(&mut *tx)
            .await?;
    let (event, old) =
        row.ok_or_else(|| StoreError::NotFound(format!("invitation {invitation}")))?;
    editable_event(&mut tx, EventId(event), actor).await?;
    sqlx::query("UPDATE invitations SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(now)
        .bind(invitation)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "invitation.status",
            "invitation",
            Some(invitation),
        )
        .before(serde_json::json!({ "event": event, "status": old }))
        .after(serde_json::json!({ "event": event, "status": status })),
    )
    .await?;
    tx.commit().await?;
    Ok(EventId(event))
}

/// A page of an event's invitations (`offset`, `limit` ≤ 1,000) with the total and the
/// counts per status: 3 queries whatever the list's size.
pub(crate) async fn invitations(
    pool: &Pool,
    _ctx: &Ctx,
    event: EventId,
    offset: i64,
    limit: i64,
) -> R<InvitationPage> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query(
        "SELECT id, event_id, person_id, name, organisation, email, status FROM invitations
         WHERE event_id = $1 ORDER BY id LIMIT $2 OFFSET $3",
    )
    .bind(event.0)
    .bind(limit.clamp(1, 1000))
    .bind(offset.max(0))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let status: String = r.try_get(6)?;
        out.push(InvitationRecord {
            id: r.try_get(0)?,
            event_id: EventId(r.try_get(1)?),
            person_id: r.try_get::<Option<i64>, _>(2)?.map(PersonId),
            name: r.try_get(3)?,
            organisation: r.try_get(4)?,
            email: r.try_get(5)?,
            status: status.parse().unwrap_or_default(),
        });
    }
    let mut counts = Vec::new();
    let mut total = 0;
    for r in sqlx::query(
        "SELECT status, COUNT(*) FROM invitations WHERE event_id = $1 GROUP BY status ORDER BY status",
    )
    .bind(event.0)
    .fetch_all(&mut *conn)
    .await?
    {
        let s: String = r.try_get(0)?;
        let n: i64 = r.try_get(1)?;
        total += n;
        if let Ok(s) = s.parse::<InvitationStatus>() {
            counts.push((s, n));
        }
    }
    counts.sort_by_key(|(s, _)| InvitationStatus::ALL.iter().position(|x| x == s));
    Ok(InvitationPage {
        rows: out,
        total,
        counts,
    })
}

// ---- interpreters -----------------------------------------------------------------------

/// Books an interpreter for the event's time. Overlaps with the person's other bookings
/// are not refused: they come back in `clashes` for the page to warn about.
pub(crate) async fn book_interpreter(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    person: PersonId,
    pair: &str,
    actor: &Actor,
) -> R<BookingRecord> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let ev = editable_event(&mut tx, event, actor).await?;
    let p = load_person(&mut tx, person)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("person {person}")))?;
    if p.kind != PersonKind::Interpreter {
        return Err(EventError::NotAnInterpreter.into());
    }
    let pair = match pair.trim() {
        "" => String::new(),
        s => s.parse::<LanguagePair>()?.to_string(),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO interpreter_bookings (event_id, person_id, language_pair, start_at, end_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(event.0)
    .bind(person.0)
    .bind(&pair)
    .bind(ev.start_at)
    .bind(ev.end_at)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "event.interpreter.book",
            "event",
            Some(event.0),
        )
        .after(serde_json::json!({ "booking": id, "person": person, "pair": pair })),
    )
    .await?;
    tx.commit().await?;
    bookings(pool, ctx, event)
        .await?
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("booking {id}")))
}

pub(crate) async fn remove_booking(
    pool: &Pool,
    ctx: &Ctx,
    booking: i64,
    actor: &Actor,
) -> R<EventId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT event_id, person_id FROM interpreter_bookings WHERE id = $1")
            .bind(booking)
            .fetch_optional(&mut *tx)
            .await?;
    let (event, person) = row.ok_or_else(|| StoreError::NotFound(format!("booking {booking}")))?;
    editable_event(&mut tx, EventId(event), actor).await?;
    sqlx::query("DELETE FROM interpreter_bookings WHERE id = $1")
        .bind(booking)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "event.interpreter.remove",
            "event",
            Some(event),
        )
        .before(serde_json::json!({ "booking": booking, "person": person })),
    )
    .await?;
    tx.commit().await?;
    Ok(EventId(event))
}

/// An event's bookings with each one's clashes (other bookings of the same interpreter
/// on events not cancelled whose times overlap), in 2 queries.
pub(crate) async fn bookings(pool: &Pool, _ctx: &Ctx, event: EventId) -> R<Vec<BookingRecord>> {
    let mut conn = pool.acquire().await?;
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT b.id, b.event_id, b.person_id, p.name, b.language_pair, b.start_at, b.end_at
         FROM interpreter_bookings b JOIN people p ON p.id = b.person_id
         WHERE b.event_id = $1 ORDER BY p.name_folded, b.id",
    )
    .bind(event.0)
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(BookingRecord {
            id: r.try_get(0)?,
            event_id: EventId(r.try_get(1)?),
            person_id: PersonId(r.try_get(2)?),
            person_name: r.try_get(3)?,
            language_pair: r.try_get(4)?,
            start_at: r.try_get(5)?,
            end_at: r.try_get(6)?,
            clashes: Vec::new(),
        });
    }
    if out.is_empty() {
        return Ok(out);
    }
    for r in sqlx::query(
        "SELECT b.id, o.event_id, e.title FROM interpreter_bookings b
         JOIN interpreter_bookings o ON o.person_id = b.person_id AND o.event_id <> b.event_id
              AND o.start_at < b.end_at AND b.start_at < o.end_at
         JOIN events e ON e.id = o.event_id AND e.status <> 'cancelled'
         WHERE b.event_id = $1 ORDER BY e.start_at, o.event_id",
    )
    .bind(event.0)
    .fetch_all(&mut *conn)
    .await?
    {
        let id: i64 = r.try_get(0)?;
        let clash = (EventId(r.try_get(1)?), r.try_get::<String, _>(2)?);
        if let Some(b) = out.iter_mut().find(|b| b.id == id)
            && !b.clashes.contains(&clash)
        {
            b.clashes.push(clash);
        }
    }
    Ok(out)
}

// ---- checklist, documents, follow-ups -------------------------------------------------------

#[allow(clippy::too_many_arguments)]
pub(crate) async fn add_checklist_entry(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    kind: ChecklistKind,
    title: &str,
    owner: &str,
    due: Option<chrono::NaiveDate>,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    let (title, owner) = (nfc(title), nfc(owner));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO checklist_entries (event_id, kind, title, owner, due_date, done, created_at)
         VALUES ($1, $2, $3, $4, $5, FALSE, $6) RETURNING id",
    )
    .bind(event.0)
    .bind(kind.as_str())
    .bind(&title)
    .bind(&owner)
    .bind(date_text(due))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx, now,
        AuditEntry::new(Some(actor.user_id), "event.checklist.add", "event", Some(event.0)).after(
            serde_json::json!({ "entry": id, "kind": kind, "title": title, "owner": owner, "due": due }),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn set_checklist_done(
    pool: &Pool,
    ctx: &Ctx,
    entry: i64,
    done: bool,
    actor: &Actor,
) -> R<EventId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let row: Option<(i64, bool)> =
        sqlx::query_as("SELECT event_id, done FROM checklist_entries WHERE id = $1")
            .bind(entry)
            .fetch_optional(&mut *tx)
            .await?;
    let (event, old) =
        row.ok_or_else(|| StoreError::NotFound(format!("checklist entry {entry}")))?;
    editable_event(&mut tx, EventId(event), actor).await?;
    sqlx::query("UPDATE checklist_entries SET done = $1 WHERE id = $2")
        .bind(done)
        .bind(entry)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "event.checklist.done",
            "event",
            Some(event),
        )
        .before(serde_json::json!({ "entry": entry, "done": old }))
        .after(serde_json::json!({ "entry": entry, "done": done })),
    )
    .await?;
    tx.commit().await?;
    Ok(EventId(event))
}

pub(crate) async fn checklist(pool: &Pool, _ctx: &Ctx, event: EventId) -> R<Vec<ChecklistEntry>> {
    let rows = sqlx::query(
        "SELECT id, event_id, kind, title, owner, due_date, done FROM checklist_entries
         WHERE event_id = $1 ORDER BY id",
    )
    .bind(event.0)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let kind: String = r.try_get(2)?;
        out.push(ChecklistEntry {
            id: r.try_get(0)?,
            event_id: EventId(r.try_get(1)?),
            kind: kind.parse().unwrap_or(ChecklistKind::Other),
            title: r.try_get(3)?,
            owner: r.try_get(4)?,
            due: parse_date(r.try_get(5)?),
            done: r.try_get(6)?,
        });
    }
    Ok(out)
}

const DOC_COLS: &str =
    "id, event_id, kind, sha256, size, mime, original_name, stored_path, uploaded_by, uploaded_at";

fn doc_row(r: &DbRow) -> R<EventDocument> {
    Ok(EventDocument {
        id: r.try_get(0)?,
        event_id: EventId(r.try_get(1)?),
        kind: r.try_get(2)?,
        sha256: r.try_get(3)?,
        size: r.try_get(4)?,
        mime: r.try_get(5)?,
        original_name: r.try_get(6)?,
        stored_path: r.try_get(7)?,
        uploaded_by: r.try_get::<Option<i64>, _>(8)?.map(UserId),
        uploaded_at: r.try_get(9)?,
    })
}

/// Records a file stored by `evidence_store` as a document of the event.
pub(crate) async fn add_event_document(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    stored: &crate::evidence_store::StoredFile,
    original_name: &str,
    kind: &str,
    actor: &Actor,
) -> R<EventDocument> {
    let now = ctx.now();
    let kind = match kind {
        "speech" | "slides" | "clip" | "photo" => kind,
        _ => "other",
    };
    let name: String = original_name
        .chars()
        .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
        .take(200)
        .collect();
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO event_documents (event_id, kind, sha256, size, mime, original_name,
             stored_path, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(event.0)
    .bind(kind)
    .bind(&stored.sha256)
    .bind(stored.size as i64)
    .bind(&stored.mime)
    .bind(nfc(&name))
    .bind(&stored.relative_path)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let doc = doc_row(
        &sqlx::query(sql!("SELECT {DOC_COLS} FROM event_documents WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?,
    )?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "event.document.add",
            "event",
            Some(event.0),
        )
        .after(json(&doc)),
    )
    .await?;
    tx.commit().await?;
    Ok(doc)
}

pub(crate) async fn event_documents(
    pool: &Pool,
    _ctx: &Ctx,
    event: EventId,
) -> R<Vec<EventDocument>> {
    sqlx::query(sql!(
        "SELECT {DOC_COLS} FROM event_documents WHERE event_id = $1 ORDER BY id"
    ))
    .bind(event.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(doc_row)
    .collect()
}

pub(crate) async fn event_document(pool: &Pool, _ctx: &Ctx, id: i64) -> R<Option<EventDocument>> {
    sqlx::query(sql!("SELECT {DOC_COLS} FROM event_documents WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .map(|r| doc_row(&r))
        .transpose()
}

pub(crate) async fn add_follow_up(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    text: &str,
    owner: &str,
    due: Option<chrono::NaiveDate>,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let text = nfc(text);
    if text.is_empty() {
        return Err(StoreError::Invalid("a follow-up needs text".into()));
    }
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO follow_ups (event_id, text, owner, due_date, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(event.0)
    .bind(&text)
    .bind(nfc(owner))
    .bind(date_text(due))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "event.follow_up.add",
            "event",
            Some(event.0),
        )
        .after(serde_json::json!({ "follow_up": id, "text": text, "due": due })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn follow_ups(pool: &Pool, _ctx: &Ctx, event: EventId) -> R<Vec<FollowUp>> {
    let rows = sqlx::query(
        "SELECT id, event_id, text, owner, due_date, item_id FROM follow_ups
         WHERE event_id = $1 ORDER BY id",
    )
    .bind(event.0)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        out.push(FollowUp {
            id: r.try_get(0)?,
            event_id: EventId(r.try_get(1)?),
            text: r.try_get(2)?,
            owner: r.try_get(3)?,
            due: parse_date(r.try_get(4)?),
            item_id: r.try_get::<Option<i64>, _>(5)?.map(ItemId),
        });
    }
    Ok(out)
}

/// The follow-up with its event, for the "add to plan" step (checks the event editor).
pub(crate) async fn follow_up_for_edit(
    pool: &Pool,
    _ctx: &Ctx,
    follow_up: i64,
    actor: &Actor,
) -> R<FollowUp> {
    let mut conn = pool.acquire().await?;
    let r = sqlx::query(
        "SELECT id, event_id, text, owner, due_date, item_id FROM follow_ups WHERE id = $1",
    )
    .bind(follow_up)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("follow-up {follow_up}")))?;
    let fu = FollowUp {
        id: r.try_get(0)?,
        event_id: EventId(r.try_get(1)?),
        text: r.try_get(2)?,
        owner: r.try_get(3)?,
        due: parse_date(r.try_get(4)?),
        item_id: r.try_get::<Option<i64>, _>(5)?.map(ItemId),
    };
    editable_event(&mut conn, fu.event_id, actor).await?;
    Ok(fu)
}

/// Links a follow-up to the plan item made from it (once).
pub(crate) async fn link_follow_up(
    pool: &Pool,
    ctx: &Ctx,
    follow_up: i64,
    item: ItemId,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let n = sqlx::query("UPDATE follow_ups SET item_id = $1 WHERE id = $2 AND item_id IS NULL")
        .bind(item.0)
        .bind(follow_up)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(StoreError::Invalid(format!(
            "follow-up {follow_up} is unknown or already in the plan"
        )));
    }
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "follow_up.to_item",
            "follow_up",
            Some(follow_up),
        )
        .after(serde_json::json!({ "item": item })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---- delegations ------------------------------------------------------------------------

const DELEGATION_COLS: &str = "id, title, purpose, destination, depart_date, return_date,
    estimated_cost, status, lead_unit_id, event_id, report, reported_at, version";

async fn load_delegation(conn: &mut Conn, id: DelegationId) -> R<Option<DelegationRecord>> {
    let Some(r) = sqlx::query(sql!(
        "SELECT {DELEGATION_COLS} FROM delegations WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let mut d = delegation_row(&r)?;
    for m in sqlx::query(
        "SELECT name, role FROM delegation_members WHERE delegation_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    {
        d.members.push((m.try_get(0)?, m.try_get(1)?));
    }
    Ok(Some(d))
}

fn delegation_row(r: &DbRow) -> R<DelegationRecord> {
    let status: String = r.try_get(7)?;
    let cost: i64 = r.try_get(6)?;
    Ok(DelegationRecord {
        id: DelegationId(r.try_get(0)?),
        title: r.try_get(1)?,
        purpose: r.try_get(2)?,
        destination: r.try_get(3)?,
        depart: parse_date(r.try_get(4)?).unwrap_or_default(),
        back: parse_date(r.try_get(5)?).unwrap_or_default(),
        estimated_cost: Dong::new(cost)?,
        status: status.parse().unwrap_or_default(),
        lead_unit: UnitId(r.try_get(8)?),
        event_id: r.try_get::<Option<i64>, _>(9)?.map(EventId),
        members: Vec::new(),
        report: r.try_get(10)?,
        reported_at: r.try_get(11)?,
        version: r.try_get(12)?,
    })
}

async fn must_delegation(conn: &mut Conn, id: DelegationId) -> R<DelegationRecord> {
    load_delegation(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("delegation {id}")))
}

pub(crate) async fn delegation(
    pool: &Pool,
    _ctx: &Ctx,
    id: DelegationId,
) -> R<Option<DelegationRecord>> {
    load_delegation(&mut *pool.acquire().await?, id).await
}

fn check_delegation(d: &DelegationInput) -> R<String> {
    let title = nfc(&d.title);
    if title.is_empty() {
        return Err(EventError::TitleRequired.into());
    }
    events::check_trip_dates(d.depart, d.back)?;
    Ok(title)
}

async fn write_members(conn: &mut Conn, id: DelegationId, members: &[(String, String)]) -> R<()> {
    sqlx::query("DELETE FROM delegation_members WHERE delegation_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    for (i, (name, role)) in members
        .iter()
        .filter(|(n, _)| !n.trim().is_empty())
        .enumerate()
    {
        sqlx::query(
            "INSERT INTO delegation_members (delegation_id, position, name, role) VALUES ($1, $2, $3, $4)",
        )
        .bind(id.0)
        .bind(i as i64)
        .bind(nfc(name))
        .bind(nfc(role))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(crate) async fn create_delegation(
    pool: &Pool,
    ctx: &Ctx,
    d: &DelegationInput,
    actor: &Actor,
) -> R<DelegationId> {
    let now = ctx.now();
    let title = check_delegation(d)?;
    if !can_create_event(actor, d.lead_unit) {
        return Err(forbidden("propose a delegation for this unit"));
    }
    let mut tx = begin_write(pool).await?;
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO delegations (title, purpose, destination, depart_date, return_date,
             estimated_cost, status, lead_unit_id, event_id, created_at, created_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $9) RETURNING id",
    )
    .bind(&title)
    .bind(nfc(&d.purpose))
    .bind(nfc(&d.destination))
    .bind(date_text(Some(d.depart)))
    .bind(date_text(Some(d.back)))
    .bind(d.estimated_cost.get())
    .bind(d.lead_unit.0)
    .bind(d.event_id.map(|e| e.0))
    .bind(at)
    .bind(actor.user_id.0)
    .fetch_one(&mut *tx)
    .await?;
    let id = DelegationId(id);
    write_members(&mut tx, id, &d.members).await?;
    let rec = must_delegation(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "delegation.create",
            "delegation",
            Some(id.0),
        )
        .after(json(&rec)),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn delegation_version(d: &DelegationRecord, expected: i64) -> R<()> {
    domain::check_version(d.version, expected).map_err(|c| StoreError::Conflict {
        entity: "delegation",
        id: d.id.0,
        conflict: c,
        current: json(d),
    })
}

async fn bump_delegation(conn: &mut Conn, at: i64, d: &DelegationRecord) -> R<()> {
    use super::ops::{Versioned, bump_version};
    if !bump_version(conn, at, Versioned::Delegation, d.id.0, d.version).await? {
        let cur = must_delegation(conn, d.id).await?;
        return delegation_version(&cur, d.version);
    }
    Ok(())
}

/// Edits a proposal (only while a draft, or after "not approved" sent it back).
pub(crate) async fn update_delegation(
    pool: &Pool,
    ctx: &Ctx,
    id: DelegationId,
    expected: i64,
    d: &DelegationInput,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let title = check_delegation(d)?;
    let mut tx = begin_write(pool).await?;
    let before = must_delegation(&mut tx, id).await?;
    if !can_edit_event(actor, &before.item_units())
        || (d.lead_unit != before.lead_unit && !can_create_event(actor, d.lead_unit))
    {
        return Err(forbidden("change the delegation"));
    }
    delegation_version(&before, expected)?;
    if before.status != DelegationStatus::Draft {
        return Err(StoreError::Invalid(
            "only a draft delegation can be edited".into(),
        ));
    }
    sqlx::query(
        "UPDATE delegations SET title = $1, purpose = $2, destination = $3, depart_date = $4,
             return_date = $5, estimated_cost = $6, lead_unit_id = $7, event_id = $8
         WHERE id = $9",
    )
    .bind(&title)
    .bind(nfc(&d.purpose))
    .bind(nfc(&d.destination))
    .bind(date_text(Some(d.depart)))
    .bind(date_text(Some(d.back)))
    .bind(d.estimated_cost.get())
    .bind(d.lead_unit.0)
    .bind(d.event_id.map(|e| e.0))
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    write_members(&mut tx, id, &d.members).await?;
    bump_delegation(&mut tx, now, &before).await?;
    let after = must_delegation(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "delegation.update",
            "delegation",
            Some(id.0),
        )
        .before(json(&before))
        .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after.version)
}

pub(crate) async fn set_delegation_status(
    pool: &Pool,
    ctx: &Ctx,
    id: DelegationId,
    expected: i64,
    to: DelegationStatus,
    actor: &Actor,
    lang: Language,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = must_delegation(&mut tx, id).await?;
    events::check_delegation_status(actor, &before.item_units(), before.status, to, lang)?;
    delegation_version(&before, expected)?;
    sqlx::query("UPDATE delegations SET status = $1 WHERE id = $2")
        .bind(to.as_str())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    bump_delegation(&mut tx, now, &before).await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "delegation.status",
            "delegation",
            Some(id.0),
        )
        .before(serde_json::json!({ "status": before.status }))
        .after(serde_json::json!({ "status": to })),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// The report after the return; moves the delegation to "reported".
pub(crate) async fn file_delegation_report(
    pool: &Pool,
    ctx: &Ctx,
    id: DelegationId,
    expected: i64,
    text: &str,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = must_delegation(&mut tx, id).await?;
    if !can_edit_event(actor, &before.item_units()) {
        return Err(forbidden("report on the delegation"));
    }
    delegation_version(&before, expected)?;
    let text = events::check_delegation_report(before.status, &nfc(text))?;
    sqlx::query(
        "UPDATE delegations SET report = $1, reported_at = $2, status = 'reported' WHERE id = $3",
    )
    .bind(&text)
    .bind(now)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    bump_delegation(&mut tx, now, &before).await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(
            Some(actor.user_id),
            "delegation.report",
            "delegation",
            Some(id.0),
        )
        .before(serde_json::json!({ "status": before.status, "report": before.report }))
        .after(serde_json::json!({ "status": "reported", "report": text })),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// Delegations by departure date; `visible_units` for a partner's view.
pub(crate) async fn list_delegations(
    pool: &Pool,
    _ctx: &Ctx,
    visible_units: Option<&[UnitId]>,
) -> R<Vec<DelegationRecord>> {
    let rows = sqlx::query(sql!(
        "SELECT {DELEGATION_COLS} FROM delegations ORDER BY depart_date DESC, id DESC LIMIT 500"
    ))
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let d = delegation_row(r)?;
        if visible_units.is_none_or(|v| v.contains(&d.lead_unit)) {
            out.push(d);
        }
    }
    Ok(out)
}

// ---- feeds ------------------------------------------------------------------------------

fn feed_row(r: &DbRow) -> R<FeedToken> {
    let user: Option<i64> = r.try_get(1)?;
    let unit: Option<i64> = r.try_get(2)?;
    let owner = match (user, unit) {
        (Some(u), _) => FeedOwner::User(UserId(u)),
        (None, Some(u)) => FeedOwner::Unit(UnitId(u)),
        (None, None) => return Err(StoreError::Invalid("a feed without owner".into())),
    };
    Ok(FeedToken {
        id: r.try_get(0)?,
        owner,
        label: r.try_get(3)?,
        created_by: r.try_get::<Option<i64>, _>(4)?.map(UserId),
        created_at: r.try_get(5)?,
        revoked_at: r.try_get(6)?,
    })
}

const FEED_COLS: &str = "id, user_id, unit_id, label, created_by, created_at, revoked_at";

fn may_manage_feed(actor: &Actor, owner: FeedOwner) -> bool {
    match owner {
        FeedOwner::User(u) => u == actor.user_id || domain::can_admin(actor),
        FeedOwner::Unit(u) => can_manage_unit_feed(actor, u),
    }
}

/// Stores a new feed under the SHA-256 of its secret token.
pub(crate) async fn create_feed_token(
    pool: &Pool,
    ctx: &Ctx,
    owner: FeedOwner,
    token_hash: &str,
    label: &str,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    if !actor.active || !may_manage_feed(actor, owner) {
        return Err(forbidden("create this calendar feed"));
    }
    let (user, unit) = match owner {
        FeedOwner::User(u) => (Some(u.0), None),
        FeedOwner::Unit(u) => (None, Some(u.0)),
    };
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO feed_tokens (token_hash, user_id, unit_id, label, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(token_hash)
    .bind(user)
    .bind(unit)
    .bind(nfc(label))
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    // The hash stays out of the log: it is as good as the URL for a lookup.
    audit(
        &mut tx,
        now,
        AuditEntry::new(Some(actor.user_id), "feed.create", "feed", Some(id))
            .after(serde_json::json!({ "owner": owner, "label": label })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn revoke_feed_token(pool: &Pool, ctx: &Ctx, id: i64, actor: &Actor) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let feed = sqlx::query(sql!("SELECT {FEED_COLS} FROM feed_tokens WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| feed_row(&r))
        .transpose()?
        .ok_or_else(|| StoreError::NotFound(format!("feed {id}")))?;
    if !may_manage_feed(actor, feed.owner) {
        return Err(forbidden("revoke this calendar feed"));
    }
    sqlx::query("UPDATE feed_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        AuditEntry::new(Some(actor.user_id), "feed.revoke", "feed", Some(id))
            .before(serde_json::json!({ "owner": feed.owner, "revoked_at": feed.revoked_at })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The feeds `actor` may manage: their own, and those of units they may manage.
pub(crate) async fn feed_tokens(pool: &Pool, _ctx: &Ctx, actor: &Actor) -> R<Vec<FeedToken>> {
    let rows = sqlx::query(sql!(
        "SELECT {FEED_COLS} FROM feed_tokens WHERE user_id = $1 OR unit_id IS NOT NULL
         ORDER BY id DESC LIMIT 1000"
    ))
    .bind(actor.user_id.0)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let f = feed_row(r)?;
        let mine = match f.owner {
            FeedOwner::User(u) => u == actor.user_id,
            FeedOwner::Unit(u) => can_manage_unit_feed(actor, u),
        };
        if mine {
            out.push(f);
        }
    }
    Ok(out)
}

pub(crate) async fn feed_by_hash(pool: &Pool, _ctx: &Ctx, hash: &str) -> R<Option<FeedToken>> {
    sqlx::query(sql!(
        "SELECT {FEED_COLS} FROM feed_tokens WHERE token_hash = $1"
    ))
    .bind(hash)
    .fetch_optional(pool)
    .await?
    .map(|r| feed_row(&r))
    .transpose()
}

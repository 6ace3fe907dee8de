//! The shared calendar's events (issue 19): read with their invitation counts, edited and
//! removed by their author (versioned), and the invitations between cities with each
//! city's answer (`domain::network::invitation`). Every change is audited in its own
//! transaction.

use super::network::refused;
use super::once::{claim_some, fulfil_some};
use super::tx::{at_version, audit, json};
use super::{Conn, Pool, R, begin_write};
use crate::model::{AuditEntry, Created, OnceKey};
use crate::network_model::*;
use crate::{Ctx, StoreError};
use domain::network::invitation::{Answer, NOTE_MAX, check_answer, check_invitee, local_now};
use domain::network::{NetworkError, Viewer, can_change, is_network_city};
use domain::{Actor, CityId, CityStatus, EventId, UserId};
use std::str::FromStr;

fn local(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    event_id: Option<i64>,
    city_id: Option<i64>,
    city_name: Option<String>,
    title: String,
    start_local: String,
    end_local: String,
    zone: String,
    place: String,
    notes: String,
    created_at: i64,
    author: String,
    version: i64,
    updated_at: Option<i64>,
    invited: i64,
    accepted: i64,
    declined: i64,
}

impl From<EventRow> for NetworkEvent {
    fn from(r: EventRow) -> Self {
        NetworkEvent {
            id: r.id,
            event: r.event_id.map(EventId),
            city: r.city_id.map(CityId),
            city_name: r.city_name.unwrap_or_default(),
            title: r.title,
            start_local: r.start_local,
            end_local: r.end_local,
            zone: r.zone,
            place: r.place,
            notes: r.notes,
            created_at: r.created_at,
            author: r.author,
            version: r.version,
            updated_at: r.updated_at,
            invited: r.invited,
            accepted: r.accepted,
            declined: r.declined,
        }
    }
}

/// The calendar's events as `x`: a Hanoi event shared reads its title, times and venue from
/// the event itself.
const EVENT: &str = "SELECT * FROM (
     SELECT n.id, n.event_id, n.city_id, c.name AS city_name,
         CASE WHEN e.id IS NULL THEN n.title ELSE e.title END AS title,
         CASE WHEN e.id IS NULL THEN n.start_local ELSE e.start_local END AS start_local,
         CASE WHEN e.id IS NULL THEN n.end_local ELSE e.end_local END AS end_local,
         CASE WHEN e.id IS NULL THEN 'Asia/Ho_Chi_Minh' ELSE e.time_zone END AS zone,
         CASE WHEN e.id IS NULL THEN n.place ELSE e.venue END AS place,
         n.notes, n.created_at, COALESCE(u.display_name, '') AS author, n.version,
         n.updated_at,
         (SELECT COUNT(*) FROM network_event_invitations i
          WHERE i.network_event_id = n.id) AS invited,
         (SELECT COUNT(*) FROM network_event_invitations i
          WHERE i.network_event_id = n.id AND i.status = 'accepted') AS accepted,
         (SELECT COUNT(*) FROM network_event_invitations i
          WHERE i.network_event_id = n.id AND i.status = 'declined') AS declined
     FROM network_events n
     LEFT JOIN events e ON e.id = n.event_id
     LEFT JOIN cities c ON c.id = n.city_id
     LEFT JOIN users u ON u.id = n.created_by
 ) x";

/// The shared calendar's events starting in `[from, to)` ('yyyy-mm-dd'), by start.
pub(crate) async fn network_events(pool: &Pool, from: &str, to: &str) -> R<Vec<NetworkEvent>> {
    let rows: Vec<EventRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EVENT} WHERE x.start_local >= $1 AND x.start_local < $2 ORDER BY x.start_local, x.id"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows.into_iter().map(NetworkEvent::from).collect())
}

async fn load(conn: &mut Conn, id: i64) -> R<Option<NetworkEvent>> {
    let row: Option<EventRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{EVENT} WHERE x.id = $1")))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(NetworkEvent::from))
}

/// One event of the calendar (every event is shared with the whole network).
pub(crate) async fn network_event(pool: &Pool, id: i64) -> R<Option<NetworkEvent>> {
    let mut conn = pool.read.acquire().await?;
    load(&mut conn, id).await
}

/// The events `city` is invited to and has not answered, ending on `today` or later
/// ('yyyy-mm-dd'; the page drops those ended earlier today), by start.
pub(crate) async fn pending_invitations(
    pool: &Pool,
    city: CityId,
    today: &str,
) -> R<Vec<NetworkEvent>> {
    let rows: Vec<EventRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EVENT} WHERE x.id IN (SELECT network_event_id FROM network_event_invitations
                                WHERE city_id = $1 AND status = 'pending')
             AND x.end_local >= $2
         ORDER BY x.start_local, x.id"
    )))
    .bind(city.0)
    .bind(today)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows.into_iter().map(NetworkEvent::from).collect())
}

/// Posts an event on the shared calendar, as the viewer's city (or Hanoi), and invites
/// `cities` to it in the same transaction (a second submit of the same form: the path of
/// the first's event).
pub(crate) async fn post_event(
    pool: &Pool,
    ctx: &Ctx,
    (e, cities): (&NetworkEventInput, &[CityId]),
    (viewer, actor): (Viewer, &Actor),
    once: Option<&OnceKey<'_>>,
) -> R<Created<InvitesMade>> {
    if !viewer.may_post() {
        return Err(refused("post on the network calendar"));
    }
    if e.end_local < e.start_local {
        return Err(NetworkError::EndBeforeStart.into());
    }
    let now = ctx.now();
    let user = actor.user_id;
    let mut tx = begin_write(pool).await?;
    if let Some(path) = claim_some(&mut tx, now, once, actor).await? {
        return Ok(Created::Earlier(path));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO network_events (city_id, title, start_local, end_local, place, notes,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(viewer.city().map(|c| c.0))
    .bind(&e.title)
    .bind(local(e.start_local))
    .bind(local(e.end_local))
    .bind(&e.place)
    .bind(&e.notes)
    .bind(user.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.event", "network_event", Some(id)).after(json(&(
            &e.title,
            local(e.start_local),
            local(e.end_local),
            viewer.city(),
        ))),
    )
    .await?;
    let made = if cities.is_empty() {
        InvitesMade {
            event: id,
            title: e.title.clone(),
            cities: Vec::new(),
        }
    } else {
        let event = load(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound(id.to_string()))?;
        invite_in(&mut tx, now, &event, cities, viewer, user).await?
    };
    fulfil_some(&mut tx, once, id).await?;
    tx.commit().await?;
    Ok(Created::New(made))
}

/// The event as it stands if the viewer may change it and `expected` is still its version.
async fn changeable(conn: &mut Conn, id: i64, expected: i64, viewer: Viewer) -> R<NetworkEvent> {
    let before = load(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("network event {id}")))?;
    if !can_change(viewer, before.city) {
        return Err(refused("change this event of the network calendar"));
    }
    at_version(before.version, expected, ("network_event", id), before)
}

/// Edits an event its author posted (a Hanoi event shared is edited on its own page);
/// returns the new version.
pub(crate) async fn edit_event(
    pool: &Pool,
    ctx: &Ctx,
    (id, expected): (i64, i64),
    e: &NetworkEventInput,
    viewer: Viewer,
    user: UserId,
) -> R<i64> {
    if e.end_local < e.start_local {
        return Err(NetworkError::EndBeforeStart.into());
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = changeable(&mut tx, id, expected, viewer).await?;
    if before.event.is_some() {
        return Err(NetworkError::SharedEvent.into());
    }
    sqlx::query(
        "UPDATE network_events SET title = $1, start_local = $2, end_local = $3, place = $4,
             notes = $5, version = version + 1, updated_at = $6
         WHERE id = $7",
    )
    .bind(&e.title)
    .bind(local(e.start_local))
    .bind(local(e.end_local))
    .bind(&e.place)
    .bind(&e.notes)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let after = load(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.event_edit", "network_event", Some(id))
            .before(json(&before))
            .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// Removes an event from the calendar (a Hanoi event: stops sharing it) with its
/// invitations (ON DELETE CASCADE); the record stays in the audit log.
pub(crate) async fn remove_event(
    pool: &Pool,
    ctx: &Ctx,
    (id, expected): (i64, i64),
    viewer: Viewer,
    user: UserId,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = changeable(&mut tx, id, expected, viewer).await?;
    let invitations = invitations_in(&mut tx, id).await?;
    sqlx::query("DELETE FROM network_events WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(user),
            "network.event_delete",
            "network_event",
            Some(id),
        )
        .before(json(&(&before, &invitations))),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Invites `cities` to an event (its author only); returns who to tell.
pub(crate) async fn invite(
    pool: &Pool,
    ctx: &Ctx,
    (id, cities): (i64, &[CityId]),
    (viewer, actor): (Viewer, &Actor),
    once: Option<&OnceKey<'_>>,
) -> R<Created<InvitesMade>> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    if let Some(path) = claim_some(&mut tx, now, once, actor).await? {
        return Ok(Created::Earlier(path));
    }
    let event = load(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("network event {id}")))?;
    let made = invite_in(&mut tx, now, &event, cities, viewer, actor.user_id).await?;
    fulfil_some(&mut tx, once, id).await?;
    tx.commit().await?;
    Ok(Created::New(made))
}

/// The active network accounts of `city` with an address.
async fn addresses(conn: &mut Conn, city: CityId) -> R<Vec<String>> {
    let list: Vec<String> = sqlx::query_scalar(
        "SELECT email FROM users WHERE network_city_id = $1 AND active
             AND email IS NOT NULL AND email <> '' ORDER BY id",
    )
    .bind(city.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(list)
}

async fn invite_in(
    conn: &mut Conn,
    now: i64,
    event: &NetworkEvent,
    cities: &[CityId],
    viewer: Viewer,
    user: UserId,
) -> R<InvitesMade> {
    if !domain::network::invitation::may_invite(viewer, event.city) {
        return Err(refused("invite cities to this event"));
    }
    let mut cities = cities.to_vec();
    cities.sort();
    cities.dedup();
    if cities.is_empty() {
        return Err(NetworkError::NoCity.into());
    }
    let mut out = Vec::new();
    for c in cities {
        let row: Option<(String, String, String, String)> =
            sqlx::query_as("SELECT slug, country, status, name FROM cities WHERE id = $1")
                .bind(c.0)
                .fetch_optional(&mut *conn)
                .await?;
        let (slug, country, status, name) =
            row.ok_or_else(|| StoreError::NotFound(format!("city {c}")))?;
        let status = CityStatus::from_str(&status).unwrap_or(CityStatus::Member);
        let already: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM network_event_invitations
             WHERE network_event_id = $1 AND city_id = $2",
        )
        .bind(event.id)
        .bind(c.0)
        .fetch_optional(&mut *conn)
        .await?;
        let in_network = is_network_city(&slug, &country, status);
        check_invitee(event.city, c, in_network, already.is_some())?;
        sqlx::query(
            "INSERT INTO network_event_invitations (network_event_id, city_id, status,
                 invited_by, invited_at)
             VALUES ($1, $2, 'pending', $3, $4)",
        )
        .bind(event.id)
        .bind(c.0)
        .bind(user.0)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        out.push((c, name, addresses(conn, c).await?));
    }
    let invited: Vec<CityId> = out.iter().map(|c| c.0).collect();
    audit(
        conn,
        now,
        &AuditEntry::new(
            Some(user),
            "network.event_invite",
            "network_event",
            Some(event.id),
        )
        .after(json(&invited)),
    )
    .await?;
    Ok(InvitesMade {
        event: event.id,
        title: event.title.clone(),
        cities: out,
    })
}

/// The viewer's city accepts or declines its invitation to an event (and may change its
/// answer) until the event ends; returns who to tell.
pub(crate) async fn answer(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    (answer, note): (Answer, &str),
    viewer: Viewer,
    user: UserId,
) -> R<AnswerMade> {
    if note.chars().count() > NOTE_MAX {
        return Err(NetworkError::TooLong { max: NOTE_MAX }.into());
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let event = load(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("network event {id}")))?;
    let Some(city) = viewer.city() else {
        return Err(refused("answer for another city"));
    };
    let before: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT i.id, i.status, i.note, c.name FROM network_event_invitations i
         JOIN cities c ON c.id = i.city_id
         WHERE i.network_event_id = $1 AND i.city_id = $2",
    )
    .bind(id)
    .bind(city.0)
    .fetch_optional(&mut *tx)
    .await?;
    let (inv, status, old_note, city_name) =
        before.ok_or_else(|| refused("answer an invitation sent to another city"))?;
    let end = chrono::NaiveDateTime::parse_from_str(&event.end_local, "%Y-%m-%dT%H:%M")
        .map_err(|_| StoreError::Invalid(format!("event end {}", event.end_local)))?;
    check_answer(viewer, city, answer, end, local_now(&event.zone, now))?;
    sqlx::query(
        "UPDATE network_event_invitations SET status = $1, note = $2, responded_by = $3,
             responded_at = $4
         WHERE id = $5",
    )
    .bind(answer.as_str())
    .bind(note)
    .bind(user.0)
    .bind(now)
    .bind(inv)
    .execute(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(user),
            "network.event_answer",
            "network_event",
            Some(id),
        )
        .before(json(&(city, &status, &old_note)))
        .after(json(&(city, answer, note))),
    )
    .await?;
    let inviter = match event.city {
        Some(c) => addresses(&mut tx, c).await?,
        None => Vec::new(),
    };
    tx.commit().await?;
    Ok(AnswerMade {
        title: event.title,
        city_name,
        inviter,
    })
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    network_event_id: i64,
    city_id: i64,
    city_name: String,
    status: String,
    note: String,
    invited_at: i64,
    responded_by: String,
    responded_at: Option<i64>,
}

async fn invitations_in(conn: &mut Conn, id: i64) -> R<Vec<EventInvitation>> {
    let rows: Vec<InvitationRow> = sqlx::query_as(
        "SELECT i.id, i.network_event_id, i.city_id, c.name AS city_name, i.status, i.note,
             i.invited_at, COALESCE(u.display_name, '') AS responded_by, i.responded_at
         FROM network_event_invitations i JOIN cities c ON c.id = i.city_id
         LEFT JOIN users u ON u.id = i.responded_by
         WHERE i.network_event_id = $1 ORDER BY c.name_folded, c.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(EventInvitation {
                id: r.id,
                event: r.network_event_id,
                city: CityId(r.city_id),
                city_name: r.city_name,
                answer: r
                    .status
                    .parse()
                    .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
                note: r.note,
                invited_at: r.invited_at,
                responded_by: r.responded_by,
                responded_at: r.responded_at,
            })
        })
        .collect()
}

/// An event's invitations, by city name.
pub(crate) async fn invitations(pool: &Pool, id: i64) -> R<Vec<EventInvitation>> {
    let mut conn = pool.read.acquire().await?;
    invitations_in(&mut conn, id).await
}

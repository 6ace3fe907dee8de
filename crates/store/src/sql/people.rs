//! People (experts, interpreters, guests), invitations and interpreter bookings.

use super::events::{editable_event, editable_event_row, forbidden, nfc, placeholders};
use super::tx::{audit, json};
use super::{Conn, DB, Pool, R, begin_write};
use crate::events_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::events::{EventError, can_edit_people};
use domain::{Actor, EventId, InvitationStatus, LanguagePair, PersonId, PersonKind};
use sqlx::query::Query;
use sqlx::{Database, Row};
use std::collections::HashMap;

pub(crate) const PERSON_COLS: &str =
    "id, kind, name, title, organisation, field, email, phone, language_pairs, notes, version";

/// A person as `PERSON_COLS` selects it.
#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    kind: String,
    name: String,
    title: String,
    organisation: String,
    field: String,
    email: String,
    phone: String,
    language_pairs: String,
    notes: String,
    version: i64,
}

impl PersonRow {
    fn into_record(self) -> R<PersonRecord> {
        Ok(PersonRecord {
            id: PersonId(self.id),
            kind: self
                .kind
                .parse()
                .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
            name: self.name,
            title: self.title,
            organisation: self.organisation,
            field: self.field,
            email: self.email,
            phone: self.phone,
            language_pairs: LanguagePair::parse_list(&self.language_pairs).unwrap_or_default(),
            notes: self.notes,
            version: self.version,
        })
    }
}

/// A person's kind, name (NFC) and language pairs, checked.
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

type PersonQuery<'q> = Query<'q, DB, <DB as Database>::Arguments>;

/// Binds $1–$10 of the INSERT and the UPDATE: kind, name, name_folded, title,
/// organisation, field, email, phone, language_pairs, notes.
fn bind_person<'q>(
    q: PersonQuery<'q>,
    p: &PersonInput,
    (kind, name, pairs): &(PersonKind, String, String),
) -> PersonQuery<'q> {
    q.bind(kind.as_str())
        .bind(name)
        .bind(vanban::text::fold(name))
        .bind(nfc(&p.title))
        .bind(nfc(&p.organisation))
        .bind(nfc(&p.field))
        .bind(p.email.trim())
        .bind(p.phone.trim())
        .bind(pairs)
        .bind(nfc(&p.notes))
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
    let checked = check_person(p)?;
    let mut tx = begin_write(pool).await?;
    let id: i64 = bind_person(
        sqlx::query(
            "INSERT INTO people (kind, name, name_folded, title, organisation, field, email, phone,
                 language_pairs, notes, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        ),
        p,
        &checked,
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let rec = load_person(&mut tx, PersonId(id)).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "person.create", "person", Some(id))
            .after(json(&rec)),
    )
    .await?;
    tx.commit().await?;
    Ok(PersonId(id))
}

pub(crate) async fn load_person(conn: &mut Conn, id: PersonId) -> R<Option<PersonRecord>> {
    sqlx::query_as::<_, PersonRow>(sql!("SELECT {PERSON_COLS} FROM people WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(PersonRow::into_record)
        .transpose()
}

pub(crate) async fn person(pool: &Pool, id: PersonId) -> R<Option<PersonRecord>> {
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
    let checked = check_person(p)?;
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
    bind_person(
        sqlx::query(
        "UPDATE people SET kind = $1, name = $2, name_folded = $3, title = $4, organisation = $5,
             field = $6, email = $7, phone = $8, language_pairs = $9, notes = $10,
             version = version + 1, updated_at = $11
         WHERE id = $12 AND version = $13",
        ),
        p,
        &checked,
    )
    .bind(now)
    .bind(id.0)
    .bind(expected)
    .execute(&mut *tx)
    .await?;
    let after = load_person(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "person.update", "person", Some(id.0))
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
    let rows = sqlx::query_as::<_, PersonRow>(sql!(
        "SELECT {PERSON_COLS} FROM people
         WHERE ($1 = '' OR kind = $1) AND name_folded LIKE $2 ESCAPE '\\'
         ORDER BY kind, name_folded, id LIMIT 500"
    ))
    .bind(kind.map(|k| k.as_str()).unwrap_or(""))
    .bind(pattern)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(PersonRow::into_record).collect()
}

// ---- invitations ------------------------------------------------------------------------

/// A directory person's defaults for an invitation.
#[derive(sqlx::FromRow)]
struct KnownPersonRow {
    id: i64,
    name: String,
    organisation: String,
    email: String,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    event_id: i64,
    person_id: Option<i64>,
    name: String,
    organisation: String,
    email: String,
    status: String,
}

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
            let mut q = sqlx::query_as::<_, KnownPersonRow>(sql!(
                "SELECT id, name, organisation, email FROM people WHERE id IN ({})",
                placeholders(1, chunk.len())
            ));
            for id in chunk {
                q = q.bind(*id);
            }
            for r in q.fetch_all(&mut *tx).await? {
                known.insert(r.id, (r.name, r.organisation, r.email));
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
        &AuditEntry::new(
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
    let (event, old): (_, String) = editable_event_row(
        &mut tx,
        "SELECT event_id, status FROM invitations WHERE id = $1",
        "invitation",
        invitation,
        actor,
    )
    .await?;
    sqlx::query("UPDATE invitations SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(now)
        .bind(invitation)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
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
    Ok(event)
}

/// A page of an event's invitations (`offset`, `limit` ≤ 1,000) with the total and the
/// counts per status: 3 queries whatever the list's size.
pub(crate) async fn invitations(
    pool: &Pool,
    event: EventId,
    offset: i64,
    limit: i64,
) -> R<InvitationPage> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query_as::<_, InvitationRow>(
        "SELECT id, event_id, person_id, name, organisation, email, status FROM invitations
         WHERE event_id = $1 ORDER BY id LIMIT $2 OFFSET $3",
    )
    .bind(event.0)
    .bind(limit.clamp(1, 1000))
    .bind(offset.max(0))
    .fetch_all(&mut *conn)
    .await?;
    let out: Vec<InvitationRecord> = rows
        .into_iter()
        .map(|r| InvitationRecord {
            id: r.id,
            event_id: EventId(r.event_id),
            person_id: r.person_id.map(PersonId),
            name: r.name,
            organisation: r.organisation,
            email: r.email,
            status: r.status.parse().unwrap_or_default(),
        })
        .collect();
    let mut counts = Vec::new();
    let mut total = 0;
    for (s, n) in sqlx::query_as::<_, (String, i64)>(
        "SELECT status, COUNT(*) AS n FROM invitations WHERE event_id = $1
         GROUP BY status ORDER BY status",
    )
    .bind(event.0)
    .fetch_all(&mut *conn)
    .await?
    {
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
        &AuditEntry::new(
            Some(actor.user_id),
            "event.interpreter.book",
            "event",
            Some(event.0),
        )
        .after(serde_json::json!({ "booking": id, "person": person, "pair": pair })),
    )
    .await?;
    tx.commit().await?;
    bookings(pool, event)
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
    let (event, person): (_, i64) = editable_event_row(
        &mut tx,
        "SELECT event_id, person_id FROM interpreter_bookings WHERE id = $1",
        "booking",
        booking,
        actor,
    )
    .await?;
    sqlx::query("DELETE FROM interpreter_bookings WHERE id = $1")
        .bind(booking)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "event.interpreter.remove",
            "event",
            Some(event.0),
        )
        .before(serde_json::json!({ "booking": booking, "person": person })),
    )
    .await?;
    tx.commit().await?;
    Ok(event)
}

#[derive(sqlx::FromRow)]
struct BookingRow {
    id: i64,
    event_id: i64,
    person_id: i64,
    person_name: String,
    language_pair: String,
    start_at: i64,
    end_at: i64,
}

/// An event's bookings with each one's clashes (other bookings of the same interpreter
/// on events not cancelled whose times overlap), in 2 queries.
pub(crate) async fn bookings(pool: &Pool, event: EventId) -> R<Vec<BookingRecord>> {
    let mut conn = pool.acquire().await?;
    let mut out = Vec::new();
    for r in sqlx::query_as::<_, BookingRow>(
        "SELECT b.id, b.event_id, b.person_id, p.name AS person_name, b.language_pair, b.start_at, b.end_at
         FROM interpreter_bookings b JOIN people p ON p.id = b.person_id
         WHERE b.event_id = $1 ORDER BY p.name_folded, b.id",
    )
    .bind(event.0)
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(BookingRecord {
            id: r.id,
            event_id: EventId(r.event_id),
            person_id: PersonId(r.person_id),
            person_name: r.person_name,
            language_pair: r.language_pair,
            start_at: r.start_at,
            end_at: r.end_at,
            clashes: Vec::new(),
        });
    }
    if out.is_empty() {
        return Ok(out);
    }
    for (id, clash_event, clash_title) in sqlx::query_as::<_, (i64, i64, String)>(
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
        let clash = (EventId(clash_event), clash_title);
        if let Some(b) = out.iter_mut().find(|b| b.id == id)
            && !b.clashes.contains(&clash)
        {
            b.clashes.push(clash);
        }
    }
    Ok(out)
}

// ---- checklist, documents, follow-ups -------------------------------------------------------

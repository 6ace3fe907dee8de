//! People (experts, interpreters, guests) and interpreter bookings.

use super::events::{editable_event, editable_event_row, forbidden, nfc};
use super::tx::{at_version, audit, json};
use super::{Conn, DB, Pool, R, begin_write, fulltext};
use crate::events_model::*;
use crate::fulltext::Index;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::events::{EventError, can_edit_people};
use domain::{Actor, EventId, LanguagePair, PersonId, PersonKind};
use sqlx::QueryBuilder;
use sqlx::query::Query;
use sqlx::{Database, Row};

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
    let short = domain::events::MAX_NAME_CHARS;
    domain::events::check_lengths(&[
        (&name, short),
        (&p.title, short),
        (&p.organisation, short),
        (&p.field, short),
        (&p.email, short),
        (&p.phone, short),
        (&p.notes, domain::events::MAX_NOTE_CHARS),
    ])?;
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
    load_person(&mut *pool.read.acquire().await?, id).await
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
    let before = at_version(before.version, expected, ("person", id.0), before)?;
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

/// The directory, by kind and folded name, at most 500; with `text`, only the people whose
/// name has every word of it at the start of one of its words (diacritics and đ ignored),
/// through the full-text index (issue 15). Text without letters or digits finds nobody.
pub(crate) async fn list_people(
    pool: &Pool,
    kind: Option<PersonKind>,
    text: Option<&str>,
) -> R<Vec<PersonRecord>> {
    let mut q = QueryBuilder::<DB>::new(format!("SELECT {PERSON_COLS} FROM people WHERE 1 = 1"));
    if let Some(k) = kind {
        q.push(" AND kind = ").push_bind(k.as_str());
    }
    if let Some(t) = text.filter(|t| !vanban::text::fold(t).trim().is_empty()) {
        let words = domain::search::words(t);
        q.push(" AND ");
        if words.is_empty() {
            q.push("1 = 0");
        } else {
            fulltext::push_filter(&mut q, Index::People, "id", &words);
        }
    }
    q.push(" ORDER BY kind, name_folded, id LIMIT 500");
    let rows: Vec<PersonRow> = q.build_query_as().fetch_all(&pool.read).await?;
    rows.into_iter().map(PersonRow::into_record).collect()
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
    let mut conn = pool.read.acquire().await?;
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

//! What connects a city to the department's work: the events it organised or joined
//! (edited on the event page), letters and MoUs, and the dates behind "last contact".

use super::cities::forbidden;
use super::events::editable_event;
use super::tx::{audit, day_text, json, parse_date};
use super::{Pool, R, begin_write};
use crate::cities_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::cities::{LetterInput, can_edit_cities};
use domain::{Actor, CityId, EventId, ItemId};

/// Replaces the cities an event is linked to (the event's editors may).
pub(crate) async fn set_event_cities(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    cities: &[CityId],
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    let before: Vec<i64> =
        sqlx::query_scalar("SELECT city_id FROM event_cities WHERE event_id = $1 ORDER BY city_id")
            .bind(event.0)
            .fetch_all(&mut *tx)
            .await?;
    let mut after: Vec<i64> = cities.iter().map(|c| c.0).collect();
    after.sort_unstable();
    after.dedup();
    if before == after {
        return Ok(());
    }
    sqlx::query("DELETE FROM event_cities WHERE event_id = $1")
        .bind(event.0)
        .execute(&mut *tx)
        .await?;
    for c in &after {
        sqlx::query("INSERT INTO event_cities (event_id, city_id) VALUES ($1, $2)")
            .bind(event.0)
            .bind(c)
            .execute(&mut *tx)
            .await?;
    }
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "event.cities", "event", Some(event.0))
            .before(json(&before))
            .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The cities of an event, by name.
pub(crate) async fn event_cities(pool: &Pool, event: EventId) -> R<Vec<(CityId, String)>> {
    Ok(sqlx::query_as::<_, (i64, String)>(
        "SELECT c.id, c.name FROM event_cities ec JOIN cities c ON c.id = ec.city_id
         WHERE ec.event_id = $1 ORDER BY c.name_folded, c.id",
    )
    .bind(event.0)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(|(id, n)| (CityId(id), n))
    .collect())
}

/// The cities of the events counted toward an item.
pub(crate) async fn item_cities(pool: &Pool, item: ItemId) -> R<Vec<(CityId, String)>> {
    Ok(sqlx::query_as::<_, (i64, String, String)>(
        "SELECT DISTINCT c.id, c.name, c.name_folded FROM event_items ei
         JOIN event_cities ec ON ec.event_id = ei.event_id
         JOIN cities c ON c.id = ec.city_id
         WHERE ei.item_id = $1 ORDER BY c.name_folded, c.id",
    )
    .bind(item.0)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(|(id, n, _)| (CityId(id), n))
    .collect())
}

pub(crate) async fn add_letter(
    pool: &Pool,
    ctx: &Ctx,
    city: CityId,
    l: &LetterInput,
    actor: &Actor,
) -> R<i64> {
    if !can_edit_cities(actor) {
        return Err(forbidden("record a letter"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let known: Option<i64> = sqlx::query_scalar("SELECT id FROM cities WHERE id = $1")
        .bind(city.0)
        .fetch_optional(&mut *tx)
        .await?;
    if known.is_none() {
        return Err(StoreError::NotFound(format!("city {city}")));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO city_letters (city_id, kind, direction, number, sent_on, title,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(city.0)
    .bind(l.kind.as_str())
    .bind(l.direction.as_str())
    .bind(&l.number)
    .bind(day_text(l.date))
    .bind(&l.title)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "city.letter", "city", Some(city.0))
            .after(json(&(id, l))),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

type LetterRow = (i64, i64, String, String, String, String, String);

fn letter(r: LetterRow) -> R<LetterRecord> {
    let bad = |e: domain::ParseError| StoreError::Invalid(e.to_string());
    Ok(LetterRecord {
        id: r.0,
        city: CityId(r.1),
        kind: r.2.parse().map_err(bad)?,
        direction: r.3.parse().map_err(bad)?,
        number: r.4,
        date: parse_date(Some(r.5.clone()))
            .ok_or_else(|| StoreError::Invalid(format!("letter date {:?}", r.5)))?,
        title: r.6,
    })
}

/// A city's events and letters, for its timeline.
pub(crate) async fn city_interactions(
    pool: &Pool,
    city: CityId,
) -> R<(Vec<CityEvent>, Vec<LetterRecord>)> {
    let events = sqlx::query_as::<_, (i64, String, String, String, i64)>(
        "SELECT e.id, e.title, e.kind, e.status, e.start_at FROM event_cities ec
         JOIN events e ON e.id = ec.event_id WHERE ec.city_id = $1",
    )
    .bind(city.0)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(|(id, title, kind, status, start_at)| {
        let bad = |e: domain::ParseError| StoreError::Invalid(e.to_string());
        Ok(CityEvent {
            id: EventId(id),
            title,
            kind: kind.parse().map_err(bad)?,
            status: status.parse().map_err(bad)?,
            start_at,
        })
    })
    .collect::<R<Vec<_>>>()?;
    let letters = sqlx::query_as::<_, LetterRow>(
        "SELECT id, city_id, kind, direction, number, sent_on, title FROM city_letters
         WHERE city_id = $1",
    )
    .bind(city.0)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(letter)
    .collect::<R<Vec<_>>>()?;
    Ok((events, letters))
}

/// Every city with at least one event or letter, with the latest of each.
pub(crate) async fn contact_dates(pool: &Pool) -> R<Vec<CityContactDates>> {
    let rows = sqlx::query_as::<
        _,
        (
            i64,
            String,
            String,
            Option<i64>,
            Option<i64>,
            Option<String>,
        ),
    >(
        "SELECT c.id, c.name, c.country, c.field_id,
                (SELECT MAX(e.start_at) FROM event_cities ec JOIN events e ON e.id = ec.event_id
                  WHERE ec.city_id = c.id),
                (SELECT MAX(l.sent_on) FROM city_letters l WHERE l.city_id = c.id)
         FROM cities c
         WHERE EXISTS (SELECT 1 FROM event_cities ec WHERE ec.city_id = c.id)
            OR EXISTS (SELECT 1 FROM city_letters l WHERE l.city_id = c.id)
         ORDER BY c.name_folded, c.id",
    )
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, country, field, ev, letter)| CityContactDates {
            id: CityId(id),
            name,
            country,
            field: field.map(domain::CreativeFieldId),
            latest_event: ev,
            latest_letter: parse_date(letter),
        })
        .collect())
}

//! What connects a city to the department's work: the events it organised or joined
//! (edited on the event page), the delegations that went there (edited on the delegation
//! page), and the dates behind "last contact".

use super::delegations::must_delegation;
use super::events::{editable_event, forbidden};
use super::tx::{audit, json, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::Ctx;
use crate::cities_model::*;
use crate::model::AuditEntry;
use domain::{Actor, CityId, DelegationId, EventId, ItemId};

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
    replace_links(&mut tx, &EVENT_LINKS, event.0, cities, actor, now).await?;
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

/// The cities of the events counted toward an item and of the delegations its estimate
/// covers.
pub(crate) async fn item_cities(pool: &Pool, item: ItemId) -> R<Vec<(CityId, String)>> {
    Ok(sqlx::query_as::<_, (i64, String, String)>(
        "SELECT DISTINCT c.id, c.name, c.name_folded FROM cities c
         WHERE c.id IN (SELECT ec.city_id FROM event_items ei
                          JOIN event_cities ec ON ec.event_id = ei.event_id
                         WHERE ei.item_id = $1)
            OR c.id IN (SELECT dc.city_id FROM delegations d
                          JOIN delegation_cities dc ON dc.delegation_id = d.id
                         WHERE d.budget_item_id = $1)
         ORDER BY c.name_folded, c.id",
    )
    .bind(item.0)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(|(id, n, _)| (CityId(id), n))
    .collect())
}

/// Every city with at least one event, letter, delegation or joint project, with the
/// latest of each.
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
            Option<String>,
            Option<String>,
        ),
    >(
        "SELECT c.id, c.name, c.country, c.field_id,
                (SELECT MAX(e.start_at) FROM event_cities ec JOIN events e ON e.id = ec.event_id
                  WHERE ec.city_id = c.id),
                (SELECT MAX(l.sent_on) FROM city_letters l WHERE l.city_id = c.id),
                (SELECT MAX(d.depart_date) FROM delegation_cities dc
                   JOIN delegations d ON d.id = dc.delegation_id WHERE dc.city_id = c.id),
                (SELECT MAX(p.starts_on) FROM city_project_cities pc
                   JOIN city_projects p ON p.id = pc.project_id WHERE pc.city_id = c.id)
         FROM cities c
         WHERE EXISTS (SELECT 1 FROM event_cities ec WHERE ec.city_id = c.id)
            OR EXISTS (SELECT 1 FROM city_letters l WHERE l.city_id = c.id)
            OR EXISTS (SELECT 1 FROM delegation_cities dc WHERE dc.city_id = c.id)
            OR EXISTS (SELECT 1 FROM city_project_cities pc WHERE pc.city_id = c.id)
         ORDER BY c.name_folded, c.id",
    )
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, country, field, ev, letter, trip, project)| CityContactDates {
                id: CityId(id),
                name,
                country,
                field: field.map(domain::CreativeFieldId),
                latest_event: ev,
                latest_letter: parse_date(letter),
                latest_delegation: parse_date(trip),
                latest_project: parse_date(project),
            },
        )
        .collect())
}

/// Replaces the cities a delegation goes to (the delegation's editors may).
pub(crate) async fn set_delegation_cities(
    pool: &Pool,
    ctx: &Ctx,
    delegation: DelegationId,
    cities: &[CityId],
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let d = must_delegation(&mut tx, delegation).await?;
    if !domain::events::can_edit_event(actor, &d.item_units()) {
        return Err(forbidden("change the delegation's cities"));
    }
    replace_links(&mut tx, &DELEGATION_LINKS, delegation.0, cities, actor, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The cities a delegation goes to, by name.
pub(crate) async fn delegation_cities(
    pool: &Pool,
    delegation: DelegationId,
) -> R<Vec<(CityId, String)>> {
    Ok(sqlx::query_as::<_, (i64, String)>(
        "SELECT c.id, c.name FROM delegation_cities x JOIN cities c ON c.id = x.city_id
         WHERE x.delegation_id = $1 ORDER BY c.name_folded, c.id",
    )
    .bind(delegation.0)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(|(id, n)| (CityId(id), n))
    .collect())
}

/// A record's table of cities: its three statements (static text, never input) and the
/// audit names.
struct Links {
    select: &'static str,
    delete: &'static str,
    insert: &'static str,
    action: &'static str,
    kind: &'static str,
}

const EVENT_LINKS: Links = Links {
    select: "SELECT city_id FROM event_cities WHERE event_id = $1 ORDER BY city_id",
    delete: "DELETE FROM event_cities WHERE event_id = $1",
    insert: "INSERT INTO event_cities (event_id, city_id) VALUES ($1, $2)",
    action: "event.cities",
    kind: "event",
};

const DELEGATION_LINKS: Links = Links {
    select: "SELECT city_id FROM delegation_cities WHERE delegation_id = $1 ORDER BY city_id",
    delete: "DELETE FROM delegation_cities WHERE delegation_id = $1",
    insert: "INSERT INTO delegation_cities (delegation_id, city_id) VALUES ($1, $2)",
    action: "delegation.cities",
    kind: "delegation",
};

/// The one writer of a record's cities: the set given (sorted, once each) replaces the old
/// one, audited with both; an unchanged set writes nothing.
async fn replace_links(
    conn: &mut Conn,
    links: &Links,
    owner: i64,
    cities: &[CityId],
    actor: &Actor,
    now: i64,
) -> R<()> {
    let before: Vec<i64> = sqlx::query_scalar(links.select)
        .bind(owner)
        .fetch_all(&mut *conn)
        .await?;
    let mut after: Vec<i64> = cities.iter().map(|c| c.0).collect();
    after.sort_unstable();
    after.dedup();
    if before == after {
        return Ok(());
    }
    sqlx::query(links.delete)
        .bind(owner)
        .execute(&mut *conn)
        .await?;
    for c in &after {
        sqlx::query(links.insert)
            .bind(owner)
            .bind(c)
            .execute(&mut *conn)
            .await?;
    }
    audit(
        conn,
        now,
        &AuditEntry::new(Some(actor.user_id), links.action, links.kind, Some(owner))
            .before(json(&before))
            .after(json(&after)),
    )
    .await?;
    Ok(())
}

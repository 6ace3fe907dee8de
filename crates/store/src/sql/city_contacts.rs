//! Contacts: people of the directory with a role for a city, or at UNESCO (no city).

use super::cities::forbidden;
use super::tx::{audit, json};
use super::{Pool, R, begin_write};
use crate::cities_model::ContactRecord;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::cities::can_edit_cities;
use domain::{Actor, CityError, CityId, ContactRole, PersonId};

/// Adds `person` as `role` of `city` (UNESCO's roles take no city); the same person and
/// role twice for one place is refused.
pub(crate) async fn add_contact(
    pool: &Pool,
    ctx: &Ctx,
    city: Option<CityId>,
    person: PersonId,
    role: ContactRole,
    actor: &Actor,
) -> R<i64> {
    if !can_edit_cities(actor) {
        return Err(forbidden("edit the contacts"));
    }
    if role.at_unesco() != city.is_none() {
        return Err(CityError::RoleMismatch.into());
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let city_id = city.map(|c| c.0);
    let twice: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM city_contacts WHERE person_id = $1 AND role = $2
             AND (city_id = $3 OR (city_id IS NULL AND $3 IS NULL))",
    )
    .bind(person.0)
    .bind(role.as_str())
    .bind(city_id)
    .fetch_optional(&mut *tx)
    .await?;
    if twice.is_some() {
        return Err(CityError::ContactTwice.into());
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO city_contacts (city_id, person_id, role, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(city_id)
    .bind(person.0)
    .bind(role.as_str())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "city.contact_add", "city", city_id)
            .after(json(&(id, person, role))),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a contact; returns its city (none at UNESCO).
pub(crate) async fn remove_contact(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    actor: &Actor,
) -> R<Option<CityId>> {
    if !can_edit_cities(actor) {
        return Err(forbidden("edit the contacts"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let row: Option<(Option<i64>, i64, String)> =
        sqlx::query_as("SELECT city_id, person_id, role FROM city_contacts WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (city, person, role) = row.ok_or_else(|| StoreError::NotFound(format!("contact {id}")))?;
    sqlx::query("DELETE FROM city_contacts WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "city.contact_remove", "city", city)
            .before(json(&(id, person, role))),
    )
    .await?;
    tx.commit().await?;
    Ok(city.map(CityId))
}

/// A city's contacts, or UNESCO's with `None`, by role then name.
pub(crate) async fn contacts(pool: &Pool, city: Option<CityId>) -> R<Vec<ContactRecord>> {
    let rows = sqlx::query_as::<
        _,
        (
            i64,
            Option<i64>,
            i64,
            String,
            String,
            String,
            String,
            String,
        ),
    >(
        "SELECT k.id, k.city_id, p.id, p.name, p.organisation, p.email, p.phone, k.role
         FROM city_contacts k JOIN people p ON p.id = k.person_id
         WHERE (k.city_id = $1 OR (k.city_id IS NULL AND $1 IS NULL))
         ORDER BY k.role, p.name_folded, k.id",
    )
    .bind(city.map(|c| c.0))
    .fetch_all(&pool.read)
    .await?;
    rows.into_iter()
        .map(
            |(id, city, person, name, organisation, email, phone, role)| {
                Ok(ContactRecord {
                    id,
                    city: city.map(CityId),
                    person: PersonId(person),
                    name,
                    organisation,
                    email,
                    phone,
                    role: role
                        .parse()
                        .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
                })
            },
        )
        .collect()
}

//! Candidate cities' dossiers (issue 19, part 3): one per city and creative field, its
//! status, and per step of the call the dates, a note, documents (in the evidence store, as
//! the city letters' files) and Hanoi's support (plan items, events). The Board and admins
//! change them (`can_edit_cities`, as letters); each change audited on the dossier.

use super::cities::forbidden;
use super::tx::{audit, date_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::candidacies_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, NewDirectionFile, StoreError};
use domain::cities::candidacy::{CandidacyStatus, SEEDED_DOSSIERS, StepInput};
use domain::cities::{CityError, can_edit_cities};
use domain::{Actor, CityId, CreativeFieldId, EventId, ItemId};
use serde_json::json;

const COLS: &str = "c.id, c.city_id, ci.name, c.field_id, c.status, c.version";

type Row = (i64, i64, String, Option<i64>, String, i64);

fn candidacy((id, city, city_name, field, status, version): Row) -> R<Candidacy> {
    Ok(Candidacy {
        id,
        city: CityId(city),
        city_name,
        field: field.map(CreativeFieldId),
        status: status
            .parse()
            .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
        version,
    })
}

fn allowed(actor: &Actor, action: &'static str) -> R<()> {
    if can_edit_cities(actor) {
        Ok(())
    } else {
        Err(forbidden(action))
    }
}

/// Every dossier (or a city's), by city name and id, with what each records per step.
pub(crate) async fn list(
    pool: &Pool,
    city: Option<CityId>,
) -> R<Vec<(Candidacy, Vec<CandidacyStepRecord>)>> {
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, Row>(sql!(
        "SELECT {COLS} FROM candidacies c JOIN cities ci ON ci.id = c.city_id
         WHERE $1 IS NULL OR c.city_id = $1 ORDER BY ci.name_folded, c.id"
    ))
    .bind(city.map(|c| c.0))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let c = candidacy(row)?;
        let records = records(&mut conn, c.id).await?;
        out.push((c, records));
    }
    Ok(out)
}

async fn find(conn: &mut Conn, id: i64) -> R<Option<Candidacy>> {
    sqlx::query_as::<_, Row>(sql!(
        "SELECT {COLS} FROM candidacies c JOIN cities ci ON ci.id = c.city_id WHERE c.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .map(candidacy)
    .transpose()
}

async fn records(conn: &mut Conn, id: i64) -> R<Vec<CandidacyStepRecord>> {
    let rows = sqlx::query_as::<_, (i64, Option<String>, Option<String>, String)>(
        "SELECT step_id, planned_on, done_on, note FROM candidacy_step_records
         WHERE candidacy_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(step, planned, done, note)| CandidacyStepRecord {
            step,
            planned: parse_date(planned),
            done: parse_date(done),
            note,
        })
        .collect())
}

/// A dossier with its steps' records, documents and support activities.
pub(crate) async fn dossier(pool: &Pool, id: i64) -> R<Option<CandidacyDossier>> {
    let mut conn = pool.read.acquire().await?;
    let Some(candidacy) = find(&mut conn, id).await? else {
        return Ok(None);
    };
    let records = records(&mut conn, id).await?;
    let documents = sqlx::query_as::<_, (i64, i64, i64, String, i64, String)>(
        "SELECT id, candidacy_id, step_id, original_name, size, mime FROM candidacy_documents
         WHERE candidacy_id = $1 ORDER BY step_id, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(
        |(id, candidacy, step, name, size, mime)| CandidacyDocument {
            id,
            candidacy,
            step,
            name,
            size,
            mime,
        },
    )
    .collect();
    let support = sqlx::query_as::<_, (i64, i64, Option<i64>, Option<i64>, String, Option<i64>)>(
        "SELECT s.id, s.step_id, s.item_id, s.event_id,
             CASE WHEN i.id IS NOT NULL THEN COALESCE(i.numbering, '') || ' ' || i.title
                 ELSE COALESCE(e.title, '') END, e.start_at
         FROM candidacy_support s
         LEFT JOIN items i ON i.id = s.item_id
         LEFT JOIN events e ON e.id = s.event_id
         WHERE s.candidacy_id = $1 ORDER BY s.step_id, s.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter_map(|(id, step, item, event, title, start_at)| {
        let link = match (item, event) {
            (Some(i), _) => SupportLink::Item(ItemId(i)),
            (None, Some(e)) => SupportLink::Event(EventId(e)),
            (None, None) => return None,
        };
        Some(CandidacySupport {
            id,
            step,
            link,
            title: title.trim().to_string(),
            start_at,
        })
    })
    .collect();
    Ok(Some(CandidacyDossier {
        candidacy,
        records,
        documents,
        support,
    }))
}

/// Adds a dossier for a city of the directory; a second one for the same city and field
/// is refused.
pub(crate) async fn create(
    pool: &Pool,
    ctx: &Ctx,
    city: CityId,
    field: Option<CreativeFieldId>,
    status: CandidacyStatus,
    actor: &Actor,
) -> R<i64> {
    allowed(actor, "open a candidacy dossier")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = insert(&mut tx, now, city, field, status)
        .await?
        .ok_or(CityError::DossierTwice)?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "candidacy.add", "candidacy", Some(id))
            .after(json!({ "city": city, "field": field, "status": status })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts a dossier; `None` when the city has one for that field already.
async fn insert(
    conn: &mut Conn,
    now: i64,
    city: CityId,
    field: Option<CreativeFieldId>,
    status: CandidacyStatus,
) -> R<Option<i64>> {
    if !super::tx::exists(&mut *conn, "SELECT id FROM cities WHERE id = $1", city.0).await? {
        return Err(StoreError::NotFound(format!("city {city}")));
    }
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO candidacies (city_id, field_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(city.0)
    .bind(field.map(|f| f.0))
    .bind(status.as_str())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id)
}

/// The plan's dossiers (`SEEDED_DOSSIERS`), added with the Vietnamese cities by the city
/// import when missing (the city there, none yet for it); each audited. Idempotent.
pub(crate) async fn seed(conn: &mut Conn, now: i64, actor: &Actor) -> R<u64> {
    let mut added = 0;
    for (slug, field, status) in SEEDED_DOSSIERS {
        let city: Option<i64> = sqlx::query_scalar("SELECT id FROM cities WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(city) = city else { continue };
        let has: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM candidacies WHERE city_id = $1)")
                .bind(city)
                .fetch_one(&mut *conn)
                .await?;
        if has {
            continue;
        }
        let field: Option<i64> = match field {
            Some(code) => {
                sqlx::query_scalar("SELECT id FROM creative_fields WHERE code = $1")
                    .bind(code)
                    .fetch_optional(&mut *conn)
                    .await?
            }
            None => None,
        };
        let field = field.map(CreativeFieldId);
        if let Some(id) = insert(conn, now, CityId(city), field, status).await? {
            let entry =
                AuditEntry::new(Some(actor.user_id), "candidacy.seed", "candidacy", Some(id))
                    .after(json!({ "city": slug, "field": field, "status": status }));
            audit(conn, now, &entry).await?;
            added += 1;
        }
    }
    Ok(added)
}

/// The dossier at `expected`, its version bumped; a stale form is a conflict.
async fn claim(conn: &mut Conn, id: i64, expected: i64) -> R<Candidacy> {
    let current = find(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("candidacy {id}")))?;
    let bumped =
        sqlx::query("UPDATE candidacies SET version = version + 1 WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(expected)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    if bumped == 0 {
        let conflict = domain::check_version(current.version, expected)
            .err()
            .unwrap_or(domain::Conflict {
                current: current.version + 1,
                attempted: expected,
            });
        return Err(super::items::conflict("candidacy", id, conflict, &current));
    }
    Ok(current)
}

/// Changes a dossier's field and status; returns the new version.
pub(crate) async fn update(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    expected: i64,
    field: Option<CreativeFieldId>,
    status: CandidacyStatus,
    actor: &Actor,
) -> R<i64> {
    allowed(actor, "change a candidacy dossier")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = claim(&mut tx, id, expected).await?;
    sqlx::query("UPDATE candidacies SET field_id = $1, status = $2, updated_at = $3 WHERE id = $4")
        .bind(field.map(|f| f.0))
        .bind(status.as_str())
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(d) if d.is_unique_violation() => CityError::DossierTwice.into(),
            e => StoreError::from(e),
        })?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "candidacy.update",
            "candidacy",
            Some(id),
        )
        .before(json!({ "field": before.field, "status": before.status }))
        .after(json!({ "field": field, "status": status })),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

async fn known_step(conn: &mut Conn, step: i64) -> R<()> {
    let known: Option<i64> = sqlx::query_scalar("SELECT id FROM candidacy_steps WHERE id = $1")
        .bind(step)
        .fetch_optional(&mut *conn)
        .await?;
    known
        .map(|_| ())
        .ok_or_else(|| StoreError::NotFound(format!("candidacy step {step}")))
}

/// Records a step's dates and note (nothing recorded removes the row); returns the
/// dossier's new version.
pub(crate) async fn save_step(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    expected: i64,
    step: i64,
    input: &StepInput,
    actor: &Actor,
) -> R<i64> {
    allowed(actor, "record a candidacy step")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = claim(&mut tx, id, expected).await?;
    known_step(&mut tx, step).await?;
    let old = records(&mut tx, id)
        .await?
        .into_iter()
        .find(|r| r.step == step);
    sqlx::query("DELETE FROM candidacy_step_records WHERE candidacy_id = $1 AND step_id = $2")
        .bind(id)
        .bind(step)
        .execute(&mut *tx)
        .await?;
    if !input.is_empty() {
        sqlx::query(
            "INSERT INTO candidacy_step_records (candidacy_id, step_id, planned_on, done_on, note)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(step)
        .bind(date_text(input.planned))
        .bind(date_text(input.done))
        .bind(&input.note)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE candidacies SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "candidacy.step", "candidacy", Some(id))
            .before(json!({ "step": step, "record": old }))
            .after(json!({ "step": step, "record": input })),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// Keeps a document on a dossier step.
pub(crate) async fn add_document(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    step: i64,
    file: &NewDirectionFile,
    actor: &Actor,
) -> R<i64> {
    allowed(actor, "add a candidacy document")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    find(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("candidacy {id}")))?;
    known_step(&mut tx, step).await?;
    let s = &file.stored;
    let name = super::events::nfc(&file.original_name);
    let doc: i64 = sqlx::query_scalar(
        "INSERT INTO candidacy_documents (candidacy_id, step_id, original_name, size, mime,
             sha256, stored_path, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(id)
    .bind(step)
    .bind(&name)
    .bind(s.size as i64)
    .bind(&s.mime)
    .bind(&s.sha256)
    .bind(&s.relative_path)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "candidacy.document",
            "candidacy",
            Some(id),
        )
        .after(json!({ "document": doc, "step": step, "name": name,
                           "sha256": s.sha256, "size": s.size })),
    )
    .await?;
    tx.commit().await?;
    Ok(doc)
}

/// A document and where it is stored.
pub(crate) async fn document(pool: &Pool, doc: i64) -> R<Option<(CandidacyDocument, String)>> {
    let row = sqlx::query_as::<_, (i64, i64, i64, String, i64, String, String)>(
        "SELECT id, candidacy_id, step_id, original_name, size, mime, stored_path
         FROM candidacy_documents WHERE id = $1",
    )
    .bind(doc)
    .fetch_optional(&pool.read)
    .await?;
    Ok(row.map(|(id, candidacy, step, name, size, mime, path)| {
        (
            CandidacyDocument {
                id,
                candidacy,
                step,
                name,
                size,
                mime,
            },
            path,
        )
    }))
}

/// Removes a document from its dossier (the file stays in the content-addressed store);
/// returns the dossier.
pub(crate) async fn remove_document(pool: &Pool, ctx: &Ctx, doc: i64, actor: &Actor) -> R<i64> {
    allowed(actor, "remove a candidacy document")?;
    let now = ctx.now();
    let (before, _) = document(pool, doc)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("candidacy document {doc}")))?;
    let mut tx = begin_write(pool).await?;
    let gone = sqlx::query("DELETE FROM candidacy_documents WHERE id = $1")
        .bind(doc)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(StoreError::NotFound(format!("candidacy document {doc}")));
    }
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "candidacy.document_remove",
            "candidacy",
            Some(before.candidacy),
        )
        .before(json!(before)),
    )
    .await?;
    tx.commit().await?;
    Ok(before.candidacy)
}

/// Links a plan item or an event to a dossier step as Hanoi's support.
pub(crate) async fn add_support(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    step: i64,
    link: SupportLink,
    actor: &Actor,
) -> R<i64> {
    allowed(actor, "link a support activity")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    find(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("candidacy {id}")))?;
    known_step(&mut tx, step).await?;
    let (item, event) = match link {
        SupportLink::Item(i) => (Some(i.0), None),
        SupportLink::Event(e) => (None, Some(e.0)),
    };
    let (select, linked) = match link {
        SupportLink::Item(i) => ("SELECT id FROM items WHERE id = $1", i.0),
        SupportLink::Event(e) => ("SELECT id FROM events WHERE id = $1", e.0),
    };
    if !super::tx::exists(&mut tx, select, linked).await? {
        return Err(StoreError::NotFound(format!("{link:?}")));
    }
    let sid: i64 = sqlx::query_scalar(
        "INSERT INTO candidacy_support (candidacy_id, step_id, item_id, event_id, created_by,
             created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(id)
    .bind(step)
    .bind(item)
    .bind(event)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "candidacy.support",
            "candidacy",
            Some(id),
        )
        .after(json!({ "support": sid, "step": step, "link": link })),
    )
    .await?;
    tx.commit().await?;
    Ok(sid)
}

/// Unlinks a support activity; returns its dossier.
pub(crate) async fn remove_support(pool: &Pool, ctx: &Ctx, sid: i64, actor: &Actor) -> R<i64> {
    allowed(actor, "unlink a support activity")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let row = sqlx::query_as::<_, (i64, i64, Option<i64>, Option<i64>)>(
        "SELECT candidacy_id, step_id, item_id, event_id FROM candidacy_support WHERE id = $1",
    )
    .bind(sid)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, step, item, event)) = row else {
        return Err(StoreError::NotFound(format!("candidacy support {sid}")));
    };
    sqlx::query("DELETE FROM candidacy_support WHERE id = $1")
        .bind(sid)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "candidacy.support_remove",
            "candidacy",
            Some(id),
        )
        .before(json!({ "support": sid, "step": step, "item": item, "event": event })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

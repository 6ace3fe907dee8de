//! The network space's shared library (issue 19): documents and good practices, each with
//! one file, for all cities or chosen ones; edited or removed by their author only
//! (`domain::network::can_change`), each change at the version the form was read at.

use super::network::refused;
use super::tx::{at_version, audit, json};
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::network_model::*;
use crate::{Ctx, StoreError};
use domain::network::{Audience, NetworkError, Viewer, can_change};
use domain::{CityId, UserId};

/// Adds a document or good practice to the library, as the viewer's city (or Hanoi).
pub(crate) async fn add_network_document(
    pool: &Pool,
    ctx: &Ctx,
    d: &NewNetworkDocument,
    viewer: Viewer,
    user: UserId,
) -> R<i64> {
    if !viewer.may_post() {
        return Err(refused("add to the network library"));
    }
    if matches!(&d.audience, Audience::Cities(c) if c.is_empty()) {
        return Err(NetworkError::NoCity.into());
    }
    let now = ctx.now();
    let f = &d.file;
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO network_documents (city_id, kind, title, description, all_cities, sha256,
             size, mime, original_name, stored_path, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(viewer.city().map(|c| c.0))
    .bind(&d.kind)
    .bind(&d.title)
    .bind(&d.description)
    .bind(d.audience == Audience::All)
    .bind(&f.stored.sha256)
    .bind(f.stored.size as i64)
    .bind(&f.stored.mime)
    .bind(&f.original_name)
    .bind(&f.stored.relative_path)
    .bind(user.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    write_cities(&mut tx, id, &d.audience).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.document", "network_document", Some(id))
            .after(json(&(&d.kind, &d.title, &d.audience, &f.original_name))),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: i64,
    city_id: Option<i64>,
    city_name: Option<String>,
    kind: String,
    title: String,
    description: String,
    all_cities: bool,
    size: i64,
    mime: String,
    original_name: String,
    stored_path: String,
    created_at: i64,
    version: i64,
    updated_at: Option<i64>,
}

const DOCUMENT: &str = "SELECT d.id, d.city_id, c.name AS city_name, d.kind, d.title,
         d.description, d.all_cities, d.size, d.mime, d.original_name, d.stored_path,
         d.created_at, d.version, d.updated_at
     FROM network_documents d LEFT JOIN cities c ON c.id = d.city_id";

fn document(r: DocumentRow, cities: &[(i64, i64)]) -> NetworkDocument {
    let audience = if r.all_cities {
        Audience::All
    } else {
        Audience::Cities(
            cities
                .iter()
                .filter(|(d, _)| *d == r.id)
                .map(|(_, c)| CityId(*c))
                .collect(),
        )
    };
    NetworkDocument {
        id: r.id,
        city: r.city_id.map(CityId),
        city_name: r.city_name.unwrap_or_default(),
        kind: r.kind,
        title: r.title,
        description: r.description,
        audience,
        size: r.size,
        mime: r.mime,
        original_name: r.original_name,
        stored_path: r.stored_path,
        created_at: r.created_at,
        version: r.version,
        updated_at: r.updated_at,
    }
}

/// The library as `viewer` may see it (`domain::network::can_see`), newest first.
pub(crate) async fn network_documents(pool: &Pool, viewer: Viewer) -> R<Vec<NetworkDocument>> {
    let mut conn = pool.read.acquire().await?;
    let rows: Vec<DocumentRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{DOCUMENT} ORDER BY d.created_at DESC, d.id DESC"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let cities: Vec<(i64, i64)> =
        sqlx::query_as("SELECT document_id, city_id FROM network_document_cities")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| document(r, &cities))
        .filter(|d| domain::network::can_see(viewer, &d.audience, d.city))
        .collect())
}

/// One library entry, whoever may see it (the caller asks `can_see`).
pub(crate) async fn network_document(pool: &Pool, id: i64) -> R<Option<NetworkDocument>> {
    let mut conn = pool.read.acquire().await?;
    load(&mut conn, id).await
}

/// An entry with the cities it is addressed to (two queries).
async fn load(conn: &mut Conn, id: i64) -> R<Option<NetworkDocument>> {
    let row: Option<DocumentRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{DOCUMENT} WHERE d.id = $1")))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let cities: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT document_id, city_id FROM network_document_cities WHERE document_id = $1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(document(row, &cities)))
}

/// The cities an entry for chosen cities is addressed to (each once).
async fn write_cities(conn: &mut Conn, id: i64, audience: &Audience) -> R<()> {
    sqlx::query("DELETE FROM network_document_cities WHERE document_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if let Audience::Cities(cities) = audience {
        let mut cities = cities.clone();
        cities.sort();
        cities.dedup();
        for c in cities {
            sqlx::query(
                "INSERT INTO network_document_cities (document_id, city_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(c.0)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The entry as it stands, if the viewer may change it and `expected` is still its
/// version.
async fn changeable(conn: &mut Conn, id: i64, expected: i64, viewer: Viewer) -> R<NetworkDocument> {
    let before = load(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("network document {id}")))?;
    if !can_change(viewer, before.city) {
        return Err(refused("change another's library entry"));
    }
    at_version(before.version, expected, ("network_document", id), before)
}

/// Changes an entry's kind, title, description and audience (its file stays); returns
/// the new version.
pub(crate) async fn update_network_document(
    pool: &Pool,
    ctx: &Ctx,
    (id, expected): (i64, i64),
    e: &NetworkDocumentEdit,
    viewer: Viewer,
    user: UserId,
) -> R<i64> {
    if matches!(&e.audience, Audience::Cities(c) if c.is_empty()) {
        return Err(NetworkError::NoCity.into());
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = changeable(&mut tx, id, expected, viewer).await?;
    sqlx::query(
        "UPDATE network_documents SET kind = $1, title = $2, description = $3,
             all_cities = $4, version = version + 1, updated_at = $5
         WHERE id = $6",
    )
    .bind(&e.kind)
    .bind(&e.title)
    .bind(&e.description)
    .bind(e.audience == Audience::All)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    write_cities(&mut tx, id, &e.audience).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(user),
            "network.document_edit",
            "network_document",
            Some(id),
        )
        .before(json(&before))
        .after(json(e)),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// Removes an entry; its file is left to the evidence store's sweep, the record to the
/// audit log.
pub(crate) async fn remove_network_document(
    pool: &Pool,
    ctx: &Ctx,
    (id, expected): (i64, i64),
    viewer: Viewer,
    user: UserId,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = changeable(&mut tx, id, expected, viewer).await?;
    sqlx::query("DELETE FROM network_documents WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(user),
            "network.document_remove",
            "network_document",
            Some(id),
        )
        .before(json(&before)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

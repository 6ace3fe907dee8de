//! The city directory: creative fields, cities (form and import, keyed on the UNESCO
//! slug) and the filtered, paged list.

use super::item_list::like_pattern;
use super::tx::{at_version, audit, json};
use super::{Conn, DB, Pool, R, begin_write};
use crate::cities_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::cities::import::ImportCity;
use domain::cities::{CityInput, FieldInput, can_edit_cities};
use domain::{Actor, CityError, CityId, CreativeFieldId};
use sqlx::Row;
use std::collections::HashMap;

pub(crate) fn forbidden(action: &'static str) -> StoreError {
    CityError::Forbidden { action }.into()
}

const CITY_COLS: &str = "id, slug, name, country, region, field_id, designation_year, \
     unesco_url, lat, lon, status, notes, version";
const FIELD_COLS: &str = "id, code, name_vi, name_en, colour, version";

#[derive(sqlx::FromRow)]
struct CityRow {
    id: i64,
    slug: String,
    name: String,
    country: String,
    region: String,
    field_id: Option<i64>,
    designation_year: Option<i32>,
    unesco_url: String,
    lat: Option<f64>,
    lon: Option<f64>,
    status: String,
    notes: String,
    version: i64,
}

impl CityRow {
    fn into_record(self) -> R<CityRecord> {
        Ok(CityRecord {
            id: CityId(self.id),
            slug: self.slug,
            name: self.name,
            country: self.country,
            region: self.region,
            field: self.field_id.map(CreativeFieldId),
            year: self.designation_year,
            unesco_url: self.unesco_url,
            point: self.lat.zip(self.lon),
            status: self
                .status
                .parse()
                .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
            notes: self.notes,
            version: self.version,
        })
    }
}

#[derive(sqlx::FromRow)]
struct FieldRow {
    id: i64,
    code: String,
    name_vi: String,
    name_en: String,
    colour: String,
    version: i64,
}

impl From<FieldRow> for FieldRecord {
    fn from(r: FieldRow) -> Self {
        FieldRecord {
            id: CreativeFieldId(r.id),
            code: r.code,
            name_vi: r.name_vi,
            name_en: r.name_en,
            colour: r.colour,
            version: r.version,
        }
    }
}

// ---- fields -----------------------------------------------------------------------------

pub(crate) async fn fields(pool: &Pool) -> R<Vec<FieldRecord>> {
    let rows = sqlx::query_as::<_, FieldRow>(sql!(
        "SELECT {FIELD_COLS} FROM creative_fields ORDER BY name_en, id"
    ))
    .fetch_all(&pool.read)
    .await?;
    Ok(rows.into_iter().map(FieldRecord::from).collect())
}

async fn load_field(conn: &mut Conn, id: CreativeFieldId) -> R<Option<FieldRecord>> {
    Ok(sqlx::query_as::<_, FieldRow>(sql!(
        "SELECT {FIELD_COLS} FROM creative_fields WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    .map(FieldRecord::from))
}

/// A field's code must be its own: another field of that English name is refused.
async fn check_field_code(conn: &mut Conn, code: &str, id: i64) -> R<()> {
    let other: Option<i64> =
        sqlx::query_scalar("SELECT id FROM creative_fields WHERE code = $1 AND id <> $2")
            .bind(code)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    match other {
        Some(_) => Err(CityError::FieldTaken(code.to_string()).into()),
        None => Ok(()),
    }
}

pub(crate) async fn create_field(
    pool: &Pool,
    ctx: &Ctx,
    f: &FieldInput,
    actor: &Actor,
) -> R<CreativeFieldId> {
    if !can_edit_cities(actor) {
        return Err(forbidden("edit the creative fields"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    check_field_code(&mut tx, &f.code, 0).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO creative_fields (code, name_vi, name_en, colour, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(&f.code)
    .bind(&f.name_vi)
    .bind(&f.name_en)
    .bind(&f.colour)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let after = load_field(&mut tx, CreativeFieldId(id)).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "field.create",
            "creative_field",
            Some(id),
        )
        .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(CreativeFieldId(id))
}

pub(crate) async fn update_field(
    pool: &Pool,
    ctx: &Ctx,
    id: CreativeFieldId,
    expected: i64,
    f: &FieldInput,
    actor: &Actor,
) -> R<i64> {
    if !can_edit_cities(actor) {
        return Err(forbidden("edit the creative fields"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = load_field(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("creative field {id}")))?;
    let before = at_version(before.version, expected, ("creative_field", id.0), before)?;
    check_field_code(&mut tx, &f.code, id.0).await?;
    sqlx::query(
        "UPDATE creative_fields SET code = $1, name_vi = $2, name_en = $3, colour = $4,
             version = version + 1, updated_at = $5
         WHERE id = $6",
    )
    .bind(&f.code)
    .bind(&f.name_vi)
    .bind(&f.name_en)
    .bind(&f.colour)
    .bind(now)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    let after = load_field(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "field.update",
            "creative_field",
            Some(id.0),
        )
        .before(json(&before))
        .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

pub(crate) async fn field(pool: &Pool, id: CreativeFieldId) -> R<Option<FieldRecord>> {
    load_field(&mut *pool.read.acquire().await?, id).await
}

// ---- cities -----------------------------------------------------------------------------

async fn load_city(conn: &mut Conn, id: CityId) -> R<Option<CityRecord>> {
    sqlx::query_as::<_, CityRow>(sql!("SELECT {CITY_COLS} FROM cities WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
        .map(CityRow::into_record)
        .transpose()
}

pub(crate) async fn city(pool: &Pool, id: CityId) -> R<Option<CityRecord>> {
    load_city(&mut *pool.read.acquire().await?, id).await
}

async fn check_slug(conn: &mut Conn, slug: &str, id: i64) -> R<()> {
    let other: Option<i64> =
        sqlx::query_scalar("SELECT id FROM cities WHERE slug = $1 AND id <> $2")
            .bind(slug)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    match other {
        Some(_) => Err(CityError::SlugTaken(slug.to_string()).into()),
        None => Ok(()),
    }
}

type CityQuery<'q> = sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments>;

/// Binds $1–$12 of the INSERT and the UPDATE: slug, name, name_folded, country, region,
/// field_id, designation_year, unesco_url, lat, lon, status, notes.
fn bind_city<'q>(q: CityQuery<'q>, c: &'q CityInput) -> CityQuery<'q> {
    q.bind(&c.slug)
        .bind(&c.name)
        .bind(vanban::text::fold(&c.name))
        .bind(&c.country)
        .bind(&c.region)
        .bind(c.field.map(|f| f.0))
        .bind(c.year)
        .bind(&c.unesco_url)
        .bind(c.point.map(|p| p.0))
        .bind(c.point.map(|p| p.1))
        .bind(c.status.as_str())
        .bind(&c.notes)
}

/// Inserts a checked city; the caller audits.
async fn insert_city(conn: &mut Conn, now: i64, c: &CityInput) -> R<CityId> {
    let q = sqlx::query(
        "INSERT INTO cities (slug, name, name_folded, country, region, field_id,
             designation_year, unesco_url, lat, lon, status, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
    );
    let id: i64 = bind_city(q, c)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    Ok(CityId(id))
}

/// Writes every column of a checked city and bumps its version; the caller audits.
async fn write_city(conn: &mut Conn, now: i64, id: CityId, c: &CityInput) -> R<()> {
    let q = sqlx::query(
        "UPDATE cities SET slug = $1, name = $2, name_folded = $3, country = $4, region = $5,
             field_id = $6, designation_year = $7, unesco_url = $8, lat = $9, lon = $10,
             status = $11, notes = $12, version = version + 1, updated_at = $13
         WHERE id = $14",
    );
    bind_city(q, c)
        .bind(now)
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn check_field_exists(conn: &mut Conn, c: &CityInput) -> R<()> {
    if let Some(f) = c.field
        && load_field(conn, f).await?.is_none()
    {
        return Err(CityError::UnknownField(f.to_string()).into());
    }
    Ok(())
}

pub(crate) async fn create_city(pool: &Pool, ctx: &Ctx, c: &CityInput, actor: &Actor) -> R<CityId> {
    if !can_edit_cities(actor) {
        return Err(forbidden("edit the city directory"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    check_slug(&mut tx, &c.slug, 0).await?;
    check_field_exists(&mut tx, c).await?;
    let id = insert_city(&mut tx, now, c).await?;
    let after = load_city(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "city.create", "city", Some(id.0))
            .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_city(
    pool: &Pool,
    ctx: &Ctx,
    id: CityId,
    expected: i64,
    c: &CityInput,
    actor: &Actor,
) -> R<i64> {
    if !can_edit_cities(actor) {
        return Err(forbidden("edit the city directory"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = load_city(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("city {id}")))?;
    let before = at_version(before.version, expected, ("city", id.0), before)?;
    check_slug(&mut tx, &c.slug, id.0).await?;
    check_field_exists(&mut tx, c).await?;
    write_city(&mut tx, now, id, c).await?;
    let after = load_city(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "city.update", "city", Some(id.0))
            .before(json(&before))
            .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// What the import makes of a stored city: the source's name, field, page and point;
/// a country, region or year only when the source has one; the rest as it was.
fn imported(
    old: Option<&CityRecord>,
    row: &ImportCity,
    field: Option<CreativeFieldId>,
) -> CityInput {
    let keep = |new: &Option<String>, old: Option<&String>| {
        new.clone().or_else(|| old.cloned()).unwrap_or_default()
    };
    CityInput {
        name: row.name.clone(),
        country: keep(&row.country, old.map(|c| &c.country)),
        region: keep(&row.region, old.map(|c| &c.region)),
        field: field.or(old.and_then(|c| c.field)),
        year: row.year.or(old.and_then(|c| c.year)),
        slug: row.slug.clone(),
        unesco_url: if row.unesco_url.is_empty() {
            old.map(|c| c.unesco_url.clone()).unwrap_or_default()
        } else {
            row.unesco_url.clone()
        },
        point: row.point.or(old.and_then(|c| c.point)),
        status: row.status,
        notes: old.map(|c| c.notes.clone()).unwrap_or_default(),
    }
}

fn same(old: &CityRecord, new: &CityInput) -> bool {
    old.name == new.name
        && old.country == new.country
        && old.region == new.region
        && old.field == new.field
        && old.year == new.year
        && old.unesco_url == new.unesco_url
        && old.point == new.point
        && old.status == new.status
}

/// Applies the import's rows in one transaction, keyed on the slug; each city added or
/// changed is audited. A row naming an unknown field refuses the whole import.
pub(crate) async fn import_cities(
    pool: &Pool,
    ctx: &Ctx,
    rows: &[ImportCity],
    actor: &Actor,
) -> R<CityImportReport> {
    if !can_edit_cities(actor) {
        return Err(forbidden("import cities"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let codes: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT code, id FROM creative_fields")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
    let stored: HashMap<String, CityRecord> =
        sqlx::query_as::<_, CityRow>(sql!("SELECT {CITY_COLS} FROM cities"))
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|r| r.into_record().map(|c| (c.slug.clone(), c)))
            .collect::<R<_>>()?;
    let mut report = CityImportReport::default();
    for row in rows {
        let field = match &row.field {
            Some(code) => Some(CreativeFieldId(
                *codes
                    .get(code)
                    .ok_or_else(|| CityError::UnknownField(code.clone()))?,
            )),
            None => None,
        };
        let old = stored.get(&row.slug);
        let new = imported(old, row, field);
        let (id, action) = match old {
            Some(o) if same(o, &new) => {
                report.unchanged += 1;
                continue;
            }
            Some(o) => {
                write_city(&mut tx, now, o.id, &new).await?;
                report.changed += 1;
                (o.id, "city.import_change")
            }
            None => {
                report.added += 1;
                (insert_city(&mut tx, now, &new).await?, "city.import_add")
            }
        };
        let mut entry =
            AuditEntry::new(Some(actor.user_id), action, "city", Some(id.0)).after(json(&new));
        if let Some(o) = old {
            entry = entry.before(json(o));
        }
        audit(&mut tx, now, &entry).await?;
    }
    // The plan's candidacy dossiers come with the Vietnamese cities.
    super::candidacies::seed(&mut tx, now, actor).await?;
    tx.commit().await?;
    Ok(report)
}

/// A page of the directory by folded name, with the total.
pub(crate) async fn list_cities(pool: &Pool, f: &CityFilter) -> R<CityPage> {
    let per_page = f.per_page.clamp(1, 100_000);
    let page = f.page.max(1);
    let pattern = like_pattern(&vanban::text::fold(f.text.trim()));
    let filter = "WHERE name_folded LIKE $1 ESCAPE '\\'
           AND ($2 = 0 OR field_id = $2) AND ($3 = '' OR region = $3)
           AND ($4 = '' OR country = $4) AND ($5 = '' OR status = $5)";
    let field = f.field.map(|x| x.0).unwrap_or(0);
    let status = f.status.map(|s| s.as_str()).unwrap_or("");
    let total: i64 = sqlx::query_scalar(sql!("SELECT COUNT(*) FROM cities {filter}"))
        .bind(&pattern)
        .bind(field)
        .bind(&f.region)
        .bind(&f.country)
        .bind(status)
        .fetch_one(&pool.read)
        .await?;
    let rows = sqlx::query_as::<_, CityRow>(sql!(
        "SELECT {CITY_COLS} FROM cities {filter} ORDER BY name_folded, id LIMIT $6 OFFSET $7"
    ))
    .bind(&pattern)
    .bind(field)
    .bind(&f.region)
    .bind(&f.country)
    .bind(status)
    .bind(per_page)
    .bind((page - 1) * per_page)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(CityRow::into_record)
    .collect::<R<Vec<_>>>()?;
    Ok(CityPage {
        rows,
        total,
        page,
        per_page,
    })
}

/// The countries and regions named in the directory, for the filters.
pub(crate) async fn city_places(pool: &Pool) -> R<(Vec<String>, Vec<String>)> {
    let distinct =
        |col: &str| sql!("SELECT DISTINCT {col} FROM cities WHERE {col} <> '' ORDER BY {col}");
    let countries = sqlx::query_scalar(distinct("country"))
        .fetch_all(&pool.read)
        .await?;
    let regions = sqlx::query_scalar(distinct("region"))
        .fetch_all(&pool.read)
        .await?;
    Ok((countries, regions))
}

/// Members with coordinates, for the map.
pub(crate) async fn mapped_cities(pool: &Pool) -> R<Vec<CityRecord>> {
    sqlx::query_as::<_, CityRow>(sql!(
        "SELECT {CITY_COLS} FROM cities WHERE lat IS NOT NULL ORDER BY name_folded, id"
    ))
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(CityRow::into_record)
    .collect()
}

/// Cities by name for pickers (the event page's links): id and name of every city.
pub(crate) async fn city_names(pool: &Pool) -> R<Vec<(CityId, String)>> {
    Ok(
        sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM cities ORDER BY name_folded, id")
            .fetch_all(&pool.read)
            .await?
            .into_iter()
            .map(|(id, n)| (CityId(id), n))
            .collect(),
    )
}

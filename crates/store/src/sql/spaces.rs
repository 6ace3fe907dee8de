//! The catalogue of Hà Nội's creative spaces (issue 18): create, edit and read.

use super::events::nfc;
use super::tx::{audit, json};
use super::{Conn, Pool, R, begin_write};
use crate::publishing_model::*;
use crate::{Ctx, StoreError};
use domain::Actor;
use domain::media::MediaWorkId;
use domain::publishing::{self as publishing, PublishError, SpaceId};

const MAX_NAME: usize = 300;
const MAX_TEXT: usize = 5_000;
const MAX_LINKS: usize = 10;

#[derive(sqlx::FromRow)]
struct SpaceRow {
    id: i64,
    name: String,
    name_en: String,
    kind: String,
    address: String,
    lat: f64,
    lon: f64,
    description: String,
    description_en: String,
    opening_hours: String,
    opening_hours_en: String,
    links: String,
    photo_set_id: Option<i64>,
    version: i64,
    created_at: i64,
    updated_at: i64,
}

const COLS: &str = "id, name, name_en, kind, address, lat, lon, description, description_en, \
    opening_hours, opening_hours_en, links, photo_set_id, version, created_at, updated_at";

impl SpaceRow {
    fn into_space(self) -> R<Space> {
        Ok(Space {
            id: SpaceId(self.id),
            name: self.name,
            name_en: self.name_en,
            kind: self
                .kind
                .parse()
                .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
            address: self.address,
            lat: self.lat,
            lon: self.lon,
            description: self.description,
            description_en: self.description_en,
            opening_hours: self.opening_hours,
            opening_hours_en: self.opening_hours_en,
            links: self.links.lines().map(str::to_string).collect(),
            photo_set: self.photo_set_id.map(MediaWorkId),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

pub(crate) async fn load_space(conn: &mut Conn, id: SpaceId) -> R<Option<Space>> {
    let row: Option<SpaceRow> = sqlx::query_as(sql!("SELECT {COLS} FROM spaces WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(SpaceRow::into_space).transpose()
}

pub(crate) async fn space(pool: &Pool, id: SpaceId) -> R<Option<Space>> {
    load_space(&mut *pool.read.acquire().await?, id).await
}

/// Every space, by name.
pub(crate) async fn list_spaces(pool: &Pool) -> R<Vec<Space>> {
    let rows: Vec<SpaceRow> = sqlx::query_as(sql!("SELECT {COLS} FROM spaces ORDER BY name, id"))
        .fetch_all(&pool.read)
        .await?;
    rows.into_iter().map(SpaceRow::into_space).collect()
}

/// The input as stored: texts NFC and bounded, the point in Hà Nội, links http(s).
fn checked(input: &SpaceInput) -> R<SpaceInput> {
    let mut out = input.clone();
    for s in [
        &mut out.name,
        &mut out.name_en,
        &mut out.address,
        &mut out.description,
        &mut out.description_en,
        &mut out.opening_hours,
        &mut out.opening_hours_en,
    ] {
        *s = nfc(s);
    }
    if out.name.is_empty() {
        return Err(PublishError::TitleRequired.into());
    }
    let long = [&out.name, &out.name_en, &out.address]
        .iter()
        .any(|s| s.chars().count() > MAX_NAME);
    let longer = [
        &out.description,
        &out.description_en,
        &out.opening_hours,
        &out.opening_hours_en,
    ]
    .iter()
    .any(|s| s.chars().count() > MAX_TEXT);
    if long || longer || out.links.len() > MAX_LINKS {
        let max = if long { MAX_NAME } else { MAX_TEXT };
        return Err(PublishError::TooLong { max }.into());
    }
    publishing::check_point(out.lat, out.lon)?;
    out.links = out
        .links
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| domain::events::check_link(l).map_err(|_| PublishError::BadLink(l.to_string())))
        .collect::<Result<_, _>>()?;
    Ok(out)
}

async fn write_fields(conn: &mut Conn, id: SpaceId, s: &SpaceInput) -> R<()> {
    if let Some(w) = s.photo_set {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM media_works WHERE id = $1")
            .bind(w.0)
            .fetch_one(&mut *conn)
            .await?;
        if n == 0 {
            return Err(PublishError::UnknownSubject {
                kind: domain::publishing::PublicKind::MediaWork,
            }
            .into());
        }
    }
    sqlx::query(
        "UPDATE spaces SET name = $1, name_en = $2, kind = $3, address = $4, lat = $5, lon = $6,
             description = $7, description_en = $8, opening_hours = $9,
             opening_hours_en = $10, links = $11, photo_set_id = $12
         WHERE id = $13",
    )
    .bind(&s.name)
    .bind(&s.name_en)
    .bind(s.kind.as_str())
    .bind(&s.address)
    .bind(s.lat)
    .bind(s.lon)
    .bind(&s.description)
    .bind(&s.description_en)
    .bind(&s.opening_hours)
    .bind(&s.opening_hours_en)
    .bind(s.links.join("\n"))
    .bind(s.photo_set.map(|w| w.0))
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn create_space(
    pool: &Pool,
    ctx: &Ctx,
    input: &SpaceInput,
    actor: &Actor,
) -> R<SpaceId> {
    let now = ctx.now();
    if !publishing::can_propose(actor) {
        return Err(PublishError::Forbidden {
            action: "add a creative space",
        }
        .into());
    }
    let input = checked(input)?;
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO spaces (name, kind, lat, lon, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(&input.name)
    .bind(input.kind.as_str())
    .bind(input.lat)
    .bind(input.lon)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let id = SpaceId(id);
    write_fields(&mut tx, id, &input).await?;
    let after = load_space(&mut tx, id).await?;
    let entry = crate::AuditEntry::new(Some(actor.user_id), "space.create", "space", Some(id.0));
    audit(&mut tx, now, &entry.after(json(&after))).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_space(
    pool: &Pool,
    ctx: &Ctx,
    id: SpaceId,
    expected: i64,
    input: &SpaceInput,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    if !publishing::can_propose(actor) {
        return Err(PublishError::Forbidden {
            action: "edit a creative space",
        }
        .into());
    }
    let input = checked(input)?;
    let mut tx = begin_write(pool).await?;
    let before = load_space(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("space {id}")))?;
    let bumped = sqlx::query(
        "UPDATE spaces SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now)
    .bind(id.0)
    .bind(expected)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if bumped == 0 {
        return Err(StoreError::Conflict {
            entity: "space",
            id: id.0,
            conflict: domain::Conflict {
                current: before.version,
                attempted: expected,
            },
            current: json(&before),
        });
    }
    write_fields(&mut tx, id, &input).await?;
    let after = load_space(&mut tx, id).await?;
    let entry = crate::AuditEntry::new(Some(actor.user_id), "space.update", "space", Some(id.0));
    audit(
        &mut tx,
        now,
        &entry.before(json(&before)).after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(expected + 1)
}

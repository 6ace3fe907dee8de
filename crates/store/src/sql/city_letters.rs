//! Letters and MoUs exchanged with a city, each with at most one file (the signed letter,
//! the MoU's scan) kept in the evidence store by its SHA-256: attached on the letter form
//! or afterwards, replaced by a later upload. The Board and admins record them; whoever
//! reads the directory reads them and their files.

use super::cities::forbidden;
use super::tx::{audit, day_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::cities_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, NewDirectionFile, StoreError};
use domain::cities::{LetterInput, can_edit_cities};
use domain::{Actor, CityId};
use serde_json::json;

pub(crate) const LETTER_COLS: &str =
    "id, city_id, kind, direction, number, sent_on, title, original_name, size, mime";

#[derive(sqlx::FromRow)]
pub(crate) struct LetterRow {
    id: i64,
    city_id: i64,
    kind: String,
    direction: String,
    number: String,
    sent_on: String,
    title: String,
    original_name: Option<String>,
    size: Option<i64>,
    mime: Option<String>,
}

impl LetterRow {
    pub(crate) fn into_record(self) -> R<LetterRecord> {
        let bad = |e: domain::ParseError| StoreError::Invalid(e.to_string());
        Ok(LetterRecord {
            id: self.id,
            city: CityId(self.city_id),
            kind: self.kind.parse().map_err(bad)?,
            direction: self.direction.parse().map_err(bad)?,
            number: self.number,
            date: parse_date(Some(self.sent_on.clone()))
                .ok_or_else(|| StoreError::Invalid(format!("letter date {:?}", self.sent_on)))?,
            title: self.title,
            file: match (self.original_name, self.size, self.mime) {
                (Some(name), Some(size), Some(mime)) => Some(LetterFile { name, size, mime }),
                _ => None,
            },
        })
    }
}

/// Names `file` on letter `id` (the caller audits).
async fn write_file(conn: &mut Conn, id: i64, file: &NewDirectionFile) -> R<()> {
    let s = &file.stored;
    sqlx::query(
        "UPDATE city_letters SET sha256 = $1, size = $2, mime = $3, original_name = $4,
             stored_path = $5 WHERE id = $6",
    )
    .bind(&s.sha256)
    .bind(s.size as i64)
    .bind(&s.mime)
    .bind(super::events::nfc(&file.original_name))
    .bind(&s.relative_path)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn file_json(file: Option<&NewDirectionFile>) -> serde_json::Value {
    file.map(|f| {
        json!({
            "name": super::events::nfc(&f.original_name),
            "sha256": f.stored.sha256,
            "size": f.stored.size,
        })
    })
    .unwrap_or(serde_json::Value::Null)
}

/// Records a letter (and its file, when one came with the form) in one transaction.
pub(crate) async fn add_letter(
    pool: &Pool,
    ctx: &Ctx,
    city: CityId,
    l: &LetterInput,
    file: Option<&NewDirectionFile>,
    actor: &Actor,
) -> R<i64> {
    if !can_edit_cities(actor) {
        return Err(forbidden("record a letter"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    if !super::tx::exists(&mut tx, "SELECT id FROM cities WHERE id = $1", city.0).await? {
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
    if let Some(f) = file {
        write_file(&mut tx, id, f).await?;
    }
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "city.letter", "city", Some(city.0))
            .after(json!({ "letter": id, "input": l, "file": file_json(file) })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn load_letter(conn: &mut Conn, id: i64) -> R<Option<LetterRecord>> {
    sqlx::query_as::<_, LetterRow>(sql!("SELECT {LETTER_COLS} FROM city_letters WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .map(LetterRow::into_record)
        .transpose()
}

/// Attaches a file to a recorded letter, replacing the one it had; returns its city.
pub(crate) async fn attach_letter_file(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    file: &NewDirectionFile,
    actor: &Actor,
) -> R<CityId> {
    if !can_edit_cities(actor) {
        return Err(forbidden("attach a file to a letter"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = load_letter(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("letter {id}")))?;
    write_file(&mut tx, id, file).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "city.letter_file",
            "city",
            Some(before.city.0),
        )
        .before(json!({ "letter": id, "file": before.file }))
        .after(json!({ "letter": id, "file": file_json(Some(file)) })),
    )
    .await?;
    tx.commit().await?;
    Ok(before.city)
}

/// A letter and where its file is stored (`None` when it has none).
pub(crate) async fn letter(pool: &Pool, id: i64) -> R<Option<(LetterRecord, Option<String>)>> {
    let mut conn = pool.read.acquire().await?;
    let Some(rec) = load_letter(&mut conn, id).await? else {
        return Ok(None);
    };
    let path: Option<String> =
        sqlx::query_scalar("SELECT stored_path FROM city_letters WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Some((rec, path)))
}

//! Joint projects with cities of the network (issue 19): the record, its cities, the list
//! filtered by status, city and folded title, and the projects of a plan item. The Board
//! and admins write them (as they write letters and contacts); each change is audited with
//! the record before and after, and an edit or removal from a stale page is a conflict.

use super::cities::forbidden;
use super::item_list::like_pattern;
use super::tx::{at_version, audit, day_text, json, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::cities_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::cities::can_edit_cities;
use domain::cities::project::{ProjectId, ProjectInput};
use domain::{Actor, CityError, CityId, ItemId, UnitId};
use std::collections::HashMap;

const PROJECT_COLS: &str = "p.id, p.title, p.description, p.status, p.starts_on, p.ends_on, \
     p.item_id, i.numbering, i.title AS item_title, p.unit_id, u.name AS unit_name, p.version";
const PROJECT_FROM: &str = "city_projects p LEFT JOIN items i ON i.id = p.item_id \
     LEFT JOIN units u ON u.id = p.unit_id";

#[derive(sqlx::FromRow)]
struct ProjectRow {
    id: i64,
    title: String,
    description: String,
    status: String,
    starts_on: String,
    ends_on: Option<String>,
    item_id: Option<i64>,
    numbering: Option<String>,
    item_title: Option<String>,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    version: i64,
}

impl ProjectRow {
    fn into_record(self, cities: Vec<(CityId, String)>) -> R<ProjectRecord> {
        let start = parse_date(Some(self.starts_on.clone()))
            .ok_or_else(|| StoreError::Invalid(format!("project start {:?}", self.starts_on)))?;
        Ok(ProjectRecord {
            id: ProjectId(self.id),
            title: self.title,
            description: self.description,
            status: self
                .status
                .parse()
                .map_err(|e: domain::ParseError| StoreError::Invalid(e.to_string()))?,
            start,
            end: parse_date(self.ends_on),
            item: self.item_id.map(|i| {
                let title = self.item_title.unwrap_or_default();
                (
                    ItemId(i),
                    domain::item_label(self.numbering.as_deref(), &title),
                )
            }),
            unit: self
                .unit_id
                .map(|u| (UnitId(u), self.unit_name.unwrap_or_default())),
            cities,
            version: self.version,
        })
    }
}

/// The cities of projects, by project: `(project, city, name)` rows grouped.
fn by_project(rows: Vec<(i64, i64, String)>) -> HashMap<i64, Vec<(CityId, String)>> {
    let mut out: HashMap<i64, Vec<(CityId, String)>> = HashMap::new();
    for (p, c, n) in rows {
        out.entry(p).or_default().push((CityId(c), n));
    }
    out
}

/// `SELECT`s the cities of the projects the `WHERE` (static text) keeps.
macro_rules! cities_where {
    ($where:expr) => {
        sql!(
            "SELECT x.project_id, c.id, c.name FROM city_project_cities x
             JOIN cities c ON c.id = x.city_id WHERE {} ORDER BY x.project_id, c.name_folded, c.id",
            $where
        )
    };
}

async fn load(conn: &mut Conn, id: ProjectId) -> R<Option<ProjectRecord>> {
    let Some(row) = sqlx::query_as::<_, ProjectRow>(sql!(
        "SELECT {PROJECT_COLS} FROM {PROJECT_FROM} WHERE p.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let cities = sqlx::query_as::<_, (i64, i64, String)>(cities_where!("x.project_id = $1"))
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?;
    let mut cities = by_project(cities);
    row.into_record(cities.remove(&id.0).unwrap_or_default())
        .map(Some)
}

pub(crate) async fn project(pool: &Pool, id: ProjectId) -> R<Option<ProjectRecord>> {
    load(&mut *pool.read.acquire().await?, id).await
}

/// The cities, item and unit a project names exist (else a forged or stale form).
async fn check_links(conn: &mut Conn, p: &ProjectInput) -> R<()> {
    let named = p
        .cities
        .iter()
        .map(|c| ("SELECT id FROM cities WHERE id = $1", c.0))
        .chain(p.item.map(|i| ("SELECT id FROM items WHERE id = $1", i.0)))
        .chain(p.unit.map(|u| ("SELECT id FROM units WHERE id = $1", u.0)));
    for (select, id) in named {
        if !super::tx::exists(&mut *conn, select, id).await? {
            return Err(CityError::BadChoice.into());
        }
    }
    Ok(())
}

async fn write_cities(conn: &mut Conn, id: i64, cities: &[CityId]) -> R<()> {
    sqlx::query("DELETE FROM city_project_cities WHERE project_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for c in cities {
        sqlx::query("INSERT INTO city_project_cities (project_id, city_id) VALUES ($1, $2)")
            .bind(id)
            .bind(c.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(crate) async fn create_project(
    pool: &Pool,
    ctx: &Ctx,
    p: &ProjectInput,
    actor: &Actor,
) -> R<ProjectId> {
    if !can_edit_cities(actor) {
        return Err(forbidden("record a joint project"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    check_links(&mut tx, p).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO city_projects (title, title_folded, description, status, starts_on,
             ends_on, item_id, unit_id, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(&p.title)
    .bind(vanban::text::fold(&p.title))
    .bind(&p.description)
    .bind(p.status.as_str())
    .bind(day_text(p.start))
    .bind(p.end.map(day_text))
    .bind(p.item.map(|i| i.0))
    .bind(p.unit.map(|u| u.0))
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    write_cities(&mut tx, id, &p.cities).await?;
    let after = load(&mut tx, ProjectId(id)).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "city.project_create",
            "city_project",
            Some(id),
        )
        .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(ProjectId(id))
}

/// The project as it stands if `expected` is still its version, else the conflict.
async fn current(conn: &mut Conn, id: ProjectId, expected: i64) -> R<ProjectRecord> {
    let before = load(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("project {id}")))?;
    at_version(before.version, expected, ("city_project", id.0), before)
}

/// Writes every field of a checked project and bumps its version; returns the new one.
pub(crate) async fn update_project(
    pool: &Pool,
    ctx: &Ctx,
    id: ProjectId,
    expected: i64,
    p: &ProjectInput,
    actor: &Actor,
) -> R<i64> {
    if !can_edit_cities(actor) {
        return Err(forbidden("edit a joint project"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = current(&mut tx, id, expected).await?;
    check_links(&mut tx, p).await?;
    sqlx::query(
        "UPDATE city_projects SET title = $1, title_folded = $2, description = $3, status = $4,
             starts_on = $5, ends_on = $6, item_id = $7, unit_id = $8,
             version = version + 1, updated_at = $9
         WHERE id = $10",
    )
    .bind(&p.title)
    .bind(vanban::text::fold(&p.title))
    .bind(&p.description)
    .bind(p.status.as_str())
    .bind(day_text(p.start))
    .bind(p.end.map(day_text))
    .bind(p.item.map(|i| i.0))
    .bind(p.unit.map(|u| u.0))
    .bind(now)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    write_cities(&mut tx, id.0, &p.cities).await?;
    let after = load(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "city.project_update",
            "city_project",
            Some(id.0),
        )
        .before(json(&before))
        .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// Removes a project (and its links to cities), the record kept in the audit log.
pub(crate) async fn remove_project(
    pool: &Pool,
    ctx: &Ctx,
    id: ProjectId,
    expected: i64,
    actor: &Actor,
) -> R<()> {
    if !can_edit_cities(actor) {
        return Err(forbidden("remove a joint project"));
    }
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = current(&mut tx, id, expected).await?;
    sqlx::query("DELETE FROM city_projects WHERE id = $1")
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "city.project_remove",
            "city_project",
            Some(id.0),
        )
        .before(json(&before)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

const FILTER: &str = "WHERE p.title_folded LIKE $1 ESCAPE '\\'
       AND ($2 = '' OR p.status = $2)
       AND ($3 = 0 OR EXISTS (SELECT 1 FROM city_project_cities x
                              WHERE x.project_id = p.id AND x.city_id = $3))";

/// A page of projects, the latest start first, with the count of all the filters keep.
pub(crate) async fn list_projects(pool: &Pool, f: &ProjectFilter) -> R<ProjectPage> {
    let per_page = f.per_page.clamp(1, 100_000);
    let pattern = like_pattern(&vanban::text::fold(f.text.trim()));
    let status = f.status.map(|s| s.as_str()).unwrap_or("");
    let city = f.city.map(|c| c.0).unwrap_or(0);
    let mut conn = pool.read.acquire().await?;
    let total: i64 = sqlx::query_scalar(sql!("SELECT COUNT(*) FROM city_projects p {FILTER}"))
        .bind(&pattern)
        .bind(status)
        .bind(city)
        .fetch_one(&mut *conn)
        .await?;
    let pages = ((total + per_page - 1) / per_page).max(1);
    let page = f.page.clamp(1, pages);
    let rows = sqlx::query_as::<_, ProjectRow>(sql!(
        "SELECT {PROJECT_COLS} FROM {PROJECT_FROM} {FILTER}
         ORDER BY p.starts_on DESC, p.id DESC LIMIT $4 OFFSET $5"
    ))
    .bind(&pattern)
    .bind(status)
    .bind(city)
    .bind(per_page)
    .bind((page - 1) * per_page)
    .fetch_all(&mut *conn)
    .await?;
    let cities = sqlx::query_as::<_, (i64, i64, String)>(cities_where!(format!(
        "x.project_id IN (SELECT p.id FROM city_projects p {FILTER}
                          ORDER BY p.starts_on DESC, p.id DESC LIMIT $4 OFFSET $5)"
    )))
    .bind(&pattern)
    .bind(status)
    .bind(city)
    .bind(per_page)
    .bind((page - 1) * per_page)
    .fetch_all(&mut *conn)
    .await?;
    let mut cities = by_project(cities);
    let rows = rows
        .into_iter()
        .map(|r| {
            let c = cities.remove(&r.id).unwrap_or_default();
            r.into_record(c)
        })
        .collect::<R<Vec<_>>>()?;
    Ok(ProjectPage {
        rows,
        total,
        page,
        per_page,
    })
}

/// The projects serving a plan item, the latest start first: id, title, status.
pub(crate) async fn item_projects(pool: &Pool, item: ItemId) -> R<Vec<ProjectRecord>> {
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, ProjectRow>(sql!(
        "SELECT {PROJECT_COLS} FROM {PROJECT_FROM} WHERE p.item_id = $1
         ORDER BY p.starts_on DESC, p.id DESC"
    ))
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let cities = sqlx::query_as::<_, (i64, i64, String)>(cities_where!(
        "x.project_id IN (SELECT id FROM city_projects WHERE item_id = $1)"
    ))
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut cities = by_project(cities);
    rows.into_iter()
        .map(|r| {
            let c = cities.remove(&r.id).unwrap_or_default();
            r.into_record(c)
        })
        .collect()
}

//! Units, merging duplicates, and the editable abbreviation (alias) table.

use super::plans::relation;
use super::tx::audit;
use super::{Conn, Pool, R, begin_write};
use crate::model::*;
use crate::{Ctx, StoreError};
use domain::{ItemId, PlanId, UnitId, UnitKind, UnitRelation, UserId};
use serde_json::json;

pub(crate) async fn load_abbreviations(conn: &mut Conn) -> R<domain::AbbreviationTable> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT alias, unit_name FROM unit_abbreviations ORDER BY alias_key")
            .fetch_all(&mut *conn)
            .await?;
    Ok(domain::AbbreviationTable::from_pairs(
        rows.iter().map(|(a, n)| (a.as_str(), n.as_str())),
    ))
}

#[derive(sqlx::FromRow)]
pub(crate) struct UnitRow {
    id: i64,
    name: String,
    folded_name: String,
    external: bool,
    kind: String,
    active: bool,
    parent_id: Option<i64>,
    version: i64,
}

/// The columns `UnitRow` reads.
pub(crate) const UNIT_COLS: &str =
    "id, name, folded_name, external, kind, active, parent_id, version";

impl From<UnitRow> for Unit {
    fn from(r: UnitRow) -> Self {
        Unit {
            id: UnitId(r.id),
            name: r.name,
            key: r.folded_name,
            external: r.external,
            kind: UnitKind::parse(&r.kind),
            active: r.active,
            parent: r.parent_id.map(UnitId),
            version: r.version,
        }
    }
}

/// An item a unit leads or coordinates, with its plan's title.
#[derive(sqlx::FromRow)]
struct UnitItemRow {
    relation: String,
    item_id: i64,
    plan_id: i64,
    plan_title: String,
    numbering: Option<String>,
    title: String,
    inherited: bool,
}

pub(crate) async fn list_units(pool: &Pool) -> R<Vec<Unit>> {
    let mut units: Vec<Unit> = sqlx::query_as::<_, UnitRow>(sql!("SELECT {UNIT_COLS} FROM units"))
        .fetch_all(&pool.read)
        .await?
        .into_iter()
        .map(Unit::from)
        .collect();
    // Sorted here: the two engines collate text differently.
    units.sort_by(|a, b| (a.external, &a.key).cmp(&(b.external, &b.key)));
    Ok(units)
}

pub(crate) async fn unit(pool: &Pool, ctx: &Ctx, id: UnitId) -> R<Option<UnitView>> {
    let mut conn = pool.read.acquire().await?;
    ctx.count_view_query();
    let Some(row) =
        sqlx::query_as::<_, UnitRow>(sql!("SELECT {UNIT_COLS} FROM units WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let unit = Unit::from(row);
    ctx.count_view_query();
    let rows = sqlx::query_as::<_, UnitItemRow>(
        "SELECT iu.relation, i.id AS item_id, i.plan_id, p.title AS plan_title, i.numbering,
                i.title, iu.inherited
         FROM item_effective_units iu
         JOIN items i ON i.id = iu.item_id
         JOIN plans p ON p.id = i.plan_id
         WHERE iu.unit_id = $1
         ORDER BY p.id, i.seq",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut leads = Vec::new();
    let mut coordinates = Vec::new();
    for r in rows {
        let it = UnitItem {
            item_id: ItemId(r.item_id),
            plan_id: PlanId(r.plan_id),
            plan_title: r.plan_title,
            numbering: r.numbering,
            title: r.title,
            inherited: r.inherited,
        };
        match relation(&r.relation) {
            UnitRelation::Lead => leads.push(it),
            UnitRelation::Coordinating => coordinates.push(it),
        }
    }
    ctx.count_view_query();
    let responsibilities = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT p.id, p.title, r.duties_json
         FROM plan_responsibilities r JOIN plans p ON p.id = r.plan_id
         WHERE r.unit_id = $1 ORDER BY p.id, r.position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(pid, title, duties)| {
        Ok(UnitResponsibility {
            plan_id: PlanId(pid),
            plan_title: title,
            duties: serde_json::from_str(&duties)?,
        })
    })
    .collect::<R<Vec<_>>>()?;
    Ok(Some(UnitView {
        unit,
        leads,
        coordinates,
        responsibilities,
    }))
}

/// Moves everything that names `from` to `into` and deletes `from`.
pub(crate) async fn merge_unit(
    pool: &Pool,
    ctx: &Ctx,
    from: UnitId,
    into: UnitId,
    actor: Option<UserId>,
) -> R<()> {
    let now = ctx.now();
    if from == into {
        return Err(StoreError::Invalid(
            "a unit cannot be merged into itself".into(),
        ));
    }
    let mut tx = begin_write(pool).await?;
    let (from_name, from_ext) = name_and_external(&mut tx, from).await?;
    let (into_name, _) = name_and_external(&mut tx, into).await?;
    move_links(
        &mut tx,
        "INSERT INTO item_units (item_id, unit_id, relation, position)
         SELECT item_id, $2, relation, position FROM item_units WHERE unit_id = $1
         ON CONFLICT DO NOTHING",
        "DELETE FROM item_units WHERE unit_id = $1",
        from,
        into,
    )
    .await?;
    super::effective_units::refresh_plans_naming(&mut tx, into).await?;
    move_links(
        &mut tx,
        "INSERT INTO user_units (user_id, unit_id)
         SELECT user_id, $2 FROM user_units WHERE unit_id = $1
         ON CONFLICT DO NOTHING",
        "DELETE FROM user_units WHERE unit_id = $1",
        from,
        into,
    )
    .await?;
    refuse_if_reported(&mut tx, from).await?;
    move_links(
        &mut tx,
        "INSERT INTO event_units (event_id, unit_id, relation)
         SELECT event_id, $2, relation FROM event_units WHERE unit_id = $1
         ON CONFLICT DO NOTHING",
        "DELETE FROM event_units WHERE unit_id = $1",
        from,
        into,
    )
    .await?;
    // What the duplicate did is the merged unit's: its people, delegations, notifications
    // and feeds follow it (it has filed no report, see `refuse_if_reported`).
    for repoint in [
        "UPDATE plan_responsibilities SET unit_id = $2 WHERE unit_id = $1",
        "UPDATE units SET parent_id = $2 WHERE parent_id = $1",
        "UPDATE item_people SET unit_id = $2 WHERE unit_id = $1",
        "UPDATE delegations SET lead_unit_id = $2 WHERE lead_unit_id = $1",
        "UPDATE notifications SET unit_id = $2 WHERE unit_id = $1",
        "UPDATE feed_tokens SET unit_id = $2 WHERE unit_id = $1",
    ] {
        sqlx::query(repoint)
            .bind(from.0)
            .bind(into.0)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM units WHERE id = $1")
        .bind(from.0)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "unit.merge", "unit", Some(into.0))
            .before(json!({ "id": from.0, "name": from_name, "external": from_ext }))
            .after(json!({ "id": into.0, "name": into_name })),
    )
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "unit.merged_into", "unit", Some(from.0))
            .before(json!({ "name": from_name, "external": from_ext }))
            .after(json!({ "merged_into": into.0 })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn name_and_external(conn: &mut Conn, id: UnitId) -> R<(String, bool)> {
    sqlx::query_as("SELECT name, external FROM units WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("unit {id}")))
}

/// Gives `into` the link rows of `from` (`copy`: $1 from, $2 into; a link `into` already
/// has is kept once), then deletes `from`'s (`delete`: $1 from).
/// Progress reports are append-only records under the unit that filed them, so a unit
/// that has filed any cannot disappear into another; the other way round can.
async fn refuse_if_reported(conn: &mut Conn, from: UnitId) -> R<()> {
    let filed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM progress_reports WHERE unit_id = $1")
        .bind(from.0)
        .fetch_one(&mut *conn)
        .await?;
    if filed > 0 {
        return Err(StoreError::Invalid(format!(
            "the unit has filed {filed} progress report(s), which stay under its name; \
             merge the other unit into it instead"
        )));
    }
    Ok(())
}

async fn move_links(
    conn: &mut Conn,
    copy: &'static str,
    delete: &'static str,
    from: UnitId,
    into: UnitId,
) -> R<()> {
    sqlx::query(copy)
        .bind(from.0)
        .bind(into.0)
        .execute(&mut *conn)
        .await?;
    sqlx::query(delete).bind(from.0).execute(&mut *conn).await?;
    Ok(())
}

pub(crate) async fn abbreviations(pool: &Pool) -> R<Vec<Abbreviation>> {
    let mut rows: Vec<(String, String)> =
        sqlx::query_as("SELECT alias, unit_name FROM unit_abbreviations")
            .fetch_all(&pool.read)
            .await?;
    rows.sort_by_cached_key(|(alias, _)| domain::unit_key(alias));
    Ok(rows
        .into_iter()
        .map(|(alias, unit_name)| Abbreviation { alias, unit_name })
        .collect())
}

pub(crate) async fn set_abbreviation(
    pool: &Pool,
    ctx: &Ctx,
    alias: &str,
    unit_name: &str,
    actor: Option<UserId>,
) -> R<()> {
    let now = ctx.now();
    let alias = vanban::text::squash_spaces(alias);
    let unit_name = vanban::text::squash_spaces(unit_name);
    if domain::unit_key(&alias).is_empty() || domain::unit_key(&unit_name).is_empty() {
        return Err(StoreError::Invalid(
            "an abbreviation needs an alias and a unit name".into(),
        ));
    }
    let mut tx = begin_write(pool).await?;
    put_alias(&mut tx, now, actor, &alias, &unit_name).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn delete_abbreviation(
    pool: &Pool,
    ctx: &Ctx,
    alias: &str,
    actor: Option<UserId>,
) -> R<bool> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let removed = remove_alias(&mut tx, now, actor, alias).await?;
    if removed {
        tx.commit().await?;
    }
    Ok(removed)
}

/// Points `alias` at `unit_name` (added, or changed when its key is there), audited in the
/// caller's transaction: the abbreviation page and a unit's rename both write through it.
pub(crate) async fn put_alias(
    conn: &mut Conn,
    at: i64,
    actor: Option<UserId>,
    alias: &str,
    unit_name: &str,
) -> R<()> {
    let key = domain::unit_key(alias);
    let before: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, alias, unit_name FROM unit_abbreviations WHERE alias_key = $1")
            .bind(&key)
            .fetch_optional(&mut *conn)
            .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO unit_abbreviations (alias, alias_key, unit_name, updated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (alias_key) DO UPDATE
             SET alias = excluded.alias, unit_name = excluded.unit_name,
                 updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(alias)
    .bind(&key)
    .bind(unit_name)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    let mut entry = AuditEntry::new(actor, "abbreviation.set", "abbreviation", Some(id))
        .after(json!({ "alias": alias, "unit_name": unit_name }));
    if let Some((_, a, n)) = before {
        entry = entry.before(json!({ "alias": a, "unit_name": n }));
    }
    audit(conn, at, &entry).await?;
    Ok(())
}

/// Removes `alias`, audited in the caller's transaction; false when there is none.
pub(crate) async fn remove_alias(
    conn: &mut Conn,
    at: i64,
    actor: Option<UserId>,
    alias: &str,
) -> R<bool> {
    let before: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, alias, unit_name FROM unit_abbreviations WHERE alias_key = $1")
            .bind(domain::unit_key(alias))
            .fetch_optional(&mut *conn)
            .await?;
    let Some((id, a, n)) = before else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM unit_abbreviations WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let entry = AuditEntry::new(actor, "abbreviation.delete", "abbreviation", Some(id))
        .before(json!({ "alias": a, "unit_name": n }));
    audit(conn, at, &entry).await?;
    Ok(true)
}

// ---- users -----------------------------------------------------------------------------

//! Every query of the store, written once. This file is compiled twice, as
//! `sqlite::ops` and `postgres::ops`; `super::{DB, Pool, MIGRATOR, begin_write}` differ.
//! SQL here must run on both engines: `$n` placeholders, BIGINT/TEXT/DOUBLE/BOOLEAN
//! values, `ON CONFLICT`, `RETURNING`, `WITH RECURSIVE`, TRUE/FALSE literals.

use super::{DB, Pool, begin_write};
use crate::model::*;
use crate::tree::{Attached, build_forest};
use crate::{Ctx, StoreError, date_text, parse_date};
use domain::{
    AuditId, ItemId, ItemStatus, Language, PlanId, Role, UnitId, UnitKind, UnitRelation, UserId,
};
use serde_json::json;
use sqlx::Row;
use std::collections::HashMap;
use std::str::FromStr;
use vanban::ParsedPlan;

type Conn = <DB as sqlx::Database>::Connection;
type DbRow = <DB as sqlx::Database>::Row;
type R<T> = Result<T, StoreError>;

// ---- setup -----------------------------------------------------------------------------

pub(crate) async fn migrate(pool: &Pool, ctx: &Ctx) -> R<()> {
    let now = ctx.now();
    super::MIGRATOR.run(pool).await?;
    let mut tx = begin_write(pool).await?;
    let seeded: Option<String> =
        sqlx::query_scalar("SELECT value FROM store_meta WHERE key = 'abbreviations_seeded'")
            .fetch_optional(&mut *tx)
            .await?;
    if seeded.is_none() {
        let at = now;
        for (alias, name) in domain::units::DEFAULT_ABBREVIATIONS {
            sqlx::query(
                "INSERT INTO unit_abbreviations (alias, alias_key, unit_name, updated_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (alias_key) DO NOTHING",
            )
            .bind(*alias)
            .bind(domain::unit_key(alias))
            .bind(*name)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("INSERT INTO store_meta (key, value) VALUES ('abbreviations_seeded', $1)")
            .bind(at.to_string())
            .execute(&mut *tx)
            .await?;
        audit(
            &mut tx,
            now,
            &AuditEntry::new(None, "abbreviation.seed", "abbreviation", None)
                .after(json!({ "count": domain::units::DEFAULT_ABBREVIATIONS.len() })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn ping(pool: &Pool, _ctx: &Ctx) -> R<()> {
    sqlx::query("SELECT 1").execute(pool).await?;
    Ok(())
}

pub(crate) async fn is_empty(pool: &Pool, _ctx: &Ctx) -> R<bool> {
    is_empty_in(&mut *pool.acquire().await?).await
}

async fn is_empty_in(conn: &mut Conn) -> R<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM plans) + (SELECT COUNT(*) FROM users)")
            .fetch_one(&mut *conn)
            .await?;
    Ok(n == 0)
}

// ---- audit -----------------------------------------------------------------------------

/// The one audit writer: every change appends its entry here, inside the change's own
/// transaction, at the operation's time. `plan` and `item` tie the entry to a plan's and an
/// item's history (`/plans/{id}/audit`, `/items/{id}/audit`).
pub(crate) async fn write_audit(
    conn: &mut Conn,
    at: i64,
    e: &AuditEntry,
    plan: Option<PlanId>,
    item: Option<ItemId>,
) -> R<AuditId> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before_json,
             after_json, plan_id, item_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(at)
    .bind(e.actor.map(|u| u.0))
    .bind(&e.action)
    .bind(&e.entity)
    .bind(e.entity_id)
    .bind(e.before.as_ref().map(|v| v.to_string()))
    .bind(e.after.as_ref().map(|v| v.to_string()))
    .bind(plan.map(|p| p.0))
    .bind(item.map(|i| i.0))
    .fetch_one(&mut *conn)
    .await?;
    Ok(AuditId(id))
}

/// A table whose rows carry an optimistic `version`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Versioned {
    Item,
    Event,
    Delegation,
}

/// The optimistic version bump, the one place it is written: `version + 1` and
/// `updated_at`, only while the row is still at `expected`. False when someone saved
/// first; the caller then answers with a conflict that shows the current row.
pub(crate) async fn bump_version(
    conn: &mut Conn,
    at: i64,
    table: Versioned,
    id: i64,
    expected: i64,
) -> R<bool> {
    // One static text per table: a table name is never built from input.
    let sql = match table {
        Versioned::Item => {
            "UPDATE items SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::Event => {
            "UPDATE events SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
        Versioned::Delegation => {
            "UPDATE delegations SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
        }
    };
    let n = sqlx::query(sql)
        .bind(at)
        .bind(id)
        .bind(expected)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(n > 0)
}

/// An entry tied to no plan (users, units, settings).
async fn audit(conn: &mut Conn, at: i64, e: &AuditEntry) -> R<AuditId> {
    write_audit(conn, at, e, None, None).await
}

pub(crate) async fn append_audit(pool: &Pool, ctx: &Ctx, e: &AuditEntry) -> R<AuditId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = audit(&mut tx, now, e).await?;
    tx.commit().await?;
    Ok(id)
}

fn audit_from_row(r: &DbRow) -> R<AuditRecord> {
    let parse = |s: Option<String>| -> R<Option<serde_json::Value>> {
        Ok(match s {
            Some(s) => Some(serde_json::from_str(&s)?),
            None => None,
        })
    };
    Ok(AuditRecord {
        id: AuditId(r.try_get(0)?),
        at: r.try_get(1)?,
        actor: r.try_get::<Option<i64>, _>(2)?.map(UserId),
        action: r.try_get(3)?,
        entity: r.try_get(4)?,
        entity_id: r.try_get(5)?,
        before: parse(r.try_get(6)?)?,
        after: parse(r.try_get(7)?)?,
    })
}

pub(crate) async fn audit_for_entity(
    pool: &Pool,
    _ctx: &Ctx,
    entity: &str,
    entity_id: i64,
) -> R<Vec<AuditRecord>> {
    let rows = sqlx::query(
        "SELECT id, at, actor_id, action, entity, entity_id, before_json, after_json
         FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id",
    )
    .bind(entity)
    .bind(entity_id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(audit_from_row).collect()
}

pub(crate) async fn audit_recent(pool: &Pool, _ctx: &Ctx, limit: i64) -> R<Vec<AuditRecord>> {
    let rows = sqlx::query(
        "SELECT id, at, actor_id, action, entity, entity_id, before_json, after_json
         FROM audit_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit.max(0))
    .fetch_all(pool)
    .await?;
    rows.iter().map(audit_from_row).collect()
}

// ---- import ----------------------------------------------------------------------------

/// Facts about a parsed plan computed before touching the database.
struct Prepared {
    json: String,
    parsed_sha256: String,
    identity_key: Option<String>,
}

fn prepare(parsed: &ParsedPlan) -> R<Prepared> {
    let json = serde_json::to_string(parsed)?;
    let parsed_sha256 = domain::password::sha256_hex(json.as_bytes());
    let d = &parsed.document;
    // The same document re-typed or re-scanned has the same issuer, number, symbol and
    // title; without a number there is no reliable identity, so this check is skipped.
    let identity_key = d
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            format!(
                "{}|{}|{}|{}",
                domain::unit_key(d.issuer.as_deref().unwrap_or("")),
                n,
                domain::unit_key(d.symbol.as_deref().unwrap_or("")),
                domain::unit_key(&d.title)
            )
        });
    Ok(Prepared {
        json,
        parsed_sha256,
        identity_key,
    })
}

pub(crate) async fn import_plan(
    pool: &Pool,
    ctx: &Ctx,
    parsed: &ParsedPlan,
    source_name: &str,
    source_sha256: &str,
    actor: Option<UserId>,
) -> R<ImportOutcome> {
    if !parsed.is_plan() {
        return Err(not_a_plan(parsed));
    }
    let prepared = prepare(parsed)?;
    let mut tx = begin_write(pool).await?;
    let result = import_in(
        &mut tx,
        ctx,
        parsed,
        &prepared,
        source_name,
        source_sha256,
        actor,
    )
    .await;
    match result {
        Ok(ImportOutcome::Imported(id)) => {
            tx.commit().await?;
            Ok(ImportOutcome::Imported(id))
        }
        Ok(other) => Ok(other),
        Err(e) if e.is_unique_violation() => {
            // Another writer stored the same plan between our check and insert (PostgreSQL).
            drop(tx);
            let mut conn = pool.acquire().await?;
            match find_duplicate(&mut conn, &prepared, source_sha256).await? {
                Some(id) => Ok(ImportOutcome::AlreadyImported(id)),
                None => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

fn not_a_plan(parsed: &ParsedPlan) -> StoreError {
    let d = &parsed.document;
    let kind = match (&d.kind_code, d.kind.trim()) {
        (Some(code), k) if !k.is_empty() => format!("{k} ({code})"),
        (Some(code), _) => code.clone(),
        (None, k) if !k.is_empty() => k.to_string(),
        _ => "an unknown document type".to_string(),
    };
    StoreError::NotAPlan { kind }
}

async fn find_duplicate(conn: &mut Conn, p: &Prepared, source_sha256: &str) -> R<Option<PlanId>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM plans
         WHERE source_sha256 = $1 OR parsed_sha256 = $2 OR identity_key = $3
         ORDER BY id LIMIT 1",
    )
    .bind(source_sha256)
    .bind(&p.parsed_sha256)
    .bind(&p.identity_key)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.map(PlanId))
}

async fn load_abbreviations(conn: &mut Conn) -> R<domain::AbbreviationTable> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT alias, unit_name FROM unit_abbreviations ORDER BY alias_key")
            .fetch_all(&mut *conn)
            .await?;
    Ok(domain::AbbreviationTable::from_pairs(
        rows.iter().map(|(a, n)| (a.as_str(), n.as_str())),
    ))
}

/// Finds or creates the unit for a canonical name; creation is audited.
async fn ensure_unit(
    conn: &mut Conn,
    at: i64,
    cache: &mut HashMap<String, UnitId>,
    unit: &domain::CanonicalUnit,
    actor: Option<UserId>,
) -> R<UnitId> {
    if let Some(id) = cache.get(&unit.key) {
        return Ok(*id);
    }
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO units (name, folded_name, external, kind, created_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (folded_name) DO NOTHING RETURNING id",
    )
    .bind(&unit.name)
    .bind(&unit.key)
    .bind(unit.external)
    .bind(unit.kind.as_str())
    .bind(at)
    .fetch_optional(&mut *conn)
    .await?;
    let id = match inserted {
        Some(id) => {
            audit(
                conn,
                at,
                &AuditEntry::new(actor, "unit.create", "unit", Some(id)).after(json!({
                    "name": unit.name, "external": unit.external, "kind": unit.kind.as_str()
                })),
            )
            .await?;
            id
        }
        None => {
            sqlx::query_scalar("SELECT id FROM units WHERE folded_name = $1")
                .bind(&unit.key)
                .fetch_one(&mut *conn)
                .await?
        }
    };
    cache.insert(unit.key.clone(), UnitId(id));
    Ok(UnitId(id))
}

#[allow(clippy::too_many_arguments)]
async fn import_in(
    conn: &mut Conn,
    ctx: &Ctx,
    parsed: &ParsedPlan,
    prepared: &Prepared,
    source_name: &str,
    source_sha256: &str,
    actor: Option<UserId>,
) -> R<ImportOutcome> {
    let now = ctx.now();
    if let Some(id) = find_duplicate(conn, prepared, source_sha256).await? {
        return Ok(ImportOutcome::AlreadyImported(id));
    }
    let at = now;
    let table = load_abbreviations(conn).await?;
    let mut units: HashMap<String, UnitId> = HashMap::new();
    let d = &parsed.document;
    let signer = parsed.signer.as_ref();
    let plan_id: i64 = sqlx::query_scalar(
        "INSERT INTO plans (kind, kind_code, number, symbol, issuer, parent_issuer, place,
             doc_date, year, title, budget_text, signer_authority, signer_title, signer_name,
             source_name, source_sha256, parsed_sha256, identity_key, parsed_json,
             imported_at, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
             $18, $19, $20, $21)
         RETURNING id",
    )
    .bind(&d.kind)
    .bind(&d.kind_code)
    .bind(&d.number)
    .bind(&d.symbol)
    .bind(&d.issuer)
    .bind(&d.parent_issuer)
    .bind(&d.place)
    .bind(date_text(d.date))
    .bind(d.year.map(i64::from))
    .bind(&d.title)
    .bind(parsed.budget.as_ref().map(|b| b.text.as_str()))
    .bind(signer.and_then(|s| s.authority.as_deref()))
    .bind(signer.and_then(|s| s.title.as_deref()))
    .bind(signer.and_then(|s| s.name.as_deref()))
    .bind(source_name)
    .bind(source_sha256)
    .bind(&prepared.parsed_sha256)
    .bind(&prepared.identity_key)
    .bind(&prepared.json)
    .bind(at)
    .bind(actor.map(|u| u.0))
    .fetch_one(&mut *conn)
    .await?;

    for (pos, lb) in parsed.legal_basis.iter().enumerate() {
        sqlx::query(
            "INSERT INTO plan_legal_basis (plan_id, position, text, refs_json)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(plan_id)
        .bind(pos as i64)
        .bind(&lb.text)
        .bind(serde_json::to_string(&lb.refs)?)
        .execute(&mut *conn)
        .await?;
    }
    let statements = parsed
        .purposes
        .iter()
        .enumerate()
        .map(|(i, t)| ("purpose", i, t))
        .chain(
            parsed
                .requirements
                .iter()
                .enumerate()
                .map(|(i, t)| ("requirement", i, t)),
        );
    for (kind, pos, text) in statements {
        sqlx::query(
            "INSERT INTO plan_statements (plan_id, kind, position, text) VALUES ($1, $2, $3, $4)",
        )
        .bind(plan_id)
        .bind(kind)
        .bind(pos as i64)
        .bind(text)
        .execute(&mut *conn)
        .await?;
    }

    // The content tree, then each appendix's rows, depth first; `seq` is document order.
    let mut forests: Vec<(Option<i64>, &[vanban::Item])> = vec![(None, &parsed.items)];
    for (pos, a) in parsed.appendices.iter().enumerate() {
        let appendix_id: i64 = sqlx::query_scalar(
            "INSERT INTO plan_appendices (plan_id, position, label, title)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(plan_id)
        .bind(pos as i64)
        .bind(&a.label)
        .bind(&a.title)
        .fetch_one(&mut *conn)
        .await?;
        forests.push((Some(appendix_id), &a.items));
    }
    let fault = ctx.import_fault();
    let mut seq: i64 = 0;
    for (appendix_id, roots) in forests {
        // (item, parent id, depth, position among siblings)
        let mut stack: Vec<(&vanban::Item, Option<i64>, i64, i64)> = roots
            .iter()
            .enumerate()
            .rev()
            .map(|(i, it)| (it, None, 0, i as i64))
            .collect();
        while let Some((it, parent, depth, position)) = stack.pop() {
            if fault.is_some_and(|n| seq as u64 >= n) {
                return Err(StoreError::InjectedFault);
            }
            let item_id: i64 = sqlx::query_scalar(
                "INSERT INTO items (plan_id, parent_id, appendix_id, position, seq, depth,
                     numbering, title, body, source_line, added, status, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
                 RETURNING id",
            )
            .bind(plan_id)
            .bind(parent)
            .bind(appendix_id)
            .bind(position)
            .bind(seq)
            .bind(depth)
            .bind(&it.numbering)
            .bind(&it.title)
            .bind(&it.text)
            .bind(i64::try_from(it.line).ok())
            .bind(false)
            .bind(ItemStatus::NotStarted.as_str())
            .bind(at)
            .fetch_one(&mut *conn)
            .await?;
            seq += 1;

            let leads = domain::merge_units(it.lead_units.iter().map(String::as_str), &table);
            let coords: Vec<_> =
                domain::merge_units(it.coordinating_units.iter().map(String::as_str), &table)
                    .into_iter()
                    .filter(|c| !leads.iter().any(|l| l.key == c.key))
                    .collect();
            let rels = leads
                .iter()
                .map(|u| (u, UnitRelation::Lead))
                .chain(coords.iter().map(|u| (u, UnitRelation::Coordinating)));
            for (pos, (u, relation)) in rels.enumerate() {
                let unit_id = ensure_unit(conn, now, &mut units, u, actor).await?;
                sqlx::query(
                    "INSERT INTO item_units (item_id, unit_id, relation, position)
                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                )
                .bind(item_id)
                .bind(unit_id.0)
                .bind(relation.as_str())
                .bind(pos as i64)
                .execute(&mut *conn)
                .await?;
            }
            for (pos, t) in it.targets.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO targets (item_id, position, min_value, max_value, unit, per, text)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(item_id)
                .bind(pos as i64)
                .bind(t.min)
                .bind(t.max)
                .bind(&t.unit)
                .bind(&t.per)
                .bind(&t.text)
                .execute(&mut *conn)
                .await?;
            }
            for (pos, dl) in it.deadlines.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO deadlines (item_id, position, text, due, start_date, recurrence)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(item_id)
                .bind(pos as i64)
                .bind(&dl.text)
                .bind(date_text(dl.due))
                .bind(date_text(dl.start))
                .bind(&dl.recurrence)
                .execute(&mut *conn)
                .await?;
            }
            for (i, child) in it.children.iter().enumerate().rev() {
                stack.push((child, Some(item_id), depth + 1, i as i64));
            }
        }
    }

    for (pos, r) in parsed.responsibilities.iter().enumerate() {
        let canon = domain::canonical_unit(&r.unit, &table);
        let unit_id = if canon.key.is_empty() {
            None
        } else {
            Some(ensure_unit(conn, now, &mut units, &canon, actor).await?.0)
        };
        sqlx::query(
            "INSERT INTO plan_responsibilities (plan_id, position, unit_id, unit_text, duties_json)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(plan_id)
        .bind(pos as i64)
        .bind(unit_id)
        .bind(&r.unit)
        .bind(serde_json::to_string(&r.duties)?)
        .execute(&mut *conn)
        .await?;
    }
    for (pos, w) in parsed.warnings.iter().enumerate() {
        sqlx::query(
            "INSERT INTO plan_warnings (plan_id, position, line, message) VALUES ($1, $2, $3, $4)",
        )
        .bind(plan_id)
        .bind(pos as i64)
        .bind(i64::try_from(w.line).unwrap_or(0))
        .bind(&w.message)
        .execute(&mut *conn)
        .await?;
    }
    audit(
        conn,
        now,
        &AuditEntry::new(actor, "plan.import", "plan", Some(plan_id)).after(json!({
            "title": d.title,
            "number": d.number,
            "symbol": d.symbol,
            "source_name": source_name,
            "source_sha256": source_sha256,
            "items": seq,
        })),
    )
    .await?;
    super::tracking_ops::fill_items(conn, Some(PlanId(plan_id))).await?;
    Ok(ImportOutcome::Imported(PlanId(plan_id)))
}

// ---- plan reads ------------------------------------------------------------------------

macro_rules! item_cols {
    () => {
        "i.id, i.plan_id, i.parent_id, i.appendix_id, i.position, i.depth, i.numbering, \
         i.title, i.body, i.source_line, i.added, i.status, i.status_reason, i.start_date, \
         i.due_date, i.version"
    };
}

fn item_from_row(r: &DbRow) -> R<ItemRecord> {
    let status: String = r.try_get(11)?;
    Ok(ItemRecord {
        id: ItemId(r.try_get(0)?),
        plan_id: PlanId(r.try_get(1)?),
        parent_id: r.try_get::<Option<i64>, _>(2)?.map(ItemId),
        appendix_id: r.try_get(3)?,
        position: r.try_get(4)?,
        depth: r.try_get(5)?,
        numbering: r.try_get(6)?,
        title: r.try_get(7)?,
        text: r.try_get(8)?,
        source_line: r.try_get(9)?,
        added: r.try_get(10)?,
        status: ItemStatus::from_str(&status).unwrap_or_default(),
        status_reason: r.try_get(12)?,
        start: parse_date(r.try_get(13)?),
        due: parse_date(r.try_get(14)?),
        version: r.try_get(15)?,
    })
}

fn unit_ref_from(id: i64, name: String, external: bool) -> UnitRef {
    UnitRef {
        id: UnitId(id),
        name,
        external,
    }
}

fn relation(s: &str) -> UnitRelation {
    UnitRelation::from_str(s).unwrap_or(UnitRelation::Coordinating)
}

fn attach_units(att: &mut Attached, rows: Vec<DbRow>) -> R<()> {
    for r in rows {
        let item: i64 = r.try_get(0)?;
        let rel: String = r.try_get(1)?;
        att.units
            .entry(ItemId(item))
            .or_default()
            .push(ItemUnitRef {
                unit: unit_ref_from(r.try_get(2)?, r.try_get(3)?, r.try_get(4)?),
                relation: relation(&rel),
            });
    }
    Ok(())
}

fn attach_targets(att: &mut Attached, rows: Vec<DbRow>) -> R<()> {
    for r in rows {
        let item: i64 = r.try_get(0)?;
        att.targets
            .entry(ItemId(item))
            .or_default()
            .push(TargetRecord {
                id: r.try_get(1)?,
                min: r.try_get(2)?,
                max: r.try_get(3)?,
                unit: r.try_get(4)?,
                per: r.try_get(5)?,
                text: r.try_get(6)?,
            });
    }
    Ok(())
}

fn attach_deadlines(att: &mut Attached, rows: Vec<DbRow>) -> R<()> {
    for r in rows {
        let item: i64 = r.try_get(0)?;
        att.deadlines
            .entry(ItemId(item))
            .or_default()
            .push(DeadlineRecord {
                id: r.try_get(1)?,
                text: r.try_get(2)?,
                due: parse_date(r.try_get(3)?),
                start: parse_date(r.try_get(4)?),
                recurrence: r.try_get(5)?,
            });
    }
    Ok(())
}

fn plan_from_row(r: &DbRow) -> R<PlanRecord> {
    Ok(PlanRecord {
        id: PlanId(r.try_get(0)?),
        kind: r.try_get(1)?,
        kind_code: r.try_get(2)?,
        number: r.try_get(3)?,
        symbol: r.try_get(4)?,
        issuer: r.try_get(5)?,
        parent_issuer: r.try_get(6)?,
        place: r.try_get(7)?,
        date: parse_date(r.try_get(8)?),
        year: r
            .try_get::<Option<i64>, _>(9)?
            .and_then(|y| i32::try_from(y).ok()),
        title: r.try_get(10)?,
        budget_text: r.try_get(11)?,
        signer_authority: r.try_get(12)?,
        signer_title: r.try_get(13)?,
        signer_name: r.try_get(14)?,
        source_name: r.try_get(15)?,
        source_sha256: r.try_get(16)?,
        imported_at: r.try_get(17)?,
        imported_by: r.try_get::<Option<i64>, _>(18)?.map(UserId),
    })
}

pub(crate) async fn list_plans(pool: &Pool, _ctx: &Ctx) -> R<Vec<PlanSummary>> {
    let rows = sqlx::query(
        "SELECT p.id, p.kind, p.number, p.symbol, p.issuer, p.doc_date, p.year, p.title,
                (SELECT COUNT(*) FROM items i WHERE i.plan_id = p.id), p.imported_at
         FROM plans p ORDER BY COALESCE(p.year, 0) DESC, p.imported_at DESC, p.id DESC",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(PlanSummary {
                id: PlanId(r.try_get(0)?),
                kind: r.try_get(1)?,
                number: r.try_get(2)?,
                symbol: r.try_get(3)?,
                issuer: r.try_get(4)?,
                date: parse_date(r.try_get(5)?),
                year: r
                    .try_get::<Option<i64>, _>(6)?
                    .and_then(|y| i32::try_from(y).ok()),
                title: r.try_get(7)?,
                item_count: r.try_get(8)?,
                imported_at: r.try_get(9)?,
            })
        })
        .collect()
}

/// The highest audit id: changes whenever anything audited changes (primary-key lookup).
pub(crate) async fn audit_watermark(pool: &Pool, _ctx: &Ctx) -> R<i64> {
    Ok(
        sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(id) FROM audit_log")
            .fetch_one(pool)
            .await?
            .unwrap_or(0),
    )
}

/// Id and short name ("123/KH-SVHTT", else the title) of every plan, for filters: no
/// item counts, so it stays cheap with many items.
pub(crate) async fn plan_names(pool: &Pool, _ctx: &Ctx) -> R<Vec<(PlanId, String)>> {
    let rows = sqlx::query(
        "SELECT id, number, symbol, title FROM plans
         ORDER BY COALESCE(year, 0) DESC, imported_at DESC, id DESC",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let number: Option<String> = r.try_get(1)?;
            let symbol: Option<String> = r.try_get(2)?;
            let title: String = r.try_get(3)?;
            let name = match (number, symbol) {
                (Some(n), Some(s)) if !s.is_empty() => format!("{n}/{s}"),
                _ => title,
            };
            Ok((PlanId(r.try_get(0)?), name))
        })
        .collect()
}

pub(crate) async fn plan_parsed_json(pool: &Pool, _ctx: &Ctx, id: PlanId) -> R<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT parsed_json FROM plans WHERE id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await?,
    )
}

/// Ten queries whatever the plan's size: plan, items, item units, targets, deadlines,
/// legal basis, statements, appendices, responsibilities, warnings.
pub(crate) async fn plan(pool: &Pool, ctx: &Ctx, id: PlanId) -> R<Option<PlanView>> {
    let mut conn = pool.acquire().await?;
    ctx.count_view_query();
    let Some(row) = sqlx::query(
        "SELECT id, kind, kind_code, number, symbol, issuer, parent_issuer, place, doc_date,
                year, title, budget_text, signer_authority, signer_title, signer_name,
                source_name, source_sha256, imported_at, imported_by
         FROM plans WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let plan = plan_from_row(&row)?;

    ctx.count_view_query();
    let items = sqlx::query(concat!(
        "SELECT ",
        item_cols!(),
        " FROM items i WHERE i.plan_id = $1 ORDER BY i.seq"
    ))
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(item_from_row)
    .collect::<R<Vec<_>>>()?;

    let mut att = Attached::default();
    ctx.count_view_query();
    attach_units(
        &mut att,
        sqlx::query(
            "SELECT iu.item_id, iu.relation, u.id, u.name, u.external
             FROM item_units iu
             JOIN items i ON i.id = iu.item_id
             JOIN units u ON u.id = iu.unit_id
             WHERE i.plan_id = $1
             ORDER BY iu.item_id, iu.relation DESC, iu.position",
        )
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?,
    )?;
    ctx.count_view_query();
    attach_targets(
        &mut att,
        sqlx::query(
            "SELECT t.item_id, t.id, t.min_value, t.max_value, t.unit, t.per, t.text
             FROM targets t JOIN items i ON i.id = t.item_id
             WHERE i.plan_id = $1 ORDER BY t.item_id, t.position",
        )
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?,
    )?;
    ctx.count_view_query();
    attach_deadlines(
        &mut att,
        sqlx::query(
            "SELECT d.item_id, d.id, d.text, d.due, d.start_date, d.recurrence
             FROM deadlines d JOIN items i ON i.id = d.item_id
             WHERE i.plan_id = $1 ORDER BY d.item_id, d.position",
        )
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?,
    )?;

    ctx.count_view_query();
    let legal_basis = sqlx::query_as::<_, (String, String)>(
        "SELECT text, refs_json FROM plan_legal_basis WHERE plan_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(text, refs)| {
        Ok(LegalBasisRecord {
            text,
            refs: serde_json::from_str(&refs)?,
        })
    })
    .collect::<R<Vec<_>>>()?;

    ctx.count_view_query();
    let statements: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, text FROM plan_statements WHERE plan_id = $1 ORDER BY kind, position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut purposes = Vec::new();
    let mut requirements = Vec::new();
    for (kind, text) in statements {
        if kind == "purpose" {
            purposes.push(text);
        } else {
            requirements.push(text);
        }
    }

    ctx.count_view_query();
    let appendix_rows: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT id, label, title FROM plan_appendices WHERE plan_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;

    ctx.count_view_query();
    let responsibilities = sqlx::query(
        "SELECT r.unit_text, r.duties_json, u.id, u.name, u.external
         FROM plan_responsibilities r LEFT JOIN units u ON u.id = r.unit_id
         WHERE r.plan_id = $1 ORDER BY r.position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let duties: String = r.try_get(1)?;
        let unit = match r.try_get::<Option<i64>, _>(2)? {
            Some(uid) => Some(unit_ref_from(uid, r.try_get(3)?, r.try_get(4)?)),
            None => None,
        };
        Ok(ResponsibilityRecord {
            unit,
            unit_text: r.try_get(0)?,
            duties: serde_json::from_str(&duties)?,
        })
    })
    .collect::<R<Vec<_>>>()?;

    ctx.count_view_query();
    let warnings: Vec<(i64, String)> = sqlx::query_as(
        "SELECT line, message FROM plan_warnings WHERE plan_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;

    let mut roots = build_forest(items, &mut att);
    let mut appendices: Vec<AppendixView> = appendix_rows
        .into_iter()
        .map(|(id, label, title)| AppendixView {
            id,
            label,
            title,
            items: Vec::new(),
        })
        .collect();
    let mut main = Vec::new();
    for node in roots.drain(..) {
        match node.item.appendix_id {
            Some(a) => match appendices.iter_mut().find(|x| x.id == a) {
                Some(app) => app.items.push(node),
                None => main.push(node),
            },
            None => main.push(node),
        }
    }

    Ok(Some(PlanView {
        plan,
        legal_basis,
        purposes,
        requirements,
        items: main,
        appendices,
        responsibilities,
        warnings: warnings
            .into_iter()
            .map(|(line, message)| WarningRecord { line, message })
            .collect(),
    }))
}

macro_rules! subtree {
    () => {
        "WITH RECURSIVE sub(id) AS (
             SELECT id FROM items WHERE id = $1
             UNION ALL
             SELECT c.id FROM items c JOIN sub s ON c.parent_id = s.id
         ) "
    };
}

/// Six queries: the item with its plan title, ancestors, the sub-tree, and the units,
/// targets and deadlines of the sub-tree.
pub(crate) async fn item(pool: &Pool, ctx: &Ctx, id: ItemId) -> R<Option<ItemView>> {
    let mut conn = pool.acquire().await?;
    ctx.count_view_query();
    let Some(row) = sqlx::query(concat!(
        "SELECT ",
        item_cols!(),
        ", p.title FROM items i JOIN plans p ON p.id = i.plan_id WHERE i.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let plan_title: String = row.try_get(16)?;
    let plan_id = PlanId(row.try_get(1)?);

    ctx.count_view_query();
    let ancestors = sqlx::query(concat!(
        "WITH RECURSIVE anc(id, lvl) AS (
             SELECT parent_id, 1 FROM items WHERE id = $1 AND parent_id IS NOT NULL
             UNION ALL
             SELECT p.parent_id, a.lvl + 1 FROM items p JOIN anc a ON p.id = a.id
             WHERE p.parent_id IS NOT NULL
         ) SELECT ",
        item_cols!(),
        " FROM items i JOIN anc a ON a.id = i.id ORDER BY a.lvl DESC"
    ))
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(item_from_row)
    .collect::<R<Vec<_>>>()?;

    ctx.count_view_query();
    let items = sqlx::query(concat!(
        subtree!(),
        "SELECT ",
        item_cols!(),
        " FROM items i WHERE i.id IN (SELECT id FROM sub) ORDER BY i.seq"
    ))
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(item_from_row)
    .collect::<R<Vec<_>>>()?;

    let mut att = Attached::default();
    ctx.count_view_query();
    attach_units(
        &mut att,
        sqlx::query(concat!(
            subtree!(),
            "SELECT iu.item_id, iu.relation, u.id, u.name, u.external
             FROM item_units iu JOIN units u ON u.id = iu.unit_id
             WHERE iu.item_id IN (SELECT id FROM sub)
             ORDER BY iu.item_id, iu.relation DESC, iu.position"
        ))
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?,
    )?;
    ctx.count_view_query();
    attach_targets(
        &mut att,
        sqlx::query(concat!(
            subtree!(),
            "SELECT t.item_id, t.id, t.min_value, t.max_value, t.unit, t.per, t.text
             FROM targets t WHERE t.item_id IN (SELECT id FROM sub)
             ORDER BY t.item_id, t.position"
        ))
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?,
    )?;
    ctx.count_view_query();
    attach_deadlines(
        &mut att,
        sqlx::query(concat!(
            subtree!(),
            "SELECT d.item_id, d.id, d.text, d.due, d.start_date, d.recurrence
             FROM deadlines d WHERE d.item_id IN (SELECT id FROM sub)
             ORDER BY d.item_id, d.position"
        ))
        .bind(id.0)
        .fetch_all(&mut *conn)
        .await?,
    )?;

    let mut forest = build_forest(items, &mut att);
    let Some(pos) = forest.iter().position(|n| n.item.id == id) else {
        return Ok(None);
    };
    let node = forest.swap_remove(pos);
    Ok(Some(ItemView {
        plan_id,
        plan_title,
        item: node.item,
        ancestors,
        units: node.units,
        targets: node.targets,
        deadlines: node.deadlines,
        children: node.children,
    }))
}

// ---- units -----------------------------------------------------------------------------

fn unit_from_row(r: &DbRow) -> R<Unit> {
    let kind: String = r.try_get(4)?;
    Ok(Unit {
        id: UnitId(r.try_get(0)?),
        name: r.try_get(1)?,
        key: r.try_get(2)?,
        external: r.try_get(3)?,
        kind: UnitKind::parse(&kind),
    })
}

pub(crate) async fn list_units(pool: &Pool, _ctx: &Ctx) -> R<Vec<Unit>> {
    let mut units = sqlx::query("SELECT id, name, folded_name, external, kind FROM units")
        .fetch_all(pool)
        .await?
        .iter()
        .map(unit_from_row)
        .collect::<R<Vec<_>>>()?;
    // Sorted here: the two engines collate text differently.
    units.sort_by(|a, b| (a.external, &a.key).cmp(&(b.external, &b.key)));
    Ok(units)
}

pub(crate) async fn unit(pool: &Pool, ctx: &Ctx, id: UnitId) -> R<Option<UnitView>> {
    let mut conn = pool.acquire().await?;
    ctx.count_view_query();
    let Some(row) =
        sqlx::query("SELECT id, name, folded_name, external, kind FROM units WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let unit = unit_from_row(&row)?;
    ctx.count_view_query();
    let rows = sqlx::query(
        "SELECT iu.relation, i.id, i.plan_id, p.title, i.numbering, i.title
         FROM item_units iu
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
    for r in &rows {
        let rel: String = r.try_get(0)?;
        let it = UnitItem {
            item_id: ItemId(r.try_get(1)?),
            plan_id: PlanId(r.try_get(2)?),
            plan_title: r.try_get(3)?,
            numbering: r.try_get(4)?,
            title: r.try_get(5)?,
        };
        match relation(&rel) {
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
    let mut found = Vec::new();
    for id in [from, into] {
        let row: Option<(String, bool)> =
            sqlx::query_as("SELECT name, external FROM units WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
        match row {
            Some(r) => found.push(r),
            None => return Err(StoreError::NotFound(format!("unit {id}"))),
        }
    }
    sqlx::query(
        "INSERT INTO item_units (item_id, unit_id, relation, position)
         SELECT item_id, $2, relation, position FROM item_units WHERE unit_id = $1
         ON CONFLICT DO NOTHING",
    )
    .bind(from.0)
    .bind(into.0)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM item_units WHERE unit_id = $1")
        .bind(from.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO user_units (user_id, unit_id)
         SELECT user_id, $2 FROM user_units WHERE unit_id = $1
         ON CONFLICT DO NOTHING",
    )
    .bind(from.0)
    .bind(into.0)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM user_units WHERE unit_id = $1")
        .bind(from.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE plan_responsibilities SET unit_id = $2 WHERE unit_id = $1")
        .bind(from.0)
        .bind(into.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE units SET parent_id = $2 WHERE parent_id = $1")
        .bind(from.0)
        .bind(into.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM units WHERE id = $1")
        .bind(from.0)
        .execute(&mut *tx)
        .await?;
    let (from_name, from_ext) = &found[0];
    let (into_name, _) = &found[1];
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

pub(crate) async fn abbreviations(pool: &Pool, _ctx: &Ctx) -> R<Vec<Abbreviation>> {
    let mut rows: Vec<(String, String)> =
        sqlx::query_as("SELECT alias, unit_name FROM unit_abbreviations")
            .fetch_all(pool)
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
    let key = domain::unit_key(&alias);
    if key.is_empty() || domain::unit_key(&unit_name).is_empty() {
        return Err(StoreError::Invalid(
            "an abbreviation needs an alias and a unit name".into(),
        ));
    }
    let mut tx = begin_write(pool).await?;
    let before: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, alias, unit_name FROM unit_abbreviations WHERE alias_key = $1")
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO unit_abbreviations (alias, alias_key, unit_name, updated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (alias_key) DO UPDATE
             SET alias = excluded.alias, unit_name = excluded.unit_name,
                 updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(&alias)
    .bind(&key)
    .bind(&unit_name)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let mut entry = AuditEntry::new(actor, "abbreviation.set", "abbreviation", Some(id))
        .after(json!({ "alias": alias, "unit_name": unit_name }));
    if let Some((_, a, n)) = before {
        entry = entry.before(json!({ "alias": a, "unit_name": n }));
    }
    audit(&mut tx, now, &entry).await?;
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
    let key = domain::unit_key(alias);
    let mut tx = begin_write(pool).await?;
    let before: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, alias, unit_name FROM unit_abbreviations WHERE alias_key = $1")
            .bind(&key)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((id, a, n)) = before else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM unit_abbreviations WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "abbreviation.delete", "abbreviation", Some(id))
            .before(json!({ "alias": a, "unit_name": n })),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

// ---- users -----------------------------------------------------------------------------

fn normalise_login(login: &str) -> String {
    login.trim().to_lowercase()
}

macro_rules! user_cols {
    () => {
        "u.id, u.login, u.display_name, u.password_hash, u.must_change_password, u.language, \
         u.active, u.created_at"
    };
}

fn user_from_row(r: &DbRow, off: usize) -> R<UserRecord> {
    let lang: String = r.try_get(off + 5)?;
    Ok(UserRecord {
        id: UserId(r.try_get(off)?),
        login: r.try_get(off + 1)?,
        display_name: r.try_get(off + 2)?,
        password_hash: r.try_get(off + 3)?,
        must_change_password: r.try_get(off + 4)?,
        language: Language::from_str(&lang).unwrap_or_default(),
        active: r.try_get(off + 6)?,
        roles: Vec::new(),
        units: Vec::new(),
        created_at: r.try_get(off + 7)?,
    })
}

/// Fills roles and units of one user (two queries).
async fn fill_user(conn: &mut Conn, u: &mut UserRecord) -> R<()> {
    let roles: Vec<String> =
        sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
            .bind(u.id.0)
            .fetch_all(&mut *conn)
            .await?;
    u.roles = roles
        .iter()
        .filter_map(|r| Role::from_str(r).ok())
        .collect();
    u.roles.sort();
    let units: Vec<(i64, String, bool)> = sqlx::query_as(
        "SELECT un.id, un.name, un.external FROM user_units uu
         JOIN units un ON un.id = uu.unit_id WHERE uu.user_id = $1 ORDER BY un.folded_name",
    )
    .bind(u.id.0)
    .fetch_all(&mut *conn)
    .await?;
    u.units = units
        .into_iter()
        .map(|(id, name, ext)| unit_ref_from(id, name, ext))
        .collect();
    u.units.sort_by_cached_key(|x| domain::unit_key(&x.name));
    Ok(())
}

async fn user_in(conn: &mut Conn, id: UserId) -> R<Option<UserRecord>> {
    let row = sqlx::query(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users u WHERE u.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => {
            let mut u = user_from_row(&r, 0)?;
            fill_user(conn, &mut u).await?;
            Ok(Some(u))
        }
        None => Ok(None),
    }
}

pub(crate) async fn user(pool: &Pool, _ctx: &Ctx, id: UserId) -> R<Option<UserRecord>> {
    user_in(&mut *pool.acquire().await?, id).await
}

pub(crate) async fn user_by_login(pool: &Pool, _ctx: &Ctx, login: &str) -> R<Option<UserRecord>> {
    let mut conn = pool.acquire().await?;
    let row = sqlx::query(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users u WHERE u.login = $1"
    ))
    .bind(normalise_login(login))
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => {
            let mut u = user_from_row(&r, 0)?;
            fill_user(&mut conn, &mut u).await?;
            Ok(Some(u))
        }
        None => Ok(None),
    }
}

/// Three queries for all users.
pub(crate) async fn list_users(pool: &Pool, _ctx: &Ctx) -> R<Vec<UserRecord>> {
    let mut conn = pool.acquire().await?;
    let mut users = sqlx::query(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users u ORDER BY u.login"
    ))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| user_from_row(r, 0))
    .collect::<R<Vec<_>>>()?;
    let roles: Vec<(i64, String)> =
        sqlx::query_as("SELECT user_id, role FROM user_roles ORDER BY user_id, role")
            .fetch_all(&mut *conn)
            .await?;
    let units: Vec<(i64, i64, String, bool)> = sqlx::query_as(
        "SELECT uu.user_id, un.id, un.name, un.external FROM user_units uu
         JOIN units un ON un.id = uu.unit_id ORDER BY uu.user_id, un.folded_name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let index: HashMap<i64, usize> = users.iter().enumerate().map(|(i, u)| (u.id.0, i)).collect();
    for (uid, role) in roles {
        if let (Some(&i), Ok(r)) = (index.get(&uid), Role::from_str(&role)) {
            users[i].roles.push(r);
        }
    }
    for (uid, id, name, ext) in units {
        if let Some(&i) = index.get(&uid) {
            users[i].units.push(unit_ref_from(id, name, ext));
        }
    }
    for u in &mut users {
        u.roles.sort();
        u.units.sort_by_cached_key(|x| domain::unit_key(&x.name));
    }
    users.sort_by(|a, b| a.login.cmp(&b.login));
    Ok(users)
}

async fn write_roles_and_units(
    conn: &mut Conn,
    user: UserId,
    roles: &[Role],
    unit_ids: &[UnitId],
) -> R<()> {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    for r in roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(user.0)
            .bind(r.as_str())
            .execute(&mut *conn)
            .await?;
    }
    let mut units = unit_ids.to_vec();
    units.sort();
    units.dedup();
    for u in units {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE id = $1")
            .bind(u.0)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("unit {u}")));
        }
        sqlx::query("INSERT INTO user_units (user_id, unit_id) VALUES ($1, $2)")
            .bind(user.0)
            .bind(u.0)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

fn roles_json(roles: &[Role]) -> serde_json::Value {
    json!(roles.iter().map(|r| r.as_str()).collect::<Vec<_>>())
}

fn units_json(units: &[UnitId]) -> serde_json::Value {
    json!(units.iter().map(|u| u.0).collect::<Vec<_>>())
}

async fn create_user_in(
    conn: &mut Conn,
    at: i64,
    new: &NewUser,
    actor: Option<UserId>,
) -> R<UserId> {
    let login = normalise_login(&new.login);
    if login.is_empty() || login.chars().any(char::is_whitespace) {
        return Err(StoreError::Invalid(
            "a login must be non-empty and contain no spaces".into(),
        ));
    }
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE login = $1")
        .bind(&login)
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Err(StoreError::LoginTaken(login));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (login, display_name, password_hash, must_change_password, language,
             active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) RETURNING id",
    )
    .bind(&login)
    .bind(new.display_name.trim())
    .bind(&new.password_hash)
    .bind(new.must_change_password)
    .bind(new.language.as_str())
    .bind(at)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match StoreError::from(e) {
        e if e.is_unique_violation() => StoreError::LoginTaken(login.clone()),
        e => e,
    })?;
    let user = UserId(id);
    write_roles_and_units(conn, user, &new.roles, &new.unit_ids).await?;
    audit(
        conn,
        at,
        &AuditEntry::new(actor, "user.create", "user", Some(id)).after(json!({
            "login": login,
            "display_name": new.display_name.trim(),
            "language": new.language.as_str(),
            "must_change_password": new.must_change_password,
            "roles": roles_json(&new.roles),
            "units": units_json(&new.unit_ids),
        })),
    )
    .await?;
    Ok(user)
}

pub(crate) async fn create_user(
    pool: &Pool,
    ctx: &Ctx,
    new: &NewUser,
    actor: Option<UserId>,
) -> R<UserId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = create_user_in(&mut tx, now, new, actor).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn set_password(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    hash: &str,
    must_change: bool,
    actor: Option<UserId>,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let n = sqlx::query(
        "UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3
         WHERE id = $4",
    )
    .bind(hash)
    .bind(must_change)
    .bind(now)
    .bind(user.0)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::NotFound(format!("user {user}")));
    }
    // The hash itself never goes into the log.
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "user.password", "user", Some(user.0))
            .after(json!({ "must_change_password": must_change })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_user_language(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    lang: Language,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before: Option<String> = sqlx::query_scalar("SELECT language FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(before) = before else {
        return Err(StoreError::NotFound(format!("user {user}")));
    };
    if before == lang.as_str() {
        return Ok(());
    }
    sqlx::query("UPDATE users SET language = $1, updated_at = $2 WHERE id = $3")
        .bind(lang.as_str())
        .bind(now)
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "user.language", "user", Some(user.0))
            .before(json!({ "language": before }))
            .after(json!({ "language": lang.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_user_roles_and_units(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    roles: &[Role],
    unit_ids: &[UnitId],
    actor: Option<UserId>,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let Some(before) = user_in(&mut tx, user).await? else {
        return Err(StoreError::NotFound(format!("user {user}")));
    };
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM user_units WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    write_roles_and_units(&mut tx, user, roles, unit_ids).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "user.roles_units", "user", Some(user.0))
            .before(json!({
                "roles": roles_json(&before.roles),
                "units": units_json(&before.unit_ids()),
            }))
            .after(json!({ "roles": roles_json(roles), "units": units_json(unit_ids) })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_user_active(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    active: bool,
    actor: Option<UserId>,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before: Option<bool> = sqlx::query_scalar("SELECT active FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(before) = before else {
        return Err(StoreError::NotFound(format!("user {user}")));
    };
    sqlx::query("UPDATE users SET active = $1, updated_at = $2 WHERE id = $3")
        .bind(active)
        .bind(now)
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
    }
    audit(
        &mut tx,
        now,
        &AuditEntry::new(actor, "user.active", "user", Some(user.0))
            .before(json!({ "active": before }))
            .after(json!({ "active": active })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---- sessions --------------------------------------------------------------------------

pub(crate) async fn create_session(
    pool: &Pool,
    ctx: &Ctx,
    token_hash: &str,
    user: UserId,
    csrf_token: &str,
    expires_at: i64,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let at = now;
    sqlx::query(
        "INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at, last_seen)
         VALUES ($1, $2, $3, $4, $5, $4)",
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(csrf_token)
    .bind(at)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "user.sign_in", "user", Some(user.0))
            .after(json!({ "expires_at": expires_at })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Three queries: session joined with its user, then roles and units.
pub(crate) async fn session(
    pool: &Pool,
    _ctx: &Ctx,
    token_hash: &str,
    now: i64,
) -> R<Option<SessionRecord>> {
    let mut conn = pool.acquire().await?;
    let row = sqlx::query(concat!(
        "SELECT s.csrf_token, s.created_at, s.expires_at, s.last_seen, ",
        user_cols!(),
        " FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.expires_at > $2 AND u.active = TRUE"
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let mut user = user_from_row(&r, 4)?;
    fill_user(&mut conn, &mut user).await?;
    Ok(Some(SessionRecord {
        user,
        csrf_token: r.try_get(0)?,
        created_at: r.try_get(1)?,
        expires_at: r.try_get(2)?,
        last_seen: r.try_get(3)?,
    }))
}

pub(crate) async fn delete_session(pool: &Pool, ctx: &Ctx, token_hash: &str) -> R<bool> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let user: Option<i64> =
        sqlx::query_scalar("DELETE FROM sessions WHERE id = $1 RETURNING user_id")
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(user) = user else {
        return Ok(false);
    };
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(UserId(user)), "user.sign_out", "user", Some(user)),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

pub(crate) async fn delete_user_sessions(pool: &Pool, ctx: &Ctx, user: UserId) -> R<u64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let n = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    audit(
        &mut tx,
        now,
        &AuditEntry::new(None, "user.sessions_revoked", "user", Some(user.0))
            .after(json!({ "sessions": n })),
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

pub(crate) async fn touch_session(
    pool: &Pool,
    _ctx: &Ctx,
    token_hash: &str,
    now: i64,
    expires_at: Option<i64>,
) -> R<()> {
    sqlx::query(
        "UPDATE sessions SET last_seen = $1, expires_at = COALESCE($2, expires_at) WHERE id = $3",
    )
    .bind(now)
    .bind(expires_at)
    .bind(token_hash)
    .execute(pool)
    .await?;
    Ok(())
}

pub(crate) async fn delete_expired_sessions(pool: &Pool, _ctx: &Ctx, now: i64) -> R<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected())
}

// ---- sign-in throttle ------------------------------------------------------------------

pub(crate) async fn record_login_failure(
    pool: &Pool,
    _ctx: &Ctx,
    login: &str,
    address: &str,
    at: i64,
) -> R<()> {
    sqlx::query("INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3)")
        .bind(normalise_login(login))
        .bind(address)
        .bind(at)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn login_failures_since(
    pool: &Pool,
    _ctx: &Ctx,
    login: &str,
    address: &str,
    since: i64,
) -> R<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM login_failures WHERE login = $1 AND address = $2 AND at >= $3",
    )
    .bind(normalise_login(login))
    .bind(address)
    .bind(since)
    .fetch_one(pool)
    .await?)
}

pub(crate) async fn clear_login_failures(
    pool: &Pool,
    _ctx: &Ctx,
    login: &str,
    address: &str,
) -> R<()> {
    sqlx::query("DELETE FROM login_failures WHERE login = $1 AND address = $2")
        .bind(normalise_login(login))
        .bind(address)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn prune_login_failures(pool: &Pool, _ctx: &Ctx, before: i64) -> R<u64> {
    Ok(sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(before)
        .execute(pool)
        .await?
        .rows_affected())
}

// ---- first start -----------------------------------------------------------------------

pub(crate) const ADMIN_LOGIN: &str = "admin";

pub(crate) async fn bootstrap(
    pool: &Pool,
    ctx: &Ctx,
    seed: &ParsedPlan,
    seed_name: &str,
    seed_sha256: &str,
    admin_hash: &str,
) -> R<Option<(PlanId, String)>> {
    if !seed.is_plan() {
        return Err(not_a_plan(seed));
    }
    let prepared = prepare(seed)?;
    let mut tx = begin_write(pool).await?;
    let result = bootstrap_in(
        &mut tx,
        ctx,
        seed,
        &prepared,
        seed_name,
        seed_sha256,
        admin_hash,
    )
    .await;
    let result = match result {
        Ok(Some(done)) => tx
            .commit()
            .await
            .map(|_| Some(done))
            .map_err(StoreError::from),
        other => other,
    };
    match result {
        // PostgreSQL: another server bootstrapped at the same moment and won.
        Err(e) if e.is_unique_violation() => Ok(None),
        other => other,
    }
}

async fn bootstrap_in(
    conn: &mut Conn,
    ctx: &Ctx,
    seed: &ParsedPlan,
    prepared: &Prepared,
    seed_name: &str,
    seed_sha256: &str,
    admin_hash: &str,
) -> R<Option<(PlanId, String)>> {
    let now = ctx.now();
    // Checked again under the write lock: two servers starting together bootstrap once.
    if !is_empty_in(conn).await? {
        return Ok(None);
    }
    let plan_id = import_in(conn, ctx, seed, prepared, seed_name, seed_sha256, None)
        .await?
        .plan_id();
    let new = NewUser {
        login: ADMIN_LOGIN.to_string(),
        display_name: "Quản trị hệ thống".to_string(),
        password_hash: admin_hash.to_string(),
        must_change_password: true,
        language: Language::Vi,
        roles: vec![Role::Admin],
        unit_ids: Vec::new(),
    };
    create_user_in(conn, now, &new, None).await?;
    Ok(Some((plan_id, ADMIN_LOGIN.to_string())))
}

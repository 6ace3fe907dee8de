//! Importing a parsed plan in one transaction: duplicate checks, units through the alias
//! table, the item tree, targets and deadlines.

use super::tx::{audit, date_text};
use super::units::load_abbreviations;
use super::{Conn, Pool, R, begin_write};
use crate::model::*;
use crate::{Ctx, StoreError};
use domain::{ItemStatus, PlanId, UnitId, UnitRelation, UserId};
use serde_json::json;
use std::collections::HashMap;
use vanban::ParsedPlan;

/// Facts about a parsed plan computed before touching the database.
pub(crate) struct Prepared {
    json: String,
    parsed_sha256: String,
    identity_key: Option<String>,
}

pub(crate) fn prepare(parsed: &ParsedPlan) -> R<Prepared> {
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

pub(crate) fn not_a_plan(parsed: &ParsedPlan) -> StoreError {
    let d = &parsed.document;
    let kind = match (&d.kind_code, d.kind.trim()) {
        (Some(code), k) if !k.is_empty() => format!("{k} ({code})"),
        (Some(code), _) => code.clone(),
        (None, k) if !k.is_empty() => k.to_string(),
        _ => "an unknown document type".to_string(),
    };
    StoreError::NotAPlan { kind }
}

pub(crate) async fn find_duplicate(
    conn: &mut Conn,
    p: &Prepared,
    source_sha256: &str,
) -> R<Option<PlanId>> {
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

/// Finds or creates the unit for a canonical name; creation is audited.
pub(crate) async fn ensure_unit(
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
pub(crate) async fn import_in(
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
    super::items::fill_items(conn, Some(PlanId(plan_id))).await?;
    Ok(ImportOutcome::Imported(PlanId(plan_id)))
}

// ---- plan reads ------------------------------------------------------------------------

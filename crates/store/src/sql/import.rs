//! Importing a parsed plan in one transaction: duplicate checks, units through the alias
//! table, the item tree, targets and deadlines.

use super::tx::{audit, date_text};
use super::units::load_abbreviations;
use super::{Conn, Pool, R, begin_write};
use crate::draft_model::FundingLine;
use crate::model::*;
use crate::{Ctx, StoreError};
use domain::counting::suggest::{TargetWording, counting_rule_for};
use domain::{ItemId, ItemStatus, PlanId, UnitId, UnitRelation, UserId};
use serde_json::json;
use std::collections::HashMap;
use vanban::ParsedPlan;

/// Facts about a parsed plan computed before touching the database.
pub(crate) struct Prepared {
    json: String,
    parsed_sha256: String,
    identity_key: Option<String>,
}

/// The same document re-typed or re-scanned has the same issuer, number, symbol and
/// title; without a number there is no reliable identity, so this check is skipped.
pub(crate) fn identity_key(
    issuer: Option<&str>,
    number: Option<&str>,
    symbol: Option<&str>,
    title: &str,
) -> Option<String> {
    number.map(str::trim).filter(|n| !n.is_empty()).map(|n| {
        format!(
            "{}|{}|{}|{}",
            domain::unit_key(issuer.unwrap_or("")),
            n,
            domain::unit_key(symbol.unwrap_or("")),
            domain::unit_key(title)
        )
    })
}

pub(crate) fn prepare(parsed: &ParsedPlan) -> R<Prepared> {
    let json = serde_json::to_string(parsed)?;
    let parsed_sha256 = domain::password::sha256_hex(json.as_bytes());
    let d = &parsed.document;
    let identity_key = identity_key(
        d.issuer.as_deref(),
        d.number.as_deref(),
        d.symbol.as_deref(),
        &d.title,
    );
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
    funding: &[FundingLine],
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
        (parsed, funding),
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
            let mut conn = pool.read.acquire().await?;
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

/// The units an import names: canonicalised through the alias table, found or created
/// once each (creation audited at the import's time, by its actor).
pub(crate) struct UnitResolver {
    table: domain::AbbreviationTable,
    found: HashMap<String, UnitId>,
    at: i64,
    actor: Option<UserId>,
}

impl UnitResolver {
    /// Resolves through the alias table as it stands in the transaction.
    pub(crate) async fn new(conn: &mut Conn, at: i64, actor: Option<UserId>) -> R<UnitResolver> {
        Ok(UnitResolver {
            table: load_abbreviations(conn).await?,
            found: HashMap::new(),
            at,
            actor,
        })
    }

    async fn resolve(&mut self, conn: &mut Conn, unit: &domain::CanonicalUnit) -> R<UnitId> {
        ensure_unit(conn, self.at, &mut self.found, unit, self.actor).await
    }

    /// A unit as a document writes it, through the alias table.
    pub(super) async fn resolve_name(&mut self, conn: &mut Conn, name: &str) -> R<UnitId> {
        let canon = domain::canonical_unit(name, &self.table);
        self.resolve(conn, &canon).await
    }
}

#[allow(clippy::too_many_arguments)]
/// Imports `parsed` with its reviewed `funding` lines (the plan's funding sources).
pub(crate) async fn import_in(
    conn: &mut Conn,
    ctx: &Ctx,
    (parsed, funding): (&ParsedPlan, &[FundingLine]),
    prepared: &Prepared,
    source_name: &str,
    source_sha256: &str,
    actor: Option<UserId>,
) -> R<ImportOutcome> {
    let now = ctx.now();
    if let Some(id) = find_duplicate(conn, prepared, source_sha256).await? {
        return Ok(ImportOutcome::AlreadyImported(id));
    }
    let mut units = UnitResolver::new(conn, now, actor).await?;
    let source = (source_name, source_sha256);
    let plan_id = insert_plan(conn, parsed, prepared, source, now, actor).await?;
    insert_statements(conn, plan_id, parsed).await?;
    let forests = insert_appendices(conn, plan_id, parsed).await?;
    let fault = ctx.import_fault();
    let mut seq: i64 = 0;
    for (appendix_id, roots) in forests {
        let tree = Tree {
            plan_id,
            appendix_id,
            year: parsed.document.year,
            fault,
        };
        insert_forest(conn, &tree, roots, &mut seq, &mut units).await?;
    }
    insert_responsibilities(conn, plan_id, parsed, &mut units).await?;
    let year = plan_year(parsed, ctx);
    let who = (now, actor);
    super::funding::insert_imported(conn, PlanId(plan_id), year, funding, &mut units, who).await?;
    super::effective_units::refresh_plan(conn, PlanId(plan_id)).await?;
    insert_warnings(conn, plan_id, parsed).await?;
    let d = &parsed.document;
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

/// The year a plan is for: as the document states it, else its date's, else this year.
fn plan_year(parsed: &ParsedPlan, ctx: &Ctx) -> i64 {
    let d = &parsed.document;
    let year = d.year.or(d.date.map(|x| chrono::Datelike::year(&x)));
    i64::from(year.unwrap_or_else(|| {
        chrono::Datelike::year(&domain::oversight::vietnam_today(ctx.now_utc()))
    }))
}

/// The plan's row; `source` is the file's name and SHA-256.
async fn insert_plan(
    conn: &mut Conn,
    parsed: &ParsedPlan,
    prepared: &Prepared,
    (source_name, source_sha256): (&str, &str),
    at: i64,
    actor: Option<UserId>,
) -> R<i64> {
    let d = &parsed.document;
    let signer = parsed.signer.as_ref();
    Ok(sqlx::query_scalar(
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
    .await?)
}

/// The legal basis, purposes and requirements, in order.
async fn insert_statements(conn: &mut Conn, plan_id: i64, parsed: &ParsedPlan) -> R<()> {
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
    Ok(())
}

/// The appendices' rows; returns the forests to insert: the content tree, then each
/// appendix's rows (with the appendix id).
async fn insert_appendices<'p>(
    conn: &mut Conn,
    plan_id: i64,
    parsed: &'p ParsedPlan,
) -> R<Vec<(Option<i64>, &'p [vanban::Item])>> {
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
    Ok(forests)
}

/// Where a forest goes: its plan, its appendix (if any), the plan's year (the window of
/// the counting rules its targets get), and the test hook that fails the import after that
/// many items.
pub(crate) struct Tree {
    pub(crate) plan_id: i64,
    pub(crate) appendix_id: Option<i64>,
    pub(crate) year: Option<i32>,
    pub(crate) fault: Option<u64>,
}

/// One item's place in its tree.
pub(crate) struct Place {
    pub(crate) parent: Option<i64>,
    pub(crate) depth: i64,
    /// Among siblings, from 0.
    pub(crate) position: i64,
}

/// Inserts a forest depth first; `seq` counts items in document order across forests.
async fn insert_forest(
    conn: &mut Conn,
    tree: &Tree,
    roots: &[vanban::Item],
    seq: &mut i64,
    units: &mut UnitResolver,
) -> R<()> {
    let mut stack: Vec<(&vanban::Item, Place)> = roots
        .iter()
        .enumerate()
        .rev()
        .map(|(i, it)| {
            let place = Place {
                parent: None,
                depth: 0,
                position: i as i64,
            };
            (it, place)
        })
        .collect();
    while let Some((it, place)) = stack.pop() {
        if tree.fault.is_some_and(|n| *seq as u64 >= n) {
            return Err(StoreError::InjectedFault);
        }
        let item_id = insert_item(conn, tree, &place, *seq, it, units.at).await?;
        *seq += 1;
        insert_item_units(conn, item_id, it, units).await?;
        insert_targets_and_deadlines(conn, item_id, it, tree.year).await?;
        for (i, child) in it.children.iter().enumerate().rev() {
            let place = Place {
                parent: Some(item_id),
                depth: place.depth + 1,
                position: i as i64,
            };
            stack.push((child, place));
        }
    }
    Ok(())
}

/// A bullet ("-", "+") is the document's list mark, not the item's number: it is kept in
/// the item's text, where the document has it, and left out of its numbering and title, so
/// that headings, tab titles and exports do not show "- Tham mưu…". Migration 0012 fixed
/// the items imported before.
pub(crate) fn without_bullet(it: &vanban::Item) -> (Option<&str>, &str, String) {
    let title = vanban::strip_bullets(&it.title);
    match it.numbering.as_deref() {
        Some(b) if vanban::is_bullet(b) => (None, title, format!("{} {}", b.trim(), it.text)),
        numbering => (numbering, title, it.text.clone()),
    }
}

pub(crate) async fn insert_item(
    conn: &mut Conn,
    tree: &Tree,
    place: &Place,
    seq: i64,
    it: &vanban::Item,
    at: i64,
) -> R<i64> {
    let (numbering, title, body) = without_bullet(it);
    Ok(sqlx::query_scalar(
        "INSERT INTO items (plan_id, parent_id, appendix_id, position, seq, depth,
             numbering, title, body, source_line, added, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
         RETURNING id",
    )
    .bind(tree.plan_id)
    .bind(place.parent)
    .bind(tree.appendix_id)
    .bind(place.position)
    .bind(seq)
    .bind(place.depth)
    .bind(numbering)
    .bind(title)
    .bind(body)
    .bind(i64::try_from(it.line).ok())
    .bind(false)
    .bind(ItemStatus::NotStarted.as_str())
    .bind(at)
    .fetch_one(&mut *conn)
    .await?)
}

/// The item's lead units, then its coordinating units that are not also leads.
pub(crate) async fn insert_item_units(
    conn: &mut Conn,
    item_id: i64,
    it: &vanban::Item,
    units: &mut UnitResolver,
) -> R<()> {
    let leads = domain::merge_units(it.lead_units.iter().map(String::as_str), &units.table);
    let coords: Vec<_> = domain::merge_units(
        it.coordinating_units.iter().map(String::as_str),
        &units.table,
    )
    .into_iter()
    .filter(|c| !leads.iter().any(|l| l.key == c.key))
    .collect();
    let rels = leads
        .iter()
        .map(|u| (u, UnitRelation::Lead))
        .chain(coords.iter().map(|u| (u, UnitRelation::Coordinating)));
    for (pos, (u, relation)) in rels.enumerate() {
        let unit_id = units.resolve(conn, u).await?;
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
    Ok(())
}

/// The item's targets, each counted by the rule its wording asks for (online sessions held,
/// pages published, …) or else entered, and its deadlines.
pub(crate) async fn insert_targets_and_deadlines(
    conn: &mut Conn,
    item_id: i64,
    it: &vanban::Item,
    year: Option<i32>,
) -> R<()> {
    for (pos, t) in it.targets.iter().enumerate() {
        insert_target(conn, item_id, pos, t, it, year).await?;
    }
    insert_deadlines(conn, item_id, &it.deadlines).await
}

/// The item's `pos`-th target, counted by the rule its wording asks for, else entered.
pub(crate) async fn insert_target(
    conn: &mut Conn,
    item_id: i64,
    pos: usize,
    t: &vanban::Target,
    it: &vanban::Item,
    year: Option<i32>,
) -> R<()> {
    let rule = counting_rule_for(&TargetWording {
        text: &t.text,
        unit: &t.unit,
        item_title: &it.title,
        item_body: &it.text,
        item: ItemId(item_id),
        year,
    });
    let (source, rule_json) = match &rule {
        Some(r) => ("counted", Some(serde_json::to_string(r)?)),
        None => ("entered", None),
    };
    sqlx::query(
        "INSERT INTO targets (item_id, position, min_value, max_value, unit, per, text,
             source, rule_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(item_id)
    .bind(pos as i64)
    .bind(t.min)
    .bind(t.max)
    .bind(&t.unit)
    .bind(&t.per)
    .bind(&t.text)
    .bind(source)
    .bind(rule_json)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn insert_deadlines(
    conn: &mut Conn,
    item_id: i64,
    deadlines: &[vanban::Deadline],
) -> R<()> {
    for (pos, dl) in deadlines.iter().enumerate() {
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
    Ok(())
}

/// "Tổ chức thực hiện": each heading with its unit when it names one.
async fn insert_responsibilities(
    conn: &mut Conn,
    plan_id: i64,
    parsed: &ParsedPlan,
    units: &mut UnitResolver,
) -> R<()> {
    for (pos, r) in parsed.responsibilities.iter().enumerate() {
        let canon = domain::canonical_unit(&r.unit, &units.table);
        let unit_id = if canon.key.is_empty() {
            None
        } else {
            Some(units.resolve(conn, &canon).await?.0)
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
    Ok(())
}

async fn insert_warnings(conn: &mut Conn, plan_id: i64, parsed: &ParsedPlan) -> R<()> {
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
    Ok(())
}

//! Plan and item views: the whole tree of a plan and one item with its sub-tree, in a
//! fixed number of queries.

use super::tx::parse_date;
use super::{Conn, Pool, R};
use crate::Ctx;
use crate::model::*;
use crate::tree::{Attached, build_forest};
use domain::{ItemId, ItemStatus, PlanId, UnitId, UnitRelation, UserId};
use std::str::FromStr;

/// One item as `item_cols!()` selects it.
#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    plan_id: i64,
    parent_id: Option<i64>,
    appendix_id: Option<i64>,
    position: i64,
    depth: i64,
    numbering: Option<String>,
    title: String,
    body: String,
    source_line: Option<i64>,
    added: bool,
    status: String,
    status_reason: Option<String>,
    start_date: Option<String>,
    due_date: Option<String>,
    version: i64,
}

impl From<ItemRow> for ItemRecord {
    fn from(r: ItemRow) -> Self {
        ItemRecord {
            id: ItemId(r.id),
            plan_id: PlanId(r.plan_id),
            parent_id: r.parent_id.map(ItemId),
            appendix_id: r.appendix_id,
            position: r.position,
            depth: r.depth,
            numbering: r.numbering,
            title: r.title,
            text: r.body,
            source_line: r.source_line,
            added: r.added,
            status: ItemStatus::from_str(&r.status).unwrap_or_default(),
            status_reason: r.status_reason,
            start: parse_date(r.start_date),
            due: parse_date(r.due_date),
            version: r.version,
        }
    }
}

/// An item with its plan's title (`item_cols!()`, `p.title AS plan_title`).
#[derive(sqlx::FromRow)]
struct ItemWithPlanRow {
    #[sqlx(flatten)]
    item: ItemRow,
    plan_title: String,
}

pub(crate) fn unit_ref_from(id: i64, name: String, external: bool) -> UnitRef {
    UnitRef {
        id: UnitId(id),
        name,
        external,
    }
}

pub(crate) fn relation(s: &str) -> UnitRelation {
    UnitRelation::from_str(s).unwrap_or(UnitRelation::Coordinating)
}

#[derive(sqlx::FromRow)]
struct ItemUnitRow {
    item_id: i64,
    relation: String,
    unit_id: i64,
    name: String,
    external: bool,
}

fn attach_units(att: &mut Attached, rows: Vec<ItemUnitRow>) {
    for r in rows {
        att.units
            .entry(ItemId(r.item_id))
            .or_default()
            .push(ItemUnitRef {
                unit: unit_ref_from(r.unit_id, r.name, r.external),
                relation: relation(&r.relation),
            });
    }
}

#[derive(sqlx::FromRow)]
struct TargetRow {
    item_id: i64,
    id: i64,
    min_value: Option<f64>,
    max_value: Option<f64>,
    unit: String,
    per: Option<String>,
    text: String,
}

fn attach_targets(att: &mut Attached, rows: Vec<TargetRow>) {
    for r in rows {
        att.targets
            .entry(ItemId(r.item_id))
            .or_default()
            .push(TargetRecord {
                id: r.id,
                min: r.min_value,
                max: r.max_value,
                unit: r.unit,
                per: r.per,
                text: r.text,
            });
    }
}

#[derive(sqlx::FromRow)]
struct DeadlineRow {
    item_id: i64,
    id: i64,
    text: String,
    due: Option<String>,
    start_date: Option<String>,
    recurrence: Option<String>,
}

fn attach_deadlines(att: &mut Attached, rows: Vec<DeadlineRow>) {
    for r in rows {
        att.deadlines
            .entry(ItemId(r.item_id))
            .or_default()
            .push(DeadlineRecord {
                id: r.id,
                text: r.text,
                due: parse_date(r.due),
                start: parse_date(r.start_date),
                recurrence: r.recurrence,
            });
    }
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    kind: String,
    kind_code: Option<String>,
    number: Option<String>,
    symbol: Option<String>,
    issuer: Option<String>,
    parent_issuer: Option<String>,
    place: Option<String>,
    doc_date: Option<String>,
    year: Option<i64>,
    title: String,
    budget_text: Option<String>,
    signer_authority: Option<String>,
    signer_title: Option<String>,
    signer_name: Option<String>,
    source_name: String,
    source_sha256: String,
    imported_at: i64,
    imported_by: Option<i64>,
}

impl From<PlanRow> for PlanRecord {
    fn from(r: PlanRow) -> Self {
        PlanRecord {
            id: PlanId(r.id),
            kind: r.kind,
            kind_code: r.kind_code,
            number: r.number,
            symbol: r.symbol,
            issuer: r.issuer,
            parent_issuer: r.parent_issuer,
            place: r.place,
            date: parse_date(r.doc_date),
            year: r.year.and_then(|y| i32::try_from(y).ok()),
            title: r.title,
            budget_text: r.budget_text,
            signer_authority: r.signer_authority,
            signer_title: r.signer_title,
            signer_name: r.signer_name,
            source_name: r.source_name,
            source_sha256: r.source_sha256,
            imported_at: r.imported_at,
            imported_by: r.imported_by.map(UserId),
        }
    }
}

/// A responsibility heading with its unit, if the unit could be named (`LEFT JOIN`).
#[derive(sqlx::FromRow)]
struct ResponsibilityRow {
    unit_text: String,
    duties_json: String,
    unit_id: Option<i64>,
    name: Option<String>,
    external: Option<bool>,
}

impl ResponsibilityRow {
    fn into_record(self) -> R<ResponsibilityRecord> {
        let unit = match self.unit_id {
            Some(uid) => Some(unit_ref_from(
                uid,
                self.name.unwrap_or_default(),
                self.external.unwrap_or_default(),
            )),
            None => None,
        };
        Ok(ResponsibilityRecord {
            unit,
            unit_text: self.unit_text,
            duties: serde_json::from_str(&self.duties_json)?,
        })
    }
}

/// The three queries that dress a set of items with their units, targets and deadlines,
/// each bound to one id: the plan's, or the item whose sub-tree it is.
struct Dressing {
    units: &'static str,
    targets: &'static str,
    deadlines: &'static str,
}

const PLAN_DRESSING: Dressing = Dressing {
    units: "SELECT iu.item_id, iu.relation, u.id AS unit_id, u.name, u.external
            FROM item_units iu
            JOIN items i ON i.id = iu.item_id
            JOIN units u ON u.id = iu.unit_id
            WHERE i.plan_id = $1
            ORDER BY iu.item_id, iu.relation DESC, iu.position",
    targets: "SELECT t.item_id, t.id, t.min_value, t.max_value, t.unit, t.per, t.text
              FROM targets t JOIN items i ON i.id = t.item_id
              WHERE i.plan_id = $1 ORDER BY t.item_id, t.position",
    deadlines: "SELECT d.item_id, d.id, d.text, d.due, d.start_date, d.recurrence
                FROM deadlines d JOIN items i ON i.id = d.item_id
                WHERE i.plan_id = $1 ORDER BY d.item_id, d.position",
};

const SUBTREE_DRESSING: Dressing = Dressing {
    units: concat!(
        subtree!(),
        "SELECT iu.item_id, iu.relation, u.id AS unit_id, u.name, u.external
         FROM item_units iu JOIN units u ON u.id = iu.unit_id
         WHERE iu.item_id IN (SELECT id FROM sub)
         ORDER BY iu.item_id, iu.relation DESC, iu.position"
    ),
    targets: concat!(
        subtree!(),
        "SELECT t.item_id, t.id, t.min_value, t.max_value, t.unit, t.per, t.text
         FROM targets t WHERE t.item_id IN (SELECT id FROM sub)
         ORDER BY t.item_id, t.position"
    ),
    deadlines: concat!(
        subtree!(),
        "SELECT d.item_id, d.id, d.text, d.due, d.start_date, d.recurrence
         FROM deadlines d WHERE d.item_id IN (SELECT id FROM sub)
         ORDER BY d.item_id, d.position"
    ),
};

/// Runs the three dressing queries (three view queries, whatever the number of items).
async fn dress(conn: &mut Conn, ctx: &Ctx, q: &Dressing, id: i64) -> R<Attached> {
    let mut att = Attached::default();
    ctx.count_view_query();
    attach_units(
        &mut att,
        sqlx::query_as(q.units)
            .bind(id)
            .fetch_all(&mut *conn)
            .await?,
    );
    ctx.count_view_query();
    attach_targets(
        &mut att,
        sqlx::query_as(q.targets)
            .bind(id)
            .fetch_all(&mut *conn)
            .await?,
    );
    ctx.count_view_query();
    let deadlines = sqlx::query_as(q.deadlines)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    attach_deadlines(&mut att, deadlines);
    Ok(att)
}

/// The items `sql` selects (`item_cols!()` of `items i`) with `$1` bound to `id`, in the
/// query's order. One view query.
async fn item_records(
    conn: &mut Conn,
    ctx: &Ctx,
    sql: &'static str,
    id: i64,
) -> R<Vec<ItemRecord>> {
    ctx.count_view_query();
    Ok(sqlx::query_as::<_, ItemRow>(sql)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(ItemRecord::from)
        .collect())
}

/// Ten queries whatever the plan's size: plan, items, item units, targets, deadlines,
/// legal basis, statements, appendices, responsibilities, warnings.
pub(crate) async fn plan(pool: &Pool, ctx: &Ctx, id: PlanId) -> R<Option<PlanView>> {
    let mut conn = pool.read.acquire().await?;
    let Some(plan) = plan_record(&mut conn, ctx, id).await? else {
        return Ok(None);
    };
    let items = item_records(
        &mut conn,
        ctx,
        concat!(
            "SELECT ",
            item_cols!(),
            " FROM items i WHERE i.plan_id = $1 AND i.removed_in IS NULL ORDER BY i.seq"
        ),
        id.0,
    )
    .await?;
    let mut att = dress(&mut conn, ctx, &PLAN_DRESSING, id.0).await?;
    let legal_basis = legal_basis(&mut conn, ctx, id).await?;
    let (purposes, requirements) = statements(&mut conn, ctx, id).await?;
    let appendices = appendices(&mut conn, ctx, id).await?;
    let responsibilities = responsibilities(&mut conn, ctx, id).await?;
    let warnings = warnings(&mut conn, ctx, id).await?;
    let (items, appendices) = place_in_appendices(build_forest(items, &mut att), appendices);
    Ok(Some(PlanView {
        plan,
        legal_basis,
        purposes,
        requirements,
        items,
        appendices,
        responsibilities,
        warnings,
    }))
}

async fn plan_record(conn: &mut Conn, ctx: &Ctx, id: PlanId) -> R<Option<PlanRecord>> {
    ctx.count_view_query();
    Ok(sqlx::query_as::<_, PlanRow>(
        "SELECT id, kind, kind_code, number, symbol, issuer, parent_issuer, place, doc_date,
                year, title, budget_text, signer_authority, signer_title, signer_name,
                source_name, source_sha256, imported_at, imported_by
         FROM plans WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    .map(PlanRecord::from))
}

async fn legal_basis(conn: &mut Conn, ctx: &Ctx, id: PlanId) -> R<Vec<LegalBasisRecord>> {
    ctx.count_view_query();
    sqlx::query_as::<_, (String, String)>(
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
    .collect()
}

/// The plan's purposes and its requirements, each in order.
async fn statements(conn: &mut Conn, ctx: &Ctx, id: PlanId) -> R<(Vec<String>, Vec<String>)> {
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
    Ok((purposes, requirements))
}

/// The appendices, still without their items.
async fn appendices(conn: &mut Conn, ctx: &Ctx, id: PlanId) -> R<Vec<AppendixView>> {
    ctx.count_view_query();
    let rows: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT id, label, title FROM plan_appendices WHERE plan_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, label, title)| AppendixView {
            id,
            label,
            title,
            items: Vec::new(),
        })
        .collect())
}

async fn responsibilities(conn: &mut Conn, ctx: &Ctx, id: PlanId) -> R<Vec<ResponsibilityRecord>> {
    ctx.count_view_query();
    sqlx::query_as::<_, ResponsibilityRow>(
        "SELECT r.unit_text, r.duties_json, u.id AS unit_id, u.name, u.external
         FROM plan_responsibilities r LEFT JOIN units u ON u.id = r.unit_id
         WHERE r.plan_id = $1 ORDER BY r.position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(ResponsibilityRow::into_record)
    .collect()
}

async fn warnings(conn: &mut Conn, ctx: &Ctx, id: PlanId) -> R<Vec<WarningRecord>> {
    ctx.count_view_query();
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT line, message FROM plan_warnings WHERE plan_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(line, message)| WarningRecord { line, message })
        .collect())
}

/// Moves the roots of appendix rows into their appendix; the rest (and rows of an unknown
/// appendix) are the plan's main items.
fn place_in_appendices(
    roots: Vec<ItemNode>,
    mut appendices: Vec<AppendixView>,
) -> (Vec<ItemNode>, Vec<AppendixView>) {
    let mut main = Vec::new();
    for node in roots {
        match node
            .item
            .appendix_id
            .and_then(|a| appendices.iter_mut().find(|x| x.id == a))
        {
            Some(app) => app.items.push(node),
            None => main.push(node),
        }
    }
    (main, appendices)
}

/// Six queries: the item with its plan title, ancestors, the sub-tree, and the units,
/// targets and deadlines of the sub-tree.
pub(crate) async fn item(pool: &Pool, ctx: &Ctx, id: ItemId) -> R<Option<ItemView>> {
    let mut conn = pool.read.acquire().await?;
    ctx.count_view_query();
    let Some(row) = sqlx::query_as::<_, ItemWithPlanRow>(concat!(
        "SELECT ",
        item_cols!(),
        ", p.title AS plan_title FROM items i JOIN plans p ON p.id = i.plan_id WHERE i.id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let plan_title = row.plan_title;
    let plan_id = PlanId(row.item.plan_id);

    let ancestors = item_records(
        &mut conn,
        ctx,
        concat!(
            "WITH RECURSIVE anc(id, lvl) AS (
                 SELECT parent_id, 1 FROM items WHERE id = $1 AND parent_id IS NOT NULL
                 UNION ALL
                 SELECT p.parent_id, a.lvl + 1 FROM items p JOIN anc a ON p.id = a.id
                 WHERE p.parent_id IS NOT NULL
             ) SELECT ",
            item_cols!(),
            " FROM items i JOIN anc a ON a.id = i.id ORDER BY a.lvl DESC"
        ),
        id.0,
    )
    .await?;
    let items = item_records(
        &mut conn,
        ctx,
        concat!(
            subtree!(),
            "SELECT ",
            item_cols!(),
            " FROM items i WHERE i.id IN (SELECT id FROM sub) ORDER BY i.seq"
        ),
        id.0,
    )
    .await?;
    let mut att = dress(&mut conn, ctx, &SUBTREE_DRESSING, id.0).await?;

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

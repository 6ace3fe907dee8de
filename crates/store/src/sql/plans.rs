//! Plan and item views: the whole tree of a plan and one item with its sub-tree, in a
//! fixed number of queries.

use super::tx::parse_date;
use super::{DbRow, Pool, R};
use crate::Ctx;
use crate::model::*;
use crate::tree::{Attached, build_forest};
use domain::{ItemId, ItemStatus, PlanId, UnitId, UnitRelation, UserId};
use sqlx::Row;
use std::str::FromStr;

pub(crate) fn item_from_row(r: &DbRow) -> R<ItemRecord> {
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

pub(crate) fn attach_units(att: &mut Attached, rows: Vec<DbRow>) -> R<()> {
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

pub(crate) fn attach_targets(att: &mut Attached, rows: Vec<DbRow>) -> R<()> {
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

pub(crate) fn attach_deadlines(att: &mut Attached, rows: Vec<DbRow>) -> R<()> {
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

pub(crate) fn plan_from_row(r: &DbRow) -> R<PlanRecord> {
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

pub(crate) async fn list_plans(pool: &Pool) -> R<Vec<PlanSummary>> {
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

/// Id and short name ("123/KH-SVHTT", else the title) of every plan, for filters: no
/// item counts, so it stays cheap with many items.
pub(crate) async fn plan_names(pool: &Pool) -> R<Vec<(PlanId, String)>> {
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

pub(crate) async fn plan_parsed_json(pool: &Pool, id: PlanId) -> R<Option<String>> {
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

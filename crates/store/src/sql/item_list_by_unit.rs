//! The item list of one unit's workload, read from the keys kept beside each unit in
//! effect (migration 0034: status, due date, live): one index range per relation and
//! status, merged in due-date order, so a page costs its offset's index entries whatever
//! the data's size.
//! `item_list::list_items` takes this path for the filters it covers.

use super::item_list::{
    AfterRow, LIST_COLS, ListRow, capped, dressed_page, page_offset, push_after_row, total_if_last,
    whole_list,
};
use super::tx::day_text;
use super::{DB, Pool, R};
use crate::Ctx;
use crate::tracking_model::*;
use domain::{ItemStatus, UnitId, UnitRelation};
use sqlx::QueryBuilder;
use std::collections::HashMap;

/// The unit and the statuses when `f` is a unit's workload that the keys answer alone:
/// by status (any, or some), relation, due dates and overdue; no plan, text, scope,
/// reporting or export filter. `None` sends the list down the general path.
pub(crate) fn covered(f: &ItemFilter) -> Option<(UnitId, Vec<ItemStatus>)> {
    let unit = f.unit_id?;
    let general = f.plan_id.is_some()
        || f.visible_units.is_some()
        || f.unreported_in.is_some()
        || f.after_id.is_some()
        || f.text
            .as_deref()
            .is_some_and(|t| !vanban::text::fold(t).trim().is_empty());
    if general {
        return None;
    }
    let mut statuses: Vec<ItemStatus> = if f.statuses.is_empty() {
        ItemStatus::ALL.to_vec()
    } else {
        f.statuses.clone()
    };
    if f.overdue_on.is_some() {
        // domain::tracking::is_overdue: open and due before the day.
        statuses.retain(|s| domain::oversight::is_open(*s));
    }
    statuses.sort_by_key(|s| s.as_str());
    statuses.dedup();
    Some((unit, statuses))
}

/// One (relation, status) range: `SELECT item_id, due_date FROM … WHERE …`, values bound.
fn push_arm(
    q: &mut QueryBuilder<DB>,
    f: &ItemFilter,
    unit: UnitId,
    relation: UnitRelation,
    status: ItemStatus,
    part: AfterRow,
) {
    q.push("SELECT e.item_id, e.due_date FROM item_effective_units e WHERE e.unit_id = ")
        .push_bind(unit.0)
        .push(" AND e.relation = ")
        .push_bind(relation.as_str())
        .push(" AND e.status = ")
        .push_bind(status.as_str())
        .push(" AND e.live");
    if f.relation.is_none() {
        // Lead and coordinating on one item (a merge can make it): the item once, as lead.
        q.push(" AND e.listed");
    }
    if let Some(day) = f.overdue_on {
        q.push(" AND e.due_date < ").push_bind(day_text(day));
    }
    if let Some(d) = f.due_from {
        q.push(" AND e.due_date >= ").push_bind(day_text(d));
    }
    if let Some(d) = f.due_to {
        q.push(" AND e.due_date <= ").push_bind(day_text(d));
    }
    if let Some(at) = f.after_row {
        push_after_row(q, "e.due_date", "e.item_id", at, part);
    }
}

/// The ranges joined by UNION ALL, and when `ordered`, ordered as the list is: both
/// engines merge them in the index's order (SQLite's MERGE, PostgreSQL's Merge Append),
/// with no sort. A count leaves the order out: a merge compares every entry it passes.
fn push_union(
    q: &mut QueryBuilder<DB>,
    f: &ItemFilter,
    unit: UnitId,
    statuses: &[ItemStatus],
    ordered: bool,
) {
    let relations = match f.relation {
        Some(r) => vec![r],
        None => vec![UnitRelation::Lead, UnitRelation::Coordinating],
    };
    // After a dated row, a range reads on in two index ranges: the later dated rows, and
    // the undated ones (an OR would read the range from its start).
    let parts: &[AfterRow] = match f.after_row {
        Some(at) if at.due.is_some() => &[AfterRow::Dated, AfterRow::Undated],
        _ => &[AfterRow::Both],
    };
    let mut first = true;
    for relation in relations {
        for s in statuses {
            for part in parts {
                if !first {
                    q.push(" UNION ALL ");
                }
                first = false;
                push_arm(q, f, unit, relation, *s, *part);
            }
        }
    }
    if ordered {
        // NULLS LAST is PostgreSQL's order for ASC and the index's; SQLite reads it from
        // the index in two passes.
        q.push(" ORDER BY due_date NULLS LAST, item_id");
    }
}

/// The page, the total (capped as the general path caps it) and each row's units and
/// report. 4 queries (3 on the last page).
pub(crate) async fn list(
    pool: &Pool,
    ctx: &Ctx,
    f: &ItemFilter,
    unit: UnitId,
    statuses: &[ItemStatus],
) -> R<ItemPage> {
    let per_page = f.per_page.clamp(1, 1000);
    let page = f.page.max(1);
    let offset = page_offset(f);
    if statuses.is_empty() {
        return Ok(ItemPage {
            rows: Vec::new(),
            total: 0,
            total_capped: false,
            page,
            per_page,
        });
    }
    let mut conn = pool.read.acquire().await?;
    let mut q = QueryBuilder::<DB>::new("");
    push_union(&mut q, f, unit, statuses, true);
    q.push(" LIMIT ")
        .push_bind(per_page)
        .push(" OFFSET ")
        .push_bind(offset);
    ctx.count_view_query();
    let ids: Vec<(i64, Option<String>)> = q.build_query_as().fetch_all(&mut *conn).await?;
    let (total, total_capped) = match total_if_last(f, ids.len()) {
        Some(total) => (total, false),
        None => {
            ctx.count_view_query();
            let mut q = QueryBuilder::<DB>::new("SELECT COUNT(*) FROM (");
            push_union(&mut q, &whole_list(f), unit, statuses, false);
            q.push(" LIMIT ")
                .push_bind(crate::LIST_COUNT_CAP + 1)
                .push(") c");
            capped(q.build_query_scalar().fetch_one(&mut *conn).await?)
        }
    };
    let mut rows = Vec::new();
    if !ids.is_empty() {
        ctx.count_view_query();
        let mut q = QueryBuilder::<DB>::new(LIST_COLS);
        q.push(" WHERE i.id IN (");
        let mut list = q.separated(", ");
        for (id, _) in &ids {
            list.push_bind(*id);
        }
        q.push(")");
        let found: Vec<ListRow> = q.build_query_as().fetch_all(&mut *conn).await?;
        let mut by_id: HashMap<i64, ListRow> = found.into_iter().map(|r| (r.id, r)).collect();
        rows = ids.iter().filter_map(|(id, _)| by_id.remove(id)).collect();
    }
    dressed_page(
        &mut conn,
        ctx,
        rows,
        (total, total_capped),
        (page, per_page),
    )
    .await
}

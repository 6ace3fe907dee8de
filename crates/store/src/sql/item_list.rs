//! The filtered, paged item list behind `/items` and its exports.

use super::tx::{day_text, parse_date};
use super::{Conn, DB, Pool, R, fulltext};
use crate::Ctx;
use crate::fulltext::Index;
use crate::tracking_model::*;
use domain::{ItemId, ItemStatus, PlanId};
use sqlx::QueryBuilder;
use std::collections::HashMap;
use std::str::FromStr;

pub(crate) fn like_pattern(folded: &str) -> String {
    let mut p = String::from("%");
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// How the page query finds a unit's items.
#[derive(Clone, Copy, PartialEq)]
enum UnitPath {
    /// Look each of the unit's items up and sort them: best for a unit with few items.
    Lookup,
    /// Walk the items in due-date order and keep the unit's (`+i.id` stops the engine
    /// from looking them up one by one): the first page of a unit with thousands of
    /// items reads a few thousand index entries instead of sorting them all.
    WalkDueDates,
}

/// A unit with at least this many items is paged by walking the due-date index.
const WALK_FROM: i64 = 500;

/// The WHERE clause of the list, with every value bound (`push_bind`). Each filter adds
/// an ` AND …` to a clause that starts true.
fn push_filter(q: &mut QueryBuilder<DB>, f: &ItemFilter) {
    push_filter_on(q, f, UnitPath::Lookup);
}

fn push_filter_on(q: &mut QueryBuilder<DB>, f: &ItemFilter, path: UnitPath) {
    // Items a revised plan dropped stay readable on their own page, out of every list.
    q.push(" WHERE i.removed_in IS NULL");
    if let Some(p) = f.plan_id {
        q.push(" AND i.plan_id = ").push_bind(p.0);
    }
    // Units in effect (own, else inherited): a unit's workload is counted one way.
    if let Some(u) = f.unit_id {
        q.push(match path {
            UnitPath::Lookup => " AND i.id IN (",
            UnitPath::WalkDueDates => " AND +i.id IN (",
        });
        q.push("SELECT item_id FROM item_effective_units WHERE unit_id = ")
            .push_bind(u.0);
        if let Some(rel) = f.relation {
            q.push(" AND relation = ").push_bind(rel.as_str());
        }
        q.push(")");
    }
    if let Some(units) = &f.visible_units {
        // No units: nothing is shared (`IN (NULL)`).
        q.push(" AND i.id IN (SELECT item_id FROM item_effective_units WHERE unit_id IN ");
        push_unit_list(q, units);
        q.push(")");
    }
    if !f.statuses.is_empty() {
        // Walking due dates, the status is a filter on the way, not an index to read by.
        q.push(" AND ")
            .push(match path {
                UnitPath::Lookup => "",
                UnitPath::WalkDueDates => super::NOT_INDEXED,
            })
            .push("i.status IN (");
        let mut list = q.separated(", ");
        for s in &f.statuses {
            list.push_bind(s.as_str());
        }
        q.push(")");
    }
    if let Some(day) = f.overdue_on {
        // domain::tracking::is_overdue as a WHERE: open and due before the day.
        q.push(" AND i.due_date < ").push_bind(day_text(day));
        q.push(" AND i.status IN (");
        let mut list = q.separated(", ");
        for s in ItemStatus::ALL
            .iter()
            .filter(|s| domain::oversight::is_open(**s))
        {
            list.push_bind(s.as_str());
        }
        q.push(")");
    }
    if let Some(period) = f.unreported_in {
        let units = f.unit_id.map(|u| vec![u]);
        push_unreported(q, period, units.as_deref());
    }
    if let Some(d) = f.due_from {
        q.push(" AND i.due_date >= ").push_bind(day_text(d));
    }
    if let Some(d) = f.due_to {
        q.push(" AND i.due_date <= ").push_bind(day_text(d));
    }
    if let Some(t) = f.text.as_deref()
        && !vanban::text::fold(t).trim().is_empty()
    {
        // The full-text index (issue 15): every word begins a word of the item's text. A
        // query without letters or digits has no word to look up, and finds nothing.
        let words = domain::search::words(t);
        q.push(" AND ");
        if words.is_empty() {
            q.push("1 = 0");
        } else {
            fulltext::push_filter(q, Index::Items, "i.id", &words);
        }
    }
    if let Some(after) = f.after_id {
        q.push(" AND i.id > ").push_bind(after.0);
    }
    if let Some(at) = f.after_row {
        push_after_row(q, "i.due_date", "i.id", at, AfterRow::Both);
    }
}

/// Which rows after a position one range reads: a keyset page reads the dated rows
/// after it and then the undated ones, as two index ranges on the unit keys.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum AfterRow {
    Both,
    Dated,
    Undated,
}

/// ` AND …` for rows after `at` in the order (due date, no date last; then id).
pub(crate) fn push_after_row(
    q: &mut QueryBuilder<DB>,
    due: &str,
    id: &str,
    at: ListPosition,
    part: AfterRow,
) {
    match at.due {
        // Past the dated rows: the undated ones after its id.
        None => {
            q.push(format!(" AND {due} IS NULL AND {id} > "))
                .push_bind(at.id.0);
        }
        Some(d) => match part {
            AfterRow::Both => {
                q.push(format!(" AND (({due}, {id}) > ("))
                    .push_bind(day_text(d))
                    .push(", ")
                    .push_bind(at.id.0)
                    .push(format!(") OR {due} IS NULL)"));
            }
            AfterRow::Dated => {
                q.push(format!(" AND ({due}, {id}) > ("))
                    .push_bind(day_text(d))
                    .push(", ")
                    .push_bind(at.id.0)
                    .push(")");
            }
            AfterRow::Undated => {
                q.push(format!(" AND {due} IS NULL"));
            }
        },
    }
}

/// ` AND …` for work items still to report for `period` (one rule for the list and
/// "Việc của tôi"): open, without sub-items, dates overlapping the period, and no report
/// covering any part of it; by one of `units` (their units in effect), or with `None` on
/// an item with a lead unit, by anyone.
pub(crate) fn push_unreported(
    q: &mut QueryBuilder<DB>,
    period: domain::Period,
    units: Option<&[domain::UnitId]>,
) {
    let (start, end) = (day_text(period.start()), day_text(period.end()));
    q.push(" AND i.removed_in IS NULL AND i.status IN (");
    let mut list = q.separated(", ");
    for s in domain::oversight::OPEN_STATUSES {
        list.push_bind(s.as_str());
    }
    q.push(") AND (i.due_date IS NULL OR i.due_date >= ")
        .push_bind(start.clone())
        .push(") AND (i.start_date IS NULL OR i.start_date <= ")
        .push_bind(end.clone())
        .push(") AND NOT EXISTS (SELECT 1 FROM items c WHERE c.parent_id = i.id)");
    match units {
        Some(units) => {
            q.push(" AND i.id IN (SELECT item_id FROM item_effective_units WHERE unit_id IN ");
            push_unit_list(q, units);
            q.push(")");
        }
        None => {
            q.push(
                " AND EXISTS (SELECT 1 FROM item_effective_units e \
                 WHERE e.item_id = i.id AND e.relation = 'lead')",
            );
        }
    }
    q.push(" AND NOT EXISTS (SELECT 1 FROM progress_reports r WHERE r.item_id = i.id")
        .push(" AND r.period_start <= ")
        .push_bind(end)
        .push(" AND r.period_end >= ")
        .push_bind(start);
    if let Some(units) = units {
        q.push(" AND r.unit_id IN ");
        push_unit_list(q, units);
    }
    q.push(")");
}

/// `(1, 2, 3)` bound, or `(NULL)` for no units, so that nothing matches.
pub(crate) fn push_unit_list(q: &mut QueryBuilder<DB>, units: &[domain::UnitId]) {
    q.push("(");
    if units.is_empty() {
        q.push("NULL");
    }
    let mut list = q.separated(", ");
    for u in units {
        list.push_bind(u.0);
    }
    q.push(")");
}

/// One row as the page query selects it.
#[derive(sqlx::FromRow)]
pub(crate) struct ListRow {
    pub(crate) id: i64,
    plan_id: i64,
    numbering: Option<String>,
    title: String,
    status: String,
    start_date: Option<String>,
    due_date: Option<String>,
    added: bool,
}

pub(crate) const LIST_COLS: &str = "SELECT i.id, i.plan_id, i.numbering, i.title, i.status, \
     i.start_date, i.due_date, i.added FROM items i";

/// The item list: filters, a page, the total, and each row's units. A unit's workload
/// alone (by status, relation, dates) is read from its keys (`item_list_by_unit`).
pub(crate) async fn list_items(pool: &Pool, ctx: &Ctx, f: &ItemFilter) -> R<ItemPage> {
    if let Some((unit, statuses)) = super::item_list_by_unit::covered(f) {
        return super::item_list_by_unit::list(pool, ctx, f, unit, &statuses).await;
    }
    let per_page = f.per_page.clamp(1, 1000);
    let page = f.page.max(1);
    let offset = page_offset(f);
    let mut conn = pool.read.acquire().await?;
    // The unit's size (one index range) chooses the page query's path.
    let unit_size = match f.unit_id {
        Some(u) => {
            ctx.count_view_query();
            Some(unit_size(&mut conn, u, f.relation).await?)
        }
        None => None,
    };
    let path = match unit_size {
        Some(n) if n >= WALK_FROM && f.after_id.is_none() => UnitPath::WalkDueDates,
        _ => UnitPath::Lookup,
    };
    let mut q = QueryBuilder::<DB>::new(LIST_COLS);
    push_filter_on(&mut q, f, path);
    if f.after_id.is_some() {
        q.push(" ORDER BY i.id LIMIT ").push_bind(per_page);
    } else {
        // NULLS LAST is PostgreSQL's default for ASC, and SQLite walks the
        // (due_date, id) index for it too: the first pages need no sort.
        q.push(" ORDER BY i.due_date NULLS LAST, i.id LIMIT ")
            .push_bind(per_page)
            .push(" OFFSET ")
            .push_bind(offset);
    }
    ctx.count_view_query();
    let rows: Vec<ListRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    let (total, total_capped) = if f.after_id.is_some() {
        (rows.len() as i64, false)
    } else if let Some(total) = total_if_last(f, rows.len()) {
        (total, false)
    } else {
        // Counted up to a cap: an exact count of 100,000 rows costs more than the page,
        // and nobody pages through more than the cap; they narrow the filters.
        ctx.count_view_query();
        let mut q = QueryBuilder::<DB>::new("SELECT COUNT(*) FROM (SELECT 1 FROM items i");
        push_filter(&mut q, &whole_list(f));
        q.push(" LIMIT ")
            .push_bind(crate::LIST_COUNT_CAP + 1)
            .push(") c");
        capped(q.build_query_scalar().fetch_one(&mut *conn).await?)
    };
    dressed_page(
        &mut conn,
        ctx,
        rows,
        (total, total_capped),
        (page, per_page),
    )
    .await
}

/// Rows skipped to reach the page: none for a keyset page, which starts after a row.
pub(crate) fn page_offset(f: &ItemFilter) -> i64 {
    match f.after_row {
        Some(_) => 0,
        None => (f.page.max(1) - 1) * f.per_page.clamp(1, 1000),
    }
}

/// The total when the page is the last (fewer rows than a page, or page 1 empty): the
/// rows before it, as its number says, and its own; known without counting.
pub(crate) fn total_if_last(f: &ItemFilter, rows: usize) -> Option<i64> {
    let (page, per_page, rows) = (f.page.max(1), f.per_page.clamp(1, 1000), rows as i64);
    (rows < per_page && (rows > 0 || page == 1)).then(|| (page - 1) * per_page + rows)
}

/// The filter a total counts: the whole list, also for a keyset page.
pub(crate) fn whole_list(f: &ItemFilter) -> ItemFilter {
    ItemFilter {
        after_row: None,
        ..f.clone()
    }
}

/// A count taken up to `LIST_COUNT_CAP + 1` rows: at most the cap, and whether it passed.
pub(crate) fn capped(n: i64) -> (i64, bool) {
    (n.min(crate::LIST_COUNT_CAP), n > crate::LIST_COUNT_CAP)
}

/// The page's rows as the list shows them (units, percent, latest report), with its
/// total and place: the end of both list paths.
pub(crate) async fn dressed_page(
    conn: &mut Conn,
    ctx: &Ctx,
    rows: Vec<ListRow>,
    (total, total_capped): (i64, bool),
    (page, per_page): (i64, i64),
) -> R<ItemPage> {
    let today = domain::oversight::vietnam_today(ctx.now_utc());
    let mut out: Vec<ItemListRow> = rows.into_iter().map(|r| list_row(r, today)).collect();
    if !out.is_empty() {
        dress_rows(conn, ctx, &mut out, today).await?;
    }
    Ok(ItemPage {
        rows: out,
        total,
        total_capped,
        page,
        per_page,
    })
}

/// The items a unit has in effect (as `relation`, or either).
async fn unit_size(
    conn: &mut Conn,
    unit: domain::UnitId,
    relation: Option<domain::UnitRelation>,
) -> R<i64> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT COUNT(DISTINCT item_id) FROM item_effective_units WHERE unit_id = ",
    );
    q.push_bind(unit.0);
    if let Some(rel) = relation {
        q.push(" AND relation = ").push_bind(rel.as_str());
    }
    Ok(q.build_query_scalar().fetch_one(&mut *conn).await?)
}

pub(crate) fn list_row(r: ListRow, today: chrono::NaiveDate) -> ItemListRow {
    let status = ItemStatus::from_str(&r.status).unwrap_or_default();
    let due = parse_date(r.due_date);
    ItemListRow {
        id: ItemId(r.id),
        plan_id: PlanId(r.plan_id),
        numbering: r.numbering,
        title: r.title,
        status,
        start: parse_date(r.start_date),
        due,
        added: r.added,
        lead_units: Vec::new(),
        coordinating_units: Vec::new(),
        units_inherited: false,
        overdue: domain::tracking::is_overdue(status, due, today),
        percent: None,
        latest_report: None,
    }
}

/// Each row's units in effect, and the percent and date of its report in effect today
/// (`domain::tracking::state`). 2 queries for the page.
pub(crate) async fn dress_rows(
    conn: &mut Conn,
    ctx: &Ctx,
    out: &mut [ItemListRow],
    today: chrono::NaiveDate,
) -> R<()> {
    let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, r)| (r.id.0, i)).collect();
    ctx.count_view_query();
    let mut q = QueryBuilder::<DB>::new(
        "SELECT iu.item_id, iu.relation, u.name, iu.inherited FROM item_effective_units iu \
         JOIN units u ON u.id = iu.unit_id WHERE iu.item_id IN (",
    );
    let mut ids = q.separated(", ");
    for r in out.iter() {
        ids.push_bind(r.id.0);
    }
    q.push(") ORDER BY iu.item_id, iu.position");
    let units: Vec<(i64, String, String, bool)> = q.build_query_as().fetch_all(&mut *conn).await?;
    for (item, relation, name, inherited) in units {
        let row = &mut out[index[&item]];
        row.units_inherited = inherited;
        if relation == "lead" {
            row.lead_units.push(name);
        } else {
            row.coordinating_units.push(name);
        }
    }
    ctx.count_view_query();
    let ids: Vec<ItemId> = out.iter().map(|r| r.id).collect();
    let facts = super::item_state::report_facts(conn, &ids).await?;
    for r in out.iter_mut() {
        let reports = facts.get(&r.id).map_or(&[][..], Vec::as_slice);
        r.percent = domain::tracking::state::percent_as_of(reports, today);
        r.latest_report =
            domain::tracking::state::latest_report(reports, today).map(|x| x.period_end);
    }
    Ok(())
}

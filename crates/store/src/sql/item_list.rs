//! The filtered, paged item list behind `/items` and its exports.

use super::tx::{day_text, parse_date};
use super::{Conn, DB, Pool, R};
use crate::Ctx;
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

/// The WHERE clause of the list, with every value bound (`push_bind`). Each filter adds
/// an ` AND …` to a clause that starts true.
fn push_filter(q: &mut QueryBuilder<DB>, f: &ItemFilter) {
    q.push(" WHERE TRUE");
    if let Some(p) = f.plan_id {
        q.push(" AND i.plan_id = ").push_bind(p.0);
    }
    // Units in effect (own, else inherited): a unit's workload is counted one way.
    if let Some(u) = f.unit_id {
        q.push(" AND i.id IN (SELECT item_id FROM item_effective_units WHERE unit_id = ")
            .push_bind(u.0);
        if let Some(rel) = f.relation {
            q.push(" AND relation = ").push_bind(rel.as_str());
        }
        q.push(")");
    }
    if let Some(units) = &f.visible_units {
        q.push(" AND i.id IN (SELECT item_id FROM item_effective_units WHERE unit_id IN (");
        if units.is_empty() {
            // No units: nothing is shared.
            q.push("NULL");
        }
        let mut list = q.separated(", ");
        for u in units {
            list.push_bind(u.0);
        }
        q.push("))");
    }
    if !f.statuses.is_empty() {
        q.push(" AND i.status IN (");
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
    if let Some(d) = f.due_from {
        q.push(" AND i.due_date >= ").push_bind(day_text(d));
    }
    if let Some(d) = f.due_to {
        q.push(" AND i.due_date <= ").push_bind(day_text(d));
    }
    if let Some(t) = f
        .text
        .as_deref()
        .map(vanban::text::fold)
        .map(|t| t.trim().to_string())
        && !t.is_empty()
    {
        q.push(" AND i.search_folded LIKE ")
            .push_bind(like_pattern(&t))
            .push(" ESCAPE '\\'");
    }
    if let Some(after) = f.after_id {
        q.push(" AND i.id > ").push_bind(after.0);
    }
}

/// One row as the page query selects it.
#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    plan_id: i64,
    numbering: Option<String>,
    title: String,
    status: String,
    start_date: Option<String>,
    due_date: Option<String>,
    added: bool,
}

const LIST_COLS: &str = "SELECT i.id, i.plan_id, i.numbering, i.title, i.status, \
     i.start_date, i.due_date, i.added FROM items i";

/// The item list: filters, a page, the total, and each row's units. 2 queries (3 past
/// the last page).
pub(crate) async fn list_items(pool: &Pool, ctx: &Ctx, f: &ItemFilter) -> R<ItemPage> {
    let per_page = f.per_page.clamp(1, 1000);
    let page = f.page.max(1);
    let offset = (page - 1) * per_page;
    let mut q = QueryBuilder::<DB>::new(LIST_COLS);
    push_filter(&mut q, f);
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
    let mut conn = pool.acquire().await?;
    ctx.count_view_query();
    let rows: Vec<ListRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    let (total, total_capped) = if f.after_id.is_some() {
        (rows.len() as i64, false)
    } else if (rows.len() as i64) < per_page && (!rows.is_empty() || page == 1) {
        // The last page: the total is known without counting.
        (offset + rows.len() as i64, false)
    } else {
        // Counted up to a cap: an exact count of 100,000 rows costs more than the page,
        // and nobody pages through more than the cap; they narrow the filters.
        ctx.count_view_query();
        let mut q = QueryBuilder::<DB>::new("SELECT COUNT(*) FROM (SELECT 1 FROM items i");
        push_filter(&mut q, f);
        q.push(" LIMIT ")
            .push_bind(crate::LIST_COUNT_CAP + 1)
            .push(") c");
        let n: i64 = q.build_query_scalar().fetch_one(&mut *conn).await?;
        if n > crate::LIST_COUNT_CAP {
            (crate::LIST_COUNT_CAP, true)
        } else {
            (n, false)
        }
    };
    let today = domain::oversight::vietnam_today(ctx.now_utc());
    let mut out: Vec<ItemListRow> = rows.into_iter().map(|r| list_row(r, today)).collect();
    if !out.is_empty() {
        dress_rows(&mut conn, ctx, &mut out, today).await?;
    }
    Ok(ItemPage {
        rows: out,
        total,
        total_capped,
        page,
        per_page,
    })
}

fn list_row(r: ListRow, today: chrono::NaiveDate) -> ItemListRow {
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
async fn dress_rows(
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

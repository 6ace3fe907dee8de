//! Short labels ("1.2 Tham gia …") of many items in one query, for pages that link to
//! items (an event's linked items) without loading each item's view.

use super::{DB, Pool, R};
use crate::Ctx;
use domain::{ItemId, UnitId};
use sqlx::QueryBuilder;
use std::collections::HashMap;

pub(crate) async fn item_labels(
    pool: &Pool,
    ctx: &Ctx,
    ids: &[ItemId],
    naming: Option<&[UnitId]>,
) -> R<Vec<(ItemId, String)>> {
    if ids.is_empty() || naming.is_some_and(|u| u.is_empty()) {
        return Ok(Vec::new());
    }
    ctx.count_view_query();
    let mut q = QueryBuilder::<DB>::new("SELECT id, numbering, title FROM items WHERE id IN (");
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(id.0);
    }
    q.push(")");
    // Only items whose units in effect include one of these (a partner's view).
    if let Some(units) = naming {
        q.push(" AND id IN (SELECT item_id FROM item_effective_units WHERE unit_id IN (");
        let mut list = q.separated(", ");
        for u in units {
            list.push_bind(u.0);
        }
        q.push("))");
    }
    let rows: Vec<(i64, Option<String>, String)> = q.build_query_as().fetch_all(&pool.read).await?;
    let mut labels: HashMap<i64, String> = rows
        .into_iter()
        .map(|(id, numbering, title)| (id, domain::item_label(numbering.as_deref(), &title)))
        .collect();
    // In the order asked for; ids that name no item are left out.
    Ok(ids
        .iter()
        .filter_map(|id| labels.remove(&id.0).map(|l| (*id, l)))
        .collect())
}

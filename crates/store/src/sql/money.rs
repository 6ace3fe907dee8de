//! An item's money as of a day (planned, contracted, paid, settled): the facts are read
//! here, for a plan or one item, in four queries (no correlated sub-select); the summing rule is
//! `domain::budget::MoneyFacts::as_of`, so every caller gets the same figures.

use super::tx::parse_date;
use super::{Pool, R};
use crate::budget_model::ItemMoney;
use chrono::NaiveDate;
use domain::budget::{
    ApprovedTotal, ContractValue, MoneyFacts, MoneyFigures, PaymentAmount, PaymentKind,
};
use domain::{ItemId, PlanId};
use std::collections::HashMap;

/// Which items: a plan's, or one.
#[derive(Clone, Copy)]
enum Scope {
    Plan(PlanId),
    Item(ItemId),
}

impl Scope {
    fn id(self) -> i64 {
        match self {
            Scope::Plan(p) => p.0,
            Scope::Item(i) => i.0,
        }
    }
}

/// A `&'static str` query for the scope: `head`, the condition on `i` (items, bound as
/// $1), then `tail`.
macro_rules! scoped {
    ($scope:expr, $head:literal, $tail:literal) => {
        match $scope {
            Scope::Plan(_) => concat!($head, " i.plan_id = $1 ", $tail),
            Scope::Item(_) => concat!($head, " i.id = $1 ", $tail),
        }
    };
}

/// The day (Hanoi) of a stored timestamp.
fn hanoi_day(unix: i64) -> NaiveDate {
    let at = chrono::DateTime::from_timestamp(unix, 0).unwrap_or_default();
    domain::oversight::vietnam_today(at)
}

/// Every item's money facts in the scope: one query per kind of fact, each a single pass
/// (grouped, or plain rows), merged here by item. No correlated sub-select: at 10,000
/// estimates a `SUM` per estimate was most of the plan-wide views' time.
async fn facts(pool: &Pool, scope: Scope) -> R<HashMap<i64, MoneyFacts>> {
    let mut conn = pool.read.acquire().await?;
    let mut out: HashMap<i64, MoneyFacts> = HashMap::new();
    // The approved estimates' line totals, grouped by estimate (an estimate without a
    // line totals 0, below).
    let totals: HashMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>(scoped!(
        scope,
        "SELECT l.estimate_id, CAST(SUM(l.amount) AS BIGINT) FROM estimate_lines l
         WHERE l.estimate_id IN (SELECT e.id FROM estimates e JOIN items i ON i.id = e.item_id
                                 WHERE e.status = 'approved' AND",
        ") GROUP BY l.estimate_id"
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    // An approved revision counts from its approval step (the last one, grouped by
    // estimate); one without an `approve` step does not count.
    let approved = sqlx::query_as::<_, (i64, i64, i64, i64)>(scoped!(
        scope,
        "SELECT e.id, e.item_id, e.revision, MAX(s.created_at)
         FROM estimates e JOIN items i ON i.id = e.item_id
         JOIN estimate_steps s ON s.estimate_id = e.id AND s.action = 'approve'
         WHERE e.status = 'approved' AND",
        "GROUP BY e.id, e.item_id, e.revision"
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await?;
    for (estimate, item, revision, at) in approved {
        out.entry(item).or_default().approved.push(ApprovedTotal {
            approved_on: hanoi_day(at),
            revision,
            total: totals.get(&estimate).copied().unwrap_or(0),
        });
    }
    // A contract without a signing date counts from the day it was recorded.
    let contracts = sqlx::query_as::<_, (i64, Option<String>, i64, i64)>(scoped!(
        scope,
        "SELECT c.item_id, c.signed_on, c.created_at, c.value
             FROM contracts c JOIN items i ON i.id = c.item_id WHERE",
        ""
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await?;
    for (item, signed_on, created_at, value) in contracts {
        out.entry(item).or_default().contracts.push(ContractValue {
            counts_from: parse_date(signed_on).unwrap_or_else(|| hanoi_day(created_at)),
            value,
        });
    }
    let payments = sqlx::query_as::<_, (i64, String, String, i64)>(scoped!(
        scope,
        "SELECT c.item_id, p.kind, p.paid_on, p.amount
         FROM payments p JOIN contracts c ON c.id = p.contract_id
         JOIN items i ON i.id = c.item_id WHERE",
        ""
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await?;
    for (item, kind, paid_on, amount) in payments {
        let (Ok(kind), Some(paid_on)) = (kind.parse::<PaymentKind>(), parse_date(Some(paid_on)))
        else {
            continue;
        };
        out.entry(item).or_default().payments.push(PaymentAmount {
            kind,
            paid_on,
            amount,
        });
    }
    Ok(out)
}

/// An item's money at the end of `day`.
pub(crate) async fn item_money(pool: &Pool, item: ItemId, day: NaiveDate) -> R<MoneyFigures> {
    Ok(facts(pool, Scope::Item(item))
        .await?
        .remove(&item.0)
        .map(|f| f.as_of(day))
        .unwrap_or_default())
}

/// Planned, contracted, paid and settled at the end of `day` per item of a plan that has
/// an estimate, in id order, with its lead units in effect. Five queries.
pub(crate) async fn plan_money(pool: &Pool, plan: PlanId, day: NaiveDate) -> R<Vec<ItemMoney>> {
    let facts = facts(pool, Scope::Plan(plan)).await?;
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, (i64, Option<String>, String)>(
        "SELECT i.id, i.numbering, i.title FROM items i
         WHERE i.plan_id = $1 AND EXISTS (SELECT 1 FROM estimates e WHERE e.item_id = i.id)
         ORDER BY i.id",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    let units = sqlx::query_as::<_, (i64, i64)>(
        "SELECT u.item_id, u.unit_id FROM item_effective_units u JOIN items i ON i.id = u.item_id
         WHERE i.plan_id = $1 AND u.relation = 'lead'
           AND EXISTS (SELECT 1 FROM estimates e WHERE e.item_id = i.id)
         ORDER BY u.item_id, u.position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    // The lead units grouped once (in position order), not searched for each item.
    let mut leads: HashMap<i64, Vec<domain::UnitId>> = HashMap::new();
    for (item, unit) in units {
        leads.entry(item).or_default().push(domain::UnitId(unit));
    }
    Ok(rows
        .into_iter()
        .map(|(id, numbering, title)| ItemMoney {
            item_id: ItemId(id),
            numbering,
            title,
            lead_units: leads.remove(&id).unwrap_or_default(),
            figures: facts.get(&id).map(|f| f.as_of(day)).unwrap_or_default(),
        })
        .collect())
}

/// The items that have an estimate, in plan and id order, named "1.2. Title": what a
/// delegation may take its estimate from.
pub(crate) async fn estimated_items(pool: &Pool) -> R<Vec<(ItemId, String)>> {
    let rows = sqlx::query_as::<_, (i64, Option<String>, String)>(
        "SELECT i.id, i.numbering, i.title FROM items i
         WHERE EXISTS (SELECT 1 FROM estimates e WHERE e.item_id = i.id)
         ORDER BY i.plan_id, i.id",
    )
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n, t)| (ItemId(id), domain::item_label(n.as_deref(), &t)))
        .collect())
}

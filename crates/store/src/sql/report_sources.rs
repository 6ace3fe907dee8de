//! What the results report gathers besides the items and their states: the events held
//! in its period, the delegations that left in it, and the plan's own Nơi nhận. Each loads
//! in a fixed number of queries, whatever the plan's size.

use super::delegations::{DELEGATION_COLS, DelegationRow};
use super::events::{EVENT_COLS, EventRow, attach_links, placeholders};
use super::tx::day_text;
use super::{Pool, R};
use crate::events_model::EventRecord;
use crate::oversight_model::{PlanDelegation, PlanRecipients};
use domain::{EventStatus, ItemId, Period, PlanId};
use std::collections::HashMap;

/// The events linked to the plan's items that were held and started within `period`: on
/// their start date in their own zone, the date a target counts them on
/// (`save_event_record`). By start. 3 queries.
pub(crate) async fn plan_events_held(
    pool: &Pool,
    plan: PlanId,
    period: Period,
) -> R<Vec<EventRecord>> {
    // A day either side in UTC holds every zone's dates; the exact test is on the date.
    let unix = |d: chrono::NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
    let from = unix(period.start()) - 86_400;
    let to = unix(period.end()) + 2 * 86_400;
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, EventRow>(sql!(
        "SELECT {EVENT_COLS} FROM events
         WHERE status = $2 AND start_at >= $3 AND start_at < $4
           AND id IN (SELECT ei.event_id FROM event_items ei
                      JOIN items i ON i.id = ei.item_id WHERE i.plan_id = $1)
         ORDER BY start_at, id"
    ))
    .bind(plan.0)
    .bind(EventStatus::Held.as_str())
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let ev = r.into_record()?;
        if ev.times().is_some_and(|t| period.contains(t.start_date())) {
            out.push(ev);
        }
    }
    attach_links(&mut conn, &mut out).await?;
    Ok(out)
}

/// The delegations that left within `period` for an event linked to the plan's items,
/// whatever their status, with their members and the event's items of the plan. By
/// departure. 3 queries.
pub(crate) async fn plan_delegations(
    pool: &Pool,
    plan: PlanId,
    period: Period,
) -> R<Vec<PlanDelegation>> {
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, DelegationRow>(sql!(
        "SELECT {DELEGATION_COLS} FROM delegations
         WHERE depart_date >= $2 AND depart_date <= $3
           AND event_id IN (SELECT ei.event_id FROM event_items ei
                            JOIN items i ON i.id = ei.item_id WHERE i.plan_id = $1)
         ORDER BY depart_date, id"
    ))
    .bind(plan.0)
    .bind(day_text(period.start()))
    .bind(day_text(period.end()))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = rows
        .into_iter()
        .map(|r| {
            Ok(PlanDelegation {
                delegation: r.into_record()?,
                items: Vec::new(),
            })
        })
        .collect::<R<Vec<_>>>()?;
    if out.is_empty() {
        return Ok(out);
    }
    let ids: Vec<i64> = out.iter().map(|d| d.delegation.id.0).collect();
    let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let q = sql!(
        "SELECT delegation_id, name, role FROM delegation_members
         WHERE delegation_id IN ({}) ORDER BY delegation_id, position",
        placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, String, String)>(q);
    for id in &ids {
        query = query.bind(*id);
    }
    for (d, name, role) in query.fetch_all(&mut *conn).await? {
        out[at[&d]].delegation.members.push((name, role));
    }
    let q = sql!(
        "SELECT d.id, ei.item_id FROM delegations d
         JOIN event_items ei ON ei.event_id = d.event_id
         JOIN items i ON i.id = ei.item_id
         WHERE i.plan_id = $1 AND d.id IN ({}) ORDER BY d.id, i.seq",
        placeholders(2, ids.len())
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(q).bind(plan.0);
    for id in &ids {
        query = query.bind(*id);
    }
    for (d, item) in query.fetch_all(&mut *conn).await? {
        out[at[&d]].items.push(ItemId(item));
    }
    Ok(out)
}

/// The plan's Nơi nhận and "Lưu:" line as read from its document (kept in
/// `plans.parsed_json`); None for an unknown plan. 1 query.
pub(crate) async fn plan_recipients(pool: &Pool, plan: PlanId) -> R<Option<PlanRecipients>> {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Parsed {
        recipients: Vec<vanban::Recipient>,
        archive: Option<String>,
    }
    let json: Option<String> = sqlx::query_scalar("SELECT parsed_json FROM plans WHERE id = $1")
        .bind(plan.0)
        .fetch_optional(&pool.read)
        .await?;
    let Some(json) = json else {
        return Ok(None);
    };
    let parsed: Parsed = serde_json::from_str(&json)?;
    Ok(Some(PlanRecipients {
        recipients: parsed
            .recipients
            .into_iter()
            .map(|r| (r.name, r.note))
            .collect(),
        archive: parsed.archive,
    }))
}

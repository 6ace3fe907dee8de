//! Escalations to the Board and in-app notifications.

use super::reminders::item_plan;
use super::tx::{audit_in, board_or_admin, day_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::oversight_model::*;
use crate::{Ctx, StoreError};
use chrono::NaiveDate;
use domain::{Actor, ItemId, ItemStatus, PlanId, UnitId, UserId};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

/// Overdue sends per (item, due date) of sends scheduled on or after `from`, and the
/// (item, due date) pairs already escalated.
#[allow(clippy::type_complexity)]
pub(crate) async fn escalation_inputs(
    pool: &Pool,
    from: NaiveDate,
) -> R<(
    HashMap<(ItemId, NaiveDate), u32>,
    HashSet<(ItemId, NaiveDate)>,
)> {
    let mut conn = pool.read.acquire().await?;
    let mut counts = HashMap::new();
    for (item, due, n) in sqlx::query_as::<_, (i64, Option<String>, i64)>(
        "SELECT item_id, due_date, COUNT(*) AS n FROM reminder_sends
         WHERE overdue = TRUE AND day >= $1 GROUP BY item_id, due_date",
    )
    .bind(day_text(from))
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(due) = parse_date(due) {
            counts.insert((ItemId(item), due), n.clamp(0, u32::MAX as i64) as u32);
        }
    }
    let mut done = HashSet::new();
    for (item, due) in sqlx::query_as::<_, (i64, Option<String>)>(
        "SELECT item_id, due_date FROM escalations WHERE due_date >= $1",
    )
    .bind(day_text(from))
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(due) = parse_date(due) {
            done.insert((ItemId(item), due));
        }
    }
    Ok((counts, done))
}

/// Puts an item on the Board's list for its due date, once; notifies the Board's users.
/// `None` when it was already there.
pub(crate) async fn escalate(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    due: NaiveDate,
    reminders: u32,
    subject: &str,
) -> R<Option<i64>> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let Some(plan) = item_plan(&mut tx, item).await? else {
        return Ok(None);
    };
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO escalations (item_id, due_date, reminders, created_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (item_id, due_date) DO NOTHING RETURNING id",
    )
    .bind(item.0)
    .bind(day_text(due))
    .bind(i64::from(reminders))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, item_id, subject, body, created_at)
         SELECT ur.user_id, 'escalation', $1, $2, '', $3 FROM user_roles ur
         JOIN users u ON u.id = ur.user_id
         WHERE ur.role = 'board' AND u.active = TRUE",
    )
    .bind(item.0)
    .bind(subject)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let mut e = AuditEntry::new(None, "item.escalate", "item", Some(item.0));
    e.after = Some(json!({ "escalation_id": id, "due": day_text(due), "reminders": reminders }));
    audit_in(&mut tx, now, &e, plan, Some(item)).await?;
    tx.commit().await?;
    Ok(Some(id))
}

#[derive(sqlx::FromRow)]
struct EscalationRow {
    id: i64,
    item_id: i64,
    plan_id: i64,
    numbering: Option<String>,
    title: String,
    status: String,
    due_date: Option<String>,
    reminders: i64,
    created_at: i64,
    resolved_at: Option<i64>,
    resolved_by: Option<i64>,
    resolution: Option<String>,
}

impl From<EscalationRow> for EscalationRecord {
    fn from(r: EscalationRow) -> Self {
        EscalationRecord {
            id: r.id,
            item_id: ItemId(r.item_id),
            plan_id: PlanId(r.plan_id),
            numbering: r.numbering,
            title: r.title,
            status: ItemStatus::from_str(&r.status).unwrap_or_default(),
            due: parse_date(r.due_date).unwrap_or_default(),
            reminders: r.reminders,
            created_at: r.created_at,
            resolved_at: r.resolved_at,
            resolved_by: r.resolved_by.map(UserId),
            resolution: r.resolution,
        }
    }
}

/// The Board's list, newest first; open ones only unless `all`.
pub(crate) async fn escalations(pool: &Pool, all: bool, limit: i64) -> R<Vec<EscalationRecord>> {
    let rows = sqlx::query_as::<_, EscalationRow>(
        "SELECT e.id, e.item_id, i.plan_id, i.numbering, i.title, i.status, e.due_date,
                e.reminders, e.created_at, e.resolved_at, e.resolved_by, e.resolution
         FROM escalations e JOIN items i ON i.id = e.item_id
         WHERE ($1 OR e.resolved_at IS NULL)
         ORDER BY e.created_at DESC, e.id DESC LIMIT $2",
    )
    .bind(all)
    .bind(limit.clamp(1, 1000))
    .fetch_all(&pool.read)
    .await?;
    Ok(rows.into_iter().map(EscalationRecord::from).collect())
}

/// Closes an escalation with the Board's note.
pub(crate) async fn resolve_escalation(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    resolution: &str,
    actor: &Actor,
) -> R<bool> {
    let now = ctx.now();
    board_or_admin(actor, "resolve an escalation")?;
    let mut tx = begin_write(pool).await?;
    let Some((item, plan, resolved_at)) = sqlx::query_as::<_, (i64, i64, Option<i64>)>(
        "SELECT e.item_id, i.plan_id, e.resolved_at FROM escalations e
         JOIN items i ON i.id = e.item_id WHERE e.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    else {
        // Not a double submit: there never was such an escalation (404, not a redirect).
        return Err(StoreError::NotFound(format!("escalation {id}")));
    };
    if resolved_at.is_some() {
        return Ok(false);
    }
    let item = ItemId(item);
    sqlx::query(
        "UPDATE escalations SET resolved_at = $2, resolved_by = $3, resolution = $4
         WHERE id = $1 AND resolved_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .bind(actor.user_id.0)
    .bind(resolution)
    .execute(&mut *tx)
    .await?;
    let mut e = AuditEntry::new(
        Some(actor.user_id),
        "escalation.resolve",
        "escalation",
        Some(id),
    );
    e.before = Some(json!({ "resolved": false }));
    e.after = Some(json!({ "resolved": true, "resolution": resolution }));
    audit_in(&mut tx, now, &e, PlanId(plan), Some(item)).await?;
    tx.commit().await?;
    Ok(true)
}

// ---- notifications -------------------------------------------------------------------------

/// A notification to every member of `unit`, inside the caller's transaction.
pub(crate) async fn notify_unit(
    conn: &mut Conn,
    at: i64,
    unit: UnitId,
    kind: &str,
    item: ItemId,
    subject: &str,
    body: &str,
) -> R<()> {
    sqlx::query(
        "INSERT INTO notifications (unit_id, kind, item_id, subject, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(unit.0)
    .bind(kind)
    .bind(item.0)
    .bind(subject)
    .bind(body)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many of the user's newest [`UNREAD_WINDOW`] notifications are unread: one query
/// on the (user, id) and (unit, id) indexes, bounded whatever the history's length.
pub(crate) async fn unread_notifications(pool: &Pool, user: UserId) -> R<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM (
             SELECT n.id FROM notifications n
             WHERE n.user_id = $1
                OR n.unit_id IN (SELECT unit_id FROM user_units WHERE user_id = $1)
             ORDER BY n.id DESC LIMIT $2
         ) recent
         WHERE NOT EXISTS (SELECT 1 FROM notification_reads r
                           WHERE r.notification_id = recent.id AND r.user_id = $1)",
    )
    .bind(user.0)
    .bind(UNREAD_WINDOW)
    .fetch_one(&pool.read)
    .await?)
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    kind: String,
    unit_id: Option<i64>,
    item_id: Option<i64>,
    subject: String,
    body: String,
    created_at: i64,
    /// How many reads of it the user has (0 or 1).
    seen: i64,
}

/// Notifications for a user: addressed to them or to one of their units, newest first.
pub(crate) async fn notifications(
    pool: &Pool,
    user: UserId,
    limit: i64,
) -> R<Vec<NotificationRecord>> {
    let rows = sqlx::query_as::<_, NotificationRow>(
        "SELECT n.id, n.kind, n.unit_id, n.item_id, n.subject, n.body, n.created_at,
                (SELECT COUNT(*) FROM notification_reads r
                 WHERE r.notification_id = n.id AND r.user_id = $1) AS seen
         FROM notifications n
         WHERE n.user_id = $1
            OR n.unit_id IN (SELECT unit_id FROM user_units WHERE user_id = $1)
         ORDER BY n.id DESC LIMIT $2",
    )
    .bind(user.0)
    .bind(limit.clamp(1, 500))
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| NotificationRecord {
            id: r.id,
            kind: r.kind,
            unit_id: r.unit_id.map(UnitId),
            item_id: r.item_id.map(ItemId),
            subject: r.subject,
            body: r.body,
            created_at: r.created_at,
            read: r.seen > 0,
        })
        .collect())
}

/// Marks every notification of the user up to `upto_id` read. Not audited: reading is
/// not a change of the plan (like session bookkeeping).
pub(crate) async fn mark_notifications_read(
    pool: &Pool,
    ctx: &Ctx,
    user: UserId,
    upto_id: i64,
) -> R<u64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let done = sqlx::query(
        "INSERT INTO notification_reads (notification_id, user_id, read_at)
         SELECT n.id, $1, $3 FROM notifications n
         WHERE n.id <= $2
           AND (n.user_id = $1
                OR n.unit_id IN (SELECT unit_id FROM user_units WHERE user_id = $1))
           AND NOT EXISTS (SELECT 1 FROM notification_reads r
                           WHERE r.notification_id = n.id AND r.user_id = $1)",
    )
    .bind(user.0)
    .bind(upto_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(done)
}

// ---- evaluations ---------------------------------------------------------------------------

//! Oversight queries (issue 6), written once like `ops.rs` and compiled twice, as
//! `sqlite::oversight_ops` and `postgres::oversight_ops`.
//!
//! The rules (what is due, what to escalate, who may grade) are in
//! `domain::oversight`; these functions load their inputs and record their outcomes.
//! Every change appends an audit entry in its transaction.

use super::tracking_ops::audit_in;
use super::{DB, Pool, begin_write};
use crate::model::AuditEntry;
use crate::oversight_model::*;
use crate::{Ctx, StoreError, TargetProgress, day_text, parse_date};
use chrono::NaiveDate;
use domain::oversight::{Grade, OpenItem, Reminder, RuleKind, SendKey};
use domain::tracking::TrackingError;
use domain::{Actor, ItemId, ItemStatus, Period, PlanId, Role, UnitId, UnitRelation, UserId};
use serde_json::json;
use sqlx::Row;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::str::FromStr;

type Conn = <DB as sqlx::Database>::Connection;
type R<T> = Result<T, StoreError>;

fn board_or_admin(actor: &Actor, action: &'static str) -> R<()> {
    if actor.is_board_or_admin() {
        Ok(())
    } else {
        Err(StoreError::Tracking(TrackingError::Forbidden { action }))
    }
}

/// An audit entry for something not tied to one plan (rules, e-mail addresses).
async fn audit_global(conn: &mut Conn, at: i64, e: &AuditEntry) -> R<()> {
    super::ops::write_audit(conn, at, e, None, None).await?;
    Ok(())
}

async fn item_plan(conn: &mut Conn, item: ItemId) -> R<Option<PlanId>> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT plan_id FROM items WHERE id = $1")
            .bind(item.0)
            .fetch_optional(&mut *conn)
            .await?
            .map(PlanId),
    )
}

// ---- rules -------------------------------------------------------------------------------

async fn load_rules(conn: &mut Conn) -> R<Vec<RuleRecord>> {
    let mut out = Vec::new();
    for r in sqlx::query("SELECT id, code, active FROM reminder_rules ORDER BY id")
        .fetch_all(&mut *conn)
        .await?
    {
        let code: String = r.try_get(1)?;
        // A code this version cannot read is skipped rather than failing the scheduler.
        if let Ok(kind) = RuleKind::from_str(&code) {
            out.push(RuleRecord {
                id: r.try_get(0)?,
                kind,
                active: r.try_get(2)?,
            });
        }
    }
    Ok(out)
}

pub(crate) async fn reminder_rules(pool: &Pool, _ctx: &Ctx) -> R<Vec<RuleRecord>> {
    load_rules(&mut *pool.acquire().await?).await
}

/// Makes exactly `kinds` active: missing rules are added, others switched off.
pub(crate) async fn set_reminder_rules(
    pool: &Pool,
    ctx: &Ctx,
    kinds: &[RuleKind],
    actor: Option<UserId>,
) -> R<Vec<RuleRecord>> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = load_rules(&mut tx).await?;
    let wanted: BTreeSet<String> = kinds.iter().map(|k| k.code()).collect();
    for code in &wanted {
        sqlx::query(
            "INSERT INTO reminder_rules (code, active, created_at) VALUES ($1, TRUE, $2)
             ON CONFLICT (code) DO UPDATE SET active = TRUE",
        )
        .bind(code)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    for r in &before {
        if r.active && !wanted.contains(&r.kind.code()) {
            sqlx::query("UPDATE reminder_rules SET active = FALSE WHERE id = $1")
                .bind(r.id)
                .execute(&mut *tx)
                .await?;
        }
    }
    let after = load_rules(&mut tx).await?;
    if after != before {
        let codes = |rs: &[RuleRecord]| -> Vec<String> {
            rs.iter()
                .filter(|r| r.active)
                .map(|r| r.kind.code())
                .collect()
        };
        let mut e = AuditEntry::new(actor, "reminder_rules.set", "reminder_rules", None);
        e.before = Some(json!(codes(&before)));
        e.after = Some(json!(codes(&after)));
        audit_global(&mut tx, now, &e).await?;
    }
    tx.commit().await?;
    Ok(after)
}

// ---- scheduler inputs ------------------------------------------------------------------------

/// Units in effect per item (own, else the nearest ancestor's) for the items selected by
/// `filter` (a WHERE over `items i` with `$1`, `$2` bound to `a`, `b`).
async fn effective_units_where(
    conn: &mut Conn,
    filter: &str,
    a: &str,
    b: &str,
) -> R<HashMap<i64, Vec<(UnitId, UnitRelation)>>> {
    let sql = format!(
        "WITH RECURSIVE up(start_id, id, parent_id, lvl) AS (
             SELECT i.id, i.id, i.parent_id, 0 FROM items i WHERE {filter}
             UNION ALL
             SELECT up.start_id, p.id, p.parent_id, up.lvl + 1
             FROM up JOIN items p ON p.id = up.parent_id
             WHERE NOT EXISTS (SELECT 1 FROM item_units x WHERE x.item_id = up.id)
         )
         SELECT up.start_id, iu.unit_id, iu.relation, up.lvl FROM up
         JOIN item_units iu ON iu.item_id = up.id
         ORDER BY up.start_id, up.lvl, iu.relation DESC, iu.position"
    );
    let mut out: HashMap<i64, Vec<(UnitId, UnitRelation)>> = HashMap::new();
    let mut level: HashMap<i64, i32> = HashMap::new();
    // `filter` is one of this module's constants, never user text.
    for r in sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(a)
        .bind(b)
        .fetch_all(&mut *conn)
        .await?
    {
        let start: i64 = r.try_get(0)?;
        let lvl: i32 = r.try_get(3)?;
        // Only the nearest level that has units counts.
        if *level.entry(start).or_insert(lvl) != lvl {
            continue;
        }
        let rel: String = r.try_get(2)?;
        out.entry(start).or_default().push((
            UnitId(r.try_get(1)?),
            UnitRelation::from_str(&rel).unwrap_or(UnitRelation::Coordinating),
        ));
    }
    Ok(out)
}

const OPEN_DUE_BETWEEN: &str =
    "i.due_date >= $1 AND i.due_date <= $2 AND i.status NOT IN ('done', 'suspended')";

/// Open items due between `from` and `to` (inclusive), with their lead units in effect.
/// Two queries, whatever the number of items.
pub(crate) async fn reminder_candidates(
    pool: &Pool,
    _ctx: &Ctx,
    from: NaiveDate,
    to: NaiveDate,
) -> R<Vec<ReminderCandidate>> {
    let mut conn = pool.acquire().await?;
    let (a, b) = (day_text(from), day_text(to));
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT i.id, i.plan_id, i.numbering, i.title, i.due_date, i.status
         FROM items i WHERE {OPEN_DUE_BETWEEN} ORDER BY i.id"
    )))
    .bind(&a)
    .bind(&b)
    .fetch_all(&mut *conn)
    .await?;
    let units = effective_units_where(&mut conn, OPEN_DUE_BETWEEN, &a, &b).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let numbering: Option<String> = r.try_get(2)?;
        let title: String = r.try_get(3)?;
        let status: String = r.try_get(5)?;
        let label = match numbering
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            Some(n) => format!("{n} {title}"),
            None => title,
        };
        out.push(ReminderCandidate {
            open: OpenItem {
                item: ItemId(id),
                due: parse_date(r.try_get(4)?),
                status: ItemStatus::from_str(&status).unwrap_or_default(),
                units: units
                    .get(&id)
                    .map(|us| {
                        us.iter()
                            .filter(|(_, rel)| *rel == UnitRelation::Lead)
                            .map(|(u, _)| *u)
                            .collect()
                    })
                    .unwrap_or_default(),
            },
            plan_id: PlanId(r.try_get(1)?),
            label,
        });
    }
    Ok(out)
}

/// Sends whose scheduled day is on or after `from`.
pub(crate) async fn reminder_sends_since(
    pool: &Pool,
    _ctx: &Ctx,
    from: NaiveDate,
) -> R<HashSet<SendKey>> {
    let mut out = HashSet::new();
    for r in sqlx::query("SELECT item_id, rule_id, day FROM reminder_sends WHERE day >= $1")
        .bind(day_text(from))
        .fetch_all(pool)
        .await?
    {
        if let Some(day) = parse_date(r.try_get(2)?) {
            out.insert(SendKey {
                item: ItemId(r.try_get(0)?),
                rule_id: r.try_get(1)?,
                day,
            });
        }
    }
    Ok(out)
}

/// Records a send, then (only if this call inserted it) a notification per unit and the
/// audit entry, in one transaction. `None`: it was already recorded (by this or another
/// server), so nothing is to be sent.
pub(crate) async fn record_reminder(
    pool: &Pool,
    ctx: &Ctx,
    r: &Reminder,
    subject: &str,
    body: &str,
    email: bool,
) -> R<Option<RecordedSend>> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let Some(plan) = item_plan(&mut tx, r.key.item).await? else {
        return Ok(None);
    };
    let mut recipients = BTreeSet::new();
    if email {
        for u in &r.units {
            for addr in sqlx::query_scalar::<_, String>(
                "SELECT email FROM units WHERE id = $1 AND email IS NOT NULL AND email <> ''
                 UNION
                 SELECT us.email FROM users us JOIN user_units uu ON uu.user_id = us.id
                 WHERE uu.unit_id = $1 AND us.active = TRUE
                   AND us.email IS NOT NULL AND us.email <> ''",
            )
            .bind(u.0)
            .fetch_all(&mut *tx)
            .await?
            {
                recipients.insert(addr.trim().to_string());
            }
        }
    }
    let status = if recipients.is_empty() {
        "none"
    } else {
        "pending"
    };
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO reminder_sends (item_id, rule_id, day, due_date, overdue, sent_at,
             email_status)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (item_id, rule_id, day) DO NOTHING RETURNING id",
    )
    .bind(r.key.item.0)
    .bind(r.key.rule_id)
    .bind(day_text(r.key.day))
    .bind(day_text(r.due))
    .bind(r.is_overdue())
    .bind(now)
    .bind(status)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    for u in &r.units {
        sqlx::query(
            "INSERT INTO notifications (unit_id, kind, item_id, send_id, subject, body, created_at)
             VALUES ($1, 'reminder', $2, $3, $4, $5, $6)",
        )
        .bind(u.0)
        .bind(r.key.item.0)
        .bind(id)
        .bind(subject)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let mut e = AuditEntry::new(None, "reminder.send", "item", Some(r.key.item.0));
    e.after = Some(json!({
        "send_id": id,
        "rule": r.kind.code(),
        "day": day_text(r.key.day),
        "due": day_text(r.due),
        "units": r.units.iter().map(|u| u.0).collect::<Vec<_>>(),
        "email_recipients": recipients.len(),
    }));
    audit_in(&mut tx, now, &e, plan, Some(r.key.item)).await?;
    tx.commit().await?;
    Ok(Some(RecordedSend {
        id,
        recipients: recipients.into_iter().collect(),
    }))
}

/// Marks the e-mail of a send `sent` or `failed` (with the error).
pub(crate) async fn set_send_email_status(
    pool: &Pool,
    _ctx: &Ctx,
    send_id: i64,
    status: &str,
    error: Option<&str>,
) -> R<()> {
    sqlx::query("UPDATE reminder_sends SET email_status = $2, email_error = $3 WHERE id = $1")
        .bind(send_id)
        .bind(status)
        .bind(error)
        .execute(pool)
        .await?;
    Ok(())
}

/// (item, rule, day, email status) of an item's sends, oldest first.
pub(crate) async fn item_reminder_sends(
    pool: &Pool,
    _ctx: &Ctx,
    item: ItemId,
) -> R<Vec<(SendKey, String)>> {
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT item_id, rule_id, day, email_status FROM reminder_sends WHERE item_id = $1
         ORDER BY day, id",
    )
    .bind(item.0)
    .fetch_all(pool)
    .await?
    {
        if let Some(day) = parse_date(r.try_get(2)?) {
            out.push((
                SendKey {
                    item: ItemId(r.try_get(0)?),
                    rule_id: r.try_get(1)?,
                    day,
                },
                r.try_get(3)?,
            ));
        }
    }
    Ok(out)
}

// ---- escalation --------------------------------------------------------------------------

/// Overdue sends per (item, due date) of sends scheduled on or after `from`, and the
/// (item, due date) pairs already escalated.
#[allow(clippy::type_complexity)]
pub(crate) async fn escalation_inputs(
    pool: &Pool,
    _ctx: &Ctx,
    from: NaiveDate,
) -> R<(
    HashMap<(ItemId, NaiveDate), u32>,
    HashSet<(ItemId, NaiveDate)>,
)> {
    let mut conn = pool.acquire().await?;
    let mut counts = HashMap::new();
    for r in sqlx::query(
        "SELECT item_id, due_date, COUNT(*) FROM reminder_sends
         WHERE overdue = TRUE AND day >= $1 GROUP BY item_id, due_date",
    )
    .bind(day_text(from))
    .fetch_all(&mut *conn)
    .await?
    {
        if let Some(due) = parse_date(r.try_get(1)?) {
            let n: i64 = r.try_get(2)?;
            counts.insert(
                (ItemId(r.try_get(0)?), due),
                n.clamp(0, u32::MAX as i64) as u32,
            );
        }
    }
    let mut done = HashSet::new();
    for r in sqlx::query("SELECT item_id, due_date FROM escalations WHERE due_date >= $1")
        .bind(day_text(from))
        .fetch_all(&mut *conn)
        .await?
    {
        if let Some(due) = parse_date(r.try_get(1)?) {
            done.insert((ItemId(r.try_get(0)?), due));
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

fn escalation_row(r: &<DB as sqlx::Database>::Row) -> R<EscalationRecord> {
    let status: String = r.try_get(5)?;
    Ok(EscalationRecord {
        id: r.try_get(0)?,
        item_id: ItemId(r.try_get(1)?),
        plan_id: PlanId(r.try_get(2)?),
        numbering: r.try_get(3)?,
        title: r.try_get(4)?,
        status: ItemStatus::from_str(&status).unwrap_or_default(),
        due: parse_date(r.try_get(6)?).unwrap_or_default(),
        reminders: r.try_get(7)?,
        created_at: r.try_get(8)?,
        resolved_at: r.try_get(9)?,
        resolved_by: r.try_get::<Option<i64>, _>(10)?.map(UserId),
        resolution: r.try_get(11)?,
    })
}

/// The Board's list, newest first; open ones only unless `all`.
pub(crate) async fn escalations(
    pool: &Pool,
    _ctx: &Ctx,
    all: bool,
    limit: i64,
) -> R<Vec<EscalationRecord>> {
    let rows = sqlx::query(
        "SELECT e.id, e.item_id, i.plan_id, i.numbering, i.title, i.status, e.due_date,
                e.reminders, e.created_at, e.resolved_at, e.resolved_by, e.resolution
         FROM escalations e JOIN items i ON i.id = e.item_id
         WHERE ($1 OR e.resolved_at IS NULL)
         ORDER BY e.created_at DESC, e.id DESC LIMIT $2",
    )
    .bind(all)
    .bind(limit.clamp(1, 1000))
    .fetch_all(pool)
    .await?;
    rows.iter().map(escalation_row).collect()
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
    let Some(r) = sqlx::query(
        "SELECT e.item_id, i.plan_id, e.resolved_at FROM escalations e
         JOIN items i ON i.id = e.item_id WHERE e.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(false);
    };
    if r.try_get::<Option<i64>, _>(2)?.is_some() {
        return Ok(false);
    }
    let item = ItemId(r.try_get(0)?);
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
    audit_in(&mut tx, now, &e, PlanId(r.try_get(1)?), Some(item)).await?;
    tx.commit().await?;
    Ok(true)
}

// ---- notifications -------------------------------------------------------------------------

/// Notifications for a user: addressed to them or to one of their units, newest first.
pub(crate) async fn notifications(
    pool: &Pool,
    _ctx: &Ctx,
    user: UserId,
    limit: i64,
) -> R<Vec<NotificationRecord>> {
    let rows = sqlx::query(
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
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let seen: i64 = r.try_get(7)?;
        out.push(NotificationRecord {
            id: r.try_get(0)?,
            kind: r.try_get(1)?,
            unit_id: r.try_get::<Option<i64>, _>(2)?.map(UnitId),
            item_id: r.try_get::<Option<i64>, _>(3)?.map(ItemId),
            subject: r.try_get(4)?,
            body: r.try_get(5)?,
            created_at: r.try_get(6)?,
            read: seen > 0,
        });
    }
    Ok(out)
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

/// A grade for an item and period by the Board (or an admin). Appends; the latest stands.
pub(crate) async fn add_evaluation(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    period: Period,
    grade: Grade,
    comment: &str,
    actor: &Actor,
) -> R<EvaluationRecord> {
    let now = ctx.now();
    board_or_admin(actor, "evaluate an item")?;
    domain::oversight::check_comment(comment).map_err(|_| {
        StoreError::Tracking(TrackingError::Forbidden {
            action: "comment too long",
        })
    })?;
    let mut tx = begin_write(pool).await?;
    let Some(plan) = item_plan(&mut tx, item).await? else {
        return Err(StoreError::Tracking(TrackingError::Forbidden {
            action: "evaluate a missing item",
        }));
    };
    let previous: Option<String> = sqlx::query_scalar(
        "SELECT grade FROM evaluations WHERE item_id = $1 AND period = $2
         ORDER BY id DESC LIMIT 1",
    )
    .bind(item.0)
    .bind(period.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO evaluations (item_id, period, grade, comment, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(item.0)
    .bind(period.to_string())
    .bind(grade.as_str())
    .bind(comment)
    .bind(actor.user_id.0)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let mut e = AuditEntry::new(Some(actor.user_id), "item.evaluate", "item", Some(item.0));
    e.before = previous.map(|g| json!({ "period": period.to_string(), "grade": g }));
    e.after = Some(json!({
        "evaluation_id": id, "period": period.to_string(), "grade": grade.as_str(),
        "comment": comment,
    }));
    audit_in(&mut tx, now, &e, plan, Some(item)).await?;
    tx.commit().await?;
    Ok(EvaluationRecord {
        id,
        item_id: item,
        period,
        grade,
        comment: comment.to_string(),
        created_by: Some(actor.user_id),
        created_by_name: None,
        created_at: at,
    })
}

fn evaluation_row(r: &<DB as sqlx::Database>::Row) -> R<Option<EvaluationRecord>> {
    let period: String = r.try_get(2)?;
    let grade: String = r.try_get(3)?;
    let (Ok(period), Ok(grade)) = (Period::from_str(&period), Grade::from_str(&grade)) else {
        return Ok(None);
    };
    Ok(Some(EvaluationRecord {
        id: r.try_get(0)?,
        item_id: ItemId(r.try_get(1)?),
        period,
        grade,
        comment: r.try_get(4)?,
        created_by: r.try_get::<Option<i64>, _>(5)?.map(UserId),
        created_by_name: r.try_get(6)?,
        created_at: r.try_get(7)?,
    }))
}

/// Every grade of an item, newest first.
pub(crate) async fn evaluations(pool: &Pool, _ctx: &Ctx, item: ItemId) -> R<Vec<EvaluationRecord>> {
    let rows = sqlx::query(
        "SELECT e.id, e.item_id, e.period, e.grade, e.comment, e.created_by, u.display_name,
                e.created_at
         FROM evaluations e LEFT JOIN users u ON u.id = e.created_by
         WHERE e.item_id = $1 ORDER BY e.id DESC",
    )
    .bind(item.0)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(evaluation_row)
        .collect::<R<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect())
}

/// The standing (latest) grade per item of a plan for a period.
pub(crate) async fn plan_grades(
    pool: &Pool,
    _ctx: &Ctx,
    plan: PlanId,
    period: Period,
) -> R<HashMap<ItemId, EvaluationRecord>> {
    let rows = sqlx::query(
        "SELECT e.id, e.item_id, e.period, e.grade, e.comment, e.created_by, u.display_name,
                e.created_at
         FROM evaluations e JOIN items i ON i.id = e.item_id
         LEFT JOIN users u ON u.id = e.created_by
         WHERE i.plan_id = $1 AND e.period = $2
           AND NOT EXISTS (SELECT 1 FROM evaluations n
                           WHERE n.item_id = e.item_id AND n.period = e.period AND n.id > e.id)",
    )
    .bind(plan.0)
    .bind(period.to_string())
    .fetch_all(pool)
    .await?;
    let mut out = HashMap::new();
    for r in &rows {
        if let Some(e) = evaluation_row(r)? {
            out.insert(e.item_id, e);
        }
    }
    Ok(out)
}

// ---- report drafts -------------------------------------------------------------------------

async fn load_draft(conn: &mut Conn, plan: PlanId, period: Period) -> R<Option<ReportDraft>> {
    let Some(r) = sqlx::query(
        "SELECT content_json, version, updated_at, updated_by FROM report_drafts
         WHERE plan_id = $1 AND period = $2",
    )
    .bind(plan.0)
    .bind(period.to_string())
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let content: String = r.try_get(0)?;
    Ok(Some(ReportDraft {
        plan_id: plan,
        period,
        content: serde_json::from_str(&content)?,
        version: r.try_get(1)?,
        updated_at: r.try_get(2)?,
        updated_by: r.try_get::<Option<i64>, _>(3)?.map(UserId),
    }))
}

pub(crate) async fn report_draft(
    pool: &Pool,
    _ctx: &Ctx,
    plan: PlanId,
    period: Period,
) -> R<Option<ReportDraft>> {
    load_draft(&mut *pool.acquire().await?, plan, period).await
}

/// Saves the narrative over `expected_version` (0: no draft yet). A stale version is a
/// conflict carrying the current draft. Returns the new version.
pub(crate) async fn save_report_draft(
    pool: &Pool,
    ctx: &Ctx,
    plan: PlanId,
    period: Period,
    expected_version: i64,
    content: &serde_json::Value,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    board_or_admin(actor, "edit the results report")?;
    domain::oversight::check_report_period(period)
        .map_err(|_| StoreError::Tracking(TrackingError::BadPeriod(period.to_string())))?;
    let mut tx = begin_write(pool).await?;
    let current = load_draft(&mut tx, plan, period).await?;
    let current_version = current.as_ref().map_or(0, |d| d.version);
    if current_version != expected_version {
        return Err(StoreError::Conflict {
            entity: "report_draft",
            id: plan.0,
            conflict: domain::Conflict {
                current: current_version,
                attempted: expected_version,
            },
            current: current
                .map(|d| d.content)
                .unwrap_or(serde_json::Value::Null),
        });
    }
    let version = current_version + 1;
    let text = content.to_string();
    if current.is_some() {
        sqlx::query(
            "UPDATE report_drafts SET content_json = $3, version = $4, updated_at = $5,
                 updated_by = $6
             WHERE plan_id = $1 AND period = $2 AND version = $7",
        )
        .bind(plan.0)
        .bind(period.to_string())
        .bind(&text)
        .bind(version)
        .bind(now)
        .bind(actor.user_id.0)
        .bind(current_version)
        .execute(&mut *tx)
        .await?;
    } else {
        // Two first saves race on UNIQUE (plan_id, period): the loser gets an error.
        sqlx::query(
            "INSERT INTO report_drafts (plan_id, period, content_json, version, updated_at,
                 updated_by)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(plan.0)
        .bind(period.to_string())
        .bind(&text)
        .bind(version)
        .bind(now)
        .bind(actor.user_id.0)
        .execute(&mut *tx)
        .await?;
    }
    let mut e = AuditEntry::new(
        Some(actor.user_id),
        "report_draft.save",
        "plan",
        Some(plan.0),
    );
    e.before = current.map(
        |d| json!({ "period": period.to_string(), "version": d.version, "content": d.content }),
    );
    e.after = Some(json!({ "period": period.to_string(), "version": version, "content": content }));
    audit_in(&mut tx, now, &e, plan, None).await?;
    tx.commit().await?;
    Ok(version)
}

// ---- dashboard and report sources ------------------------------------------------------

/// The dashboard of a plan, or of the items a unit leads or coordinates (in effect).
/// 5 queries plus those of `plan_target_progress` (3–4).
pub(crate) async fn dashboard(
    pool: &Pool,
    ctx: &Ctx,
    plan: PlanId,
    unit: Option<UnitId>,
    recent: i64,
) -> R<DashboardData> {
    let mut conn = pool.acquire().await?;
    ctx.count_view_query();
    let rows = sqlx::query(
        "SELECT i.id, i.parent_id, i.depth, i.numbering, i.title, i.status, i.due_date,
                (SELECT r.percent FROM progress_reports r
                 WHERE r.item_id = i.id AND r.percent IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
                 ORDER BY r.period_end DESC, r.id DESC LIMIT 1)
         FROM items i WHERE i.plan_id = $1 ORDER BY i.seq",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    ctx.count_view_query();
    let mut own: HashMap<i64, Vec<(UnitId, UnitRelation, String)>> = HashMap::new();
    for r in sqlx::query(
        "SELECT iu.item_id, iu.unit_id, iu.relation, u.name FROM item_units iu
         JOIN items i ON i.id = iu.item_id JOIN units u ON u.id = iu.unit_id
         WHERE i.plan_id = $1 ORDER BY iu.item_id, iu.relation DESC, iu.position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?
    {
        let rel: String = r.try_get(2)?;
        own.entry(r.try_get(0)?).or_default().push((
            UnitId(r.try_get(1)?),
            UnitRelation::from_str(&rel).unwrap_or(UnitRelation::Coordinating),
            r.try_get(3)?,
        ));
    }
    let parents: HashMap<i64, Option<i64>> = rows
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<R<_>>()?;
    let effective = |mut id: i64| -> &[(UnitId, UnitRelation, String)] {
        // Own units, else the nearest ancestor's (bounded by the tree's size).
        for _ in 0..=parents.len() {
            if let Some(us) = own.get(&id) {
                return us;
            }
            match parents.get(&id).copied().flatten() {
                Some(p) => id = p,
                None => break,
            }
        }
        &[]
    };
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get(0)?;
        let units = effective(id);
        if let Some(u) = unit
            && !units.iter().any(|(x, _, _)| *x == u)
        {
            continue;
        }
        let status: String = r.try_get(5)?;
        items.push(DashboardRow {
            id: ItemId(id),
            parent_id: r.try_get::<Option<i64>, _>(1)?.map(ItemId),
            depth: r.try_get(2)?,
            numbering: r.try_get(3)?,
            title: r.try_get(4)?,
            status: ItemStatus::from_str(&status).unwrap_or_default(),
            due: parse_date(r.try_get(6)?),
            percent: r.try_get(7)?,
            lead_units: units
                .iter()
                .filter(|(_, rel, _)| *rel == UnitRelation::Lead)
                .map(|(_, _, n)| n.clone())
                .collect(),
            unit_ids: units.iter().map(|(u, _, _)| *u).collect(),
        });
    }
    drop(conn);
    let shown: HashSet<ItemId> = items.iter().map(|i| i.id).collect();
    let targets: Vec<TargetProgress> = super::tracking_ops::plan_target_progress(pool, ctx, plan)
        .await?
        .into_iter()
        .filter(|t| shown.contains(&t.item_id))
        .collect();
    ctx.count_view_query();
    let mut recent_reports = Vec::new();
    for r in sqlx::query(
        "SELECT COALESCE(r.first_id, r.id), r.item_id, i.numbering, i.title, u.name, r.period,
                r.percent, r.created_at
         FROM progress_reports r JOIN items i ON i.id = r.item_id
         JOIN units u ON u.id = r.unit_id
         WHERE i.plan_id = $1 AND ($2 = 0 OR r.unit_id = $2)
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
         ORDER BY r.created_at DESC, r.id DESC LIMIT $3",
    )
    .bind(plan.0)
    .bind(unit.map_or(0, |u| u.0))
    .bind(recent.clamp(0, 100))
    .fetch_all(pool)
    .await?
    {
        recent_reports.push(RecentReport {
            first_id: r.try_get(0)?,
            item_id: ItemId(r.try_get(1)?),
            numbering: r.try_get(2)?,
            title: r.try_get(3)?,
            unit_name: r.try_get(4)?,
            period: r.try_get(5)?,
            percent: r.try_get(6)?,
            created_at: r.try_get(7)?,
        });
    }
    Ok(DashboardData {
        plan_id: plan,
        items,
        targets,
        recent_reports,
    })
}

/// The latest version of each progress report of the plan whose period lies within
/// `period`, in item order, then by period end. One query.
pub(crate) async fn report_texts(
    pool: &Pool,
    _ctx: &Ctx,
    plan: PlanId,
    period: Period,
) -> R<Vec<ReportText>> {
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT r.item_id, r.unit_id, u.name, r.period, r.period_end, r.text, r.percent
         FROM progress_reports r JOIN items i ON i.id = r.item_id
         JOIN units u ON u.id = r.unit_id
         WHERE i.plan_id = $1 AND r.period_start >= $2 AND r.period_end <= $3
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
         ORDER BY i.seq, r.period_end, r.id",
    )
    .bind(plan.0)
    .bind(day_text(period.start()))
    .bind(day_text(period.end()))
    .fetch_all(pool)
    .await?
    {
        out.push(ReportText {
            item_id: ItemId(r.try_get(0)?),
            unit_id: UnitId(r.try_get(1)?),
            unit_name: r.try_get(2)?,
            period: r.try_get(3)?,
            period_end: parse_date(r.try_get(4)?).unwrap_or_default(),
            text: r.try_get(5)?,
            percent: r.try_get(6)?,
        });
    }
    Ok(out)
}

// ---- e-mail addresses --------------------------------------------------------------------

/// Sets (or clears, with None) a user's or a unit's e-mail address. Admins only.
pub(crate) async fn set_email(
    pool: &Pool,
    ctx: &Ctx,
    entity: &'static str,
    id: i64,
    email: Option<&str>,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    if !actor.has_role(Role::Admin) {
        return Err(StoreError::Tracking(TrackingError::Forbidden {
            action: "set an e-mail address",
        }));
    }
    let table = match entity {
        "user" => "users",
        _ => "units",
    };
    let mut tx = begin_write(pool).await?;
    let before: Option<Option<String>> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT email FROM {table} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(before) = before else {
        return Ok(());
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {table} SET email = $2 WHERE id = $1"
    )))
    .bind(id)
    .bind(email)
    .execute(&mut *tx)
    .await?;
    let mut e = AuditEntry::new(
        Some(actor.user_id),
        &format!("{entity}.email"),
        entity,
        Some(id),
    );
    e.before = Some(json!({ "email": before }));
    e.after = Some(json!({ "email": email }));
    audit_global(&mut tx, now, &e).await?;
    tx.commit().await?;
    Ok(())
}

/// Units (id, name, e-mail) and active users (id, login, name, e-mail), by name.
#[allow(clippy::type_complexity)]
pub(crate) async fn contact_emails(
    pool: &Pool,
    _ctx: &Ctx,
) -> R<(
    Vec<(UnitId, String, Option<String>)>,
    Vec<(UserId, String, String, Option<String>)>,
)> {
    let mut conn = pool.acquire().await?;
    let mut units = Vec::new();
    for r in sqlx::query("SELECT id, name, email FROM units ORDER BY external, name")
        .fetch_all(&mut *conn)
        .await?
    {
        units.push((UnitId(r.try_get(0)?), r.try_get(1)?, r.try_get(2)?));
    }
    let mut users = Vec::new();
    for r in sqlx::query(
        "SELECT id, login, display_name, email FROM users WHERE active = TRUE ORDER BY login",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        users.push((
            UserId(r.try_get(0)?),
            r.try_get(1)?,
            r.try_get(2)?,
            r.try_get(3)?,
        ));
    }
    Ok((units, users))
}

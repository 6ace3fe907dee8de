//! Reminder rules, who is due a reminder, and the record of each send.

use super::tx::{audit, audit_in, day_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::Ctx;
use crate::model::AuditEntry;
use crate::oversight_model::*;
use chrono::NaiveDate;
use domain::oversight::{OpenItem, Reminder, RuleKind, SendKey};
use domain::{ItemId, ItemStatus, PlanId, UnitId, UnitRelation, UserId};
use serde_json::json;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::str::FromStr;

pub(crate) async fn item_plan(conn: &mut Conn, item: ItemId) -> R<Option<PlanId>> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT plan_id FROM items WHERE id = $1")
            .bind(item.0)
            .fetch_optional(&mut *conn)
            .await?
            .map(PlanId),
    )
}

// ---- rules -------------------------------------------------------------------------------

pub(crate) async fn load_rules(conn: &mut Conn) -> R<Vec<RuleRecord>> {
    let mut out = Vec::new();
    for (id, code, active) in sqlx::query_as::<_, (i64, String, bool)>(
        "SELECT id, code, active FROM reminder_rules ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        // A code this version cannot read is skipped rather than failing the scheduler.
        if let Ok(kind) = RuleKind::from_str(&code) {
            out.push(RuleRecord { id, kind, active });
        }
    }
    Ok(out)
}

pub(crate) async fn reminder_rules(pool: &Pool) -> R<Vec<RuleRecord>> {
    load_rules(&mut *pool.read.acquire().await?).await
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
        audit(&mut tx, now, &e).await?;
    }
    tx.commit().await?;
    Ok(after)
}

// ---- scheduler inputs ------------------------------------------------------------------------

/// Units in effect per item (`item_effective_units`) for the items selected by `filter`
/// (a WHERE over `items i` with `$1`, `$2` bound to `a`, `b`), leads first.
pub(crate) async fn effective_units_where(
    conn: &mut Conn,
    filter: &str,
    a: &str,
    b: &str,
) -> R<HashMap<i64, Vec<(UnitId, UnitRelation)>>> {
    // `filter` is one of this module's constants, never user text.
    let sql = format!(
        "SELECT iu.item_id, iu.unit_id, iu.relation FROM item_effective_units iu
         JOIN items i ON i.id = iu.item_id WHERE {filter}
         ORDER BY iu.item_id, iu.position"
    );
    let mut out: HashMap<i64, Vec<(UnitId, UnitRelation)>> = HashMap::new();
    for (item, unit, rel) in sqlx::query_as::<_, (i64, i64, String)>(sqlx::AssertSqlSafe(sql))
        .bind(a)
        .bind(b)
        .fetch_all(&mut *conn)
        .await?
    {
        out.entry(item).or_default().push((
            UnitId(unit),
            UnitRelation::from_str(&rel).unwrap_or(UnitRelation::Coordinating),
        ));
    }
    Ok(out)
}

pub(crate) const OPEN_DUE_BETWEEN: &str =
    "i.due_date >= $1 AND i.due_date <= $2 AND i.status NOT IN ('done', 'suspended')
     AND i.removed_in IS NULL";

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: i64,
    plan_id: i64,
    numbering: Option<String>,
    title: String,
    due_date: Option<String>,
    status: String,
}

/// Open items due between `from` and `to` (inclusive), with their lead units in effect.
/// Two queries, whatever the number of items.
pub(crate) async fn reminder_candidates(
    pool: &Pool,
    from: NaiveDate,
    to: NaiveDate,
) -> R<Vec<ReminderCandidate>> {
    let mut conn = pool.read.acquire().await?;
    let (a, b) = (day_text(from), day_text(to));
    let rows = sqlx::query_as::<_, CandidateRow>(sqlx::AssertSqlSafe(format!(
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
        let CandidateRow {
            id,
            plan_id,
            numbering,
            title,
            due_date,
            status,
        } = r;
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
                due: parse_date(due_date),
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
            plan_id: PlanId(plan_id),
            label,
        });
    }
    Ok(out)
}

/// Sends whose scheduled day is on or after `from`.
pub(crate) async fn reminder_sends_since(pool: &Pool, from: NaiveDate) -> R<HashSet<SendKey>> {
    let mut out = HashSet::new();
    for (item, rule_id, day) in sqlx::query_as::<_, (i64, i64, Option<String>)>(
        "SELECT item_id, rule_id, day FROM reminder_sends WHERE day >= $1",
    )
    .bind(day_text(from))
    .fetch_all(&pool.read)
    .await?
    {
        if let Some(day) = parse_date(day) {
            out.insert(SendKey {
                item: ItemId(item),
                rule_id,
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
    send_id: i64,
    status: &str,
    error: Option<&str>,
) -> R<()> {
    sqlx::query("UPDATE reminder_sends SET email_status = $2, email_error = $3 WHERE id = $1")
        .bind(send_id)
        .bind(status)
        .bind(error)
        .execute(&pool.write)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SendRow {
    item_id: i64,
    rule_id: i64,
    day: Option<String>,
    email_status: String,
}

/// (item, rule, day, email status) of an item's sends, oldest first.
pub(crate) async fn item_reminder_sends(pool: &Pool, item: ItemId) -> R<Vec<(SendKey, String)>> {
    let mut out = Vec::new();
    for r in sqlx::query_as::<_, SendRow>(
        "SELECT item_id, rule_id, day, email_status FROM reminder_sends WHERE item_id = $1
         ORDER BY day, id",
    )
    .bind(item.0)
    .fetch_all(&pool.read)
    .await?
    {
        if let Some(day) = parse_date(r.day) {
            out.push((
                SendKey {
                    item: ItemId(r.item_id),
                    rule_id: r.rule_id,
                    day,
                },
                r.email_status,
            ));
        }
    }
    Ok(out)
}

// ---- escalation --------------------------------------------------------------------------

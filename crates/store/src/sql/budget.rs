//! Estimates (dự toán) of plan items: their lines, the workflow's steps (lead unit →
//! Finance → Board) with their history, the Finance and Board queues, the planned money
//! per item, and the plan's funding sources. Every change is one transaction: lock, rule
//! (`domain::budget`), version, write, audit.

use super::items::{conflict, locked_item};
use super::tx::{Versioned, audit_in, bump_version};
use super::{Conn, Pool, R, begin_write};
use crate::budget_model::*;
use crate::model::AuditEntry;
use crate::tracking_model::ItemTracking;
use crate::{Ctx, StoreError};
use domain::budget::{
    EstimateAction, EstimateStatus, EstimateSubject, ParsedLine, check_edit_lines, check_role,
    check_step, total,
};
use domain::{Actor, ItemId, PlanId, UserId};
use serde_json::json;
use std::str::FromStr;

#[derive(sqlx::FromRow)]
struct EstimateRow {
    id: i64,
    item_id: i64,
    revision: i64,
    status: String,
    submitted_by: Option<i64>,
    verified_by: Option<i64>,
    version: i64,
    updated_at: i64,
}

impl EstimateRow {
    fn status(&self) -> EstimateStatus {
        EstimateStatus::from_str(&self.status).unwrap_or(EstimateStatus::Draft)
    }

    fn subject(&self, it: &ItemTracking, lines: &[EstimateLine]) -> EstimateSubject {
        EstimateSubject {
            status: self.status(),
            item_units: it.item_units(),
            submitted_by: self.submitted_by.map(UserId),
            verified_by: self.verified_by.map(UserId),
            line_count: lines.len(),
            latest: true,
        }
    }

    fn with_lines(self, lines: Vec<EstimateLine>) -> Estimate {
        Estimate {
            id: self.id,
            item_id: ItemId(self.item_id),
            revision: self.revision,
            status: self.status(),
            submitted_by: self.submitted_by.map(UserId),
            verified_by: self.verified_by.map(UserId),
            version: self.version,
            updated_at: self.updated_at,
            total: lines.iter().map(|l| l.amount).sum(),
            lines,
        }
    }
}

#[derive(sqlx::FromRow)]
struct LineRow {
    id: i64,
    position: i64,
    category: String,
    category_vi: String,
    category_en: String,
    description: String,
    unit: String,
    quantity: i64,
    unit_price: i64,
    amount: i64,
    note: String,
}

impl From<LineRow> for EstimateLine {
    fn from(r: LineRow) -> Self {
        EstimateLine {
            id: r.id,
            position: r.position,
            category: r.category,
            category_vi: r.category_vi,
            category_en: r.category_en,
            description: r.description,
            unit: r.unit,
            quantity: r.quantity,
            unit_price: r.unit_price,
            amount: r.amount,
            note: r.note,
        }
    }
}

async fn latest_estimate(conn: &mut Conn, item: ItemId) -> R<Option<EstimateRow>> {
    Ok(sqlx::query_as::<_, EstimateRow>(
        "SELECT id, item_id, revision, status, submitted_by, verified_by, version, updated_at
         FROM estimates WHERE item_id = $1 ORDER BY revision DESC LIMIT 1",
    )
    .bind(item.0)
    .fetch_optional(&mut *conn)
    .await?)
}

async fn estimate_lines(conn: &mut Conn, estimate: i64) -> R<Vec<EstimateLine>> {
    let rows = sqlx::query_as::<_, LineRow>(
        "SELECT l.id, l.position, l.category, COALESCE(c.name_vi, l.category) AS category_vi,
             COALESCE(c.name_en, '') AS category_en, l.description, l.unit, l.quantity,
             l.unit_price, l.amount, l.note
         FROM estimate_lines l LEFT JOIN budget_categories c ON c.code = l.category
         WHERE l.estimate_id = $1 ORDER BY l.position, l.id",
    )
    .bind(estimate)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(EstimateLine::from).collect())
}

/// The latest estimate of a locked item with its lines, the version checked after the
/// permission (someone who may not act hears "not allowed", not "someone was first").
struct Locked {
    it: ItemTracking,
    row: EstimateRow,
    lines: Vec<EstimateLine>,
}

async fn lock_estimate(
    conn: &mut Conn,
    item: ItemId,
    expected: i64,
    actor: &Actor,
    action: EstimateAction,
) -> R<Locked> {
    let it = locked_item(conn, item).await?;
    check_role(actor, &it.item_units(), action)?;
    let row = latest_estimate(conn, item)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("estimate of item {item}")))?;
    let lines = estimate_lines(conn, row.id).await?;
    if let Err(c) = domain::check_version(row.version, expected) {
        let current = row_json(&row, &lines);
        return Err(conflict("estimate", row.id, c, &current));
    }
    Ok(Locked { it, row, lines })
}

fn row_json(row: &EstimateRow, lines: &[EstimateLine]) -> serde_json::Value {
    json!({
        "revision": row.revision, "status": row.status, "version": row.version,
        "total": lines.iter().map(|l| l.amount).sum::<i64>(), "lines": lines.len(),
    })
}

async fn bump(conn: &mut Conn, now: i64, row: &EstimateRow, lines: &[EstimateLine]) -> R<i64> {
    if !bump_version(conn, now, Versioned::Estimate, row.id, row.version).await? {
        let c = domain::Conflict {
            current: row.version + 1,
            attempted: row.version,
        };
        return Err(conflict("estimate", row.id, c, &row_json(row, lines)));
    }
    Ok(row.version + 1)
}

async fn insert_estimate(
    conn: &mut Conn,
    now: i64,
    item: ItemId,
    revision: i64,
    version: i64,
    actor: &Actor,
) -> R<i64> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO estimates (item_id, revision, status, created_by, created_at, updated_at,
             version)
         VALUES ($1, $2, 'draft', $3, $4, $4, $5) RETURNING id",
    )
    .bind(item.0)
    .bind(revision)
    .bind(actor.user_id.0)
    .bind(now)
    .bind(version)
    .fetch_one(&mut *conn)
    .await
    .map_err(StoreError::from)
    .map_err(|e| {
        // Someone opened this revision first (two first lines, or two revisions, at once
        // on PostgreSQL): the form was drawn on a version that is gone.
        if e.is_unique_violation() {
            let c = domain::Conflict {
                current: version,
                attempted: version - 1,
            };
            conflict("estimate", 0, c, &json!({ "revision": revision }))
        } else {
            e
        }
    })
}

async fn insert_line(conn: &mut Conn, estimate: i64, position: i64, l: &LineValues<'_>) -> R<i64> {
    Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO estimate_lines (estimate_id, position, category, description, unit,
             quantity, unit_price, amount, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(estimate)
    .bind(position)
    .bind(l.category)
    .bind(l.description)
    .bind(l.unit)
    .bind(l.quantity)
    .bind(l.unit_price)
    .bind(l.amount)
    .bind(l.note)
    .fetch_one(&mut *conn)
    .await?)
}

/// A line's columns, from a new line or a copied one.
struct LineValues<'a> {
    category: &'a str,
    description: &'a str,
    unit: &'a str,
    quantity: i64,
    unit_price: i64,
    amount: i64,
    note: &'a str,
}

impl<'a> From<&'a ParsedLine> for LineValues<'a> {
    fn from(l: &'a ParsedLine) -> Self {
        LineValues {
            category: &l.category,
            description: &l.description,
            unit: &l.unit,
            quantity: l.quantity,
            unit_price: l.unit_price.get(),
            amount: l.amount.get(),
            note: &l.note,
        }
    }
}

impl<'a> From<&'a EstimateLine> for LineValues<'a> {
    fn from(l: &'a EstimateLine) -> Self {
        LineValues {
            category: &l.category,
            description: &l.description,
            unit: &l.unit,
            quantity: l.quantity,
            unit_price: l.unit_price,
            amount: l.amount,
            note: &l.note,
        }
    }
}

fn amounts(lines: &[EstimateLine]) -> impl Iterator<Item = domain::budget::Amount> + '_ {
    lines
        .iter()
        .filter_map(|l| domain::budget::Amount::new(l.amount).ok())
}

/// Adds a line to the item's draft estimate; the item's first line opens revision 1
/// (`expected` is then 0). Returns the estimate's new version.
pub(crate) async fn add_estimate_line(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    expected: i64,
    line: &ParsedLine,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, item).await?;
    check_role(actor, &it.item_units(), EstimateAction::Submit)?;
    super::budget_categories::check_line_category(&mut tx, &line.category).await?;
    let (id, version, lines) = match latest_estimate(&mut tx, item).await? {
        None if expected == 0 => {
            let id = insert_estimate(&mut tx, now, item, 1, 1, actor).await?;
            (id, 1, Vec::new())
        }
        None => {
            let c = domain::Conflict {
                current: 0,
                attempted: expected,
            };
            return Err(conflict("estimate", 0, c, &json!({ "lines": 0 })));
        }
        Some(row) => {
            let lines = estimate_lines(&mut tx, row.id).await?;
            if let Err(c) = domain::check_version(row.version, expected) {
                return Err(conflict("estimate", row.id, c, &row_json(&row, &lines)));
            }
            check_edit_lines(actor, &row.subject(&it, &lines))?;
            let v = bump(&mut tx, now, &row, &lines).await?;
            (row.id, v, lines)
        }
    };
    total(amounts(&lines).chain([line.amount]))?;
    let position = lines.iter().map(|l| l.position).max().unwrap_or(0) + 1;
    let line_id = insert_line(&mut tx, id, position, &line.into()).await?;
    let after = json!({
        "line": line_id, "category": line.category, "description": line.description,
        "unit": line.unit, "quantity": line.quantity, "unit_price": line.unit_price.get(),
        "amount": line.amount.get(), "note": line.note,
    });
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "estimate.line_add",
        "estimate",
        Some(id),
    )
    .after(after);
    audit_in(&mut tx, now, &entry, it.plan_id, Some(item)).await?;
    tx.commit().await?;
    Ok(version)
}

/// Removes a line of the item's draft estimate. Returns the estimate's new version.
pub(crate) async fn remove_estimate_line(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    expected: i64,
    line_id: i64,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let Locked { it, row, lines } =
        lock_estimate(&mut tx, item, expected, actor, EstimateAction::Submit).await?;
    check_edit_lines(actor, &row.subject(&it, &lines))?;
    let line = lines
        .iter()
        .find(|l| l.id == line_id)
        .ok_or_else(|| StoreError::NotFound(format!("estimate line {line_id}")))?;
    let v = bump(&mut tx, now, &row, &lines).await?;
    sqlx::query("DELETE FROM estimate_lines WHERE id = $1 AND estimate_id = $2")
        .bind(line_id)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "estimate.line_remove",
        "estimate",
        Some(row.id),
    )
    .before(super::tx::json(line));
    audit_in(&mut tx, now, &entry, it.plan_id, Some(item)).await?;
    tx.commit().await?;
    Ok(v)
}

/// Takes a step of the workflow on the item's latest estimate (`domain::budget::
/// check_step`), records it in the history and the audit log. A revision opens a new
/// draft with the same lines. Returns the estimate's new version.
pub(crate) async fn estimate_step(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    expected: i64,
    action: EstimateAction,
    comment: &str,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let comment = comment.trim();
    let mut tx = begin_write(pool).await?;
    let Locked { it, row, lines } = lock_estimate(&mut tx, item, expected, actor, action).await?;
    let from = row.status();
    let to = check_step(actor, &row.subject(&it, &lines), action, comment)?;
    let (estimate, version) = if action == EstimateAction::Revise {
        let version = row.version + 1;
        let id = insert_estimate(&mut tx, now, item, row.revision + 1, version, actor).await?;
        for l in &lines {
            insert_line(&mut tx, id, l.position, &l.into()).await?;
        }
        (id, version)
    } else {
        let version = bump(&mut tx, now, &row, &lines).await?;
        set_status(&mut tx, row.id, action, to, actor).await?;
        (row.id, version)
    };
    sqlx::query(
        "INSERT INTO estimate_steps (estimate_id, action, from_status, to_status, comment,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(estimate)
    .bind(action.as_str())
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(comment)
    .bind(actor.user_id.0)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        &format!("estimate.{action}"),
        "estimate",
        Some(estimate),
    )
    .before(json!({ "revision": row.revision, "status": from.as_str() }))
    .after(json!({
        "status": to.as_str(), "comment": comment,
        "total": lines.iter().map(|l| l.amount).sum::<i64>(),
    }));
    audit_in(&mut tx, now, &entry, it.plan_id, Some(item)).await?;
    tx.commit().await?;
    Ok(version)
}

/// The new status, and who took the step the four-eyes rule remembers: the submitter
/// and the verifier of the current round (a return starts a new round).
async fn set_status(
    conn: &mut Conn,
    id: i64,
    action: EstimateAction,
    to: EstimateStatus,
    actor: &Actor,
) -> R<()> {
    let q = match action {
        EstimateAction::Submit => sqlx::query(
            "UPDATE estimates SET status = $1, submitted_by = $2, verified_by = NULL
             WHERE id = $3",
        )
        .bind(to.as_str())
        .bind(actor.user_id.0),
        EstimateAction::Verify => {
            sqlx::query("UPDATE estimates SET status = $1, verified_by = $2 WHERE id = $3")
                .bind(to.as_str())
                .bind(actor.user_id.0)
        }
        EstimateAction::Return => sqlx::query(
            "UPDATE estimates SET status = $1, submitted_by = NULL, verified_by = NULL
             WHERE id = $2",
        )
        .bind(to.as_str()),
        _ => sqlx::query("UPDATE estimates SET status = $1 WHERE id = $2").bind(to.as_str()),
    };
    q.bind(id).execute(&mut *conn).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct StepRow {
    id: i64,
    revision: i64,
    action: String,
    from_status: String,
    to_status: String,
    comment: String,
    created_by: Option<i64>,
    created_by_name: Option<String>,
    created_at: i64,
}

impl StepRow {
    fn step(self) -> Option<EstimateStep> {
        Some(EstimateStep {
            id: self.id,
            revision: self.revision,
            action: self.action.parse().ok()?,
            from: self.from_status.parse().ok()?,
            to: self.to_status.parse().ok()?,
            comment: self.comment,
            created_by: self.created_by.map(UserId),
            created_by_name: self.created_by_name,
            created_at: self.created_at,
        })
    }
}

/// The lines of revision `latest - 1` of the item's estimate (none for the first).
async fn previous_lines(conn: &mut Conn, item: ItemId, latest: i64) -> R<Vec<EstimateLine>> {
    let rows = sqlx::query_as::<_, LineRow>(
        "SELECT l.id, l.position, l.category, COALESCE(c.name_vi, l.category) AS category_vi,
             COALESCE(c.name_en, '') AS category_en, l.description, l.unit, l.quantity,
             l.unit_price, l.amount, l.note
         FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id
             LEFT JOIN budget_categories c ON c.code = l.category
         WHERE e.item_id = $1 AND e.revision = $2 ORDER BY l.position, l.id",
    )
    .bind(item.0)
    .bind(latest - 1)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(EstimateLine::from).collect())
}

/// An item's budget: its latest estimate with lines, the lines of the revision before,
/// every step, and the planned total (the latest approved revision). Five queries.
pub(crate) async fn item_budget(pool: &Pool, item: ItemId) -> R<ItemBudget> {
    let mut conn = pool.read.acquire().await?;
    let (estimate, previous_lines) = match latest_estimate(&mut conn, item).await? {
        Some(row) => {
            let lines = estimate_lines(&mut conn, row.id).await?;
            let previous = previous_lines(&mut conn, item, row.revision).await?;
            (Some(row.with_lines(lines)), previous)
        }
        None => (None, Vec::new()),
    };
    let steps = sqlx::query_as::<_, StepRow>(
        "SELECT s.id, e.revision, s.action, s.from_status, s.to_status, s.comment,
             s.created_by, u.display_name AS created_by_name, s.created_at
         FROM estimate_steps s JOIN estimates e ON e.id = s.estimate_id
         LEFT JOIN users u ON u.id = s.created_by
         WHERE e.item_id = $1 ORDER BY s.created_at, s.id",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let planned = sqlx::query_scalar::<_, i64>(
        "SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT)
         FROM estimates e LEFT JOIN estimate_lines l ON l.estimate_id = e.id
         WHERE e.item_id = $1 AND e.status = 'approved'
           AND e.revision = (SELECT MAX(a.revision) FROM estimates a
                             WHERE a.item_id = $1 AND a.status = 'approved')
         GROUP BY e.id",
    )
    .bind(item.0)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(ItemBudget {
        estimate,
        steps: steps.into_iter().filter_map(StepRow::step).collect(),
        planned,
        previous_lines,
    })
}

/// Planned money per item of a plan: the total of each item's latest approved estimate
/// (items without one are absent). One query.
pub(crate) async fn plan_planned(pool: &Pool, plan: PlanId) -> R<Vec<ItemPlanned>> {
    let rows = sqlx::query_as::<_, (i64, i64)>(
        "SELECT e.item_id, CAST(COALESCE(SUM(l.amount), 0) AS BIGINT)
         FROM estimates e JOIN items i ON i.id = e.item_id
         LEFT JOIN estimate_lines l ON l.estimate_id = e.id
         WHERE i.plan_id = $1 AND e.status = 'approved'
           AND NOT EXISTS (SELECT 1 FROM estimates n WHERE n.item_id = e.item_id
                           AND n.status = 'approved' AND n.revision > e.revision)
         GROUP BY e.item_id ORDER BY e.item_id",
    )
    .bind(plan.0)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(item, planned)| ItemPlanned {
            item_id: ItemId(item),
            planned,
        })
        .collect())
}

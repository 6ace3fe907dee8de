//! Targets: how each is counted, the countable records, and progress per target.

use super::items::locked_item;
use super::tx::{audit_in, date_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::tracking_model::*;
use crate::{Ctx, StoreError};
use chrono::NaiveDate;
use domain::tracking::state::report_in_effect;
use domain::{Actor, EnteredFigure, ItemId, PlanId, UnitId, tracking};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

/// Sets how a target's actual is obtained (an item edit: the lead unit, Board, admin).
pub(crate) async fn set_target_source(
    pool: &Pool,
    ctx: &Ctx,
    target: i64,
    source: &TargetSource,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let row: Option<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT item_id, source, rule_json FROM targets WHERE id = $1")
            .bind(target)
            .fetch_optional(&mut *tx)
            .await?;
    let (item, old_source, old_rule) =
        row.ok_or_else(|| StoreError::NotFound(format!("target {target}")))?;
    let it = locked_item(&mut tx, ItemId(item)).await?;
    tracking::check_edit_item(actor, &it.item_units())?;
    let (code, rule) = match source {
        TargetSource::Entered => ("entered", None),
        TargetSource::Counted { rule } => {
            if rule.kinds.is_empty() {
                return Err(StoreError::Invalid(
                    "a counting rule needs a record kind".into(),
                ));
            }
            if rule.item.is_some_and(|i| i != it.id) {
                return Err(StoreError::Invalid(
                    "a counting rule can only link to the target's own item".into(),
                ));
            }
            ("counted", Some(serde_json::to_string(rule)?))
        }
    };
    sqlx::query("UPDATE targets SET source = $1, rule_json = $2 WHERE id = $3")
        .bind(code)
        .bind(&rule)
        .bind(target)
        .execute(&mut *tx)
        .await?;
    audit_in(
        &mut tx, now,
        &AuditEntry::new(Some(actor.user_id), "target.source", "target", Some(target))
            .before(json!({ "source": old_source, "rule": old_rule.map(|r| serde_json::from_str::<serde_json::Value>(&r).unwrap_or_default()) }))
            .after(serde_json::to_value(source)?),
        it.plan_id,
        Some(it.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves a countable record by its `source_key` (replacing the earlier one, links
/// included). Record kinds call this in their own write path. Not audited here: the
/// owning record's change is.
pub(crate) async fn save_record(pool: &Pool, ctx: &Ctx, rec: &CountableRecord) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id = save_record_in(&mut tx, now, rec).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`save_record`] inside the caller's transaction (an event writes its record with it).
pub(crate) async fn save_record_in(conn: &mut Conn, at: i64, rec: &CountableRecord) -> R<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO records (kind, status, record_date, numbers_json, title, source_key, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (source_key) DO UPDATE SET kind = excluded.kind, status = excluded.status,
             record_date = excluded.record_date, numbers_json = excluded.numbers_json,
             title = excluded.title, updated_at = excluded.updated_at
         RETURNING id",
    )
    .bind(&rec.kind)
    .bind(&rec.status)
    .bind(date_text(rec.date))
    .bind(serde_json::to_string(&rec.numbers)?)
    .bind(&rec.title)
    .bind(&rec.source_key)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM record_items WHERE record_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for i in &rec.items {
        sqlx::query(
            "INSERT INTO record_items (record_id, item_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(i.0)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// A record with one of its items, as `RECORD_COLS` selects it.
#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    kind: String,
    status: String,
    record_date: Option<String>,
    numbers_json: String,
    title: String,
    item_id: Option<i64>,
    source_key: Option<String>,
}

/// One record per id, its items gathered from its rows.
fn records_from_rows(rows: Vec<RecordRow>) -> R<Vec<CountableRecord>> {
    let mut by_id: BTreeMap<i64, CountableRecord> = BTreeMap::new();
    for r in rows {
        let item = r.item_id;
        if let Some(rec) = by_id.get_mut(&r.id) {
            rec.items.extend(item.map(ItemId));
            continue;
        }
        by_id.insert(
            r.id,
            CountableRecord {
                kind: r.kind,
                status: r.status,
                date: parse_date(r.record_date),
                numbers: serde_json::from_str(&r.numbers_json)?,
                title: r.title,
                source_key: r.source_key.unwrap_or_default(),
                items: item.map(ItemId).into_iter().collect(),
            },
        );
    }
    Ok(by_id.into_values().collect())
}

pub(crate) const RECORD_COLS: &str = "rec.id, rec.kind, rec.status, rec.record_date, rec.numbers_json, rec.title, ri.item_id, rec.source_key";

#[derive(sqlx::FromRow)]
struct TargetRow {
    id: i64,
    item_id: i64,
    min_value: Option<f64>,
    max_value: Option<f64>,
    unit: String,
    per: Option<String>,
    text: String,
    source: String,
    rule_json: Option<String>,
}

/// A figure of a report's latest version.
#[derive(sqlx::FromRow)]
struct FigureRow {
    target_id: i64,
    unit_id: i64,
    period_start: String,
    period_end: String,
    report_id: i64,
    value: f64,
}

/// Every target of a plan with the figure its source gives (`actual`) and the figure the
/// units reported (`reported`, for counted targets too: pages show both when they differ).
/// With `as_of`, only what was done by then: records dated after it and reports on a
/// period not yet begun do not count. A record's status is its current one (statuses keep
/// no history), and undated records are not "after" any day.
pub(crate) async fn target_progress(
    pool: &Pool,
    ctx: &Ctx,
    plan: PlanId,
    as_of: Option<NaiveDate>,
) -> R<Vec<TargetProgress>> {
    let mut conn = pool.read.acquire().await?;
    ctx.count_view_query();
    let mut out = plan_targets(&mut conn, plan).await?;
    ctx.count_view_query();
    let entered = entered_figures(&mut conn, plan, as_of).await?;
    // Counted: records linked to the plan's items, plus (rarely) unlinked kinds.
    let mut linked = Vec::new();
    if out
        .iter()
        .any(|t| matches!(t.source, TargetSource::Counted { .. }))
    {
        ctx.count_view_query();
        linked = linked_records(&mut conn, plan).await?;
    }
    let kinds = unlinked_kinds(&out);
    let mut of_kinds = Vec::new();
    if !kinds.is_empty() {
        ctx.count_view_query();
        of_kinds = records_of_kinds(&mut conn, &kinds).await?;
    }
    if let Some(day) = as_of {
        let by_then = |r: &CountableRecord| r.date.is_none_or(|d| d <= day);
        linked.retain(by_then);
        of_kinds.retain(by_then);
    }
    for t in &mut out {
        t.reported = entered
            .get(&t.target_id)
            .and_then(|f| domain::entered_actual(f));
        t.actual = match &t.source {
            TargetSource::Entered => t.reported,
            TargetSource::Counted { rule } if rule.item.is_some() => {
                Some(domain::actual(rule, &linked))
            }
            TargetSource::Counted { rule } => Some(domain::actual(rule, &of_kinds)),
        };
        t.attainment = t.actual.map(|a| domain::attainment(a, t.min, t.max));
    }
    Ok(out)
}

/// The plan's targets in document order, without actuals yet.
async fn plan_targets(conn: &mut Conn, plan: PlanId) -> R<Vec<TargetProgress>> {
    let rows = sqlx::query_as::<_, TargetRow>(
        "SELECT t.id, t.item_id, t.min_value, t.max_value, t.unit, t.per, t.text, t.source, t.rule_json
         FROM targets t JOIN items i ON i.id = t.item_id
         WHERE i.plan_id = $1 AND i.removed_in IS NULL ORDER BY i.seq, t.position",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let source = match (r.source.as_str(), r.rule_json) {
                ("counted", Some(rule)) => TargetSource::Counted {
                    rule: serde_json::from_str(&rule)?,
                },
                _ => TargetSource::Entered,
            };
            Ok(TargetProgress {
                target_id: r.id,
                item_id: ItemId(r.item_id),
                min: r.min_value,
                max: r.max_value,
                unit: r.unit,
                per: r.per,
                text: r.text,
                source,
                actual: None,
                reported: None,
                attainment: None,
            })
        })
        .collect()
}

/// Entered figures per target: those of each report's latest version (in effect at
/// `as_of`, when given: `domain::tracking::state::report_in_effect`).
async fn entered_figures(
    conn: &mut Conn,
    plan: PlanId,
    as_of: Option<NaiveDate>,
) -> R<HashMap<i64, Vec<EnteredFigure>>> {
    let mut entered: HashMap<i64, Vec<EnteredFigure>> = HashMap::new();
    for f in sqlx::query_as::<_, FigureRow>(
        "SELECT f.target_id, r.unit_id, r.period_start, r.period_end, r.id AS report_id,
                f.value
         FROM report_figures f
         JOIN progress_reports r ON r.id = f.report_id
         JOIN items i ON i.id = r.item_id
         WHERE i.plan_id = $1
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?
    {
        let period_end = parse_date(Some(f.period_end)).unwrap_or_default();
        let period_start = parse_date(Some(f.period_start)).unwrap_or_default();
        if as_of.is_some_and(|day| !report_in_effect(period_start, day)) {
            continue;
        }
        entered.entry(f.target_id).or_default().push(EnteredFigure {
            unit: UnitId(f.unit_id),
            period_end,
            seq: f.report_id,
            value: f.value,
        });
    }
    Ok(entered)
}

/// The records linked to any of the plan's items.
async fn linked_records(conn: &mut Conn, plan: PlanId) -> R<Vec<CountableRecord>> {
    records_from_rows(
        sqlx::query_as(sql!(
            "SELECT {RECORD_COLS} FROM records rec
             JOIN record_items ri ON ri.record_id = rec.id
             WHERE rec.id IN (SELECT ri2.record_id FROM record_items ri2
                              JOIN items i ON i.id = ri2.item_id WHERE i.plan_id = $1)
             ORDER BY rec.id"
        ))
        .bind(plan.0)
        .fetch_all(&mut *conn)
        .await?,
    )
}

/// The kinds counted by rules linked to no item, sorted, each once.
fn unlinked_kinds(targets: &[TargetProgress]) -> Vec<String> {
    let mut kinds: Vec<String> = targets
        .iter()
        .filter_map(|t| match &t.source {
            TargetSource::Counted { rule } if rule.item.is_none() => Some(rule.kinds.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Every record of these kinds, linked or not.
async fn records_of_kinds(conn: &mut Conn, kinds: &[String]) -> R<Vec<CountableRecord>> {
    let mut q = format!(
        "SELECT {RECORD_COLS} FROM records rec
         LEFT JOIN record_items ri ON ri.record_id = rec.id WHERE rec.kind IN ("
    );
    for k in 0..kinds.len() {
        q.push_str(if k == 0 { "$" } else { ", $" });
        q.push_str(&(k + 1).to_string());
    }
    q.push_str(") ORDER BY rec.id");
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(q));
    for k in kinds {
        query = query.bind(k);
    }
    records_from_rows(query.fetch_all(&mut *conn).await?)
}

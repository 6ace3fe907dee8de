//! Official report drafts, the texts units filed for a period, and the dashboard's figures.

use super::tx::{audit_in, board_or_admin, day_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::oversight_model::*;
use crate::{Ctx, StoreError, TargetProgress};
use domain::tracking::TrackingError;
use domain::{Actor, ItemId, Period, PlanId, UnitId, UserId};
use serde_json::json;
use std::collections::{HashMap, HashSet};

#[derive(sqlx::FromRow)]
struct DraftRow {
    content_json: String,
    version: i64,
    updated_at: i64,
    updated_by: Option<i64>,
}

pub(crate) async fn load_draft(
    conn: &mut Conn,
    plan: PlanId,
    period: Period,
) -> R<Option<ReportDraft>> {
    let Some(r) = sqlx::query_as::<_, DraftRow>(
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
    Ok(Some(ReportDraft {
        plan_id: plan,
        period,
        content: serde_json::from_str(&r.content_json)?,
        version: r.version,
        updated_at: r.updated_at,
        updated_by: r.updated_by.map(UserId),
    }))
}

pub(crate) async fn report_draft(
    pool: &Pool,
    plan: PlanId,
    period: Period,
) -> R<Option<ReportDraft>> {
    load_draft(&mut *pool.read.acquire().await?, plan, period).await
}

/// Saves the narrative over `expected_version` (0: no draft yet), audited as `action`
/// (`report_draft.save`, `report_draft.regenerate`). A stale version is a conflict
/// carrying the current draft. Returns the new version.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn save_report_draft(
    pool: &Pool,
    ctx: &Ctx,
    plan: PlanId,
    period: Period,
    expected_version: i64,
    content: &serde_json::Value,
    actor: &Actor,
    action: &'static str,
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
    let mut e = AuditEntry::new(Some(actor.user_id), action, "plan", Some(plan.0));
    e.before = current.map(
        |d| json!({ "period": period.to_string(), "version": d.version, "content": d.content }),
    );
    e.after = Some(json!({ "period": period.to_string(), "version": version, "content": content }));
    audit_in(&mut tx, now, &e, plan, None).await?;
    tx.commit().await?;
    Ok(version)
}

// ---- dashboard and report sources ------------------------------------------------------

/// An item of the dashboard with its latest reported percent.
#[derive(sqlx::FromRow)]
struct DashboardItemRow {
    id: i64,
    parent_id: Option<i64>,
    depth: i64,
    numbering: Option<String>,
    title: String,
}

#[derive(sqlx::FromRow)]
struct RecentReportRow {
    first_id: i64,
    item_id: i64,
    numbering: Option<String>,
    title: String,
    unit_name: String,
    period: String,
    percent: Option<i64>,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct ReportTextRow {
    item_id: i64,
    unit_id: i64,
    unit_name: String,
    period: String,
    period_end: Option<String>,
    text: String,
    difficulties: String,
    proposals: String,
    percent: Option<i64>,
}

/// The dashboard of a plan, or of the items a unit leads or coordinates (in effect), with
/// every item's state as of `as_of` (`states`, from `Store::plan_states`). 2 queries for
/// the rows and names, plus those of the target progress (3–4) and the recent reports.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn dashboard(
    pool: &Pool,
    ctx: &Ctx,
    plan: PlanId,
    unit: Option<UnitId>,
    recent: i64,
    as_of: chrono::NaiveDate,
    states: &[domain::tracking::ItemState],
    targets: Vec<TargetProgress>,
) -> R<DashboardData> {
    let mut conn = pool.read.acquire().await?;
    ctx.count_view_query();
    let rows = dashboard_item_rows(&mut conn, plan).await?;
    ctx.count_view_query();
    let names = unit_names(&mut conn).await?;
    drop(conn);
    let states: HashMap<ItemId, &domain::tracking::ItemState> =
        states.iter().map(|s| (s.id, s)).collect();
    let items: Vec<DashboardRow> = rows
        .into_iter()
        .filter_map(|r| {
            let st = *states.get(&ItemId(r.id))?;
            match unit {
                Some(u) if !st.units.names(u) => None,
                _ => Some(dashboard_row(r, st, &names)),
            }
        })
        .collect();
    let shown: HashSet<ItemId> = items.iter().map(|i| i.id).collect();
    let targets: Vec<TargetProgress> = targets
        .into_iter()
        .filter(|t| shown.contains(&t.item_id))
        .collect();
    ctx.count_view_query();
    let recent_reports = recent_reports(pool, plan, unit, recent, as_of).await?;
    Ok(DashboardData {
        plan_id: plan,
        items,
        targets,
        recent_reports,
    })
}

/// The plan's items in document order.
async fn dashboard_item_rows(conn: &mut Conn, plan: PlanId) -> R<Vec<DashboardItemRow>> {
    Ok(sqlx::query_as::<_, DashboardItemRow>(
        "SELECT i.id, i.parent_id, i.depth, i.numbering, i.title
         FROM items i WHERE i.plan_id = $1 AND i.removed_in IS NULL ORDER BY i.seq",
    )
    .bind(plan.0)
    .fetch_all(&mut *conn)
    .await?)
}

/// Every unit's name by id (a few hundred rows at most).
async fn unit_names(conn: &mut Conn) -> R<HashMap<UnitId, String>> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM units")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (UnitId(id), n)).collect())
}

fn dashboard_row(
    r: DashboardItemRow,
    st: &domain::tracking::ItemState,
    names: &HashMap<UnitId, String>,
) -> DashboardRow {
    DashboardRow {
        id: ItemId(r.id),
        parent_id: r.parent_id.map(ItemId),
        depth: r.depth,
        numbering: r.numbering,
        title: r.title,
        status: st.status,
        due: st.due,
        overdue: st.overdue,
        percent: st.percent,
        lead_units: st
            .units
            .leads()
            .filter_map(|u| names.get(&u).cloned())
            .collect(),
        unit_ids: st.units.units.iter().map(|(u, _)| *u).collect(),
    }
}

/// The latest versions of the most recent reports (at most 100), of one unit or all, on
/// periods begun by `as_of` (`domain::tracking::report_in_effect`, the rule the percents
/// follow): a dashboard as of 30/06 does not list a report on the fourth quarter; today's
/// lists this quarter's.
async fn recent_reports(
    pool: &Pool,
    plan: PlanId,
    unit: Option<UnitId>,
    recent: i64,
    as_of: chrono::NaiveDate,
) -> R<Vec<RecentReport>> {
    let rows = sqlx::query_as::<_, RecentReportRow>(
        "SELECT COALESCE(r.first_id, r.id) AS first_id, r.item_id, i.numbering, i.title,
                u.name AS unit_name, r.period,
                r.percent, r.created_at
         FROM progress_reports r JOIN items i ON i.id = r.item_id
         JOIN units u ON u.id = r.unit_id
         WHERE i.plan_id = $1 AND ($2 = 0 OR r.unit_id = $2) AND r.period_start <= $4
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
         ORDER BY r.created_at DESC, r.id DESC LIMIT $3",
    )
    .bind(plan.0)
    .bind(unit.map_or(0, |u| u.0))
    .bind(recent.clamp(0, 100))
    .bind(day_text(as_of))
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| RecentReport {
            first_id: r.first_id,
            item_id: ItemId(r.item_id),
            numbering: r.numbering,
            title: r.title,
            unit_name: r.unit_name,
            period: r.period,
            percent: r.percent,
            created_at: r.created_at,
        })
        .collect())
}

/// The latest version of each progress report of the plan whose period lies within
/// `period`, in item order, then by period end. One query.
pub(crate) async fn report_texts(pool: &Pool, plan: PlanId, period: Period) -> R<Vec<ReportText>> {
    let mut out = Vec::new();
    for r in sqlx::query_as::<_, ReportTextRow>(
        "SELECT r.item_id, r.unit_id, u.name AS unit_name, r.period, r.period_end, r.text,
                r.difficulties, r.proposals, r.percent
         FROM progress_reports r JOIN items i ON i.id = r.item_id
         JOIN units u ON u.id = r.unit_id
         WHERE i.plan_id = $1 AND r.period_start >= $2 AND r.period_end <= $3
           AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
         ORDER BY i.seq, r.period_end, r.id",
    )
    .bind(plan.0)
    .bind(day_text(period.start()))
    .bind(day_text(period.end()))
    .fetch_all(&pool.read)
    .await?
    {
        out.push(ReportText {
            item_id: ItemId(r.item_id),
            unit_id: UnitId(r.unit_id),
            unit_name: r.unit_name,
            period: r.period,
            period_end: parse_date(r.period_end).unwrap_or_default(),
            text: r.text,
            difficulties: r.difficulties,
            proposals: r.proposals,
            percent: r.percent,
        });
    }
    Ok(out)
}

// ---- e-mail addresses --------------------------------------------------------------------

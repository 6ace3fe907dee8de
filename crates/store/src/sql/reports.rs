//! Official report drafts, the texts units filed for a period, and the dashboard's figures.

use super::tx::{audit_in, board_or_admin, day_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::model::AuditEntry;
use crate::oversight_model::*;
use crate::{Ctx, StoreError, TargetProgress};
use domain::tracking::TrackingError;
use domain::{Actor, ItemId, ItemStatus, Period, PlanId, UnitId, UnitRelation, UserId};
use serde_json::json;
use sqlx::Row;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

pub(crate) async fn load_draft(
    conn: &mut Conn,
    plan: PlanId,
    period: Period,
) -> R<Option<ReportDraft>> {
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
    let targets: Vec<TargetProgress> = super::targets::plan_target_progress(pool, ctx, plan)
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
pub(crate) async fn report_texts(pool: &Pool, plan: PlanId, period: Period) -> R<Vec<ReportText>> {
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

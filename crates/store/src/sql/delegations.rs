//! Delegations abroad: members, status and their reports.

use super::events::{forbidden, nfc};
use super::tx::{audit, date_text, json, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::events_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::events::{EventError, can_create_event, can_edit_event};
use domain::{Actor, DelegationId, DelegationStatus, Dong, EventId, UnitId, events};

pub(crate) const DELEGATION_COLS: &str =
    "id, title, purpose, destination, depart_date, return_date,
    estimated_cost, status, lead_unit_id, event_id, report, reported_at, version,
    budget_item_id";

pub(crate) async fn load_delegation(
    conn: &mut Conn,
    id: DelegationId,
) -> R<Option<DelegationRecord>> {
    let Some(r) = sqlx::query_as::<_, DelegationRow>(sql!(
        "SELECT {DELEGATION_COLS} FROM delegations WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let mut d = r.into_record()?;
    d.members = sqlx::query_as::<_, (String, String)>(
        "SELECT name, role FROM delegation_members WHERE delegation_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(d))
}

/// A delegation as `DELEGATION_COLS` selects it.
#[derive(sqlx::FromRow)]
pub(crate) struct DelegationRow {
    id: i64,
    title: String,
    purpose: String,
    destination: String,
    depart_date: Option<String>,
    return_date: Option<String>,
    estimated_cost: i64,
    status: String,
    lead_unit_id: i64,
    event_id: Option<i64>,
    report: String,
    reported_at: Option<i64>,
    version: i64,
    budget_item_id: Option<i64>,
}

impl DelegationRow {
    /// The delegation without its members.
    pub(crate) fn into_record(self) -> R<DelegationRecord> {
        Ok(DelegationRecord {
            id: DelegationId(self.id),
            title: self.title,
            purpose: self.purpose,
            destination: self.destination,
            depart: parse_date(self.depart_date).unwrap_or_default(),
            back: parse_date(self.return_date).unwrap_or_default(),
            estimated_cost: Dong::new(self.estimated_cost)?,
            status: self.status.parse().unwrap_or_default(),
            lead_unit: UnitId(self.lead_unit_id),
            event_id: self.event_id.map(EventId),
            members: Vec::new(),
            report: self.report,
            reported_at: self.reported_at,
            version: self.version,
            budget_item: self.budget_item_id.map(domain::ItemId),
        })
    }
}

pub(crate) async fn must_delegation(conn: &mut Conn, id: DelegationId) -> R<DelegationRecord> {
    load_delegation(conn, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("delegation {id}")))
}

pub(crate) async fn delegation(pool: &Pool, id: DelegationId) -> R<Option<DelegationRecord>> {
    load_delegation(&mut *pool.read.acquire().await?, id).await
}

pub(crate) fn check_delegation(d: &DelegationInput) -> R<String> {
    let title = nfc(&d.title);
    if title.is_empty() {
        return Err(EventError::TitleRequired.into());
    }
    let short = events::MAX_NAME_CHARS;
    let mut texts = vec![
        (title.as_str(), short),
        (d.destination.as_str(), short),
        (d.purpose.as_str(), events::MAX_NOTE_CHARS),
    ];
    texts.extend(
        d.members
            .iter()
            .flat_map(|(n, r)| [(n.as_str(), short), (r.as_str(), short)]),
    );
    events::check_lengths(&texts)?;
    events::check_trip_dates(d.depart, d.back)?;
    Ok(title)
}

/// The item the delegation takes its estimate from has an estimate.
async fn check_budget_item(conn: &mut Conn, d: &DelegationInput) -> R<()> {
    let Some(item) = d.budget_item else {
        return Ok(());
    };
    let has: Option<i64> =
        sqlx::query_scalar("SELECT id FROM estimates WHERE item_id = $1 LIMIT 1")
            .bind(item.0)
            .fetch_optional(&mut *conn)
            .await?;
    match has {
        Some(_) => Ok(()),
        None => Err(StoreError::Invalid(format!("item {item} has no estimate"))),
    }
}

pub(crate) async fn write_members(
    conn: &mut Conn,
    id: DelegationId,
    members: &[(String, String)],
) -> R<()> {
    sqlx::query("DELETE FROM delegation_members WHERE delegation_id = $1")
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
    for (i, (name, role)) in members
        .iter()
        .filter(|(n, _)| !n.trim().is_empty())
        .enumerate()
    {
        sqlx::query(
            "INSERT INTO delegation_members (delegation_id, position, name, role) VALUES ($1, $2, $3, $4)",
        )
        .bind(id.0)
        .bind(i as i64)
        .bind(nfc(name))
        .bind(nfc(role))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(crate) async fn create_delegation(
    pool: &Pool,
    ctx: &Ctx,
    d: &DelegationInput,
    actor: &Actor,
) -> R<DelegationId> {
    let now = ctx.now();
    let title = check_delegation(d)?;
    if !can_create_event(actor, d.lead_unit) {
        return Err(forbidden("propose a delegation for this unit"));
    }
    let mut tx = begin_write(pool).await?;
    check_budget_item(&mut tx, d).await?;
    let at = now;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO delegations (title, purpose, destination, depart_date, return_date,
             estimated_cost, status, lead_unit_id, event_id, created_at, created_by, updated_at,
             budget_item_id)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $9, $11) RETURNING id",
    )
    .bind(&title)
    .bind(nfc(&d.purpose))
    .bind(nfc(&d.destination))
    .bind(date_text(Some(d.depart)))
    .bind(date_text(Some(d.back)))
    .bind(d.estimated_cost.get())
    .bind(d.lead_unit.0)
    .bind(d.event_id.map(|e| e.0))
    .bind(at)
    .bind(actor.user_id.0)
    .bind(d.budget_item.map(|i| i.0))
    .fetch_one(&mut *tx)
    .await?;
    let id = DelegationId(id);
    write_members(&mut tx, id, &d.members).await?;
    let rec = must_delegation(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "delegation.create",
            "delegation",
            Some(id.0),
        )
        .after(json(&rec)),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) fn delegation_version(d: &DelegationRecord, expected: i64) -> R<()> {
    domain::check_version(d.version, expected).map_err(|c| StoreError::Conflict {
        entity: "delegation",
        id: d.id.0,
        conflict: c,
        current: json(d),
    })
}

pub(crate) async fn bump_delegation(conn: &mut Conn, at: i64, d: &DelegationRecord) -> R<()> {
    use super::tx::{Versioned, bump_version};
    if !bump_version(conn, at, Versioned::Delegation, d.id.0, d.version).await? {
        let cur = must_delegation(conn, d.id).await?;
        return delegation_version(&cur, d.version);
    }
    Ok(())
}

/// Edits a proposal (only while a draft, or after "not approved" sent it back).
pub(crate) async fn update_delegation(
    pool: &Pool,
    ctx: &Ctx,
    id: DelegationId,
    expected: i64,
    d: &DelegationInput,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let title = check_delegation(d)?;
    let mut tx = begin_write(pool).await?;
    let before = must_delegation(&mut tx, id).await?;
    check_budget_item(&mut tx, d).await?;
    if !can_edit_event(actor, &before.item_units())
        || (d.lead_unit != before.lead_unit && !can_create_event(actor, d.lead_unit))
    {
        return Err(forbidden("change the delegation"));
    }
    delegation_version(&before, expected)?;
    if before.status != DelegationStatus::Draft {
        return Err(StoreError::Invalid(
            "only a draft delegation can be edited".into(),
        ));
    }
    sqlx::query(
        "UPDATE delegations SET title = $1, purpose = $2, destination = $3, depart_date = $4,
             return_date = $5, estimated_cost = $6, lead_unit_id = $7, event_id = $8,
             budget_item_id = $10
         WHERE id = $9",
    )
    .bind(&title)
    .bind(nfc(&d.purpose))
    .bind(nfc(&d.destination))
    .bind(date_text(Some(d.depart)))
    .bind(date_text(Some(d.back)))
    .bind(d.estimated_cost.get())
    .bind(d.lead_unit.0)
    .bind(d.event_id.map(|e| e.0))
    .bind(id.0)
    .bind(d.budget_item.map(|i| i.0))
    .execute(&mut *tx)
    .await?;
    write_members(&mut tx, id, &d.members).await?;
    bump_delegation(&mut tx, now, &before).await?;
    let after = must_delegation(&mut tx, id).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "delegation.update",
            "delegation",
            Some(id.0),
        )
        .before(json(&before))
        .after(json(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after.version)
}

pub(crate) async fn set_delegation_status(
    pool: &Pool,
    ctx: &Ctx,
    id: DelegationId,
    expected: i64,
    to: DelegationStatus,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = must_delegation(&mut tx, id).await?;
    events::check_delegation_status(actor, &before.item_units(), before.status, to)?;
    delegation_version(&before, expected)?;
    sqlx::query("UPDATE delegations SET status = $1 WHERE id = $2")
        .bind(to.as_str())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
    bump_delegation(&mut tx, now, &before).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "delegation.status",
            "delegation",
            Some(id.0),
        )
        .before(serde_json::json!({ "status": before.status }))
        .after(serde_json::json!({ "status": to })),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// The report after the return; moves the delegation to "reported".
pub(crate) async fn file_delegation_report(
    pool: &Pool,
    ctx: &Ctx,
    id: DelegationId,
    expected: i64,
    text: &str,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = must_delegation(&mut tx, id).await?;
    if !can_edit_event(actor, &before.item_units()) {
        return Err(forbidden("report on the delegation"));
    }
    delegation_version(&before, expected)?;
    let text = events::check_delegation_report(before.status, &nfc(text))?;
    sqlx::query(
        "UPDATE delegations SET report = $1, reported_at = $2, status = 'reported' WHERE id = $3",
    )
    .bind(&text)
    .bind(now)
    .bind(id.0)
    .execute(&mut *tx)
    .await?;
    bump_delegation(&mut tx, now, &before).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "delegation.report",
            "delegation",
            Some(id.0),
        )
        .before(serde_json::json!({ "status": before.status, "report": before.report }))
        .after(serde_json::json!({ "status": "reported", "report": text })),
    )
    .await?;
    tx.commit().await?;
    Ok(before.version + 1)
}

/// Delegations by departure date; `visible_units` for a partner's view.
pub(crate) async fn list_delegations(
    pool: &Pool,
    visible_units: Option<&[UnitId]>,
) -> R<Vec<DelegationRecord>> {
    let rows = sqlx::query_as::<_, DelegationRow>(sql!(
        "SELECT {DELEGATION_COLS} FROM delegations ORDER BY depart_date DESC, id DESC LIMIT 500"
    ))
    .fetch_all(&pool.read)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let d = r.into_record()?;
        if visible_units.is_none_or(|v| v.contains(&d.lead_unit)) {
            out.push(d);
        }
    }
    Ok(out)
}

// ---- feeds ------------------------------------------------------------------------------

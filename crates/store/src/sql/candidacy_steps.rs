//! The UCCN call's steps as data (issue 19, part 3): list, add, rename, move up or down,
//! remove an unused one. The Board and admins only; each change audited; a form carries
//! the step's version and a stale one is a conflict.

use super::cities::forbidden;
use super::tx::audit;
use super::{Conn, Pool, R, begin_write};
use crate::candidacies_model::CandidacyStep;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::Actor;
use domain::cities::{CityError, can_edit_cities};
use serde_json::json;

type Row = (i64, i64, String, String, i64, bool);

const USED: &str = "(EXISTS (SELECT 1 FROM candidacy_step_records r WHERE r.step_id = s.id)
     OR EXISTS (SELECT 1 FROM candidacy_documents d WHERE d.step_id = s.id)
     OR EXISTS (SELECT 1 FROM candidacy_support p WHERE p.step_id = s.id))";

fn step((id, position, name_vi, name_en, version, used): Row) -> CandidacyStep {
    CandidacyStep {
        id,
        position,
        name_vi,
        name_en,
        version,
        used,
    }
}

/// The steps in the call's order (`domain::cities::candidacy::in_order`).
pub(crate) async fn steps(pool: &Pool) -> R<Vec<CandidacyStep>> {
    let mut conn = pool.read.acquire().await?;
    all(&mut conn).await
}

async fn all(conn: &mut Conn) -> R<Vec<CandidacyStep>> {
    let rows = sqlx::query_as::<_, Row>(sql!(
        "SELECT s.id, s.position, s.name_vi, s.name_en, s.version, {USED}
         FROM candidacy_steps s ORDER BY s.position, s.id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(step).collect())
}

fn allowed(actor: &Actor, action: &'static str) -> R<()> {
    if can_edit_cities(actor) {
        Ok(())
    } else {
        Err(forbidden(action))
    }
}

/// The step at `expected`, its version bumped (the guard settles a race the read did not).
async fn claim(conn: &mut Conn, id: i64, expected: i64) -> R<CandidacyStep> {
    let current = all(conn)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("candidacy step {id}")))?;
    let bumped = sqlx::query(
        "UPDATE candidacy_steps SET version = version + 1 WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(expected)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if bumped == 0 {
        let conflict = domain::check_version(current.version, expected)
            .err()
            .unwrap_or(domain::Conflict {
                current: current.version + 1,
                attempted: expected,
            });
        return Err(super::items::conflict(
            "candidacy_step",
            id,
            conflict,
            &current,
        ));
    }
    Ok(current)
}

/// Adds a step at the end of the list.
pub(crate) async fn add_step(
    pool: &Pool,
    ctx: &Ctx,
    (name_vi, name_en): (&str, &str),
    actor: &Actor,
) -> R<i64> {
    allowed(actor, "add a candidacy step")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO candidacy_steps (position, name_vi, name_en, created_at, updated_at)
         VALUES ((SELECT COALESCE(MAX(position), 0) + 10 FROM candidacy_steps), $1, $2, $3, $3)
         RETURNING id",
    )
    .bind(name_vi)
    .bind(name_en)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "candidacy_step.add",
        "candidacy_step",
        Some(id),
    )
    .after(json!({ "name_vi": name_vi, "name_en": name_en }));
    audit(&mut tx, now, &entry).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn rename_step(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    expected: i64,
    (name_vi, name_en): (&str, &str),
    actor: &Actor,
) -> R<()> {
    allowed(actor, "rename a candidacy step")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = claim(&mut tx, id, expected).await?;
    sqlx::query(
        "UPDATE candidacy_steps SET name_vi = $1, name_en = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(name_vi)
    .bind(name_en)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "candidacy_step.rename",
        "candidacy_step",
        Some(id),
    )
    .before(json!({ "name_vi": before.name_vi, "name_en": before.name_en }))
    .after(json!({ "name_vi": name_vi, "name_en": name_en }));
    audit(&mut tx, now, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Swaps the step with its neighbour above (`up`) or below; at either end the order stays.
pub(crate) async fn move_step(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    expected: i64,
    up: bool,
    actor: &Actor,
) -> R<()> {
    allowed(actor, "reorder the candidacy steps")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    claim(&mut tx, id, expected).await?;
    let list = all(&mut tx).await?;
    let before: Vec<i64> = list.iter().map(|s| s.id).collect();
    let mut order = before.clone();
    let at = order.iter().position(|s| *s == id).unwrap_or(0);
    match (up, at) {
        (true, 1..) => order.swap(at, at - 1),
        (false, _) if at + 1 < order.len() => order.swap(at, at + 1),
        _ => {}
    }
    // Renumbered 10, 20, … in the new order: ties and gaps go with it.
    for (i, step) in order.iter().enumerate() {
        sqlx::query("UPDATE candidacy_steps SET position = $1, updated_at = $2 WHERE id = $3")
            .bind((i as i64 + 1) * 10)
            .bind(now)
            .bind(step)
            .execute(&mut *tx)
            .await?;
    }
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "candidacy_step.move",
        "candidacy_step",
        Some(id),
    )
    .before(json!({ "order": before }))
    .after(json!({ "order": order }));
    audit(&mut tx, now, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a step no dossier uses; a used one is refused, naming it.
pub(crate) async fn remove_step(
    pool: &Pool,
    ctx: &Ctx,
    id: i64,
    expected: i64,
    actor: &Actor,
) -> R<()> {
    allowed(actor, "remove a candidacy step")?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let before = claim(&mut tx, id, expected).await?;
    if before.used {
        return Err(CityError::StepInUse(before.name_vi).into());
    }
    sqlx::query("DELETE FROM candidacy_steps WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "candidacy_step.remove",
        "candidacy_step",
        Some(id),
    )
    .before(
        json!({ "name_vi": before.name_vi, "name_en": before.name_en,
                    "position": before.position }),
    );
    audit(&mut tx, now, &entry).await?;
    tx.commit().await?;
    Ok(())
}

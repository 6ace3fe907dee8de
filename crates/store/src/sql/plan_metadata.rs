//! A plan's document details as an admin or the Board corrects them: number, symbol,
//! date, signer and parent body (the reader may have missed them, or the copy imported
//! had none, like the built-in plan). The plan's identity for duplicate imports follows.

use super::import::identity_key;
use super::tx::{Versioned, audit_in, bump_version, date_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::model::*;
use crate::{Ctx, StoreError};
use domain::tracking::TrackingError;
use domain::{Actor, PlanId, PlanMetadata, SetupError};

#[derive(sqlx::FromRow)]
struct MetadataRow {
    number: Option<String>,
    symbol: Option<String>,
    doc_date: Option<String>,
    signer_title: Option<String>,
    signer_name: Option<String>,
    parent_issuer: Option<String>,
    version: i64,
}

impl From<MetadataRow> for PlanMetadataRecord {
    fn from(r: MetadataRow) -> Self {
        PlanMetadataRecord {
            metadata: PlanMetadata {
                number: r.number,
                symbol: r.symbol,
                date: parse_date(r.doc_date),
                signer_title: r.signer_title,
                signer_name: r.signer_name,
                parent_issuer: r.parent_issuer,
            },
            version: r.version,
        }
    }
}

async fn load(conn: &mut Conn, id: PlanId) -> R<Option<PlanMetadataRecord>> {
    Ok(sqlx::query_as::<_, MetadataRow>(
        "SELECT number, symbol, doc_date, signer_title, signer_name, parent_issuer, version
         FROM plans WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await?
    .map(PlanMetadataRecord::from))
}

pub(crate) async fn plan_metadata(pool: &Pool, id: PlanId) -> R<Option<PlanMetadataRecord>> {
    load(&mut *pool.read.acquire().await?, id).await
}

pub(crate) async fn set_plan_metadata(
    pool: &Pool,
    ctx: &Ctx,
    id: PlanId,
    version: i64,
    metadata: &PlanMetadata,
    actor: &Actor,
) -> R<()> {
    let now = ctx.now();
    if !domain::can_edit_plan_metadata(actor) {
        return Err(TrackingError::Forbidden {
            action: "correct the plan's details",
        }
        .into());
    }
    let m = metadata.normalised();
    if let Some(e) = m.problems().into_iter().next() {
        return Err(e.into());
    }
    let mut tx = begin_write(pool).await?;
    let before = load(&mut tx, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("plan {id}")))?;
    let conflict = || StoreError::Conflict {
        entity: "plan",
        id: id.0,
        conflict: domain::Conflict {
            current: before.version,
            attempted: version,
        },
        current: serde_json::to_value(&before.metadata).unwrap_or_default(),
    };
    if before.version != version
        || !bump_version(&mut tx, now, Versioned::Plan, id.0, version).await?
    {
        return Err(conflict());
    }
    // The identity a re-import is matched on follows the corrected number and symbol.
    let (issuer, title): (Option<String>, String) =
        sqlx::query_as("SELECT issuer, title FROM plans WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
    let identity = identity_key(
        issuer.as_deref(),
        m.number.as_deref(),
        m.symbol.as_deref(),
        &title,
    );
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM plans WHERE identity_key = $1 AND id <> $2")
            .bind(&identity)
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
    if taken.is_some() {
        return Err(SetupError::PlanIdentityTaken.into());
    }
    sqlx::query(
        "UPDATE plans SET number = $1, symbol = $2, doc_date = $3, signer_title = $4,
             signer_name = $5, parent_issuer = $6, identity_key = $7
         WHERE id = $8",
    )
    .bind(&m.number)
    .bind(&m.symbol)
    .bind(date_text(m.date))
    .bind(&m.signer_title)
    .bind(&m.signer_name)
    .bind(&m.parent_issuer)
    .bind(&identity)
    .bind(id.0)
    .execute(&mut *tx)
    .await
    .map_err(|e| match StoreError::from(e) {
        e if e.is_unique_violation() => SetupError::PlanIdentityTaken.into(),
        e => e,
    })?;
    audit_in(
        &mut tx,
        now,
        &AuditEntry::new(Some(actor.user_id), "plan.metadata", "plan", Some(id.0))
            .before(serde_json::to_value(&before.metadata)?)
            .after(serde_json::to_value(&m)?),
        id,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

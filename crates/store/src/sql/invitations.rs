//! An event's invitations: added in batches (directory people or names as typed), their
//! status, and a page of them with counts.

use super::events::{editable_event, editable_event_row, nfc, placeholders};
use super::tx::audit;
use super::{Conn, Pool, R, begin_write};
use crate::events_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::events::EventError;
use domain::{Actor, EventId, InvitationStatus, PersonId};
use std::collections::HashMap;

/// A directory person's defaults for an invitation.
#[derive(sqlx::FromRow)]
struct KnownPersonRow {
    id: i64,
    name: String,
    organisation: String,
    email: String,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    event_id: i64,
    person_id: Option<i64>,
    name: String,
    organisation: String,
    email: String,
    status: String,
}

/// Adds invitations with multi-row INSERTs (1,000 rows a statement), one audit entry for
/// the batch. A person already invited is skipped. Returns how many were added.
pub(crate) async fn add_invitations(
    pool: &Pool,
    ctx: &Ctx,
    event: EventId,
    list: &[NewInvitation],
    actor: &Actor,
) -> R<u64> {
    let now = ctx.now();
    let mut invitees = invitees(list)?;
    let mut tx = begin_write(pool).await?;
    editable_event(&mut tx, event, actor).await?;
    fill_from_directory(&mut tx, &mut invitees).await?;
    let added = insert_invitations(&mut tx, event, &invitees, now).await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "event.invitations.add",
            "event",
            Some(event.0),
        )
        .after(serde_json::json!({ "added": added, "submitted": list.len() })),
    )
    .await?;
    tx.commit().await?;
    Ok(added)
}

/// (person id, name, organisation, e-mail) of an invitation as written.
type Invitee = (Option<i64>, String, String, String);

/// The list, NFC and trimmed; a name is needed unless a directory person is named.
fn invitees(list: &[NewInvitation]) -> R<Vec<Invitee>> {
    list.iter()
        .map(|inv| {
            let name = nfc(&inv.name);
            if name.is_empty() && inv.person_id.is_none() {
                return Err(EventError::NameRequired.into());
            }
            Ok((
                inv.person_id.map(|p| p.0),
                name,
                nfc(&inv.organisation),
                inv.email.trim().to_string(),
            ))
        })
        .collect()
}

/// Directory people: their name, organisation and e-mail where none was given.
async fn fill_from_directory(conn: &mut Conn, invitees: &mut [Invitee]) -> R<()> {
    let person_ids: Vec<i64> = invitees.iter().filter_map(|c| c.0).collect();
    if person_ids.is_empty() {
        return Ok(());
    }
    let mut known: HashMap<i64, (String, String, String)> = HashMap::new();
    for chunk in person_ids.chunks(1000) {
        let mut q = sqlx::query_as::<_, KnownPersonRow>(sql!(
            "SELECT id, name, organisation, email FROM people WHERE id IN ({})",
            placeholders(1, chunk.len())
        ));
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            known.insert(r.id, (r.name, r.organisation, r.email));
        }
    }
    for c in invitees.iter_mut() {
        if let Some(pid) = c.0 {
            let (n, o, e) = known
                .get(&pid)
                .ok_or_else(|| StoreError::NotFound(format!("person {pid}")))?;
            for (mine, theirs) in [(&mut c.1, n), (&mut c.2, o), (&mut c.3, e)] {
                if mine.is_empty() {
                    *mine = theirs.clone();
                }
            }
        }
    }
    Ok(())
}

/// Multi-row INSERTs of 1,000; returns how many rows went in (people already invited
/// are skipped).
async fn insert_invitations(
    conn: &mut Conn,
    event: EventId,
    invitees: &[Invitee],
    at: i64,
) -> R<u64> {
    let mut added = 0u64;
    for chunk in invitees.chunks(1000) {
        let mut q = String::from(
            "INSERT INTO invitations (event_id, person_id, name, organisation, email, status, updated_at) VALUES ",
        );
        for k in 0..chunk.len() {
            let b = k * 4;
            if k > 0 {
                q.push_str(", ");
            }
            // The event id and time are database integers, the status a constant.
            q.push_str(&format!(
                "({}, ${}, ${}, ${}, ${}, 'invited', {at})",
                event.0,
                b + 1,
                b + 2,
                b + 3,
                b + 4
            ));
        }
        q.push_str(" ON CONFLICT DO NOTHING");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(q));
        for (pid, name, org, email) in chunk {
            query = query.bind(*pid).bind(name).bind(org).bind(email);
        }
        added += query.execute(&mut *conn).await?.rows_affected();
    }
    Ok(added)
}

pub(crate) async fn set_invitation_status(
    pool: &Pool,
    ctx: &Ctx,
    invitation: i64,
    status: InvitationStatus,
    actor: &Actor,
) -> R<EventId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let (event, old): (_, String) = editable_event_row(
        &mut tx,
        "SELECT event_id, status FROM invitations WHERE id = $1",
        "invitation",
        invitation,
        actor,
    )
    .await?;
    sqlx::query("UPDATE invitations SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(now)
        .bind(invitation)
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "invitation.status",
            "invitation",
            Some(invitation),
        )
        .before(serde_json::json!({ "event": event, "status": old }))
        .after(serde_json::json!({ "event": event, "status": status })),
    )
    .await?;
    tx.commit().await?;
    Ok(event)
}

/// A page of an event's invitations (`offset`, `limit` ≤ 1,000) with the total and the
/// counts per status: 3 queries whatever the list's size.
pub(crate) async fn invitations(
    pool: &Pool,
    event: EventId,
    offset: i64,
    limit: i64,
) -> R<InvitationPage> {
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, InvitationRow>(
        "SELECT id, event_id, person_id, name, organisation, email, status FROM invitations
         WHERE event_id = $1 ORDER BY id LIMIT $2 OFFSET $3",
    )
    .bind(event.0)
    .bind(limit.clamp(1, 1000))
    .bind(offset.max(0))
    .fetch_all(&mut *conn)
    .await?;
    let out: Vec<InvitationRecord> = rows
        .into_iter()
        .map(|r| InvitationRecord {
            id: r.id,
            event_id: EventId(r.event_id),
            person_id: r.person_id.map(PersonId),
            name: r.name,
            organisation: r.organisation,
            email: r.email,
            status: r.status.parse().unwrap_or_default(),
        })
        .collect();
    let mut counts = Vec::new();
    let mut total = 0;
    for (s, n) in sqlx::query_as::<_, (String, i64)>(
        "SELECT status, COUNT(*) AS n FROM invitations WHERE event_id = $1
         GROUP BY status ORDER BY status",
    )
    .bind(event.0)
    .fetch_all(&mut *conn)
    .await?
    {
        total += n;
        if let Ok(s) = s.parse::<InvitationStatus>() {
            counts.push((s, n));
        }
    }
    counts.sort_by_key(|(s, _)| InvitationStatus::ALL.iter().position(|x| x == s));
    Ok(InvitationPage {
        rows: out,
        total,
        counts,
    })
}

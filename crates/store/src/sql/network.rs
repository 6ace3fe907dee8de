//! The network space's members (issue 19, part 2): the Vietnamese cities, their focal
//! points, the sign-up links the Board sends them and the accounts those make.

use super::accounts::create_user_in;
use super::tx::{audit, json};
use super::{Pool, R, begin_write};
use crate::model::{AuditEntry, NewUser};
use crate::network_model::*;
use crate::{Ctx, StoreError};
use domain::network::{NetworkError, Viewer, check_invitation, is_network_city};
use domain::{Actor, CityId, CityStatus, Language, PersonId, Role, UserId};
use std::str::FromStr;

pub(crate) fn refused(action: &'static str) -> StoreError {
    NetworkError::Forbidden { action }.into()
}

/// The viewer a department account is (`None` for a network account's city: the web
/// passes that one in).
pub(crate) fn manager(actor: &Actor) -> R<()> {
    match Viewer::of(actor, None) {
        Some(v) if v.may_manage() => Ok(()),
        _ => Err(refused("manage the network space")),
    }
}

/// Records a sign-up link for `inv.person`, a focal point of `inv.city`; returns the
/// invitation's id and the address to send it to. Inviting the same person again (a lost
/// or expired link) ends their earlier unused links.
pub(crate) async fn invite_focal_point(
    pool: &Pool,
    ctx: &Ctx,
    inv: &NewNetworkInvitation,
    actor: &Actor,
) -> R<(i64, String)> {
    manager(actor)?;
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let city: Option<(String, String, String)> =
        sqlx::query_as("SELECT slug, country, status FROM cities WHERE id = $1")
            .bind(inv.city.0)
            .fetch_optional(&mut *tx)
            .await?;
    let (slug, country, status) = city.ok_or_else(|| StoreError::NotFound("city".into()))?;
    let status = CityStatus::from_str(&status).unwrap_or(CityStatus::Member);
    if !is_network_city(&slug, &country, status) {
        return Err(NetworkError::NotVietnamese.into());
    }
    let email: Option<String> = sqlx::query_scalar(
        "SELECT p.email FROM city_contacts cc JOIN people p ON p.id = cc.person_id
         WHERE cc.city_id = $1 AND cc.person_id = $2 AND cc.role = 'focal_point'",
    )
    .bind(inv.city.0)
    .bind(inv.person.0)
    .fetch_optional(&mut *tx)
    .await?;
    let email = email.ok_or(NetworkError::NotAContact)?;
    let email = email.trim().to_string();
    if email.is_empty() {
        return Err(NetworkError::NoEmail.into());
    }
    // Sent again: the earlier links to this person stop, so only the newest one serves.
    sqlx::query(
        "UPDATE network_invitations SET expires_at = $1
         WHERE city_id = $2 AND person_id = $3 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(inv.city.0)
    .bind(inv.person.0)
    .execute(&mut *tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO network_invitations (city_id, person_id, email, token_hash, expires_at,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(inv.city.0)
    .bind(inv.person.0)
    .bind(&email)
    .bind(&inv.token_hash)
    .bind(inv.expires_at)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        now,
        &AuditEntry::new(
            Some(actor.user_id),
            "network.invite",
            "city",
            Some(inv.city.0),
        )
        .after(json(&(id, inv.person, &email, inv.expires_at))),
    )
    .await?;
    tx.commit().await?;
    Ok((id, email))
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    city_id: i64,
    city_name: String,
    person_id: i64,
    person_name: String,
    email: String,
    expires_at: i64,
    used_at: Option<i64>,
    user_id: Option<i64>,
    created_at: i64,
}

impl From<InvitationRow> for NetworkInvitation {
    fn from(r: InvitationRow) -> Self {
        NetworkInvitation {
            id: r.id,
            city: CityId(r.city_id),
            city_name: r.city_name,
            person: PersonId(r.person_id),
            person_name: r.person_name,
            email: r.email,
            expires_at: r.expires_at,
            used_at: r.used_at,
            user: r.user_id.map(UserId),
            created_at: r.created_at,
        }
    }
}

const INVITATION: &str = "SELECT i.id, i.city_id, c.name AS city_name, i.person_id,
         p.name AS person_name, i.email, i.expires_at, i.used_at, i.user_id, i.created_at
     FROM network_invitations i JOIN cities c ON c.id = i.city_id
     JOIN people p ON p.id = i.person_id";

/// The invitation a sign-up link names (by the token's SHA-256).
pub(crate) async fn network_invitation(pool: &Pool, hash: &str) -> R<Option<NetworkInvitation>> {
    let row: Option<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{INVITATION} WHERE i.token_hash = $1"
    )))
    .bind(hash)
    .fetch_optional(&pool.read)
    .await?;
    Ok(row.map(NetworkInvitation::from))
}

/// The account a sign-up link makes: the Partner role, no unit, scoped to the link's city.
/// The link serves once, before it expires (checked under the write lock).
pub(crate) async fn accept_invitation(
    pool: &Pool,
    ctx: &Ctx,
    hash: &str,
    login: &str,
    password_hash: &str,
    language: Language,
) -> R<UserId> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let row: Option<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{INVITATION} WHERE i.token_hash = $1"
    )))
    .bind(hash)
    .fetch_optional(&mut *tx)
    .await?;
    let inv = NetworkInvitation::from(row.ok_or(NetworkError::LinkUnknown)?);
    check_invitation(inv.expires_at, inv.used_at, now)?;
    let new = NewUser {
        login: login.to_string(),
        display_name: inv.person_name.clone(),
        password_hash: password_hash.to_string(),
        must_change_password: false,
        language,
        roles: vec![Role::Partner],
        unit_ids: Vec::new(),
    };
    let user = create_user_in(&mut tx, now, &new, None).await?;
    // The invitation's address is the account's: a reply on the board is sent there.
    sqlx::query("UPDATE users SET network_city_id = $1, email = $2 WHERE id = $3")
        .bind(inv.city.0)
        .bind(&inv.email)
        .bind(user.0)
        .execute(&mut *tx)
        .await?;
    let n = sqlx::query(
        "UPDATE network_invitations SET used_at = $1, user_id = $2
         WHERE id = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user.0)
    .bind(inv.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n != 1 {
        return Err(NetworkError::LinkUsed.into());
    }
    audit(
        &mut tx,
        now,
        &AuditEntry::new(Some(user), "network.join", "city", Some(inv.city.0))
            .after(json(&(inv.id, user, login))),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// The network's cities with their focal points, accounts and unused invitations (the
/// newest per person, expired or not); four queries.
pub(crate) async fn network_members(pool: &Pool) -> R<Vec<NetworkMember>> {
    let mut conn = pool.read.acquire().await?;
    let cities: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, slug, name, country, status FROM cities
         WHERE status = 'candidate' OR country <> '' ORDER BY name_folded, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<NetworkMember> = cities
        .into_iter()
        .filter_map(|(id, slug, name, country, status)| {
            let status = CityStatus::from_str(&status).ok()?;
            is_network_city(&slug, &country, status).then(|| NetworkMember {
                city: CityId(id),
                name,
                status,
                focal_points: Vec::new(),
                accounts: Vec::new(),
                pending: Vec::new(),
            })
        })
        .collect();
    let focal: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT cc.city_id, p.id, p.name, p.email FROM city_contacts cc
         JOIN people p ON p.id = cc.person_id
         WHERE cc.role = 'focal_point' AND cc.city_id IS NOT NULL ORDER BY p.name_folded, p.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let accounts: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT network_city_id, login, display_name FROM users
         WHERE network_city_id IS NOT NULL ORDER BY login",
    )
    .fetch_all(&mut *conn)
    .await?;
    let pending: Vec<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{INVITATION} WHERE i.used_at IS NULL ORDER BY i.id DESC"
    )))
    .fetch_all(&mut *conn)
    .await?;
    for m in &mut out {
        let c = m.city.0;
        m.focal_points = focal
            .iter()
            .filter(|f| f.0 == c)
            .map(|f| (PersonId(f.1), f.2.clone(), f.3.clone()))
            .collect();
        m.accounts = accounts
            .iter()
            .filter(|a| a.0 == c)
            .map(|a| (a.1.clone(), a.2.clone()))
            .collect();
    }
    // The newest link per person: sending again ended the earlier ones.
    for p in pending {
        if let Some(m) = out.iter_mut().find(|m| m.city.0 == p.city_id)
            && !m.pending.iter().any(|q| q.person.0 == p.person_id)
        {
            m.pending.push(p.into());
        }
    }
    Ok(out)
}

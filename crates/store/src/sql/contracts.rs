//! Contracts (the Office) and their payments, against an item's approved estimate. Each
//! write is one transaction: lock, rule (`domain::budget::check_contract`,
//! `check_payment`), write, audit.

use super::items::locked_item;
use super::tx::{audit_in, day_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::budget_model::*;
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::budget::{
    Amount, BudgetError, can_record_contract, can_record_payment, check_contract, check_payment,
    total,
};
use domain::{Actor, ItemId};
use serde_json::json;

/// The lines (id, amount) of the item's latest approved estimate.
async fn approved_lines(conn: &mut Conn, item: ItemId) -> R<Vec<(i64, i64)>> {
    Ok(sqlx::query_as::<_, (i64, i64)>(
        "SELECT l.id, l.amount FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id
         WHERE e.item_id = $1 AND e.status = 'approved'
           AND e.revision = (SELECT MAX(a.revision) FROM estimates a
                             WHERE a.item_id = $1 AND a.status = 'approved')",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?)
}

/// Records a contract of the item (the Office). Its lines must be lines of the item's
/// approved estimate; worth more than them, it needs `override_reason`.
pub(crate) async fn add_contract(
    pool: &Pool,
    ctx: &Ctx,
    item: ItemId,
    new: &NewContract,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let it = locked_item(&mut tx, item).await?;
    if !can_record_contract(actor) {
        return Err(BudgetError::ContractForbidden.into());
    }
    if matches!((new.signed_on, new.term_end), (Some(s), Some(e)) if e < s) {
        return Err(BudgetError::TermBeforeSigning.into());
    }
    let approved = approved_lines(&mut tx, item).await?;
    let mut bought = Vec::new();
    for id in &new.line_ids {
        let (_, amount) = approved
            .iter()
            .find(|(l, _)| l == id)
            .ok_or(BudgetError::NoApprovedLines)?;
        bought.push(Amount::new(*amount)?);
    }
    if bought.is_empty() {
        return Err(BudgetError::NoApprovedLines.into());
    }
    let reason = check_contract(new.value, total(bought)?, &new.override_reason)?;
    let vendor = super::events::nfc(&new.vendor);
    let subject = super::events::nfc(&new.subject);
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO contracts (item_id, vendor, vendor_kind, subject, value, signed_on,
             term_end, override_reason, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(item.0)
    .bind(&vendor)
    .bind(new.vendor_kind.as_str())
    .bind(&subject)
    .bind(new.value.get())
    .bind(new.signed_on.map(day_text))
    .bind(new.term_end.map(day_text))
    .bind(&reason)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for line in &new.line_ids {
        sqlx::query("INSERT INTO contract_lines (contract_id, line_id) VALUES ($1, $2)")
            .bind(id)
            .bind(line)
            .execute(&mut *tx)
            .await?;
    }
    let entry =
        AuditEntry::new(Some(actor.user_id), "contract.add", "contract", Some(id)).after(json!({
            "vendor": vendor, "vendor_kind": new.vendor_kind.as_str(), "subject": subject,
            "value": new.value.get(), "lines": new.line_ids, "override_reason": reason,
        }));
    audit_in(&mut tx, now, &entry, it.plan_id, Some(item)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Records a payment of a contract (Finance or the lead unit). Beyond the contract's
/// value it needs `over_reason`.
pub(crate) async fn add_payment(
    pool: &Pool,
    ctx: &Ctx,
    contract: i64,
    new: &NewPayment,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let (item, value) =
        sqlx::query_as::<_, (i64, i64)>("SELECT item_id, value FROM contracts WHERE id = $1")
            .bind(contract)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("contract {contract}")))?;
    let it = locked_item(&mut tx, ItemId(item)).await?;
    if !can_record_payment(actor, &it.item_units()) {
        return Err(BudgetError::PaymentForbidden.into());
    }
    // Takes the contract's row lock (PostgreSQL) before the sum of its payments is read, so
    // that two payments at once are checked one after the other; unguarded, so that it
    // always locks.
    sqlx::query("UPDATE contracts SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(contract)
        .execute(&mut *tx)
        .await?;
    let paid: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM payments WHERE contract_id = $1",
    )
    .bind(contract)
    .fetch_one(&mut *tx)
    .await?;
    let reason = check_payment(
        Amount::new(value)?,
        Amount::new(paid)?,
        new.amount,
        &new.over_reason,
    )?;
    let note = super::events::nfc(&new.note);
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO payments (contract_id, kind, amount, paid_on, note, over_reason,
             created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(contract)
    .bind(new.kind.as_str())
    .bind(new.amount.get())
    .bind(day_text(new.paid_on))
    .bind(&note)
    .bind(&reason)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "payment.add",
        "contract",
        Some(contract),
    )
    .after(json!({
        "payment": id, "kind": new.kind.as_str(), "amount": new.amount.get(),
        "paid_on": day_text(new.paid_on), "note": note, "over_reason": reason,
        "paid_before": paid, "contract_value": value,
    }));
    audit_in(&mut tx, now, &entry, it.plan_id, Some(it.id)).await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct ContractRow {
    id: i64,
    item_id: i64,
    vendor: String,
    vendor_kind: String,
    subject: String,
    value: i64,
    signed_on: Option<String>,
    term_end: Option<String>,
    override_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: i64,
    contract_id: i64,
    kind: String,
    amount: i64,
    paid_on: String,
    note: String,
    over_reason: Option<String>,
    created_by_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct FileRow {
    id: i64,
    contract_id: i64,
    sha256: String,
    size: i64,
    mime: String,
    original_name: String,
    stored_path: String,
}

impl FileRow {
    fn file(&self) -> ContractFile {
        ContractFile {
            id: self.id,
            contract_id: self.contract_id,
            sha256: self.sha256.clone(),
            size: self.size,
            mime: self.mime.clone(),
            original_name: self.original_name.clone(),
            stored_path: self.stored_path.clone(),
        }
    }
}

/// Attaches a stored file to a contract (the Office, Finance or the lead unit): the signed
/// contract, a payment's documents. The same bytes twice are kept once.
pub(crate) async fn attach_contract_file(
    pool: &Pool,
    ctx: &Ctx,
    contract: i64,
    file: &crate::NewDirectionFile,
    actor: &Actor,
) -> R<i64> {
    let now = ctx.now();
    let mut tx = begin_write(pool).await?;
    let item: i64 = sqlx::query_scalar("SELECT item_id FROM contracts WHERE id = $1")
        .bind(contract)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("contract {contract}")))?;
    let it = locked_item(&mut tx, ItemId(item)).await?;
    if !domain::budget::can_attach_contract_file(actor, &it.item_units()) {
        return Err(BudgetError::PaymentForbidden.into());
    }
    let same: Option<i64> =
        sqlx::query_scalar("SELECT id FROM contract_files WHERE contract_id = $1 AND sha256 = $2")
            .bind(contract)
            .bind(&file.stored.sha256)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(id) = same {
        return Ok(id);
    }
    let name = super::events::nfc(&file.original_name);
    let s = &file.stored;
    let id = sqlx::query_scalar::<_, i64>(
        "INSERT INTO contract_files (contract_id, sha256, size, mime, original_name,
             stored_path, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(contract)
    .bind(&s.sha256)
    .bind(s.size as i64)
    .bind(&s.mime)
    .bind(&name)
    .bind(&s.relative_path)
    .bind(actor.user_id.0)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let entry = AuditEntry::new(
        Some(actor.user_id),
        "contract.file.add",
        "contract",
        Some(contract),
    )
    .after(json!({ "file": id, "name": name, "sha256": s.sha256, "size": s.size }));
    audit_in(&mut tx, now, &entry, it.plan_id, Some(it.id)).await?;
    tx.commit().await?;
    Ok(id)
}

/// The item a contract is for.
pub(crate) async fn contract_item(pool: &Pool, contract: i64) -> R<Option<ItemId>> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT item_id FROM contracts WHERE id = $1")
            .bind(contract)
            .fetch_optional(&pool.read)
            .await?
            .map(ItemId),
    )
}

/// A contract's file and the item the contract is for.
pub(crate) async fn contract_file(pool: &Pool, id: i64) -> R<Option<(ContractFile, ItemId)>> {
    let row = sqlx::query_as::<_, FileRow>(
        "SELECT id, contract_id, sha256, size, mime, original_name, stored_path
         FROM contract_files WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&pool.read)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let item: i64 = sqlx::query_scalar("SELECT item_id FROM contracts WHERE id = $1")
        .bind(row.contract_id)
        .fetch_one(&pool.read)
        .await?;
    Ok(Some((row.file(), ItemId(item))))
}

/// An item's contracts, oldest first, each with its lines, payments and files. Four
/// queries.
pub(crate) async fn item_contracts(pool: &Pool, item: ItemId) -> R<Vec<Contract>> {
    let mut conn = pool.read.acquire().await?;
    let rows = sqlx::query_as::<_, ContractRow>(
        "SELECT id, item_id, vendor, vendor_kind, subject, value, signed_on, term_end,
             override_reason
         FROM contracts WHERE item_id = $1 ORDER BY id",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let lines = sqlx::query_as::<_, (i64, i64)>(
        "SELECT cl.contract_id, cl.line_id FROM contract_lines cl
         JOIN contracts c ON c.id = cl.contract_id WHERE c.item_id = $1
         ORDER BY cl.line_id",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let payments = sqlx::query_as::<_, PaymentRow>(
        "SELECT p.id, p.contract_id, p.kind, p.amount, p.paid_on, p.note, p.over_reason,
             u.display_name AS created_by_name
         FROM payments p JOIN contracts c ON c.id = p.contract_id
         LEFT JOIN users u ON u.id = p.created_by
         WHERE c.item_id = $1 ORDER BY p.paid_on, p.id",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    let files = sqlx::query_as::<_, FileRow>(
        "SELECT f.id, f.contract_id, f.sha256, f.size, f.mime, f.original_name, f.stored_path
         FROM contract_files f JOIN contracts c ON c.id = f.contract_id
         WHERE c.item_id = $1 ORDER BY f.id",
    )
    .bind(item.0)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Contract {
            files: files
                .iter()
                .filter(|f| f.contract_id == r.id)
                .map(FileRow::file)
                .collect(),
            id: r.id,
            item_id: ItemId(r.item_id),
            vendor: r.vendor,
            vendor_kind: r
                .vendor_kind
                .parse()
                .unwrap_or(domain::budget::VendorKind::Organisation),
            subject: r.subject,
            value: r.value,
            signed_on: parse_date(r.signed_on),
            term_end: parse_date(r.term_end),
            override_reason: r.override_reason,
            line_ids: lines
                .iter()
                .filter(|(c, _)| *c == r.id)
                .map(|(_, l)| *l)
                .collect(),
            payments: payments
                .iter()
                .filter(|p| p.contract_id == r.id)
                .filter_map(|p| {
                    Some(Payment {
                        id: p.id,
                        kind: p.kind.parse().ok()?,
                        amount: p.amount,
                        paid_on: parse_date(Some(p.paid_on.clone()))?,
                        note: p.note.clone(),
                        over_reason: p.over_reason.clone(),
                        created_by_name: p.created_by_name.clone(),
                    })
                })
                .collect(),
        })
        .collect())
}

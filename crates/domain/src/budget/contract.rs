//! Contracts (hợp đồng, signed by the Office) and payments (tạm ứng, thanh toán sau
//! nghiệm thu, quyết toán) against an item's approved estimate:
//!
//! - the Office records a contract: its vendor (a person or an organisation), what it
//!   buys (lines of the item's approved estimate), its value, signing date and term; a
//!   contract worth more than its estimate lines needs an explicit override reason;
//! - Finance, or the lead unit's people, record payments; paying beyond the contract's
//!   value needs a recorded reason too.

use super::{Amount, BudgetError, can_prepare_estimate};
use crate::permissions::{Actor, ItemUnit};
use crate::vocab::{Language, ParseError, Role, vocabulary};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    /// Who the contract is with.
    VendorKind, "vendor kind" {
        Person = "person", "Cá nhân", "Person";
        Organisation = "organisation", "Tổ chức", "Organisation";
    }
}

vocabulary! {
    /// What a payment is.
    PaymentKind, "payment kind" {
        /// Tạm ứng: before the work.
        Advance = "advance", "Tạm ứng", "Advance";
        /// Thanh toán sau nghiệm thu: after the work is accepted.
        Acceptance = "acceptance", "Thanh toán sau nghiệm thu", "Payment after acceptance";
        /// Quyết toán: the final settlement of the contract.
        Settlement = "settlement", "Quyết toán", "Settlement";
    }
}

/// The Office signs the contracts.
pub fn can_record_contract(actor: &Actor) -> bool {
    actor.has_role(Role::Office)
}

/// Finance guides payment and settlement; the lead unit records what it paid.
pub fn can_record_payment(actor: &Actor, item_units: &[ItemUnit]) -> bool {
    actor.has_role(Role::Finance) || can_prepare_estimate(actor, item_units)
}

/// Attach the signed contract or a payment's documents: whoever records contracts or
/// payments of the item.
pub fn can_attach_contract_file(actor: &Actor, item_units: &[ItemUnit]) -> bool {
    can_record_contract(actor) || can_record_payment(actor, item_units)
}

/// A contract's value against the estimate lines it buys: above them, a reason is
/// required. Returns the reason kept (None when none is needed and none was given).
pub fn check_contract(
    value: Amount,
    lines_total: Amount,
    reason: &str,
) -> Result<Option<String>, BudgetError> {
    let reason = reason.trim();
    if value > lines_total && reason.is_empty() {
        return Err(BudgetError::ContractAboveEstimate {
            value: value.get(),
            estimate: lines_total.get(),
        });
    }
    Ok((!reason.is_empty()).then(|| reason.to_string()))
}

/// A payment against what the contract already paid: beyond its value, a reason is
/// required. Returns the reason kept.
pub fn check_payment(
    contract_value: Amount,
    paid: Amount,
    amount: Amount,
    reason: &str,
) -> Result<Option<String>, BudgetError> {
    let reason = reason.trim();
    let after = super::total([paid, amount])?;
    if after > contract_value && reason.is_empty() {
        return Err(BudgetError::PaymentAboveContract {
            value: contract_value.get(),
            paid: paid.get(),
            amount: amount.get(),
        });
    }
    Ok((!reason.is_empty()).then(|| reason.to_string()))
}

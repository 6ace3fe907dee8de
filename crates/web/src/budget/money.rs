//! The money part of the budget page: planned, contracted, paid and settled, the
//! contracts with their payments, and the contract and payment forms for who may use them.

use super::contracts::{ContractFields, PaymentFields};
use crate::field_errors::FieldErrors;
use crate::session::{Ctx, SessionUser};
use domain::budget::{
    EstimateStatus, PaymentKind, VendorKind, can_attach_contract_file, can_record_contract,
    can_record_payment,
};
use domain::{format_date, format_vnd};
use store::{Contract, ItemBudget, ItemTracking, MoneyFigures};

pub(super) struct PaymentView {
    pub(super) kind: &'static str,
    pub(super) amount: String,
    pub(super) paid_on: String,
    pub(super) note: String,
    pub(super) over_reason: String,
    pub(super) by: String,
}

pub(super) struct ContractView {
    pub(super) id: i64,
    pub(super) vendor: String,
    pub(super) vendor_kind: &'static str,
    pub(super) subject: String,
    pub(super) value: String,
    pub(super) dates: String,
    pub(super) lines: String,
    pub(super) override_reason: String,
    pub(super) paid: String,
    pub(super) payments: Vec<PaymentView>,
    /// (id, name) of the signed contract and the payments' documents.
    pub(super) files: Vec<(i64, String)>,
}

/// A `<select>` or checkbox choice: value, label, chosen.
pub(super) type Choice = (String, String, bool);

pub(super) struct MoneyView {
    pub(super) planned: String,
    pub(super) contracted: String,
    pub(super) paid: String,
    pub(super) settled: String,
    pub(super) contracts: Vec<ContractView>,
    /// The file form under each contract.
    pub(super) can_attach: bool,
    /// The contract form, for the Office once an estimate is approved.
    pub(super) contract_form: bool,
    pub(super) contract: ContractFields,
    pub(super) contract_errors: FieldErrors,
    pub(super) vendor_kinds: Vec<Choice>,
    pub(super) approved_lines: Vec<Choice>,
    /// The payment form, for Finance or the lead unit once there is a contract.
    pub(super) payment_form: bool,
    pub(super) payment: PaymentFields,
    pub(super) payment_errors: FieldErrors,
    pub(super) payment_kinds: Vec<Choice>,
    pub(super) contract_choices: Vec<Choice>,
}

/// What a refused contract or payment form brings back.
#[derive(Default)]
pub(super) struct Typed {
    pub(super) contract: Option<(ContractFields, FieldErrors)>,
    pub(super) payment: Option<(PaymentFields, FieldErrors)>,
}

fn contract_view(ctx: &Ctx, c: &Contract, stt: &dyn Fn(i64) -> Option<usize>) -> ContractView {
    let dates = [c.signed_on, c.term_end]
        .iter()
        .map(|d| d.map(format_date).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" – ");
    ContractView {
        id: c.id,
        vendor: c.vendor.clone(),
        vendor_kind: c.vendor_kind.label(ctx.lang),
        subject: c.subject.clone(),
        value: format_vnd(c.value),
        dates,
        lines: c
            .line_ids
            .iter()
            .filter_map(|l| stt(*l).map(|n| n.to_string()))
            .collect::<Vec<_>>()
            .join(", "),
        override_reason: c.override_reason.clone().unwrap_or_default(),
        files: c
            .files
            .iter()
            .map(|f| (f.id, f.original_name.clone()))
            .collect(),
        paid: format_vnd(c.paid()),
        payments: c
            .payments
            .iter()
            .map(|p| PaymentView {
                kind: p.kind.label(ctx.lang),
                amount: format_vnd(p.amount),
                paid_on: format_date(p.paid_on),
                note: p.note.clone(),
                over_reason: p.over_reason.clone().unwrap_or_default(),
                by: p.created_by_name.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

/// A vocabulary as choices, the typed code chosen.
fn choices<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    typed: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|k| (code(*k).into(), label(*k).into(), code(*k) == typed))
        .collect()
}

pub(super) fn view(
    ctx: &Ctx,
    user: &SessionUser,
    it: &ItemTracking,
    budget: &ItemBudget,
    contracts: &[Contract],
    // Today's figures (`Store::item_money`).
    f: MoneyFigures,
    typed: Typed,
) -> MoneyView {
    // The approved lines are the latest revision's when it is approved (a revision in
    // progress shows its own lines; contracts wait for its approval).
    let approved = budget
        .estimate
        .as_ref()
        .filter(|e| e.status == EstimateStatus::Approved);
    let lines = approved.map_or(&[][..], |e| &e.lines[..]);
    let stt = |id: i64| lines.iter().position(|l| l.id == id).map(|i| i + 1);
    let (contract, contract_errors) = typed.contract.unwrap_or_default();
    let (payment, payment_errors) = typed.payment.unwrap_or_default();
    MoneyView {
        planned: format_vnd(f.planned),
        contracted: format_vnd(f.contracted),
        paid: format_vnd(f.paid),
        settled: format_vnd(f.settled),
        contracts: contracts
            .iter()
            .map(|c| contract_view(ctx, c, &stt))
            .collect(),
        can_attach: can_attach_contract_file(&user.actor, &it.item_units()),
        contract_form: approved.is_some() && can_record_contract(&user.actor),
        vendor_kinds: choices(
            VendorKind::ALL,
            VendorKind::as_str,
            |k| k.label(ctx.lang),
            &contract.vendor_kind,
        ),
        approved_lines: lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let label = format!("{}. {} — {}", i + 1, l.description, format_vnd(l.amount));
                (l.id.to_string(), label, contract.lines.contains(&l.id))
            })
            .collect(),
        contract,
        contract_errors,
        payment_form: !contracts.is_empty() && can_record_payment(&user.actor, &it.item_units()),
        payment_kinds: choices(
            PaymentKind::ALL,
            PaymentKind::as_str,
            |k| k.label(ctx.lang),
            &payment.kind,
        ),
        contract_choices: contracts
            .iter()
            .map(|c| {
                let label = format!("{} — {} ({})", c.vendor, c.subject, format_vnd(c.value));
                (c.id.to_string(), label, c.id == payment.contract)
            })
            .collect(),
        payment,
        payment_errors,
    }
}

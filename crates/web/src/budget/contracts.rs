//! Contracts and payments on the item's budget page: the Office records a contract
//! against lines of the approved estimate, Finance or the lead unit records payments;
//! beyond the estimate lines or the contract's value only with a reason. The figures
//! (planned, contracted, paid, settled) are `store::MoneyFigures`.

use super::page::{Overlay, Target};
use super::{render, saved};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{Posted, parse_date};
use crate::i18n::Worded;
use crate::session::{Ctx, SessionUser, Signed};
use axum::extract::State;
use axum::response::Response;
use domain::ItemId;
use domain::budget::{Amount, BudgetError, PaymentKind, VendorKind};
use serde::Deserialize;
use store::{NewContract, NewPayment, StoreError};

/// The contract form's fields as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ContractFields {
    #[serde(default)]
    pub(super) vendor: String,
    #[serde(default)]
    pub(super) vendor_kind: String,
    #[serde(default)]
    pub(super) subject: String,
    #[serde(default)]
    pub(super) value: String,
    #[serde(default)]
    pub(super) signed_on: String,
    #[serde(default)]
    pub(super) term_end: String,
    #[serde(default)]
    pub(super) lines: Vec<i64>,
    #[serde(default)]
    pub(super) override_reason: String,
}

/// The payment form's fields as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct PaymentFields {
    #[serde(default)]
    pub(super) contract: i64,
    #[serde(default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) amount: String,
    #[serde(default)]
    pub(super) paid_on: String,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) over_reason: String,
}

fn required(ctx: &Ctx, errors: &mut FieldErrors, field: &'static str, label: &str, v: &str) {
    if v.trim().is_empty() {
        errors.add(field, crate::field_errors::required(ctx.tr(), label));
    }
}

fn amount(ctx: &Ctx, errors: &mut FieldErrors, field: &'static str, v: &str) -> Option<Amount> {
    errors.take(field, Amount::parse(v).map_err(|e| e.message(ctx.lang)))
}

fn date(
    ctx: &Ctx,
    errors: &mut FieldErrors,
    field: &'static str,
    v: &str,
) -> Option<Option<chrono::NaiveDate>> {
    let r = parse_date(v).map_err(|_| BudgetError::BadDate(v.trim().into()).message(ctx.lang));
    errors.take(field, r)
}

impl ContractFields {
    fn parse(&self, ctx: &Ctx) -> Result<NewContract, FieldErrors> {
        let mut e = FieldErrors::new();
        required(ctx, &mut e, "c-vendor", "budget.vendor", &self.vendor);
        required(ctx, &mut e, "c-subject", "budget.subject", &self.subject);
        let kind = self.vendor_kind.parse::<VendorKind>().ok();
        if kind.is_none() {
            e.add(
                "c-kind",
                crate::field_errors::required(ctx.tr(), "budget.vendor_kind"),
            );
        }
        let value = amount(ctx, &mut e, "c-value", &self.value);
        let signed_on = date(ctx, &mut e, "c-signed", &self.signed_on);
        let term_end = date(ctx, &mut e, "c-term", &self.term_end);
        match (kind, value, signed_on, term_end) {
            (Some(vendor_kind), Some(value), Some(signed_on), Some(term_end)) if e.is_empty() => {
                Ok(NewContract {
                    vendor: self.vendor.clone(),
                    vendor_kind,
                    subject: self.subject.clone(),
                    value,
                    signed_on,
                    term_end,
                    line_ids: self.lines.clone(),
                    override_reason: self.override_reason.clone(),
                })
            }
            _ => Err(e),
        }
    }
}

impl PaymentFields {
    fn parse(&self, ctx: &Ctx) -> Result<NewPayment, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = self.kind.parse::<PaymentKind>().ok();
        if kind.is_none() {
            e.add(
                "p-kind",
                crate::field_errors::required(ctx.tr(), "budget.payment_kind"),
            );
        }
        let amount = amount(ctx, &mut e, "p-amount", &self.amount);
        let paid_on = date(ctx, &mut e, "p-date", &self.paid_on);
        if paid_on == Some(None) {
            e.add(
                "p-date",
                crate::field_errors::required(ctx.tr(), "budget.paid_on"),
            );
        }
        match (kind, amount, paid_on.flatten()) {
            (Some(kind), Some(amount), Some(paid_on)) if e.is_empty() => Ok(NewPayment {
                kind,
                amount,
                paid_on,
                note: self.note.clone(),
                over_reason: self.over_reason.clone(),
            }),
            _ => Err(e),
        }
    }
}

/// The field a store refusal belongs beside.
fn field_of(e: &StoreError) -> &'static str {
    match e {
        StoreError::Budget(BudgetError::ContractAboveEstimate { .. }) => "c-reason",
        StoreError::Budget(BudgetError::NoApprovedLines) => "c-lines",
        StoreError::Budget(BudgetError::TermBeforeSigning) => "c-term",
        StoreError::Budget(BudgetError::PaymentAboveContract { .. }) => "p-reason",
        StoreError::Budget(BudgetError::TotalTooLarge) => "p-amount",
        _ => "",
    }
}

async fn finish(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: ItemId,
    r: Result<i64, StoreError>,
    target: Target,
) -> Result<Response, AppError> {
    let e = match r {
        Ok(_) => return Ok(saved(ctx, id)),
        Err(e) => e,
    };
    let field = field_of(&e);
    let mut errors = FieldErrors::new();
    errors.add(field, AppError::from(e).into_form_message(ctx)?);
    render(app, ctx, user, id, Some(Overlay::new(target, errors))).await
}

pub async fn add_contract(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form, .. }: Posted<ContractFields>,
) -> Result<Response, AppError> {
    super::visible(&app, &user, id).await?;
    if !domain::budget::can_record_contract(&user.actor) {
        return Err(AppError::Forbidden);
    }
    let r = match form.parse(&ctx) {
        Ok(new) => app.store().add_contract(id, &new, &user.actor).await,
        Err(errors) => {
            let o = Overlay::new(Target::Contract(form), errors);
            return render(&app, &ctx, &user, id, Some(o)).await;
        }
    };
    finish(&app, &ctx, &user, id, r, Target::Contract(form)).await
}

pub async fn add_payment(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form, .. }: Posted<PaymentFields>,
) -> Result<Response, AppError> {
    let (it, _, contracts) = super::visible(&app, &user, id).await?;
    if !domain::budget::can_record_payment(&user.actor, &it.item_units()) {
        return Err(AppError::Forbidden);
    }
    // A contract of this item only (another item's is not this page's to pay).
    if !contracts.iter().any(|c| c.id == form.contract) {
        return Err(AppError::Refused(crate::errors::Refusal::Form(
            "form.gone_choice",
        )));
    }
    let r = match form.parse(&ctx) {
        Ok(new) => {
            app.store()
                .add_payment(form.contract, &new, &user.actor)
                .await
        }
        Err(errors) => {
            let o = Overlay::new(Target::Payment(form), errors);
            return render(&app, &ctx, &user, id, Some(o)).await;
        }
    };
    finish(&app, &ctx, &user, id, r, Target::Payment(form)).await
}

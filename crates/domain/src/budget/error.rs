//! [`BudgetError`]: why an estimate change was refused, with its stable key and typed
//! fields; the web words it (`web::i18n::Worded`).

use super::{EstimateAction, EstimateStatus};

/// Why an estimate change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BudgetError {
    /// The actor's role or unit does not allow this step.
    #[error("not allowed: {action}")]
    Forbidden { action: EstimateAction },
    #[error("only Finance or an admin records funding sources")]
    FundingForbidden,
    /// Finance or the Board acting on an estimate they submitted (or verified) themselves.
    #[error("one does not {action} an estimate one submitted or verified")]
    OwnSubmission { action: EstimateAction },
    #[error("an estimate that is {from} cannot be {action}")]
    Transition {
        from: EstimateStatus,
        action: EstimateAction,
    },
    /// Lines change only while the estimate is a draft; an approved one is revised.
    #[error("the estimate is {status}: its lines are locked")]
    Locked { status: EstimateStatus },
    #[error("only the latest revision of an estimate can change")]
    NotLatest,
    #[error("an estimate needs at least one line to be submitted")]
    NoLines,
    #[error("returning or rejecting an estimate needs a comment")]
    CommentRequired,
    #[error("a text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("unknown budget category")]
    BadCategory,
    /// A deactivated category is read on old lines, never chosen for a new one.
    #[error("the budget category {0:?} is no longer in use")]
    CategoryInactive(String),
    #[error("a budget category code is 1 to 40 of a-z, 0-9 and _: {0:?}")]
    CategoryCodeBad(String),
    #[error("the budget category code {0:?} is taken")]
    CategoryCodeTaken(String),
    #[error("a budget category needs a Vietnamese name")]
    CategoryNameRequired,
    #[error("only an admin configures budget categories")]
    CategoryForbidden,
    #[error("a funding source needs a name")]
    NameRequired,
    #[error("a line needs a description")]
    DescriptionRequired,
    #[error("the amount {0:?} is negative")]
    NegativeAmount(String),
    #[error("the amount {0:?} is too large")]
    AmountTooLarge(String),
    #[error("the amount {0:?} is not a whole number of đồng")]
    BadAmount(String),
    #[error("the quantity {0:?} is not a whole number from 1")]
    BadQuantity(String),
    #[error("quantity × unit price is too large")]
    LineTooLarge,
    #[error("the estimate's total is too large")]
    TotalTooLarge,
    #[error("only the Office records contracts")]
    ContractForbidden,
    #[error("only Finance or the lead unit records payments")]
    PaymentForbidden,
    /// A contract worth more than the estimate lines it buys, with no reason given.
    #[error("the contract ({value}) is above its estimate lines ({estimate}): give a reason")]
    ContractAboveEstimate { value: i64, estimate: i64 },
    /// A payment taking the contract past its value, with no reason given.
    #[error("paying {amount} after {paid} goes beyond the contract ({value}): give a reason")]
    PaymentAboveContract { value: i64, paid: i64, amount: i64 },
    /// A contract buys lines of the item's approved estimate only.
    #[error("a contract buys lines of the item's approved estimate")]
    NoApprovedLines,
    #[error("unreadable date {0:?}: use dd/mm/yyyy")]
    BadDate(String),
    #[error("the term ends before the signing date")]
    TermBeforeSigning,
}

impl BudgetError {
    /// Stable key for translations and tests.
    pub fn key(&self) -> &'static str {
        match self {
            BudgetError::Forbidden { .. } => "budget.forbidden",
            BudgetError::FundingForbidden => "budget.funding_forbidden",
            BudgetError::OwnSubmission { .. } => "budget.own_submission",
            BudgetError::Transition { .. } => "budget.transition",
            BudgetError::Locked { .. } => "budget.locked",
            BudgetError::NotLatest => "budget.not_latest",
            BudgetError::NoLines => "budget.no_lines",
            BudgetError::CommentRequired => "budget.comment_required",
            BudgetError::TooLong { .. } => "budget.too_long",
            BudgetError::BadCategory => "budget.bad_category",
            BudgetError::CategoryInactive(_) => "budget.category_inactive",
            BudgetError::CategoryCodeBad(_) => "budget.category_code_bad",
            BudgetError::CategoryCodeTaken(_) => "budget.category_code_taken",
            BudgetError::CategoryNameRequired => "budget.category_name_required",
            BudgetError::CategoryForbidden => "budget.category_forbidden",
            BudgetError::NameRequired => "budget.name_required",
            BudgetError::DescriptionRequired => "budget.description_required",
            BudgetError::NegativeAmount(_) => "budget.negative_amount",
            BudgetError::AmountTooLarge(_) => "budget.amount_too_large",
            BudgetError::BadAmount(_) => "budget.bad_amount",
            BudgetError::BadQuantity(_) => "budget.bad_quantity",
            BudgetError::LineTooLarge => "budget.line_too_large",
            BudgetError::TotalTooLarge => "budget.total_too_large",
            BudgetError::ContractForbidden => "budget.contract_forbidden",
            BudgetError::PaymentForbidden => "budget.payment_forbidden",
            BudgetError::ContractAboveEstimate { .. } => "budget.contract_above_estimate",
            BudgetError::PaymentAboveContract { .. } => "budget.payment_above_contract",
            BudgetError::NoApprovedLines => "budget.no_approved_lines",
            BudgetError::BadDate(_) => "budget.bad_date",
            BudgetError::TermBeforeSigning => "budget.term_before_signing",
        }
    }
}

//! Budget (issue 17): estimates (dự toán) per plan item, in whole đồng, and the way an
//! estimate goes from the lead unit to Finance (thẩm tra) and the Board (phê duyệt).
//!
//! - [`Amount`]: whole đồng, never negative, bounded; read from what people type
//!   ("1.500.000"); a line's amount is quantity × unit price, checked for overflow;
//! - [`CategoryInput`]: the configurable categories (khoản mục) of a line, seeded with
//!   the public-finance headings;
//! - [`EstimateStatus`], [`EstimateAction`] and [`check_step`]: the workflow and who may
//!   act at each step;
//! - [`check_contract`], [`check_payment`]: contracts (Office) and payments against the
//!   approved estimate, each beyond its bound only with a recorded reason;
//! - [`MoneyFacts::as_of`]: an item's planned, contracted, paid and settled money on a
//!   day, the one summing rule every page and the report use;
//! - [`BudgetError`]: why something was refused, with a stable key.
//!
//! Pure: the store checks every change here under its write lock.

mod amount;
mod category;
mod contract;
mod diff;
mod error;
mod line;
mod money;
mod workflow;

#[cfg(test)]
mod tests;

pub use amount::{Amount, MAX_AMOUNT, MAX_QUANTITY, parse_quantity, total};
pub use category::{
    CategoryField, CategoryInput, MAX_CATEGORY_CODE, MAX_CATEGORY_NAME, ParsedCategory,
    can_manage_categories, check_code, derive_code, parse_names,
};
pub use contract::{
    PaymentKind, VendorKind, can_attach_contract_file, can_record_contract, can_record_payment,
    check_contract, check_payment,
};
pub use diff::{LineChange, diff_lines};
pub use error::BudgetError;
pub use line::{LineField, LineInput, MAX_LINE_TEXT, ParsedLine};
pub use money::{ApprovedTotal, ContractValue, MoneyFacts, MoneyFigures, PaymentAmount};
pub use workflow::{
    EstimateAction, EstimateStatus, EstimateSubject, can_manage_funding, can_prepare_estimate,
    can_view_budget, check_comment, check_edit_lines, check_revise, check_role, check_step,
    may_take,
};

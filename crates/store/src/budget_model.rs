//! What the budget API (issue 17) takes and returns.

use domain::Language;
use domain::budget::{EstimateAction, EstimateStatus};
use domain::{ItemId, PlanId, UnitId, UserId};
use serde::Serialize;

/// One revision of an item's estimate, with its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Estimate {
    pub id: i64,
    pub item_id: ItemId,
    pub revision: i64,
    pub status: EstimateStatus,
    pub submitted_by: Option<UserId>,
    pub verified_by: Option<UserId>,
    /// The optimistic version. It keeps counting across revisions, so that a form drawn
    /// on an older revision never matches the new one.
    pub version: i64,
    pub updated_at: i64,
    pub lines: Vec<EstimateLine>,
    /// The sum of the lines' amounts (each line and the sum bounded by
    /// `domain::budget::MAX_AMOUNT`).
    pub total: i64,
}

impl Estimate {
    /// The estimate as the workflow's rules see it (it is the latest revision: the store
    /// returns no other).
    pub fn subject(&self, item_units: Vec<domain::ItemUnit>) -> domain::budget::EstimateSubject {
        domain::budget::EstimateSubject {
            status: self.status,
            item_units,
            submitted_by: self.submitted_by,
            verified_by: self.verified_by,
            line_count: self.lines.len(),
            latest: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EstimateLine {
    pub id: i64,
    pub position: i64,
    /// The category's code, and its names from `budget_categories` (the code itself
    /// when the table has no such row).
    pub category: String,
    pub category_vi: String,
    pub category_en: String,
    pub description: String,
    pub unit: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub amount: i64,
    pub note: String,
}

impl EstimateLine {
    /// The category's name in `lang` (the Vietnamese one when it has no English name).
    pub fn category_label(&self, lang: Language) -> &str {
        match lang {
            Language::En if !self.category_en.is_empty() => &self.category_en,
            _ => &self.category_vi,
        }
    }
}

/// A category (khoản mục) of estimate lines, as the admin configures it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetCategory {
    pub code: String,
    pub name_vi: String,
    /// Empty: the Vietnamese name is shown in English too.
    pub name_en: String,
    pub position: i64,
    /// An inactive category still names old lines but is not offered for new ones.
    pub active: bool,
    pub version: i64,
}

impl BudgetCategory {
    /// The name in `lang` (the Vietnamese one when it has no English name).
    pub fn label(&self, lang: Language) -> &str {
        match lang {
            Language::En if !self.name_en.is_empty() => &self.name_en,
            _ => &self.name_vi,
        }
    }
}

/// A step of an estimate's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EstimateStep {
    pub id: i64,
    pub revision: i64,
    pub action: EstimateAction,
    pub from: EstimateStatus,
    pub to: EstimateStatus,
    pub comment: String,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

/// An item's budget as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ItemBudget {
    /// The latest revision, when the item has an estimate.
    pub estimate: Option<Estimate>,
    /// Every step of every revision, oldest first.
    pub steps: Vec<EstimateStep>,
    /// Planned: the total of the latest approved revision.
    pub planned: Option<i64>,
    /// The lines of the revision before the latest (empty for the first), for the diff.
    pub previous_lines: Vec<EstimateLine>,
}

/// An estimate waiting for Finance (submitted) or the Board (verified).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueuedEstimate {
    pub estimate_id: i64,
    pub item_id: ItemId,
    pub plan_id: PlanId,
    pub numbering: Option<String>,
    pub title: String,
    pub revision: i64,
    pub status: EstimateStatus,
    pub total: i64,
    pub updated_at: i64,
}

/// A page of a Finance or Board queue, with the whole queue's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EstimateQueuePage {
    pub rows: Vec<QueuedEstimate>,
    /// Estimates in the whole queue.
    pub total: i64,
    /// The page shown (from 1; a page past the last is the last).
    pub page: i64,
    pub per_page: i64,
}

/// Planned money of an item: the total of its latest approved estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ItemPlanned {
    pub item_id: ItemId,
    pub planned: i64,
}

/// A funding source of a plan (Kinh phí).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundingSource {
    pub id: i64,
    pub plan_id: PlanId,
    pub name: String,
    pub legal_basis: String,
    pub year: i64,
    /// Whole đồng; `None`: read from the plan document without an amount.
    pub amount: Option<i64>,
    /// The unit the money is assigned to, when the document names it.
    pub unit: Option<UnitId>,
}

/// A funding source as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFundingSource {
    pub name: String,
    pub legal_basis: String,
    pub year: i64,
    pub amount: domain::budget::Amount,
}

/// A contract as the Office enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    pub vendor: String,
    pub vendor_kind: domain::budget::VendorKind,
    /// What it buys.
    pub subject: String,
    pub value: domain::budget::Amount,
    pub signed_on: Option<chrono::NaiveDate>,
    pub term_end: Option<chrono::NaiveDate>,
    /// Lines of the item's approved estimate it buys.
    pub line_ids: Vec<i64>,
    /// Why it is worth more than those lines (required then).
    pub override_reason: String,
}

/// A payment as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub kind: domain::budget::PaymentKind,
    pub amount: domain::budget::Amount,
    pub paid_on: chrono::NaiveDate,
    pub note: String,
    /// Why it goes beyond the contract (required then).
    pub over_reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub id: i64,
    pub kind: domain::budget::PaymentKind,
    pub amount: i64,
    pub paid_on: chrono::NaiveDate,
    pub note: String,
    pub over_reason: Option<String>,
    pub created_by_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contract {
    pub id: i64,
    pub item_id: ItemId,
    pub vendor: String,
    pub vendor_kind: domain::budget::VendorKind,
    pub subject: String,
    pub value: i64,
    pub signed_on: Option<chrono::NaiveDate>,
    pub term_end: Option<chrono::NaiveDate>,
    pub override_reason: Option<String>,
    pub line_ids: Vec<i64>,
    pub payments: Vec<Payment>,
    /// The signed contract and its payments' documents.
    pub files: Vec<ContractFile>,
}

/// A file of a contract, in the evidence store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContractFile {
    pub id: i64,
    pub contract_id: i64,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    pub original_name: String,
    pub stored_path: String,
}

impl Contract {
    /// Everything paid on it, the settlement included.
    pub fn paid(&self) -> i64 {
        self.payments.iter().map(|p| p.amount).sum()
    }
}

/// An item's money (planned, contracted, paid, settled) as of a day: the domain's one
/// summing rule (`domain::budget::MoneyFacts::as_of`).
pub use domain::budget::MoneyFigures;

/// One item's money in a plan's budget view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemMoney {
    pub item_id: ItemId,
    pub numbering: Option<String>,
    pub title: String,
    /// The lead units in effect (own, else inherited), in order.
    pub lead_units: Vec<domain::UnitId>,
    pub figures: MoneyFigures,
}

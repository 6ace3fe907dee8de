//! Estimates, contracts, payments and funding sources (queries in `sql/budget.rs`,
//! `sql/contracts.rs`, `sql/money.rs`, `sql/estimate_queue.rs` and `sql/funding.rs`).

use crate::budget_model::*;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::budget::{EstimateAction, EstimateStatus, ParsedCategory, ParsedLine};
use domain::{Actor, ItemId, PlanId};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Adds a line to the item's draft estimate (the lead unit's people). The item's
    /// first line opens revision 1 and is sent with `expected` 0. Returns the new version.
    /// A locked estimate is `BudgetError::Locked`; a stale version `StoreError::Conflict`.
    pub async fn add_estimate_line(
        &self,
        item: ItemId,
        expected: i64,
        line: &ParsedLine,
        actor: &Actor,
    ) -> R<i64> {
        dispatch!(
            self,
            budget::add_estimate_line(&self.ctx, item, expected, line, actor)
        )
    }

    /// Removes a line of the item's draft estimate. Returns the new version.
    pub async fn remove_estimate_line(
        &self,
        item: ItemId,
        expected: i64,
        line: i64,
        actor: &Actor,
    ) -> R<i64> {
        dispatch!(
            self,
            budget::remove_estimate_line(&self.ctx, item, expected, line, actor)
        )
    }

    /// A step of the workflow on the item's latest estimate (`domain::budget::check_step`:
    /// role, four eyes, status, comment), recorded with who, when and the comment.
    /// `Revise` opens a new draft revision with the same lines. Returns the new version.
    pub async fn estimate_step(
        &self,
        item: ItemId,
        expected: i64,
        action: EstimateAction,
        comment: &str,
        actor: &Actor,
    ) -> R<i64> {
        dispatch!(
            self,
            budget::estimate_step(&self.ctx, item, expected, action, comment, actor)
        )
    }

    /// The item's latest estimate, its history and its planned total.
    pub async fn item_budget(&self, item: ItemId) -> R<ItemBudget> {
        dispatch!(self, budget::item_budget(item))
    }

    /// Planned money per item of a plan (latest approved estimate's total).
    pub async fn plan_planned(&self, plan: PlanId) -> R<Vec<ItemPlanned>> {
        dispatch!(self, budget::plan_planned(plan))
    }

    /// Estimates at `status`: `Submitted` is Finance's queue, `Verified` the Board's.
    pub async fn estimate_queue(&self, status: EstimateStatus) -> R<Vec<QueuedEstimate>> {
        dispatch!(self, estimate_queue::estimate_queue(status))
    }

    /// Page `page` (from 1; past the last, the last) of `per_page` of the queue at
    /// `status`, with the whole queue's count.
    pub async fn estimate_queue_page(
        &self,
        status: EstimateStatus,
        page: i64,
        per_page: i64,
    ) -> R<EstimateQueuePage> {
        dispatch!(
            self,
            estimate_queue::estimate_queue_page(status, page, per_page)
        )
    }

    /// Every estimate line category (khoản mục), active or not, in their order.
    pub async fn budget_categories(&self) -> R<Vec<BudgetCategory>> {
        dispatch!(self, budget_categories::budget_categories())
    }

    /// Adds a category (admin). A taken code is `BudgetError::CategoryCodeTaken`.
    pub async fn add_budget_category(&self, new: &ParsedCategory, actor: &Actor) -> R<()> {
        dispatch!(
            self,
            budget_categories::add_budget_category(&self.ctx, new, actor)
        )
    }

    /// Renames a category at version `expected` (admin); its code stays.
    pub async fn rename_budget_category(
        &self,
        code: &str,
        expected: i64,
        names: (&str, &str),
        actor: &Actor,
    ) -> R<()> {
        dispatch!(
            self,
            budget_categories::rename_budget_category(&self.ctx, code, expected, names, actor)
        )
    }

    /// Deactivates or reactivates a category at version `expected` (admin).
    pub async fn set_budget_category_active(
        &self,
        code: &str,
        expected: i64,
        active: bool,
        actor: &Actor,
    ) -> R<()> {
        dispatch!(
            self,
            budget_categories::set_budget_category_active(&self.ctx, code, expected, active, actor)
        )
    }

    /// Records a funding source of a plan (Finance, admin).
    pub async fn add_funding_source(
        &self,
        plan: PlanId,
        new: &NewFundingSource,
        actor: &Actor,
    ) -> R<i64> {
        dispatch!(
            self,
            funding::add_funding_source(&self.ctx, plan, new, actor)
        )
    }

    /// A plan's funding sources.
    pub async fn funding_sources(&self, plan: PlanId) -> R<Vec<FundingSource>> {
        dispatch!(self, funding::funding_sources(plan))
    }

    /// Records a contract of the item (the Office), against lines of its approved
    /// estimate; above them only with an override reason.
    pub async fn add_contract(&self, item: ItemId, new: &NewContract, actor: &Actor) -> R<i64> {
        dispatch!(self, contracts::add_contract(&self.ctx, item, new, actor))
    }

    /// Records a payment of a contract (Finance or the lead unit); beyond the contract's
    /// value only with a reason.
    pub async fn add_payment(&self, contract: i64, new: &NewPayment, actor: &Actor) -> R<i64> {
        dispatch!(
            self,
            contracts::add_payment(&self.ctx, contract, new, actor)
        )
    }

    /// An item's contracts with their lines and payments.
    pub async fn item_contracts(&self, item: ItemId) -> R<Vec<Contract>> {
        dispatch!(self, contracts::item_contracts(item))
    }

    /// Planned, contracted, paid and settled at the end of `day` per item of a plan that
    /// has an estimate (`domain::budget::MoneyFacts::as_of`).
    ///
    /// Served from memory while no write has happened since it was computed: the
    /// plan-wide views (budget page, XLSX, dashboards) would otherwise move tens of thousands
    /// of rows out of the database on every request.
    pub async fn plan_money(&self, plan: PlanId, day: NaiveDate) -> R<Vec<ItemMoney>> {
        let mark = self.mark().await?;
        let key = (plan, day);
        if let Some(m) = self.ctx.money_cache.get(&key, mark) {
            return Ok((*m).clone());
        }
        let money = dispatch!(self, money::plan_money(plan, day))?;
        self.ctx
            .money_cache
            .put(key, mark, std::sync::Arc::new(money.clone()));
        Ok(money)
    }

    /// The items that have an estimate ("1.2. Title"): what a delegation may take its
    /// estimate from.
    pub async fn estimated_items(&self) -> R<Vec<(ItemId, String)>> {
        dispatch!(self, money::estimated_items())
    }

    /// An item's money at the end of `day`, by the same rule as [`Store::plan_money`].
    pub async fn item_money(&self, item: ItemId, day: NaiveDate) -> R<MoneyFigures> {
        dispatch!(self, money::item_money(item, day))
    }

    /// Attaches a stored file to a contract (the Office, Finance or the lead unit).
    pub async fn attach_contract_file(
        &self,
        contract: i64,
        file: &crate::NewDirectionFile,
        actor: &Actor,
    ) -> R<i64> {
        dispatch!(
            self,
            contracts::attach_contract_file(&self.ctx, contract, file, actor)
        )
    }

    /// A contract's file, with the item the contract is for.
    pub async fn contract_file(&self, id: i64) -> R<Option<(ContractFile, ItemId)>> {
        dispatch!(self, contracts::contract_file(id))
    }

    /// The item a contract is for.
    pub async fn contract_item(&self, contract: i64) -> R<Option<ItemId>> {
        dispatch!(self, contracts::contract_item(contract))
    }
}

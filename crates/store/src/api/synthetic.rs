//! Synthetic data for load tests (`sangtao dev seed`; queries in `synthetic.rs`).

use crate::tracking_model::*;
use crate::{Store, StoreError};

impl Store {
    /// Synthetic plans, items, units, targets and reports for load tests, deterministic
    /// for a seed (`sangtao dev seed`).
    pub async fn generate_synthetic(
        &self,
        spec: SyntheticSpec,
    ) -> Result<SyntheticSummary, StoreError> {
        self.generate_synthetic_with_progress(spec, &|_| {}).await
    }

    /// As [`Store::generate_synthetic`], calling `progress` with the running totals after
    /// each plan (one transaction per plan).
    pub async fn generate_synthetic_with_progress(
        &self,
        spec: SyntheticSpec,
        progress: &(dyn Fn(&SyntheticSummary) + Sync),
    ) -> Result<SyntheticSummary, StoreError> {
        dispatch!(self, synthetic::generate(&self.ctx, &spec, progress))
    }

    /// Synthetic estimates of `lines` lines in all on the synthetic items without one
    /// (ten lines an estimate, in item order), with steps, contracts and payments
    /// (`sangtao dev seed --budget-lines`).
    pub async fn generate_synthetic_budget(
        &self,
        lines: usize,
        seed: u64,
    ) -> Result<SyntheticBudget, StoreError> {
        dispatch!(self, synthetic_budget::generate(&self.ctx, lines, seed))
    }
}

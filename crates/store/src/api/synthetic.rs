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
}

//! Evaluations and grades (queries in `sql/evaluations.rs`).

use crate::oversight_model::*;
use crate::{Store, StoreError};
use domain::{Actor, ItemId, Period, PlanId};
use std::collections::HashMap;

type R<T> = Result<T, StoreError>;

impl Store {
    /// A grade for an item and period (Board, admin); the history is kept, and the
    /// item's lead units in effect are notified with `new.notice`.
    pub async fn add_evaluation(&self, new: &NewEvaluation, actor: &Actor) -> R<EvaluationRecord> {
        dispatch!(self, evaluations::add_evaluation(&self.ctx, new, actor))
    }

    /// An item's grades, newest first.
    pub async fn evaluations(&self, item: ItemId) -> R<Vec<EvaluationRecord>> {
        self.memo("evaluations", item.0, "", async {
            dispatch!(self, evaluations::evaluations(item))
        })
        .await
    }

    /// The standing grade per item of a plan for a period.
    pub async fn plan_grades(
        &self,
        plan: PlanId,
        period: Period,
    ) -> R<HashMap<ItemId, EvaluationRecord>> {
        dispatch!(self, evaluations::plan_grades(plan, period))
    }
}

//! Importing a parsed plan (queries in `sql/import.rs`).

use crate::FundingLine;
use crate::model::*;
use crate::{Store, StoreError};
use domain::UserId;
use vanban::ParsedPlan;

impl Store {
    /// Imports a parsed plan with its tree, targets, deadlines and units, in one
    /// transaction. Refuses non-plans; reports a plan already stored (same source bytes,
    /// same issuer/number/symbol/title, or the same parsed content) without changing
    /// anything.
    pub async fn import_plan(
        &self,
        parsed: &ParsedPlan,
        source_name: &str,
        source_sha256: &str,
        actor: Option<UserId>,
    ) -> Result<ImportOutcome, StoreError> {
        self.import_plan_funded(parsed, &[], source_name, source_sha256, actor)
            .await
    }

    /// As `import_plan`, with the funding lines proposed from the document's "Kinh phí"
    /// section (`app::import::funding`) written as the plan's funding sources in the same
    /// transaction.
    pub async fn import_plan_funded(
        &self,
        parsed: &ParsedPlan,
        funding: &[FundingLine],
        source_name: &str,
        source_sha256: &str,
        actor: Option<UserId>,
    ) -> Result<ImportOutcome, StoreError> {
        dispatch!(
            self,
            import::import_plan(
                &self.ctx,
                parsed,
                funding,
                source_name,
                source_sha256,
                actor
            )
        )
    }
}

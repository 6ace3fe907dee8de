//! Progress reports and evidence (queries in `sql/progress.rs`).

use crate::tracking_model::*;
use crate::{Store, StoreError};
use domain::PlanId;

impl Store {
    /// Files the first version of a unit's report for a period.
    pub async fn file_report(
        &self,
        new: &NewReport,
        actor: &domain::Actor,
    ) -> Result<ReportVersion, StoreError> {
        dispatch!(self, progress::file_report(&self.ctx, new, actor))
    }

    /// A new version of a report (`report_id`: its first version's id) over `expected_version`.
    pub async fn edit_report(
        &self,
        report_id: i64,
        expected_version: i64,
        content: &domain::ReportContent,
        evidence: &[i64],
        actor: &domain::Actor,
    ) -> Result<ReportVersion, StoreError> {
        dispatch!(
            self,
            progress::edit_report(
                &self.ctx,
                report_id,
                expected_version,
                content,
                evidence,
                actor
            )
        )
    }

    /// Every version of the report that `any_version` belongs to, oldest first.
    pub async fn report_history(&self, any_version: i64) -> Result<Vec<ReportVersion>, StoreError> {
        dispatch!(self, progress::report_history(any_version))
    }

    /// The years a plan's reports may cover: its year, widened by its items' dates
    /// (`(i32::MIN, i32::MAX)` when it has neither). For the report form's period choices
    /// (`domain::Period::choices`).
    pub async fn report_years(&self, plan: PlanId) -> Result<Option<(i32, i32)>, StoreError> {
        dispatch!(self, progress::report_years(plan))
    }

    /// The latest version of each report on an item.
    pub async fn item_reports(
        &self,
        item: domain::ItemId,
    ) -> Result<Vec<ReportVersion>, StoreError> {
        dispatch!(self, progress::item_reports(item))
    }

    /// Records a file stored by [`crate::evidence_store::EvidenceStore::put`] on an item.
    pub async fn add_evidence(
        &self,
        item: domain::ItemId,
        stored: &crate::evidence_store::StoredFile,
        original_name: &str,
        actor: &domain::Actor,
    ) -> Result<EvidenceRecord, StoreError> {
        dispatch!(
            self,
            progress::add_evidence(&self.ctx, item, stored, original_name, actor)
        )
    }

    pub async fn evidence(&self, id: i64) -> Result<Option<EvidenceRecord>, StoreError> {
        dispatch!(self, progress::evidence(id))
    }
}

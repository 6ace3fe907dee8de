//! Progress reports and evidence (queries in `sql/progress.rs`).

use super::once::made;
use crate::model::{Created, OnceKey};
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
        self.file_report_with(new, &[], None, actor)
            .await
            .and_then(made)
    }

    /// [`Store::file_report`] from the report form: `files` (streamed into the evidence
    /// store) are recorded as evidence in the report's transaction, so that a report
    /// refused leaves no evidence row (remove its files with [`Store::unreferenced_files`]).
    /// With a once-token, a second submit of the form files nothing and returns the path
    /// the first recorded (made from the new version's id).
    pub async fn file_report_with(
        &self,
        new: &NewReport,
        files: &[NewEvidence],
        once: Option<&OnceKey<'_>>,
        actor: &domain::Actor,
    ) -> Result<Created<ReportVersion>, StoreError> {
        self.prune_before(once).await;
        dispatch!(
            self,
            progress::file_report(&self.ctx, new, files, once, actor)
        )
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
        self.edit_report_with(report_id, expected_version, content, evidence, &[], actor)
            .await
    }

    /// [`Store::edit_report`] with `files` recorded as new evidence in the version's
    /// transaction (see [`Store::file_report_with`]).
    pub async fn edit_report_with(
        &self,
        report_id: i64,
        expected_version: i64,
        content: &domain::ReportContent,
        evidence: &[i64],
        files: &[NewEvidence],
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
                files,
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
        self.memo("report_years", plan.0, "", async {
            dispatch!(self, progress::report_years(plan))
        })
        .await
    }

    /// The latest version of each report on an item.
    pub async fn item_reports(
        &self,
        item: domain::ItemId,
    ) -> Result<Vec<ReportVersion>, StoreError> {
        self.memo("item_reports", item.0, "", async {
            dispatch!(self, progress::item_reports(item))
        })
        .await
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

    /// Of these stored files, the ones no evidence, event document, direction file or
    /// contract file names: what an upload that was not recorded may remove from disk
    /// ([`crate::evidence_store::EvidenceStore::remove`]).
    pub async fn unreferenced_files(
        &self,
        files: &[crate::evidence_store::StoredFile],
    ) -> Result<Vec<crate::evidence_store::StoredFile>, StoreError> {
        dispatch!(self, progress::unreferenced_files(files))
    }
}

//! Plan drafts: read in the browser, reviewed, then committed or discarded (queries in
//! `sql/plan_drafts.rs`). Every write is the Board's or an admin's.

use crate::draft_model::{NewPlanDraft, PlanDraft, PlanDraftLine, PlanRevision, RevisionRecord};
use crate::model::ImportOutcome;
use crate::{Store, StoreError};
use domain::{Actor, ItemId, PlanId};
use vanban::ParsedPlan;

type R<T> = Result<T, StoreError>;

impl Store {
    /// Keeps a document's reading as a draft to review; a document that is not a plan is
    /// refused (`StoreError::NotAPlan`).
    pub async fn create_plan_draft(&self, new: &NewPlanDraft<'_>, actor: &Actor) -> R<PlanDraft> {
        dispatch!(self, plan_drafts::create(&self.ctx, new, actor))
    }

    pub async fn plan_draft(&self, id: i64) -> R<Option<PlanDraft>> {
        dispatch!(self, plan_drafts::get(id))
    }

    /// The plan already stored that committing the draft would duplicate, if any.
    pub async fn plan_draft_duplicate(&self, d: &PlanDraft) -> R<Option<domain::PlanId>> {
        dispatch!(self, plan_drafts::duplicate_of(d))
    }

    /// The drafts waiting, the last edited first.
    pub async fn plan_drafts(&self) -> R<Vec<PlanDraftLine>> {
        dispatch!(self, plan_drafts::list())
    }

    /// Saves the reading as edited, over the version the page was drawn from (its
    /// funding lines kept).
    pub async fn save_plan_draft(
        &self,
        id: i64,
        expected: i64,
        parsed: &ParsedPlan,
        actor: &Actor,
    ) -> R<PlanDraft> {
        let d = self
            .plan_draft(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("plan draft {id}")))?;
        self.save_plan_draft_funded(id, expected, parsed, &d.funding, actor)
            .await
    }

    /// Saves the reading and its funding lines as reviewed, over the version the page
    /// was drawn from.
    pub async fn save_plan_draft_funded(
        &self,
        id: i64,
        expected: i64,
        parsed: &ParsedPlan,
        funding: &[crate::FundingLine],
        actor: &Actor,
    ) -> R<PlanDraft> {
        dispatch!(
            self,
            plan_drafts::save(&self.ctx, id, expected, (parsed, funding), actor)
        )
    }

    /// Imports the draft as a plan and removes it, in one transaction; a plan already
    /// stored keeps the draft (`ImportOutcome::AlreadyImported`).
    pub async fn commit_plan_draft(
        &self,
        id: i64,
        expected: i64,
        actor: &Actor,
    ) -> R<ImportOutcome> {
        dispatch!(self, plan_drafts::commit(&self.ctx, id, expected, actor))
    }

    /// Discards a draft; `false` when it was already gone.
    pub async fn delete_plan_draft(&self, id: i64, actor: &Actor) -> R<bool> {
        dispatch!(self, plan_drafts::delete(&self.ctx, id, actor))
    }

    /// Applies a revised plan from its draft over the stored plan, in one transaction
    /// (`sql/plan_revisions.rs`); returns the revision's id. A draft or an item changed
    /// since the revision was built is a conflict; a draft already applied is not found.
    pub async fn apply_plan_revision(&self, rev: &PlanRevision, actor: &Actor) -> R<i64> {
        dispatch!(self, plan_revisions::apply(&self.ctx, rev, actor))
    }

    /// The revisions applied to the plan, the first first.
    pub async fn plan_revisions(&self, plan: PlanId) -> R<Vec<RevisionRecord>> {
        dispatch!(self, plan_revisions::of_plan(plan))
    }

    /// The revision that dropped the item, if one did.
    pub async fn item_removed_by(&self, item: ItemId) -> R<Option<RevisionRecord>> {
        self.memo("item_removed_by", item.0, "", async {
            dispatch!(self, plan_revisions::removing(item))
        })
        .await
    }

    /// The items the plan's revisions dropped: (item, numbering, title, revision id).
    pub async fn plan_removed_items(
        &self,
        plan: PlanId,
    ) -> R<Vec<(ItemId, Option<String>, String, i64)>> {
        dispatch!(self, plan_revisions::removed_items(plan))
    }
}

//! The public site (issue 18): publications, the public's reads and the creative spaces.
//! Writes check `domain::publishing` rules in their transaction; a refusal is
//! [`StoreError::Publish`] (queries in `sql/publishing.rs`, `sql/public_read.rs` and
//! `sql/spaces.rs`).

use crate::publishing_model::*;
use crate::{Store, StoreError};
use domain::media::MediaFileId;
use domain::publishing::{PublicKind, PublicationId, PublicationState, SpaceId};

impl Store {
    /// Proposes something for the public site: a draft with its public texts.
    pub async fn propose_publication(
        &self,
        input: &PublicationInput,
        actor: &domain::Actor,
    ) -> Result<PublicationId, StoreError> {
        dispatch!(
            self,
            publishing::propose_publication(&self.ctx, input, actor)
        )
    }

    /// Edits a publication's texts, embargo and targets; returns the new version.
    pub async fn update_publication(
        &self,
        id: PublicationId,
        expected_version: i64,
        input: &PublicationInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            publishing::update_publication(&self.ctx, id, expected_version, input, actor)
        )
    }

    /// Moves a publication: to review, published, returned, withdrawn, drafted again.
    pub async fn move_publication(
        &self,
        id: PublicationId,
        expected_version: i64,
        to: PublicationState,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            publishing::move_publication(&self.ctx, id, expected_version, to, actor)
        )
    }

    pub async fn publication(&self, id: PublicationId) -> Result<Option<Publication>, StoreError> {
        dispatch!(self, public_read::publication(id))
    }

    /// The publication of a subject, if it has one.
    pub async fn publication_of(
        &self,
        kind: PublicKind,
        subject_id: i64,
    ) -> Result<Option<Publication>, StoreError> {
        dispatch!(self, public_read::publication_of(kind, subject_id))
    }

    /// Publications in a state (all when None), latest change first.
    pub async fn list_publications(
        &self,
        state: Option<PublicationState>,
    ) -> Result<Vec<Publication>, StoreError> {
        dispatch!(self, public_read::list_publications(state))
    }

    /// What the public sees: visible publications (published, past their embargo at the
    /// store's clock), newest first. A plan summary carries its chosen targets with the
    /// figures of [`Store::plan_target_progress`], the ones every page shows.
    pub async fn public_entries(
        &self,
        kind: Option<PublicKind>,
    ) -> Result<Vec<PublicEntry>, StoreError> {
        let mut entries = dispatch!(self, public_read::public_entries(&self.ctx, kind))?;
        for e in &mut entries {
            self.fill_summary(e).await?;
        }
        Ok(entries)
    }

    /// One visible publication.
    pub async fn public_entry(&self, id: PublicationId) -> Result<Option<PublicEntry>, StoreError> {
        let mut entry = dispatch!(self, public_read::public_entry(&self.ctx, id))?;
        if let Some(e) = &mut entry {
            self.fill_summary(e).await?;
        }
        Ok(entry)
    }

    async fn fill_summary(&self, e: &mut PublicEntry) -> Result<(), StoreError> {
        if let PublicDetail::PlanSummary {
            plan_id, targets, ..
        } = &mut e.detail
        {
            let all = self.plan_target_progress(*plan_id).await?;
            *targets = e
                .publication
                .targets
                .iter()
                .filter_map(|t| all.iter().find(|p| p.target_id == *t).cloned())
                .collect();
        }
        Ok(())
    }

    /// A file the public may fetch (one a visible entry shows).
    pub async fn public_file(&self, id: MediaFileId) -> Result<Option<PublicFile>, StoreError> {
        dispatch!(self, public_read::public_file(&self.ctx, id))
    }

    /// Adds a creative space to the catalogue (the department's people).
    pub async fn create_space(
        &self,
        input: &SpaceInput,
        actor: &domain::Actor,
    ) -> Result<SpaceId, StoreError> {
        dispatch!(self, spaces::create_space(&self.ctx, input, actor))
    }

    pub async fn update_space(
        &self,
        id: SpaceId,
        expected_version: i64,
        input: &SpaceInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            spaces::update_space(&self.ctx, id, expected_version, input, actor)
        )
    }

    pub async fn space(&self, id: SpaceId) -> Result<Option<Space>, StoreError> {
        dispatch!(self, spaces::space(id))
    }

    /// Every creative space, by name.
    pub async fn list_spaces(&self) -> Result<Vec<Space>, StoreError> {
        dispatch!(self, spaces::list_spaces())
    }
}

//! Candidacy support (queries in `sql/candidacy_steps.rs` and `sql/candidacies.rs`).

use crate::candidacies_model::*;
use crate::{NewDirectionFile, Store, StoreError};
use domain::cities::candidacy::{CandidacyStatus, StepInput};
use domain::{Actor, CityId, CreativeFieldId};

impl Store {
    /// The call's steps in order.
    pub async fn candidacy_steps(&self) -> Result<Vec<CandidacyStep>, StoreError> {
        dispatch!(self, candidacy_steps::steps())
    }

    /// Adds a step at the end; `names` are checked (`check_step_names`).
    pub async fn add_candidacy_step(
        &self,
        names: (&str, &str),
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(self, candidacy_steps::add_step(&self.ctx, names, actor))
    }

    pub async fn rename_candidacy_step(
        &self,
        id: i64,
        expected_version: i64,
        names: (&str, &str),
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            candidacy_steps::rename_step(&self.ctx, id, expected_version, names, actor)
        )
    }

    /// Moves a step one place up (or down).
    pub async fn move_candidacy_step(
        &self,
        id: i64,
        expected_version: i64,
        up: bool,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            candidacy_steps::move_step(&self.ctx, id, expected_version, up, actor)
        )
    }

    /// Removes a step no dossier uses (`CityError::StepInUse` otherwise).
    pub async fn remove_candidacy_step(
        &self,
        id: i64,
        expected_version: i64,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            candidacy_steps::remove_step(&self.ctx, id, expected_version, actor)
        )
    }

    /// Every dossier, or one city's, with each one's step records.
    pub async fn candidacies(
        &self,
        city: Option<CityId>,
    ) -> Result<Vec<(Candidacy, Vec<CandidacyStepRecord>)>, StoreError> {
        dispatch!(self, candidacies::list(city))
    }

    pub async fn candidacy(&self, id: i64) -> Result<Option<CandidacyDossier>, StoreError> {
        dispatch!(self, candidacies::dossier(id))
    }

    pub async fn create_candidacy(
        &self,
        city: CityId,
        field: Option<CreativeFieldId>,
        status: CandidacyStatus,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            candidacies::create(&self.ctx, city, field, status, actor)
        )
    }

    /// Changes a dossier's field and status; returns its new version.
    pub async fn update_candidacy(
        &self,
        id: i64,
        expected_version: i64,
        field: Option<CreativeFieldId>,
        status: CandidacyStatus,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            candidacies::update(&self.ctx, id, expected_version, field, status, actor)
        )
    }

    /// Records a dossier step's dates and note; returns the dossier's new version.
    pub async fn save_candidacy_step(
        &self,
        id: i64,
        expected_version: i64,
        step: i64,
        input: &StepInput,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            candidacies::save_step(&self.ctx, id, expected_version, step, input, actor)
        )
    }

    pub async fn add_candidacy_document(
        &self,
        id: i64,
        step: i64,
        file: &NewDirectionFile,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            candidacies::add_document(&self.ctx, id, step, file, actor)
        )
    }

    /// A document and its stored path.
    pub async fn candidacy_document(
        &self,
        doc: i64,
    ) -> Result<Option<(CandidacyDocument, String)>, StoreError> {
        dispatch!(self, candidacies::document(doc))
    }

    /// Removes a document; returns its dossier.
    pub async fn remove_candidacy_document(
        &self,
        doc: i64,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(self, candidacies::remove_document(&self.ctx, doc, actor))
    }

    pub async fn add_candidacy_support(
        &self,
        id: i64,
        step: i64,
        link: SupportLink,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            candidacies::add_support(&self.ctx, id, step, link, actor)
        )
    }

    /// Unlinks a support activity; returns its dossier.
    pub async fn remove_candidacy_support(
        &self,
        support: i64,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(self, candidacies::remove_support(&self.ctx, support, actor))
    }
}

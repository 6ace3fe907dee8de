//! A plan's direction records: Công tác chỉ đạo, điều hành (queries in
//! `sql/directions.rs`).

use crate::oversight_model::*;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::oversight::DirectionInput;
use domain::{Actor, DirectionFileId, DirectionId, PlanId};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Records a direction with files already in the evidence store (the Board, admins).
    /// The same record sent twice is recorded once: the first is returned.
    pub async fn add_direction(
        &self,
        plan: PlanId,
        input: &DirectionInput,
        files: &[NewDirectionFile],
        actor: &Actor,
    ) -> R<DirectionRecord> {
        dispatch!(
            self,
            directions::add_direction(&self.ctx, plan, input, files, actor)
        )
    }

    /// Edits a record opened at version `expected` (a stale one is a conflict).
    pub async fn update_direction(
        &self,
        id: DirectionId,
        expected: i64,
        input: &DirectionInput,
        actor: &Actor,
    ) -> R<DirectionRecord> {
        dispatch!(
            self,
            directions::update_direction(&self.ctx, id, expected, input, actor)
        )
    }

    /// Deletes a record opened at version `expected`; `None` when it was already gone.
    pub async fn delete_direction(
        &self,
        id: DirectionId,
        expected: i64,
        actor: &Actor,
    ) -> R<Option<PlanId>> {
        dispatch!(
            self,
            directions::delete_direction(&self.ctx, id, expected, actor)
        )
    }

    /// Attaches a file already in the evidence store to a record.
    pub async fn attach_direction_file(
        &self,
        id: DirectionId,
        file: &NewDirectionFile,
        actor: &Actor,
    ) -> R<DirectionFile> {
        dispatch!(
            self,
            directions::attach_direction_file(&self.ctx, id, file, actor)
        )
    }

    /// A plan's records with their files, newest first; only those dated within
    /// `within` (both days included) when given.
    pub async fn plan_directions(
        &self,
        plan: PlanId,
        within: Option<(NaiveDate, NaiveDate)>,
    ) -> R<Vec<DirectionRecord>> {
        dispatch!(self, directions::plan_directions(plan, within))
    }

    pub async fn direction(&self, id: DirectionId) -> R<Option<DirectionRecord>> {
        dispatch!(self, directions::direction(id))
    }

    pub async fn direction_file(&self, id: DirectionFileId) -> R<Option<DirectionFile>> {
        dispatch!(self, directions::direction_file(id))
    }
}

//! Delegations abroad (queries in `sql/delegations.rs`).

use crate::events_model::*;
use crate::{Store, StoreError};
use domain::UnitId;

impl Store {
    pub async fn create_delegation(
        &self,
        d: &DelegationInput,
        actor: &domain::Actor,
    ) -> Result<domain::DelegationId, StoreError> {
        dispatch!(self, delegations::create_delegation(&self.ctx, d, actor))
    }

    pub async fn update_delegation(
        &self,
        id: domain::DelegationId,
        expected_version: i64,
        d: &DelegationInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            delegations::update_delegation(&self.ctx, id, expected_version, d, actor)
        )
    }

    pub async fn set_delegation_status(
        &self,
        id: domain::DelegationId,
        expected_version: i64,
        to: domain::DelegationStatus,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            delegations::set_delegation_status(&self.ctx, id, expected_version, to, actor)
        )
    }

    pub async fn file_delegation_report(
        &self,
        id: domain::DelegationId,
        expected_version: i64,
        text: &str,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            delegations::file_delegation_report(&self.ctx, id, expected_version, text, actor)
        )
    }

    pub async fn delegation(
        &self,
        id: domain::DelegationId,
    ) -> Result<Option<DelegationRecord>, StoreError> {
        dispatch!(self, delegations::delegation(id))
    }

    pub async fn list_delegations(
        &self,
        visible_units: Option<&[UnitId]>,
    ) -> Result<Vec<DelegationRecord>, StoreError> {
        dispatch!(self, delegations::list_delegations(visible_units))
    }
}

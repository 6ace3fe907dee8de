//! People, invitations and interpreter bookings (queries in `sql/people.rs` and
//! `sql/invitations.rs`).

use crate::events_model::*;
use crate::{Store, StoreError};

impl Store {
    pub async fn create_person(
        &self,
        p: &PersonInput,
        actor: &domain::Actor,
    ) -> Result<domain::PersonId, StoreError> {
        dispatch!(self, people::create_person(&self.ctx, p, actor))
    }

    pub async fn update_person(
        &self,
        id: domain::PersonId,
        expected_version: i64,
        p: &PersonInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            people::update_person(&self.ctx, id, expected_version, p, actor)
        )
    }

    pub async fn person(&self, id: domain::PersonId) -> Result<Option<PersonRecord>, StoreError> {
        dispatch!(self, people::person(id))
    }

    /// The directory by kind and name (diacritic-insensitive), at most 500.
    pub async fn list_people(
        &self,
        kind: Option<domain::PersonKind>,
        text: Option<&str>,
    ) -> Result<Vec<PersonRecord>, StoreError> {
        dispatch!(self, people::list_people(kind, text))
    }

    /// Adds invitations in multi-row INSERTs; returns how many were new.
    pub async fn add_invitations(
        &self,
        event: domain::EventId,
        list: &[NewInvitation],
        actor: &domain::Actor,
    ) -> Result<u64, StoreError> {
        dispatch!(
            self,
            invitations::add_invitations(&self.ctx, event, list, actor)
        )
    }

    pub async fn set_invitation_status(
        &self,
        invitation: i64,
        status: domain::InvitationStatus,
        actor: &domain::Actor,
    ) -> Result<domain::EventId, StoreError> {
        dispatch!(
            self,
            invitations::set_invitation_status(&self.ctx, invitation, status, actor)
        )
    }

    /// A page of invitations with the total and counts per status.
    pub async fn invitations(
        &self,
        event: domain::EventId,
        offset: i64,
        limit: i64,
    ) -> Result<InvitationPage, StoreError> {
        dispatch!(self, invitations::invitations(event, offset, limit))
    }

    /// Books an interpreter; overlaps come back as `clashes`, not as an error.
    pub async fn book_interpreter(
        &self,
        event: domain::EventId,
        person: domain::PersonId,
        language_pair: &str,
        actor: &domain::Actor,
    ) -> Result<BookingRecord, StoreError> {
        dispatch!(
            self,
            people::book_interpreter(&self.ctx, event, person, language_pair, actor)
        )
    }

    pub async fn remove_booking(
        &self,
        booking: i64,
        actor: &domain::Actor,
    ) -> Result<domain::EventId, StoreError> {
        dispatch!(self, people::remove_booking(&self.ctx, booking, actor))
    }

    pub async fn bookings(&self, event: domain::EventId) -> Result<Vec<BookingRecord>, StoreError> {
        dispatch!(self, people::bookings(event))
    }
}

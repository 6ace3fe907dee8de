//! The Vietnamese network space (queries in `sql/network.rs` and `sql/network_space.rs`).

use crate::network_model::*;
use crate::{Store, StoreError};
use domain::network::Viewer;
use domain::{Actor, EventId, Language, UserId};

impl Store {
    /// Records a sign-up link for a city's focal point; returns its id and the address.
    pub async fn invite_focal_point(
        &self,
        inv: &NewNetworkInvitation,
        actor: &Actor,
    ) -> Result<(i64, String), StoreError> {
        dispatch!(self, network::invite_focal_point(&self.ctx, inv, actor))
    }

    pub async fn network_invitation(
        &self,
        token_hash: &str,
    ) -> Result<Option<NetworkInvitation>, StoreError> {
        dispatch!(self, network::network_invitation(token_hash))
    }

    /// Makes the account a sign-up link invites to (once, before it expires).
    pub async fn accept_network_invitation(
        &self,
        token_hash: &str,
        login: &str,
        password_hash: &str,
        language: Language,
    ) -> Result<UserId, StoreError> {
        dispatch!(
            self,
            network::accept_invitation(&self.ctx, token_hash, login, password_hash, language)
        )
    }

    pub async fn network_members(&self) -> Result<Vec<NetworkMember>, StoreError> {
        dispatch!(self, network::network_members())
    }

    pub async fn share_event_with_network(
        &self,
        event: EventId,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(self, network_space::share_event(&self.ctx, event, actor))
    }

    pub async fn event_is_shared_with_network(&self, event: EventId) -> Result<bool, StoreError> {
        dispatch!(self, network_space::event_is_shared(event))
    }

    pub async fn post_network_event(
        &self,
        e: &NetworkEventInput,
        viewer: Viewer,
        user: UserId,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            network_space::post_network_event(&self.ctx, e, viewer, user)
        )
    }

    /// The shared calendar's events starting in `[from, to)` ('yyyy-mm-dd').
    pub async fn network_events(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<NetworkEvent>, StoreError> {
        dispatch!(self, network_space::network_events(from, to))
    }

    pub async fn add_network_document(
        &self,
        d: &NewNetworkDocument,
        viewer: Viewer,
        user: UserId,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            network_space::add_network_document(&self.ctx, d, viewer, user)
        )
    }

    pub async fn network_documents(
        &self,
        viewer: Viewer,
    ) -> Result<Vec<NetworkDocument>, StoreError> {
        dispatch!(self, network_space::network_documents(viewer))
    }

    pub async fn network_document(&self, id: i64) -> Result<Option<NetworkDocument>, StoreError> {
        dispatch!(self, network_space::network_document(id))
    }

    pub async fn set_network_feed(&self, user: UserId, hash: &str) -> Result<(), StoreError> {
        dispatch!(self, network_space::set_network_feed(&self.ctx, user, hash))
    }

    pub async fn network_feed_user(&self, hash: &str) -> Result<Option<UserId>, StoreError> {
        dispatch!(self, network_space::network_feed_user(hash))
    }

    pub async fn has_network_feed(&self, user: UserId) -> Result<bool, StoreError> {
        dispatch!(self, network_space::has_network_feed(user))
    }
}

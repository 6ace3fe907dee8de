//! Calendar feed tokens (queries in `sql/feeds.rs`).

use crate::events_model::*;
use crate::{Store, StoreError};

impl Store {
    /// This database's own id, made once at its first migration: calendars name events
    /// `event-42@<id>`, unique to this server and unchanged when its address changes.
    pub async fn instance_id(&self) -> Result<String, StoreError> {
        dispatch!(self, feeds::instance_id())
    }

    /// A feed for a user or a unit, stored under the SHA-256 of its secret token.
    pub async fn create_feed_token(
        &self,
        owner: FeedOwner,
        token_hash: &str,
        label: &str,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            feeds::create_feed_token(&self.ctx, owner, token_hash, label, actor)
        )
    }

    pub async fn revoke_feed_token(
        &self,
        id: i64,
        actor: &domain::Actor,
    ) -> Result<(), StoreError> {
        dispatch!(self, feeds::revoke_feed_token(&self.ctx, id, actor))
    }

    /// The feeds `actor` may manage (their own and their units').
    pub async fn feed_tokens(&self, actor: &domain::Actor) -> Result<Vec<FeedToken>, StoreError> {
        dispatch!(self, feeds::feed_tokens(actor))
    }

    /// The feed with this token hash, revoked or not.
    pub async fn feed_by_hash(&self, hash: &str) -> Result<Option<FeedToken>, StoreError> {
        dispatch!(self, feeds::feed_by_hash(hash))
    }
}

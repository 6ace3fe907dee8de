//! Sessions and the sign-in throttle (queries in `sql/sessions.rs`).

use crate::model::*;
use crate::{Store, StoreError};
use domain::UserId;

impl Store {
    /// Stores a session under the SHA-256 of its cookie token (`domain::password::sha256_hex`).
    pub async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            sessions::create_session(&self.ctx, token_hash, user, csrf_token, expires_at)
        )
    }

    /// The live session: None when unknown, expired, or its user is inactive. Read on
    /// every request, so kept under the data version (`Store::memo`); the expiry is
    /// checked against the clock each time.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        // Read whatever its end (`i64::MIN`): what is kept must not depend on the clock.
        let now = self.ctx.now();
        let found = self
            .memo("session", 0, token_hash, async {
                dispatch!(self, sessions::session(token_hash, i64::MIN))
            })
            .await?;
        Ok(found.filter(|s| s.expires_at > now))
    }

    /// Signs out one session; false when it did not exist.
    pub async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError> {
        dispatch!(self, sessions::delete_session(&self.ctx, token_hash))
    }

    /// Ends every session of a user (password change, deactivation). Returns how many.
    pub async fn delete_user_sessions(&self, user: UserId) -> Result<u64, StoreError> {
        dispatch!(self, sessions::delete_user_sessions(&self.ctx, user))
    }

    /// Records activity; moves the expiry when `expires_at` is given (sliding sessions).
    /// Bookkeeping, not audited.
    pub async fn touch_session(
        &self,
        token_hash: &str,
        expires_at: Option<i64>,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            sessions::touch_session(token_hash, self.ctx.now(), expires_at)
        )
    }

    /// Deletes expired sessions; returns how many. Housekeeping, not audited.
    pub async fn delete_expired_sessions(&self) -> Result<u64, StoreError> {
        dispatch!(self, sessions::delete_expired_sessions(self.ctx.now()))
    }

    pub async fn record_login_failure(
        &self,
        login: &str,
        address: &str,
        at: i64,
    ) -> Result<(), StoreError> {
        dispatch!(self, sessions::record_login_failure(login, address, at))
    }

    /// Failures for this login and address at or after `since`.
    pub async fn login_failures_since(
        &self,
        login: &str,
        address: &str,
        since: i64,
    ) -> Result<i64, StoreError> {
        dispatch!(self, sessions::login_failures_since(login, address, since))
    }

    /// Failures from this address, whatever the login, at or after `since`.
    pub async fn address_failures_since(
        &self,
        address: &str,
        since: i64,
    ) -> Result<i64, StoreError> {
        dispatch!(self, sessions::address_failures_since(address, since))
    }

    pub async fn clear_login_failures(&self, login: &str, address: &str) -> Result<(), StoreError> {
        dispatch!(self, sessions::clear_login_failures(login, address))
    }

    /// Forgets failures older than `before`.
    pub async fn prune_login_failures(&self, before: i64) -> Result<u64, StoreError> {
        dispatch!(self, sessions::prune_login_failures(before))
    }
}

//! User accounts and e-mail addresses, and the first start's administrator (queries in `sql/accounts.rs`).

use crate::model::*;
use crate::{Store, StoreError};
use domain::{Actor, Language, PlanId, Role, UnitId, UserId};
use vanban::ParsedPlan;

type R<T> = Result<T, StoreError>;

impl Store {
    /// Creates a user (audited with no actor). See [`Store::create_user_by`].
    pub async fn create_user(&self, new: NewUser) -> Result<UserId, StoreError> {
        self.create_user_by(new, None).await
    }

    /// Creates a user; `StoreError::LoginTaken` when the login exists.
    pub async fn create_user_by(
        &self,
        new: NewUser,
        actor: Option<UserId>,
    ) -> Result<UserId, StoreError> {
        dispatch!(self, accounts::create_user(&self.ctx, &new, actor))
    }

    /// By login, case-insensitively (logins are stored lowercased).
    pub async fn user_by_login(&self, login: &str) -> Result<Option<UserRecord>, StoreError> {
        dispatch!(self, accounts::user_by_login(login))
    }

    pub async fn user(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
        dispatch!(self, accounts::user(id))
    }

    pub async fn list_users(&self) -> Result<Vec<UserRecord>, StoreError> {
        dispatch!(self, accounts::list_users())
    }

    /// The user changes their own password (audited with the user as actor).
    pub async fn set_password(
        &self,
        user: UserId,
        password_hash: &str,
        must_change: bool,
    ) -> Result<(), StoreError> {
        self.set_password_by(user, password_hash, must_change, Some(user))
            .await
    }

    /// Sets a password on someone's behalf (an admin reset).
    pub async fn set_password_by(
        &self,
        user: UserId,
        password_hash: &str,
        must_change: bool,
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            accounts::set_password(&self.ctx, user, password_hash, must_change, actor)
        )
    }

    /// The user's interface language (audited with the user as actor).
    pub async fn set_user_language(&self, user: UserId, lang: Language) -> Result<(), StoreError> {
        dispatch!(self, accounts::set_user_language(&self.ctx, user, lang))
    }

    /// Replaces a user's roles and units.
    pub async fn set_user_roles_and_units(
        &self,
        user: UserId,
        roles: &[Role],
        unit_ids: &[UnitId],
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            accounts::set_user_roles_and_units(&self.ctx, user, roles, unit_ids, actor)
        )
    }

    /// Activates or deactivates an account; deactivating also ends its sessions.
    pub async fn set_user_active(
        &self,
        user: UserId,
        active: bool,
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            account_edits::set_user_active(&self.ctx, user, active, None, actor)
        )
    }

    /// An admin deactivates or reactivates an account over the version their form was
    /// opened on (a stale one: `StoreError::Conflict`). Deactivating ends its sessions;
    /// an admin cannot deactivate themselves (`SetupError::SelfLockout`).
    pub async fn set_user_active_by(
        &self,
        user: UserId,
        version: i64,
        active: bool,
        actor: &Actor,
    ) -> R<()> {
        dispatch!(
            self,
            account_edits::set_user_active(&self.ctx, user, active, Some((version, actor)), None)
        )
    }

    /// An admin edits an account's name, e-mail address, roles and units over `version`,
    /// in one audited transaction. Refused (`StoreError::Setup`): an empty name, a staff
    /// member without a unit, a deactivated unit newly given, an admin removing their own
    /// admin role.
    pub async fn update_user(
        &self,
        user: UserId,
        version: i64,
        edit: &UserEdit,
        actor: &Actor,
    ) -> R<()> {
        dispatch!(
            self,
            account_edits::update_user(&self.ctx, user, version, edit, actor)
        )
    }

    /// On an empty database only: imports the seed plan with its units and creates the
    /// account "admin" with a random one-time password that must be changed at first
    /// sign-in, all in one transaction. Returns None when the database is not empty.
    pub async fn bootstrap(
        &self,
        seed: &ParsedPlan,
        seed_name: &str,
        seed_sha256: &str,
    ) -> Result<Option<BootstrapResult>, StoreError> {
        if !self.is_empty().await? {
            return Ok(None);
        }
        let otp = domain::password::generate_one_time_password()
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let hash = domain::password::hash_password(&otp)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        let done: Option<(PlanId, String)> = dispatch!(
            self,
            accounts::bootstrap(&self.ctx, seed, seed_name, seed_sha256, &hash)
        )?;
        Ok(done.map(|(plan_id, admin_login)| BootstrapResult {
            admin_login,
            one_time_password: otp,
            plan_id,
        }))
    }

    /// A user's e-mail address for reminders (admins; None clears it).
    pub async fn set_user_email(&self, user: UserId, email: Option<&str>, actor: &Actor) -> R<()> {
        dispatch!(
            self,
            accounts::set_email(&self.ctx, "user", user.0, email, actor)
        )
    }

    /// A unit's mailbox for reminders (admins; None clears it).
    pub async fn set_unit_email(&self, unit: UnitId, email: Option<&str>, actor: &Actor) -> R<()> {
        dispatch!(
            self,
            accounts::set_email(&self.ctx, "unit", unit.0, email, actor)
        )
    }

    /// Units and active users with their e-mail addresses (for the admin's form).
    #[allow(clippy::type_complexity)]
    pub async fn contact_emails(
        &self,
    ) -> R<(
        Vec<(UnitId, String, Option<String>)>,
        Vec<(UserId, String, String, Option<String>)>,
    )> {
        dispatch!(self, accounts::contact_emails())
    }
}

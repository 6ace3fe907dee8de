//! store: sangtao's persistence, one API over SQLite (embedded default) and PostgreSQL.
//!
//! Every query is written once (`ops.rs`, `$1` placeholders, types both engines share)
//! and compiled for each backend: `sqlite.rs` and `postgres.rs` each include `ops.rs`
//! with their own `DB`, `Pool`, migrator and write-transaction opener (BEGIN IMMEDIATE
//! on SQLite). [`Store`] dispatches on [`Db`]. See README.md for the schema.
//!
//! Conventions: ids are `i64`; timestamps are `i64` unix seconds UTC; calendar dates are
//! ISO `yyyy-mm-dd` text; JSON is text. Every state change appends an audit entry in the
//! same transaction.

mod error;
pub mod evidence_store;
pub mod model;
mod oversight_api;
mod oversight_model;
mod postgres;
mod sqlite;
mod tracking_model;
mod tree;

pub use error::StoreError;
pub use model::*;
pub use oversight_model::*;
pub use tracking_model::*;

use domain::{Language, PlanId, Role, UnitId, UserId};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;
use vanban::ParsedPlan;

/// How long connecting may take before the database counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a SQLite writer waits for the lock.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The connection pool of one backend.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Counters and test hooks shared by clones of a store.
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    view_queries: AtomicU64,
    /// When >= 0, an import fails after inserting this many items (tests atomicity).
    import_fault: AtomicI64,
}

impl Ctx {
    fn new() -> Self {
        Ctx {
            view_queries: AtomicU64::new(0),
            import_fault: AtomicI64::new(-1),
        }
    }

    pub(crate) fn count_view_query(&self) {
        self.view_queries.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn import_fault(&self) -> Option<u64> {
        u64::try_from(self.import_fault.load(Ordering::Relaxed)).ok()
    }
}

/// The store. Cheap to clone (pools are shared).
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
    ctx: Arc<Ctx>,
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The database URL with any password hidden, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => {
            let userinfo = &rest[..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &userinfo[..colon],
                    &rest[at..]
                ),
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    }
}

macro_rules! dispatch {
    ($self:ident, $f:ident ( $($arg:expr),* $(,)? )) => {
        match &$self.db {
            Db::Sqlite(p) => sqlite::ops::$f(p, &$self.ctx, $($arg),*).await,
            Db::Postgres(p) => postgres::ops::$f(p, &$self.ctx, $($arg),*).await,
        }
    };
}

impl Store {
    /// Opens `sqlite://PATH` (created if missing, with its directory; WAL, busy timeout
    /// 5 s, foreign keys on) or `postgres://…` / `postgresql://…`. Does not migrate.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let url = url.trim();
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or("");
        let db = match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Db::Sqlite(sqlite::connect(url).await?),
            "postgres" | "postgresql" => Db::Postgres(postgres::connect(url).await?),
            _ => {
                return Err(StoreError::UnsupportedScheme {
                    url: redact_url(url),
                });
            }
        };
        Ok(Store {
            db,
            ctx: Arc::new(Ctx::new()),
        })
    }

    /// Opens the SQLite database at `path`.
    pub async fn open_sqlite(path: &Path) -> Result<Store, StoreError> {
        Store::connect(&format!("sqlite://{}", path.display())).await
    }

    /// The pools, for callers that need the raw connection (tests, tools).
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// "sqlite" or "postgres".
    pub fn backend_name(&self) -> &'static str {
        match self.db {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Applies pending migrations, then seeds defaults (the abbreviation table) once and
    /// fills derived item columns (search text, dates) that are still empty.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        dispatch!(self, migrate())?;
        match &self.db {
            Db::Sqlite(p) => sqlite::tracking_ops::fill_all_items(p, &self.ctx).await?,
            Db::Postgres(p) => postgres::tracking_ops::fill_all_items(p, &self.ctx).await?,
        };
        Ok(())
    }

    /// Closes the pool; later calls fail.
    pub async fn close(&self) {
        match &self.db {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }

    /// A round trip to the database.
    pub async fn ping(&self) -> Result<(), StoreError> {
        dispatch!(self, ping())
    }

    /// True when there is no plan and no user (first start).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        dispatch!(self, is_empty())
    }

    // ---- plans ------------------------------------------------------------------------

    /// Imports a parsed plan with its tree, targets, deadlines and units, in one
    /// transaction. Refuses non-plans; reports a plan already stored (same source bytes,
    /// same issuer/number/symbol/title, or the same parsed content) without changing
    /// anything.
    pub async fn import_plan(
        &self,
        parsed: &ParsedPlan,
        source_name: &str,
        source_sha256: &str,
        actor: Option<UserId>,
    ) -> Result<ImportOutcome, StoreError> {
        dispatch!(self, import_plan(parsed, source_name, source_sha256, actor))
    }

    pub async fn list_plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        dispatch!(self, list_plans())
    }

    /// The plan with its whole item tree, in a fixed number of queries.
    pub async fn plan(&self, id: PlanId) -> Result<Option<PlanView>, StoreError> {
        dispatch!(self, plan(id))
    }

    /// The reader's output for the plan, exactly as imported (JSON text).
    pub async fn plan_parsed_json(&self, id: PlanId) -> Result<Option<String>, StoreError> {
        dispatch!(self, plan_parsed_json(id))
    }

    /// An item with breadcrumbs, units, targets, deadlines and its sub-tree.
    pub async fn item(&self, id: domain::ItemId) -> Result<Option<ItemView>, StoreError> {
        dispatch!(self, item(id))
    }

    /// Queries issued so far by the view loaders (`plan`, `item`, `unit`): tests use it
    /// to hold the line against one-query-per-row loading.
    pub fn view_query_count(&self) -> u64 {
        self.ctx.view_queries.load(Ordering::Relaxed)
    }

    /// Test hook: make imports fail after inserting `items` items (None: never).
    #[doc(hidden)]
    pub fn fail_imports_after_items(&self, items: Option<u64>) {
        let v = items.map(|n| n as i64).unwrap_or(-1);
        self.ctx.import_fault.store(v, Ordering::Relaxed);
    }

    // ---- units ------------------------------------------------------------------------

    pub async fn list_units(&self) -> Result<Vec<Unit>, StoreError> {
        dispatch!(self, list_units())
    }

    /// A unit with the items it leads and coordinates (with plan titles).
    pub async fn unit(&self, id: UnitId) -> Result<Option<UnitView>, StoreError> {
        dispatch!(self, unit(id))
    }

    /// Merges a duplicate unit into another: item links, memberships and
    /// responsibilities move to `into`, then `from` is deleted. For duplicates the
    /// alias table did not catch at import time.
    pub async fn merge_unit(
        &self,
        from: UnitId,
        into: UnitId,
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(self, merge_unit(from, into, actor))
    }

    /// The editable alias table, sorted by alias.
    pub async fn abbreviations(&self) -> Result<Vec<Abbreviation>, StoreError> {
        dispatch!(self, abbreviations())
    }

    /// The alias table as the domain canonicaliser uses it.
    pub async fn abbreviation_table(&self) -> Result<domain::AbbreviationTable, StoreError> {
        let rows = self.abbreviations().await?;
        Ok(domain::AbbreviationTable::from_pairs(
            rows.iter()
                .map(|a| (a.alias.as_str(), a.unit_name.as_str())),
        ))
    }

    /// Adds or changes an alias. Applies to later imports; existing units are unchanged.
    pub async fn set_abbreviation(
        &self,
        alias: &str,
        unit_name: &str,
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(self, set_abbreviation(alias, unit_name, actor))
    }

    /// Removes an alias; false when there was none.
    pub async fn delete_abbreviation(
        &self,
        alias: &str,
        actor: Option<UserId>,
    ) -> Result<bool, StoreError> {
        dispatch!(self, delete_abbreviation(alias, actor))
    }

    // ---- users ------------------------------------------------------------------------

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
        dispatch!(self, create_user(&new, actor))
    }

    /// By login, case-insensitively (logins are stored lowercased).
    pub async fn user_by_login(&self, login: &str) -> Result<Option<UserRecord>, StoreError> {
        dispatch!(self, user_by_login(login))
    }

    pub async fn user(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
        dispatch!(self, user(id))
    }

    pub async fn list_users(&self) -> Result<Vec<UserRecord>, StoreError> {
        dispatch!(self, list_users())
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
        dispatch!(self, set_password(user, password_hash, must_change, actor))
    }

    /// The user's interface language (audited with the user as actor).
    pub async fn set_user_language(&self, user: UserId, lang: Language) -> Result<(), StoreError> {
        dispatch!(self, set_user_language(user, lang))
    }

    /// Replaces a user's roles and units.
    pub async fn set_user_roles_and_units(
        &self,
        user: UserId,
        roles: &[Role],
        unit_ids: &[UnitId],
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(self, set_user_roles_and_units(user, roles, unit_ids, actor))
    }

    /// Activates or deactivates an account; deactivating also ends its sessions.
    pub async fn set_user_active(
        &self,
        user: UserId,
        active: bool,
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(self, set_user_active(user, active, actor))
    }

    // ---- sessions ---------------------------------------------------------------------

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
            create_session(token_hash, user, csrf_token, expires_at)
        )
    }

    /// The live session: None when unknown, expired, or its user is inactive.
    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRecord>, StoreError> {
        dispatch!(self, session(token_hash, now()))
    }

    /// Signs out one session; false when it did not exist.
    pub async fn delete_session(&self, token_hash: &str) -> Result<bool, StoreError> {
        dispatch!(self, delete_session(token_hash))
    }

    /// Ends every session of a user (password change, deactivation). Returns how many.
    pub async fn delete_user_sessions(&self, user: UserId) -> Result<u64, StoreError> {
        dispatch!(self, delete_user_sessions(user))
    }

    /// Records activity; moves the expiry when `expires_at` is given (sliding sessions).
    /// Bookkeeping, not audited.
    pub async fn touch_session(
        &self,
        token_hash: &str,
        expires_at: Option<i64>,
    ) -> Result<(), StoreError> {
        dispatch!(self, touch_session(token_hash, now(), expires_at))
    }

    /// Deletes expired sessions; returns how many. Housekeeping, not audited.
    pub async fn delete_expired_sessions(&self) -> Result<u64, StoreError> {
        dispatch!(self, delete_expired_sessions(now()))
    }

    // ---- sign-in throttle -------------------------------------------------------------

    pub async fn record_login_failure(
        &self,
        login: &str,
        address: &str,
        at: i64,
    ) -> Result<(), StoreError> {
        dispatch!(self, record_login_failure(login, address, at))
    }

    /// Failures for this login and address at or after `since`.
    pub async fn login_failures_since(
        &self,
        login: &str,
        address: &str,
        since: i64,
    ) -> Result<i64, StoreError> {
        dispatch!(self, login_failures_since(login, address, since))
    }

    pub async fn clear_login_failures(&self, login: &str, address: &str) -> Result<(), StoreError> {
        dispatch!(self, clear_login_failures(login, address))
    }

    /// Forgets failures older than `before`.
    pub async fn prune_login_failures(&self, before: i64) -> Result<u64, StoreError> {
        dispatch!(self, prune_login_failures(before))
    }

    // ---- audit ------------------------------------------------------------------------

    /// Appends an entry in its own transaction. There is no update or delete.
    pub async fn append_audit(&self, entry: AuditEntry) -> Result<domain::AuditId, StoreError> {
        dispatch!(self, append_audit(&entry))
    }

    /// Entries about one entity, oldest first.
    pub async fn audit_for_entity(
        &self,
        entity: &str,
        entity_id: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        dispatch!(self, audit_for_entity(entity, entity_id))
    }

    /// The latest entries, newest first.
    pub async fn audit_recent(&self, limit: i64) -> Result<Vec<AuditRecord>, StoreError> {
        dispatch!(self, audit_recent(limit))
    }

    // ---- first start ------------------------------------------------------------------

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
        let done: Option<(PlanId, String)> =
            dispatch!(self, bootstrap(seed, seed_name, seed_sha256, &hash))?;
        Ok(done.map(|(plan_id, admin_login)| BootstrapResult {
            admin_login,
            one_time_password: otp,
            plan_id,
        }))
    }
}

macro_rules! dispatch_tracking {
    ($self:ident, $m:ident :: $f:ident ( $($arg:expr),* $(,)? )) => {
        match &$self.db {
            Db::Sqlite(p) => sqlite::$m::$f(p, &$self.ctx, $($arg),*).await,
            Db::Postgres(p) => postgres::$m::$f(p, &$self.ctx, $($arg),*).await,
        }
    };
}

/// Tracking (issue 4). Writes take the acting user and check permissions and versions
/// in their transaction: a stale version gives [`StoreError::Conflict`] with both
/// versions and the current state, a refused action [`StoreError::Tracking`].
impl Store {
    /// Status, dates, version, units and responsible people of an item.
    pub async fn item_tracking(
        &self,
        id: domain::ItemId,
    ) -> Result<Option<ItemTracking>, StoreError> {
        dispatch_tracking!(self, tracking_ops::item_tracking(id))
    }

    /// Title, text and dates (lead unit, Board, admin). Returns the new version.
    pub async fn update_item(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        edit: &ItemEdit,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            tracking_ops::update_item(id, expected_version, edit, actor)
        )
    }

    /// Changes the status (rules in `domain::tracking`); Suspended needs a reason.
    pub async fn set_item_status(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        status: domain::ItemStatus,
        reason: Option<&str>,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            tracking_ops::set_item_status(id, expected_version, status, reason, actor)
        )
    }

    /// Replaces lead and coordinating units (Board, admin).
    pub async fn set_item_units(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        lead: &[UnitId],
        coordinating: &[UnitId],
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            tracking_ops::set_item_units(id, expected_version, lead, coordinating, actor)
        )
    }

    /// Replaces the responsible people (each of a unit on the item).
    pub async fn set_item_people(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        people: &[ResponsiblePerson],
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            tracking_ops::set_item_people(id, expected_version, people, actor)
        )
    }

    /// Adds an item that is not in the document (marked `added`).
    pub async fn add_item(
        &self,
        new: &NewItem,
        actor: &domain::Actor,
    ) -> Result<domain::ItemId, StoreError> {
        dispatch_tracking!(self, tracking_ops::add_item(new, actor))
    }

    /// Splits an item; returns the new items (placed right after it).
    pub async fn split_item(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        parts: &[SplitPart],
        actor: &domain::Actor,
    ) -> Result<Vec<domain::ItemId>, StoreError> {
        dispatch_tracking!(
            self,
            tracking_ops::split_item(id, expected_version, parts, actor)
        )
    }

    /// Moves an item to `position` among its siblings.
    pub async fn move_item(
        &self,
        id: domain::ItemId,
        expected_version: i64,
        position: i64,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            tracking_ops::move_item(id, expected_version, position, actor)
        )
    }

    /// Files the first version of a unit's report for a period.
    pub async fn file_report(
        &self,
        new: &NewReport,
        actor: &domain::Actor,
    ) -> Result<ReportVersion, StoreError> {
        dispatch_tracking!(self, tracking_ops::file_report(new, actor))
    }

    /// A new version of a report (`report_id`: its first version's id) over `expected_version`.
    pub async fn edit_report(
        &self,
        report_id: i64,
        expected_version: i64,
        content: &domain::ReportContent,
        evidence: &[i64],
        actor: &domain::Actor,
    ) -> Result<ReportVersion, StoreError> {
        dispatch_tracking!(
            self,
            tracking_ops::edit_report(report_id, expected_version, content, evidence, actor)
        )
    }

    /// Every version of the report that `any_version` belongs to, oldest first.
    pub async fn report_history(&self, any_version: i64) -> Result<Vec<ReportVersion>, StoreError> {
        dispatch_tracking!(self, tracking_ops::report_history(any_version))
    }

    /// The years a plan's reports may cover: its year, widened by its items' dates
    /// (`(i32::MIN, i32::MAX)` when it has neither). For the report form's period choices
    /// (`domain::Period::choices`).
    pub async fn report_years(&self, plan: PlanId) -> Result<Option<(i32, i32)>, StoreError> {
        dispatch_tracking!(self, tracking_ops::report_years(plan))
    }

    /// The latest version of each report on an item.
    pub async fn item_reports(
        &self,
        item: domain::ItemId,
    ) -> Result<Vec<ReportVersion>, StoreError> {
        dispatch_tracking!(self, tracking_ops::item_reports(item))
    }

    /// Records a file stored by [`evidence_store::EvidenceStore::put`] on an item.
    pub async fn add_evidence(
        &self,
        item: domain::ItemId,
        stored: &evidence_store::StoredFile,
        original_name: &str,
        actor: &domain::Actor,
    ) -> Result<EvidenceRecord, StoreError> {
        dispatch_tracking!(
            self,
            tracking_ops::add_evidence(item, stored, original_name, actor)
        )
    }

    pub async fn evidence(&self, id: i64) -> Result<Option<EvidenceRecord>, StoreError> {
        dispatch_tracking!(self, tracking_ops::evidence(id))
    }

    /// Sets a target's source: entered figures or a counting rule.
    pub async fn set_target_source(
        &self,
        target: i64,
        source: &TargetSource,
        actor: &domain::Actor,
    ) -> Result<(), StoreError> {
        dispatch_tracking!(self, tracking_ops::set_target_source(target, source, actor))
    }

    /// Saves a countable record (events and media works call this).
    pub async fn save_record(&self, record: &CountableRecord) -> Result<i64, StoreError> {
        dispatch_tracking!(self, tracking_ops::save_record(record))
    }

    /// Each target of a plan with its actual and attainment, in 3–4 queries.
    pub async fn plan_target_progress(
        &self,
        plan: PlanId,
    ) -> Result<Vec<TargetProgress>, StoreError> {
        dispatch_tracking!(self, tracking_ops::plan_target_progress(plan))
    }

    /// The item list, filtered and paginated, with its total. 3 queries.
    pub async fn list_items(&self, filter: &ItemFilter) -> Result<ItemPage, StoreError> {
        dispatch_tracking!(self, tracking_ops::list_items(filter))
    }

    /// Audit entries about an item, newest first, `limit` per page.
    pub async fn audit_for_item(
        &self,
        item: domain::ItemId,
        before: Option<i64>,
        limit: i64,
    ) -> Result<AuditPage, StoreError> {
        dispatch_tracking!(self, tracking_ops::audit_for_item(item, before, limit))
    }

    /// Audit entries about a plan and everything in it, newest first.
    pub async fn audit_for_plan(
        &self,
        plan: PlanId,
        before: Option<i64>,
        limit: i64,
    ) -> Result<AuditPage, StoreError> {
        dispatch_tracking!(self, tracking_ops::audit_for_plan(plan, before, limit))
    }

    /// Synthetic plans, items, units, targets and reports for load tests, deterministic
    /// for a seed (`sangtao dev seed`).
    pub async fn generate_synthetic(
        &self,
        spec: SyntheticSpec,
    ) -> Result<SyntheticSummary, StoreError> {
        dispatch_tracking!(self, synthetic::generate(&spec))
    }
}

/// See [`Store::generate_synthetic`].
pub async fn generate_synthetic(
    store: &Store,
    spec: SyntheticSpec,
) -> Result<SyntheticSummary, StoreError> {
    store.generate_synthetic(spec).await
}

/// Migration versions of each backend, for the test that they match.
pub fn migration_versions() -> (Vec<i64>, Vec<i64>) {
    (
        sqlite::MIGRATOR.iter().map(|m| m.version).collect(),
        postgres::MIGRATOR.iter().map(|m| m.version).collect(),
    )
}

pub(crate) fn parse_date(s: Option<String>) -> Option<chrono::NaiveDate> {
    s.and_then(|s| chrono::NaiveDate::from_str(&s).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_have_the_same_migration_versions() {
        let (s, p) = migration_versions();
        assert!(!s.is_empty());
        assert_eq!(s, p);
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/x"),
            "postgres://app:***@db:5432/x"
        );
        assert_eq!(redact_url("postgres://app@db/x"), "postgres://app@db/x");
        assert_eq!(redact_url("sqlite://a/b.db"), "sqlite://a/b.db");
    }
}

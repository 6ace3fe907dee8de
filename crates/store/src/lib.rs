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
mod events_model;
pub mod evidence_store;
pub mod model;
mod oversight_api;
mod oversight_model;
mod postgres;
mod sqlite;
mod tracking_model;
mod tree;

pub use error::StoreError;
pub use events_model::*;
pub use model::*;
pub use oversight_model::*;
pub use tracking_model::*;

use domain::{Language, PlanId, Role, SharedClock, UnitId, UserId};
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

/// Plan views kept in memory, each with the audit watermark it was loaded at.
///
/// Every change to what a plan view shows (items, their units, targets, units' names,
/// the plan itself) appends an audit entry in the same transaction, so the highest audit
/// id is a version of the whole database: a view loaded when it was N is current while
/// it is still N. The watermark is read before the view, so a view is never older than
/// its key. Other servers' writes are seen the same way, through the shared log.
#[derive(Debug, Default)]
struct PlanCache {
    views: std::collections::HashMap<PlanId, (i64, Arc<PlanView>)>,
}

/// Plans kept; a deployment has a few active plans, load tests many.
const PLAN_CACHE_SIZE: usize = 64;

/// The clock, counters and test hooks shared by clones of a store.
#[derive(Debug)]
pub(crate) struct Ctx {
    /// Read once per operation (`ctx.now()`), and the value passed down.
    clock: SharedClock,
    view_queries: AtomicU64,
    /// When >= 0, an import fails after inserting this many items (tests atomicity).
    import_fault: AtomicI64,
    plan_cache: std::sync::Mutex<PlanCache>,
}

impl Ctx {
    fn new(clock: SharedClock) -> Self {
        Ctx {
            clock,
            view_queries: AtomicU64::new(0),
            import_fault: AtomicI64::new(-1),
            plan_cache: Default::default(),
        }
    }

    fn cached_plan(&self, id: PlanId, mark: i64) -> Option<Arc<PlanView>> {
        let cache = self.plan_cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .views
            .get(&id)
            .filter(|(m, _)| *m == mark)
            .map(|(_, v)| v.clone())
    }

    fn cache_plan(&self, id: PlanId, mark: i64, view: Arc<PlanView>) {
        let mut cache = self.plan_cache.lock().unwrap_or_else(|e| e.into_inner());
        // Entries of older watermarks are stale: drop them first, then any when full.
        cache.views.retain(|_, (m, _)| *m >= mark);
        if cache.views.len() >= PLAN_CACHE_SIZE
            && let Some(k) = cache.views.keys().next().copied()
        {
            cache.views.remove(&k);
        }
        cache.views.insert(id, (mark, view));
    }

    /// Unix seconds from the store's clock.
    pub(crate) fn now(&self) -> i64 {
        self.clock.unix()
    }

    pub(crate) fn now_utc(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
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
    /// Uses the wall clock.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        Store::connect_with_clock(url, domain::clock::system()).await
    }

    /// [`Store::connect`] with the clock every timestamp and time rule reads.
    pub async fn connect_with_clock(url: &str, clock: SharedClock) -> Result<Store, StoreError> {
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
            ctx: Arc::new(Ctx::new(clock)),
        })
    }

    /// Opens the SQLite database at `path`.
    pub async fn open_sqlite(path: &Path) -> Result<Store, StoreError> {
        Store::connect(&format!("sqlite://{}", path.display())).await
    }

    /// The same database seen through another clock (tests; tools that work "as of" a
    /// date). Its plan cache and test hooks start empty.
    pub fn with_clock(&self, clock: SharedClock) -> Store {
        Store {
            db: self.db.clone(),
            ctx: Arc::new(Ctx::new(clock)),
        }
    }

    /// The store's clock: the web layer and the scheduler read the same one.
    pub fn clock(&self) -> &SharedClock {
        &self.ctx.clock
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
    /// Id and short name of every plan, newest first (for filters).
    pub async fn plan_names(&self) -> Result<Vec<(PlanId, String)>, StoreError> {
        dispatch!(self, plan_names())
    }

    /// The plan with its whole content tree. Served from memory while no audited change
    /// has happened since it was loaded (see `PlanCache`); otherwise ten queries.
    pub async fn plan(&self, id: PlanId) -> Result<Option<PlanView>, StoreError> {
        let mark = dispatch!(self, audit_watermark())?;
        if let Some(view) = self.ctx.cached_plan(id, mark) {
            return Ok(Some((*view).clone()));
        }
        let view = dispatch!(self, plan(id))?;
        if let Some(v) = &view {
            self.ctx.cache_plan(id, mark, Arc::new(v.clone()));
        }
        Ok(view)
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
        dispatch!(self, session(token_hash, self.ctx.now()))
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
        dispatch!(self, touch_session(token_hash, self.ctx.now(), expires_at))
    }

    /// Deletes expired sessions; returns how many. Housekeeping, not audited.
    pub async fn delete_expired_sessions(&self) -> Result<u64, StoreError> {
        dispatch!(self, delete_expired_sessions(self.ctx.now()))
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
        self.generate_synthetic_with_progress(spec, &|_| {}).await
    }

    /// As [`Store::generate_synthetic`], calling `progress` with the running totals after
    /// each plan (one transaction per plan).
    pub async fn generate_synthetic_with_progress(
        &self,
        spec: SyntheticSpec,
        progress: &(dyn Fn(&SyntheticSummary) + Sync),
    ) -> Result<SyntheticSummary, StoreError> {
        dispatch_tracking!(self, synthetic::generate(&spec, progress))
    }
}

/// Events, people, delegations and calendar feeds (issue 5). Writes take the acting
/// user and check `domain::events` permissions in their transaction; a refusal is
/// [`StoreError::Event`] (`EventError::Forbidden`), a stale version [`StoreError::Conflict`].
impl Store {
    /// Creates an event with its units, plan items and countable record, in one
    /// transaction.
    pub async fn create_event(
        &self,
        input: &EventInput,
        actor: &domain::Actor,
    ) -> Result<domain::EventId, StoreError> {
        dispatch_tracking!(self, events_ops::create_event(input, actor))
    }

    /// Edits an event (not its status); returns the new version.
    pub async fn update_event(
        &self,
        id: domain::EventId,
        expected_version: i64,
        input: &EventInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::update_event(id, expected_version, input, actor)
        )
    }

    /// Moves an event along dự kiến → đã xác nhận → đã diễn ra, or to đã hủy; the
    /// countable record follows in the same transaction.
    pub async fn set_event_status(
        &self,
        id: domain::EventId,
        expected_version: i64,
        to: domain::EventStatus,
        actor: &domain::Actor,
        lang: Language,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::set_event_status(id, expected_version, to, actor, lang)
        )
    }

    pub async fn set_event_outcome(
        &self,
        id: domain::EventId,
        outcome: &str,
        actor: &domain::Actor,
    ) -> Result<(), StoreError> {
        dispatch_tracking!(self, events_ops::set_event_outcome(id, outcome, actor))
    }

    pub async fn event(&self, id: domain::EventId) -> Result<Option<EventRecord>, StoreError> {
        dispatch_tracking!(self, events_ops::event(id))
    }

    /// Events by start, filtered (3 queries).
    pub async fn list_events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>, StoreError> {
        dispatch_tracking!(self, events_ops::list_events(filter))
    }

    /// Events linked to a plan item.
    pub async fn item_events(&self, item: domain::ItemId) -> Result<Vec<EventRecord>, StoreError> {
        dispatch_tracking!(self, events_ops::item_events(item))
    }

    pub async fn create_person(
        &self,
        p: &PersonInput,
        actor: &domain::Actor,
    ) -> Result<domain::PersonId, StoreError> {
        dispatch_tracking!(self, events_ops::create_person(p, actor))
    }

    pub async fn update_person(
        &self,
        id: domain::PersonId,
        expected_version: i64,
        p: &PersonInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::update_person(id, expected_version, p, actor)
        )
    }

    pub async fn person(&self, id: domain::PersonId) -> Result<Option<PersonRecord>, StoreError> {
        dispatch_tracking!(self, events_ops::person(id))
    }

    /// The directory by kind and name (diacritic-insensitive), at most 500.
    pub async fn list_people(
        &self,
        kind: Option<domain::PersonKind>,
        text: Option<&str>,
    ) -> Result<Vec<PersonRecord>, StoreError> {
        dispatch_tracking!(self, events_ops::list_people(kind, text))
    }

    /// Adds invitations in multi-row INSERTs; returns how many were new.
    pub async fn add_invitations(
        &self,
        event: domain::EventId,
        list: &[NewInvitation],
        actor: &domain::Actor,
    ) -> Result<u64, StoreError> {
        dispatch_tracking!(self, events_ops::add_invitations(event, list, actor))
    }

    pub async fn set_invitation_status(
        &self,
        invitation: i64,
        status: domain::InvitationStatus,
        actor: &domain::Actor,
    ) -> Result<domain::EventId, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::set_invitation_status(invitation, status, actor)
        )
    }

    /// A page of invitations with the total and counts per status.
    pub async fn invitations(
        &self,
        event: domain::EventId,
        offset: i64,
        limit: i64,
    ) -> Result<InvitationPage, StoreError> {
        dispatch_tracking!(self, events_ops::invitations(event, offset, limit))
    }

    /// Books an interpreter; overlaps come back as `clashes`, not as an error.
    pub async fn book_interpreter(
        &self,
        event: domain::EventId,
        person: domain::PersonId,
        language_pair: &str,
        actor: &domain::Actor,
    ) -> Result<BookingRecord, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::book_interpreter(event, person, language_pair, actor)
        )
    }

    pub async fn remove_booking(
        &self,
        booking: i64,
        actor: &domain::Actor,
    ) -> Result<domain::EventId, StoreError> {
        dispatch_tracking!(self, events_ops::remove_booking(booking, actor))
    }

    pub async fn bookings(&self, event: domain::EventId) -> Result<Vec<BookingRecord>, StoreError> {
        dispatch_tracking!(self, events_ops::bookings(event))
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn add_checklist_entry(
        &self,
        event: domain::EventId,
        kind: domain::events::ChecklistKind,
        title: &str,
        owner: &str,
        due: Option<chrono::NaiveDate>,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::add_checklist_entry(event, kind, title, owner, due, actor)
        )
    }

    pub async fn set_checklist_done(
        &self,
        entry: i64,
        done: bool,
        actor: &domain::Actor,
    ) -> Result<domain::EventId, StoreError> {
        dispatch_tracking!(self, events_ops::set_checklist_done(entry, done, actor))
    }

    pub async fn checklist(
        &self,
        event: domain::EventId,
    ) -> Result<Vec<ChecklistEntry>, StoreError> {
        dispatch_tracking!(self, events_ops::checklist(event))
    }

    /// Records a file stored by the evidence store as a document of the event.
    pub async fn add_event_document(
        &self,
        event: domain::EventId,
        stored: &evidence_store::StoredFile,
        original_name: &str,
        kind: &str,
        actor: &domain::Actor,
    ) -> Result<EventDocument, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::add_event_document(event, stored, original_name, kind, actor)
        )
    }

    pub async fn event_documents(
        &self,
        event: domain::EventId,
    ) -> Result<Vec<EventDocument>, StoreError> {
        dispatch_tracking!(self, events_ops::event_documents(event))
    }

    pub async fn event_document(&self, id: i64) -> Result<Option<EventDocument>, StoreError> {
        dispatch_tracking!(self, events_ops::event_document(id))
    }

    pub async fn add_follow_up(
        &self,
        event: domain::EventId,
        text: &str,
        owner: &str,
        due: Option<chrono::NaiveDate>,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::add_follow_up(event, text, owner, due, actor)
        )
    }

    pub async fn follow_ups(&self, event: domain::EventId) -> Result<Vec<FollowUp>, StoreError> {
        dispatch_tracking!(self, events_ops::follow_ups(event))
    }

    /// Makes a follow-up a plan item (an added item under `parent`, through
    /// [`Store::add_item`] and its permission rules) and links the two. Two
    /// transactions: an item whose link failed is still a valid added item.
    pub async fn follow_up_to_item(
        &self,
        follow_up: i64,
        parent: domain::ItemId,
        actor: &domain::Actor,
    ) -> Result<domain::ItemId, StoreError> {
        let fu: FollowUp =
            dispatch_tracking!(self, events_ops::follow_up_for_edit(follow_up, actor))?;
        if fu.item_id.is_some() {
            return Err(StoreError::Invalid(format!(
                "follow-up {follow_up} is already in the plan"
            )));
        }
        let parent_item = self
            .item_tracking(parent)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("item {parent}")))?;
        let item = self
            .add_item(
                &NewItem {
                    plan_id: parent_item.plan_id,
                    parent_id: Some(parent),
                    position: None,
                    numbering: None,
                    title: fu.text.clone(),
                    text: if fu.owner.is_empty() {
                        String::new()
                    } else {
                        fu.owner.clone()
                    },
                    lead: Vec::new(),
                    coordinating: Vec::new(),
                    start: None,
                    due: fu.due,
                },
                actor,
            )
            .await?;
        dispatch_tracking!(self, events_ops::link_follow_up(follow_up, item, actor))?;
        Ok(item)
    }

    pub async fn create_delegation(
        &self,
        d: &DelegationInput,
        actor: &domain::Actor,
    ) -> Result<domain::DelegationId, StoreError> {
        dispatch_tracking!(self, events_ops::create_delegation(d, actor))
    }

    pub async fn update_delegation(
        &self,
        id: domain::DelegationId,
        expected_version: i64,
        d: &DelegationInput,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::update_delegation(id, expected_version, d, actor)
        )
    }

    pub async fn set_delegation_status(
        &self,
        id: domain::DelegationId,
        expected_version: i64,
        to: domain::DelegationStatus,
        actor: &domain::Actor,
        lang: Language,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::set_delegation_status(id, expected_version, to, actor, lang)
        )
    }

    pub async fn file_delegation_report(
        &self,
        id: domain::DelegationId,
        expected_version: i64,
        text: &str,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::file_delegation_report(id, expected_version, text, actor)
        )
    }

    pub async fn delegation(
        &self,
        id: domain::DelegationId,
    ) -> Result<Option<DelegationRecord>, StoreError> {
        dispatch_tracking!(self, events_ops::delegation(id))
    }

    pub async fn list_delegations(
        &self,
        visible_units: Option<&[UnitId]>,
    ) -> Result<Vec<DelegationRecord>, StoreError> {
        dispatch_tracking!(self, events_ops::list_delegations(visible_units))
    }

    /// A feed for a user or a unit, stored under the SHA-256 of its secret token.
    pub async fn create_feed_token(
        &self,
        owner: FeedOwner,
        token_hash: &str,
        label: &str,
        actor: &domain::Actor,
    ) -> Result<i64, StoreError> {
        dispatch_tracking!(
            self,
            events_ops::create_feed_token(owner, token_hash, label, actor)
        )
    }

    pub async fn revoke_feed_token(
        &self,
        id: i64,
        actor: &domain::Actor,
    ) -> Result<(), StoreError> {
        dispatch_tracking!(self, events_ops::revoke_feed_token(id, actor))
    }

    /// The feeds `actor` may manage (their own and their units').
    pub async fn feed_tokens(&self, actor: &domain::Actor) -> Result<Vec<FeedToken>, StoreError> {
        dispatch_tracking!(self, events_ops::feed_tokens(actor))
    }

    /// The feed with this token hash, revoked or not.
    pub async fn feed_by_hash(&self, hash: &str) -> Result<Option<FeedToken>, StoreError> {
        dispatch_tracking!(self, events_ops::feed_by_hash(hash))
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

/// The date codec, both ways: calendar dates are stored as ISO `yyyy-mm-dd` text.
pub(crate) fn day_text(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn date_text(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(day_text)
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

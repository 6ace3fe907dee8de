//! store: sangtao's persistence, one API over SQLite (embedded default) and PostgreSQL.
//!
//! Every query is written once, in `sql/<aggregate>.rs` (`$1` placeholders, types both
//! engines share), and compiled for each backend: `sqlite.rs` and `postgres.rs` each
//! include `sql/` with their own `DB`, `Pool`, migrator and write-transaction opener
//! (BEGIN IMMEDIATE on SQLite). The [`Store`] methods are in `api/<aggregate>.rs`, each a
//! `dispatch!` on [`Db`] naming its query. See README.md for the schema.
//!
//! Conventions: ids are `i64`; timestamps are `i64` unix seconds UTC; calendar dates are
//! ISO `yyyy-mm-dd` text; JSON is text. Every state change appends an audit entry in the
//! same transaction.

mod budget_model;
mod candidacies_model;
mod cities_model;
mod draft_model;
mod error;
mod events_model;
pub mod evidence_store;
mod fulltext;
mod media_model;
pub mod model;
mod network_model;
mod oversight_model;
mod postgres;
mod publishing_model;
mod sqlite;
mod synthetic_text;
mod tracking_model;
mod tree;

pub use budget_model::*;
pub use candidacies_model::*;
pub use cities_model::*;
pub use draft_model::*;
pub use error::{StorageFailure, StoreError};
pub use events_model::*;
pub use media_model::*;
pub use model::*;
pub use network_model::*;
pub use oversight_model::*;
pub use publishing_model::*;
pub use tracking_model::*;

use domain::{PlanId, SharedClock};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

/// How long connecting may take before the database counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a SQLite writer waits for the lock.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The connections of one backend.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(Pools<sqlx::Sqlite>),
    Postgres(Pools<sqlx::Postgres>),
}

/// Readers and writers. On SQLite (a file) the writer is its own pool of ONE connection:
/// writers queue for it in order, instead of each holding a connection while it sleeps in
/// SQLite's busy handler, and readers (WAL) never wait behind them. A flood of writes
/// (sessions of 400 sign-ins at once) thus cannot take the connections the pages read
/// with. On PostgreSQL, and for SQLite in memory (one connection), both are one pool.
#[derive(Debug)]
pub struct Pools<DB: sqlx::Database> {
    pub read: sqlx::Pool<DB>,
    pub write: sqlx::Pool<DB>,
}

// By hand: a derive would ask `DB: Clone`, which the database markers are not.
impl<DB: sqlx::Database> Clone for Pools<DB> {
    fn clone(&self) -> Self {
        Pools {
            read: self.read.clone(),
            write: self.write.clone(),
        }
    }
}

impl<DB: sqlx::Database> Pools<DB> {
    /// One pool for both.
    pub(crate) fn single(pool: sqlx::Pool<DB>) -> Self {
        Pools {
            write: pool.clone(),
            read: pool,
        }
    }

    async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

use cache::{MarkedCache, Memo};

type PlanCache = MarkedCache<PlanId, PlanView>;
/// Item states by plan and day (`Store::plan_states`), under the same version.
type StateCache = MarkedCache<(PlanId, chrono::NaiveDate), Vec<domain::tracking::ItemState>>;
/// A plan's money by item as of a day (`Store::plan_money`), under the same version.
type MoneyCache = MarkedCache<(PlanId, chrono::NaiveDate), Vec<ItemMoney>>;
/// A plan's targets with their actuals (`Store::plan_target_progress`, `None`: every record;
/// `Some(day)`: as it stood that day), under the same version.
type TargetCache =
    MarkedCache<(PlanId, Option<chrono::NaiveDate>), Vec<tracking_model::TargetProgress>>;

/// A dashboard (`Store::dashboard`) by plan, unit (or none), recent reports shown and day,
/// under the same version: besides the cached states and targets it reads the plan's
/// items and its latest reports (9 ms of 15 at 1,000,000 items).
type DashboardCache = MarkedCache<
    (PlanId, Option<domain::UnitId>, i64, chrono::NaiveDate),
    oversight_model::DashboardData,
>;

/// The plan list and the plans' short names (`Store::list_plans`, `Store::plan_names`),
/// under the same version: the plan list, the dashboard's picker and every list's plan
/// filter show them, and at 2,000 plans reading them cost more than the rest of a page
/// (16 ms of the item list's 40 ms at 1,000,000 items).
type PlanListCache = MarkedCache<(), Vec<PlanSummary>>;
type PlanNameCache = MarkedCache<(), Vec<(PlanId, String)>>;

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
    /// How many of the newest rows a ranked search walks first (`fulltext::RECENT_ROWS`;
    /// tests set it lower to cross its edge with little data; 0: never walk).
    search_reach: AtomicI64,
    plan_cache: PlanCache,
    state_cache: StateCache,
    money_cache: MoneyCache,
    target_cache: TargetCache,
    dashboard_cache: DashboardCache,
    plan_list_cache: PlanListCache,
    plan_name_cache: PlanNameCache,
    /// The pages' small per-request reads, under the same version (`Store::memo`).
    memo: Memo,
    /// On a SQLite file, the version read without a hand-off (`sqlite::version_probe`).
    probe: Option<Arc<sqlite::version_probe::VersionProbe>>,
    /// The last storage failure (a full disk, an I/O error) and when (unix seconds, the
    /// store's clock), for `/healthz`.
    storage_failure: std::sync::Mutex<Option<(i64, StorageFailure)>>,
}

impl Ctx {
    fn new(clock: SharedClock, probe: Option<Arc<sqlite::version_probe::VersionProbe>>) -> Self {
        Ctx {
            clock,
            memo: Memo::default(),
            probe,
            view_queries: AtomicU64::new(0),
            import_fault: AtomicI64::new(-1),
            search_reach: AtomicI64::new(fulltext::RECENT_ROWS),
            plan_cache: Default::default(),
            state_cache: Default::default(),
            money_cache: Default::default(),
            target_cache: Default::default(),
            dashboard_cache: Default::default(),
            plan_list_cache: Default::default(),
            plan_name_cache: Default::default(),
            storage_failure: Default::default(),
        }
    }

    /// Passes a store call's result on, noting a storage failure on the way.
    fn watch<T>(&self, r: Result<T, StoreError>) -> Result<T, StoreError> {
        if let Err(e) = &r
            && let Some(kind) = e.storage_failure()
        {
            tracing::error!(error = %e, "the storage failed a write");
            let mut last = self
                .storage_failure
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            *last = Some((self.now(), kind));
        }
        r
    }

    /// Unix seconds from the store's clock.
    pub(crate) fn now(&self) -> i64 {
        self.clock.unix()
    }

    /// Today in Hanoi, from the store's clock.
    pub(crate) fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    pub(crate) fn now_utc(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    pub(crate) fn count_view_query(&self) {
        self.view_queries.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn search_reach(&self) -> i64 {
        self.search_reach.load(Ordering::Relaxed)
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

/// Runs one query function of `sql/` on the store's backend:
/// `dispatch!(self, items::set_item_status(&self.ctx, id, ..))` calls
/// `sql::items::set_item_status(pool, &self.ctx, id, ..)`, compiled for SQLite or for
/// PostgreSQL; its source is `crates/store/src/sql/items.rs`. The context (clock,
/// counters) is passed only to the queries that read it.
macro_rules! dispatch {
    ($self:ident, $m:ident :: $f:ident ( $($arg:expr),* $(,)? )) => {
        match &$self.db {
            $crate::Db::Sqlite(p) => $self
                .ctx
                .watch($crate::sqlite::sql::$m::$f(p, $($arg),*).await),
            $crate::Db::Postgres(p) => $self
                .ctx
                .watch($crate::postgres::sql::$m::$f(p, $($arg),*).await),
        }
    };
}

mod api;
mod cache;

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
        let mut probe = None;
        let db = match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => {
                let pools = sqlite::connect(url).await?;
                probe = sqlite::version_probe(url).map(Arc::new);
                Db::Sqlite(pools)
            }
            "postgres" | "postgresql" => Db::Postgres(postgres::connect(url).await?),
            _ => {
                return Err(StoreError::UnsupportedScheme {
                    url: redact_url(url),
                });
            }
        };
        Ok(Store {
            db,
            ctx: Arc::new(Ctx::new(clock, probe)),
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
            ctx: Arc::new(Ctx::new(clock, self.ctx.probe.clone())),
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
        dispatch!(self, schema::migrate(&self.ctx))?;
        dispatch!(self, items::fill_all_items())?;
        let indexed = dispatch!(self, search::index_missing_reports())?;
        if indexed > 0 {
            tracing::info!(indexed, "progress reports indexed for search");
        }
        let indexed = dispatch!(self, search::index_missing_events())?;
        if indexed > 0 {
            tracing::info!(indexed, "events indexed for search");
        }
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
        dispatch!(self, schema::ping())
    }

    /// A small write through the writer, committed (`/healthz`).
    pub async fn write_probe(&self) -> Result<(), StoreError> {
        dispatch!(self, schema::write_probe(&self.ctx))
    }

    /// The storage failure (a full disk, an I/O error) seen by a write within `within`, if
    /// any: a probe's small write may pass where a user's larger one fails.
    pub fn recent_storage_failure(&self, within: Duration) -> Option<StorageFailure> {
        let last = *self
            .ctx
            .storage_failure
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let since = self.ctx.now() - within.as_secs() as i64;
        last.filter(|(at, _)| *at > since).map(|(_, kind)| kind)
    }

    /// True when there is no plan and no user (first start).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        dispatch!(self, schema::is_empty())
    }

    /// The data's version: it moves with every committed write, in commit order (see
    /// `PlanCache`).
    pub async fn data_version(&self) -> Result<i64, StoreError> {
        self.mark().await
    }

    /// The plan with its whole content tree. Served from memory while no write has happened
    /// since it was loaded (see `PlanCache`); otherwise ten queries.
    pub async fn plan(&self, id: PlanId) -> Result<Option<PlanView>, StoreError> {
        let mark = self.mark().await?;
        if let Some(view) = self.ctx.plan_cache.get(&id, mark) {
            return Ok(Some((*view).clone()));
        }
        let view = dispatch!(self, plans::plan(&self.ctx, id))?;
        if let Some(v) = &view {
            self.ctx.plan_cache.put(id, mark, Arc::new(v.clone()));
        }
        Ok(view)
    }

    /// Every item of the plan in document order with its state at `as_of`
    /// (`domain::tracking::state`): units in effect, overdue, percent, roll-up. Served from
    /// memory while no write has happened since it was computed; otherwise 3 queries.
    pub async fn plan_states(
        &self,
        plan: PlanId,
        as_of: chrono::NaiveDate,
    ) -> Result<Arc<Vec<domain::tracking::ItemState>>, StoreError> {
        let mark = self.mark().await?;
        let key = (plan, as_of);
        if let Some(s) = self.ctx.state_cache.get(&key, mark) {
            return Ok(s);
        }
        let states = Arc::new(dispatch!(self, item_state::plan_states(plan, as_of))?);
        self.ctx.state_cache.put(key, mark, states.clone());
        Ok(states)
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

    /// Test hook: how many of the newest rows a ranked search walks before asking the
    /// index for every match (0: never walk). The default is `fulltext::RECENT_ROWS`.
    #[doc(hidden)]
    pub fn set_search_reach(&self, rows: i64) {
        self.ctx.search_reach.store(rows.max(0), Ordering::Relaxed);
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

//! The queries, one module per aggregate, written once and compiled for each backend:
//! `sqlite.rs` and `postgres.rs` each include this directory (`sqlite::sql`,
//! `postgres::sql`) with their own `DB`, `Pool`, `MIGRATOR` and `begin_write`. Queries use
//! `$1` placeholders and the types both engines share. A function takes `ctx` only when it
//! reads the clock or the counters.

use super::{
    ANALYZE_AFTER_BULK, BUMP_AT_COMMIT, DATA_VERSION_SQL, DB, LOCK_ROW, MIGRATOR, NOT_INDEXED,
    Pool, begin_write, fulltext,
};

pub(crate) type Conn = <DB as sqlx::Database>::Connection;
pub(crate) type R<T> = Result<T, crate::StoreError>;

/// A query text built from constant column lists (never from input).
macro_rules! sql {
    ($($t:tt)*) => {
        sqlx::AssertSqlSafe(format!($($t)*))
    };
}

macro_rules! item_cols {
    () => {
        "i.id, i.plan_id, i.parent_id, i.appendix_id, i.position, i.depth, i.numbering, \
         i.title, i.body, i.source_line, i.added, i.status, i.status_reason, i.start_date, \
         i.due_date, i.version"
    };
}

macro_rules! subtree {
    () => {
        "WITH RECURSIVE sub(id) AS (
             SELECT id FROM items WHERE id = $1
             UNION ALL
             SELECT c.id FROM items c JOIN sub s ON c.parent_id = s.id
         ) "
    };
}

macro_rules! user_cols {
    () => {
        "u.id, u.login, u.display_name, u.password_hash, u.must_change_password, u.language, \
         u.active, u.created_at, u.email, u.version, u.network_city_id"
    };
}

pub(crate) mod account_edits;
pub(crate) mod accounts;
pub(crate) mod audit;
pub(crate) mod backup;
pub(crate) mod budget;
pub(crate) mod budget_categories;
// Candidacy support (issue 19, part 3).
pub(crate) mod candidacies;
pub(crate) mod candidacy_steps;
pub(crate) mod cities;
pub(crate) mod city_contacts;
pub(crate) mod city_letters;
pub(crate) mod city_links;
pub(crate) mod city_projects;
pub(crate) mod city_timeline;
pub(crate) mod contracts;
pub(crate) mod delegations;
pub(crate) mod department;
pub(crate) mod directions;
pub(crate) mod effective_units;
pub(crate) mod escalations;
pub(crate) mod estimate_queue;
pub(crate) mod evaluations;
pub(crate) mod event_prep;
pub(crate) mod events;
pub(crate) mod feeds;
pub(crate) mod funding;
pub(crate) mod import;
pub(crate) mod invitations;
pub(crate) mod item_list;
pub(crate) mod item_list_by_unit;
pub(crate) mod item_state;
pub(crate) mod item_tree;
pub(crate) mod items;
// Media works (issue 18).
pub(crate) mod labels;
pub(crate) mod media;
pub(crate) mod media_read;
// The public site (issue 18).
pub(crate) mod money;
pub(crate) mod my_work;
pub(crate) mod public_read;
pub(crate) mod publishing;
pub(crate) mod spaces;
// The Vietnamese network space (issue 19, part 2).
pub(crate) mod network;
pub(crate) mod network_board;
pub(crate) mod network_events;
pub(crate) mod network_library;
pub(crate) mod network_space;
pub(crate) mod once;
pub(crate) mod people;
pub(crate) mod plan_drafts;
pub(crate) mod plan_list;
pub(crate) mod plan_metadata;
pub(crate) mod plan_revisions;
pub(crate) mod plans;
pub(crate) mod progress;
pub(crate) mod reminders;
pub(crate) mod report_reviews;
pub(crate) mod report_sources;
pub(crate) mod reports;
pub(crate) mod schema;
pub(crate) mod search;
pub(crate) mod sessions;
pub(crate) mod synthetic;
pub(crate) mod synthetic_budget;
pub(crate) mod synthetic_events;
pub(crate) mod targets;
pub(crate) mod tx;
pub(crate) mod unit_edits;
pub(crate) mod units;

//! SQLite's side of the full-text search (`crate::fulltext`): FTS5 tables over the folded
//! text (migration 0030), joined to their rows by rowid = id.

use super::DB;
use crate::fulltext::{Index, fts5_query};
use sqlx::QueryBuilder;

fn table(ix: Index) -> &'static str {
    match ix {
        Index::Items => "items_fts",
        Index::People => "people_fts",
        Index::Reports => "reports_fts",
        Index::Events => "events_fts",
    }
}

/// The FROM of a ranked search: the index, joined to its rows as `i` (items), `p` (people),
/// `r` (progress_reports) or `e` (events).
pub(crate) fn push_from(q: &mut QueryBuilder<DB>, ix: Index, _words: &[String]) {
    q.push(match ix {
        Index::Items => "items_fts JOIN items i ON i.id = items_fts.rowid",
        Index::People => "people_fts JOIN people p ON p.id = people_fts.rowid",
        Index::Reports => "reports_fts JOIN progress_reports r ON r.id = reports_fts.rowid",
        Index::Events => "events_fts JOIN events e ON e.id = events_fts.rowid",
    });
}

/// The condition that the row matches (with [`push_from`]).
pub(crate) fn push_match(q: &mut QueryBuilder<DB>, ix: Index, words: &[String]) {
    q.push(table(ix))
        .push(" MATCH ")
        .push_bind(fts5_query(words));
}

/// The condition that the row matches, for a walk of the newest rows (`sql::search`'s
/// first reach): the same `MATCH`, as FTS5 walks its lists newest first within a rowid
/// range on its own.
pub(crate) fn push_walked_match(q: &mut QueryBuilder<DB>, ix: Index, words: &[String]) {
    push_match(q, ix, words);
}

/// The row id as the index orders it: `ORDER BY` it `DESC` walks the index newest first.
pub(crate) fn newest(ix: Index) -> &'static str {
    match ix {
        Index::Items => "items_fts.rowid",
        Index::People => "people_fts.rowid",
        Index::Reports => "reports_fts.rowid",
        Index::Events => "events_fts.rowid",
    }
}

/// A condition on `id_column` (any query shape): the row matches.
pub(crate) fn push_filter(q: &mut QueryBuilder<DB>, ix: Index, id_column: &str, words: &[String]) {
    let t = table(ix);
    q.push(format!(
        "{id_column} IN (SELECT rowid FROM {t} WHERE {t} MATCH "
    ))
    .push_bind(fts5_query(words))
    .push(")");
}

//! PostgreSQL's side of the full-text search (`crate::fulltext`): a generated `tsvector`
//! of the folded text on the row itself, with a GIN index (migration 0030).

use super::DB;
use crate::fulltext::{Index, tsquery};
use sqlx::QueryBuilder;

fn vector(ix: Index) -> &'static str {
    match ix {
        Index::Items => "i.search_tsv",
        Index::People => "p.name_tsv",
        Index::Reports => "s.search_tsv",
        Index::Events => "e.search_tsv",
    }
}

/// The FROM of a ranked search: the rows as `i` (items), `p` (people), `r`
/// (progress_reports, with its search text as `s`) or `e` (events).
pub(crate) fn push_from(q: &mut QueryBuilder<DB>, ix: Index, _words: &[String]) {
    q.push(match ix {
        Index::Items => "items i",
        Index::People => "people p",
        Index::Reports => "report_search s JOIN progress_reports r ON r.id = s.report_id",
        Index::Events => "events e",
    });
}

/// `to_tsquery('simple', $n)`, written out where it is used (not joined in) so that the
/// planner sees the query's words and estimates from the column's statistics how many rows
/// match: few, read them through the GIN index; many, walk the ids newest first.
fn push_tsquery(q: &mut QueryBuilder<DB>, words: &[String]) {
    q.push("to_tsquery('simple', ")
        .push_bind(tsquery(words))
        .push(")");
}

/// The condition that the row matches (with [`push_from`]).
pub(crate) fn push_match(q: &mut QueryBuilder<DB>, ix: Index, words: &[String]) {
    q.push(vector(ix)).push(" @@ ");
    push_tsquery(q, words);
}

/// The condition that the row matches, tested row by row as the newest rows are walked
/// (`sql::search`'s first reach): `ts_match_vq` is what `@@` calls, but as a function the
/// planner cannot take it to the GIN index. With `@@` it took the index whenever it
/// thought the words rare, and it thinks any prefix rare: "kinh:* & phi:*", in a third
/// of the reports, was estimated at 40 rows, read whole and sorted (280 ms at 100,000
/// reports, against 8 ms walked).
pub(crate) fn push_walked_match(q: &mut QueryBuilder<DB>, ix: Index, words: &[String]) {
    q.push("ts_match_vq(").push(vector(ix)).push(", ");
    push_tsquery(q, words);
    q.push(")");
}

/// The row id: `ORDER BY` it `DESC` is newest first.
pub(crate) fn newest(ix: Index) -> &'static str {
    match ix {
        Index::Items => "i.id",
        Index::People => "p.id",
        Index::Reports => "s.report_id",
        Index::Events => "e.id",
    }
}

/// A condition on `id_column` (any query shape): the row matches.
pub(crate) fn push_filter(q: &mut QueryBuilder<DB>, ix: Index, id_column: &str, words: &[String]) {
    let (table, col) = match ix {
        Index::Items => ("items", "search_tsv"),
        Index::People => ("people", "name_tsv"),
        Index::Reports => ("report_search", "search_tsv"),
        Index::Events => ("events", "search_tsv"),
    };
    let key = if ix == Index::Reports {
        "report_id"
    } else {
        "id"
    };
    q.push(format!(
        "{id_column} IN (SELECT {key} FROM {table} WHERE {col} @@ "
    ));
    push_tsquery(q, words);
    q.push(")");
}

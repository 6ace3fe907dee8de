//! The header search (issue 16) over items and progress reports, through the full-text
//! indexes (issue 15, `crate::fulltext`). Each report version's folded text is in
//! `report_search`, written with the version; the index follows it by trigger (SQLite) or
//! generated column (PostgreSQL).

use super::item_list::{ListRow, dress_rows, list_row, push_unit_list};
use super::{Conn, DB, Pool, R, begin_write, fulltext};
use crate::Ctx;
use crate::events_model::EventHits;
use crate::fulltext::{Index, RANK_WINDOW};
use crate::tracking_model::{ItemHits, ItemListRow, ReportHit};
use sqlx::QueryBuilder;

/// What a version's search text is made of.
fn folded(text: &str, difficulties: &str, proposals: &str) -> String {
    vanban::text::fold(&[text, difficulties, proposals].join("\n"))
}

/// Writes the search text of the version just inserted (in its transaction).
pub(crate) async fn index_report(
    conn: &mut Conn,
    report_id: i64,
    content: &domain::ReportContent,
) -> R<()> {
    sqlx::query("INSERT INTO report_search (report_id, folded) VALUES ($1, $2)")
        .bind(report_id)
        .bind(folded(
            &content.text,
            &content.difficulties,
            &content.proposals,
        ))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct HitRow {
    id: i64,
    item_id: i64,
    item_title: String,
    unit_name: String,
    period: String,
    text: String,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct Unindexed {
    id: i64,
    text: String,
    difficulties: String,
    proposals: String,
}

/// The id window read and written per round of [`index_missing_reports`].
const INDEX_BATCH: i64 = 5000;
/// Rows per INSERT: two parameters a row.
const INDEX_ROWS_PER_INSERT: usize = 2500;

/// Indexes the versions that have no search text yet (written before the migration, or
/// by the load-test seeder), a window of 5,000 ids per transaction, in multi-row INSERTs:
/// 10,000,000 versions are read once, each round at the same cost. Returns how many.
///
/// It starts after the highest version indexed: a version written through the store is
/// indexed in its own transaction, and the bulk paths (the first run after migration
/// 0013, the seeder) index in id order and commit each round, so every version below that
/// one has its text. Without this, every start read all 10,000,000 versions (15 s).
pub(crate) async fn index_missing_reports(pool: &Pool) -> R<u64> {
    let mut done = 0;
    let (mut after, last): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COALESCE(MAX(report_id), 0) FROM report_search),
                (SELECT COALESCE(MAX(id), 0) FROM progress_reports)",
    )
    .fetch_one(&pool.write)
    .await?;
    // Rounds over id windows, not "the next 5,000 missing": PostgreSQL answered that with
    // an anti-join over the whole search table, 3.7 s a round once it held 2,000,000 rows.
    while after < last {
        let upto = after + INDEX_BATCH;
        let batch = sqlx::query_as::<_, Unindexed>(
            "SELECT r.id, r.text, r.difficulties, r.proposals FROM progress_reports r
             WHERE r.id > $1 AND r.id <= $2
               AND NOT EXISTS (SELECT 1 FROM report_search s WHERE s.report_id = r.id)
             ORDER BY r.id",
        )
        .bind(after)
        .bind(upto)
        .fetch_all(&pool.write)
        .await?;
        after = upto;
        if batch.is_empty() {
            continue;
        }
        let mut tx = begin_write(pool).await?;
        for chunk in batch.chunks(INDEX_ROWS_PER_INSERT) {
            let mut q: QueryBuilder<DB> =
                QueryBuilder::new("INSERT INTO report_search (report_id, folded) ");
            q.push_values(chunk, |mut b, r| {
                b.push_bind(r.id)
                    .push_bind(folded(&r.text, &r.difficulties, &r.proposals));
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        done += batch.len() as u64;
    }
    Ok(done)
}

/// The newest versions (a version no later one replaces) that match `words` (every word
/// begins a word of the text, difficulties or proposals), best match first
/// (`domain::search::rank`) and newest first among equals, at most `limit`; with
/// `visible_units`, only reports on items those units take part in (a partner's scope, as
/// the item list's). The index is walked newest first and stops at [`RANK_WINDOW`] matches
/// in scope, which are ranked: the cost does not grow with the table.
pub(crate) async fn search_reports(
    pool: &Pool,
    ctx: &Ctx,
    words: &[String],
    visible_units: Option<&[domain::UnitId]>,
    limit: i64,
) -> R<Vec<ReportHit>> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let ix = Index::Reports;
    // The candidates with only what ranks them (their folded text); the page's few are
    // then read whole. Reading all 500 whole (text, item title, unit name) was most of a
    // search's cost.
    let candidates = |reach: Reach| {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "SELECT r.id, s.folded
             FROM (SELECT r.id FROM ",
        );
        fulltext::push_from(&mut q, ix, words);
        q.push(" WHERE ");
        push_reach(&mut q, ix, words, reach);
        q.push(" AND NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)");
        if let Some(units) = visible_units {
            q.push(" AND r.item_id IN (SELECT item_id FROM item_effective_units WHERE unit_id IN ");
            push_unit_list(&mut q, units);
            q.push(")");
        }
        q.push(" ORDER BY ")
            .push(fulltext::newest(ix))
            .push(" DESC LIMIT ")
            .push_bind(RANK_WINDOW)
            .push(
                ") c
             JOIN progress_reports r ON r.id = c.id
             JOIN report_search s ON s.report_id = r.id
             ORDER BY r.created_at DESC, r.id DESC",
            );
        q
    };
    let mut conn = pool.read.acquire().await?;
    let found: Vec<(i64, String)> = newest_matches(&mut conn, ctx, candidates).await?;
    let texts: Vec<&str> = found.iter().map(|(_, f)| f.as_str()).collect();
    let best: Vec<i64> = domain::search::rank::best_first(&texts, words)
        .into_iter()
        .take(limit.clamp(1, 200) as usize)
        .map(|k| found[k].0)
        .collect();
    if best.is_empty() {
        return Ok(Vec::new());
    }
    let mut q: QueryBuilder<DB> = QueryBuilder::new(
        "SELECT r.id, r.item_id, i.title AS item_title, u.name AS unit_name, r.period, r.text,
                r.created_at
         FROM progress_reports r
         JOIN items i ON i.id = r.item_id
         JOIN units u ON u.id = r.unit_id
         WHERE r.id IN (",
    );
    let mut ids = q.separated(", ");
    for id in &best {
        ids.push_bind(*id);
    }
    q.push(")");
    let mut rows: std::collections::HashMap<i64, HitRow> = q
        .build_query_as::<HitRow>()
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(best
        .iter()
        .filter_map(|id| rows.remove(id))
        .map(|r| ReportHit {
            report_id: r.id,
            item_id: domain::ItemId(r.item_id),
            item_title: r.item_title,
            unit_name: r.unit_name,
            period: r.period,
            text: r.text,
            created_at: r.created_at,
        })
        .collect())
}

/// How far back a ranked search's candidate query looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// The rows among the newest `n` ids, each tested as they are walked newest first.
    Recent(i64),
    /// Every match, through the index.
    All,
}

/// The match condition of `ix` for `words` within `reach`.
fn push_reach(q: &mut QueryBuilder<DB>, ix: Index, words: &[String], reach: Reach) {
    match reach {
        Reach::All => fulltext::push_match(q, ix, words),
        Reach::Recent(n) => {
            fulltext::push_walked_match(q, ix, words);
            q.push(" AND ")
                .push(fulltext::newest(ix))
                .push(format!(
                    " > (SELECT COALESCE(MAX(id), 0) FROM {}) - ",
                    crate::fulltext::id_table(ix)
                ))
                .push_bind(n);
        }
    }
}

/// The newest [`RANK_WINDOW`] matches, as `candidates(reach)` selects them: among the
/// newest rows first (`Ctx::search_reach`, `fulltext::RECENT_ROWS`), which hold them all
/// when the words are common, and through the index only when those rows hold fewer. Either
/// way the result is the newest matches: a walk that found the window full found the
/// newest; one that did not is asked again of every row.
async fn newest_matches<T>(
    conn: &mut Conn,
    ctx: &Ctx,
    candidates: impl Fn(Reach) -> QueryBuilder<DB>,
) -> R<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, <DB as sqlx::Database>::Row> + Send + Unpin,
{
    let reach = ctx.search_reach();
    if reach > 0 {
        let mut q = candidates(Reach::Recent(reach));
        ctx.count_view_query();
        let found: Vec<T> = q.build_query_as().fetch_all(&mut *conn).await?;
        if found.len() as i64 >= RANK_WINDOW {
            return Ok(found);
        }
    }
    let mut q = candidates(Reach::All);
    ctx.count_view_query();
    Ok(q.build_query_as().fetch_all(&mut *conn).await?)
}

/// How many rows `scoped` (a FROM and WHERE) matches, up to `LIST_COUNT_CAP`, and whether
/// more do. `found` candidates were read already: fewer than [`RANK_WINDOW`] are all of
/// them, with no second query.
async fn capped_total(
    conn: &mut Conn,
    ctx: &Ctx,
    found: usize,
    scoped: impl Fn(&mut QueryBuilder<DB>),
) -> R<(i64, bool)> {
    if (found as i64) < RANK_WINDOW {
        return Ok((found as i64, false));
    }
    let mut q = QueryBuilder::<DB>::new("SELECT COUNT(*) FROM (SELECT 1 FROM ");
    scoped(&mut q);
    q.push(" LIMIT ")
        .push_bind(crate::LIST_COUNT_CAP + 1)
        .push(") n");
    ctx.count_view_query();
    let n: i64 = q.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok((n.min(crate::LIST_COUNT_CAP), n > crate::LIST_COUNT_CAP))
}

/// An item the search found, with its folded text to rank.
#[derive(sqlx::FromRow)]
struct ItemCandidate {
    #[sqlx(flatten)]
    row: ListRow,
    search_folded: Option<String>,
}

/// The items (not removed by a revision) that match `words` in their numbering, title or
/// body, best match first and newest first among equals, at most `limit`, dressed as the
/// item list's rows; with `visible_units`, the item list's scope. The total is counted up to
/// `LIST_COUNT_CAP`. Ranks the newest [`RANK_WINDOW`] matches, as `search_reports`.
pub(crate) async fn search_items(
    pool: &Pool,
    ctx: &Ctx,
    words: &[String],
    visible_units: Option<&[domain::UnitId]>,
    limit: i64,
) -> R<ItemHits> {
    if words.is_empty() {
        return Ok(ItemHits::default());
    }
    let ix = Index::Items;
    let scoped = |q: &mut QueryBuilder<DB>, reach: Reach| {
        fulltext::push_from(q, ix, words);
        q.push(" WHERE ");
        push_reach(q, ix, words, reach);
        q.push(" AND i.removed_in IS NULL");
        if let Some(units) = visible_units {
            q.push(" AND i.id IN (SELECT item_id FROM item_effective_units WHERE unit_id IN ");
            push_unit_list(q, units);
            q.push(")");
        }
    };
    let candidates = |reach: Reach| {
        let mut q = QueryBuilder::<DB>::new(
            "SELECT i.id, i.plan_id, i.numbering, i.title, i.status, i.start_date, \
             i.due_date, i.added, i.search_folded FROM items i JOIN (SELECT i.id FROM ",
        );
        scoped(&mut q, reach);
        q.push(" ORDER BY ")
            .push(fulltext::newest(ix))
            .push(" DESC LIMIT ")
            .push_bind(RANK_WINDOW)
            .push(") c ON c.id = i.id ORDER BY i.id DESC");
        q
    };
    let mut conn = pool.read.acquire().await?;
    let found: Vec<ItemCandidate> = newest_matches(&mut conn, ctx, candidates).await?;
    let (total, total_capped) =
        capped_total(&mut conn, ctx, found.len(), |q| scoped(q, Reach::All)).await?;
    let texts: Vec<&str> = found
        .iter()
        .map(|c| c.search_folded.as_deref().unwrap_or(""))
        .collect();
    let order = domain::search::rank::best_first(&texts, words);
    let mut found: Vec<Option<ItemCandidate>> = found.into_iter().map(Some).collect();
    let today = domain::oversight::vietnam_today(ctx.now_utc());
    let mut out: Vec<ItemListRow> = order
        .into_iter()
        .take(limit.clamp(1, 200) as usize)
        .filter_map(|k| found[k].take())
        .map(|c| list_row(c.row, today))
        .collect();
    if !out.is_empty() {
        dress_rows(&mut conn, ctx, &mut out, today).await?;
    }
    Ok(ItemHits {
        rows: out,
        total,
        total_capped,
    })
}

#[derive(sqlx::FromRow)]
struct UnindexedEvent {
    id: i64,
    title: String,
    venue: String,
    topic: String,
    organiser_name: String,
}

/// Writes the search text of events that have none (written before migration 0032), in
/// rounds of [`INDEX_BATCH`]. Returns how many.
pub(crate) async fn index_missing_events(pool: &Pool) -> R<u64> {
    let mut done = 0;
    loop {
        let batch = sqlx::query_as::<_, UnindexedEvent>(
            "SELECT id, title, venue, topic, organiser_name FROM events
             WHERE search_folded IS NULL ORDER BY id LIMIT $1",
        )
        .bind(INDEX_BATCH)
        .fetch_all(&pool.write)
        .await?;
        if batch.is_empty() {
            return Ok(done);
        }
        let mut tx = begin_write(pool).await?;
        for e in &batch {
            sqlx::query("UPDATE events SET search_folded = $1 WHERE id = $2")
                .bind(super::events::folded_text(
                    &e.title,
                    &e.venue,
                    &e.topic,
                    &e.organiser_name,
                ))
                .bind(e.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        done += batch.len() as u64;
    }
}

/// The events that match `words` in their title, venue, topic or organiser, latest start
/// first, at most `limit`, with their total (up to `LIST_COUNT_CAP`); with `visible_units`,
/// only events naming one of those units (a partner's calendar). Of many matches, the
/// [`RANK_WINDOW`] newest written are ordered by start, as the other searches rank theirs:
/// the cost does not grow with the table.
pub(crate) async fn search_events(
    pool: &Pool,
    ctx: &Ctx,
    words: &[String],
    visible_units: Option<&[domain::UnitId]>,
    limit: i64,
) -> R<EventHits> {
    if words.is_empty() {
        return Ok(EventHits::default());
    }
    let ix = Index::Events;
    let scoped = |q: &mut QueryBuilder<DB>, reach: Reach| {
        fulltext::push_from(q, ix, words);
        q.push(" WHERE ");
        push_reach(q, ix, words, reach);
        if let Some(units) = visible_units {
            super::events::push_visible_to(q, units);
        }
    };
    let candidates = |reach: Reach| {
        let mut q = QueryBuilder::<DB>::new("SELECT e.id, e.start_at FROM ");
        scoped(&mut q, reach);
        q.push(" ORDER BY ")
            .push(fulltext::newest(ix))
            .push(" DESC LIMIT ")
            .push_bind(RANK_WINDOW);
        q
    };
    let mut conn = pool.read.acquire().await?;
    let mut found: Vec<(i64, i64)> = newest_matches(&mut conn, ctx, candidates).await?;
    let (total, total_capped) =
        capped_total(&mut conn, ctx, found.len(), |q| scoped(q, Reach::All)).await?;
    found.sort_by_key(|&(id, start)| std::cmp::Reverse((start, id)));
    found.truncate(limit.clamp(1, 200) as usize);
    if found.is_empty() {
        return Ok(EventHits {
            events: Vec::new(),
            total,
            total_capped,
        });
    }
    let mut q = QueryBuilder::<DB>::new(format!(
        "SELECT {} FROM events WHERE id IN (",
        super::events::EVENT_COLS
    ));
    let mut ids = q.separated(", ");
    for (id, _) in &found {
        ids.push_bind(*id);
    }
    q.push(") ORDER BY start_at DESC, id DESC");
    ctx.count_view_query();
    let rows: Vec<super::events::EventRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    let mut events = rows
        .into_iter()
        .map(super::events::EventRow::into_record)
        .collect::<R<Vec<_>>>()?;
    super::events::attach_links(&mut conn, &mut events).await?;
    Ok(EventHits {
        events,
        total,
        total_capped,
    })
}

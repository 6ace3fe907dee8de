//! The header search (issue 16) over items and progress reports, through the full-text
//! indexes (issue 15, `crate::fulltext`). Each report version's folded text is in
//! `report_search`, written with the version; the index follows it by trigger (SQLite) or
//! generated column (PostgreSQL).

use super::item_list::{ListRow, dress_rows, list_row, push_unit_list};
use super::{Conn, DB, Pool, R, begin_write, fulltext};
use crate::Ctx;
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
    folded: String,
}

#[derive(sqlx::FromRow)]
struct Unindexed {
    id: i64,
    text: String,
    difficulties: String,
    proposals: String,
}

/// Versions read and written per round of [`index_missing_reports`].
const INDEX_BATCH: i64 = 5000;
/// Rows per INSERT: two parameters a row.
const INDEX_ROWS_PER_INSERT: usize = 2500;

/// Indexes the versions that have no search text yet (written before the migration, or
/// by the load-test seeder), 5,000 per transaction in multi-row INSERTs. Each round
/// starts after the last id seen, so 10,000,000 versions are read once, not rescanned
/// from the start each round. Returns how many.
pub(crate) async fn index_missing_reports(pool: &Pool) -> R<u64> {
    let mut done = 0;
    let mut after = 0i64;
    loop {
        let batch = sqlx::query_as::<_, Unindexed>(
            "SELECT r.id, r.text, r.difficulties, r.proposals FROM progress_reports r
             WHERE r.id > $1
               AND NOT EXISTS (SELECT 1 FROM report_search s WHERE s.report_id = r.id)
             ORDER BY r.id LIMIT $2",
        )
        .bind(after)
        .bind(INDEX_BATCH)
        .fetch_all(&pool.write)
        .await?;
        let Some(last) = batch.last() else {
            return Ok(done);
        };
        after = last.id;
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
}

/// The newest versions (a version no later one replaces) that match `words` (every word
/// begins a word of the text, difficulties or proposals), best match first
/// (`domain::search::rank`) and newest first among equals, at most `limit`; with
/// `visible_units`, only reports on items those units take part in (a partner's scope, as
/// the item list's). The index is walked newest first and stops at [`RANK_WINDOW`] matches
/// in scope, which are ranked: the cost does not grow with the table.
pub(crate) async fn search_reports(
    pool: &Pool,
    words: &[String],
    visible_units: Option<&[domain::UnitId]>,
    limit: i64,
) -> R<Vec<ReportHit>> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let ix = Index::Reports;
    let mut q: QueryBuilder<DB> = QueryBuilder::new(
        "SELECT r.id, r.item_id, i.title AS item_title, u.name AS unit_name, r.period, r.text,
                r.created_at, s.folded
         FROM (SELECT r.id FROM ",
    );
    fulltext::push_from(&mut q, ix, words);
    q.push(" WHERE ");
    fulltext::push_match(&mut q, ix, words);
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
         JOIN items i ON i.id = r.item_id
         JOIN units u ON u.id = r.unit_id
         ORDER BY r.created_at DESC, r.id DESC",
        );
    let rows = q.build_query_as::<HitRow>().fetch_all(&pool.read).await?;
    let texts: Vec<&str> = rows.iter().map(|r| r.folded.as_str()).collect();
    let order = domain::search::rank::best_first(&texts, words);
    let mut rows: Vec<Option<HitRow>> = rows.into_iter().map(Some).collect();
    Ok(order
        .into_iter()
        .take(limit.clamp(1, 200) as usize)
        .filter_map(|k| rows[k].take())
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
    let scoped = |q: &mut QueryBuilder<DB>| {
        fulltext::push_from(q, ix, words);
        q.push(" WHERE ");
        fulltext::push_match(q, ix, words);
        q.push(" AND i.removed_in IS NULL");
        if let Some(units) = visible_units {
            q.push(" AND i.id IN (SELECT item_id FROM item_effective_units WHERE unit_id IN ");
            push_unit_list(q, units);
            q.push(")");
        }
    };
    let mut conn = pool.read.acquire().await?;
    let mut q = QueryBuilder::<DB>::new(
        "SELECT i.id, i.plan_id, i.numbering, i.title, i.status, i.start_date, i.due_date, \
         i.added, i.search_folded FROM items i JOIN (SELECT i.id FROM ",
    );
    scoped(&mut q);
    q.push(" ORDER BY ")
        .push(fulltext::newest(ix))
        .push(" DESC LIMIT ")
        .push_bind(RANK_WINDOW)
        .push(") c ON c.id = i.id ORDER BY i.id DESC");
    ctx.count_view_query();
    let found: Vec<ItemCandidate> = q.build_query_as().fetch_all(&mut *conn).await?;
    let (total, total_capped) = if (found.len() as i64) < RANK_WINDOW {
        (found.len() as i64, false)
    } else {
        let mut q = QueryBuilder::<DB>::new("SELECT COUNT(*) FROM (SELECT 1 FROM ");
        scoped(&mut q);
        q.push(" LIMIT ")
            .push_bind(crate::LIST_COUNT_CAP + 1)
            .push(") n");
        ctx.count_view_query();
        let n: i64 = q.build_query_scalar().fetch_one(&mut *conn).await?;
        (n.min(crate::LIST_COUNT_CAP), n > crate::LIST_COUNT_CAP)
    };
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

//! The header search over progress reports (issue 16): each version's folded text in
//! `report_search`, written with the version, and the newest versions that match.

use super::item_list::{like_pattern, push_unit_list};
use super::{Conn, DB, Pool, R, begin_write};
use crate::tracking_model::ReportHit;
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

/// The newest versions (a version no later one replaces) whose text contains `folded`,
/// newest first, at most `limit`; with `visible_units`, only reports on items those units
/// take part in (a partner's scope, as the item list's).
pub(crate) async fn search_reports(
    pool: &Pool,
    folded: &str,
    visible_units: Option<&[domain::UnitId]>,
    limit: i64,
) -> R<Vec<ReportHit>> {
    let mut q: QueryBuilder<DB> = QueryBuilder::new(
        "SELECT r.id, r.item_id, i.title AS item_title, u.name AS unit_name, r.period, r.text,
                r.created_at
         FROM report_search s
         JOIN progress_reports r ON r.id = s.report_id
         JOIN items i ON i.id = r.item_id
         JOIN units u ON u.id = r.unit_id
         WHERE NOT EXISTS (SELECT 1 FROM progress_reports n WHERE n.previous_id = r.id)
           AND s.folded LIKE ",
    );
    q.push_bind(like_pattern(folded)).push(" ESCAPE '\\'");
    if let Some(units) = visible_units {
        q.push(" AND r.item_id IN (SELECT item_id FROM item_effective_units WHERE unit_id IN ");
        push_unit_list(&mut q, units);
        q.push(")");
    }
    q.push(" ORDER BY r.created_at DESC, r.id DESC LIMIT ")
        .push_bind(limit.clamp(1, 200));
    let rows = q.build_query_as::<HitRow>().fetch_all(&pool.read).await?;
    Ok(rows
        .into_iter()
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

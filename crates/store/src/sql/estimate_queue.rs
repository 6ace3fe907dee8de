//! The Finance and Board queues: the estimates at one status, oldest change first, whole
//! or a page at a time with the whole queue's count (at 10,000 estimates a queue holds a
//! thousand).

use super::{Pool, R};
use crate::budget_model::{EstimateQueuePage, QueuedEstimate};
use domain::budget::EstimateStatus;
use domain::{ItemId, PlanId};

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    item_id: i64,
    plan_id: i64,
    numbering: Option<String>,
    title: String,
    revision: i64,
    total: i64,
    updated_at: i64,
}

impl QueueRow {
    fn into_queued(self, status: EstimateStatus) -> QueuedEstimate {
        QueuedEstimate {
            estimate_id: self.id,
            item_id: ItemId(self.item_id),
            plan_id: PlanId(self.plan_id),
            numbering: self.numbering,
            title: self.title,
            revision: self.revision,
            status,
            total: self.total,
            updated_at: self.updated_at,
        }
    }
}

/// The estimates at `status`, oldest change first: submitted is Finance's queue,
/// verified the Board's. One query.
pub(crate) async fn estimate_queue(pool: &Pool, status: EstimateStatus) -> R<Vec<QueuedEstimate>> {
    let rows = sqlx::query_as::<_, QueueRow>(
        "SELECT e.id, e.item_id, i.plan_id, i.numbering, i.title, e.revision,
             CAST(COALESCE((SELECT SUM(l.amount) FROM estimate_lines l
                            WHERE l.estimate_id = e.id), 0) AS BIGINT) AS total,
             e.updated_at
         FROM estimates e JOIN items i ON i.id = e.item_id
         WHERE e.status = $1 ORDER BY e.updated_at, e.id",
    )
    .bind(status.as_str())
    .fetch_all(&pool.read)
    .await?;
    Ok(rows.into_iter().map(|r| r.into_queued(status)).collect())
}

/// Page `page` (from 1; past the last, the last) of `per_page` (1 or more) of the queue at
/// `status`, with the whole queue's count. Two queries, on one connection.
pub(crate) async fn estimate_queue_page(
    pool: &Pool,
    status: EstimateStatus,
    page: i64,
    per_page: i64,
) -> R<EstimateQueuePage> {
    let per_page = per_page.max(1);
    let mut conn = pool.read.acquire().await?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM estimates WHERE status = $1")
        .bind(status.as_str())
        .fetch_one(&mut *conn)
        .await?;
    let pages = ((total + per_page - 1) / per_page).max(1);
    let page = page.clamp(1, pages);
    let rows = sqlx::query_as::<_, QueueRow>(
        "SELECT e.id, e.item_id, i.plan_id, i.numbering, i.title, e.revision,
             CAST(COALESCE((SELECT SUM(l.amount) FROM estimate_lines l
                            WHERE l.estimate_id = e.id), 0) AS BIGINT) AS total,
             e.updated_at
         FROM estimates e JOIN items i ON i.id = e.item_id
         WHERE e.status = $1 ORDER BY e.updated_at, e.id LIMIT $2 OFFSET $3",
    )
    .bind(status.as_str())
    .bind(per_page)
    .bind((page - 1) * per_page)
    .fetch_all(&mut *conn)
    .await?;
    Ok(EstimateQueuePage {
        rows: rows.into_iter().map(|r| r.into_queued(status)).collect(),
        total,
        page,
        per_page,
    })
}

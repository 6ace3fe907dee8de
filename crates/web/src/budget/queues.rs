//! `/budget`: the estimates waiting, each role its own queue: Finance what waits for
//! verification, the Board what waits for approval (an admin sees both, to follow them).
//! Each queue is paged on its own (`?finance_page=`, `?board_page=`, `QUEUE_PAGE` a page)
//! and says its whole count.

use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::pager::{Pager, asked};
use crate::session::Signed;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::Role;
use domain::budget::EstimateStatus;
use domain::format_vnd;
use store::QueuedEstimate;

/// Rows on a page of a queue.
const QUEUE_PAGE: i64 = 50;

pub(super) struct QueueView {
    id: &'static str,
    heading: String,
    rows: Vec<QueueRow>,
    /// The whole queue's count ("1.002").
    total: String,
    pager: Pager,
}

/// Each queue's page, as typed.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct QueuesQuery {
    finance_page: String,
    board_page: String,
}

pub(super) struct QueueRow {
    item_id: i64,
    label: String,
    revision: String,
    total: String,
    updated: String,
}

#[derive(Template)]
#[template(path = "budget_queues.html")]
struct QueuesPage<'a> {
    l: Layout<'a>,
    queues: Vec<QueueView>,
    /// Each plan's budget page: (id, title).
    plans: Vec<(i64, String)>,
}

fn rows(ctx: &crate::session::Ctx, list: Vec<QueuedEstimate>) -> Vec<QueueRow> {
    list.into_iter()
        .map(|q| QueueRow {
            item_id: q.item_id.0,
            label: domain::item_label(q.numbering.as_deref(), &q.title),
            revision: super::page::revision_label(ctx, q.revision),
            total: format_vnd(q.total),
            updated: crate::items::local_time(q.updated_at),
        })
        .collect()
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<QueuesQuery>,
) -> Result<Response, AppError> {
    let a = &user.actor;
    if !domain::budget::can_view_budget(a) {
        return Err(AppError::Forbidden);
    }
    let t = ctx.tr();
    let admin = a.has_role(Role::Admin);
    let mut queues = Vec::new();
    // A queue's page link keeps the other queue's page (as read, never as typed).
    let (finance_at, board_at) = (asked(&q.finance_page).0, asked(&q.board_page).0);
    let link = |finance: i64, board: i64, id: &str| {
        format!("/budget?finance_page={finance}&board_page={board}#{id}")
    };
    for (role, status, id, key, raw) in [
        (
            Role::Finance,
            EstimateStatus::Submitted,
            "finance-queue",
            "budget.queue_finance",
            &q.finance_page,
        ),
        (
            Role::Board,
            EstimateStatus::Verified,
            "board-queue",
            "budget.queue_board",
            &q.board_page,
        ),
    ] {
        if admin || a.has_role(role) {
            let got = app
                .store()
                .estimate_queue_page(status, asked(raw).0, QUEUE_PAGE)
                .await?;
            let pager =
                Pager::new(
                    t,
                    raw,
                    got.total,
                    QUEUE_PAGE,
                    "budget.page_queue",
                    |n| match status {
                        EstimateStatus::Submitted => link(n, board_at, id),
                        _ => link(finance_at, n, id),
                    },
                );
            queues.push(QueueView {
                id,
                heading: t.t(key).to_string(),
                rows: rows(&ctx, got.rows),
                total: domain::format_number(got.total as f64),
                pager,
            });
        }
    }
    let plans = app
        .store()
        .list_plans()
        .await?
        .into_iter()
        .map(|p| (p.id.0, p.title))
        .collect();
    let page = QueuesPage {
        l: Layout::new(&ctx, t.t("budget.queues"), "budget"),
        queues,
        plans,
    };
    Ok(render_page(page))
}

/// The estimates at `status` as a block of "Việc của tôi" (`id` ends in `-estimates`):
/// Finance's (submitted) and the Board's (verified), the longest waiting first.
pub async fn work_block(
    app: &AppState,
    ctx: &crate::session::Ctx,
    status: EstimateStatus,
    id: &str,
    title_key: &str,
) -> Result<crate::my_work::Block, AppError> {
    let queue = app.store().estimate_queue_page(status, 1, 5).await?;
    let t = ctx.tr();
    Ok(crate::my_work::Block {
        id: id.to_string(),
        title: t.t(title_key).to_string(),
        count: queue.total.to_string(),
        lines: queue
            .rows
            .iter()
            .map(|q| crate::my_work::Line {
                href: format!("/items/{}/budget", q.item_id.0),
                label: domain::item_label(q.numbering.as_deref(), &q.title),
                detail: format_vnd(q.total),
                note: String::new(),
            })
            .collect(),
        more: Some(("/budget".into(), t.t("work.more").to_string())),
    })
}

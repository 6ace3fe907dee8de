//! The Board's review of progress reports (queries in `sql/report_reviews.rs`).

use crate::oversight_model::*;
use crate::{Store, StoreError};
use domain::{Actor, ItemId};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Accepts or returns the latest version of a report (Board, admin; never one's own
    /// version). A return notifies the report's unit with `new.notice` and the comment.
    /// A version newer than `new.opened_version`, or one already decided, is
    /// `StoreError::Review` with a conflict (`ReviewError::is_conflict`).
    pub async fn review_report(&self, new: &NewReview, actor: &Actor) -> R<ReportReview> {
        dispatch!(self, report_reviews::review_report(&self.ctx, new, actor))
    }

    /// Every decision on the reports of an item, oldest first.
    pub async fn item_report_reviews(&self, item: ItemId) -> R<Vec<ReportReview>> {
        self.memo("item_report_reviews", item.0, "", async {
            dispatch!(self, report_reviews::item_report_reviews(item))
        })
        .await
    }

    /// Every decision on the versions of a report (its first version's id), oldest first.
    pub async fn report_reviews(&self, report_id: i64) -> R<Vec<ReportReview>> {
        dispatch!(self, report_reviews::report_reviews(report_id))
    }
}

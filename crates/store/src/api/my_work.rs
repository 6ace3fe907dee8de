//! The home page's lists, "Việc của tôi" (queries in `sql/my_work.rs`).

use crate::oversight_model::*;
use crate::{Store, StoreError};
use domain::{Period, UnitId};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Open work items overlapping `period` with no report covering it: of `units` and
    /// reported by them, or (`None`) of any lead unit and reported by anyone. The first
    /// `limit`, counted up to `cap` (1 query).
    pub async fn items_to_report(
        &self,
        units: Option<&[UnitId]>,
        period: Period,
        limit: i64,
        cap: i64,
    ) -> R<Counted<WorkItem>> {
        dispatch!(self, my_work::items_to_report(units, period, limit, cap))
    }

    /// Reports of `units` whose latest version was returned, newest return first.
    pub async fn returned_reports(&self, units: &[UnitId], limit: i64) -> R<Vec<WorkReport>> {
        dispatch!(self, my_work::returned_reports(units, limit))
    }

    /// Latest versions filed since `since` (unix seconds) and not yet decided, the longest
    /// waiting first; counted up to `cap` (1 query).
    pub async fn reports_awaiting_review(
        &self,
        since: i64,
        limit: i64,
        cap: i64,
    ) -> R<Counted<WorkReport>> {
        dispatch!(self, my_work::reports_awaiting_review(since, limit, cap))
    }

    /// The newest grades of the items `units` lead or coordinate.
    pub async fn recent_grades(&self, units: &[UnitId], limit: i64) -> R<Vec<WorkGrade>> {
        dispatch!(self, my_work::recent_grades(units, limit))
    }
}

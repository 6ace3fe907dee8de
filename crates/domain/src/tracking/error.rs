//! [`TrackingError`]: why a tracking operation was refused, with its stable key and its
//! Vietnamese and English messages.

use super::{Conflict, Period};
use crate::vocab::ItemStatus;

/// Why a tracking operation was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrackingError {
    #[error("not allowed: {action}")]
    Forbidden { action: &'static str },
    #[error("status change {from} → {to} is not allowed")]
    Transition { from: ItemStatus, to: ItemStatus },
    #[error("the item already has status {0}")]
    SameStatus(ItemStatus),
    #[error("suspending or cancelling an item needs a reason")]
    ReasonRequired,
    #[error("unreadable period {0:?}: use 2025, 2025-H1, 2025-Q2 or 2025-06")]
    BadPeriod(String),
    #[error("period {period} is outside the plan ({first}–{last})")]
    PeriodOutsidePlan {
        period: Period,
        first: i32,
        last: i32,
    },
    #[error("percent must be between 0 and 100, got {0}")]
    PercentOutOfRange(String),
    #[error("a figure must be a number ≥ 0, got {0}")]
    NegativeFigure(String),
    #[error("figure for a target not on this item: {0}")]
    UnknownTarget(i64),
    #[error("the report needs text, difficulties, proposals, a percent or a figure")]
    EmptyReport,
    #[error("an item cannot move under itself or one of its own sub-items")]
    MoveUnderItself,
    #[error("the new parent is in another plan")]
    ParentInOtherPlan,
    /// A revised plan dropped the item: its records stay readable, nothing more is written.
    #[error("the item was removed by a revision of its plan")]
    RemovedByRevision,
    #[error(transparent)]
    Conflict(#[from] Conflict),
}

impl TrackingError {
    /// Stable key for translations.
    pub fn key(&self) -> &'static str {
        match self {
            TrackingError::Forbidden { .. } => "tracking.forbidden",
            TrackingError::Transition { .. } => "tracking.transition",
            TrackingError::SameStatus(_) => "tracking.same_status",
            TrackingError::ReasonRequired => "tracking.reason_required",
            TrackingError::BadPeriod(_) => "tracking.bad_period",
            TrackingError::PeriodOutsidePlan { .. } => "tracking.period_outside_plan",
            TrackingError::PercentOutOfRange(_) => "tracking.percent_range",
            TrackingError::NegativeFigure(_) => "tracking.negative_figure",
            TrackingError::UnknownTarget(_) => "tracking.unknown_target",
            TrackingError::EmptyReport => "tracking.empty_report",
            TrackingError::MoveUnderItself => "tracking.move_under_itself",
            TrackingError::ParentInOtherPlan => "tracking.parent_in_other_plan",
            TrackingError::RemovedByRevision => "tracking.removed",
            TrackingError::Conflict(_) => "tracking.conflict",
        }
    }
}

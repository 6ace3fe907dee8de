//! Tracking rules (issue 4): item status transitions and who may make them, reporting
//! periods, progress-report content, item dates and optimistic concurrency.
//!
//! Errors carry a stable key (`tracking.*`) and typed fields; the web layer words them.

mod conflict;
mod error;
mod item;
mod period;
mod permissions;
mod report;
pub mod state;
mod status;
mod tree;

pub use conflict::{Conflict, check_version};
pub use error::TrackingError;
pub use item::{DatesSource, item_dates, item_label, parse_person_line};
pub use period::Period;
pub use permissions::{check_change_units, check_edit_item, check_report};
pub use report::{Figure, Percent, ReportContent};
pub use state::{
    EffectiveUnits, ItemFacts, ItemState, ReportFact, Rollup, StatusChange, TreeNode,
    effective_units, end_of_day, is_overdue, plan_state, status_at,
};
pub use status::{
    allowed_statuses, asks_to_confirm_done, check_status_change, status_after_report,
};
pub use tree::{check_reparent, descendants};

#[cfg(test)]
mod state_tests;
#[cfg(test)]
mod tests;

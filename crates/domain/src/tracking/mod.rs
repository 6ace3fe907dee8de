//! Tracking rules (issue 4): item status transitions and who may make them, reporting
//! periods, progress-report content, item dates and optimistic concurrency.
//!
//! Errors carry a stable message key (`tracking.*`, for the web layer's i18n) and a
//! Vietnamese and English message of their own, so that tools without i18n stay clear.

mod conflict;
mod error;
mod item;
mod period;
mod permissions;
mod report;
mod status;

pub use conflict::{Conflict, check_version};
pub use error::TrackingError;
pub use item::{DatesSource, item_dates, item_label, parse_person_line};
pub use period::Period;
pub use permissions::{check_change_units, check_edit_item, check_report};
pub use report::{Figure, Percent, ReportContent};
pub use status::{allowed_statuses, check_status_change};

#[cfg(test)]
mod tests;

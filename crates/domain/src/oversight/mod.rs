//! Board oversight (issue 6): reminders (đôn đốc) and escalation, quality grades, the
//! review of progress reports (duyệt / trả lại), the period of a results report, and the
//! dashboard's figures. Pure: the scheduler and the pages hand in plain data and act on
//! what comes back.
//!
//! **Reminders.** A rule fires on a scheduled day: `Before(7)` on the due date minus 7
//! days, `EveryAfter(3)` on due + 3, due + 6, … Each item gets at most one reminder per
//! run: the one of its latest scheduled day up to today. A day missed while the server was
//! down is therefore caught up on the next run, and superseded by a later one rather than
//! sent in a burst. A reminder is identified by (item, rule, scheduled day); the database
//! holds that key UNIQUE, so it is never sent twice, whatever runs the scheduler.
//!
//! **Escalation.** After [`ReminderPolicy::escalate_after`] overdue reminders (those of
//! `EveryAfter` rules) on an item still open, it goes on the Board's list, once per due date.

use chrono::{DateTime, NaiveDate, Utc};

mod dashboard;
mod direction;
mod error;
mod grades;
mod pace;
mod periods;
mod reminders;
mod review;
mod rules;
mod work;

pub use crate::format::vietnam_offset;
pub use dashboard::{
    Band, DUE_SOON_DAYS, DashboardFigures, DashboardItem, TargetFigure, dashboard_figures,
};
pub use direction::{
    DirectionError, DirectionForm, DirectionInput, DirectionKind, FIRST_YEAR, MAX_NUMBER_CHARS,
    MAX_SUMMARY_CHARS, can_record_directions,
};
pub use error::OversightError;
pub use grades::{Grade, MAX_COMMENT_CHARS, check_comment, parse_grade};
pub use pace::{Behind, behind_pace, pace_year, year_share};
pub use periods::{
    check_report_period, default_report_period, latest_ended_report_period,
    official_report_periods, report_period_choices, report_period_within,
};
pub use reminders::{OpenItem, Reminder, SendKey, escalations_due, is_open, reminders_due};
pub use review::{
    ReviewDecision, ReviewError, ReviewState, ReviewSubject, can_review_reports, check_decision,
    check_review, may_review, review_state,
};
pub use rules::{DEFAULT_RULES, ReminderPolicy, ReminderRule, RuleKind, RuleParseError};
pub use work::{
    OPEN_STATUSES, REVIEW_HORIZON_DAYS, WorkView, current_period, due_soon_window, work_view,
};

/// The calendar day in Vietnam at `now`.
pub fn vietnam_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&vietnam_offset()).date_naive()
}

#[cfg(test)]
mod tests;

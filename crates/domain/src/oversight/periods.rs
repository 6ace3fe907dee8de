//! The period of a results report: a half-year, the first nine months or a year, the one
//! due around a day, and those to offer for a plan's years.

use super::OversightError;
use crate::tracking::Period;
use chrono::{Datelike, NaiveDate};

/// A results report covers a half-year, the first nine months or a year.
pub fn check_report_period(p: Period) -> Result<Period, OversightError> {
    match p {
        Period::Year(_) | Period::Half(..) | Period::NineMonths(_) => Ok(p),
        other => Err(OversightError::ReportPeriod(other.to_string())),
    }
}

/// The report due around `today`: the first half-year from May to September, the year
/// from October, and the previous year in January–April (year-end reports run late).
pub fn default_report_period(today: NaiveDate) -> Period {
    match today.month() {
        5..=9 => Period::Half(today.year(), 1),
        10..=12 => Period::Year(today.year()),
        _ => Period::Year(today.year() - 1),
    }
}

/// The report a plan opens on: the one due around `today` when its year lies within
/// `first..=last` (the plan's years), else the nearest that does: a past plan opens on
/// its last year's report, a plan not yet started on its first half-year.
pub fn report_period_within(first: i32, last: i32, today: NaiveDate) -> Period {
    let due = default_report_period(today);
    if due.year() > last {
        Period::Year(last)
    } else if due.year() < first {
        Period::Half(first, 1)
    } else {
        due
    }
}

/// Report periods to offer (the dashboard's picker, the Board's grades) for the years
/// `first..=last`: each year, its second half, its nine months and its first half, latest
/// end first. The nine months are there because the official report has them: its grades
/// and its figures must be the dashboard's for the same period.
pub fn report_period_choices(first: i32, last: i32) -> Vec<Period> {
    let mut out = Vec::new();
    for y in (first..=last).rev() {
        out.push(Period::Year(y));
        out.push(Period::Half(y, 2));
        out.push(Period::NineMonths(y));
        out.push(Period::Half(y, 1));
    }
    out
}

/// The periods a plan's results report is written for, in the years `first..=last`
/// (a yearly plan: its one year): 6 tháng, 9 tháng and năm, in that order.
pub fn official_report_periods(first: i32, last: i32) -> Vec<Period> {
    (first..=last)
        .flat_map(|y| [Period::Half(y, 1), Period::NineMonths(y), Period::Year(y)])
        .collect()
}

/// The report a plan's results report opens on as of `today`: the latest of
/// [`official_report_periods`] that has ended (its last day is before today), else the
/// first (a plan not yet half-way through its first year).
pub fn latest_ended_report_period(first: i32, last: i32, today: NaiveDate) -> Period {
    let periods = official_report_periods(first, last.max(first));
    periods
        .iter()
        .rev()
        .find(|p| p.end() < today)
        .or(periods.first())
        .copied()
        .unwrap_or(Period::Year(first))
}

//! A target behind the pace its year implies ("chỉ tiêu có nguy cơ không đạt"): a yearly
//! minimum is expected pro rata to the days of the year gone by, in whole units. 20
//! sessions a year ask for 9 by 30/06 (181 of 365 days: 9.9); 12 keep pace, 8 are behind. The Board's home page and the results report ask this one rule.

use super::TargetFigure;
use chrono::{Datelike, NaiveDate};

/// A target behind its pace at a date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Behind {
    /// The figure so far (0 when nothing was recorded or reported).
    pub actual: f64,
    /// What the pace asks for by the date: the minimum's share of the year gone by,
    /// in whole units.
    pub expected: f64,
    /// The minimum for the year.
    pub min: f64,
}

/// The share of `year` gone by at the end of `as_of`: 0 before it starts, 1 from its
/// last day.
pub fn year_share(year: i32, as_of: NaiveDate) -> f64 {
    let (Some(first), Some(next)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return 0.0;
    };
    if as_of < first {
        return 0.0;
    }
    let days = (next - first).num_days() as f64;
    let gone = ((as_of - first).num_days() + 1) as f64;
    (gone / days).min(1.0)
}

/// Whether the target is behind the pace of `year` at `as_of`. None when it has no
/// minimum, the year has not begun, or the figure keeps pace (a figure at or above the
/// minimum always does).
pub fn behind_pace(t: &TargetFigure, year: i32, as_of: NaiveDate) -> Option<Behind> {
    let min = t.min.filter(|m| *m > 0.0)?;
    let actual = t.actual.unwrap_or(0.0);
    let expected = (min * year_share(year, as_of)).floor();
    (actual < expected && actual < min).then_some(Behind {
        actual,
        expected,
        min,
    })
}

/// The year a date's pace is measured in: the plan's own, else the date's.
pub fn pace_year(plan_year: Option<i32>, as_of: NaiveDate) -> i32 {
    plan_year.unwrap_or(as_of.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fig(min: Option<f64>, actual: Option<f64>) -> TargetFigure {
        TargetFigure {
            min,
            max: None,
            actual,
        }
    }

    #[test]
    fn the_pace_is_the_minimums_share_of_the_year_gone_by() {
        assert_eq!(year_share(2025, d(2024, 12, 31)), 0.0);
        assert_eq!(year_share(2025, d(2025, 12, 31)), 1.0);
        assert_eq!(year_share(2025, d(2026, 3, 1)), 1.0);
        assert!((year_share(2025, d(2025, 6, 30)) - 181.0 / 365.0).abs() < 1e-9);
        // 20 sessions a year: 9 expected by 30/06 (9.9), 14 by 30/09 (14.96).
        let at_half = behind_pace(&fig(Some(20.0), Some(8.0)), 2025, d(2025, 6, 30)).unwrap();
        assert_eq!(at_half.expected, 9.0);
        assert_eq!(at_half.min, 20.0);
        assert!(behind_pace(&fig(Some(20.0), Some(12.0)), 2025, d(2025, 6, 30)).is_none());
        assert_eq!(
            behind_pace(&fig(Some(20.0), Some(12.0)), 2025, d(2025, 9, 30)).map(|b| b.expected),
            Some(14.0)
        );
    }

    #[test]
    fn nothing_recorded_counts_as_zero_and_no_minimum_is_never_behind() {
        let pages = behind_pace(&fig(Some(30.0), None), 2025, d(2025, 6, 30)).unwrap();
        assert_eq!((pages.actual, pages.expected), (0.0, 14.0));
        assert!(behind_pace(&fig(None, Some(0.0)), 2025, d(2025, 6, 30)).is_none());
        assert!(behind_pace(&fig(Some(2.0), None), 2025, d(2025, 1, 10)).is_none());
        // At the year's end the pace is the minimum: below it is behind.
        assert!(behind_pace(&fig(Some(3.0), Some(2.0)), 2025, d(2025, 12, 31)).is_some());
        assert!(behind_pace(&fig(Some(3.0), Some(3.0)), 2025, d(2025, 12, 31)).is_none());
    }
}

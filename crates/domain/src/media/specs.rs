//! A work's specifications as typed in a form: its duration ("14:30", "14 phút",
//! "1:02:05") and whole counts (pages, print run: "1.000").

use super::MediaError;
use serde::{Deserialize, Serialize};

/// The longest page count accepted: a magazine or a book, not a typo.
pub const MAX_PAGES: i64 = 10_000;
/// The largest print run accepted.
pub const MAX_PRINT_RUN: i64 = 10_000_000;
/// Ten hours: nothing the plan commissions runs longer.
const MAX_SECONDS: i64 = 10 * 3600;

/// A duration in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Duration(i64);

impl Duration {
    pub fn from_seconds(s: i64) -> Option<Duration> {
        (1..=MAX_SECONDS).contains(&s).then_some(Duration(s))
    }

    pub fn seconds(self) -> i64 {
        self.0
    }

    /// In minutes, as a counting rule sums them: 14 min 30 s is 14.5.
    pub fn minutes(self) -> f64 {
        self.0 as f64 / 60.0
    }

    /// "14:30", or "1:02:05" from an hour on: what the form shows and reads back.
    pub fn text(self) -> String {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if h > 0 {
            format!("{h}:{m:02}:{s:02}")
        } else {
            format!("{m}:{s:02}")
        }
    }
}

/// Reads a duration: "mm:ss", "h:mm:ss", or minutes alone ("14", "14 phút", "14p",
/// "14 min"). Empty is None.
pub fn parse_duration(text: &str) -> Result<Option<Duration>, MediaError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || MediaError::BadDuration(t.to_string());
    let seconds = if t.contains(':') {
        let parts: Vec<i64> = t
            .split(':')
            .map(|p| p.trim().parse::<i64>().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        match parts[..] {
            [m, s] if s < 60 => m * 60 + s,
            [h, m, s] if m < 60 && s < 60 => h * 3600 + m * 60 + s,
            _ => return Err(bad()),
        }
    } else {
        let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let rest = vntext::text::fold(&t[digits_end..]);
        if digits_end == 0 || !["", "phut", "p", "min", "minutes", "'"].contains(&rest.trim()) {
            return Err(bad());
        }
        t[..digits_end].parse::<i64>().map_err(|_| bad())? * 60
    };
    Duration::from_seconds(seconds).map(Some).ok_or_else(bad)
}

/// Reads a whole count (pages, print run) up to `max`: "40", "1.000", "1 000". Empty is
/// None; 0, negatives, fractions and text are refused.
pub fn parse_count(text: &str, max: i64) -> Result<Option<i64>, MediaError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || MediaError::BadCount {
        value: t.to_string(),
        max,
    };
    let digits: String = t.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let n: i64 = digits.parse().map_err(|_| bad())?;
    (1..=max).contains(&n).then_some(Some(n)).ok_or_else(bad)
}

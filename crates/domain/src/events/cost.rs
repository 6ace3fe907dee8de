//! [`Dong`]: an estimated cost in whole đồng, as typed and as stored.

use super::EventError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The largest amount accepted: 10^15 đồng, far above any plan's budget; a typo of many
/// digits (9.2 × 10^18 was accepted) is refused rather than summed into totals.
pub const MAX_DONG: i64 = 1_000_000_000_000_000;

/// An amount in whole đồng, never negative, at most [`MAX_DONG`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Dong(i64);

impl Dong {
    pub fn new(v: i64) -> Result<Dong, EventError> {
        if !(0..=MAX_DONG).contains(&v) {
            Err(EventError::BadCost(v.to_string()))
        } else {
            Ok(Dong(v))
        }
    }
    pub fn get(self) -> i64 {
        self.0
    }
}

impl FromStr for Dong {
    type Err = EventError;
    /// "1.234.567", "1 234 567 ₫", "1234567đ": dots and spaces group thousands; no
    /// fractions, no sign.
    fn from_str(s: &str) -> Result<Dong, EventError> {
        let bad = || EventError::BadCost(s.trim().to_string());
        let t = s
            .trim()
            .trim_end_matches(['₫', 'đ', 'Đ'])
            .trim_end()
            .trim_end_matches("VND");
        if t.trim_start().starts_with(['-', '+']) {
            return Err(bad());
        }
        match crate::typed::parse_whole(t) {
            Ok(Some(v)) => Dong::new(v).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

impl TryFrom<i64> for Dong {
    type Error = EventError;
    fn try_from(v: i64) -> Result<Dong, EventError> {
        Dong::new(v)
    }
}

impl From<Dong> for i64 {
    fn from(d: Dong) -> i64 {
        d.0
    }
}

impl fmt::Display for Dong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::format_vnd(self.0))
    }
}

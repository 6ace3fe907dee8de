//! [`Amount`]: whole đồng as typed and as stored, and the arithmetic of a line.

use super::BudgetError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest amount of one line or one estimate: 10^15 đồng, above any plan's budget
/// (a city's whole-year budget is around 10^14). What is beyond is a typo, refused rather
/// than summed into totals; and a sum of many bounded lines stays far inside i64.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// The largest quantity of a line (people, days, copies, hours).
pub const MAX_QUANTITY: i64 = 1_000_000;

/// Whole đồng, 0 ≤ amount ≤ [`MAX_AMOUNT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Amount(i64);

impl Amount {
    pub const ZERO: Amount = Amount(0);

    pub fn new(v: i64) -> Result<Amount, BudgetError> {
        if v < 0 {
            Err(BudgetError::NegativeAmount(v.to_string()))
        } else if v > MAX_AMOUNT {
            Err(BudgetError::AmountTooLarge(
                vntext::format::group_thousands(v),
            ))
        } else {
            Ok(Amount(v))
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }

    /// What a person typed: "1.500.000", "1 500 000 ₫", "1500000đ". Dots and spaces group
    /// thousands and are read exactly (never through a float); a sign, a fraction, a
    /// letter or more than [`MAX_AMOUNT`] is refused, each with its own reason.
    pub fn parse(s: &str) -> Result<Amount, BudgetError> {
        let shown = s.trim().to_string();
        let digits = whole_digits(s).map_err(|negative| {
            if negative {
                BudgetError::NegativeAmount(shown.clone())
            } else {
                BudgetError::BadAmount(shown.clone())
            }
        })?;
        let v = exact(&digits).ok_or_else(|| BudgetError::AmountTooLarge(shown.clone()))?;
        Amount::new(v).map_err(|_| BudgetError::AmountTooLarge(shown))
    }

    /// quantity × unit price, refused when it leaves the bound (checked, never wrapping).
    pub fn times(self, quantity: i64) -> Result<Amount, BudgetError> {
        self.0
            .checked_mul(quantity)
            .filter(|v| *v <= MAX_AMOUNT)
            .map(Amount)
            .ok_or(BudgetError::LineTooLarge)
    }
}

/// The sum of amounts, refused above [`MAX_AMOUNT`].
pub fn total(amounts: impl IntoIterator<Item = Amount>) -> Result<Amount, BudgetError> {
    amounts
        .into_iter()
        .try_fold(0i64, |sum, a| {
            sum.checked_add(a.0).filter(|v| *v <= MAX_AMOUNT)
        })
        .map(Amount)
        .ok_or(BudgetError::TotalTooLarge)
}

/// A quantity as typed: a whole number from 1 to [`MAX_QUANTITY`] ("1.000" is a thousand).
pub fn parse_quantity(s: &str) -> Result<i64, BudgetError> {
    let shown = s.trim().to_string();
    let bad = || BudgetError::BadQuantity(shown.clone());
    let digits = whole_digits(s).map_err(|_| bad())?;
    exact(&digits)
        .filter(|q| (1..=MAX_QUANTITY).contains(q))
        .ok_or_else(bad)
}

/// The digits of a whole number as typed, grouping removed. `Err(true)`: it has a minus
/// sign; `Err(false)`: it does not read as a whole number.
fn whole_digits(s: &str) -> Result<String, bool> {
    let t = s
        .trim()
        .trim_end_matches(['₫', 'đ', 'Đ'])
        .trim_end()
        .trim_end_matches("VND")
        .trim();
    if t.starts_with(['-', '−']) {
        return Err(true);
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let groups: Vec<&str> = t.split(['.', ' ', '\u{a0}']).collect();
    let grouped = groups.len() > 1;
    let well_grouped = groups.iter().enumerate().all(|(i, g)| {
        !g.is_empty()
            && g.bytes().all(|b| b.is_ascii_digit())
            && (!grouped || if i == 0 { g.len() <= 3 } else { g.len() == 3 })
    });
    if well_grouped {
        Ok(groups.concat())
    } else {
        Err(false)
    }
}

/// Digits to i64 without wrapping; None beyond i64.
fn exact(digits: &str) -> Option<i64> {
    digits.bytes().try_fold(0i64, |v, b| {
        v.checked_mul(10)?.checked_add(i64::from(b - b'0'))
    })
}

impl TryFrom<i64> for Amount {
    type Error = BudgetError;
    fn try_from(v: i64) -> Result<Amount, BudgetError> {
        Amount::new(v)
    }
}

impl From<Amount> for i64 {
    fn from(a: Amount) -> i64 {
        a.0
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&vntext::format::format_vnd(self.0))
    }
}

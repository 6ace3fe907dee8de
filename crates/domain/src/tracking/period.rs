//! [`Period`]: a reporting period (year, half-year, quarter or month), as typed, shown and
//! stored.

use super::TrackingError;
use crate::vocab::Language;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A reporting period: a month, quarter, half-year, the first nine months ("9 tháng", a
/// results report's usual interim period) or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Month(i32, u8),
    /// January to September: written `2025-9M`.
    NineMonths(i32),
}

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y)
            | Period::Half(y, _)
            | Period::Quarter(y, _)
            | Period::Month(y, _)
            | Period::NineMonths(y) => y,
        }
    }

    /// "year", "half", "quarter", "month" or "nine_months".
    pub fn kind(self) -> &'static str {
        match self {
            Period::Year(_) => "year",
            Period::NineMonths(_) => "nine_months",
            Period::Half(..) => "half",
            Period::Quarter(..) => "quarter",
            Period::Month(..) => "month",
        }
    }

    fn months(self) -> (u32, u32) {
        match self {
            Period::Year(_) => (1, 12),
            Period::Half(_, h) => (u32::from(h) * 6 - 5, u32::from(h) * 6),
            Period::Quarter(_, q) => (u32::from(q) * 3 - 2, u32::from(q) * 3),
            Period::Month(_, m) => (u32::from(m), u32::from(m)),
            Period::NineMonths(_) => (1, 9),
        }
    }

    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.months().0, 1).expect("valid period")
    }

    pub fn end(self) -> NaiveDate {
        let (y, last) = (self.year(), self.months().1);
        let next = if last == 12 {
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(y, last + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).expect("valid period")
    }

    /// Every period of the years `first..=last`, for a report form: each year, then its
    /// halves, quarters and months.
    pub fn choices(first: i32, last: i32) -> Vec<Period> {
        let mut out = Vec::new();
        for y in first..=last {
            out.push(Period::Year(y));
            out.extend((1..=2).map(|h| Period::Half(y, h)));
            out.extend((1..=4).map(|q| Period::Quarter(y, q)));
            out.extend((1..=12).map(|m| Period::Month(y, m)));
        }
        out
    }

    /// Whether `date` falls within the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The period a progress report form opens on for a plan spanning `first..=last`:
    /// today's quarter while the plan runs, its last year once it is over, its first
    /// quarter before it starts.
    pub fn progress_default(first: i32, last: i32, today: chrono::NaiveDate) -> Period {
        use chrono::Datelike;
        let y = today.year();
        if y > last {
            Period::Year(last)
        } else if y < first {
            Period::Quarter(first, 1)
        } else {
            Period::Quarter(y, ((today.month() - 1) / 3 + 1) as u8)
        }
    }

    /// Refuses a period outside the plan's years (`first..=last`).
    pub fn check_within(self, first: i32, last: i32) -> Result<(), TrackingError> {
        if (first..=last).contains(&self.year()) {
            Ok(())
        } else {
            Err(TrackingError::PeriodOutsidePlan {
                period: self,
                first,
                last,
            })
        }
    }

    pub fn label(self, lang: Language) -> String {
        match (self, lang) {
            (Period::Year(y), Language::Vi) => format!("năm {y}"),
            (Period::Half(y, 1), Language::Vi) => format!("6 tháng đầu năm {y}"),
            (Period::Half(y, _), Language::Vi) => format!("6 tháng cuối năm {y}"),
            (Period::Quarter(y, q), Language::Vi) => format!("quý {q}/{y}"),
            (Period::Month(y, m), Language::Vi) => format!("tháng {m}/{y}"),
            (Period::NineMonths(y), Language::Vi) => format!("9 tháng năm {y}"),
            (Period::NineMonths(y), Language::En) => format!("first nine months of {y}"),
            (Period::Year(y), Language::En) => format!("year {y}"),
            (Period::Half(y, h), Language::En) => format!("H{h} {y}"),
            (Period::Quarter(y, q), Language::En) => format!("Q{q} {y}"),
            (Period::Month(y, m), Language::En) => {
                let d = NaiveDate::from_ymd_opt(y, u32::from(m), 1).expect("valid month");
                d.format("%B %Y").to_string()
            }
        }
    }
}

impl FromStr for Period {
    type Err = TrackingError;
    fn from_str(s: &str) -> Result<Self, TrackingError> {
        let bad = || TrackingError::BadPeriod(s.to_string());
        let t = s.trim().to_ascii_uppercase();
        let (y, rest) = t
            .split_once('-')
            .map_or((t.as_str(), None), |(a, b)| (a, Some(b)));
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let num = |r: &str, max: u8| -> Result<u8, TrackingError> {
            if r.is_empty() || r.len() > 2 || !r.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let n: u8 = r.parse().map_err(|_| bad())?;
            if (1..=max).contains(&n) {
                Ok(n)
            } else {
                Err(bad())
            }
        };
        match rest {
            None => Ok(Period::Year(year)),
            Some("9M") => Ok(Period::NineMonths(year)),
            Some(r) if r.starts_with('H') => Ok(Period::Half(year, num(&r[1..], 2)?)),
            Some(r) if r.starts_with('Q') => Ok(Period::Quarter(year, num(&r[1..], 4)?)),
            Some(r) if r.len() == 2 => Ok(Period::Month(year, num(r, 12)?)),
            Some(_) => Err(bad()),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
            Period::NineMonths(y) => write!(f, "{y}-9M"),
        }
    }
}

impl TryFrom<String> for Period {
    type Error = TrackingError;
    fn try_from(s: String) -> Result<Self, TrackingError> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

//! Reminder rules: when one fires relative to an item's due date ([`RuleKind`]), the
//! stored rules, the department's defaults and the [`ReminderPolicy`].

use crate::vocab::Language;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// When a reminder rule fires, relative to an item's due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "days", rename_all = "snake_case")]
pub enum RuleKind {
    /// `days` before the due date (0: on the day).
    Before(u32),
    /// Every `days` days after the due date, while the item is open.
    EveryAfter(u32),
}

impl RuleKind {
    /// Stable code: `before:7`, `every_after:3`.
    pub fn code(self) -> String {
        match self {
            RuleKind::Before(d) => format!("before:{d}"),
            RuleKind::EveryAfter(d) => format!("every_after:{d}"),
        }
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, RuleKind::EveryAfter(_))
    }

    pub fn label(self, lang: Language) -> String {
        match (self, lang) {
            (RuleKind::Before(0), Language::Vi) => "Vào ngày đến hạn".into(),
            (RuleKind::Before(d), Language::Vi) => format!("Trước hạn {d} ngày"),
            (RuleKind::EveryAfter(d), Language::Vi) => format!("Quá hạn: mỗi {d} ngày"),
            (RuleKind::Before(0), Language::En) => "On the due date".into(),
            (RuleKind::Before(d), Language::En) => format!("{d} days before the due date"),
            (RuleKind::EveryAfter(d), Language::En) => format!("Overdue: every {d} days"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unreadable reminder rule {0:?}: use before:N (N ≥ 0) or every_after:N (N ≥ 1)")]
pub struct RuleParseError(pub String);

impl FromStr for RuleKind {
    type Err = RuleParseError;
    fn from_str(s: &str) -> Result<Self, RuleParseError> {
        let bad = || RuleParseError(s.to_string());
        let (kind, days) = s.trim().split_once(':').ok_or_else(bad)?;
        let days: u32 = days.trim().parse().map_err(|_| bad())?;
        if days > 366 {
            return Err(bad());
        }
        match kind.trim() {
            "before" => Ok(RuleKind::Before(days)),
            "every_after" if days >= 1 => Ok(RuleKind::EveryAfter(days)),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// A stored rule: its database id and when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReminderRule {
    pub id: i64,
    pub kind: RuleKind,
}

/// The department's practice: 7, 3 and 1 days before, every 3 days after.
pub const DEFAULT_RULES: [RuleKind; 4] = [
    RuleKind::Before(7),
    RuleKind::Before(3),
    RuleKind::Before(1),
    RuleKind::EveryAfter(3),
];

/// How reminders and escalation behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderPolicy {
    /// Overdue reminders on an item before it goes to the Board.
    pub escalate_after: u32,
    /// Items overdue by more than this many days are left to the Board's list: a database
    /// holding past years' plans does not wake up to thousands of reminders.
    pub overdue_horizon_days: u32,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        ReminderPolicy {
            escalate_after: 3,
            overdue_horizon_days: 90,
        }
    }
}

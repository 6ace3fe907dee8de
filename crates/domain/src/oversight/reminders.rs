//! Reminders to send today and items to escalate to the Board, from the items, the rules
//! and what was already sent (the schedule itself is told in [`crate::oversight`]'s doc).

use super::{ReminderPolicy, ReminderRule, RuleKind};
use crate::ids::{ItemId, UnitId};
use crate::vocab::ItemStatus;
use chrono::{Days, NaiveDate};
use std::collections::{HashMap, HashSet};

/// An item as the scheduler sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    pub item: ItemId,
    pub due: Option<NaiveDate>,
    pub status: ItemStatus,
    /// The units to remind (the lead units in effect).
    pub units: Vec<UnitId>,
}

/// Whether an item still needs work: not completed, not suspended or cancelled.
pub fn is_open(status: ItemStatus) -> bool {
    !matches!(status, ItemStatus::Done | ItemStatus::Suspended)
}

/// The identity of a reminder send: the database's UNIQUE key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SendKey {
    pub item: ItemId,
    pub rule_id: i64,
    /// The scheduled day.
    pub day: NaiveDate,
}

/// A reminder to send now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub key: SendKey,
    pub kind: RuleKind,
    pub due: NaiveDate,
    /// Days from `due` to the scheduled day: negative before, positive overdue.
    pub offset_days: i64,
    pub units: Vec<UnitId>,
}

impl Reminder {
    pub fn is_overdue(&self) -> bool {
        self.kind.is_overdue()
    }
}

/// The latest scheduled day of `kind` for `due` that is on or before `today`, if any.
fn latest_day(kind: RuleKind, due: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    match kind {
        RuleKind::Before(d) => {
            let day = due.checked_sub_days(Days::new(u64::from(d)))?;
            (day <= today && today <= due).then_some(day)
        }
        RuleKind::EveryAfter(every) => {
            let over = (today - due).num_days();
            if over < i64::from(every) {
                return None;
            }
            let steps = over / i64::from(every);
            due.checked_add_days(Days::new((steps * i64::from(every)) as u64))
        }
    }
}

/// The reminders to send `today`: for each open item with a due date and a unit, the rule
/// whose latest scheduled day (≤ today) is the most recent, unless that send is in `sent`.
/// Sorted by item. On a tie (two rules on one day) the overdue rule, then the lower id, wins.
pub fn reminders_due(
    today: NaiveDate,
    items: &[OpenItem],
    rules: &[ReminderRule],
    sent: &HashSet<SendKey>,
    policy: &ReminderPolicy,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    for it in items {
        let Some(due) = it.due else { continue };
        if !is_open(it.status) || it.units.is_empty() {
            continue;
        }
        if (today - due).num_days() > i64::from(policy.overdue_horizon_days) {
            continue;
        }
        let best = rules
            .iter()
            .filter_map(|r| latest_day(r.kind, due, today).map(|d| (d, r)))
            .max_by(|(da, ra), (db, rb)| {
                da.cmp(db)
                    .then(ra.kind.is_overdue().cmp(&rb.kind.is_overdue()))
                    .then(rb.id.cmp(&ra.id))
            });
        let Some((day, rule)) = best else { continue };
        let key = SendKey {
            item: it.item,
            rule_id: rule.id,
            day,
        };
        if sent.contains(&key) {
            continue;
        }
        out.push(Reminder {
            key,
            kind: rule.kind,
            due,
            offset_days: (day - due).num_days(),
            units: it.units.clone(),
        });
    }
    out.sort_by_key(|r| r.key);
    out
}

/// Items to escalate: open, overdue, with at least `policy.escalate_after` overdue
/// reminders sent for their current due date, and not escalated for it yet.
/// `overdue_sent` counts those reminders per (item, due date).
pub fn escalations_due(
    today: NaiveDate,
    items: &[OpenItem],
    overdue_sent: &HashMap<(ItemId, NaiveDate), u32>,
    escalated: &HashSet<(ItemId, NaiveDate)>,
    policy: &ReminderPolicy,
) -> Vec<(ItemId, NaiveDate)> {
    let mut out: Vec<(ItemId, NaiveDate)> = items
        .iter()
        .filter(|it| is_open(it.status))
        .filter_map(|it| it.due.filter(|d| *d < today).map(|d| (it.item, d)))
        .filter(|k| overdue_sent.get(k).copied().unwrap_or(0) >= policy.escalate_after)
        .filter(|k| !escalated.contains(k))
        .collect();
    out.sort();
    out
}

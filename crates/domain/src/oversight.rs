//! Board oversight (issue 6): reminders (đôn đốc) and escalation, quality grades, the
//! period of a results report, and the dashboard's figures. Pure: the scheduler and the
//! pages hand in plain data and act on what comes back.
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

use crate::counting::{Attainment, attainment};
use crate::ids::{ItemId, UnitId};
use crate::tracking::Period;
use crate::vocab::{ItemStatus, Language};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

pub use crate::format::vietnam_offset;

/// The calendar day in Vietnam at `now`.
pub fn vietnam_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&vietnam_offset()).date_naive()
}

// ---- rules ------------------------------------------------------------------------------

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

/// The reminder's subject line, in Vietnamese first (e-mail and the notification list).
pub fn reminder_subject(r: &Reminder, item_label: &str, lang: Language) -> String {
    let due = crate::format::format_date(r.due);
    match (lang, r.offset_days) {
        (Language::Vi, d) if d < 0 => {
            format!("[Đôn đốc] Còn {} ngày đến hạn ({due}): {item_label}", -d)
        }
        (Language::Vi, 0) => format!("[Đôn đốc] Hôm nay đến hạn ({due}): {item_label}"),
        (Language::Vi, d) => format!("[Đôn đốc] Quá hạn {d} ngày (hạn {due}): {item_label}"),
        (Language::En, d) if d < 0 => {
            format!("[Reminder] Due in {} days ({due}): {item_label}", -d)
        }
        (Language::En, 0) => format!("[Reminder] Due today ({due}): {item_label}"),
        (Language::En, d) => format!("[Reminder] {d} days overdue (due {due}): {item_label}"),
    }
}

// ---- quality grades ------------------------------------------------------------------

/// The Board's quality grade for an item in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Tốt.
    Good,
    /// Khá.
    Fair,
    /// Trung bình.
    Average,
    /// Chưa đạt.
    Poor,
}

impl Grade {
    pub const ALL: &'static [Grade] = &[Grade::Good, Grade::Fair, Grade::Average, Grade::Poor];

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Good => "good",
            Grade::Fair => "fair",
            Grade::Average => "average",
            Grade::Poor => "poor",
        }
    }

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Grade::Good, Language::Vi) => "Tốt",
            (Grade::Fair, Language::Vi) => "Khá",
            (Grade::Average, Language::Vi) => "Trung bình",
            (Grade::Poor, Language::Vi) => "Chưa đạt",
            (Grade::Good, Language::En) => "Good",
            (Grade::Fair, Language::En) => "Fair",
            (Grade::Average, Language::En) => "Average",
            (Grade::Poor, Language::En) => "Not achieved",
        }
    }
}

impl FromStr for Grade {
    type Err = crate::vocab::ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Grade::ALL
            .iter()
            .copied()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| crate::vocab::ParseError {
                what: "grade",
                code: s.to_string(),
            })
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an oversight action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OversightError {
    #[error("not allowed: {0}")]
    Forbidden(&'static str),
    #[error("a results report covers a half-year or a year, not {0}")]
    ReportPeriod(String),
    #[error("unknown grade {0:?}")]
    BadGrade(String),
    #[error("the comment is longer than {max} characters")]
    CommentTooLong { max: usize },
}

impl OversightError {
    pub fn key(&self) -> &'static str {
        match self {
            OversightError::Forbidden(_) => "oversight.forbidden",
            OversightError::ReportPeriod(_) => "oversight.report_period",
            OversightError::BadGrade(_) => "oversight.bad_grade",
            OversightError::CommentTooLong { .. } => "oversight.comment_too_long",
        }
    }

    pub fn message(&self, lang: Language) -> String {
        match (self, lang) {
            (_, Language::En) => self.to_string(),
            (OversightError::Forbidden(_), _) => {
                "Bạn không có quyền thực hiện thao tác này.".into()
            }
            (OversightError::ReportPeriod(p), _) => {
                format!("Báo cáo kết quả lập cho 6 tháng hoặc cả năm, không cho kỳ “{p}”.")
            }
            (OversightError::BadGrade(g), _) => format!("Mức đánh giá “{g}” không hợp lệ."),
            (OversightError::CommentTooLong { max }, _) => {
                format!("Nhận xét dài quá {max} ký tự.")
            }
        }
    }
}

/// Longest evaluation comment kept.
pub const MAX_COMMENT_CHARS: usize = 4000;

/// Reads a grade from a form.
pub fn parse_grade(s: &str) -> Result<Grade, OversightError> {
    s.trim()
        .parse()
        .map_err(|_| OversightError::BadGrade(s.to_string()))
}

/// Checks an evaluation comment's length (characters, not bytes).
pub fn check_comment(s: &str) -> Result<(), OversightError> {
    if s.chars().count() > MAX_COMMENT_CHARS {
        Err(OversightError::CommentTooLong {
            max: MAX_COMMENT_CHARS,
        })
    } else {
        Ok(())
    }
}

// ---- report periods ------------------------------------------------------------------

/// A results report covers a half-year or a year.
pub fn check_report_period(p: Period) -> Result<Period, OversightError> {
    match p {
        Period::Year(_) | Period::Half(..) => Ok(p),
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

/// Report periods to offer for the years `first..=last`: each year, then its halves,
/// newest first.
pub fn report_period_choices(first: i32, last: i32) -> Vec<Period> {
    let mut out = Vec::new();
    for y in (first..=last).rev() {
        out.push(Period::Year(y));
        out.push(Period::Half(y, 2));
        out.push(Period::Half(y, 1));
    }
    out
}

// ---- dashboard figures ---------------------------------------------------------------

/// A target's min–max and actual.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetFigure {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub actual: Option<f64>,
}

/// Where a target stands, with "nothing reported" kept apart from "below".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    NoData,
    Below,
    Within,
    Above,
}

impl Band {
    pub const ALL: &'static [Band] = &[Band::Within, Band::Above, Band::Below, Band::NoData];

    pub fn of(t: &TargetFigure) -> Band {
        match t.actual {
            None => Band::NoData,
            Some(a) => match attainment(a, t.min, t.max) {
                Attainment::Below => Band::Below,
                Attainment::Above => Band::Above,
                Attainment::Within | Attainment::Unbounded => Band::Within,
            },
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::NoData => "no_data",
            Band::Below => "below",
            Band::Within => "within",
            Band::Above => "above",
        }
    }

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Band::NoData, Language::Vi) => "Chưa có số liệu",
            (Band::Below, Language::Vi) => "Chưa đạt",
            (Band::Within, Language::Vi) => "Đạt",
            (Band::Above, Language::Vi) => "Vượt",
            (Band::NoData, Language::En) => "No figures yet",
            (Band::Below, Language::En) => "Below",
            (Band::Within, Language::En) => "Within",
            (Band::Above, Language::En) => "Above",
        }
    }
}

/// One item as the dashboard sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardItem {
    pub item: ItemId,
    pub status: ItemStatus,
    pub due: Option<NaiveDate>,
    pub targets: Vec<TargetFigure>,
}

/// What the dashboard shows at a glance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DashboardFigures {
    pub total: usize,
    /// In `ItemStatus::ALL` order, zeros included.
    pub by_status: Vec<(ItemStatus, usize)>,
    /// Open items past their due date, most overdue first.
    pub overdue: Vec<ItemId>,
    /// Open items due within `soon_days`, soonest first.
    pub due_soon: Vec<ItemId>,
    /// Targets per band, in `Band::ALL` order.
    pub bands: Vec<(Band, usize)>,
    /// Share of items completed, 0–100 (rounded down).
    pub done_percent: u8,
}

/// Days ahead that count as "due soon".
pub const DUE_SOON_DAYS: u64 = 14;

pub fn dashboard_figures(today: NaiveDate, items: &[DashboardItem]) -> DashboardFigures {
    let mut by_status: Vec<(ItemStatus, usize)> = ItemStatus::ALL.iter().map(|s| (*s, 0)).collect();
    let mut bands: Vec<(Band, usize)> = Band::ALL.iter().map(|b| (*b, 0)).collect();
    let soon_end = today
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(today);
    let mut overdue = Vec::new();
    let mut soon = Vec::new();
    for it in items {
        if let Some(slot) = by_status.iter_mut().find(|(s, _)| *s == it.status) {
            slot.1 += 1;
        }
        for t in &it.targets {
            let b = Band::of(t);
            if let Some(slot) = bands.iter_mut().find(|(x, _)| *x == b) {
                slot.1 += 1;
            }
        }
        if let (Some(due), true) = (it.due, is_open(it.status)) {
            if due < today {
                overdue.push((due, it.item));
            } else if due <= soon_end {
                soon.push((due, it.item));
            }
        }
    }
    overdue.sort();
    soon.sort();
    let done = by_status
        .iter()
        .find(|(s, _)| *s == ItemStatus::Done)
        .map_or(0, |x| x.1);
    DashboardFigures {
        total: items.len(),
        by_status,
        overdue: overdue.into_iter().map(|x| x.1).collect(),
        due_soon: soon.into_iter().map(|x| x.1).collect(),
        bands,
        done_percent: (done * 100).checked_div(items.len()).unwrap_or(0) as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_plan_opens_on_its_own_years_report_whatever_today_is() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        // Viewed during its year: the report due now.
        assert_eq!(
            report_period_within(2025, 2025, d(2025, 6, 15)),
            Period::Half(2025, 1)
        );
        assert_eq!(
            report_period_within(2025, 2025, d(2025, 11, 2)),
            Period::Year(2025)
        );
        // The year after: its year-end report, in January as in December.
        assert_eq!(
            report_period_within(2025, 2025, d(2026, 2, 1)),
            Period::Year(2025)
        );
        assert_eq!(
            report_period_within(2025, 2025, d(2026, 12, 2)),
            Period::Year(2025)
        );
        assert_eq!(
            report_period_within(2025, 2025, d(2030, 7, 1)),
            Period::Year(2025)
        );
        // Before it starts: its first half-year.
        assert_eq!(
            report_period_within(2025, 2025, d(2024, 10, 1)),
            Period::Half(2025, 1)
        );
        // January–April of the plan's year: last year's report would be outside the plan.
        assert_eq!(
            report_period_within(2025, 2025, d(2025, 2, 1)),
            Period::Half(2025, 1)
        );
        // A plan running over two years follows today while inside them.
        assert_eq!(
            report_period_within(2025, 2026, d(2026, 6, 1)),
            Period::Half(2026, 1)
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules() -> Vec<ReminderRule> {
        DEFAULT_RULES
            .iter()
            .enumerate()
            .map(|(i, k)| ReminderRule {
                id: i as i64 + 1,
                kind: *k,
            })
            .collect()
    }

    fn item(id: i64, due: NaiveDate, status: ItemStatus) -> OpenItem {
        OpenItem {
            item: ItemId(id),
            due: Some(due),
            status,
            units: vec![UnitId(1)],
        }
    }

    /// Runs the scheduler day by day, recording sends, and returns (day, rule code).
    fn simulate(due: NaiveDate, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
        let items = [item(1, due, ItemStatus::InProgress)];
        let mut sent = HashSet::new();
        let mut out = Vec::new();
        let mut day = from;
        while day <= to {
            // Several runs a day, as the scheduler does every few minutes.
            for _ in 0..3 {
                for r in reminders_due(day, &items, &rules(), &sent, &ReminderPolicy::default()) {
                    assert!(sent.insert(r.key), "sent twice: {r:?}");
                    out.push((day, r.kind.code()));
                }
            }
            day = day.succ_opt().unwrap();
        }
        out
    }

    #[test]
    fn seven_three_one_before_then_every_three_days_after() {
        let due = d(2025, 6, 30);
        let got = simulate(due, d(2025, 6, 1), d(2025, 7, 10));
        assert_eq!(
            got,
            vec![
                (d(2025, 6, 23), "before:7".to_string()),
                (d(2025, 6, 27), "before:3".to_string()),
                (d(2025, 6, 29), "before:1".to_string()),
                (d(2025, 7, 3), "every_after:3".to_string()),
                (d(2025, 7, 6), "every_after:3".to_string()),
                (d(2025, 7, 9), "every_after:3".to_string()),
            ]
        );
    }

    #[test]
    fn a_missed_day_is_caught_up_once_and_superseded_by_a_later_one() {
        let due = d(2025, 6, 30);
        let items = [item(1, due, ItemStatus::NotStarted)];
        let policy = ReminderPolicy::default();
        // Server down from 22/6 to 24/6: on the 25th the 7-day reminder is sent late.
        let r = reminders_due(d(2025, 6, 25), &items, &rules(), &HashSet::new(), &policy);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].kind, RuleKind::Before(7));
        assert_eq!(r[0].key.day, d(2025, 6, 23));
        // Down until the 28th: only the 3-day one, not a burst of two.
        let r = reminders_due(d(2025, 6, 28), &items, &rules(), &HashSet::new(), &policy);
        assert_eq!(
            r.iter().map(|r| r.kind).collect::<Vec<_>>(),
            vec![RuleKind::Before(3)]
        );
        assert_eq!(r[0].offset_days, -3);
    }

    #[test]
    fn closed_items_items_without_due_date_or_unit_get_nothing() {
        let today = d(2025, 6, 29);
        let due = d(2025, 6, 30);
        let mut items = vec![
            item(1, due, ItemStatus::Done),
            item(2, due, ItemStatus::Suspended),
            OpenItem {
                item: ItemId(3),
                due: None,
                status: ItemStatus::InProgress,
                units: vec![UnitId(1)],
            },
            OpenItem {
                item: ItemId(4),
                due: Some(due),
                status: ItemStatus::Late,
                units: vec![],
            },
        ];
        let p = ReminderPolicy::default();
        assert!(reminders_due(today, &items, &rules(), &HashSet::new(), &p).is_empty());
        items.push(item(5, due, ItemStatus::Late));
        let r = reminders_due(today, &items, &rules(), &HashSet::new(), &p);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].key.item, ItemId(5));
        assert_eq!(r[0].units, vec![UnitId(1)]);
    }

    #[test]
    fn far_overdue_items_are_left_to_the_board() {
        let items = [item(1, d(2024, 1, 31), ItemStatus::Late)];
        let r = reminders_due(
            d(2025, 6, 1),
            &items,
            &rules(),
            &HashSet::new(),
            &ReminderPolicy::default(),
        );
        assert!(r.is_empty());
    }

    #[test]
    fn no_rules_no_reminders_and_ties_prefer_overdue() {
        let items = [item(1, d(2025, 6, 30), ItemStatus::InProgress)];
        let p = ReminderPolicy::default();
        assert!(reminders_due(d(2025, 6, 29), &items, &[], &HashSet::new(), &p).is_empty());
        // before:0 and every_after:1 never share a day; before:0 fires on the due date.
        let r = [
            ReminderRule {
                id: 9,
                kind: RuleKind::Before(0),
            },
            ReminderRule {
                id: 3,
                kind: RuleKind::EveryAfter(1),
            },
        ];
        let on_day = reminders_due(d(2025, 6, 30), &items, &r, &HashSet::new(), &p);
        assert_eq!(on_day[0].kind, RuleKind::Before(0));
        assert_eq!(on_day[0].offset_days, 0);
        let next = reminders_due(d(2025, 7, 1), &items, &r, &HashSet::new(), &p);
        assert_eq!(next[0].kind, RuleKind::EveryAfter(1));
    }

    #[test]
    fn escalation_after_three_overdue_reminders_once_per_due_date() {
        let due = d(2025, 6, 30);
        let items = [
            item(1, due, ItemStatus::Late),
            item(2, due, ItemStatus::Done),
            item(3, due, ItemStatus::InProgress),
        ];
        let p = ReminderPolicy::default();
        let mut counts = HashMap::new();
        counts.insert((ItemId(1), due), 2);
        counts.insert((ItemId(2), due), 5);
        counts.insert((ItemId(3), due), 3);
        let today = d(2025, 7, 10);
        assert_eq!(
            escalations_due(today, &items, &counts, &HashSet::new(), &p),
            vec![(ItemId(3), due)]
        );
        counts.insert((ItemId(1), due), 3);
        let mut done = HashSet::new();
        done.insert((ItemId(3), due));
        assert_eq!(
            escalations_due(today, &items, &counts, &done, &p),
            vec![(ItemId(1), due)]
        );
        // Counts for an old due date do not carry over to a new one.
        let moved = [item(1, d(2025, 8, 31), ItemStatus::Late)];
        assert!(escalations_due(d(2025, 9, 10), &moved, &counts, &done, &p).is_empty());
    }

    #[test]
    fn rule_codes_round_trip_and_refuse_nonsense() {
        for k in DEFAULT_RULES {
            assert_eq!(k.code().parse::<RuleKind>().unwrap(), k);
        }
        for bad in [
            "",
            "before",
            "before:-1",
            "every_after:0",
            "after:3",
            "before:x",
            "before:999",
        ] {
            assert!(bad.parse::<RuleKind>().is_err(), "{bad}");
        }
        assert_eq!(RuleKind::Before(7).label(Language::Vi), "Trước hạn 7 ngày");
        assert_eq!(
            RuleKind::EveryAfter(3).label(Language::En),
            "Overdue: every 3 days"
        );
    }

    #[test]
    fn subjects_in_vietnamese_and_english() {
        let r = Reminder {
            key: SendKey {
                item: ItemId(1),
                rule_id: 1,
                day: d(2025, 6, 27),
            },
            kind: RuleKind::Before(3),
            due: d(2025, 6, 30),
            offset_days: -3,
            units: vec![],
        };
        assert_eq!(
            reminder_subject(&r, "1.1. Hội thảo", Language::Vi),
            "[Đôn đốc] Còn 3 ngày đến hạn (30/06/2025): 1.1. Hội thảo"
        );
        let late = Reminder {
            offset_days: 6,
            kind: RuleKind::EveryAfter(3),
            ..r.clone()
        };
        assert_eq!(
            reminder_subject(&late, "x", Language::Vi),
            "[Đôn đốc] Quá hạn 6 ngày (hạn 30/06/2025): x"
        );
        assert_eq!(
            reminder_subject(&late, "x", Language::En),
            "[Reminder] 6 days overdue (due 30/06/2025): x"
        );
    }

    #[test]
    fn today_is_counted_in_vietnam() {
        // 17:30 UTC on 30 June is 00:30 on 1 July in Hà Nội.
        let t = Utc.with_ymd_and_hms(2025, 6, 30, 17, 30, 0).unwrap();
        assert_eq!(vietnam_today(t), d(2025, 7, 1));
        let t = Utc.with_ymd_and_hms(2025, 6, 30, 16, 59, 59).unwrap();
        assert_eq!(vietnam_today(t), d(2025, 6, 30));
    }

    #[test]
    fn grades() {
        for g in Grade::ALL {
            assert_eq!(g.as_str().parse::<Grade>().unwrap(), *g);
        }
        assert_eq!(Grade::Good.label(Language::Vi), "Tốt");
        assert_eq!(Grade::Fair.label(Language::Vi), "Khá");
        assert_eq!(Grade::Average.label(Language::Vi), "Trung bình");
        assert_eq!(Grade::Poor.label(Language::Vi), "Chưa đạt");
        assert_eq!(parse_grade(" good ").unwrap(), Grade::Good);
        let e = parse_grade("excellent").unwrap_err();
        assert_eq!(e.key(), "oversight.bad_grade");
        assert_eq!(
            e.message(Language::Vi),
            "Mức đánh giá “excellent” không hợp lệ."
        );
        assert!(check_comment(&"á".repeat(MAX_COMMENT_CHARS)).is_ok());
        assert!(check_comment(&"á".repeat(MAX_COMMENT_CHARS + 1)).is_err());
    }

    #[test]
    fn report_periods() {
        assert_eq!(
            check_report_period(Period::Half(2025, 1)),
            Ok(Period::Half(2025, 1))
        );
        assert_eq!(
            check_report_period(Period::Year(2025)),
            Ok(Period::Year(2025))
        );
        let e = check_report_period(Period::Quarter(2025, 2)).unwrap_err();
        assert_eq!(
            e.message(Language::Vi),
            "Báo cáo kết quả lập cho 6 tháng hoặc cả năm, không cho kỳ “2025-Q2”."
        );
        assert_eq!(default_report_period(d(2025, 6, 10)), Period::Half(2025, 1));
        assert_eq!(default_report_period(d(2025, 11, 20)), Period::Year(2025));
        assert_eq!(default_report_period(d(2026, 1, 5)), Period::Year(2025));
        assert_eq!(
            report_period_choices(2025, 2026),
            vec![
                Period::Year(2026),
                Period::Half(2026, 2),
                Period::Half(2026, 1),
                Period::Year(2025),
                Period::Half(2025, 2),
                Period::Half(2025, 1)
            ]
        );
    }

    #[test]
    fn dashboard_counts_statuses_bands_overdue_and_due_soon() {
        let today = d(2025, 6, 20);
        let t = |min, max, actual| TargetFigure { min, max, actual };
        let items = vec![
            DashboardItem {
                item: ItemId(1),
                status: ItemStatus::Done,
                due: Some(d(2025, 6, 1)),
                targets: vec![t(Some(20.0), Some(30.0), Some(21.0))],
            },
            DashboardItem {
                item: ItemId(2),
                status: ItemStatus::Late,
                due: Some(d(2025, 6, 10)),
                targets: vec![t(Some(3.0), Some(5.0), Some(1.0)), t(Some(2.0), None, None)],
            },
            DashboardItem {
                item: ItemId(3),
                status: ItemStatus::InProgress,
                due: Some(d(2025, 6, 5)),
                targets: vec![t(None, Some(5.0), Some(9.0))],
            },
            DashboardItem {
                item: ItemId(4),
                status: ItemStatus::NotStarted,
                due: Some(d(2025, 7, 4)),
                targets: vec![],
            },
            DashboardItem {
                item: ItemId(5),
                status: ItemStatus::NotStarted,
                due: Some(d(2025, 6, 21)),
                targets: vec![],
            },
            DashboardItem {
                item: ItemId(6),
                status: ItemStatus::Suspended,
                due: Some(d(2025, 6, 2)),
                targets: vec![],
            },
            DashboardItem {
                item: ItemId(7),
                status: ItemStatus::InProgress,
                due: Some(d(2025, 7, 5)),
                targets: vec![],
            },
        ];
        let f = dashboard_figures(today, &items);
        assert_eq!(f.total, 7);
        assert_eq!(
            f.by_status,
            vec![
                (ItemStatus::NotStarted, 2),
                (ItemStatus::InProgress, 2),
                (ItemStatus::Done, 1),
                (ItemStatus::Late, 1),
                (ItemStatus::Suspended, 1),
            ]
        );
        assert_eq!(f.overdue, vec![ItemId(3), ItemId(2)], "most overdue first");
        assert_eq!(
            f.due_soon,
            vec![ItemId(5), ItemId(4)],
            "4/7 is day 14; 5/7 is not"
        );
        assert_eq!(
            f.bands,
            vec![
                (Band::Within, 1),
                (Band::Above, 1),
                (Band::Below, 1),
                (Band::NoData, 1)
            ]
        );
        assert_eq!(f.done_percent, 14);
        assert_eq!(dashboard_figures(today, &[]).done_percent, 0);
    }
}

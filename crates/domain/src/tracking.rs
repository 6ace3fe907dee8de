//! Tracking rules (issue 4): item status transitions and who may make them, reporting
//! periods, progress-report content, item dates and optimistic concurrency.
//!
//! Errors carry a stable message key (`tracking.*`, for the web layer's i18n) and a
//! Vietnamese and English message of their own, so that tools without i18n stay clear.

use crate::permissions::{Actor, ItemUnit, can_change_item_units, can_edit_item};
use crate::vocab::{ItemStatus, Language};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Why a tracking operation was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TrackingError {
    #[error("not allowed: {action}")]
    Forbidden { action: &'static str },
    #[error("status change {from} → {to} is not allowed")]
    Transition { from: ItemStatus, to: ItemStatus },
    #[error("the item already has status {0}")]
    SameStatus(ItemStatus),
    #[error("suspending or cancelling an item needs a reason")]
    ReasonRequired,
    #[error("unreadable period {0:?}: use 2025, 2025-H1, 2025-Q2 or 2025-06")]
    BadPeriod(String),
    #[error("period {period} is outside the plan ({first}–{last})")]
    PeriodOutsidePlan {
        period: Period,
        first: i32,
        last: i32,
    },
    #[error("percent must be between 0 and 100, got {0}")]
    PercentOutOfRange(String),
    #[error("a figure must be a number ≥ 0, got {0}")]
    NegativeFigure(String),
    #[error("figure for a target not on this item: {0}")]
    UnknownTarget(i64),
    #[error("the report needs text, a percent or a figure")]
    EmptyReport,
    #[error(transparent)]
    Conflict(#[from] Conflict),
}

impl TrackingError {
    /// Stable key for translations.
    pub fn key(&self) -> &'static str {
        match self {
            TrackingError::Forbidden { .. } => "tracking.forbidden",
            TrackingError::Transition { .. } => "tracking.transition",
            TrackingError::SameStatus(_) => "tracking.same_status",
            TrackingError::ReasonRequired => "tracking.reason_required",
            TrackingError::BadPeriod(_) => "tracking.bad_period",
            TrackingError::PeriodOutsidePlan { .. } => "tracking.period_outside_plan",
            TrackingError::PercentOutOfRange(_) => "tracking.percent_range",
            TrackingError::NegativeFigure(_) => "tracking.negative_figure",
            TrackingError::UnknownTarget(_) => "tracking.unknown_target",
            TrackingError::EmptyReport => "tracking.empty_report",
            TrackingError::Conflict(_) => "tracking.conflict",
        }
    }

    /// The message for users.
    pub fn message(&self, lang: Language) -> String {
        if let TrackingError::Conflict(c) = self {
            return c.message(lang);
        }
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            TrackingError::Forbidden { .. } => "Bạn không có quyền thực hiện thao tác này.".into(),
            TrackingError::Transition { from, to } => format!(
                "Không được chuyển trạng thái từ “{}” sang “{}”.",
                from.label(lang),
                to.label(lang)
            ),
            TrackingError::SameStatus(s) => {
                format!("Nhiệm vụ đã ở trạng thái “{}”.", s.label(lang))
            }
            TrackingError::ReasonRequired => "Tạm dừng/hủy nhiệm vụ phải nêu lý do.".into(),
            TrackingError::BadPeriod(s) => {
                format!("Kỳ báo cáo “{s}” không hợp lệ: dùng 2025, 2025-H1, 2025-Q2 hoặc 2025-06.")
            }
            TrackingError::PeriodOutsidePlan {
                period,
                first,
                last,
            } => {
                let years = if first == last {
                    format!("năm {first}")
                } else {
                    format!("các năm {first}–{last}")
                };
                format!(
                    "Kỳ báo cáo {} nằm ngoài thời gian của kế hoạch ({years}).",
                    period.label(lang)
                )
            }
            TrackingError::PercentOutOfRange(s) => {
                format!("Tỷ lệ hoàn thành phải từ 0 đến 100 (nhận được: {s}).")
            }
            TrackingError::NegativeFigure(s) => {
                format!("Số liệu phải là số không âm (nhận được: {s}).")
            }
            TrackingError::UnknownTarget(id) => {
                format!("Chỉ tiêu {id} không thuộc nhiệm vụ này.")
            }
            TrackingError::EmptyReport => {
                "Báo cáo cần có nội dung, tỷ lệ hoàn thành hoặc số liệu.".into()
            }
            TrackingError::Conflict(c) => c.message(lang),
        }
    }
}

// ---- optimistic concurrency ------------------------------------------------------------

/// Saving over a version someone else has replaced. Both versions travel with the error
/// so that the page can show what changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("edit conflict: you edited version {attempted}, the current version is {current}")]
pub struct Conflict {
    pub current: i64,
    pub attempted: i64,
}

impl Conflict {
    pub fn message(&self, lang: Language) -> String {
        match lang {
            Language::Vi => format!(
                "Xung đột chỉnh sửa: bạn sửa phiên bản {}, nhưng đã có phiên bản {} mới hơn. \
                 Hãy xem lại cả hai trước khi lưu.",
                self.attempted, self.current
            ),
            Language::En => format!(
                "Edit conflict: you edited version {}, but version {} is newer. \
                 Review both before saving.",
                self.attempted, self.current
            ),
        }
    }
}

/// Ok when the edit was made on the current version.
pub fn check_version(current: i64, attempted: i64) -> Result<(), Conflict> {
    if current == attempted {
        Ok(())
    } else {
        Err(Conflict { current, attempted })
    }
}

// ---- item status -----------------------------------------------------------------------

/// Whether `from → to` exists at all, and whether it needs the Board or an admin.
/// Reopening a completed item and resuming a suspended one undo a recorded decision, so
/// they are the Board's (or an admin's) call; every other move is the lead unit's.
fn transition(from: ItemStatus, to: ItemStatus) -> Option<bool> {
    use ItemStatus::*;
    match (from, to) {
        (NotStarted, InProgress | Late | Suspended | Done) => Some(false),
        (InProgress, Done | Late | Suspended) => Some(false),
        (Late, InProgress | Done | Suspended) => Some(false),
        (Done, InProgress | Late) => Some(true),
        (Suspended, NotStarted | InProgress | Late) => Some(true),
        _ => None,
    }
}

/// The statuses `actor` may move an item to from `from`.
pub fn allowed_statuses(
    actor: &Actor,
    item_units: &[ItemUnit],
    from: ItemStatus,
) -> Vec<ItemStatus> {
    ItemStatus::ALL
        .iter()
        .copied()
        .filter(|to| check_status_change(actor, item_units, from, *to, Some("-")).is_ok())
        .collect()
}

/// Checks a status change; returns the reason to store (trimmed; only for Suspended).
pub fn check_status_change(
    actor: &Actor,
    item_units: &[ItemUnit],
    from: ItemStatus,
    to: ItemStatus,
    reason: Option<&str>,
) -> Result<Option<String>, TrackingError> {
    if !can_edit_item(actor, item_units) {
        return Err(TrackingError::Forbidden {
            action: "change the item's status",
        });
    }
    if from == to {
        return Err(TrackingError::SameStatus(from));
    }
    let board_only = transition(from, to).ok_or(TrackingError::Transition { from, to })?;
    if board_only && !actor.is_board_or_admin() {
        return Err(TrackingError::Forbidden {
            action: "reopen or resume an item",
        });
    }
    if to == ItemStatus::Suspended {
        let r = reason.map(str::trim).filter(|r| !r.is_empty());
        return r
            .map(|r| Some(r.to_string()))
            .ok_or(TrackingError::ReasonRequired);
    }
    Ok(None)
}

/// Edit an item's own fields (title, text, dates, responsible people, targets' rules).
pub fn check_edit_item(actor: &Actor, item_units: &[ItemUnit]) -> Result<(), TrackingError> {
    if can_edit_item(actor, item_units) {
        Ok(())
    } else {
        Err(TrackingError::Forbidden {
            action: "edit the item",
        })
    }
}

/// Change lead/coordinating units, add, split or reorder items: Board or admin.
pub fn check_change_units(actor: &Actor) -> Result<(), TrackingError> {
    if can_change_item_units(actor) {
        Ok(())
    } else {
        Err(TrackingError::Forbidden {
            action: "change the item's units",
        })
    }
}

/// File a report for `unit` on an item: the actor must belong to that unit and the unit
/// must lead or coordinate the item (each unit reports its own share; partners only on
/// items shared with them).
pub fn check_report(
    actor: &Actor,
    item_units: &[ItemUnit],
    unit: crate::UnitId,
) -> Result<(), TrackingError> {
    let unit_on_item: Vec<ItemUnit> = item_units
        .iter()
        .copied()
        .filter(|u| u.unit_id == unit)
        .collect();
    if !unit_on_item.is_empty()
        && actor.unit_ids.contains(&unit)
        && crate::can_report_on_item(actor, &unit_on_item)
    {
        Ok(())
    } else {
        Err(TrackingError::Forbidden {
            action: "report on the item for this unit",
        })
    }
}

// ---- periods ---------------------------------------------------------------------------

/// A reporting period: a month, quarter, half-year or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Month(i32, u8),
}

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Half(y, _) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    /// "year", "half", "quarter" or "month".
    pub fn kind(self) -> &'static str {
        match self {
            Period::Year(_) => "year",
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

    /// Refuses a period outside the plan's years (`first..=last`).
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

// ---- report content --------------------------------------------------------------------

/// Percent complete, 0–100 (whole numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Percent(u8);

impl Percent {
    pub fn new(v: i64) -> Result<Percent, TrackingError> {
        u8::try_from(v)
            .ok()
            .filter(|v| *v <= 100)
            .map(Percent)
            .ok_or_else(|| TrackingError::PercentOutOfRange(v.to_string()))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl FromStr for Percent {
    type Err = TrackingError;
    fn from_str(s: &str) -> Result<Self, TrackingError> {
        let t = s.trim().trim_end_matches('%').trim();
        let v: f64 = t
            .replace(',', ".")
            .parse()
            .map_err(|_| TrackingError::PercentOutOfRange(s.to_string()))?;
        if !(0.0..=100.0).contains(&v) {
            return Err(TrackingError::PercentOutOfRange(s.to_string()));
        }
        Ok(Percent(v.round() as u8))
    }
}

impl TryFrom<i64> for Percent {
    type Error = TrackingError;
    fn try_from(v: i64) -> Result<Self, TrackingError> {
        Percent::new(v)
    }
}

impl From<Percent> for i64 {
    fn from(p: Percent) -> i64 {
        i64::from(p.0)
    }
}

/// A figure toward a target: finite and ≥ 0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Figure(f64);

impl Figure {
    pub fn new(v: f64) -> Result<Figure, TrackingError> {
        if v.is_finite() && v >= 0.0 {
            Ok(Figure(v))
        } else {
            Err(TrackingError::NegativeFigure(crate::format_number(v)))
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl FromStr for Figure {
    type Err = TrackingError;
    /// Accepts Vietnamese and English notation: "1.500", "2,5", "1500", "2.5".
    fn from_str(s: &str) -> Result<Self, TrackingError> {
        let t = s.trim();
        let bad = || TrackingError::NegativeFigure(s.to_string());
        let normalised = if t.contains(',') {
            t.replace('.', "").replace(',', ".")
        } else if t.matches('.').count() > 1 || t.split_once('.').is_some_and(|(_, f)| f.len() == 3)
        {
            // "1.500": a thousands dot, the Vietnamese way.
            t.replace('.', "")
        } else {
            t.to_string()
        };
        let v: f64 = normalised.parse().map_err(|_| bad())?;
        Figure::new(v).map_err(|_| bad())
    }
}

impl TryFrom<f64> for Figure {
    type Error = TrackingError;
    fn try_from(v: f64) -> Result<Self, TrackingError> {
        Figure::new(v)
    }
}

impl From<Figure> for f64 {
    fn from(f: Figure) -> f64 {
        f.0
    }
}

/// What a progress report says, validated: build it with [`ReportContent::new`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportContent {
    pub text: String,
    pub percent: Option<Percent>,
    /// (target id, figure), one per target at most, in target order given.
    pub figures: Vec<(i64, Figure)>,
}

impl ReportContent {
    /// `targets`: the ids of the item's targets. A later figure for the same target
    /// replaces an earlier one.
    pub fn new(
        text: &str,
        percent: Option<Percent>,
        figures: Vec<(i64, Figure)>,
        targets: &[i64],
    ) -> Result<ReportContent, TrackingError> {
        let mut out: Vec<(i64, Figure)> = Vec::new();
        for (t, f) in figures {
            if !targets.contains(&t) {
                return Err(TrackingError::UnknownTarget(t));
            }
            match out.iter_mut().find(|(id, _)| *id == t) {
                Some(slot) => slot.1 = f,
                None => out.push((t, f)),
            }
        }
        let text = text.trim().to_string();
        if text.is_empty() && percent.is_none() && out.is_empty() {
            return Err(TrackingError::EmptyReport);
        }
        Ok(ReportContent {
            text,
            percent,
            figures: out,
        })
    }
}

/// A responsible person as typed on one line: "Nguyễn Văn A, Phó Trưởng phòng" gives the
/// name and the job title; a blank line gives nothing.
pub fn parse_person_line(line: &str) -> Option<(String, Option<String>)> {
    let (name, title) = match line.split_once(',') {
        Some((n, t)) => (n.trim(), Some(t.trim()).filter(|t| !t.is_empty())),
        None => (line.trim(), None),
    };
    (!name.is_empty()).then(|| (name.to_string(), title.map(str::to_string)))
}

// ---- item dates ------------------------------------------------------------------------

/// Where an item's dates came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatesSource {
    /// The reader's deadlines.
    Deadlines,
    /// Jan 1 – Dec 31 of the plan year.
    PlanYear,
    /// Set by a user.
    Manual,
}

/// Start and due of an item: the earliest start and the latest due among the reader's
/// deadlines (`(start, due)` pairs); a missing side falls back to the plan year
/// (Jan 1 / Dec 31). A start after the due is clamped to the due.
pub fn item_dates(
    deadlines: &[(Option<NaiveDate>, Option<NaiveDate>)],
    plan_year: i32,
) -> (NaiveDate, NaiveDate, DatesSource) {
    let year_start = NaiveDate::from_ymd_opt(plan_year, 1, 1).expect("valid year");
    let year_end = NaiveDate::from_ymd_opt(plan_year, 12, 31).expect("valid year");
    let start = deadlines.iter().filter_map(|d| d.0).min();
    let due = deadlines.iter().filter_map(|d| d.1).max();
    let source = if start.is_some() || due.is_some() {
        DatesSource::Deadlines
    } else {
        DatesSource::PlanYear
    };
    let due = due.unwrap_or(year_end);
    let start = start.unwrap_or(if due.year() == plan_year {
        year_start
    } else {
        NaiveDate::from_ymd_opt(due.year(), 1, 1).expect("valid year")
    });
    (start.min(due), due, source)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_form_opens_on_a_period_of_the_plan() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(
            Period::progress_default(2025, 2025, d(2025, 8, 10)),
            Period::Quarter(2025, 3)
        );
        assert_eq!(
            Period::progress_default(2025, 2025, d(2026, 12, 2)),
            Period::Year(2025)
        );
        assert_eq!(
            Period::progress_default(2025, 2026, d(2026, 1, 2)),
            Period::Quarter(2026, 1)
        );
        assert_eq!(
            Period::progress_default(2025, 2025, d(2024, 12, 31)),
            Period::Quarter(2025, 1)
        );
    }

    use super::*;
    use crate::vocab::Role;
    use crate::{UnitId, UnitRelation, UserId};

    #[test]
    fn person_lines() {
        assert_eq!(
            parse_person_line(" Nguyễn Văn A , Phó Trưởng phòng "),
            Some(("Nguyễn Văn A".into(), Some("Phó Trưởng phòng".into())))
        );
        assert_eq!(
            parse_person_line("Trần Thị B"),
            Some(("Trần Thị B".into(), None))
        );
        assert_eq!(parse_person_line("Lê C,"), Some(("Lê C".into(), None)));
        assert_eq!(parse_person_line("  "), None);
        assert_eq!(parse_person_line(", chuyên viên"), None);
    }

    const LEAD: UnitId = UnitId(1);
    const COORD: UnitId = UnitId(2);
    const OTHER: UnitId = UnitId(3);

    fn actor(roles: &[Role], units: &[UnitId]) -> Actor {
        Actor {
            user_id: UserId(1),
            roles: roles.to_vec(),
            unit_ids: units.to_vec(),
            active: true,
        }
    }

    fn units() -> Vec<ItemUnit> {
        vec![
            ItemUnit {
                unit_id: LEAD,
                relation: UnitRelation::Lead,
            },
            ItemUnit {
                unit_id: COORD,
                relation: UnitRelation::Coordinating,
            },
        ]
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn lead_unit_moves_status_forward_and_suspends_with_a_reason() {
        use ItemStatus::*;
        let lead = actor(&[Role::Staff], &[LEAD]);
        assert_eq!(
            check_status_change(&lead, &units(), NotStarted, InProgress, None),
            Ok(None)
        );
        assert_eq!(
            check_status_change(&lead, &units(), InProgress, Done, Some("x")),
            Ok(None)
        );
        assert_eq!(
            check_status_change(&lead, &units(), InProgress, Suspended, Some("  ")),
            Err(TrackingError::ReasonRequired)
        );
        assert_eq!(
            check_status_change(
                &lead,
                &units(),
                InProgress,
                Suspended,
                Some(" hết kinh phí ")
            ),
            Ok(Some("hết kinh phí".into()))
        );
        assert_eq!(
            check_status_change(&lead, &units(), Done, InProgress, None),
            Err(TrackingError::Forbidden {
                action: "reopen or resume an item"
            })
        );
        assert_eq!(
            check_status_change(&lead, &units(), Done, Done, None),
            Err(TrackingError::SameStatus(Done))
        );
        assert_eq!(
            check_status_change(&lead, &units(), InProgress, NotStarted, None),
            Err(TrackingError::Transition {
                from: InProgress,
                to: NotStarted
            })
        );
        assert_eq!(allowed_statuses(&lead, &units(), Done), vec![]);
    }

    #[test]
    fn board_reopens_and_resumes() {
        use ItemStatus::*;
        for role in [Role::Board, Role::Admin] {
            let b = actor(&[role], &[]);
            assert!(check_status_change(&b, &units(), Done, InProgress, None).is_ok());
            assert!(check_status_change(&b, &units(), Suspended, InProgress, None).is_ok());
            assert_eq!(allowed_statuses(&b, &units(), Done), vec![InProgress, Late]);
        }
    }

    #[test]
    fn coordinating_partner_and_other_units_cannot_change_status() {
        for a in [
            actor(&[Role::Staff], &[COORD]),
            actor(&[Role::Partner], &[LEAD]),
            actor(&[Role::Staff], &[OTHER]),
        ] {
            assert!(matches!(
                check_status_change(
                    &a,
                    &units(),
                    ItemStatus::NotStarted,
                    ItemStatus::InProgress,
                    None
                ),
                Err(TrackingError::Forbidden { .. })
            ));
            assert!(check_edit_item(&a, &units()).is_err());
            assert!(check_change_units(&a).is_err());
        }
        assert!(check_change_units(&actor(&[Role::Board], &[])).is_ok());
    }

    #[test]
    fn reports_are_filed_for_a_unit_of_ones_own_on_the_item() {
        let coord = actor(&[Role::Staff], &[COORD]);
        assert!(check_report(&coord, &units(), COORD).is_ok());
        assert!(
            check_report(&coord, &units(), LEAD).is_err(),
            "not for another unit"
        );
        let partner = actor(&[Role::Partner], &[OTHER]);
        assert!(
            check_report(&partner, &units(), OTHER).is_err(),
            "not shared"
        );
        let board = actor(&[Role::Board], &[LEAD]);
        assert!(
            check_report(&board, &units(), LEAD).is_err(),
            "the Board evaluates"
        );
    }

    #[test]
    fn periods_parse_print_and_span() {
        let cases = [
            ("2025", Period::Year(2025), d(2025, 1, 1), d(2025, 12, 31)),
            (
                "2025-H1",
                Period::Half(2025, 1),
                d(2025, 1, 1),
                d(2025, 6, 30),
            ),
            (
                "2025-h2",
                Period::Half(2025, 2),
                d(2025, 7, 1),
                d(2025, 12, 31),
            ),
            (
                "2025-Q2",
                Period::Quarter(2025, 2),
                d(2025, 4, 1),
                d(2025, 6, 30),
            ),
            (
                "2025-Q4",
                Period::Quarter(2025, 4),
                d(2025, 10, 1),
                d(2025, 12, 31),
            ),
            (
                "2025-06",
                Period::Month(2025, 6),
                d(2025, 6, 1),
                d(2025, 6, 30),
            ),
            (
                "2024-02",
                Period::Month(2024, 2),
                d(2024, 2, 1),
                d(2024, 2, 29),
            ),
            (
                "2025-12",
                Period::Month(2025, 12),
                d(2025, 12, 1),
                d(2025, 12, 31),
            ),
        ];
        for (s, p, start, end) in cases {
            let got: Period = s.parse().unwrap();
            assert_eq!(got, p, "{s}");
            assert_eq!((got.start(), got.end()), (start, end), "{s}");
            assert_eq!(got.to_string().parse::<Period>().unwrap(), got);
        }
        for bad in [
            "", "25", "2025-Q5", "2025-H3", "2025-13", "2025-00", "2025-6", "2025-Q", "x",
        ] {
            assert!(
                matches!(bad.parse::<Period>(), Err(TrackingError::BadPeriod(_))),
                "{bad}"
            );
        }
        assert_eq!(
            serde_json_roundtrip(Period::Quarter(2025, 3)),
            "\"2025-Q3\""
        );
        assert_eq!(Period::Quarter(2025, 2).label(Language::Vi), "quý 2/2025");
        assert_eq!(
            Period::Half(2025, 1).label(Language::Vi),
            "6 tháng đầu năm 2025"
        );
        assert_eq!(Period::Month(2025, 6).label(Language::En), "June 2025");
    }

    #[test]
    fn period_choices_cover_each_year() {
        let c = Period::choices(2025, 2026);
        assert_eq!(c.len(), 38);
        assert_eq!(c[0], Period::Year(2025));
        assert!(c.contains(&Period::Month(2026, 12)));
        assert!(c.iter().all(|p| p.check_within(2025, 2026).is_ok()));
        assert!(Period::Quarter(2025, 2).contains(NaiveDate::from_ymd_opt(2025, 5, 1).unwrap()));
    }

    fn serde_json_roundtrip(p: Period) -> String {
        let s = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Period>(&s).unwrap(), p);
        s
    }

    #[test]
    fn period_outside_the_plan_is_refused_in_both_languages() {
        assert!(Period::Quarter(2025, 2).check_within(2025, 2025).is_ok());
        let e = Period::Quarter(2026, 1)
            .check_within(2025, 2025)
            .unwrap_err();
        assert_eq!(e.key(), "tracking.period_outside_plan");
        assert_eq!(
            e.message(Language::Vi),
            "Kỳ báo cáo quý 1/2026 nằm ngoài thời gian của kế hoạch (năm 2025)."
        );
        assert_eq!(
            e.message(Language::En),
            "period 2026-Q1 is outside the plan (2025–2025)"
        );
    }

    #[test]
    fn percent_and_figures_are_checked() {
        assert_eq!(Percent::new(0).unwrap().get(), 0);
        assert_eq!(Percent::new(100).unwrap().get(), 100);
        assert!(Percent::new(101).is_err());
        assert!(Percent::new(-1).is_err());
        assert_eq!("75%".parse::<Percent>().unwrap().get(), 75);
        assert_eq!("12,6".parse::<Percent>().unwrap().get(), 13);
        let e = "150".parse::<Percent>().unwrap_err();
        assert_eq!(e.key(), "tracking.percent_range");
        assert!(e.message(Language::Vi).contains("0 đến 100"));
        assert!("abc".parse::<Percent>().is_err());
        assert!(serde_json::from_str::<Percent>("101").is_err());

        assert_eq!("1.500".parse::<Figure>().unwrap().get(), 1500.0);
        assert_eq!("2,5".parse::<Figure>().unwrap().get(), 2.5);
        assert_eq!("2.5".parse::<Figure>().unwrap().get(), 2.5);
        assert_eq!("0".parse::<Figure>().unwrap().get(), 0.0);
        let e = "-3".parse::<Figure>().unwrap_err();
        assert_eq!(e.key(), "tracking.negative_figure");
        assert!(Figure::new(f64::NAN).is_err());
        assert!(serde_json::from_str::<Figure>("-1.0").is_err());
    }

    #[test]
    fn report_content_is_validated() {
        let f = |v| Figure::new(v).unwrap();
        let c = ReportContent::new(
            " Đã tổ chức 3 phiên ",
            None,
            vec![(7, f(2.0)), (7, f(3.0))],
            &[7, 8],
        )
        .unwrap();
        assert_eq!(c.text, "Đã tổ chức 3 phiên");
        assert_eq!(c.figures, vec![(7, f(3.0))]);
        assert_eq!(
            ReportContent::new("x", None, vec![(9, f(1.0))], &[7]),
            Err(TrackingError::UnknownTarget(9))
        );
        assert_eq!(
            ReportContent::new("  ", None, vec![], &[]),
            Err(TrackingError::EmptyReport)
        );
        assert!(ReportContent::new("", Some(Percent::new(10).unwrap()), vec![], &[]).is_ok());
    }

    #[test]
    fn item_dates_come_from_deadlines_or_the_plan_year() {
        assert_eq!(
            item_dates(&[], 2025),
            (d(2025, 1, 1), d(2025, 12, 31), DatesSource::PlanYear)
        );
        assert_eq!(
            item_dates(
                &[(None, Some(d(2025, 6, 30))), (None, Some(d(2025, 3, 31)))],
                2025
            ),
            (d(2025, 1, 1), d(2025, 6, 30), DatesSource::Deadlines)
        );
        assert_eq!(
            item_dates(&[(Some(d(2025, 4, 1)), None)], 2025),
            (d(2025, 4, 1), d(2025, 12, 31), DatesSource::Deadlines)
        );
        // A start after the due is clamped rather than producing an empty range.
        assert_eq!(
            item_dates(&[(Some(d(2025, 9, 1)), Some(d(2025, 8, 1)))], 2025),
            (d(2025, 8, 1), d(2025, 8, 1), DatesSource::Deadlines)
        );
    }

    #[test]
    fn stale_versions_conflict_with_both_versions() {
        assert!(check_version(3, 3).is_ok());
        let c = check_version(4, 3).unwrap_err();
        assert_eq!(
            c,
            Conflict {
                current: 4,
                attempted: 3
            }
        );
        let e = TrackingError::from(c);
        assert_eq!(e.key(), "tracking.conflict");
        assert!(e.message(Language::Vi).contains("phiên bản 3"));
        assert!(e.message(Language::Vi).contains("phiên bản 4"));
        assert!(e.message(Language::En).contains("version 4 is newer"));
    }
}

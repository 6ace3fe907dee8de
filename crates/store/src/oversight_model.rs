//! What the oversight API (issue 6) takes and returns.

use chrono::NaiveDate;
use domain::oversight::{Grade, OpenItem, ReviewDecision, RuleKind};
use domain::{ItemId, ItemStatus, PlanId, UnitId, UserId};
use serde::{Deserialize, Serialize};

/// A stored reminder rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleRecord {
    pub id: i64,
    pub kind: RuleKind,
    pub active: bool,
}

/// An open item with a due date, as the scheduler needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderCandidate {
    /// The units in `open.units` are the lead units in effect (own, else inherited).
    pub open: OpenItem,
    pub plan_id: PlanId,
    /// "1.1. Tham gia phiên họp trực tuyến".
    pub label: String,
}

/// A reminder recorded by [`crate::Store::record_reminder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedSend {
    pub id: i64,
    /// E-mail addresses of the units and their active members (deduplicated, sorted).
    pub recipients: Vec<String>,
}

/// An entry of the Board's escalation list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EscalationRecord {
    pub id: i64,
    pub item_id: ItemId,
    pub plan_id: PlanId,
    pub numbering: Option<String>,
    pub title: String,
    pub status: ItemStatus,
    pub due: NaiveDate,
    pub reminders: i64,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub resolved_by: Option<UserId>,
    pub resolution: Option<String>,
}

/// The header counts unread notifications among a user's this many newest ones, so that
/// the count costs the same whatever the history's length.
pub const UNREAD_WINDOW: i64 = 100;

/// An in-app notification, with whether this user has read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotificationRecord {
    pub id: i64,
    pub kind: String,
    pub unit_id: Option<UnitId>,
    pub item_id: Option<ItemId>,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub read: bool,
}

/// A grade as the Board gives it, with the notification's subject for the item's lead
/// units (Vietnamese, worded by the caller like the reminders').
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvaluation {
    pub item_id: ItemId,
    pub period: domain::Period,
    pub grade: Grade,
    pub comment: String,
    pub notice: String,
}

/// One grade given by the Board.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationRecord {
    pub id: i64,
    pub item_id: ItemId,
    pub period: domain::Period,
    pub grade: Grade,
    pub comment: String,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

/// The Board's decision on one version of a progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportReview {
    pub id: i64,
    /// The version reviewed (a `progress_reports` row).
    pub version_id: i64,
    /// The report across its versions (its first version's id).
    pub report_id: i64,
    pub version: i64,
    pub decision: ReviewDecision,
    pub comment: String,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
}

/// A review as the form sends it: the report, the version the page showed, the decision
/// and its comment, and the notification's subject for the unit (Vietnamese, worded by
/// the caller like the reminders').
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReview {
    pub report_id: i64,
    pub opened_version: i64,
    pub decision: ReviewDecision,
    pub comment: String,
    pub notice: String,
}

/// An item on the home page ("Việc của tôi").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkItem {
    pub id: ItemId,
    pub plan_id: PlanId,
    pub numbering: Option<String>,
    pub title: String,
    pub status: ItemStatus,
    pub due: Option<NaiveDate>,
}

/// A report on the home page: its latest version, and the decision it waits on or got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkReport {
    /// The first version's id (the report across versions).
    pub report_id: i64,
    pub version_id: i64,
    pub version: i64,
    pub item_id: ItemId,
    pub numbering: Option<String>,
    pub title: String,
    pub unit_name: String,
    pub period: domain::Period,
    pub created_at: i64,
    /// The return's comment: the one this version got (returned to the unit), or the
    /// one it answers (waiting for review); empty otherwise.
    pub comment: String,
}

/// A grade on the home page, with its item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkGrade {
    pub item_id: ItemId,
    pub numbering: Option<String>,
    pub title: String,
    pub period: domain::Period,
    pub grade: Grade,
    pub comment: String,
    pub created_at: i64,
}

/// The first rows of a list and how many there are, counted up to a cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counted<T> {
    pub rows: Vec<T>,
    pub total: i64,
    /// More match than `total` (the count stopped at the cap).
    pub capped: bool,
}

/// The saved narrative of a results report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDraft {
    pub plan_id: PlanId,
    pub period: domain::Period,
    pub content: serde_json::Value,
    pub version: i64,
    pub updated_at: i64,
    pub updated_by: Option<UserId>,
}

/// An item on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DashboardRow {
    pub id: ItemId,
    pub parent_id: Option<ItemId>,
    pub depth: i64,
    pub numbering: Option<String>,
    pub title: String,
    pub status: ItemStatus,
    pub due: Option<NaiveDate>,
    /// Open and past due at the dashboard's date (`domain::tracking::is_overdue`).
    pub overdue: bool,
    /// The percent of the report in effect at the dashboard's date.
    pub percent: Option<i64>,
    /// Lead units in effect (own, else inherited), by name.
    pub lead_units: Vec<String>,
    /// Units in effect (own, else inherited), both relations.
    pub unit_ids: Vec<UnitId>,
}

/// A recent progress report (latest version).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentReport {
    pub first_id: i64,
    pub item_id: ItemId,
    pub numbering: Option<String>,
    pub title: String,
    pub unit_name: String,
    pub period: String,
    pub percent: Option<i64>,
    pub created_at: i64,
}

/// Everything the dashboard draws, for a plan (and a unit): 5–7 queries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DashboardData {
    pub plan_id: PlanId,
    pub items: Vec<DashboardRow>,
    pub targets: Vec<crate::TargetProgress>,
    pub recent_reports: Vec<RecentReport>,
}

/// A progress report's text for the results report: the latest version of each report
/// whose period lies within the report's period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportText {
    pub item_id: ItemId,
    pub unit_id: UnitId,
    pub unit_name: String,
    pub period: String,
    pub period_end: NaiveDate,
    pub text: String,
    /// Khó khăn, vướng mắc.
    pub difficulties: String,
    /// Đề xuất, kiến nghị.
    pub proposals: String,
    pub percent: Option<i64>,
}

/// A delegation the results report mentions, with the plan items its event counts toward.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanDelegation {
    pub delegation: crate::DelegationRecord,
    pub items: Vec<ItemId>,
}

/// The plan's own Nơi nhận as the reader found it in the document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanRecipients {
    /// (name, note): "Đ/c Giám đốc Sở", "để chỉ đạo".
    pub recipients: Vec<(String, Option<String>)>,
    /// The "Lưu:" line after "Lưu:", as written ("VT, QLDSVH (6b)").
    pub archive: Option<String>,
}

/// A plan's direction record (Công tác chỉ đạo, điều hành): a document issued to carry it
/// out, an inspection or a meeting, with its files.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DirectionRecord {
    pub id: domain::DirectionId,
    pub plan_id: PlanId,
    pub kind: domain::oversight::DirectionKind,
    /// Số, ký hiệu ("285/SVHTT-QLDS").
    pub number: Option<String>,
    pub date: NaiveDate,
    /// Trích yếu.
    pub summary: String,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    /// In the order they were attached.
    pub files: Vec<DirectionFile>,
}

impl DirectionRecord {
    /// The record's fields as a form would type them.
    pub fn input(&self) -> domain::oversight::DirectionInput {
        domain::oversight::DirectionInput {
            kind: self.kind,
            number: self.number.clone(),
            date: self.date,
            summary: self.summary.clone(),
        }
    }
}

/// A file of a direction record, kept in the evidence store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DirectionFile {
    pub id: domain::DirectionFileId,
    pub direction_id: domain::DirectionId,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    pub original_name: String,
    pub stored_path: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: i64,
}

/// A file already in the evidence store, with the name it was uploaded under.
#[derive(Debug, Clone)]
pub struct NewDirectionFile {
    pub stored: crate::evidence_store::StoredFile,
    pub original_name: String,
}

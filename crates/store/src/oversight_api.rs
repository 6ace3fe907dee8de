//! The oversight API (issue 6) of [`Store`]: reminder rules and sends, escalations,
//! notifications, evaluations, report drafts, the dashboard. The queries are in
//! `oversight_ops.rs`, compiled for each backend.

use crate::oversight_model::*;
use crate::{Db, Store, StoreError, postgres, sqlite};
use chrono::NaiveDate;
use domain::oversight::{Grade, Reminder, RuleKind, SendKey};
use domain::{Actor, ItemId, Period, PlanId, UnitId, UserId};
use std::collections::{HashMap, HashSet};

macro_rules! dispatch_oversight {
    ($self:ident, $f:ident ( $($arg:expr),* $(,)? )) => {
        match &$self.db {
            Db::Sqlite(p) => sqlite::oversight_ops::$f(p, &$self.ctx, $($arg),*).await,
            Db::Postgres(p) => postgres::oversight_ops::$f(p, &$self.ctx, $($arg),*).await,
        }
    };
}

type R<T> = Result<T, StoreError>;

impl Store {
    /// Every reminder rule, active or not (migration 0004 seeds 7/3/1 days before and
    /// every 3 days after).
    pub async fn reminder_rules(&self) -> R<Vec<RuleRecord>> {
        dispatch_oversight!(self, reminder_rules())
    }

    /// Makes exactly `kinds` the active rules (adding missing ones); audited when it
    /// changes anything.
    pub async fn set_reminder_rules(
        &self,
        kinds: &[RuleKind],
        actor: Option<UserId>,
    ) -> R<Vec<RuleRecord>> {
        dispatch_oversight!(self, set_reminder_rules(kinds, actor))
    }

    /// Open items due between `from` and `to`, with their lead units in effect. 2 queries.
    pub async fn reminder_candidates(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> R<Vec<ReminderCandidate>> {
        dispatch_oversight!(self, reminder_candidates(from, to))
    }

    /// The sends scheduled on or after `from` (what `domain::oversight::reminders_due`
    /// must not repeat).
    pub async fn reminder_sends_since(&self, from: NaiveDate) -> R<HashSet<SendKey>> {
        dispatch_oversight!(self, reminder_sends_since(from))
    }

    /// Records a reminder and its in-app notifications, once: `None` when this (item,
    /// rule, day) was recorded before, by any server. With `email`, the recipients are the
    /// units' and their active members' addresses, and the send is marked pending.
    pub async fn record_reminder(
        &self,
        r: &Reminder,
        subject: &str,
        body: &str,
        email: bool,
    ) -> R<Option<RecordedSend>> {
        dispatch_oversight!(self, record_reminder(r, subject, body, email))
    }

    /// `sent` or `failed` (with the error) for a send's e-mail.
    pub async fn set_send_email_status(
        &self,
        send_id: i64,
        status: &str,
        error: Option<&str>,
    ) -> R<()> {
        dispatch_oversight!(self, set_send_email_status(send_id, status, error))
    }

    /// An item's sends, oldest first, with their e-mail status.
    pub async fn item_reminder_sends(&self, item: ItemId) -> R<Vec<(SendKey, String)>> {
        dispatch_oversight!(self, item_reminder_sends(item))
    }

    /// Overdue sends per (item, due date) since `from`, and what is already escalated.
    #[allow(clippy::type_complexity)]
    pub async fn escalation_inputs(
        &self,
        from: NaiveDate,
    ) -> R<(
        HashMap<(ItemId, NaiveDate), u32>,
        HashSet<(ItemId, NaiveDate)>,
    )> {
        dispatch_oversight!(self, escalation_inputs(from))
    }

    /// Puts an item on the Board's list for a due date, once, and notifies the Board.
    pub async fn escalate(
        &self,
        item: ItemId,
        due: NaiveDate,
        reminders: u32,
        subject: &str,
    ) -> R<Option<i64>> {
        dispatch_oversight!(self, escalate(item, due, reminders, subject))
    }

    /// The Board's list, newest first (open ones only unless `all`).
    pub async fn escalations(&self, all: bool, limit: i64) -> R<Vec<EscalationRecord>> {
        dispatch_oversight!(self, escalations(all, limit))
    }

    /// Closes an open escalation (Board, admin). False when missing or already closed.
    pub async fn resolve_escalation(&self, id: i64, resolution: &str, actor: &Actor) -> R<bool> {
        dispatch_oversight!(self, resolve_escalation(id, resolution, actor))
    }

    /// A user's notifications (to them or their units), newest first.
    pub async fn notifications(&self, user: UserId, limit: i64) -> R<Vec<NotificationRecord>> {
        dispatch_oversight!(self, notifications(user, limit))
    }

    /// Marks the user's notifications up to `upto_id` read.
    pub async fn mark_notifications_read(&self, user: UserId, upto_id: i64) -> R<u64> {
        dispatch_oversight!(self, mark_notifications_read(user, upto_id))
    }

    /// A grade for an item and period (Board, admin); the history is kept.
    pub async fn add_evaluation(
        &self,
        item: ItemId,
        period: Period,
        grade: Grade,
        comment: &str,
        actor: &Actor,
    ) -> R<EvaluationRecord> {
        dispatch_oversight!(self, add_evaluation(item, period, grade, comment, actor))
    }

    /// An item's grades, newest first.
    pub async fn evaluations(&self, item: ItemId) -> R<Vec<EvaluationRecord>> {
        dispatch_oversight!(self, evaluations(item))
    }

    /// The standing grade per item of a plan for a period.
    pub async fn plan_grades(
        &self,
        plan: PlanId,
        period: Period,
    ) -> R<HashMap<ItemId, EvaluationRecord>> {
        dispatch_oversight!(self, plan_grades(plan, period))
    }

    pub async fn report_draft(&self, plan: PlanId, period: Period) -> R<Option<ReportDraft>> {
        dispatch_oversight!(self, report_draft(plan, period))
    }

    /// Saves a report's narrative over `expected_version` (0 for the first save); a stale
    /// version gives `StoreError::Conflict` with the current content.
    pub async fn save_report_draft(
        &self,
        plan: PlanId,
        period: Period,
        expected_version: i64,
        content: &serde_json::Value,
        actor: &Actor,
    ) -> R<i64> {
        dispatch_oversight!(
            self,
            save_report_draft(plan, period, expected_version, content, actor)
        )
    }

    /// The dashboard of a plan, or of a unit's items in it, with `recent` latest reports.
    pub async fn dashboard(
        &self,
        plan: PlanId,
        unit: Option<UnitId>,
        recent: i64,
    ) -> R<DashboardData> {
        dispatch_oversight!(self, dashboard(plan, unit, recent))
    }

    /// Progress-report texts of a plan within a period (latest versions). 1 query.
    pub async fn report_texts(&self, plan: PlanId, period: Period) -> R<Vec<ReportText>> {
        dispatch_oversight!(self, report_texts(plan, period))
    }

    /// A user's e-mail address for reminders (admins; None clears it).
    pub async fn set_user_email(&self, user: UserId, email: Option<&str>, actor: &Actor) -> R<()> {
        dispatch_oversight!(self, set_email("user", user.0, email, actor))
    }

    /// A unit's mailbox for reminders (admins; None clears it).
    pub async fn set_unit_email(&self, unit: UnitId, email: Option<&str>, actor: &Actor) -> R<()> {
        dispatch_oversight!(self, set_email("unit", unit.0, email, actor))
    }

    /// Units and active users with their e-mail addresses (for the admin's form).
    #[allow(clippy::type_complexity)]
    pub async fn contact_emails(
        &self,
    ) -> R<(
        Vec<(UnitId, String, Option<String>)>,
        Vec<(UserId, String, String, Option<String>)>,
    )> {
        dispatch_oversight!(self, contact_emails())
    }
}

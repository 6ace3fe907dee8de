//! Reminder rules and sends (queries in `sql/reminders.rs`).

use crate::oversight_model::*;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::oversight::{Reminder, RuleKind, SendKey};
use domain::{ItemId, UserId};
use std::collections::HashSet;

type R<T> = Result<T, StoreError>;

impl Store {
    /// Every reminder rule, active or not (migration 0004 seeds 7/3/1 days before and
    /// every 3 days after).
    pub async fn reminder_rules(&self) -> R<Vec<RuleRecord>> {
        dispatch!(self, reminders::reminder_rules())
    }

    /// Makes exactly `kinds` the active rules (adding missing ones); audited when it
    /// changes anything.
    pub async fn set_reminder_rules(
        &self,
        kinds: &[RuleKind],
        actor: Option<UserId>,
    ) -> R<Vec<RuleRecord>> {
        dispatch!(self, reminders::set_reminder_rules(&self.ctx, kinds, actor))
    }

    /// Open items due between `from` and `to`, with their lead units in effect. 2 queries.
    pub async fn reminder_candidates(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> R<Vec<ReminderCandidate>> {
        dispatch!(self, reminders::reminder_candidates(from, to))
    }

    /// The sends scheduled on or after `from` (what `domain::oversight::reminders_due`
    /// must not repeat).
    pub async fn reminder_sends_since(&self, from: NaiveDate) -> R<HashSet<SendKey>> {
        dispatch!(self, reminders::reminder_sends_since(from))
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
        dispatch!(
            self,
            reminders::record_reminder(&self.ctx, r, subject, body, email)
        )
    }

    /// `sent` or `failed` (with the error) for a send's e-mail.
    pub async fn set_send_email_status(
        &self,
        send_id: i64,
        status: &str,
        error: Option<&str>,
    ) -> R<()> {
        dispatch!(
            self,
            reminders::set_send_email_status(send_id, status, error)
        )
    }

    /// An item's sends, oldest first, with their e-mail status.
    pub async fn item_reminder_sends(&self, item: ItemId) -> R<Vec<(SendKey, String)>> {
        dispatch!(self, reminders::item_reminder_sends(item))
    }
}

//! Escalations and notifications (queries in `sql/escalations.rs`).

use crate::oversight_model::*;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::{Actor, ItemId, UserId};
use std::collections::{HashMap, HashSet};

type R<T> = Result<T, StoreError>;

impl Store {
    /// Overdue sends per (item, due date) since `from`, and what is already escalated.
    #[allow(clippy::type_complexity)]
    pub async fn escalation_inputs(
        &self,
        from: NaiveDate,
    ) -> R<(
        HashMap<(ItemId, NaiveDate), u32>,
        HashSet<(ItemId, NaiveDate)>,
    )> {
        dispatch!(self, escalations::escalation_inputs(from))
    }

    /// Puts an item on the Board's list for a due date, once, and notifies the Board.
    pub async fn escalate(
        &self,
        item: ItemId,
        due: NaiveDate,
        reminders: u32,
        subject: &str,
    ) -> R<Option<i64>> {
        dispatch!(
            self,
            escalations::escalate(&self.ctx, item, due, reminders, subject)
        )
    }

    /// The Board's list, newest first (open ones only unless `all`).
    pub async fn escalations(&self, all: bool, limit: i64) -> R<Vec<EscalationRecord>> {
        dispatch!(self, escalations::escalations(all, limit))
    }

    /// Closes an open escalation (Board, admin). False when missing or already closed.
    pub async fn resolve_escalation(&self, id: i64, resolution: &str, actor: &Actor) -> R<bool> {
        dispatch!(
            self,
            escalations::resolve_escalation(&self.ctx, id, resolution, actor)
        )
    }

    /// A user's notifications (to them or their units), newest first.
    pub async fn notifications(&self, user: UserId, limit: i64) -> R<Vec<NotificationRecord>> {
        dispatch!(self, escalations::notifications(user, limit))
    }

    /// How many of the user's newest `UNREAD_WINDOW` notifications are unread (1 query).
    pub async fn unread_notifications(&self, user: UserId) -> R<i64> {
        self.memo("unread_notifications", user.0, "", async {
            dispatch!(self, escalations::unread_notifications(user))
        })
        .await
    }

    /// Marks the user's notifications up to `upto_id` read.
    pub async fn mark_notifications_read(&self, user: UserId, upto_id: i64) -> R<u64> {
        dispatch!(
            self,
            escalations::mark_notifications_read(&self.ctx, user, upto_id)
        )
    }
}

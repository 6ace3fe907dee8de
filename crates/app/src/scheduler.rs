//! The reminder scheduler (đôn đốc), run inside `sangtao serve`.
//!
//! Every few minutes: compute the reminders due today (Asia/Ho_Chi_Minh) with
//! `domain::oversight::reminders_due`, **record each send in the database first** (its
//! UNIQUE (item, rule, day) key makes a second server or a restart a no-op), deliver it in
//! the app (the notification is written in the same transaction), then by e-mail when
//! SMTP is configured, and finally escalate items reminded 3 times while overdue.
//!
//! An e-mail that fails is marked `failed` with the error on its send and not retried:
//! the in-app notification stands, and the Board sees the item escalate in time.

use crate::mail::Mailer;
use chrono::{DateTime, Days, NaiveDate, Utc};
use domain::ItemId;
use domain::oversight::{
    Reminder, ReminderPolicy, ReminderRule, RuleKind, escalations_due, reminders_due, vietnam_today,
};
use std::collections::HashMap;
use std::time::Duration;
use store::Store;

/// How the scheduler runs.
#[derive(Debug, Clone)]
pub struct SchedulerConfig {
    pub interval: Duration,
    pub policy: ReminderPolicy,
    pub mailer: Option<Mailer>,
    /// Base of the links in e-mails ("https://sangtao.example.vn").
    pub public_url: String,
    /// The wording of e-mails and escalations: a message key (`reminder.email_body`,
    /// `reminder.escalation_subject`) and its `{name}` values, in Vietnamese. The web
    /// layer's locale files supply it (`web::i18n::vi_text`), so the words stay at the edge.
    pub texts: Texts,
}

/// See [`SchedulerConfig::texts`].
pub type Texts = fn(&str, &[(&str, &str)]) -> String;

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub reminders: usize,
    pub emails_sent: usize,
    pub emails_failed: usize,
    pub escalations: usize,
}

/// One pass at `now`. Safe to run concurrently on several servers.
pub async fn run_once(
    store: &Store,
    cfg: &SchedulerConfig,
    now: DateTime<Utc>,
) -> Result<RunSummary, store::StoreError> {
    let today = vietnam_today(now);
    let policy = cfg.policy;
    let rules = active_rules(store).await?;
    let (ahead, every) = reach(&rules);
    let back = today - Days::new(u64::from(policy.overdue_horizon_days));
    let candidates = store
        .reminder_candidates(back, today + Days::new(ahead))
        .await?;
    let labels: HashMap<ItemId, &str> = candidates
        .iter()
        .map(|c| (c.open.item, c.label.as_str()))
        .collect();
    let open: Vec<_> = candidates.iter().map(|c| c.open.clone()).collect();
    // Sends scheduled before `back - every` can no longer be the latest for any item.
    let sent = store
        .reminder_sends_since(back - Days::new(every + ahead))
        .await?;
    let mut summary = RunSummary::default();
    for r in reminders_due(today, &open, &rules, &sent, &policy) {
        let label = labels.get(&r.key.item).copied().unwrap_or("");
        send_reminder(store, cfg, &r, label, &mut summary).await?;
    }
    let (counts, done) = store.escalation_inputs(back - Days::new(every)).await?;
    for (item, due) in escalations_due(today, &open, &counts, &done, &policy) {
        let n = counts.get(&(item, due)).copied().unwrap_or(0);
        let subject = (cfg.texts)(
            "reminder.escalation_subject",
            &[
                ("count", &n.to_string()),
                ("item", labels.get(&item).copied().unwrap_or("")),
            ],
        );
        if store.escalate(item, due, n, &subject).await?.is_some() {
            summary.escalations += 1;
        }
    }
    Ok(summary)
}

async fn active_rules(store: &Store) -> Result<Vec<ReminderRule>, store::StoreError> {
    Ok(store
        .reminder_rules()
        .await?
        .into_iter()
        .filter(|r| r.active)
        .map(|r| ReminderRule {
            id: r.id,
            kind: r.kind,
        })
        .collect())
}

/// How far the rules reach: the most days ahead of a due date a reminder goes out, and
/// the longest repeat after it.
fn reach(rules: &[ReminderRule]) -> (u64, u64) {
    let most = |days: fn(RuleKind) -> u32| {
        rules
            .iter()
            .map(|r| u64::from(days(r.kind)))
            .max()
            .unwrap_or(0)
    };
    let ahead = most(|k| match k {
        RuleKind::Before(d) => d,
        RuleKind::EveryAfter(_) => 0,
    });
    let every = most(|k| match k {
        RuleKind::EveryAfter(d) => d,
        RuleKind::Before(_) => 0,
    });
    (ahead, every)
}

/// Records one reminder (with its in-app notification), then e-mails it when SMTP is
/// configured; a failed e-mail is marked on its send, not retried.
async fn send_reminder(
    store: &Store,
    cfg: &SchedulerConfig,
    r: &Reminder,
    label: &str,
    summary: &mut RunSummary,
) -> Result<(), store::StoreError> {
    let subject = reminder_subject(cfg.texts, r, label);
    let link = format!(
        "{}/items/{}",
        cfg.public_url.trim_end_matches('/'),
        r.key.item.0
    );
    let body = (cfg.texts)(
        "reminder.email_body",
        &[
            ("item", label),
            ("due", &domain::format_date(r.due)),
            ("link", &link),
        ],
    );
    let Some(rec) = store
        .record_reminder(r, &subject, &body, cfg.mailer.is_some())
        .await?
    else {
        // Another server recorded it first: it also delivers it.
        return Ok(());
    };
    summary.reminders += 1;
    let Some(m) = cfg.mailer.as_ref().filter(|_| !rec.recipients.is_empty()) else {
        return Ok(());
    };
    match m.send(&rec.recipients, &subject, &body).await {
        Ok(()) => {
            summary.emails_sent += 1;
            store.set_send_email_status(rec.id, "sent", None).await?;
        }
        Err(e) => {
            summary.emails_failed += 1;
            tracing::warn!(send = rec.id, error = %e, "reminder e-mail failed");
            store
                .set_send_email_status(rec.id, "failed", Some(&e))
                .await?;
        }
    }
    Ok(())
}

/// The reminder's subject line (`reminder.subject`): before the due date, on it, or after.
fn reminder_subject(tr: Texts, r: &Reminder, item_label: &str) -> String {
    let when = match r.offset_days {
        d if d < 0 => "before",
        0 => "today",
        _ => "overdue",
    };
    tr(
        "reminder.subject",
        &[
            ("when", when),
            ("days", &r.offset_days.unsigned_abs().to_string()),
            ("due", &domain::format_date(r.due)),
            ("item", item_label),
        ],
    )
}

/// Runs [`run_once`] now and then every `cfg.interval`, until `stop` resolves. Errors are
/// logged and the next pass tries again.
pub async fn run(store: Store, cfg: SchedulerConfig, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    let mut tick = tokio::time::interval(cfg.interval.max(Duration::from_secs(1)));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = tick.tick() => {
                match run_once(&store, &cfg, store.clock().now()).await {
                    Ok(s) if s != RunSummary::default() => tracing::info!(
                        reminders = s.reminders,
                        emails_sent = s.emails_sent,
                        emails_failed = s.emails_failed,
                        escalations = s.escalations,
                        "reminders sent"
                    ),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "reminder pass failed; retrying next time"),
                }
            }
        }
    }
}

/// Reads `before:7,before:3,before:1,every_after:3`.
pub fn parse_rules(s: &str) -> Result<Vec<RuleKind>, String> {
    s.split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<RuleKind>().map_err(|e| e.to_string()))
        .collect()
}

/// A day as the scheduler sees it, for tests: noon in Hà Nội.
pub fn noon_in_hanoi(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(5, 0, 0).expect("valid time").and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_from_config() {
        assert_eq!(
            parse_rules("before:7, before:3,before:1 every_after:3").unwrap(),
            domain::oversight::DEFAULT_RULES.to_vec()
        );
        assert!(parse_rules("before:7,soon").is_err());
        assert!(parse_rules("").unwrap().is_empty());
    }

    #[test]
    fn noon_in_hanoi_is_that_day() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        assert_eq!(vietnam_today(noon_in_hanoi(d)), d);
    }
}

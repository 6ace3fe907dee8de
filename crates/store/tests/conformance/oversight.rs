//! Oversight (issue 6) on both backends: reminder sends recorded once (the database's
//! UNIQUE key), escalation, notifications, evaluations with history, report drafts with
//! versions, the dashboard and the report's source texts, e-mail addresses, audit.

use super::*;
use domain::oversight::{
    Grade, ReminderPolicy, ReminderRule, RuleKind, escalations_due, reminders_due,
};
use domain::{Actor, ItemId, ItemStatus, Percent, Period, PlanId, ReportContent, UnitId};
use store::NewReport;

conformance!(
    oversight_reminders_are_recorded_once_and_escalate,
    oversight_rules_can_be_replaced,
    oversight_evaluations_keep_history,
    oversight_report_drafts_are_versioned,
    oversight_dashboard_and_report_texts,
);

pub(super) struct Fx {
    pub(super) plan: PlanId,
    pub(super) qlds: UnitId,
    pub(super) bao_tang: UnitId,
    pub(super) item1: ItemId,
    pub(super) item11: ItemId,
    pub(super) item2: ItemId,
    pub(super) lead: Actor,
    pub(super) board: Actor,
    pub(super) admin: Actor,
}

pub(super) fn actor(id: UserId, roles: &[Role], units: &[UnitId]) -> Actor {
    Actor {
        user_id: id,
        roles: roles.to_vec(),
        unit_ids: units.to_vec(),
        active: true,
    }
}

pub(super) async fn fx(store: &Store) -> Fx {
    let plan = store
        .import_plan(&sample_plan(), "kh.txt", &"d".repeat(64), None)
        .await
        .unwrap()
        .plan_id();
    let view = store.plan(plan).await.unwrap().unwrap();
    let by_num = |n: &str| {
        view.items
            .iter()
            .flat_map(|r| r.walk())
            .find(|i| i.item.numbering.as_deref() == Some(n))
            .unwrap()
            .item
            .id
    };
    let units = store.list_units().await.unwrap();
    let unit = |name: &str| units.iter().find(|u| u.name.starts_with(name)).unwrap().id;
    let qlds = unit("Phòng Quản lý Di sản");
    let bao_tang = unit("Bảo tàng Hà Nội");
    let lead = store
        .create_user(new_user("lead", &[Role::Staff], &[qlds]))
        .await
        .unwrap();
    let board = store
        .create_user(new_user("board", &[Role::Board], &[]))
        .await
        .unwrap();
    let admin = store
        .create_user(new_user("admin", &[Role::Admin], &[]))
        .await
        .unwrap();
    Fx {
        plan,
        qlds,
        bao_tang,
        item1: by_num("1"),
        item11: by_num("1.1"),
        item2: by_num("2"),
        lead: actor(lead, &[Role::Staff], &[qlds]),
        board: actor(board, &[Role::Board], &[]),
        admin: actor(admin, &[Role::Admin], &[]),
    }
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    match r {
        Err(StoreError::Tracking(domain::TrackingError::Forbidden { .. })) => {}
        other => panic!("expected forbidden, got {other:?}"),
    }
}

/// One scheduler run, as `sangtao serve` does it: candidates, sends, pure rule, record.
async fn run_once(store: &Store, today: chrono::NaiveDate) -> Vec<(ItemId, RuleKind)> {
    let policy = ReminderPolicy::default();
    let rules: Vec<ReminderRule> = store
        .reminder_rules()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.active)
        .map(|r| ReminderRule {
            id: r.id,
            kind: r.kind,
        })
        .collect();
    let from = today - chrono::Days::new(u64::from(policy.overdue_horizon_days));
    let to = today + chrono::Days::new(31);
    let cands = store.reminder_candidates(from, to).await.unwrap();
    let open: Vec<_> = cands.iter().map(|c| c.open.clone()).collect();
    let sent = store
        .reminder_sends_since(from - chrono::Days::new(31))
        .await
        .unwrap();
    let mut out = Vec::new();
    for r in reminders_due(today, &open, &rules, &sent, &policy) {
        if store
            .record_reminder(&r, "Đôn đốc", "", false)
            .await
            .unwrap()
            .is_some()
        {
            out.push((r.key.item, r.kind));
        }
    }
    out
}

async fn oversight_reminders_are_recorded_once_and_escalate(store: &Store) {
    let f = fx(store).await;
    // Every item of the sample plan is due 31/12/2025. Item 2 names no unit and has no
    // parent: nobody to remind.
    let cands = store
        .reminder_candidates(date(2025, 12, 1), date(2025, 12, 31))
        .await
        .unwrap();
    let c2 = cands.iter().find(|c| c.open.item == f.item2).unwrap();
    assert!(c2.open.units.is_empty());
    // 1.1 names no unit: its parent's lead (Phòng QLDSVH) is reminded.
    let c11 = cands.iter().find(|c| c.open.item == f.item11).unwrap();
    assert_eq!(c11.open.units, vec![f.qlds]);
    assert_eq!(c11.label, "1.1 Nội dung");
    assert_eq!(c11.plan_id, f.plan);

    let first = run_once(store, date(2025, 12, 24)).await;
    assert!(first.contains(&(f.item11, RuleKind::Before(7))));
    assert!(!first.iter().any(|(i, _)| *i == f.item2));
    let n = first.len();
    assert!(n >= 6, "{first:?}");
    // Restart, or a second server: the same day sends nothing more.
    assert!(run_once(store, date(2025, 12, 24)).await.is_empty());
    // Two servers racing on the same reminder: exactly one records it.
    let today = date(2025, 12, 28);
    let rules = store.reminder_rules().await.unwrap();
    let r3 = rules
        .iter()
        .find(|r| r.kind == RuleKind::Before(3))
        .unwrap();
    let reminder = domain::oversight::Reminder {
        key: domain::oversight::SendKey {
            item: f.item1,
            rule_id: r3.id,
            day: date(2025, 12, 28),
        },
        kind: RuleKind::Before(3),
        due: date(2025, 12, 31),
        offset_days: -3,
        units: vec![f.qlds],
    };
    let (a, b) = tokio::join!(
        store.record_reminder(&reminder, "Đôn đốc", "", false),
        store.record_reminder(&reminder, "Đôn đốc", "", false)
    );
    assert_eq!(
        [a.unwrap().is_some(), b.unwrap().is_some()]
            .iter()
            .filter(|x| **x)
            .count(),
        1
    );
    let second = run_once(store, today).await;
    assert!(
        !second.contains(&(f.item1, RuleKind::Before(3))),
        "already sent"
    );
    assert!(second.contains(&(f.item11, RuleKind::Before(3))));

    // The lead unit's member sees the notifications; marking them read.
    let notes = store.notifications(f.lead.user_id, 100).await.unwrap();
    assert!(notes.iter().any(|x| x.item_id == Some(f.item11) && !x.read));
    assert!(notes.iter().all(|x| x.kind == "reminder"));
    let top = notes[0].id;
    assert!(
        store
            .mark_notifications_read(f.lead.user_id, top)
            .await
            .unwrap()
            > 0
    );
    assert!(
        store
            .notifications(f.lead.user_id, 100)
            .await
            .unwrap()
            .iter()
            .all(|x| x.read)
    );
    // The Board belongs to no unit: no reminders in its list.
    assert!(
        store
            .notifications(f.board.user_id, 100)
            .await
            .unwrap()
            .is_empty()
    );

    // Overdue: every 3 days after; after the third, the item is escalated once.
    for day in [date(2026, 1, 3), date(2026, 1, 6), date(2026, 1, 9)] {
        let sent = run_once(store, day).await;
        assert!(sent.contains(&(f.item11, RuleKind::EveryAfter(3))), "{day}");
    }
    let (counts, done) = store.escalation_inputs(date(2025, 10, 1)).await.unwrap();
    assert_eq!(counts.get(&(f.item11, date(2025, 12, 31))), Some(&3));
    assert!(done.is_empty());
    let cands = store
        .reminder_candidates(date(2025, 10, 1), date(2026, 1, 31))
        .await
        .unwrap();
    let open: Vec<_> = cands.iter().map(|c| c.open.clone()).collect();
    let due = escalations_due(
        date(2026, 1, 9),
        &open,
        &counts,
        &done,
        &ReminderPolicy::default(),
    );
    assert!(due.contains(&(f.item11, date(2025, 12, 31))));
    let id = store
        .escalate(f.item11, date(2025, 12, 31), 3, "Chuyển Ban Giám đốc")
        .await
        .unwrap()
        .expect("escalated");
    assert_eq!(
        store
            .escalate(f.item11, date(2025, 12, 31), 4, "x")
            .await
            .unwrap(),
        None,
        "once per due date"
    );
    let list = store.escalations(false, 50).await.unwrap();
    let e = list.iter().find(|e| e.id == id).unwrap();
    assert_eq!(
        (e.item_id, e.due, e.reminders),
        (f.item11, date(2025, 12, 31), 3)
    );
    // The Board is told.
    let board_notes = store.notifications(f.board.user_id, 10).await.unwrap();
    assert_eq!(board_notes[0].kind, "escalation");
    assert_eq!(board_notes[0].subject, "Chuyển Ban Giám đốc");
    // Only the Board (or an admin) closes it.
    forbidden(store.resolve_escalation(id, "x", &f.lead).await);
    assert!(
        store
            .resolve_escalation(id, "Đã họp giao ban", &f.board)
            .await
            .unwrap()
    );
    assert!(
        !store
            .resolve_escalation(id, "again", &f.board)
            .await
            .unwrap()
    );
    // One that never existed is not found, not "already resolved".
    assert!(matches!(
        store.resolve_escalation(id + 1000, "x", &f.board).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(
        store
            .escalations(false, 50)
            .await
            .unwrap()
            .iter()
            .all(|e| e.id != id)
    );
    let all = store.escalations(true, 50).await.unwrap();
    let e = all.iter().find(|e| e.id == id).unwrap();
    assert_eq!(e.resolution.as_deref(), Some("Đã họp giao ban"));
    assert_eq!(e.resolved_by, Some(f.board.user_id));

    // A completed item gets nothing more.
    let t = store.item_tracking(f.item1).await.unwrap().unwrap();
    store
        .set_item_status(f.item1, t.version, ItemStatus::Done, None, &f.board)
        .await
        .unwrap();
    let later = run_once(store, date(2026, 1, 12)).await;
    assert!(!later.iter().any(|(i, _)| *i == f.item1));
    assert!(later.iter().any(|(i, _)| *i == f.item11));

    // Every send and escalation is audited on its item.
    let audit = store.audit_for_item(f.item11, None, 100).await.unwrap();
    let actions: Vec<&str> = audit.entries.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.iter().filter(|a| **a == "reminder.send").count() >= 5);
    assert!(actions.contains(&"item.escalate"));
    assert!(actions.contains(&"escalation.resolve"));
    let sends = store.item_reminder_sends(f.item11).await.unwrap();
    assert_eq!(
        sends.len(),
        audit
            .entries
            .iter()
            .filter(|e| e.action == "reminder.send")
            .count()
    );
    assert!(
        sends.iter().all(|(_, status)| status == "none"),
        "no e-mail configured"
    );
}

async fn oversight_rules_can_be_replaced(store: &Store) {
    let f = fx(store).await;
    let rules = store.reminder_rules().await.unwrap();
    let active: Vec<RuleKind> = rules.iter().filter(|r| r.active).map(|r| r.kind).collect();
    assert_eq!(
        active,
        domain::oversight::DEFAULT_RULES.to_vec(),
        "seeded by the migration"
    );
    let after = store
        .set_reminder_rules(&[RuleKind::Before(2), RuleKind::EveryAfter(3)], None)
        .await
        .unwrap();
    let active: Vec<RuleKind> = after.iter().filter(|r| r.active).map(|r| r.kind).collect();
    assert_eq!(active, vec![RuleKind::EveryAfter(3), RuleKind::Before(2)]);
    // Old rules stay (sends refer to them), switched off.
    assert!(
        after
            .iter()
            .any(|r| r.kind == RuleKind::Before(7) && !r.active)
    );
    // The same set again changes nothing and writes no audit entry.
    let before = raw_count(
        store,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'reminder_rules.set'",
    )
    .await;
    assert_eq!(before, 1);
    store
        .set_reminder_rules(&[RuleKind::EveryAfter(3), RuleKind::Before(2)], None)
        .await
        .unwrap();
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'reminder_rules.set'"
        )
        .await,
        1
    );
    // E-mail addresses: admins only; recipients are the unit's and its members'.
    forbidden(
        store
            .set_unit_email(f.qlds, Some("qlds@example.vn"), &f.board)
            .await,
    );
    store
        .set_unit_email(f.qlds, Some("qlds@example.vn"), &f.admin)
        .await
        .unwrap();
    store
        .set_user_email(f.lead.user_id, Some("lead@example.vn"), &f.admin)
        .await
        .unwrap();
    let rule = after
        .iter()
        .find(|r| r.kind == RuleKind::Before(2))
        .unwrap();
    let r = domain::oversight::Reminder {
        key: domain::oversight::SendKey {
            item: f.item1,
            rule_id: rule.id,
            day: date(2025, 12, 29),
        },
        kind: rule.kind,
        due: date(2025, 12, 31),
        offset_days: -2,
        units: vec![f.qlds, f.bao_tang],
    };
    let sent = store
        .record_reminder(&r, "s", "b", true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.recipients, vec!["lead@example.vn", "qlds@example.vn"]);
    store
        .set_send_email_status(sent.id, "sent", None)
        .await
        .unwrap();
    let sends = store.item_reminder_sends(f.item1).await.unwrap();
    assert_eq!(sends[0].1, "sent");
    // Notifications went to both units.
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM notifications WHERE kind = 'reminder'"
        )
        .await,
        2
    );
}

fn grade(item: ItemId, period: Period, grade: Grade, comment: &str) -> store::NewEvaluation {
    store::NewEvaluation {
        item_id: item,
        period,
        grade,
        comment: comment.into(),
        notice: format!("[Đánh giá] {comment}"),
    }
}

async fn oversight_evaluations_keep_history(store: &Store) {
    let f = fx(store).await;
    let h1 = Period::Half(2025, 1);
    forbidden(
        store
            .add_evaluation(&grade(f.item1, h1, Grade::Good, ""), &f.lead)
            .await,
    );
    store
        .add_evaluation(&grade(f.item1, h1, Grade::Fair, "Cần đẩy nhanh"), &f.board)
        .await
        .unwrap();
    store
        .add_evaluation(&grade(f.item1, h1, Grade::Good, "Đã khắc phục"), &f.board)
        .await
        .unwrap();
    store
        .add_evaluation(
            &grade(f.item1, Period::Year(2025), Grade::Average, ""),
            &f.admin,
        )
        .await
        .unwrap();
    store
        .add_evaluation(
            &grade(f.item11, h1, Grade::Poor, "Chưa triển khai"),
            &f.board,
        )
        .await
        .unwrap();
    let hist = store.evaluations(f.item1).await.unwrap();
    assert_eq!(
        hist.iter().map(|e| e.grade).collect::<Vec<_>>(),
        vec![Grade::Average, Grade::Good, Grade::Fair],
        "newest first, nothing lost"
    );
    assert_eq!(hist[1].comment, "Đã khắc phục");
    assert_eq!(hist[1].created_by_name.as_deref(), Some("Người dùng board"));
    let grades = store.plan_grades(f.plan, h1).await.unwrap();
    assert_eq!(grades.len(), 2);
    assert_eq!(grades[&f.item1].grade, Grade::Good, "the latest stands");
    assert_eq!(grades[&f.item11].grade, Grade::Poor);
    // Append-only in the database itself.
    assert!(
        raw_execute(store, "UPDATE evaluations SET grade = 'good'")
            .await
            .is_err()
    );
    // Audited with the previous grade.
    let audit = store.audit_for_item(f.item1, None, 10).await.unwrap();
    let e = audit
        .entries
        .iter()
        .find(|e| e.action == "item.evaluate" && e.after.as_ref().unwrap()["grade"] == "good")
        .unwrap();
    assert_eq!(e.before.as_ref().unwrap()["grade"], "fair");
    assert_eq!(e.actor, Some(f.board.user_id));
}

async fn oversight_report_drafts_are_versioned(store: &Store) {
    let f = fx(store).await;
    let year = Period::Year(2025);
    assert!(store.report_draft(f.plan, year).await.unwrap().is_none());
    let v1 = serde_json::json!({ "direction": "Sở đã ban hành kế hoạch." });
    forbidden(store.save_report_draft(f.plan, year, 0, &v1, &f.lead).await);
    assert_eq!(
        store
            .save_report_draft(f.plan, year, 0, &v1, &f.board)
            .await
            .unwrap(),
        1
    );
    let v2 = serde_json::json!({ "direction": "Sửa lần 2" });
    match store
        .save_report_draft(f.plan, year, 0, &v2, &f.admin)
        .await
    {
        Err(StoreError::Conflict {
            conflict, current, ..
        }) => {
            assert_eq!((conflict.current, conflict.attempted), (1, 0));
            assert_eq!(current, v1);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store
            .save_report_draft(f.plan, year, 1, &v2, &f.board)
            .await
            .unwrap(),
        2
    );
    let d = store.report_draft(f.plan, year).await.unwrap().unwrap();
    assert_eq!((d.version, d.content.clone()), (2, v2));
    assert_eq!(d.updated_by, Some(f.board.user_id));
    // Another period has its own draft; a quarter is refused.
    assert!(
        store
            .report_draft(f.plan, Period::Half(2025, 1))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .save_report_draft(f.plan, Period::Quarter(2025, 2), 0, &v1, &f.board)
            .await
            .is_err()
    );
    let audit = store.audit_for_plan(f.plan, None, 20).await.unwrap();
    let saves: Vec<_> = audit
        .entries
        .iter()
        .filter(|e| e.action == "report_draft.save")
        .collect();
    assert_eq!(saves.len(), 2);
    assert_eq!(saves[0].before.as_ref().unwrap()["version"], 1);
}

async fn oversight_dashboard_and_report_texts(store: &Store) {
    let f = fx(store).await;
    let coord = store
        .create_user(new_user("coord", &[Role::Staff], &[f.bao_tang]))
        .await
        .unwrap();
    let coord = actor(coord, &[Role::Staff], &[f.bao_tang]);
    let report = |unit, period, text: &str, percent| NewReport {
        item_id: f.item1,
        unit_id: unit,
        period,
        content: ReportContent::new(text, Some(Percent::new(percent).unwrap()), vec![], &[])
            .unwrap(),
        evidence: vec![],
    };
    store
        .file_report(
            &report(f.qlds, Period::Quarter(2025, 1), "Quý 1: chuẩn bị", 20),
            &f.lead,
        )
        .await
        .unwrap();
    store
        .file_report(
            &report(f.qlds, Period::Quarter(2025, 3), "Quý 3: đã dự 2 phiên", 60),
            &f.lead,
        )
        .await
        .unwrap();
    store
        .file_report(
            &report(f.bao_tang, Period::Half(2025, 1), "Bảo tàng phối hợp", 30),
            &coord,
        )
        .await
        .unwrap();

    let year_end = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let d = store.dashboard(f.plan, None, 10, year_end).await.unwrap();
    assert_eq!(
        d.items.len(),
        8,
        "every item of the plan, appendix row included"
    );
    let row1 = d.items.iter().find(|i| i.id == f.item1).unwrap();
    assert_eq!(row1.percent, Some(60), "latest period end");
    // As of the first half's end the third quarter's report is not in effect yet: the
    // half-year report (latest period end by then) gives the figure.
    let h1_end = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let at_h1 = store.dashboard(f.plan, None, 0, h1_end).await.unwrap();
    let row1_h1 = at_h1.items.iter().find(|i| i.id == f.item1).unwrap();
    assert_eq!(row1_h1.percent, Some(30));
    assert_eq!(row1.lead_units, vec!["Phòng Quản lý Di sản văn hóa"]);
    let row11 = d.items.iter().find(|i| i.id == f.item11).unwrap();
    assert_eq!(row11.lead_units, row1.lead_units, "inherited");
    assert_eq!(d.targets.len(), 3);
    assert_eq!(d.recent_reports.len(), 3);
    assert_eq!(d.recent_reports[0].unit_name, "Bảo tàng Hà Nội");

    // Bảo tàng coordinates item 1 (and so 1.1 and its activity); nothing else.
    let b = store
        .dashboard(f.plan, Some(f.bao_tang), 10, year_end)
        .await
        .unwrap();
    let ids: Vec<ItemId> = b.items.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(ids.contains(&f.item1) && ids.contains(&f.item11) && !ids.contains(&f.item2));
    assert_eq!(b.targets.len(), 2, "the targets of 1.1");
    assert_eq!(b.recent_reports.len(), 1);

    let h1 = store
        .report_texts(f.plan, Period::Half(2025, 1))
        .await
        .unwrap();
    let texts: Vec<&str> = h1.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, vec!["Quý 1: chuẩn bị", "Bảo tàng phối hợp"]);
    let year = store
        .report_texts(f.plan, Period::Year(2025))
        .await
        .unwrap();
    assert_eq!(year.len(), 3);
    assert_eq!(year[2].text, "Quý 3: đã dự 2 phiên");
    assert_eq!(year[2].percent, Some(60));
}

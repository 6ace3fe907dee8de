//! Targets that count records by default (issue 11) on both backends: the seed plan's
//! wording gives its five targets their counting rules at import; a held session counts
//! with no setting changed; the units' reported figure is kept beside the count; and the
//! progress as of a day leaves out later records and reports.

use super::*;
use domain::{
    Actor, CountingRule, Discrepancy, EventFormat, EventKind, EventScope, EventStatus, EventTimes,
    Figure, ItemId, Measure, Organiser, Percent, Period, PlanId, ReportContent, UnitId, Window,
};
use store::{EventInput, NewReport, TargetProgress, TargetSource};

conformance!(
    targets_of_the_seed_plan_are_counted_from_import,
    targets_keep_the_reported_figure_beside_the_count,
    targets_of_an_older_database_get_their_rules_once,
);

const SEED: &str = include_str!("../../../sangtao/seed/hanoi-2025-uccn.txt");

struct Seed {
    plan: PlanId,
    /// "Tham gia các phiên họp online … (20-30 cuộc/năm)".
    sessions: ItemId,
    sessions_target: i64,
    qlds: UnitId,
    lead: Actor,
}

async fn seed(store: &Store) -> Seed {
    let parsed = vanban::parse_text(SEED);
    let sha = domain::password::sha256_hex(SEED.as_bytes());
    let boot = store
        .bootstrap(&parsed, "hanoi-2025-uccn.txt", &sha)
        .await
        .unwrap()
        .unwrap();
    let view = store.plan(boot.plan_id).await.unwrap().unwrap();
    let sessions = view
        .items
        .iter()
        .flat_map(|r| r.walk())
        .find(|n| n.item.title.starts_with("Tham gia các phiên họp online"))
        .expect("the sessions item");
    let qlds = store
        .list_units()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.name.starts_with("Phòng Quản lý Di sản"))
        .unwrap()
        .id;
    let lead = store
        .create_user(new_user("lead", &[Role::Staff], &[qlds]))
        .await
        .unwrap();
    Seed {
        plan: boot.plan_id,
        sessions: sessions.item.id,
        sessions_target: sessions.targets[0].id,
        qlds,
        lead: Actor {
            user_id: lead,
            roles: vec![Role::Staff],
            unit_ids: vec![qlds],
            active: true,
        },
    }
}

/// An online session of the seed's lead unit, linked to the sessions item.
fn session(s: &Seed, title: &str, day: chrono::NaiveDate, status: EventStatus) -> EventInput {
    let start = day.and_hms_opt(14, 0, 0).unwrap();
    EventInput {
        title: title.into(),
        kind: EventKind::OnlineSession,
        scope: EventScope::Global,
        format: EventFormat::Online,
        organiser: Organiser::Unesco,
        organiser_name: String::new(),
        topic: "Mạng lưới các Thành phố sáng tạo".into(),
        times: EventTimes::resolve(
            "Asia/Ho_Chi_Minh",
            start,
            start + chrono::Duration::hours(2),
        )
        .unwrap(),
        venue: String::new(),
        online_url: "https://meet.example.org/uccn".into(),
        lead_units: vec![s.qlds],
        coordinating_units: vec![],
        items: vec![s.sessions],
        status,
    }
}

/// A report of the lead unit on the sessions item with one figure.
fn report(s: &Seed, period: Period, figure: f64) -> NewReport {
    NewReport {
        item_id: s.sessions,
        unit_id: s.qlds,
        period,
        content: ReportContent::new(
            "Đã tham gia các phiên họp trực tuyến của Mạng lưới",
            Some(Percent::new(50).unwrap()),
            vec![(s.sessions_target, Figure::new(figure).unwrap())],
            &[s.sessions_target],
        )
        .unwrap(),
        evidence: vec![],
    }
}

fn of(progress: &[TargetProgress], target: i64) -> TargetProgress {
    progress
        .iter()
        .find(|t| t.target_id == target)
        .cloned()
        .expect("the target")
}

async fn targets_of_the_seed_plan_are_counted_from_import(store: &Store) {
    let s = seed(store).await;
    let progress = store.plan_target_progress(s.plan).await.unwrap();
    let rule = |t: &TargetProgress| match &t.source {
        TargetSource::Counted { rule } => rule.clone(),
        TargetSource::Entered => panic!("{} is entered", t.text),
    };
    // The seed's five targets, in document order, each counting what its wording names.
    let rules: Vec<(String, Vec<String>, Vec<String>, Measure)> = progress
        .iter()
        .map(|t| {
            let r = rule(t);
            assert_eq!(r.window, Window::Year { year: 2025 }, "{}", t.text);
            assert_eq!(r.item, Some(t.item_id), "{}", t.text);
            (t.text.clone(), r.kinds, r.statuses, r.measure)
        })
        .collect();
    let strings = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let sum = |f: &str| Measure::Sum { field: f.into() };
    assert_eq!(
        rules,
        vec![
            (
                "20-30 cuộc/năm".into(),
                strings(&["online_session"]),
                strings(&["held"]),
                Measure::Count
            ),
            (
                "02-03 clip".into(),
                strings(&["clip"]),
                strings(&["published"]),
                Measure::Count
            ),
            (
                "03-05 cuộc".into(),
                strings(&["talk", "workshop", "display", "exhibition"]),
                strings(&["held"]),
                Measure::Count
            ),
            (
                "30- 40 trang".into(),
                strings(&["magazine"]),
                strings(&["published"]),
                sum("pages")
            ),
            (
                "12-15 phút".into(),
                strings(&["documentary"]),
                strings(&["published"]),
                sum("minutes")
            ),
        ]
    );
    // Nothing held yet: 0 counted, nothing reported.
    let t = of(&progress, s.sessions_target);
    assert_eq!((t.actual, t.reported), (Some(0.0), None));
    assert_eq!(t.attainment, Some(domain::Attainment::Below));
    // The import's choice is the lead unit's to change, and it is audited as any change.
    let entered = TargetSource::Entered;
    store
        .set_target_source(s.sessions_target, &entered, &s.lead)
        .await
        .unwrap();
    let t = of(
        &store.plan_target_progress(s.plan).await.unwrap(),
        s.sessions_target,
    );
    assert_eq!((t.source, t.actual), (entered, None));
}

async fn targets_keep_the_reported_figure_beside_the_count(store: &Store) {
    let s = seed(store).await;
    let progress = |store: &Store| {
        let plan = s.plan;
        let target = s.sessions_target;
        let store = store.clone();
        async move { of(&store.plan_target_progress(plan).await.unwrap(), target) }
    };
    let as_of = |store: &Store, day: chrono::NaiveDate| {
        let plan = s.plan;
        let target = s.sessions_target;
        let store = store.clone();
        async move {
            of(
                &store.plan_target_progress_as_of(plan, day).await.unwrap(),
                target,
            )
        }
    };
    // A held online session linked to the item counts, with no setting changed.
    let first = store
        .create_event(
            &session(
                &s,
                "Phiên họp Mạng lưới tháng 3",
                date(2025, 3, 15),
                EventStatus::Held,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let t = progress(store).await;
    assert_eq!((t.actual, t.reported), (Some(1.0), None));
    assert_eq!(t.discrepancy(), None, "nothing reported");

    // The unit reports 12: both figures are kept, the count stays the actual.
    store
        .file_report(&report(&s, Period::Quarter(2025, 2), 12.0), &s.lead)
        .await
        .unwrap();
    let t = progress(store).await;
    assert_eq!((t.actual, t.reported), (Some(1.0), Some(12.0)));
    assert_eq!(
        t.discrepancy(),
        Some(Discrepancy {
            reported: 12.0,
            counted: 1.0,
            difference: 11.0
        })
    );
    assert!(matches!(
        t.source,
        TargetSource::Counted {
            rule: CountingRule { .. }
        }
    ));

    // Un-holding the session takes it out at once (held → confirmed → cancelled).
    store
        .set_event_status(first, 1, EventStatus::Confirmed, &s.lead)
        .await
        .unwrap();
    assert_eq!(progress(store).await.actual, Some(0.0));
    store
        .set_event_status(first, 2, EventStatus::Cancelled, &s.lead)
        .await
        .unwrap();
    let t = progress(store).await;
    assert_eq!((t.actual, t.reported), (Some(0.0), Some(12.0)));

    // As of a day: sessions held later and reports on periods not yet begun do not count.
    for (title, day) in [
        ("Phiên họp tháng 3", date(2025, 3, 20)),
        ("Phiên họp tháng 9", date(2025, 9, 10)),
    ] {
        store
            .create_event(&session(&s, title, day, EventStatus::Held), &s.lead)
            .await
            .unwrap();
    }
    store
        .file_report(&report(&s, Period::Quarter(2025, 3), 20.0), &s.lead)
        .await
        .unwrap();
    let now = progress(store).await;
    assert_eq!((now.actual, now.reported), (Some(2.0), Some(20.0)));
    let june = as_of(store, date(2025, 6, 30)).await;
    assert_eq!((june.actual, june.reported), (Some(1.0), Some(12.0)));
    // A quarter's report is in effect once the quarter has begun (as the item's percent):
    // mid-August, the third quarter's 20 is the figure; September's session is not yet.
    let august = as_of(store, date(2025, 8, 15)).await;
    assert_eq!((august.actual, august.reported), (Some(1.0), Some(20.0)));
    let march = as_of(store, date(2025, 3, 31)).await;
    assert_eq!((march.actual, march.reported), (Some(1.0), None));
    let before = as_of(store, date(2025, 3, 19)).await;
    assert_eq!((before.actual, before.reported), (Some(0.0), None));
    assert_eq!(before.attainment, Some(domain::Attainment::Below));
    // A day after everything: the same as no cut-off.
    assert_eq!(as_of(store, date(2025, 12, 31)).await, now);
}

/// A database imported before targets were counted from their wording: on the next start
/// (`migrate`), each target still on reported figures gets its rule, audited, except one a
/// person switched by hand; and it happens once.
async fn targets_of_an_older_database_get_their_rules_once(store: &Store) {
    let s = seed(store).await;
    // As an older version left it: every target on reported figures, not yet suggested.
    raw_execute(
        store,
        "UPDATE targets SET source = 'entered', rule_json = NULL",
    )
    .await
    .unwrap();
    raw_execute(
        store,
        "DELETE FROM store_meta WHERE key = 'counting_rules_suggested'",
    )
    .await
    .unwrap();
    // The lead unit chose reported figures for the sessions target by hand.
    store
        .set_target_source(s.sessions_target, &TargetSource::Entered, &s.lead)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let progress = store.plan_target_progress(s.plan).await.unwrap();
    let counted = progress
        .iter()
        .filter(|t| matches!(t.source, TargetSource::Counted { .. }))
        .count();
    assert_eq!(
        counted, 4,
        "the five seed targets but the one chosen by hand"
    );
    assert_eq!(
        of(&progress, s.sessions_target).source,
        TargetSource::Entered
    );
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'target.source.suggested'"
        )
        .await,
        4
    );
    // Once: a later start changes nothing, even where a target is back on figures.
    raw_execute(
        store,
        "UPDATE targets SET source = 'entered', rule_json = NULL",
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let again = store.plan_target_progress(s.plan).await.unwrap();
    assert!(again.iter().all(|t| t.source == TargetSource::Entered));
}

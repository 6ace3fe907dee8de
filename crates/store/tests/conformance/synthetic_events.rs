//! `sangtao dev seed --events N` (issue 15): the synthetic events are real events, each
//! with its countable record, held when their day has passed and planned or confirmed
//! when it is to come, and the counted targets of their activities count the held ones.

use super::*;
use store::{SyntheticSpec, TargetSource};

conformance!(synthetic_events_are_counted_by_their_targets);

async fn synthetic_events_are_counted_by_their_targets(store: &Store) {
    let spec = SyntheticSpec {
        plans: 8,
        items: 480,
        reports: 0,
        events: 400,
        seed: 15,
    };
    let made = store.generate_synthetic(spec).await.unwrap();
    assert_eq!((made.plans, made.items, made.events), (8, 480, 400));
    assert_eq!(raw_count(store, "SELECT COUNT(*) FROM events").await, 400);
    assert_eq!(
        raw_count(store, "SELECT COUNT(*) FROM event_items").await,
        400
    );
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM event_units WHERE relation = 'lead'"
        )
        .await,
        400
    );
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM records r JOIN record_items ri ON ri.record_id = r.id
             JOIN events e ON r.source_key = 'event:' || e.id
             JOIN event_items ei ON ei.event_id = e.id AND ei.item_id = ri.item_id
             WHERE r.kind = e.kind AND r.status = e.status"
        )
        .await,
        400,
        "each event's record mirrors it"
    );
    // The test clock is 2026-11-16: events before it are held or cancelled, after it
    // planned or confirmed; seed 15 gives a 2026 plan, so some are to come.
    let now = test_now().timestamp();
    let upcoming: Vec<(String, i64)> = events_by(store, "SELECT status, start_at FROM events")
        .await
        .into_iter()
        .filter(|(_, at)| *at > now)
        .collect();
    assert!(!upcoming.is_empty());
    assert!(
        upcoming
            .iter()
            .all(|(s, _)| s == "planned" || s == "confirmed")
    );
    assert!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM events WHERE status = 'cancelled'"
        )
        .await
            > 0
    );
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM events WHERE status IN ('held', 'cancelled')"
        )
        .await,
        400 - upcoming.len() as i64
    );
    // Each counted target counts the held events of its kinds on its item.
    let held: Vec<(String, i64)> = events_by(
        store,
        "SELECT e.kind, ei.item_id FROM events e JOIN event_items ei ON ei.event_id = e.id
         WHERE e.status = 'held'",
    )
    .await;
    let mut counted_events = 0;
    for plan in store.list_plans().await.unwrap() {
        for t in store.plan_target_progress(plan.id).await.unwrap() {
            let TargetSource::Counted { rule } = &t.source else {
                continue;
            };
            let expected = held
                .iter()
                .filter(|(kind, item)| *item == t.item_id.0 && rule.kinds.contains(kind))
                .count();
            assert_eq!(
                t.actual.unwrap_or(0.0),
                expected as f64,
                "target {} ({})",
                t.target_id,
                t.text
            );
            counted_events += expected;
        }
    }
    assert!(counted_events > 0, "the targets count some events");
}

/// Rows of (text, integer).
async fn events_by(store: &Store, sql: &'static str) -> Vec<(String, i64)> {
    match store.db() {
        Db::Sqlite(p) => sqlx::query_as(sql).fetch_all(&p.read).await.unwrap(),
        Db::Postgres(p) => sqlx::query_as(sql).fetch_all(&p.read).await.unwrap(),
    }
}

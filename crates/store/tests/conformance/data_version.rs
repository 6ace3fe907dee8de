//! The data's version, which the plan, state and money caches key on (migration 0031), on
//! both backends: every write moves it; a writer holding the version's row (as a commit does
//! while it runs) makes the next writer's commit wait, and a reader meanwhile sees the version
//! before both. So a view cached under version N holds every write up to N, on PostgreSQL
//! too, where the highest audit id (the key before) could be passed by a later commit of a
//! lower id. The target-progress cache keyed on it is checked here too.

use super::events::seed;
use super::*;
use store::PersonInput;

conformance!(data_version_counts_commits_and_writers_take_turns);
conformance!(target_progress_is_kept_until_a_write);

/// Opens a writing transaction that bumps the version as `WriteTx::commit` does and holds
/// it, makes a store write wait behind it, and checks what readers see before and after it
/// commits.
macro_rules! hold_write {
    ($store:expr, $begin:expr, $write:expr, $before:expr) => {{
        let mut tx = $begin.await.expect("a writing transaction");
        sqlx::query("UPDATE write_counter SET n = n + 1 WHERE id = 1")
            .execute(&mut *tx)
            .await
            .expect("the bump");
        let waiting = tokio::spawn($write);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!waiting.is_finished(), "the second writer waits its turn");
        assert_eq!(
            $store.data_version().await.unwrap(),
            $before,
            "nothing committed yet"
        );
        tx.commit().await.expect("commit");
        waiting.await.unwrap();
        assert_eq!($store.data_version().await.unwrap(), $before + 2);
    }};
}

async fn data_version_counts_commits_and_writers_take_turns(store: &Store) {
    let s = seed(store).await;
    let person = |name: &str| PersonInput {
        kind: Some(domain::PersonKind::Expert),
        name: name.into(),
        ..Default::default()
    };
    let v0 = store.data_version().await.unwrap();
    store
        .create_person(&person("Lê Hà"), &s.board)
        .await
        .unwrap();
    let v1 = store.data_version().await.unwrap();
    assert_eq!(v1, v0 + 1, "one write, one step");
    // Reads do not move it.
    store.list_people(None, None).await.unwrap();
    assert_eq!(store.data_version().await.unwrap(), v1);
    // A refused write rolls its step back with it.
    let nobody = domain::Actor {
        roles: vec![],
        ..s.board.clone()
    };
    assert!(
        store
            .create_person(&person("Không"), &nobody)
            .await
            .is_err()
    );
    assert_eq!(store.data_version().await.unwrap(), v1);

    let (other, board) = (store.clone(), s.board.clone());
    let write = async move {
        other
            .create_person(&person("Trần An"), &board)
            .await
            .unwrap();
    };
    match store.db() {
        Db::Sqlite(p) => hold_write!(store, p.write.begin_with("BEGIN IMMEDIATE"), write, v1),
        Db::Postgres(p) => hold_write!(store, p.write.begin(), write, v1),
    }
}

/// A plan's target progress is computed once per version of the data: asking again costs no
/// query, and a saved record (or any write) makes the next ask compute it afresh, as of a day
/// as well as overall.
async fn target_progress_is_kept_until_a_write(store: &Store) {
    use domain::{CountingRule, Measure, Window};
    use store::{CountableRecord, TargetSource};
    let s = seed(store).await;
    let rule = CountingRule {
        kinds: vec!["test_meeting".into()],
        statuses: vec!["held".into()],
        window: Window::Year { year: 2025 },
        item: Some(s.sessions_item),
        measure: Measure::Count,
    };
    store
        .set_target_source(s.sessions_target, &TargetSource::Counted { rule }, &s.board)
        .await
        .unwrap();
    let actual = |p: &[store::TargetProgress]| {
        p.iter()
            .find(|t| t.target_id == s.sessions_target)
            .expect("the sessions target")
            .actual
    };
    let first = store.plan_target_progress(s.plan).await.unwrap();
    assert_eq!(actual(&first), Some(0.0));
    let q = store.view_query_count();
    let again = store.plan_target_progress(s.plan).await.unwrap();
    assert_eq!(
        store.view_query_count(),
        q,
        "no query while nothing changed"
    );
    assert_eq!(again.len(), first.len());

    let day = date(2025, 3, 10);
    let held = CountableRecord {
        source_key: "test:held".into(),
        kind: "test_meeting".into(),
        status: "held".into(),
        date: Some(day),
        title: "Phiên họp trực tuyến".into(),
        numbers: Default::default(),
        items: vec![s.sessions_item],
    };
    store.save_record(&held).await.unwrap();
    let after = store.plan_target_progress(s.plan).await.unwrap();
    assert!(
        store.view_query_count() > q,
        "computed afresh after a write"
    );
    assert_eq!(actual(&after), Some(1.0), "the new record counts");
    // As of a day: the day before the meeting does not count it, the day itself does, and
    // each day is kept apart.
    let on = |d| store.plan_target_progress_as_of(s.plan, d);
    assert_eq!(actual(&on(date(2025, 3, 9)).await.unwrap()), Some(0.0));
    assert_eq!(actual(&on(day).await.unwrap()), Some(1.0));
    let q = store.view_query_count();
    assert_eq!(actual(&on(date(2025, 3, 9)).await.unwrap()), Some(0.0));
    assert_eq!(store.view_query_count(), q, "the earlier day is kept too");
}

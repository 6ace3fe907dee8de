//! The data's version, which the plan, state, money and target caches key on, on both
//! backends: every committed write changes it and reads do not, and a view cached while a
//! write was under way is not served once that write has committed. On SQLite it is a
//! counter each commit bumps (migration 0031): a writer holding its row makes the next
//! writer's commit wait, and a reader meanwhile sees the version before both. On PostgreSQL
//! it is the reader's snapshot, so writers never wait for each other's commits.

use super::events::seed;
use super::*;
use store::PersonInput;

conformance!(
    data_version_moves_with_commits_only,
    a_view_cached_during_a_write_is_not_served_after_its_commit,
);
conformance!(
    target_progress_is_kept_until_a_write,
    the_plan_list_is_kept_until_a_write,
    the_dashboard_is_kept_until_a_write,
    the_item_page_reads_are_kept_until_a_write,
    a_kept_session_still_expires_and_ends,
);

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

/// Whether `read` asks the database nothing when made twice at one version of the data:
/// no view query and no memoized read (`Store::memo`) goes to it the second time.
/// PostgreSQL's version is the cluster's snapshot, which other tests' databases move at
/// any moment, so the check is made again until the version stood still across it.
async fn kept<F, Fut>(store: &Store, read: F) -> bool
where
    F: Fn() -> Fut,
    Fut: std::future::Future,
{
    for _ in 0..200 {
        let v = store.data_version().await.unwrap();
        read().await;
        let (q, m) = (store.view_query_count(), store.memo_load_count());
        read().await;
        let asked = (store.view_query_count() - q) + (store.memo_load_count() - m);
        if store.data_version().await.unwrap() == v {
            return asked == 0;
        }
    }
    panic!("the data version never stood still")
}

/// Whether `act` leaves the version where it was (made again until nothing else moved
/// it, as above).
async fn leaves_the_version<F, Fut>(store: &Store, act: F) -> bool
where
    F: Fn() -> Fut,
    Fut: std::future::Future,
{
    let sqlite = matches!(store.db(), Db::Sqlite(_));
    for _ in 0..200 {
        let v = store.data_version().await.unwrap();
        act().await;
        if store.data_version().await.unwrap() == v {
            return true;
        }
        if sqlite {
            return false;
        }
    }
    false
}

async fn data_version_moves_with_commits_only(store: &Store) {
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
    assert_ne!(v1, v0, "a write moves it");
    if matches!(store.db(), Db::Sqlite(_)) {
        assert_eq!(v1, v0 + 1, "one write, one step");
    }
    // Reads do not move it.
    let read = || async { store.list_people(None, None).await.unwrap() };
    assert!(leaves_the_version(store, read).await);
    // A refused write leaves it.
    let nobody = domain::Actor {
        roles: vec![],
        ..s.board.clone()
    };
    let refused = || async {
        assert!(
            store
                .create_person(&person("Không"), &nobody)
                .await
                .is_err()
        );
    };
    assert!(leaves_the_version(store, refused).await);

    let (other, board) = (store.clone(), s.board.clone());
    let write = async move {
        other
            .create_person(&person("Trần An"), &board)
            .await
            .unwrap();
    };
    match store.db() {
        Db::Sqlite(p) => hold_write!(store, p.write.begin_with("BEGIN IMMEDIATE"), write, v1),
        Db::Postgres(p) => {
            // Another writer's open transaction, with a write in it, does not hold this one
            // up: nothing every commit must lock.
            let mut tx = p.write.begin().await.unwrap();
            sqlx::query("UPDATE units SET name = name WHERE id = $1")
                .bind(s.other.0)
                .execute(&mut *tx)
                .await
                .unwrap();
            tokio::time::timeout(Duration::from_secs(10), write)
                .await
                .expect("the second writer commits while the first is open");
            let during = store.data_version().await.unwrap();
            assert_ne!(during, v1, "the second write is seen");
            tx.commit().await.unwrap();
            assert_ne!(store.data_version().await.unwrap(), during);
        }
    }
}

/// A write under way when a reader loads and caches a plan view: once it commits, the next
/// reader gets the new text, not the cached view.
async fn a_view_cached_during_a_write_is_not_served_after_its_commit(store: &Store) {
    let s = seed(store).await;
    let title = |v: &store::PlanView| {
        v.items
            .iter()
            .flat_map(|r| r.walk())
            .find(|n| n.item.id == s.sessions_item)
            .expect("the item")
            .item
            .title
            .clone()
    };
    let old = title(&store.plan(s.plan).await.unwrap().unwrap());
    let rename = "UPDATE items SET title = 'Tên mới' WHERE id = $1";
    macro_rules! during {
        ($tx:expr, $bump:expr) => {{
            let mut tx = $tx.await.unwrap();
            sqlx::query(rename)
                .bind(s.sessions_item.0)
                .execute(&mut *tx)
                .await
                .unwrap();
            if $bump {
                // What `WriteTx::commit` does on SQLite.
                sqlx::query("UPDATE write_counter SET n = n + 1 WHERE id = 1")
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
            let seen = store.plan(s.plan).await.unwrap().unwrap();
            assert_eq!(title(&seen), old, "not committed yet");
            // Asked again: served from memory, still the old text.
            assert_eq!(title(&store.plan(s.plan).await.unwrap().unwrap()), old);
            tx.commit().await.unwrap();
        }};
    }
    match store.db() {
        Db::Sqlite(p) => during!(p.write.begin_with("BEGIN IMMEDIATE"), true),
        Db::Postgres(p) => during!(p.write.begin(), false),
    }
    let after = store.plan(s.plan).await.unwrap().unwrap();
    assert_eq!(title(&after), "Tên mới", "the committed write is seen");
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
    let again = || async { store.plan_target_progress(s.plan).await.unwrap() };
    assert!(kept(store, again).await, "no query while nothing changed");
    assert_eq!(again().await.len(), first.len());
    let q = store.view_query_count();

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
    // Both days read again ask nothing: the earlier day is kept beside the later one.
    let both = || async {
        on(day).await.unwrap();
        on(date(2025, 3, 9)).await.unwrap()
    };
    assert!(kept(store, both).await, "the earlier day is kept too");
}

/// The plan list and the plans' names are read once per version of the data: again with
/// no query while nothing changed, and afresh (a new plan, a new count) after a write.
async fn the_plan_list_is_kept_until_a_write(store: &Store) {
    let s = seed(store).await;
    let count = |plans: &[store::PlanSummary]| {
        plans
            .iter()
            .find(|p| p.id == s.plan)
            .expect("the plan")
            .item_count
    };
    let first = store.list_plans().await.unwrap();
    let names = store.plan_names().await.unwrap();
    assert_eq!(store.list_plans().await.unwrap(), first);
    assert_eq!(store.plan_names().await.unwrap(), names);
    let both = || async {
        store.list_plans().await.unwrap();
        store.plan_names().await.unwrap();
    };
    assert!(kept(store, both).await, "no query while nothing changed");
    let q = store.view_query_count();
    store
        .add_item(&top_item(s.plan, "Việc thêm"), &s.board)
        .await
        .unwrap();
    let after = store.list_plans().await.unwrap();
    assert_eq!(count(&after), count(&first) + 1, "the new item is counted");
    assert!(store.view_query_count() > q, "read again after the write");
}

/// A dashboard is read once per version of the data, plan, unit and day: again with no
/// query while nothing changed, afresh after a write, and each day and unit kept apart.
async fn the_dashboard_is_kept_until_a_write(store: &Store) {
    let s = seed(store).await;
    let day = date(2025, 6, 30);
    let first = store.dashboard(s.plan, None, 10, day).await.unwrap();
    assert!(!first.items.is_empty());
    let again = || async { store.dashboard(s.plan, None, 10, day).await.unwrap() };
    assert!(kept(store, again).await, "no query while nothing changed");
    assert_eq!(again().await, first);
    let q = store.view_query_count();
    let earlier = store
        .dashboard(s.plan, None, 10, date(2025, 1, 1))
        .await
        .unwrap();
    assert!(store.view_query_count() > q, "another day is its own");
    assert_eq!(earlier.plan_id, s.plan);
    store
        .add_item(&top_item(s.plan, "Việc thêm cho bảng điều hành"), &s.board)
        .await
        .unwrap();
    let q = store.view_query_count();
    let after = store.dashboard(s.plan, None, 10, day).await.unwrap();
    assert!(
        store.view_query_count() > q,
        "computed afresh after a write"
    );
    assert_eq!(
        after.items.len(),
        first.items.len() + 1,
        "the new item is shown"
    );
}

/// A top-level item with no units and no dates, as a write that moves the version.
fn top_item(plan: domain::PlanId, title: &str) -> store::NewItem {
    store::NewItem {
        plan_id: plan,
        parent_id: None,
        position: None,
        numbering: None,
        title: title.into(),
        text: String::new(),
        lead: vec![],
        coordinating: vec![],
        start: None,
        due: None,
    }
}

/// The item page's reads (issue 15) go to the database once per version of the data: read
/// again they cost nothing, and every write (an edit, a report, from another connection as
/// well) is seen by the next read.
async fn the_item_page_reads_are_kept_until_a_write(store: &Store) {
    use domain::ReportContent;
    use domain::{Percent, Period};
    use store::{ItemEdit, NewReport};
    let s = seed(store).await;
    let item = s.sessions_item;
    let page = || async {
        let it = store.item_tracking(item).await.unwrap().unwrap();
        let view = store.item(item).await.unwrap().unwrap();
        let reports = store.item_reports(item).await.unwrap();
        store.item_report_reviews(item).await.unwrap();
        store.evaluations(item).await.unwrap();
        store.item_removed_by(item).await.unwrap();
        store.item_cities(item).await.unwrap();
        store.item_projects(item).await.unwrap();
        store.list_units().await.unwrap();
        (it, view, reports)
    };
    let (it, view, reports) = page().await;
    assert!(reports.is_empty());
    assert!(kept(store, page).await, "read again: no query");

    // An edit is seen by both the tracking state and the view.
    let edit = ItemEdit {
        title: Some("Phiên họp mạng lưới".into()),
        ..Default::default()
    };
    store
        .update_item(item, it.version, &edit, &s.board)
        .await
        .unwrap();
    let (it, view2, _) = page().await;
    assert_eq!(it.title, "Phiên họp mạng lưới");
    assert_eq!(view2.item.title, "Phiên họp mạng lưới");
    assert_ne!(view.item.title, view2.item.title);

    // A report is seen at once.
    let report = NewReport {
        item_id: item,
        unit_id: s.qlds,
        period: Period::Quarter(2025, 1),
        content: ReportContent::new(
            "Đã dự 2 phiên",
            Some(Percent::new(40).unwrap()),
            vec![],
            &[],
        )
        .unwrap(),
        evidence: vec![],
    };
    store.file_report(&report, &s.lead).await.unwrap();
    let (_, _, reports) = page().await;
    assert_eq!(reports.len(), 1, "the new report is read");

    // Another connection's write (another server on the same database) is seen too: on
    // SQLite through the version probe's own connection.
    let other = match store.db() {
        Db::Sqlite(p) => {
            let mut c = p.write.acquire().await.unwrap();
            sqlx::query("UPDATE items SET title = 'Tên khác' WHERE id = $1")
                .bind(item.0)
                .execute(&mut *c)
                .await
                .unwrap();
            // What `WriteTx::commit` does on SQLite.
            sqlx::query("UPDATE write_counter SET n = n + 1 WHERE id = 1")
                .execute(&mut *c)
                .await
                .unwrap();
            true
        }
        Db::Postgres(p) => {
            sqlx::query("UPDATE items SET title = 'Tên khác' WHERE id = $1")
                .bind(item.0)
                .execute(&p.write)
                .await
                .unwrap();
            true
        }
    };
    assert!(other);
    let (it, view, _) = page().await;
    assert_eq!(
        (it.title.as_str(), view.item.title.as_str()),
        ("Tên khác", "Tên khác")
    );
}

/// A session read on every request is kept under the data version, but its expiry is the
/// clock's: a kept session past its end is refused; signing out ends it at once.
async fn a_kept_session_still_expires_and_ends(store: &Store) {
    let clock = domain::clock::ManualClock::shared(chrono::Utc::now());
    let store = &store.with_clock(clock.clone());
    let user = store
        .create_user(new_user("lan", &[Role::Board], &[]))
        .await
        .unwrap();
    let now = domain::Clock::unix(&*clock);
    store
        .create_session("hash-kept", user, "csrf-k", now + 60)
        .await
        .unwrap();
    let live = || async { store.session("hash-kept").await.unwrap().is_some() };
    assert!(live().await);
    assert!(kept(store, live).await, "kept while nothing is written");
    clock.advance(chrono::Duration::seconds(61));
    assert!(!live().await, "past its end, though kept");
    clock.advance(chrono::Duration::seconds(-61));
    assert!(live().await);
    assert!(store.delete_session("hash-kept").await.unwrap());
    assert!(!live().await, "signed out: gone at once");
}

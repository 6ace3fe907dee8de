//! Moving an item under another parent: its sub-items go with it, the units it inherits
//! change in every reader (unit page, list filter, plan view), and only the Board may.
//! And the other thing that changes over time, the status: as of a past day, the state
//! uses the status the item had then (from the audit log).

use super::tracking::{fixture, forbidden};
use super::*;
use domain::{ItemId, TrackingError, UnitId, UnitRelation};
use store::{ItemFilter, StoreError};

conformance!(
    reparent_moves_the_subtree_and_its_inherited_units,
    an_added_item_is_placed_last_and_inherits_as_a_rewrite_would,
    states_as_of_a_past_day_use_the_status_of_that_day,
);

async fn listed(store: &Store, unit: UnitId) -> Vec<ItemId> {
    let f = ItemFilter {
        unit_id: Some(unit),
        per_page: 1000,
        ..Default::default()
    };
    let page = store.list_items(&f).await.unwrap();
    page.rows.iter().map(|r| r.id).collect()
}

async fn unit_page(store: &Store, unit: UnitId) -> Vec<(ItemId, bool)> {
    let v = store.unit(unit).await.unwrap().unwrap();
    v.leads
        .iter()
        .chain(&v.coordinates)
        .map(|i| (i.item_id, i.inherited))
        .collect()
}

async fn reparent_moves_the_subtree_and_its_inherited_units(store: &Store) {
    let f = fixture(store).await;
    // "1.1" names no unit: it inherits item 1's (Phòng QLDSVH leads, Bảo tàng coordinates).
    let activity = store.item(f.item11).await.unwrap().unwrap().children[0]
        .item
        .id;
    assert!(listed(store, f.bao_tang).await.contains(&f.item11));
    assert!(!listed(store, f.tap_chi).await.contains(&f.item11));
    let v = store
        .item_tracking(f.item11)
        .await
        .unwrap()
        .unwrap()
        .version;

    // A unit's staff may not; nor under itself or its own sub-item; nor a stale version.
    forbidden(
        store
            .reparent_item(f.item11, v, Some(f.item21), &f.lead)
            .await,
    );
    for bad in [f.item11, activity] {
        assert!(matches!(
            store.reparent_item(f.item11, v, Some(bad), &f.board).await,
            Err(StoreError::Tracking(TrackingError::MoveUnderItself))
        ));
    }
    assert!(matches!(
        store
            .reparent_item(f.item1, 1, Some(activity), &f.board)
            .await,
        Err(StoreError::Tracking(TrackingError::MoveUnderItself))
    ));
    assert!(matches!(
        store
            .reparent_item(f.item11, v + 7, Some(f.item21), &f.board)
            .await,
        Err(StoreError::Conflict { .. })
    ));

    // Under "2.1", led by Phòng QLDSVH and Tạp chí Kiến trúc.
    let v2 = store
        .reparent_item(f.item11, v, Some(f.item21), &f.board)
        .await
        .unwrap();
    assert_eq!(v2, v + 1);
    for id in [f.item11, activity] {
        let it = store.item_tracking(id).await.unwrap().unwrap();
        let lead: Vec<UnitId> = it
            .effective_units()
            .iter()
            .filter(|(_, r)| *r == UnitRelation::Lead)
            .map(|(u, _)| *u)
            .collect();
        assert_eq!(lead, vec![f.qlds, f.tap_chi], "{id:?}");
        assert!(!it.effective_units().iter().any(|(u, _)| *u == f.bao_tang));
    }
    // Every reader says the same: the list's unit filter, the unit pages.
    let tap_chi = listed(store, f.tap_chi).await;
    assert!(tap_chi.contains(&f.item11) && tap_chi.contains(&activity));
    let bao_tang = listed(store, f.bao_tang).await;
    assert!(!bao_tang.contains(&f.item11) && !bao_tang.contains(&activity));
    assert!(
        unit_page(store, f.tap_chi)
            .await
            .contains(&(f.item11, true))
    );
    assert!(
        !unit_page(store, f.bao_tang)
            .await
            .iter()
            .any(|(i, _)| *i == f.item11)
    );

    // The plan view: "1.1" is the last child of "2.1", one level deeper, with its activity.
    let view = store.plan(f.plan).await.unwrap().unwrap();
    let n21 = view
        .all_items()
        .into_iter()
        .find(|n| n.item.id == f.item21)
        .unwrap();
    let moved = n21.children.last().unwrap();
    assert_eq!(moved.item.id, f.item11);
    assert_eq!(moved.item.depth, n21.item.depth + 1);
    assert_eq!(moved.children[0].item.id, activity);
    assert_eq!(moved.children[0].item.depth, n21.item.depth + 2);
    assert!(view.items[0].children.iter().all(|c| c.item.id != f.item11));

    // Back to the top level, and the move is in the audit log.
    store
        .reparent_item(f.item11, v2, None, &f.board)
        .await
        .unwrap();
    let view = store.plan(f.plan).await.unwrap().unwrap();
    assert_eq!(view.items.last().unwrap().item.id, f.item11);
    assert_eq!(view.items.last().unwrap().item.depth, 0);
    let it = store.item_tracking(f.item11).await.unwrap().unwrap();
    assert!(
        it.effective_units().is_empty(),
        "nothing above names a unit"
    );
    let actions: Vec<String> = store
        .audit_for_plan(f.plan, None, 100)
        .await
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions.iter().filter(|a| *a == "item.reparent").count(), 2);
}

async fn states_as_of_a_past_day_use_the_status_of_that_day(store: &Store) {
    use domain::ItemStatus::{Done, InProgress, NotStarted};
    let f = fixture(store).await;
    let at = |t: &str| domain::ManualClock::shared(t.parse().unwrap());
    let version = || async { store.item_tracking(f.item1).await.unwrap().unwrap().version };
    // Started on 10/03/2025, finished on 18/11/2025 (Hanoi mornings).
    let march = store.with_clock(at("2025-03-10T02:00:00Z"));
    march
        .set_item_status(f.item1, version().await, InProgress, None, &f.lead)
        .await
        .unwrap();
    let november = store.with_clock(at("2025-11-18T02:00:00Z"));
    november
        .set_item_status(f.item1, version().await, Done, None, &f.lead)
        .await
        .unwrap();
    let status_on = |y, m, d| async move {
        let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let states = store.plan_states(f.plan, day).await.unwrap();
        states.iter().find(|s| s.id == f.item1).unwrap().status
    };
    assert_eq!(status_on(2025, 3, 9).await, NotStarted);
    assert_eq!(
        status_on(2025, 6, 30).await,
        InProgress,
        "the H1 report's day"
    );
    assert_eq!(status_on(2025, 11, 17).await, InProgress);
    assert_eq!(status_on(2025, 11, 18).await, Done);
    assert_eq!(status_on(2026, 11, 16).await, Done, "today");
}

/// What readers see of an item's place and units: its position, its units in effect as the
/// tracking row gives them, and on which unit pages it shows as inherited.
async fn seen(
    store: &Store,
    id: ItemId,
    units: &[UnitId],
) -> (i64, Vec<(UnitId, UnitRelation)>, Vec<(UnitId, bool)>) {
    let t = store.item_tracking(id).await.unwrap().unwrap();
    let mut pages = Vec::new();
    for u in units {
        if let Some((_, inherited)) = unit_page(store, *u)
            .await
            .into_iter()
            .find(|(i, _)| *i == id)
        {
            pages.push((*u, inherited));
        }
    }
    (t.position, t.effective_units().to_vec(), pages)
}

/// Adding an item writes only its own rows (issue 15: the cost does not grow with the
/// plan or the siblings), and what it writes is what rewriting the whole plan gives: the
/// parent's units inherited, or its own; placed after the last sibling.
async fn an_added_item_is_placed_last_and_inherits_as_a_rewrite_would(store: &Store) {
    let f = fixture(store).await;
    let units = [f.qlds, f.bao_tang, f.tap_chi, f.other];
    let new = |parent: Option<ItemId>, title: &str, lead: Vec<UnitId>| store::NewItem {
        plan_id: f.plan,
        parent_id: parent,
        position: None,
        numbering: None,
        title: title.into(),
        text: String::new(),
        lead,
        coordinating: vec![],
        start: None,
        due: None,
    };
    let children = |id: ItemId| async move {
        let v = store.item(id).await.unwrap().unwrap();
        v.children.iter().map(|c| c.item.id).collect::<Vec<_>>()
    };
    let before = children(f.item1).await;
    let a = store
        .add_item(&new(Some(f.item1), "Việc thêm A", vec![]), &f.lead)
        .await
        .unwrap();
    let b = store
        .add_item(&new(Some(f.item11), "Việc thêm B", vec![]), &f.lead)
        .await
        .unwrap();
    let c = store
        .add_item(
            &new(Some(f.item1), "Việc thêm C", vec![f.tap_chi]),
            &f.board,
        )
        .await
        .unwrap();
    let d = store
        .add_item(&new(None, "Việc thêm D", vec![]), &f.board)
        .await
        .unwrap();
    let mut expected = before.clone();
    expected.extend([a, c]);
    assert_eq!(children(f.item1).await, expected, "added last, in order");
    let (pa, ua, _) = seen(store, a, &units).await;
    let (pc, _, _) = seen(store, c, &units).await;
    assert_eq!((pa, pc), (before.len() as i64, before.len() as i64 + 1));
    let parent_units = store.item_tracking(f.item1).await.unwrap().unwrap().units;
    assert_eq!(parent_units.len(), 3);
    assert_eq!(ua, parent_units, "item 1's units");

    let mut first = Vec::new();
    for id in [a, b, c, d] {
        first.push(seen(store, id, &units).await);
    }
    // A under item 1 takes item 1's units as its own (add_item's rule); B under 1.1, which
    // names none, inherits them through 1.1.
    assert!(
        first[0].2.iter().all(|(_, inherited)| !*inherited),
        "{first:?}"
    );
    assert!(!first[1].2.is_empty(), "{first:?}");
    assert!(
        first[1].2.iter().all(|(_, inherited)| *inherited),
        "{first:?}"
    );
    assert_eq!(first[2].2, vec![(f.tap_chi, false)], "its own unit");
    assert!(
        first[3].1.is_empty(),
        "a top-level item naming none has none"
    );
    // Rewrite the whole plan's rows (a units change elsewhere does) and compare.
    let t = store.item_tracking(f.item21).await.unwrap().unwrap();
    let (lead, coord): (Vec<UnitId>, Vec<UnitId>) = (
        t.units
            .iter()
            .filter(|(_, r)| *r == UnitRelation::Lead)
            .map(|(u, _)| *u)
            .collect(),
        t.units
            .iter()
            .filter(|(_, r)| *r != UnitRelation::Lead)
            .map(|(u, _)| *u)
            .collect(),
    );
    store
        .set_item_units(f.item21, t.version, &lead, &coord, &f.board)
        .await
        .unwrap();
    for (k, id) in [a, b, c, d].into_iter().enumerate() {
        assert_eq!(
            seen(store, id, &units).await,
            first[k],
            "item {k} after the rewrite"
        );
    }
}

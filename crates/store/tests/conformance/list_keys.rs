//! A unit's workload in the item list is read from the keys kept beside each unit in
//! effect (migration 0034, `sql::item_list_by_unit`). Whatever changed (a status, a due
//! date, the units, a sub-tree moved), that path lists exactly what the general path
//! lists for the same filter, in the same order, with the same total.

use super::tracking::fixture;
use super::*;
use domain::{ItemStatus, PlanId, UnitId};
use store::{ItemEdit, ItemFilter, SyntheticSpec};

conformance!(
    list_keys_follow_status_dates_and_units,
    list_keys_agree_with_the_general_path_on_synthetic_data,
);

/// Every page of `f` (3 rows a page) as ids, with the first page's total.
async fn pages(store: &Store, f: &ItemFilter) -> (Vec<i64>, i64) {
    let mut ids = Vec::new();
    let mut total = None;
    for page in 1.. {
        let got = store
            .list_items(&ItemFilter {
                page,
                per_page: 3,
                ..f.clone()
            })
            .await
            .unwrap();
        total.get_or_insert(got.total);
        if got.rows.is_empty() {
            break;
        }
        ids.extend(got.rows.iter().map(|r| r.id.0));
    }
    (ids, total.unwrap_or(0))
}

/// Every page of `f` (3 rows a page) as ids, each page after the last row of the one
/// before (keyset), with the first page's total; checks that every page's total is it,
/// and counts the positions paged from: (dated, undated).
async fn keyset_pages(store: &Store, f: &ItemFilter) -> ((Vec<i64>, i64), (usize, usize)) {
    let mut ids = Vec::new();
    let mut total = None;
    let mut after_row = None;
    let mut from = (0, 0);
    for page in 1.. {
        let got = store
            .list_items(&ItemFilter {
                page,
                per_page: 3,
                after_row,
                ..f.clone()
            })
            .await
            .unwrap();
        let first = *total.get_or_insert(got.total);
        if got.rows.is_empty() {
            break;
        }
        assert_eq!(got.total, first, "page {page}'s total is the list's");
        ids.extend(got.rows.iter().map(|r| r.id.0));
        let at = got.rows.last().unwrap().position();
        match at.due {
            Some(_) => from.0 += 1,
            None => from.1 += 1,
        }
        after_row = Some(at);
    }
    ((ids, total.unwrap_or(0)), from)
}

/// For each unit and filter shape: the keys' answer (no plan filter) is the general
/// path's (the same filter on the only plan), and paging after a row (keyset) gives
/// the numbered pages' rows on both. Returns the positions paged from: (dated, undated).
async fn both_paths_agree(
    store: &Store,
    plan: PlanId,
    units: &[UnitId],
    day: chrono::NaiveDate,
) -> (usize, usize) {
    use ItemStatus::*;
    let shapes: Vec<Vec<ItemStatus>> = vec![
        vec![],
        vec![NotStarted],
        vec![InProgress, Done],
        vec![Done, Suspended, NotStarted],
    ];
    let mut seen = 0;
    let mut from = (0, 0);
    for &unit in units {
        for statuses in &shapes {
            for relation in [
                None,
                Some(UnitRelation::Lead),
                Some(UnitRelation::Coordinating),
            ] {
                for overdue_on in [None, Some(day)] {
                    let f = ItemFilter {
                        unit_id: Some(unit),
                        relation,
                        statuses: statuses.clone(),
                        overdue_on,
                        ..Default::default()
                    };
                    let by_keys = pages(store, &f).await;
                    let general = pages(
                        store,
                        &ItemFilter {
                            plan_id: Some(plan),
                            ..f.clone()
                        },
                    )
                    .await;
                    assert_eq!(
                        by_keys, general,
                        "{unit:?} {statuses:?} {relation:?} {overdue_on:?}"
                    );
                    for filter in [
                        f.clone(),
                        ItemFilter {
                            plan_id: Some(plan),
                            ..f.clone()
                        },
                    ] {
                        let (keyset, paged_from) = keyset_pages(store, &filter).await;
                        assert_eq!(keyset, by_keys, "keyset: {filter:?}");
                        from.0 += paged_from.0;
                        from.1 += paged_from.1;
                    }
                    seen += by_keys.0.len();
                }
            }
        }
    }
    assert!(seen > 0, "the filters found items");
    from
}

async fn list_keys_follow_status_dates_and_units(store: &Store) {
    let f = fixture(store).await;
    let units = [f.qlds, f.bao_tang, f.tap_chi, f.other];
    let day = chrono::NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
    // Undated items (listed last), enough to fill pages of their own.
    for n in 0..7 {
        store
            .add_item(
                &store::NewItem {
                    plan_id: f.plan,
                    parent_id: None,
                    position: None,
                    numbering: None,
                    title: format!("Việc không hạn {n}"),
                    text: String::new(),
                    lead: vec![f.qlds],
                    coordinating: vec![f.bao_tang],
                    start: None,
                    due: None,
                },
                &f.board,
            )
            .await
            .unwrap();
    }
    let (dated, undated) = both_paths_agree(store, f.plan, &units, day).await;
    assert!(
        dated > 0 && undated > 0,
        "pages start after dated and undated rows: {dated}, {undated}"
    );
    let version = |id| async move { store.item(id).await.unwrap().unwrap().item.version };
    // A status, a due date and the units change: each is in the keys at once (checked
    // after each, since a change of units rewrites the plan's keys whatever came before).
    store
        .set_item_status(
            f.item11,
            version(f.item11).await,
            ItemStatus::InProgress,
            None,
            &f.board,
        )
        .await
        .unwrap();
    let in_progress = pages(
        store,
        &ItemFilter {
            unit_id: Some(f.qlds),
            statuses: vec![ItemStatus::InProgress],
            ..Default::default()
        },
    )
    .await;
    assert!(
        in_progress.0.contains(&f.item11.0),
        "the new status is listed"
    );
    both_paths_agree(store, f.plan, &units, day).await;
    store
        .update_item(
            f.item21,
            version(f.item21).await,
            &ItemEdit {
                due: chrono::NaiveDate::from_ymd_opt(2025, 2, 1),
                ..Default::default()
            },
            &f.board,
        )
        .await
        .unwrap();
    both_paths_agree(store, f.plan, &units, day).await;
    store
        .set_item_units(
            f.item1,
            version(f.item1).await,
            &[f.other],
            &[f.qlds],
            &f.board,
        )
        .await
        .unwrap();
    both_paths_agree(store, f.plan, &units, day).await;
    // A unit both lead and coordinating on one item (a merge of the two units) is listed
    // once in its workload, and counted once.
    store
        .set_item_units(
            f.item1,
            version(f.item1).await,
            &[f.tap_chi],
            &[f.qlds],
            &f.board,
        )
        .await
        .unwrap();
    store
        .merge_unit(f.tap_chi, f.qlds, Some(f.board.user_id))
        .await
        .unwrap();
    let units = [f.qlds, f.bao_tang, f.other];
    for relation in [None, Some(UnitRelation::Lead)] {
        let of_qlds = ItemFilter {
            unit_id: Some(f.qlds),
            relation,
            ..Default::default()
        };
        let (ids, total) = pages(store, &of_qlds).await;
        let times = ids.iter().filter(|i| **i == f.item1.0).count();
        assert_eq!(times, 1, "{relation:?}: item 1 once");
        assert_eq!(
            total,
            ids.len() as i64,
            "{relation:?}: the total counts it once"
        );
    }
    both_paths_agree(store, f.plan, &units, day).await;
}

async fn list_keys_agree_with_the_general_path_on_synthetic_data(store: &Store) {
    store
        .generate_synthetic(SyntheticSpec {
            plans: 1,
            items: 400,
            reports: 600,
            events: 0,
            seed: 34,
        })
        .await
        .unwrap();
    let plans = store.list_plans().await.unwrap();
    assert_eq!(plans.len(), 1);
    let units: Vec<UnitId> = store
        .list_units()
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    let day = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    both_paths_agree(store, plans[0].id, &units, day).await;
}

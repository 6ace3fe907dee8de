//! Two writers on one item at the same moment. On SQLite writers take turns; on
//! PostgreSQL they run side by side, and the item's row lock (`LOCK_ROW`) makes the second
//! wait and read what the first committed. Two units reporting work on a not-started item
//! at once both succeed: the first report moves the item, the second finds it moved.

use super::tracking::fixture;
use super::*;
use domain::{ItemStatus, Percent, Period, ReportContent};
use store::{ItemFilter, NewReport};

conformance!(two_units_reporting_on_one_item_at_once_both_succeed);

async fn two_units_reporting_on_one_item_at_once_both_succeed(store: &Store) {
    let f = fixture(store).await;
    let open_of = |unit| ItemFilter {
        unit_id: Some(unit),
        statuses: vec![ItemStatus::NotStarted],
        per_page: 1000,
        page: 1,
        ..Default::default()
    };
    let lead = store.list_items(&open_of(f.qlds)).await.unwrap();
    let coord = store.list_items(&open_of(f.bao_tang)).await.unwrap();
    let shared: Vec<_> = lead
        .rows
        .iter()
        .filter(|r| coord.rows.iter().any(|c| c.id == r.id))
        .map(|r| r.id)
        .collect();
    assert!(shared.len() >= 2, "items both units report on: {shared:?}");
    let report = |item, unit| NewReport {
        item_id: item,
        unit_id: unit,
        period: Period::Month(2025, 5),
        content: ReportContent::new(
            "Đã triển khai",
            Some(Percent::new(40).unwrap()),
            vec![],
            &[],
        )
        .unwrap(),
        evidence: vec![],
    };
    for item in shared {
        let (by_lead, by_coord) = (report(item, f.qlds), report(item, f.bao_tang));
        let (a, b) = tokio::join!(
            store.file_report(&by_lead, &f.lead),
            store.file_report(&by_coord, &f.coord),
        );
        a.unwrap_or_else(|e| panic!("{item:?}, the lead unit's report: {e}"));
        b.unwrap_or_else(|e| panic!("{item:?}, the coordinating unit's report: {e}"));
        let now = store.item(item).await.unwrap().unwrap().item;
        assert_eq!(now.status, ItemStatus::InProgress, "{item:?}");
        let audit = store.audit_for_item(item, None, 20).await.unwrap();
        let moves = audit
            .entries
            .iter()
            .filter(|e| e.action == "item.status.auto")
            .count();
        assert_eq!(moves, 1, "{item:?}: moved once");
    }
}

//! A revised plan applied over a stored one (issue 13, migration 0018) on both backends:
//! a matched item keeps its id and its progress reports, a changed one takes the new title
//! and figures on the same target row, an added item takes its place, a removed item stays
//! readable but leaves the plan's lists and counts; the revision is recorded and audited.
//! A stale draft, a stale item, a second apply and staff are refused.

use super::oversight::fx;
use super::*;
use domain::{Percent, Period, ReportContent};
use store::{NewPlanDraft, NewReport, PlanRevision, PlanView, RevisedItem, TargetRecord};

conformance!(
    a_revision_keeps_matched_items_adds_and_marks_removed_ones,
    a_stale_revision_a_second_apply_and_staff_are_refused,
);

/// The stored tree as a revision that keeps every item as it is, depth first (what
/// `app::import::revise` makes of a document identical to the plan).
fn keep_all(view: &PlanView) -> Vec<RevisedItem> {
    fn as_read(n: &store::ItemNode) -> vanban::Item {
        let target = |t: &TargetRecord| vanban::Target {
            min: t.min,
            max: t.max,
            unit: t.unit.clone(),
            per: t.per.clone(),
            text: t.text.clone(),
        };
        vanban::Item {
            title: n.item.title.clone(),
            text: n.item.text.clone(),
            lead_units: n.lead_units().map(|u| u.name.clone()).collect(),
            coordinating_units: n.coordinating_units().map(|u| u.name.clone()).collect(),
            targets: n.targets.iter().map(target).collect(),
            ..vanban::Item::new(n.item.numbering.clone(), 1)
        }
    }
    fn walk(
        nodes: &[store::ItemNode],
        parent: Option<usize>,
        forest: usize,
        out: &mut Vec<RevisedItem>,
    ) {
        for (k, n) in nodes.iter().enumerate() {
            out.push(RevisedItem {
                matched: Some((n.item.id, n.item.version)),
                changed: false,
                parent,
                forest,
                position: k,
                item: as_read(n),
            });
            let me = out.len() - 1;
            walk(&n.children, Some(me), forest, out);
        }
    }
    let mut out = Vec::new();
    walk(&view.items, None, 0, &mut out);
    for (k, a) in view.appendices.iter().enumerate() {
        walk(&a.items, None, k + 1, &mut out);
    }
    out
}

fn revised_document() -> vanban::ParsedPlan {
    let mut p = sample_plan();
    p.document.title = "Điều chỉnh, bổ sung Kế hoạch tham gia Mạng lưới năm 2025".into();
    p.document.number = Some("99".into());
    p
}

async fn draft(store: &Store, f: &super::oversight::Fx) -> store::PlanDraft {
    let parsed = revised_document();
    let new = NewPlanDraft {
        source_name: "kh-dieu-chinh.txt",
        source_sha256: &"e".repeat(64),
        source_text: "KẾ HOẠCH\nĐiều chỉnh\n",
        parsed: &parsed,
        funding: &[],
    };
    store.create_plan_draft(&new, &f.board).await.unwrap()
}

fn node_titled<'v>(view: &'v PlanView, title: &str) -> Option<&'v store::ItemNode> {
    view.items
        .iter()
        .chain(view.appendices.iter().flat_map(|a| &a.items))
        .flat_map(|n| n.walk())
        .find(|n| n.item.title == title)
}

async fn a_revision_keeps_matched_items_adds_and_marks_removed_ones(store: &Store) {
    let f = fx(store).await;
    let report = NewReport {
        item_id: f.item1,
        unit_id: f.qlds,
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
    store.file_report(&report, &f.lead).await.unwrap();
    let view = store.plan(f.plan).await.unwrap().unwrap();
    let count_before = store.list_plans().await.unwrap()[0].item_count;
    let d = draft(store, &f).await;
    let mut items = keep_all(&view);
    // "2.1": a new title and a raised target, on the same item and target row.
    let k21 = items
        .iter()
        .position(|r| r.item.numbering.as_deref() == Some("2.1"))
        .unwrap();
    let target_21 = node_titled(&view, &items[k21].item.title).unwrap().targets[0].id;
    items[k21].changed = true;
    items[k21].item.title = "Biên soạn, xuất bản đặc san với Tạp chí Kiến trúc".into();
    items[k21].item.targets[0].min = Some(40.0);
    items[k21].item.targets[0].max = Some(50.0);
    // "2.2" renumbered "2.3", alike otherwise: it takes the new number, nothing else.
    let k22 = items
        .iter()
        .position(|r| r.item.numbering.as_deref() == Some("2.2"))
        .unwrap();
    items[k22].item.numbering = Some("2.3".into());
    let id22 = items[k22].matched.unwrap().0;
    // "3" is dropped (a root without children: the indices after it are roots too).
    let k3 = items
        .iter()
        .position(|r| r.item.numbering.as_deref() == Some("3"))
        .unwrap();
    let dropped = items.remove(k3).matched.unwrap();
    // A new "4" at the end of the content.
    let mut added = vanban::Item::new(Some("4".into()), 70);
    added.title = "Tổ chức Tuần lễ Thiết kế sáng tạo".into();
    added.lead_units = vec!["Bảo tàng Hà Nội".into()];
    items.insert(
        k3,
        RevisedItem {
            matched: None,
            changed: false,
            parent: None,
            forest: 0,
            position: 2,
            item: added,
        },
    );
    let rev = PlanRevision {
        plan: f.plan,
        draft: d.id,
        draft_version: d.version,
        items,
        removed: vec![dropped],
    };
    assert_eq!(rev.counts(), (1, 1, 1));
    let revision = store.apply_plan_revision(&rev, &f.board).await.unwrap();

    let after = store.plan(f.plan).await.unwrap().unwrap();
    // The matched item: the same id, its report kept.
    assert!(node_titled(&after, "Tham dự các Hội nghị, diễn đàn Mạng lưới").is_some());
    assert_eq!(
        after.items[0].item.id, f.item1,
        "the first item is still the first"
    );
    assert_eq!(store.item_reports(f.item1).await.unwrap().len(), 1);
    // The changed item: its title and figures, on the target row it had.
    let n21 = node_titled(&after, "Biên soạn, xuất bản đặc san với Tạp chí Kiến trúc").unwrap();
    assert_eq!(
        (n21.targets[0].id, n21.targets[0].min, n21.targets[0].max),
        (target_21, Some(40.0), Some(50.0))
    );
    let n22 = after.items[1]
        .children
        .iter()
        .find(|n| n.item.id == id22)
        .unwrap();
    assert_eq!(n22.item.numbering.as_deref(), Some("2.3"));
    // The added item, in its place, led by the museum.
    let added = node_titled(&after, "Tổ chức Tuần lễ Thiết kế sáng tạo").unwrap();
    assert_eq!(after.items[2].item.id, added.item.id);
    assert!(added.lead_units().any(|u| u.id == f.bao_tang));
    // The removed item: out of the tree and the counts, still readable, and says why.
    assert!(
        node_titled(
            &after,
            "Kết nối, hình thành Mạng lưới các thành phố sáng tạo"
        )
        .is_none()
    );
    assert_eq!(
        store.list_plans().await.unwrap()[0].item_count,
        count_before,
        "one added, one removed"
    );
    assert!(store.item_tracking(dropped.0).await.unwrap().is_some());
    let why = store.item_removed_by(dropped.0).await.unwrap().unwrap();
    assert_eq!(
        (why.id, why.reference()),
        (revision, "99/KH-SVHTT".to_string())
    );
    // Read-only: a report or a status posted by hand is refused, not written.
    let late = NewReport {
        item_id: dropped.0,
        ..report.clone()
    };
    assert!(matches!(
        store.file_report(&late, &f.lead).await,
        Err(StoreError::Tracking(
            domain::TrackingError::RemovedByRevision
        ))
    ));
    let it = store.item_tracking(dropped.0).await.unwrap().unwrap();
    assert!(matches!(
        store
            .set_item_status(
                dropped.0,
                it.version,
                domain::ItemStatus::Done,
                None,
                &f.board
            )
            .await,
        Err(StoreError::Tracking(
            domain::TrackingError::RemovedByRevision
        ))
    ));
    // Nor in its units' workload: the unit-only list (counted from the effective units)
    // agrees with its rows.
    let (unit, _) = it.effective_units()[0];
    let workload = store
        .list_items(&store::ItemFilter {
            unit_id: Some(unit),
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(workload.rows.iter().all(|i| i.id != dropped.0));
    assert_eq!(workload.total, workload.rows.len() as i64);
    let removed = store.plan_removed_items(f.plan).await.unwrap();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].0, dropped.0);
    let listed = store
        .list_items(&store::ItemFilter {
            plan_id: Some(f.plan),
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        listed.rows.iter().all(|i| i.id != dropped.0),
        "out of the list"
    );
    let day = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let board = store.dashboard(f.plan, None, 10, day).await.unwrap();
    assert!(
        board.items.iter().all(|i| i.id != dropped.0),
        "out of the dashboard"
    );
    let states = store.plan_states(f.plan, day).await.unwrap();
    assert!(
        states.iter().all(|s| s.id != dropped.0),
        "out of the counts"
    );
    // Recorded and audited; the draft is gone.
    let revisions = store.plan_revisions(f.plan).await.unwrap();
    assert_eq!(revisions.len(), 1);
    let r = &revisions[0];
    assert_eq!((r.added, r.removed, r.changed), (1, 1, 1));
    assert_eq!(r.applied_by_name.as_deref(), Some("Người dùng board"));
    assert!(store.plan_draft(d.id).await.unwrap().is_none());
    let audit = store.audit_for_entity("plan", f.plan.0).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "plan.revise"));
    let changed = store.audit_for_entity("item", n21.item.id.0).await.unwrap();
    let entry = changed.iter().find(|a| a.action == "item.revise").unwrap();
    assert!(
        entry.before.is_some() && entry.after.is_some(),
        "before and after"
    );
    let gone = store.audit_for_entity("item", dropped.0.0).await.unwrap();
    assert!(gone.iter().any(|a| a.action == "item.revise_remove"));
}

async fn a_stale_revision_a_second_apply_and_staff_are_refused(store: &Store) {
    let f = fx(store).await;
    let view = store.plan(f.plan).await.unwrap().unwrap();
    let d = draft(store, &f).await;
    let rev = PlanRevision {
        plan: f.plan,
        draft: d.id,
        draft_version: d.version,
        items: keep_all(&view),
        removed: Vec::new(),
    };
    let refused = store.apply_plan_revision(&rev, &f.lead).await;
    assert!(
        matches!(refused, Err(StoreError::Tracking(_))),
        "{refused:?}"
    );
    // The draft edited since the revision was built.
    let stale_draft = PlanRevision {
        draft_version: d.version + 1,
        ..rev.clone()
    };
    let refused = store.apply_plan_revision(&stale_draft, &f.board).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { .. })),
        "{refused:?}"
    );
    // An item edited since: a conflict, and nothing of the revision is kept.
    let it = store.item_tracking(f.item2).await.unwrap().unwrap();
    store
        .set_item_status(
            f.item2,
            it.version,
            domain::ItemStatus::InProgress,
            None,
            &f.board,
        )
        .await
        .unwrap();
    let refused = store.apply_plan_revision(&rev, &f.board).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { .. })),
        "{refused:?}"
    );
    assert!(store.plan_revisions(f.plan).await.unwrap().is_empty());
    assert!(
        store.plan_draft(d.id).await.unwrap().is_some(),
        "the draft stays"
    );
    // Built again on the current plan: applied once; the second time the draft is gone.
    let view = store.plan(f.plan).await.unwrap().unwrap();
    let rev = PlanRevision {
        items: keep_all(&view),
        ..rev
    };
    store.apply_plan_revision(&rev, &f.board).await.unwrap();
    let again = store.apply_plan_revision(&rev, &f.board).await;
    assert!(matches!(again, Err(StoreError::NotFound(_))), "{again:?}");
}

//! Tracking (issue 4) on both backends: item state and versions, units, added/split/moved
//! items, progress reports with versions and evidence, targets entered and counted, the
//! item list, audit pages and the synthetic generator.

use super::*;
use domain::{
    Actor, CountingRule, Figure, ItemId, ItemStatus, Measure, Percent, Period, PlanId,
    ReportContent, TrackingError, UnitId, Window,
};
use store::evidence_store::EvidenceStore;
use store::{
    CountableRecord, ItemEdit, ItemFilter, NewItem, NewReport, ResponsiblePerson, SplitPart,
    SyntheticSpec, TargetSource,
};

conformance!(
    tracking_fills_dates_and_search_on_import,
    tracking_status_changes_with_versions_and_roles,
    tracking_units_people_added_split_and_moved_items,
    tracking_reports_are_versioned_with_evidence,
    tracking_targets_entered_and_counted,
    tracking_item_list_filters_and_pages,
    tracking_audit_pages_and_csv,
    tracking_synthetic_data_is_deterministic,
    tracking_items_without_units_inherit_the_nearest_ancestors,
    tracking_plan_views_are_served_from_memory_until_something_changes,
    tracking_item_list_counts_up_to_a_cap,
    tracking_a_report_with_work_done_starts_its_item,
);

pub(crate) struct Fixture {
    pub(crate) plan: PlanId,
    pub(crate) qlds: UnitId,
    pub(crate) bao_tang: UnitId,
    pub(crate) tap_chi: UnitId,
    pub(crate) other: UnitId,
    pub(crate) item1: ItemId,
    pub(crate) item11: ItemId,
    pub(crate) item21: ItemId,
    pub(crate) lead: Actor,
    pub(crate) coord: Actor,
    pub(crate) partner: Actor,
    pub(crate) outsider: Actor,
    pub(crate) board: Actor,
}

fn actor(id: UserId, roles: &[Role], units: &[UnitId]) -> Actor {
    Actor {
        user_id: id,
        roles: roles.to_vec(),
        unit_ids: units.to_vec(),
        active: true,
    }
}

pub(crate) async fn fixture(store: &Store) -> Fixture {
    let plan = store
        .import_plan(&sample_plan(), "kh.txt", &"c".repeat(64), None)
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
    let tap_chi = unit("Tạp chí Kiến trúc");
    let other = unit("Văn phòng UNESCO");
    let mut ids = Vec::new();
    for (login, roles, u) in [
        ("lead", vec![Role::Staff], vec![qlds]),
        ("coord", vec![Role::Staff], vec![bao_tang]),
        ("partner", vec![Role::Partner], vec![tap_chi]),
        ("outsider", vec![Role::Staff], vec![other]),
        ("board", vec![Role::Board], vec![]),
    ] {
        ids.push(
            store
                .create_user(new_user(login, &roles, &u))
                .await
                .unwrap(),
        );
    }
    Fixture {
        plan,
        qlds,
        bao_tang,
        tap_chi,
        other,
        item1: by_num("1"),
        item11: by_num("1.1"),
        item21: by_num("2.1"),
        lead: actor(ids[0], &[Role::Staff], &[qlds]),
        coord: actor(ids[1], &[Role::Staff], &[bao_tang]),
        partner: actor(ids[2], &[Role::Partner], &[tap_chi]),
        outsider: actor(ids[3], &[Role::Staff], &[other]),
        board: actor(ids[4], &[Role::Board], &[]),
    }
}

pub(crate) fn forbidden(r: Result<impl std::fmt::Debug, StoreError>) {
    match r {
        Err(StoreError::Tracking(TrackingError::Forbidden { .. })) => {}
        other => panic!("expected forbidden, got {other:?}"),
    }
}

async fn tracking_fills_dates_and_search_on_import(store: &Store) {
    let f = fixture(store).await;
    let t = store.item_tracking(f.item11).await.unwrap().unwrap();
    assert_eq!(
        (t.start, t.due),
        (Some(date(2025, 10, 1)), Some(date(2025, 12, 31)))
    );
    assert_eq!(t.dates_source, Some(domain::DatesSource::Deadlines));
    assert_eq!(t.version, 1);
    let t = store.item_tracking(f.item21).await.unwrap().unwrap();
    assert_eq!(
        (t.start, t.due),
        (Some(date(2025, 1, 1)), Some(date(2025, 12, 31)))
    );
    assert_eq!(t.dates_source, Some(domain::DatesSource::PlanYear));
    // The plan and item views carry them too.
    let view = store.item(f.item11).await.unwrap().unwrap();
    assert_eq!(
        (view.item.due, view.item.version),
        (Some(date(2025, 12, 31)), 1)
    );
    assert_eq!(view.item.start, Some(date(2025, 10, 1)));
    // Folded search: no diacritics, đ → d.
    let page = store
        .list_items(&ItemFilter {
            text: Some("PHIEN HOP online".into()),
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].title, "Tham gia các phiên họp online");
    let page = store
        .list_items(&ItemFilter {
            text: Some("dien dan".into()),
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.rows[0].id, f.item1);
    // Running the fill again changes nothing.
    store.migrate().await.unwrap();
}

async fn tracking_status_changes_with_versions_and_roles(store: &Store) {
    let f = fixture(store).await;
    let v = store
        .set_item_status(f.item1, 1, ItemStatus::InProgress, None, &f.lead)
        .await
        .unwrap();
    assert_eq!(v, 2);
    // A stale version: both versions and the current state come back.
    match store
        .set_item_status(f.item1, 1, ItemStatus::Done, None, &f.lead)
        .await
    {
        Err(StoreError::Conflict {
            entity,
            conflict,
            current,
            ..
        }) => {
            assert_eq!(entity, "item");
            assert_eq!((conflict.current, conflict.attempted), (2, 1));
            assert_eq!(current["status"], "in_progress");
            assert_eq!(current["version"], 2);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    forbidden(
        store
            .set_item_status(f.item1, 2, ItemStatus::Done, None, &f.coord)
            .await,
    );
    forbidden(
        store
            .set_item_status(f.item1, 2, ItemStatus::Done, None, &f.outsider)
            .await,
    );
    forbidden(
        store
            .update_item(f.item1, 2, &ItemEdit::default(), &f.coord)
            .await,
    );
    assert!(matches!(
        store
            .set_item_status(f.item1, 2, ItemStatus::Suspended, Some(" "), &f.lead)
            .await,
        Err(StoreError::Tracking(TrackingError::ReasonRequired))
    ));
    let v = store
        .set_item_status(
            f.item1,
            2,
            ItemStatus::Suspended,
            Some("Chưa có kinh phí"),
            &f.lead,
        )
        .await
        .unwrap();
    let t = store.item_tracking(f.item1).await.unwrap().unwrap();
    assert_eq!(t.status, ItemStatus::Suspended);
    assert_eq!(t.status_reason.as_deref(), Some("Chưa có kinh phí"));
    // Resuming is the Board's call.
    forbidden(
        store
            .set_item_status(f.item1, v, ItemStatus::InProgress, None, &f.lead)
            .await,
    );
    let v = store
        .set_item_status(f.item1, v, ItemStatus::InProgress, None, &f.board)
        .await
        .unwrap();
    let t = store.item_tracking(f.item1).await.unwrap().unwrap();
    assert_eq!(t.status_reason, None);
    // Text and dates; start after due is refused.
    let v = store
        .update_item(
            f.item1,
            v,
            &ItemEdit {
                title: Some("Tham dự Hội nghị thường niên".into()),
                due: Some(date(2025, 9, 30)),
                ..Default::default()
            },
            &f.lead,
        )
        .await
        .unwrap();
    let t = store.item_tracking(f.item1).await.unwrap().unwrap();
    assert_eq!(t.title, "Tham dự Hội nghị thường niên");
    assert_eq!(t.due, Some(date(2025, 9, 30)));
    assert_eq!(t.dates_source, Some(domain::DatesSource::Manual));
    assert_eq!(t.version, v);
    assert!(matches!(
        store
            .update_item(
                f.item1,
                v,
                &ItemEdit {
                    start: Some(date(2025, 10, 1)),
                    ..Default::default()
                },
                &f.lead
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    // Concurrent edits of one version: exactly one wins.
    let (a, b) = tokio::join!(
        store.set_item_status(f.item1, v, ItemStatus::Done, None, &f.lead),
        store.set_item_status(
            f.item1,
            v,
            ItemStatus::Suspended,
            Some("hết kinh phí"),
            &f.board
        ),
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count(),
        1,
        "{a:?} {b:?}"
    );
    assert!(matches!(
        a.err().or(b.err()),
        Some(StoreError::Conflict { .. })
    ));
    let audit = store.audit_for_item(f.item1, None, 50).await.unwrap();
    let actions: Vec<&str> = audit.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "item.status",
            "item.update",
            "item.status",
            "item.status",
            "item.status"
        ]
    );
    assert_eq!(
        audit.entries[4].before.as_ref().unwrap()["status"],
        "not_started"
    );
    assert_eq!(
        audit.entries[4].after.as_ref().unwrap()["status"],
        "in_progress"
    );
    assert_eq!(audit.entries[4].actor, Some(f.lead.user_id));
}

async fn tracking_units_people_added_split_and_moved_items(store: &Store) {
    let f = fixture(store).await;
    forbidden(
        store
            .set_item_units(f.item1, 1, &[f.bao_tang], &[], &f.lead)
            .await,
    );
    let v = store
        .set_item_units(f.item1, 1, &[f.qlds], &[f.bao_tang, f.other], &f.board)
        .await
        .unwrap();
    let t = store.item_tracking(f.item1).await.unwrap().unwrap();
    assert_eq!(
        t.units,
        vec![
            (f.qlds, UnitRelation::Lead),
            (f.bao_tang, UnitRelation::Coordinating),
            (f.other, UnitRelation::Coordinating)
        ]
    );
    let people = vec![
        ResponsiblePerson {
            unit_id: f.qlds,
            name: "Nguyễn Thị Hà".into(),
            title: Some("Phó Trưởng phòng".into()),
            user_id: Some(f.lead.user_id),
        },
        ResponsiblePerson {
            unit_id: f.bao_tang,
            name: "Trần Văn Đức".into(),
            title: None,
            user_id: None,
        },
    ];
    let v = store
        .set_item_people(f.item1, v, &people, &f.lead)
        .await
        .unwrap();
    assert_eq!(
        store.item_tracking(f.item1).await.unwrap().unwrap().people,
        people
    );
    let stranger = [ResponsiblePerson {
        unit_id: f.tap_chi,
        name: "X".into(),
        title: None,
        user_id: None,
    }];
    assert!(matches!(
        store.set_item_people(f.item1, v, &stranger, &f.lead).await,
        Err(StoreError::Invalid(_))
    ));

    // Added under item 1 by its lead unit, first among the children, with its units.
    let added = store
        .add_item(
            &NewItem {
                plan_id: f.plan,
                parent_id: Some(f.item1),
                position: Some(0),
                numbering: None,
                title: "Chuẩn bị bài phát biểu".into(),
                text: String::new(),
                lead: vec![],
                coordinating: vec![],
                start: None,
                due: Some(date(2025, 5, 31)),
            },
            &f.lead,
        )
        .await
        .unwrap();
    let t = store.item_tracking(added).await.unwrap().unwrap();
    assert!(t.added);
    assert_eq!(t.units.len(), 3);
    // A top-level item needs the Board.
    let top = NewItem {
        plan_id: f.plan,
        parent_id: None,
        position: None,
        numbering: Some("4".into()),
        title: "Nhiệm vụ phát sinh".into(),
        text: String::new(),
        lead: vec![f.qlds],
        coordinating: vec![],
        start: None,
        due: None,
    };
    forbidden(store.add_item(&top, &f.lead).await);
    let top_id = store.add_item(&top, &f.board).await.unwrap();

    // Split 2.1 into three, then move the last part first.
    let v21 = store
        .item_tracking(f.item21)
        .await
        .unwrap()
        .unwrap()
        .version;
    let parts = [
        "Biên soạn bài viết",
        "Dịch sang tiếng Anh",
        "In ấn, phát hành",
    ]
    .map(|t| SplitPart {
        title: t.into(),
        text: String::new(),
    });
    forbidden(store.split_item(f.item21, v21, &parts, &f.coord).await);
    let new_ids = store
        .split_item(f.item21, v21, &parts, &f.lead)
        .await
        .unwrap();
    assert_eq!(new_ids.len(), 2);
    let last = new_ids[1];
    store.move_item(last, 1, 0, &f.lead).await.unwrap();

    let view = store.plan(f.plan).await.unwrap().unwrap();
    let roots: Vec<&str> = view.items.iter().map(|n| n.item.title.as_str()).collect();
    assert_eq!(roots.last(), Some(&"Nhiệm vụ phát sinh"));
    assert!(
        view.items
            .iter()
            .any(|n| n.item.id == top_id && n.item.added)
    );
    let item1 = &view.items[0];
    assert_eq!(item1.children[0].item.title, "Chuẩn bị bài phát biểu");
    let item2 = &view.items[1];
    let kids: Vec<&str> = item2
        .children
        .iter()
        .map(|n| n.item.title.as_str())
        .collect();
    assert_eq!(
        kids,
        [
            "In ấn, phát hành",
            "Biên soạn bài viết",
            "Dịch sang tiếng Anh",
            "Xây dựng phóng sự"
        ]
    );
    assert!(item2.children[0].item.added && !item2.children[1].item.added);
    let actions: Vec<String> = store
        .audit_for_plan(f.plan, None, 100)
        .await
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "item.units",
        "item.people",
        "item.add",
        "item.split",
        "item.move",
        "plan.import",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}

fn content(text: &str, percent: i64, figures: &[(i64, f64)], targets: &[i64]) -> ReportContent {
    ReportContent::new(
        text,
        Some(Percent::new(percent).unwrap()),
        figures
            .iter()
            .map(|(t, v)| (*t, Figure::new(*v).unwrap()))
            .collect(),
        targets,
    )
    .unwrap()
}

async fn tracking_reports_are_versioned_with_evidence(store: &Store) {
    let f = fixture(store).await;
    let item = store.item(f.item21).await.unwrap().unwrap();
    let target = item.targets[0].id;
    let dir = std::env::temp_dir().join(format!("sangtao-ev-{}", random_hex()));
    let files = EvidenceStore::new(&dir, store::evidence_store::DEFAULT_LIMIT);
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    png.extend_from_slice(b"IHDR photo of the seminar");
    let stored = files.put(&png[..], "hoi-thao.png").await.unwrap();
    forbidden(
        store
            .add_evidence(f.item21, &stored, "hoi-thao.png", &f.outsider)
            .await,
    );
    let ev = store
        .add_evidence(f.item21, &stored, "../hội thảo.png", &f.lead)
        .await
        .unwrap();
    assert_eq!(ev.original_name, "..hội thảo.png");
    assert_eq!(ev.mime, "image/png");
    assert_eq!(store.evidence(ev.id).await.unwrap().unwrap(), ev);

    let q2 = Period::Quarter(2025, 2);
    let new = NewReport {
        item_id: f.item21,
        unit_id: f.qlds,
        period: q2,
        content: content("Đã biên soạn 12 trang", 40, &[(target, 12.0)], &[target]),
        evidence: vec![ev.id],
    };
    forbidden(store.file_report(&new, &f.coord).await);
    forbidden(store.file_report(&new, &f.board).await);
    let first = store.file_report(&new, &f.lead).await.unwrap();
    assert_eq!(first.version, 1);
    assert_eq!(first.figures, vec![(target, 12.0)]);
    assert_eq!(first.evidence, vec![ev.clone()]);
    assert_eq!(first.period, q2);
    // The partner reports its own share on the same item.
    let partner = store
        .file_report(
            &NewReport {
                unit_id: f.tap_chi,
                content: content("Đã dàn trang", 30, &[(target, 8.0)], &[target]),
                evidence: vec![],
                ..new.clone()
            },
            &f.partner,
        )
        .await
        .unwrap();
    // Filing the same period again is a conflict with the existing report.
    match store.file_report(&new, &f.lead).await {
        Err(StoreError::Conflict { conflict, .. }) => assert_eq!(conflict.current, 1),
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Two people filing the same report at once: one version, one conflict.
    let march = NewReport {
        period: Period::Month(2025, 3),
        evidence: vec![],
        ..new.clone()
    };
    let (a, b) = tokio::join!(
        store.file_report(&march, &f.lead),
        store.file_report(&march, &f.lead)
    );
    assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1, "{a:?} {b:?}");
    match a.err().or(b.err()) {
        Some(StoreError::Conflict {
            conflict, current, ..
        }) => {
            assert_eq!(conflict.current, 1);
            assert_eq!(current["period"], "2025-03");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    // A period outside the plan's year.
    match store
        .file_report(
            &NewReport {
                period: Period::Quarter(2026, 1),
                ..new.clone()
            },
            &f.lead,
        )
        .await
    {
        Err(StoreError::Tracking(e)) => {
            assert!(
                matches!(
                    e,
                    TrackingError::PeriodOutsidePlan {
                        first: 2025,
                        last: 2025,
                        ..
                    }
                ),
                "{e:?}"
            );
        }
        other => panic!("expected a period error, got {other:?}"),
    }
    // A figure for a target of another item.
    let wrong = NewReport {
        content: content("x", 1, &[(target + 1000, 1.0)], &[target + 1000]),
        period: Period::Month(2025, 1),
        ..new.clone()
    };
    assert!(matches!(
        store.file_report(&wrong, &f.lead).await,
        Err(StoreError::Tracking(TrackingError::UnknownTarget(_)))
    ));

    // Edit: a new version linked to the previous one.
    let second = store
        .edit_report(
            first.report_id,
            1,
            &content("Đã biên soạn 20 trang", 60, &[(target, 20.0)], &[target]),
            &[ev.id],
            &f.lead,
        )
        .await
        .unwrap();
    assert_eq!((second.version, second.previous_id), (2, Some(first.id)));
    assert_eq!(second.report_id, first.id);
    // Editing the old version again: conflict carrying the current one.
    match store
        .edit_report(
            first.report_id,
            1,
            &content("cũ", 50, &[], &[]),
            &[],
            &f.lead,
        )
        .await
    {
        Err(StoreError::Conflict {
            conflict, current, ..
        }) => {
            assert_eq!((conflict.current, conflict.attempted), (2, 1));
            assert_eq!(current["text"], "Đã biên soạn 20 trang");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    forbidden(
        store
            .edit_report(
                first.report_id,
                2,
                &content("x", 1, &[], &[]),
                &[],
                &f.partner,
            )
            .await,
    );
    let history = store.report_history(second.id).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].text, "Đã biên soạn 12 trang");
    assert!(!history[0].is_latest && history[1].is_latest);
    assert_eq!(history[1].evidence, vec![ev]);
    let latest = store.item_reports(f.item21).await.unwrap();
    assert_eq!(latest.len(), 3);
    assert!(latest.iter().any(|r| r.id == second.id));
    assert!(latest.iter().any(|r| r.id == partner.id));
    // Versions are history: the database refuses rewriting them.
    assert!(
        raw_execute(store, "UPDATE progress_reports SET text = 'x'")
            .await
            .is_err()
    );
    assert!(
        raw_execute(store, "UPDATE report_figures SET value = 0")
            .await
            .is_err()
    );
    let audit = store.audit_for_item(f.item21, None, 10).await.unwrap();
    let actions: Vec<&str> = audit.entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "report.edit",
            "report.file",
            "report.file",
            // The first report, 40%, started the item.
            "item.status.auto",
            "report.file",
            "evidence.add"
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The test's own record kind: club meetings.
fn meeting(key: &str, status: &str, day: chrono::NaiveDate, items: &[ItemId]) -> CountableRecord {
    CountableRecord {
        source_key: key.into(),
        kind: "test_meeting".into(),
        status: status.into(),
        date: Some(day),
        title: format!("Buổi sinh hoạt {key}"),
        numbers: [("attendees".to_string(), 10.0)].into_iter().collect(),
        items: items.to_vec(),
    }
}

async fn tracking_targets_entered_and_counted(store: &Store) {
    let f = fixture(store).await;
    let item11 = store.item(f.item11).await.unwrap().unwrap();
    let (sessions, seminars) = (item11.targets[0].id, item11.targets[1].id);
    let page_target = store.item(f.item21).await.unwrap().unwrap().targets[0].id;
    let rule = CountingRule {
        kinds: vec!["test_meeting".into()],
        statuses: vec!["held".into()],
        window: Window::Year { year: 2025 },
        item: Some(f.item11),
        measure: Measure::Count,
    };
    // 1.1 names no unit and inherits item 1's: the lead unit may set it, others not.
    forbidden(
        store
            .set_target_source(
                sessions,
                &TargetSource::Counted { rule: rule.clone() },
                &f.outsider,
            )
            .await,
    );
    store
        .set_target_source(
            sessions,
            &TargetSource::Counted { rule: rule.clone() },
            &f.board,
        )
        .await
        .unwrap();
    let wrong_item = CountingRule {
        item: Some(f.item1),
        ..rule.clone()
    };
    assert!(matches!(
        store
            .set_target_source(
                seminars,
                &TargetSource::Counted { rule: wrong_item },
                &f.board
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    let sum = CountingRule {
        measure: Measure::Sum {
            field: "attendees".into(),
        },
        item: None,
        ..rule.clone()
    };
    store
        .set_target_source(seminars, &TargetSource::Counted { rule: sum }, &f.board)
        .await
        .unwrap();
    for i in 0..21 {
        store
            .save_record(&meeting(
                &format!("m{i}"),
                "held",
                date(2025, 1 + i % 12, 10),
                &[f.item11],
            ))
            .await
            .unwrap();
    }
    for (k, status, day, items) in [
        ("planned", "planned", date(2025, 6, 1), vec![f.item11]),
        ("old", "held", date(2024, 12, 31), vec![f.item11]),
        ("elsewhere", "held", date(2025, 6, 1), vec![f.item1]),
    ] {
        store
            .save_record(&meeting(k, status, day, &items))
            .await
            .unwrap();
    }
    // Saving again under the same key replaces: m0 is cancelled now.
    store
        .save_record(&meeting("m0", "cancelled", date(2025, 1, 10), &[f.item11]))
        .await
        .unwrap();
    store
        .save_record(&meeting("m0", "held", date(2025, 1, 10), &[f.item11]))
        .await
        .unwrap();

    // 2.1's "30- 40 trang" names a magazine, so the import counts its pages; here it is
    // entered, as the lead unit (or the Board) may choose.
    let imported = store.plan_target_progress(f.plan).await.unwrap();
    let page = imported
        .iter()
        .find(|t| t.target_id == page_target)
        .unwrap();
    assert!(matches!(page.source, TargetSource::Counted { .. }));
    store
        .set_target_source(page_target, &TargetSource::Entered, &f.board)
        .await
        .unwrap();
    // Entered: two units' latest cumulative figures add up.
    for (unit, who, period, v) in [
        (f.qlds, &f.lead, Period::Quarter(2025, 1), 10.0),
        (f.qlds, &f.lead, Period::Half(2025, 1), 25.0),
        (f.tap_chi, &f.partner, Period::Month(2025, 5), 15.0),
    ] {
        store
            .file_report(
                &NewReport {
                    item_id: f.item21,
                    unit_id: unit,
                    period,
                    content: content("", 50, &[(page_target, v)], &[page_target]),
                    evidence: vec![],
                },
                who,
            )
            .await
            .unwrap();
    }
    let before = store.view_query_count();
    let progress = store.plan_target_progress(f.plan).await.unwrap();
    assert!(
        store.view_query_count() - before <= 4,
        "a fixed number of queries"
    );
    let get = |id| progress.iter().find(|t| t.target_id == id).unwrap();
    assert_eq!(get(sessions).actual, Some(21.0));
    assert_eq!(get(sessions).attainment, Some(domain::Attainment::Within));
    // Unlinked sum: every held 2025 meeting, linked anywhere (22 × 10 attendees).
    assert_eq!(get(seminars).actual, Some(220.0));
    assert_eq!(get(seminars).attainment, Some(domain::Attainment::Above));
    assert_eq!(get(page_target).actual, Some(40.0));
    assert_eq!(get(page_target).reported, Some(40.0), "the same figure");
    assert_eq!(get(sessions).reported, None, "counted, nothing reported");
    assert_eq!(
        get(page_target).attainment,
        Some(domain::Attainment::Within)
    );
    assert!(matches!(get(page_target).source, TargetSource::Entered));
    // Back to entered: nobody reported on it, so no actual.
    store
        .set_target_source(sessions, &TargetSource::Entered, &f.board)
        .await
        .unwrap();
    let progress = store.plan_target_progress(f.plan).await.unwrap();
    let s = progress.iter().find(|t| t.target_id == sessions).unwrap();
    assert_eq!((s.actual, s.attainment), (None, None));
}

async fn tracking_item_list_filters_and_pages(store: &Store) {
    let plan = store
        .import_plan(
            &big_plan(60, "Kế hoạch lớn"),
            "big.txt",
            &"d".repeat(64),
            None,
        )
        .await
        .unwrap()
        .plan_id();
    let f = fixture(store).await;
    let all = store
        .list_items(&ItemFilter {
            plan_id: Some(plan),
            per_page: 25,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.total, 180);
    assert_eq!(all.rows.len(), 25);
    let page8 = store
        .list_items(&ItemFilter {
            plan_id: Some(plan),
            per_page: 25,
            page: 8,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page8.rows.len(), 5);
    // Children are due 2025-06-30, parents at the year end: the due order shows it.
    assert_eq!(all.rows[0].due, Some(date(2025, 6, 30)));
    assert_eq!(page8.rows[4].due, Some(date(2025, 12, 31)));
    let due = store
        .list_items(&ItemFilter {
            plan_id: Some(plan),
            due_from: Some(date(2025, 6, 1)),
            due_to: Some(date(2025, 6, 30)),
            per_page: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(due.total, 120);
    // Export batches: by id after the last one seen, every row exactly once.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let batch = store
            .list_items(&ItemFilter {
                plan_id: Some(plan),
                due_from: Some(date(2025, 6, 1)),
                due_to: Some(date(2025, 6, 30)),
                per_page: 50,
                after_id: after,
                ..Default::default()
            })
            .await
            .unwrap();
        let Some(last) = batch.rows.last() else { break };
        after = Some(last.id);
        seen.extend(batch.rows.iter().map(|r| r.id));
    }
    assert_eq!(seen.len(), 120);
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    // Unit filter across plans, as lead only, with units in each row.
    let led = store
        .list_items(&ItemFilter {
            unit_id: Some(f.qlds),
            relation: Some(UnitRelation::Lead),
            per_page: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    // Units in effect: 1 (and 1.1 and its activity, which take 1's units), 2.1, 2.2
    // (spelt 'văn hoá') and 3 in the sample; every item of the big plan, whose 120
    // children take their top item's unit.
    assert_eq!(led.total, 180 + 6);
    assert_eq!(
        led.rows.iter().filter(|r| r.units_inherited).count(),
        120 + 2
    );
    assert!(led.rows.iter().all(|r| {
        r.lead_units
            .iter()
            .any(|u| u.starts_with("Phòng Quản lý Di sản"))
    }));
    let coord = store
        .list_items(&ItemFilter {
            unit_id: Some(f.bao_tang),
            per_page: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    // Item 1 of the sample with its two inheriting descendants, and each top item of the
    // big plan with its two children.
    assert_eq!(coord.total, 180 + 3);
    store
        .set_item_status(f.item1, 1, ItemStatus::InProgress, None, &f.lead)
        .await
        .unwrap();
    let busy = store
        .list_items(&ItemFilter {
            statuses: vec![ItemStatus::InProgress, ItemStatus::Late],
            unit_id: Some(f.qlds),
            text: Some("mang luoi".into()),
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(busy.total, 1);
    assert_eq!(busy.rows[0].id, f.item1);
    assert_eq!(busy.rows[0].coordinating_units.len(), 2);
    // A partner sees only the items naming its unit; none without units.
    let shared = store
        .list_items(&ItemFilter {
            visible_units: Some(vec![f.tap_chi]),
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(shared.total, 1);
    assert_eq!(shared.rows[0].id, f.item21);
    let nothing = store
        .list_items(&ItemFilter {
            visible_units: Some(vec![]),
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(nothing.total, 0);
    assert_eq!(busy.rows[0].status.label(Language::Vi), "Đang thực hiện");
    assert_eq!(
        store.report_years(f.plan).await.unwrap(),
        Some((2025, 2025))
    );
    assert_eq!(store.report_years(PlanId(999_999)).await.unwrap(), None);
    // LIKE wildcards in the search text are literal.
    let none = store
        .list_items(&ItemFilter {
            text: Some("%".into()),
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(none.total, 0);
}

async fn tracking_audit_pages_and_csv(store: &Store) {
    let f = fixture(store).await;
    let mut v = 1;
    for i in 0..7 {
        v = store
            .update_item(
                f.item1,
                v,
                &ItemEdit {
                    text: Some(format!("Lần sửa {i}, \"trích dẫn\"")),
                    ..Default::default()
                },
                &f.lead,
            )
            .await
            .unwrap();
    }
    let p1 = store.audit_for_item(f.item1, None, 3).await.unwrap();
    assert_eq!(p1.entries.len(), 3);
    let p2 = store
        .audit_for_item(f.item1, p1.next_before, 3)
        .await
        .unwrap();
    let p3 = store
        .audit_for_item(f.item1, p2.next_before, 3)
        .await
        .unwrap();
    assert_eq!(p3.entries.len(), 1);
    assert_eq!(p3.next_before, None);
    assert!(p1.entries[0].id > p2.entries[0].id);
    let plan = store.audit_for_plan(f.plan, None, 100).await.unwrap();
    assert_eq!(plan.entries.len(), 8, "seven edits and the import");
    assert_eq!(plan.entries.last().unwrap().action, "plan.import");
    assert_eq!(p1.entries[0].action, "item.update");
    let after = p1.entries[0].after.as_ref().unwrap().to_string();
    assert!(after.contains("trích dẫn"), "{after}");
}

async fn tracking_synthetic_data_is_deterministic(store: &Store) {
    let spec = SyntheticSpec {
        plans: 3,
        items: 200,
        reports: 1000,
        events: 0,
        seed: 42,
    };
    let made = store.generate_synthetic(spec).await.unwrap();
    assert_eq!((made.plans, made.items, made.reports), (3, 200, 1000));
    assert_eq!(raw_count(store, "SELECT COUNT(*) FROM items").await, 200);
    assert_eq!(
        raw_count(store, "SELECT COUNT(*) FROM progress_reports").await,
        1000
    );
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM progress_reports WHERE version = 2"
        )
        .await,
        3 * (333 / 20),
        "one in twenty of each plan's reports"
    );
    assert!(raw_count(store, "SELECT COUNT(*) FROM report_figures").await > 0);
    // The same seed gives the same content, on another database.
    let other = Store::connect("sqlite::memory:").await.unwrap();
    other.migrate().await.unwrap();
    store::generate_synthetic(&other, spec).await.unwrap();
    let titles = |s: Store| async move {
        let page = s
            .list_items(&ItemFilter {
                per_page: 500,
                ..Default::default()
            })
            .await
            .unwrap();
        page.rows
            .into_iter()
            .map(|r| (r.title, r.status, r.due, r.lead_units))
            .collect::<Vec<_>>()
    };
    let a = titles(store.clone()).await;
    assert_eq!(a, titles(other).await);
    assert!(
        a.iter()
            .any(|(t, ..)| t.contains("phiên họp trực tuyến") || t.contains("hội nghị"))
    );
    // Generated plans work with the rest of the store.
    let plans = store.list_plans().await.unwrap();
    let view = store.plan(plans[0].id).await.unwrap().unwrap();
    assert!(!view.items.is_empty());
    let progress = store.plan_target_progress(plans[0].id).await.unwrap();
    assert!(progress.iter().any(|t| t.actual.is_some()));
    let searched = store
        .list_items(&ItemFilter {
            text: Some("hoi thao quoc te".into()),
            per_page: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        searched
            .rows
            .iter()
            .all(|r| r.title.contains("hội thảo quốc tế"))
    );
}

async fn tracking_items_without_units_inherit_the_nearest_ancestors(store: &Store) {
    let f = fixture(store).await;
    // "1.1" and its activity name no unit: item 1's lead and coordinating units apply.
    let activity = store.item(f.item11).await.unwrap().unwrap().children[0]
        .item
        .id;
    for id in [f.item11, activity] {
        let it = store.item_tracking(id).await.unwrap().unwrap();
        assert!(it.units.is_empty(), "no own units");
        let lead: Vec<_> = it
            .effective_units()
            .iter()
            .filter(|(_, r)| *r == domain::UnitRelation::Lead)
            .map(|(u, _)| *u)
            .collect();
        assert_eq!(lead, vec![f.qlds], "inherited from item 1");
        assert!(it.effective_units().iter().any(|(u, _)| *u == f.bao_tang));
    }
    // So the lead unit edits the activity, the coordinating unit reports on it, and an
    // outsider still may not.
    let v = store
        .item_tracking(activity)
        .await
        .unwrap()
        .unwrap()
        .version;
    store
        .update_item(
            activity,
            v,
            &ItemEdit {
                text: Some("Tham gia phiên họp trực tuyến hằng tháng".into()),
                ..Default::default()
            },
            &f.lead,
        )
        .await
        .unwrap();
    let report = NewReport {
        item_id: activity,
        unit_id: f.bao_tang,
        period: Period::Quarter(2025, 2),
        content: ReportContent::new("Đã dự 2 phiên", None, vec![], &[]).unwrap(),
        evidence: vec![],
    };
    store.file_report(&report, &f.coord).await.unwrap();
    let mut by_outsider = report.clone();
    by_outsider.unit_id = f.other;
    forbidden(store.file_report(&by_outsider, &f.outsider).await);
    // Own units, once set, replace the inherited ones.
    let v = store
        .item_tracking(activity)
        .await
        .unwrap()
        .unwrap()
        .version;
    store
        .set_item_units(activity, v, &[f.tap_chi], &[], &f.board)
        .await
        .unwrap();
    let it = store.item_tracking(activity).await.unwrap().unwrap();
    assert_eq!(
        it.effective_units(),
        &[(f.tap_chi, domain::UnitRelation::Lead)]
    );
    forbidden(
        store
            .update_item(activity, it.version, &ItemEdit::default(), &f.lead)
            .await,
    );
}

async fn tracking_plan_views_are_served_from_memory_until_something_changes(store: &Store) {
    let f = fixture(store).await;
    let status_of = |v: &store::PlanView, id: ItemId| {
        v.items
            .iter()
            .flat_map(|r| r.walk())
            .find(|n| n.item.id == id)
            .unwrap()
            .item
            .status
    };
    let first = store.plan(f.plan).await.unwrap().unwrap();
    let q = store.view_query_count();
    let again = store.plan(f.plan).await.unwrap().unwrap();
    assert_eq!(
        store.view_query_count(),
        q,
        "the second view comes from memory"
    );
    assert_eq!(first, again);
    // A change is seen at once.
    store
        .set_item_status(f.item1, 1, ItemStatus::InProgress, None, &f.lead)
        .await
        .unwrap();
    let changed = store.plan(f.plan).await.unwrap().unwrap();
    assert!(store.view_query_count() > q, "reloaded after the change");
    assert_eq!(status_of(&changed, f.item1), ItemStatus::InProgress);
    // So is a unit merged away elsewhere: its chips name the unit it went into.
    store
        .merge_unit(f.tap_chi, f.other, Some(f.board.user_id))
        .await
        .unwrap();
    let merged = store.plan(f.plan).await.unwrap().unwrap();
    let names: Vec<String> = merged
        .items
        .iter()
        .flat_map(|r| r.walk())
        .flat_map(|n| n.units.iter().map(|u| u.unit.name.clone()))
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with("Tạp chí Kiến trúc")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n.starts_with("Văn phòng UNESCO")));
}

async fn tracking_item_list_counts_up_to_a_cap(store: &Store) {
    store
        .generate_synthetic(SyntheticSpec {
            plans: 3,
            items: store::LIST_COUNT_CAP as usize + 150,
            reports: 0,
            events: 0,
            seed: 7,
        })
        .await
        .unwrap();
    let all = store
        .list_items(&ItemFilter {
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!((all.total, all.total_capped), (store::LIST_COUNT_CAP, true));
    assert_eq!(all.rows.len(), 50);
    // Due dates ascend from page to page, ties by id.
    let later = store
        .list_items(&ItemFilter {
            per_page: 50,
            page: 150,
            ..Default::default()
        })
        .await
        .unwrap();
    let key = |r: &store::ItemListRow| (r.due, r.id.0);
    assert!(all.rows.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
    assert!(key(all.rows.last().unwrap()) <= key(&later.rows[0]));
    // Past the count: still rows, the same order.
    let deep = store
        .list_items(&ItemFilter {
            per_page: 50,
            page: 203,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(deep.rows.len(), 50);
    assert!(deep.total_capped);
    // A narrow filter counts exactly, and the last page needs no count.
    let plan = all.rows[0].plan_id;
    let one_plan = store
        .list_items(&ItemFilter {
            plan_id: Some(plan),
            per_page: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!one_plan.total_capped);
    assert!(one_plan.total > 1000 && one_plan.total < store::LIST_COUNT_CAP);
    let last_page = (one_plan.total + 999) / 1000;
    let q = store.view_query_count();
    let last = store
        .list_items(&ItemFilter {
            plan_id: Some(plan),
            per_page: 1000,
            page: last_page,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(last.total, one_plan.total);
    assert_eq!(
        last.rows.len() as i64,
        one_plan.total - (last_page - 1) * 1000
    );
    assert_eq!(
        store.view_query_count() - q,
        3,
        "rows, units and reports, no count"
    );
    // A unit with hundreds of items is paged by walking the due dates: the same rows,
    // in the same order, as looking every one of them up; its size is the total.
    let units = store.list_units().await.unwrap();
    let mut walked = 0;
    for u in &units {
        let mut every = Vec::new();
        // Export mode from the first batch: by id, after id 0.
        let mut after = Some(ItemId(0));
        loop {
            let batch = store
                .list_items(&ItemFilter {
                    unit_id: Some(u.id),
                    per_page: 1000,
                    after_id: after,
                    ..Default::default()
                })
                .await
                .unwrap();
            let Some(last) = batch.rows.last() else { break };
            after = Some(last.id);
            every.extend(batch.rows.iter().map(|r| (r.due.is_none(), r.due, r.id.0)));
        }
        every.sort();
        walked += usize::from(every.len() >= 500);
        for page in [1, 3] {
            let got = store
                .list_items(&ItemFilter {
                    unit_id: Some(u.id),
                    per_page: 50,
                    page,
                    ..Default::default()
                })
                .await
                .unwrap();
            let want: Vec<i64> = every
                .iter()
                .skip((page as usize - 1) * 50)
                .take(50)
                .map(|k| k.2)
                .collect();
            let ids: Vec<i64> = got.rows.iter().map(|r| r.id.0).collect();
            assert_eq!(ids, want, "{} page {page}", u.name);
            assert_eq!(got.total, every.len() as i64, "{}", u.name);
        }
    }
    assert!(walked > 0, "some unit is large enough to walk");
}

/// The first report with a percent above 0 moves a "chưa triển khai" item to "đang thực
/// hiện", in the report's transaction and with an audit entry of its own; a report without
/// work done, or on an item past that point, moves nothing.
async fn tracking_a_report_with_work_done_starts_its_item(store: &Store) {
    let f = fixture(store).await;
    let item = |id| async move { store.item(id).await.unwrap().unwrap().item };
    let before = item(f.item11).await;
    assert_eq!(before.status, ItemStatus::NotStarted);
    let new = |unit, period, percent: Option<i64>| NewReport {
        item_id: f.item11,
        unit_id: unit,
        period,
        content: ReportContent::new(
            "Đã liên hệ Ban Thư ký Mạng lưới",
            percent.map(|p| Percent::new(p).unwrap()),
            vec![],
            &[],
        )
        .unwrap(),
        evidence: vec![],
    };
    // Text only, then 0%: still not started, and the item's version is untouched.
    store
        .file_report(&new(f.qlds, Period::Month(2025, 1), None), &f.lead)
        .await
        .unwrap();
    store
        .file_report(&new(f.qlds, Period::Month(2025, 2), Some(0)), &f.lead)
        .await
        .unwrap();
    let still = item(f.item11).await;
    assert_eq!(
        (still.status, still.version),
        (ItemStatus::NotStarted, before.version)
    );
    // 40%: in progress, one version later, said in the audit as automatic.
    let filed = store
        .file_report(&new(f.qlds, Period::Month(2025, 3), Some(40)), &f.lead)
        .await
        .unwrap();
    let moved = item(f.item11).await;
    assert_eq!(moved.status, ItemStatus::InProgress);
    assert_eq!(moved.version, before.version + 1);
    let audit = store.audit_for_item(f.item11, None, 10).await.unwrap();
    let auto = &audit.entries[0];
    assert_eq!(auto.action, "item.status.auto");
    assert_eq!(auto.actor, Some(f.lead.user_id));
    assert!(
        auto.after
            .as_ref()
            .unwrap()
            .to_string()
            .contains("in_progress"),
        "{:?}",
        auto.after
    );
    // A new version of the report on an item in progress moves nothing more.
    store
        .edit_report(
            filed.report_id,
            filed.version,
            &new(f.qlds, Period::Month(2025, 3), Some(70)).content,
            &[],
            &f.lead,
        )
        .await
        .unwrap();
    assert_eq!(item(f.item11).await.version, moved.version);
    // A suspended item stays suspended whatever the report says.
    store
        .set_item_status(
            f.item11,
            moved.version,
            ItemStatus::Suspended,
            Some("Chờ ý kiến UBND"),
            &f.lead,
        )
        .await
        .unwrap();
    store
        .file_report(&new(f.qlds, Period::Month(2025, 4), Some(90)), &f.lead)
        .await
        .unwrap();
    assert_eq!(item(f.item11).await.status, ItemStatus::Suspended);
}

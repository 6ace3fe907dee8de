//! What the results report gathers (issue 12) on both backends: the events held within its
//! period on their own zone's date (not later ones, not planned ones, not another plan's),
//! the delegations that left in it with their members and items, the plan's own Nơi nhận,
//! and the difficulties and proposals a progress report carries from version to version.

use super::events::{Seed, at, input, seed};
use super::*;
use domain::{
    DelegationStatus, Dong, EventKind, EventStatus, Percent, Period, PlanId, ReportContent,
};
use store::{DelegationInput, NewReport};

conformance!(
    report_sources_events_held_within_the_period,
    report_sources_delegations_and_recipients,
    report_sources_reports_carry_difficulties_and_proposals,
);

async fn held(s: &Seed, store: &Store, title: &str, zone: &str, start: chrono::NaiveDateTime) {
    let e = input(
        s,
        title,
        EventKind::OnlineSession,
        zone,
        start,
        1,
        EventStatus::Held,
    );
    store.create_event(&e, &s.lead).await.unwrap();
}

async fn report_sources_events_held_within_the_period(store: &Store) {
    let s = seed(store).await;
    held(
        &s,
        store,
        "Phiên tháng 3",
        "Asia/Ho_Chi_Minh",
        at(2025, 3, 10, 14),
    )
    .await;
    // 30/06 at 23:00 in Paris is 01/07 in Hanoi: counted on its own date, in the half.
    held(
        &s,
        store,
        "Phiên Paris 30/6",
        "Europe/Paris",
        at(2025, 6, 30, 23),
    )
    .await;
    // 01/01 at 08:00 in Tokyo is still 31/12 in UTC: in the half too.
    held(
        &s,
        store,
        "Phiên Tokyo 1/1",
        "Asia/Tokyo",
        at(2025, 1, 1, 8),
    )
    .await;
    held(
        &s,
        store,
        "Phiên cuối 2024",
        "Asia/Ho_Chi_Minh",
        at(2024, 12, 31, 20),
    )
    .await;
    held(
        &s,
        store,
        "Phiên 18/11",
        "Asia/Ho_Chi_Minh",
        at(2025, 11, 18, 9),
    )
    .await;
    let planned = input(
        &s,
        "Phiên dự kiến",
        EventKind::OnlineSession,
        "Asia/Ho_Chi_Minh",
        at(2025, 4, 2, 9),
        1,
        EventStatus::Planned,
    );
    store.create_event(&planned, &s.lead).await.unwrap();
    let mut elsewhere = input(
        &s,
        "Sự kiện không thuộc kế hoạch",
        EventKind::OnlineSession,
        "Asia/Ho_Chi_Minh",
        at(2025, 4, 3, 9),
        1,
        EventStatus::Held,
    );
    elsewhere.items = vec![];
    store.create_event(&elsewhere, &s.lead).await.unwrap();

    let titles = |events: Vec<store::EventRecord>| -> Vec<String> {
        events.into_iter().map(|e| e.title).collect()
    };
    let h1 = store
        .plan_events_held(s.plan, Period::Half(2025, 1))
        .await
        .unwrap();
    assert!(h1.iter().all(|e| e.items == vec![s.sessions_item]));
    assert!(h1.iter().all(|e| e.units.iter().any(|(u, _)| *u == s.qlds)));
    assert_eq!(
        titles(h1),
        ["Phiên Tokyo 1/1", "Phiên tháng 3", "Phiên Paris 30/6"]
    );
    let year = store
        .plan_events_held(s.plan, Period::Year(2025))
        .await
        .unwrap();
    assert_eq!(year.len(), 4, "the session of 18/11 is in the year");
    assert_eq!(
        titles(
            store
                .plan_events_held(s.plan, Period::NineMonths(2025))
                .await
                .unwrap()
        ),
        ["Phiên Tokyo 1/1", "Phiên tháng 3", "Phiên Paris 30/6"],
        "18/11 is after the nine months"
    );
    assert!(
        store
            .plan_events_held(PlanId(999_999), Period::Year(2025))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn report_sources_delegations_and_recipients(store: &Store) {
    let s = seed(store).await;
    let mut annual = input(
        &s,
        "Hội nghị thường niên UCCN",
        EventKind::Conference,
        "Europe/Budapest",
        at(2025, 5, 5, 9),
        8,
        EventStatus::Held,
    );
    annual.items = vec![s.sessions_item, s.shows_item];
    let event = store.create_event(&annual, &s.lead).await.unwrap();
    let trip = |title: &str, depart, event_id| DelegationInput {
        title: title.into(),
        purpose: "Tham dự Hội nghị thường niên".into(),
        destination: "Pécs, Hungary".into(),
        depart,
        back: depart + chrono::Days::new(5),
        estimated_cost: Dong::new(300_000_000).unwrap(),
        lead_unit: s.qlds,
        event_id,
        members: vec![
            ("Nguyễn Văn A".into(), "Trưởng đoàn".into()),
            ("Trần Thị B".into(), "Chuyên viên".into()),
        ],
        budget_item: None,
    };
    let went = store
        .create_delegation(
            &trip("Đoàn dự hội nghị", date(2025, 5, 3), Some(event)),
            &s.lead,
        )
        .await
        .unwrap();
    let mut v = 1;
    for (to, who) in [
        (DelegationStatus::Submitted, &s.lead),
        (DelegationStatus::Approved, &s.board),
        (DelegationStatus::Travelled, &s.lead),
    ] {
        v = store.set_delegation_status(went, v, to, who).await.unwrap();
    }
    store
        .file_delegation_report(went, v, "Ký biên bản hợp tác với Pécs", &s.lead)
        .await
        .unwrap();
    // Later, or for no event of the plan: not in the first half's report.
    let later = trip("Đoàn tháng 8", date(2025, 8, 1), Some(event));
    store.create_delegation(&later, &s.lead).await.unwrap();
    let loose = trip("Đoàn không gắn sự kiện", date(2025, 4, 1), None);
    store.create_delegation(&loose, &s.lead).await.unwrap();

    let h1 = store
        .plan_delegations(s.plan, Period::Half(2025, 1))
        .await
        .unwrap();
    assert_eq!(h1.len(), 1, "{h1:?}");
    let d = &h1[0];
    assert_eq!(d.delegation.title, "Đoàn dự hội nghị");
    assert_eq!(d.delegation.status, DelegationStatus::Reported);
    assert_eq!(d.delegation.report, "Ký biên bản hợp tác với Pécs");
    assert_eq!(d.delegation.members.len(), 2);
    assert_eq!(
        d.items,
        vec![s.sessions_item, s.shows_item],
        "in document order"
    );
    let year = store
        .plan_delegations(s.plan, Period::Year(2025))
        .await
        .unwrap();
    assert_eq!(year.len(), 2);

    let r = store.plan_recipients(s.plan).await.unwrap().unwrap();
    assert_eq!(
        r.recipients.first(),
        Some(&(
            "Đ/c Giám đốc Sở".to_string(),
            Some("để chỉ đạo".to_string())
        ))
    );
    assert!(r.recipients.iter().any(|(n, _)| n == "Bảo tàng Hà Nội"));
    assert_eq!(r.archive.as_deref(), Some("VT, QLDSVH (6b)"));
    assert_eq!(store.plan_recipients(PlanId(999_999)).await.unwrap(), None);
}

async fn report_sources_reports_carry_difficulties_and_proposals(store: &Store) {
    let s = seed(store).await;
    let content = |text: &str, difficulties: &str, proposals: &str| {
        ReportContent::with_notes(
            text,
            difficulties,
            proposals,
            Some(Percent::new(40).unwrap()),
            vec![],
            &[],
        )
        .unwrap()
    };
    let new = NewReport {
        item_id: s.sessions_item,
        unit_id: s.qlds,
        period: Period::Quarter(2025, 2),
        content: content(
            "Đã dự 9 phiên họp trực tuyến",
            "Thiếu phiên dịch viên tiếng Anh",
            "Bổ sung kinh phí thuê phiên dịch",
        ),
        evidence: vec![],
    };
    let v1 = store.file_report(&new, &s.lead).await.unwrap();
    assert_eq!(v1.difficulties, "Thiếu phiên dịch viên tiếng Anh");
    assert_eq!(v1.proposals, "Bổ sung kinh phí thuê phiên dịch");
    let v2 = store
        .edit_report(
            v1.report_id,
            1,
            &content(
                "Đã dự 10 phiên họp trực tuyến",
                "Đường truyền không ổn định",
                "",
            ),
            &[],
            &s.lead,
        )
        .await
        .unwrap();
    assert_eq!(
        (v2.difficulties.as_str(), v2.proposals.as_str()),
        ("Đường truyền không ổn định", "")
    );
    // Each version keeps its own.
    let history = store.report_history(v2.id).await.unwrap();
    assert_eq!(history[0].proposals, "Bổ sung kinh phí thuê phiên dịch");
    assert_eq!(history[1].difficulties, "Đường truyền không ổn định");
    // The results report reads the latest version's.
    let texts = store
        .report_texts(s.plan, Period::Half(2025, 1))
        .await
        .unwrap();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].difficulties, "Đường truyền không ổn định");
    assert_eq!(texts[0].proposals, "");
    assert!(
        store
            .report_texts(s.plan, Period::Quarter(2025, 1))
            .await
            .unwrap()
            .is_empty()
    );
}

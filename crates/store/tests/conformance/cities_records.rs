//! The city directory's records (issue 19) on both backends: delegations picked to cities
//! (on their timelines, in "last contact", on their plan item), and the timeline paged in
//! SQL in the order `domain::cities::timeline` defines.

use super::cities::{CITIES, find, rows};
use super::events::{at, input, seed};
use super::*;
use domain::cities::{Interaction, InteractionKind, LetterDraft, timeline};
use domain::{Dong, EventError, EventKind, EventStatus};
use store::DelegationInput;

conformance!(
    cities_delegations_go_to_cities,
    cities_timeline_pages_in_sql_in_the_domain_order,
);

fn trip(s: &super::events::Seed, title: &str, depart: chrono::NaiveDate) -> DelegationInput {
    DelegationInput {
        title: title.into(),
        purpose: "Trao đổi kinh nghiệm".into(),
        destination: "Bangkok, Thái Lan".into(),
        depart,
        back: depart + chrono::Duration::days(4),
        estimated_cost: Dong::new(100_000_000).unwrap(),
        lead_unit: s.qlds,
        event_id: None,
        members: vec![("Nguyễn Văn A".into(), "Trưởng đoàn".into())],
        budget_item: None,
    }
}

async fn cities_delegations_go_to_cities(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let bangkok = find(store, "bangkok").await.id;
    let da_lat = find(store, "da-lat").await.id;
    store
        .add_estimate_line(
            s.sessions_item,
            0,
            &super::budget::line("venue", "1", "1.000.000"),
            &s.lead,
        )
        .await
        .unwrap();
    let mut input = trip(&s, "Đoàn công tác Bangkok", date(2025, 8, 10));
    input.budget_item = Some(s.sessions_item);
    let d = store.create_delegation(&input, &s.lead).await.unwrap();
    store
        .set_delegation_cities(d, &[bangkok, da_lat, bangkok], &s.lead)
        .await
        .unwrap();
    // The same cities again change nothing (one audit entry).
    store
        .set_delegation_cities(d, &[da_lat, bangkok], &s.lead)
        .await
        .unwrap();
    assert!(matches!(
        store.set_delegation_cities(d, &[da_lat], &s.outsider).await,
        Err(StoreError::Event(EventError::Forbidden { .. }))
    ));
    let names: Vec<String> = store
        .delegation_cities(d)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.1)
        .collect();
    assert_eq!(names, ["Bangkok", "Đà Lạt"]);
    // The plan item whose estimate covers the trip lists its cities.
    let item: Vec<String> = store
        .item_cities(s.sessions_item)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.1)
        .collect();
    assert_eq!(item, ["Bangkok", "Đà Lạt"]);

    let t = store.city_timeline(bangkok, 1, 100).await.unwrap();
    assert_eq!(t.total, 1);
    let e = &t.entries[0];
    assert_eq!(
        (e.kind, e.on),
        (InteractionKind::Delegation, date(2025, 8, 10))
    );
    assert!(matches!(
        &e.detail,
        store::TimelineDetail::Delegation { destination, back: Some(b), .. }
            if destination == "Bangkok, Thái Lan" && *b == date(2025, 8, 14)
    ));
    // Last contact counts the departure.
    let dates = store.contact_dates().await.unwrap();
    let bk = dates.iter().find(|c| c.id == bangkok).unwrap();
    assert_eq!(bk.latest_delegation, Some(date(2025, 8, 10)));
    let last =
        domain::cities::last_contact(bk.latest_event, &[bk.latest_letter, bk.latest_delegation]);
    assert_eq!(last, Some(date(2025, 8, 10)));
    let audit = store.audit_recent(100).await.unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "delegation.cities")
            .count(),
        1
    );
}

/// Events (one at 23:30 in Hanoi, one at 00:30), letters and delegations on the same
/// days and others: each page the SQL gives is the domain's order, cut in pages.
async fn cities_timeline_pages_in_sql_in_the_domain_order(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let city = find(store, "da-lat").await.id;
    for (i, (day, hour)) in [(1, 23), (2, 0), (2, 12), (5, 9)].into_iter().enumerate() {
        let ev = input(
            &s,
            &format!("Sự kiện {i}"),
            EventKind::Workshop,
            "Asia/Ho_Chi_Minh",
            at(2025, 3, day, hour),
            1,
            EventStatus::Planned,
        );
        let id = store.create_event(&ev, &s.lead).await.unwrap();
        store.set_event_cities(id, &[city], &s.lead).await.unwrap();
    }
    let days = [
        "01/03/2025",
        "02/03/2025",
        "02/03/2025",
        "28/02/2025",
        "31/12/2024",
    ];
    for (i, day) in days.into_iter().enumerate() {
        let l = LetterDraft {
            kind: "letter".into(),
            direction: "in".into(),
            date: day.into(),
            title: format!("Thư {i}"),
            ..Default::default()
        }
        .check()
        .unwrap();
        store.add_letter(city, &l, None, &s.board).await.unwrap();
    }
    for (i, day) in [2, 5].into_iter().enumerate() {
        let d = store
            .create_delegation(&trip(&s, &format!("Đoàn {i}"), date(2025, 3, day)), &s.lead)
            .await
            .unwrap();
        store
            .set_delegation_cities(d, &[city], &s.lead)
            .await
            .unwrap();
    }
    let all = store.city_timeline(city, 1, 1000).await.unwrap();
    assert_eq!(all.total, 11);
    let expected = timeline(
        all.entries
            .iter()
            .map(|e| Interaction {
                on: e.on,
                kind: e.kind,
                id: e.id,
                title: e.title.clone(),
                detail: String::new(),
            })
            .collect(),
    );
    let order = |v: &[Interaction]| v.iter().map(|e| (e.on, e.kind, e.id)).collect::<Vec<_>>();
    let sql: Vec<_> = all.entries.iter().map(|e| (e.on, e.kind, e.id)).collect();
    assert_eq!(sql, order(&expected));
    // The evening event is on the 1st, the one at 00:30 on the 2nd (Hanoi's days).
    let day_of = |title: &str| all.entries.iter().find(|e| e.title == title).unwrap().on;
    assert_eq!(day_of("Sự kiện 0"), date(2025, 3, 1));
    assert_eq!(day_of("Sự kiện 1"), date(2025, 3, 2));
    assert_eq!(day_of("Thư 3"), date(2025, 2, 28));
    assert_eq!(day_of("Thư 4"), date(2024, 12, 31));
    // Pages of 4: 4, 4, 3, the same entries in the same order; past the end is the last.
    let mut paged = Vec::new();
    for page in 1..=3 {
        let p = store.city_timeline(city, page, 4).await.unwrap();
        assert_eq!((p.total, p.page), (11, page));
        paged.extend(p.entries.into_iter().map(|e| (e.on, e.kind, e.id)));
    }
    assert_eq!(paged, sql);
    let past = store.city_timeline(city, 99, 4).await.unwrap();
    assert_eq!((past.page, past.entries.len()), (3, 3));
}

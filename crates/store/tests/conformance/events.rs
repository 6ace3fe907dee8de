//! Events, people, delegations and feeds (issue 5) on both backends: counting toward the
//! seed plan's targets, permissions, versions, invitations at 10,000, interpreter double
//! bookings, checklists, follow-ups into the plan, delegations and feed tokens.

use super::*;
use domain::events::ChecklistKind;
use domain::{
    Actor, CountingRule, DelegationStatus, Dong, EventError, EventFormat, EventKind, EventScope,
    EventStatus, EventTimes, InvitationStatus, ItemId, Measure, Organiser, PersonKind, PlanId,
    UnitId, Window,
};
use store::{
    DelegationInput, EventFilter, EventInput, FeedOwner, NewInvitation, PersonInput, TargetSource,
};

conformance!(
    events_count_toward_the_seed_plan_targets,
    events_permissions_versions_and_validation,
    events_ten_thousand_invitations,
    events_interpreter_double_booking_is_a_warning,
    events_checklist_documents_and_follow_ups,
    events_delegations_from_draft_to_report,
    events_feed_tokens_are_hashed_and_revocable,
    events_keep_their_zone_across_daylight_saving,
    events_link_items_by_label_in_one_query,
);

const SEED: &str = include_str!("../../../sangtao/seed/hanoi-2025-uccn.txt");

pub(super) struct Seed {
    pub(super) plan: PlanId,
    /// "Tham gia các phiên họp online … (20-30 cuộc/năm)".
    pub(super) sessions_item: ItemId,
    pub(super) sessions_target: i64,
    /// "Tổ chức tọa đàm, workshop, trưng bày, triển lãm … (03-05 cuộc)".
    pub(super) shows_item: ItemId,
    pub(super) shows_target: i64,
    pub(super) qlds: UnitId,
    pub(super) other: UnitId,
    pub(super) lead: Actor,
    pub(super) outsider: Actor,
    pub(super) partner: Actor,
    pub(super) board: Actor,
    pub(super) admin: Actor,
}

fn actor(id: UserId, roles: &[Role], units: &[UnitId]) -> Actor {
    Actor {
        user_id: id,
        roles: roles.to_vec(),
        unit_ids: units.to_vec(),
        active: true,
    }
}

pub(super) async fn seed(store: &Store) -> Seed {
    let parsed = vanban::parse_text(SEED);
    let sha = domain::password::sha256_hex(SEED.as_bytes());
    let boot = store
        .bootstrap(&parsed, "hanoi-2025-uccn.txt", &sha)
        .await
        .unwrap()
        .unwrap();
    let view = store.plan(boot.plan_id).await.unwrap().unwrap();
    let find = |prefix: &str| {
        view.items
            .iter()
            .flat_map(|r| r.walk())
            .find(|n| n.item.title.starts_with(prefix))
            .unwrap_or_else(|| panic!("no item {prefix}"))
    };
    let sessions = find("Tham gia các phiên họp online");
    let shows = find("Tổ chức tọa đàm, workshop");
    let target = |n: &store::ItemNode, min: f64| {
        n.targets
            .iter()
            .find(|t| t.min == Some(min))
            .unwrap_or_else(|| panic!("no target from {min} on {}", n.item.title))
            .id
    };
    let units = store.list_units().await.unwrap();
    let unit = |name: &str| {
        units
            .iter()
            .find(|u| u.name.starts_with(name))
            .unwrap_or_else(|| panic!("no unit {name}"))
            .id
    };
    let qlds = unit("Phòng Quản lý Di sản");
    let other = unit("Bảo tàng Hà Nội");
    let partner_unit = unit("Tạp chí Kiến trúc");
    let mut ids = Vec::new();
    for (login, roles, u) in [
        ("lead", vec![Role::Staff], vec![qlds]),
        ("outsider", vec![Role::Staff], vec![other]),
        ("partner", vec![Role::Partner], vec![partner_unit]),
        ("board", vec![Role::Board], vec![]),
    ] {
        ids.push(
            store
                .create_user(new_user(login, &roles, &u))
                .await
                .unwrap(),
        );
    }
    let admin = store.user_by_login("admin").await.unwrap().unwrap();
    Seed {
        plan: boot.plan_id,
        sessions_item: sessions.item.id,
        sessions_target: target(sessions, 20.0),
        shows_item: shows.item.id,
        shows_target: target(shows, 3.0),
        qlds,
        other,
        lead: actor(ids[0], &[Role::Staff], &[qlds]),
        outsider: actor(ids[1], &[Role::Staff], &[other]),
        partner: actor(ids[2], &[Role::Partner], &[partner_unit]),
        board: actor(ids[3], &[Role::Board], &[]),
        admin: admin.actor(),
    }
}

pub(super) fn at(y: i32, m: u32, d: u32, h: u32) -> chrono::NaiveDateTime {
    date(y, m, d).and_hms_opt(h, 0, 0).unwrap()
}

pub(super) fn input(
    s: &Seed,
    title: &str,
    kind: EventKind,
    zone: &str,
    start: chrono::NaiveDateTime,
    hours: i64,
    status: EventStatus,
) -> EventInput {
    EventInput {
        title: title.into(),
        kind,
        scope: EventScope::SoutheastAsia,
        format: EventFormat::Online,
        organiser: Organiser::NetworkCity,
        organiser_name: "Bangkok".into(),
        topic: "Thiết kế và đổi mới".into(),
        times: EventTimes::resolve(zone, start, start + chrono::Duration::hours(hours)).unwrap(),
        venue: String::new(),
        online_url: "https://meet.example.org/uccn".into(),
        lead_units: vec![s.qlds],
        coordinating_units: vec![],
        items: vec![s.sessions_item],
        status,
    }
}

fn refused(r: Result<impl std::fmt::Debug, StoreError>) {
    match r {
        Err(StoreError::Event(EventError::Forbidden { .. })) => {}
        other => panic!("expected forbidden, got {other:?}"),
    }
}

async fn events_count_toward_the_seed_plan_targets(store: &Store) {
    let s = seed(store).await;
    let rule = |kinds: &[&str], item| CountingRule {
        kinds: kinds.iter().map(|k| k.to_string()).collect(),
        statuses: vec!["held".into()],
        window: Window::Year { year: 2025 },
        item: Some(item),
        measure: Measure::Count,
    };
    store
        .set_target_source(
            s.sessions_target,
            &TargetSource::Counted {
                rule: rule(&["online_session"], s.sessions_item),
            },
            &s.board,
        )
        .await
        .unwrap();
    store
        .set_target_source(
            s.shows_target,
            &TargetSource::Counted {
                rule: rule(&["talk", "workshop", "display", "exhibition"], s.shows_item),
            },
            &s.board,
        )
        .await
        .unwrap();
    // 21 online sessions held in 2025, all linked to the item (some recorded after the
    // fact as held, some moved there through confirmed).
    let mut ids = Vec::new();
    for i in 0..21u32 {
        let direct = i % 2 == 0;
        let id = store
            .create_event(
                &input(
                    &s,
                    &format!("Phiên họp trực tuyến số {}", i + 1),
                    EventKind::OnlineSession,
                    "Asia/Ho_Chi_Minh",
                    at(2025, 1 + i % 12, 5 + i, 14),
                    2,
                    if direct {
                        EventStatus::Held
                    } else {
                        EventStatus::Planned
                    },
                ),
                &s.lead,
            )
            .await
            .unwrap();
        if !direct {
            for (v, to) in [(1, EventStatus::Confirmed), (2, EventStatus::Held)] {
                store.set_event_status(id, v, to, &s.lead).await.unwrap();
            }
        }
        ids.push(id);
    }
    // Neither cancelled nor planned events count, nor a session held in 2024.
    let cancelled = store
        .create_event(
            &input(
                &s,
                "Phiên bị hủy",
                EventKind::OnlineSession,
                "Europe/Paris",
                at(2025, 6, 3, 10),
                1,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    store
        .set_event_status(cancelled, 1, EventStatus::Cancelled, &s.lead)
        .await
        .unwrap();
    store
        .create_event(
            &input(
                &s,
                "Phiên dự kiến",
                EventKind::OnlineSession,
                "Asia/Ho_Chi_Minh",
                at(2025, 12, 1, 9),
                1,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    store
        .create_event(
            &input(
                &s,
                "Phiên năm trước",
                EventKind::OnlineSession,
                "Asia/Ho_Chi_Minh",
                at(2024, 12, 1, 9),
                1,
                EventStatus::Held,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    // A workshop and an exhibition held, linked to the other item.
    for (kind, m) in [(EventKind::Workshop, 4), (EventKind::Exhibition, 9)] {
        let mut i = input(
            &s,
            "Workshop thiết kế",
            kind,
            "Asia/Ho_Chi_Minh",
            at(2025, m, 10, 9),
            3,
            EventStatus::Held,
        );
        i.items = vec![s.shows_item];
        store.create_event(&i, &s.lead).await.unwrap();
    }

    let progress = store.plan_target_progress(s.plan).await.unwrap();
    let get = |id| progress.iter().find(|t| t.target_id == id).unwrap();
    let sessions = get(s.sessions_target);
    assert_eq!(sessions.actual, Some(21.0));
    assert_eq!((sessions.min, sessions.max), (Some(20.0), Some(30.0)));
    assert_eq!(sessions.attainment, Some(domain::Attainment::Within));
    let shows = get(s.shows_target);
    assert_eq!(shows.actual, Some(2.0));
    assert_eq!(shows.attainment, Some(domain::Attainment::Below));

    // Un-holding one (held → confirmed → cancelled) takes it out, in the same step.
    store
        .set_event_status(ids[0], 1, EventStatus::Confirmed, &s.lead)
        .await
        .unwrap();
    store
        .set_event_status(ids[0], 2, EventStatus::Cancelled, &s.lead)
        .await
        .unwrap();
    let progress = store.plan_target_progress(s.plan).await.unwrap();
    let sessions = progress
        .iter()
        .find(|t| t.target_id == s.sessions_target)
        .unwrap();
    assert_eq!(sessions.actual, Some(20.0));
    // Unlinking an event from the item also takes it out.
    let ev = store.event(ids[1]).await.unwrap().unwrap();
    let mut edit = input(
        &s,
        &ev.title,
        EventKind::OnlineSession,
        "Asia/Ho_Chi_Minh",
        ev.times().unwrap().start_local,
        2,
        EventStatus::Held,
    );
    edit.items = vec![];
    store
        .update_event(ids[1], ev.version, &edit, &s.lead)
        .await
        .unwrap();
    let progress = store.plan_target_progress(s.plan).await.unwrap();
    assert_eq!(
        progress
            .iter()
            .find(|t| t.target_id == s.sessions_target)
            .unwrap()
            .actual,
        Some(19.0)
    );
    // The event list filters by kind, status and month; the item's events are listed.
    let held = store
        .list_events(&EventFilter {
            kinds: vec![EventKind::OnlineSession],
            statuses: vec![EventStatus::Held],
            from: Some(
                EventTimes::resolve("Asia/Ho_Chi_Minh", at(2025, 1, 1, 0), at(2025, 1, 1, 0))
                    .unwrap()
                    .start
                    .timestamp(),
            ),
            to: Some(
                EventTimes::resolve("Asia/Ho_Chi_Minh", at(2026, 1, 1, 0), at(2026, 1, 1, 0))
                    .unwrap()
                    .start
                    .timestamp(),
            ),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(held.len(), 20);
    assert!(held.windows(2).all(|w| w[0].start_at <= w[1].start_at));
    // Linked still: 20 of the 21, the cancelled, the planned and the 2024 one.
    assert_eq!(store.item_events(s.sessions_item).await.unwrap().len(), 23);
    let by_unit = store
        .list_events(&EventFilter {
            unit_id: Some(s.other),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(by_unit.is_empty());
    // Every change is in the audit log.
    let log = store.audit_for_entity("event", ids[0].0).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["event.create", "event.status", "event.status"]);
}

/// 09:00 on the day `days` after the store's clock (wall-clock time, any zone).
fn days_ahead(store: &Store, days: i64) -> chrono::NaiveDateTime {
    (store.clock().now() + chrono::Duration::days(days))
        .date_naive()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

async fn events_permissions_versions_and_validation(store: &Store) {
    let s = seed(store).await;
    // Starts two weeks after the store's "now", whatever day the suite runs on.
    let new = input(
        &s,
        "Hội nghị Mạng lưới",
        EventKind::Conference,
        "Europe/Paris",
        days_ahead(store, 14),
        8,
        EventStatus::Planned,
    );
    // Another unit's staff and partners cannot create for the lead unit.
    refused(store.create_event(&new, &s.outsider).await);
    refused(store.create_event(&new, &s.partner).await);
    let id = store.create_event(&new, &s.lead).await.unwrap();
    // ... nor change it.
    refused(store.update_event(id, 1, &new, &s.outsider).await);
    refused(
        store
            .set_event_status(id, 1, EventStatus::Confirmed, &s.outsider)
            .await,
    );
    refused(store.set_event_outcome(id, "x", &s.partner).await);
    // The lead cannot hand it to a unit that is not theirs; the Board can.
    let mut moved = new.clone();
    moved.lead_units = vec![s.other];
    refused(store.update_event(id, 1, &moved, &s.lead).await);
    let v = store.update_event(id, 1, &moved, &s.board).await.unwrap();
    assert_eq!(v, 2);
    // A stale version is a conflict carrying the current state.
    match store.update_event(id, 1, &new, &s.board).await {
        Err(StoreError::Conflict {
            conflict, current, ..
        }) => {
            assert_eq!((conflict.current, conflict.attempted), (2, 1));
            assert_eq!(current["version"], 2);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Not held before it starts; not cancelled at creation.
    match store
        .set_event_status(id, 2, EventStatus::Held, &s.board)
        .await
    {
        Err(StoreError::Event(e)) => assert_eq!(e.key(), "event.held_before_start"),
        other => panic!("{other:?}"),
    }
    // Once the store's clock has passed the start, "held" is accepted (checked on a
    // copy of the event, so the rest of this test keeps its versions).
    let copy = store.create_event(&new, &s.lead).await.unwrap();
    let later = store.with_clock(domain::ManualClock::shared(
        store.clock().now() + chrono::Duration::days(15),
    ));
    later
        .set_event_status(copy, 1, EventStatus::Held, &s.board)
        .await
        .expect("held once it has started");
    let mut bad = new.clone();
    bad.status = EventStatus::Cancelled;
    assert!(matches!(
        store.create_event(&bad, &s.lead).await,
        Err(StoreError::Event(EventError::BadInitialStatus))
    ));
    bad.status = EventStatus::Planned;
    bad.title = "   ".into();
    assert!(matches!(
        store.create_event(&bad, &s.lead).await,
        Err(StoreError::Event(EventError::TitleRequired))
    ));
    // Text is stored NFC: a decomposed title comes back composed.
    let mut nfd = new.clone();
    nfd.title = "Hô\u{323}i nghi\u{323}".into();
    let id2 = store.create_event(&nfd, &s.lead).await.unwrap();
    assert_eq!(store.event(id2).await.unwrap().unwrap().title, "Hội nghị");
    // Admins may do everything.
    store
        .set_event_status(id2, 1, EventStatus::Confirmed, &s.admin)
        .await
        .unwrap();
}

async fn events_ten_thousand_invitations(store: &Store) {
    let s = seed(store).await;
    let id = store
        .create_event(
            &input(
                &s,
                "Diễn đàn toàn cầu",
                EventKind::Forum,
                "Asia/Ho_Chi_Minh",
                at(2026, 10, 1, 8),
                8,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let list: Vec<NewInvitation> = (0..10_000)
        .map(|i| NewInvitation {
            person_id: None,
            name: format!("Khách mời số {i}"),
            organisation: format!("Thành phố sáng tạo {}", i % 300),
            email: format!("khach{i}@example.org"),
        })
        .collect();
    refused(store.add_invitations(id, &list[..1], &s.outsider).await);
    let t = Instant::now();
    let added = store.add_invitations(id, &list, &s.lead).await.unwrap();
    let saved = t.elapsed();
    assert_eq!(added, 10_000);
    let t = Instant::now();
    let page = store.invitations(id, 9_950, 100).await.unwrap();
    let listed = t.elapsed();
    eprintln!(
        "10,000 invitations on {}: saved in {saved:?}, a page listed in {listed:?}",
        store.backend_name()
    );
    assert_eq!(page.total, 10_000);
    assert_eq!(page.rows.len(), 50);
    assert_eq!(page.rows[49].name, "Khách mời số 9999");
    assert_eq!(page.counts, vec![(InvitationStatus::Invited, 10_000)]);
    // One status changes; the counts follow; one audit entry for the batch.
    store
        .set_invitation_status(page.rows[0].id, InvitationStatus::Confirmed, &s.lead)
        .await
        .unwrap();
    let page = store.invitations(id, 0, 10).await.unwrap();
    assert_eq!(
        page.counts,
        vec![
            (InvitationStatus::Invited, 9_999),
            (InvitationStatus::Confirmed, 1)
        ]
    );
    let log = store.audit_for_entity("event", id.0).await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "event.invitations.add")
            .count(),
        1
    );
    // A person of the directory is invited once however often they are added.
    let p = store
        .create_person(
            &PersonInput {
                kind: Some(PersonKind::Expert),
                name: "GS. Trần Văn Minh".into(),
                organisation: "Đại học Kiến trúc Hà Nội".into(),
                field: "Thiết kế đô thị".into(),
                ..Default::default()
            },
            &s.lead,
        )
        .await
        .unwrap();
    let one = NewInvitation {
        person_id: Some(p),
        ..Default::default()
    };
    assert_eq!(
        store
            .add_invitations(id, &[one.clone(), one.clone()], &s.lead)
            .await
            .unwrap(),
        1
    );
    assert_eq!(store.add_invitations(id, &[one], &s.lead).await.unwrap(), 0);
    let page = store.invitations(id, 10_000, 10).await.unwrap();
    assert_eq!(page.rows[0].name, "GS. Trần Văn Minh");
    assert_eq!(page.rows[0].organisation, "Đại học Kiến trúc Hà Nội");
}

async fn events_interpreter_double_booking_is_a_warning(store: &Store) {
    let s = seed(store).await;
    let interp = store
        .create_person(
            &PersonInput {
                kind: Some(PersonKind::Interpreter),
                name: "Lê Thu Hà".into(),
                language_pairs: domain::LanguagePair::parse_list("vi-en, vi-fr").unwrap(),
                ..Default::default()
            },
            &s.lead,
        )
        .await
        .unwrap();
    let expert = store
        .create_person(
            &PersonInput {
                kind: Some(PersonKind::Expert),
                name: "Nguyễn Văn An".into(),
                ..Default::default()
            },
            &s.lead,
        )
        .await
        .unwrap();
    refused(
        store
            .create_person(
                &PersonInput {
                    kind: Some(PersonKind::Staff),
                    name: "x".into(),
                    ..Default::default()
                },
                &s.partner,
            )
            .await,
    );
    assert_eq!(
        store.person(interp).await.unwrap().unwrap().language_pairs[1].to_string(),
        "vi↔fr"
    );
    // Paris 10:00–12:00 (UTC+2 in June: 08:00–10:00 UTC) and Hanoi 16:00–17:00 (09:00–10:00
    // UTC) overlap; Hanoi 17:00–18:00 does not.
    let a = store
        .create_event(
            &input(
                &s,
                "Phiên Paris",
                EventKind::OnlineSession,
                "Europe/Paris",
                at(2026, 6, 10, 10),
                2,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let b = store
        .create_event(
            &input(
                &s,
                "Phiên Hà Nội",
                EventKind::OnlineSession,
                "Asia/Ho_Chi_Minh",
                at(2026, 6, 10, 16),
                1,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let c = store
        .create_event(
            &input(
                &s,
                "Phiên sau",
                EventKind::OnlineSession,
                "Asia/Ho_Chi_Minh",
                at(2026, 6, 10, 17),
                1,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let first = store
        .book_interpreter(a, interp, "vi-fr", &s.lead)
        .await
        .unwrap();
    assert!(first.clashes.is_empty());
    assert_eq!(first.language_pair, "vi↔fr");
    let second = store
        .book_interpreter(b, interp, "vi↔en", &s.lead)
        .await
        .unwrap();
    assert_eq!(
        second.clashes,
        vec![(a, "Phiên Paris".to_string())],
        "a warning, and the booking is kept"
    );
    assert_eq!(
        store.bookings(a).await.unwrap()[0].clashes,
        vec![(b, "Phiên Hà Nội".to_string())]
    );
    assert!(
        store
            .book_interpreter(c, interp, "", &s.lead)
            .await
            .unwrap()
            .clashes
            .is_empty()
    );
    // Only interpreters are booked; bad pairs are refused; other units may not book.
    assert!(matches!(
        store.book_interpreter(c, expert, "", &s.lead).await,
        Err(StoreError::Event(EventError::NotAnInterpreter))
    ));
    assert!(matches!(
        store.book_interpreter(c, interp, "vi-vi", &s.lead).await,
        Err(StoreError::Event(EventError::BadLanguagePair(_)))
    ));
    refused(store.book_interpreter(c, interp, "", &s.outsider).await);
    // A cancelled event no longer clashes.
    store
        .set_event_status(a, 1, EventStatus::Cancelled, &s.lead)
        .await
        .unwrap();
    assert!(store.bookings(b).await.unwrap()[0].clashes.is_empty());
    // Moving the event moves its bookings.
    let ev = store.event(c).await.unwrap().unwrap();
    store
        .update_event(
            c,
            ev.version,
            &input(
                &s,
                "Phiên sau",
                EventKind::OnlineSession,
                "Asia/Ho_Chi_Minh",
                at(2026, 6, 10, 16),
                1,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    assert_eq!(store.bookings(c).await.unwrap()[0].clashes.len(), 1);
    let removed = store.bookings(c).await.unwrap()[0].id;
    assert_eq!(store.remove_booking(removed, &s.lead).await.unwrap(), c);
    assert!(store.bookings(c).await.unwrap().is_empty());
    let people = store
        .list_people(Some(PersonKind::Interpreter), Some("le thu"))
        .await
        .unwrap();
    assert_eq!(people.len(), 1);
}

async fn events_checklist_documents_and_follow_ups(store: &Store) {
    let s = seed(store).await;
    let id = store
        .create_event(
            &input(
                &s,
                "Tọa đàm",
                EventKind::Talk,
                "Asia/Ho_Chi_Minh",
                at(2025, 5, 5, 9),
                3,
                EventStatus::Held,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let e1 = store
        .add_checklist_entry(
            id,
            ChecklistKind::TopicPaper,
            "Bài tham luận",
            "Phòng QLDSVH",
            Some(date(2025, 5, 1)),
            &s.lead,
        )
        .await
        .unwrap();
    store
        .add_checklist_entry(
            id,
            ChecklistKind::Interpretation,
            "",
            "Văn phòng",
            None,
            &s.lead,
        )
        .await
        .unwrap();
    refused(store.set_checklist_done(e1, true, &s.outsider).await);
    store.set_checklist_done(e1, true, &s.lead).await.unwrap();
    let list = store.checklist(id).await.unwrap();
    assert_eq!(list.len(), 2);
    assert!(list[0].done && !list[1].done);
    assert_eq!(list[0].due, Some(date(2025, 5, 1)));

    // A document through the content-addressed store.
    let dir = std::env::temp_dir().join(format!("sangtao-ev-{}", random_hex()));
    let files = store::evidence_store::EvidenceStore::new(dir.clone(), 1_000_000);
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let stored = files.put(&pdf[..], "bai-phat-bieu.pdf").await.unwrap();
    let doc = store
        .add_event_document(id, &stored, "Bài phát biểu.pdf", "speech", &s.lead)
        .await
        .unwrap();
    assert_eq!(doc.kind, "speech");
    assert_eq!(store.event_documents(id).await.unwrap(), vec![doc.clone()]);
    assert_eq!(store.event_document(doc.id).await.unwrap(), Some(doc));
    let _ = std::fs::remove_dir_all(&dir);

    // Outcome and a follow-up that becomes a plan item under the event's item.
    store
        .set_event_outcome(id, "Thống nhất lập nhóm công tác", &s.lead)
        .await
        .unwrap();
    assert_eq!(
        store.event(id).await.unwrap().unwrap().outcome,
        "Thống nhất lập nhóm công tác"
    );
    let fu = store
        .add_follow_up(
            id,
            "Xây dựng bộ tiêu chí thiết kế",
            "Phòng QLDSVH",
            Some(date(2025, 12, 1)),
            &s.lead,
        )
        .await
        .unwrap();
    refused(
        store
            .follow_up_to_item(fu, s.sessions_item, &s.outsider)
            .await,
    );
    // Not under an item the event is not linked to (a forged form).
    assert!(matches!(
        store.follow_up_to_item(fu, s.shows_item, &s.lead).await,
        Err(StoreError::Event(domain::EventError::ParentNotLinked))
    ));
    let item = store
        .follow_up_to_item(fu, s.sessions_item, &s.lead)
        .await
        .unwrap();
    let it = store.item_tracking(item).await.unwrap().unwrap();
    assert!(it.added);
    assert_eq!(it.title, "Xây dựng bộ tiêu chí thiết kế");
    assert_eq!(it.parent_id, Some(s.sessions_item));
    assert_eq!(it.due, Some(date(2025, 12, 1)));
    assert_eq!(store.follow_ups(id).await.unwrap()[0].item_id, Some(item));
    // A second submit lands on the first's item (issue 14, finding 7).
    assert_eq!(
        store
            .follow_up_to_item(fu, s.sessions_item, &s.lead)
            .await
            .unwrap(),
        item
    );
    // Two submits at once make one item, and both answer with it.
    let twin = store
        .add_follow_up(id, "Lập nhóm công tác", "", None, &s.lead)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        store.follow_up_to_item(twin, s.sessions_item, &s.lead),
        store.follow_up_to_item(twin, s.sessions_item, &s.lead)
    );
    assert_eq!(a.unwrap(), b.unwrap());
    let titled = store
        .item(s.sessions_item)
        .await
        .unwrap()
        .unwrap()
        .children
        .iter()
        .filter(|c| c.item.title == "Lập nhóm công tác")
        .count();
    assert_eq!(titled, 1);
    let actions: Vec<String> = store
        .audit_for_entity("event", id.0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "event.checklist.add",
        "event.checklist.done",
        "event.document.add",
        "event.outcome",
        "event.follow_up.add",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}

async fn events_delegations_from_draft_to_report(store: &Store) {
    let s = seed(store).await;
    let d = DelegationInput {
        title: "Đoàn dự Hội nghị thường niên Mạng lưới".into(),
        purpose: "Tham dự Hội nghị thường niên UCCN".into(),
        destination: "Pécs, Hungary".into(),
        depart: date(2025, 7, 1),
        back: date(2025, 7, 6),
        estimated_cost: Dong::new(350_000_000).unwrap(),
        lead_unit: s.qlds,
        event_id: None,
        members: vec![
            ("Nguyễn Văn A".into(), "Phó Giám đốc Sở, Trưởng đoàn".into()),
            ("Trần Thị B".into(), "Chuyên viên".into()),
        ],
        budget_item: None,
    };
    refused(store.create_delegation(&d, &s.outsider).await);
    let mut wrong = d.clone();
    wrong.back = date(2025, 6, 30);
    assert!(matches!(
        store.create_delegation(&wrong, &s.lead).await,
        Err(StoreError::Event(EventError::ReturnBeforeDeparture))
    ));
    let id = store.create_delegation(&d, &s.lead).await.unwrap();
    let rec = store.delegation(id).await.unwrap().unwrap();
    assert_eq!(rec.members.len(), 2);
    assert_eq!(rec.estimated_cost.to_string(), "350.000.000 ₫");
    assert_eq!(rec.status, DelegationStatus::Draft);
    let mut cheaper = d.clone();
    cheaper.estimated_cost = Dong::new(300_000_000).unwrap();
    let v = store
        .update_delegation(id, 1, &cheaper, &s.lead)
        .await
        .unwrap();
    let v = store
        .set_delegation_status(id, v, DelegationStatus::Submitted, &s.lead)
        .await
        .unwrap();
    // The decision is recorded by the Board; a report waits for the trip.
    refused(
        store
            .set_delegation_status(id, v, DelegationStatus::Approved, &s.lead)
            .await,
    );
    assert!(matches!(
        store.update_delegation(id, v, &cheaper, &s.lead).await,
        Err(StoreError::Invalid(_))
    ));
    let v = store
        .set_delegation_status(id, v, DelegationStatus::Approved, &s.board)
        .await
        .unwrap();
    assert!(matches!(
        store
            .file_delegation_report(id, v, "Kết quả", &s.lead)
            .await,
        Err(StoreError::Event(EventError::ReportTooEarly))
    ));
    let v = store
        .set_delegation_status(id, v, DelegationStatus::Travelled, &s.lead)
        .await
        .unwrap();
    assert!(matches!(
        store.file_delegation_report(id, v, "  ", &s.lead).await,
        Err(StoreError::Event(EventError::ReportRequired))
    ));
    store
        .file_delegation_report(id, v, "Đoàn đã tham dự đầy đủ các phiên.", &s.lead)
        .await
        .unwrap();
    let rec = store.delegation(id).await.unwrap().unwrap();
    assert_eq!(rec.status, DelegationStatus::Reported);
    assert_eq!(rec.estimated_cost.get(), 300_000_000);
    assert!(rec.reported_at.is_some());
    assert_eq!(store.list_delegations(None).await.unwrap().len(), 1);
    assert!(
        store
            .list_delegations(Some(&[s.other]))
            .await
            .unwrap()
            .is_empty()
    );
    // The database refuses a negative cost even past the API.
    let neg = raw_execute(store, "UPDATE delegations SET estimated_cost = -1").await;
    assert!(neg.is_err());
    let log = store.audit_for_entity("delegation", id.0).await.unwrap();
    assert_eq!(log.len(), 6);
}

async fn events_feed_tokens_are_hashed_and_revocable(store: &Store) {
    let s = seed(store).await;
    let hash = domain::password::sha256_hex(b"secret-token-1");
    let mine = store
        .create_feed_token(
            FeedOwner::User(s.lead.user_id),
            &hash,
            "Lịch của tôi",
            &s.lead,
        )
        .await
        .unwrap();
    // Someone else's personal feed, or a unit that is not theirs: refused.
    refused(
        store
            .create_feed_token(FeedOwner::User(s.board.user_id), "h2", "", &s.lead)
            .await,
    );
    refused(
        store
            .create_feed_token(FeedOwner::Unit(s.other), "h3", "", &s.lead)
            .await,
    );
    let unit_feed = store
        .create_feed_token(FeedOwner::Unit(s.qlds), "h4", "Phòng", &s.lead)
        .await
        .unwrap();
    let found = store.feed_by_hash(&hash).await.unwrap().unwrap();
    assert_eq!(found.owner, FeedOwner::User(s.lead.user_id));
    assert!(found.revoked_at.is_none());
    assert!(store.feed_by_hash("unknown").await.unwrap().is_none());
    assert_eq!(store.feed_tokens(&s.lead).await.unwrap().len(), 2);
    assert!(store.feed_tokens(&s.outsider).await.unwrap().is_empty());
    refused(store.revoke_feed_token(mine, &s.outsider).await);
    store.revoke_feed_token(mine, &s.lead).await.unwrap();
    assert!(
        store
            .feed_by_hash(&hash)
            .await
            .unwrap()
            .unwrap()
            .revoked_at
            .is_some()
    );
    store.revoke_feed_token(unit_feed, &s.board).await.unwrap();
    // Only hashes are stored.
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM feed_tokens WHERE token_hash = 'secret-token-1'"
        )
        .await,
        0
    );
    let log = store.audit_for_entity("feed", mine).await.unwrap();
    assert!(
        !serde_json::to_string(&log.iter().map(|e| &e.after).collect::<Vec<_>>())
            .unwrap()
            .contains(&hash)
    );
}

async fn events_keep_their_zone_across_daylight_saving(store: &Store) {
    let s = seed(store).await;
    let id = store
        .create_event(
            &input(
                &s,
                "Hội nghị Paris",
                EventKind::Conference,
                "Europe/Paris",
                at(2025, 3, 29, 20),
                12,
                EventStatus::Held,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let ev = store.event(id).await.unwrap().unwrap();
    assert_eq!(ev.time_zone, "Europe/Paris");
    let t = ev.times().unwrap();
    assert_eq!(t.start_local, at(2025, 3, 29, 20));
    // 20:00 → 08:00 is 12 hours on the clock, 11 in fact (the clocks spring forward).
    assert_eq!(t.end_local, at(2025, 3, 30, 8));
    assert_eq!(ev.end_at - ev.start_at, 11 * 3600);
    assert_eq!(
        t.hanoi_text(),
        "30/03/2025 02:00 – 13:00 (Asia/Ho_Chi_Minh, UTC+07:00)"
    );
    assert_eq!(
        t.local_text(),
        "29/03/2025 20:00 – 30/03/2025 08:00 (Europe/Paris, UTC+01:00 → UTC+02:00)"
    );
}

/// The event page names its linked items with one query, however many there are.
async fn events_link_items_by_label_in_one_query(store: &Store) {
    let s = seed(store).await;
    let missing = ItemId(999_999);
    let before = store.view_query_count();
    let labels = store
        .item_labels(&[s.shows_item, missing, s.sessions_item])
        .await
        .unwrap();
    assert_eq!(
        store.view_query_count() - before,
        1,
        "one query for all labels"
    );
    let ids: Vec<ItemId> = labels.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        vec![s.shows_item, s.sessions_item],
        "asked order, unknown left out"
    );
    let sessions = &labels[1].1;
    assert!(sessions.contains("phiên họp"), "{sessions}");
    let item = store.item(s.sessions_item).await.unwrap().unwrap().item;
    let numbering = item.numbering.unwrap_or_default();
    assert!(
        sessions.starts_with(&numbering),
        "{sessions} starts with {numbering}"
    );
    assert!(store.item_labels(&[]).await.unwrap().is_empty());
}

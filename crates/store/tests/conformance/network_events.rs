//! Invitations between cities on the shared calendar (issue 19, migration 0028) on both
//! backends: the author invites network cities (not itself, not twice, not abroad), only
//! the invited city answers and may change its answer until the event ends; edits carry
//! the version (a stale one changes nothing); removal takes the invitations with it; a
//! double submit invites once; every change is audited.

use super::events::{at, seed};
use super::network::{cities, city};
use super::network_board::member;
use super::*;
use domain::network::invitation::Answer;
use domain::network::{NetworkError, Viewer};
use store::{Created, NetworkEventInput, OnceKey};

conformance!(network_event_invitations_answers_edits_and_removal,);

fn refusal<T: std::fmt::Debug>(r: Result<T, StoreError>) -> NetworkError {
    match r {
        Err(StoreError::Network(e)) => e,
        other => panic!("expected a network refusal, got {other:?}"),
    }
}

fn made<T: std::fmt::Debug>(c: Created<T>) -> T {
    match c {
        Created::New(x) => x,
        other => panic!("expected a new record, got {other:?}"),
    }
}

async fn network_event_invitations_answers_edits_and_removal(store: &Store) {
    let s = seed(store).await;
    cities(store, &s.admin).await;
    let (hue, hue_v) = member(store, &s.board, "hue", "hoa@hue.gov.vn").await;
    let (lan, dalat_v) = member(store, &s.board, "da-lat", "lan@dalat.gov.vn").await;
    let (hue_c, dalat) = (city(store, "hue").await, city(store, "da-lat").await);
    let (qn, bangkok) = (
        city(store, "quang-ninh").await,
        city(store, "bangkok").await,
    );
    let hanoi = Viewer::of(&s.board, None).unwrap();

    // Huế posts its event and invites Đà Lạt in the same step; Đà Lạt's account is told.
    let post = NetworkEventInput {
        title: "Tuần lễ ẩm thực Huế".into(),
        start_local: at(2026, 12, 10, 8),
        end_local: at(2026, 12, 10, 17),
        place: "Đại Nội".into(),
        notes: String::new(),
    };
    let sent = made(
        store
            .post_network_event_inviting(&post, &[dalat, dalat], hue_v, &hue, None)
            .await
            .unwrap(),
    );
    let id = sent.event;
    assert_eq!(
        sent.cities,
        vec![(
            dalat,
            "Đà Lạt".to_string(),
            vec!["lan@dalat.gov.vn".to_string()]
        )]
    );

    // Whom and by whom: not itself, not twice, not abroad, only by the author.
    let invite = |cities: Vec<domain::CityId>, v: Viewer, a: &'static str| {
        let actor = if a == "hue" {
            &hue
        } else if a == "lan" {
            &lan
        } else {
            &s.board
        };
        async move {
            store
                .invite_to_network_event(id, &cities, v, actor, None)
                .await
        }
    };
    assert_eq!(
        refusal(invite(vec![hue_c], hue_v, "hue").await),
        NetworkError::InviteSelf
    );
    assert_eq!(
        refusal(invite(vec![dalat], hue_v, "hue").await),
        NetworkError::InvitedTwice
    );
    assert_eq!(
        refusal(invite(vec![bangkok], hue_v, "hue").await),
        NetworkError::NotVietnamese
    );
    assert_eq!(
        refusal(invite(vec![], hue_v, "hue").await),
        NetworkError::NoCity
    );
    for (v, a) in [(dalat_v, "lan"), (hanoi, "board")] {
        assert!(matches!(
            refusal(invite(vec![qn], v, a).await),
            NetworkError::Forbidden { .. }
        ));
    }
    // Quảng Ninh, not invited yet, may not answer; nor Huế for its own event, nor Hanoi.
    for v in [Viewer::City(qn), hue_v, hanoi] {
        let r = store
            .answer_network_invitation(id, Answer::Accepted, "", v, hue.user_id)
            .await;
        assert!(
            matches!(refusal(r), NetworkError::Forbidden { .. }),
            "{v:?}"
        );
    }
    // Inviting Quảng Ninh later, twice with the same form: once.
    let token = domain::OnceToken::generate().unwrap();
    let path = |id: i64| format!("/network/calendar/{id}");
    let key = OnceKey {
        token: &token,
        action: "network.event_invite",
        result: &path,
    };
    let first = store
        .invite_to_network_event(id, &[qn], hue_v, &hue, Some(&key))
        .await
        .unwrap();
    assert_eq!(made(first).cities.len(), 1);
    let again = store
        .invite_to_network_event(id, &[qn], hue_v, &hue, Some(&key))
        .await
        .unwrap();
    assert!(matches!(again, Created::Earlier(p) if p == path(id)));
    let pending = store
        .pending_network_invitations(qn, "2026-11-16")
        .await
        .unwrap();
    assert_eq!(pending.iter().map(|e| e.id).collect::<Vec<_>>(), [id]);

    // Đà Lạt accepts, then changes its mind; Huế's account hears of each answer.
    let told = store
        .answer_network_invitation(id, Answer::Accepted, "Hai người", dalat_v, lan.user_id)
        .await
        .unwrap();
    assert_eq!(told.inviter, ["hoa@hue.gov.vn"]);
    assert_eq!(
        (told.title.as_str(), told.city_name.as_str()),
        ("Tuần lễ ẩm thực Huế", "Đà Lạt")
    );
    let list = store.network_event_invitations(id).await.unwrap();
    let d = list.iter().find(|i| i.city == dalat).unwrap();
    assert_eq!((d.answer, d.note.as_str()), (Answer::Accepted, "Hai người"));
    assert!(d.responded_at.is_some() && d.responded_by.starts_with("Đầu mối"));
    store
        .answer_network_invitation(id, Answer::Declined, "", dalat_v, lan.user_id)
        .await
        .unwrap();
    let long = "x".repeat(501);
    let r = store
        .answer_network_invitation(id, Answer::Accepted, &long, dalat_v, lan.user_id)
        .await;
    assert_eq!(refusal(r), NetworkError::TooLong { max: 500 });
    let r = store
        .answer_network_invitation(id, Answer::Pending, "", dalat_v, lan.user_id)
        .await;
    assert_eq!(refusal(r), NetworkError::BadChoice);
    let e = store.network_event(id).await.unwrap().unwrap();
    assert_eq!((e.invited, e.accepted, e.declined), (2, 0, 1));
    assert_eq!((e.author.as_str(), e.version), ("Đầu mối hue", 1));

    // At 17:00 in Hanoi the event ends: no answer any more.
    let later = store.with_clock(domain::ManualClock::shared(
        "2026-12-10T10:00:00Z".parse().unwrap(),
    ));
    let r = later
        .answer_network_invitation(id, Answer::Accepted, "", dalat_v, lan.user_id)
        .await;
    assert_eq!(refusal(r), NetworkError::AnswerClosed);
    assert!(
        later
            .pending_network_invitations(qn, "2026-12-11")
            .await
            .unwrap()
            .is_empty()
    );

    // Edits: the author only, at the version read; a stale one changes nothing.
    let moved = NetworkEventInput {
        title: "Tuần lễ ẩm thực Huế 2026".into(),
        start_local: at(2026, 12, 11, 8),
        end_local: at(2026, 12, 11, 17),
        ..post.clone()
    };
    let r = store
        .edit_network_event(id, 1, &moved, dalat_v, lan.user_id)
        .await;
    assert!(matches!(refusal(r), NetworkError::Forbidden { .. }));
    let backwards = NetworkEventInput {
        end_local: at(2026, 12, 11, 7),
        ..moved.clone()
    };
    let r = store
        .edit_network_event(id, 1, &backwards, hue_v, hue.user_id)
        .await;
    assert_eq!(refusal(r), NetworkError::EndBeforeStart);
    assert_eq!(
        store
            .edit_network_event(id, 1, &moved, hue_v, hue.user_id)
            .await
            .unwrap(),
        2
    );
    let stale = NetworkEventInput {
        title: "Cũ".into(),
        ..post.clone()
    };
    let r = store
        .edit_network_event(id, 1, &stale, hue_v, hue.user_id)
        .await;
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
    let e = store.network_event(id).await.unwrap().unwrap();
    assert_eq!(
        (e.title.as_str(), e.start_local.as_str(), e.version),
        ("Tuần lễ ẩm thực Huế 2026", "2026-12-11T08:00", 2)
    );
    assert!(e.updated_at.is_some());

    // A Hanoi event shared is edited on Hanoi's page; the Board may stop sharing it.
    let ev = store
        .create_event(
            &super::events::input(
                &s,
                "Diễn đàn thành phố sáng tạo",
                domain::EventKind::Forum,
                "Asia/Ho_Chi_Minh",
                at(2026, 12, 3, 9),
                3,
                domain::EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    store.share_event_with_network(ev, &s.board).await.unwrap();
    let shared = store
        .network_events("2026-12-01", "2027-01-01")
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.event == Some(ev))
        .unwrap();
    let r = store
        .edit_network_event(shared.id, 1, &moved, hanoi, s.board.user_id)
        .await;
    assert_eq!(refusal(r), NetworkError::SharedEvent);
    // Hanoi's own invitations: Huế answers, nobody is mailed.
    let sent = made(
        store
            .invite_to_network_event(shared.id, &[hue_c], hanoi, &s.board, None)
            .await
            .unwrap(),
    );
    assert_eq!(sent.cities[0].2, ["hoa@hue.gov.vn"]);
    let told = store
        .answer_network_invitation(shared.id, Answer::Accepted, "", hue_v, hue.user_id)
        .await
        .unwrap();
    assert!(told.inviter.is_empty());
    store
        .remove_network_event(shared.id, 1, hanoi, s.board.user_id)
        .await
        .unwrap();
    assert!(!store.event_is_shared_with_network(ev).await.unwrap());

    // Removal: the author, at the version read, takes the invitations with it.
    let r = store
        .remove_network_event(id, 2, dalat_v, lan.user_id)
        .await;
    assert!(matches!(refusal(r), NetworkError::Forbidden { .. }));
    let r = store.remove_network_event(id, 1, hue_v, hue.user_id).await;
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
    store
        .remove_network_event(id, 2, hue_v, hue.user_id)
        .await
        .unwrap();
    assert!(store.network_event(id).await.unwrap().is_none());
    assert!(
        store
            .network_event_invitations(id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .pending_network_invitations(qn, "2026-11-16")
            .await
            .unwrap()
            .is_empty()
    );

    let audit = store.audit_for_entity("network_event", id).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    for a in [
        "network.event",
        "network.event_invite",
        "network.event_answer",
        "network.event_edit",
        "network.event_delete",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let answers = actions
        .iter()
        .filter(|a| **a == "network.event_answer")
        .count();
    assert_eq!(answers, 2, "two answers recorded, the refused ones not");
    let invites = actions
        .iter()
        .filter(|a| **a == "network.event_invite")
        .count();
    assert_eq!(invites, 2, "with the post, and Quảng Ninh once");
}

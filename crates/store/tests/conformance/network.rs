//! The Vietnamese network space (issue 19, part 2) on both backends: sign-up links (one
//! account each, before expiry, only for a focal point of a Vietnamese city, by the Board);
//! the shared calendar (Hanoi's events shared, cities' posts); the library addressed to
//! all or chosen cities; every change audited.

use super::events::{at, input, seed};
use super::*;
use domain::cities::import::{merge, parse_cities};
use domain::network::{Audience, NetworkError, Viewer};
use domain::{Actor, CityId, ContactRole, EventKind, EventStatus, PersonKind};
use store::{
    CityFilter, NetworkEventInput, NewDirectionFile, NewNetworkDocument, NewNetworkInvitation,
};

conformance!(
    network_sign_up_links_serve_once_before_they_expire,
    network_calendar_and_library_per_city,
);

pub(super) async fn city(store: &Store, slug: &str) -> CityId {
    let all = CityFilter {
        page: 1,
        per_page: 1000,
        ..Default::default()
    };
    let page = store.list_cities(&all).await.unwrap();
    page.rows.into_iter().find(|c| c.slug == slug).unwrap().id
}

/// The Vietnamese cities and Bangkok.
pub(super) async fn cities(store: &Store, admin: &Actor) {
    let csv = "city,creative_field,unesco_slug,unesco_url\n\
               Bangkok,Design,bangkok,https://www.unesco.org/en/creative-cities/bangkok\n";
    let rows = merge(parse_cities(csv).unwrap(), &[]);
    store.import_cities(&rows, admin).await.unwrap();
}

fn refusal<T: std::fmt::Debug>(r: Result<T, StoreError>) -> NetworkError {
    match r {
        Err(StoreError::Network(e)) => e,
        other => panic!("expected a network refusal, got {other:?}"),
    }
}

pub(super) async fn person(
    store: &Store,
    who: &Actor,
    name: &str,
    email: &str,
) -> domain::PersonId {
    let p = store::PersonInput {
        kind: Some(PersonKind::Expert),
        name: name.into(),
        organisation: "UBND thành phố Huế".into(),
        email: email.into(),
        ..Default::default()
    };
    store.create_person(&p, who).await.unwrap()
}

async fn network_sign_up_links_serve_once_before_they_expire(store: &Store) {
    let s = seed(store).await;
    cities(store, &s.admin).await;
    let (hue, bangkok) = (city(store, "hue").await, city(store, "bangkok").await);
    let focal = person(store, &s.lead, "Trần Thị Hoa", "hoa@hue.gov.vn").await;
    let silent = person(store, &s.lead, "Lê Văn Nam", "").await;
    for (c, p) in [(hue, focal), (hue, silent), (bangkok, focal)] {
        store
            .add_contact(Some(c), p, ContactRole::FocalPoint, &s.board)
            .await
            .unwrap();
    }
    let inv = |city, person, hash: &str| NewNetworkInvitation {
        city,
        person,
        token_hash: hash.to_string(),
        expires_at: test_now().timestamp() + 7 * 86_400,
    };
    let staff = store
        .invite_focal_point(&inv(hue, focal, "a"), &s.lead)
        .await;
    assert_eq!(
        refusal(staff),
        NetworkError::Forbidden {
            action: "manage the network space"
        }
    );
    let abroad = store
        .invite_focal_point(&inv(bangkok, focal, "a"), &s.board)
        .await;
    assert_eq!(refusal(abroad), NetworkError::NotVietnamese);
    let stranger = person(store, &s.lead, "Người lạ", "x@example.org").await;
    let not_contact = store
        .invite_focal_point(&inv(hue, stranger, "a"), &s.board)
        .await;
    assert_eq!(refusal(not_contact), NetworkError::NotAContact);
    let no_mail = store
        .invite_focal_point(&inv(hue, silent, "a"), &s.board)
        .await;
    assert_eq!(refusal(no_mail), NetworkError::NoEmail);
    let (id, email) = store
        .invite_focal_point(&inv(hue, focal, "hash-1"), &s.board)
        .await
        .unwrap();
    assert_eq!(email, "hoa@hue.gov.vn");
    let found = store.network_invitation("hash-1").await.unwrap().unwrap();
    assert_eq!((found.id, found.city, found.used_at), (id, hue, None));
    assert_eq!(found.city_name, "Huế");

    // Eight days later the link no longer serves.
    let later = store.with_clock(domain::ManualClock::shared(
        test_now() + chrono::Duration::days(8),
    ));
    let hash = domain::password::hash_password("mat-khau-dai-2026").unwrap();
    let expired = later
        .accept_network_invitation("hash-1", "hoa", &hash, domain::Language::Vi)
        .await;
    assert_eq!(refusal(expired), NetworkError::LinkExpired);
    let unknown = store
        .accept_network_invitation("nope", "hoa", &hash, domain::Language::Vi)
        .await;
    assert_eq!(refusal(unknown), NetworkError::LinkUnknown);
    let user = store
        .accept_network_invitation("hash-1", "hoa", &hash, domain::Language::Vi)
        .await
        .unwrap();
    let account = store.user(user).await.unwrap().unwrap();
    assert_eq!(account.network_city, Some(hue));
    assert_eq!(account.roles, vec![Role::Partner]);
    assert!(account.units.is_empty());
    assert_eq!(account.display_name, "Trần Thị Hoa");
    let again = store
        .accept_network_invitation("hash-1", "hoa2", &hash, domain::Language::Vi)
        .await;
    assert_eq!(refusal(again), NetworkError::LinkUsed);
    assert!(store.user_by_login("hoa2").await.unwrap().is_none());

    let members = store.network_members().await.unwrap();
    let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    assert!(
        names.contains(&"Huế") && names.contains(&"Đà Lạt"),
        "{names:?}"
    );
    assert!(
        !names.contains(&"Bangkok") && !names.contains(&"Hà Nội"),
        "{names:?}"
    );
    let m = members.iter().find(|m| m.city == hue).unwrap();
    assert_eq!(
        m.accounts,
        vec![("hoa".to_string(), "Trần Thị Hoa".to_string())]
    );
    assert_eq!(m.focal_points.len(), 2);
    assert!(m.pending.is_empty(), "the used link is no longer pending");
    let audit = store.audit_for_entity("city", hue.0).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert!(actions.contains(&"network.invite") && actions.contains(&"network.join"));
}

pub(super) fn file(name: &str) -> NewDirectionFile {
    NewDirectionFile {
        stored: store::evidence_store::StoredFile {
            sha256: "0".repeat(64),
            size: 3,
            mime: "application/pdf".into(),
            relative_path: format!("evidence/00/{name}"),
        },
        original_name: name.into(),
    }
}

async fn network_calendar_and_library_per_city(store: &Store) {
    let s = seed(store).await;
    cities(store, &s.admin).await;
    let (hue, da_lat) = (city(store, "hue").await, city(store, "da-lat").await);
    let event = store
        .create_event(
            &input(
                &s,
                "Diễn đàn thành phố sáng tạo",
                EventKind::Forum,
                "Asia/Ho_Chi_Minh",
                at(2026, 12, 3, 9),
                3,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let staff = store.share_event_with_network(event, &s.lead).await;
    assert!(matches!(refusal(staff), NetworkError::Forbidden { .. }));
    store
        .share_event_with_network(event, &s.board)
        .await
        .unwrap();
    store
        .share_event_with_network(event, &s.board)
        .await
        .unwrap();
    assert!(store.event_is_shared_with_network(event).await.unwrap());
    let post = NetworkEventInput {
        title: "Tuần lễ ẩm thực Huế".into(),
        start_local: at(2026, 12, 10, 8),
        end_local: at(2026, 12, 10, 17),
        place: "Đại Nội".into(),
        notes: String::new(),
    };
    let user = s.partner.user_id;
    store
        .post_network_event(&post, Viewer::City(hue), &s.partner)
        .await
        .unwrap();
    let backwards = NetworkEventInput {
        end_local: at(2026, 12, 10, 7),
        ..post.clone()
    };
    let r = store
        .post_network_event(&backwards, Viewer::City(hue), &s.partner)
        .await;
    assert_eq!(refusal(r), NetworkError::EndBeforeStart);
    let staff = Viewer::Department { manage: false };
    let r = store.post_network_event(&post, staff, &s.lead).await;
    assert!(matches!(refusal(r), NetworkError::Forbidden { .. }));
    let december = store
        .network_events("2026-12-01", "2027-01-01")
        .await
        .unwrap();
    let titles: Vec<&str> = december.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Diễn đàn thành phố sáng tạo", "Tuần lễ ẩm thực Huế"]
    );
    assert_eq!(december[0].event, Some(event));
    assert_eq!(december[0].start_local, "2026-12-03T09:00");
    assert_eq!(
        (december[1].city, december[1].city_name.as_str()),
        (Some(hue), "Huế")
    );
    assert!(
        store
            .network_events("2027-01-01", "2027-02-01")
            .await
            .unwrap()
            .is_empty()
    );

    // The library: one entry for all, one for Đà Lạt only, one Huế posted for Đà Lạt.
    let doc = |title: &str, audience: Audience| NewNetworkDocument {
        kind: "practice".into(),
        title: title.into(),
        description: String::new(),
        audience,
        file: file(&format!("{title}.pdf")),
    };
    let hanoi = Viewer::Department { manage: true };
    let board = s.board.user_id;
    store
        .add_network_document(&doc("Chung", Audience::All), hanoi, board)
        .await
        .unwrap();
    let private = store
        .add_network_document(&doc("Riêng", Audience::Cities(vec![da_lat])), hanoi, board)
        .await
        .unwrap();
    store
        .add_network_document(
            &doc("Từ Huế", Audience::Cities(vec![da_lat])),
            Viewer::City(hue),
            user,
        )
        .await
        .unwrap();
    let none = store
        .add_network_document(&doc("Không ai", Audience::Cities(vec![])), hanoi, board)
        .await;
    assert_eq!(refusal(none), NetworkError::NoCity);
    let seen = |v: Viewer| async move {
        let docs = store.network_documents(v).await.unwrap();
        docs.into_iter().map(|d| d.title).collect::<Vec<_>>()
    };
    assert_eq!(seen(Viewer::City(hue)).await, ["Từ Huế", "Chung"]);
    assert_eq!(
        seen(Viewer::City(da_lat)).await,
        ["Từ Huế", "Riêng", "Chung"]
    );
    assert_eq!(seen(staff).await.len(), 3);
    let one = store.network_document(private).await.unwrap().unwrap();
    assert_eq!(one.audience, Audience::Cities(vec![da_lat]));
    assert!(!domain::network::can_see(
        Viewer::City(hue),
        &one.audience,
        one.city
    ));
    let audit = store
        .audit_for_entity("network_document", private)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);

    // A feed token names its account; a new one replaces it.
    store.set_network_feed(user, "feed-1").await.unwrap();
    assert_eq!(store.network_feed_user("feed-1").await.unwrap(), Some(user));
    store.set_network_feed(user, "feed-2").await.unwrap();
    assert_eq!(store.network_feed_user("feed-1").await.unwrap(), None);
    assert!(store.has_network_feed(user).await.unwrap());
}

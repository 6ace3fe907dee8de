//! The network's message board (issue 19) on both backends: threads per topic, replies with
//! who wrote before (for the e-mail), paging, once-tokens, refusals, every change audited.

use super::events::seed;
use super::network::{city, person};
use super::*;
use domain::network::board::{BoardTopic, THREADS_PER_PAGE, reply_recipients};
use domain::network::{NetworkError, Viewer};
use domain::{Actor, ContactRole, OnceToken};
use store::{Created, NewNetworkInvitation, OnceKey};

conformance!(network_board_threads_replies_and_who_hears_of_them,);

/// A network account of `slug`'s focal point, made through its invitation.
pub(super) async fn member(
    store: &Store,
    board: &Actor,
    slug: &str,
    email: &str,
) -> (Actor, Viewer) {
    let c = city(store, slug).await;
    let p = person(store, board, &format!("Đầu mối {slug}"), email).await;
    store
        .add_contact(Some(c), p, ContactRole::FocalPoint, board)
        .await
        .unwrap();
    let hash = format!("board-{slug}");
    let inv = NewNetworkInvitation {
        city: c,
        person: p,
        token_hash: hash.clone(),
        expires_at: test_now().timestamp() + 86_400,
    };
    store.invite_focal_point(&inv, board).await.unwrap();
    let pw = domain::password::hash_password("mat-khau-dai-2026").unwrap();
    let user = store
        .accept_network_invitation(&hash, slug, &pw, domain::Language::Vi)
        .await
        .unwrap();
    let actor = Actor {
        user_id: user,
        roles: vec![Role::Partner],
        unit_ids: vec![],
        active: true,
    };
    (actor, Viewer::City(c))
}

fn made<T: std::fmt::Debug>(c: Created<T>) -> T {
    match c {
        Created::New(x) => x,
        other => panic!("expected a new record, got {other:?}"),
    }
}

async fn network_board_threads_replies_and_who_hears_of_them(store: &Store) {
    let s = seed(store).await;
    super::network::cities(store, &s.admin).await;
    let (hue, hue_v) = member(store, &s.board, "hue", "hoa@hue.gov.vn").await;
    let (dalat, dalat_v) = member(store, &s.board, "da-lat", "lan@dalat.gov.vn").await;
    let hanoi = Viewer::of(&s.board, None).unwrap();
    let staff = Viewer::of(&s.lead, None).unwrap();

    // Staff read the board but do not write on it.
    let refused = store
        .start_network_thread((BoardTopic::General, "Xin chào", "…"), staff, &s.lead, None)
        .await;
    assert!(
        matches!(
            refused,
            Err(StoreError::Network(NetworkError::Forbidden { .. }))
        ),
        "{refused:?}"
    );

    let topic = (
        BoardTopic::Candidacy,
        "Hồ sơ ẩm thực của Huế",
        "Xin góp ý cho hồ sơ.",
    );
    let thread = made(
        store
            .start_network_thread(topic, hue_v, &hue, None)
            .await
            .unwrap(),
    );
    // Đà Lạt replies: Huế wrote before, so Huế hears of it; Đà Lạt is not told of its own.
    let r1 = made(
        store
            .reply_in_network_thread(
                (thread, "Đà Lạt gửi kinh nghiệm năm 2023."),
                dalat_v,
                &dalat,
                None,
            )
            .await
            .unwrap(),
    );
    assert_eq!(r1.title, "Hồ sơ ẩm thực của Huế");
    assert_eq!(
        reply_recipients(&r1.writers, dalat.user_id),
        vec!["hoa@hue.gov.vn"]
    );
    // Hanoi (the Board) replies: both cities hear of it.
    let r2 = made(
        store
            .reply_in_network_thread(
                (thread, "Hà Nội sẽ tổ chức tọa đàm."),
                hanoi,
                &s.board,
                None,
            )
            .await
            .unwrap(),
    );
    assert_eq!(
        reply_recipients(&r2.writers, s.board.user_id),
        vec!["hoa@hue.gov.vn", "lan@dalat.gov.vn"]
    );

    // A double submit of the same reply form lands on the first reply.
    let token = OnceToken::generate().unwrap();
    let path = |p: i64| format!("/network/board/{thread}#post-{p}");
    let key = OnceKey {
        token: &token,
        action: "network.reply",
        result: &path,
    };
    let first = made(
        store
            .reply_in_network_thread((thread, "Cảm ơn!"), hue_v, &hue, Some(&key))
            .await
            .unwrap(),
    );
    let second = store
        .reply_in_network_thread((thread, "Cảm ơn!"), hue_v, &hue, Some(&key))
        .await
        .unwrap();
    assert!(
        matches!(&second, Created::Earlier(p) if *p == path(first.post)),
        "{second:?}"
    );

    let (t, posts) = store.network_thread(thread).await.unwrap().unwrap();
    assert_eq!(
        (t.topic, t.replies, t.city),
        (BoardTopic::Candidacy, 3, Some(hue_v.city().unwrap()))
    );
    assert_eq!(t.city_name, "Huế");
    let authors: Vec<&str> = posts.iter().map(|p| p.city_name.as_str()).collect();
    assert_eq!(authors, vec!["Huế", "Đà Lạt", "", "Huế"]);
    assert_eq!(posts[0].body, "Xin góp ý cho hồ sơ.");
    assert!(store.network_thread(thread + 1000).await.unwrap().is_none());
    let missing = store
        .reply_in_network_thread((thread + 1000, "?"), hue_v, &hue, None)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    // Paging and the topic filter: the latest activity first, the count over all.
    for i in 0..THREADS_PER_PAGE {
        let title = format!("Luồng {i:02}");
        store
            .start_network_thread((BoardTopic::General, &title, "…"), dalat_v, &dalat, None)
            .await
            .unwrap();
    }
    let p1 = store.network_board(None, 1).await.unwrap();
    assert_eq!(p1.total, THREADS_PER_PAGE + 1);
    assert_eq!(p1.threads.len() as i64, THREADS_PER_PAGE);
    let p2 = store.network_board(None, 2).await.unwrap();
    assert_eq!(p2.threads.len(), 1);
    assert!(!p1.threads.iter().any(|t| t.id == p2.threads[0].id));
    let candidacy = store
        .network_board(Some(BoardTopic::Candidacy), 1)
        .await
        .unwrap();
    assert_eq!(candidacy.total, 1);
    assert_eq!(candidacy.threads[0].id, thread);

    let audit = store
        .audit_for_entity("network_thread", thread)
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "network.reply").count(),
        3,
        "{actions:?}"
    );
    assert!(actions.contains(&"network.thread"), "{actions:?}");
}

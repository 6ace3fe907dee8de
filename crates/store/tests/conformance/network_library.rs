//! The shared library's edits (issue 19, migration 0029) on both backends: an entry is
//! changed or removed by its author (the Board and admins moderate) at the version it was
//! read at; a stale version changes nothing; its audience is rewritten; each change is
//! audited. And a sign-up link sent again ends the person's earlier unused one.

use super::events::seed;
use super::network::{cities, city, file, person};
use super::*;
use domain::ContactRole;
use domain::network::{Audience, NetworkError, Viewer};
use store::{NetworkDocumentEdit, NewNetworkDocument, NewNetworkInvitation};

conformance!(
    network_library_entries_change_at_their_version,
    network_link_sent_again_ends_the_earlier_one,
);

async fn network_library_entries_change_at_their_version(store: &Store) {
    let s = seed(store).await;
    cities(store, &s.admin).await;
    let (hue, da_lat) = (city(store, "hue").await, city(store, "da-lat").await);
    let user = s.partner.user_id;
    let new = NewNetworkDocument {
        kind: "practice".into(),
        title: "Ẩm thực Huế".into(),
        description: String::new(),
        audience: Audience::All,
        file: file("am-thuc.pdf"),
    };
    let id = store
        .add_network_document(&new, Viewer::City(hue), user)
        .await
        .unwrap();
    let edit = NetworkDocumentEdit {
        kind: "document".into(),
        title: "Ẩm thực cung đình".into(),
        description: "Sổ tay".into(),
        audience: Audience::Cities(vec![da_lat, da_lat]),
    };
    // Another city, or staff, may not; the Board may (moderation).
    for v in [Viewer::City(da_lat), Viewer::Department { manage: false }] {
        let r = store.update_network_document((id, 1), &edit, v, user).await;
        assert!(
            matches!(r, Err(StoreError::Network(NetworkError::Forbidden { .. }))),
            "{r:?}"
        );
    }
    let v = store
        .update_network_document((id, 1), &edit, Viewer::City(hue), user)
        .await
        .unwrap();
    assert_eq!(v, 2);
    let doc = store.network_document(id).await.unwrap().unwrap();
    assert_eq!(
        (doc.kind.as_str(), doc.title.as_str(), doc.version),
        ("document", "Ẩm thực cung đình", 2)
    );
    assert_eq!(doc.audience, Audience::Cities(vec![da_lat]));
    assert_eq!(doc.original_name, "am-thuc.pdf", "the file stays");
    assert!(doc.updated_at.is_some());
    // Stale: refused, nothing changed.
    let stale = NetworkDocumentEdit {
        title: "Cũ".into(),
        ..edit.clone()
    };
    let r = store
        .update_network_document((id, 1), &stale, Viewer::City(hue), user)
        .await;
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
    let r = store
        .remove_network_document((id, 1), Viewer::City(hue), user)
        .await;
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
    // For all again: the addressed cities are dropped.
    let all = NetworkDocumentEdit {
        audience: Audience::All,
        ..edit.clone()
    };
    let board = Viewer::Department { manage: true };
    store
        .update_network_document((id, 2), &all, board, s.board.user_id)
        .await
        .unwrap();
    let doc = store.network_document(id).await.unwrap().unwrap();
    assert_eq!((doc.audience, doc.version), (Audience::All, 3));
    let r = store
        .remove_network_document((id, 3), Viewer::City(da_lat), user)
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Network(NetworkError::Forbidden { .. }))
    ));
    store
        .remove_network_document((id, 3), Viewer::City(hue), user)
        .await
        .unwrap();
    assert!(store.network_document(id).await.unwrap().is_none());
    let r = store
        .remove_network_document((id, 3), Viewer::City(hue), user)
        .await;
    assert!(matches!(r, Err(StoreError::NotFound(_))), "{r:?}");
    let audit = store
        .audit_for_entity("network_document", id)
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    for a in [
        "network.document",
        "network.document_edit",
        "network.document_remove",
    ] {
        assert!(actions.contains(&a), "{actions:?}");
    }
}

async fn network_link_sent_again_ends_the_earlier_one(store: &Store) {
    let s = seed(store).await;
    cities(store, &s.admin).await;
    let hue = city(store, "hue").await;
    let thu = person(store, &s.board, "Trần Thu", "thu@hue.gov.vn").await;
    store
        .add_contact(Some(hue), thu, ContactRole::FocalPoint, &s.board)
        .await
        .unwrap();
    let link = |hash: &str| NewNetworkInvitation {
        city: hue,
        person: thu,
        token_hash: hash.into(),
        expires_at: unix_now() + 7 * 86_400,
    };
    store
        .invite_focal_point(&link("a"), &s.board)
        .await
        .unwrap();
    store
        .invite_focal_point(&link("b"), &s.board)
        .await
        .unwrap();
    let now = unix_now();
    let first = store.network_invitation("a").await.unwrap().unwrap();
    let second = store.network_invitation("b").await.unwrap().unwrap();
    assert!(first.expires_at <= now, "the first link ended");
    assert!(second.expires_at > now);
    let members = store.network_members().await.unwrap();
    let m = members.iter().find(|m| m.city == hue).unwrap();
    assert_eq!(m.pending.len(), 1, "one line per person");
    assert_eq!(m.pending[0].id, second.id);
    let pw = domain::password::hash_password("mật khẩu rất dài 2026").unwrap();
    let r = store
        .accept_network_invitation("a", "thu", &pw, domain::Language::Vi)
        .await;
    assert!(
        matches!(r, Err(StoreError::Network(NetworkError::LinkExpired))),
        "{r:?}"
    );
    store
        .accept_network_invitation("b", "thu", &pw, domain::Language::Vi)
        .await
        .unwrap();
}

//! Department setup (issue 13): units added, renamed (the old name kept for the reader),
//! put under a parent and deactivated; accounts edited and deactivated; a plan's document
//! details corrected. Each over a version, refused by rule, audited.

use super::*;
use domain::{Actor, PlanMetadata, SetupError};
use store::{UnitInput, UserEdit};

conformance!(
    units_are_set_up_over_versions,
    accounts_are_edited_and_deactivated,
    plan_details_are_corrected
);

async fn admin(store: &Store) -> Actor {
    let id = store
        .create_user(new_user("quantri", &[Role::Admin], &[]))
        .await
        .unwrap();
    store.user(id).await.unwrap().unwrap().actor()
}

fn unit(name: &str, parent: Option<domain::UnitId>) -> UnitInput {
    UnitInput {
        name: name.into(),
        external: false,
        parent,
    }
}

async fn version(store: &Store, id: domain::UnitId) -> i64 {
    store.unit(id).await.unwrap().unwrap().unit.version
}

async fn units_are_set_up_over_versions(store: &Store) {
    let admin = admin(store).await;
    let a = store
        .create_unit(&unit(" Phòng  Thử ", None), &admin)
        .await
        .unwrap();
    let b = store
        .create_unit(&unit("Đội Con", Some(a)), &admin)
        .await
        .unwrap();
    let u = store.unit(b).await.unwrap().unwrap().unit;
    assert_eq!((u.parent, u.active, u.version), (Some(a), true, 1));
    assert_eq!(store.unit(a).await.unwrap().unwrap().unit.name, "Phòng Thử");
    // Refused: an empty name, one taken (folded), a loop, someone else's version.
    let refused = |e: StoreError| match e {
        StoreError::Setup(s) => s,
        other => panic!("a setup refusal, got {other:?}"),
    };
    let e = store
        .create_unit(&unit("  ", None), &admin)
        .await
        .unwrap_err();
    assert_eq!(refused(e), SetupError::NameMissing);
    let e = store
        .create_unit(&unit("phong thu", None), &admin)
        .await
        .unwrap_err();
    assert_eq!(refused(e), SetupError::UnitNameTaken("Phòng Thử".into()));
    let e = store
        .update_unit(a, 1, &unit("Phòng Thử", Some(b)), &admin)
        .await
        .unwrap_err();
    assert_eq!(refused(e), SetupError::ParentCycle);
    assert_eq!(version(store, a).await, 1, "a refused edit bumps nothing");
    // Renamed: the old name maps to the new one, and so do the old name's aliases.
    store
        .set_abbreviation("P.Thử", "Phòng Thử", None)
        .await
        .unwrap();
    store
        .update_unit(a, 1, &unit("Phòng Mới", None), &admin)
        .await
        .unwrap();
    let t = store.abbreviation_table().await.unwrap();
    assert_eq!(t.lookup("Phòng Thử"), Some("Phòng Mới"));
    assert_eq!(t.lookup("P.Thử"), Some("Phòng Mới"));
    let e = store
        .update_unit(a, 1, &unit("Phòng Khác", None), &admin)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    // Renamed back: the old name becomes the name again, no alias to itself left.
    store
        .update_unit(a, 2, &unit("Phòng Thử", None), &admin)
        .await
        .unwrap();
    let t = store.abbreviation_table().await.unwrap();
    assert_eq!(t.lookup("Phòng Mới"), Some("Phòng Thử"));
    assert!(
        store
            .abbreviations()
            .await
            .unwrap()
            .iter()
            .all(|x| x.alias != "Phòng Thử")
    );
    // Deactivated and back; only admins.
    store.set_unit_active(b, 1, false, &admin).await.unwrap();
    assert!(!store.unit(b).await.unwrap().unwrap().unit.active);
    let staff = store
        .create_user(new_user("cb", &[Role::Staff], &[a]))
        .await
        .unwrap();
    let staff = store.user(staff).await.unwrap().unwrap().actor();
    let e = store.set_unit_active(b, 2, true, &staff).await.unwrap_err();
    assert!(matches!(e, StoreError::Tracking(_)), "{e:?}");
    store.set_unit_active(b, 2, true, &admin).await.unwrap();
    let log = store.audit_for_entity("unit", a.0).await.unwrap();
    let acts: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(acts, ["unit.create", "unit.update", "unit.update"]);
}

async fn accounts_are_edited_and_deactivated(store: &Store) {
    let admin = admin(store).await;
    let a = store
        .create_unit(&unit("Phòng A", None), &admin)
        .await
        .unwrap();
    let gone = store
        .create_unit(&unit("Phòng Cũ", None), &admin)
        .await
        .unwrap();
    store.set_unit_active(gone, 1, false, &admin).await.unwrap();
    let lan = store
        .create_user(new_user("lan", &[Role::Staff], &[a]))
        .await
        .unwrap();
    let edit = |roles: &[Role], units: &[domain::UnitId]| UserEdit {
        display_name: " Nguyễn  Lan ".into(),
        email: Some("lan@example.vn".into()),
        roles: roles.to_vec(),
        unit_ids: units.to_vec(),
    };
    let e = store
        .update_user(lan, 1, &edit(&[Role::Staff], &[]), &admin)
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Setup(SetupError::StaffWithoutUnit)),
        "{e:?}"
    );
    let e = store
        .update_user(lan, 1, &edit(&[Role::Staff], &[a, gone]), &admin)
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Setup(SetupError::UnitInactive(_))),
        "{e:?}"
    );
    store
        .update_user(lan, 1, &edit(&[Role::Staff, Role::Office], &[a]), &admin)
        .await
        .unwrap();
    let u = store.user(lan).await.unwrap().unwrap();
    assert_eq!(
        (u.display_name.as_str(), u.email.as_deref(), u.version),
        ("Nguyễn Lan", Some("lan@example.vn"), 2)
    );
    let e = store
        .update_user(lan, 1, &edit(&[Role::Staff], &[a]), &admin)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    let e = store
        .update_user(admin.user_id, 1, &edit(&[Role::Board], &[]), &admin)
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Setup(SetupError::SelfLockout)),
        "{e:?}"
    );
    // Deactivating ends the sessions.
    store
        .create_session("h-lan", lan, "csrf", unix_now() + 3600)
        .await
        .unwrap();
    assert!(store.session("h-lan").await.unwrap().is_some());
    store
        .set_user_active_by(lan, 2, false, &admin)
        .await
        .unwrap();
    assert!(store.session("h-lan").await.unwrap().is_none());
    assert!(!store.user(lan).await.unwrap().unwrap().active);
    let e = store
        .set_user_active_by(admin.user_id, 1, false, &admin)
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Setup(SetupError::SelfLockout)),
        "{e:?}"
    );
    store
        .set_user_active_by(lan, 3, true, &admin)
        .await
        .unwrap();
    let acts: Vec<String> = store
        .audit_for_entity("user", lan.0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        acts.contains(&"user.update".into()) && acts.contains(&"user.active".into()),
        "{acts:?}"
    );
}

async fn plan_details_are_corrected(store: &Store) {
    let admin = admin(store).await;
    let store::ImportOutcome::Imported(plan) = store
        .import_plan(&sample_plan(), "kh.txt", &"a".repeat(64), None)
        .await
        .unwrap()
    else {
        panic!("imported")
    };
    let before = store.plan_metadata(plan).await.unwrap().unwrap();
    let m = PlanMetadata {
        number: Some("85".into()),
        symbol: Some("kh-svhtt".into()),
        date: Some(date(2025, 1, 15)),
        signer_title: Some("giám đốc".into()),
        signer_name: Some("Đỗ Đình Hồng".into()),
        parent_issuer: None,
    };
    store
        .set_plan_metadata(plan, before.version, &m, &admin)
        .await
        .unwrap();
    let after = store.plan_metadata(plan).await.unwrap().unwrap();
    assert_eq!(after.metadata.symbol.as_deref(), Some("KH-SVHTT"));
    assert_eq!(after.version, before.version + 1);
    let listed = store.list_plans().await.unwrap();
    let p = listed.iter().find(|p| p.id == plan).unwrap();
    assert_eq!(
        (p.number.as_deref(), p.date),
        (Some("85"), Some(date(2025, 1, 15)))
    );
    let view = store.plan(plan).await.unwrap().unwrap();
    assert_eq!(
        view.plan.signer_name.as_deref(),
        Some("Đỗ Đình Hồng"),
        "the cached view follows"
    );
    let e = store
        .set_plan_metadata(plan, before.version, &m, &admin)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    let staff = store
        .create_user(new_user("cb", &[Role::Staff], &[]))
        .await
        .unwrap();
    let staff = store.user(staff).await.unwrap().unwrap().actor();
    let e = store
        .set_plan_metadata(plan, after.version, &m, &staff)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Tracking(_)), "{e:?}");
    // The corrected number is the plan's identity: the signed copy is a duplicate, and
    // another plan of the same title cannot take the number.
    let mut signed = sample_plan();
    signed.document.number = Some("85".into());
    signed.document.symbol = Some("KH-SVHTT".into());
    signed.items.truncate(1);
    let (sha_b, sha_c) = ("b".repeat(64), "c".repeat(64));
    let again = store.import_plan(&signed, "kh-85.docx", &sha_b, None);
    assert_eq!(
        again.await.unwrap(),
        store::ImportOutcome::AlreadyImported(plan)
    );
    signed.document.number = Some("86".into());
    let other = store.import_plan(&signed, "kh-86.docx", &sha_c, None);
    let other = other.await.unwrap().plan_id();
    let version = store.plan_metadata(other).await.unwrap().unwrap().version;
    let e = store
        .set_plan_metadata(other, version, &m, &admin)
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Setup(SetupError::PlanIdentityTaken)),
        "{e:?}"
    );
    let acts: Vec<String> = store
        .audit_for_entity("plan", plan.0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(acts.contains(&"plan.metadata".into()), "{acts:?}");
}

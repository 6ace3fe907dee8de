//! Candidacy support (issue 19, part 3, migration 0025) on both backends: the plan's
//! dossiers come with the city import (idempotent); the call's steps are data the Board
//! edits (stale forms refused, a used step kept); a dossier step's dates, documents and
//! support activities; staff are refused; every change audited.

use super::cities::{CITIES, find, rows, stored_file};
use super::events::{at, input, seed};
use super::*;
use domain::cities::candidacy::{CandidacyStatus, StepDraft, UCCN_CALL_STEPS};
use domain::{CityError, EventKind, EventStatus};
use store::SupportLink;

conformance!(
    candidacies_come_with_the_import_and_steps_are_data,
    candidacies_record_dates_documents_and_support,
);

async fn candidacies_come_with_the_import_and_steps_are_data(store: &Store) {
    let s = seed(store).await;
    assert!(store.candidacies(None).await.unwrap().is_empty());
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let dossiers = store.candidacies(None).await.unwrap();
    let names: Vec<&str> = dossiers.iter().map(|(c, _)| c.city_name.as_str()).collect();
    // By folded name: Đà Nẵng, Huế, Quảng Ninh; the second import added none.
    assert_eq!(names, ["Đà Nẵng", "Huế", "Quảng Ninh"]);
    let hue = &dossiers[1].0;
    let fields = store.creative_fields().await.unwrap();
    let gastronomy = fields.iter().find(|f| f.code == "gastronomy").unwrap().id;
    assert_eq!(
        (hue.field, hue.status),
        (Some(gastronomy), CandidacyStatus::Preparing)
    );
    assert_eq!(
        (dossiers[0].0.field, dossiers[0].0.status),
        (None, CandidacyStatus::Considering)
    );
    let hue_city = find(store, "hue").await.id;
    assert_eq!(store.candidacies(Some(hue_city)).await.unwrap().len(), 1);

    // The call's five steps, seeded in order.
    let steps = store.candidacy_steps().await.unwrap();
    let vi: Vec<&str> = steps.iter().map(|s| s.name_vi.as_str()).collect();
    assert_eq!(vi, UCCN_CALL_STEPS.map(|s| s.0));
    assert!(steps.iter().all(|s| !s.used));

    // Add, rename, move; a stale form is a conflict and changes nothing.
    let extra = store
        .add_candidacy_step(("Chuyên gia góp ý hồ sơ", "Expert review"), &s.board)
        .await
        .unwrap();
    let v = |steps: &[store::CandidacyStep], id: i64| {
        steps.iter().find(|s| s.id == id).unwrap().version
    };
    let now = store.candidacy_steps().await.unwrap();
    store
        .rename_candidacy_step(
            extra,
            v(&now, extra),
            ("Góp ý của chuyên gia", ""),
            &s.admin,
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .rename_candidacy_step(extra, v(&now, extra), ("Cũ", ""), &s.admin)
            .await,
        Err(StoreError::Conflict { .. })
    ));
    let now = store.candidacy_steps().await.unwrap();
    store
        .move_candidacy_step(extra, v(&now, extra), true, &s.board)
        .await
        .unwrap();
    let order: Vec<i64> = store
        .candidacy_steps()
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(order.len(), 6);
    assert_eq!(order[4], extra, "moved above the last step");
    assert_eq!(order[3], steps[3].id);
    // The first step cannot go further up: the order stays.
    store
        .move_candidacy_step(order[0], 1, true, &s.board)
        .await
        .unwrap();
    assert_eq!(store.candidacy_steps().await.unwrap()[0].id, order[0]);

    // Staff do not edit steps.
    assert!(matches!(
        store.add_candidacy_step(("x", ""), &s.lead).await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));

    // A step a dossier uses stays; an unused one goes.
    let intent = steps[0].id;
    let dated = StepDraft {
        planned: "01/03/2026".into(),
        ..Default::default()
    }
    .check()
    .unwrap();
    store
        .save_candidacy_step(hue.id, hue.version, intent, &dated, &s.board)
        .await
        .unwrap();
    let now = store.candidacy_steps().await.unwrap();
    assert!(now.iter().find(|s| s.id == intent).unwrap().used);
    match store
        .remove_candidacy_step(intent, v(&now, intent), &s.admin)
        .await
    {
        Err(StoreError::City(CityError::StepInUse(name))) => {
            assert_eq!(name, "Đăng ký ý định ứng cử")
        }
        other => panic!("expected StepInUse, got {other:?}"),
    }
    let now = store.candidacy_steps().await.unwrap();
    store
        .remove_candidacy_step(extra, v(&now, extra), &s.admin)
        .await
        .unwrap();
    assert_eq!(store.candidacy_steps().await.unwrap().len(), 5);

    let audit = store.audit_recent(300).await.unwrap();
    let n = |a: &str| audit.iter().filter(|e| e.action == a).count();
    assert_eq!(n("candidacy.seed"), 3);
    assert_eq!(
        (
            n("candidacy_step.add"),
            n("candidacy_step.rename"),
            n("candidacy_step.move"),
            n("candidacy_step.remove")
        ),
        (1, 1, 2, 1)
    );
}

async fn candidacies_record_dates_documents_and_support(store: &Store) {
    let s = seed(store).await;
    store.import_cities(&rows(CITIES), &s.admin).await.unwrap();
    let da_lat = find(store, "da-lat").await.id;
    let fields = store.creative_fields().await.unwrap();
    let film = fields.iter().find(|f| f.code == "film").unwrap().id;
    // A member may apply in another field; the same city and field twice is refused.
    let id = store
        .create_candidacy(da_lat, Some(film), CandidacyStatus::Considering, &s.board)
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_candidacy(da_lat, Some(film), CandidacyStatus::Preparing, &s.admin)
            .await,
        Err(StoreError::City(CityError::DossierTwice))
    ));
    assert!(matches!(
        store
            .create_candidacy(da_lat, None, CandidacyStatus::Preparing, &s.lead)
            .await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));
    let steps = store.candidacy_steps().await.unwrap();
    let (intent, form) = (steps[0].id, steps[2].id);

    // Dates and a note; a stale dossier form is a conflict and changes nothing.
    let v1 = store
        .update_candidacy(id, 1, Some(film), CandidacyStatus::Preparing, &s.board)
        .await
        .unwrap();
    let done = StepDraft {
        planned: "15/01/2026".into(),
        done: "20/01/2026".into(),
        note: "Đã gửi thư ý định".into(),
    }
    .check()
    .unwrap();
    let v2 = store
        .save_candidacy_step(id, v1, intent, &done, &s.board)
        .await
        .unwrap();
    assert!(matches!(
        store
            .save_candidacy_step(id, v1, form, &done, &s.board)
            .await,
        Err(StoreError::Conflict { .. })
    ));
    let d = store.candidacy(id).await.unwrap().unwrap();
    assert_eq!(d.candidacy.version, v2);
    assert_eq!(d.candidacy.status, CandidacyStatus::Preparing);
    assert_eq!(d.records.len(), 1);
    assert_eq!(d.records[0].done, Some(date(2026, 1, 20)));
    assert_eq!(d.records[0].note, "Đã gửi thư ý định");
    // Clearing every field removes the step's record.
    let v3 = store
        .save_candidacy_step(id, v2, intent, &Default::default(), &s.admin)
        .await
        .unwrap();
    assert!(
        store
            .candidacy(id)
            .await
            .unwrap()
            .unwrap()
            .records
            .is_empty()
    );

    // A document: kept in the evidence store by its SHA-256, so no longer unreferenced.
    let annex = stored_file('c', "Phụ lục hồ sơ.pdf");
    assert_eq!(
        store
            .unreferenced_files(std::slice::from_ref(&annex.stored))
            .await
            .unwrap()
            .len(),
        1
    );
    let doc = store
        .add_candidacy_document(id, form, &annex, &s.board)
        .await
        .unwrap();
    assert!(
        store
            .unreferenced_files(std::slice::from_ref(&annex.stored))
            .await
            .unwrap()
            .is_empty()
    );
    let (rec, path) = store.candidacy_document(doc).await.unwrap().unwrap();
    assert_eq!((rec.name.as_str(), rec.step), ("Phụ lục hồ sơ.pdf", form));
    assert_eq!(path, annex.stored.relative_path);

    // Support: a plan item and an event (a workshop).
    let workshop = store
        .create_event(
            &input(
                &s,
                "Hội thảo ẩm thực Huế",
                EventKind::Workshop,
                "Asia/Ho_Chi_Minh",
                at(2026, 3, 10, 9),
                3,
                EventStatus::Planned,
            ),
            &s.lead,
        )
        .await
        .unwrap();
    let by_item = store
        .add_candidacy_support(id, form, SupportLink::Item(s.shows_item), &s.board)
        .await
        .unwrap();
    store
        .add_candidacy_support(id, form, SupportLink::Event(workshop), &s.board)
        .await
        .unwrap();
    assert!(matches!(
        store
            .add_candidacy_support(
                id,
                form,
                SupportLink::Event(domain::EventId(999_999)),
                &s.board
            )
            .await,
        Err(StoreError::NotFound(_))
    ));
    let d = store.candidacy(id).await.unwrap().unwrap();
    assert_eq!(d.documents.len(), 1);
    let titles: Vec<&str> = d.support.iter().map(|a| a.title.as_str()).collect();
    assert!(
        titles[0].contains("Tổ chức tọa đàm, workshop"),
        "{titles:?}"
    );
    assert_eq!(titles[1], "Hội thảo ẩm thực Huế");
    assert!(d.support[1].start_at.is_some() && d.support[0].start_at.is_none());
    assert!(matches!(
        store.remove_candidacy_support(by_item, &s.lead).await,
        Err(StoreError::City(CityError::Forbidden { .. }))
    ));
    assert_eq!(
        store
            .remove_candidacy_support(by_item, &s.admin)
            .await
            .unwrap(),
        id
    );
    assert_eq!(
        store
            .remove_candidacy_document(doc, &s.admin)
            .await
            .unwrap(),
        id
    );
    let d = store.candidacy(id).await.unwrap().unwrap();
    assert_eq!(
        (d.documents.len(), d.support.len(), d.candidacy.version),
        (0, 1, v3)
    );

    let audit = store.audit_recent(300).await.unwrap();
    let n = |a: &str| audit.iter().filter(|e| e.action == a).count();
    assert_eq!(
        (
            n("candidacy.add"),
            n("candidacy.update"),
            n("candidacy.step"),
            n("candidacy.document"),
            n("candidacy.support"),
            n("candidacy.support_remove"),
            n("candidacy.document_remove")
        ),
        (1, 1, 2, 1, 2, 1, 1)
    );
}

//! The public site (issue 18) on both backends: publications move draft → review →
//! published with the Office deciding; the public reads show only what is published and
//! past its embargo, never a withdrawn work's; a plan summary carries the same figures
//! as the dashboard; files and spaces.

use super::events::seed;
use super::*;
use domain::media::{Duration, MediaKind, MediaStage};
use domain::publishing::{PublicKind, PublicationState as S, PublishError, SpaceKind};
use store::{MediaInput, NewMediaFile, PublicDetail, PublicationInput, SpaceInput};

conformance!(
    publishing_moves_embargo_and_withdrawal,
    publishing_spaces_files_and_plan_summary,
);

fn proposal(kind: PublicKind, subject: i64, title: &str) -> PublicationInput {
    PublicationInput {
        kind,
        subject_id: subject,
        title: title.into(),
        title_en: String::new(),
        summary: "Tóm tắt công khai".into(),
        summary_en: String::new(),
        embargo_until: None,
        targets: vec![],
    }
}

async fn office(store: &Store) -> Actor {
    let id = store
        .create_user(new_user("vanphong", &[Role::Office], &[]))
        .await
        .unwrap();
    Actor {
        user_id: id,
        roles: vec![Role::Office],
        unit_ids: vec![],
        active: true,
    }
}

use domain::Actor;

fn clip(s: &super::events::Seed, title: &str) -> MediaInput {
    MediaInput {
        kind: MediaKind::Clip,
        title: title.into(),
        title_en: String::new(),
        summary: String::new(),
        summary_en: String::new(),
        unit: s.qlds,
        item: None,
        event: None,
        contract: None,
        duration: Duration::from_seconds(120),
        pages: None,
        languages: String::new(),
        print_run: None,
        format: String::new(),
        stage_plans: vec![],
    }
}

/// A clip of the lead unit, published on 01/06/2026.
async fn published_clip(store: &Store, s: &super::events::Seed, title: &str) -> i64 {
    let id = store
        .create_media_work(&clip(s, title), &s.lead)
        .await
        .unwrap();
    let mut v = 1;
    for to in [
        MediaStage::Script,
        MediaStage::Production,
        MediaStage::Review,
        MediaStage::Approved,
        MediaStage::Published,
    ] {
        let on = (to == MediaStage::Published).then(|| date(2026, 6, 1));
        v = store
            .move_media_stage(id, v, to, on, &s.board)
            .await
            .unwrap();
    }
    id.0
}

async fn publishing_moves_embargo_and_withdrawal(store: &Store) {
    let s = seed(store).await;
    let office = office(store).await;
    let clip_id = published_clip(store, &s, "Clip công khai").await;
    let visible = |store: Store| async move {
        store
            .public_entries(None)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.publication.title)
            .collect::<Vec<_>>()
    };
    // A partner may not propose; staff may; a second proposal of the subject is refused.
    let p = proposal(PublicKind::MediaWork, clip_id, "Clip: Hà Nội sáng tạo");
    assert!(matches!(
        store.propose_publication(&p, &s.partner).await,
        Err(StoreError::Publish(PublishError::Forbidden { .. }))
    ));
    let id = store.propose_publication(&p, &s.lead).await.unwrap();
    assert!(matches!(
        store.propose_publication(&p, &s.lead).await,
        Err(StoreError::Publish(PublishError::AlreadyProposed { .. }))
    ));
    assert!(visible(store.clone()).await.is_empty());
    // Staff send it to review; only the Office (or the Board) publishes.
    let v = store
        .move_publication(id, 1, S::Review, &s.lead)
        .await
        .unwrap();
    assert!(matches!(
        store.move_publication(id, v, S::Published, &s.lead).await,
        Err(StoreError::Publish(PublishError::Forbidden { .. }))
    ));
    // Under embargo until a day after the clock: published, not yet visible.
    let tomorrow = test_now().timestamp() + 86_400;
    let mut embargoed = p.clone();
    embargoed.embargo_until = Some(tomorrow);
    let v = store
        .update_publication(id, v, &embargoed, &office)
        .await
        .unwrap();
    let v = store
        .move_publication(id, v, S::Published, &office)
        .await
        .unwrap();
    assert!(visible(store.clone()).await.is_empty());
    assert!(store.public_entry(id).await.unwrap().is_none());
    let later = store.with_clock(domain::ManualClock::shared(
        test_now() + chrono::Duration::days(2),
    ));
    assert_eq!(visible(later.clone()).await, ["Clip: Hà Nội sáng tạo"]);
    // Withdrawn: gone from the public, kept with its history.
    let v = later
        .move_publication(id, v, S::Withdrawn, &office)
        .await
        .unwrap();
    assert!(visible(later.clone()).await.is_empty());
    let kept = later.publication(id).await.unwrap().unwrap();
    assert_eq!((kept.state, kept.version), (S::Withdrawn, v));
    let log = later.audit_for_entity("publication", id.0).await.unwrap();
    assert_eq!(log.len(), 5, "create, 3 moves and the edit");
    // A stale version is a conflict.
    assert!(matches!(
        later.move_publication(id, 1, S::Draft, &s.lead).await,
        Err(StoreError::Conflict { .. })
    ));
    // A work not yet published cannot be; one withdrawn internally leaves the site.
    let draft_work = store
        .create_media_work(&clip(&s, "Clip dở dang"), &s.lead)
        .await
        .unwrap();
    let early = store
        .propose_publication(
            &proposal(PublicKind::MediaWork, draft_work.0, "Dở"),
            &s.lead,
        )
        .await
        .unwrap();
    store
        .move_publication(early, 1, S::Review, &s.lead)
        .await
        .unwrap();
    assert!(matches!(
        store
            .move_publication(early, 2, S::Published, &office)
            .await,
        Err(StoreError::Publish(PublishError::NotReady { .. }))
    ));
}

async fn publishing_spaces_files_and_plan_summary(store: &Store) {
    let s = seed(store).await;
    let office = office(store).await;
    // A space at swapped coordinates is refused; in Hà Nội it is kept.
    let mut space = SpaceInput {
        name: "Phố sách Hà Nội".into(),
        name_en: "Hanoi Book Street".into(),
        kind: SpaceKind::CreativeHub,
        address: "Phố 19 Tháng 12, Hoàn Kiếm".into(),
        lat: 105.85,
        lon: 21.02,
        description: "Không gian đọc sách".into(),
        description_en: String::new(),
        opening_hours: "8:00–22:00".into(),
        opening_hours_en: String::new(),
        links: vec!["https://example.org/phosach".into()],
        photo_set: None,
    };
    assert!(matches!(
        store.create_space(&space, &s.lead).await,
        Err(StoreError::Publish(PublishError::OutsideHanoi { .. }))
    ));
    (space.lat, space.lon) = (21.0245, 105.8470);
    space.links = vec!["javascript:alert(1)".into()];
    assert!(matches!(
        store.create_space(&space, &s.lead).await,
        Err(StoreError::Publish(PublishError::BadLink(_)))
    ));
    space.links = vec!["https://example.org/phosach".into()];
    let photos = published_clip(store, &s, "Bộ ảnh Phố sách").await;
    space.photo_set = Some(domain::media::MediaWorkId(photos));
    let sid = store.create_space(&space, &s.lead).await.unwrap();
    assert_eq!(store.list_spaces().await.unwrap().len(), 1);
    // Files: the final cut is public once the work is; the script never is.
    let file = |name: &str, thumb: bool| NewMediaFile {
        file: store::evidence_store::StoredFile {
            sha256: format!("{:064}", name.len()),
            size: 10,
            mime: "image/jpeg".into(),
            relative_path: format!("evidence/00/{name}"),
        },
        original_name: format!("{name}.jpg"),
        thumb: thumb.then(|| store::evidence_store::StoredFile {
            sha256: "1".repeat(64),
            size: 5,
            mime: "image/jpeg".into(),
            relative_path: format!("evidence/00/{name}-t"),
        }),
        screen: None,
        width: Some(800),
        height: Some(600),
    };
    let work = domain::media::MediaWorkId(photos);
    let script = store
        .add_media_files(work, MediaStage::Script, &[file("script", false)], &s.board)
        .await
        .unwrap()[0];
    let cut = store
        .add_media_files(work, MediaStage::Published, &[file("cut", true)], &s.board)
        .await
        .unwrap()[0];
    assert!(
        store.public_file(cut).await.unwrap().is_none(),
        "nothing is public yet"
    );
    let publish = |p: PublicationInput| {
        let (store, lead, office) = (store.clone(), s.lead.clone(), office.clone());
        async move {
            let id = store.propose_publication(&p, &lead).await.unwrap();
            let v = store
                .move_publication(id, 1, S::Review, &lead)
                .await
                .unwrap();
            store
                .move_publication(id, v, S::Published, &office)
                .await
                .unwrap();
            id
        }
    };
    publish(proposal(PublicKind::Space, sid.0, "Phố sách")).await;
    // The space shows its photo set's final images, so the cut is public, the script not.
    assert!(store.public_file(cut).await.unwrap().is_some());
    assert!(store.public_file(script).await.unwrap().is_none());
    // A plan summary shows the chosen targets with the dashboard's figures.
    let all = store.plan_target_progress(s.plan).await.unwrap();
    let chosen = vec![all[1].target_id, all[0].target_id];
    let mut summary = proposal(PublicKind::PlanSummary, s.plan.0, "Kế hoạch 2025");
    summary.targets = chosen.clone();
    let pid = publish(summary).await;
    let entry = store.public_entry(pid).await.unwrap().unwrap();
    let PublicDetail::PlanSummary { targets, .. } = entry.detail else {
        panic!("a plan summary")
    };
    assert_eq!(
        targets.iter().map(|t| t.target_id).collect::<Vec<_>>(),
        chosen
    );
    assert_eq!(targets[0], all[1]);
    // Targets of another plan are refused.
    let mut other = proposal(PublicKind::PlanSummary, s.plan.0 + 1000, "Không có");
    other.targets = chosen;
    assert!(matches!(
        store.propose_publication(&other, &s.lead).await,
        Err(StoreError::Publish(PublishError::UnknownSubject { .. }))
    ));
    let spaces = store.public_entries(Some(PublicKind::Space)).await.unwrap();
    let PublicDetail::Space { space, photos } = &spaces[0].detail else {
        panic!("a space")
    };
    assert_eq!((space.name.as_str(), photos.len()), ("Phố sách Hà Nội", 1));
}

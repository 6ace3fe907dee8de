//! Media works (issue 18) on both backends: the seed plan's clip, magazine and
//! documentary targets count published works with no setting changed; stages move one at
//! a time with the Board approving; the item follows; versions, permissions, bad links
//! and files.

use super::events::{Seed, seed};
use super::*;
use domain::media::{Duration, MediaError, MediaKind, MediaStage, MediaWorkId};
use domain::{Actor, ItemId, ItemStatus};
use store::{MediaFilter, MediaInput, NewMediaFile, StagePlan, TargetProgress};

conformance!(
    media_count_toward_the_seed_plan_targets,
    media_stages_permissions_and_versions,
    media_files_links_and_lists,
);

/// The seed's item whose title starts so, and the id of its one target.
async fn item_and_target(store: &Store, s: &Seed, prefix: &str) -> (ItemId, i64) {
    let view = store.plan(s.plan).await.unwrap().unwrap();
    let n = view
        .items
        .iter()
        .flat_map(|r| r.walk())
        .find(|n| n.item.title.starts_with(prefix) && !n.targets.is_empty())
        .unwrap_or_else(|| panic!("no item {prefix} with a target"));
    (n.item.id, n.targets[0].id)
}

fn work(s: &Seed, kind: MediaKind, title: &str, item: ItemId) -> MediaInput {
    MediaInput {
        kind,
        title: title.into(),
        title_en: String::new(),
        summary: "Giới thiệu hoạt động sáng tạo của Hà Nội".into(),
        summary_en: String::new(),
        unit: s.qlds,
        item: Some(item),
        event: None,
        contract: None,
        duration: None,
        pages: None,
        languages: "vi, en".into(),
        print_run: None,
        format: String::new(),
        stage_plans: vec![StagePlan {
            stage: MediaStage::Script,
            owner: "Đài PT-TH Hà Nội".into(),
            due: Some(date(2026, 3, 31)),
        }],
    }
}

/// Takes a work from the brief to published on `day`: the lead unit moves it, the Board
/// approves it. Returns its version.
async fn publish(store: &Store, s: &Seed, id: MediaWorkId, day: chrono::NaiveDate) -> i64 {
    let mut v = 1;
    for to in [
        MediaStage::Script,
        MediaStage::Production,
        MediaStage::Review,
        MediaStage::Approved,
        MediaStage::Published,
    ] {
        let who = if to == MediaStage::Approved {
            &s.board
        } else {
            &s.lead
        };
        let on = (to == MediaStage::Published).then_some(day);
        v = store.move_media_stage(id, v, to, on, who).await.unwrap();
    }
    v
}

fn of(progress: &[TargetProgress], target: i64) -> Option<f64> {
    progress
        .iter()
        .find(|t| t.target_id == target)
        .expect("the target")
        .actual
}

async fn media_count_toward_the_seed_plan_targets(store: &Store) {
    let s = seed(store).await;
    let (clips_item, clips) = item_and_target(store, &s, "Xây dựng clip").await;
    let (doc_item, doc) = item_and_target(store, &s, "Xây dựng phóng sự").await;
    let progress = || async { store.plan_target_progress(s.plan).await.unwrap() };
    assert_eq!(of(&progress().await, clips), Some(0.0));
    // Two clips published in the plan year count; a third still in production does not,
    // nor one published the year after.
    for (title, day) in [
        ("Clip Hà Nội sáng tạo", date(2025, 6, 1)),
        ("Clip Phố sách", date(2025, 9, 1)),
        ("Clip năm sau", date(2026, 2, 1)),
    ] {
        let mut w = work(&s, MediaKind::Clip, title, clips_item);
        w.duration = Duration::from_seconds(150);
        let id = store.create_media_work(&w, &s.lead).await.unwrap();
        publish(store, &s, id, day).await;
    }
    let unfinished = store
        .create_media_work(&work(&s, MediaKind::Clip, "Clip dở", clips_item), &s.lead)
        .await
        .unwrap();
    store
        .move_media_stage(unfinished, 1, MediaStage::Script, None, &s.lead)
        .await
        .unwrap();
    assert_eq!(of(&progress().await, clips), Some(2.0));
    // The documentary counts its minutes: 14:30 is 14.5 against 12–15.
    let mut d = work(&s, MediaKind::Documentary, "Phóng sự Hà Nội", doc_item);
    d.duration = Duration::from_seconds(14 * 60 + 30);
    let doc_id = store.create_media_work(&d, &s.lead).await.unwrap();
    let v = publish(store, &s, doc_id, date(2025, 11, 20)).await;
    let t = progress().await;
    assert_eq!(of(&t, doc), Some(14.5));
    let row = t.iter().find(|p| p.target_id == doc).unwrap();
    assert_eq!(row.attainment, Some(domain::Attainment::Within));
    // As of a day before its publication it had not counted.
    let before = store
        .plan_target_progress_as_of(s.plan, date(2025, 11, 19))
        .await
        .unwrap();
    assert_eq!(of(&before, doc), Some(0.0));
    // Withdrawn, it leaves the count.
    store
        .move_media_stage(doc_id, v, MediaStage::Approved, None, &s.lead)
        .await
        .unwrap();
    assert_eq!(of(&progress().await, doc), Some(0.0));
}

async fn media_stages_permissions_and_versions(store: &Store) {
    let s = seed(store).await;
    let (item, _) = item_and_target(store, &s, "Xây dựng phóng sự").await;
    let before = store.item_tracking(item).await.unwrap().unwrap();
    assert_eq!(before.status, ItemStatus::NotStarted);
    let input = work(&s, MediaKind::Documentary, "  Phóng sự  ", item);
    // Another unit's staff and a partner may not record it for the lead unit.
    for who in [&s.outsider, &s.partner] {
        assert!(matches!(
            store.create_media_work(&input, who).await,
            Err(StoreError::Media(MediaError::Forbidden { .. }))
        ));
    }
    let id = store.create_media_work(&input, &s.lead).await.unwrap();
    let w = store.media_work(id).await.unwrap().unwrap();
    assert_eq!(
        (w.title.as_str(), w.stage, w.version),
        ("Phóng sự", MediaStage::Brief, 1)
    );
    assert_eq!(w.plan_of(MediaStage::Script).owner, "Đài PT-TH Hà Nội");
    // No skipping; another unit may not move it.
    let skip = store
        .move_media_stage(id, 1, MediaStage::Production, None, &s.lead)
        .await;
    assert!(matches!(
        skip,
        Err(StoreError::Media(MediaError::Transition { .. }))
    ));
    let other = store
        .move_media_stage(id, 1, MediaStage::Script, None, &s.outsider)
        .await;
    assert!(matches!(
        other,
        Err(StoreError::Media(MediaError::Forbidden { .. }))
    ));
    // The script puts the item in progress, audited as automatic.
    let v = store
        .move_media_stage(id, 1, MediaStage::Script, None, &s.lead)
        .await
        .unwrap();
    assert_eq!(v, 2);
    let it = store.item_tracking(item).await.unwrap().unwrap();
    assert_eq!(it.status, ItemStatus::InProgress);
    // A stale version is a conflict, and nothing moved.
    let stale = store
        .move_media_stage(id, 1, MediaStage::Production, None, &s.lead)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    let v = store
        .move_media_stage(id, v, MediaStage::Production, None, &s.lead)
        .await
        .unwrap();
    let v = store
        .move_media_stage(id, v, MediaStage::Review, None, &s.lead)
        .await
        .unwrap();
    // Approval is the Board's.
    let approve = store
        .move_media_stage(id, v, MediaStage::Approved, None, &s.lead)
        .await;
    assert!(matches!(
        approve,
        Err(StoreError::Media(MediaError::ApprovalIsBoards))
    ));
    let v = store
        .move_media_stage(id, v, MediaStage::Approved, None, &s.board)
        .await
        .unwrap();
    // Published only with its duration and a date not in the future (the clock is
    // 16/11/2026).
    let no_time = store
        .move_media_stage(
            id,
            v,
            MediaStage::Published,
            Some(date(2025, 12, 1)),
            &s.lead,
        )
        .await;
    assert!(matches!(
        no_time,
        Err(StoreError::Media(MediaError::DurationRequired))
    ));
    let mut edit = input.clone();
    edit.duration = Duration::from_seconds(14 * 60);
    let v = store
        .update_media_work(id, v, &edit, &s.lead)
        .await
        .unwrap();
    let future = store
        .move_media_stage(
            id,
            v,
            MediaStage::Published,
            Some(date(2026, 11, 17)),
            &s.lead,
        )
        .await;
    assert!(matches!(
        future,
        Err(StoreError::Media(MediaError::PublishedInFuture { .. }))
    ));
    store
        .move_media_stage(
            id,
            v,
            MediaStage::Published,
            Some(date(2026, 11, 16)),
            &s.lead,
        )
        .await
        .unwrap();
    let w = store.media_work(id).await.unwrap().unwrap();
    assert_eq!(w.published_on, Some(date(2026, 11, 16)));
    // Every step is in the audit log.
    let log = store.audit_for_entity("media_work", id.0).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "media.stage").count(), 5);
    assert!(actions.contains(&"media.create") && actions.contains(&"media.update"));
    // Giving the work to another unit takes the right to record for it.
    let mut away = edit.clone();
    away.unit = s.other;
    let r = store.update_media_work(id, w.version, &away, &s.lead).await;
    assert!(matches!(
        r,
        Err(StoreError::Media(MediaError::Forbidden { .. }))
    ));
}

async fn media_files_links_and_lists(store: &Store) {
    let s = seed(store).await;
    let (item, _) = item_and_target(store, &s, "Xây dựng clip").await;
    // A link to something that does not exist is refused by name.
    let mut bad = work(&s, MediaKind::Clip, "Clip", item);
    bad.event = Some(domain::EventId(999_999));
    assert!(matches!(
        store.create_media_work(&bad, &s.lead).await,
        Err(StoreError::Media(MediaError::UnknownLink))
    ));
    let empty = MediaInput {
        title: " ".into(),
        ..work(&s, MediaKind::Clip, "", item)
    };
    assert!(matches!(
        store.create_media_work(&empty, &s.lead).await,
        Err(StoreError::Media(MediaError::TitleRequired))
    ));
    let clip = store
        .create_media_work(&work(&s, MediaKind::Clip, "Clip", item), &s.lead)
        .await
        .unwrap();
    let mut mag = work(&s, MediaKind::Magazine, "Chuyên đề", item);
    mag.pages = Some(12);
    let mag = store.create_media_work(&mag, &s.lead).await.unwrap();
    let file = |name: &str| store::evidence_store::StoredFile {
        sha256: format!("{:064}", name.len()),
        size: 10,
        mime: "image/png".into(),
        relative_path: format!("evidence/00/{name}"),
    };
    let new = NewMediaFile {
        file: file("a"),
        original_name: "Ảnh bìa.png".into(),
        thumb: Some(file("t")),
        screen: Some(file("sc")),
        width: Some(2000),
        height: Some(1000),
    };
    assert!(matches!(
        store
            .add_media_files(
                clip,
                MediaStage::Production,
                std::slice::from_ref(&new),
                &s.outsider
            )
            .await,
        Err(StoreError::Media(MediaError::Forbidden { .. }))
    ));
    let ids = store
        .add_media_files(clip, MediaStage::Production, &[new], &s.lead)
        .await
        .unwrap();
    let (f, unit) = store.media_file(ids[0]).await.unwrap().unwrap();
    assert_eq!(
        (unit, f.stage, f.width),
        (s.qlds, MediaStage::Production, Some(2000))
    );
    assert_eq!(f.thumb_path.as_deref(), Some("evidence/00/t"));
    let w = store.media_work(clip).await.unwrap().unwrap();
    assert_eq!(w.files.len(), 1);
    // Lists filter by kind, item, plan and the units a partner may see.
    let list = |f: MediaFilter| async move { store.list_media_works(&f).await.unwrap() };
    let all = list(MediaFilter::default()).await;
    assert_eq!(all.iter().map(|w| w.id).collect::<Vec<_>>(), [mag, clip]);
    let clips = list(MediaFilter {
        kind: Some(MediaKind::Clip),
        plan: Some(s.plan),
        ..Default::default()
    })
    .await;
    assert_eq!(clips.len(), 1);
    assert_eq!(
        clips[0]
            .item_title
            .as_deref()
            .map(|t| t.starts_with("Xây dựng clip")),
        Some(true)
    );
    let hidden = list(MediaFilter {
        visible_units: Some(s.partner.unit_ids.clone()),
        ..Default::default()
    })
    .await;
    assert!(hidden.is_empty());
    let _: &Actor = &s.lead;
}

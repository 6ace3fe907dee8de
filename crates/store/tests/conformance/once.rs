//! Double submits and orphan evidence (issue 14) on both backends: a create form's
//! once-token makes two submits at once (or one later) one creation, the second answered
//! with the first's result; a refused report records none of its files.

use super::events::{at, input, seed};
use super::*;
use domain::{EventKind, EventStatus, OnceToken, Period, ReportContent};
use store::evidence_store::StoredFile;
use store::{Created, NewEvidence, NewReport, OnceKey, SplitPart};

conformance!(
    once_tokens_make_one_creation_of_two_submits,
    once_tokens_are_one_users_one_form_and_freed_by_a_refusal,
    refused_reports_record_no_evidence,
    a_discarded_file_stays_while_another_request_claims_it,
);

fn token() -> OnceToken {
    OnceToken::generate().unwrap()
}

/// Of two results of the same create, the one made now and the path the other landed on.
fn one_new<T: std::fmt::Debug>(a: Created<T>, b: Created<T>) -> (T, String) {
    match (a, b) {
        (Created::New(x), Created::Earlier(p)) | (Created::Earlier(p), Created::New(x)) => (x, p),
        other => panic!("one creation and one landing expected, got {other:?}"),
    }
}

/// A file as `EvidenceStore::put` describes it (the store records metadata only).
fn file(byte: u8) -> NewEvidence {
    let sha: String = std::iter::repeat_n(format!("{byte:02x}"), 32).collect();
    NewEvidence {
        stored: StoredFile {
            relative_path: format!("evidence/{}/{}", &sha[..2], &sha[2..]),
            sha256: sha,
            size: 68,
            mime: "image/png".into(),
        },
        original_name: "ảnh.png".into(),
    }
}

async fn once_tokens_make_one_creation_of_two_submits(store: &Store) {
    let s = seed(store).await;

    // Event creation.
    let ev = input(
        &s,
        "Phiên họp gửi hai lần",
        EventKind::OnlineSession,
        "Asia/Ho_Chi_Minh",
        at(2026, 12, 1, 9),
        2,
        EventStatus::Planned,
    );
    let t = token();
    let to_event = |id: i64| format!("/events/{id}?notice=created");
    let key = OnceKey {
        token: &t,
        action: "event.create",
        result: &to_event,
    };
    let (a, b) = tokio::join!(
        store.create_event_once(&ev, Some(&key), &s.lead),
        store.create_event_once(&ev, Some(&key), &s.lead)
    );
    let (id, landed) = one_new(a.unwrap(), b.unwrap());
    assert_eq!(
        landed,
        to_event(id.0),
        "the second lands on the first's event"
    );
    let same = "SELECT COUNT(*) FROM events WHERE title = 'Phiên họp gửi hai lần'";
    assert_eq!(raw_count(store, same).await, 1);
    // Later (a back button, a reload): the same landing, nothing made.
    assert_eq!(
        store
            .create_event_once(&ev, Some(&key), &s.lead)
            .await
            .unwrap(),
        Created::Earlier(to_event(id.0))
    );
    // Without a token, as before: each submit creates.
    store.create_event(&ev, &s.lead).await.unwrap();
    assert_eq!(raw_count(store, same).await, 2);

    // Split: the second submit carries the version the first moved on, and still lands.
    let item = s.shows_item;
    let version = store.item_tracking(item).await.unwrap().unwrap().version;
    let before = store.plan(s.plan).await.unwrap().unwrap().all_items().len();
    let parts = vec![
        SplitPart {
            title: "Tọa đàm".into(),
            text: String::new(),
        },
        SplitPart {
            title: "Triển lãm".into(),
            text: String::new(),
        },
    ];
    let t = token();
    let to_item = |id: i64| format!("/items/{id}?notice=item_split");
    let key = OnceKey {
        token: &t,
        action: "item.split",
        result: &to_item,
    };
    let (a, b) = tokio::join!(
        store.split_item_once(item, version, &parts, Some(&key), &s.lead),
        store.split_item_once(item, version, &parts, Some(&key), &s.lead)
    );
    let (made, landed) = one_new(a.unwrap(), b.unwrap());
    assert_eq!(made.len(), 1);
    assert_eq!(landed, to_item(item.0));
    let after = store.plan(s.plan).await.unwrap().unwrap().all_items().len();
    assert_eq!(after, before + 1, "one split, one new item");
    let it = store.item_tracking(item).await.unwrap().unwrap();
    assert_eq!(it.version, version + 1);

    // Report filing with a file: one report, one evidence row.
    let new = NewReport {
        item_id: s.sessions_item,
        unit_id: s.qlds,
        period: Period::Quarter(2025, 3),
        content: ReportContent::new("Đã dự 3 phiên họp", None, vec![], &[]).unwrap(),
        evidence: vec![],
    };
    let files = [file(0xab)];
    let t = token();
    let to_report = |id: i64| format!("/items/{}?notice=report_filed#r{id}", s.sessions_item.0);
    let key = OnceKey {
        token: &t,
        action: "report.file",
        result: &to_report,
    };
    let (a, b) = tokio::join!(
        store.file_report_with(&new, &files, Some(&key), &s.lead),
        store.file_report_with(&new, &files, Some(&key), &s.lead)
    );
    let (report, landed) = one_new(a.unwrap(), b.unwrap());
    assert_eq!(landed, to_report(report.id));
    assert_eq!(report.evidence.len(), 1);
    assert_eq!(report.evidence[0].sha256, files[0].stored.sha256);
    assert_eq!(
        store.item_reports(s.sessions_item).await.unwrap().len(),
        1,
        "one report"
    );
    assert_eq!(
        raw_count(store, "SELECT COUNT(*) FROM evidence").await,
        1,
        "the second submit's file is not recorded again"
    );
    assert!(
        store
            .unreferenced_files(&[files[0].stored.clone()])
            .await
            .unwrap()
            .is_empty(),
        "the first's row keeps the (shared) file"
    );
    assert_eq!(
        raw_count(store, "SELECT COUNT(*) FROM once_tokens").await,
        3
    );
}

async fn once_tokens_are_one_users_one_form_and_freed_by_a_refusal(store: &Store) {
    let s = seed(store).await;
    let ev = input(
        &s,
        "Tọa đàm một lần",
        EventKind::Talk,
        "Asia/Ho_Chi_Minh",
        at(2026, 12, 2, 9),
        2,
        EventStatus::Planned,
    );
    let path = |id: i64| format!("/events/{id}");
    let t = token();
    let key = |action| OnceKey {
        token: &t,
        action,
        result: &path,
    };

    // A refused create rolls its token back: the corrected form goes through with it.
    refused_for(
        store
            .create_event_once(&ev, Some(&key("event.create")), &s.outsider)
            .await,
    );
    assert_eq!(
        raw_count(store, "SELECT COUNT(*) FROM once_tokens").await,
        0
    );
    let id = store
        .create_event_once(&ev, Some(&key("event.create")), &s.lead)
        .await
        .unwrap()
        .new_one()
        .unwrap();

    // Another user's token, or one drawn for another form, is no landing.
    assert!(matches!(
        store
            .create_event_once(&ev, Some(&key("event.create")), &s.board)
            .await,
        Err(StoreError::Invalid(_))
    ));
    let parts = [
        SplitPart {
            title: "A".into(),
            text: String::new(),
        },
        SplitPart {
            title: "B".into(),
            text: String::new(),
        },
    ];
    let version = store
        .item_tracking(s.shows_item)
        .await
        .unwrap()
        .unwrap()
        .version;
    assert!(matches!(
        store
            .split_item_once(
                s.shows_item,
                version,
                &parts,
                Some(&key("item.split")),
                &s.lead
            )
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        store
            .item_tracking(s.shows_item)
            .await
            .unwrap()
            .unwrap()
            .version,
        version,
        "nothing split"
    );

    // Two days on, the token is pruned when another create records its own; the old form
    // then creates again (the rows are kept long enough for any double submit).
    let later = store.with_clock(domain::ManualClock::shared(
        store.clock().now() + chrono::Duration::days(2) + chrono::Duration::seconds(1),
    ));
    assert_eq!(later.prune_once_tokens().await.unwrap(), 1);
    let again = later
        .create_event_once(&ev, Some(&key("event.create")), &s.lead)
        .await
        .unwrap()
        .new_one()
        .unwrap();
    assert_ne!(again, id);
}

fn refused_for(r: Result<Created<domain::EventId>, StoreError>) {
    match r {
        Err(StoreError::Event(domain::EventError::Forbidden { .. })) => {}
        other => panic!("expected forbidden, got {other:?}"),
    }
}

async fn refused_reports_record_no_evidence(store: &Store) {
    let s = seed(store).await;
    let item = s.sessions_item;
    let report = |period, text: &str| NewReport {
        item_id: item,
        unit_id: s.qlds,
        period,
        content: ReportContent::new(text, None, vec![], &[]).unwrap(),
        evidence: vec![],
    };
    let files = [file(0x11), file(0x22)];
    let stored: Vec<StoredFile> = files.iter().map(|f| f.stored.clone()).collect();
    let evidence = || raw_count(store, "SELECT COUNT(*) FROM evidence");

    // Outside the plan's years, by a unit that may not report, with a kept evidence id
    // of another item: each refused, and no file of it recorded.
    let outside = report(Period::Year(2031), "Năm ngoài kế hoạch");
    assert!(
        store
            .file_report_with(&outside, &files, None, &s.lead)
            .await
            .is_err()
    );
    assert!(
        store
            .file_report_with(
                &report(Period::Quarter(2025, 3), "x"),
                &files,
                None,
                &s.outsider
            )
            .await
            .is_err()
    );
    let mut foreign = report(Period::Quarter(2025, 3), "x");
    foreign.evidence = vec![9_999];
    assert!(
        store
            .file_report_with(&foreign, &files, None, &s.lead)
            .await
            .is_err()
    );
    assert_eq!(evidence().await, 0);
    assert_eq!(
        raw_count(
            store,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'evidence.add'"
        )
        .await,
        0
    );
    assert_eq!(store.unreferenced_files(&stored).await.unwrap(), stored);

    // Filed: both recorded with the report, after what it keeps.
    let v1 = store
        .file_report_with(
            &report(Period::Quarter(2025, 3), "Đã dự 3 phiên"),
            &files,
            None,
            &s.lead,
        )
        .await
        .unwrap()
        .new_one()
        .unwrap();
    assert_eq!(v1.evidence.len(), 2);
    assert_eq!(evidence().await, 2);
    assert!(store.unreferenced_files(&stored).await.unwrap().is_empty());

    // A new version refused (stale) records none of its files; saved, it records them.
    let content = ReportContent::new("Đã dự 4 phiên", None, vec![], &[]).unwrap();
    let kept: Vec<i64> = v1.evidence.iter().map(|e| e.id).collect();
    let third = [file(0x33)];
    assert!(matches!(
        store
            .edit_report_with(v1.report_id, 7, &content, &kept, &third, &s.lead)
            .await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(evidence().await, 2);
    let v2 = store
        .edit_report_with(v1.report_id, 1, &content, &kept, &third, &s.lead)
        .await
        .unwrap();
    assert_eq!(v2.evidence.len(), 3);
    assert_eq!(v2.evidence[2].sha256, third[0].stored.sha256);
    assert_eq!(evidence().await, 3);
}

/// Two requests store the same bytes (one file); the first is refused and discards it
/// while the second is still on its way to recording it. The file must stay: before the
/// claims, the first request's "does any row name it?" came before the second's row, and
/// the second's report named a file that was gone.
async fn a_discarded_file_stays_while_another_request_claims_it(store: &Store) {
    let f = super::tracking::fixture(store).await;
    let dir = std::env::temp_dir().join(format!("sangtao-claims-{}", random_hex()));
    let files =
        store::evidence_store::EvidenceStore::new(&dir, store::evidence_store::DEFAULT_LIMIT);
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    png.extend_from_slice(b"IHDR one photo, sent twice");
    let refused = files.put(&png[..], "a.png").await.unwrap();
    let recording = files.put(&png[..], "b.png").await.unwrap();
    assert_eq!(refused, recording, "the same bytes are one file");
    let on_disk = dir.join(&recording.relative_path);

    assert_eq!(
        files.discard(std::slice::from_ref(&refused), store).await,
        0
    );
    assert!(on_disk.exists(), "the second request still claims it");
    // The second records it, then lets go: a later discard of the same bytes keeps it,
    // because a row names it.
    store
        .add_evidence(f.item21, &recording, "b.png", &f.lead)
        .await
        .unwrap();
    files.release([&recording]).await;
    let again = files.put(&png[..], "c.png").await.unwrap();
    assert_eq!(files.discard(&[again], store).await, 0);
    assert!(on_disk.exists(), "a row names it");

    // Bytes nobody records and nobody claims go.
    let mut other = png.clone();
    other.extend_from_slice(b" and another");
    let lone = files.put(&other[..], "d.png").await.unwrap();
    assert_eq!(files.discard(std::slice::from_ref(&lone), store).await, 1);
    assert!(!dir.join(&lone.relative_path).exists());
    let _ = std::fs::remove_dir_all(&dir);
}

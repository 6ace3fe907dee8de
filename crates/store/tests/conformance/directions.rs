//! Công tác chỉ đạo, điều hành (issue 12, section I) on both backends: the Board records a
//! directive with its file, edits it with the version it opened, deletes it; a stale form
//! is a conflict, a double submit records once, staff are refused; the list by period
//! keeps only what is dated within it; every write is audited in its transaction.

use super::oversight::fx;
use super::*;
use domain::oversight::{DirectionForm, DirectionInput, DirectionKind};
use domain::{Period, PlanId};
use store::NewDirectionFile;
use store::evidence_store::StoredFile;

conformance!(
    directions_add_edit_delete_audited,
    directions_stale_double_and_forbidden,
    directions_listed_by_period_newest_first,
);

fn input(kind: &str, number: &str, date: &str, summary: &str) -> DirectionInput {
    let form = DirectionForm {
        kind,
        number,
        date,
        summary,
    };
    DirectionInput::parse(form, super::date(2025, 12, 1)).unwrap()
}

fn pdf(name: &str) -> NewDirectionFile {
    let sha = format!("{:0>64}", name.len());
    NewDirectionFile {
        stored: StoredFile {
            sha256: sha.clone(),
            size: 1234,
            mime: "application/pdf".into(),
            relative_path: format!("evidence/{}/{}", &sha[..2], &sha[2..]),
        },
        original_name: name.into(),
    }
}

async fn directions_add_edit_delete_audited(store: &Store) {
    let f = fx(store).await;
    let cv = input(
        "directive",
        "285/SVHTT-QLDS",
        "12/03/2025",
        "V/v triển khai Kế hoạch tham gia Mạng lưới",
    );
    let added = store
        .add_direction(f.plan, &cv, &[pdf("Công văn 285.pdf")], &f.board)
        .await
        .unwrap();
    assert_eq!(added.kind, DirectionKind::Directive);
    assert_eq!(added.number.as_deref(), Some("285/SVHTT-QLDS"));
    assert_eq!(added.version, 1);
    assert_eq!(added.files.len(), 1);
    assert_eq!(added.files[0].original_name, "Công văn 285.pdf");
    let listed = store.plan_directions(f.plan, None).await.unwrap();
    assert_eq!(listed, vec![added.clone()]);

    let edited = input(
        "directive",
        "285/SVHTT-QLDS",
        "13/03/2025",
        "V/v triển khai Kế hoạch",
    );
    let after = store
        .update_direction(added.id, 1, &edited, &f.admin)
        .await
        .unwrap();
    assert_eq!((after.version, after.date), (2, date(2025, 3, 13)));
    assert_eq!(after.files.len(), 1, "the files stay");

    let more = store
        .attach_direction_file(added.id, &pdf("Phụ lục kèm theo.pdf"), &f.board)
        .await
        .unwrap();
    let again = store
        .attach_direction_file(added.id, &pdf("Phụ lục kèm theo.pdf"), &f.board)
        .await
        .unwrap();
    assert_eq!(more.id, again.id, "the same file is attached once");
    assert_eq!(
        store
            .direction_file(more.id)
            .await
            .unwrap()
            .unwrap()
            .direction_id,
        added.id
    );

    assert_eq!(
        store.delete_direction(added.id, 2, &f.board).await.unwrap(),
        Some(f.plan)
    );
    assert_eq!(
        store.delete_direction(added.id, 2, &f.board).await.unwrap(),
        None
    );
    assert!(store.direction(added.id).await.unwrap().is_none());
    assert!(store.direction_file(more.id).await.unwrap().is_none());

    let actions: Vec<String> = store
        .audit_for_entity("direction", added.id.0)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(
        actions,
        [
            "direction.add",
            "direction.update",
            "direction.file.add",
            "direction.delete"
        ]
    );
    let page = store.audit_for_plan(f.plan, None, 50).await.unwrap();
    assert!(
        page.entries.iter().any(|e| e.action == "direction.delete"),
        "the plan's history shows it"
    );
}

async fn directions_stale_double_and_forbidden(store: &Store) {
    let f = fx(store).await;
    let meeting = input("meeting", "", "10/06/2025", "Giao ban tiến độ 6 tháng");
    let first = store
        .add_direction(f.plan, &meeting, &[], &f.board)
        .await
        .unwrap();
    let twice = store
        .add_direction(f.plan, &meeting, &[], &f.board)
        .await
        .unwrap();
    assert_eq!(first.id, twice.id, "a double submit records once");
    assert_eq!(store.plan_directions(f.plan, None).await.unwrap().len(), 1);

    let moved = input("meeting", "", "11/06/2025", "Giao ban tiến độ 6 tháng");
    store
        .update_direction(first.id, 1, &moved, &f.board)
        .await
        .unwrap();
    // The same edit sent again is no conflict; another edit from the old form is.
    let same = store
        .update_direction(first.id, 1, &moved, &f.board)
        .await
        .unwrap();
    assert_eq!(same.version, 2);
    let other = input("meeting", "", "12/06/2025", "Giao ban");
    match store.update_direction(first.id, 1, &other, &f.admin).await {
        Err(StoreError::Conflict { conflict, .. }) => {
            assert_eq!((conflict.attempted, conflict.current), (1, 2))
        }
        r => panic!("expected a conflict, got {r:?}"),
    }
    assert!(matches!(
        store.delete_direction(first.id, 1, &f.board).await,
        Err(StoreError::Conflict { .. })
    ));

    for r in [
        store
            .add_direction(f.plan, &other, &[], &f.lead)
            .await
            .map(|_| ()),
        store
            .update_direction(first.id, 2, &other, &f.lead)
            .await
            .map(|_| ()),
        store
            .delete_direction(first.id, 2, &f.lead)
            .await
            .map(|_| ()),
        store
            .attach_direction_file(first.id, &pdf("x.pdf"), &f.lead)
            .await
            .map(|_| ()),
    ] {
        assert!(
            matches!(
                r,
                Err(StoreError::Tracking(
                    domain::TrackingError::Forbidden { .. }
                ))
            ),
            "{r:?}"
        );
    }
    assert!(matches!(
        store
            .add_direction(PlanId(9999), &other, &[], &f.board)
            .await,
        Err(StoreError::NotFound(_))
    ));
    let kept = store.direction(first.id).await.unwrap().unwrap();
    assert_eq!(
        (kept.version, kept.summary.as_str()),
        (2, "Giao ban tiến độ 6 tháng")
    );
}

async fn directions_listed_by_period_newest_first(store: &Store) {
    let f = fx(store).await;
    for (kind, number, date, summary) in [
        (
            "directive",
            "285/SVHTT-QLDS",
            "12/03/2025",
            "V/v triển khai",
        ),
        ("inspection", "", "15/05/2025", "Kiểm tra Bảo tàng"),
        ("inspection", "", "20/09/2025", "Kiểm tra Phòng QLDS"),
        (
            "directive",
            "40/QĐ-SVHTT",
            "18/11/2025",
            "Về việc khen thưởng",
        ),
        ("meeting", "", "05/01/2024", "Họp năm trước"),
    ] {
        store
            .add_direction(
                f.plan,
                &input(kind, number, date, summary),
                &[pdf(summary)],
                &f.board,
            )
            .await
            .unwrap();
    }
    let h1 = Period::Half(2025, 1);
    let in_h1 = store
        .plan_directions(f.plan, Some((h1.start(), h1.end())))
        .await
        .unwrap();
    let dates: Vec<_> = in_h1.iter().map(|d| d.date).collect();
    assert_eq!(dates, [date(2025, 5, 15), date(2025, 3, 12)]);
    assert!(in_h1.iter().all(|d| d.files.len() == 1));
    let all = store.plan_directions(f.plan, None).await.unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].date, date(2025, 11, 18), "newest first");
    assert_eq!(all[4].date, date(2024, 1, 5));
    let year = Period::Year(2025);
    assert_eq!(
        store
            .plan_directions(f.plan, Some((year.start(), year.end())))
            .await
            .unwrap()
            .len(),
        4
    );
}

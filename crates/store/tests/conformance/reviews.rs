//! The daily loop between units and the Board (issue 11) on both backends: a report is
//! returned with a comment the unit hears of, answered by a new version and accepted;
//! stale and repeated reviews are conflicts; grades notify the lead units; the unread
//! count drops after reading; the home page's lists follow all of it.

use super::oversight::{Fx, fx};
use super::*;
use domain::oversight::{Grade, ReviewDecision, ReviewError, ReviewState, review_state};
use domain::{Percent, Period, ReportContent};
use store::{NewEvaluation, NewReport, NewReview};

conformance!(
    reviews_return_answer_and_accept,
    reviews_race_leaves_one_decision,
    grades_notify_the_lead_units,
    my_work_lists_follow_reports_and_reviews,
);

fn content(text: &str, percent: i64) -> ReportContent {
    ReportContent::new(text, Some(Percent::new(percent).unwrap()), vec![], &[]).unwrap()
}

/// The lead unit's Q3 report on item 1: its first version's id.
async fn filed(store: &Store, f: &Fx) -> i64 {
    let new = NewReport {
        item_id: f.item1,
        unit_id: f.qlds,
        period: Period::Quarter(2025, 3),
        content: content("Quý 3: đã dự 2 phiên", 60),
        evidence: vec![],
    };
    store.file_report(&new, &f.lead).await.unwrap().report_id
}

fn review(report_id: i64, opened: i64, decision: ReviewDecision, comment: &str) -> NewReview {
    NewReview {
        report_id,
        opened_version: opened,
        decision,
        comment: comment.into(),
        notice: "[Trả lại báo cáo] 1. Tham dự".into(),
    }
}

fn refused<T: std::fmt::Debug>(r: Result<T, StoreError>) -> ReviewError {
    match r {
        Err(StoreError::Review(e)) => e,
        other => panic!("expected a review refusal, got {other:?}"),
    }
}

async fn reviews_return_answer_and_accept(store: &Store) {
    let f = fx(store).await;
    let report = filed(store, &f).await;
    let lead_user = f.lead.user_id;
    assert_eq!(store.unread_notifications(lead_user).await.unwrap(), 0);

    // The unit may not review its own report; a return must say why.
    let e = refused(
        store
            .review_report(&review(report, 1, ReviewDecision::Accepted, ""), &f.lead)
            .await,
    );
    assert_eq!(e, ReviewError::Forbidden);
    let e = refused(
        store
            .review_report(&review(report, 1, ReviewDecision::Returned, "  "), &f.board)
            .await,
    );
    assert_eq!(e, ReviewError::CommentRequired);

    let returned = store
        .review_report(
            &review(
                report,
                1,
                ReviewDecision::Returned,
                " Bổ sung ảnh phiên họp ",
            ),
            &f.board,
        )
        .await
        .unwrap();
    assert_eq!(returned.comment, "Bổ sung ảnh phiên họp", "trimmed");
    assert_eq!((returned.version, returned.report_id), (1, report));

    // The same click again, or another reviewer on the same version: a conflict.
    let e = refused(
        store
            .review_report(&review(report, 1, ReviewDecision::Accepted, ""), &f.admin)
            .await,
    );
    assert_eq!(
        e,
        ReviewError::AlreadyReviewed {
            version: 1,
            decision: ReviewDecision::Returned
        }
    );
    assert!(e.is_conflict());

    // The unit hears of it: one unread notification with the comment.
    let notes = store.notifications(lead_user, 10).await.unwrap();
    let note = notes.iter().find(|n| n.kind == "report_returned").unwrap();
    assert_eq!(note.body, "Bổ sung ảnh phiên họp");
    assert_eq!(note.item_id, Some(f.item1));
    assert_eq!(note.unit_id, Some(f.qlds));
    assert_eq!(store.unread_notifications(lead_user).await.unwrap(), 1);
    let board_notes = store.notifications(f.board.user_id, 10).await.unwrap();
    assert!(board_notes.iter().all(|n| n.kind != "report_returned"));

    // Version 2 answers the return; a review opened on version 1 is now stale.
    store
        .edit_report(report, 1, &content("Đã bổ sung ảnh", 70), &[], &f.lead)
        .await
        .unwrap();
    let e = refused(
        store
            .review_report(&review(report, 1, ReviewDecision::Accepted, ""), &f.board)
            .await,
    );
    assert_eq!(
        e,
        ReviewError::Stale {
            opened: 1,
            latest: 2
        }
    );
    let accepted = store
        .review_report(&review(report, 2, ReviewDecision::Accepted, ""), &f.board)
        .await
        .unwrap();
    assert_eq!(accepted.version, 2);

    let all = store.item_report_reviews(f.item1).await.unwrap();
    assert_eq!(all, store.report_reviews(report).await.unwrap());
    assert_eq!(
        all.iter()
            .map(|r| (r.version, r.decision))
            .collect::<Vec<_>>(),
        vec![(1, ReviewDecision::Returned), (2, ReviewDecision::Accepted)]
    );
    assert_eq!(all[0].created_by_name.as_deref(), Some("Người dùng board"));
    assert_eq!(
        review_state(Some(all[1].decision), Some(all[0].decision)),
        ReviewState::Accepted
    );
    // An acceptance tells no one: still one notification, and reading clears the count.
    let notes = store.notifications(lead_user, 10).await.unwrap();
    assert_eq!(notes.len(), 1);
    store
        .mark_notifications_read(lead_user, notes[0].id)
        .await
        .unwrap();
    assert_eq!(store.unread_notifications(lead_user).await.unwrap(), 0);

    // Audited on the item; append-only in the database itself.
    let audit = store.audit_for_item(f.item1, None, 20).await.unwrap();
    let decisions: Vec<_> = audit
        .entries
        .iter()
        .filter(|e| e.action == "report.review")
        .map(|e| e.after.as_ref().unwrap()["decision"].clone())
        .collect();
    assert_eq!(decisions, vec!["accepted", "returned"], "newest first");
    assert!(
        raw_execute(store, "UPDATE report_reviews SET decision = 'accepted'")
            .await
            .is_err()
    );
    // A missing report is not found, not a refusal.
    let missing = store
        .review_report(&review(999_999, 1, ReviewDecision::Accepted, ""), &f.board)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

async fn reviews_race_leaves_one_decision(store: &Store) {
    let f = fx(store).await;
    let report = filed(store, &f).await;
    let accept = review(report, 1, ReviewDecision::Accepted, "");
    let ret = review(report, 1, ReviewDecision::Returned, "Chưa đủ số liệu");
    let (a, b) = tokio::join!(
        store.review_report(&accept, &f.board),
        store.review_report(&ret, &f.admin)
    );
    let (won, lost) = match (a, b) {
        (Ok(w), Err(l)) | (Err(l), Ok(w)) => (w, l),
        other => panic!("exactly one decision lands: {other:?}"),
    };
    match lost {
        StoreError::Review(ReviewError::AlreadyReviewed { version, decision }) => {
            assert_eq!((version, decision), (1, won.decision));
        }
        other => panic!("the loser hears of the winner: {other:?}"),
    }
    assert_eq!(store.report_reviews(report).await.unwrap().len(), 1);
}

async fn grades_notify_the_lead_units(store: &Store) {
    let f = fx(store).await;
    let h1 = Period::Half(2025, 1);
    let grade = |item, comment: &str| NewEvaluation {
        item_id: item,
        period: h1,
        grade: Grade::Fair,
        comment: comment.into(),
        notice: "[Đánh giá] Khá".into(),
    };
    // Item 1 names its lead; item 1.1 inherits it: both reach Phòng QLDS.
    store
        .add_evaluation(&grade(f.item1, "Cần đẩy nhanh"), &f.board)
        .await
        .unwrap();
    store
        .add_evaluation(&grade(f.item11, "Thiếu minh chứng"), &f.board)
        .await
        .unwrap();
    let notes = store.notifications(f.lead.user_id, 10).await.unwrap();
    let graded: Vec<_> = notes
        .iter()
        .filter(|n| n.kind == "evaluation")
        .map(|n| (n.item_id, n.unit_id, n.body.as_str()))
        .collect();
    assert_eq!(
        graded,
        vec![
            (Some(f.item11), Some(f.qlds), "Thiếu minh chứng"),
            (Some(f.item1), Some(f.qlds), "Cần đẩy nhanh"),
        ]
    );
    assert_eq!(store.unread_notifications(f.lead.user_id).await.unwrap(), 2);
    // Coordinating units are not told: the grade is for the unit that answers for it.
    let coord = store
        .create_user(new_user("coord", &[Role::Staff], &[f.bao_tang]))
        .await
        .unwrap();
    assert_eq!(store.unread_notifications(coord).await.unwrap(), 0);
}

async fn my_work_lists_follow_reports_and_reviews(store: &Store) {
    let f = fx(store).await;
    let view = store.plan(f.plan).await.unwrap().unwrap();
    let item22 = view
        .items
        .iter()
        .flat_map(|r| r.walk())
        .find(|i| i.item.numbering.as_deref() == Some("2.2"))
        .unwrap()
        .item
        .id;
    let q3 = Period::Quarter(2025, 3);
    let mine = [f.qlds];
    let ids = |c: &store::Counted<store::WorkItem>| c.rows.iter().map(|i| i.id).collect::<Vec<_>>();
    let listed = store
        .items_to_report(Some(&mine), q3, 50, 500)
        .await
        .unwrap();
    assert!(ids(&listed).contains(&item22), "{listed:?}");
    assert!(
        !ids(&listed).contains(&f.item1),
        "a parent is not reported on directly"
    );
    assert_eq!(listed.total, listed.rows.len() as i64);
    assert!(!listed.capped);
    let one = store.items_to_report(Some(&mine), q3, 1, 2).await.unwrap();
    assert_eq!(one.rows.len(), 1);
    assert!(one.total <= 2 && (one.capped == (listed.total > 2)));
    assert!(
        store
            .items_to_report(Some(&[]), q3, 50, 500)
            .await
            .unwrap()
            .rows
            .is_empty()
    );

    // A report of another quarter leaves it to report; one of this quarter takes it off,
    // for the unit and for the Board alike.
    let file = |period| NewReport {
        item_id: item22,
        unit_id: f.qlds,
        period,
        content: content("Đã quay phóng sự", 30),
        evidence: vec![],
    };
    store
        .file_report(&file(Period::Quarter(2025, 2)), &f.lead)
        .await
        .unwrap();
    let listed = store
        .items_to_report(Some(&mine), q3, 50, 500)
        .await
        .unwrap();
    assert!(ids(&listed).contains(&item22));
    let report = store
        .file_report(&file(Period::Month(2025, 8)), &f.lead)
        .await
        .unwrap()
        .report_id;
    let listed = store
        .items_to_report(Some(&mine), q3, 50, 500)
        .await
        .unwrap();
    assert!(!ids(&listed).contains(&item22));
    let board = store.items_to_report(None, q3, 50, 500).await.unwrap();
    assert!(!ids(&board).contains(&item22));
    assert!(board.total >= listed.total);

    // Waiting for review, returned to the unit, answered, accepted.
    let waiting = store.reports_awaiting_review(0, 10, 100).await.unwrap();
    assert_eq!(waiting.total, 2, "both reports wait");
    assert!(waiting.rows.iter().all(|r| r.comment.is_empty()));
    assert!(
        store
            .reports_awaiting_review(i64::MAX, 10, 100)
            .await
            .unwrap()
            .rows
            .is_empty(),
        "older than the horizon: not listed"
    );
    store
        .review_report(
            &review(report, 1, ReviewDecision::Returned, "Thiếu ảnh"),
            &f.board,
        )
        .await
        .unwrap();
    let returned = store.returned_reports(&mine, 10).await.unwrap();
    assert_eq!(returned.len(), 1);
    assert_eq!(
        (returned[0].report_id, returned[0].comment.as_str()),
        (report, "Thiếu ảnh")
    );
    assert_eq!(returned[0].period, Period::Month(2025, 8));
    assert!(
        store
            .returned_reports(&[f.bao_tang], 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .reports_awaiting_review(0, 10, 100)
            .await
            .unwrap()
            .total,
        1
    );
    store
        .edit_report(report, 1, &content("Đã bổ sung ảnh", 40), &[], &f.lead)
        .await
        .unwrap();
    assert!(store.returned_reports(&mine, 10).await.unwrap().is_empty());
    let waiting = store.reports_awaiting_review(0, 10, 100).await.unwrap();
    let answer = waiting.rows.iter().find(|r| r.report_id == report).unwrap();
    assert_eq!((answer.version, answer.comment.as_str()), (2, "Thiếu ảnh"));
    store
        .review_report(&review(report, 2, ReviewDecision::Accepted, ""), &f.board)
        .await
        .unwrap();
    assert_eq!(
        store
            .reports_awaiting_review(0, 10, 100)
            .await
            .unwrap()
            .total,
        1
    );

    // Grades of the unit's items, newest first.
    assert!(store.recent_grades(&mine, 5).await.unwrap().is_empty());
    let grade = NewEvaluation {
        item_id: item22,
        period: Period::Half(2025, 2),
        grade: Grade::Good,
        comment: "Tốt".into(),
        notice: "[Đánh giá]".into(),
    };
    store.add_evaluation(&grade, &f.board).await.unwrap();
    let grades = store.recent_grades(&mine, 5).await.unwrap();
    assert_eq!(grades.len(), 1);
    assert_eq!((grades[0].item_id, grades[0].grade), (item22, Grade::Good));
    assert!(
        store
            .recent_grades(&[f.bao_tang], 5)
            .await
            .unwrap()
            .is_empty()
    );
}

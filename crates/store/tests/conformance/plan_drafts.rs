//! Plan drafts (issue 13) on both backends: a document's reading kept for review, saved
//! with the version it was opened at (a stale one is a conflict), committed as a plan in
//! one transaction that removes the draft, refused as a duplicate with the draft kept,
//! discarded once; staff may do none of it; every step is audited.

use super::oversight::fx;
use super::*;
use store::{FundingLine, ImportOutcome, NewPlanDraft};

conformance!(
    a_draft_is_edited_with_its_version_and_committed_once,
    a_duplicate_draft_stays_and_staff_are_refused,
    a_draft_commits_its_funding_lines_as_the_plans_funding_sources,
);

fn new_draft(parsed: &vanban::ParsedPlan) -> NewPlanDraft<'_> {
    NewPlanDraft {
        source_name: "ngay-hoi.txt",
        source_sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        source_text: "KẾ HOẠCH\nNgày hội thiết kế\n",
        parsed,
        funding: &[],
    }
}

fn other_plan() -> vanban::ParsedPlan {
    let mut p = sample_plan();
    p.document.title = "Tổ chức Ngày hội thiết kế sáng tạo năm 2026".into();
    p.document.number = Some("15".into());
    p
}

async fn a_draft_is_edited_with_its_version_and_committed_once(store: &Store) {
    let f = fx(store).await;
    let parsed = other_plan();
    let d = store
        .create_plan_draft(&new_draft(&parsed), &f.board)
        .await
        .unwrap();
    assert_eq!((d.version, d.parsed.clone()), (1, parsed.clone()));
    assert_eq!(
        store.plan_drafts().await.unwrap()[0].title,
        parsed.document.title
    );
    let mut edited = d.parsed.clone();
    edited.document.symbol = Some("KH-SVHTT".into());
    let saved = store
        .save_plan_draft(d.id, 1, &edited, &f.board)
        .await
        .unwrap();
    assert_eq!(saved.version, 2);
    // A page opened at version 1, sent again: a conflict, nothing changed.
    let stale = store.save_plan_draft(d.id, 1, &parsed, &f.admin).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert!(matches!(
        store.commit_plan_draft(d.id, 1, &f.board).await,
        Err(StoreError::Conflict { .. })
    ));
    let plans_before = store.list_plans().await.unwrap().len();
    let done = store.commit_plan_draft(d.id, 2, &f.board).await.unwrap();
    let ImportOutcome::Imported(plan) = done else {
        panic!("imported: {done:?}")
    };
    assert_eq!(store.list_plans().await.unwrap().len(), plans_before + 1);
    let view = store.plan(plan).await.unwrap().unwrap();
    assert_eq!(
        view.plan.symbol.as_deref(),
        Some("KH-SVHTT"),
        "the edit counts"
    );
    assert!(store.plan_draft(d.id).await.unwrap().is_none());
    assert!(matches!(
        store.commit_plan_draft(d.id, 2, &f.board).await,
        Err(StoreError::NotFound(_))
    ));
    let audit = store.audit_for_entity("plan_draft", d.id).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    for a in ["plan_draft.create", "plan_draft.edit", "plan_draft.commit"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
}

async fn a_duplicate_draft_stays_and_staff_are_refused(store: &Store) {
    let f = fx(store).await;
    let same = sample_plan();
    let refused = store.create_plan_draft(&new_draft(&same), &f.lead).await;
    assert!(
        matches!(refused, Err(StoreError::Tracking(_))),
        "{refused:?}"
    );
    let d = store
        .create_plan_draft(&new_draft(&same), &f.admin)
        .await
        .unwrap();
    assert!(matches!(
        store.save_plan_draft(d.id, 1, &same, &f.lead).await,
        Err(StoreError::Tracking(_))
    ));
    // The fixture's plan again: reported as stored, the draft kept for a decision.
    let done = store.commit_plan_draft(d.id, 1, &f.admin).await.unwrap();
    assert_eq!(done, ImportOutcome::AlreadyImported(f.plan));
    assert!(store.plan_draft(d.id).await.unwrap().is_some());
    assert!(store.delete_plan_draft(d.id, &f.lead).await.is_err());
    assert!(store.delete_plan_draft(d.id, &f.admin).await.unwrap());
    assert!(
        !store.delete_plan_draft(d.id, &f.admin).await.unwrap(),
        "gone already"
    );
    // A document that is not a plan is not kept.
    let mut report = sample_plan();
    report.document.kind_code = Some("BC".into());
    let refused = store.create_plan_draft(&new_draft(&report), &f.admin).await;
    assert!(
        matches!(refused, Err(StoreError::NotAPlan { .. })),
        "{refused:?}"
    );
}

/// The funding lines reviewed with a draft become the plan's funding sources in the
/// commit's transaction: the unit named is found or created, a line without a year takes
/// the plan's, a line without an amount has none; each is audited. A line the store
/// refuses (a negative amount) refuses the whole commit: no plan, the draft kept.
async fn a_draft_commits_its_funding_lines_as_the_plans_funding_sources(store: &Store) {
    let f = fx(store).await;
    let parsed = other_plan();
    let lines = vec![
        FundingLine {
            name: "Ngân sách thành phố".into(),
            legal_basis: "Quyết định số 6012/QĐ-UBND".into(),
            year: None,
            amount: Some(300_000_000),
            unit: Some("Phòng Quản lý Di sản văn hóa".into()),
        },
        FundingLine {
            name: "Nguồn xã hội hóa".into(),
            year: Some(2027),
            ..FundingLine::default()
        },
    ];
    let new = NewPlanDraft {
        funding: &lines,
        ..new_draft(&parsed)
    };
    let d = store.create_plan_draft(&new, &f.board).await.unwrap();
    assert_eq!(d.funding, lines, "kept with the draft");
    // A negative amount (posted around the form): the commit is refused whole.
    let mut bad = lines.clone();
    bad[1].amount = Some(-5);
    let d = store
        .save_plan_draft_funded(d.id, 1, &d.parsed, &bad, &f.board)
        .await
        .unwrap();
    let plans_before = store.list_plans().await.unwrap().len();
    let refused = store.commit_plan_draft(d.id, 2, &f.board).await;
    assert!(matches!(refused, Err(StoreError::Budget(_))), "{refused:?}");
    assert_eq!(store.list_plans().await.unwrap().len(), plans_before);
    assert!(store.plan_draft(d.id).await.unwrap().is_some());
    // Saving the reading again keeps the funding lines as they are.
    let d = store
        .save_plan_draft_funded(d.id, 2, &d.parsed, &lines, &f.board)
        .await
        .unwrap();
    let d = store
        .save_plan_draft(d.id, 3, &d.parsed, &f.board)
        .await
        .unwrap();
    assert_eq!(d.funding, lines);
    let done = store.commit_plan_draft(d.id, 4, &f.board).await.unwrap();
    let ImportOutcome::Imported(plan) = done else {
        panic!("imported: {done:?}")
    };
    let year = i64::from(store.plan(plan).await.unwrap().unwrap().plan.year.unwrap());
    let all = store.funding_sources(plan).await.unwrap();
    let got: Vec<(&str, &str, i64, Option<i64>)> = all
        .iter()
        .map(|s| (s.name.as_str(), s.legal_basis.as_str(), s.year, s.amount))
        .collect();
    let mut want = vec![
        (
            "Ngân sách thành phố",
            "Quyết định số 6012/QĐ-UBND",
            year,
            Some(300_000_000),
        ),
        ("Nguồn xã hội hóa", "", 2027, None),
    ];
    want.sort_by_key(|w| w.2);
    assert_eq!(got, want);
    let unit = all.iter().find_map(|s| s.unit).expect("the unit assigned");
    let units = store.list_units().await.unwrap();
    let named = units.iter().find(|u| u.id == unit).unwrap();
    assert_eq!(named.name, "Phòng Quản lý Di sản văn hóa");
    for s in &all {
        let audit = store
            .audit_for_entity("funding_source", s.id)
            .await
            .unwrap();
        assert_eq!(audit[0].action, "funding.import", "{audit:?}");
    }
}

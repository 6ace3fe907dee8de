//! Budget (issue 17) on both backends: an estimate drafted by the lead unit, returned by
//! Finance, verified, approved by the Board, then revised; the history and the audit log
//! record every step; stale versions, self-approval, locked lines and other roles are
//! refused; the queues and the planned totals follow.

use super::oversight::{Fx, actor, fx};
use super::*;
use domain::budget::{
    BudgetError, EstimateAction as A, EstimateStatus as S, LineInput, ParsedLine,
};
use domain::{Actor, Conflict};
use store::NewFundingSource;

conformance!(
    budget_estimate_goes_through_finance_and_the_board,
    budget_refuses_stale_versions_and_own_submissions,
    budget_refuses_other_roles_and_locked_lines,
    budget_funding_sources,
    budget_two_first_lines_at_once_open_one_estimate,
);

pub(super) fn line(category: &str, qty: &str, price: &str) -> ParsedLine {
    LineInput {
        category: category.into(),
        description: format!("Dòng {category}"),
        unit: "buổi".into(),
        quantity: qty.into(),
        unit_price: price.into(),
        note: String::new(),
    }
    .parse()
    .unwrap()
}

pub(super) fn budget_err<T: std::fmt::Debug>(r: Result<T, StoreError>) -> BudgetError {
    match r {
        Err(StoreError::Budget(e)) => e,
        other => panic!("expected a budget refusal, got {other:?}"),
    }
}

pub(super) fn is_conflict<T: std::fmt::Debug>(r: Result<T, StoreError>) -> Conflict {
    match r {
        Err(StoreError::Conflict { conflict, .. }) => conflict,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

pub(super) struct People {
    pub(super) finance: Actor,
    pub(super) board: Actor,
}

pub(super) async fn people(store: &Store, f: &Fx) -> People {
    let finance = store
        .create_user(new_user("ketoan", &[Role::Finance], &[]))
        .await
        .unwrap();
    People {
        finance: actor(finance, &[Role::Finance], &[]),
        board: f.board.clone(),
    }
}

/// Two lines (4 × 5.000.000 interpretation, 1 × 12.000.000 equipment) on item 1: the
/// estimate's version after them.
pub(super) async fn drafted(store: &Store, f: &Fx) -> i64 {
    let v = store
        .add_estimate_line(
            f.item1,
            0,
            &line("interpretation", "4", "5.000.000"),
            &f.lead,
        )
        .await
        .unwrap();
    store
        .add_estimate_line(
            f.item1,
            v,
            &line("equipment_rental", "1", "12.000.000"),
            &f.lead,
        )
        .await
        .unwrap()
}

async fn budget_estimate_goes_through_finance_and_the_board(store: &Store) {
    let f = fx(store).await;
    let p = people(store, &f).await;
    assert_eq!(
        store.item_budget(f.item1).await.unwrap(),
        Default::default()
    );
    let v = drafted(store, &f).await;
    let b = store.item_budget(f.item1).await.unwrap();
    let e = b.estimate.unwrap();
    assert_eq!((e.revision, e.status, e.version), (1, S::Draft, v));
    assert_eq!(e.total, 32_000_000);
    assert_eq!(e.lines[1].category, "equipment_rental");
    assert_eq!(e.lines[1].category_vi, "Thuê thiết bị");
    assert_eq!(b.planned, None);

    let v = store
        .estimate_step(f.item1, v, A::Submit, "", &f.lead)
        .await
        .unwrap();
    let queue = store.estimate_queue(S::Submitted).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!((queue[0].item_id, queue[0].total), (f.item1, 32_000_000));
    // Finance returns it once, with a comment; the unit changes a line and submits again.
    let v = store
        .estimate_step(f.item1, v, A::Return, " Thiếu báo giá ", &p.finance)
        .await
        .unwrap();
    assert!(store.estimate_queue(S::Submitted).await.unwrap().is_empty());
    let first = store
        .item_budget(f.item1)
        .await
        .unwrap()
        .estimate
        .unwrap()
        .lines[0]
        .id;
    let v = store
        .remove_estimate_line(f.item1, v, first, &f.lead)
        .await
        .unwrap();
    let v = store
        .add_estimate_line(
            f.item1,
            v,
            &line("interpretation", "4", "4.500.000"),
            &f.lead,
        )
        .await
        .unwrap();
    let v = store
        .estimate_step(f.item1, v, A::Submit, "", &f.lead)
        .await
        .unwrap();
    let v = store
        .estimate_step(f.item1, v, A::Verify, "", &p.finance)
        .await
        .unwrap();
    assert_eq!(store.estimate_queue(S::Verified).await.unwrap().len(), 1);
    let v = store
        .estimate_step(f.item1, v, A::Approve, "Đồng ý", &p.board)
        .await
        .unwrap();
    assert!(store.estimate_queue(S::Verified).await.unwrap().is_empty());

    let b = store.item_budget(f.item1).await.unwrap();
    assert_eq!(b.planned, Some(30_000_000));
    let steps: Vec<_> = b.steps.iter().map(|s| (s.action, s.from, s.to)).collect();
    assert_eq!(
        steps,
        [
            (A::Submit, S::Draft, S::Submitted),
            (A::Return, S::Submitted, S::Draft),
            (A::Submit, S::Draft, S::Submitted),
            (A::Verify, S::Submitted, S::Verified),
            (A::Approve, S::Verified, S::Approved),
        ]
    );
    assert_eq!(b.steps[1].comment, "Thiếu báo giá");
    assert_eq!(b.steps[1].created_by, Some(p.finance.user_id));
    assert_eq!(
        b.steps[1].created_by_name.as_deref(),
        Some("Người dùng ketoan")
    );
    let planned = store.plan_planned(f.plan).await.unwrap();
    assert_eq!(planned.len(), 1);
    assert_eq!(
        (planned[0].item_id, planned[0].planned),
        (f.item1, 30_000_000)
    );

    // Approved is locked; a revision opens a draft with the same lines, and the planned
    // figure stays the approved one until the revision is approved.
    let locked = store
        .add_estimate_line(f.item1, v, &line("venue", "1", "1.000"), &f.lead)
        .await;
    assert_eq!(
        budget_err(locked),
        BudgetError::Locked {
            status: S::Approved
        }
    );
    let v = store
        .estimate_step(f.item1, v, A::Revise, "", &f.lead)
        .await
        .unwrap();
    let b = store.item_budget(f.item1).await.unwrap();
    let e = b.estimate.unwrap();
    assert_eq!(
        (e.revision, e.status, e.total, e.version),
        (2, S::Draft, 30_000_000, v)
    );
    assert_eq!(b.planned, Some(30_000_000));
    // The diff compares with revision 1's lines, at the same positions.
    let positions = |l: &[store::EstimateLine]| l.iter().map(|l| l.position).collect::<Vec<_>>();
    assert_eq!(positions(&b.previous_lines), positions(&e.lines));
    store
        .add_estimate_line(f.item1, v, &line("venue", "1", "1.000"), &f.lead)
        .await
        .unwrap();

    let audit = store.audit_for_item(f.item1, None, 100).await.unwrap();
    let actions: Vec<&str> = audit
        .entries
        .iter()
        .map(|a| a.action.as_str())
        .filter(|a| a.starts_with("estimate."))
        .collect();
    for a in [
        "estimate.line_add",
        "estimate.line_remove",
        "estimate.submit",
        "estimate.return",
        "estimate.verify",
        "estimate.approve",
        "estimate.revise",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
}

async fn budget_refuses_stale_versions_and_own_submissions(store: &Store) {
    let f = fx(store).await;
    let p = people(store, &f).await;
    let v = drafted(store, &f).await;
    // A form drawn before the last line was added.
    let c = is_conflict(
        store
            .estimate_step(f.item1, v - 1, A::Submit, "", &f.lead)
            .await,
    );
    assert_eq!((c.current, c.attempted), (v, v - 1));
    let c = is_conflict(
        store
            .add_estimate_line(f.item1, 0, &line("other", "1", "1"), &f.lead)
            .await,
    );
    assert_eq!(c.current, v);
    // Someone holding Staff (in the lead unit), Finance and Board submits: they can
    // neither verify nor approve it themselves.
    let all = store
        .create_user(new_user(
            "dual",
            &[Role::Staff, Role::Finance, Role::Board],
            &[f.qlds],
        ))
        .await
        .unwrap();
    let dual = actor(all, &[Role::Staff, Role::Finance, Role::Board], &[f.qlds]);
    let v = store
        .estimate_step(f.item1, v, A::Submit, "", &dual)
        .await
        .unwrap();
    assert_eq!(
        budget_err(store.estimate_step(f.item1, v, A::Verify, "", &dual).await),
        BudgetError::OwnSubmission { action: A::Verify }
    );
    let v = store
        .estimate_step(f.item1, v, A::Verify, "", &p.finance)
        .await
        .unwrap();
    assert_eq!(
        budget_err(store.estimate_step(f.item1, v, A::Approve, "", &dual).await),
        BudgetError::OwnSubmission { action: A::Approve }
    );
    // Nothing changed: still verified, at the same version.
    let e = store.item_budget(f.item1).await.unwrap().estimate.unwrap();
    assert_eq!((e.status, e.version), (S::Verified, v));
    store
        .estimate_step(f.item1, v, A::Approve, "", &p.board)
        .await
        .unwrap();
}

async fn budget_refuses_other_roles_and_locked_lines(store: &Store) {
    let f = fx(store).await;
    let p = people(store, &f).await;
    let forbidden = |a| BudgetError::Forbidden { action: a };
    let coord = actor(UserId(f.lead.user_id.0), &[Role::Staff], &[f.bao_tang]);
    let partner = actor(f.lead.user_id, &[Role::Partner], &[f.qlds]);
    for who in [&coord, &partner, &p.finance, &p.board, &f.admin] {
        let r = store
            .add_estimate_line(f.item1, 0, &line("other", "1", "1.000"), who)
            .await;
        assert_eq!(budget_err(r), forbidden(A::Submit), "{who:?}");
    }
    assert!(store.item_budget(f.item1).await.unwrap().estimate.is_none());
    let v = drafted(store, &f).await;
    // Finance cannot verify a draft; the Board cannot approve a submitted estimate.
    assert_eq!(
        budget_err(
            store
                .estimate_step(f.item1, v, A::Verify, "", &p.finance)
                .await
        ),
        BudgetError::Transition {
            from: S::Draft,
            action: A::Verify
        }
    );
    let v = store
        .estimate_step(f.item1, v, A::Submit, "", &f.lead)
        .await
        .unwrap();
    assert_eq!(
        budget_err(
            store
                .estimate_step(f.item1, v, A::Approve, "", &p.board)
                .await
        ),
        BudgetError::Transition {
            from: S::Submitted,
            action: A::Approve
        }
    );
    assert_eq!(
        budget_err(
            store
                .estimate_step(f.item1, v, A::Approve, "", &p.finance)
                .await
        ),
        forbidden(A::Approve)
    );
    assert_eq!(
        budget_err(
            store
                .estimate_step(f.item1, v, A::Verify, "", &p.board)
                .await
        ),
        forbidden(A::Verify)
    );
    assert_eq!(
        budget_err(
            store
                .estimate_step(f.item1, v, A::Return, "", &p.finance)
                .await
        ),
        BudgetError::CommentRequired
    );
    // A submitted estimate's lines are locked.
    let r = store
        .add_estimate_line(f.item1, v, &line("other", "1", "1.000"), &f.lead)
        .await;
    assert_eq!(
        budget_err(r),
        BudgetError::Locked {
            status: S::Submitted
        }
    );
    // An estimate of an item that has none: nothing to step on.
    assert!(matches!(
        store
            .estimate_step(f.item2, 1, A::Submit, "", &f.lead)
            .await,
        Err(StoreError::NotFound(_)) | Err(StoreError::Budget(_))
    ));
}

async fn budget_funding_sources(store: &Store) {
    let f = fx(store).await;
    let p = people(store, &f).await;
    let new = NewFundingSource {
        name: " Ngân sách thành phố ".into(),
        legal_basis: "Quyết định 123/QĐ-UBND".into(),
        year: 2025,
        amount: domain::budget::Amount::new(1_200_000_000).unwrap(),
    };
    assert_eq!(
        budget_err(store.add_funding_source(f.plan, &new, &f.lead).await),
        BudgetError::FundingForbidden
    );
    store
        .add_funding_source(f.plan, &new, &p.finance)
        .await
        .unwrap();
    let all = store.funding_sources(f.plan).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].name.as_str(), all[0].amount),
        ("Ngân sách thành phố", Some(1_200_000_000))
    );
}

/// Two first lines sent at once (two tabs): one opens revision 1, the other hears that the
/// estimate changed, on PostgreSQL (READ COMMITTED, the UNIQUE revision settles it) as on
/// SQLite (BEGIN IMMEDIATE).
async fn budget_two_first_lines_at_once_open_one_estimate(store: &Store) {
    let f = fx(store).await;
    let (a, b) = (
        line("interpretation", "1", "1.000"),
        line("venue", "1", "2.000"),
    );
    let (ra, rb) = tokio::join!(
        store.add_estimate_line(f.item1, 0, &a, &f.lead),
        store.add_estimate_line(f.item1, 0, &b, &f.lead),
    );
    let oks = [&ra, &rb].iter().filter(|r| r.is_ok()).count();
    assert_eq!(oks, 1, "{ra:?} {rb:?}");
    let refused = if ra.is_ok() { rb } else { ra };
    is_conflict(refused);
    let e = store.item_budget(f.item1).await.unwrap().estimate.unwrap();
    assert_eq!((e.revision, e.lines.len()), (1, 1));
}

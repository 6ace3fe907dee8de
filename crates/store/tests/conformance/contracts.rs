//! Contracts and payments (issue 17) on both backends: the Office's contract against lines
//! of the approved estimate, payments by Finance or the lead unit, each beyond its bound
//! only with a reason; the figures per item and per plan agree; two payments at once are
//! checked one after the other.

use super::budget::{People, budget_err, drafted, people};
use super::oversight::{Fx, actor, fx};
use super::*;
use domain::budget::{Amount, BudgetError, EstimateAction as A, PaymentKind, VendorKind};
use store::{MoneyFigures, NewContract, NewPayment};

conformance!(
    budget_contracts_and_payments_within_their_bounds,
    budget_two_payments_at_once_are_checked_one_after_the_other,
    budget_contract_files_are_kept_and_named,
);

/// Item 1's estimate approved (32.000.000: 20.000.000 interpretation, 12.000.000
/// equipment): its lines' ids.
async fn approved(store: &Store, f: &Fx, p: &People) -> Vec<i64> {
    let v = drafted(store, f).await;
    let v = store
        .estimate_step(f.item1, v, A::Submit, "", &f.lead)
        .await
        .unwrap();
    let v = store
        .estimate_step(f.item1, v, A::Verify, "", &p.finance)
        .await
        .unwrap();
    store
        .estimate_step(f.item1, v, A::Approve, "", &p.board)
        .await
        .unwrap();
    let e = store.item_budget(f.item1).await.unwrap().estimate.unwrap();
    e.lines.iter().map(|l| l.id).collect()
}

fn contract(value: i64, lines: &[i64], reason: &str) -> NewContract {
    NewContract {
        vendor: "Lê Thu Hà".into(),
        vendor_kind: VendorKind::Person,
        subject: "Phiên dịch các phiên họp trực tuyến".into(),
        value: Amount::new(value).unwrap(),
        signed_on: chrono::NaiveDate::from_ymd_opt(2025, 5, 2),
        term_end: chrono::NaiveDate::from_ymd_opt(2025, 12, 31),
        line_ids: lines.to_vec(),
        override_reason: reason.into(),
    }
}

fn payment(kind: PaymentKind, amount: i64, reason: &str) -> NewPayment {
    NewPayment {
        kind,
        amount: Amount::new(amount).unwrap(),
        paid_on: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        note: "Chứng từ số 12".into(),
        over_reason: reason.into(),
    }
}

async fn budget_contracts_and_payments_within_their_bounds(store: &Store) {
    let f = fx(store).await;
    let p = people(store, &f).await;
    let office_id = store
        .create_user(new_user("vanphong", &[Role::Office], &[]))
        .await
        .unwrap();
    let office = actor(office_id, &[Role::Office], &[]);
    // Nothing approved yet: no contract.
    assert_eq!(
        budget_err(
            store
                .add_contract(f.item1, &contract(1, &[], ""), &office)
                .await
        ),
        BudgetError::NoApprovedLines
    );
    let lines = approved(store, &f, &p).await;
    let interpretation = &lines[..1];
    assert_eq!(
        budget_err(
            store
                .add_contract(
                    f.item1,
                    &contract(20_000_000, interpretation, ""),
                    &p.finance
                )
                .await
        ),
        BudgetError::ContractForbidden
    );
    // Above its line (20.000.000) only with a reason.
    assert_eq!(
        budget_err(
            store
                .add_contract(f.item1, &contract(21_000_000, interpretation, " "), &office)
                .await
        ),
        BudgetError::ContractAboveEstimate {
            value: 21_000_000,
            estimate: 20_000_000
        }
    );
    let c = store
        .add_contract(f.item1, &contract(20_000_000, interpretation, ""), &office)
        .await
        .unwrap();

    // Two payments and the settlement; beyond the contract only with a reason.
    let office_pays = store
        .add_payment(c, &payment(PaymentKind::Advance, 1, ""), &office)
        .await;
    assert_eq!(budget_err(office_pays), BudgetError::PaymentForbidden);
    store
        .add_payment(c, &payment(PaymentKind::Advance, 6_000_000, ""), &f.lead)
        .await
        .unwrap();
    store
        .add_payment(
            c,
            &payment(PaymentKind::Acceptance, 10_000_000, ""),
            &p.finance,
        )
        .await
        .unwrap();
    assert_eq!(
        budget_err(
            store
                .add_payment(
                    c,
                    &payment(PaymentKind::Settlement, 4_500_000, ""),
                    &p.finance
                )
                .await
        ),
        BudgetError::PaymentAboveContract {
            value: 20_000_000,
            paid: 16_000_000,
            amount: 4_500_000
        }
    );
    store
        .add_payment(
            c,
            &payment(PaymentKind::Settlement, 4_500_000, "Phát sinh thêm 1 buổi"),
            &p.finance,
        )
        .await
        .unwrap();

    let contracts = store.item_contracts(f.item1).await.unwrap();
    assert_eq!(contracts.len(), 1);
    assert_eq!(contracts[0].line_ids, interpretation);
    assert_eq!(contracts[0].paid(), 20_500_000);
    assert_eq!(
        contracts[0].payments[2].over_reason.as_deref(),
        Some("Phát sinh thêm 1 buổi")
    );
    // Today's figures (the estimate was approved today by the store's clock).
    let today = store.clock().today();
    let figures = store.item_money(f.item1, today).await.unwrap();
    assert_eq!(
        figures,
        MoneyFigures {
            planned: 32_000_000,
            contracted: 20_000_000,
            paid: 20_500_000,
            settled: 4_500_000
        }
    );
    // The plan's view says the same figures, with the item's lead unit.
    let plan = store.plan_money(f.plan, today).await.unwrap();
    assert_eq!(plan.len(), 1);
    assert_eq!((plan[0].item_id, plan[0].figures), (f.item1, figures));
    // Each fact counts from its own day: the contract from its signing (02/05/2025), the
    // payments from 30/06/2025, the estimate from its approval (today).
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    for (on, expected) in [
        (day(5, 1), MoneyFigures::default()),
        (
            day(6, 29),
            MoneyFigures {
                contracted: 20_000_000,
                ..Default::default()
            },
        ),
        (
            day(6, 30),
            MoneyFigures {
                planned: 0,
                ..figures
            },
        ),
    ] {
        assert_eq!(store.item_money(f.item1, on).await.unwrap(), expected);
        let plan = store.plan_money(f.plan, on).await.unwrap();
        assert_eq!(plan[0].figures, expected, "{on}");
    }
    assert_eq!(plan[0].lead_units, [f.qlds]);
    let audit = store.audit_for_item(f.item1, None, 100).await.unwrap();
    let n = |a: &str| audit.entries.iter().filter(|e| e.action == a).count();
    assert_eq!((n("contract.add"), n("payment.add")), (1, 3));
}

/// Two payments at once that together pass the contract: the second is checked against
/// the first (the contract's row is locked before its payments are summed).
async fn budget_two_payments_at_once_are_checked_one_after_the_other(store: &Store) {
    let f = fx(store).await;
    let p = people(store, &f).await;
    let office_id = store
        .create_user(new_user("vanphong", &[Role::Office], &[]))
        .await
        .unwrap();
    let office = actor(office_id, &[Role::Office], &[]);
    let lines = approved(store, &f, &p).await;
    let c = store
        .add_contract(f.item1, &contract(20_000_000, &lines[..1], ""), &office)
        .await
        .unwrap();
    let pay = payment(PaymentKind::Acceptance, 15_000_000, "");
    let (ra, rb) = tokio::join!(
        store.add_payment(c, &pay, &p.finance),
        store.add_payment(c, &pay, &f.lead),
    );
    assert_eq!(
        [&ra, &rb].iter().filter(|r| r.is_ok()).count(),
        1,
        "{ra:?} {rb:?}"
    );
    let refused = if ra.is_ok() { rb } else { ra };
    assert!(matches!(
        budget_err(refused),
        BudgetError::PaymentAboveContract { .. }
    ));
    assert_eq!(
        store.item_contracts(f.item1).await.unwrap()[0].paid(),
        15_000_000
    );
}

/// The signed contract attached once (the same bytes twice are one file), read back with
/// its item, and counted as named so that a refused upload's cleanup keeps it.
async fn budget_contract_files_are_kept_and_named(store: &Store) {
    let f = fx(store).await;
    let p = people(store, &f).await;
    let office_id = store
        .create_user(new_user("vanphong", &[Role::Office], &[]))
        .await
        .unwrap();
    let office = actor(office_id, &[Role::Office], &[]);
    let lines = approved(store, &f, &p).await;
    let c = store
        .add_contract(f.item1, &contract(20_000_000, &lines[..1], ""), &office)
        .await
        .unwrap();
    let sha = "c".repeat(64);
    let stored = store::evidence_store::StoredFile {
        sha256: sha.clone(),
        size: 1234,
        mime: "application/pdf".into(),
        relative_path: format!("evidence/cc/{}", &sha[2..]),
    };
    let file = store::NewDirectionFile {
        stored: stored.clone(),
        original_name: "Hợp đồng.pdf".into(),
    };
    assert_eq!(
        budget_err(store.attach_contract_file(c, &file, &p.board).await),
        BudgetError::PaymentForbidden
    );
    let id = store.attach_contract_file(c, &file, &office).await.unwrap();
    assert_eq!(
        store
            .attach_contract_file(c, &file, &p.finance)
            .await
            .unwrap(),
        id
    );
    let (read, item) = store.contract_file(id).await.unwrap().unwrap();
    assert_eq!(
        (read.original_name.as_str(), item),
        ("Hợp đồng.pdf", f.item1)
    );
    assert_eq!(
        store.item_contracts(f.item1).await.unwrap()[0].files.len(),
        1
    );
    assert!(
        store
            .unreferenced_files(&[stored])
            .await
            .unwrap()
            .is_empty()
    );
}

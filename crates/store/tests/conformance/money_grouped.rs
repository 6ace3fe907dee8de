//! The plan-wide money facts, read by one grouped query per kind (issue 17 at 100,000
//! lines), say for every item and every day what the item's own reading says: several
//! items, two revisions approved on different days, an estimate still waiting, a contract
//! without a signing date, payments of each kind; and the Finance queue paged with its
//! whole count.

use super::budget::{People, line, people};
use super::oversight::{Fx, actor, fx};
use super::*;
use domain::ItemId;
use domain::budget::{Amount, EstimateAction as A, EstimateStatus as S, PaymentKind, VendorKind};
use store::{MoneyFigures, NewContract, NewPayment};

conformance!(
    budget_plan_money_agrees_with_item_money_every_day,
    budget_queue_pages_keep_the_whole_count,
);

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The store with its clock at 10:00 in Hanoi on that day.
fn on(store: &Store, y: i32, m: u32, d: u32) -> Store {
    let at = day(y, m, d).and_hms_opt(3, 0, 0).unwrap().and_utc();
    store.with_clock(domain::ManualClock::shared(at))
}

/// Lines on `item`'s draft (from `version`), then submitted, verified and approved: the
/// estimate's version after.
async fn approve(
    store: &Store,
    f: &Fx,
    p: &People,
    item: ItemId,
    version: i64,
    lines: &[(&str, &str, &str)],
) -> i64 {
    let mut v = version;
    for (category, qty, price) in lines {
        v = store
            .add_estimate_line(item, v, &line(category, qty, price), &f.lead)
            .await
            .unwrap();
    }
    let v = store.estimate_step(item, v, A::Submit, "", &f.lead).await;
    let v = store
        .estimate_step(item, v.unwrap(), A::Verify, "", &p.finance)
        .await;
    store
        .estimate_step(item, v.unwrap(), A::Approve, "", &p.board)
        .await
        .unwrap()
}

/// The approved estimate's line ids.
async fn line_ids(store: &Store, item: ItemId) -> Vec<i64> {
    let e = store.item_budget(item).await.unwrap().estimate.unwrap();
    e.lines.iter().map(|l| l.id).collect()
}

fn contract(value: i64, lines: Vec<i64>, signed_on: Option<chrono::NaiveDate>) -> NewContract {
    NewContract {
        vendor: "Lê Thu Hà".into(),
        vendor_kind: VendorKind::Person,
        subject: "Phiên dịch".into(),
        value: Amount::new(value).unwrap(),
        signed_on,
        term_end: None,
        line_ids: lines,
        override_reason: String::new(),
    }
}

fn payment(kind: PaymentKind, amount: i64, paid_on: chrono::NaiveDate) -> NewPayment {
    NewPayment {
        kind,
        amount: Amount::new(amount).unwrap(),
        paid_on,
        note: String::new(),
        over_reason: String::new(),
    }
}

async fn budget_plan_money_agrees_with_item_money_every_day(store: &Store) {
    let f = fx(store).await;
    let p = people(store, &f).await;
    let office_id = store
        .create_user(new_user("vanphong", &[Role::Office], &[]))
        .await
        .unwrap();
    let office = actor(office_id, &[Role::Office], &[]);
    let view = store.plan(f.plan).await.unwrap().unwrap();
    let item3 = view
        .items
        .iter()
        .flat_map(|r| r.walk())
        .find(|i| i.item.numbering.as_deref() == Some("3"))
        .unwrap()
        .item
        .id;

    // Item 1: revision 1 approved 01/04/2025 (32.000.000), a contract signed 02/05/2025,
    // three payments; revision 2 approved 01/08/2025 (40.000.000).
    let april = on(store, 2025, 4, 1);
    let v = approve(
        &april,
        &f,
        &p,
        f.item1,
        0,
        &[
            ("interpretation", "4", "5.000.000"),
            ("equipment_rental", "1", "12.000.000"),
        ],
    )
    .await;
    let lines = line_ids(store, f.item1).await;
    let c1 = store
        .add_contract(
            f.item1,
            &contract(20_000_000, lines[..1].to_vec(), Some(day(2025, 5, 2))),
            &office,
        )
        .await
        .unwrap();
    for (kind, amount, paid_on) in [
        (PaymentKind::Advance, 6_000_000, day(2025, 5, 10)),
        (PaymentKind::Settlement, 4_000_000, day(2025, 6, 30)),
        (PaymentKind::Acceptance, 10_000_000, day(2025, 7, 1)),
    ] {
        let paid = payment(kind, amount, paid_on);
        store.add_payment(c1, &paid, &p.finance).await.unwrap();
    }
    let august = on(store, 2025, 8, 1);
    let v = august
        .estimate_step(f.item1, v, A::Revise, "", &f.lead)
        .await
        .unwrap();
    approve(&august, &f, &p, f.item1, v, &[("venue", "1", "8.000.000")]).await;

    // Item 1.1: submitted, never approved: a row of zeros.
    let v = store
        .add_estimate_line(f.item11, 0, &line("printing", "1", "5.000.000"), &f.lead)
        .await
        .unwrap();
    store
        .estimate_step(f.item11, v, A::Submit, "", &f.lead)
        .await
        .unwrap();

    // Item 3 (two lead units): approved 01/08/2025, a contract without a signing date
    // recorded 15/09/2025, settled 20/09/2025.
    approve(&august, &f, &p, item3, 0, &[("venue", "1", "7.000.000")]).await;
    let september = on(store, 2025, 9, 15);
    let lines = line_ids(store, item3).await;
    let c3 = september
        .add_contract(item3, &contract(7_000_000, lines, None), &office)
        .await
        .unwrap();
    // Read (and kept in memory) before the settlement: the payment's audit entry must make
    // the next reading new (the final check below).
    let before = store
        .plan_money(f.plan, store.clock().today())
        .await
        .unwrap();
    assert_eq!(before[2].figures.paid, 0);
    let settled = payment(PaymentKind::Settlement, 7_000_000, day(2025, 9, 20));
    store.add_payment(c3, &settled, &p.finance).await.unwrap();

    let items = [f.item1, f.item11, item3];
    let days = [
        day(2025, 3, 31),
        day(2025, 4, 1),
        day(2025, 5, 2),
        day(2025, 6, 30),
        day(2025, 7, 31),
        day(2025, 8, 1),
        day(2025, 9, 14),
        day(2025, 9, 15),
        day(2025, 9, 20),
        store.clock().today(),
    ];
    for d in days {
        let plan = store.plan_money(f.plan, d).await.unwrap();
        let ids: Vec<ItemId> = plan.iter().map(|i| i.item_id).collect();
        assert_eq!(ids, items, "{d}: the items with an estimate, in id order");
        for row in &plan {
            let alone = store.item_money(row.item_id, d).await.unwrap();
            assert_eq!(row.figures, alone, "{d}: item {}", row.item_id.0);
        }
    }
    // And the figures themselves, so that both readings cannot be wrong together.
    let figures = |planned, contracted, paid, settled| MoneyFigures {
        planned,
        contracted,
        paid,
        settled,
    };
    let plan = store.plan_money(f.plan, day(2025, 7, 31)).await.unwrap();
    assert_eq!(
        plan.iter().map(|i| i.figures).collect::<Vec<_>>(),
        [
            figures(32_000_000, 20_000_000, 20_000_000, 4_000_000),
            MoneyFigures::default(),
            MoneyFigures::default(),
        ]
    );
    let plan = store.plan_money(f.plan, day(2025, 9, 15)).await.unwrap();
    assert_eq!(
        plan.iter().map(|i| i.figures).collect::<Vec<_>>(),
        [
            figures(40_000_000, 20_000_000, 20_000_000, 4_000_000),
            MoneyFigures::default(),
            figures(7_000_000, 7_000_000, 0, 0),
        ]
    );
    let today = store.plan_money(f.plan, store.clock().today()).await;
    assert_eq!(
        today.unwrap()[2].figures,
        figures(7_000_000, 7_000_000, 7_000_000, 7_000_000)
    );
    assert_eq!(plan[2].lead_units.len(), 2, "item 3 has two lead units");
}

/// The estimates waiting for Finance, 3 a page: the pages hold them all once, in the
/// queue's order, each with the whole count; a page past the last is the last.
async fn budget_queue_pages_keep_the_whole_count(store: &Store) {
    let synthetic = store
        .generate_synthetic(store::SyntheticSpec {
            plans: 1,
            items: 70,
            reports: 0,
            events: 0,
            seed: 7,
        })
        .await
        .unwrap();
    assert_eq!(synthetic.items, 70);
    store.generate_synthetic_budget(700, 7).await.unwrap();
    let whole = store.estimate_queue(S::Submitted).await.unwrap();
    assert!(
        whole.len() > 3,
        "the seed puts several estimates in the queue"
    );
    let mut paged = Vec::new();
    let pages = (whole.len() as i64 + 2) / 3;
    for n in 1..=pages {
        let page = store.estimate_queue_page(S::Submitted, n, 3).await.unwrap();
        assert_eq!((page.total, page.page), (whole.len() as i64, n));
        assert!(page.rows.len() <= 3);
        paged.extend(page.rows);
    }
    assert_eq!(paged, whole);
    let past = store.estimate_queue_page(S::Submitted, pages + 5, 3).await;
    assert_eq!(past.unwrap().page, pages);
    // Page 0 is the first; the Board's queue is its own.
    let first = store.estimate_queue_page(S::Verified, 0, 3).await.unwrap();
    assert_eq!(first.page, 1);
    assert!(first.rows.iter().all(|q| q.status == S::Verified));
    let board = store.estimate_queue(S::Verified).await.unwrap();
    assert_eq!(first.total, board.len() as i64);
}

//! One truth (issue 11): random plans, reports and dates, and the same question asked of
//! every reader gets the same answer. For each unit: the dashboard's rows, the item list
//! filtered by that unit (what the CSV/XLSX exports walk), the unit page and the plan
//! states name the same items, in each status too; overdue, percent and latest report
//! agree row by row; the dashboard's overdue count is the list's overdue filter. Then a unit is merged into
//! another and everything is asked again.

use super::*;
use domain::tracking::ItemState;
use domain::{ItemId, ItemStatus, PlanId, UnitId};
use std::collections::{BTreeSet, HashMap};
use store::ItemFilter;

conformance!(consistency_every_reader_agrees_on_random_plans);

/// A small deterministic generator (xorshift64*): the same seed builds the same plan on
/// both databases, and a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const UNIT_NAMES: [&str; 5] = [
    "Phòng Quản lý Di sản văn hóa",
    "Bảo tàng Hà Nội",
    "Văn phòng Sở",
    "Phòng Kế hoạch Tài chính",
    "Trung tâm Văn hóa Hà Nội",
];

/// A random tree: most items name no unit and take their nearest ancestor's.
fn random_items(rng: &mut Rng, depth: usize, line: &mut usize) -> Vec<Item> {
    let n = 1 + rng.below(if depth == 0 { 5 } else { 4 }) as usize;
    (0..n)
        .map(|k| {
            *line += 1;
            let mut it = item(&format!("{depth}.{k}"), &format!("Việc {line}"), *line);
            if depth == 0 || rng.chance(30) {
                it.lead_units = vec![UNIT_NAMES[rng.below(5) as usize].to_string()];
                if rng.chance(50) {
                    it.coordinating_units = vec![UNIT_NAMES[rng.below(5) as usize].to_string()];
                }
            }
            if rng.chance(70) {
                let due = date(2025, 1, 1) + chrono::Days::new(rng.below(700));
                it.deadlines.push(Deadline {
                    text: format!("Hạn {}", due.format("%d/%m/%Y")),
                    due: Some(due),
                    start: None,
                    recurrence: None,
                });
            }
            if depth < 3 && rng.chance(45) {
                it.children = random_items(rng, depth + 1, line);
            }
            it
        })
        .collect()
}

/// Runs one statement, built by `$query`, on whichever backend the store has.
macro_rules! on_backend {
    ($store:expr, $query:expr) => {
        match $store.db() {
            Db::Sqlite(p) => $query.execute(&p.write).await.map(drop),
            Db::Postgres(p) => $query.execute(&p.write).await.map(drop),
        }
        .unwrap()
    };
}

/// Random statuses, and reports from random units on random periods (written as rows:
/// the readers are under test here, not the report rules).
async fn random_work(store: &Store, rng: &mut Rng, items: &[ItemId], units: &[UnitId]) {
    for id in items {
        let s = ItemStatus::ALL[rng.below(ItemStatus::ALL.len() as u64) as usize];
        on_backend!(
            store,
            sqlx::query("UPDATE items SET status = $1 WHERE id = $2")
                .bind(s.as_str())
                .bind(id.0)
        );
        for q in 1..=4u32 {
            if !rng.chance(35) {
                continue;
            }
            let unit = units[rng.below(units.len() as u64) as usize];
            let period = domain::Period::Quarter(2025, q as u8);
            let percent = rng.below(101) as i64;
            let sql = "INSERT INTO progress_reports (item_id, unit_id, period, period_start,
                           period_end, version, text, percent, created_at)
                       VALUES ($1, $2, $3, $4, $5, 1, 'báo cáo', $6, 0)
                       ON CONFLICT DO NOTHING";
            let (start, end) = (period.start().to_string(), period.end().to_string());
            on_backend!(
                store,
                sqlx::query(sql)
                    .bind(id.0)
                    .bind(unit.0)
                    .bind(period.to_string())
                    .bind(&start)
                    .bind(&end)
                    .bind(percent)
            );
        }
    }
}

/// Asks every reader about `plan` as of `today` and checks they agree.
async fn check_agreement(store: &Store, plan: PlanId, today: chrono::NaiveDate, seed: u64) {
    let states = store.plan_states(plan, today).await.unwrap();
    let by_id: HashMap<ItemId, &ItemState> = states.iter().map(|s| (s.id, s)).collect();
    let all = store.dashboard(plan, None, 0, today).await.unwrap();
    for row in &all.items {
        let s = by_id[&row.id];
        assert_eq!(
            (row.overdue, row.percent),
            (s.overdue, s.percent),
            "seed {seed}"
        );
    }
    let list_all = list(store, plan, None, None).await;
    assert_eq!(list_all.len(), all.items.len(), "seed {seed}");
    for r in &list_all {
        let s = by_id[&r.id];
        assert_eq!(
            (r.overdue, r.percent, r.latest_report, r.units_inherited),
            (s.overdue, s.percent, s.latest_report, s.units.inherited),
            "seed {seed}, item {}",
            r.id
        );
    }
    // The dashboard's overdue count is the list's overdue filter.
    let overdue: BTreeSet<ItemId> = all
        .items
        .iter()
        .filter(|r| r.overdue)
        .map(|r| r.id)
        .collect();
    let figures = domain::oversight::dashboard_figures(
        today,
        &all.items
            .iter()
            .map(|r| domain::oversight::DashboardItem {
                item: r.id,
                status: r.status,
                due: r.due,
                targets: vec![],
            })
            .collect::<Vec<_>>(),
    );
    assert_eq!(figures.overdue.len(), overdue.len(), "seed {seed}");
    assert_eq!(
        ids(&list(store, plan, None, Some(today)).await),
        overdue,
        "seed {seed}"
    );
    for unit in store.list_units().await.unwrap() {
        let from_states: BTreeSet<ItemId> = states
            .iter()
            .filter(|s| s.units.names(unit.id))
            .map(|s| s.id)
            .collect();
        let dash = store
            .dashboard(plan, Some(unit.id), 0, today)
            .await
            .unwrap();
        let dash: BTreeSet<ItemId> = dash.items.iter().map(|r| r.id).collect();
        assert_eq!(dash, from_states, "seed {seed}, unit {}", unit.name);
        let listed = ids(&list(store, plan, Some(unit.id), None).await);
        assert_eq!(listed, from_states, "seed {seed}, unit {}", unit.name);
        let page = store.unit(unit.id).await.unwrap().unwrap();
        let on_page: BTreeSet<ItemId> = page
            .leads
            .iter()
            .chain(&page.coordinates)
            .filter(|i| i.plan_id == plan)
            .map(|i| i.item_id)
            .collect();
        assert_eq!(on_page, from_states, "seed {seed}, unit {}", unit.name);
        let late = ids(&list(store, plan, Some(unit.id), Some(today)).await);
        let late_states: BTreeSet<ItemId> = from_states
            .iter()
            .filter(|i| by_id[*i].overdue)
            .copied()
            .collect();
        assert_eq!(late, late_states, "seed {seed}, unit {}", unit.name);
        // Each status: the unit's dashboard rows in it are the list filtered by it.
        let dash_rows = store
            .dashboard(plan, Some(unit.id), 0, today)
            .await
            .unwrap();
        for status in ItemStatus::ALL {
            let listed = store
                .list_items(&ItemFilter {
                    plan_id: Some(plan),
                    unit_id: Some(unit.id),
                    statuses: vec![*status],
                    per_page: 1000,
                    page: 1,
                    ..Default::default()
                })
                .await
                .unwrap();
            let on_dash: BTreeSet<ItemId> = dash_rows
                .items
                .iter()
                .filter(|r| r.status == *status)
                .map(|r| r.id)
                .collect();
            assert_eq!(ids(&listed.rows), on_dash, "seed {seed}, {status:?}");
        }
    }
}

async fn list(
    store: &Store,
    plan: PlanId,
    unit: Option<UnitId>,
    overdue_on: Option<chrono::NaiveDate>,
) -> Vec<store::ItemListRow> {
    store
        .list_items(&ItemFilter {
            plan_id: Some(plan),
            unit_id: unit,
            overdue_on,
            per_page: 1000,
            page: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .rows
}

async fn all_units_named(store: &Store, name: &str) -> Option<UnitId> {
    let all = store.list_units().await.unwrap();
    all.iter().find(|u| u.name == name).map(|u| u.id)
}

fn ids(rows: &[store::ItemListRow]) -> BTreeSet<ItemId> {
    rows.iter().map(|r| r.id).collect()
}

async fn consistency_every_reader_agrees_on_random_plans(store: &Store) {
    // The list judges "quá hạn" on the store clock's day; the others are asked the same.
    let today = domain::oversight::vietnam_today(test_now());
    for seed in [1u64, 7, 42, 2025] {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut parsed = sample_plan();
        let mut line = 0;
        parsed.items = random_items(&mut rng, 0, &mut line);
        parsed.appendices.clear();
        parsed.document.title = format!("Kế hoạch thử {seed}");
        let sha = format!("{seed:064x}");
        let plan = match store
            .import_plan(&parsed, "thu.txt", &sha, None)
            .await
            .unwrap()
        {
            ImportOutcome::Imported(p) => p,
            other => panic!("seed {seed}: {other:?}"),
        };
        let view = store.plan(plan).await.unwrap().unwrap();
        let items: Vec<ItemId> = view.all_items().iter().map(|n| n.item.id).collect();
        let silent = all_units_named(store, UNIT_NAMES[4]).await;
        let units: Vec<UnitId> = view
            .unit_ids()
            .into_iter()
            .filter(|u| Some(*u) != silent)
            .collect();
        random_work(store, &mut rng, &items, &units).await;
        // The rows above bypass the store; every real change is audited, which is what
        // tells the plan and state caches that they are stale. Say it the same way.
        store
            .append_audit(AuditEntry::new(
                None,
                "test.random_work",
                "plan",
                Some(plan.0),
            ))
            .await
            .unwrap();
        check_agreement(store, plan, today, seed).await;
        // As of the first half's end, the dashboard and the states agree too.
        let h1 = date(2025, 6, 30);
        let states = store.plan_states(plan, h1).await.unwrap();
        let dash = store.dashboard(plan, None, 0, h1).await.unwrap();
        for (s, r) in states.iter().zip(&dash.items) {
            assert_eq!((s.id, s.overdue, s.percent), (r.id, r.overdue, r.percent));
        }
    }
    // A unit merged into another: its items are the other's everywhere. A unit that has
    // filed reports cannot disappear (reports are append-only under their unit); the
    // last unit of UNIT_NAMES files none here, so it merges.
    let all = store.list_units().await.unwrap();
    let id = |n: &str| all.iter().find(|u| u.name == n).unwrap().id;
    match store
        .merge_unit(id(UNIT_NAMES[1]), id(UNIT_NAMES[0]), None)
        .await
    {
        Err(StoreError::Invalid(why)) => assert!(why.contains("progress report")),
        other => panic!("{other:?}"),
    }
    store
        .merge_unit(id(UNIT_NAMES[4]), id(UNIT_NAMES[0]), None)
        .await
        .unwrap();
    for p in store.list_plans().await.unwrap() {
        check_agreement(store, p.id, today, 0).await;
    }
}

//! Loads synthetic data into a fresh SQLite file and times the item list.
//!
//! `cargo run --release -p store --example scale -- [ITEMS] [REPORTS] [PATH]`
//! (defaults: 100000 items, 1000000 reports, a file in the temp directory; an existing
//! file is reused without generating).

use std::time::{Duration, Instant};
use store::{ItemFilter, Store, SyntheticSpec};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let items: usize = args.first().map_or(Ok(100_000), |s| s.parse())?;
    let reports: usize = args.get(1).map_or(Ok(1_000_000), |s| s.parse())?;
    let path = args.get(2).cloned().unwrap_or_else(|| {
        std::env::temp_dir()
            .join(format!("sangtao-scale-{}.db", std::process::id()))
            .display()
            .to_string()
    });
    let store = Store::connect(&format!("sqlite://{path}")).await?;
    store.migrate().await?;
    // An existing file is reused, so that query timings can be repeated.
    if store.list_plans().await?.is_empty() {
        let t = Instant::now();
        let made = store
            .generate_synthetic(SyntheticSpec {
                plans: (items / 500).max(1),
                items,
                reports,
                events: 0,
                seed: 2025,
            })
            .await?;
        println!(
            "generated {made:?} in {:.1} s into {path}",
            t.elapsed().as_secs_f64()
        );
    }

    let units = store.list_units().await?;
    let statuses = [domain::ItemStatus::InProgress, domain::ItemStatus::Late];
    let mut times = Vec::new();
    for i in 0..400usize {
        let unit = &units[i % units.len()];
        let filter = ItemFilter {
            unit_id: Some(unit.id),
            statuses: if i % 2 == 0 {
                statuses.to_vec()
            } else {
                vec![]
            },
            due_from: chrono::NaiveDate::from_ymd_opt(2024 + (i % 3) as i32, 1, 1),
            due_to: chrono::NaiveDate::from_ymd_opt(2024 + (i % 3) as i32, 9, 30),
            text: (i % 4 == 0).then(|| "hoi thao".to_string()),
            page: 1 + (i % 5) as i64,
            per_page: 25,
            ..Default::default()
        };
        let t = Instant::now();
        let page = store.list_items(&filter).await?;
        times.push(t.elapsed());
        std::hint::black_box(page);
    }
    times.sort();
    println!(
        "item list (unit + status + due range [+ text], 25 rows, page 1–5), {} runs: p50 {:?}, p99 {:?}, max {:?}",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().unwrap()
    );
    let plans = store.list_plans().await?;
    let t = Instant::now();
    for p in plans.iter().take(20) {
        std::hint::black_box(store.plan_target_progress(p.id).await?);
    }
    println!(
        "target progress of a {}-item plan: {:?} each",
        items / plans.len().max(1),
        t.elapsed() / plans.len().min(20) as u32
    );
    // Item states (domain::tracking::state): 4 queries and the computation per plan when
    // not cached, one watermark query when cached.
    let day = chrono::NaiveDate::from_ymd_opt(2025, 11, 16).expect("a date");
    let mut cold = Vec::new();
    for p in plans.iter().take(50) {
        let t = Instant::now();
        std::hint::black_box(store.plan_states(p.id, day).await?);
        cold.push(t.elapsed());
    }
    cold.sort();
    let t = Instant::now();
    for p in plans.iter().take(50) {
        std::hint::black_box(store.plan_states(p.id, day).await?);
    }
    println!(
        "states of a {}-item plan, computed: p50 {:?}, max {:?}; cached: {:?} each",
        items / plans.len().max(1),
        percentile(&cold, 0.5),
        cold.last().unwrap(),
        t.elapsed() / plans.len().min(50) as u32
    );
    let mut times = Vec::new();
    for i in 0..200usize {
        let t = Instant::now();
        let page = store
            .list_items(&ItemFilter {
                unit_id: Some(units[i % units.len()].id),
                overdue_on: Some(day),
                page: 1 + (i % 3) as i64,
                per_page: 50,
                ..Default::default()
            })
            .await?;
        times.push(t.elapsed());
        std::hint::black_box(page);
    }
    times.sort();
    println!(
        "item list, unit + overdue (50 rows with units, percent, latest report), {} runs: p50 {:?}, p99 {:?}",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );
    Ok(())
}

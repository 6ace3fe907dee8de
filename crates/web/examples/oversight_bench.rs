//! Speed of the oversight pages (issue 6), on SQLite with synthetic data:
//!
//! - `report`: the year report (DOCX + XLSX annex) of a plan with 500 items and 5,000
//!   progress reports, from the database to the bytes: loading (plan view, target
//!   progress, report texts, grades, draft, states, events, delegations, units, Nơi nhận:
//!   `app::report::load`), prefilling the narrative, assembling, writing.
//! - `dashboard [ITEMS] [REPORTS] [PATH]`: `GET /dashboard?plan=…` through the real server
//!   (session, CSRF middleware, templates, charts) with ITEMS items in the database
//!   (default 100,000 in plans of 500; an existing PATH is reused).
//!
//! Run with:
//!
//!     cargo run --release -p web --example oversight_bench -- report
//!     cargo run --release -p web --example oversight_bench -- dashboard 100000 300000 /tmp/big.db

use app::report::{assemble, prefill};
use std::time::{Duration, Instant};
use store::{Store, SyntheticSpec};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn open(path: &str) -> Result<Store, Box<dyn std::error::Error>> {
    let store = Store::connect(&format!("sqlite://{path}")).await?;
    store.migrate().await?;
    Ok(store)
}

async fn report() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("report.db").display().to_string();
    let store = open(&path).await?;
    let t = Instant::now();
    let made = store
        .generate_synthetic(SyntheticSpec {
            plans: 1,
            items: 500,
            reports: 5000,
            events: 0,
            seed: 6,
        })
        .await?;
    println!("generated {made:?} in {:.1} s", t.elapsed().as_secs_f64());
    let plan = store.list_plans().await?[0].id;
    let year = store
        .report_years(plan)
        .await?
        .map_or(2025, |(_, last)| last);
    let period = domain::Period::Year(year);
    let mut runs = Vec::new();
    for _ in 0..7 {
        let t0 = Instant::now();
        let loaded_report = app::report::load(&store, plan, period)
            .await?
            .expect("plan");
        let loaded = t0.elapsed();
        let inputs = loaded_report.inputs(period);
        let report = assemble(&inputs, &prefill(&inputs));
        let assembled = t0.elapsed();
        let docx = reports::official_report::to_docx(&report)?;
        let xlsx = reports::official_report::annex_xlsx(&report)?;
        let total = t0.elapsed();
        println!(
            "  items {} texts {} → docx {} KB, xlsx {} KB: load {:.0} ms, assemble {:.0} ms, \
             write {:.0} ms, total {:.0} ms",
            loaded_report.plan.all_items().len(),
            loaded_report.texts.len(),
            docx.len() / 1024,
            xlsx.len() / 1024,
            ms(loaded),
            ms(assembled - loaded),
            ms(total - assembled),
            ms(total)
        );
        runs.push(total);
    }
    runs.sort();
    println!(
        "year report, 500 items / 5,000 reports: median {:.0} ms, max {:.0} ms",
        ms(runs[runs.len() / 2]),
        ms(*runs.last().unwrap())
    );
    Ok(())
}

async fn dashboard(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let items: usize = args.first().map_or(Ok(100_000), |s| s.parse())?;
    let reports: usize = args.get(1).map_or(Ok(300_000), |s| s.parse())?;
    let tmp = tempfile::tempdir()?;
    let path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| tmp.path().join("dash.db").display().to_string());
    let store = open(&path).await?;
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
    let password = "Mật-khẩu-thử-2025";
    store
        .create_user(store::NewUser {
            login: format!("bench{}", std::process::id()),
            display_name: "Ban Giám đốc".into(),
            password_hash: domain::password::hash_password(password)?,
            must_change_password: false,
            language: domain::Language::Vi,
            roles: vec![domain::Role::Board],
            unit_ids: vec![],
        })
        .await?;
    let plans = store.list_plans().await?;
    // Where the time goes: the store calls the page makes, alone.
    for (name, f) in [
        ("list_plans", 0),
        ("list_units", 1),
        ("dashboard", 2),
        ("escalations", 3),
    ] {
        let mut t = Vec::new();
        for i in 0..50usize {
            let plan = plans[i % plans.len().min(40)].id;
            let t0 = Instant::now();
            match f {
                0 => drop(store.list_plans().await?),
                1 => drop(store.list_units().await?),
                2 => drop(
                    store
                        .dashboard(plan, None, 8, chrono::Utc::now().date_naive())
                        .await?,
                ),
                _ => drop(store.escalations(false, 1000).await?),
            }
            t.push(t0.elapsed());
        }
        t.sort();
        println!("  {name}: p50 {:.1} ms", ms(percentile(&t, 0.5)));
    }
    let data_dir = tmp.path().join("data");
    let state = web::AppState::new(
        store.clone(),
        web::WebConfig {
            data_dir,
            ..web::WebConfig::default()
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(web::serve(listener, state, std::future::pending()));
    let base = format!("http://{addr}");
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let page = client
        .get(format!("{base}/signin"))
        .send()
        .await?
        .text()
        .await?;
    let csrf = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .ok_or("no csrf")?
        .to_string();
    let r = client
        .post(format!("{base}/signin"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("login", &format!("bench{}", std::process::id())),
            ("password", password),
        ])
        .send()
        .await?;
    assert_eq!(r.url().path(), "/plans", "signed in");
    let mut times = Vec::new();
    let mut bytes = 0;
    for i in 0..400usize {
        let plan = plans[i % plans.len().min(40)].id.0;
        let t = Instant::now();
        let r = client
            .get(format!("{base}/dashboard?plan={plan}"))
            .send()
            .await?;
        assert!(r.status().is_success(), "{}", r.status());
        let body = r.bytes().await?;
        bytes = body.len();
        times.push(t.elapsed());
        // OVERSIGHT_BENCH_DUMP=FILE keeps one page, to look at it in a browser.
        if i == 0
            && let Ok(file) = std::env::var("OVERSIGHT_BENCH_DUMP")
        {
            std::fs::write(&file, &body)?;
            let status = client
                .get(format!("{base}/plans/{plan}/status"))
                .send()
                .await?
                .bytes()
                .await?;
            std::fs::write(format!("{file}.status.html"), &status)?;
        }
    }
    times.sort();
    println!(
        "GET /dashboard ({} plans, {} items in the database, page {} KB): p50 {:.1} ms, \
         p99 {:.1} ms, max {:.1} ms over {} requests",
        plans.len(),
        items,
        bytes / 1024,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap()),
        times.len()
    );
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("report") => report().await,
        Some("dashboard") => dashboard(&args[1..]).await,
        _ => {
            eprintln!("usage: oversight_bench report | dashboard [ITEMS] [REPORTS] [PATH]");
            std::process::exit(2);
        }
    }
}

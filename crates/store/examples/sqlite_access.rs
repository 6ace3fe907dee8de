//! Issue 15's driver question: what one query and one row cost through sqlx against
//! rusqlite on a blocking pool, on a database the store made (`sangtao dev seed`), with the
//! same SQL, the same pragmas and 4 concurrent clients on 2 runtime threads (as wrk -c4
//! against the server). SQLite runs the same statements either way; the difference is the
//! driver: sqlx hands every statement to its connection's worker thread and back, rusqlite
//! runs on the calling (blocking-pool) thread, so a page's reads can share one hop.
//!
//! `cargo run --release -p store --features bench-rusqlite --example sqlite_access -- DB [SECONDS] [PAGE_QUERIES]`
//!
//! Rows measured, each for SECONDS (default 5):
//! - `point`: one item by id (one row of 9 columns);
//! - `rows50`: 50 items of a plan in order (50 rows);
//! - `page`: PAGE_QUERIES point reads (default 20, about the item page's count), one after
//!   another from one client: through sqlx each is a hop to the worker; through rusqlite
//!   once a hop per query and once all in one hop.
//!
//! Reported: operations per second, CPU per operation (the process's user + system time
//! over the run, both cores) and p99 latency.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

const CLIENTS: usize = 4;
const POINT: &str = "SELECT id, plan_id, parent_id, numbering, title, body, status, version, \
                     updated_at FROM items WHERE id = ?1";
const ROWS50: &str = "SELECT id, plan_id, parent_id, numbering, title, body, status, version, \
                      updated_at FROM items WHERE plan_id = ?1 AND seq >= ?2 ORDER BY seq LIMIT 50";

/// One decoded row, the same for both drivers.
#[derive(sqlx::FromRow)]
#[allow(dead_code)] // read to make both drivers decode every column
struct Row {
    id: i64,
    plan_id: i64,
    parent_id: Option<i64>,
    numbering: Option<String>,
    title: String,
    body: String,
    status: String,
    version: i64,
    updated_at: i64,
}

fn from_rusqlite(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        plan_id: r.get(1)?,
        parent_id: r.get(2)?,
        numbering: r.get(3)?,
        title: r.get(4)?,
        body: r.get(5)?,
        status: r.get(6)?,
        version: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// A small deterministic generator: the same ids for both drivers.
struct XorShift(u64);
impl XorShift {
    fn below(&mut self, n: i64) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as i64
    }
}

/// The process's CPU time so far (user + system), from /proc/self/stat.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of the file; 12 and 13 after the name (state is the first).
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    Duration::from_millis(ticks * 10) // USER_HZ is 100 on Linux
}

/// The rusqlite side: four connections, checked out inside the blocking closure.
#[derive(Clone)]
struct Blocking(Arc<Mutex<Vec<rusqlite::Connection>>>);

impl Blocking {
    fn open(path: &str) -> rusqlite::Result<Self> {
        let mut conns = Vec::new();
        for _ in 0..CLIENTS {
            let c = rusqlite::Connection::open_with_flags(
                path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            c.busy_timeout(Duration::from_secs(5))?;
            c.execute_batch(
                "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; \
                 PRAGMA mmap_size = 268435456; PRAGMA temp_store = memory; \
                 PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
            )?;
            c.set_prepared_statement_cache_capacity(1024);
            conns.push(c);
        }
        Ok(Self(Arc::new(Mutex::new(conns))))
    }

    /// Runs `f` on a pooled connection on tokio's blocking pool: one hop.
    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> rusqlite::Result<T> {
        let pool = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let conn = pool.lock().expect("pool").pop().expect("one per client");
            let out = f(&conn);
            pool.lock().expect("pool").push(conn);
            out
        })
        .await
        .expect("blocking task")
    }
}

fn point_rusqlite(c: &rusqlite::Connection, id: i64) -> rusqlite::Result<Row> {
    c.prepare_cached(POINT)?.query_row([id], from_rusqlite)
}

fn rows_rusqlite(c: &rusqlite::Connection, plan: i64, seq: i64) -> rusqlite::Result<Vec<Row>> {
    let mut st = c.prepare_cached(ROWS50)?;
    let rows = st.query_map([plan, seq], from_rusqlite)?;
    rows.collect()
}

struct Figures {
    ops: usize,
    cpu: Duration,
    wall: Duration,
    p99: Duration,
}

/// Runs `op` from CLIENTS tasks for `secs`; each task has its own id generator.
async fn measure<F, Fut>(secs: u64, op: F) -> Figures
where
    F: Fn(XorShift) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = (XorShift, usize)> + Send,
{
    let stop = Instant::now() + Duration::from_secs(secs);
    let cpu0 = cpu_time();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let op = op.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = XorShift(0x9E37_79B9_7F4A_7C15 ^ (client as u64 + 1));
            let mut latencies = Vec::new();
            let mut ops = 0;
            while Instant::now() < stop {
                let t = Instant::now();
                let (next, n) = op(rng).await;
                rng = next;
                latencies.push(t.elapsed());
                ops += n;
            }
            (ops, latencies)
        }));
    }
    let mut ops = 0;
    let mut all = Vec::new();
    for t in tasks {
        let (n, l) = t.await.expect("client");
        ops += n;
        all.extend(l);
    }
    let wall = start.elapsed();
    all.sort();
    let p99 = all
        .get(((all.len() as f64 - 1.0) * 0.99) as usize)
        .copied()
        .unwrap_or_default();
    Figures {
        ops,
        cpu: cpu_time() - cpu0,
        wall,
        p99,
    }
}

fn print(name: &str, unit: &str, f: &Figures) {
    let rate = f.ops as f64 / f.wall.as_secs_f64();
    let cpu_us = f.cpu.as_secs_f64() * 1e6 / f.ops.max(1) as f64;
    println!(
        "| {name} | {rate:.0} {unit}/s | {cpu_us:.1} µs | {:.2} ms |",
        f.p99.as_secs_f64() * 1e3
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: sqlite_access DB [SECONDS] [PAGE_QUERIES]")?
        .clone();
    let secs: u64 = args.get(1).map_or(Ok(5), |s| s.parse())?;
    let page: usize = args.get(2).map_or(Ok(20), |s| s.parse())?;

    let opts = SqliteConnectOptions::new()
        .filename(&path)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("cache_size", "-32768")
        .pragma("mmap_size", "268435456")
        .pragma("temp_store", "memory")
        .journal_mode(SqliteJournalMode::Wal)
        .statement_cache_capacity(1024);
    let pool = SqlitePoolOptions::new()
        .max_connections(CLIENTS as u32)
        .min_connections(CLIENTS as u32)
        .connect_with(opts)
        .await?;
    let blocking = Blocking::open(&path)?;
    let (max_id, plan, max_seq): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT MAX(id) FROM items), plan_id, MAX(seq) FROM items \
         GROUP BY plan_id ORDER BY COUNT(*) DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await?;
    println!("{path}: items up to id {max_id}; rows50 from plan {plan} (seq up to {max_seq})");
    println!("| row | driver | rate | CPU per operation | p99 |");

    for round in 0..2 {
        // The first round warms the page cache and both statement caches.
        let secs = if round == 0 { 1 } else { secs };
        let show = |name: &str, unit: &str, f: &Figures| {
            if round == 1 {
                print(name, unit, f)
            }
        };
        let p = pool.clone();
        let f = measure(secs, move |mut rng: XorShift| {
            let p = p.clone();
            async move {
                let id = 1 + rng.below(max_id);
                let r: Option<Row> = sqlx::query_as(POINT)
                    .bind(id)
                    .fetch_optional(&p)
                    .await
                    .expect("read");
                std::hint::black_box(r);
                (rng, 1)
            }
        })
        .await;
        show("point | sqlx", "queries", &f);
        let b = blocking.clone();
        let f = measure(secs, move |mut rng: XorShift| {
            let b = b.clone();
            async move {
                let id = 1 + rng.below(max_id);
                let r = b
                    .with(move |c| point_rusqlite(c, id).map(Some).or_else(none_if_missing))
                    .await
                    .expect("read");
                std::hint::black_box(r);
                (rng, 1)
            }
        })
        .await;
        show("point | rusqlite, a hop each", "queries", &f);

        let p = pool.clone();
        let f = measure(secs, move |mut rng: XorShift| {
            let p = p.clone();
            async move {
                let seq = rng.below(max_seq.saturating_sub(50).max(1));
                let r: Vec<Row> = sqlx::query_as(ROWS50)
                    .bind(plan)
                    .bind(seq)
                    .fetch_all(&p)
                    .await
                    .expect("read");
                std::hint::black_box(r);
                (rng, 1)
            }
        })
        .await;
        show("rows50 | sqlx", "queries", &f);
        let b = blocking.clone();
        let f = measure(secs, move |mut rng: XorShift| {
            let b = b.clone();
            async move {
                let seq = rng.below(max_seq.saturating_sub(50).max(1));
                let r = b
                    .with(move |c| rows_rusqlite(c, plan, seq))
                    .await
                    .expect("read");
                std::hint::black_box(r);
                (rng, 1)
            }
        })
        .await;
        show("rows50 | rusqlite, a hop each", "queries", &f);

        let p = pool.clone();
        let f = measure(secs, move |mut rng: XorShift| {
            let p = p.clone();
            async move {
                for _ in 0..page {
                    let id = 1 + rng.below(max_id);
                    let r: Option<Row> = sqlx::query_as(POINT)
                        .bind(id)
                        .fetch_optional(&p)
                        .await
                        .expect("read");
                    std::hint::black_box(r);
                }
                (rng, 1)
            }
        })
        .await;
        show(&format!("page of {page} | sqlx"), "pages", &f);
        let b = blocking.clone();
        let f = measure(secs, move |mut rng: XorShift| {
            let b = b.clone();
            async move {
                for _ in 0..page {
                    let id = 1 + rng.below(max_id);
                    let r = b
                        .with(move |c| point_rusqlite(c, id).map(Some).or_else(none_if_missing))
                        .await
                        .expect("read");
                    std::hint::black_box(r);
                }
                (rng, 1)
            }
        })
        .await;
        show(
            &format!("page of {page} | rusqlite, a hop each"),
            "pages",
            &f,
        );
        let b = blocking.clone();
        let f = measure(secs, move |mut rng: XorShift| {
            let b = b.clone();
            async move {
                let ids: Vec<i64> = (0..page).map(|_| 1 + rng.below(max_id)).collect();
                let r = b
                    .with(move |c| {
                        ids.into_iter()
                            .map(|id| point_rusqlite(c, id).map(Some).or_else(none_if_missing))
                            .collect::<rusqlite::Result<Vec<_>>>()
                    })
                    .await
                    .expect("read");
                std::hint::black_box(r);
                (rng, 1)
            }
        })
        .await;
        show(&format!("page of {page} | rusqlite, one hop"), "pages", &f);
    }
    Ok(())
}

/// A removed id is a miss, as `fetch_optional` gives for sqlx.
fn none_if_missing(e: rusqlite::Error) -> rusqlite::Result<Option<Row>> {
    match e {
        rusqlite::Error::QueryReturnedNoRows => Ok(None),
        e => Err(e),
    }
}

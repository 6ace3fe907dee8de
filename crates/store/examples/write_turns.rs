//! Writers on one database: how many small audited writes (a person added to the directory)
//! go through per second from C concurrent clients, and their latency. Since migration 0031
//! every writing transaction takes the data version's row first, so writers take turns on
//! PostgreSQL as on SQLite; this measures what that costs.
//!
//! `cargo run --release -p store --example write_turns -- URL [WRITES_PER_CLIENT]`
//! (URL: `sqlite:///tmp/w.db` or an empty PostgreSQL database; default 500 writes a client,
//! run at 1, 4 and 8 clients).

use std::time::{Duration, Instant};
use store::{NewUser, PersonInput, Store};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let url = args
        .first()
        .ok_or("usage: write_turns URL [WRITES_PER_CLIENT]")?;
    let per_client: usize = args.get(1).map_or(Ok(500), |s| s.parse())?;
    let store = Store::connect(url).await?;
    store.migrate().await?;
    let user = store
        .create_user(NewUser {
            login: format!("bench-{}", std::process::id()),
            display_name: "Bench".into(),
            password_hash: String::new(),
            must_change_password: false,
            language: domain::Language::Vi,
            roles: vec![domain::Role::Board],
            unit_ids: vec![],
        })
        .await?;
    let actor = domain::Actor {
        user_id: user,
        roles: vec![domain::Role::Board],
        unit_ids: vec![],
        active: true,
    };
    println!("backend: {}", store.backend_name());
    for clients in [1usize, 4, 8] {
        let started = Instant::now();
        let mut tasks = Vec::new();
        for c in 0..clients {
            let (store, actor) = (store.clone(), actor.clone());
            tasks.push(tokio::spawn(async move {
                let mut took = Vec::with_capacity(per_client);
                for i in 0..per_client {
                    let p = PersonInput {
                        kind: Some(domain::PersonKind::Expert),
                        name: format!("Chuyên gia {c}-{i}"),
                        ..Default::default()
                    };
                    let t = Instant::now();
                    store.create_person(&p, &actor).await.expect("a write");
                    took.push(t.elapsed());
                }
                took
            }));
        }
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await?);
        }
        let wall = started.elapsed();
        all.sort();
        println!(
            "{clients} client(s): {} writes in {:.2} s = {:.0}/s; p50 {:.2} ms, p99 {:.2} ms",
            all.len(),
            wall.as_secs_f64(),
            all.len() as f64 / wall.as_secs_f64(),
            percentile(&all, 0.5).as_secs_f64() * 1e3,
            percentile(&all, 0.99).as_secs_f64() * 1e3,
        );
    }
    Ok(())
}

//! `sangtao backup` and `sangtao restore`: a round trip with evidence, altered backups and
//! full targets refused, and backups taken under a concurrent writer.

use super::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Two evidence files on items of the database, through the store as the web does.
fn add_evidence(data_dir: &Path) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = store::Store::open_sqlite(&data_dir.join("sangtao.db"))
            .await
            .unwrap();
        let files = store::evidence_store::EvidenceStore::new(
            data_dir,
            store::evidence_store::DEFAULT_LIMIT,
        );
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        png.extend_from_slice(&[0, 0, 0, 13, b'I', b'H', b'D', b'R']);
        png.extend(std::iter::repeat_n(7u8, 70_000));
        let pdf = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
        let mut uploads = vec![(png, "Ảnh hội nghị.png"), (pdf, "Biên bản.pdf")];
        for id in 1.. {
            let Some(item) = store.item_tracking(domain::ItemId(id)).await.unwrap() else {
                continue;
            };
            let Some(&(unit, _)) = item.units.first() else {
                continue;
            };
            let (bytes, name) = uploads.pop().unwrap();
            let stored = files.put(&bytes[..], name).await.unwrap();
            let actor = domain::Actor {
                user_id: domain::UserId(1),
                roles: vec![domain::Role::Staff],
                unit_ids: vec![unit],
                active: true,
            };
            store
                .add_evidence(item.id, &stored, name, &actor)
                .await
                .unwrap();
            if uploads.is_empty() {
                break;
            }
        }
        store.close().await;
    });
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap()
}

/// The manifest's counts as the commands print them.
fn manifest_counts(m: &serde_json::Value) -> String {
    let d = &m["database"];
    let names = [
        "plans",
        "items",
        "progress_reports",
        "events",
        "evidence",
        "migrations",
        "schema_version",
    ];
    let parts: Vec<String> = names.iter().map(|n| format!("{n}={}", d[n])).collect();
    format!("counts: {}", parts.join(" "))
}

fn counts_line(o: &Output) -> String {
    stdout(o)
        .lines()
        .find(|l| l.starts_with("counts: "))
        .unwrap_or_else(|| panic!("no counts in {}", stdout(o)))
        .to_string()
}

/// Every file the manifest lists is in `dir` with its size and SHA-256.
fn assert_files_match(m: &serde_json::Value, dir: &Path) {
    for f in m["files"].as_array().unwrap() {
        let path = dir.join(f["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(bytes.len() as u64, f["size"].as_u64().unwrap(), "{f}");
        assert_eq!(domain::password::sha256_hex(&bytes), f["sha256"], "{f}");
    }
}

#[test]
fn backup_and_restore_round_trip_and_refuse_altered_backups_and_full_targets() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let o = sangtao(
        &data,
        &["dev", "seed", "--items", "200", "--reports", "500"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    add_evidence(&data);

    let backup = root.path().join("backup");
    let b = backup.to_str().unwrap();
    let o = sangtao(&data, &["backup", b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("evidence: 2/2 files"), "{}", stderr(&o));
    let m = manifest(&backup);
    assert_eq!(counts_line(&o), manifest_counts(&m));
    let db = &m["database"];
    assert_eq!(db["progress_reports"], 500, "{m}");
    assert_eq!(db["evidence"], 2, "{m}");
    assert!(db["items"].as_i64().unwrap() >= 200, "{m}");
    assert!(db["migrations"].as_i64().unwrap() >= 9, "{m}");
    let files = m["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "the database and two evidence files: {m}");
    assert_files_match(&m, &backup);

    // Into the same directory again: refused, nothing touched.
    let o = sangtao(&data, &["backup", b]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    assert_eq!(manifest(&backup), m);

    // Restored into a new data directory: the same counts, the same files.
    let restored = root.path().join("restored");
    let o = sangtao(&restored, &["restore", b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(counts_line(&o), manifest_counts(&m));
    assert!(stdout(&o).contains("integrity check ok"), "{}", stdout(&o));
    let evidence_only = serde_json::json!({
        "files": files.iter().filter(|f| f["path"] != "sangtao.db").collect::<Vec<_>>()
    });
    assert_files_match(&evidence_only, &restored);
    // The restored data directory serves and backs up to the same counts.
    let again = root.path().join("again");
    let o = sangtao(&restored, &["backup", again.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(manifest(&again)["database"], m["database"]);
    // A data directory that is not empty is refused.
    let o = sangtao(&restored, &["restore", b]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));

    // One byte changed in an evidence file: refused, naming it, nothing restored.
    let tampered = root.path().join("tampered");
    std::fs::create_dir_all(tampered.join("evidence")).unwrap();
    for f in files {
        let rel = f["path"].as_str().unwrap();
        let to = tampered.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(backup.join(rel), &to).unwrap();
    }
    std::fs::copy(backup.join("manifest.json"), tampered.join("manifest.json")).unwrap();
    let victim = files[1]["path"].as_str().unwrap();
    let mut bytes = std::fs::read(tampered.join(victim)).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(tampered.join(victim), &bytes).unwrap();
    let target = root.path().join("from-tampered");
    let o = sangtao(&target, &["restore", tampered.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(victim),
        "names the file: {}",
        stderr(&o)
    );
    assert!(!target.join("sangtao.db").exists());
    // A missing file is refused the same way.
    std::fs::remove_file(tampered.join(victim)).unwrap();
    let o = sangtao(&target, &["restore", tampered.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains(victim), "{}", stderr(&o));
    // So is a directory that is no backup.
    let o = sangtao(&target, &["restore", data.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(stderr(&o).contains("manifest.json"), "{}", stderr(&o));

    // PostgreSQL: refused, naming its own tool; nothing is created.
    if let Ok(url) = std::env::var("SANGTAO_TEST_PG_URL") {
        let pg = root.path().join("pg");
        let args = ["backup", pg.to_str().unwrap(), "--database-url", &url];
        let o = sangtao(&data, &args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stderr(&o).contains("pg_dump"), "{}", stderr(&o));
        assert!(!pg.exists());
    }
}

#[test]
fn backup_under_write_load_restores_a_sound_database() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let o = sangtao(
        &data,
        &["dev", "seed", "--items", "500", "--reports", "1000"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let server = Server::start(&data);
    // A writer in another process: synthetic plans of 50 items, one after the other.
    let stop = Arc::new(AtomicBool::new(false));
    let finished = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (data, stop, finished) = (data.clone(), stop.clone(), finished.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let run = finished.load(Ordering::Relaxed).to_string();
                let o = sangtao(
                    &data,
                    &[
                        "dev",
                        "seed",
                        "--force",
                        "--items",
                        "50",
                        "--reports",
                        "100",
                        "--seed",
                        &run,
                    ],
                );
                assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
                finished.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    // Each backup starts two runs after the previous one ended: a snapshot holds the runs
    // finished before it and at most the one under way, so each holds more than the last.
    let wait_for = |n: usize| {
        let since = std::time::Instant::now();
        while finished.load(Ordering::Relaxed) < n {
            assert!(
                since.elapsed() < Duration::from_secs(120) && !writer.is_finished(),
                "the writer stopped"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    let mut backups = Vec::new();
    for n in 0..3 {
        wait_for(finished.load(Ordering::Relaxed) + 2);
        let dir = root.path().join(format!("backup-{n}"));
        let o = sangtao(&data, &["backup", dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        backups.push(dir);
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    server.stop();
    let mut items = Vec::new();
    for dir in &backups {
        let m = manifest(dir);
        assert_files_match(&m, dir);
        let target = dir.with_extension("restored");
        // Restore checks `PRAGMA integrity_check` and the counts against the manifest.
        let o = sangtao(&target, &["restore", dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).contains("integrity check ok"), "{}", stdout(&o));
        assert_eq!(counts_line(&o), manifest_counts(&m));
        items.push(m["database"]["items"].as_i64().unwrap());
    }
    assert!(items.windows(2).all(|w| w[0] < w[1]), "{items:?}");
    // Each synthetic run adds 50 items at once or not at all.
    assert!(items.iter().all(|n| (n - items[0]) % 50 == 0), "{items:?}");
}

//! Backups: `Store::backup_into` copies a SQLite database consistently and gives the copy's
//! counts; PostgreSQL is refused with its own tool named. The counts and the integrity
//! check read the same on both.

use super::*;
use store::{StoreError, SyntheticSpec};

conformance!(backup_copies_sqlite_and_names_pg_dump_on_postgres);

async fn backup_copies_sqlite_and_names_pg_dump_on_postgres(store: &Store) {
    let spec = SyntheticSpec {
        plans: 2,
        items: 120,
        reports: 200,
        events: 0,
        seed: 7,
    };
    store.generate_synthetic(spec).await.unwrap();
    let counts = store.database_counts().await.unwrap();
    assert_eq!(counts.plans, 2);
    assert_eq!(counts.items, 120);
    assert_eq!(counts.progress_reports, 200);
    assert!(
        counts.migrations >= 9 && counts.schema_version >= 9,
        "{counts:?}"
    );
    assert!(store.integrity_problems().await.unwrap().is_empty());

    let dir = std::env::temp_dir().join(format!("sangtao-backup-{}", random_hex()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("copy.db");
    match store.backup_into(&copy).await {
        Ok(copied) => {
            assert_eq!(store.backend_name(), "sqlite");
            assert_eq!(copied, counts);
            // The copy is one closed file, and a database of its own.
            let names: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(names, ["copy.db"], "nothing beside the copy");
            let opened = Store::open_sqlite(&copy).await.unwrap();
            assert_eq!(opened.database_counts().await.unwrap(), counts);
            assert!(opened.integrity_problems().await.unwrap().is_empty());
            opened.close().await;
            // An existing file is not overwritten.
            assert!(store.backup_into(&copy).await.is_err());
        }
        Err(e) => {
            assert_eq!(store.backend_name(), "postgres");
            assert!(matches!(e, StoreError::BackupUnsupported { .. }), "{e:?}");
            assert!(e.to_string().contains("pg_dump"), "{e}");
            assert!(!copy.exists());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

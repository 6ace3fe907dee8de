//! The data's version, which the plan, state and money caches key on (migration 0031), on
//! both backends: every write moves it; a writer holding the version's row (as a commit does
//! while it runs) makes the next writer's commit wait, and a reader meanwhile sees the version
//! before both. So a view cached under version N holds every write up to N, on PostgreSQL
//! too, where the highest audit id (the key before) could be passed by a later commit of a
//! lower id.

use super::events::seed;
use super::*;
use store::PersonInput;

conformance!(data_version_counts_commits_and_writers_take_turns);

/// Opens a writing transaction that bumps the version as `WriteTx::commit` does and holds
/// it, makes a store write wait behind it, and checks what readers see before and after it
/// commits.
macro_rules! hold_write {
    ($store:expr, $begin:expr, $write:expr, $before:expr) => {{
        let mut tx = $begin.await.expect("a writing transaction");
        sqlx::query("UPDATE write_counter SET n = n + 1 WHERE id = 1")
            .execute(&mut *tx)
            .await
            .expect("the bump");
        let waiting = tokio::spawn($write);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!waiting.is_finished(), "the second writer waits its turn");
        assert_eq!(
            $store.data_version().await.unwrap(),
            $before,
            "nothing committed yet"
        );
        tx.commit().await.expect("commit");
        waiting.await.unwrap();
        assert_eq!($store.data_version().await.unwrap(), $before + 2);
    }};
}

async fn data_version_counts_commits_and_writers_take_turns(store: &Store) {
    let s = seed(store).await;
    let person = |name: &str| PersonInput {
        kind: Some(domain::PersonKind::Expert),
        name: name.into(),
        ..Default::default()
    };
    let v0 = store.data_version().await.unwrap();
    store
        .create_person(&person("Lê Hà"), &s.board)
        .await
        .unwrap();
    let v1 = store.data_version().await.unwrap();
    assert_eq!(v1, v0 + 1, "one write, one step");
    // Reads do not move it.
    store.list_people(None, None).await.unwrap();
    assert_eq!(store.data_version().await.unwrap(), v1);
    // A refused write rolls its step back with it.
    let nobody = domain::Actor {
        roles: vec![],
        ..s.board.clone()
    };
    assert!(
        store
            .create_person(&person("Không"), &nobody)
            .await
            .is_err()
    );
    assert_eq!(store.data_version().await.unwrap(), v1);

    let (other, board) = (store.clone(), s.board.clone());
    let write = async move {
        other
            .create_person(&person("Trần An"), &board)
            .await
            .unwrap();
    };
    match store.db() {
        Db::Sqlite(p) => hold_write!(store, p.write.begin_with("BEGIN IMMEDIATE"), write, v1),
        Db::Postgres(p) => hold_write!(store, p.write.begin(), write, v1),
    }
}

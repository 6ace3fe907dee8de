//! Document bullets out of titles (issue 16): a list entry's "-" or "+" is kept in the
//! item's text, not in its numbering or title, both at import and for the items imported
//! before (migration 0012, run here on a row written the old way).

use super::*;

conformance!(
    the_seed_plans_items_carry_no_bullet,
    the_bullet_migration_fixes_an_old_row,
);

const SEED: &str = include_str!("../../../sangtao/seed/hanoi-2025-uccn.txt");

/// The migration as shipped for this backend.
const MIGRATION_SQLITE: &str = include_str!("../../migrations/sqlite/0012_bullet_titles.sql");
const MIGRATION_PG: &str = include_str!("../../migrations/postgres/0012_bullet_titles.sql");

async fn the_seed_plans_items_carry_no_bullet(store: &Store) {
    let parsed = vanban::parse_text(SEED);
    // The reader reports the document's bullets as numbering, as its contract says…
    assert!(
        parsed
            .all_items()
            .any(|i| i.numbering.as_deref() == Some("-"))
    );
    let sha = domain::password::sha256_hex(SEED.as_bytes());
    let boot = store
        .bootstrap(&parsed, "hanoi-2025-uccn.txt", &sha)
        .await
        .unwrap()
        .unwrap();
    let view = store.plan(boot.plan_id).await.unwrap().unwrap();
    let items = view.all_items();
    assert!(items.len() > 10);
    // …and the stored items carry none, in their label or their title.
    for n in &items {
        let label = domain::item_label(n.item.numbering.as_deref(), &n.item.title);
        assert!(
            !label.starts_with(['-', '+', '•']),
            "a bullet in the label {label:?}"
        );
        assert!(
            !n.item.title.starts_with(['-', '+', '•']),
            "{:?}",
            n.item.title
        );
    }
    // The bullet stays in the text, where the document has it.
    let sessions = items
        .iter()
        .find(|n| n.item.title.starts_with("Tham gia các phiên họp online"))
        .expect("the sessions item");
    assert_eq!(sessions.item.numbering, None);
    assert!(
        sessions
            .item
            .text
            .starts_with("- Tham gia các phiên họp online"),
        "{:?}",
        sessions.item.text
    );
}

async fn the_bullet_migration_fixes_an_old_row(store: &Store) {
    let out = store
        .import_plan(&sample_plan(), "kh.txt", &"b".repeat(64), None)
        .await
        .unwrap();
    let ImportOutcome::Imported(plan_id) = out else {
        panic!("imported: {out:?}");
    };
    // Rows as the import wrote them before: the bullet as numbering, or in the title.
    raw_execute(
        store,
        "UPDATE items SET numbering = '-', title = 'Tham gia các phiên họp online',
             body = 'Tham gia các phiên họp online (nội dung)'
         WHERE title = 'Tham gia các phiên họp online'",
    )
    .await
    .unwrap();
    raw_execute(
        store,
        "UPDATE items SET numbering = NULL, title = '+ Kết nối các thành phố' WHERE numbering = '3'",
    )
    .await
    .unwrap();
    match store.db() {
        Db::Sqlite(p) => {
            sqlx::raw_sql(MIGRATION_SQLITE)
                .execute(&p.write)
                .await
                .expect("the migration runs");
        }
        Db::Postgres(p) => {
            sqlx::raw_sql(MIGRATION_PG)
                .execute(&p.write)
                .await
                .expect("the migration runs");
        }
    }
    let view = store.plan(plan_id).await.unwrap().unwrap();
    let items = view.all_items();
    let sessions = items
        .iter()
        .find(|n| n.item.title == "Tham gia các phiên họp online")
        .expect("the bulleted row, its title untouched");
    assert_eq!(sessions.item.numbering, None);
    assert_eq!(
        sessions.item.text,
        "- Tham gia các phiên họp online (nội dung)"
    );
    assert!(
        items
            .iter()
            .any(|n| n.item.title == "Kết nối các thành phố"),
        "the bullet left the title"
    );
    // Numbers stay numbers.
    assert!(
        items
            .iter()
            .any(|n| n.item.numbering.as_deref() == Some("1.1"))
    );
}

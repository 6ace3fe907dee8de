//! Schema drift: the SQLite and PostgreSQL migration folders are written by hand and must
//! describe the same schema. Both are migrated fresh, their catalogs are read back as
//! sets of readable facts ("column items.title text NOT NULL") and compared.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

/// One backend's schema as facts: tables, columns (type class, nullability), unique
/// indexes and constraints (ordered columns), primary keys.
type Catalog = BTreeSet<String>;

const SQLITE_DIR: &str = "migrations/sqlite";
const PG_DIR: &str = "migrations/postgres";

/// Engine type names reduced to what the store relies on: SQLite has type affinities
/// where PostgreSQL has sizes (INTEGER vs bigint both hold the store's i64 ids).
fn type_class(declared: &str) -> String {
    let t = declared.to_lowercase();
    // Modifiers such as varchar(20) or numeric(10,2) do not change the class.
    let t = t.split('(').next().unwrap_or("").trim().to_string();
    match t.as_str() {
        "" => "untyped".into(),
        "real" | "double" | "double precision" | "float" | "float4" | "float8" | "numeric"
        | "decimal" => "real".into(),
        "text" | "varchar" | "character varying" | "char" | "character" | "clob" => "text".into(),
        "boolean" | "bool" => "bool".into(),
        "blob" | "bytea" => "blob".into(),
        // SQLite's rule: a declared type containing INT has integer affinity.
        _ if t.contains("int") => "integer".into(),
        _ => t,
    }
}

fn column_fact(table: &str, column: &str, declared: &str, not_null: bool) -> String {
    let null = if not_null { "NOT NULL" } else { "NULL" };
    format!("column {table}.{column} {} {null}", type_class(declared))
}

/// Adds "unique t(a, b)" / "primary key t(a)" facts from (table, index, kind) → columns.
fn index_facts(cat: &mut Catalog, indexes: BTreeMap<(String, String, String), Vec<String>>) {
    for ((table, _name, kind), cols) in indexes {
        cat.insert(format!("{kind} {table}({})", cols.join(", ")));
    }
}

/// Both sides' differences, one line each, with the folder each fact appears in only.
fn diff(sqlite: &Catalog, pg: &Catalog) -> Vec<String> {
    let mut out: Vec<(&str, &str)> = sqlite
        .difference(pg)
        .map(|f| (f.as_str(), SQLITE_DIR))
        .chain(pg.difference(sqlite).map(|f| (f.as_str(), PG_DIR)))
        .collect();
    // By fact, so that two versions of one column stand next to each other.
    out.sort();
    out.into_iter()
        .map(|(fact, dir)| format!("only in {dir}: {fact}"))
        .collect()
}

/// The full-text indexes are each engine's own by design (migration 0030): FTS5 tables
/// (`items_fts` and the shadow tables `items_fts_data`, …) on SQLite, generated `tsvector`
/// columns on PostgreSQL. Both are left out of the comparison; the conformance tests in
/// `search.rs` check that they find the same rows.
const NOT_FTS: &str =
    "m.name NOT LIKE '%\\_fts' ESCAPE '\\' AND m.name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'";

async fn sqlite_catalog(pool: &sqlx::SqlitePool) -> Catalog {
    let mut cat = Catalog::new();
    // Joining sqlite_master to the pragma functions reads every table in one query.
    let cols: Vec<(String, String, String, bool, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
         AND m.name <> '_sqlx_migrations' AND {NOT_FTS} ORDER BY m.name, p.pk",
        )))
        .fetch_all(pool)
        .await
        .expect("sqlite columns");
    let mut pks: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    for (table, column, declared, not_null, pk) in cols {
        cat.insert(format!("table {table}"));
        // pragma_table_info says nullable for key columns not declared NOT NULL (an
        // INTEGER PRIMARY KEY is the rowid and never NULL); PostgreSQL makes every key
        // column NOT NULL. Compare the key's nullability as PostgreSQL enforces it.
        cat.insert(column_fact(&table, &column, &declared, not_null || pk > 0));
        if pk > 0 {
            // Ordered by pk position in the query.
            let key = (table, String::new(), "primary key".to_string());
            pks.entry(key).or_default().push(column);
        }
    }
    index_facts(&mut cat, pks);
    // Unique indexes from UNIQUE constraints (origin 'u') and CREATE UNIQUE INDEX ('c');
    // origin 'pk' is the primary key's own index, compared above. xinfo names expression
    // columns (cid -2) NULL.
    let idx: Vec<(String, String, bool, Option<String>, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT m.name, il.name, il.partial, ix.name, ix.cid \
         FROM sqlite_master m JOIN pragma_index_list(m.name) il \
         JOIN pragma_index_xinfo(il.name) ix \
         WHERE m.type = 'table' AND m.name <> '_sqlx_migrations' AND {NOT_FTS} \
         AND il.\"unique\" = 1 AND il.origin <> 'pk' AND ix.key = 1 \
         ORDER BY m.name, il.name, ix.seqno",
        )))
        .fetch_all(pool)
        .await
        .expect("sqlite unique indexes");
    let mut uniques: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    for (table, index, partial, column, cid) in idx {
        let kind = if partial { "unique partial" } else { "unique" };
        let col = if cid == -2 { None } else { column };
        uniques
            .entry((table, index, kind.to_string()))
            .or_default()
            .push(col.unwrap_or_else(|| "<expr>".into()));
    }
    index_facts(&mut cat, uniques);
    cat
}

async fn pg_catalog(pool: &sqlx::PgPool) -> Catalog {
    let mut cat = Catalog::new();
    let cols: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), \
         a.attnotnull \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') \
         AND c.relname <> '_sqlx_migrations' AND a.attnum > 0 AND NOT a.attisdropped \
         AND a.atttypid <> 'tsvector'::regtype",
    )
    .fetch_all(pool)
    .await
    .expect("postgres columns");
    for (table, column, declared, not_null) in cols {
        cat.insert(format!("table {table}"));
        cat.insert(column_fact(&table, &column, &declared, not_null));
    }
    // Key columns in order (INCLUDE columns left out); attnum 0 is an expression.
    let idx: Vec<(String, String, bool, bool, Option<String>)> = sqlx::query_as(
        "SELECT t.relname::text, i.relname::text, x.indisprimary, x.indpred IS NOT NULL, \
         a.attname::text \
         FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_class i ON i.oid = x.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord) \
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         AND k.attnum <> 0 \
         WHERE n.nspname = 'public' AND x.indisunique AND t.relname <> '_sqlx_migrations' \
         AND k.ord <= x.indnkeyatts \
         ORDER BY t.relname, i.relname, k.ord",
    )
    .fetch_all(pool)
    .await
    .expect("postgres unique indexes");
    let mut indexes: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    for (table, index, primary, partial, column) in idx {
        let kind = match (primary, partial) {
            (true, _) => "primary key",
            (false, true) => "unique partial",
            (false, false) => "unique",
        };
        // The primary key's index name is PostgreSQL's own; SQLite's has none.
        let name = if primary { String::new() } else { index };
        indexes
            .entry((table, name, kind.to_string()))
            .or_default()
            .push(column.unwrap_or_else(|| "<expr>".into()));
    }
    index_facts(&mut cat, indexes);
    cat
}

async fn catalog(store: &Store) -> Catalog {
    match store.db() {
        Db::Sqlite(p) => sqlite_catalog(&p.read).await,
        Db::Postgres(p) => pg_catalog(&p.read).await,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_schemas_match() {
    let lite = sqlite_db().await;
    let sqlite = catalog(&lite.store).await;
    lite.finish().await;
    // An empty catalog would match anything: make sure the reading works.
    for fact in ["table plans", "table items", "primary key items(id)"] {
        assert!(sqlite.contains(fact), "SQLite catalog lacks {fact:?}");
    }
    let Some(pg) = pg_db().await else { return };
    let postgres = catalog(&pg.store).await;
    pg.finish().await;
    let differences = diff(&sqlite, &postgres);
    assert!(
        differences.is_empty(),
        "the SQLite and PostgreSQL schemas differ ({} facts):\n{}\nThe two migration \
         folders must describe the same schema: fix the newer migration in the folder \
         named above.",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn schema_diff_names_the_folder_of_each_difference() {
    let sqlite: Catalog = [
        "table items".to_string(),
        column_fact("items", "id", "INTEGER", true),
        column_fact("items", "search_text", "TEXT", true),
    ]
    .into();
    let pg: Catalog = [
        "table items".to_string(),
        column_fact("items", "id", "bigint", true),
        column_fact("items", "search_text", "character varying(200)", false),
    ]
    .into();
    assert_eq!(
        diff(&sqlite, &pg),
        [
            "only in migrations/sqlite: column items.search_text text NOT NULL",
            "only in migrations/postgres: column items.search_text text NULL",
        ]
    );
    assert!(diff(&sqlite, &sqlite).is_empty());
}

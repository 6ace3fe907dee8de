//! Helpers shared by the plan reader's integration tests: where the corpus is, the JSON
//! schema validator, and name normalisation for comparisons.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use vanban::ParsedPlan;

/// The crate directory (`crates/vanban`).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The read-only shared inputs: `SANGTAO_SHARED_DIR`, or `../../../shared` from the crate
/// (the workspace is `/work/main`, the inputs `/work/shared`). `None` when the corpus is
/// not there.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SANGTAO_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir().join("../../../shared"));
    dir.join("corpus/plans").is_dir().then_some(dir)
}

/// The shared directory, or `None` after saying why the test is skipped. With
/// `SANGTAO_REQUIRE_CORPUS=1` a missing corpus is a failure instead.
pub fn shared_or_skip(test: &str) -> Option<PathBuf> {
    if let Some(dir) = shared_dir() {
        return Some(dir);
    }
    let why = format!(
        "{test}: corpus not found at {} (set SANGTAO_SHARED_DIR to the directory holding \
         corpus/plans and seed/)",
        crate_dir().join("../../../shared").display()
    );
    if std::env::var("SANGTAO_REQUIRE_CORPUS").is_ok_and(|v| v == "1") {
        panic!("{why}; SANGTAO_REQUIRE_CORPUS=1 makes this an error");
    }
    eprintln!("SKIPPED {why}");
    None
}

/// Every corpus document (`corpus/plans/*.txt`), sorted by name.
pub fn corpus_files(shared: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus/plans"))
        .expect("corpus/plans is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The seed plan (the Hanoi 2025 UCCN plan).
pub fn seed_file(shared: &Path) -> PathBuf {
    shared.join("seed/000_a2c555ca22084133.txt")
}

/// The JSON contract, from the copy kept with the tests (`tests/data/plan.schema.json`).
pub fn schema_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = crate_dir().join("tests/data/plan.schema.json");
        let text = std::fs::read_to_string(&path).expect("schema copy is readable");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("schema compiles")
    })
}

/// Schema violations of a plan's JSON, as "path: message" lines (empty when valid).
pub fn schema_errors(plan: &ParsedPlan) -> Vec<String> {
    let value = serde_json::to_value(plan).expect("a ParsedPlan serialises");
    schema_validator()
        .iter_errors(&value)
        .map(|e| format!("{}: {}", e.instance_path(), e))
        .collect()
}

/// Name normalisation for comparisons: `vanban::text::fold` (case and diacritics), then
/// punctuation to spaces, whitespace squashed, and the usual abbreviations spelled out
/// (UBND, TP, HĐND), so that "UBND TP Hà Nội" equals "Ủy ban nhân dân thành phố Hà Nội".
pub fn norm(s: &str) -> String {
    let folded = vanban::text::fold(s);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut out = Vec::new();
    for w in spaced.split_whitespace() {
        match w {
            "ubnd" => out.push("uy ban nhan dan"),
            "tp" => out.push("thanh pho"),
            "hdnd" => out.push("hoi dong nhan dan"),
            w => out.push(w),
        }
    }
    out.join(" ")
}

/// Whitespace squashed, nothing else changed (for titles compared verbatim).
pub fn squash(s: &str) -> String {
    vanban::text::squash_spaces(s)
}

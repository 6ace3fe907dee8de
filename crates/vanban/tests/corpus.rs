//! The plan reader against real documents.
//!
//! - every corpus file and the seed parse without error, and their JSON validates against
//!   the contract (`tests/data/plan.schema.json`);
//! - the hand-checked expectations in `tests/expectations/*.toml` hold (see the README
//!   there for the format and the comparison rules);
//! - the seed comes out as issue 2 says, field by field;
//! - the .docx and .pdf fixtures read like their .txt sources, and truncated copies give a
//!   clean `ReadError`;
//! - the real Word plans of `corpus/originals/` read the same once printed to PDF.
//!
//! The corpus lives outside the workspace (`/work/shared`); when it is absent these tests
//! print why and pass, unless `SANGTAO_REQUIRE_CORPUS=1`.

#[path = "corpus/agreement.rs"]
mod agreement;
mod common;
#[path = "corpus/nd30.rs"]
mod nd30;
#[path = "corpus/ocr.rs"]
mod ocr;
#[path = "corpus/originals.rs"]
mod originals;
#[path = "corpus/word.rs"]
mod word;

use chrono::NaiveDate;
use common::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use toml::{Table, Value};
use vanban::{Format, Item, ParsedPlan, ReadError};

// ---------------------------------------------------------------------------------------
// (a) + (c): every file parses and validates against the schema
// ---------------------------------------------------------------------------------------

#[test]
fn every_corpus_file_and_the_seed_parse_without_error() {
    let Some(shared) = shared_or_skip("every_corpus_file_and_the_seed_parse_without_error") else {
        return;
    };
    let mut files = corpus_files(&shared);
    assert_eq!(files.len(), 30, "the development corpus has 30 documents");
    files.push(seed_file(&shared));
    let mut failures = String::new();
    for f in &files {
        if let Err(e) = vanban::read_file(f, None) {
            writeln!(failures, "  {}: {e}", name(f)).unwrap();
        }
    }
    assert!(failures.is_empty(), "read errors:\n{failures}");
}

#[test]
fn every_file_json_validates_against_the_schema() {
    let Some(shared) = shared_or_skip("every_file_json_validates_against_the_schema") else {
        return;
    };
    let mut files = corpus_files(&shared);
    files.push(seed_file(&shared));
    files.extend(fixture_files());
    let mut failures = String::new();
    for f in &files {
        let Ok(plan) = vanban::read_file(f, None) else {
            continue; // reported by the test above / the fixture tests
        };
        for e in schema_errors(&plan).iter().take(5) {
            writeln!(failures, "  {}: {e}", name(f)).unwrap();
        }
    }
    assert!(failures.is_empty(), "schema violations:\n{failures}");
}

#[test]
fn the_schema_validator_rejects_a_broken_plan() {
    // The validation above must be able to fail: a plan whose JSON breaks the contract.
    let plan = vanban::parse_text("");
    let mut value = serde_json::to_value(&plan).unwrap();
    value["document"]["date"] = serde_json::json!("20/11/2025");
    value["items"] = serde_json::json!([{ "title": 3 }]);
    assert!(!schema_validator().is_valid(&value));
    value.as_object_mut().unwrap().remove("warnings");
    assert!(!schema_validator().is_valid(&value));
}

// ---------------------------------------------------------------------------------------
// (b): hand-checked expectations
// ---------------------------------------------------------------------------------------

/// One expectation that does not hold.
#[derive(Debug)]
struct Mismatch {
    file: String,
    field: String,
    expected: String,
    got: String,
}

#[test]
fn corpus_expectations_hold() {
    let Some(shared) = shared_or_skip("corpus_expectations_hold") else {
        return;
    };
    let files = expectation_files();
    assert!(
        files.len() >= 12,
        "at least 12 documents have hand-checked expectations"
    );
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for path in &files {
        let exp = load_expectation(path);
        let doc = shared.join(str_of(&exp, "file").expect("expectation names its file"));
        match vanban::read_file(&doc, None) {
            Ok(plan) => {
                checked += check_expectation(&name(path), &exp, &plan, &mut mismatches);
            }
            Err(e) => mismatches.push(Mismatch {
                file: name(path),
                field: "read_file".into(),
                expected: "Ok".into(),
                got: e.to_string(),
            }),
        }
    }
    if !mismatches.is_empty() {
        let mut report = format!(
            "{} of {checked} expectation checks in {} files failed:\n",
            mismatches.len(),
            files.len()
        );
        for m in &mismatches {
            writeln!(
                report,
                "  {} | {}\n      expected: {}\n      got:      {}",
                m.file, m.field, m.expected, m.got
            )
            .unwrap();
        }
        panic!("{report}");
    }
    eprintln!("{checked} expectation checks in {} files hold", files.len());
}

#[test]
fn the_expectation_checker_can_fail() {
    // An empty plan meets none of a real document's expectations; a plan built to match
    // an expectation meets all of them. Guards against a checker that passes everything.
    let exp: Table = toml::from_str(
        r#"
        file = "x.txt"
        [document]
        kind = "Kế hoạch"
        kind_code = "KH"
        number = "0204"
        symbol = "KH-UBND"
        date = "2025-11-24"
        issuer = "Ủy ban nhân dân tỉnh Cà Mau"
        null = ["parent_issuer"]
        [signer]
        authority = ["KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"]
        title = "PHÓ CHỦ TỊCH"
        name = "Lê Văn Sử"
        [tasks_with_lead]
        count = 10
        [units]
        lead = ["Sở Tài chính"]
        coordinating = ["Sở Nội vụ"]
        [[targets]]
        min = 10
        max = 13
        unit = "%"
        per = "năm"
        [[deadlines]]
        text = "Quý II/2026"
        due = "2026-06-30"
        [[deadlines]]
        recurrence = "thường xuyên"
        "#,
    )
    .unwrap();

    let mut empty = Vec::new();
    let n = check_expectation("self-test", &exp, &vanban::parse_text(""), &mut empty);
    assert!(n >= 14);
    assert!(
        empty.len() >= 13,
        "an empty plan fails nearly every check, got {empty:#?}"
    );

    let mut plan = vanban::parse_text("");
    let d = &mut plan.document;
    d.kind = "KẾ HOẠCH".into();
    d.kind_code = Some("KH".into());
    d.number = Some("0204".into());
    d.symbol = Some("KH-UBND".into());
    d.date = NaiveDate::from_ymd_opt(2025, 11, 24);
    d.issuer = Some("UBND tỉnh Cà Mau".into());
    plan.signer = Some(vanban::Signer {
        authority: Some("TM. UỶ BAN NHÂN DÂN".into()),
        title: Some("PHÓ CHỦ TỊCH".into()),
        name: Some("Lê Văn Sử".into()),
    });
    let mut item = Item::new(Some("1.".into()), 1);
    item.lead_units = vec!["Sở Tài chính".into()];
    item.coordinating_units = vec!["Sở Nội vụ".into()];
    item.targets.push(vanban::Target {
        min: Some(10.0),
        max: Some(13.0),
        unit: "%".into(),
        per: Some("năm".into()),
        text: "10 - 13%/năm".into(),
    });
    item.deadlines.push(vanban::Deadline {
        text: "Quý II/2026".into(),
        due: NaiveDate::from_ymd_opt(2026, 6, 30),
        start: None,
        recurrence: None,
    });
    item.deadlines.push(vanban::Deadline {
        text: "Thường xuyên".into(),
        due: None,
        start: None,
        recurrence: Some("thường xuyên".into()),
    });
    plan.items = vec![item.clone(); 11]; // 11 is within 10 ± 15% (at least ± 1)
    let mut none = Vec::new();
    check_expectation("self-test", &exp, &plan, &mut none);
    assert!(none.is_empty(), "a matching plan passes: {none:#?}");

    plan.items = vec![item; 13]; // 13 is outside 10 ± 15%
    plan.document.number = Some("204".into()); // leading zero lost
    let mut two = Vec::new();
    check_expectation("self-test", &exp, &plan, &mut two);
    let fields: Vec<&str> = two.iter().map(|m| m.field.as_str()).collect();
    assert_eq!(fields, ["document.number", "tasks_with_lead.count"]);
}

fn expectation_files() -> Vec<PathBuf> {
    let dir = crate_dir().join("tests/expectations");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/expectations is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn load_expectation(path: &Path) -> Table {
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn str_of<'a>(t: &'a Table, key: &str) -> Option<&'a str> {
    t.get(key).and_then(Value::as_str)
}

fn strings_of(t: &Table, key: &str) -> Vec<String> {
    match t.get(key) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().expect("a list of strings").to_string())
            .collect(),
        None => vec![],
        Some(v) => panic!("{key}: expected a string or a list of strings, got {v}"),
    }
}

fn float_of(t: &Table, key: &str) -> Option<f64> {
    t.get(key).map(|v| match v {
        Value::Integer(i) => *i as f64,
        Value::Float(f) => *f,
        v => panic!("{key}: expected a number, got {v}"),
    })
}

fn date_of(t: &Table, key: &str) -> Option<NaiveDate> {
    str_of(t, key).map(|s| s.parse().unwrap_or_else(|e| panic!("{key}: {s}: {e}")))
}

fn show<T: std::fmt::Debug>(v: &Option<T>) -> String {
    match v {
        Some(v) => format!("{v:?}"),
        None => "null".into(),
    }
}

/// A document field by its JSON name, as text (`None` for null).
fn document_field(plan: &ParsedPlan, field: &str) -> Option<String> {
    let d = &plan.document;
    match field {
        "kind" => Some(d.kind.clone()),
        "kind_code" => d.kind_code.clone(),
        "number" => d.number.clone(),
        "symbol" => d.symbol.clone(),
        "issuer" => d.issuer.clone(),
        "parent_issuer" => d.parent_issuer.clone(),
        "place" => d.place.clone(),
        "date" => d.date.map(|x| x.to_string()),
        "title" => Some(d.title.clone()),
        "year" => d.year.map(|y| y.to_string()),
        "issued_by" => d.issued_by.as_ref().map(|r| format!("{r:?}")),
        other => panic!("unknown document field {other}"),
    }
}

/// A name matches when the expected one, normalised, is contained in the parsed one and
/// the parsed one is not much longer (so that "Sở Công Thương" matches "Sở Công Thương
/// tỉnh Lào Cai" but not a whole header line).
fn name_matches(expected: &str, got: &str) -> bool {
    let (e, g) = (norm(expected), norm(got));
    !e.is_empty() && g.contains(&e) && g.split(' ').count() <= e.split(' ').count() + 6
}

/// Checks one expectation table against a plan; pushes what fails and returns how many
/// checks were made.
fn check_expectation(file: &str, exp: &Table, plan: &ParsedPlan, out: &mut Vec<Mismatch>) -> usize {
    let mut checks = 0;
    let mut fail = |field: &str, expected: String, got: String| {
        out.push(Mismatch {
            file: file.to_string(),
            field: field.to_string(),
            expected,
            got,
        })
    };

    if let Some(doc) = exp.get("document").and_then(Value::as_table) {
        for (key, value) in doc {
            checks += 1;
            let field = format!("document.{key}");
            match key.as_str() {
                "null" => {
                    checks -= 1;
                    for f in strings_of(doc, "null") {
                        checks += 1;
                        let got = document_field(plan, &f);
                        if got.is_some() {
                            fail(&format!("document.{f}"), "null".into(), show(&got));
                        }
                    }
                }
                "kind" => {
                    let e = norm(value.as_str().unwrap());
                    let g = norm(&plan.document.kind);
                    if !(g == e || g.starts_with(&format!("{e} "))) {
                        fail(
                            &field,
                            format!("{value}"),
                            format!("{:?}", plan.document.kind),
                        );
                    }
                }
                "issuer" | "parent_issuer" => {
                    let got = document_field(plan, key);
                    if !got
                        .as_deref()
                        .is_some_and(|g| name_matches(value.as_str().unwrap(), g))
                    {
                        fail(&field, format!("{value}"), show(&got));
                    }
                }
                "year" => {
                    let e = value.as_integer().expect("year is an integer") as i32;
                    if plan.document.year != Some(e) {
                        fail(&field, e.to_string(), show(&plan.document.year));
                    }
                }
                "kind_code" | "number" | "symbol" | "date" => {
                    let got = document_field(plan, key);
                    if got.as_deref() != value.as_str() {
                        fail(&field, format!("{value}"), show(&got));
                    }
                }
                other => panic!("{file}: unknown key document.{other}"),
            }
        }
    }

    if let Some(ib) = exp.get("issued_by").and_then(Value::as_table) {
        let got = plan.document.issued_by.as_ref();
        for (key, value) in ib {
            checks += 1;
            let g = got.and_then(|r| match key.as_str() {
                "kind_code" => r.kind_code.clone(),
                "number" => r.number.clone(),
                "symbol" => r.symbol.clone(),
                "date" => r.date.map(|d| d.to_string()),
                "issuer" => r.issuer.clone(),
                other => panic!("{file}: unknown key issued_by.{other}"),
            });
            let ok = match key.as_str() {
                "issuer" => g
                    .as_deref()
                    .is_some_and(|g| name_matches(value.as_str().unwrap(), g)),
                _ => g.as_deref() == value.as_str(),
            };
            if !ok {
                fail(&format!("issued_by.{key}"), format!("{value}"), show(&g));
            }
        }
    }

    if let Some(sg) = exp.get("signer").and_then(Value::as_table) {
        let got = plan.signer.as_ref();
        for (key, value) in sg {
            let field = format!("signer.{key}");
            match key.as_str() {
                "null" => {
                    for f in strings_of(sg, "null") {
                        checks += 1;
                        let g = got.and_then(|s| signer_field(s, &f));
                        if g.is_some() {
                            fail(&format!("signer.{f}"), "null".into(), show(&g));
                        }
                    }
                }
                "authority" => {
                    checks += 1;
                    let g = got.and_then(|s| s.authority.clone());
                    let alts = strings_of(sg, "authority");
                    let ok = g.as_deref().is_some_and(|g| {
                        alts.iter()
                            .any(|a| norm(g).contains(&norm(a)) && !norm(a).is_empty())
                    });
                    if !ok {
                        fail(&field, format!("one of {alts:?}"), show(&g));
                    }
                }
                "title" | "name" => {
                    checks += 1;
                    let g = got.and_then(|s| signer_field(s, key));
                    if g.as_deref().map(norm) != value.as_str().map(norm) {
                        fail(&field, format!("{value}"), show(&g));
                    }
                }
                other => panic!("{file}: unknown key signer.{other}"),
            }
        }
    }

    if let Some(t) = exp.get("tasks_with_lead").and_then(Value::as_table) {
        checks += 1;
        // The boundary of a "task" in prose is ambiguous (is a "-" bullet under a numbered
        // task its own task? is an unnumbered sub-row of a table a row?), so the count may
        // deviate by 15% of the hand count, and by at least one.
        let expected = t.get("count").and_then(Value::as_integer).expect("count") as usize;
        let tolerance = ((expected as f64 * 0.15).ceil() as usize).max(1);
        let got = plan
            .all_items()
            .filter(|i| !i.lead_units.is_empty())
            .count();
        if got.abs_diff(expected) > tolerance {
            fail(
                "tasks_with_lead.count",
                format!("{expected} ± {tolerance}"),
                got.to_string(),
            );
        }
    }

    if let Some(u) = exp.get("units").and_then(Value::as_table) {
        for (key, list) in [("lead", true), ("coordinating", false)] {
            let mut got: Vec<&str> = plan
                .all_items()
                .flat_map(|i| {
                    if list {
                        &i.lead_units
                    } else {
                        &i.coordinating_units
                    }
                })
                .map(String::as_str)
                .collect();
            got.sort();
            got.dedup();
            let got_norm: Vec<String> = got.iter().map(|s| norm(s)).collect();
            for e in strings_of(u, key) {
                checks += 1;
                if !got_norm.contains(&norm(&e)) {
                    let shown: Vec<&str> = got.iter().take(12).copied().collect();
                    fail(
                        &format!("units.{key}"),
                        format!("{e:?} among the {key} units of all items"),
                        format!("{} distinct units, e.g. {shown:?}", got.len()),
                    );
                }
            }
        }
    }

    if let Some(targets) = exp.get("targets").and_then(Value::as_array) {
        let all: Vec<&vanban::Target> = plan.all_items().flat_map(|i| &i.targets).collect();
        for t in targets {
            checks += 1;
            let t = t.as_table().expect("[[targets]] is a table");
            let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (None, _) => true,
                (Some(a), Some(b)) => (a - b).abs() < 1e-6,
                (Some(_), None) => false,
            };
            let found = all.iter().any(|g| {
                close(float_of(t, "min"), g.min)
                    && close(float_of(t, "max"), g.max)
                    && str_of(t, "unit").is_none_or(|u| norm(u) == norm(&g.unit) || u == g.unit)
                    && str_of(t, "per").is_none_or(|p| g.per.as_deref().map(norm) == Some(norm(p)))
            });
            if !found {
                fail(
                    "targets",
                    format!("{t}").replace('\n', " "),
                    format!("not among {} targets", all.len()),
                );
            }
        }
    }

    if let Some(deadlines) = exp.get("deadlines").and_then(Value::as_array) {
        let all: Vec<&vanban::Deadline> = plan.all_items().flat_map(|i| &i.deadlines).collect();
        for d in deadlines {
            checks += 1;
            let d = d.as_table().expect("[[deadlines]] is a table");
            let found = all.iter().any(|g| {
                str_of(d, "text").is_none_or(|t| norm(&g.text).contains(&norm(t)))
                    && date_of(d, "due").is_none_or(|x| g.due == Some(x))
                    && date_of(d, "due_or_start")
                        .is_none_or(|x| g.due == Some(x) || g.start == Some(x))
                    && str_of(d, "recurrence").is_none_or(|r| {
                        g.recurrence
                            .as_deref()
                            .is_some_and(|gr| norm(gr).contains(&norm(r)))
                    })
            });
            if !found {
                fail(
                    "deadlines",
                    format!("{d}").replace('\n', " "),
                    format!("not among {} deadlines", all.len()),
                );
            }
        }
    }
    checks
}

fn signer_field(s: &vanban::Signer, f: &str) -> Option<String> {
    match f {
        "authority" => s.authority.clone(),
        "title" => s.title.clone(),
        "name" => s.name.clone(),
        other => panic!("unknown signer field {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// (d): the seed, as issue 2 states it
// ---------------------------------------------------------------------------------------

fn seed() -> Option<ParsedPlan> {
    let shared = shared_or_skip("seed")?;
    Some(vanban::read_file(&seed_file(&shared), None).expect("the seed reads"))
}

fn norms(v: &[String]) -> Vec<String> {
    v.iter().map(|s| norm(s)).collect()
}

fn norms_of(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| norm(s)).collect()
}

fn has_target(item: &Item, min: f64, max: f64, unit: &str, per: Option<&str>) -> bool {
    item.targets.iter().any(|t| {
        t.min == Some(min)
            && t.max == Some(max)
            && norm(&t.unit) == norm(unit)
            && per.is_none_or(|p| t.per.as_deref().map(norm) == Some(norm(p)))
    })
}

#[test]
fn seed_document() {
    let Some(p) = seed() else { return };
    let d = &p.document;
    assert_eq!(norm(&d.kind), norm("Kế hoạch"), "document.kind");
    assert_eq!(d.kind_code.as_deref(), Some("KH"), "document.kind_code");
    assert_eq!(
        d.issuer.as_deref().map(norm),
        Some(norm("Sở Văn hóa và Thể thao Hà Nội")),
        "document.issuer (read from the body)"
    );
    assert_eq!(d.year, Some(2025), "document.year");
    assert_eq!(
        squash(&d.title),
        "Tham gia với vai trò thành viên, tham dự hội nghị, diễn đàn Mạng lưới các thành \
         phố Sáng tạo của UNESCO năm 2025",
        "document.title"
    );
    assert_eq!(d.number, None, "document.number");
    assert_eq!(d.symbol, None, "document.symbol");
    assert_eq!(d.date, None, "document.date");
}

#[test]
fn seed_legal_basis() {
    let Some(p) = seed() else { return };
    assert_eq!(p.legal_basis.len(), 2, "legal_basis: {:#?}", p.legal_basis);
    let refs: Vec<&vanban::DocRef> = p.legal_basis.iter().flat_map(|l| &l.refs).collect();
    let kh = refs
        .iter()
        .find(|r| r.number.as_deref() == Some("102"))
        .unwrap_or_else(|| panic!("a ref 102/KH-UBND among {refs:#?}"));
    assert_eq!(kh.kind_code.as_deref(), Some("KH"));
    assert_eq!(kh.symbol.as_deref(), Some("KH-UBND"));
    assert_eq!(kh.date, NaiveDate::from_ymd_opt(2022, 4, 1));
    assert_eq!(
        kh.issuer.as_deref().map(norm),
        Some(norm("UBND thành phố Hà Nội"))
    );
    let qd = refs
        .iter()
        .find(|r| r.number.as_deref() == Some("1655"))
        .unwrap_or_else(|| panic!("a ref 1655/QĐ-SVHTT among {refs:#?}"));
    assert_eq!(qd.kind_code.as_deref(), Some("QĐ"));
    assert_eq!(qd.symbol.as_deref(), Some("QĐ-SVHTT"));
    assert_eq!(qd.date, NaiveDate::from_ymd_opt(2024, 12, 16));
}

#[test]
fn seed_purposes_and_requirements() {
    let Some(p) = seed() else { return };
    assert_eq!(p.purposes.len(), 2, "purposes: {:#?}", p.purposes);
    assert_eq!(
        p.requirements.len(),
        2,
        "requirements: {:#?}",
        p.requirements
    );
    assert!(squash(&p.purposes[0]).starts_with("Triển khai các hoạt động"));
    assert!(squash(&p.requirements[1]).starts_with("Các hoạt động phải đảm bảo"));
}

#[test]
fn seed_items_top_level() {
    let Some(p) = seed() else { return };
    let titles: Vec<String> = p.items.iter().map(|i| squash(&i.title)).collect();
    assert_eq!(p.items.len(), 3, "3 top-level items, got {titles:#?}");
    assert!(
        titles[0].starts_with("Tham dự các Hội nghị, diễn đàn"),
        "{titles:?}"
    );
    assert!(titles[1].starts_with("Tuyên truyền"), "{titles:?}");
    assert!(titles[2].starts_with("Kết nối, hình thành"), "{titles:?}");
}

#[test]
fn seed_item_1() {
    let Some(p) = seed() else { return };
    let i1 = p.items.first().expect("item 1");
    assert_eq!(
        norms(&i1.lead_units),
        norms_of(&["Phòng Quản lý Di sản văn hóa"]),
        "item 1 lead"
    );
    assert_eq!(
        norms(&i1.coordinating_units),
        norms_of(&["Bảo tàng Hà Nội", "Văn phòng Sở"]),
        "item 1 coordinating"
    );
    let kids: Vec<String> = i1.children.iter().map(|c| squash(&c.title)).collect();
    assert_eq!(
        i1.children.len(),
        9,
        "the 9 '-' activities of 1.1: {kids:#?}"
    );
    let find = |needle: &str| {
        i1.children
            .iter()
            .find(|c| norm(&format!("{} {}", c.title, c.text)).contains(&norm(needle)))
            .unwrap_or_else(|| panic!("an activity mentioning {needle:?} among {kids:#?}"))
    };
    let online = find("phiên họp online");
    assert!(
        has_target(online, 20.0, 30.0, "cuộc", Some("năm")),
        "20-30 cuộc/năm on the online sessions: {:?}",
        online.targets
    );
    let clips = find("Xây dựng clip");
    assert!(
        has_target(clips, 2.0, 3.0, "clip", None),
        "02-03 clip: {:?}",
        clips.targets
    );
    let workshops = find("tọa đàm, workshop");
    assert!(
        has_target(workshops, 3.0, 5.0, "cuộc", None),
        "03-05 cuộc: {:?}",
        workshops.targets
    );
}

#[test]
fn seed_item_2() {
    let Some(p) = seed() else { return };
    let i2 = p.items.get(1).expect("item 2");
    let nums: Vec<Option<&str>> = i2.children.iter().map(|c| c.numbering.as_deref()).collect();
    assert_eq!(i2.children.len(), 3, "2.1-2.3: {nums:?}");
    for (c, n) in i2.children.iter().zip(["2.1", "2.2", "2.3"]) {
        let got = c.numbering.as_deref().unwrap_or("");
        assert!(
            got.trim_end_matches('.') == n,
            "numbering {got:?}, expected {n}"
        );
    }
    let c21 = &i2.children[0];
    assert_eq!(
        norms(&c21.lead_units),
        norms_of(&[
            "Phòng Quản lý Di sản văn hóa",
            "Tạp chí Kiến trúc (Hội Kiến trúc sư Việt Nam)"
        ]),
        "2.1 lead"
    );
    assert!(
        has_target(c21, 30.0, 40.0, "trang", None),
        "2.1 30-40 trang: {:?}",
        c21.targets
    );
    let c22 = &i2.children[1];
    assert!(
        has_target(c22, 12.0, 15.0, "phút", None),
        "2.2 12-15 phút: {:?}",
        c22.targets
    );
}

#[test]
fn seed_item_3() {
    let Some(p) = seed() else { return };
    let i3 = p.items.get(2).expect("item 3");
    assert_eq!(
        norms(&i3.lead_units),
        norms_of(&["Phòng Quản lý Di sản văn hóa", "Văn phòng Sở"]),
        "item 3 lead"
    );
    let kids: Vec<(Option<&str>, String)> = i3
        .children
        .iter()
        .map(|c| (c.numbering.as_deref(), squash(&c.title)))
        .collect();
    assert_eq!(i3.children.len(), 2, "the two '+' activities: {kids:#?}");
    assert!(
        i3.children
            .iter()
            .all(|c| c.numbering.as_deref() == Some("+"))
    );
}

#[test]
fn seed_responsibilities() {
    let Some(p) = seed() else { return };
    let got: Vec<(String, usize)> = p
        .responsibilities
        .iter()
        .map(|r| (norm(&r.unit), r.duties.len()))
        .collect();
    let expected: Vec<(String, usize)> = [
        ("Ban Giám đốc", 1),
        ("Phòng Quản lý Di sản văn hóa", 3),
        ("Phòng Kế hoạch Tài chính", 1),
        ("Văn phòng Sở", 3),
        (
            "Trung tâm điều phối các hoạt động sáng tạo Hà Nội (thuộc Bảo tàng Hà Nội)",
            1,
        ),
    ]
    .iter()
    .map(|(u, n)| (norm(u), *n))
    .collect();
    assert_eq!(got, expected, "responsibilities (unit, number of duties)");
}

#[test]
fn seed_recipients_archive_signer() {
    let Some(p) = seed() else { return };
    assert_eq!(p.recipients.len(), 5, "recipients: {:#?}", p.recipients);
    assert_eq!(norm(&p.recipients[0].name), norm("Đ/c Giám đốc Sở"));
    assert_eq!(
        p.recipients[0].note.as_deref().map(norm),
        Some(norm("để chỉ đạo"))
    );
    assert_eq!(
        p.archive.as_deref().map(squash).as_deref(),
        Some("VT, QLDSVH (6b)")
    );
    let s = p.signer.as_ref().expect("signer");
    assert_eq!(s.title.as_deref().map(norm), Some(norm("GIÁM ĐỐC")));
    assert_eq!(
        s.name.as_deref().map(squash).as_deref(),
        Some("Đỗ Đình Hồng")
    );
}

// ---------------------------------------------------------------------------------------
// Real .docx and .pdf files (tests/fixtures, made with LibreOffice; see the README there)
// ---------------------------------------------------------------------------------------

fn fixtures_dir() -> PathBuf {
    crate_dir().join("tests/fixtures")
}

fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .map(|rd| {
            rd.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "docx" || e == "pdf"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// (fixture stem, the .txt it was made from, relative to the shared directory)
const CONVERTED: [(&str, &str); 3] = [
    ("seed", "seed/000_a2c555ca22084133.txt"),
    (
        "01-hanoi-svhtt",
        "corpus/plans/01-hanoi-svhtt-kh-dien-dan-truc-tuyen-van-hoa.txt",
    ),
    (
        "13-hcm-kh-172",
        "corpus/plans/13-hcm-kh-172-thi-hanh-luat-viec-lam.txt",
    ),
];

#[test]
fn docx_and_pdf_fixtures_read_like_their_text() {
    let Some(shared) = shared_or_skip("docx_and_pdf_fixtures_read_like_their_text") else {
        return;
    };
    let mut failures = String::new();
    for (stem, txt) in CONVERTED {
        let from_txt = vanban::read_file(&shared.join(txt), None).expect("the .txt reads");
        for ext in ["docx", "pdf"] {
            let path = fixtures_dir().join(format!("{stem}.{ext}"));
            assert!(path.is_file(), "fixture {} is committed", path.display());
            let plan = match vanban::read_file(&path, None) {
                Ok(p) => p,
                Err(e) => {
                    writeln!(failures, "  {stem}.{ext}: {e}").unwrap();
                    continue;
                }
            };
            let pairs = [
                (
                    "document.kind",
                    norm(&plan.document.kind),
                    norm(&from_txt.document.kind),
                ),
                (
                    "document.title",
                    norm(&plan.document.title),
                    norm(&from_txt.document.title),
                ),
                (
                    "top-level items",
                    plan.items.len().to_string(),
                    from_txt.items.len().to_string(),
                ),
            ];
            for (field, got, want) in pairs {
                if got != want {
                    writeln!(
                        failures,
                        "  {stem}.{ext} | {field}\n      .txt:  {want}\n      .{ext}: {got}"
                    )
                    .unwrap();
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures differ from their text:\n{failures}"
    );
}

/// The PDF and Word fixtures against their .txt: the agreement of the readings (see
/// `corpus/agreement.rs`), and, where a document has hand-checked expectations, the
/// share of them that holds. A PDF must score within 0.02 of its text.
#[test]
fn pdf_fixtures_score_within_two_hundredths_of_their_text() {
    let Some(shared) = shared_or_skip("pdf_fixtures_score_within_two_hundredths_of_their_text")
    else {
        return;
    };
    let expectations: Vec<(String, Table)> = expectation_files()
        .iter()
        .map(|p| (name(p), load_expectation(p)))
        .collect();
    let score = |plan: &ParsedPlan, txt: &str| -> Option<f64> {
        let (file, exp) = expectations
            .iter()
            .find(|(_, e)| str_of(e, "file") == Some(txt))?;
        let mut misses = Vec::new();
        let checks = check_expectation(file, exp, plan, &mut misses);
        Some(1.0 - misses.len() as f64 / checks.max(1) as f64)
    };
    let mut failures = String::new();
    for (stem, txt) in CONVERTED {
        let from_txt = vanban::read_file(&shared.join(txt), None).expect("the .txt reads");
        let txt_score = score(&from_txt, txt);
        for ext in ["docx", "pdf"] {
            let plan = vanban::read_file(&fixtures_dir().join(format!("{stem}.{ext}")), None)
                .expect("the fixture reads");
            let agree = agreement::agreement(&plan, &from_txt);
            let own = score(&plan, txt);
            eprintln!(
                "{stem}.{ext}: agreement with the .txt {agree:.3}; expectations held {} (.txt {})",
                own.map_or("-".into(), |s| format!("{s:.3}")),
                txt_score.map_or("-".into(), |s| format!("{s:.3}")),
            );
            if let (Some(own), Some(txt_score)) = (own, txt_score)
                && own < txt_score - 0.02
            {
                writeln!(failures, "  {stem}.{ext}: {own:.3} against {txt_score:.3}").unwrap();
            }
            if agree < 0.98 {
                writeln!(failures, "  {stem}.{ext}: agreement {agree:.3}").unwrap();
            }
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures score below their text:\n{failures}"
    );
}

#[test]
fn docx_task_table_fixture_gives_rows_with_units() {
    // tests/fixtures/task-table.docx holds a real Word table: STT / Nội dung / Đơn vị chủ
    // trì / Đơn vị phối hợp / Thời gian, with 2 group rows and 4 task rows.
    let path = fixtures_dir().join("task-table.docx");
    let plan = vanban::read_file(&path, None).expect("task-table.docx reads");
    assert_eq!(norm(&plan.document.kind), norm("Kế hoạch"));
    let leads: Vec<&str> = plan
        .all_items()
        .flat_map(|i| &i.lead_units)
        .map(String::as_str)
        .collect();
    let with_lead = plan
        .all_items()
        .filter(|i| !i.lead_units.is_empty())
        .count();
    assert_eq!(
        with_lead, 4,
        "4 task rows with a lead unit, leads {leads:?}"
    );
    let has_lead = |u: &str| leads.iter().any(|l| norm(l) == norm(u));
    assert!(has_lead("Phòng Quản lý Di sản văn hóa"), "{leads:?}");
    assert!(has_lead("Văn phòng Sở"), "{leads:?}");
    let deadlines: Vec<&vanban::Deadline> = plan.all_items().flat_map(|i| &i.deadlines).collect();
    assert!(
        deadlines
            .iter()
            .any(|d| d.due == NaiveDate::from_ymd_opt(2025, 6, 30)),
        "Quý II/2025 → 2025-06-30 among {deadlines:?}"
    );
}

#[test]
fn truncated_docx_and_pdf_give_a_clean_error() {
    let files = fixture_files();
    assert!(files.len() >= 7, "the fixtures are committed: {files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let half = &bytes[..bytes.len() / 2];
        let name = name(&path);
        let format = if name.ends_with(".pdf") {
            Format::Pdf
        } else {
            Format::Docx
        };
        let result = std::panic::catch_unwind(|| vanban::read_bytes(half, &name, Some(format)));
        let result = result.unwrap_or_else(|_| panic!("{name}: truncated copy panicked"));
        match result {
            Err(e) => {
                assert_eq!(e.file_name(), name, "the error names the file");
                let ok = matches!(e, ReadError::Docx { .. } | ReadError::Pdf { .. });
                assert!(ok, "{name}: a format error, got {e:?}");
            }
            // A PDF cut in half may still hold whole pages; reading them is fine too.
            Ok(plan) => assert!(
                format == Format::Pdf && schema_errors(&plan).is_empty(),
                "{name}: a truncated .docx must not read"
            ),
        }
    }
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

//! The role matrix's table (`role_matrix.txt`): reading it, the routes in the source it
//! must cover, and writing it back with the cells seen.

use super::{ROLES, TABLE};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A line of the table.
#[derive(Clone)]
pub(super) struct Row {
    pub(super) method: String,
    pub(super) pattern: String,
    pub(super) path: String,
    pub(super) body: String,
    pub(super) cells: Vec<String>,
}

/// The table: its lines as written (`Ok`: a row, by index), the rows, the named forms and
/// the setup's forms (who, path, body, the name taking the id of the page it lands on).
#[derive(Default)]
pub(super) struct Table {
    pub(super) lines: Vec<Result<usize, String>>,
    pub(super) rows: Vec<Row>,
    pub(super) forms: HashMap<String, String>,
    pub(super) setup: Vec<[String; 4]>,
}

pub(super) static PARSED: LazyLock<Table> = LazyLock::new(read_table);

pub(super) fn table_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE)
}

pub(super) fn read_table() -> Table {
    let text = std::fs::read_to_string(table_path()).expect("the role matrix table");
    let names: Vec<&str> = ROLES.iter().map(|w| w.0).collect();
    let mut t = Table::default();
    for (n, line) in text.lines().enumerate() {
        let at = format!("{TABLE}:{}", n + 1);
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        if let Some(roles) = line.strip_prefix("roles:") {
            let listed: Vec<&str> = roles.split_whitespace().collect();
            assert_eq!(listed, names, "{at}: the columns are the test's roles");
        } else if let Some(form) = line.strip_prefix('@') {
            let (name, body) = form.split_once('=').expect("@name = fields");
            t.forms.insert(name.trim().into(), body.trim().into());
        } else if let Some(setup) = parts[0].strip_prefix("setup:") {
            let (who, path) = setup.trim().split_once(' ').expect("setup: WHO PATH");
            let name = parts.get(2).unwrap_or(&"");
            t.setup.push([who, path, parts[1], name].map(String::from));
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            let (route, path, cells, body) = match parts[..] {
                [route, path, cells] => (route, path, cells, ""),
                [route, path, cells, body] => (route, path, cells, body),
                _ => panic!("{at}: METHOD PATTERN | PATH | CELLS [| BODY]"),
            };
            let (method, pattern) = route.split_once(' ').expect("METHOD PATTERN");
            let cells: Vec<String> = cells.split_whitespace().map(String::from).collect();
            assert_eq!(cells.len(), ROLES.len(), "{at}: one cell per role");
            t.lines.push(Ok(t.rows.len()));
            let (method, pattern) = (method.into(), pattern.trim().into());
            let (path, body) = (path.into(), body.into());
            t.rows.push(Row {
                method,
                pattern,
                path,
                body,
                cells,
            });
            continue;
        }
        t.lines.push(Err(line.to_string()));
    }
    t
}

/// Every (method, path) pair registered with `.route(` in the crate's sources.
pub(super) fn source_routes() -> BTreeSet<(String, String)> {
    let mut files = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    let mut out = BTreeSet::new();
    while let Some(p) = files.pop() {
        if p.is_dir() {
            files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.extend(route_pairs(&std::fs::read_to_string(&p).unwrap()));
        }
    }
    out
}

/// The pairs of one source file: the literal after `.route(`, and each method function
/// called at the top level of the method router that follows it.
pub(super) fn route_pairs(src: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in src.match_indices(".route(") {
        let rest = src[at + ".route(".len()..].trim_start();
        let Some(rest) = rest.strip_prefix('"') else {
            continue;
        };
        let Some(end) = rest.find('"') else { continue };
        let (mut depth, mut word) = (0i32, String::new());
        for c in rest[end + 1..].chars() {
            match c {
                '(' if depth == 0 && !word.is_empty() => {
                    out.push((word.to_uppercase(), rest[..end].to_string()));
                    depth += 1;
                }
                '(' | '{' | '[' => depth += 1,
                ')' if depth == 0 => break,
                ')' | '}' | ']' => depth -= 1,
                _ => {}
            }
            if c.is_ascii_alphanumeric() || c == '_' {
                word.push(c);
            } else {
                word.clear();
            }
        }
    }
    out
}

#[test]
fn route_pairs_reads_chained_and_split_routers() {
    let src = r#"Router::new().route("/a", get(x::list).post(x::create))
        .route(
            "/b/{id}.xlsx",
            get(report::download::<{ report::XLSX }>),
        ).route("/c", post(f))"#;
    let want = [
        ("GET", "/a"),
        ("POST", "/a"),
        ("GET", "/b/{id}.xlsx"),
        ("POST", "/c"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(route_pairs(src), want);
}

/// The cells that differ, by row: "expected → got" per role.
pub(super) fn differences(rows: &[Row], seen: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (row, got) in rows.iter().zip(seen) {
        let cells = ROLES.iter().zip(row.cells.iter().zip(got));
        let bad = cells.filter(|(_, (want, got))| want != got);
        let bad = bad.map(|(who, (want, got))| format!("    {:<9} {want} → {got}\n", who.0));
        let bad: String = bad.collect();
        if !bad.is_empty() {
            let (m, p) = (&row.method, &row.pattern);
            out.push_str(&format!("  {m} {p}  [{}]\n{bad}", row.path));
        }
    }
    out
}

/// The table again with the cells seen, aligned: `rows` are the table's rows (those of
/// routes that are `gone` left out), then rows for routes it lacked.
pub(super) fn write_table(rows: &[Row], seen: &[Vec<String>], gone: &[(String, String)]) {
    let route_w = rows
        .iter()
        .map(|r| r.method.len() + 1 + r.pattern.len())
        .max();
    let path_w = rows
        .iter()
        .map(|r| r.path.chars().count())
        .max()
        .unwrap_or(0);
    let width = |c: usize| {
        seen.iter()
            .map(|s| s[c].len())
            .chain([ROLES[c].0.len()])
            .max()
    };
    let cell_w: Vec<usize> = (0..ROLES.len()).map(|c| width(c).unwrap()).collect();
    let cells = |cells: Vec<&str>| -> String {
        let padded = cells.iter().zip(&cell_w).map(|(c, w)| format!("{c:<w$}"));
        padded.collect::<Vec<_>>().join(" ")
    };
    let route_w = route_w.unwrap_or(0);
    let line = |i: usize| {
        let (r, route) = (&rows[i], format!("{} {}", rows[i].method, rows[i].pattern));
        let path = format!("{}{}", r.path, " ".repeat(path_w - r.path.chars().count()));
        let body = if r.body.is_empty() {
            String::new()
        } else {
            format!(" | {}", r.body)
        };
        let seen = cells(seen[i].iter().map(String::as_str).collect());
        let line = format!("{route:<route_w$} | {path} | {seen}{body}");
        line.trim_end().to_string()
    };
    let mut out: Vec<String> = Vec::new();
    for l in &PARSED.lines {
        match l {
            Err(text) if text.starts_with("roles:") => {
                let pad = " ".repeat(route_w + path_w + 6 - "roles:".len());
                let names = cells(ROLES.iter().map(|w| w.0).collect());
                out.push(format!("roles:{pad}{names}").trim_end().to_string());
            }
            Err(text) => out.push(text.clone()),
            Ok(i) if gone.contains(&(rows[*i].method.clone(), rows[*i].pattern.clone())) => {}
            Ok(i) => out.push(line(*i)),
        }
    }
    out.extend((PARSED.rows.len()..rows.len()).map(line));
    std::fs::write(table_path(), out.join("\n") + "\n").unwrap();
}

//! The built binary, as an operator runs it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_sangtao");

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn sangtao(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("SANGTAO_DATABASE_URL")
        .env_remove("SANGTAO_CONFIG")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run sangtao")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A server started on a free port; stdout lines arrive on a channel.
struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
    addr: String,
}

impl Server {
    fn start(data_dir: &Path) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .env_remove("SANGTAO_DATABASE_URL")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut s = Server {
            child,
            lines: rx,
            seen: Vec::new(),
            addr: String::new(),
        };
        let line = s.wait_for("serving at");
        s.addr = line
            .split("http://")
            .nth(1)
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        s
    }

    fn wait_for(&mut self, needle: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(30)) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if l.contains(needle) {
                        return l;
                    }
                }
                Err(_) => panic!("no line with {needle:?}; saw {:?}", self.seen),
            }
        }
    }

    /// SIGTERM, then wait for a clean exit.
    fn stop(mut self) {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "graceful shutdown exits 0, got {status}");
    }
}

#[test]
fn first_start_prints_the_one_time_password_and_healthcheck_works() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let all = server.seen.join("\n");
    assert!(all.contains("One-time password"), "{all}");
    assert!(all.contains("http://127.0.0.1:"), "{all}");
    let ok = sangtao(dir.path(), &["healthcheck", "--address", &server.addr]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("healthy"));
    let addr = server.addr.clone();
    server.stop();
    let down = sangtao(dir.path(), &["healthcheck", "--address", &addr]);
    assert_eq!(down.status.code(), Some(1));
    assert!(stderr(&down).contains("unhealthy"));
    // A second start on the same database does not seed or print a password again.
    let again = Server::start(dir.path());
    assert!(!again.seen.join("\n").contains("One-time password"));
    again.stop();
}

#[test]
fn a_second_server_on_the_same_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = Server::start(dir.path());
    let second = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env_remove("SANGTAO_DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(1));
    let err = stderr(&second);
    assert!(err.contains("already using the database"), "{err}");
    assert!(
        err.contains(&format!("process {}", first.child.id())),
        "names the holder: {err}"
    );
    assert!(
        err.contains("sangtao.db.lock"),
        "names the lock file: {err}"
    );
    first.stop();
}

#[test]
fn unknown_database_schemes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = sangtao(
        dir.path(),
        &["migrate", "--database-url", "mysql://localhost/sangtao"],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("mysql") && err.contains("sqlite") && err.contains("postgres"),
        "{err}"
    );
}

#[test]
fn an_unreachable_postgres_url_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let o = sangtao(
        dir.path(),
        &[
            "migrate",
            "--database-url",
            "postgres://sangtao@127.0.0.1:1/sangtao",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("127.0.0.1:1"), "names the server: {err}");
}

#[test]
fn a_data_directory_that_cannot_be_written_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let o = sangtao(&file.join("data"), &["serve", "--listen", "127.0.0.1:0"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("data directory") && err.contains("--data-dir"),
        "{err}"
    );
}

#[test]
fn import_refuses_non_plans_and_reports_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let report = shared().join("corpus/plans/25-laocai-sct-bc-ket-qua-thang-hanh-dong-atvsld.txt");
    let o = sangtao(dir.path(), &["import", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("is not a plan") && err.contains("Báo cáo"),
        "names the kind found: {err}"
    );

    let plan = shared().join("corpus/plans/01-hanoi-svhtt-kh-dien-dan-truc-tuyen-van-hoa.txt");
    let o = sangtao(dir.path(), &["import", plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("imported"));
    let o = sangtao(dir.path(), &["import", plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("already imported"), "{}", stderr(&o));

    let missing = sangtao(dir.path(), &["import", "/nonexistent/kh.txt"]);
    assert_eq!(missing.status.code(), Some(5));
}

#[test]
fn import_takes_the_documents_funding_and_says_how_many_sources() {
    // The seed's section III names one source (the city budget assigned to the department);
    // plan 01 names none. The count printed is what `import_plan_funded` was given.
    let dir = tempfile::tempdir().unwrap();
    let seed = shared().join("seed/000_a2c555ca22084133.txt");
    let o = sangtao(dir.path(), &["import", seed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 funding sources"), "{}", stdout(&o));
    let plan = shared().join("corpus/plans/01-hanoi-svhtt-kh-dien-dan-truc-tuyen-van-hoa.txt");
    let o = sangtao(dir.path(), &["import", plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 funding sources"), "{}", stdout(&o));
}

#[test]
fn unreadable_documents_are_explained_in_vietnamese_unless_english_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    // An old Word file: the OLE2 signature and a "WordDocument" stream name (UTF-16).
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.resize(512, 0);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("ke-hoach.doc");
    std::fs::write(&path, &doc).unwrap();
    let o = sangtao(dir.path(), &["import", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Tệp Word cũ (.doc): hãy lưu lại dưới dạng .docx"),
        "{}",
        stderr(&o)
    );
    // The same file renamed .docx, read by `plan parse`, in English.
    let renamed = dir.path().join("ke-hoach.docx");
    std::fs::write(&renamed, &doc).unwrap();
    let o = Command::new(BIN)
        .args(["plan", "parse", renamed.to_str().unwrap()])
        .env("SANGTAO_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("old Word file (.doc) renamed .docx"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn user_commands_add_list_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let o = sangtao(
        dir.path(),
        &[
            "user",
            "add",
            "thu.ha",
            "--name",
            "Phạm Thu Hà",
            "--role",
            "staff,finance",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("one-time password"));
    let o = sangtao(dir.path(), &["user", "list"]);
    assert!(stdout(&o).contains("thu.ha") && stdout(&o).contains("finance"));
    let o = sangtao(dir.path(), &["user", "reset", "thu.ha"]);
    assert_eq!(o.status.code(), Some(0));
    let o = sangtao(
        dir.path(),
        &["user", "add", "khach", "--name", "X", "--role", "boss"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("boss"));
}

#[test]
fn dev_seed_shows_progress_and_refuses_a_database_with_plans() {
    let dir = tempfile::tempdir().unwrap();
    let o = sangtao(
        dir.path(),
        &[
            "dev",
            "seed",
            "--items",
            "1200",
            "--reports",
            "3000",
            "--plans",
            "3",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // One progress line per plan (stderr is not a terminal here), with the rate and the
    // time left, then one while the reports' search text is written.
    let err = stderr(&o);
    assert_eq!(err.matches("sangtao dev seed: ").count(), 4, "{err}");
    assert!(err.contains("3/3 kế hoạch · 1200/1200 nhiệm vụ"), "{err}");
    assert_eq!(err.matches("báo cáo/s").count(), 3, "{err}");
    assert!(err.contains("đang lập chỉ mục tìm kiếm báo cáo"), "{err}");
    let out = stdout(&o);
    assert!(out.contains("made 3 plans, 1200 items"), "{out}");
    // The empty database got the built-in plan and an admin first.
    assert!(out.contains("One-time password"), "{out}");
    // Now it holds plans: refused without --force, nothing added.
    let again = sangtao(dir.path(), &["dev", "seed", "--items", "10"]);
    assert_eq!(again.status.code(), Some(3));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let forced = sangtao(dir.path(), &["dev", "seed", "--items", "10", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    let zero = sangtao(dir.path(), &["dev", "seed", "--items", "0"]);
    assert_eq!(zero.status.code(), Some(1));
    assert!(stderr(&zero).contains("--items"));
}

#[test]
fn report_writes_the_official_report_and_its_annex() {
    let dir = tempfile::tempdir().unwrap();
    // An empty database has no plan to report on.
    let out = dir.path().join("bao-cao.docx");
    let o = sangtao(dir.path(), &["report", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("sangtao import"), "{}", stderr(&o));
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seed/hanoi-2025-uccn.txt");
    let o = sangtao(dir.path(), &["import", seed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // A quarter is not a results-report period: usage error, nothing written.
    let o = sangtao(
        dir.path(),
        &[
            "report",
            "--period",
            "2025-Q2",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("2025-H1"), "{}", stderr(&o));
    assert!(!out.exists());
    let o = sangtao(
        dir.path(),
        &["report", "--period", "2099", "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("outside"), "{}", stderr(&o));
    assert!(!out.exists());
    let o = sangtao(
        dir.path(),
        &["report", "--plan", "99", "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));

    // The year report with its annex: a DOCX and an XLSX (zip containers).
    let annex = dir.path().join("phu-luc.xlsx");
    let o = sangtao(
        dir.path(),
        &[
            "report",
            "--plan",
            "1",
            "--period",
            "2025",
            "--out",
            out.to_str().unwrap(),
            "--annex",
            annex.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2025"), "{}", stdout(&o));
    for (path, part) in [(&out, "word/document.xml"), (&annex, "xl/workbook.xml")] {
        let bytes = std::fs::read(path).unwrap();
        assert!(bytes.starts_with(b"PK"), "{} is a zip", path.display());
        let names = String::from_utf8_lossy(&bytes);
        assert!(names.contains(part), "{} holds {part}", path.display());
    }
    // Without --period: the plan's own year, whatever today is.
    let o = sangtao(dir.path(), &["report", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("2025"), "{}", stdout(&o));
}

#[test]
fn dev_demo_loads_a_year_once_and_names_its_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let o = sangtao(dir.path(), &["dev", "demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("29 sự kiện"), "{out}");
    assert!(out.contains("21 báo cáo tiến độ"), "{out}");
    for login in [
        "demo.qldsvh",
        "demo.bthn",
        "demo.vps",
        "demo.tckt",
        "demo.bgd",
    ] {
        assert!(out.contains(login), "{login} in {out}");
    }
    // A second time: refused with a reason, nothing added.
    let o = sangtao(dir.path(), &["dev", "demo"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("chỉ nạp một lần"), "{}", stderr(&o));
    // Another plan than the seed: refused, naming what it lacks.
    let o = sangtao(dir.path(), &["dev", "demo", "--plan", "99"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Không tìm thấy Kế hoạch số 99"),
        "{}",
        stderr(&o)
    );
}

// Backup and restore (issue 14).
#[path = "cli/backup.rs"]
mod backup;

#[test]
fn import_cities_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("uccn_cities_unesco_site_2024-10-01.csv"),
        "city,creative_field,unesco_slug,unesco_url\n\
         Bangkok,Design,bangkok,https://www.unesco.org/en/creative-cities/bangkok\n\
         Da Lat,Music,da-lat,https://www.unesco.org/en/creative-cities/da-lat\n",
    )
    .unwrap();
    let data_dir = data.path().to_str().unwrap();
    let none = sangtao(dir.path(), &["import-cities", data_dir]);
    assert_eq!(
        none.status.code(),
        Some(3),
        "no admin account yet: {}",
        stderr(&none)
    );
    let add = sangtao(
        dir.path(),
        &["user", "add", "qt", "--name", "Quản trị", "--role", "admin"],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let first = sangtao(dir.path(), &["import-cities", data_dir, "--as", "qt"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // Bangkok, Đà Lạt, and the Vietnamese cities the file lacks (TP HCM, Hà Nội, Hội An,
    // Huế, Quảng Ninh, Đà Nẵng).
    assert!(
        stdout(&first).contains("8 added, 0 changed, 0 unchanged"),
        "{}",
        stdout(&first)
    );
    let again = sangtao(dir.path(), &["import-cities", data_dir, "--as", "qt"]);
    assert!(
        stdout(&again).contains("0 added, 0 changed, 8 unchanged"),
        "{}",
        stdout(&again)
    );
    let missing = sangtao(dir.path(), &["import-cities", "/nonexistent", "--as", "qt"]);
    assert_eq!(missing.status.code(), Some(5));
    assert!(
        stderr(&missing).contains("nothing was imported"),
        "{}",
        stderr(&missing)
    );
}

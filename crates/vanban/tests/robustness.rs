//! The reader never panics, whatever it is given.
//!
//! - arbitrary bytes through `vanban::read_bytes` with every `Format` (and with the DOCX
//!   and PDF magic numbers in front, to get past the first checks);
//! - corpus files and the seed, mutated (byte flips, truncation, line deletions and
//!   duplications, inserted `**`, `|`, form feeds, ...), always read without a panic,
//!   and whenever they read, their JSON validates against the schema;
//! - the .docx/.pdf fixtures with bytes flipped or cut;
//! - fixed regression inputs (edge cases and anything the fuzzer found).
//!
//! Each property runs `PROPTEST_CASES` cases (default 64), which keeps the whole file
//! under a minute in a debug build on 2 cores. Failures print the shrunk input.

mod common;

use common::*;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::sync::OnceLock;
use vanban::Format;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

fn run<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    if let Err(e) = runner().run(&strategy, test) {
        panic!("{name}: {e}");
    }
}

const FORMATS: [Option<Format>; 5] = [
    None,
    Some(Format::Txt),
    Some(Format::Md),
    Some(Format::Docx),
    Some(Format::Pdf),
];

/// Reads bytes; a panic or an invalid JSON result is a test failure, an error is fine.
fn read_checked(bytes: &[u8], name: &str, format: Option<Format>) -> Result<(), TestCaseError> {
    let result = std::panic::catch_unwind(|| vanban::read_bytes(bytes, name, format));
    match result {
        Err(_) => Err(TestCaseError::fail(format!(
            "read_bytes panicked ({} bytes, format {format:?})",
            bytes.len()
        ))),
        Ok(Err(e)) => {
            prop_assert_eq!(e.file_name(), name, "the error names the file");
            Ok(())
        }
        Ok(Ok(plan)) => {
            let errors = schema_errors(&plan);
            prop_assert!(errors.is_empty(), "schema violations: {:?}", errors);
            Ok(())
        }
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let prefixes: [&[u8]; 5] = [
        b"",
        b"PK\x03\x04",
        b"%PDF-1.7\n",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
    ];
    let strategy = (
        prop::collection::vec(any::<u8>(), 0..2048),
        0..FORMATS.len(),
        0..prefixes.len(),
    );
    run("arbitrary_bytes_never_panic", strategy, |(bytes, f, p)| {
        let mut input = prefixes[p].to_vec();
        input.extend_from_slice(&bytes);
        read_checked(&input, "arbitrary.bin", FORMATS[f])
    });
}

#[test]
fn arbitrary_text_never_panics() {
    // Valid UTF-8 made of the characters plans are made of, so that the parser itself
    // (not just the decoder) sees the input.
    let pieces = prop::sample::select(vec![
        "I. ",
        "II. ",
        "1. ",
        "1.1. ",
        "a) ",
        "- ",
        "+ ",
        "(i) ",
        "A. ",
        "\n",
        "\n\n",
        " ",
        "**",
        "*",
        "|",
        " | ",
        "\u{c}",
        "\t",
        "KẾ HOẠCH",
        "QUYẾT ĐỊNH",
        "Số: ",
        "/KH-UBND",
        "ngày 01 tháng 4 năm 2025",
        "Căn cứ ",
        "Thực hiện ",
        "chủ trì",
        ", phối hợp với ",
        "Đơn vị chủ trì:",
        "Thời gian:",
        "Quý II/2025",
        "trước ngày 30/6/2025",
        "20-30 cuộc/năm",
        "(02-03 clip)",
        "285 tỷ đồng",
        "Nơi nhận:",
        "Lưu: VT",
        "KT. GIÁM ĐỐC",
        "PHỤ LỤC",
        "STT | Nội dung | Đơn vị chủ trì",
        "Sở Văn hóa",
        "(",
        ")",
        "0",
        "99999999999999999999",
        "ệ",
        "e\u{302}\u{323}",
        "\u{feff}",
        "<table><tr><td>",
        "</td></tr></table>",
        "#",
    ]);
    let strategy = (prop::collection::vec(pieces, 0..200), 0..3usize);
    run("arbitrary_text_never_panics", strategy, |(pieces, f)| {
        let text = pieces.concat();
        let format = [Some(Format::Txt), Some(Format::Md), None][f];
        let panicked = std::panic::catch_unwind(|| vanban::parse_text(&text)).is_err();
        prop_assert!(!panicked, "parse_text panicked");
        read_checked(text.as_bytes(), "text.txt", format)
    });
}

/// The corpus and the seed as bytes, loaded once (empty when the corpus is absent).
fn corpus_bytes() -> &'static [(String, Vec<u8>)] {
    static CORPUS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let Some(shared) = shared_or_skip("mutated corpus files") else {
            return Vec::new();
        };
        let mut files = corpus_files(&shared);
        files.push(seed_file(&shared));
        files
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(p).unwrap())
            })
            .collect()
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(Index, u8),
    Truncate(Index),
    DeleteLine(Index),
    DuplicateLine(Index),
    Insert(Index, &'static str),
    SwapLines(Index, Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let markup = prop::sample::select(vec![
        "**",
        "*",
        "|",
        " | ",
        "||||",
        "\u{c}",
        "\n",
        "\n\n",
        "\t",
        "** **",
        "- ",
        "+ ",
        "1. ",
        "I. ",
        "a) ",
        "\u{feff}",
        "\r\n",
        "\r",
        "Số: ",
        "/",
        "Quý ",
        "chủ trì",
        "<td>",
    ]);
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        any::<Index>().prop_map(Mutation::Truncate),
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), markup).prop_map(|(i, m)| Mutation::Insert(i, m)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

/// Byte ranges of the lines of `b` (each with its `\n`).
fn line_spans(b: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            spans.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < b.len() {
        spans.push((start, b.len()));
    }
    spans
}

fn apply(mut b: Vec<u8>, m: &Mutation) -> Vec<u8> {
    if b.is_empty() {
        return b;
    }
    match m {
        Mutation::FlipBit(i, bit) => {
            let at = i.index(b.len());
            b[at] ^= 1 << bit;
        }
        Mutation::Truncate(i) => b.truncate(i.index(b.len())),
        Mutation::Insert(i, s) => {
            let at = i.index(b.len() + 1);
            b.splice(at..at, s.bytes());
        }
        Mutation::DeleteLine(i) | Mutation::DuplicateLine(i) => {
            let spans = line_spans(&b);
            let (s, e) = spans[i.index(spans.len())];
            if matches!(m, Mutation::DeleteLine(_)) {
                b.drain(s..e);
            } else {
                let line = b[s..e].to_vec();
                b.splice(e..e, line);
            }
        }
        Mutation::SwapLines(x, y) => {
            let spans = line_spans(&b);
            let (a, c) = (spans[x.index(spans.len())], spans[y.index(spans.len())]);
            let (first, second) = if a.0 <= c.0 { (a, c) } else { (c, a) };
            if first != second && first.1 <= second.0 {
                let mut out = Vec::with_capacity(b.len());
                out.extend_from_slice(&b[..first.0]);
                out.extend_from_slice(&b[second.0..second.1]);
                out.extend_from_slice(&b[first.1..second.0]);
                out.extend_from_slice(&b[first.0..first.1]);
                out.extend_from_slice(&b[second.1..]);
                b = out;
            }
        }
    }
    b
}

#[test]
fn mutated_corpus_files_never_panic_and_stay_valid() {
    let corpus = corpus_bytes();
    if corpus.is_empty() {
        return;
    }
    let strategy = (
        any::<Index>(),
        prop::collection::vec(mutation(), 1..12),
        0..3usize,
    );
    run(
        "mutated_corpus_files_never_panic_and_stay_valid",
        strategy,
        |(file, mutations, f)| {
            let (name, bytes) = &corpus[file.index(corpus.len())];
            let mutated = mutations.iter().fold(bytes.clone(), apply);
            let format = [None, Some(Format::Txt), Some(Format::Md)][f];
            read_checked(&mutated, name, format)
        },
    );
}

#[test]
fn mutated_docx_and_pdf_fixtures_never_panic() {
    let dir = crate_dir().join("tests/fixtures");
    let fixtures: Vec<(String, Vec<u8>)> = ["seed.docx", "task-table.docx", "seed.pdf"]
        .iter()
        .map(|n| (n.to_string(), std::fs::read(dir.join(n)).unwrap()))
        .collect();
    let strategy = (
        any::<Index>(),
        prop::collection::vec((any::<Index>(), any::<u8>()), 1..8),
        any::<Index>(),
    );
    // Fewer cases: every PDF case goes through the PDF library, which is slow in debug.
    let cases = cases().div_ceil(4);
    let mut r = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = r.run(&strategy, |(file, edits, cut)| {
        let (name, bytes) = &fixtures[file.index(fixtures.len())];
        let mut b = bytes.clone();
        for (at, byte) in &edits {
            let i = at.index(b.len());
            b[i] = *byte;
        }
        // Keep at least the header so that the format is still detected.
        b.truncate(16 + cut.index(b.len() - 15));
        read_checked(&b, name, None)
    });
    if let Err(e) = result {
        panic!("mutated_docx_and_pdf_fixtures_never_panic: {e}");
    }
}

/// Every input the fuzzer (fuzz/) found crashing, kept in `tests/data/fuzz-regressions/`.
#[test]
fn fuzz_regressions_never_panic() {
    let dir = crate_dir().join("tests/data/fuzz-regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/fuzz-regressions is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the fuzz regressions are committed");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for format in FORMATS {
            if let Err(e) = read_checked(&bytes, &name, format) {
                panic!("{name} ({format:?}): {e}");
            }
        }
    }
}

/// Fixed edge cases.
#[test]
fn regressions_never_panic() {
    let cases: &[(&str, &[u8])] = &[
        ("empty.txt", b""),
        ("bom-only.txt", b"\xEF\xBB\xBF"),
        ("utf16-odd.txt", b"\xFF\xFEK\x00\x1E"),
        ("utf16be.txt", b"\xFE\xFF\x00K\x1E\xBE"),
        ("formfeeds.txt", b"\x0c\x0c\x0c"),
        ("only-numbering.txt", b"I.\n1.\n1.1.\na)\n-\n+\n(i)\n"),
        (
            "number-only-header.txt",
            "Số: /\nngày  tháng  năm \n".as_bytes(),
        ),
        (
            "big-number.txt",
            "Kinh phí 99999999999999999999999 tỷ đồng".as_bytes(),
        ),
        (
            "bad-date.txt",
            "ngày 31/02/2025; Quý V/2025; tháng 13/2025".as_bytes(),
        ),
        (
            "deep.txt",
            "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1. x\n".as_bytes(),
        ),
        ("range.txt", "(30-20 cuộc/năm) từ 5 đến 3 trang".as_bytes()),
        ("lone-surrogate-like.txt", b"\xED\xA0\x80"),
        ("zip-header.docx", b"PK\x03\x04"),
        ("pdf-header.pdf", b"%PDF-1.7\n"),
        ("pdf-eof.pdf", b"%PDF-1.4\n%%EOF"),
        (
            "tables.md",
            "|||\n| |\n||||\n<table><tr><td></table>".as_bytes(),
        ),
        // The header's number line without a colon (cf. fuzz crash 6e4f659f).
        (
            "so-alone.txt",
            "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố*\n2820/QĐ-UBND\n".as_bytes(),
        ),
        (
            "so-alone-2.txt",
            "|\n**ỦY BAN NHÂN DÂN**\n|\n|\nSố\n|\n".as_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        for format in FORMATS {
            if let Err(e) = read_checked(bytes, name, format) {
                panic!("{name} ({format:?}): {e}");
            }
        }
    }
}

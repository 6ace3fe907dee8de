//! Throughput of the plan reader (`vanban::parse_text`).
//!
//! Groups:
//! - `seed` and a few corpus files one by one;
//! - `corpus_each_file`: the 30 corpus files, each parsed on its own;
//! - `corpus_x1`: the 30 corpus files concatenated;
//! - `corpus_x100`: the same text repeated 100 times. Its time per run must stay within
//!   150 times the `corpus_x1` time (no quadratic behaviour); compare the two "time"
//!   figures, or the equal MB/s figures, in the report.
//!
//! Run: `cargo bench -p vanban --bench reader -- --warm-up-time 1 --measurement-time 3`.
//! The corpus is read from `SANGTAO_SHARED_DIR` or `../../../shared` from the crate.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

fn shared_dir() -> PathBuf {
    std::env::var_os("SANGTAO_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// Decoded text of a file, the way `read_file` hands it to the parser.
fn text_of(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    vanban::input::extract_text(&bytes, &path.display().to_string(), None)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn corpus_texts() -> Vec<(String, String)> {
    let dir = shared_dir().join("corpus/plans");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (set SANGTAO_SHARED_DIR)", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, text_of(p))
        })
        .collect()
}

fn bench_reader(c: &mut Criterion) {
    let seed = text_of(&shared_dir().join("seed/000_a2c555ca22084133.txt"));
    let corpus = corpus_texts();

    let mut g = c.benchmark_group("parse_text");
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("seed", |b| b.iter(|| vanban::parse_text(black_box(&seed))));

    // A short, a long, a tvpl page and a pdftotext file.
    for prefix in ["01-", "05-", "07-", "13-", "28-"] {
        if let Some((name, text)) = corpus.iter().find(|(n, _)| n.starts_with(prefix)) {
            g.throughput(Throughput::Bytes(text.len() as u64));
            let id = name.trim_end_matches(".txt").to_string();
            g.bench_function(id, |b| b.iter(|| vanban::parse_text(black_box(text))));
        }
    }

    // The 30 files parsed one by one, as the reader is used (total bytes per iteration).
    let total: usize = corpus.iter().map(|(_, t)| t.len()).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("corpus_each_file", |b| {
        b.iter(|| {
            for (_, t) in &corpus {
                black_box(vanban::parse_text(black_box(t)));
            }
        })
    });

    let all: String = corpus
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_function("corpus_x1", |b| {
        b.iter(|| vanban::parse_text(black_box(&all)))
    });

    let hundred = std::iter::repeat_n(all.as_str(), 100)
        .collect::<Vec<_>>()
        .join("\n\n");
    g.throughput(Throughput::Bytes(hundred.len() as u64));
    g.sample_size(10);
    g.bench_function("corpus_x100", |b| {
        b.iter(|| vanban::parse_text(black_box(&hundred)))
    });
    g.finish();
}

criterion_group!(benches, bench_reader);
criterion_main!(benches);

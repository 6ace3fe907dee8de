//! Peak heap memory of the plan reader, measured with a counting global allocator.
//!
//! Reads the 30 corpus files, concatenates their text (×1) and the same text repeated 100
//! times (×100), parses each with `vanban::parse_text`, and prints the input size, the
//! peak heap in use while parsing (above what was in use before), and their ratio.
//! Requirement (issue 2): peak ≤ 10 × input. Exits with status 1 when it is exceeded.
//!
//! Run: `cargo run --release -p vanban --example peak_memory`
//! (the corpus comes from `SANGTAO_SHARED_DIR` or `../../../shared` from the crate).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is forwarded to `System` unchanged; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Parses `text` and returns the peak heap growth during the parse, in bytes. The result is
/// kept alive until the peak has been read, so it is counted.
fn peak_while_parsing(text: &str) -> (usize, usize) {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let plan = vanban::parse_text(text);
    let peak = PEAK.load(Relaxed) - base;
    let kept = CURRENT.load(Relaxed) - base;
    drop(plan);
    (peak, kept)
}

fn main() {
    let shared = std::env::var_os("SANGTAO_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("corpus/plans");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (set SANGTAO_SHARED_DIR)", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            vanban::input::extract_text(&bytes, &p.display().to_string(), None).unwrap()
        })
        .collect();
    let x1 = texts.join("\n\n");
    let x100 = std::iter::repeat_n(x1.as_str(), 100)
        .collect::<Vec<_>>()
        .join("\n\n");

    // The reader's compiled patterns and tables are built once per process, on the first
    // parse, whatever its size: measure that apart so that the figures below are the
    // memory that grows with the input.
    let (init_peak, init_kept) = peak_while_parsing(&texts[0]);
    println!(
        "one-time initialisation (first parse of a {}-byte file): peak {init_peak} bytes, kept {init_kept} bytes",
        texts[0].len()
    );
    println!("input        bytes  peak heap bytes  kept (result)  peak/input");
    let mut ok = true;
    for (label, text) in [("corpus x1", &x1), ("corpus x100", &x100)] {
        let (peak, kept) = peak_while_parsing(text);
        let ratio = peak as f64 / text.len() as f64;
        ok &= ratio <= 10.0;
        println!(
            "{label:<11} {:>10} {:>16} {:>14} {:>11.2}",
            text.len(),
            peak,
            kept,
            ratio
        );
    }
    // For information: each document parsed on its own (the usual case), worst ratio.
    let worst = files
        .iter()
        .zip(&texts)
        .map(|(p, t)| (peak_while_parsing(t).0 as f64 / t.len() as f64, p, t.len()))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .expect("a corpus file");
    println!(
        "worst single file: {} ({} bytes), peak/input {:.2}",
        worst.1.file_name().unwrap().to_string_lossy(),
        worst.2,
        worst.0
    );
    println!(
        "requirement: peak <= 10 x input: {}",
        if ok { "met" } else { "NOT met" }
    );
    if !ok {
        std::process::exit(1);
    }
}

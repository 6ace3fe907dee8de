//! Parses one file many times: a steady load for a sampling profiler.
//! `cargo run --release -p vanban --example parse_loop -- FILE [TIMES]`, e.g. under
//! `perf record -g` or callgrind. Prints the mean time per parse and the throughput.

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: parse_loop FILE [TIMES]");
    let times: u32 = args
        .next()
        .map_or(2000, |n| n.parse().expect("TIMES is a number"));
    let bytes = std::fs::read(&path).expect("readable file");
    let text = vanban::input::extract_text(&bytes, &path, None).expect("text");
    black_box(vanban::parse_text(&text)); // build the patterns and tables first
    let start = Instant::now();
    parse_many(&text, times);
    let per = start.elapsed().as_secs_f64() / f64::from(times);
    println!(
        "{} bytes, {:.1} µs per parse, {:.1} MB/s",
        text.len(),
        per * 1e6,
        text.len() as f64 / per / 1e6
    );
}

/// The measured loop, apart so that `valgrind --tool=callgrind
/// --toggle-collect=parse_loop::parse_many` counts it without the first parse.
#[inline(never)]
fn parse_many(text: &str, times: u32) {
    for _ in 0..times {
        black_box(vanban::parse_text(black_box(text)));
    }
}

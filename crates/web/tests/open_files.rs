//! The server loop when the process has no file left (issue 14, finding 5): `accept` fails
//! with EMFILE; the loop waits and tries again instead of spinning or stopping, and serves
//! as soon as the header-read time-out has closed idle connections. A test binary of its
//! own: it lowers the limit of the whole process.
#![cfg(target_os = "linux")]

mod common;

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn open_file_limit() -> libc::rlimit {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given.
    assert_eq!(
        unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) },
        0
    );
    limit
}

/// User and system time this process has used.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given; all zeros is a valid one.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) }, 0);
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

fn set_open_file_limit(limit: libc::rlimit) {
    // SAFETY: setrlimit only reads the struct it is given.
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) }, 0);
}

#[tokio::test]
async fn out_of_files_the_server_waits_and_serves_again() {
    const TIMEOUT: Duration = Duration::from_secs(1);
    let app = common::spawn_app_with(common::Backend::Sqlite, |c| {
        c.header_read_timeout = TIMEOUT;
    })
    .await;
    assert_eq!(app.get("/healthz").await.status(), reqwest::StatusCode::OK);
    let mut idle = Vec::new();
    for _ in 0..20 {
        idle.push(TcpStream::connect(app.addr).await.unwrap());
    }
    // The late client's socket is made now: once the limit is reached, only connecting
    // (which takes no new file on this side) is possible.
    let late = tokio::net::TcpSocket::new_v4().unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;

    // Not one file more for this process: the limit at the files open, and any gap below
    // it filled.
    let before = open_file_limit();
    let open = std::fs::read_dir("/proc/self/fd").unwrap().count() as libc::rlim_t;
    set_open_file_limit(libc::rlimit {
        rlim_cur: open,
        rlim_max: before.rlim_max,
    });
    let mut gaps = Vec::new();
    let full = loop {
        match std::fs::File::open("/dev/null") {
            Ok(f) => gaps.push(f),
            Err(e) => break e,
        }
    };
    assert_eq!(full.raw_os_error(), Some(libc::EMFILE), "{full}");

    // The server cannot accept the late connection until the idle ones are closed.
    let start = Instant::now();
    let cpu = cpu_time();
    let mut late = late.connect(app.addr).await.unwrap();
    late.write_all(b"GET /healthz HTTP/1.1\r\nHost: sangtao\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    let read = tokio::time::timeout(Duration::from_secs(10), late.read_to_string(&mut answer));
    read.await
        .expect("answered within 10 s")
        .expect("read the answer");
    let waited = start.elapsed();
    let busy = cpu_time() - cpu;
    set_open_file_limit(before);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        waited >= TIMEOUT / 3 && waited < TIMEOUT * 4,
        "answered after {waited:?}: once the idle connections were closed"
    );
    // Meanwhile accept failed again and again: the loop waited between tries.
    assert!(
        busy < waited / 4,
        "{busy:?} of CPU in {waited:?}: a busy loop"
    );
    drop((idle, gaps));
    assert_eq!(app.get("/healthz").await.status(), reqwest::StatusCode::OK);
}

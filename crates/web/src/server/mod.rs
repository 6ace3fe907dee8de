//! The server loop: accepts TCP connections and serves HTTP/1.1 on them, with the bounds
//! that `axum::serve` does not offer. Issue 14, finding 5: 1,000 idle or half-sent
//! connections were held for 45 s, and with 1,024 open files 1,129 of them made `/healthz`
//! time out.
//!
//! - **Header-read time-out** ([`WebConfig::header_read_timeout`]): a connection must send a
//!   whole request head within this time of opening, and again within this time of each
//!   answer. hyper 1.x arms the timer whenever the connection waits for a request head, on
//!   a new connection and again when a kept-alive one goes idle (`proto/h1/conn.rs`:
//!   `poll_read_head`, `State::idle`), so the one setting ends half-sent requests and idle
//!   keep-alive connections alike (the HTTP tests check both). A separate, longer idle
//!   time-out could not take effect.
//! - **Connection limit** ([`WebConfig::max_connections`]): each connection holds a permit
//!   from the moment it is accepted until it closes. When none is free the loop stops
//!   accepting until one is, rather than accepting and closing at once: a waiting client
//!   sits in the kernel's listen queue, which costs this process no file and no memory, and
//!   is answered as soon as a connection ends (at the latest when an idle one reaches the
//!   header-read time-out), where a connection accepted and closed would show the user an
//!   error page; and a flood of connections cannot make the loop spin accepting and
//!   closing. The limit is what keeps the process below its open-file limit, so that
//!   `accept` does not fail with "too many open files" in the first place.
//! - **Write stall** ([`WebConfig::write_stall_timeout`], [`stall`]): an answer whose
//!   client has read nothing of it for this long is abandoned and the connection closed.
//! - **Accept errors**: a peer that left before it was accepted is skipped; any other error
//!   (EMFILE, ENFILE, ENOBUFS) is logged and retried after [`ACCEPT_RETRY`], never in a busy
//!   loop and never ending the server.
//! - **Graceful shutdown**: once `shutdown` completes the listener is closed (new
//!   connections are refused), idle connections are closed, and requests under way finish
//!   on their connections before [`serve`] returns.
//!
//! Handlers still read the peer's address through `ConnectInfo<SocketAddr>`
//! ([`crate::client_addr`]): every request carries it in its extensions.

mod stall;

use crate::{AppState, WebConfig};
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The pause after an accept error other than a peer that left (EMFILE and the like).
pub const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// The shortest interval between two log lines about the same condition (the connection
/// limit reached, accept failing): under a flood, one line per connection would be a flood
/// of its own.
const LOG_EVERY: Duration = Duration::from_secs(10);

/// Serves until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = Limits::of(state.config());
    let app = crate::router(state);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let mut accept = Accept {
        listener,
        permits: Arc::new(Semaphore::new(limits.max_connections)),
        max_connections: limits.max_connections,
        full: Throttled::default(),
        failing: Throttled::default(),
    };
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (permit, stream, remote) = tokio::select! {
            () = &mut shutdown => break,
            next = accept.next() => next,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(remote));
            // The router is always ready: its `poll_ready` returns at once, so `call`
            // needs no wait before it.
            tower_service::Service::call(&mut app.clone(), req)
        });
        let connection = graceful.watch(http.serve_connection(
            TokioIo::new(stall::StallGuard::new(stream, limits.write_stall)),
            service,
        ));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                // Header-read time-outs, clients that left: routine, and frequent under a
                // flood.
                tracing::debug!(%remote, error = %e, "connection ended");
            }
            drop(permit);
        });
    }
    drop(accept);
    graceful.shutdown().await;
    Ok(())
}

/// The listener with its connection permits.
struct Accept {
    listener: TcpListener,
    permits: Arc<Semaphore>,
    max_connections: usize,
    /// Log lines about the limit being reached.
    full: Throttled,
    /// Log lines about `accept` failing.
    failing: Throttled,
}

impl Accept {
    /// The next connection with its permit, waiting for a permit when all are taken, and
    /// trying again after [`ACCEPT_RETRY`] when `accept` fails.
    async fn next(&mut self) -> (OwnedSemaphorePermit, TcpStream, SocketAddr) {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                if let Some(repeated) = self.full.due() {
                    tracing::warn!(
                        max_connections = self.max_connections,
                        repeated,
                        "connection limit reached: new connections wait until one closes"
                    );
                }
                self.permits
                    .clone()
                    .acquire_owned()
                    .await
                    .expect("the semaphore is never closed")
            }
        };
        loop {
            match self.listener.accept().await {
                Ok((stream, remote)) => return (permit, stream, remote),
                Err(e) if peer_left(&e) => {
                    tracing::debug!(error = %e, "a connection ended before it was accepted");
                }
                Err(e) => {
                    if let Some(repeated) = self.failing.due() {
                        tracing::error!(
                            error = %e,
                            repeated,
                            retry_ms = ACCEPT_RETRY.as_millis() as u64,
                            "cannot accept connections"
                        );
                    }
                    tokio::time::sleep(ACCEPT_RETRY).await;
                }
            }
        }
    }
}

/// The connection settings of [`WebConfig`], never 0.
struct Limits {
    header_read_timeout: Duration,
    max_connections: usize,
    write_stall: Duration,
}

impl Limits {
    fn of(cfg: &WebConfig) -> Limits {
        Limits {
            // 0 would end every connection before its first request: the binary refuses
            // it; a library caller gets the shortest useful bound.
            header_read_timeout: cfg.header_read_timeout.max(Duration::from_millis(100)),
            max_connections: cfg.max_connections.clamp(1, Semaphore::MAX_PERMITS),
            write_stall: cfg.write_stall_timeout.max(Duration::from_millis(100)),
        }
    }
}

/// A peer that connected and left before `accept` took its connection: nothing to wait
/// for.
fn peer_left(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    )
}

/// Lets one log line through every [`LOG_EVERY`], counting the ones held back.
#[derive(Default)]
struct Throttled {
    last: Option<Instant>,
    held_back: u64,
}

impl Throttled {
    /// `Some(times held back since the last line)` when a line is due.
    fn due(&mut self) -> Option<u64> {
        let now = Instant::now();
        if self.last.is_some_and(|last| now - last < LOG_EVERY) {
            self.held_back += 1;
            return None;
        }
        self.last = Some(now);
        Some(std::mem::take(&mut self.held_back))
    }
}

/// Completes on ctrl-c or SIGTERM.
///
/// The handlers are registered when this is called, not when the future is
/// first polled: a SIGTERM that arrives right after "serving at" is printed
/// must still mean a graceful stop rather than the default kill.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    #[cfg(unix)]
    let int = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).ok();
    async move {
        #[cfg(unix)]
        {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = wait(term) => {},
                _ = wait(int) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        tracing::info!("shutting down: finishing open requests");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttled_lets_the_first_line_through_and_counts_the_rest() {
        let mut t = Throttled::default();
        assert_eq!(t.due(), Some(0));
        assert_eq!(t.due(), None);
        assert_eq!(t.due(), None);
        t.last = Some(Instant::now() - LOG_EVERY);
        assert_eq!(
            t.due(),
            Some(2),
            "the next line says how many were held back"
        );
        assert_eq!(t.due(), None);
    }

    #[test]
    fn limits_are_never_zero() {
        let cfg = WebConfig {
            header_read_timeout: Duration::ZERO,
            max_connections: 0,
            ..WebConfig::default()
        };
        let l = Limits::of(&cfg);
        assert_eq!(l.max_connections, 1);
        assert!(l.header_read_timeout > Duration::ZERO);
    }
}

//! A bound on how long an answer may wait for a client that reads nothing (issue 14): a
//! client that asks for a large export or file and then stops reading would otherwise
//! hold its connection, its permit and the answer's buffers for ever. The header-read
//! time-out does not cover it, since the request head arrived, and the request time-out
//! ends when the handler returns, before the body is sent.
//!
//! The bound is on a stall, not on the whole answer: a phone on a slow link that keeps
//! reading, however slowly, is never cut off.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// A connection whose writes fail with `TimedOut` once the peer has taken no byte for
/// `limit` while an answer waits to be sent.
pub struct StallGuard<S> {
    inner: S,
    limit: Duration,
    /// Armed while a write waits for the peer; disarmed by any progress.
    deadline: Pin<Box<Sleep>>,
    armed: bool,
}

impl<S> StallGuard<S> {
    pub fn new(inner: S, limit: Duration) -> StallGuard<S> {
        StallGuard {
            inner,
            limit,
            deadline: Box::pin(tokio::time::sleep(limit)),
            armed: false,
        }
    }

    /// What to answer for a write that is `Pending`: still waiting, or the stall's error.
    fn waiting<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        if !self.armed {
            self.deadline.as_mut().reset(Instant::now() + self.limit);
            self.armed = true;
        }
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client read nothing of the answer for too long",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }

    /// Passes on a write's outcome, disarming the deadline on progress.
    fn progressed<T>(
        &mut self,
        cx: &mut Context<'_>,
        poll: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        match poll {
            Poll::Pending => self.waiting(cx),
            ready => {
                self.armed = false;
                ready
            }
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for StallGuard<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for StallGuard<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.progressed(cx, poll)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.progressed(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_flush(cx);
        self.progressed(cx, poll)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const LIMIT: Duration = Duration::from_millis(200);

    #[tokio::test]
    async fn a_peer_that_reads_nothing_fails_the_write_after_the_limit() {
        let (ours, _theirs) = tokio::io::duplex(64);
        let mut guarded = StallGuard::new(ours, LIMIT);
        let start = std::time::Instant::now();
        let err = guarded.write_all(&[0u8; 1024]).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        let took = start.elapsed();
        assert!(took >= LIMIT && took < LIMIT * 2, "{took:?}");
    }

    #[tokio::test]
    async fn a_slow_reader_that_keeps_reading_is_never_cut_off() {
        let (ours, mut theirs) = tokio::io::duplex(64);
        let reader = tokio::spawn(async move {
            let mut got = 0;
            let mut buf = [0u8; 16];
            while got < 256 {
                tokio::time::sleep(LIMIT / 2).await;
                got += theirs.read(&mut buf).await.unwrap();
            }
            got
        });
        let mut guarded = StallGuard::new(ours, LIMIT);
        // 256 bytes at 16 per half-limit: several limits in all, never one without progress.
        guarded.write_all(&[1u8; 256]).await.unwrap();
        assert_eq!(reader.await.unwrap(), 256);
    }

    #[tokio::test]
    async fn reads_pass_through() {
        let (ours, mut theirs) = tokio::io::duplex(64);
        theirs.write_all(b"GET").await.unwrap();
        let mut guarded = StallGuard::new(ours, LIMIT);
        let mut buf = [0u8; 3];
        guarded.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"GET");
    }
}

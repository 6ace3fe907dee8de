//! The bound on password hashing. argon2id takes 19 MiB and tens of milliseconds per
//! hash: unbounded, a flood of sign-ins (with random logins, so that no throttle applies)
//! exhausts the blocking pool and the memory. Every hash or verification a request makes
//! goes through [`HashGate::run`]: at most `permits` at once (the number of cores by
//! default); a request that cannot start within `wait` is answered 429 with
//! `Retry-After` ([`AppError::Busy`]).

use crate::errors::AppError;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Seconds a refused request is told to wait (`Retry-After`).
pub const RETRY_AFTER_SECS: u64 = 5;

pub struct HashGate {
    permits: Arc<Semaphore>,
    wait: Duration,
}

impl HashGate {
    pub fn new(permits: usize, wait: Duration) -> HashGate {
        HashGate {
            permits: Arc::new(Semaphore::new(permits)),
            wait,
        }
    }

    /// Runs `work` (a hash or a verification) on the blocking pool once a permit is free.
    /// The permit goes with the work: a request dropped half-way (the client left, the
    /// time-out) does not free it before the hash is done.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permit =
            match tokio::time::timeout(self.wait, self.permits.clone().acquire_owned()).await {
                Ok(Ok(permit)) => permit,
                Ok(Err(closed)) => return Err(AppError::Internal(closed.to_string())),
                Err(_) => {
                    tracing::warn!("password hashing is at its bound: answered busy");
                    return Err(AppError::Busy);
                }
            };
        tokio::task::spawn_blocking(move || {
            let out = work();
            drop(permit);
            out
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
    }
}

/// The default bound: one hash per core.
pub fn default_permits() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn beyond_the_bound_the_answer_is_busy() {
        let gate = HashGate::new(1, Duration::from_millis(20));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let gate = Arc::new(gate);
        let g = gate.clone();
        // One long piece of work holds the only permit.
        let held = tokio::spawn(async move { g.run(move || rx.recv().is_ok()).await });
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(matches!(gate.run(|| 1).await, Err(AppError::Busy)));
        tx.send(()).unwrap();
        assert!(held.await.unwrap().unwrap());
        assert_eq!(gate.run(|| 2).await.unwrap(), 2, "free again");
    }
}

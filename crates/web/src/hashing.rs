//! The bound on password hashing. argon2id takes 19 MiB and tens of milliseconds per
//! hash: unbounded, a flood of sign-ins (with random logins, so that no throttle applies)
//! exhausts the memory and the cores. Every hash or verification a request makes goes
//! through [`HashGate::run`]: at most `permits` at once (the number of cores by default);
//! a request that cannot start within `wait` is answered 429 with `Retry-After`
//! ([`AppError::Busy`]).
//!
//! The hashes run on threads of their own at a lower CPU priority (nice 10): during a
//! flood they take only the CPU the signed-in users leave, instead of an equal share with
//! the threads that serve pages (the flood's signed-in p99 was 917 ms with hashes on the
//! shared blocking pool; see BENCHMARKS.md).

use crate::errors::AppError;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Seconds a refused request is told to wait (`Retry-After`).
pub const RETRY_AFTER_SECS: u64 = 5;

/// How much lower than the server's other threads the hashing threads run.
const HASHING_NICENESS: i32 = 10;

type Job = Box<dyn FnOnce() + Send>;

pub struct HashGate {
    permits: Arc<Semaphore>,
    wait: Duration,
    /// To the hashing threads; they stop when the gate is dropped.
    jobs: mpsc::Sender<Job>,
}

impl HashGate {
    pub fn new(permits: usize, wait: Duration) -> HashGate {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for _ in 0..permits {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name("sangtao-hash".into())
                .spawn(move || hashing_thread(&queue));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a password hashing thread");
            }
        }
        HashGate {
            permits: Arc::new(Semaphore::new(permits)),
            wait,
            jobs,
        }
    }

    /// Runs `work` (a hash or a verification) on a hashing thread once a permit is free.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permit = self.admit().await?;
        self.run_with(permit, work).await
    }

    /// A permit, or [`AppError::Busy`] when none frees within the wait. A sign-in takes it
    /// before it reads anything: a flood of sign-ins then queues here, where it costs
    /// nothing, and not for the database connections the pages read with.
    pub async fn admit(&self) -> Result<HashPermit, AppError> {
        match tokio::time::timeout(self.wait, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(HashPermit(permit)),
            Ok(Err(closed)) => Err(AppError::Internal(closed.to_string())),
            Err(_) => {
                tracing::warn!("password hashing is at its bound: answered busy");
                Err(AppError::Busy)
            }
        }
    }

    /// Runs `work` under `permit`. The permit goes with the work: a request dropped
    /// half-way (the client left, the time-out) does not free it before the hash is done.
    pub async fn run_with<T: Send + 'static>(
        &self,
        permit: HashPermit,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let (done, answer) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
            drop(permit);
        });
        self.jobs
            .send(job)
            .map_err(|_| AppError::Internal("no password hashing thread".into()))?;
        answer
            .await
            .map_err(|_| AppError::Internal("a password hashing thread stopped".into()))
    }
}

/// The right to run one hash ([`HashGate::admit`]).
pub struct HashPermit(#[allow(dead_code)] tokio::sync::OwnedSemaphorePermit);

/// Takes jobs until the gate is gone, at a lower priority than the serving threads.
fn hashing_thread(queue: &Mutex<mpsc::Receiver<Job>>) {
    lower_priority();
    loop {
        let job = match queue.lock() {
            Ok(q) => q.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        match job {
            // A panic in one hash must not take the thread (and its share of permits'
            // work) with it: the request's answer channel is dropped and it gets a 500.
            Ok(job) => {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            }
            Err(_) => return,
        }
    }
}

/// On Linux the nice value belongs to the thread: this one alone runs lower.
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: setpriority reads its integer arguments only; `who = 0` is this thread.
    let rc = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, HASHING_NICENESS) };
    if rc != 0 {
        tracing::warn!(error = %std::io::Error::last_os_error(), "hashing thread keeps its priority");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

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

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn hashes_run_on_threads_below_the_servers_priority() {
        let gate = HashGate::new(1, Duration::from_secs(5));
        // SAFETY: as in `lower_priority`; reads this thread's nice value.
        let mine = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        let theirs = gate
            .run(|| unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) })
            .await
            .unwrap();
        assert_eq!(theirs, (mine + HASHING_NICENESS).min(19));
    }

    #[tokio::test]
    async fn a_panicking_hash_is_an_error_and_the_thread_goes_on() {
        let gate = HashGate::new(1, Duration::from_secs(5));
        let r = gate.run(|| -> i32 { panic!("broken hash") }).await;
        assert!(matches!(r, Err(AppError::Internal(_))));
        assert_eq!(gate.run(|| 3).await.unwrap(), 3);
    }
}

//! The one clock. Everything that asks "what time is it" asks a [`Clock`]: the store for
//! timestamps and rules ("held" needs the start to have passed), the web layer for
//! default periods, overdue flags and sessions, the scheduler for reminders.
//!
//! Production uses [`SystemClock`], the only place that reads the wall clock. Tests use a
//! [`ManualClock`] set to a date of their choosing, so no test depends on the day it runs.

use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// A source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;

    /// Unix seconds, the store's timestamp format.
    fn unix(&self) -> i64 {
        self.now().timestamp()
    }

    /// Today's date in Hanoi (Asia/Ho_Chi_Minh).
    fn today(&self) -> NaiveDate {
        crate::oversight::vietnam_today(self.now())
    }
}

/// A clock shared by the store, the web layer and the scheduler.
pub type SharedClock = Arc<dyn Clock>;

/// The wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The wall clock, shared.
pub fn system() -> SharedClock {
    Arc::new(SystemClock)
}

/// A clock that stands still until it is set or advanced (tests, replays).
#[derive(Debug)]
pub struct ManualClock {
    millis: AtomicI64,
}

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        ManualClock {
            millis: AtomicI64::new(at.timestamp_millis()),
        }
    }

    /// A manual clock at `at`, shared, with a handle to move it.
    pub fn shared(at: DateTime<Utc>) -> Arc<ManualClock> {
        Arc::new(ManualClock::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        self.millis.store(at.timestamp_millis(), Ordering::SeqCst);
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.millis
            .fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.millis.load(Ordering::SeqCst))
            .unwrap_or(DateTime::UNIX_EPOCH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn manual_clock_stands_still_until_moved() {
        let at = Utc.with_ymd_and_hms(2025, 6, 30, 16, 59, 0).unwrap();
        let c = ManualClock::new(at);
        assert_eq!(c.now(), at);
        assert_eq!(c.now(), at);
        // 23:59 in Hanoi is still the 30th; a minute later it is the 1st.
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
        c.advance(chrono::Duration::minutes(1));
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
        c.set(at);
        assert_eq!(c.unix(), at.timestamp());
    }

    #[test]
    fn system_clock_moves() {
        let a = SystemClock.now();
        assert!(SystemClock.now() >= a);
    }

    /// CI runs the suites a second time under faketime with `SANGTAO_EXPECT_YEAR` set:
    /// this proves the fake wall clock reached the tests (else that pass would prove
    /// nothing).
    #[test]
    fn the_wall_clock_is_the_one_ci_set() {
        use chrono::Datelike;
        if let Ok(year) = std::env::var("SANGTAO_EXPECT_YEAR") {
            assert_eq!(SystemClock.now().year().to_string(), year);
        }
    }
}

//! The sign-in rules: the throttle on failed attempts per (login, address) and the
//! password length. The web layer counts failures in the store and asks these functions
//! what to do; the numbers live here only.

use crate::password::strength::{Weakness, weakness};
use chrono::{DateTime, Duration, Utc};

/// Failures allowed per (login, address) within [`THROTTLE_WINDOW_MINUTES`].
pub const MAX_FAILURES: usize = 5;
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;
/// Failures allowed from one address, whatever the logins, within the same window (the
/// default; a whole office behind one address shares it, so it is generous). Guessing
/// across many logins from one machine stops here, before any password is hashed.
pub const MAX_ADDRESS_FAILURES: usize = 30;
/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// What the throttle says about an attempt, or about the failure just recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    /// Sign-in is open; after a failure, this many attempts are left.
    Open { left: usize },
    /// Closed until `retry_at` (when the latest failure leaves the window: by then sign-in
    /// is certainly open again; it may open a little earlier).
    Closed { retry_at: DateTime<Utc> },
}

/// Failures since this moment count.
/// The key sign-in failures are counted under for a client address. An IPv6 client
/// usually holds a whole /64 (one household, one server), so counting each address apart
/// would let it try 2^64 times as often: its failures count under its /64. IPv4 (and
/// IPv4 mapped into IPv6) count per address.
pub fn throttle_key(addr: std::net::IpAddr) -> String {
    use std::net::IpAddr;
    match addr {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let net = u128::from(v6) & !((1u128 << 64) - 1);
                format!("{}/64", std::net::Ipv6Addr::from(net))
            }
        },
    }
}

pub fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::minutes(THROTTLE_WINDOW_MINUTES)
}

fn closed(now: DateTime<Utc>) -> Throttle {
    Throttle::Closed {
        retry_at: now + Duration::minutes(THROTTLE_WINDOW_MINUTES),
    }
}

/// Before checking the password: `failures` within the window so far.
pub fn before_attempt(failures: usize, now: DateTime<Utc>) -> Throttle {
    if failures >= MAX_FAILURES {
        closed(now)
    } else {
        Throttle::Open {
            left: MAX_FAILURES - failures,
        }
    }
}

/// Before checking the password, for the address: `failures` from it within the window
/// (any login), at most `limit`.
pub fn before_attempt_from_address(failures: usize, limit: usize, now: DateTime<Utc>) -> Throttle {
    if failures >= limit {
        closed(now)
    } else {
        Throttle::Open {
            left: limit - failures,
        }
    }
}

/// After a wrong password: `failures` within the window before this one.
pub fn after_failure(failures: usize, now: DateTime<Utc>) -> Throttle {
    match MAX_FAILURES.saturating_sub(failures + 1) {
        0 => closed(now),
        left => Throttle::Open { left },
    }
}

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    WrongCurrent,
    TooShort,
    /// Long enough but easy to guess (`password::strength`).
    Weak(Weakness),
    Mismatch,
    SameAsCurrent,
}

/// Whether `login` may choose `new`: long enough and not easy to guess.
pub fn check_chosen_password(login: &str, new: &str) -> Result<(), PasswordProblem> {
    if new.chars().count() < MIN_PASSWORD_CHARS {
        Err(PasswordProblem::TooShort)
    } else if let Some(w) = weakness(login, new) {
        Err(PasswordProblem::Weak(w))
    } else {
        Ok(())
    }
}

/// The rules of a password change by the account `login`, in the order the user is told
/// about them.
pub fn check_new_password(
    login: &str,
    current_ok: bool,
    current: &str,
    new: &str,
    confirm: &str,
) -> Result<(), PasswordProblem> {
    if !current_ok {
        Err(PasswordProblem::WrongCurrent)
    } else if let Err(p) = check_chosen_password(login, new) {
        Err(p)
    } else if new != confirm {
        Err(PasswordProblem::Mismatch)
    } else if new == current {
        Err(PasswordProblem::SameAsCurrent)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ipv6_clients_count_per_64_and_ipv4_per_address() {
        let key = |s: &str| super::throttle_key(s.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
    }

    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 16, 3, 0, 0).unwrap()
    }

    #[test]
    fn five_failures_in_fifteen_minutes_close_sign_in() {
        let retry_at = now() + Duration::minutes(15);
        assert_eq!(before_attempt(0, now()), Throttle::Open { left: 5 });
        assert_eq!(before_attempt(4, now()), Throttle::Open { left: 1 });
        assert_eq!(before_attempt(5, now()), Throttle::Closed { retry_at });
        assert_eq!(after_failure(0, now()), Throttle::Open { left: 4 });
        assert_eq!(after_failure(3, now()), Throttle::Open { left: 1 });
        assert_eq!(after_failure(4, now()), Throttle::Closed { retry_at });
        assert_eq!(window_start(now()), now() - Duration::minutes(15));
    }

    #[test]
    fn an_address_closes_after_its_own_limit_across_logins() {
        let retry_at = now() + Duration::minutes(15);
        let limit = MAX_ADDRESS_FAILURES;
        assert_eq!(
            before_attempt_from_address(0, limit, now()),
            Throttle::Open { left: limit }
        );
        assert_eq!(
            before_attempt_from_address(limit - 1, limit, now()),
            Throttle::Open { left: 1 }
        );
        assert_eq!(
            before_attempt_from_address(limit, limit, now()),
            Throttle::Closed { retry_at }
        );
        assert_eq!(
            before_attempt_from_address(3, 2, now()),
            Throttle::Closed { retry_at }
        );
    }

    #[test]
    fn a_new_password_is_checked_in_order() {
        use PasswordProblem::*;
        let long = "mot-mat-khau-dai";
        let check = |ok, current, new, confirm| check_new_password("an", ok, current, new, confirm);
        assert_eq!(check(false, "x", "y", "z"), Err(WrongCurrent));
        // Ten characters, counted as characters: "mật khẩu!!" is 10.
        assert_eq!(check(true, "x", "mật khẩu!", "mật khẩu!"), Err(TooShort));
        assert_eq!(check(true, "x", "mật khẩu!!", "mật khẩu!!"), Ok(()));
        assert_eq!(check(true, "x", long, "other"), Err(Mismatch));
        assert_eq!(check(true, long, long, long), Err(SameAsCurrent));
        // Weak before mismatched: the person first learns what to choose.
        assert_eq!(
            check(true, "x", "1234567890", "other"),
            Err(Weak(Weakness::Common))
        );
        assert_eq!(
            check(true, "x", "          ", "          "),
            Err(Weak(Weakness::OnlySpaces))
        );
        assert_eq!(
            check_new_password("Nguyen.Van.An", true, "x", "nguyen.van.an", "nguyen.van.an"),
            Err(Weak(Weakness::IsLogin))
        );
        assert_eq!(
            check_chosen_password("an", "zzzzzzzzzzzz"),
            Err(Weak(Weakness::OneCharacter))
        );
    }
}

//! What makes a chosen password too weak, beyond its length: the login itself, one
//! character repeated, only spaces, or a password on the embedded list of common ones
//! (`common.txt`, written for sangtao, CC0). Checked on every password a person chooses.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Why a chosen password is too easy to guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    /// The same as the login (ignoring case and surrounding spaces).
    IsLogin,
    /// One character repeated ("aaaaaaaaaa").
    OneCharacter,
    /// Spaces and nothing else.
    OnlySpaces,
    /// On the list of common passwords.
    Common,
}

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("common.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// The first weakness of `password` chosen by the account `login`, if any.
pub fn weakness(login: &str, password: &str) -> Option<Weakness> {
    let trimmed = password.trim();
    if trimmed.is_empty() {
        return Some(Weakness::OnlySpaces);
    }
    let mut chars = trimmed.chars();
    let first = chars.next();
    if chars.all(|c| Some(c) == first) {
        return Some(Weakness::OneCharacter);
    }
    let lower = trimmed.to_lowercase();
    if lower == login.trim().to_lowercase() {
        return Some(Weakness::IsLogin);
    }
    if common().contains(lower.as_str()) {
        return Some(Weakness::Common);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_named() {
        assert_eq!(weakness("an", "          "), Some(Weakness::OnlySpaces));
        assert_eq!(weakness("an", "\t \u{a0}  "), Some(Weakness::OnlySpaces));
        assert_eq!(weakness("an", "aaaaaaaaaa"), Some(Weakness::OneCharacter));
        assert_eq!(weakness("an", "ưưưưưưưưưư"), Some(Weakness::OneCharacter));
        assert_eq!(
            weakness("nguyen.van.an", "Nguyen.Van.An"),
            Some(Weakness::IsLogin)
        );
        assert_eq!(
            weakness("nguyen.van.an", " nguyen.van.an "),
            Some(Weakness::IsLogin)
        );
        for common in [
            "1234567890",
            "Password123",
            "matkhau123",
            "QWERTYUIOP",
            "hanoi2025",
        ] {
            assert_eq!(weakness("an", common), Some(Weakness::Common), "{common}");
        }
    }

    #[test]
    fn reasonable_passwords_pass() {
        for ok in [
            "mat-khau-moi-2025",
            "mật khẩu!!",
            "ngựa ô chạy qua cầu",
            "aaaaaaaaab",
            "nguyen.van.an.2",
        ] {
            assert_eq!(weakness("nguyen.van.an", ok), None, "{ok}");
        }
    }

    #[test]
    fn the_list_is_loaded_and_lower_case() {
        assert!(common().len() > 300);
        assert!(common().iter().all(|w| *w == w.to_lowercase()));
        assert!(!common().contains("mat-khau-moi-2025"));
    }
}

//! Passwords (argon2id, PHC strings) and random secrets. Pure computation: the only
//! outside input is the operating system's random source.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use sha2::{Digest, Sha256};

pub mod strength;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("the system random source failed: {0}")]
    Random(String),
}

/// Hashes with argon2id (argon2 crate defaults: 19 MiB, 2 passes, 1 lane) and a random
/// salt. The result is a self-describing PHC string (`$argon2id$v=19$...`).
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// True when `password` matches the PHC string. A malformed hash never matches.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Letters and digits that cannot be confused when read aloud or copied by hand
/// (no 0/O, 1/l/I).
const OTP_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A one-time password such as `k7rm-x2pq-tc9h-4wna`: 16 symbols of a 31-symbol alphabet
/// (~79 bits), in groups of four for reading.
pub fn generate_one_time_password() -> Result<String, PasswordError> {
    let mut out = String::with_capacity(19);
    let mut produced = 0;
    while produced < 16 {
        let mut buf = [0u8; 32];
        getrandom::fill(&mut buf).map_err(|e| PasswordError::Random(e.to_string()))?;
        for b in buf {
            // Rejection sampling keeps the distribution uniform.
            if usize::from(b) >= OTP_ALPHABET.len() * (256 / OTP_ALPHABET.len()) {
                continue;
            }
            if produced == 16 {
                break;
            }
            if produced > 0 && produced % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(
                OTP_ALPHABET[usize::from(b) % OTP_ALPHABET.len()],
            ));
            produced += 1;
        }
    }
    Ok(out)
}

/// A random secret of 32 bytes as 64 lowercase hex digits (session tokens, CSRF tokens,
/// feed tokens).
pub fn generate_token() -> Result<String, PasswordError> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).map_err(|e| PasswordError::Random(e.to_string()))?;
    Ok(hex(&buf))
}

/// SHA-256 as lowercase hex. Sessions are stored under the hash of their cookie token so
/// that a leaked database does not leak live sessions.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash_password("mật khẩu đúng").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("mật khẩu đúng", &h));
        assert!(!verify_password("mat khau dung", &h));
        assert!(!verify_password("x", "not a hash"));
        // Salted: the same password hashes differently.
        assert_ne!(h, hash_password("mật khẩu đúng").unwrap());
    }

    #[test]
    fn one_time_passwords_are_readable_and_distinct() {
        let a = generate_one_time_password().unwrap();
        let b = generate_one_time_password().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 19);
        assert_eq!(a.split('-').count(), 4);
        assert!(
            a.chars()
                .all(|c| c == '-' || OTP_ALPHABET.contains(&(c as u8)))
        );
    }

    #[test]
    fn tokens_and_digests() {
        let t = generate_token().unwrap();
        assert_eq!(t.len(), 64);
        assert_ne!(t, generate_token().unwrap());
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

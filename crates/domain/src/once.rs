//! A create form's once-token: 128 random bits as 32 lowercase hex digits, drawn into the
//! form as a hidden field when the page is drawn. The store records it in the creating
//! transaction (`once_tokens`, unique), so that a second submit of the same form lands on
//! what the first made instead of making it again (issue 14, finding 7).

use crate::password::PasswordError;
use std::fmt;

/// The hidden field that carries the token.
pub const FIELD: &str = "once";

/// How long the store keeps a used token: a form submitted again later than this makes
/// its thing again (an item's version, an existing report still stop most of those).
pub const KEEP_SECONDS: i64 = 2 * 86_400;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OnceToken(String);

/// A token that is not one a form of ours sends.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a once-token is 32 lowercase hex digits")]
pub struct BadOnceToken;

impl OnceToken {
    /// A fresh token from the system's random source.
    pub fn generate() -> Result<OnceToken, PasswordError> {
        let mut buf = [0u8; 16];
        getrandom::fill(&mut buf).map_err(|e| PasswordError::Random(e.to_string()))?;
        Ok(OnceToken(buf.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The posted field: empty (a form drawn before tokens, or without one) is no token;
    /// anything else must be a token's shape.
    pub fn parse_field(raw: &str) -> Result<Option<OnceToken>, BadOnceToken> {
        match raw.trim() {
            "" => Ok(None),
            t if t.len() == 32 && t.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) => {
                Ok(Some(OnceToken(t.to_string())))
            }
            _ => Err(BadOnceToken),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OnceToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_128_random_bits_in_hex_and_reads_back() {
        let a = OnceToken::generate().unwrap();
        let b = OnceToken::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 32);
        assert_eq!(OnceToken::parse_field(a.as_str()), Ok(Some(a.clone())));
        assert_eq!(
            OnceToken::parse_field(&format!(" {a} ")),
            Ok(Some(a)),
            "spaces around are not part of it"
        );
    }

    #[test]
    fn no_token_is_none_and_a_wrong_one_is_refused() {
        assert_eq!(OnceToken::parse_field(""), Ok(None));
        assert_eq!(OnceToken::parse_field("  "), Ok(None));
        for bad in [
            "abc",
            "0123456789abcdef0123456789abcdeF",
            "0123456789abcdef0123456789abcdef0",
            "0123456789abcdef0123456789abcdeg",
            "'; DROP TABLE once_tokens; --",
        ] {
            assert_eq!(OnceToken::parse_field(bad), Err(BadOnceToken), "{bad}");
        }
    }
}

//! Once-tokens of the create forms (split, report filing, event creation; issue 14,
//! finding 7). A token is drawn into the form as a hidden field when the page is drawn;
//! the store claims it in the creating transaction, so a second submit of the same form
//! lands on what the first made: the handler answers it as it answers a success, with the
//! path the first recorded. A form without a token (drawn before them) works as before.

use crate::errors::AppError;
use domain::OnceToken;
use store::OnceKey;

/// A fresh token for a form being drawn.
pub fn fresh() -> Result<String, AppError> {
    OnceToken::generate()
        .map(|t| t.to_string())
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The posted token: none for a form without one; anything that is not a token's shape is
/// not a form of ours (400).
pub fn posted(raw: &str) -> Result<Option<OnceToken>, AppError> {
    OnceToken::parse_field(raw).map_err(|_| AppError::BadRequest(crate::form::UNREADABLE.into()))
}

/// The store's key for a posted token: the action it creates, and the path of what it
/// made from the made thing's id.
pub fn key<'a>(
    token: Option<&'a OnceToken>,
    action: &'static str,
    result: &'a (dyn Fn(i64) -> String + Send + Sync),
) -> Option<OnceKey<'a>> {
    token.map(|token| OnceKey {
        token,
        action,
        result,
    })
}

//! CSRF: a synchronizer token per session (or, before sign-in, a double-submit cookie).
//!
//! Forms carry it in the hidden field `_csrf`; htmx sends it as `X-CSRF-Token`
//! (set once on `<body hx-headers>`). File uploads (`multipart/form-data`) are streamed to
//! disk by their handler, so their token cannot come from the body: it comes in the
//! header or in the `_csrf` query parameter of the form's action. Every non-GET request is checked in
//! [`crate::session::context`] before any handler runs, so a failed check changes nothing.

use crate::errors::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header;

pub const FIELD: &str = "_csrf";
pub const HEADER: &str = "x-csrf-token";

/// Tokens are 64 hex digits.
pub fn well_formed(t: &str) -> bool {
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Compares without an early exit, so timing does not reveal a prefix.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Checks the submitted token against `expected`. The form body is read (up to `limit`)
/// and put back for the handler.
pub async fn check(req: Request, expected: &str, limit: usize) -> (Result<(), AppError>, Request) {
    if let Some(v) = req.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        let ok = same(v, expected);
        return (if ok { Ok(()) } else { Err(AppError::CsrfStale) }, req);
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("multipart/form-data") {
        let submitted = req.uri().query().and_then(|q| token_in(q.as_bytes()));
        return (verdict(submitted, expected), req);
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return (Err(AppError::CsrfMissing), req);
    }
    check_body(req, expected, limit).await
}

/// Reads a urlencoded form body (up to `limit`), checks its token and puts it back.
async fn check_body(req: Request, expected: &str, limit: usize) -> (Result<(), AppError>, Request) {
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => {
            return (
                Err(AppError::BadRequest("body too large".into())),
                Request::from_parts(parts, Body::empty()),
            );
        }
    };
    let result = verdict(token_in(&bytes), expected);
    (result, Request::from_parts(parts, Body::from(bytes)))
}

/// The `_csrf` field of urlencoded text.
fn token_in(form: &[u8]) -> Option<String> {
    form_urlencoded::parse(form)
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned())
}

fn verdict(submitted: Option<String>, expected: &str) -> Result<(), AppError> {
    match submitted {
        None => Err(AppError::CsrfMissing),
        Some(t) if same(&t, expected) => Ok(()),
        Some(_) => Err(AppError::CsrfStale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
        assert!(well_formed(&"a".repeat(64)));
        assert!(!well_formed("zz"));
    }
}

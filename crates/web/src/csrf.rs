//! CSRF: a synchronizer token per session (or, before sign-in, a double-submit cookie).
//!
//! Forms carry it in the hidden field `_csrf`; htmx sends it as `X-CSRF-Token`
//! (set once on `<body hx-headers>`). File uploads (`multipart/form-data`) are streamed to
//! disk by their handler: their token is the form's first field, read from the start of
//! the body, which is then handed on whole. Never in the address: a token there stays in
//! the address bar and the history (issue 16). Every non-GET request is checked in
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
        // A page drawn before the token moved into the body (still open in a tab) sent
        // it in the address; it is still honoured, no page draws it any more.
        if let Some(t) = req.uri().query().and_then(|q| token_in(q.as_bytes())) {
            return (verdict(Some(t), expected), req);
        }
        let Some(boundary) = boundary_of(content_type) else {
            return (Err(AppError::CsrfMissing), req);
        };
        return check_multipart(req, expected, &boundary).await;
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

/// How much of a multipart body is read to find the token: its first part is a hidden
/// field, a few hundred bytes.
const MULTIPART_HEAD: usize = 16 * 1024;

/// Reads the start of a multipart body for its first field, `_csrf`, and puts the bytes
/// read back in front of the rest of the stream for the handler.
async fn check_multipart(
    req: Request,
    expected: &str,
    boundary: &str,
) -> (Result<(), AppError>, Request) {
    use futures_util::StreamExt;
    let (parts, body) = req.into_parts();
    let mut stream = body.into_data_stream();
    let mut head: Vec<u8> = Vec::new();
    let mut found = None;
    while head.len() < MULTIPART_HEAD {
        match stream.next().await {
            Some(Ok(chunk)) => head.extend_from_slice(&chunk),
            Some(Err(_)) | None => break,
        }
        if let Some(first) = first_field(&head, boundary) {
            found = first;
            break;
        }
    }
    let head = axum::body::Bytes::from(head);
    let whole = futures_util::stream::once(async move { Ok::<_, axum::Error>(head) }).chain(stream);
    let req = Request::from_parts(parts, Body::from_stream(whole));
    (verdict(found, expected), req)
}

/// The boundary named in a multipart content type (quoted or not).
fn boundary_of(content_type: &str) -> Option<String> {
    content_type
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .filter(|b| !b.is_empty())
}

/// The first part of a multipart body: `None` while it is not all there, then
/// `Some(Some(token))` when it is the `_csrf` field, `Some(None)` when it is another.
fn first_field(body: &[u8], boundary: &str) -> Option<Option<String>> {
    let delimiter = format!("--{boundary}");
    let find = |hay: &[u8], needle: &[u8], from: usize| {
        hay.get(from..)?
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| i + from)
    };
    let start = find(body, delimiter.as_bytes(), 0)? + delimiter.len();
    let headers_end = find(body, b"\r\n\r\n", start)?;
    let headers = String::from_utf8_lossy(&body[start..headers_end]).to_ascii_lowercase();
    let value_start = headers_end + 4;
    let value_end = find(body, format!("\r\n{delimiter}").as_bytes(), value_start)?;
    let is_token = headers.lines().any(|l| {
        l.trim_start().starts_with("content-disposition:") && l.contains(r#"name="_csrf""#)
    });
    Some(is_token.then(|| String::from_utf8_lossy(&body[value_start..value_end]).into_owned()))
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

    #[test]
    fn a_multipart_token_is_its_first_field() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\n\r\n%PDF";
        assert_eq!(first_field(body, "XyZ"), Some(Some("abc123".into())));
        assert_eq!(first_field(&body[..40], "XyZ"), None);
        let other = b"--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--XyZ--";
        assert_eq!(first_field(other, "XyZ"), Some(None));
        assert_eq!(
            boundary_of("multipart/form-data; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(boundary_of("multipart/form-data"), None);
    }

    /// No form may put the token where a GET or the address bar would show it: every
    /// form that carries `_csrf` posts, none has it in its action, and a file form has it
    /// as its first field (read from the body's start).
    #[test]
    fn no_template_puts_the_token_in_an_address() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut files = vec![dir];
        let mut checked = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                for e in std::fs::read_dir(&path).unwrap() {
                    files.push(e.unwrap().path());
                }
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.display().to_string();
            assert!(!text.contains("_csrf="), "{name}: a token in an address");
            for form in text.split("<form").skip(1) {
                let form = form.split("</form>").next().unwrap_or(form);
                if !form.contains(r#"name="_csrf""#) {
                    continue;
                }
                checked += 1;
                let tag = form.split('>').next().unwrap_or("");
                assert!(tag.contains(r#"method="post""#), "{name}: <form{tag}>");
                if tag.contains("multipart/form-data") {
                    let first = form.find("name=").unwrap();
                    assert!(
                        form[first..].starts_with(r#"name="_csrf""#),
                        "{name}: <form{tag}> must send _csrf first"
                    );
                }
            }
        }
        assert!(checked > 20, "{checked}");
    }
}

//! Public answers are the same for everyone: a minute's shared cache, and an `ETag` (a
//! hash of the body) so that a reader asking again with `If-None-Match` gets a 304 and
//! no body. The tag is weak (`W/`): the gzip layer changes the bytes sent, not the page.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

pub const CACHE_CONTROL: &str = "public, max-age=60";

/// The tag of a body: `W/"` and 32 hex digits of its SHA-256 `"`.
pub fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// Whether `If-None-Match` names `tag` (or is `*`), compared weakly as RFC 9110 asks.
pub fn matches(if_none_match: &str, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let want = bare(tag);
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || bare(t) == want)
}

/// `body` as `content_type`, with the tag and the cache header; a 304 when the request
/// already holds it.
pub fn respond(request: &HeaderMap, content_type: &'static str, body: Vec<u8>) -> Response {
    let tag = etag(&body);
    let held = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| matches(v, &tag));
    let mut r = if held {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&tag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_follows_the_body() {
        let a = etag(b"<p>Xin chao</p>");
        assert!(
            a.starts_with("W/\"") && a.ends_with('"') && a.len() == 36,
            "{a}"
        );
        assert_eq!(a, etag(b"<p>Xin chao</p>"));
        assert_ne!(a, etag(b"<p>Hello</p>"));
    }

    #[test]
    fn if_none_match_is_compared_weakly_in_a_list() {
        let tag = etag(b"x");
        let strong = tag.trim_start_matches("W/");
        assert!(matches(&tag, &tag));
        assert!(matches(strong, &tag));
        assert!(matches(&format!("\"other\", {tag}"), &tag));
        assert!(matches("*", &tag));
        assert!(!matches("\"other\"", &tag));
        assert!(!matches("", &tag));
    }

    #[test]
    fn a_held_page_is_a_304_without_a_body() {
        let body = b"<p>trang</p>".to_vec();
        let mut req = HeaderMap::new();
        let r = respond(&req, "text/html; charset=utf-8", body.clone());
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()[header::CACHE_CONTROL], CACHE_CONTROL);
        let tag = r.headers()[header::ETAG].clone();
        req.insert(header::IF_NONE_MATCH, tag.clone());
        let r = respond(&req, "text/html; charset=utf-8", body);
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(r.headers()[header::ETAG], tag);
        assert!(r.headers().get(header::CONTENT_TYPE).is_none());
    }
}

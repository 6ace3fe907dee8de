//! Static files, embedded in the binary: nothing is fetched at run time.
//!
//! URLs carry `?v=VERSION` (a hash of the contents), so they can be cached for a year.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    // The public site's own sheet (`public::`): small, so that a page stays light.
    (
        "public.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/public.css"),
    ),
    (
        "vendor/htmx/htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/vendor/htmx/htmx.min.js"),
    ),
    (
        "vendor/htmx/LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../static/vendor/htmx/LICENSE"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/app.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../static/favicon.svg"),
    ),
];

/// A short hash of every embedded file, for cache busting.
pub fn version() -> &'static str {
    static V: OnceLock<String> = OnceLock::new();
    V.get_or_init(|| {
        let mut h = Sha256::new();
        for (name, _, bytes) in FILES {
            h.update(name.as_bytes());
            h.update(bytes);
        }
        h.finalize()
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

pub async fn serve(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == path) {
        Some((_, mime, bytes)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            *bytes,
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "not found",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_template_carries_inline_script() {
        // The Content-Security-Policy forbids it: an inline handler would silently do
        // nothing. Behaviours go in static/app.js behind a data attribute.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut stack = vec![dir];
        let mut seen = 0;
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let html = std::fs::read_to_string(&p).unwrap();
                seen += 1;
                for bad in [
                    " onclick=",
                    " onchange=",
                    " onsubmit=",
                    " onload=",
                    "javascript:",
                ] {
                    assert!(!html.contains(bad), "{bad} in {}", p.display());
                }
                for (i, _) in html.match_indices("<script") {
                    let end = html[i..].find('>').map_or(html.len(), |j| i + j);
                    assert!(
                        html[i..end].contains(" src="),
                        "inline script in {}",
                        p.display()
                    );
                }
            }
        }
        assert!(seen > 20, "the templates were read");
    }
}

//! The public site (issue 18): what the department has published, for anyone, in
//! Vietnamese under `/p/` and in English under `/p/en/`. No session: these routes sit
//! outside [`crate::session::context`], so they set no cookie, read none, and look the
//! same signed in or out. Everything shown comes from the store's public reads
//! (`Store::public_entries`, `public_entry`, `public_file`), which return only what is
//! published and past its embargo, and only the whitelisted facts of each subject.
//!
//! Pages have their own light layout (`templates/public/base.html`, `static/public.css`,
//! no script), an `ETag` and a minute's shared cache ([`cache`]).

pub mod cache;
mod dates;
mod feeds;
mod files;
pub mod outline;
mod pages;
mod spaces;
mod view;

use crate::AppState;
use crate::assets;
use crate::errors::{AppError, ErrorMarker};
use crate::i18n::Tr;
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::Language;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/p/", get(pages::home))
        .route("/p/en/", get(pages::home))
        // The address as people type it, without its slash.
        .route("/p", get(|| async { Redirect::permanent("/p/") }))
        .route("/p/en", get(|| async { Redirect::permanent("/p/en/") }))
        .route("/p/news", get(pages::news))
        .route("/p/en/news", get(pages::news))
        .route("/p/events", get(pages::events))
        .route("/p/en/events", get(pages::events))
        .route("/p/events.ics", get(feeds::ics))
        .route("/p/en/events.ics", get(feeds::ics))
        .route("/p/media", get(pages::media))
        .route("/p/en/media", get(pages::media))
        .route("/p/media/{id}", get(pages::media_work))
        .route("/p/en/media/{id}", get(pages::media_work))
        .route("/p/spaces", get(spaces::catalogue))
        .route("/p/en/spaces", get(spaces::catalogue))
        .route("/p/spaces/{id}", get(spaces::space))
        .route("/p/en/spaces/{id}", get(spaces::space))
        .route("/p/plan/{id}", get(pages::plan))
        .route("/p/en/plan/{id}", get(pages::plan))
        .route("/p/atom.xml", get(feeds::atom))
        .route("/p/en/atom.xml", get(feeds::atom))
        .route("/p/files/{id}", get(files::original))
        .route("/p/files/{id}/thumb", get(files::thumb))
        .route("/p/files/{id}/screen", get(files::screen))
        .route("/sitemap.xml", get(feeds::sitemap))
        .route("/p/{*rest}", get(not_found))
        .layer(axum::middleware::from_fn(error_pages))
}

/// Who is asking what: the language (from the address), the site's own address for
/// links that leave the page (feeds, Open Graph, the sitemap), the page's address
/// without its language part, and the tag the reader already holds.
pub struct Visit {
    pub lang: Language,
    /// `https://host`, no trailing slash.
    pub origin: String,
    /// The path after `/p/` or `/p/en/`: "" for the home page, "news", "media/3", …
    pub page: String,
    headers: HeaderMap,
}

impl Visit {
    pub fn tr(&self) -> &'static Tr {
        Tr::get(self.lang)
    }

    /// A public page's address in this visit's language.
    pub fn href(&self, page: &str) -> String {
        href(self.lang, page)
    }

    /// `body` with the tag and cache headers, or a 304.
    pub fn respond(&self, content_type: &'static str, body: Vec<u8>) -> Response {
        cache::respond(&self.headers, content_type, body)
    }

    /// Renders a page of the public site.
    pub fn render<T: Template>(&self, page: T) -> Result<Response, AppError> {
        let html = page.render()?;
        Ok(self.respond("text/html; charset=utf-8", html.into_bytes()))
    }
}

/// `/p/PAGE` in Vietnamese, `/p/en/PAGE` in English.
pub fn href(lang: Language, page: &str) -> String {
    match lang {
        Language::Vi => format!("/p/{page}"),
        Language::En => format!("/p/en/{page}"),
    }
}

/// The language and page of a public path (`/sitemap.xml` and anything else: the
/// Vietnamese home page).
fn split_path(path: &str) -> (Language, String) {
    if let Some(rest) = path.strip_prefix("/p/en/") {
        (Language::En, rest.to_string())
    } else if let Some(rest) = path.strip_prefix("/p/") {
        (Language::Vi, rest.to_string())
    } else {
        (Language::Vi, String::new())
    }
}

/// A Host header as a host name and port only: anything else is not used in links.
fn clean_host(host: &str) -> Option<&str> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    (!host.is_empty() && host.len() <= 255 && host.chars().all(ok)).then_some(host)
}

impl FromRequestParts<AppState> for Visit {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, AppError> {
        let (lang, page) = split_path(parts.uri.path());
        let origin = match &app.config().public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => {
                let host = parts
                    .headers
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .and_then(clean_host)
                    .unwrap_or("localhost");
                let scheme = if app.config().cookie_secure {
                    "https"
                } else {
                    "http"
                };
                format!("{scheme}://{host}")
            }
        };
        Ok(Visit {
            lang,
            origin,
            page,
            headers: parts.headers.clone(),
        })
    }
}

/// Data for `public/base.html`.
pub struct PublicLayout {
    pub t: &'static Tr,
    pub lang: &'static str,
    pub title: String,
    /// The page's one-line description (meta and Open Graph).
    pub description: String,
    pub origin: String,
    /// This page in each language, and the other language's.
    pub here: String,
    pub vi: String,
    pub en: String,
    pub other: String,
    pub og_type: &'static str,
    /// An image's path for Open Graph.
    pub og_image: Option<String>,
    pub nav: &'static str,
    pub asset: &'static str,
}

impl PublicLayout {
    pub fn new(v: &Visit, title: &str, nav: &'static str) -> PublicLayout {
        let t = v.tr();
        let vi = href(Language::Vi, &v.page);
        let en = href(Language::En, &v.page);
        let (here, other) = match v.lang {
            Language::Vi => (vi.clone(), en.clone()),
            Language::En => (en.clone(), vi.clone()),
        };
        PublicLayout {
            t,
            lang: t.code(),
            title: title.to_string(),
            description: t.t("public.description").to_string(),
            origin: v.origin.clone(),
            here,
            vi,
            en,
            other,
            og_type: "website",
            og_image: None,
            nav,
            asset: assets::version(),
        }
    }

    /// A public page in this page's language.
    pub fn link(&self, page: &str) -> String {
        match self.lang {
            "en" => href(Language::En, page),
            _ => href(Language::Vi, page),
        }
    }

    pub fn og_locale(&self) -> &'static str {
        if self.lang == "en" { "en_US" } else { "vi_VN" }
    }

    pub fn og_locale_other(&self) -> &'static str {
        if self.lang == "en" { "vi_VN" } else { "en_US" }
    }

    /// A described page: its summary as the description, and an article for Open Graph.
    pub fn article(mut self, description: &str, image: Option<String>) -> PublicLayout {
        if !description.trim().is_empty() {
            self.description = domain::shorten(description.trim(), 200);
        }
        self.og_type = "article";
        self.og_image = image;
        self
    }
}

#[derive(Template)]
#[template(path = "public/error.html")]
struct ErrorPage {
    l: PublicLayout,
    heading: String,
    message: String,
}

/// Any other address under `/p/`.
async fn not_found() -> AppError {
    AppError::NotFound
}

/// Handlers fail with [`AppError`] as elsewhere; outside the session's middleware, this
/// one draws its page, in the address's language and with the public layout (no
/// cookie, nothing cached).
async fn error_pages(req: Request, next: Next) -> Response {
    let (lang, _) = split_path(req.uri().path());
    let mut resp = next.run(req).await;
    let Some(ErrorMarker(err)) = resp.extensions_mut().remove::<ErrorMarker>() else {
        return resp;
    };
    let t = Tr::get(lang);
    let (status, key) = match err {
        AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
        AppError::Internal(why) => {
            tracing::error!(%why, "public page failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal")
        }
        other => {
            tracing::info!(error = ?other, "public page refused");
            (StatusCode::BAD_REQUEST, "bad_request")
        }
    };
    let visit = Visit {
        lang,
        origin: String::new(),
        page: String::new(),
        headers: HeaderMap::new(),
    };
    let heading = t.t(&format!("error.{key}.title")).to_string();
    let page = ErrorPage {
        l: PublicLayout::new(&visit, &heading, ""),
        message: t.t(&format!("public.error_{key}")).to_string(),
        heading,
    };
    let html = page.render().unwrap_or_else(|_| "error".into());
    let mut r = (status, axum::response::Html(html)).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_from_the_address() {
        assert_eq!(split_path("/p/"), (Language::Vi, String::new()));
        assert_eq!(split_path("/p/en/"), (Language::En, String::new()));
        assert_eq!(split_path("/p/media/3"), (Language::Vi, "media/3".into()));
        assert_eq!(
            split_path("/p/en/spaces/2"),
            (Language::En, "spaces/2".into())
        );
        assert_eq!(split_path("/sitemap.xml"), (Language::Vi, String::new()));
        assert_eq!(href(Language::En, "news"), "/p/en/news");
        assert_eq!(href(Language::Vi, ""), "/p/");
    }

    #[test]
    fn only_a_plain_host_is_put_in_links() {
        assert_eq!(
            clean_host("sangtao.hanoi.gov.vn"),
            Some("sangtao.hanoi.gov.vn")
        );
        assert_eq!(clean_host("127.0.0.1:8080"), Some("127.0.0.1:8080"));
        assert_eq!(clean_host("[::1]:80"), Some("[::1]:80"));
        assert_eq!(clean_host("evil.com/\"><script>"), None);
        assert_eq!(clean_host(""), None);
    }
}

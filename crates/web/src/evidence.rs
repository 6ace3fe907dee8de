//! Serving evidence files: only to users who may see the item, with headers that stop a
//! browser from treating a file as anything but what it was sniffed to be.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::session::{SessionUser, Signed};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use store::EvidenceRecord;

/// Streams an upload's file part into the evidence store (checked there against the limit
/// and its name). `Err` is the refusal in the user's words; the caller's transaction
/// records the file, or the request lets go of it.
pub async fn store_field(
    app: &AppState,
    ctx: &crate::session::Ctx,
    field: axum::extract::multipart::Field<'_>,
    file_name: &str,
) -> Result<store::evidence_store::StoredFile, String> {
    use futures_util::TryStreamExt;
    let reader =
        tokio_util::io::StreamReader::new(field.map_err(|e| std::io::Error::other(e.to_string())));
    app.evidence().put(reader, file_name).await.map_err(|e| {
        tracing::info!(error = %e, file = %file_name, "upload refused");
        crate::i18n::Worded::message(&e, ctx.lang)
    })
}

pub async fn download(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    let ev = visible_evidence(&app, &user, id).await?;
    serve(&app, &ev.stored_path, &ev.mime, ev.size, &ev.original_name).await
}

/// Streams a file of the evidence store (evidence, a direction record's file) with the
/// headers below.
pub async fn serve(
    app: &AppState,
    stored_path: &str,
    mime: &str,
    size: i64,
    name: &str,
) -> Result<Response, AppError> {
    let path = app
        .evidence()
        .path_of(stored_path)
        .ok_or_else(|| AppError::Internal(format!("{stored_path}: bad stored path")))?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| AppError::Internal(format!("{stored_path}: {e}")))?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
    let mut r = body.into_response();
    file_headers(r.headers_mut(), mime, size, name);
    Ok(r)
}

/// [`serve`], answering a `Range` request (a video's player seeks, and Safari plays MP4 only
/// through ranges): one range is 206 with its part, an unsatisfiable one 416, several
/// ranges or none the whole file. Every answer says `Accept-Ranges: bytes`.
pub async fn serve_ranged(
    app: &AppState,
    headers: &HeaderMap,
    stored_path: &str,
    mime: &str,
    size: i64,
    name: &str,
) -> Result<Response, AppError> {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let total = size.max(0) as u64;
    let asked = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(|r| http_range_header::parse_range_header(r).and_then(|p| p.validate(total)));
    let range = match asked {
        Some(Ok(ranges)) if ranges.len() == 1 => ranges[0].clone(),
        Some(Err(_)) => {
            let mut r = axum::http::StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            let all = HeaderValue::from_str(&format!("bytes */{total}"));
            r.headers_mut().insert(
                header::CONTENT_RANGE,
                all.map_err(|e| AppError::Internal(e.to_string()))?,
            );
            return Ok(r);
        }
        _ => {
            let mut r = serve(app, stored_path, mime, size, name).await?;
            r.headers_mut()
                .insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
            return Ok(r);
        }
    };
    let path = app
        .evidence()
        .path_of(stored_path)
        .ok_or_else(|| AppError::Internal(format!("{stored_path}: bad stored path")))?;
    let mut file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| AppError::Internal(format!("{stored_path}: {e}")))?;
    file.seek(std::io::SeekFrom::Start(*range.start()))
        .await
        .map_err(|e| AppError::Internal(format!("{stored_path}: {e}")))?;
    let length = range.end() - range.start() + 1;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file.take(length)));
    let mut r = body.into_response();
    *r.status_mut() = axum::http::StatusCode::PARTIAL_CONTENT;
    let h = r.headers_mut();
    file_headers(h, mime, length as i64, name);
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let part = format!("bytes {}-{}/{total}", range.start(), range.end());
    h.insert(
        header::CONTENT_RANGE,
        HeaderValue::from_str(&part).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    Ok(r)
}

/// The evidence record, when the user may see its item.
async fn visible_evidence(
    app: &AppState,
    user: &SessionUser,
    id: i64,
) -> Result<EvidenceRecord, AppError> {
    let ev = app.store().evidence(id).await?.ok_or(AppError::NotFound)?;
    let it = app
        .store()
        .item_tracking(ev.item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !domain::can_view_item(&user.actor, &it.item_units()) {
        return Err(AppError::Forbidden);
    }
    Ok(ev)
}

fn file_headers(h: &mut HeaderMap, mime: &str, size: i64, name: &str) {
    // The type was sniffed from the content at upload and is one of a fixed list.
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(size.max(0) as u64),
    );
    // Photos open in the page; everything else downloads.
    let disposition = if mime.starts_with("image/") {
        "inline"
    } else {
        "attachment"
    };
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&content_disposition(disposition, name))
            .unwrap_or(HeaderValue::from_static("attachment")),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
}

/// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266), so that
/// Vietnamese names survive and nothing in the name can break the header.
pub fn content_disposition(kind: &str, name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names_are_kept_and_quotes_cannot_escape() {
        let h = content_disposition("attachment", "Ảnh hội thảo \"1\".jpg");
        assert!(
            h.starts_with("attachment; filename=\"Anh hoi thao _1_.jpg\""),
            "{h}"
        );
        assert!(
            h.contains("filename*=UTF-8''%E1%BA%A2nh%20h%E1%BB%99i"),
            "{h}"
        );
        assert!(HeaderValue::from_str(&h).is_ok());
    }
}

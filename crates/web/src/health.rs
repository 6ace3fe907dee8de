//! `/healthz`: 200 when the database answers AND writes go through, 503 otherwise. No
//! session needed.
//!
//! Reads alone are not health: with a full disk every page still shows while every save
//! fails. So the check also writes: one row through the database's writer and one block
//! where uploads go, and it stays 503 for a while after any user's write met a full or
//! failing disk (a probe's small write can pass where a report's larger one fails).

use crate::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use store::StorageFailure;

/// How long a write that met a full or failing disk keeps the check at 503.
pub const STORAGE_FAILURE_WINDOW: Duration = Duration::from_secs(60);

/// Why the check fails, as the JSON says it (`"problem"`).
async fn problem(app: &AppState) -> Option<&'static str> {
    let store = app.store();
    if let Err(e) = store.ping().await {
        tracing::error!(error = %e, "health check: database unreachable");
        return Some("database_unreachable");
    }
    if let Some(kind) = store.recent_storage_failure(STORAGE_FAILURE_WINDOW) {
        return Some(storage_word(kind));
    }
    if let Err(e) = store.write_probe().await {
        tracing::error!(error = %e, "health check: the database refused a write");
        return Some(
            e.storage_failure()
                .map_or("database_write_failed", storage_word),
        );
    }
    if let Err(e) = app.evidence().probe_write().await {
        tracing::error!(error = %e, "health check: cannot write files in the data directory");
        return Some(match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => "disk_full",
            _ => "files_not_writable",
        });
    }
    None
}

fn storage_word(kind: StorageFailure) -> &'static str {
    match kind {
        StorageFailure::Full => "disk_full",
        StorageFailure::Io => "disk_error",
    }
}

pub async fn healthz(State(app): State<AppState>) -> Response {
    let backend = app.store().backend_name();
    let (status, body) = match problem(&app).await {
        None => (
            StatusCode::OK,
            format!("{{\"status\":\"ok\",\"database\":\"{backend}\"}}"),
        ),
        Some(problem) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "{{\"status\":\"error\",\"database\":\"{backend}\",\"problem\":\"{problem}\"}}"
            ),
        ),
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

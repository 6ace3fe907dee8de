//! `/healthz`: 200 when the database answers, 503 otherwise. No session needed.

use crate::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn healthz(State(app): State<AppState>) -> Response {
    let backend = app.store().backend_name();
    match app.store().ping().await {
        Ok(()) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            format!("{{\"status\":\"ok\",\"database\":\"{backend}\"}}"),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                format!("{{\"status\":\"error\",\"database\":\"{backend}\"}}"),
            )
                .into_response()
        }
    }
}

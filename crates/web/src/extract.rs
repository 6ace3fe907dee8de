//! Typed extractors. [`Id`] reads a route's one `{id}` into the domain's id type: an
//! address that does not name one (`/items/abc`, `/items/-1x`) is the same "not found" page
//! as an id that names nothing, never axum's plain-text 400.

use crate::errors::AppError;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use std::str::FromStr;

/// The route's `{id}`, parsed into `T` (`ItemId`, `EventId`, `i64`, …).
#[derive(Debug, Clone, Copy)]
pub struct Id<T>(pub T);

impl<S, T> FromRequestParts<S> for Id<T>
where
    S: Send + Sync,
    T: FromStr + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        raw.parse().map(Id).map_err(|_| AppError::NotFound)
    }
}

/// The form a list's export is asked in, read from the address's ending: one handler
/// serves `/x.csv` and `/x.xlsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

impl TableFormat {
    pub fn is_xlsx(self) -> bool {
        self == TableFormat::Xlsx
    }
}

impl<S: Send + Sync> FromRequestParts<S> for TableFormat {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let path = parts.uri.path();
        if path.ends_with(".xlsx") {
            Ok(TableFormat::Xlsx)
        } else if path.ends_with(".csv") {
            Ok(TableFormat::Csv)
        } else {
            Err(AppError::NotFound)
        }
    }
}

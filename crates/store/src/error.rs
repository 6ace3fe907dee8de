use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("unsupported database URL {url:?}: use sqlite://PATH, postgres://… or postgresql://…")]
    UnsupportedScheme { url: String },
    #[error("invalid database URL {url:?}: {message}")]
    InvalidUrl { url: String, message: String },
    #[error("cannot reach the database at {url}: {message}")]
    Unreachable { url: String, message: String },
    #[error("cannot open the SQLite database {path}: {message}")]
    Open { path: String, message: String },
    #[error("the document is not a plan (Kế hoạch): it reads as {kind}")]
    NotAPlan { kind: String },
    #[error("the login {0:?} is already taken")]
    LoginTaken(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("{entity} {id}: {conflict}")]
    Conflict {
        entity: &'static str,
        id: i64,
        conflict: domain::Conflict,
        /// The current state (JSON), so that the page can show both versions.
        current: serde_json::Value,
    },
    #[error("{0}")]
    Tracking(#[from] domain::TrackingError),
    #[error("{0}")]
    Event(#[from] domain::EventError),
    #[error("{0}")]
    Media(#[from] domain::media::MediaError),
    #[error("{0}")]
    Publish(#[from] domain::publishing::PublishError),
    #[error("{0}")]
    Setup(#[from] domain::SetupError),
    #[error("{0}")]
    City(#[from] domain::CityError),
    #[error("{0}")]
    Network(#[from] domain::network::NetworkError),
    #[error("{0}")]
    Review(#[from] domain::oversight::ReviewError),
    #[error("{0}")]
    Budget(#[from] domain::budget::BudgetError),
    #[error(
        "sangtao backup copies SQLite databases only; back up {backend} with its own tools \
         (pg_dump -Fc, then pg_restore), and copy the data directory's evidence/ folder"
    )]
    BackupUnsupported { backend: &'static str },
    #[error("import stopped by the test fault hook")]
    InjectedFault,
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored JSON is unreadable: {0}")]
    Json(#[from] serde_json::Error),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Why the storage refused a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageFailure {
    /// No space left (or the database's own size limit).
    Full,
    /// The disk reported an error.
    Io,
}

impl StoreError {
    /// A row named something that does not exist (a unit, an item, a person): a form
    /// carrying an id that was never offered, or one deleted since the form was drawn.
    pub fn is_foreign_key_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e)) if e.is_foreign_key_violation())
    }

    /// The disk or the storage under the database failed the write (nothing was saved):
    /// SQLite's SQLITE_FULL and SQLITE_IOERR, PostgreSQL's disk_full (53100) and its
    /// system errors (class 58).
    pub fn storage_failure(&self) -> Option<StorageFailure> {
        let StoreError::Database(sqlx::Error::Database(e)) = self else {
            return None;
        };
        let code = e.code()?;
        if e.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
            // The primary result code is the low byte of SQLite's extended code.
            return match code.parse::<i32>().ok()? & 0xff {
                13 => Some(StorageFailure::Full),
                10 => Some(StorageFailure::Io),
                _ => None,
            };
        }
        match code.as_ref() {
            "53100" => Some(StorageFailure::Full),
            c if c.starts_with("58") => Some(StorageFailure::Io),
            _ => None,
        }
    }

    pub(crate) fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

//! [`MediaError`]: why a media work or a move of it was refused, with its stable key and
//! typed fields; the web layer words it (`web::i18n::Worded`).

use super::MediaStage;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MediaError {
    #[error("not allowed: {action}")]
    Forbidden { action: &'static str },
    #[error("a title is required")]
    TitleRequired,
    #[error("a text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("unreadable duration {0:?}: write mm:ss (14:30) or minutes (14)")]
    BadDuration(String),
    #[error("unreadable number {value:?}: a whole number from 1 to {max}")]
    BadCount { value: String, max: i64 },
    #[error("unreadable date {0:?}: use dd/mm/yyyy")]
    BadDate(String),
    #[error("stage change {from} → {to} is not allowed")]
    Transition { from: MediaStage, to: MediaStage },
    #[error("approving a work is the Board's decision")]
    ApprovalIsBoards,
    #[error("a clip or documentary is published with its duration")]
    DurationRequired,
    #[error("a magazine feature or printed material is published with its pages")]
    PagesRequired,
    #[error("a publication date is required")]
    PublishedOnRequired,
    #[error("the publication date {date} is in the future")]
    PublishedInFuture { date: String },
    #[error("the plan item, event or contract linked does not exist")]
    UnknownLink,
    #[error("the work is led by one unit")]
    UnitRequired,
}

impl MediaError {
    /// Stable key for translations and tests.
    pub fn key(&self) -> &'static str {
        match self {
            MediaError::Forbidden { .. } => "media.forbidden",
            MediaError::TitleRequired => "media.title_required",
            MediaError::TooLong { .. } => "media.too_long",
            MediaError::BadDuration(_) => "media.bad_duration",
            MediaError::BadCount { .. } => "media.bad_count",
            MediaError::BadDate(_) => "media.bad_date",
            MediaError::Transition { .. } => "media.transition",
            MediaError::ApprovalIsBoards => "media.approval_is_boards",
            MediaError::DurationRequired => "media.duration_required",
            MediaError::PagesRequired => "media.pages_required",
            MediaError::PublishedOnRequired => "media.published_on_required",
            MediaError::PublishedInFuture { .. } => "media.published_in_future",
            MediaError::UnknownLink => "media.unknown_link",
            MediaError::UnitRequired => "media.unit_required",
        }
    }
}

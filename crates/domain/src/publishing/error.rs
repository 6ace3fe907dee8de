//! [`PublishError`]: why a publication, a move of it or a creative space was refused,
//! with its stable key and typed fields; the web layer words it.

use super::{PublicKind, PublicationState};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PublishError {
    #[error("not allowed: {action}")]
    Forbidden { action: &'static str },
    #[error("publication change {from} → {to} is not allowed")]
    Transition {
        from: PublicationState,
        to: PublicationState,
    },
    #[error("a title is required")]
    TitleRequired,
    #[error("a text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("the point {lat}, {lon} is not in Hà Nội")]
    OutsideHanoi { lat: String, lon: String },
    #[error("the link {0:?} is not an http(s) address")]
    BadLink(String),
    #[error("unreadable date and time {0:?}: use dd/mm/yyyy HH:MM")]
    BadEmbargo(String),
    #[error("this {kind} cannot be published yet")]
    NotReady { kind: PublicKind },
    #[error("the {kind} to publish does not exist")]
    UnknownSubject { kind: PublicKind },
    #[error("this {kind} already has a publication")]
    AlreadyProposed { kind: PublicKind },
}

impl PublishError {
    /// Stable key for translations and tests.
    pub fn key(&self) -> &'static str {
        match self {
            PublishError::Forbidden { .. } => "publish.forbidden",
            PublishError::Transition { .. } => "publish.transition",
            PublishError::TitleRequired => "publish.title_required",
            PublishError::TooLong { .. } => "publish.too_long",
            PublishError::OutsideHanoi { .. } => "publish.outside_hanoi",
            PublishError::BadLink(_) => "publish.bad_link",
            PublishError::BadEmbargo(_) => "publish.bad_embargo",
            PublishError::NotReady { .. } => "publish.not_ready",
            PublishError::UnknownSubject { .. } => "publish.unknown_subject",
            PublishError::AlreadyProposed { .. } => "publish.already_proposed",
        }
    }
}

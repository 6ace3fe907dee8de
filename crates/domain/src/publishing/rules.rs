//! Who moves a publication where, when it is visible, and which language a field shows in.

use super::{PublicationState, PublishError};
use crate::permissions::Actor;
use crate::vocab::{Language, Role};

/// Who may propose something for the public site and edit a draft: the department's
/// own people, the Board and admins (never a partner).
pub fn can_propose(actor: &Actor) -> bool {
    actor.is_board_or_admin() || actor.is_internal_member()
}

/// Who reviews and publishes: the Office (Văn phòng Sở), the Board and admins.
pub fn can_publish(actor: &Actor) -> bool {
    actor.is_board_or_admin() || actor.has_role(Role::Office)
}

/// The moves from `from`: a draft goes to review; a reviewer publishes it or returns it;
/// a published one is withdrawn (kept, with its history); a withdrawn one is drafted
/// again.
pub fn publication_moves(from: PublicationState) -> Vec<PublicationState> {
    use PublicationState::*;
    match from {
        Draft => vec![Review],
        Review => vec![Published, Draft],
        Published => vec![Withdrawn],
        Withdrawn => vec![Draft],
    }
}

/// Checks a move and who makes it.
pub fn check_publication_move(
    actor: &Actor,
    from: PublicationState,
    to: PublicationState,
) -> Result<(), PublishError> {
    use PublicationState::*;
    if !publication_moves(from).contains(&to) {
        return Err(PublishError::Transition { from, to });
    }
    let allowed = match (from, to) {
        (Draft, Review) | (Withdrawn, Draft) => can_propose(actor),
        _ => can_publish(actor),
    };
    if !allowed {
        return Err(PublishError::Forbidden {
            action: "move the publication",
        });
    }
    Ok(())
}

/// Whether the public sees it at `now` (unix seconds): published, and past its embargo.
pub fn is_visible(state: PublicationState, embargo_until: Option<i64>, now: i64) -> bool {
    state == PublicationState::Published && embargo_until.is_none_or(|t| t <= now)
}

/// A field in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Translated<'a> {
    pub text: &'a str,
    /// English was asked for but is missing: the Vietnamese is shown, and the page says so.
    pub fallback: bool,
}

pub fn translated<'a>(vi: &'a str, en: &'a str, lang: Language) -> Translated<'a> {
    match lang {
        Language::En if !en.trim().is_empty() => Translated {
            text: en,
            fallback: false,
        },
        Language::En => Translated {
            text: vi,
            fallback: !vi.trim().is_empty(),
        },
        Language::Vi => Translated {
            text: vi,
            fallback: false,
        },
    }
}

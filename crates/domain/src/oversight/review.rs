//! Review of a progress report: the Board accepts (duyệt) or returns (trả lại) the latest
//! version of a unit's report. Who may review, the two decisions, and where a report
//! stands. Pure: the store checks a review here under its write lock.
//!
//! The department's units have no "head" (trưởng phòng) in the data, so reviewing is the
//! Board's and the admins', as grading is. A reviewer never reviews a version they filed.
//! A return must say why (the unit answers it with a new version); an acceptance may.
//! Each version is decided once: a decision on a version that is no longer the latest,
//! or one already decided, is a conflict that the reviewer resolves by reading again.

use super::grades::check_comment;
use crate::ids::UserId;
use crate::permissions::Actor;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The Board's decision on one version of a progress report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    /// Duyệt: the version stands as the unit's report.
    Accepted,
    /// Trả lại: the unit is to file a new version answering the comment.
    Returned,
}

impl ReviewDecision {
    pub const ALL: &'static [ReviewDecision] =
        &[ReviewDecision::Accepted, ReviewDecision::Returned];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewDecision::Accepted => "accepted",
            ReviewDecision::Returned => "returned",
        }
    }
}

impl FromStr for ReviewDecision {
    type Err = ReviewError;
    fn from_str(s: &str) -> Result<Self, ReviewError> {
        ReviewDecision::ALL
            .iter()
            .copied()
            .find(|d| d.as_str() == s.trim())
            .ok_or_else(|| ReviewError::BadDecision(s.to_string()))
    }
}

impl fmt::Display for ReviewDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a review was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("only the Board or an admin reviews a report, and never one they filed")]
    Forbidden,
    #[error("unknown review decision {0:?}")]
    BadDecision(String),
    #[error("a returned report needs a comment saying what to change")]
    CommentRequired,
    #[error("the comment is longer than {max} characters")]
    CommentTooLong { max: usize },
    /// The unit filed a newer version after the reviewer opened the page.
    #[error("version {opened} was reviewed, but the report is at version {latest}")]
    Stale { opened: i64, latest: i64 },
    /// Someone (or the same click twice) decided this version first.
    #[error("version {version} is already {decision}")]
    AlreadyReviewed {
        version: i64,
        decision: ReviewDecision,
    },
}

impl ReviewError {
    pub fn key(&self) -> &'static str {
        match self {
            ReviewError::Forbidden => "review.forbidden",
            ReviewError::BadDecision(_) => "review.bad_decision",
            ReviewError::CommentRequired => "review.comment_required",
            ReviewError::CommentTooLong { .. } => "review.comment_too_long",
            ReviewError::Stale { .. } => "review.stale",
            ReviewError::AlreadyReviewed { .. } => "review.already_reviewed",
        }
    }

    /// Someone else was first: the page says so with 409 and shows the report as it is.
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            ReviewError::Stale { .. } | ReviewError::AlreadyReviewed { .. }
        )
    }
}

/// Whether `actor` may review progress reports at all (the buttons on the item page).
pub fn can_review_reports(actor: &Actor) -> bool {
    actor.is_board_or_admin()
}

/// Whether `actor` may review a version filed by `author`.
pub fn may_review(actor: &Actor, author: Option<UserId>) -> bool {
    can_review_reports(actor) && author != Some(actor.user_id)
}

/// The decision with its comment: a return says why, and no comment is over the bound of
/// evaluation comments. Checked on the form and again in the store.
pub fn check_decision(decision: ReviewDecision, comment: &str) -> Result<(), ReviewError> {
    if decision == ReviewDecision::Returned && comment.trim().is_empty() {
        return Err(ReviewError::CommentRequired);
    }
    check_comment(comment).map_err(|_| ReviewError::CommentTooLong {
        max: super::MAX_COMMENT_CHARS,
    })
}

/// The report as the store finds it when a review arrives: its latest version, who filed
/// that version, and the decision already on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewSubject {
    pub latest_version: i64,
    pub latest_author: Option<UserId>,
    pub latest_decision: Option<ReviewDecision>,
}

/// The whole rule, in the order a reviewer hears it: not allowed (403) before someone
/// was first (409), and both before a missing comment.
pub fn check_review(
    actor: &Actor,
    subject: &ReviewSubject,
    opened_version: i64,
    decision: ReviewDecision,
    comment: &str,
) -> Result<(), ReviewError> {
    if !may_review(actor, subject.latest_author) {
        return Err(ReviewError::Forbidden);
    }
    if opened_version != subject.latest_version {
        return Err(ReviewError::Stale {
            opened: opened_version,
            latest: subject.latest_version,
        });
    }
    if let Some(done) = subject.latest_decision {
        return Err(ReviewError::AlreadyReviewed {
            version: subject.latest_version,
            decision: done,
        });
    }
    check_decision(decision, comment)
}

/// Where a report stands, from the decision on its latest version and on the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Filed, not yet decided.
    Waiting,
    /// A new version filed after a return: it answers the return and waits again.
    Answered,
    Accepted,
    /// Returned, no new version yet: the unit's turn.
    Returned,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Waiting => "waiting",
            ReviewState::Answered => "answered",
            ReviewState::Accepted => "accepted",
            ReviewState::Returned => "returned",
        }
    }

    /// The Board has something to decide.
    pub fn waits_for_review(self) -> bool {
        matches!(self, ReviewState::Waiting | ReviewState::Answered)
    }
}

pub fn review_state(
    latest: Option<ReviewDecision>,
    previous: Option<ReviewDecision>,
) -> ReviewState {
    match (latest, previous) {
        (Some(ReviewDecision::Accepted), _) => ReviewState::Accepted,
        (Some(ReviewDecision::Returned), _) => ReviewState::Returned,
        (None, Some(ReviewDecision::Returned)) => ReviewState::Answered,
        (None, _) => ReviewState::Waiting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UnitId;
    use crate::vocab::Role;

    fn actor(id: i64, roles: &[Role]) -> Actor {
        Actor {
            user_id: UserId(id),
            roles: roles.to_vec(),
            unit_ids: vec![UnitId(1)],
            active: true,
        }
    }

    const FILED_BY_UNIT: ReviewSubject = ReviewSubject {
        latest_version: 2,
        latest_author: Some(UserId(7)),
        latest_decision: None,
    };

    #[test]
    fn the_board_and_admins_review_units_and_partners_do_not() {
        for roles in [&[Role::Board][..], &[Role::Admin]] {
            assert!(can_review_reports(&actor(1, roles)));
        }
        for roles in [Role::Staff, Role::Finance, Role::Office, Role::Partner] {
            let a = actor(1, &[roles]);
            assert!(!can_review_reports(&a));
            assert_eq!(
                check_review(&a, &FILED_BY_UNIT, 2, ReviewDecision::Accepted, ""),
                Err(ReviewError::Forbidden)
            );
        }
        let mut gone = actor(1, &[Role::Board]);
        gone.active = false;
        assert!(!can_review_reports(&gone));
    }

    #[test]
    fn nobody_reviews_a_version_they_filed() {
        let both = actor(7, &[Role::Board, Role::Staff]);
        assert!(can_review_reports(&both));
        assert!(!may_review(&both, Some(UserId(7))));
        assert_eq!(
            check_review(&both, &FILED_BY_UNIT, 2, ReviewDecision::Accepted, ""),
            Err(ReviewError::Forbidden)
        );
        assert!(may_review(&actor(8, &[Role::Board]), Some(UserId(7))));
    }

    #[test]
    fn a_return_says_why_and_comments_are_bounded() {
        let board = actor(1, &[Role::Board]);
        assert_eq!(
            check_review(&board, &FILED_BY_UNIT, 2, ReviewDecision::Returned, "  "),
            Err(ReviewError::CommentRequired)
        );
        assert_eq!(
            check_review(
                &board,
                &FILED_BY_UNIT,
                2,
                ReviewDecision::Returned,
                "Bổ sung ảnh"
            ),
            Ok(())
        );
        assert_eq!(
            check_review(&board, &FILED_BY_UNIT, 2, ReviewDecision::Accepted, ""),
            Ok(()),
            "an acceptance needs no comment"
        );
        let long = "ư".repeat(super::super::MAX_COMMENT_CHARS + 1);
        assert_eq!(
            check_decision(ReviewDecision::Accepted, &long),
            Err(ReviewError::CommentTooLong {
                max: super::super::MAX_COMMENT_CHARS
            })
        );
        let just = "ư".repeat(super::super::MAX_COMMENT_CHARS);
        assert_eq!(check_decision(ReviewDecision::Returned, &just), Ok(()));
    }

    #[test]
    fn a_newer_version_or_a_decided_one_is_a_conflict() {
        let board = actor(1, &[Role::Board]);
        let stale = check_review(&board, &FILED_BY_UNIT, 1, ReviewDecision::Accepted, "");
        assert_eq!(
            stale,
            Err(ReviewError::Stale {
                opened: 1,
                latest: 2
            })
        );
        assert!(stale.unwrap_err().is_conflict());
        let decided = ReviewSubject {
            latest_decision: Some(ReviewDecision::Returned),
            ..FILED_BY_UNIT
        };
        let twice = check_review(&board, &decided, 2, ReviewDecision::Returned, "Lần nữa");
        assert_eq!(
            twice,
            Err(ReviewError::AlreadyReviewed {
                version: 2,
                decision: ReviewDecision::Returned
            })
        );
        assert!(twice.unwrap_err().is_conflict());
        // Not allowed is said before "someone was first".
        assert_eq!(
            check_review(
                &actor(1, &[Role::Staff]),
                &decided,
                1,
                ReviewDecision::Accepted,
                ""
            ),
            Err(ReviewError::Forbidden)
        );
        assert!(!ReviewError::CommentRequired.is_conflict());
    }

    #[test]
    fn decisions_read_from_their_codes_only() {
        for d in ReviewDecision::ALL {
            assert_eq!(d.as_str().parse::<ReviewDecision>(), Ok(*d));
        }
        assert_eq!(
            "approve".parse::<ReviewDecision>(),
            Err(ReviewError::BadDecision("approve".into()))
        );
    }

    #[test]
    fn a_new_version_after_a_return_answers_it() {
        use ReviewDecision::*;
        assert_eq!(review_state(None, None), ReviewState::Waiting);
        assert_eq!(review_state(None, Some(Accepted)), ReviewState::Waiting);
        assert_eq!(review_state(None, Some(Returned)), ReviewState::Answered);
        assert_eq!(review_state(Some(Returned), None), ReviewState::Returned);
        assert_eq!(
            review_state(Some(Accepted), Some(Returned)),
            ReviewState::Accepted
        );
        assert!(ReviewState::Answered.waits_for_review());
        assert!(ReviewState::Waiting.waits_for_review());
        assert!(!ReviewState::Returned.waits_for_review());
        assert!(!ReviewState::Accepted.waits_for_review());
    }
}

//! The estimate's workflow and who may act at each step:
//!
//! ```text
//! draft ──submit──▶ submitted ──verify──▶ verified ──approve──▶ approved
//!   ▲                  │                     │
//!   └─────return───────┘                     └──reject──▶ rejected
//! ```
//!
//! - the lead unit's people (Staff, Finance or Office holding a lead unit of the item)
//!   write the lines of a draft and submit it;
//! - Finance (Phòng Kế hoạch Tài chính) verifies a submitted estimate, or returns it to
//!   draft with a comment saying what to change;
//! - the Board approves a verified estimate, or rejects it with a comment;
//! - four eyes: nobody verifies or approves an estimate they submitted, and the Board
//!   member who approves is not the one who verified it;
//! - an approved (or rejected) estimate is locked; a change opens a new revision, a draft
//!   with the same lines, by the lead unit.
//!
//! Admins administer; they take no step in the money's workflow.

use super::BudgetError;
use crate::ids::UserId;
use crate::permissions::{Actor, ItemUnit};
use crate::vocab::{Language, ParseError, Role, UnitRelation, vocabulary};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocabulary! {
    /// Where an estimate stands.
    EstimateStatus, "estimate status" {
        Draft = "draft", "Dự thảo", "Draft";
        Submitted = "submitted", "Chờ thẩm tra", "Awaiting verification";
        Verified = "verified", "Đã thẩm tra", "Verified";
        Approved = "approved", "Đã phê duyệt", "Approved";
        Rejected = "rejected", "Không phê duyệt", "Rejected";
    }
}

vocabulary! {
    /// A step of the workflow, as recorded in the estimate's history.
    EstimateAction, "estimate action" {
        Submit = "submit", "Trình", "Submit";
        Verify = "verify", "Thẩm tra", "Verify";
        Return = "return", "Trả lại", "Return";
        Approve = "approve", "Phê duyệt", "Approve";
        Reject = "reject", "Không phê duyệt", "Reject";
        /// Opens a new revision of an approved or rejected estimate.
        Revise = "revise", "Điều chỉnh", "Revise";
    }
}

impl EstimateAction {
    /// The status the action leaves from, and the one it leads to.
    pub fn transition(self) -> (&'static [EstimateStatus], EstimateStatus) {
        use EstimateStatus as S;
        match self {
            EstimateAction::Submit => (&[S::Draft], S::Submitted),
            EstimateAction::Verify => (&[S::Submitted], S::Verified),
            EstimateAction::Return => (&[S::Submitted], S::Draft),
            EstimateAction::Approve => (&[S::Verified], S::Approved),
            EstimateAction::Reject => (&[S::Verified], S::Rejected),
            EstimateAction::Revise => (&[S::Approved, S::Rejected], S::Draft),
        }
    }

    /// Returning and rejecting say why.
    pub fn needs_comment(self) -> bool {
        matches!(self, EstimateAction::Return | EstimateAction::Reject)
    }

    /// The steps the page offers buttons for (revise has its own form).
    pub const STEPS: &'static [EstimateAction] = &[
        EstimateAction::Submit,
        EstimateAction::Verify,
        EstimateAction::Return,
        EstimateAction::Approve,
        EstimateAction::Reject,
    ];
}

/// The estimate as the store finds it when a step arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateSubject {
    pub status: EstimateStatus,
    /// The item's units in effect.
    pub item_units: Vec<ItemUnit>,
    /// Who submitted the current round (set on submit, kept until it is returned).
    pub submitted_by: Option<UserId>,
    pub verified_by: Option<UserId>,
    pub line_count: usize,
    /// False for an older revision: only the latest one moves.
    pub latest: bool,
}

/// The lead unit's people: Staff, Finance or Office holding a unit that leads the item.
pub fn can_prepare_estimate(actor: &Actor, item_units: &[ItemUnit]) -> bool {
    actor.is_internal_member()
        && item_units
            .iter()
            .any(|u| u.relation == UnitRelation::Lead && actor.unit_ids.contains(&u.unit_id))
}

/// Read an item's estimate and the queues' totals: the department's people, the Board and
/// admins; never a partner (money is the department's own business).
pub fn can_view_budget(actor: &Actor) -> bool {
    actor.is_board_or_admin() || actor.is_internal_member()
}

/// Record the plan's funding sources: Finance, or an admin setting the plan up.
pub fn can_manage_funding(actor: &Actor) -> bool {
    actor.has_role(Role::Finance) || actor.has_role(Role::Admin)
}

/// The first part of [`check_step`]: whether the role (and unit) allows `action` at all.
/// The store checks it before the version, so that someone who may not act hears "not
/// allowed" rather than "someone was first".
pub fn check_role(
    actor: &Actor,
    item_units: &[ItemUnit],
    action: EstimateAction,
) -> Result<(), BudgetError> {
    if role_allows(actor, item_units, action) {
        Ok(())
    } else {
        Err(BudgetError::Forbidden { action })
    }
}

/// Whether the role (and unit) allows `action` at all, whatever the estimate's state.
fn role_allows(actor: &Actor, item_units: &[ItemUnit], action: EstimateAction) -> bool {
    match action {
        EstimateAction::Submit | EstimateAction::Revise => can_prepare_estimate(actor, item_units),
        EstimateAction::Verify | EstimateAction::Return => actor.has_role(Role::Finance),
        EstimateAction::Approve | EstimateAction::Reject => actor.has_role(Role::Board),
    }
}

/// Whether `actor` did the earlier step that four eyes keep them from checking.
fn own_work(actor: &Actor, subject: &EstimateSubject, action: EstimateAction) -> bool {
    let me = Some(actor.user_id);
    match action {
        EstimateAction::Verify | EstimateAction::Return => subject.submitted_by == me,
        EstimateAction::Approve | EstimateAction::Reject => {
            subject.submitted_by == me || subject.verified_by == me
        }
        EstimateAction::Submit | EstimateAction::Revise => false,
    }
}

/// Whether the page should offer `action` to `actor`: every rule but the comment's.
pub fn may_take(actor: &Actor, subject: &EstimateSubject, action: EstimateAction) -> bool {
    check_turn(actor, subject, action).is_ok()
}

/// The whole rule for a step, in the order the actor hears it: not allowed (role, unit),
/// then one's own submission, then the state, then the comment. Returns the new status.
pub fn check_step(
    actor: &Actor,
    subject: &EstimateSubject,
    action: EstimateAction,
    comment: &str,
) -> Result<EstimateStatus, BudgetError> {
    let to = check_turn(actor, subject, action)?;
    check_comment(action, comment)?;
    Ok(to)
}

/// Whose turn and which state: [`check_step`] without the comment.
fn check_turn(
    actor: &Actor,
    subject: &EstimateSubject,
    action: EstimateAction,
) -> Result<EstimateStatus, BudgetError> {
    check_role(actor, &subject.item_units, action)?;
    if own_work(actor, subject, action) {
        return Err(BudgetError::OwnSubmission { action });
    }
    if !subject.latest {
        return Err(BudgetError::NotLatest);
    }
    let (from, to) = action.transition();
    if !from.contains(&subject.status) {
        return Err(BudgetError::Transition {
            from: subject.status,
            action,
        });
    }
    if action == EstimateAction::Submit && subject.line_count == 0 {
        return Err(BudgetError::NoLines);
    }
    Ok(to)
}

/// A comment within the bound, present when the action needs one.
pub fn check_comment(action: EstimateAction, comment: &str) -> Result<(), BudgetError> {
    if action.needs_comment() && comment.trim().is_empty() {
        return Err(BudgetError::CommentRequired);
    }
    let max = crate::oversight::MAX_COMMENT_CHARS;
    if comment.chars().count() > max {
        return Err(BudgetError::TooLong { max });
    }
    Ok(())
}

/// Adding or removing lines: the lead unit's people, on the latest revision, while it is
/// a draft. An approved estimate is locked (a change opens a revision).
pub fn check_edit_lines(actor: &Actor, subject: &EstimateSubject) -> Result<(), BudgetError> {
    if !can_prepare_estimate(actor, &subject.item_units) {
        return Err(BudgetError::Forbidden {
            action: EstimateAction::Submit,
        });
    }
    if !subject.latest {
        return Err(BudgetError::NotLatest);
    }
    if subject.status != EstimateStatus::Draft {
        return Err(BudgetError::Locked {
            status: subject.status,
        });
    }
    Ok(())
}

/// Opening a new revision of an approved or rejected estimate.
pub fn check_revise(actor: &Actor, subject: &EstimateSubject) -> Result<(), BudgetError> {
    check_step(actor, subject, EstimateAction::Revise, "").map(|_| ())
}

//! A work's stage moves and who may make them. Built on the item rules of
//! [`crate::permissions`]: a work's lead unit plays the part of an item's.

use super::{Duration, MediaError, MediaKind, MediaStage};
use crate::permissions::{Actor, ItemUnit, can_edit_item, can_view_item};
use crate::vocab::{ItemStatus, UnitRelation};
use chrono::NaiveDate;

/// Who may see a work: like an item (the department sees all; a partner what names one
/// of its units).
pub fn can_view_work(actor: &Actor, units: &[ItemUnit]) -> bool {
    can_view_item(actor, units)
}

/// Who may change it: the Board, admins and the people of its lead unit.
pub fn can_edit_work(actor: &Actor, units: &[ItemUnit]) -> bool {
    can_edit_item(actor, units)
}

/// Who may record a work led by `lead`: the Board, admins and that unit's own people.
pub fn can_create_work(actor: &Actor, lead: crate::UnitId) -> bool {
    can_edit_item(
        actor,
        &[ItemUnit {
            unit_id: lead,
            relation: UnitRelation::Lead,
        }],
    )
}

/// The stages a work may move to from `from`: the next one, or back one to rework it.
/// A published work may be withdrawn to "đã duyệt" (it then leaves the counts).
pub fn stage_moves(from: MediaStage) -> Vec<MediaStage> {
    let mut out: Vec<MediaStage> = from.next().into_iter().collect();
    out.extend(from.previous());
    out
}

/// A move away from "đã phát hành" takes the work out of the counts, so the form asks
/// the person to confirm it.
pub fn leaves_the_count(from: MediaStage, to: MediaStage) -> bool {
    from == MediaStage::Published && to != from
}

/// What a move checks besides the actor: the work's kind and specs, and the day.
#[derive(Debug, Clone, Copy)]
pub struct StageMove {
    pub from: MediaStage,
    pub to: MediaStage,
    pub kind: MediaKind,
    pub duration: Option<Duration>,
    pub pages: Option<i64>,
    /// The publication date typed with a move to "đã phát hành".
    pub published_on: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Checks a stage move. Approving ("đã duyệt") is the Board's (or an admin's) decision;
/// every other move is the lead unit's. A work is published with the figure it counts
/// by (a clip's or documentary's duration, a feature's pages) and a date not in the
/// future.
pub fn check_stage_move(
    actor: &Actor,
    units: &[ItemUnit],
    m: &StageMove,
) -> Result<(), MediaError> {
    if !can_edit_work(actor, units) {
        return Err(MediaError::Forbidden {
            action: "move the work's stage",
        });
    }
    if !stage_moves(m.from).contains(&m.to) {
        return Err(MediaError::Transition {
            from: m.from,
            to: m.to,
        });
    }
    if m.to == MediaStage::Approved && m.from == MediaStage::Review && !actor.is_board_or_admin() {
        return Err(MediaError::ApprovalIsBoards);
    }
    if m.to == MediaStage::Published {
        if m.kind.has_duration() && m.duration.is_none() {
            return Err(MediaError::DurationRequired);
        }
        if m.kind.has_pages() && m.pages.is_none() {
            return Err(MediaError::PagesRequired);
        }
        match m.published_on {
            None => return Err(MediaError::PublishedOnRequired),
            Some(d) if d > m.today => {
                return Err(MediaError::PublishedInFuture {
                    date: crate::format_date(d),
                });
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The status a work's countable record carries: "published" counts, anything else is
/// "draft" (the codes of `counting::RECORD_KINDS`).
pub fn record_status(stage: MediaStage) -> &'static str {
    if stage == MediaStage::Published {
        "published"
    } else {
        "draft"
    }
}

/// The status a stage move puts the work's item in, if any: as with a progress report,
/// the first sign of work (a script, past the brief) puts an item not yet started in
/// progress. "Hoàn thành" stays the lead unit's to confirm.
pub fn status_after_stage(item: ItemStatus, stage: MediaStage) -> Option<ItemStatus> {
    (item == ItemStatus::NotStarted && stage > MediaStage::Brief).then_some(ItemStatus::InProgress)
}

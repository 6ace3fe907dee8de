//! Plan drafts: a document read in the browser, kept for review until it is committed as
//! a plan or discarded (migration 0016).

use domain::UserId;
use serde::{Deserialize, Serialize};
use vanban::ParsedPlan;

/// A draft with what the review page needs: the text the reader read and its reading.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDraft {
    pub id: i64,
    pub created_by: UserId,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub source_name: String,
    pub source_sha256: String,
    pub source_text: String,
    pub parsed: ParsedPlan,
    /// The funding lines proposed from the document's "Kinh phí" section, as reviewed
    /// (migration 0021); committed with the plan as its funding sources.
    pub funding: Vec<FundingLine>,
}

/// A funding source of a plan being imported: proposed from the document's "Kinh phí"
/// section (`app::import::funding`), corrected or dropped on the review page, and written
/// as one of the plan's funding sources in the import's transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingLine {
    pub name: String,
    pub legal_basis: String,
    /// The year the money is for; `None`: the plan's year.
    pub year: Option<i32>,
    /// Whole đồng; `None`: the document names no amount for it.
    pub amount: Option<i64>,
    /// The unit the money is assigned to, as written ("… giao Phòng Quản lý Di sản văn
    /// hóa"); the import finds or creates it as it does the items' units.
    pub unit: Option<String>,
}

/// A line of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraftLine {
    pub id: i64,
    pub source_name: String,
    pub title: String,
    pub created_by_name: String,
    pub updated_at: i64,
}

/// A document as read, to keep as a draft.
#[derive(Debug, Clone)]
pub struct NewPlanDraft<'a> {
    pub source_name: &'a str,
    pub source_sha256: &'a str,
    pub source_text: &'a str,
    pub parsed: &'a ParsedPlan,
    pub funding: &'a [FundingLine],
}

/// A revised plan (Kế hoạch điều chỉnh, bổ sung) to apply over stored plan `plan` from
/// draft `draft` at `draft_version`: the revised tree in document order, each item
/// continuing a stored one or new, and the stored items it drops. `app::import::revise`
/// builds it from the very matching the review page showed (`app::import::diff`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRevision {
    pub plan: domain::PlanId,
    pub draft: i64,
    pub draft_version: i64,
    pub items: Vec<RevisedItem>,
    /// Stored items the revision drops, with the version each was matched at.
    pub removed: Vec<(domain::ItemId, i64)>,
}

/// An item of the revised tree.
#[derive(Debug, Clone, PartialEq)]
pub struct RevisedItem {
    /// The stored item it continues and the version it was matched at; `None`: added.
    pub matched: Option<(domain::ItemId, i64)>,
    /// Its title or targets differ from the stored item's (updated and audited).
    pub changed: bool,
    /// Index in `PlanRevision::items` of its parent (which comes before it); `None`: a root.
    pub parent: Option<usize>,
    /// 0: the plan's content; k: the rows of its k-th appendix.
    pub forest: usize,
    /// Among its siblings, from 0.
    pub position: usize,
    /// As read and reviewed; its children are ignored (they are items of their own).
    pub item: vanban::Item,
}

impl PlanRevision {
    /// (added, removed, changed), as recorded with the revision.
    pub fn counts(&self) -> (usize, usize, usize) {
        let added = self.items.iter().filter(|i| i.matched.is_none()).count();
        let changed = self
            .items
            .iter()
            .filter(|i| i.matched.is_some() && i.changed)
            .count();
        (added, self.removed.len(), changed)
    }
}

/// A revision applied to a plan, as its page lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionRecord {
    pub id: i64,
    pub plan_id: domain::PlanId,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub date: Option<chrono::NaiveDate>,
    pub title: String,
    pub source_name: String,
    pub applied_by_name: Option<String>,
    pub applied_at: i64,
    pub added: i64,
    pub removed: i64,
    pub changed: i64,
}

impl RevisionRecord {
    /// "12/KH-SVHTT" as documents write it, or only what there is.
    pub fn reference(&self) -> String {
        match (self.number.as_deref(), self.symbol.as_deref()) {
            (Some(n), Some(s)) => format!("{n}/{s}"),
            (Some(n), None) => n.to_string(),
            (None, Some(s)) => s.to_string(),
            (None, None) => String::new(),
        }
    }
}

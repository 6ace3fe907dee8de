//! Plan drafts: a document read in the browser, kept for review until it is committed as
//! a plan or discarded (migration 0016).

use domain::UserId;
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
}

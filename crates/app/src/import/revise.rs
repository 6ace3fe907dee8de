//! A draft applied as a revision of a stored plan: the diff the review page shows, and the
//! store's operations built from the very same matching, so that what is applied is
//! exactly what was shown.

use super::diff::{self, PlanDiff};
use domain::AbbreviationTable;
use store::{PlanDraft, PlanRevision, PlanView, RevisedItem};

/// The differences and the revision that applies them.
#[derive(Debug, Clone)]
pub struct Revision {
    pub diff: PlanDiff,
    pub revision: PlanRevision,
}

/// Compares the draft with the stored plan `view`; matched items carry the stored id and
/// version they were matched at, so that a plan changed meanwhile is refused.
pub fn revise(view: &PlanView, draft: &PlanDraft, table: &AbbreviationTable) -> Revision {
    let stored = diff::stored_walk(view);
    let revised = diff::read_walk(&draft.parsed, table);
    let (se, re): (Vec<_>, Vec<_>) = (
        stored.iter().map(|(e, _)| e.clone()).collect(),
        revised.iter().map(|(e, _)| e.clone()).collect(),
    );
    let matched = diff::matching(&se, &re);
    let items = revised
        .iter()
        .zip(&matched)
        .map(|((entry, place), m)| RevisedItem {
            matched: m.map(|s| (stored[s].1.item.id, stored[s].1.item.version)),
            changed: m.is_some_and(|s| diff::differs(&se[s], entry)),
            parent: place.parent,
            forest: place.forest,
            position: place.position,
            item: vanban::Item {
                children: Vec::new(),
                ..place.item.clone()
            },
        })
        .collect();
    let mut taken = vec![false; se.len()];
    for s in matched.iter().flatten() {
        taken[*s] = true;
    }
    let removed = stored
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|((_, n), _)| (n.item.id, n.item.version))
        .collect();
    Revision {
        diff: diff::summarise(&se, &re, &matched),
        revision: PlanRevision {
            plan: view.plan.id,
            draft: draft.id,
            draft_version: draft.version,
            items,
            removed,
        },
    }
}

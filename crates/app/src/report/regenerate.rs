//! Regenerating a saved draft: which fields follow the records, which the Board edited,
//! and which were edited while the records moved on (a conflict the Board settles).
//!
//! A draft is saved with its base: for each field, the text generated from the records
//! that the saved text was edited from ([`SavedDraft`], JSON in `report_drafts`: the
//! narrative's fields, plus `base`). When the records change, [`merge`] compares, field by
//! field, the saved text, its base and the freshly generated text:
//!
//! - not edited (saved = base): the new text, silently;
//! - edited, and the generated text unchanged (base = new): the edit stays;
//! - edited, and the generated text changed: a [`Conflict`], shown with both texts until
//!   the Board keeps its own or takes the new ([`resolve`]).
//!
//! A draft saved before bases were kept has none: a field that differs from the new text
//! is then a conflict, unless the records give no text for it (the number and the date,
//! which are typed, never generated).

use super::draft::{DRAFT_FIELDS, DraftContent};
use serde::{Deserialize, Serialize};

/// What `report_drafts.content_json` holds: the fields at the top level (as drafts were
/// saved before bases, so both read), and the base they were edited from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDraft {
    #[serde(flatten)]
    pub content: DraftContent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<DraftContent>,
}

impl SavedDraft {
    /// Reads a stored draft; an unreadable one reads as none.
    pub fn from_json(v: &serde_json::Value) -> Option<SavedDraft> {
        serde_json::from_value(v.clone()).ok()
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// A field edited by the Board whose generated text has changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The field's name (one of [`DRAFT_FIELDS`]).
    pub field: &'static str,
    /// The Board's text.
    pub mine: String,
    /// The text generated from the records now.
    pub new: String,
}

/// A saved draft over the records of now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The text to show and write: the saved text, with the fields nobody edited brought
    /// up to date; a conflict keeps the Board's text until it is settled.
    pub content: DraftContent,
    /// The base to save with `content`: the new text for every field except the
    /// conflicts, which keep their old base so that they stay conflicts until settled.
    pub base: DraftContent,
    pub conflicts: Vec<Conflict>,
}

/// The Board's choice for a conflicting field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// "Giữ bản của tôi": the edit stays, now based on the new text.
    Mine,
    /// "Lấy bản mới": the new text replaces the edit.
    New,
}

/// The same text, as the form gives it back (trimmed: the form trims what it saves).
fn same(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
}

/// Compares `saved` (edited from `base`, if known) with `fresh`, the text generated now.
pub fn merge(saved: &SavedDraft, fresh: &DraftContent) -> Merged {
    let mut content = saved.content.clone();
    let mut base = fresh.clone();
    let mut conflicts = Vec::new();
    for field in DRAFT_FIELDS {
        let (mine, new) = (saved.content.get(field), fresh.get(field));
        let conflict = match &saved.base {
            // Typed as the records now say (or taken already): nothing to settle.
            _ if same(mine, new) => false,
            Some(b) if same(mine, b.get(field)) => {
                content.set(field, new.to_string());
                false
            }
            Some(b) => !same(b.get(field), new),
            None => !new.trim().is_empty(),
        };
        if conflict {
            conflicts.push(Conflict {
                field,
                mine: mine.to_string(),
                new: new.to_string(),
            });
            // An unknown base stays unknown: an empty one never equals an edit.
            base.set(
                field,
                saved.base.as_ref().map_or("", |b| b.get(field)).into(),
            );
        }
    }
    Merged {
        content,
        base,
        conflicts,
    }
}

/// The draft after the Board's `choice` for each conflict (a conflict without a choice
/// stays one), ready to save.
pub fn resolve(merged: &Merged, choice: impl Fn(&str) -> Option<Choice>) -> SavedDraft {
    let mut content = merged.content.clone();
    let mut base = merged.base.clone();
    for c in &merged.conflicts {
        match choice(c.field) {
            Some(Choice::New) => {
                content.set(c.field, c.new.clone());
                base.set(c.field, c.new.clone());
            }
            Some(Choice::Mine) => base.set(c.field, c.new.clone()),
            None => {}
        }
    }
    SavedDraft {
        content,
        base: Some(base),
    }
}

/// "Tạo lại từ số liệu": every field the records give a text for takes it; the others
/// (the number and the date, typed by the office) keep what was typed.
pub fn regenerate_all(saved: &DraftContent, fresh: &DraftContent) -> SavedDraft {
    let mut content = saved.clone();
    for field in DRAFT_FIELDS {
        if !fresh.get(field).is_empty() {
            content.set(field, fresh.get(field).to_string());
        }
    }
    SavedDraft {
        content,
        base: Some(fresh.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(pairs: &[(&str, &str)]) -> DraftContent {
        let mut d = DraftContent::default();
        for (k, v) in pairs {
            d.set(k, v.to_string());
        }
        d
    }

    #[test]
    fn unedited_fields_follow_the_records_and_edits_stay() {
        let base = draft(&[("subject", "S"), ("causes", "C1"), ("proposals", "P1")]);
        let saved = SavedDraft {
            // The subject untouched; the proposals edited; a number typed.
            content: draft(&[
                ("subject", "S"),
                ("causes", "C1"),
                ("proposals", "P1 sửa"),
                ("number", "125"),
            ]),
            base: Some(base),
        };
        let fresh = draft(&[("subject", "S"), ("causes", "C2"), ("proposals", "P1")]);
        let m = merge(&saved, &fresh);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_eq!(m.content.causes, "C2", "taken silently");
        assert_eq!(m.content.proposals, "P1 sửa", "kept");
        assert_eq!(m.content.number, "125", "typed, never generated");
        assert_eq!(m.base, fresh);
    }

    #[test]
    fn an_edit_over_changed_figures_is_a_conflict_until_settled() {
        let saved = SavedDraft {
            content: draft(&[("causes", "C1 sửa"), ("proposals", "P1 sửa")]),
            base: Some(draft(&[("causes", "C1"), ("proposals", "P1")])),
        };
        let fresh = draft(&[("causes", "C2"), ("proposals", "P2")]);
        let m = merge(&saved, &fresh);
        let fields: Vec<_> = m.conflicts.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["causes", "proposals"]);
        assert_eq!(
            (m.conflicts[0].mine.as_str(), m.conflicts[0].new.as_str()),
            ("C1 sửa", "C2")
        );
        // Shown as typed; the base stays old so that saving does not hide the conflict.
        assert_eq!(m.content.causes, "C1 sửa");
        assert_eq!(m.base.causes, "C1");
        let again = SavedDraft {
            content: m.content.clone(),
            base: Some(m.base.clone()),
        };
        assert_eq!(merge(&again, &fresh).conflicts.len(), 2);

        // Take the new causes, keep my proposals: no conflict left.
        let settled = resolve(&m, |f| match f {
            "causes" => Some(Choice::New),
            "proposals" => Some(Choice::Mine),
            _ => None,
        });
        assert_eq!(settled.content.causes, "C2");
        assert_eq!(settled.content.proposals, "P1 sửa");
        let after = merge(&settled, &fresh);
        assert!(after.conflicts.is_empty());
        assert_eq!(after.content, settled.content);
        // Without a choice a conflict stays.
        let open = resolve(&m, |_| None);
        assert_eq!(merge(&open, &fresh).conflicts.len(), 2);
    }

    #[test]
    fn a_draft_saved_without_base_asks_where_it_differs() {
        // Saved before bases: the old JSON has the fields only.
        let old: SavedDraft =
            serde_json::from_str(r#"{"causes":"C1 sửa","subject":"S","number":"12"}"#).unwrap();
        assert_eq!(old.base, None);
        let fresh = draft(&[("causes", "C2"), ("subject", "S")]);
        let m = merge(&old, &fresh);
        let fields: Vec<_> = m.conflicts.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["causes"], "the number is typed, the subject equal");
        assert_eq!(m.content.number, "12");
    }

    #[test]
    fn saved_json_keeps_the_fields_at_the_top_and_reads_back() {
        let s = SavedDraft {
            content: draft(&[("subject", "S sửa")]),
            base: Some(draft(&[("subject", "S")])),
        };
        let json = s.to_json();
        assert_eq!(json["subject"], "S sửa");
        assert_eq!(json["base"]["subject"], "S");
        assert_eq!(SavedDraft::from_json(&json), Some(s.clone()));
        // A reader of the old shape still reads the fields.
        let d: DraftContent = serde_json::from_value(json).unwrap();
        assert_eq!(d, s.content);
    }

    #[test]
    fn regenerate_all_keeps_only_what_the_records_leave_empty() {
        let saved = draft(&[
            ("number", "125"),
            ("date", "05/12/2025"),
            ("causes", "C sửa"),
        ]);
        let fresh = draft(&[("causes", "C2"), ("subject", "S2")]);
        let r = regenerate_all(&saved, &fresh);
        assert_eq!(
            (r.content.number.as_str(), r.content.date.as_str()),
            ("125", "05/12/2025")
        );
        assert_eq!(
            (r.content.causes.as_str(), r.content.subject.as_str()),
            ("C2", "S2")
        );
        assert!(merge(&r, &fresh).conflicts.is_empty());
    }
}

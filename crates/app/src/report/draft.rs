//! The narrative the Board edits and saves as a draft ([`DraftContent`], JSON in
//! `report_drafts`), field by field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the Board edits and saves (as JSON in `report_drafts`). Every field is text as
/// typed; missing fields read as empty, so older drafts stay readable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftContent {
    pub number: String,
    /// dd/mm/yyyy, or empty to leave the date for the signer.
    pub date: String,
    pub subject: String,
    pub direction: String,
    pub results_intro: String,
    pub achievements: String,
    pub difficulties: String,
    pub causes: String,
    pub next_tasks: String,
    pub proposals: String,
    pub closing: String,
    /// One recipient per line.
    pub recipients: String,
    pub signer_authority: String,
    pub signer_title: String,
    pub signer_name: String,
}

/// The names of the editable fields, in form order (also the form's field names).
pub const DRAFT_FIELDS: [&str; 15] = [
    "number",
    "date",
    "subject",
    "direction",
    "results_intro",
    "achievements",
    "difficulties",
    "causes",
    "next_tasks",
    "proposals",
    "closing",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
];

impl DraftContent {
    pub fn get(&self, name: &str) -> &str {
        match name {
            "number" => &self.number,
            "date" => &self.date,
            "subject" => &self.subject,
            "direction" => &self.direction,
            "results_intro" => &self.results_intro,
            "achievements" => &self.achievements,
            "difficulties" => &self.difficulties,
            "causes" => &self.causes,
            "next_tasks" => &self.next_tasks,
            "proposals" => &self.proposals,
            "closing" => &self.closing,
            "recipients" => &self.recipients,
            "signer_authority" => &self.signer_authority,
            "signer_title" => &self.signer_title,
            "signer_name" => &self.signer_name,
            _ => "",
        }
    }

    pub fn set(&mut self, name: &str, value: String) {
        let slot = match name {
            "number" => &mut self.number,
            "date" => &mut self.date,
            "subject" => &mut self.subject,
            "direction" => &mut self.direction,
            "results_intro" => &mut self.results_intro,
            "achievements" => &mut self.achievements,
            "difficulties" => &mut self.difficulties,
            "causes" => &mut self.causes,
            "next_tasks" => &mut self.next_tasks,
            "proposals" => &mut self.proposals,
            "closing" => &mut self.closing,
            "recipients" => &mut self.recipients,
            "signer_authority" => &mut self.signer_authority,
            "signer_title" => &mut self.signer_title,
            "signer_name" => &mut self.signer_name,
            _ => return,
        };
        *slot = value;
    }
}

/// Reads the draft's date (dd/mm/yyyy); an unreadable one is left blank for the signer.
pub fn draft_date(d: &DraftContent) -> Option<NaiveDate> {
    domain::typed::parse_date(&d.date).ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_fields_round_trip_by_name() {
        let mut d = DraftContent::default();
        for (i, f) in DRAFT_FIELDS.iter().enumerate() {
            d.set(f, format!("v{i}"));
        }
        for (i, f) in DRAFT_FIELDS.iter().enumerate() {
            assert_eq!(d.get(f), format!("v{i}"));
        }
        d.set("unknown", "x".into());
        assert_eq!(d.get("unknown"), "");
        // JSON with missing or extra fields still reads.
        let old: DraftContent = serde_json::from_str(r#"{"direction":"a","extra":1}"#).unwrap();
        assert_eq!(old.direction, "a");
        assert_eq!(old.number, "");
    }

    #[test]
    fn draft_date_reads_or_leaves_blank() {
        let mut d = DraftContent {
            date: "05/12/2025".into(),
            ..Default::default()
        };
        assert_eq!(draft_date(&d), NaiveDate::from_ymd_opt(2025, 12, 5));
        d.date = "31/02/2025".into();
        assert_eq!(draft_date(&d), None);
    }
}

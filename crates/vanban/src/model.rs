//! The reader's output: `ParsedPlan`, serialised exactly as `shared/spec/plan.schema.json`.
//!
//! Strings keep the document's own wording (NFC). Dates are `chrono::NaiveDate`,
//! written as ISO `yyyy-mm-dd`. Absent facts are `None` or empty vectors: never invented.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Version of the JSON contract this crate writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedPlan {
    pub schema_version: u32,
    pub document: Document,
    pub legal_basis: Vec<LegalBasis>,
    pub purposes: Vec<String>,
    pub requirements: Vec<String>,
    pub items: Vec<Item>,
    pub budget: Option<Budget>,
    pub responsibilities: Vec<Responsibility>,
    pub recipients: Vec<Recipient>,
    pub archive: Option<String>,
    pub signer: Option<Signer>,
    pub appendices: Vec<Appendix>,
    pub warnings: Vec<Warning>,
}

impl ParsedPlan {
    /// True when the document is a plan (or a decision issuing one) and may be imported.
    pub fn is_plan(&self) -> bool {
        self.document.kind_code.as_deref() == Some("KH")
    }

    /// Every item of the content tree and of the appendices, depth first.
    pub fn all_items(&self) -> impl Iterator<Item = &Item> {
        let mut stack: Vec<&Item> = Vec::new();
        for a in self.appendices.iter().rev() {
            stack.extend(a.items.iter().rev());
        }
        stack.extend(self.items.iter().rev());
        std::iter::from_fn(move || {
            let item = stack.pop()?;
            stack.extend(item.children.iter().rev());
            Some(item)
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Document type as named ("Kế hoạch", "Báo cáo", "Quyết định", ...).
    pub kind: String,
    /// Nghị định 30/2020 abbreviation: KH, QĐ, BC, CV, TB, GM, ...
    pub kind_code: Option<String>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub issuer: Option<String>,
    pub parent_issuer: Option<String>,
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
    pub title: String,
    pub year: Option<i32>,
    /// The decision that issues this plan, when the text is a Quyết định wrapping a plan.
    /// Left out of the JSON when absent: the schema's `$ref` does not admit null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<DocRef>,
}

/// A reference to another administrative document ("Kế hoạch số 102/KH-UBND ngày 01/4/2022 của UBND ...").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRef {
    pub kind_code: Option<String>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub date: Option<NaiveDate>,
    pub issuer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalBasis {
    pub text: String,
    pub refs: Vec<DocRef>,
}

/// A node of the content tree, or a row of an appendix task table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub numbering: Option<String>,
    pub title: String,
    pub text: String,
    pub lead_units: Vec<String>,
    pub coordinating_units: Vec<String>,
    pub targets: Vec<Target>,
    pub deadlines: Vec<Deadline>,
    /// 1-based line of the input where the item starts.
    pub line: usize,
    pub children: Vec<Item>,
}

impl Item {
    pub fn new(numbering: Option<String>, line: usize) -> Self {
        Item {
            numbering,
            title: String::new(),
            text: String::new(),
            lead_units: Vec::new(),
            coordinating_units: Vec::new(),
            targets: Vec::new(),
            deadlines: Vec::new(),
            line,
            children: Vec::new(),
        }
    }
}

/// A figure the item must reach: "20-30 cuộc/năm" is min 20, max 30, unit "cuộc", per "năm".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    #[serde(with = "figure")]
    pub min: Option<f64>,
    /// Equal to `min` for a single figure; `None` for "ít nhất N".
    #[serde(with = "figure")]
    pub max: Option<f64>,
    pub unit: String,
    pub per: Option<String>,
    /// The words the figure was read from, verbatim.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub text: String,
    pub due: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    /// "thường xuyên", "hằng năm", "hằng tháng", ... for recurring or continuous times.
    pub recurrence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub text: String,
    pub amounts_vnd: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsibility {
    pub unit: String,
    pub duties: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub name: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", ...
    pub authority: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appendix {
    pub label: Option<String>,
    pub title: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

/// Figures are written as JSON integers when whole (20, not 20.0), as decimals otherwise.
mod figure {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
            Some(x) => s.serialize_f64(*x),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Option::<f64>::deserialize(d)
    }
}

//! The Board's quality grades and the evaluation comment that goes with one.

use super::OversightError;
use crate::vocab::Language;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The Board's quality grade for an item in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Tốt.
    Good,
    /// Khá.
    Fair,
    /// Trung bình.
    Average,
    /// Chưa đạt.
    Poor,
}

impl Grade {
    pub const ALL: &'static [Grade] = &[Grade::Good, Grade::Fair, Grade::Average, Grade::Poor];

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Good => "good",
            Grade::Fair => "fair",
            Grade::Average => "average",
            Grade::Poor => "poor",
        }
    }

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Grade::Good, Language::Vi) => "Tốt",
            (Grade::Fair, Language::Vi) => "Khá",
            (Grade::Average, Language::Vi) => "Trung bình",
            (Grade::Poor, Language::Vi) => "Chưa đạt",
            (Grade::Good, Language::En) => "Good",
            (Grade::Fair, Language::En) => "Fair",
            (Grade::Average, Language::En) => "Average",
            (Grade::Poor, Language::En) => "Not achieved",
        }
    }
}

impl FromStr for Grade {
    type Err = crate::vocab::ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Grade::ALL
            .iter()
            .copied()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| crate::vocab::ParseError {
                what: "grade",
                code: s.to_string(),
            })
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Longest evaluation comment kept.
pub const MAX_COMMENT_CHARS: usize = 4000;

/// Reads a grade from a form.
pub fn parse_grade(s: &str) -> Result<Grade, OversightError> {
    if s.trim().is_empty() {
        // The form sent no choice: say what to do, not that "" is unknown.
        return Err(OversightError::GradeRequired);
    }
    s.trim()
        .parse()
        .map_err(|_| OversightError::BadGrade(s.to_string()))
}

/// Checks an evaluation comment's length (characters, not bytes).
pub fn check_comment(s: &str) -> Result<(), OversightError> {
    if s.chars().count() > MAX_COMMENT_CHARS {
        Err(OversightError::CommentTooLong {
            max: MAX_COMMENT_CHARS,
        })
    } else {
        Ok(())
    }
}

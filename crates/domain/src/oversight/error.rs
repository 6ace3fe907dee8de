//! [`OversightError`]: why an oversight action was refused, with its stable key and its
//! Vietnamese and English messages.

/// Why an oversight action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OversightError {
    #[error("not allowed: {0}")]
    Forbidden(&'static str),
    #[error("a results report covers a half-year or a year, not {0}")]
    ReportPeriod(String),
    #[error("unknown grade {0:?}")]
    BadGrade(String),
    #[error("no grade chosen")]
    GradeRequired,
    #[error("the comment is longer than {max} characters")]
    CommentTooLong { max: usize },
}

impl OversightError {
    pub fn key(&self) -> &'static str {
        match self {
            OversightError::Forbidden(_) => "oversight.forbidden",
            OversightError::ReportPeriod(_) => "oversight.report_period",
            OversightError::BadGrade(_) => "oversight.bad_grade",
            OversightError::GradeRequired => "oversight.grade_required",
            OversightError::CommentTooLong { .. } => "oversight.comment_too_long",
        }
    }
}

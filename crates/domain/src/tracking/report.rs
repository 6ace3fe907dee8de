//! A progress report's content: [`Percent`] complete, [`Figure`]s toward targets, and the
//! validated [`ReportContent`].

use super::TrackingError;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Percent complete, 0–100 (whole numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Percent(u8);

impl Percent {
    pub fn new(v: i64) -> Result<Percent, TrackingError> {
        u8::try_from(v)
            .ok()
            .filter(|v| *v <= 100)
            .map(Percent)
            .ok_or_else(|| TrackingError::PercentOutOfRange(v.to_string()))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl FromStr for Percent {
    type Err = TrackingError;
    /// As typed, by [`crate::typed::parse_percent`] ("50,5" and "50.5" are both 50,5 %),
    /// rounded to a whole percent (half up: 50,5 is 51).
    fn from_str(s: &str) -> Result<Self, TrackingError> {
        let bad = || TrackingError::PercentOutOfRange(s.trim().to_string());
        let v = crate::typed::parse_percent(s)
            .ok()
            .flatten()
            .ok_or_else(bad)?;
        if !(0.0..=100.0).contains(&v) {
            return Err(bad());
        }
        Ok(Percent(v.round() as u8))
    }
}

impl TryFrom<i64> for Percent {
    type Error = TrackingError;
    fn try_from(v: i64) -> Result<Self, TrackingError> {
        Percent::new(v)
    }
}

impl From<Percent> for i64 {
    fn from(p: Percent) -> i64 {
        i64::from(p.0)
    }
}

/// The largest figure accepted toward a target (sessions, pages, minutes…): 10^12; 1e308
/// was accepted and broke every sum it entered.
pub const MAX_FIGURE: f64 = 1e12;

/// A figure toward a target: finite, ≥ 0 and at most [`MAX_FIGURE`].
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Figure(f64);

impl Figure {
    pub fn new(v: f64) -> Result<Figure, TrackingError> {
        if v.is_finite() && (0.0..=MAX_FIGURE).contains(&v) {
            Ok(Figure(v))
        } else {
            Err(TrackingError::NegativeFigure(crate::format_number(v)))
        }
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl FromStr for Figure {
    type Err = TrackingError;
    /// Accepts Vietnamese and English notation: "1.500", "2,5", "1500", "2.5".
    fn from_str(s: &str) -> Result<Self, TrackingError> {
        let t = s.trim();
        let bad = || TrackingError::NegativeFigure(s.to_string());
        let normalised = if t.contains(',') {
            t.replace('.', "").replace(',', ".")
        } else if t.matches('.').count() > 1 || t.split_once('.').is_some_and(|(_, f)| f.len() == 3)
        {
            // "1.500": a thousands dot, the Vietnamese way.
            t.replace('.', "")
        } else {
            t.to_string()
        };
        let v: f64 = normalised.parse().map_err(|_| bad())?;
        Figure::new(v).map_err(|_| bad())
    }
}

impl TryFrom<f64> for Figure {
    type Error = TrackingError;
    fn try_from(v: f64) -> Result<Self, TrackingError> {
        Figure::new(v)
    }
}

impl From<Figure> for f64 {
    fn from(f: Figure) -> f64 {
        f.0
    }
}

/// What a progress report says, validated: build it with [`ReportContent::new`] or
/// [`ReportContent::with_notes`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportContent {
    pub text: String,
    /// Khó khăn, vướng mắc: what held the unit back (the results report's causes).
    #[serde(default)]
    pub difficulties: String,
    /// Đề xuất, kiến nghị: what the unit asks for (the results report's section V).
    #[serde(default)]
    pub proposals: String,
    pub percent: Option<Percent>,
    /// (target id, figure), one per target at most, in target order given.
    pub figures: Vec<(i64, Figure)>,
}

impl ReportContent {
    /// `targets`: the ids of the item's targets. A later figure for the same target
    /// replaces an earlier one.
    pub fn new(
        text: &str,
        percent: Option<Percent>,
        figures: Vec<(i64, Figure)>,
        targets: &[i64],
    ) -> Result<ReportContent, TrackingError> {
        Self::with_notes(text, "", "", percent, figures, targets)
    }

    /// [`ReportContent::new`] with the difficulties and proposals; a report saying only
    /// those says something.
    pub fn with_notes(
        text: &str,
        difficulties: &str,
        proposals: &str,
        percent: Option<Percent>,
        figures: Vec<(i64, Figure)>,
        targets: &[i64],
    ) -> Result<ReportContent, TrackingError> {
        let [text, difficulties, proposals] = [text, difficulties, proposals].map(str::trim);
        let mut out: Vec<(i64, Figure)> = Vec::new();
        for (t, f) in figures {
            if !targets.contains(&t) {
                return Err(TrackingError::UnknownTarget(t));
            }
            match out.iter_mut().find(|(id, _)| *id == t) {
                Some(slot) => slot.1 = f,
                None => out.push((t, f)),
            }
        }
        if [text, difficulties, proposals].iter().all(|t| t.is_empty())
            && percent.is_none()
            && out.is_empty()
        {
            return Err(TrackingError::EmptyReport);
        }
        Ok(ReportContent {
            text: text.to_string(),
            difficulties: difficulties.to_string(),
            proposals: proposals.to_string(),
            percent,
            figures: out,
        })
    }
}

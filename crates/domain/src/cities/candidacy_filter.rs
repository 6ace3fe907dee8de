//! Which dossiers `/candidacies` (and its CSV and XLSX exports) keep: by status, by creative
//! field (or "not chosen yet"), by a city search that folds diacritics ("da nang" finds Đà
//! Nẵng), and only those with a step overdue. The filters come from a GET form: a value
//! that is not one of the offered ones filters nothing (the form then shows "all").

use super::CreativeFieldId;
use super::candidacy::CandidacyStatus;

/// The longest search kept, in characters.
pub const MAX_SEARCH: usize = 200;

/// The field a dossier must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldChoice {
    #[default]
    Any,
    /// No field chosen yet (Quảng Ninh's and Đà Nẵng's seeded dossiers).
    Unchosen,
    Field(CreativeFieldId),
}

impl FieldChoice {
    /// The form's value for "not chosen yet".
    pub const UNCHOSEN: &'static str = "none";

    fn parse(typed: &str) -> FieldChoice {
        match typed.trim() {
            Self::UNCHOSEN => FieldChoice::Unchosen,
            t => t.parse::<i64>().map_or(FieldChoice::Any, |id| {
                FieldChoice::Field(CreativeFieldId(id))
            }),
        }
    }
}

/// The filters of the dossier list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DossierFilter {
    pub status: Option<CandidacyStatus>,
    pub field: FieldChoice,
    /// The city search, folded (empty: any city).
    pub search: String,
    /// Only dossiers with a step overdue as of the day the list is read.
    pub overdue_only: bool,
}

/// What the filter looks at in a dossier.
#[derive(Debug, Clone, Copy)]
pub struct DossierFacts<'a> {
    pub city_name: &'a str,
    pub field: Option<CreativeFieldId>,
    pub status: CandidacyStatus,
    /// A step overdue as of today (`candidacy::states`).
    pub overdue: bool,
}

impl DossierFilter {
    /// The filters as the GET form sends them; an unknown status or field is no filter, the
    /// search is cut at [`MAX_SEARCH`] characters, `overdue` is on for "1".
    pub fn from_form(status: &str, field: &str, search: &str, overdue: &str) -> DossierFilter {
        let search: String = search.trim().chars().take(MAX_SEARCH).collect();
        DossierFilter {
            status: status.trim().parse().ok(),
            field: FieldChoice::parse(field),
            search: words(&vntext::text::fold(&search)),
            overdue_only: overdue.trim() == "1",
        }
    }

    /// Nothing filters.
    pub fn is_empty(&self) -> bool {
        *self == DossierFilter::default()
    }

    /// Whether the list keeps this dossier.
    pub fn keeps(&self, d: &DossierFacts) -> bool {
        self.status.is_none_or(|s| s == d.status)
            && match self.field {
                FieldChoice::Any => true,
                FieldChoice::Unchosen => d.field.is_none(),
                FieldChoice::Field(f) => d.field == Some(f),
            }
            && (self.search.is_empty()
                || words(&vntext::text::fold(d.city_name)).contains(&self.search))
            && (!self.overdue_only || d.overdue)
    }
}

/// Words joined by one space ("da  nang " → "da nang"), so spacing never decides a match.
fn words(folded: &str) -> String {
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hue() -> DossierFacts<'static> {
        DossierFacts {
            city_name: "Huế",
            field: Some(CreativeFieldId(3)),
            status: CandidacyStatus::Preparing,
            overdue: false,
        }
    }

    fn da_nang() -> DossierFacts<'static> {
        DossierFacts {
            city_name: "Đà Nẵng",
            field: None,
            status: CandidacyStatus::Considering,
            overdue: true,
        }
    }

    #[test]
    fn the_city_search_folds_diacritics_and_spacing() {
        let f = |q: &str| DossierFilter::from_form("", "", q, "");
        assert!(f("hue").keeps(&hue()) && !f("hue").keeps(&da_nang()));
        assert!(f("HUẾ").keeps(&hue()));
        assert!(f("da nang").keeps(&da_nang()) && f("  Đà   nẵng ").keeps(&da_nang()));
        assert!(f("nang").keeps(&da_nang()));
        assert!(!f("da lat").keeps(&da_nang()));
        assert!(f("").keeps(&hue()) && f("   ").is_empty());
        // Bounded: a pasted novel is cut, and then matches nothing.
        let long = f(&"a".repeat(10 * MAX_SEARCH));
        assert_eq!(long.search.chars().count(), MAX_SEARCH);
    }

    #[test]
    fn status_field_and_overdue_narrow_the_list() {
        let status = DossierFilter::from_form("preparing", "", "", "");
        assert!(status.keeps(&hue()) && !status.keeps(&da_nang()));
        let field = DossierFilter::from_form("", "3", "", "");
        assert!(field.keeps(&hue()) && !field.keeps(&da_nang()));
        let unchosen = DossierFilter::from_form("", "none", "", "");
        assert!(!unchosen.keeps(&hue()) && unchosen.keeps(&da_nang()));
        let overdue = DossierFilter::from_form("", "", "", "1");
        assert!(!overdue.keeps(&hue()) && overdue.keeps(&da_nang()));
        // All at once: each must hold.
        let all = DossierFilter::from_form("considering", "none", "nang", "1");
        assert!(all.keeps(&da_nang()) && !all.keeps(&hue()));
    }

    #[test]
    fn a_value_not_offered_filters_nothing() {
        let f = DossierFilter::from_form("approved", "thiết kế", "", "yes");
        assert!(f.is_empty());
        assert!(f.keeps(&hue()) && f.keeps(&da_nang()));
    }
}

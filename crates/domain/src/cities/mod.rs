//! The UCCN city directory (issue 19, part 1): creative fields as data, cities with their
//! UNESCO slug, and the checks a city must pass. The CSV import's pure half is in
//! [`import`]: reading UNESCO's city list and map points, and the Vietnamese facts laid
//! over them.
//!
//! Errors carry a stable key (`city.*`); the web layer words them.

use crate::vocab::{Language, ParseError, vocabulary};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub mod candidacy;
pub mod candidacy_filter;
pub mod import;
pub mod project;
mod timeline;

pub use timeline::{
    HANOI_OFFSET_SECONDS, Interaction, InteractionKind, LetterDirection, LetterDraft, LetterField,
    LetterInput, LetterKind, by_last_contact, delegation_word, event_day, last_contact,
    letter_detail, timeline,
};

crate::ids::id_type!(
    /// A city of the UNESCO Creative Cities Network (member or candidate).
    CityId,
    /// A creative field (Design, Music, …, Architecture): data, editable.
    CreativeFieldId,
);

vocabulary! {
    /// A member of the network, or a city preparing its candidacy.
    #[derive(Default)]
    CityStatus, "city status" {
        #[default]
        Member = "member", "thành viên", "member";
        Candidate = "candidate", "ứng viên", "candidate";
    }
}

vocabulary! {
    /// A contact's role: for a city, or (without one) at UNESCO.
    ContactRole, "contact role" {
        FocalPoint = "focal_point", "đầu mối", "focal point";
        MayorsOffice = "mayors_office", "văn phòng thị trưởng", "mayor's office";
        ExecutiveContact = "executive_contact", "đầu mối điều hành", "executive contact";
        SubnetworkCoordinator = "subnetwork_coordinator", "điều phối mạng lưới lĩnh vực", "subnetwork coordinator";
        UnescoSecretariat = "unesco_secretariat", "Ban Thư ký UNESCO (Paris)", "UNESCO Secretariat (Paris)";
        UnescoHanoiOffice = "unesco_hanoi_office", "Văn phòng UNESCO tại Hà Nội", "UNESCO Hanoi Office";
    }
}

impl ContactRole {
    /// UNESCO's roles belong to no city; the others to one.
    pub fn at_unesco(self) -> bool {
        matches!(
            self,
            ContactRole::UnescoSecretariat | ContactRole::UnescoHanoiOffice
        )
    }

    /// The roles offered on a city's page (`false`) or on UNESCO's (`true`).
    pub fn offered(at_unesco: bool) -> Vec<ContactRole> {
        ContactRole::ALL
            .iter()
            .copied()
            .filter(|r| r.at_unesco() == at_unesco)
            .collect()
    }
}

/// UNESCO's first designations were in 2004; a later year than this is a typing slip.
pub const FIRST_YEAR: i32 = 2004;
pub const LAST_YEAR: i32 = 2100;
pub const MAX_NAME_CHARS: usize = 160;
pub const MAX_NOTE_CHARS: usize = 4000;
pub const MAX_SLUG_CHARS: usize = 120;

/// Why a city or a field was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CityError {
    #[error("not allowed: {action}")]
    Forbidden { action: &'static str },
    #[error("a name is required")]
    NameRequired,
    #[error("a text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("the designation year {0:?} is not a year from 2004 to 2100")]
    BadYear(String),
    #[error("the latitude {0:?} is not a number from -90 to 90")]
    BadLatitude(String),
    #[error("the longitude {0:?} is not a number from -180 to 180")]
    BadLongitude(String),
    #[error("a latitude needs its longitude and the other way round")]
    HalfPoint,
    #[error("the UNESCO slug {0:?} is not lower-case letters, digits and dashes")]
    BadSlug(String),
    #[error("the UNESCO slug {0:?} is taken by another city")]
    SlugTaken(String),
    #[error("the field code {0:?} is taken by another field")]
    FieldTaken(String),
    #[error("the colour {0:?} is not #rrggbb")]
    BadColour(String),
    #[error("unknown creative field {0:?}")]
    UnknownField(String),
    #[error("the UNESCO page {0:?} is not an http(s) address")]
    BadLink(String),
    #[error("choose one of the offered values")]
    BadChoice,
    #[error("unreadable date {0:?}: use dd/mm/yyyy")]
    BadDate(String),
    #[error("the candidacy step {0:?} is used by a dossier")]
    StepInUse(String),
    #[error("this city already has a dossier for that field")]
    DossierTwice,
    #[error("this role belongs to a city, or to UNESCO with no city")]
    RoleMismatch,
    #[error("this person already has this role here")]
    ContactTwice,
    #[error("a date is required")]
    DateRequired,
    #[error("the end is before the start")]
    EndBeforeStart,
    #[error("choose at least one city")]
    NoCity,
}

impl CityError {
    /// Stable key for translations and tests.
    pub fn key(&self) -> &'static str {
        match self {
            CityError::Forbidden { .. } => "city.forbidden",
            CityError::NameRequired => "city.name_required",
            CityError::TooLong { .. } => "city.too_long",
            CityError::BadYear(_) => "city.bad_year",
            CityError::BadLatitude(_) => "city.bad_latitude",
            CityError::BadLongitude(_) => "city.bad_longitude",
            CityError::HalfPoint => "city.half_point",
            CityError::BadSlug(_) => "city.bad_slug",
            CityError::SlugTaken(_) => "city.slug_taken",
            CityError::FieldTaken(_) => "city.field_taken",
            CityError::BadColour(_) => "city.bad_colour",
            CityError::UnknownField(_) => "city.unknown_field",
            CityError::BadLink(_) => "city.bad_link",
            CityError::BadChoice => "city.bad_choice",
            CityError::BadDate(_) => "city.bad_date",
            CityError::StepInUse(_) => "city.step_in_use",
            CityError::DossierTwice => "city.dossier_twice",
            CityError::RoleMismatch => "city.role_mismatch",
            CityError::ContactTwice => "city.contact_twice",
            CityError::DateRequired => "city.date_required",
            CityError::EndBeforeStart => "city.end_before_start",
            CityError::NoCity => "city.no_city",
        }
    }
}

/// Who reads the directory: the department's people (Board, admins, internal staff).
/// Partners do not: it holds contacts.
pub fn can_view_cities(actor: &crate::Actor) -> bool {
    actor.is_board_or_admin() || actor.is_internal_member()
}

/// Who edits cities, fields and imports: the Board and admins.
pub fn can_edit_cities(actor: &crate::Actor) -> bool {
    actor.is_board_or_admin()
}

/// A city as typed in a form (or built by the import), checked by [`CityDraft::check`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CityDraft {
    pub name: String,
    pub country: String,
    pub region: String,
    pub field: Option<CreativeFieldId>,
    pub year: String,
    pub slug: String,
    pub unesco_url: String,
    pub lat: String,
    pub lon: String,
    pub status: CityStatus,
    pub notes: String,
}

/// A checked city, texts NFC and trimmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CityInput {
    pub name: String,
    pub country: String,
    pub region: String,
    pub field: Option<CreativeFieldId>,
    pub year: Option<i32>,
    pub slug: String,
    pub unesco_url: String,
    pub point: Option<(f64, f64)>,
    pub status: CityStatus,
    pub notes: String,
}

/// Which form field an error belongs beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CityField {
    Name,
    Year,
    Slug,
    Url,
    Lat,
    Lon,
    Other,
}

impl CityDraft {
    /// The city, or every field's problem.
    pub fn check(&self) -> Result<CityInput, Vec<(CityField, CityError)>> {
        let mut errors = Vec::new();
        let t = |s: &str| vntext::text::nfc(s.trim());
        let name = t(&self.name);
        if name.is_empty() {
            errors.push((CityField::Name, CityError::NameRequired));
        }
        for (f, s, max) in [
            (CityField::Name, &name, MAX_NAME_CHARS),
            (CityField::Other, &self.country, MAX_NAME_CHARS),
            (CityField::Other, &self.region, MAX_NAME_CHARS),
            (CityField::Other, &self.notes, MAX_NOTE_CHARS),
        ] {
            if s.chars().count() > max {
                errors.push((f, CityError::TooLong { max }));
            }
        }
        let year = match parse_year(&self.year) {
            Ok(y) => y,
            Err(e) => {
                errors.push((CityField::Year, e));
                None
            }
        };
        let slug = self.slug.trim().to_lowercase();
        let slug = if slug.is_empty() {
            slugify(&name)
        } else {
            slug
        };
        if !is_slug(&slug) {
            errors.push((CityField::Slug, CityError::BadSlug(self.slug.clone())));
        }
        let unesco_url = match crate::events::check_link(&self.unesco_url) {
            Ok(u) => u,
            Err(_) => {
                let shown = self.unesco_url.trim().chars().take(80).collect();
                errors.push((CityField::Url, CityError::BadLink(shown)));
                String::new()
            }
        };
        let point = match parse_point(&self.lat, &self.lon) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CityInput {
            name,
            country: t(&self.country),
            region: t(&self.region),
            field: self.field,
            year,
            slug,
            unesco_url,
            point,
            status: self.status,
            notes: t(&self.notes),
        })
    }
}

/// A designation year, or none when empty.
pub fn parse_year(raw: &str) -> Result<Option<i32>, CityError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i32>() {
        Ok(y) if (FIRST_YEAR..=LAST_YEAR).contains(&y) => Ok(Some(y)),
        _ => Err(CityError::BadYear(s.chars().take(20).collect())),
    }
}

/// Latitude and longitude (a comma is read as the decimal point), both or neither.
pub fn parse_point(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, (CityField, CityError)> {
    let (lat, lon) = (lat.trim(), lon.trim());
    let read = |s: &str, max: f64| {
        s.replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= max)
    };
    match (lat.is_empty(), lon.is_empty()) {
        (true, true) => Ok(None),
        (false, true) => Err((CityField::Lon, CityError::HalfPoint)),
        (true, false) => Err((CityField::Lat, CityError::HalfPoint)),
        (false, false) => {
            let Some(la) = read(lat, 90.0) else {
                return Err((
                    CityField::Lat,
                    CityError::BadLatitude(lat.chars().take(20).collect()),
                ));
            };
            let Some(lo) = read(lon, 180.0) else {
                return Err((
                    CityField::Lon,
                    CityError::BadLongitude(lon.chars().take(20).collect()),
                ));
            };
            Ok(Some((la, lo)))
        }
    }
}

/// A UNESCO-style slug: lower-case ASCII letters, digits and single dashes.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_SLUG_CHARS
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// A name as a slug or code: folded (no diacritics, đ → d), runs of other characters as
/// one `sep`. "Đà Lạt" → "da-lat"; "Crafts and Folk Art" with '_' → "crafts_and_folk_art".
pub fn slug_with(name: &str, sep: char) -> String {
    let folded = vntext::text::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with(sep) {
            out.push(sep);
        }
    }
    while out.ends_with(sep) {
        out.pop();
    }
    out
}

pub fn slugify(name: &str) -> String {
    slug_with(name, '-')
}

/// A creative field's stable code from its English name.
pub fn field_code(english: &str) -> String {
    slug_with(english, '_')
}

/// A creative field as typed: names in both languages and the map colour.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldDraft {
    pub name_vi: String,
    pub name_en: String,
    pub colour: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldInput {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub colour: String,
}

impl FieldDraft {
    /// The field (its code made from the English name), or the first problem.
    pub fn check(&self) -> Result<FieldInput, CityError> {
        let name_vi = vntext::text::nfc(self.name_vi.trim());
        let name_en = vntext::text::nfc(self.name_en.trim());
        let code = field_code(&name_en);
        if name_vi.is_empty() || code.is_empty() {
            return Err(CityError::NameRequired);
        }
        if name_vi.chars().count() > MAX_NAME_CHARS || name_en.chars().count() > MAX_NAME_CHARS {
            return Err(CityError::TooLong {
                max: MAX_NAME_CHARS,
            });
        }
        let colour = self.colour.trim().to_ascii_lowercase();
        let hex = colour.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(CityError::BadColour(self.colour.chars().take(20).collect()));
        }
        Ok(FieldInput {
            code,
            name_vi,
            name_en,
            colour,
        })
    }
}

/// A field's name in the reader's language.
pub fn field_label<'a>(lang: Language, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Language::Vi if !vi.is_empty() => vi,
        _ => en,
    }
}

/// An equirectangular projection of (lat, lon) onto a `width`×`width/2` map: x grows
/// east from the antimeridian, y south from the pole.
pub fn project(lat: f64, lon: f64, width: f64) -> (f64, f64) {
    let x = (lon + 180.0) / 360.0 * width;
    let y = (90.0 - lat) / 180.0 * (width / 2.0);
    (x, y)
}

#[cfg(test)]
mod tests;

//! The department's profile (thông tin cơ quan), set by an admin: the parent body (cơ quan
//! chủ quản) and the issuing body (cơ quan ban hành) as the header of its documents names
//! them, its name in sentences, the place of its date line and its code in document symbols.
//!
//! The results report's header, symbol and place come from here. A database without a
//! saved profile reads one derived from the plan ([`Department::derive`]), with the Hanoi
//! department's values ([`Department::hanoi`]) for what the plan does not say.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use vntext::text::nfc;

/// Longest parent body, issuing body and full name.
pub const NAME_LIMIT: usize = 120;
/// Longest place.
pub const PLACE_LIMIT: usize = 60;
/// Longest symbol code.
pub const CODE_LIMIT: usize = 20;

/// A department's profile. Text is NFC, trimmed; the header lines are in upper case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Department {
    /// Cơ quan chủ quản as the header writes it: "UBND THÀNH PHỐ HÀ NỘI"; empty when the
    /// department has none (no line above the issuing body).
    pub parent: String,
    /// Cơ quan ban hành as the header writes it: "SỞ VĂN HÓA VÀ THỂ THAO".
    pub issuer: String,
    /// Its name in sentences: "Sở Văn hóa và Thể thao Hà Nội".
    pub full_name: String,
    /// The place of the date line: "Hà Nội".
    pub place: String,
    /// The issuer's part of document symbols: "SVHTT" (the report is "BC-SVHTT").
    pub code: String,
}

impl Default for Department {
    fn default() -> Self {
        Department::hanoi()
    }
}

/// A field of the profile (for messages about it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepartmentField {
    Parent,
    Issuer,
    FullName,
    Place,
    Code,
}

impl DepartmentField {
    /// The form field's name.
    pub fn as_str(self) -> &'static str {
        match self {
            DepartmentField::Parent => "parent",
            DepartmentField::Issuer => "issuer",
            DepartmentField::FullName => "full_name",
            DepartmentField::Place => "place",
            DepartmentField::Code => "code",
        }
    }
}

/// What is wrong with a profile.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DepartmentError {
    #[error("the department's {} is required", .0.as_str())]
    Missing(DepartmentField),
    #[error("the department's {f} is longer than {n} characters", f = .0.as_str(), n = .1)]
    TooLong(DepartmentField, usize),
    #[error("the symbol code takes letters and digits, with '-' between parts")]
    BadCode,
}

impl DepartmentError {
    /// A stable key for the message that words it.
    pub fn key(&self) -> &'static str {
        match self {
            DepartmentError::Missing(_) => "missing",
            DepartmentError::TooLong(..) => "too_long",
            DepartmentError::BadCode => "bad_code",
        }
    }

    pub fn field(&self) -> DepartmentField {
        match self {
            DepartmentError::Missing(f) | DepartmentError::TooLong(f, _) => *f,
            DepartmentError::BadCode => DepartmentField::Code,
        }
    }
}

/// One line of text as the profile keeps it: NFC, single spaces, trimmed.
fn line(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Department {
    /// Sở Văn hóa và Thể thao Hà Nội, the department sangtao starts with.
    pub fn hanoi() -> Department {
        Department {
            parent: "UBND THÀNH PHỐ HÀ NỘI".into(),
            issuer: "SỞ VĂN HÓA VÀ THỂ THAO".into(),
            full_name: "Sở Văn hóa và Thể thao Hà Nội".into(),
            place: "Hà Nội".into(),
            code: "SVHTT".into(),
        }
    }

    /// The profile as typed, tidied: NFC, single spaces; the header lines and the code in
    /// upper case.
    pub fn normalised(&self) -> Department {
        Department {
            parent: line(&self.parent).to_uppercase(),
            issuer: line(&self.issuer).to_uppercase(),
            full_name: line(&self.full_name),
            place: line(&self.place),
            code: line(&self.code).to_uppercase().replace(' ', ""),
        }
    }

    /// The first problem of a (normalised) profile: the issuing body, full name, place and
    /// code are required, the parent body is not; each has a length limit; the code is
    /// letters and digits, parts joined by '-' ("SVHTT", "UBND-VX").
    pub fn check(&self) -> Result<(), DepartmentError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every field's problem, in the form's order (a form shows them all at once).
    pub fn problems(&self) -> Vec<DepartmentError> {
        use DepartmentField as F;
        let mut out = Vec::new();
        let fields = [
            (F::Parent, &self.parent, NAME_LIMIT, false),
            (F::Issuer, &self.issuer, NAME_LIMIT, true),
            (F::FullName, &self.full_name, NAME_LIMIT, true),
            (F::Place, &self.place, PLACE_LIMIT, true),
            (F::Code, &self.code, CODE_LIMIT, true),
        ];
        for (field, value, limit, required) in fields {
            if required && value.trim().is_empty() {
                out.push(DepartmentError::Missing(field));
            } else if value.chars().count() > limit {
                out.push(DepartmentError::TooLong(field, limit));
            }
        }
        let code_ok = self
            .code
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(char::is_alphanumeric));
        if !code_ok && !out.iter().any(|e| e.field() == F::Code) {
            out.push(DepartmentError::BadCode);
        }
        out
    }

    /// The results report's symbol: "BC-SVHTT".
    pub fn report_symbol(&self) -> String {
        format!("BC-{}", self.code)
    }

    /// The profile a plan's own header implies, for a database where no admin has saved
    /// one: its parent issuer, its issuer (the header drops a trailing place, which the
    /// parent body already names: "Sở Văn hóa và Thể thao Hà Nội" under "UBND thành phố
    /// Hà Nội" heads as "SỞ VĂN HÓA VÀ THỂ THAO"), its place and the issuer's part of its
    /// symbol ("KH-SVHTT" → "SVHTT"). What the plan does not say is Hanoi's
    /// ([`Department::hanoi`]).
    pub fn derive(
        parent_issuer: Option<&str>,
        issuer: Option<&str>,
        place: Option<&str>,
        symbol: Option<&str>,
    ) -> Department {
        let given = |s: Option<&str>| s.map(line).filter(|s| !s.is_empty());
        let hanoi = Department::hanoi();
        let place = given(place).unwrap_or(hanoi.place);
        let parent = given(parent_issuer)
            .map(|p| p.to_uppercase())
            .unwrap_or(hanoi.parent);
        let (issuer, full_name) = match given(issuer) {
            None => (hanoi.issuer, hanoi.full_name),
            Some(name) => {
                let upper = name.to_uppercase();
                let suffix = format!(" {}", place.to_uppercase());
                match upper.strip_suffix(&suffix) {
                    Some(head) if !parent.is_empty() => (head.trim().to_string(), name),
                    _ if !parent.is_empty() => (upper, format!("{name} {place}")),
                    _ => (upper, name),
                }
            }
        };
        let code = given(symbol)
            .and_then(|s| {
                s.split_once('-')
                    .map(|(_, rest)| rest.trim().to_uppercase())
            })
            .filter(|c| !c.is_empty())
            .unwrap_or(hanoi.code);
        Department {
            parent,
            issuer,
            full_name,
            place,
            code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanoi_is_a_valid_profile_with_the_report_symbol() {
        let d = Department::hanoi();
        assert_eq!(d.check(), Ok(()));
        assert_eq!(d.report_symbol(), "BC-SVHTT");
        assert_eq!(d.normalised(), d);
    }

    #[test]
    fn normalised_tidies_and_upper_cases_the_header_lines() {
        let typed = Department {
            parent: "  ubnd  thành phố Hà Nội ".into(),
            // Decomposed "ở" (o + horn + hook above).
            issuer: "so\u{031b}\u{0309} văn hóa và thể thao".into(),
            full_name: " Sở Văn hóa và Thể thao  Hà Nội".into(),
            place: "Hà Nội ".into(),
            code: "svhtt".into(),
        };
        assert_eq!(typed.normalised(), Department::hanoi());
    }

    #[test]
    fn check_names_the_first_problem() {
        let ok = Department::hanoi();
        let no_parent = Department {
            parent: String::new(),
            ..ok.clone()
        };
        assert_eq!(no_parent.check(), Ok(()));
        let no_issuer = Department {
            issuer: " ".into(),
            ..ok.clone()
        };
        assert_eq!(
            no_issuer.check(),
            Err(DepartmentError::Missing(DepartmentField::Issuer))
        );
        let long = Department {
            full_name: "a".repeat(NAME_LIMIT + 1),
            ..ok.clone()
        };
        assert_eq!(
            long.check(),
            Err(DepartmentError::TooLong(
                DepartmentField::FullName,
                NAME_LIMIT
            ))
        );
        for code in ["SV HTT", "SVHTT-", "-SVHTT", "SV/HTT"] {
            let bad = Department {
                code: code.into(),
                ..ok.clone()
            };
            assert_eq!(bad.check(), Err(DepartmentError::BadCode), "{code}");
        }
        for code in ["UBND-VX", "SGDĐT", "S1"] {
            let good = Department {
                code: code.into(),
                ..ok.clone()
            };
            assert_eq!(good.check(), Ok(()), "{code}");
        }
    }

    #[test]
    fn derive_from_the_seed_plan_gives_hanoi() {
        // The seed plan names its issuer in a sentence and has no parent issuer.
        let d = Department::derive(
            None,
            Some("Sở Văn hóa và Thể thao Hà Nội"),
            Some("Hà Nội"),
            Some("KH-SVHTT"),
        );
        assert_eq!(d, Department::hanoi());
        assert_eq!(
            Department::derive(None, None, None, None),
            Department::hanoi()
        );
    }

    #[test]
    fn derive_reads_a_plan_with_its_own_header() {
        // Corpus 01: "UBND THÀNH PHỐ HÀ NỘI" over "SỞ VĂN HÓA VÀ THỂ THAO".
        let d = Department::derive(
            Some("UBND thành phố Hà Nội"),
            Some("Sở Văn hóa và Thể thao"),
            None,
            Some("KH-SVHTT"),
        );
        assert_eq!(d, Department::hanoi());
        let hue = Department::derive(
            Some("UBND tỉnh Thừa Thiên Huế"),
            Some("Sở Văn hóa và Thể thao"),
            Some("Thừa Thiên Huế"),
            Some("KH-SVHTT"),
        );
        assert_eq!(hue.parent, "UBND TỈNH THỪA THIÊN HUẾ");
        assert_eq!(hue.issuer, "SỞ VĂN HÓA VÀ THỂ THAO");
        assert_eq!(hue.full_name, "Sở Văn hóa và Thể thao Thừa Thiên Huế");
        assert_eq!(hue.place, "Thừa Thiên Huế");
    }
}

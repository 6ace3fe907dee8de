//! Small closed vocabularies: roles, languages, item statuses, unit relations.
//! Each has a stable lowercase code (what the database and URLs hold) and labels.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A code that names no member of the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {code:?}")]
pub struct ParseError {
    pub what: &'static str,
    pub code: String,
}

macro_rules! vocabulary {
    (
        $(#[$m:meta])* $name:ident, $what:literal {
            $($(#[$vm:meta])* $variant:ident = $code:literal, $vi:literal, $en:literal;)*
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vm])* $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Stable code stored in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// Human label in the given language.
            pub fn label(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Language::Vi) => $vi,
                      ($name::$variant, Language::En) => $en,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                match s {
                    $($code => Ok($name::$variant),)*
                    _ => Err(ParseError { what: $what, code: s.to_string() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary;

/// The interface language. Vietnamese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Vi,
    En,
}

impl Language {
    pub const ALL: &'static [Language] = &[Language::Vi, Language::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }
}

impl FromStr for Language {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        match s {
            "vi" => Ok(Language::Vi),
            "en" => Ok(Language::En),
            _ => Err(ParseError {
                what: "language",
                code: s.to_string(),
            }),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

vocabulary! {
    /// What a user may do, independent of units (see DESIGN.md, roles). A user holds one or
    /// more roles; lead and coordinating are relations of units to items, not roles.
    Role, "role" {
        Admin = "admin", "Quản trị", "Administrator";
        /// Ban Giám đốc: sees everything, directs, urges, evaluates.
        Board = "board", "Ban Giám đốc", "Board";
        /// Staff of a unit: works on the items its units lead or coordinate.
        Staff = "staff", "Cán bộ", "Staff";
        /// Phòng Kế hoạch Tài chính: estimates, payments, settlement.
        Finance = "finance", "Kế hoạch Tài chính", "Finance";
        /// Văn phòng Sở: contracts, publishing, links with other provinces.
        Office = "office", "Văn phòng", "Office";
        /// External partner: sees and reports only what concerns its units.
        Partner = "partner", "Đối tác", "Partner";
    }
}

vocabulary! {
    /// Where an item stands (tracking issue). `Suspended` carries a reason stored beside it.
    #[derive(Default)]
    ItemStatus, "item status" {
        #[default]
        NotStarted = "not_started", "Chưa triển khai", "Not started";
        InProgress = "in_progress", "Đang thực hiện", "In progress";
        Done = "done", "Hoàn thành", "Completed";
        Late = "late", "Chậm tiến độ", "Behind schedule";
        Suspended = "suspended", "Tạm dừng/hủy", "Suspended/cancelled";
    }
}

vocabulary! {
    /// How a unit takes part in an item.
    UnitRelation, "unit relation" {
        /// Đơn vị chủ trì / thực hiện.
        Lead = "lead", "Chủ trì", "Lead";
        /// Đơn vị phối hợp.
        Coordinating = "coordinating", "Phối hợp", "Coordinating";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), *r);
        }
        for s in ItemStatus::ALL {
            assert_eq!(s.as_str().parse::<ItemStatus>().unwrap(), *s);
        }
        for l in Language::ALL {
            assert_eq!(l.as_str().parse::<Language>().unwrap(), *l);
        }
        for u in UnitRelation::ALL {
            assert_eq!(u.as_str().parse::<UnitRelation>().unwrap(), *u);
        }
        assert!("root".parse::<Role>().is_err());
        assert_eq!(
            "fr".parse::<Language>().unwrap_err().to_string(),
            "unknown language: \"fr\""
        );
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(Language::default(), Language::Vi);
        assert_eq!(ItemStatus::default(), ItemStatus::NotStarted);
        assert_eq!(ItemStatus::Late.label(Language::Vi), "Chậm tiến độ");
        assert_eq!(ItemStatus::Late.label(Language::En), "Behind schedule");
        assert_eq!(ItemStatus::Suspended.label(Language::Vi), "Tạm dừng/hủy");
        assert_eq!(Role::Board.label(Language::Vi), "Ban Giám đốc");
        assert_eq!(UnitRelation::Lead.label(Language::En), "Lead");
    }
}

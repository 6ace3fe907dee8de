//! Department setup: the rules an admin's changes to units and accounts, and an admin's or
//! the Board's corrections to a plan's document details, follow. The store checks them
//! inside its transactions; the web words them beside the field they are about.

use crate::{Role, UnitId};
use chrono::NaiveDate;
use std::collections::HashMap;
use thiserror::Error;
use vntext::text::nfc;

/// Longest unit name.
pub const UNIT_NAME_LIMIT: usize = 160;
/// Longest display name of a user.
pub const USER_NAME_LIMIT: usize = 120;
/// Longest plan number ("102"), symbol ("KH-UBND") or signer's title.
pub const PLAN_CODE_LIMIT: usize = 40;
/// Longest signer's name or parent body.
pub const PLAN_NAME_LIMIT: usize = 160;

/// What is wrong with a setup change; `key()` names the message that words it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SetupError {
    #[error("the name is required")]
    NameMissing,
    #[error("the name is longer than {0} characters")]
    NameTooLong(usize),
    #[error("another unit is already named {0:?}")]
    UnitNameTaken(String),
    #[error("a unit cannot sit under itself or under one of its own units")]
    ParentCycle,
    #[error("the unit {0:?} is deactivated and takes no new members")]
    UnitInactive(String),
    #[error("a staff member (Cán bộ) must belong to a unit")]
    StaffWithoutUnit,
    #[error("the plan's {} is longer than {} characters", .0.as_str(), .1)]
    PlanFieldTooLong(PlanField, usize),
    #[error("an admin cannot take away their own admin role or deactivate themselves")]
    SelfLockout,
    #[error("another plan of the same issuer already has this number, symbol and title")]
    PlanIdentityTaken,
}

impl SetupError {
    /// A stable key for the message ("setup.name_missing").
    pub fn key(&self) -> &'static str {
        match self {
            SetupError::NameMissing => "setup.name_missing",
            SetupError::NameTooLong(_) => "setup.name_too_long",
            SetupError::UnitNameTaken(_) => "setup.unit_name_taken",
            SetupError::ParentCycle => "setup.parent_cycle",
            SetupError::UnitInactive(_) => "setup.unit_inactive",
            SetupError::StaffWithoutUnit => "setup.staff_without_unit",
            SetupError::PlanFieldTooLong(..) => "setup.plan_field_too_long",
            SetupError::SelfLockout => "setup.self_lockout",
            SetupError::PlanIdentityTaken => "setup.plan_identity_taken",
        }
    }
}

/// Text as stored: NFC, spaces squashed, trimmed.
pub fn tidy(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A unit's or a user's name tidied, or why it cannot be one.
pub fn check_name(raw: &str, limit: usize) -> Result<String, SetupError> {
    let name = tidy(raw);
    if crate::unit_key(&name).is_empty() {
        return Err(SetupError::NameMissing);
    }
    if name.chars().count() > limit {
        return Err(SetupError::NameTooLong(limit));
    }
    Ok(name)
}

/// Roles and units that go together: a staff member (Cán bộ) works in a unit, so an
/// account with the role and no unit would see no item as its own.
pub fn check_access(roles: &[Role], units: &[UnitId]) -> Result<(), SetupError> {
    if roles.contains(&Role::Staff) && units.is_empty() {
        return Err(SetupError::StaffWithoutUnit);
    }
    Ok(())
}

/// Whether putting `unit` under `parent` closes a loop, given each unit's parent today.
pub fn parent_makes_cycle(
    unit: UnitId,
    parent: Option<UnitId>,
    parent_of: &HashMap<UnitId, Option<UnitId>>,
) -> bool {
    let mut at = parent;
    // Each step climbs one level; a loop already in the data stops after as many steps.
    for _ in 0..=parent_of.len() {
        match at {
            None => return false,
            Some(p) if p == unit => return true,
            Some(p) => at = parent_of.get(&p).copied().flatten(),
        }
    }
    true
}

/// A field of a plan's document details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanField {
    Number,
    Symbol,
    Date,
    SignerTitle,
    SignerName,
    ParentIssuer,
}

impl PlanField {
    /// The form field's name.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanField::Number => "number",
            PlanField::Symbol => "symbol",
            PlanField::Date => "date",
            PlanField::SignerTitle => "signer_title",
            PlanField::SignerName => "signer_name",
            PlanField::ParentIssuer => "parent_issuer",
        }
    }
}

/// What an admin or the Board may correct of what the reader took from a plan's header
/// and closing: "Số 102/KH-UBND", "Hà Nội, ngày 01/4/2022", the signer and the parent
/// body. Empty means "the document does not say".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlanMetadata {
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub date: Option<NaiveDate>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub parent_issuer: Option<String>,
}

fn given(s: &Option<String>) -> Option<String> {
    s.as_deref().map(tidy).filter(|s| !s.is_empty())
}

impl PlanMetadata {
    /// Tidied: NFC, single spaces, blanks as None; the symbol and the signer's title in
    /// upper case as documents write them ("KH-UBND", "GIÁM ĐỐC").
    pub fn normalised(&self) -> PlanMetadata {
        let upper = |s: &Option<String>| given(s).map(|s| s.to_uppercase().replace(' ', ""));
        PlanMetadata {
            number: given(&self.number).map(|n| n.replace(' ', "")),
            symbol: upper(&self.symbol),
            date: self.date,
            signer_title: given(&self.signer_title).map(|s| s.to_uppercase()),
            signer_name: given(&self.signer_name),
            parent_issuer: given(&self.parent_issuer),
        }
    }

    /// Every field's problem, in the form's order.
    pub fn problems(&self) -> Vec<SetupError> {
        use PlanField as F;
        [
            (F::Number, &self.number, PLAN_CODE_LIMIT),
            (F::Symbol, &self.symbol, PLAN_CODE_LIMIT),
            (F::SignerTitle, &self.signer_title, PLAN_CODE_LIMIT),
            (F::SignerName, &self.signer_name, PLAN_NAME_LIMIT),
            (F::ParentIssuer, &self.parent_issuer, PLAN_NAME_LIMIT),
        ]
        .into_iter()
        .filter(|(_, v, limit)| v.as_deref().is_some_and(|v| v.chars().count() > *limit))
        .map(|(f, _, limit)| SetupError::PlanFieldTooLong(f, limit))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_required() {
        assert_eq!(
            check_name("  Phòng   Quản lý\tDi sản ", 100),
            Ok("Phòng Quản lý Di sản".into())
        );
        assert_eq!(check_name("   ", 100), Err(SetupError::NameMissing));
        assert_eq!(check_name("--", 100), Err(SetupError::NameMissing));
        assert_eq!(check_name("abcdef", 5), Err(SetupError::NameTooLong(5)));
        // Decomposed input is stored composed.
        assert_eq!(check_name("Ba\u{300}o", 10), Ok("Bào".into()));
    }

    #[test]
    fn staff_need_a_unit_and_others_do_not() {
        assert_eq!(
            check_access(&[Role::Staff], &[]),
            Err(SetupError::StaffWithoutUnit)
        );
        assert_eq!(
            check_access(&[Role::Finance, Role::Staff], &[]),
            Err(SetupError::StaffWithoutUnit)
        );
        assert_eq!(check_access(&[Role::Staff], &[UnitId(1)]), Ok(()));
        assert_eq!(check_access(&[Role::Board], &[]), Ok(()));
        assert_eq!(check_access(&[Role::Admin], &[]), Ok(()));
    }

    #[test]
    fn a_parent_may_not_close_a_loop() {
        let (a, b, c) = (UnitId(1), UnitId(2), UnitId(3));
        // c under b under a.
        let parents = HashMap::from([(a, None), (b, Some(a)), (c, Some(b))]);
        assert!(!parent_makes_cycle(c, Some(a), &parents));
        assert!(!parent_makes_cycle(a, None, &parents));
        assert!(parent_makes_cycle(a, Some(a), &parents));
        assert!(
            parent_makes_cycle(a, Some(c), &parents),
            "a under its grandchild"
        );
        // A loop already stored does not hang the check.
        let looped = HashMap::from([(a, Some(b)), (b, Some(a))]);
        assert!(parent_makes_cycle(c, Some(a), &looped));
    }

    #[test]
    fn plan_details_are_tidied_and_bounded() {
        let m = PlanMetadata {
            number: Some(" 102 ".into()),
            symbol: Some("kh - ubnd".into()),
            date: NaiveDate::from_ymd_opt(2022, 4, 1),
            signer_title: Some("giám  đốc".into()),
            signer_name: Some("  Đỗ Đình Hồng ".into()),
            parent_issuer: Some("   ".into()),
        }
        .normalised();
        assert_eq!(m.number.as_deref(), Some("102"));
        assert_eq!(m.symbol.as_deref(), Some("KH-UBND"));
        assert_eq!(m.signer_title.as_deref(), Some("GIÁM ĐỐC"));
        assert_eq!(m.signer_name.as_deref(), Some("Đỗ Đình Hồng"));
        assert_eq!(m.parent_issuer, None);
        assert!(m.problems().is_empty());
        let long = PlanMetadata {
            symbol: Some("X".repeat(PLAN_CODE_LIMIT + 1)),
            ..Default::default()
        };
        assert_eq!(
            long.problems(),
            vec![SetupError::PlanFieldTooLong(
                PlanField::Symbol,
                PLAN_CODE_LIMIT
            )]
        );
    }
}

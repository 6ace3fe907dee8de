//! Typed ids. All are `i64` database keys wrapped so that a plan id cannot be passed
//! where an item id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    )*};
}
pub(crate) use id_type;

id_type!(
    /// A plan (Kế hoạch).
    PlanId,
    /// A node of a plan's content tree.
    ItemId,
    /// An organisation unit or external partner.
    UnitId,
    /// A user account.
    UserId,
    /// An audit-log entry.
    AuditId,
    /// A direction record (văn bản chỉ đạo, kiểm tra, họp) of a plan.
    DirectionId,
    /// A file attached to a direction record.
    DirectionFileId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_display_parse_and_serialise_as_numbers() {
        let id: PlanId = "42".parse().unwrap();
        assert_eq!(id, PlanId(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&ItemId(7)).unwrap(), "7");
        assert!("x".parse::<UnitId>().is_err());
    }
}

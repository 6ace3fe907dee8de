//! domain: sangtao's pure core. Ids, roles, languages, item statuses, unit-name
//! canonicalisation, permission rules, password hashing and display helpers.
//!
//! No I/O, no async, no database: everything here is tested with plain unit tests.

pub mod budget;
pub mod cities;
pub mod clock;
pub mod counting;
pub mod department;
pub mod events;
pub mod format;
pub mod ids;
pub mod local_path;
// Media works (issue 18).
pub mod media;
// The Vietnamese network space (issue 19, part 2).
pub mod network;
pub mod once;
pub mod oversight;
pub mod password;
// The public site (issue 18).
pub mod permissions;
pub mod publishing;
pub mod search;
pub mod setup;
pub mod signin;
pub mod tracking;
pub use vntext::typed;
pub mod units;
pub mod vocab;

pub use cities::{CityError, CityId, CityStatus, ContactRole, CreativeFieldId};
pub use clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use counting::{
    Attainment, CountingRule, Discrepancy, EnteredFigure, KindInfo, Measure, Record, Window,
    actual, attainment, entered_actual,
};
pub use department::{Department, DepartmentError, DepartmentField};
pub use events::{
    DelegationId, DelegationStatus, Dong, EventError, EventFormat, EventId, EventKind, EventScope,
    EventStatus, EventTimes, InvitationStatus, LanguagePair, Organiser, PersonId, PersonKind,
};
pub use format::{format_date, format_number, format_target, format_vnd, shorten};
pub use ids::{AuditId, DirectionFileId, DirectionId, ItemId, PlanId, UnitId, UserId};
pub use once::OnceToken;
pub use permissions::{
    Actor, ItemUnit, can_admin, can_change_item_units, can_edit_item, can_edit_plan_metadata,
    can_report_on_item, can_view_audit, can_view_grades, can_view_item, can_view_plan,
    item_list_scope,
};
pub use setup::{PlanField, PlanMetadata, SetupError};
pub use tracking::{
    Conflict, DatesSource, Figure, Percent, Period, ReportContent, TrackingError, check_version,
    item_dates, item_label,
};
pub use units::{
    AbbreviationTable, CanonicalUnit, UnitKind, canonical_unit, merge_units, unit_key,
};
pub use vntext::text::strip_bullet;
pub use vocab::{ItemStatus, Language, ParseError, Role, UnitRelation};

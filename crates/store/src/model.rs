//! What the store returns and accepts. Plain data, serialisable, no database types.

use chrono::NaiveDate;
use domain::{ItemId, ItemStatus, Language, PlanId, Role, UnitId, UnitKind, UnitRelation, UserId};
use serde::{Deserialize, Serialize};

/// Result of [`crate::Store::import_plan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportOutcome {
    Imported(PlanId),
    /// The same document (or the same plan) is already stored under this id.
    AlreadyImported(PlanId),
}

impl ImportOutcome {
    pub fn plan_id(self) -> PlanId {
        match self {
            ImportOutcome::Imported(id) | ImportOutcome::AlreadyImported(id) => id,
        }
    }
}

/// A create form's once-token as a create takes it (migration 0011, `once_tokens`): the
/// token, what the form creates (`item.split`, `report.file`, `event.create`), and the
/// path of what it made, from the made thing's id, recorded for a second submit to land on.
pub struct OnceKey<'a> {
    pub token: &'a domain::OnceToken,
    pub action: &'static str,
    pub result: &'a (dyn Fn(i64) -> String + Send + Sync),
}

impl std::fmt::Debug for OnceKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OnceKey")
            .field("action", &self.action)
            .finish_non_exhaustive()
    }
}

/// What a create with a once-token did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created<T> {
    /// Made now.
    New(T),
    /// An earlier submit of the same form made it: the path of what that one made.
    Earlier(String),
}

impl<T> Created<T> {
    /// What was made now; None when an earlier submit made it.
    pub fn new_one(self) -> Option<T> {
        match self {
            Created::New(x) => Some(x),
            Created::Earlier(_) => None,
        }
    }
}

/// One row of the plan list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: PlanId,
    pub kind: String,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<NaiveDate>,
    pub year: Option<i32>,
    pub title: String,
    pub item_count: i64,
    /// Unix seconds, UTC.
    pub imported_at: i64,
}

/// The plan's own fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRecord {
    pub id: PlanId,
    pub kind: String,
    pub kind_code: Option<String>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub issuer: Option<String>,
    pub parent_issuer: Option<String>,
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
    pub year: Option<i32>,
    pub title: String,
    pub budget_text: Option<String>,
    pub signer_authority: Option<String>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub source_name: String,
    pub source_sha256: String,
    pub imported_at: i64,
    pub imported_by: Option<UserId>,
}

/// A plan's correctable document details and the version they were read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMetadataRecord {
    pub metadata: domain::PlanMetadata,
    pub version: i64,
}

/// A unit as an admin adds or edits it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitInput {
    pub name: String,
    pub external: bool,
    /// The unit it belongs to, if any.
    pub parent: Option<UnitId>,
}

/// An account as an admin edits it: name, e-mail address, roles and units.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserEdit {
    pub display_name: String,
    pub email: Option<String>,
    pub roles: Vec<Role>,
    pub unit_ids: Vec<UnitId>,
}

/// A unit as shown on a chip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    pub id: UnitId,
    pub name: String,
    pub external: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub name: String,
    /// Matching key (`domain::unit_key`), unique.
    pub key: String,
    pub external: bool,
    pub kind: UnitKind,
    /// False once an admin deactivated it: kept for its history, offered for nothing new.
    pub active: bool,
    /// The unit it belongs to (cơ quan cấp trên), when set.
    pub parent: Option<UnitId>,
    /// Optimistic version of its name, parent and activity.
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemUnitRef {
    pub unit: UnitRef,
    pub relation: UnitRelation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRecord {
    pub id: i64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: String,
    pub per: Option<String>,
    pub text: String,
}

impl TargetRecord {
    /// "20–30 cuộc/năm".
    pub fn display(&self) -> String {
        domain::format_target(self.min, self.max, &self.unit, self.per.as_deref())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRecord {
    pub id: i64,
    pub text: String,
    pub due: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub recurrence: Option<String>,
}

/// An item's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRecord {
    pub id: ItemId,
    pub plan_id: PlanId,
    pub parent_id: Option<ItemId>,
    /// Set for rows of an appendix task table.
    pub appendix_id: Option<i64>,
    /// Order among siblings, from 0.
    pub position: i64,
    /// 0 for top-level items.
    pub depth: i64,
    pub numbering: Option<String>,
    pub title: String,
    pub text: String,
    /// 1-based line in the source document.
    pub source_line: Option<i64>,
    /// True for items added in sangtao, not in the document.
    pub added: bool,
    pub status: ItemStatus,
    /// Why the item is suspended or cancelled.
    pub status_reason: Option<String>,
    /// Start and due (tracking): from deadlines, the plan year, or set by a user.
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// For optimistic concurrency: edits name the version they were made on.
    pub version: i64,
}

/// An item with everything attached and its sub-tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemNode {
    pub item: ItemRecord,
    pub units: Vec<ItemUnitRef>,
    pub targets: Vec<TargetRecord>,
    pub deadlines: Vec<DeadlineRecord>,
    pub children: Vec<ItemNode>,
}

impl ItemNode {
    pub fn lead_units(&self) -> impl Iterator<Item = &UnitRef> {
        self.units
            .iter()
            .filter(|u| u.relation == UnitRelation::Lead)
            .map(|u| &u.unit)
    }

    pub fn coordinating_units(&self) -> impl Iterator<Item = &UnitRef> {
        self.units
            .iter()
            .filter(|u| u.relation == UnitRelation::Coordinating)
            .map(|u| &u.unit)
    }

    /// For `domain::can_edit_item` and friends.
    pub fn item_units(&self) -> Vec<domain::ItemUnit> {
        self.units
            .iter()
            .map(|u| domain::ItemUnit {
                unit_id: u.unit.id,
                relation: u.relation,
            })
            .collect()
    }

    /// This node and its descendants, depth first.
    pub fn walk(&self) -> Vec<&ItemNode> {
        let mut out = vec![self];
        let mut i = 0;
        while i < out.len() {
            let n = out[i];
            out.splice(i + 1..i + 1, n.children.iter());
            i += 1;
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasisRecord {
    pub text: String,
    pub refs: Vec<vanban::DocRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppendixView {
    pub id: i64,
    pub label: Option<String>,
    pub title: Option<String>,
    pub items: Vec<ItemNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsibilityRecord {
    /// The unit as canonicalised; `None` only if it could not be named.
    pub unit: Option<UnitRef>,
    /// The heading as written in the document.
    pub unit_text: String,
    pub duties: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningRecord {
    pub line: i64,
    pub message: String,
}

/// A plan with its whole content tree, loaded in a fixed handful of queries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub plan: PlanRecord,
    pub legal_basis: Vec<LegalBasisRecord>,
    pub purposes: Vec<String>,
    pub requirements: Vec<String>,
    /// The content tree (section B and following), top-level items first.
    pub items: Vec<ItemNode>,
    pub appendices: Vec<AppendixView>,
    pub responsibilities: Vec<ResponsibilityRecord>,
    pub warnings: Vec<WarningRecord>,
}

impl PlanView {
    /// Every item of the tree and the appendices, depth first.
    pub fn all_items(&self) -> Vec<&ItemNode> {
        let mut out = Vec::new();
        for n in self
            .items
            .iter()
            .chain(self.appendices.iter().flat_map(|a| &a.items))
        {
            out.extend(n.walk());
        }
        out
    }

    /// Every unit the plan's items name, once each, by id: what pages need to name the
    /// units in effect (`domain::tracking::state` gives ids).
    pub fn item_units_by_id(&self) -> std::collections::HashMap<UnitId, &UnitRef> {
        self.all_items()
            .into_iter()
            .flat_map(|n| n.units.iter().map(|u| (u.unit.id, &u.unit)))
            .collect()
    }

    /// Every unit named by an item or a responsibility, for `domain::can_view_plan`.
    pub fn unit_ids(&self) -> Vec<UnitId> {
        let mut ids: Vec<UnitId> = self
            .all_items()
            .iter()
            .flat_map(|n| n.units.iter().map(|u| u.unit.id))
            .chain(
                self.responsibilities
                    .iter()
                    .filter_map(|r| r.unit.as_ref().map(|u| u.id)),
            )
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

/// One item with its context, for the item page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemView {
    pub plan_id: PlanId,
    pub plan_title: String,
    pub item: ItemRecord,
    /// Root first, parent last: the breadcrumbs.
    pub ancestors: Vec<ItemRecord>,
    pub units: Vec<ItemUnitRef>,
    pub targets: Vec<TargetRecord>,
    pub deadlines: Vec<DeadlineRecord>,
    /// Direct children, each with its own sub-tree, units, targets and deadlines.
    pub children: Vec<ItemNode>,
}

impl ItemView {
    pub fn item_units(&self) -> Vec<domain::ItemUnit> {
        self.units
            .iter()
            .map(|u| domain::ItemUnit {
                unit_id: u.unit.id,
                relation: u.relation,
            })
            .collect()
    }
}

/// An item as listed on a unit's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitItem {
    pub item_id: ItemId,
    pub plan_id: PlanId,
    pub plan_title: String,
    pub numbering: Option<String>,
    pub title: String,
    /// The unit is the nearest ancestor's ("theo mục cấp trên").
    pub inherited: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitResponsibility {
    pub plan_id: PlanId,
    pub plan_title: String,
    pub duties: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitView {
    pub unit: Unit,
    pub leads: Vec<UnitItem>,
    pub coordinates: Vec<UnitItem>,
    pub responsibilities: Vec<UnitResponsibility>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abbreviation {
    pub alias: String,
    pub unit_name: String,
}

/// A user account to create. `login` is stored trimmed and lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub login: String,
    pub display_name: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub language: Language,
    pub roles: Vec<Role>,
    pub unit_ids: Vec<UnitId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRecord {
    pub id: UserId,
    pub login: String,
    pub display_name: String,
    /// argon2id PHC string; never show it.
    #[serde(skip_serializing)]
    pub password_hash: String,
    pub must_change_password: bool,
    pub language: Language,
    pub active: bool,
    pub roles: Vec<Role>,
    pub units: Vec<UnitRef>,
    pub created_at: i64,
    /// The address reminders go to, when an admin gave one.
    pub email: Option<String>,
    /// Optimistic version of the account's name, e-mail, roles, units and activity.
    pub version: i64,
    /// A network account's city (issue 19): the account reaches only `/network…`.
    pub network_city: Option<domain::CityId>,
}

impl UserRecord {
    pub fn unit_ids(&self) -> Vec<UnitId> {
        self.units.iter().map(|u| u.id).collect()
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// The permission subject for `domain::permissions`.
    pub fn actor(&self) -> domain::Actor {
        domain::Actor {
            user_id: self.id,
            roles: self.roles.clone(),
            unit_ids: self.unit_ids(),
            active: self.active,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub user: UserRecord,
    pub csrf_token: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_seen: i64,
}

/// An audit entry to append. The store stamps the time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub actor: Option<UserId>,
    /// Dotted verb, e.g. "plan.import", "user.create".
    pub action: String,
    /// Table-like noun: "plan", "item", "unit", "user", "abbreviation".
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl AuditEntry {
    pub fn new(actor: Option<UserId>, action: &str, entity: &str, entity_id: Option<i64>) -> Self {
        AuditEntry {
            actor,
            action: action.to_string(),
            entity: entity.to_string(),
            entity_id,
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, v: serde_json::Value) -> Self {
        self.before = Some(v);
        self
    }

    pub fn after(mut self, v: serde_json::Value) -> Self {
        self.after = Some(v);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub id: domain::AuditId,
    pub at: i64,
    pub actor: Option<UserId>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// What [`crate::Store::bootstrap`] created on an empty database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BootstrapResult {
    pub admin_login: String,
    /// Shown once; only its hash is stored.
    pub one_time_password: String,
    pub plan_id: PlanId,
}

/// The department's saved profile (`store_meta`, key `department_profile`), with the
/// version the admin form was opened on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentRecord {
    pub profile: domain::Department,
    /// 1 after the first save; a database without a profile is at 0.
    pub version: i64,
    pub updated_at: i64,
    pub updated_by: Option<UserId>,
}

/// What [`crate::Store::backup_into`] and [`crate::Store::database_counts`] report: the
/// schema's migrations and the rows of the key tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatabaseCounts {
    /// Migrations applied.
    pub migrations: i64,
    /// The highest migration version applied.
    pub schema_version: i64,
    pub plans: i64,
    pub items: i64,
    pub progress_reports: i64,
    pub events: i64,
    pub evidence: i64,
}

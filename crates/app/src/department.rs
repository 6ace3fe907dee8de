//! The department's profile as pages and the report read it: the one an admin saved, else
//! the one a plan's own header implies ([`domain::Department::derive`], Hanoi's values for
//! what the plan does not say). The first start saves Hanoi's, so the derived profile only
//! serves databases made before the profile existed, until an admin saves the form.

use domain::Department;
use store::{DepartmentRecord, PlanRecord, Store, StoreError};

/// The profile in effect and the version a form saving it must name (0: none saved).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub department: Department,
    pub version: i64,
    /// Whether an admin (or the first start) saved it; otherwise it is derived.
    pub saved: bool,
}

/// The profile a plan's header implies.
pub fn derived(plan: &PlanRecord) -> Department {
    Department::derive(
        plan.parent_issuer.as_deref(),
        plan.issuer.as_deref(),
        plan.place.as_deref(),
        plan.symbol.as_deref(),
    )
}

/// The saved profile, else the one `plan` implies, else Hanoi's.
pub fn in_effect(saved: Option<DepartmentRecord>, plan: Option<&PlanRecord>) -> Profile {
    match saved {
        Some(r) => Profile {
            department: r.profile,
            version: r.version,
            saved: true,
        },
        None => Profile {
            department: plan.map_or_else(Department::hanoi, derived),
            version: 0,
            saved: false,
        },
    }
}

/// The profile in effect for the department as a whole (the admin form): the saved one,
/// else the one the first imported plan implies.
pub async fn current(store: &Store) -> Result<Profile, StoreError> {
    let saved = store.department().await?;
    if saved.is_some() {
        return Ok(in_effect(saved, None));
    }
    let first = store
        .plan_names()
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .min();
    let plan = match first {
        Some(id) => store.plan(id).await?,
        None => None,
    };
    Ok(in_effect(None, plan.as_ref().map(|v| &v.plan)))
}

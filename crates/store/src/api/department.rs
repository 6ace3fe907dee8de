//! The department's profile (queries in `sql/department.rs`).

use crate::model::DepartmentRecord;
use crate::{Store, StoreError};
use domain::{Actor, Department};

type R<T> = Result<T, StoreError>;

impl Store {
    /// The saved profile, or `None` when no one has saved one.
    pub async fn department(&self) -> R<Option<DepartmentRecord>> {
        dispatch!(self, department::department())
    }

    /// Saves the profile (normalised, checked) over `expected_version` (0 when none is
    /// saved), audited as `department.update` with before and after. `actor` must be an
    /// admin; `None` is the system (the first start). A stale version gives
    /// `StoreError::Conflict` carrying the saved profile.
    pub async fn set_department(
        &self,
        expected_version: i64,
        profile: &Department,
        actor: Option<&Actor>,
    ) -> R<i64> {
        dispatch!(
            self,
            department::set_department(&self.ctx, expected_version, profile, actor)
        )
    }
}

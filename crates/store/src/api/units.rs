//! Units, merging duplicates, and the abbreviation table (queries in `sql/units.rs`).

use crate::model::*;
use crate::{Store, StoreError};
use domain::{Actor, UnitId, UserId};

impl Store {
    pub async fn list_units(&self) -> Result<Vec<Unit>, StoreError> {
        self.memo("list_units", 0, "", async {
            dispatch!(self, units::list_units())
        })
        .await
    }

    /// A unit with the items it leads and coordinates (with plan titles).
    pub async fn unit(&self, id: UnitId) -> Result<Option<UnitView>, StoreError> {
        dispatch!(self, units::unit(&self.ctx, id))
    }

    /// Merges a duplicate unit into another: item links, memberships and
    /// responsibilities move to `into`, then `from` is deleted. For duplicates the
    /// alias table did not catch at import time.
    pub async fn merge_unit(
        &self,
        from: UnitId,
        into: UnitId,
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(self, units::merge_unit(&self.ctx, from, into, actor))
    }

    /// An admin adds a unit (`StoreError::Setup` for an empty or taken name, a parent
    /// that would hold itself).
    pub async fn create_unit(&self, new: &UnitInput, actor: &Actor) -> Result<UnitId, StoreError> {
        dispatch!(self, unit_edits::create_unit(&self.ctx, new, actor))
    }

    /// An admin renames a unit, or changes whether it is external and its parent, over
    /// `version`. The old name stays in the alias table, pointing at the new one, and the
    /// old name's aliases follow it: a re-imported document still finds the unit.
    pub async fn update_unit(
        &self,
        id: UnitId,
        version: i64,
        edit: &UnitInput,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            unit_edits::update_unit(&self.ctx, id, version, edit, actor)
        )
    }

    /// An admin deactivates or reactivates a unit over `version`; its history stays.
    pub async fn set_unit_active(
        &self,
        id: UnitId,
        version: i64,
        active: bool,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            unit_edits::set_unit_active(&self.ctx, id, version, active, actor)
        )
    }

    /// The editable alias table, sorted by alias.
    pub async fn abbreviations(&self) -> Result<Vec<Abbreviation>, StoreError> {
        dispatch!(self, units::abbreviations())
    }

    /// The alias table as the domain canonicaliser uses it.
    pub async fn abbreviation_table(&self) -> Result<domain::AbbreviationTable, StoreError> {
        let rows = self.abbreviations().await?;
        Ok(domain::AbbreviationTable::from_pairs(
            rows.iter()
                .map(|a| (a.alias.as_str(), a.unit_name.as_str())),
        ))
    }

    /// Adds or changes an alias. Applies to later imports; existing units are unchanged.
    pub async fn set_abbreviation(
        &self,
        alias: &str,
        unit_name: &str,
        actor: Option<UserId>,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            units::set_abbreviation(&self.ctx, alias, unit_name, actor)
        )
    }

    /// Removes an alias; false when there was none.
    pub async fn delete_abbreviation(
        &self,
        alias: &str,
        actor: Option<UserId>,
    ) -> Result<bool, StoreError> {
        dispatch!(self, units::delete_abbreviation(&self.ctx, alias, actor))
    }
}

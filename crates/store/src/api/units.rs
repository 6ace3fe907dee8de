//! Units, merging duplicates, and the abbreviation table (queries in `sql/units.rs`).

use crate::model::*;
use crate::{Store, StoreError};
use domain::{UnitId, UserId};

impl Store {
    pub async fn list_units(&self) -> Result<Vec<Unit>, StoreError> {
        dispatch!(self, units::list_units())
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

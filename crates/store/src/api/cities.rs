//! The city directory (queries in `sql/cities.rs` and `sql/city_links.rs`).

use crate::cities_model::*;
use crate::{NewDirectionFile, Store, StoreError};
use domain::cities::import::ImportCity;
use domain::cities::project::{ProjectId, ProjectInput};
use domain::cities::{CityInput, FieldInput, LetterInput};
use domain::{
    Actor, CityId, ContactRole, CreativeFieldId, DelegationId, EventId, ItemId, PersonId,
};

impl Store {
    pub async fn creative_fields(&self) -> Result<Vec<FieldRecord>, StoreError> {
        dispatch!(self, cities::fields())
    }

    pub async fn creative_field(
        &self,
        id: CreativeFieldId,
    ) -> Result<Option<FieldRecord>, StoreError> {
        dispatch!(self, cities::field(id))
    }

    pub async fn create_field(
        &self,
        f: &FieldInput,
        actor: &Actor,
    ) -> Result<CreativeFieldId, StoreError> {
        dispatch!(self, cities::create_field(&self.ctx, f, actor))
    }

    pub async fn update_field(
        &self,
        id: CreativeFieldId,
        expected_version: i64,
        f: &FieldInput,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            cities::update_field(&self.ctx, id, expected_version, f, actor)
        )
    }

    pub async fn city(&self, id: CityId) -> Result<Option<CityRecord>, StoreError> {
        dispatch!(self, cities::city(id))
    }

    pub async fn create_city(&self, c: &CityInput, actor: &Actor) -> Result<CityId, StoreError> {
        dispatch!(self, cities::create_city(&self.ctx, c, actor))
    }

    pub async fn update_city(
        &self,
        id: CityId,
        expected_version: i64,
        c: &CityInput,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            cities::update_city(&self.ctx, id, expected_version, c, actor)
        )
    }

    /// Applies the import's rows (keyed on the UNESCO slug) in one transaction.
    pub async fn import_cities(
        &self,
        rows: &[ImportCity],
        actor: &Actor,
    ) -> Result<CityImportReport, StoreError> {
        dispatch!(self, cities::import_cities(&self.ctx, rows, actor))
    }

    pub async fn list_cities(&self, filter: &CityFilter) -> Result<CityPage, StoreError> {
        dispatch!(self, cities::list_cities(filter))
    }

    /// The directory's countries and regions (for the filters).
    pub async fn city_places(&self) -> Result<(Vec<String>, Vec<String>), StoreError> {
        dispatch!(self, cities::city_places())
    }

    pub async fn mapped_cities(&self) -> Result<Vec<CityRecord>, StoreError> {
        dispatch!(self, cities::mapped_cities())
    }

    pub async fn city_names(&self) -> Result<Vec<(CityId, String)>, StoreError> {
        dispatch!(self, cities::city_names())
    }

    pub async fn set_event_cities(
        &self,
        event: EventId,
        cities: &[CityId],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            city_links::set_event_cities(&self.ctx, event, cities, actor)
        )
    }

    pub async fn event_cities(&self, event: EventId) -> Result<Vec<(CityId, String)>, StoreError> {
        dispatch!(self, city_links::event_cities(event))
    }

    /// The cities of the events linked to a plan item and of the delegations its
    /// estimate covers.
    pub async fn item_cities(&self, item: ItemId) -> Result<Vec<(CityId, String)>, StoreError> {
        self.memo("item_cities", item.0, "", async {
            dispatch!(self, city_links::item_cities(item))
        })
        .await
    }

    /// Records a letter or MoU, with its file when one came with the form.
    pub async fn add_letter(
        &self,
        city: CityId,
        letter: &LetterInput,
        file: Option<&NewDirectionFile>,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            city_letters::add_letter(&self.ctx, city, letter, file, actor)
        )
    }

    /// Attaches (or replaces) a letter's file; returns the letter's city.
    pub async fn attach_letter_file(
        &self,
        letter: i64,
        file: &NewDirectionFile,
        actor: &Actor,
    ) -> Result<CityId, StoreError> {
        dispatch!(
            self,
            city_letters::attach_letter_file(&self.ctx, letter, file, actor)
        )
    }

    /// A letter and its file's stored path (`None` when it has no file).
    pub async fn city_letter(
        &self,
        letter: i64,
    ) -> Result<Option<(LetterRecord, Option<String>)>, StoreError> {
        dispatch!(self, city_letters::letter(letter))
    }

    /// A page (from 1) of a city's timeline, newest first (`domain::cities::timeline`'s
    /// order), with the count of all its interactions.
    pub async fn city_timeline(
        &self,
        city: CityId,
        page: i64,
        per_page: i64,
    ) -> Result<TimelinePage, StoreError> {
        dispatch!(self, city_timeline::city_timeline(city, page, per_page))
    }

    pub async fn set_delegation_cities(
        &self,
        delegation: DelegationId,
        cities: &[CityId],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            city_links::set_delegation_cities(&self.ctx, delegation, cities, actor)
        )
    }

    pub async fn delegation_cities(
        &self,
        delegation: DelegationId,
    ) -> Result<Vec<(CityId, String)>, StoreError> {
        dispatch!(self, city_links::delegation_cities(delegation))
    }

    pub async fn contact_dates(&self) -> Result<Vec<CityContactDates>, StoreError> {
        dispatch!(self, city_links::contact_dates())
    }

    /// Adds a contact: `city` for a city's roles, `None` for UNESCO's.
    pub async fn add_contact(
        &self,
        city: Option<CityId>,
        person: PersonId,
        role: ContactRole,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            city_contacts::add_contact(&self.ctx, city, person, role, actor)
        )
    }

    pub async fn remove_contact(
        &self,
        id: i64,
        actor: &Actor,
    ) -> Result<Option<CityId>, StoreError> {
        dispatch!(self, city_contacts::remove_contact(&self.ctx, id, actor))
    }

    /// A city's contacts, or UNESCO's with `None`.
    pub async fn contacts(&self, city: Option<CityId>) -> Result<Vec<ContactRecord>, StoreError> {
        dispatch!(self, city_contacts::contacts(city))
    }
}

/// Joint projects with cities (queries in `sql/city_projects.rs`).
impl Store {
    pub async fn create_project(
        &self,
        p: &ProjectInput,
        actor: &Actor,
    ) -> Result<ProjectId, StoreError> {
        dispatch!(self, city_projects::create_project(&self.ctx, p, actor))
    }

    /// Saves a project over version `expected` (a stale form is a conflict).
    pub async fn update_project(
        &self,
        id: ProjectId,
        expected: i64,
        p: &ProjectInput,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        dispatch!(
            self,
            city_projects::update_project(&self.ctx, id, expected, p, actor)
        )
    }

    pub async fn remove_project(
        &self,
        id: ProjectId,
        expected: i64,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        dispatch!(
            self,
            city_projects::remove_project(&self.ctx, id, expected, actor)
        )
    }

    pub async fn project(&self, id: ProjectId) -> Result<Option<ProjectRecord>, StoreError> {
        dispatch!(self, city_projects::project(id))
    }

    pub async fn list_projects(&self, filter: &ProjectFilter) -> Result<ProjectPage, StoreError> {
        dispatch!(self, city_projects::list_projects(filter))
    }

    /// The joint projects linked to a plan item, the latest start first.
    pub async fn item_projects(&self, item: ItemId) -> Result<Vec<ProjectRecord>, StoreError> {
        self.memo("item_projects", item.0, "", async {
            dispatch!(self, city_projects::item_projects(item))
        })
        .await
    }
}

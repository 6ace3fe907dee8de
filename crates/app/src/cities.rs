//! The city import (issue 19), the same for `sangtao import-cities` and the admin page:
//! read UNESCO's city list (and the map points when given), lay the Vietnamese facts over
//! it and write it keyed on the UNESCO slug. Also the "last contact" list, computed once
//! here for the page.

use chrono::NaiveDate;
use domain::Actor;
use domain::cities::import::{CsvError, merge, parse_cities, parse_points};
use domain::cities::{by_last_contact, last_contact};
use std::path::{Path, PathBuf};
use store::{CityContactDates, CityImportReport, Store, StoreError};

/// The bundled data's file names (see `shared/data/uccn/SOURCE.md`).
pub const CITIES_FILE: &str = "uccn_cities_unesco_site_2024-10-01.csv";
pub const POINTS_FILE: &str = "uccn_map_points_unesco_site_archive.csv";
/// Where the bundled data sits, seen from the repository.
pub const DEFAULT_DIR: &str = "../shared/data/uccn";

#[derive(Debug, thiserror::Error)]
pub enum CityImportError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("{file}, {0}", file = .1)]
    Csv(CsvError, String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads the two CSV texts and writes the cities. `points` may be absent (an uploaded
/// city list alone).
pub async fn import_texts(
    store: &Store,
    cities: &str,
    points: Option<&str>,
    actor: &Actor,
) -> Result<CityImportReport, CityImportError> {
    let rows = parse_cities(cities).map_err(|e| CityImportError::Csv(e, CITIES_FILE.into()))?;
    let points = match points {
        Some(p) => parse_points(p).map_err(|e| CityImportError::Csv(e, POINTS_FILE.into()))?,
        None => Vec::new(),
    };
    Ok(store.import_cities(&merge(rows, &points), actor).await?)
}

/// Reads `DIR/CITIES_FILE` and, when present, `DIR/POINTS_FILE`.
pub async fn import_dir(
    store: &Store,
    dir: &Path,
    actor: &Actor,
) -> Result<CityImportReport, CityImportError> {
    let read = |p: PathBuf| {
        std::fs::read_to_string(&p).map_err(|e| CityImportError::Read {
            path: p.display().to_string(),
            message: e.to_string(),
        })
    };
    let cities = read(dir.join(CITIES_FILE))?;
    let points_path = dir.join(POINTS_FILE);
    let points = if points_path.exists() {
        Some(read(points_path)?)
    } else {
        None
    };
    import_texts(store, &cities, points.as_deref(), actor).await
}

/// Cities with any interaction, the longest without contact first.
pub async fn last_contacts(
    store: &Store,
) -> Result<Vec<(CityContactDates, NaiveDate)>, StoreError> {
    let rows = store
        .contact_dates()
        .await?
        .into_iter()
        .filter_map(|c| {
            last_contact(
                c.latest_event,
                &[c.latest_letter, c.latest_delegation, c.latest_project],
            )
            .map(|d| (c, d))
        })
        .collect();
    Ok(by_last_contact(rows))
}

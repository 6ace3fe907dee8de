//! The import's pure half: UNESCO's city list (`city,creative_field,unesco_slug,
//! unesco_url`), the old map's points (`label,lat,lon,…,creative_field,unesco_nid`) and
//! the Vietnamese facts, merged into one row per UNESCO slug. The store applies the rows
//! (keyed on the slug) and counts what was added, changed or left as it was.
//!
//! The CSV files are described in `shared/data/uccn/SOURCE.md`.

use super::{CityStatus, field_code, is_slug};
use serde::Serialize;
use std::collections::HashMap;

/// One city as the import will write it. `None` leaves the stored value alone, so that
/// what the department typed (a country, a region, notes) survives a re-import.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportCity {
    pub slug: String,
    pub name: String,
    /// A field code ([`field_code`] of the English name); `None` for a candidate whose
    /// field is not chosen yet.
    pub field: Option<String>,
    pub unesco_url: String,
    pub point: Option<(f64, f64)>,
    pub country: Option<String>,
    pub region: Option<String>,
    pub year: Option<i32>,
    pub status: CityStatus,
}

/// Why a CSV file was refused: the line (1 = the header) and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct CsvError {
    pub line: u64,
    pub problem: String,
}

fn csv_error(line: u64, problem: impl Into<String>) -> CsvError {
    CsvError {
        line,
        problem: problem.into(),
    }
}

/// Reads a CSV with a header naming at least `wanted`; each record as those columns.
fn read_columns<const N: usize>(
    text: &str,
    wanted: [&str; N],
) -> Result<Vec<(u64, [String; N])>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| csv_error(1, e.to_string()))?
        .clone();
    let mut at = [0usize; N];
    for (i, name) in wanted.iter().enumerate() {
        at[i] = headers
            .iter()
            .position(|h| h.trim() == *name)
            .ok_or_else(|| csv_error(1, format!("no column {name:?}")))?;
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            csv_error(line, e.to_string())
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let cols = at.map(|i| vntext::text::nfc(record.get(i).unwrap_or("").trim()));
        out.push((line, cols));
    }
    Ok(out)
}

/// UNESCO's city list: every row needs a name, a field and a valid slug; a slug twice is
/// refused (the import is keyed on it).
pub fn parse_cities(text: &str) -> Result<Vec<ImportCity>, CsvError> {
    let rows = read_columns(
        text,
        ["city", "creative_field", "unesco_slug", "unesco_url"],
    )?;
    if rows.is_empty() {
        return Err(csv_error(2, "no cities"));
    }
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (line, [name, field, slug, url]) in rows {
        if name.is_empty() {
            return Err(csv_error(line, "the city name is empty"));
        }
        let code = field_code(&field);
        if code.is_empty() {
            return Err(csv_error(line, format!("{name}: no creative field")));
        }
        if !is_slug(&slug) {
            return Err(csv_error(line, format!("{name}: bad UNESCO slug {slug:?}")));
        }
        if let Some(first) = seen.insert(slug.clone(), line) {
            return Err(csv_error(
                line,
                format!("slug {slug:?} already on line {first}"),
            ));
        }
        let unesco_url = crate::events::check_link(&url)
            .map_err(|_| csv_error(line, format!("{name}: bad UNESCO address {url:?}")))?;
        out.push(ImportCity {
            slug,
            name,
            field: Some(code),
            unesco_url,
            point: None,
            country: None,
            region: None,
            year: None,
            status: CityStatus::Member,
        });
    }
    Ok(out)
}

/// The old map's markers known to be wrong: UNESCO geocoded one Istanbul marker to the
/// centroid of Turkey (node 986; SOURCE.md).
const BAD_MARKERS: &[&str] = &["986"];
/// Map labels in another language than the city list's.
const LABEL_ALIASES: &[(&str, &str)] = &[("Gand", "Ghent")];

/// A map point: the city list's name, field code and (lat, lon).
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    pub name: String,
    pub field: String,
    pub point: (f64, f64),
}

/// The old map's markers, without the known-bad ones. A marker matches a city by name
/// and field (two Granadas differ by field).
pub fn parse_points(text: &str) -> Result<Vec<MapPoint>, CsvError> {
    let rows = read_columns(
        text,
        ["label", "lat", "lon", "creative_field", "unesco_nid"],
    )?;
    let mut out = Vec::new();
    for (line, [label, lat, lon, field, nid]) in rows {
        if BAD_MARKERS.contains(&nid.as_str()) {
            continue;
        }
        let point = super::parse_point(&lat, &lon)
            .map_err(|(_, e)| csv_error(line, format!("{label}: {e}")))?
            .ok_or_else(|| csv_error(line, format!("{label}: no coordinates")))?;
        let name = LABEL_ALIASES
            .iter()
            .find(|(a, _)| *a == label)
            .map(|(_, n)| n.to_string())
            .unwrap_or(label);
        out.push(MapPoint {
            name,
            field: field_code(&field),
            point,
        });
    }
    Ok(out)
}

/// The Vietnamese members and the candidates the Hanoi plan names. Members' facts win
/// over UNESCO's English names (`slug` is UNESCO's, e.g. Hội An's is `hoi`).
pub struct VietnamCity {
    pub slug: &'static str,
    pub name: &'static str,
    pub field: Option<&'static str>,
    pub year: Option<i32>,
    pub status: CityStatus,
    pub point: (f64, f64),
}

pub const VIETNAM: &str = "Việt Nam";
pub const VIETNAM_REGION: &str = "Châu Á – Thái Bình Dương";

pub const VIETNAM_CITIES: &[VietnamCity] = &[
    VietnamCity {
        slug: "hanoi",
        name: "Hà Nội",
        field: Some("design"),
        year: Some(2019),
        status: CityStatus::Member,
        point: (21.0285, 105.8542),
    },
    VietnamCity {
        slug: "hoi",
        name: "Hội An",
        field: Some("crafts_and_folk_art"),
        year: Some(2023),
        status: CityStatus::Member,
        point: (15.8801, 108.3380),
    },
    VietnamCity {
        slug: "da-lat",
        name: "Đà Lạt",
        field: Some("music"),
        year: Some(2023),
        status: CityStatus::Member,
        point: (11.9404, 108.4583),
    },
    VietnamCity {
        slug: "ho-chi-minh-city",
        name: "TP Hồ Chí Minh",
        field: Some("film"),
        year: Some(2025),
        status: CityStatus::Member,
        point: (10.7769, 106.7009),
    },
    VietnamCity {
        slug: "hue",
        name: "Huế",
        field: Some("gastronomy"),
        year: None,
        status: CityStatus::Candidate,
        point: (16.4637, 107.5909),
    },
    VietnamCity {
        slug: "quang-ninh",
        name: "Quảng Ninh",
        field: None,
        year: None,
        status: CityStatus::Candidate,
        point: (21.0064, 107.2925),
    },
    VietnamCity {
        slug: "da-nang",
        name: "Đà Nẵng",
        field: None,
        year: None,
        status: CityStatus::Candidate,
        point: (16.0544, 108.2022),
    },
];

/// The rows to write: UNESCO's cities with the map's points where a marker matches, then
/// the Vietnamese facts laid over (or added). Sorted by slug, so that a run is repeatable.
pub fn merge(mut cities: Vec<ImportCity>, points: &[MapPoint]) -> Vec<ImportCity> {
    let by_name: HashMap<(&str, &str), (f64, f64)> = points
        .iter()
        .map(|p| ((p.name.as_str(), p.field.as_str()), p.point))
        .collect();
    for c in &mut cities {
        let key = (c.name.as_str(), c.field.as_deref().unwrap_or(""));
        if let Some(p) = by_name.get(&key) {
            c.point = Some(*p);
        }
    }
    for v in VIETNAM_CITIES {
        let row = ImportCity {
            slug: v.slug.into(),
            name: v.name.into(),
            field: v.field.map(String::from),
            unesco_url: String::new(),
            point: Some(v.point),
            country: Some(VIETNAM.into()),
            region: Some(VIETNAM_REGION.into()),
            year: v.year,
            status: v.status,
        };
        match cities.iter_mut().find(|c| c.slug == v.slug) {
            Some(c) => {
                *c = ImportCity {
                    unesco_url: std::mem::take(&mut c.unesco_url),
                    ..row
                }
            }
            None => cities.push(ImportCity {
                unesco_url: if v.status == CityStatus::Member {
                    format!("https://www.unesco.org/en/creative-cities/{}", v.slug)
                } else {
                    String::new()
                },
                ..row
            }),
        }
    }
    cities.sort_by(|a, b| a.slug.cmp(&b.slug));
    cities
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITIES: &str = "city,creative_field,unesco_slug,unesco_url\n\
        Hanoi,Design,hanoi,https://www.unesco.org/en/creative-cities/hanoi\n\
        Granada,Design,granada-0,https://www.unesco.org/en/creative-cities/granada-0\n\
        Granada,Literature,granada,https://www.unesco.org/en/creative-cities/granada\n\
        Ghent,Music,ghent,https://www.unesco.org/en/creative-cities/ghent\n\
        Istanbul,Design,istanbul,https://www.unesco.org/en/creative-cities/istanbul\n";
    const POINTS: &str = "label,lat,lon,unesco_category_code,creative_field,unesco_nid\n\
        Gand,51.0543422,3.7174243,8,Music,1362\n\
        Granada,37.1773363,-3.5985571,2,Literature,19\n\
        Istanbul,41.1634302,28.7664408,4,Design,1078\n\
        Istanbul,38.963745,35.243322,4,Design,986\n";

    #[test]
    fn cities_points_and_vietnam_merge_by_slug() {
        let rows = merge(
            parse_cities(CITIES).unwrap(),
            &parse_points(POINTS).unwrap(),
        );
        let get = |s: &str| rows.iter().find(|r| r.slug == s).unwrap();
        assert_eq!(get("ghent").point, Some((51.0543422, 3.7174243)));
        assert_eq!(get("granada").point, Some((37.1773363, -3.5985571)));
        assert_eq!(get("granada-0").point, None);
        assert_eq!(get("istanbul").point, Some((41.1634302, 28.7664408)));
        let hanoi = get("hanoi");
        assert_eq!(hanoi.name, "Hà Nội");
        assert_eq!(
            (hanoi.year, hanoi.field.as_deref()),
            (Some(2019), Some("design"))
        );
        assert_eq!(
            hanoi.unesco_url,
            "https://www.unesco.org/en/creative-cities/hanoi"
        );
        let hcmc = get("ho-chi-minh-city");
        assert_eq!(
            (hcmc.year, hcmc.field.as_deref()),
            (Some(2025), Some("film"))
        );
        let hue = get("hue");
        assert_eq!(hue.status, CityStatus::Candidate);
        assert_eq!(hue.unesco_url, "");
        assert_eq!(rows.len(), 5 + 6);
        assert!(rows.windows(2).all(|w| w[0].slug < w[1].slug));
    }

    #[test]
    fn broken_files_name_their_line() {
        let missing = "city,creative_field,unesco_url\nX,Music,https://a.b\n";
        assert_eq!(parse_cities(missing).unwrap_err().line, 1);
        let twice = "city,creative_field,unesco_slug,unesco_url\nA,Music,a,\nB,Music,a,\n";
        assert_eq!(parse_cities(twice).unwrap_err().line, 3);
        let short = "city,creative_field,unesco_slug,unesco_url\nA,Music\n";
        assert_eq!(parse_cities(short).unwrap_err().line, 2);
        let no_name = "city,creative_field,unesco_slug,unesco_url\n,Music,a,\n";
        assert!(parse_cities(no_name).unwrap_err().problem.contains("empty"));
        assert!(parse_cities("city,creative_field,unesco_slug,unesco_url\n").is_err());
        let bad_point =
            "label,lat,lon,unesco_category_code,creative_field,unesco_nid\nA,95,1,8,Music,1\n";
        assert_eq!(parse_points(bad_point).unwrap_err().line, 2);
    }

    #[test]
    fn the_bundled_files_read_whole() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/uccn/");
        let Ok(cities) =
            std::fs::read_to_string(format!("{dir}uccn_cities_unesco_site_2024-10-01.csv"))
        else {
            return; // the shared data is beside the repository, not in it
        };
        let points =
            std::fs::read_to_string(format!("{dir}uccn_map_points_unesco_site_archive.csv"))
                .unwrap();
        let rows = merge(
            parse_cities(&cities).unwrap(),
            &parse_points(&points).unwrap(),
        );
        assert_eq!(rows.len(), 350 + 4);
        assert!(rows.iter().filter(|r| r.point.is_some()).count() >= 180);
    }
}

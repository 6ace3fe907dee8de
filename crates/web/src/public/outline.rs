//! Hà Nội on a self-contained SVG map: the vendored outline
//! (`assets/hanoi-outline.geojson`, read once) and the projection of a longitude and
//! latitude into the SVG's frame. Equirectangular, with longitudes shortened by the
//! cosine of Hà Nội's latitude (21°), so that the city keeps its shape at this scale.
//! No tiles, no request to anyone else (as `cities::map`).

use std::sync::LazyLock;

const GEOJSON: &str = include_str!("../../assets/hanoi-outline.geojson");

/// The latitude whose cosine shortens the longitudes.
const MID_LATITUDE: f64 = 21.0;

/// A rectangle of the earth (degrees) drawn `width` SVG units wide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    west: f64,
    north: f64,
    /// SVG units per degree of latitude.
    scale: f64,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// The frame of `(west, south, east, north)`, `width` units wide and as tall as the
    /// projection makes it.
    pub fn new((west, south, east, north): (f64, f64, f64, f64), width: f64) -> Frame {
        let shrink = MID_LATITUDE.to_radians().cos();
        let scale = width / ((east - west) * shrink);
        Frame {
            west,
            north,
            scale,
            width,
            height: (north - south) * scale,
        }
    }

    /// Where a point falls, in SVG units from the top left corner.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let shrink = MID_LATITUDE.to_radians().cos();
        let x = (lon - self.west) * shrink * self.scale;
        let y = (self.north - lat) * self.scale;
        (x, y)
    }

    /// Whether a projected point is inside the frame.
    pub fn holds(&self, (x, y): (f64, f64)) -> bool {
        (0.0..=self.width).contains(&x) && (0.0..=self.height).contains(&y)
    }
}

/// The whole city's frame: the box every creative space must lie in
/// (`domain::publishing::HANOI_BOUNDS`), so that every accepted point is on the map.
pub static CITY: LazyLock<Frame> =
    LazyLock::new(|| Frame::new(domain::publishing::HANOI_BOUNDS, 480.0));

/// The old quarter and the districts around it, where most spaces are: the map's inset,
/// so that their dots do not pile up on the city's map.
pub const CENTRE_BOUNDS: (f64, f64, f64, f64) = (105.82, 21.00, 105.88, 21.05);

/// Hoàn Kiếm lake's middle (latitude, longitude): the inset's landmark.
pub const LAKE: (f64, f64) = (21.0287, 105.8524);

pub static CENTRE: LazyLock<Frame> = LazyLock::new(|| Frame::new(CENTRE_BOUNDS, 480.0));

/// Where the inset's box falls on the city's map: x, y, width, height.
pub fn centre_box() -> (f64, f64, f64, f64) {
    let (w, s, e, n) = CENTRE_BOUNDS;
    let (x0, y0) = CITY.project(w, n);
    let (x1, y1) = CITY.project(e, s);
    (x0, y0, x1 - x0, y1 - y0)
}

/// The outline's path data in [`CITY`]'s frame.
pub static OUTLINE: LazyLock<String> = LazyLock::new(|| {
    outline_path(GEOJSON, &CITY).unwrap_or_else(|e| {
        // The file is vendored and tested: this would be a broken build.
        tracing::error!(error = %e, "the Hà Nội outline does not read");
        String::new()
    })
});

/// SVG path data (`M x,y L … Z`, one ring after another) of a GeoJSON Polygon or
/// MultiPolygon, bare or in a Feature, projected into `frame`.
pub fn outline_path(geojson: &str, frame: &Frame) -> Result<String, String> {
    let v: serde_json::Value = serde_json::from_str(geojson).map_err(|e| e.to_string())?;
    let geometry = if v["type"] == "Feature" {
        &v["geometry"]
    } else {
        &v
    };
    let polygons: Vec<&serde_json::Value> = match geometry["type"].as_str() {
        Some("Polygon") => vec![&geometry["coordinates"]],
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        other => return Err(format!("not a polygon: {other:?}")),
    };
    let mut path = String::new();
    for ring in polygons.iter().filter_map(|p| p.as_array()).flatten() {
        let points = ring.as_array().ok_or("a ring is not a list")?;
        for (i, p) in points.iter().enumerate() {
            let (Some(lon), Some(lat)) = (p[0].as_f64(), p[1].as_f64()) else {
                return Err(format!("not a point: {p}"));
            };
            let (x, y) = frame.project(lon, lat);
            path.push_str(&format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" }));
        }
        path.push('Z');
    }
    if path.is_empty() {
        return Err("no ring".into());
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOX: (f64, f64, f64, f64) = (105.0, 20.0, 106.0, 21.0);

    #[test]
    fn corners_land_on_the_frames_corners_and_north_is_up() {
        let f = Frame::new(BOX, 100.0);
        let close =
            |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9;
        assert!(close(f.project(105.0, 21.0), (0.0, 0.0)));
        assert!(close(f.project(106.0, 20.0), (100.0, f.height)));
        // A degree of longitude is cos(21°) of a degree of latitude.
        assert!((f.height - 100.0 / 21f64.to_radians().cos()).abs() < 1e-9);
        let (_, y_north) = f.project(105.5, 20.9);
        let (_, y_south) = f.project(105.5, 20.1);
        assert!(y_north < y_south);
        assert!(f.holds(f.project(105.5, 20.5)));
        assert!(!f.holds(f.project(2.35, 48.85)), "Paris is off the map");
    }

    #[test]
    fn the_vendored_outline_reads_and_lies_in_the_city_frame() {
        let path = outline_path(GEOJSON, &CITY).unwrap();
        assert!(path.starts_with('M') && path.ends_with('Z'));
        assert_eq!(path.matches('L').count(), 129, "130 points, one ring");
        for pair in path.trim_end_matches('Z')[1..].split('L') {
            let (x, y) = pair.split_once(',').unwrap();
            let p = (x.parse().unwrap(), y.parse().unwrap());
            assert!(CITY.holds(p), "{p:?} off the map");
        }
        // Hoàn Kiếm lake is inside the map, near its middle.
        let (x, y) = CITY.project(105.8524, 21.0287);
        assert!(x > 0.3 * CITY.width && x < 0.8 * CITY.width, "{x}");
        assert!(y > 0.2 * CITY.height && y < 0.7 * CITY.height, "{y}");
    }

    #[test]
    fn the_centre_is_an_inset_of_the_city() {
        let (x, y, w, h) = centre_box();
        assert!(x > 0.0 && y > 0.0 && x + w < CITY.width && y + h < CITY.height);
        // Hoàn Kiếm lake is in it, the Hà Nội Museum (Mễ Trì) is not.
        assert!(CENTRE.holds(CENTRE.project(105.8524, 21.0287)));
        assert!(!CENTRE.holds(CENTRE.project(105.7847, 21.0103)));
    }

    #[test]
    fn bare_polygons_multipolygons_and_bad_files() {
        let f = Frame::new(BOX, 100.0);
        let poly = r#"{"type":"Polygon","coordinates":[[[105,20],[106,20],[106,21],[105,20]]]}"#;
        assert_eq!(
            outline_path(poly, &f).unwrap().matches('M').count(),
            1,
            "one ring"
        );
        let multi = r#"{"type":"MultiPolygon","coordinates":[[[[105,20],[106,21],[105,21]]],[[[105.5,20.5],[105.6,20.5],[105.6,20.6]]]]}"#;
        assert_eq!(outline_path(multi, &f).unwrap().matches('Z').count(), 2);
        for bad in [
            "nope",
            r#"{"type":"Point","coordinates":[105,20]}"#,
            r#"{"type":"Polygon","coordinates":[[["a","b"]]]}"#,
            r#"{"type":"Polygon","coordinates":[]}"#,
        ] {
            assert!(outline_path(bad, &f).is_err(), "{bad}");
        }
    }
}

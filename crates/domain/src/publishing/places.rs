//! Where a creative space may be: inside Hà Nội's bounding box, so that a swapped
//! latitude and longitude or a point abroad is caught at the form.

use super::PublishError;

/// Hà Nội's bounding box (west, south, east, north), from the vendored outline
/// (`crates/web/assets/hanoi-outline.geojson`) with a little margin.
pub const HANOI_BOUNDS: (f64, f64, f64, f64) = (105.25, 20.54, 106.05, 21.40);

/// Checks a point (latitude, longitude in degrees).
pub fn check_point(lat: f64, lon: f64) -> Result<(), PublishError> {
    let (w, s, e, n) = HANOI_BOUNDS;
    if !lat.is_finite() || !lon.is_finite() || !(s..=n).contains(&lat) || !(w..=e).contains(&lon) {
        return Err(PublishError::OutsideHanoi {
            lat: format!("{lat}"),
            lon: format!("{lon}"),
        });
    }
    Ok(())
}

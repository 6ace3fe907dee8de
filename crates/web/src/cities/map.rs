//! Member cities on a self-contained SVG world map, coloured by field: the land is one
//! path vendored from world-atlas (Natural Earth; `scripts/world-map.mjs`), the cities
//! are projected here by `domain::cities::project`, the same equirectangular frame.
//! No tiles, no request to anyone else.

use super::{Fields, require_view};
use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::session::Signed;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::cities::{CityStatus, field_label, project};

/// The land of the world at 1:110m, as SVG path data in a 1000×500 frame.
const LAND: &str = include_str!("../../assets/world-land-110m.path");
const WIDTH: f64 = 1000.0;

pub struct Dot {
    pub id: i64,
    pub x: String,
    pub y: String,
    pub colour: String,
    pub name: String,
    pub field: String,
}

pub struct Legend {
    pub label: String,
    pub colour: String,
    pub count: usize,
}

#[derive(Template)]
#[template(path = "cities/map.html")]
struct MapPage<'a> {
    l: Layout<'a>,
    land: &'static str,
    dots: Vec<Dot>,
    legend: Vec<Legend>,
    unplaced: String,
}

pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let fields = Fields::load(&app, ctx.lang).await?;
    let members: Vec<_> = app
        .store()
        .mapped_cities()
        .await?
        .into_iter()
        .filter(|c| c.status == CityStatus::Member)
        .collect();
    let dots: Vec<Dot> = members
        .iter()
        .filter_map(|c| {
            let (lat, lon) = c.point?;
            let (x, y) = project(lat, lon, WIDTH);
            Some(Dot {
                id: c.id.0,
                x: format!("{x:.1}"),
                y: format!("{y:.1}"),
                colour: fields
                    .get(c.field)
                    .map(|f| f.colour.clone())
                    .unwrap_or_else(|| "#555555".into()),
                name: c.name.clone(),
                field: fields.name(c.field),
            })
        })
        .collect();
    let legend = fields
        .list
        .iter()
        .map(|f| Legend {
            label: field_label(ctx.lang, &f.name_vi, &f.name_en).to_string(),
            colour: f.colour.clone(),
            count: members.iter().filter(|c| c.field == Some(f.id)).count(),
        })
        .collect();
    let all = app
        .store()
        .list_cities(&store::CityFilter {
            status: Some(CityStatus::Member),
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await?
        .total as usize;
    Ok(render_page(MapPage {
        l: Layout::new(&ctx, ctx.tr().t("cities.map"), "cities"),
        land: LAND,
        unplaced: match all.saturating_sub(dots.len()) {
            0 => String::new(),
            n => ctx.tr().f("cities.map_unplaced", &[("n", &n.to_string())]),
        },
        dots,
        legend,
    }))
}

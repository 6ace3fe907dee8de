//! The catalogue of creative spaces with its map of Hà Nội, and one space's page. The
//! map is an SVG drawn here ([`super::outline`]): a numbered dot per space, each a link
//! named after the space, the same numbers as the list beside it.

use super::outline::{CENTRE, CITY, LAKE, OUTLINE, centre_box};
use super::pages::entry_of;
use super::view::{self, Img, Text};
use super::{PublicLayout, Visit};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::publishing::{PublicKind, PublicationId};
use store::{PublicDetail, PublicEntry};

/// A space as the catalogue and its page show it.
pub struct SpaceView {
    pub number: usize,
    pub href: String,
    pub anchor: String,
    pub title: Text,
    pub kind: String,
    pub address: String,
    pub hours: Text,
    pub description: Text,
    pub links: Vec<String>,
    pub photos: Vec<Img>,
}

/// A dot of the map.
pub struct Dot {
    pub number: usize,
    pub href: String,
    pub name: String,
    pub x: String,
    pub y: String,
}

/// The city's map and its inset of the centre: a space in the centre is a link on the
/// inset, and only a mark (no link, hidden from screen readers) on the city's map.
pub struct Map {
    pub outline: &'static str,
    pub width: String,
    pub height: String,
    pub dots: Vec<Dot>,
    /// Marks on the city's map of the inset's dots, and the inset's box.
    pub marks: Vec<(String, String)>,
    pub inset_box: [String; 4],
    pub inset: Vec<Dot>,
    pub inset_height: String,
    /// Hoàn Kiếm lake on the inset, to find one's way.
    pub lake: (String, String),
}

impl Map {
    fn new(points: Vec<(f64, f64, &SpaceView)>) -> Map {
        let f = |v: f64| format!("{v:.1}");
        let dot = |(x, y): (f64, f64), s: &SpaceView| Dot {
            number: s.number,
            href: s.href.clone(),
            name: s.title.text.clone(),
            x: f(x),
            y: f(y),
        };
        let mut map = Map {
            outline: OUTLINE.as_str(),
            width: format!("{:.0}", CITY.width),
            height: format!("{:.0}", CITY.height),
            dots: Vec::new(),
            marks: Vec::new(),
            inset_box: {
                let (x, y, w, h) = centre_box();
                [f(x), f(y), f(w), f(h)]
            },
            inset: Vec::new(),
            inset_height: format!("{:.0}", CENTRE.height),
            lake: {
                let (x, y) = CENTRE.project(LAKE.1, LAKE.0);
                (f(x), f(y))
            },
        };
        for (lon, lat, s) in points {
            let (on_city, on_centre) = (CITY.project(lon, lat), CENTRE.project(lon, lat));
            if CENTRE.holds(on_centre) {
                map.marks.push((f(on_city.0), f(on_city.1)));
                map.inset.push(dot(on_centre, s));
            } else if CITY.holds(on_city) {
                map.dots.push(dot(on_city, s));
            }
        }
        map
    }
}

fn space_view(e: &PublicEntry, number: usize, v: &Visit) -> Option<SpaceView> {
    let PublicDetail::Space { space, photos } = &e.detail else {
        return None;
    };
    let lang = v.lang;
    let title = view::title(&e.publication, lang);
    let t = v.tr();
    let photos = photos
        .iter()
        .filter(|f| view::is_image(f))
        .enumerate()
        .map(|(i, f)| {
            let n = (i + 1).to_string();
            Img::of(
                f,
                t.f("public.image_of", &[("n", &n), ("title", &title.text)]),
            )
        })
        .collect();
    Some(SpaceView {
        number,
        href: v.href(&view::page_of(e)),
        anchor: format!("s-{}", e.publication.id.0),
        kind: view::kind_label(e, lang),
        address: space.address.clone(),
        hours: Text::of(&space.opening_hours, &space.opening_hours_en, lang),
        description: Text::of(&space.description, &space.description_en, lang),
        links: space.links.clone(),
        photos,
        title,
    })
}

/// A space's point.
fn point(e: &PublicEntry) -> Option<(f64, f64)> {
    match &e.detail {
        PublicDetail::Space { space, .. } => Some((space.lon, space.lat)),
        _ => None,
    }
}

#[derive(Template)]
#[template(path = "public/spaces.html")]
struct CataloguePage {
    l: PublicLayout,
    spaces: Vec<SpaceView>,
    map: Map,
}

pub async fn catalogue(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    let entries = app.store().public_entries(Some(PublicKind::Space)).await?;
    let mut spaces = Vec::new();
    let mut points = Vec::new();
    for e in &entries {
        if let Some(s) = space_view(e, spaces.len() + 1, &v) {
            points.push(point(e));
            spaces.push(s);
        }
    }
    let placed = points.iter().zip(&spaces);
    let map = Map::new(
        placed
            .filter_map(|(p, s)| p.map(|(lon, lat)| (lon, lat, s)))
            .collect(),
    );
    let t = v.tr();
    v.render(CataloguePage {
        l: PublicLayout::new(&v, t.t("public.spaces"), "spaces"),
        map,
        spaces,
    })
}

#[derive(Template)]
#[template(path = "public/space.html")]
struct SpacePage {
    l: PublicLayout,
    s: SpaceView,
    summary: Text,
    map: Map,
}

pub async fn space(
    State(app): State<AppState>,
    v: Visit,
    Id(id): Id<PublicationId>,
) -> Result<Response, AppError> {
    let e = entry_of(&app, id, PublicKind::Space).await?;
    let s = space_view(&e, 1, &v).ok_or(AppError::NotFound)?;
    let summary = view::summary(&e.publication, v.lang);
    let image = s.photos.first().map(|i| i.src.clone());
    let map = Map::new(
        point(&e)
            .map(|(lon, lat)| (lon, lat, &s))
            .into_iter()
            .collect(),
    );
    v.render(SpacePage {
        l: PublicLayout::new(&v, &s.title.text, "spaces").article(&summary.text, image),
        map,
        s,
        summary,
    })
}

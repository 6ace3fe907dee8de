//! The catalogue of creative spaces with its map of Hà Nội, and one space's page. The
//! map is an SVG drawn here ([`super::outline`]): a numbered dot per space, each a link
//! named after the space, the same numbers as the list beside it.

use super::outline::{CITY, OUTLINE};
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

fn dot(e: &PublicEntry, s: &SpaceView) -> Option<Dot> {
    let PublicDetail::Space { space, .. } = &e.detail else {
        return None;
    };
    let p = CITY.project(space.lon, space.lat);
    CITY.holds(p).then(|| Dot {
        number: s.number,
        href: s.href.clone(),
        name: s.title.text.clone(),
        x: format!("{:.1}", p.0),
        y: format!("{:.1}", p.1),
    })
}

#[derive(Template)]
#[template(path = "public/spaces.html")]
struct CataloguePage {
    l: PublicLayout,
    spaces: Vec<SpaceView>,
    dots: Vec<Dot>,
    outline: &'static str,
    width: String,
    height: String,
}

pub async fn catalogue(State(app): State<AppState>, v: Visit) -> Result<Response, AppError> {
    let entries = app.store().public_entries(Some(PublicKind::Space)).await?;
    let mut spaces = Vec::new();
    let mut dots = Vec::new();
    for e in &entries {
        if let Some(s) = space_view(e, spaces.len() + 1, &v) {
            dots.extend(dot(e, &s));
            spaces.push(s);
        }
    }
    let t = v.tr();
    v.render(CataloguePage {
        l: PublicLayout::new(&v, t.t("public.spaces"), "spaces"),
        spaces,
        dots,
        outline: OUTLINE.as_str(),
        width: format!("{:.0}", CITY.width),
        height: format!("{:.0}", CITY.height),
    })
}

#[derive(Template)]
#[template(path = "public/space.html")]
struct SpacePage {
    l: PublicLayout,
    s: SpaceView,
    summary: Text,
    /// The space's own dot (none when it falls off the map).
    dots: Vec<Dot>,
    outline: &'static str,
    width: String,
    height: String,
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
    v.render(SpacePage {
        l: PublicLayout::new(&v, &s.title.text, "spaces").article(&summary.text, image),
        dots: dot(&e, &s).into_iter().collect(),
        s,
        summary,
        outline: OUTLINE.as_str(),
        width: format!("{:.0}", CITY.width),
        height: format!("{:.0}", CITY.height),
    })
}

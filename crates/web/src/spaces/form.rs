//! Adding and editing a creative space. A missing name or a point outside Hà Nội (a
//! swapped latitude and longitude, a place abroad) is said beside its field, and the form
//! keeps what was typed.

use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::Id;
use crate::field_errors::{FieldErrors, required};
use crate::form::{Posted, version_of};
use crate::i18n::{Tr, Worded};
use crate::page::{Layout, render_form_page};
use crate::publishing::require_proposer;
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::media::{MediaKind, MediaWorkId};
use domain::publishing::{PublishError, SpaceId, SpaceKind, check_point};
use store::{Space, SpaceInput};

/// The form as typed.
#[derive(Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct SpaceForm {
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub address: String,
    pub lat: String,
    pub lon: String,
    pub description: String,
    pub description_en: String,
    pub opening_hours: String,
    pub opening_hours_en: String,
    /// One address a line.
    pub links: String,
    pub photo_set: String,
}

/// A coordinate as typed: `21.0285` or `21,0285`.
fn coordinate(typed: &str) -> Option<f64> {
    typed
        .trim()
        .replace(',', ".")
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
}

impl SpaceForm {
    fn of(s: Space) -> SpaceForm {
        SpaceForm {
            name: s.name,
            name_en: s.name_en,
            kind: s.kind.as_str().into(),
            address: s.address,
            lat: s.lat.to_string(),
            lon: s.lon.to_string(),
            description: s.description,
            description_en: s.description_en,
            opening_hours: s.opening_hours,
            opening_hours_en: s.opening_hours_en,
            links: s.links.join("\n"),
            photo_set: s.photo_set.map(|w| w.0.to_string()).unwrap_or_default(),
        }
    }

    /// The store's input, or every field's problem.
    fn parse(&self, t: &Tr) -> Result<SpaceInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.name.trim().is_empty() {
            errors.add("s-name", required(t, "spaces.name"));
        }
        let kind: Option<SpaceKind> = self.kind.parse().ok();
        if kind.is_none() {
            errors.add("s-kind", t.t("spaces.pick_kind"));
        }
        let (lat, lon) = (coordinate(&self.lat), coordinate(&self.lon));
        match (lat, lon) {
            (Some(lat), Some(lon)) => {
                if let Err(e) = check_point(lat, lon) {
                    errors.add("s-lat", e.message(t.lang));
                }
            }
            _ => {
                let e = PublishError::OutsideHanoi {
                    lat: self.lat.trim().into(),
                    lon: self.lon.trim().into(),
                };
                errors.add("s-lat", e.message(t.lang));
            }
        }
        let photo_set = match self.photo_set.trim() {
            "" => None,
            v => v.parse().ok().map(MediaWorkId),
        };
        match (errors.is_empty(), kind, lat, lon) {
            (true, Some(kind), Some(lat), Some(lon)) => Ok(SpaceInput {
                name: self.name.clone(),
                name_en: self.name_en.clone(),
                kind,
                address: self.address.clone(),
                lat,
                lon,
                description: self.description.clone(),
                description_en: self.description_en.clone(),
                opening_hours: self.opening_hours.clone(),
                opening_hours_en: self.opening_hours_en.clone(),
                links: self
                    .links
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect(),
                photo_set,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "spaces/form.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    id: Option<i64>,
    version: i64,
    f: SpaceForm,
    kinds: Vec<Choice>,
    photo_sets: Vec<Choice>,
    errors: FieldErrors,
}

/// The photo-set works a space may show.
async fn photo_sets(app: &AppState, chosen: &str) -> Result<Vec<Choice>, AppError> {
    let filter = store::MediaFilter {
        kind: Some(MediaKind::PhotoSet),
        ..Default::default()
    };
    Ok(app
        .store()
        .list_media_works(&filter)
        .await?
        .into_iter()
        .map(|w| Choice {
            selected: w.id.0.to_string() == chosen,
            value: w.id.0.to_string(),
            label: w.title,
        })
        .collect())
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    id: Option<(SpaceId, i64)>,
    f: SpaceForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let lang = ctx.lang;
    let title = t.t(if id.is_some() {
        "spaces.edit"
    } else {
        "spaces.new"
    });
    let kind: Vec<SpaceKind> = f.kind.parse().into_iter().collect();
    let failed = !errors.is_empty();
    Ok(render_form_page(
        FormPage {
            l: Layout::new(ctx, title, "spaces"),
            id: id.map(|(i, _)| i.0),
            version: id.map_or(0, |(_, v)| v),
            kinds: crate::events::choices(SpaceKind::ALL, |k| k.as_str(), |k| k.label(lang), &kind),
            photo_sets: photo_sets(app, &f.photo_set).await?,
            f,
            errors,
        },
        failed,
    ))
}

/// The store's refusal: a point beside the latitude, anything else above the form.
fn refusal(ctx: &Ctx, e: store::StoreError) -> Result<FieldErrors, AppError> {
    if let store::StoreError::Publish(p @ PublishError::OutsideHanoi { .. }) = &e {
        let mut errors = FieldErrors::new();
        errors.add("s-lat", p.message(ctx.lang));
        return Ok(errors);
    }
    Ok(FieldErrors::whole(
        AppError::from(e).into_form_message(ctx)?,
    ))
}

pub async fn new_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let f = SpaceForm {
        kind: SpaceKind::CreativeHub.as_str().into(),
        ..SpaceForm::default()
    };
    form_page(&app, &ctx, None, f, FieldErrors::new()).await
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<SpaceForm>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let input = match f.parse(ctx.tr()) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, None, f, errors).await,
    };
    match app.store().create_space(&input, &user.actor).await {
        Ok(_) => Ok(redirect(&ctx, "/spaces?notice=space_saved")),
        Err(e) => {
            let errors = refusal(&ctx, e)?;
            form_page(&app, &ctx, None, f, errors).await
        }
    }
}

pub async fn edit_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<SpaceId>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let s = app.store().space(id).await?.ok_or(AppError::NotFound)?;
    let version = s.version;
    form_page(
        &app,
        &ctx,
        Some((id, version)),
        SpaceForm::of(s),
        FieldErrors::new(),
    )
    .await
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<SpaceId>,
    Posted { form: f, pairs }: Posted<SpaceForm>,
) -> Result<Response, AppError> {
    require_proposer(&user)?;
    let version = version_of(&pairs)?;
    let at = Some((id, version));
    let input = match f.parse(ctx.tr()) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, at, f, errors).await,
    };
    match app
        .store()
        .update_space(id, version, &input, &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(&ctx, "/spaces?notice=space_saved")),
        Err(e) => {
            let errors = refusal(&ctx, e)?;
            form_page(&app, &ctx, at, f, errors).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_read_with_a_dot_or_a_comma() {
        assert_eq!(coordinate(" 21.0285 "), Some(21.0285));
        assert_eq!(coordinate("105,8542"), Some(105.8542));
        assert_eq!(coordinate("bắc"), None);
        assert_eq!(coordinate("NaN"), None);
    }

    #[test]
    fn paris_and_a_missing_name_are_said_beside_their_fields() {
        let t = Tr::get(domain::Language::Vi);
        let f = SpaceForm {
            kind: "museum".into(),
            lat: "48.8".into(),
            lon: "2.3".into(),
            ..SpaceForm::default()
        };
        let errors = f.parse(t).unwrap_err();
        assert!(errors.of("s-name").is_some());
        assert!(
            errors
                .of("s-lat")
                .unwrap()
                .contains("không nằm trong Hà Nội")
        );
    }
}

//! The add/edit forms of a city and of a creative field (Board and admins), each field's
//! problem said beside it, nothing typed lost.

use super::{Fields, require_edit, require_view};
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{Posted, version_of};
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page, render_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::cities::{CityDraft, CityField, CityStatus, FieldDraft};
use domain::{CityError, CityId, CreativeFieldId};

/// The city form as typed.
#[derive(Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct CityForm {
    pub name: String,
    pub country: String,
    pub region: String,
    pub field: String,
    pub year: String,
    pub slug: String,
    pub unesco_url: String,
    pub lat: String,
    pub lon: String,
    pub status: String,
    pub notes: String,
}

impl CityForm {
    fn draft(&self) -> CityDraft {
        CityDraft {
            name: self.name.clone(),
            country: self.country.clone(),
            region: self.region.clone(),
            field: self.field.parse().ok().map(CreativeFieldId),
            year: self.year.clone(),
            slug: self.slug.clone(),
            unesco_url: self.unesco_url.clone(),
            lat: self.lat.clone(),
            lon: self.lon.clone(),
            status: self.status.parse().unwrap_or_default(),
            notes: self.notes.clone(),
        }
    }

    fn of(c: store::CityRecord) -> CityForm {
        CityForm {
            name: c.name,
            country: c.country,
            region: c.region,
            field: c.field.map(|f| f.to_string()).unwrap_or_default(),
            year: c.year.map(|y| y.to_string()).unwrap_or_default(),
            slug: c.slug,
            unesco_url: c.unesco_url,
            lat: c.point.map(|p| p.0.to_string()).unwrap_or_default(),
            lon: c.point.map(|p| p.1.to_string()).unwrap_or_default(),
            status: c.status.as_str().into(),
            notes: c.notes,
        }
    }
}

#[derive(Template)]
#[template(path = "cities/form.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    id: Option<i64>,
    version: i64,
    f: CityForm,
    fields: Vec<Choice>,
    statuses: Vec<Choice>,
    errors: FieldErrors,
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    id: Option<(i64, i64)>,
    f: CityForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let fields = Fields::load(app, lang).await?;
    let t = ctx.tr();
    let title = if id.is_some() {
        t.t("cities.edit")
    } else {
        t.t("cities.new")
    };
    let failed = !errors.is_empty();
    Ok(render_form_page(
        FormPage {
            l: Layout::new(ctx, title, "cities"),
            id: id.map(|(i, _)| i),
            version: id.map(|(_, v)| v).unwrap_or(0),
            fields: fields.choices(f.field.parse().ok().map(CreativeFieldId)),
            statuses: CityStatus::ALL
                .iter()
                .map(|s| Choice {
                    value: s.as_str().into(),
                    label: s.label(lang).into(),
                    selected: f.status == s.as_str(),
                })
                .collect(),
            f,
            errors,
        },
        failed,
    ))
}

/// The form field each error goes beside.
fn field_id(f: CityField) -> &'static str {
    match f {
        CityField::Name => "c-name",
        CityField::Year => "c-year",
        CityField::Slug => "c-slug",
        CityField::Url => "c-url",
        CityField::Lat => "c-lat",
        CityField::Lon => "c-lon",
        CityField::Other => "",
    }
}

/// The store's refusal beside its field (a slug taken), else above the form.
fn refusal(ctx: &Ctx, e: store::StoreError) -> Result<FieldErrors, AppError> {
    if let store::StoreError::City(c @ CityError::SlugTaken(_)) = &e {
        let mut errors = FieldErrors::new();
        errors.add("c-slug", c.message(ctx.lang));
        return Ok(errors);
    }
    Ok(FieldErrors::whole(
        AppError::from(e).into_form_message(ctx)?,
    ))
}

fn checked(ctx: &Ctx, f: &CityForm) -> Result<domain::cities::CityInput, FieldErrors> {
    f.draft().check().map_err(|list| {
        let mut errors = FieldErrors::new();
        for (field, e) in list {
            errors.add(field_id(field), e.message(ctx.lang));
        }
        errors
    })
}

pub async fn new_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let f = CityForm {
        status: CityStatus::Member.as_str().into(),
        ..Default::default()
    };
    form_page(&app, &ctx, None, f, FieldErrors::new()).await
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<CityForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let input = match checked(&ctx, &f) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, None, f, errors).await,
    };
    match app.store().create_city(&input, &user.actor).await {
        Ok(id) => Ok(redirect(&ctx, &format!("/cities/{id}"))),
        Err(e) => {
            let errors = refusal(&ctx, e)?;
            form_page(&app, &ctx, None, f, errors).await
        }
    }
}

pub async fn edit_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CityId>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let c = app.store().city(id).await?.ok_or(AppError::NotFound)?;
    let version = c.version;
    form_page(
        &app,
        &ctx,
        Some((id.0, version)),
        CityForm::of(c),
        FieldErrors::new(),
    )
    .await
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CityId>,
    Posted { form: f, pairs }: Posted<CityForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let version = version_of(&pairs)?;
    let input = match checked(&ctx, &f) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, Some((id.0, version)), f, errors).await,
    };
    match app
        .store()
        .update_city(id, version, &input, &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(&ctx, &format!("/cities/{id}"))),
        Err(e) => {
            let errors = refusal(&ctx, e)?;
            form_page(&app, &ctx, Some((id.0, version)), f, errors).await
        }
    }
}

// ---- creative fields --------------------------------------------------------------------

pub struct FieldLine {
    pub id: i64,
    pub name_vi: String,
    pub name_en: String,
    pub colour: String,
}

#[derive(Template)]
#[template(path = "cities/fields.html")]
struct FieldsPage<'a> {
    l: Layout<'a>,
    rows: Vec<FieldLine>,
    can_edit: bool,
    id: Option<i64>,
    version: i64,
    f: FieldDraft,
    errors: FieldErrors,
}

/// The field list, with the add form (or, with `id`, the edit form of that field).
async fn fields_page(
    app: &AppState,
    ctx: &Ctx,
    can_edit: bool,
    id: Option<(i64, i64)>,
    f: FieldDraft,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let fields = Fields::load(app, ctx.lang).await?;
    let rows = fields
        .list
        .iter()
        .map(|x| FieldLine {
            id: x.id.0,
            name_vi: x.name_vi.clone(),
            name_en: x.name_en.clone(),
            colour: x.colour.clone(),
        })
        .collect();
    let failed = !errors.is_empty();
    let page = FieldsPage {
        l: Layout::new(ctx, ctx.tr().t("cities.fields"), "cities"),
        rows,
        can_edit,
        id: id.map(|(i, _)| i),
        version: id.map(|(_, v)| v).unwrap_or(0),
        f,
        errors,
    };
    Ok(if failed {
        render_form_page(page, true)
    } else {
        render_page(page)
    })
}

pub async fn fields(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let can_edit = domain::cities::can_edit_cities(&user.actor);
    let blank = FieldDraft {
        colour: "#7f7f7f".into(),
        ..Default::default()
    };
    fields_page(&app, &ctx, can_edit, None, blank, FieldErrors::new()).await
}

pub async fn field_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CreativeFieldId>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let f = app
        .store()
        .creative_field(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = FieldDraft {
        name_vi: f.name_vi,
        name_en: f.name_en,
        colour: f.colour,
    };
    fields_page(
        &app,
        &ctx,
        true,
        Some((id.0, f.version)),
        draft,
        FieldErrors::new(),
    )
    .await
}

/// The field's problem beside the input it concerns.
fn field_error(ctx: &Ctx, e: &CityError) -> FieldErrors {
    let at = match e {
        CityError::BadColour(_) => "f-colour",
        CityError::FieldTaken(_) => "f-name-en",
        _ => "f-name-vi",
    };
    let mut errors = FieldErrors::new();
    errors.add(at, e.message(ctx.lang));
    errors
}

async fn save_field(
    app: AppState,
    ctx: Ctx,
    user: &crate::session::SessionUser,
    id: Option<(CreativeFieldId, i64)>,
    f: FieldDraft,
) -> Result<Response, AppError> {
    require_edit(user)?;
    let shown = id.map(|(i, v)| (i.0, v));
    let input = match f.check() {
        Ok(i) => i,
        Err(e) => {
            let errors = field_error(&ctx, &e);
            return fields_page(&app, &ctx, true, shown, f, errors).await;
        }
    };
    let saved = match id {
        Some((i, v)) => app
            .store()
            .update_field(i, v, &input, &user.actor)
            .await
            .map(|_| ()),
        None => app
            .store()
            .create_field(&input, &user.actor)
            .await
            .map(|_| ()),
    };
    match saved {
        Ok(()) => Ok(redirect(&ctx, "/cities/fields")),
        Err(store::StoreError::City(e)) if !matches!(e, CityError::Forbidden { .. }) => {
            let errors = field_error(&ctx, &e);
            fields_page(&app, &ctx, true, shown, f, errors).await
        }
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            fields_page(&app, &ctx, true, shown, f, FieldErrors::whole(msg)).await
        }
    }
}

pub async fn create_field(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form, .. }: Posted<FieldDraft>,
) -> Result<Response, AppError> {
    save_field(app, ctx, &user, None, form).await
}

pub async fn update_field(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CreativeFieldId>,
    Posted { form, pairs }: Posted<FieldDraft>,
) -> Result<Response, AppError> {
    let version = version_of(&pairs)?;
    save_field(app, ctx, &user, Some((id, version)), form).await
}

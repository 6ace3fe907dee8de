//! A joint project's page and forms: the add form, the project's page (its facts for
//! whoever reads the directory, and the edit form for the Board and admins, carrying the
//! version it was read at), and the removal with its confirmation. Each problem is said
//! beside its field with what was typed kept; a stale form comes back (409) with the
//! current record above it and what was typed in the form.

use super::projects::dates;
use super::{require_edit, require_view};
use crate::AppState;
use crate::errors::AppError;
use crate::events::{Choice, choices};
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{Posted, version_of};
use crate::i18n::Worded;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::cities::project::{ProjectDraft, ProjectField, ProjectId, ProjectStatus};
use domain::{CityId, ItemId, UnitId};
use store::{ProjectRecord, StoreError};

/// The form as typed (`city` repeated, one per ticked city).
#[derive(Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct ProjectForm {
    pub title: String,
    pub description: String,
    pub city: Vec<String>,
    pub start: String,
    pub end: String,
    pub status: String,
    pub item: String,
    pub unit: String,
}

impl ProjectForm {
    /// The draft; an id that does not read is a forged form (400).
    fn draft(&self) -> Result<ProjectDraft, AppError> {
        let forged = |_| AppError::BadRequest("project form id".into());
        let opt = |s: &str| -> Result<Option<i64>, AppError> {
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse().map(Some).map_err(forged)
            }
        };
        Ok(ProjectDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            cities: self
                .city
                .iter()
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().map(CityId).map_err(forged))
                .collect::<Result<_, _>>()?,
            start: self.start.clone(),
            end: self.end.clone(),
            status: self.status.clone(),
            item: opt(&self.item)?.map(ItemId),
            unit: opt(&self.unit)?.map(UnitId),
        })
    }

    fn of(p: &ProjectRecord) -> ProjectForm {
        ProjectForm {
            title: p.title.clone(),
            description: p.description.clone(),
            city: p.cities.iter().map(|c| c.0.to_string()).collect(),
            start: domain::format_date(p.start),
            end: p.end.map(domain::format_date).unwrap_or_default(),
            status: p.status.as_str().into(),
            item: p.item.as_ref().map(|i| i.0.to_string()).unwrap_or_default(),
            unit: p.unit.as_ref().map(|u| u.0.to_string()).unwrap_or_default(),
        }
    }
}

/// The form's inputs' ids, where each problem is said.
fn field_id(f: ProjectField) -> &'static str {
    match f {
        ProjectField::Title => "p-title",
        ProjectField::Description => "p-description",
        ProjectField::Cities => "p-cities",
        ProjectField::Start => "p-start",
        ProjectField::End => "p-end",
        ProjectField::Status => "p-status",
    }
}

/// The project as it is stored, for its page.
pub struct Facts {
    pub title: String,
    pub description: String,
    pub status: String,
    pub status_code: &'static str,
    pub dates: String,
    pub cities: Vec<(i64, String)>,
    pub item: Option<(i64, String)>,
    pub unit: String,
}

#[derive(Template)]
#[template(path = "cities/project.html")]
struct ProjectPage<'a> {
    l: Layout<'a>,
    /// The stored project (`None` on the add form).
    facts: Option<Facts>,
    id: Option<i64>,
    version: i64,
    can_edit: bool,
    f: ProjectForm,
    cities: Vec<Choice>,
    statuses: Vec<Choice>,
    items: Vec<Choice>,
    units: Vec<Choice>,
    errors: FieldErrors,
}

/// Every plan item, "numbering title", for the optional link.
async fn item_choices(app: &AppState, chosen: &str) -> Result<Vec<Choice>, AppError> {
    let mut items = Vec::new();
    for p in app.store().list_plans().await? {
        let Some(v) = app.store().plan(p.id).await? else {
            continue;
        };
        for n in v.items.iter().flat_map(|root| root.walk()) {
            let title = domain::shorten(&n.item.title, 120);
            let value = n.item.id.0.to_string();
            items.push(Choice {
                selected: value == chosen,
                label: domain::item_label(n.item.numbering.as_deref(), &title),
                value,
            });
        }
    }
    Ok(items)
}

/// The page: `stored` is the project as saved (with its id), `f` the form as shown.
async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    stored: Option<&ProjectRecord>,
    f: ProjectForm,
    (errors, status): (FieldErrors, StatusCode),
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let can_edit = domain::cities::can_edit_cities(&user.actor);
    let t = ctx.tr();
    let title = match stored {
        Some(p) => p.title.clone(),
        None => t.t("projects.new").to_string(),
    };
    let (cities, items, units) = if can_edit {
        let cities = app
            .store()
            .city_names()
            .await?
            .into_iter()
            .map(|(id, name)| Choice {
                selected: f.city.contains(&id.to_string()),
                value: id.to_string(),
                label: name,
            })
            .collect();
        let units = app
            .store()
            .list_units()
            .await?
            .into_iter()
            .filter(|u| !u.external && (u.active || u.id.0.to_string() == f.unit))
            .map(|u| Choice {
                selected: u.id.0.to_string() == f.unit,
                value: u.id.0.to_string(),
                label: u.name,
            })
            .collect();
        (cities, item_choices(app, &f.item).await?, units)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let chosen: Vec<ProjectStatus> = f.status.parse().ok().into_iter().collect();
    let mut r = render_page(ProjectPage {
        l: Layout::new(ctx, &title, "cities"),
        facts: stored.map(|p| Facts {
            title: p.title.clone(),
            description: p.description.clone(),
            status: p.status.label(lang).to_string(),
            status_code: p.status.as_str(),
            dates: dates(p),
            cities: p.cities.iter().map(|(id, n)| (id.0, n.clone())).collect(),
            item: p.item.as_ref().map(|(id, l)| (id.0, l.clone())),
            unit: p.unit.as_ref().map(|u| u.1.clone()).unwrap_or_default(),
        }),
        id: stored.map(|p| p.id.0),
        version: stored.map(|p| p.version).unwrap_or(0),
        can_edit,
        cities,
        statuses: choices(
            ProjectStatus::ALL,
            ProjectStatus::as_str,
            |s| s.label(lang),
            &chosen,
        ),
        items,
        units,
        f,
        errors,
    });
    *r.status_mut() = status;
    Ok(r)
}

fn ok() -> (FieldErrors, StatusCode) {
    (FieldErrors::new(), StatusCode::OK)
}

/// The draft's problems beside their fields (422), or the checked project.
fn checked(
    ctx: &Ctx,
    f: &ProjectForm,
) -> Result<Result<domain::cities::project::ProjectInput, FieldErrors>, AppError> {
    Ok(f.draft()?.check().map_err(|list| {
        let mut errors = FieldErrors::new();
        for (field, e) in list {
            errors.add(field_id(field), e.message(ctx.lang));
        }
        errors
    }))
}

/// A store refusal as the form's message and status: a stale form (409) takes the
/// current version, so that saving again writes over it knowingly.
fn refused(
    ctx: &Ctx,
    e: StoreError,
    version: &mut i64,
) -> Result<(FieldErrors, StatusCode), AppError> {
    if let StoreError::Conflict { conflict, .. } = &e {
        *version = conflict.current;
        let m = ctx.tr().t("projects.conflict").to_string();
        return Ok((FieldErrors::whole(m), StatusCode::CONFLICT));
    }
    let m = AppError::from(e).into_form_message(ctx)?;
    Ok((FieldErrors::whole(m), StatusCode::UNPROCESSABLE_ENTITY))
}

pub async fn new_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let f = ProjectForm {
        status: ProjectStatus::Proposed.as_str().into(),
        ..Default::default()
    };
    page(&app, &ctx, &user, None, f, ok()).await
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<ProjectForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let input = match checked(&ctx, &f)? {
        Ok(i) => i,
        Err(errors) => {
            let shown = (errors, StatusCode::UNPROCESSABLE_ENTITY);
            return page(&app, &ctx, &user, None, f, shown).await;
        }
    };
    match app.store().create_project(&input, &user.actor).await {
        Ok(id) => Ok(redirect(
            &ctx,
            &format!("/cities/projects/{id}?notice=project_saved"),
        )),
        Err(e) => {
            let shown = refused(&ctx, e, &mut 0)?;
            page(&app, &ctx, &user, None, f, shown).await
        }
    }
}

async fn stored(app: &AppState, id: ProjectId) -> Result<ProjectRecord, AppError> {
    app.store().project(id).await?.ok_or(AppError::NotFound)
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ProjectId>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let p = stored(&app, id).await?;
    page(&app, &ctx, &user, Some(&p), ProjectForm::of(&p), ok()).await
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ProjectId>,
    Posted { form: f, pairs }: Posted<ProjectForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let mut version = version_of(&pairs)?;
    let mut current = stored(&app, id).await?;
    let shown = match checked(&ctx, &f)? {
        Err(errors) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
        Ok(input) => match app
            .store()
            .update_project(id, version, &input, &user.actor)
            .await
        {
            Ok(_) => {
                let to = format!("/cities/projects/{id}?notice=project_saved");
                return Ok(redirect(&ctx, &to));
            }
            Err(e) => refused(&ctx, e, &mut version)?,
        },
    };
    // The page shows the stored facts with the form as typed, at the version to send.
    current.version = version;
    page(&app, &ctx, &user, Some(&current), f, shown).await
}

#[derive(Template)]
#[template(path = "cities/project_remove.html")]
struct RemovePage<'a> {
    l: Layout<'a>,
    id: i64,
    version: i64,
    title: String,
    dates: String,
    cities: String,
    error: String,
}

async fn remove_page(
    ctx: &Ctx,
    p: &ProjectRecord,
    error: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let cities: Vec<&str> = p.cities.iter().map(|c| c.1.as_str()).collect();
    let mut r = render_page(RemovePage {
        l: Layout::new(ctx, ctx.tr().t("projects.remove"), "cities"),
        id: p.id.0,
        version: p.version,
        title: p.title.clone(),
        dates: dates(p),
        cities: cities.join(", "),
        error,
    });
    *r.status_mut() = status;
    Ok(r)
}

/// The confirmation: what will be removed, and the button.
pub async fn confirm_remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ProjectId>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let p = stored(&app, id).await?;
    remove_page(&ctx, &p, String::new(), StatusCode::OK).await
}

#[derive(serde::Deserialize)]
pub struct RemoveForm {
    version: i64,
}

pub async fn remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ProjectId>,
    Posted { form, .. }: Posted<RemoveForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    match app
        .store()
        .remove_project(id, form.version, &user.actor)
        .await
    {
        Ok(()) => Ok(redirect(&ctx, "/cities/projects?notice=project_removed")),
        Err(StoreError::Conflict { .. }) => {
            // Changed since the confirmation was shown: confirm what it is now.
            let p = stored(&app, id).await?;
            let m = ctx.tr().t("projects.conflict_remove").to_string();
            remove_page(&ctx, &p, m, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

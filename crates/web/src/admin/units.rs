//! Units as an admin sets them up: add, rename (the old name kept as an alias for the
//! reader), parent body, deactivate and reactivate, merge a duplicate into another.

use crate::AppState;
use crate::errors::{AppError, Refusal};
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page};
use crate::session::{AdminOnly, Ctx, redirect};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::{SetupError, UnitId};
use serde::Deserialize;
use store::{StoreError, Unit, UnitInput};

pub struct UnitLine {
    pub id: i64,
    pub name: String,
    pub external: bool,
    pub active: bool,
    pub parent: String,
}

/// A unit offered in a select: id, name, chosen.
pub struct Choice {
    pub id: i64,
    pub name: String,
    pub selected: bool,
}

/// The unit form as typed (add and edit).
#[derive(Deserialize, Default, Clone)]
pub struct UnitForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    external: Option<String>,
    /// A unit id, or empty for none.
    #[serde(default)]
    parent: String,
}

impl UnitForm {
    fn of(u: &Unit) -> UnitForm {
        UnitForm {
            version: u.version,
            name: u.name.clone(),
            external: u.external.then(|| "1".into()),
            parent: u.parent.map(|p| p.0.to_string()).unwrap_or_default(),
        }
    }

    fn input(&self) -> Result<UnitInput, AppError> {
        let parent = match self.parent.trim() {
            "" => None,
            p => Some(UnitId(
                p.parse().map_err(|_| AppError::form("form.gone_choice"))?,
            )),
        };
        Ok(UnitInput {
            name: self.name.clone(),
            external: self.external.is_some(),
            parent,
        })
    }
}

/// Where a setup refusal is shown: beside the name, the parent, or for the whole form.
fn field_of(e: &SetupError) -> &'static str {
    match e {
        SetupError::NameMissing | SetupError::NameTooLong(_) | SetupError::UnitNameTaken(_) => {
            "unit-name"
        }
        SetupError::ParentCycle => "unit-parent",
        _ => "",
    }
}

/// A store refusal as the form's errors and status, or the error page for the rest.
fn refused(
    ctx: &Ctx,
    e: StoreError,
    typed: &mut UnitForm,
) -> Result<(FieldErrors, StatusCode), AppError> {
    match e {
        StoreError::Setup(e) => {
            let mut errors = FieldErrors::new();
            errors.add(field_of(&e), e.message(ctx.lang));
            Ok((errors, StatusCode::UNPROCESSABLE_ENTITY))
        }
        StoreError::Conflict { conflict, .. } => {
            typed.version = conflict.current;
            let m = ctx.tr().t("setup.conflict").to_string();
            Ok((FieldErrors::whole(m), StatusCode::CONFLICT))
        }
        e => match AppError::from(e) {
            AppError::Refused(Refusal::Form(key)) => {
                let mut errors = FieldErrors::new();
                errors.add("unit-parent", ctx.tr().t(key));
                Ok((errors, StatusCode::UNPROCESSABLE_ENTITY))
            }
            other => Err(other),
        },
    }
}

fn options(units: &[Unit], chosen: &str, skip: Option<UnitId>) -> Vec<Choice> {
    units
        .iter()
        .filter(|u| Some(u.id) != skip && (u.active || u.id.0.to_string() == chosen))
        .map(|u| Choice {
            id: u.id.0,
            name: u.name.clone(),
            selected: u.id.0.to_string() == chosen,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "admin_units.html")]
struct UnitsPage<'a> {
    l: Layout<'a>,
    units: Vec<UnitLine>,
    parents: Vec<Choice>,
    typed: UnitForm,
    errors: FieldErrors,
}

async fn units_page(
    app: &AppState,
    ctx: &Ctx,
    typed: UnitForm,
    (errors, status): (FieldErrors, StatusCode),
) -> Result<Response, AppError> {
    let all = app.store().list_units().await?;
    let name_of = |id: Option<UnitId>| {
        id.and_then(|p| all.iter().find(|u| u.id == p))
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let units = all
        .iter()
        .map(|u| UnitLine {
            id: u.id.0,
            name: u.name.clone(),
            external: u.external,
            active: u.active,
            parent: name_of(u.parent),
        })
        .collect();
    let title = ctx.tr().t("unit_admin.title").to_string();
    let mut r = render_form_page(
        UnitsPage {
            l: Layout::new(ctx, &title, "unit_admin"),
            units,
            parents: options(&all, &typed.parent, None),
            typed,
            errors,
        },
        false,
    );
    *r.status_mut() = status;
    Ok(r)
}

pub async fn list(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
) -> Result<Response, AppError> {
    units_page(&app, &ctx, UnitForm::default(), Default::default()).await
}

pub async fn create(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Posted { form: mut f, .. }: Posted<UnitForm>,
) -> Result<Response, AppError> {
    let input = f.input()?;
    match app.store().create_unit(&input, &admin.actor).await {
        Ok(id) => Ok(redirect(
            &ctx,
            &format!("/admin/units/{id}?notice=unit_saved"),
        )),
        Err(e) => {
            let shown = refused(&ctx, e, &mut f)?;
            units_page(&app, &ctx, f, shown).await
        }
    }
}

#[derive(Template)]
#[template(path = "admin_unit.html")]
struct UnitPage<'a> {
    l: Layout<'a>,
    unit: UnitLine,
    version: i64,
    aliases: Vec<String>,
    parents: Vec<Choice>,
    /// Where a duplicate may be merged: every other active unit.
    targets: Vec<Choice>,
    typed: UnitForm,
    errors: FieldErrors,
}

async fn unit_page(
    app: &AppState,
    ctx: &Ctx,
    id: UnitId,
    typed: Option<UnitForm>,
    (errors, status): (FieldErrors, StatusCode),
) -> Result<Response, AppError> {
    let all = app.store().list_units().await?;
    let u = all.iter().find(|u| u.id == id).ok_or(AppError::NotFound)?;
    let aliases = app
        .store()
        .abbreviations()
        .await?
        .into_iter()
        .filter(|a| domain::unit_key(&a.unit_name) == u.key)
        .map(|a| a.alias)
        .collect();
    let typed = typed.unwrap_or_else(|| UnitForm::of(u));
    let parent = u
        .parent
        .and_then(|p| all.iter().find(|x| x.id == p))
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let title = u.name.clone();
    let mut r = render_form_page(
        UnitPage {
            l: Layout::new(ctx, &title, "unit_admin"),
            unit: UnitLine {
                id: u.id.0,
                name: u.name.clone(),
                external: u.external,
                active: u.active,
                parent,
            },
            version: u.version,
            aliases,
            parents: options(&all, &typed.parent, Some(id)),
            targets: options(&all, "", Some(id)),
            typed,
            errors,
        },
        false,
    );
    *r.status_mut() = status;
    Ok(r)
}

pub async fn show(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
    Id(id): Id<UnitId>,
) -> Result<Response, AppError> {
    unit_page(&app, &ctx, id, None, Default::default()).await
}

/// `POST /admin/units/{id}`: rename, external or not, parent body.
pub async fn update(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(id): Id<UnitId>,
    Posted { form: mut f, .. }: Posted<UnitForm>,
) -> Result<Response, AppError> {
    let input = f.input()?;
    let saving = app.store().update_unit(id, f.version, &input, &admin.actor);
    match saving.await {
        Ok(()) => Ok(redirect(
            &ctx,
            &format!("/admin/units/{id}?notice=unit_saved"),
        )),
        Err(e) => {
            let shown = refused(&ctx, e, &mut f)?;
            unit_page(&app, &ctx, id, Some(f), shown).await
        }
    }
}

/// `POST /admin/units/{id}/active`: deactivate or reactivate.
pub async fn set_active(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(id): Id<UnitId>,
    Posted { form: f, .. }: Posted<super::ActiveForm>,
) -> Result<Response, AppError> {
    let active = f.active()?;
    match app
        .store()
        .set_unit_active(id, f.version, active, &admin.actor)
        .await
    {
        Ok(()) => Ok(redirect(
            &ctx,
            &format!("/admin/units/{id}?notice=unit_saved"),
        )),
        Err(e) => {
            let shown = refused(&ctx, e, &mut UnitForm::default())?;
            unit_page(&app, &ctx, id, None, shown).await
        }
    }
}

#[derive(Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
}

/// `POST /admin/units/{id}/merge`: this unit is a duplicate of `into`; its links move
/// there and it is deleted (a unit that filed progress reports cannot be merged away).
pub async fn merge(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(id): Id<UnitId>,
    Posted { form: f, .. }: Posted<MergeForm>,
) -> Result<Response, AppError> {
    let refuse = |key: &str| {
        let mut errors = FieldErrors::new();
        errors.add("merge-into", ctx.tr().t(key));
        (errors, StatusCode::UNPROCESSABLE_ENTITY)
    };
    let Some(into) = f.into.trim().parse().ok().map(UnitId).filter(|u| *u != id) else {
        return unit_page(&app, &ctx, id, None, refuse("unit_admin.merge_pick")).await;
    };
    match app.store().merge_unit(id, into, Some(admin.id)).await {
        Ok(()) => Ok(redirect(
            &ctx,
            &format!("/admin/units/{into}?notice=unit_merged"),
        )),
        Err(StoreError::Invalid(_)) => {
            unit_page(&app, &ctx, id, None, refuse("unit_admin.merge_reported")).await
        }
        Err(StoreError::NotFound(_)) if app.store().unit(id).await?.is_some() => {
            unit_page(&app, &ctx, id, None, refuse("unit_admin.merge_pick")).await
        }
        Err(e) => Err(e.into()),
    }
}

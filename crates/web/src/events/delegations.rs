//! Outbound delegations (đoàn ra): the proposal to the People's Committee (purpose,
//! members, destination, dates, estimated cost), its status, and the report after the
//! return.

use super::delegation_budget::{self, DelegationMoney};
use super::{Choice, unit_names};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::{FieldErrors, required};
use crate::form::{Posted, choice, version_of};
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page, render_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use domain::{DelegationId, DelegationStatus, Dong, UnitId, events};
use serde::Deserialize;
use store::{DelegationInput, DelegationRecord};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/delegations", get(list).post(create))
        .route("/delegations/new", get(new_form))
        .route("/delegations/{id}", get(show).post(update))
        .route("/delegations/{id}/status", post(status))
        .route("/delegations/{id}/report", post(report))
}

pub struct DelegationLine {
    pub id: i64,
    pub title: String,
    pub destination: String,
    pub dates: String,
    pub cost: String,
    pub status: &'static str,
    pub status_label: String,
}

#[derive(Template)]
#[template(path = "events/delegations.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    rows: Vec<DelegationLine>,
    can_create: bool,
}

fn dates(d: &DelegationRecord) -> String {
    format!(
        "{} – {}",
        domain::format_date(d.depart),
        domain::format_date(d.back)
    )
}

fn visible(user: &SessionUser, d: &DelegationRecord) -> bool {
    events::can_view_event(&user.actor, &d.item_units())
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let rows = app
        .store()
        .list_delegations(None)
        .await?
        .into_iter()
        .filter(|d| visible(&user, d))
        .map(|d| DelegationLine {
            id: d.id.0,
            dates: dates(&d),
            title: d.title,
            destination: d.destination,
            cost: d.estimated_cost.to_string(),
            status: d.status.as_str(),
            status_label: d.status.label(lang).to_string(),
        })
        .collect();
    let title = ctx.tr().t("delegation.title").to_string();
    Ok(render_page(ListPage {
        l: Layout::new(&ctx, &title, "events"),
        rows,
        can_create: user
            .actor
            .unit_ids
            .iter()
            .any(|u| events::can_create_event(&user.actor, *u))
            || events::can_create_event(&user.actor, UnitId(0)),
    }))
}

#[derive(Template)]
#[template(path = "events/delegation.html")]
struct ShowPage<'a> {
    l: Layout<'a>,
    id: i64,
    version: i64,
    title: String,
    purpose: String,
    destination: String,
    dates: String,
    cost: String,
    unit: String,
    status: &'static str,
    status_label: String,
    members: Vec<(String, String)>,
    report: String,
    can_edit: bool,
    is_draft: bool,
    may_report: bool,
    next: Vec<Choice>,
    edit: DelegationForm,
    units: Vec<Choice>,
    budget_items: Vec<Choice>,
    money: Option<DelegationMoney>,
    errors: FieldErrors,
    /// The cities it goes to, for whoever reads the city directory.
    cities: Option<crate::cities::CityLinks>,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: DelegationId,
    errors: FieldErrors,
    (report_input, edit_input): (Option<String>, Option<DelegationForm>),
) -> Result<Response, AppError> {
    let d = app
        .store()
        .delegation(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !visible(user, &d) {
        return Err(AppError::Forbidden);
    }
    let lang = ctx.lang;
    let names = unit_names(app).await?;
    let can_edit = events::can_edit_event(&user.actor, &d.item_units());
    let next = next_statuses(user, &d, lang);
    let failed = !errors.is_empty();
    let edit = edit_input.unwrap_or_else(|| DelegationForm::of(&d));
    let budget_items = delegation_budget::choices(app, ctx, &edit.budget_item).await?;
    let money = delegation_budget::money(app, ctx, user, &d).await?;
    let cities = if domain::cities::can_view_cities(&user.actor) {
        Some(crate::cities::for_delegation(app, id, can_edit).await?)
    } else {
        None
    };
    Ok(render_form_page(
        ShowPage {
            l: Layout::new(ctx, &d.title, "events"),
            id: id.0,
            version: d.version,
            title: d.title.clone(),
            purpose: d.purpose.clone(),
            destination: d.destination.clone(),
            dates: dates(&d),
            cost: d.estimated_cost.to_string(),
            unit: names.get(&d.lead_unit).cloned().unwrap_or_default(),
            status: d.status.as_str(),
            status_label: d.status.label(lang).to_string(),
            members: d.members.clone(),
            report: report_input.unwrap_or_else(|| d.report.clone()),
            can_edit,
            is_draft: d.status == DelegationStatus::Draft,
            may_report: can_edit
                && matches!(
                    d.status,
                    DelegationStatus::Travelled | DelegationStatus::Reported
                ),
            next,
            edit,
            units: lead_choices(user, &d, &names),
            budget_items,
            money,
            errors,
            cities,
        },
        failed,
    ))
}

/// The units that may lead the delegation: the current one, and those the user may
/// create for.
fn lead_choices(
    user: &SessionUser,
    d: &DelegationRecord,
    names: &std::collections::HashMap<domain::UnitId, String>,
) -> Vec<Choice> {
    names
        .iter()
        .filter(|(u, _)| **u == d.lead_unit || events::can_create_event(&user.actor, **u))
        .map(|(u, n)| Choice {
            value: u.0.to_string(),
            label: n.clone(),
            selected: *u == d.lead_unit,
        })
        .collect()
}

/// The statuses the user may move the delegation to next.
fn next_statuses(user: &SessionUser, d: &DelegationRecord, lang: domain::Language) -> Vec<Choice> {
    let units = d.item_units();
    d.status
        .next()
        .iter()
        .filter(|to| events::check_delegation_status(&user.actor, &units, d.status, **to).is_ok())
        .map(|s| Choice {
            value: s.as_str().into(),
            label: s.label(lang).into(),
            selected: false,
        })
        .collect()
}

impl DelegationForm {
    /// The edit form filled with the delegation as stored; members one per line,
    /// "Họ tên, vai trò".
    fn of(d: &DelegationRecord) -> DelegationForm {
        let members: Vec<String> = d
            .members
            .iter()
            .map(|(n, r)| {
                if r.is_empty() {
                    n.clone()
                } else {
                    format!("{n}, {r}")
                }
            })
            .collect();
        DelegationForm {
            title: d.title.clone(),
            purpose: d.purpose.clone(),
            destination: d.destination.clone(),
            depart: domain::format_date(d.depart),
            back: domain::format_date(d.back),
            cost: d.estimated_cost.get().to_string(),
            unit: d.lead_unit.0.to_string(),
            members: members.join("\n"),
            budget_item: d.budget_item.map(|i| i.0.to_string()).unwrap_or_default(),
        }
    }
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<DelegationId>,
) -> Result<Response, AppError> {
    page(&app, &ctx, &user, id, FieldErrors::new(), (None, None)).await
}

#[derive(Deserialize)]
pub struct StatusForm {
    version: i64,
    #[serde(default)]
    status: String,
}

pub async fn status(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::DelegationId>,
    Posted { form: f, .. }: Posted<StatusForm>,
) -> Result<Response, AppError> {
    // An unknown status is said on the page, never read as some default status.
    let Ok(to) = choice::<DelegationStatus>(&f.status, "event.pick_status") else {
        let msg = ctx.tr().t("event.pick_status").to_string();
        return page(&app, &ctx, &user, id, FieldErrors::whole(msg), (None, None)).await;
    };
    let saved = app
        .store()
        .set_delegation_status(id, f.version, to, &user.actor)
        .await;
    answer(&app, &ctx, &user, id, saved, None).await
}

/// The delegation's page once saved, else the page with the store's refusal and, for
/// the report, the text typed.
async fn answer<T>(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: DelegationId,
    saved: Result<T, store::StoreError>,
    typed_report: Option<String>,
) -> Result<Response, AppError> {
    match saved {
        Ok(_) => Ok(redirect(ctx, &format!("/delegations/{}", id.0))),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(ctx)?;
            let errors = FieldErrors::whole(msg);
            page(app, ctx, user, id, errors, (typed_report, None)).await
        }
    }
}

#[derive(Deserialize)]
pub struct ReportForm {
    version: i64,
    #[serde(default)]
    report: String,
}

pub async fn report(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::DelegationId>,
    Posted { form: f, .. }: Posted<ReportForm>,
) -> Result<Response, AppError> {
    let saved = app
        .store()
        .file_delegation_report(id, f.version, &f.report, &user.actor)
        .await;
    answer(&app, &ctx, &user, id, saved, Some(f.report)).await
}

/// The form as typed (sticky on errors); the edit form's `version` is read apart.
#[derive(Default, Clone, Deserialize)]
#[serde(default)]
pub struct DelegationForm {
    pub title: String,
    pub purpose: String,
    pub destination: String,
    pub depart: String,
    pub back: String,
    pub cost: String,
    pub unit: String,
    pub members: String,
    /// The item whose estimate covers the trip (its id), or empty.
    pub budget_item: String,
}

#[derive(Template)]
#[template(path = "events/delegation_form.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    id: Option<i64>,
    version: i64,
    f: DelegationForm,
    units: Vec<Choice>,
    budget_items: Vec<Choice>,
    errors: FieldErrors,
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: Option<(i64, i64)>,
    f: DelegationForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let units: Vec<Choice> = app
        .store()
        .list_units()
        .await?
        .into_iter()
        .filter(|u| {
            (u.active && events::can_create_event(&user.actor, u.id))
                || f.unit == u.id.0.to_string()
        })
        .map(|u| Choice {
            selected: f.unit == u.id.0.to_string(),
            value: u.id.0.to_string(),
            label: u.name,
        })
        .collect();
    if units.is_empty() {
        return Err(AppError::Forbidden);
    }
    let title = ctx.tr().t("delegation.new").to_string();
    let failed = !errors.is_empty();
    let budget_items = delegation_budget::choices(app, ctx, &f.budget_item).await?;
    Ok(render_form_page(
        FormPage {
            l: Layout::new(ctx, &title, "events"),
            id: id.map(|(i, _)| i),
            version: id.map(|(_, v)| v).unwrap_or(0),
            f,
            units,
            budget_items,
            errors,
        },
        failed,
    ))
}

/// Members one per line: "Họ tên, chức vụ trong đoàn".
fn members(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once(',') {
            Some((n, r)) => (n.trim().to_string(), r.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

/// The delegation, or every field's problem, each beside its field.
fn parse(ctx: &Ctx, f: &DelegationForm) -> Result<DelegationInput, FieldErrors> {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let mut e = FieldErrors::new();
    if f.title.trim().is_empty() {
        e.add("g-title", domain::EventError::TitleRequired.message(lang));
    }
    let day = |e: &mut FieldErrors, field, key, typed: &str| match e.date(field, key, typed, t) {
        Some(None) => {
            e.add(field, required(t, key));
            None
        }
        other => other.flatten(),
    };
    let depart = day(&mut e, "g-depart", "delegation.depart", &f.depart);
    let back = day(&mut e, "g-back", "delegation.back", &f.back);
    let cost = e.take(
        "g-cost",
        match f.cost.trim() {
            "" => Dong::new(0),
            typed => typed.parse(),
        }
        .map_err(|x: domain::EventError| x.message(lang)),
    );
    let unit = e.take(
        "g-unit",
        f.unit
            .trim()
            .parse()
            .map(UnitId)
            .map_err(|_| t.t("event.pick_lead").to_string()),
    );
    if let (Some(a), Some(b)) = (depart, back)
        && let Err(x) = events::check_trip_dates(a, b)
    {
        e.add("g-back", x.message(lang));
    }
    let (Some(depart), Some(back), Some(cost), Some(unit), true) =
        (depart, back, cost, unit, e.is_empty())
    else {
        return Err(e);
    };
    Ok(DelegationInput {
        title: f.title.clone(),
        purpose: f.purpose.clone(),
        destination: f.destination.clone(),
        depart,
        back,
        estimated_cost: cost,
        lead_unit: unit,
        event_id: None,
        members: members(&f.members),
        budget_item: None,
    })
}

/// [`parse`], and the item whose estimate covers the trip, one with an estimate.
async fn read(
    app: &AppState,
    ctx: &Ctx,
    f: &DelegationForm,
) -> Result<Result<DelegationInput, FieldErrors>, AppError> {
    let item = delegation_budget::chosen(app, ctx, &f.budget_item).await?;
    Ok(match (parse(ctx, f), item) {
        (Ok(input), Ok(item)) => Ok(DelegationInput {
            budget_item: item,
            ..input
        }),
        (parsed, item) => {
            let mut e = parsed.err().unwrap_or_default();
            if let Err(m) = item {
                e.add("g-budget", m);
            }
            Err(e)
        }
    })
}

pub async fn new_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    if !domain::events::may_create_any_event(&user.actor) {
        return Err(AppError::Forbidden);
    }
    let f = DelegationForm {
        unit: user
            .actor
            .unit_ids
            .first()
            .map(|u| u.0.to_string())
            .unwrap_or_default(),
        ..Default::default()
    };
    form_page(&app, &ctx, &user, None, f, FieldErrors::new()).await
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<DelegationForm>,
) -> Result<Response, AppError> {
    let input = match read(&app, &ctx, &f).await? {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, &user, None, f, errors).await,
    };
    match app.store().create_delegation(&input, &user.actor).await {
        Ok(id) => Ok(redirect(&ctx, &format!("/delegations/{}", id.0))),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            form_page(&app, &ctx, &user, None, f, FieldErrors::whole(msg)).await
        }
    }
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::DelegationId>,
    Posted { form: f, pairs }: Posted<DelegationForm>,
) -> Result<Response, AppError> {
    let version = version_of(&pairs)?;
    let input = match read(&app, &ctx, &f).await? {
        Ok(i) => i,
        Err(errors) => return page(&app, &ctx, &user, id, errors, (None, Some(f))).await,
    };
    let saved = app
        .store()
        .update_delegation(id, version, &input, &user.actor)
        .await;
    answer(&app, &ctx, &user, id, saved, None).await
}

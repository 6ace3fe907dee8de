//! `/candidacies`: the dossiers with their progress along the call's steps (a chip per
//! step: done, current, later; overdue marked), the form that opens a dossier, and the
//! CSV export.

use super::{day, step_name};
use crate::AppState;
use crate::cities::{Fields, require_edit, require_view};
use crate::errors::AppError;
use crate::events::Choice;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use ::reports::{Cell, Table};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::cities::CityStatus;
use domain::cities::candidacy::{self, CandidacyStatus, Step, StepDates, StepState};
use domain::{CityId, CreativeFieldId, Language};
use store::{Candidacy, CandidacyStep, CandidacyStepRecord};

/// One step's chip on a dossier's line.
pub struct Chip {
    pub name: String,
    /// "done", "current" or "later": the chip's class.
    pub state: &'static str,
    pub overdue: bool,
    pub title: String,
}

pub struct Line {
    pub id: i64,
    pub city: String,
    pub field: String,
    pub status: String,
    pub done: usize,
    pub total: usize,
    pub percent: usize,
    pub chips: Vec<Chip>,
}

/// The chips of a dossier as of `today` (`domain::cities::candidacy::states`).
pub(crate) fn chips(
    lang: Language,
    steps: &[CandidacyStep],
    records: &[CandidacyStepRecord],
    today: chrono::NaiveDate,
) -> Vec<Chip> {
    let dates = |id: i64| {
        records
            .iter()
            .find(|r| r.step == id)
            .map(|r| StepDates {
                planned: r.planned,
                done: r.done,
            })
            .unwrap_or_default()
    };
    let order: Vec<Step> = steps
        .iter()
        .map(|s| Step {
            id: s.id,
            position: s.position,
        })
        .collect();
    candidacy::states(&order, dates, today)
        .into_iter()
        .filter_map(|(id, state, overdue)| {
            let s = steps.iter().find(|s| s.id == id)?;
            let d = dates(id);
            Some(Chip {
                name: step_name(lang, s),
                state: match state {
                    StepState::Done => "done",
                    StepState::Current => "current",
                    StepState::Later => "later",
                },
                overdue,
                title: format!("{} → {}", day(d.planned), day(d.done)),
            })
        })
        .collect()
}

fn line(
    lang: Language,
    fields: &Fields,
    steps: &[CandidacyStep],
    (c, records): &(Candidacy, Vec<CandidacyStepRecord>),
    today: chrono::NaiveDate,
) -> Line {
    let chips = chips(lang, steps, records, today);
    let done = chips.iter().filter(|c| c.state == "done").count();
    Line {
        id: c.id,
        city: c.city_name.clone(),
        field: fields.name(c.field),
        status: c.status.label(lang).to_string(),
        done,
        total: chips.len(),
        percent: (done * 100).checked_div(chips.len()).unwrap_or(0),
        chips,
    }
}

#[derive(Template)]
#[template(path = "candidacies/list.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    lines: Vec<Line>,
    can_edit: bool,
    cities: Vec<Choice>,
    fields: Vec<Choice>,
    statuses: Vec<Choice>,
    errors: FieldErrors,
}

/// The new-dossier form as typed.
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct NewDossier {
    city: String,
    field: String,
    status: String,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    typed: NewDossier,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let fields = Fields::load(app, lang).await?;
    let steps = app.store().candidacy_steps().await?;
    let today = app.today();
    let lines = app
        .store()
        .candidacies(None)
        .await?
        .iter()
        .map(|d| line(lang, &fields, &steps, d, today))
        .collect();
    // The directory's candidate cities first, then the rest (a member may apply again
    // in another field).
    let mut names = app.store().city_names().await?;
    let candidates: Vec<CityId> = app
        .store()
        .list_cities(&store::CityFilter {
            status: Some(CityStatus::Candidate),
            page: 1,
            per_page: 500,
            ..Default::default()
        })
        .await?
        .rows
        .iter()
        .map(|c| c.id)
        .collect();
    names.sort_by_key(|(id, _)| !candidates.contains(id));
    let cities = names
        .into_iter()
        .map(|(id, name)| Choice {
            selected: typed.city == id.to_string(),
            value: id.to_string(),
            label: name,
        })
        .collect();
    let failed = !errors.is_empty();
    Ok(render_form_page(
        ListPage {
            l: Layout::new(ctx, ctx.tr().t("candidacies.title"), "cities"),
            lines,
            can_edit: domain::cities::can_edit_cities(&user.actor),
            cities,
            fields: fields.choices(typed.field.parse().ok().map(CreativeFieldId)),
            statuses: status_choices(lang, &typed.status),
            errors,
        },
        failed,
    ))
}

pub(crate) fn status_choices(lang: Language, selected: &str) -> Vec<Choice> {
    CandidacyStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: s.label(lang).to_string(),
            selected: s.as_str() == selected,
        })
        .collect()
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_view(&user)?;
    page(&app, &ctx, &user, NewDossier::default(), FieldErrors::new()).await
}

/// `POST /candidacies`: opens a dossier; back to its page, or the refusal beside the form.
pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form, .. }: Posted<NewDossier>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let mut errors = FieldErrors::new();
    let city = form.city.trim().parse::<i64>().ok().map(CityId);
    if city.is_none() {
        errors.add("d-city", ctx.tr().t("candidacies.pick_city").to_string());
    }
    let field = match form.field.trim() {
        "" => Ok(None),
        f => f.parse::<i64>().map(|f| Some(CreativeFieldId(f))),
    };
    let status = form.status.parse::<CandidacyStatus>();
    if field.is_err() || status.is_err() {
        let e = domain::CityError::BadChoice;
        errors.add("d-status", crate::i18n::Worded::message(&e, ctx.lang));
    }
    if let (Some(city), Ok(field), Ok(status), true) = (city, field, status, errors.is_empty()) {
        match app
            .store()
            .create_candidacy(city, field, status, &user.actor)
            .await
        {
            Ok(id) => return Ok(redirect(&ctx, &format!("/candidacies/{id}"))),
            Err(e) => errors.add("d-city", AppError::from(e).into_form_message(&ctx)?),
        }
    }
    page(&app, &ctx, &user, form, errors).await
}

/// `GET /candidacies.csv`: each dossier with its status, progress and each step's dates.
pub async fn export_csv(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let lang = ctx.lang;
    let fields = Fields::load(&app, lang).await?;
    let steps = app.store().candidacy_steps().await?;
    let dossiers = app.store().candidacies(None).await?;
    let today = app.today();
    let (planned, done) = match lang {
        Language::Vi => ("dự kiến", "hoàn thành"),
        Language::En => ("planned", "done"),
    };
    let mut headers: Vec<String> = match lang {
        Language::Vi => ["Mã", "Thành phố", "Lĩnh vực", "Tình trạng", "Tiến độ"],
        Language::En => ["Id", "City", "Field", "Status", "Progress"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    for s in &steps {
        let name = step_name(lang, s);
        headers.push(format!("{name} ({planned})"));
        headers.push(format!("{name} ({done})"));
    }
    let rows = dossiers
        .iter()
        .map(|d| {
            let l = line(lang, &fields, &steps, d, today);
            let mut row = vec![
                Cell::Int(l.id),
                Cell::Text(l.city),
                Cell::Text(l.field),
                Cell::Text(l.status),
                Cell::Text(format!("{}/{}", l.done, l.total)),
            ];
            for s in &steps {
                let r = d.1.iter().find(|r| r.step == s.id);
                row.push(Cell::Text(day(r.and_then(|r| r.planned))));
                row.push(Cell::Text(day(r.and_then(|r| r.done))));
            }
            row
        })
        .collect();
    let table = Table {
        title: ctx.tr().t("candidacies.title").to_string(),
        headers,
        rows,
    };
    crate::page::table_download(&table, false, "ho-so-ung-cu")
}

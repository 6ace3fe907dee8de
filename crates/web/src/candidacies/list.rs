//! `/candidacies`: the dossiers with their progress along the call's steps (a chip per
//! step: done, current, later; overdue marked), filtered by status, field, a folded city
//! search and "a step overdue" (`domain::cities::candidacy_filter`; the exports in `export`
//! apply the same), and the form that opens a dossier.

use super::{day, step_name};
use crate::AppState;
use crate::cities::{Fields, require_edit, require_view};
use crate::errors::AppError;
use crate::events::Choice;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::cities::CityStatus;
use domain::cities::candidacy::{self, CandidacyStatus, Step, StepDates, StepState};
use domain::cities::candidacy_filter::{DossierFacts, DossierFilter, FieldChoice};
use domain::{CityId, CreativeFieldId, Language};
use store::{Candidacy, CandidacyStep, CandidacyStepRecord};

/// One step's chip on a dossier's line.
#[derive(Clone)]
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
    /// A step overdue as of today.
    pub overdue: bool,
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
        overdue: chips.iter().any(|c| c.overdue),
        chips,
    }
}

/// The filters as the GET form sends them.
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct DossierQuery {
    q: String,
    status: String,
    field: String,
    overdue: String,
}

impl DossierQuery {
    pub(super) fn filter(&self) -> DossierFilter {
        DossierFilter::from_form(&self.status, &self.field, &self.q, &self.overdue)
    }

    /// The filters as a query string (for the exports' links).
    fn query_string(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                [
                    ("q", &self.q),
                    ("status", &self.status),
                    ("field", &self.field),
                    ("overdue", &self.overdue),
                ]
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty()),
            )
            .finish()
    }
}

/// The dossiers `filter` keeps, in the store's order (city name), each with its line as of
/// today. Few dossiers exist (one per candidate city and field): filtered here, where the
/// overdue rule is.
pub(super) async fn filtered(
    app: &AppState,
    fields: &Fields,
    lang: Language,
    filter: &DossierFilter,
) -> Result<(Vec<CandidacyStep>, Vec<(Line, Vec<CandidacyStepRecord>)>), AppError> {
    let steps = app.store().candidacy_steps().await?;
    let today = app.today();
    let mut out = Vec::new();
    for d in app.store().candidacies(None).await? {
        let l = line(lang, fields, &steps, &d, today);
        let facts = DossierFacts {
            city_name: &d.0.city_name,
            field: d.0.field,
            status: d.0.status,
            overdue: l.overdue,
        };
        if filter.keeps(&facts) {
            out.push((l, d.1));
        }
    }
    Ok((steps, out))
}

#[derive(Template)]
#[template(path = "candidacies/list.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    lines: Vec<Line>,
    /// The filters as typed (the search) and chosen.
    q: String,
    filtered: bool,
    overdue_only: bool,
    filter_statuses: Vec<Choice>,
    filter_fields: Vec<Choice>,
    unchosen: bool,
    export_query: String,
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
    (query, typed): (DossierQuery, NewDossier),
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let fields = Fields::load(app, lang).await?;
    let filter = query.filter();
    let lines = filtered(app, &fields, lang, &filter).await?.1;
    let lines = lines.into_iter().map(|(l, _)| l).collect();
    let picked = match filter.field {
        FieldChoice::Field(f) => Some(f),
        _ => None,
    };
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
            q: query.q.chars().take(200).collect(),
            filtered: !filter.is_empty(),
            overdue_only: filter.overdue_only,
            filter_statuses: status_choices(lang, filter.status.map_or("", |s| s.as_str())),
            filter_fields: fields.choices(picked),
            unchosen: filter.field == FieldChoice::Unchosen,
            export_query: query.query_string(),
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
    Query(query): Query<DossierQuery>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let shown = (query, NewDossier::default());
    page(&app, &ctx, &user, shown, FieldErrors::new()).await
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
    let shown = (DossierQuery::default(), form);
    page(&app, &ctx, &user, shown, errors).await
}

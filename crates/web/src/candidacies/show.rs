//! `/candidacies/{id}`: a dossier's steps in the call's order with their dates, note,
//! documents and Hanoi's support activities; the forms that change them (each carries
//! the dossier's version: a stale one is refused beside it, nothing changed).

use super::list::{Chip, chips, status_choices};
use super::{day, step_choices, step_name};
use crate::AppState;
use crate::cities::{Fields, require_edit, require_view};
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::cities::candidacy::{CandidacyStatus, StepDraft, StepField};
use domain::{CreativeFieldId, EventId, ItemId};
use store::{CandidacyDossier, SupportLink};

pub struct StepView {
    pub id: i64,
    pub chip: Chip,
    pub planned: String,
    pub done: String,
    pub note: String,
    /// (id, "name, size")
    pub documents: Vec<(i64, String)>,
    /// (id, href, label)
    pub support: Vec<(i64, String, String)>,
}

#[derive(Template)]
#[template(path = "candidacies/show.html")]
struct ShowPage<'a> {
    l: Layout<'a>,
    d: store::Candidacy,
    field: String,
    status: String,
    steps: Vec<StepView>,
    can_edit: bool,
    fields: Vec<Choice>,
    statuses: Vec<Choice>,
    step_list: Vec<Choice>,
    items: Vec<Choice>,
    events: Vec<Choice>,
    errors: FieldErrors,
}

/// What the page shows: a step form as typed after a refusal (the step and its draft).
#[derive(Default)]
pub(super) struct Typed {
    pub step: Option<(i64, StepDraft)>,
}

async fn support_choices(app: &AppState) -> Result<(Vec<Choice>, Vec<Choice>), AppError> {
    let mut items = Vec::new();
    for p in app.store().list_plans().await? {
        let Some(v) = app.store().plan(p.id).await? else {
            continue;
        };
        for n in v.items.iter().flat_map(|root| root.walk()) {
            let title = domain::shorten(&n.item.title, 120);
            items.push(Choice {
                value: n.item.id.0.to_string(),
                label: domain::item_label(n.item.numbering.as_deref(), &title),
                selected: false,
            });
        }
    }
    let filter = store::EventFilter {
        limit: 1000,
        ..Default::default()
    };
    let events = app
        .store()
        .list_events(&filter)
        .await?
        .into_iter()
        .map(|e| Choice {
            value: e.id.0.to_string(),
            label: domain::shorten(&e.title, 120),
            selected: false,
        })
        .collect();
    Ok((items, events))
}

pub(super) async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: i64,
    typed: Typed,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let CandidacyDossier {
        candidacy: d,
        records,
        documents,
        support,
    } = app.store().candidacy(id).await?.ok_or(AppError::NotFound)?;
    let fields = Fields::load(app, lang).await?;
    let steps = app.store().candidacy_steps().await?;
    let can_edit = domain::cities::can_edit_cities(&user.actor);
    let mut chips = chips(lang, &steps, &records, app.today()).into_iter();
    let views = steps
        .iter()
        .map(|s| {
            let r = records.iter().find(|r| r.step == s.id);
            let (planned, done, note) = match &typed.step {
                Some((step, draft)) if *step == s.id => (
                    draft.planned.clone(),
                    draft.done.clone(),
                    draft.note.clone(),
                ),
                _ => (
                    day(r.and_then(|r| r.planned)),
                    day(r.and_then(|r| r.done)),
                    r.map(|r| r.note.clone()).unwrap_or_default(),
                ),
            };
            StepView {
                id: s.id,
                chip: chips.next().unwrap_or(Chip {
                    name: step_name(lang, s),
                    state: "later",
                    overdue: false,
                    title: String::new(),
                }),
                planned,
                done,
                note,
                documents: documents
                    .iter()
                    .filter(|doc| doc.step == s.id)
                    .map(|doc| {
                        (
                            doc.id,
                            format!("{}, {}", doc.name, crate::items::size_text(doc.size)),
                        )
                    })
                    .collect(),
                support: support
                    .iter()
                    .filter(|a| a.step == s.id)
                    .map(|a| match a.link {
                        SupportLink::Item(i) => (a.id, format!("/items/{i}"), a.title.clone()),
                        SupportLink::Event(e) => {
                            let on = a.start_at.and_then(domain::cities::event_day);
                            let label = format!("{} ({})", a.title, day(on));
                            (a.id, format!("/events/{e}"), label)
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let (items, events) = if can_edit {
        support_choices(app).await?
    } else {
        Default::default()
    };
    let failed = !errors.is_empty();
    Ok(render_form_page(
        ShowPage {
            l: Layout::new(
                ctx,
                &format!("{} – {}", ctx.tr().t("candidacies.dossier"), d.city_name),
                "cities",
            ),
            field: fields.name(d.field),
            status: d.status.label(lang).to_string(),
            fields: fields.choices(d.field),
            statuses: status_choices(lang, d.status.as_str()),
            step_list: step_choices(lang, &steps, 0),
            d,
            steps: views,
            can_edit,
            items,
            events,
            errors,
        },
        failed,
    ))
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    page(&app, &ctx, &user, id, Typed::default(), FieldErrors::new()).await
}

#[derive(serde::Deserialize)]
pub struct DossierForm {
    version: i64,
    #[serde(default)]
    field: String,
    #[serde(default)]
    status: String,
}

/// `POST /candidacies/{id}`: the dossier's field and status.
pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form, .. }: Posted<DossierForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let field = match form.field.trim() {
        "" => Ok(None),
        f => f.parse::<i64>().map(|f| Some(CreativeFieldId(f))),
    };
    let (Ok(field), Ok(status)) = (field, form.status.parse::<CandidacyStatus>()) else {
        let errors = FieldErrors::whole(domain::CityError::BadChoice.message(ctx.lang));
        return page(&app, &ctx, &user, id, Typed::default(), errors).await;
    };
    let store = app.store();
    match store
        .update_candidacy(id, form.version, field, status, &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(&ctx, &format!("/candidacies/{id}"))),
        Err(e) => {
            let mut errors = FieldErrors::new();
            errors.add("d-status", AppError::from(e).into_form_message(&ctx)?);
            page(&app, &ctx, &user, id, Typed::default(), errors).await
        }
    }
}

#[derive(serde::Deserialize)]
pub struct StepForm {
    version: i64,
    step: i64,
    #[serde(flatten)]
    draft: StepDraft,
}

fn step_field(step: i64, f: StepField) -> String {
    let name = match f {
        StepField::Planned => "planned",
        StepField::Done => "done",
        StepField::Note => "note",
    };
    format!("s{step}-{name}")
}

/// `POST /candidacies/{id}/step`: a step's planned and done dates (dd/mm/yyyy) and note.
pub async fn save_step(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form, .. }: Posted<StepForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let mut errors = FieldErrors::new();
    match form.draft.check() {
        Err(list) => {
            for (f, e) in list {
                errors.add(step_field(form.step, f), e.message(ctx.lang));
            }
        }
        Ok(input) => {
            let store = app.store();
            match store
                .save_candidacy_step(id, form.version, form.step, &input, &user.actor)
                .await
            {
                Ok(_) => {
                    return Ok(redirect(
                        &ctx,
                        &format!("/candidacies/{id}#step-{}", form.step),
                    ));
                }
                Err(e) => errors.add(
                    step_field(form.step, StepField::Planned),
                    AppError::from(e).into_form_message(&ctx)?,
                ),
            }
        }
    }
    let typed = Typed {
        step: Some((form.step, form.draft)),
    };
    page(&app, &ctx, &user, id, typed, errors).await
}

#[derive(serde::Deserialize)]
pub struct SupportForm {
    step: i64,
    #[serde(default)]
    item: String,
    #[serde(default)]
    event: String,
}

/// `POST /candidacies/{id}/support`: links a plan item or an event (one of the two).
pub async fn add_support(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form, .. }: Posted<SupportForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let item = form.item.trim().parse::<i64>().ok();
    let event = form.event.trim().parse::<i64>().ok();
    let link = match (item, event) {
        (Some(i), None) => SupportLink::Item(ItemId(i)),
        (None, Some(e)) => SupportLink::Event(EventId(e)),
        _ => {
            let mut errors = FieldErrors::new();
            errors.add("a-item", ctx.tr().t("candidacies.pick_support").to_string());
            return page(&app, &ctx, &user, id, Typed::default(), errors).await;
        }
    };
    app.store()
        .add_candidacy_support(id, form.step, link, &user.actor)
        .await?;
    Ok(redirect(
        &ctx,
        &format!("/candidacies/{id}#step-{}", form.step),
    ))
}

/// `POST /candidacy-support/{id}/delete`.
pub async fn remove_support(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(support): Id<i64>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let id = app
        .store()
        .remove_candidacy_support(support, &user.actor)
        .await?;
    Ok(redirect(&ctx, &format!("/candidacies/{id}")))
}

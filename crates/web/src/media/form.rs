//! Recording and editing a work: the form, its parsing, and the four handlers. A refused
//! form comes back with each problem beside its field and everything typed kept.

use super::{back, back_path, editable_work, may_create_any};
use crate::AppState;
use crate::errors::AppError;
use crate::events::{Choice, choices, picked};
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{Posted, choice, parse_date, version_of};
use crate::i18n::{Tr, Worded};
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::media::{self, MediaError, MediaKind, MediaStage, MediaWorkId};
use domain::{ItemId, Language, UnitId};
use serde::Deserialize;
use store::{Created, MediaInput, MediaWork, StagePlan, StoreError};

/// The longest texts the store keeps (`store::sql::media`), checked here too so that the
/// form says which field is too long.
const MAX_TITLE: usize = 500;
const MAX_TEXT: usize = 5_000;
const MAX_SHORT: usize = 200;

/// The form as typed (sticky on errors). The stages' owners and due dates come as two
/// lists in stage order. The edit form also sends its `version`, read apart.
#[derive(Default, Clone, Deserialize)]
#[serde(default)]
pub struct MediaForm {
    pub kind: String,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    pub unit: String,
    pub item: String,
    pub event: String,
    pub contract: String,
    pub duration: String,
    pub pages: String,
    pub languages: String,
    pub print_run: String,
    pub format: String,
    pub owner: Vec<String>,
    pub due: Vec<String>,
    /// The create form's once-token (`crate::once`).
    pub once: String,
}

fn id_text<T: ToString>(id: Option<T>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

impl MediaForm {
    fn from_work(w: &MediaWork) -> MediaForm {
        let plans: Vec<StagePlan> = MediaStage::ALL.iter().map(|s| w.plan_of(*s)).collect();
        MediaForm {
            kind: w.kind.as_str().into(),
            title: w.title.clone(),
            title_en: w.title_en.clone(),
            summary: w.summary.clone(),
            summary_en: w.summary_en.clone(),
            unit: w.unit.0.to_string(),
            item: id_text(w.item.map(|i| i.0)),
            event: id_text(w.event.map(|e| e.0)),
            contract: id_text(w.contract),
            duration: w.duration.map(|d| d.text()).unwrap_or_default(),
            pages: id_text(w.pages),
            languages: w.languages.clone(),
            print_run: id_text(w.print_run),
            format: w.format.clone(),
            owner: plans.iter().map(|p| p.owner.clone()).collect(),
            due: plans.iter().map(|p| super::date(p.due)).collect(),
            once: String::new(),
        }
    }

    /// The store's input, or every field's problem, each beside its field.
    fn parse(&self, lang: Language, t: &Tr) -> Result<MediaInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let pick = |key: &str| t.t(key).to_string();
        let worded = |x: MediaError| x.message(lang);
        let kind = e.take(
            "m-kind",
            choice(&self.kind, "media.pick_kind").map_err(pick),
        );
        if self.title.trim().is_empty() {
            e.add("m-title", worded(MediaError::TitleRequired));
        }
        for (field, text, max) in [
            ("m-title", &self.title, MAX_TITLE),
            ("m-title-en", &self.title_en, MAX_TITLE),
            ("m-summary", &self.summary, MAX_TEXT),
            ("m-summary-en", &self.summary_en, MAX_TEXT),
            ("m-languages", &self.languages, MAX_SHORT),
            ("m-format", &self.format, MAX_SHORT),
        ] {
            if text.trim().chars().count() > max {
                e.add(field, worded(MediaError::TooLong { max }));
            }
        }
        let unit = e.take(
            "m-unit",
            self.unit
                .trim()
                .parse()
                .map(UnitId)
                .map_err(|_| pick("media.pick_unit")),
        );
        let item = e.take(
            "m-item",
            optional_id(&self.item).map_err(|_| pick("media.pick_item")),
        );
        let event = e.take(
            "m-event",
            optional_id(&self.event).map_err(|_| pick("media.pick_event")),
        );
        let contract = e.take(
            "m-contract",
            optional_id(&self.contract).map_err(|_| pick("media.bad_contract")),
        );
        let duration = e.take(
            "m-duration",
            media::parse_duration(&self.duration).map_err(worded),
        );
        let pages = e.take(
            "m-pages",
            media::parse_count(&self.pages, media::MAX_PAGES).map_err(worded),
        );
        let print_run = e.take(
            "m-print-run",
            media::parse_count(&self.print_run, media::MAX_PRINT_RUN).map_err(worded),
        );
        let stage_plans = self.stage_plans(lang, t, &mut e);
        let (Some(kind), Some(unit), Some(item), Some(event), Some(contract)) =
            (kind, unit, item, event, contract)
        else {
            return Err(e);
        };
        let (Some(duration), Some(pages), Some(print_run), true) =
            (duration, pages, print_run, e.is_empty())
        else {
            return Err(e);
        };
        Ok(MediaInput {
            kind,
            title: self.title.clone(),
            title_en: self.title_en.clone(),
            summary: self.summary.clone(),
            summary_en: self.summary_en.clone(),
            unit,
            item: item.map(ItemId),
            event: event.map(domain::EventId),
            contract,
            duration,
            pages,
            languages: self.languages.clone(),
            print_run,
            format: self.format.clone(),
            stage_plans,
        })
    }

    /// Each stage's owner and due date; a date that does not read is said beside it.
    fn stage_plans(&self, lang: Language, t: &Tr, e: &mut FieldErrors) -> Vec<StagePlan> {
        let typed = |list: &[String], i: usize| list.get(i).map(|s| s.trim().to_string());
        let mut out = Vec::new();
        for (i, stage) in MediaStage::ALL.iter().enumerate() {
            let owner = typed(&self.owner, i).unwrap_or_default();
            let due_text = typed(&self.due, i).unwrap_or_default();
            if owner.chars().count() > MAX_SHORT {
                let max = MAX_SHORT;
                e.add(
                    format!("m-owner-{stage}"),
                    MediaError::TooLong { max }.message(lang),
                );
            }
            let due = match parse_date(&due_text) {
                Ok(d) => d,
                Err(_) => {
                    let label = t.f("media.due_of", &[("stage", stage.label(lang))]);
                    let msg = t.f("form.bad_date", &[("field", &label), ("value", &due_text)]);
                    e.add(format!("m-due-{stage}"), msg);
                    None
                }
            };
            out.push(StagePlan {
                stage: *stage,
                owner,
                due,
            });
        }
        out
    }
}

/// An optional id: empty is none; anything else must be a positive whole number.
fn optional_id(s: &str) -> Result<Option<i64>, ()> {
    match s.trim() {
        "" => Ok(None),
        t => t.parse().ok().filter(|n| *n > 0).map(Some).ok_or(()),
    }
}

/// One stage's row of the form.
pub struct StageRow {
    pub label: String,
    /// The inputs' ids, which the problems name.
    pub owner_id: String,
    pub due_id: String,
    pub owner: String,
    pub due: String,
}

#[derive(Template)]
#[template(path = "media/form.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    /// None: a new work.
    id: Option<i64>,
    version: i64,
    f: MediaForm,
    kinds: Vec<Choice>,
    units: Vec<Choice>,
    items: Vec<Choice>,
    events: Vec<Choice>,
    stages: Vec<StageRow>,
    errors: FieldErrors,
    once: String,
}

/// The form page; `id`: the work's id and version when editing.
async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: Option<(i64, i64)>,
    f: MediaForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let units = super::links::unit_choices(app, user, &f.unit).await?;
    if units.is_empty() {
        return Err(AppError::Forbidden);
    }
    let items = super::links::item_choices(app, &f.item).await?;
    let events = super::links::event_choices(app, user, &f.event).await?;
    let lang = ctx.lang;
    let title = ctx.tr().t(if id.is_some() {
        "media.edit"
    } else {
        "media.new"
    });
    let stages = MediaStage::ALL.iter().enumerate().map(|(i, s)| StageRow {
        label: super::heading(s.label(lang)),
        owner_id: format!("m-owner-{s}"),
        due_id: format!("m-due-{s}"),
        owner: f.owner.get(i).cloned().unwrap_or_default(),
        due: f.due.get(i).cloned().unwrap_or_default(),
    });
    let failed = !errors.is_empty();
    let page = FormPage {
        l: Layout::new(ctx, title, "media"),
        id: id.map(|(i, _)| i),
        version: id.map_or(0, |(_, v)| v),
        kinds: choices(
            MediaKind::ALL,
            MediaKind::as_str,
            |k| k.label(lang),
            &picked(&f.kind),
        ),
        stages: stages.collect(),
        units,
        items,
        events,
        f,
        errors,
        once: if id.is_none() {
            crate::once::fresh()?
        } else {
            String::new()
        },
    };
    Ok(render_form_page(page, failed))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    item: String,
}

/// The empty form; `?item=ID` chooses the item and, when the user may record for it, its
/// lead unit.
pub async fn new_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    if !may_create_any(&user) {
        return Err(AppError::Forbidden);
    }
    let item = q.item.trim().parse().ok().map(ItemId);
    let creatable = |u: &UnitId| media::can_create_work(&user.actor, *u);
    let mut unit = user.actor.unit_ids.iter().find(|u| creatable(u)).copied();
    if let Some(item) = item {
        let it = crate::items::visible_item(&app, &user, item).await?;
        let leads = it
            .item_units()
            .into_iter()
            .filter(|u| u.relation == domain::UnitRelation::Lead);
        unit = leads.map(|u| u.unit_id).find(creatable).or(unit);
    }
    let f = MediaForm {
        kind: MediaKind::Clip.as_str().into(),
        item: id_text(item.map(|i| i.0)),
        unit: id_text(unit.map(|u| u.0)),
        languages: "vi".into(),
        ..Default::default()
    };
    form_page(&app, &ctx, &user, None, f, FieldErrors::new()).await
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<MediaForm>,
) -> Result<Response, AppError> {
    let token = crate::once::posted(&f.once)?;
    let input = match f.parse(ctx.lang, ctx.tr()) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, &user, None, f, errors).await,
    };
    if !media::can_create_work(&user.actor, input.unit) {
        return Err(AppError::Forbidden);
    }
    let result = |id: i64| back_path(id, "created");
    let once = crate::once::key(token.as_ref(), "media.create", &result);
    let made = app
        .store()
        .create_media_work_once(&input, once.as_ref(), &user.actor);
    match made.await {
        Ok(Created::New(id)) => Ok(back(&ctx, id, "created")),
        // A second submit of the form: the first's work, as if this one had made it.
        Ok(Created::Earlier(path)) => Ok(redirect(&ctx, &path)),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            form_page(&app, &ctx, &user, None, f, FieldErrors::whole(msg)).await
        }
    }
}

pub async fn edit_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<MediaWorkId>,
) -> Result<Response, AppError> {
    let w = editable_work(&app, &user, id).await?;
    let f = MediaForm::from_work(&w);
    form_page(
        &app,
        &ctx,
        &user,
        Some((id.0, w.version)),
        f,
        FieldErrors::new(),
    )
    .await
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<MediaWorkId>,
    Posted { form: f, pairs }: Posted<MediaForm>,
) -> Result<Response, AppError> {
    let version = version_of(&pairs)?;
    editable_work(&app, &user, id).await?;
    let again = Some((id.0, version));
    let input = match f.parse(ctx.lang, ctx.tr()) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, &user, again, f, errors).await,
    };
    match app
        .store()
        .update_media_work(id, version, &input, &user.actor)
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved")),
        Err(StoreError::Conflict {
            conflict, current, ..
        }) => Ok(super::show::conflict_page(
            &ctx, id, "edit", conflict, &current, &pairs,
        )),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            form_page(&app, &ctx, &user, again, f, FieldErrors::whole(msg)).await
        }
    }
}

//! Creating and editing an event: the form, its parsing, and the two handlers.

use super::show::{back, back_path};
use super::{Choice, choices, picked, visible_event};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::{FieldErrors, bad_time, required};
use crate::form::{Posted, choice, version_of};
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::events::{self};
use domain::{
    EventFormat, EventId, EventKind, EventScope, EventStatus, EventTimes, ItemId, Language,
    Organiser, UnitId,
};
use serde::Deserialize;
use store::{Created, EventInput, EventRecord};

/// The form as typed (sticky on errors). The edit form also sends its `version`, read
/// apart ([`version_of`]) since this struct is the create form's too.
#[derive(Default, Clone, Deserialize)]
#[serde(default)]
pub struct EventForm {
    pub title: String,
    pub kind: String,
    pub scope: String,
    pub format: String,
    pub organiser: String,
    pub organiser_name: String,
    pub topic: String,
    pub zone: String,
    pub start_date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    pub venue: String,
    pub online_url: String,
    pub lead: String,
    pub coord: Vec<String>,
    #[serde(rename = "item")]
    pub items: Vec<String>,
    pub status: String,
    /// The create form's once-token (`crate::once`); the edit form has none.
    pub once: String,
}

impl EventForm {
    fn from_event(ev: &EventRecord) -> EventForm {
        let t = ev.times();
        let d = |x: Option<chrono::NaiveDateTime>, fmt: &str| {
            x.map(|x| x.format(fmt).to_string()).unwrap_or_default()
        };
        EventForm {
            title: ev.title.clone(),
            kind: ev.kind.as_str().into(),
            scope: ev.scope.as_str().into(),
            format: ev.format.as_str().into(),
            organiser: ev.organiser.as_str().into(),
            organiser_name: ev.organiser_name.clone(),
            topic: ev.topic.clone(),
            zone: ev.time_zone.clone(),
            start_date: d(t.map(|t| t.start_local), "%d/%m/%Y"),
            start_time: d(t.map(|t| t.start_local), "%H:%M"),
            end_date: d(t.map(|t| t.end_local), "%d/%m/%Y"),
            end_time: d(t.map(|t| t.end_local), "%H:%M"),
            venue: ev.venue.clone(),
            online_url: ev.online_url.clone(),
            lead: ev
                .units
                .iter()
                .find(|(_, r)| *r == domain::UnitRelation::Lead)
                .map(|(u, _)| u.0.to_string())
                .unwrap_or_default(),
            coord: ev
                .units
                .iter()
                .filter(|(_, r)| *r == domain::UnitRelation::Coordinating)
                .map(|(u, _)| u.0.to_string())
                .collect(),
            items: ev.items.iter().map(|i| i.0.to_string()).collect(),
            status: ev.status.as_str().into(),
            once: String::new(),
        }
    }

    /// The domain values, or every field's problem, each beside its field.
    fn parse(&self, lang: Language, t: &crate::i18n::Tr) -> Result<EventInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let pick = |key: &str| t.t(key).to_string();
        let kind = e.take(
            "e-kind",
            choice(&self.kind, "event.pick_kind").map_err(pick),
        );
        let scope = e.take(
            "e-scope",
            choice(&self.scope, "event.pick_scope").map_err(pick),
        );
        let format = e.take(
            "e-format",
            choice(&self.format, "event.pick_format").map_err(pick),
        );
        let organiser: Option<Organiser> = e.take(
            "e-organiser",
            choice(&self.organiser, "event.pick_organiser").map_err(pick),
        );
        if self.title.trim().is_empty() {
            e.add("e-title", domain::EventError::TitleRequired.message(lang));
        }
        let zone = e.take(
            "e-zone",
            events::parse_zone(&self.zone).map_err(|x| x.message(lang)),
        );
        let start_day = e.date("e-start-date", "event.start_date", &self.start_date, t);
        if let Some(None) = start_day {
            e.add("e-start-date", required(t, "event.start_date"));
        }
        let end_day = e.date("e-end-date", "event.end_date_short", &self.end_date, t);
        let clock = |e: &mut FieldErrors, field, key, typed: &str| {
            let r = events::parse_clock(typed).map_err(|_| match typed.trim() {
                "" => required(t, key),
                _ => bad_time(t, key, typed),
            });
            e.take(field, r)
        };
        let start_at = clock(&mut e, "e-start-time", "event.start_time", &self.start_time);
        let end_at = clock(&mut e, "e-end-time", "event.end_time", &self.end_time);
        let online_url = e.take(
            "e-url",
            events::check_link(&self.online_url).map_err(|x| x.message(lang)),
        );
        let lead = e.take(
            "e-lead",
            self.lead
                .trim()
                .parse()
                .map(UnitId)
                .map_err(|_| pick("event.pick_lead")),
        );
        // An id that does not read is said, not dropped (a garbled value once removed a
        // link silently).
        let coord = e.take(
            "e-coord",
            ids(&self.coord, UnitId).map_err(|_| pick("event.pick_coord")),
        );
        let items = e.take(
            "e-items",
            ids(&self.items, ItemId).map_err(|_| pick("event.pick_items")),
        );
        // The create form always sends a status; none, or an unknown one, is said.
        let status = e.take(
            "e-status",
            choice::<EventStatus>(&self.status, "event.pick_status").map_err(pick),
        );
        let (
            Some(kind),
            Some(scope),
            Some(format),
            Some(organiser),
            Some(zone),
            Some(Some(start_day)),
            Some(end_day),
            Some(start_at),
            Some(end_at),
            Some(online_url),
            Some(lead),
            Some(coord),
            Some(items),
            Some(status),
            true,
        ) = (
            kind,
            scope,
            format,
            organiser,
            zone,
            start_day,
            end_day,
            start_at,
            end_at,
            online_url,
            lead,
            coord,
            items,
            status,
            e.is_empty(),
        )
        else {
            return Err(e);
        };
        let (start, end) = (
            start_day.and_time(start_at),
            end_day.unwrap_or(start_day).and_time(end_at),
        );
        let times = EventTimes::resolve(zone.name(), start, end).map_err(|x| {
            let field = match x {
                domain::EventError::EndBeforeStart { .. } => "e-end-time",
                _ => "e-start-time",
            };
            let mut e = FieldErrors::new();
            e.add(field, x.message(lang));
            e
        })?;
        Ok(EventInput {
            title: self.title.clone(),
            kind,
            scope,
            format,
            organiser,
            organiser_name: self.organiser_name.clone(),
            topic: self.topic.clone(),
            times,
            venue: self.venue.clone(),
            online_url,
            lead_units: vec![lead],
            coordinating_units: coord.into_iter().filter(|u| *u != lead).collect(),
            items,
            status,
        })
    }
}

/// Every value of a multiple choice as an id; the first that does not read is an error.
fn ids<T>(values: &[String], make: impl Fn(i64) -> T) -> Result<Vec<T>, std::num::ParseIntError> {
    values.iter().map(|v| v.trim().parse().map(&make)).collect()
}

#[derive(Template)]
#[template(path = "events/form.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    /// None: a new event.
    id: Option<i64>,
    version: i64,
    f: EventForm,
    kinds: Vec<Choice>,
    scopes: Vec<Choice>,
    formats: Vec<Choice>,
    organisers: Vec<Choice>,
    statuses: Vec<Choice>,
    leads: Vec<Choice>,
    coords: Vec<Choice>,
    items: Vec<Choice>,
    zones: Vec<events::ZoneChoice>,
    errors: FieldErrors,
    /// A new event's once-token, drawn with the page (a second submit lands on the
    /// first's event).
    once: String,
}

fn sel(v: &str, wanted: &str) -> bool {
    v == wanted
}

async fn form_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: Option<(i64, i64)>,
    f: EventForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let all_units = app.store().list_units().await?;
    let (leads, coords) = unit_choices(&all_units, user, &f);
    if leads.is_empty() {
        return Err(AppError::Forbidden);
    }
    let items = item_choices(app, &f).await?;
    let failed = !errors.is_empty();
    let mut page = FormPage::new(ctx, id, f, (leads, coords, items), errors);
    if id.is_none() {
        page.once = crate::once::fresh()?;
    }
    Ok(render_form_page(page, failed))
}

impl<'a> FormPage<'a> {
    /// `id`: the event's id and version when editing; `lists`: the lead units, the
    /// coordinating units and the plan items to choose from.
    fn new(
        ctx: &'a Ctx,
        id: Option<(i64, i64)>,
        f: EventForm,
        (leads, coords, items): (Vec<Choice>, Vec<Choice>, Vec<Choice>),
        errors: FieldErrors,
    ) -> FormPage<'a> {
        let (lang, t) = (ctx.lang, ctx.tr());
        let title = t.t(if id.is_some() {
            "event.edit"
        } else {
            "event.new"
        });
        let new_statuses = [
            EventStatus::Planned,
            EventStatus::Confirmed,
            EventStatus::Held,
        ];
        FormPage {
            l: Layout::new(ctx, title, "events"),
            id: id.map(|(i, _)| i),
            version: id.map(|(_, v)| v).unwrap_or(0),
            kinds: choices(
                EventKind::ALL,
                EventKind::as_str,
                |k| k.label(lang),
                &picked(&f.kind),
            ),
            scopes: choices(
                EventScope::ALL,
                EventScope::as_str,
                |k| k.label(lang),
                &picked(&f.scope),
            ),
            formats: choices(
                EventFormat::ALL,
                EventFormat::as_str,
                |k| k.label(lang),
                &picked(&f.format),
            ),
            organisers: choices(
                Organiser::ALL,
                Organiser::as_str,
                |k| k.label(lang),
                &picked(&f.organiser),
            ),
            statuses: choices(
                &new_statuses,
                EventStatus::as_str,
                |k| k.label(lang),
                &picked(&f.status),
            ),
            leads,
            coords,
            items,
            zones: zones(&f.zone),
            f,
            errors,
            once: String::new(),
        }
    }
}

/// The zones to choose from, UCCN cities' first, with the one typed or stored kept when
/// the list lacks it (an older alias such as Asia/Saigon).
fn zones(current: &str) -> Vec<events::ZoneChoice> {
    use chrono::Datelike;
    let year = chrono::Utc::now().year();
    let mut list = events::zone_choices(year);
    let current = current.trim();
    if !current.is_empty() && !list.iter().any(|z| z.name == current) {
        let label = events::parse_zone(current)
            .map(|z| events::zone_label(z, year))
            .unwrap_or_else(|_| current.to_string());
        list.insert(
            0,
            events::ZoneChoice {
                name: current.to_string(),
                label,
                uccn: true,
            },
        );
    }
    list
}

/// The lead unit choices (the units the user may create for, and the one already chosen)
/// and the coordinating unit choices (every unit).
fn unit_choices(
    units: &[store::Unit],
    user: &SessionUser,
    f: &EventForm,
) -> (Vec<Choice>, Vec<Choice>) {
    let leads = units
        .iter()
        .filter(|u| {
            let chosen = sel(&u.id.0.to_string(), &f.lead);
            (u.active && events::can_create_event(&user.actor, u.id)) || chosen
        })
        .map(|u| Choice {
            value: u.id.0.to_string(),
            label: u.name.clone(),
            selected: sel(&u.id.0.to_string(), &f.lead),
        })
        .collect();
    // A deactivated unit is offered only where the event already names it.
    let coords = units
        .iter()
        .filter(|u| u.active || f.coord.contains(&u.id.0.to_string()))
        .map(|u| Choice {
            value: u.id.0.to_string(),
            label: u.name.clone(),
            selected: f.coord.contains(&u.id.0.to_string()),
        })
        .collect();
    (leads, coords)
}

/// Every plan item an event can count toward: "numbering title [targets]".
async fn item_choices(app: &AppState, f: &EventForm) -> Result<Vec<Choice>, AppError> {
    let mut items = Vec::new();
    for p in app.store().list_plans().await? {
        let Some(v) = app.store().plan(p.id).await? else {
            continue;
        };
        for n in v.items.iter().flat_map(|root| root.walk()) {
            let id = n.item.id.0.to_string();
            let targets: Vec<String> = n.targets.iter().map(|x| x.display()).collect();
            let title = domain::shorten(&n.item.title, 160);
            let mut label = domain::item_label(n.item.numbering.as_deref(), &title);
            if !targets.is_empty() {
                label.push_str(&format!(" [{}]", targets.join("; ")));
            }
            items.push(Choice {
                selected: f.items.contains(&id),
                value: id,
                label: label.trim().to_string(),
            });
        }
    }
    Ok(items)
}

pub async fn new_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    if !domain::events::may_create_any_event(&user.actor) {
        return Err(AppError::Forbidden);
    }
    let f = EventForm {
        zone: "Asia/Ho_Chi_Minh".into(),
        kind: EventKind::OnlineSession.as_str().into(),
        scope: EventScope::Global.as_str().into(),
        format: EventFormat::Online.as_str().into(),
        organiser: Organiser::Hanoi.as_str().into(),
        status: EventStatus::Planned.as_str().into(),
        lead: user
            .actor
            .unit_ids
            .iter()
            .find(|u| events::can_create_event(&user.actor, **u))
            .map(|u| u.0.to_string())
            .unwrap_or_default(),
        ..Default::default()
    };
    form_page(&app, &ctx, &user, None, f, FieldErrors::new()).await
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<EventForm>,
) -> Result<Response, AppError> {
    let token = crate::once::posted(&f.once)?;
    let input = match f.parse(ctx.lang, ctx.tr()) {
        Ok(i) => i,
        Err(errors) => return form_page(&app, &ctx, &user, None, f, errors).await,
    };
    if !input
        .lead_units
        .iter()
        .all(|u| events::can_create_event(&user.actor, *u))
    {
        return Err(AppError::Forbidden);
    }
    let result = |id: i64| back_path(EventId(id), "created", "top");
    let once = crate::once::key(token.as_ref(), "event.create", &result);
    match app
        .store()
        .create_event_once(&input, once.as_ref(), &user.actor)
        .await
    {
        Ok(Created::New(id)) => Ok(back(&ctx, id, "created", "top")),
        // A second submit of the form: the first's event, as if this one had made it.
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
    Id(id): Id<domain::EventId>,
) -> Result<Response, AppError> {
    let ev = visible_event(&app, &user, id).await?;
    if !events::can_edit_event(&user.actor, &ev.item_units()) {
        return Err(AppError::Forbidden);
    }
    form_page(
        &app,
        &ctx,
        &user,
        Some((id.0, ev.version)),
        EventForm::from_event(&ev),
        FieldErrors::new(),
    )
    .await
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::EventId>,
    Posted { form: mut f, pairs }: Posted<EventForm>,
) -> Result<Response, AppError> {
    let version = version_of(&pairs)?;
    let ev = visible_event(&app, &user, id).await?;
    if !events::can_edit_event(&user.actor, &ev.item_units()) {
        return Err(AppError::Forbidden);
    }
    f.status = ev.status.as_str().into();
    let input = match f.parse(ctx.lang, ctx.tr()) {
        Ok(i) => i,
        Err(errors) => {
            return form_page(&app, &ctx, &user, Some((id.0, version)), f, errors).await;
        }
    };
    match app
        .store()
        .update_event(id, version, &input, &user.actor)
        .await
    {
        Ok(_) => Ok(back(&ctx, id, "saved", "top")),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            let errors = FieldErrors::whole(msg);
            form_page(&app, &ctx, &user, Some((id.0, version)), f, errors).await
        }
    }
}

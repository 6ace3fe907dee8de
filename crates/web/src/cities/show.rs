//! A city's page: its facts, its timeline (`cities::timeline`), the letter form; and the
//! event and delegation pages' city links.

use super::{Fields, require_view};
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::cities::{LetterDirection, LetterDraft, LetterKind};
use domain::{CityId, DelegationId, EventId};

#[derive(Template)]
#[template(path = "cities/show.html")]
struct ShowPage<'a> {
    l: Layout<'a>,
    city: store::CityRecord,
    field: String,
    colour: String,
    status: String,
    point: String,
    timeline: Vec<super::timeline::TimelineLine>,
    timeline_nav: super::timeline::TimelineNav,
    can_edit: bool,
    letter: LetterDraft,
    kinds: Vec<Choice>,
    directions: Vec<Choice>,
    errors: FieldErrors,
    contacts: super::contacts::Contacts,
    /// Where the contact form posts (`cities/contacts.html`).
    action: String,
}

fn vocab_choices<T: Copy + PartialEq>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    chosen: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: code(*v).to_string(),
            label: label(*v).to_string(),
            selected: code(*v) == chosen,
        })
        .collect()
}

/// What the page shows besides the city: the letter form as typed and its errors, the
/// contact form's refusal, and which page of the timeline.
pub(super) struct Shown {
    pub letter: LetterDraft,
    pub errors: FieldErrors,
    pub contact_error: String,
    pub timeline_page: usize,
    /// A letter's refused file: the letter and the message beside its attach form.
    pub attach_error: Option<(i64, String)>,
}

impl Shown {
    pub(super) fn fresh(timeline_page: usize) -> Shown {
        Shown {
            letter: blank_letter(),
            errors: FieldErrors::new(),
            contact_error: String::new(),
            timeline_page,
            attach_error: None,
        }
    }
}

pub(super) async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: CityId,
    shown: Shown,
) -> Result<Response, AppError> {
    let Shown {
        letter,
        errors,
        contact_error,
        timeline_page,
        attach_error,
    } = shown;
    let lang = ctx.lang;
    let can_edit = domain::cities::can_edit_cities(&user.actor);
    let mut contacts = super::contacts::load(app, lang, Some(id), can_edit).await?;
    let failed = !errors.is_empty() || !contact_error.is_empty() || attach_error.is_some();
    contacts.error = contact_error;
    let city = app.store().city(id).await?.ok_or(AppError::NotFound)?;
    // The Board invites a Vietnamese city's focal points from here as from /network/members.
    let network = domain::network::is_network_city(&city.slug, &city.country, city.status);
    contacts.invite_city = (network && can_edit).then_some(id.0);
    let fields = Fields::load(app, lang).await?;
    let (timeline, timeline_nav) =
        super::timeline::lines(app, lang, id, timeline_page, attach_error.as_ref()).await?;
    Ok(render_form_page(
        ShowPage {
            l: Layout::new(ctx, &city.name, "cities"),
            field: fields.name(city.field),
            colour: fields
                .get(city.field)
                .map(|f| f.colour.clone())
                .unwrap_or_default(),
            status: city.status.label(lang).to_string(),
            point: city
                .point
                .map(|(la, lo)| format!("{la:.4}, {lo:.4}"))
                .unwrap_or_default(),
            city,
            timeline,
            timeline_nav,
            can_edit,
            contacts,
            action: format!("/cities/{id}/contacts"),
            kinds: vocab_choices(
                LetterKind::ALL,
                LetterKind::as_str,
                |k| k.label(lang),
                &letter.kind,
            ),
            directions: vocab_choices(
                LetterDirection::ALL,
                LetterDirection::as_str,
                |d| d.label(lang),
                &letter.direction,
            ),
            letter,
            errors,
        },
        failed,
    ))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ShowQuery {
    tpage: String,
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CityId>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let at = q.tpage.parse().unwrap_or(1);
    page(&app, &ctx, &user, id, Shown::fresh(at)).await
}

fn blank_letter() -> LetterDraft {
    LetterDraft {
        kind: LetterKind::Letter.as_str().into(),
        direction: LetterDirection::Out.as_str().into(),
        ..Default::default()
    }
}

/// The page again with the contact form's refusal beside it.
pub(super) async fn with_contact_error(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: CityId,
    msg: String,
) -> Result<Response, AppError> {
    let shown = Shown {
        contact_error: msg,
        ..Shown::fresh(1)
    };
    page(app, ctx, user, id, shown).await
}

/// The cities ticked on the event page (`city` repeated).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct EventCitiesForm {
    city: Vec<String>,
}

impl EventCitiesForm {
    /// The ticked cities (an empty box is none; anything else not an id is a forged form).
    fn cities(&self) -> Result<Vec<CityId>, AppError> {
        self.city
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().map(CityId))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| AppError::BadRequest("city id".into()))
    }
}

pub async fn event_cities(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<EventId>,
    Posted { form, .. }: Posted<EventCitiesForm>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let cities = form.cities()?;
    app.store()
        .set_event_cities(id, &cities, &user.actor)
        .await?;
    // A query, not a #fragment: htmx would only scroll (`events::show::back`).
    Ok(redirect(
        &ctx,
        &format!("/events/{id}?notice=saved&at=cities"),
    ))
}

/// `POST /delegations/{id}/cities`: the cities a delegation goes to (its editors).
pub async fn delegation_cities(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<DelegationId>,
    Posted { form, .. }: Posted<EventCitiesForm>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let cities = form.cities()?;
    app.store()
        .set_delegation_cities(id, &cities, &user.actor)
        .await?;
    Ok(redirect(&ctx, &format!("/delegations/{id}")))
}

/// An event's or a delegation's city links: the linked cities and, for its editors,
/// every city to pick from.
pub struct CityLinks {
    pub linked: Vec<(i64, String)>,
    pub all: Vec<Choice>,
}

async fn links(
    app: &AppState,
    linked: Vec<(CityId, String)>,
    can_edit: bool,
) -> Result<CityLinks, AppError> {
    let linked: Vec<(i64, String)> = linked.into_iter().map(|(id, n)| (id.0, n)).collect();
    let all = if can_edit {
        app.store()
            .city_names()
            .await?
            .into_iter()
            .map(|(id, name)| Choice {
                selected: linked.iter().any(|(l, _)| *l == id.0),
                value: id.to_string(),
                label: name,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(CityLinks { linked, all })
}

pub async fn for_event(
    app: &AppState,
    event: EventId,
    can_edit: bool,
) -> Result<CityLinks, AppError> {
    links(app, app.store().event_cities(event).await?, can_edit).await
}

pub async fn for_delegation(
    app: &AppState,
    delegation: DelegationId,
    can_edit: bool,
) -> Result<CityLinks, AppError> {
    let linked = app.store().delegation_cities(delegation).await?;
    links(app, linked, can_edit).await
}

//! A city's page: its facts, one timeline of its events and letters (newest first,
//! `domain::cities::timeline`), the letter form; and the event page's city links.

use super::{Fields, require_edit, require_view};
use crate::AppState;
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
use domain::cities::{
    Interaction, InteractionKind, LetterDirection, LetterDraft, LetterField, LetterKind, event_day,
    letter_detail, timeline,
};
use domain::{CityId, EventId};

pub struct TimelineLine {
    pub date: String,
    pub href: Option<String>,
    pub title: String,
    pub detail: String,
    pub event: bool,
}

#[derive(Template)]
#[template(path = "cities/show.html")]
struct ShowPage<'a> {
    l: Layout<'a>,
    city: store::CityRecord,
    field: String,
    colour: String,
    status: String,
    point: String,
    timeline: Vec<TimelineLine>,
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

async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: CityId,
    letter: LetterDraft,
    errors: FieldErrors,
    contact_error: String,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let can_edit = domain::cities::can_edit_cities(&user.actor);
    let mut contacts = super::contacts::load(app, lang, Some(id), can_edit).await?;
    let failed = !errors.is_empty() || !contact_error.is_empty();
    contacts.error = contact_error;
    let city = app.store().city(id).await?.ok_or(AppError::NotFound)?;
    let fields = Fields::load(app, lang).await?;
    let (events, letters) = app.store().city_interactions(id).await?;
    let mut entries: Vec<Interaction> = events
        .into_iter()
        .filter_map(|e| {
            Some(Interaction {
                on: event_day(e.start_at)?,
                kind: InteractionKind::Event,
                id: e.id.0,
                title: e.title,
                detail: format!("{} · {}", e.kind.label(lang), e.status.label(lang)),
            })
        })
        .collect();
    entries.extend(letters.into_iter().map(|l| Interaction {
        on: l.date,
        kind: InteractionKind::Letter,
        id: l.id,
        title: l.title,
        detail: letter_detail(lang, l.kind, l.direction, &l.number),
    }));
    let timeline = timeline(entries)
        .into_iter()
        .map(|e| TimelineLine {
            date: domain::format_date(e.on),
            href: (e.kind == InteractionKind::Event).then(|| format!("/events/{}", e.id)),
            event: e.kind == InteractionKind::Event,
            title: e.title,
            detail: e.detail,
        })
        .collect();
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

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CityId>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let draft = blank_letter();
    page(
        &app,
        &ctx,
        &user,
        id,
        draft,
        FieldErrors::new(),
        String::new(),
    )
    .await
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
    page(app, ctx, user, id, blank_letter(), FieldErrors::new(), msg).await
}

/// The form field each letter error goes beside.
fn letter_field(f: LetterField) -> &'static str {
    match f {
        LetterField::Kind => "l-kind",
        LetterField::Direction => "l-direction",
        LetterField::Date => "l-date",
        LetterField::Title => "l-title",
    }
}

pub async fn add_letter(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CityId>,
    Posted { form, .. }: Posted<LetterDraft>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let input = match form.check() {
        Ok(i) => i,
        Err(list) => {
            let mut errors = FieldErrors::new();
            for (f, e) in list {
                errors.add(letter_field(f), e.message(ctx.lang));
            }
            return page(&app, &ctx, &user, id, form, errors, String::new()).await;
        }
    };
    match app.store().add_letter(id, &input, &user.actor).await {
        Ok(_) => Ok(redirect(&ctx, &format!("/cities/{id}#timeline"))),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            page(
                &app,
                &ctx,
                &user,
                id,
                form,
                FieldErrors::whole(msg),
                String::new(),
            )
            .await
        }
    }
}

/// The cities ticked on the event page (`city` repeated).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct EventCitiesForm {
    city: Vec<String>,
}

pub async fn event_cities(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<EventId>,
    Posted { form, .. }: Posted<EventCitiesForm>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let cities = form
        .city
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map(CityId))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| AppError::BadRequest("city id".into()))?;
    app.store()
        .set_event_cities(id, &cities, &user.actor)
        .await?;
    // A query, not a #fragment: htmx would only scroll (`events::show::back`).
    Ok(redirect(
        &ctx,
        &format!("/events/{id}?notice=saved&at=cities"),
    ))
}

/// The event page's city links: the linked cities and, for its editors, every city to
/// pick from.
pub struct EventCities {
    pub linked: Vec<(i64, String)>,
    pub all: Vec<Choice>,
}

pub async fn for_event(
    app: &AppState,
    event: EventId,
    can_edit: bool,
) -> Result<EventCities, AppError> {
    let linked: Vec<(i64, String)> = app
        .store()
        .event_cities(event)
        .await?
        .into_iter()
        .map(|(id, n)| (id.0, n))
        .collect();
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
    Ok(EventCities { linked, all })
}

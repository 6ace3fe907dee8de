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
use axum::extract::{Query, State};
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

/// The timeline's pages: newest first, [`TIMELINE_PAGE`] a page.
pub struct TimelineNav {
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub newer: Option<String>,
    pub older: Option<String>,
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
    timeline_nav: TimelineNav,
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

/// Timeline entries a page: a city with years of exchanges stays one light page.
const TIMELINE_PAGE: usize = 100;

/// What the page shows besides the city: the letter form as typed and its errors, the
/// contact form's refusal, and which page of the timeline.
struct Shown {
    letter: LetterDraft,
    errors: FieldErrors,
    contact_error: String,
    timeline_page: usize,
}

impl Shown {
    fn fresh(timeline_page: usize) -> Shown {
        Shown {
            letter: blank_letter(),
            errors: FieldErrors::new(),
            contact_error: String::new(),
            timeline_page,
        }
    }
}

async fn page(
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
    } = shown;
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
    let all = timeline(entries);
    let pages = all.len().div_ceil(TIMELINE_PAGE).max(1);
    let at = timeline_page.clamp(1, pages);
    let link = |p: usize| format!("/cities/{id}?tpage={p}#timeline");
    let timeline_nav = TimelineNav {
        total: all.len(),
        page: at,
        pages,
        newer: (at > 1).then(|| link(at - 1)),
        older: (at < pages).then(|| link(at + 1)),
    };
    let timeline = all
        .into_iter()
        .skip((at - 1) * TIMELINE_PAGE)
        .take(TIMELINE_PAGE)
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
            let shown = Shown {
                letter: form,
                errors,
                ..Shown::fresh(1)
            };
            return page(&app, &ctx, &user, id, shown).await;
        }
    };
    match app.store().add_letter(id, &input, &user.actor).await {
        Ok(_) => Ok(redirect(&ctx, &format!("/cities/{id}#timeline"))),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            let shown = Shown {
                letter: form,
                errors: FieldErrors::whole(msg),
                ..Shown::fresh(1)
            };
            page(&app, &ctx, &user, id, shown).await
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

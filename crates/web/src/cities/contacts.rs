//! Contacts (issue 19): people of the directory (`/people`) with a role for a city — focal
//! point, mayor's office, executive contact, subnetwork coordinator — or at UNESCO (the
//! Secretariat in Paris, the Hanoi Office), which has its own page. The Board and admins
//! add and remove them.

use super::{require_edit, require_view};
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::extract::Id;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::{CityId, ContactRole, Language, PersonId};

pub struct ContactLine {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub detail: String,
    pub person: i64,
    /// A focal point with an e-mail: the Board may invite them into the network space
    /// (when the city is the network's: `Contacts::invite_city`).
    pub invitable: bool,
}

/// What a place's contact section shows: its contacts and, for editors, the form's choices.
pub struct Contacts {
    pub lines: Vec<ContactLine>,
    /// The city, when it is one of the Vietnamese network's and the reader may invite its
    /// focal points (`domain::network::is_network_city`, the Board and admins).
    pub invite_city: Option<i64>,
    pub people: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub error: String,
}

pub async fn load(
    app: &AppState,
    lang: Language,
    city: Option<CityId>,
    can_edit: bool,
) -> Result<Contacts, AppError> {
    let lines = app
        .store()
        .contacts(city)
        .await?
        .into_iter()
        .map(|c| ContactLine {
            id: c.id,
            person: c.person.0,
            invitable: c.role == ContactRole::FocalPoint && !c.email.trim().is_empty(),
            name: c.name,
            role: c.role.label(lang).to_string(),
            detail: [c.organisation, c.email, c.phone]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect();
    let (people, roles) = if can_edit {
        let people = app.store().list_people(None, None).await?;
        let people = people
            .into_iter()
            .map(|p| Choice {
                value: p.id.to_string(),
                label: if p.organisation.is_empty() {
                    p.name
                } else {
                    format!("{} ({})", p.name, p.organisation)
                },
                selected: false,
            })
            .collect();
        let roles = ContactRole::offered(city.is_none())
            .into_iter()
            .map(|r| Choice {
                value: r.as_str().into(),
                label: r.label(lang).into(),
                selected: false,
            })
            .collect();
        (people, roles)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Contacts {
        lines,
        invite_city: None,
        people,
        roles,
        error: String::new(),
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ContactForm {
    person: String,
    role: String,
}

/// The contact, or the message to show beside the form.
async fn add(
    app: &AppState,
    ctx: &Ctx,
    user: &crate::session::SessionUser,
    city: Option<CityId>,
    f: &ContactForm,
) -> Result<Result<(), String>, AppError> {
    let (Ok(person), Ok(role)) = (
        f.person.parse().map(PersonId),
        f.role.parse::<ContactRole>(),
    ) else {
        return Ok(Err(ctx.tr().t("refusal.city.bad_choice").to_string()));
    };
    match app
        .store()
        .add_contact(city, person, role, &user.actor)
        .await
    {
        Ok(_) => Ok(Ok(())),
        Err(e) => Ok(Err(AppError::from(e).into_form_message(ctx)?)),
    }
}

pub async fn add_for_city(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<CityId>,
    Posted { form, .. }: Posted<ContactForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    match add(&app, &ctx, &user, Some(id), &form).await? {
        Ok(()) => Ok(redirect(&ctx, &format!("/cities/{id}"))),
        Err(msg) => super::show::with_contact_error(&app, &ctx, &user, id, msg).await,
    }
}

#[derive(Template)]
#[template(path = "cities/unesco.html")]
struct UnescoPage<'a> {
    l: Layout<'a>,
    contacts: Contacts,
    can_edit: bool,
    action: &'static str,
}

async fn unesco_page(
    app: &AppState,
    ctx: &Ctx,
    user: &crate::session::SessionUser,
    error: String,
) -> Result<Response, AppError> {
    let can_edit = domain::cities::can_edit_cities(&user.actor);
    let mut contacts = load(app, ctx.lang, None, can_edit).await?;
    let failed = !error.is_empty();
    contacts.error = error;
    Ok(render_form_page(
        UnescoPage {
            l: Layout::new(ctx, ctx.tr().t("cities.unesco"), "cities"),
            contacts,
            can_edit,
            action: "/cities/unesco/contacts",
        },
        failed,
    ))
}

pub async fn unesco(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_view(&user)?;
    unesco_page(&app, &ctx, &user, String::new()).await
}

pub async fn add_for_unesco(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form, .. }: Posted<ContactForm>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    match add(&app, &ctx, &user, None, &form).await? {
        Ok(()) => Ok(redirect(&ctx, "/cities/unesco")),
        Err(msg) => unesco_page(&app, &ctx, &user, msg).await,
    }
}

pub async fn remove(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let back = match app.store().remove_contact(id, &user.actor).await? {
        Some(city) => format!("/cities/{city}"),
        None => "/cities/unesco".into(),
    };
    Ok(redirect(&ctx, &back))
}

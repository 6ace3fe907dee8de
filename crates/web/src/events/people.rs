//! The people directory: experts (field, organisation, contact), interpreters (language
//! pairs) and staff. The department's people read and edit it; partners do not see it
//! (it holds contacts).

use super::Choice;
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{Posted, version_of};
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page, render_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use domain::{Language, LanguagePair, PersonId, PersonKind, events};
use store::{PersonInput, PersonRecord};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people", get(list).post(create))
        .route("/people/new", get(new_form))
        .route("/people/{id}", get(edit_form).post(update))
}

#[derive(serde::Deserialize, Default)]
pub struct PeopleQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    q: String,
}

pub struct PersonLine {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub detail: String,
    pub contact: String,
}

#[derive(Template)]
#[template(path = "events/people.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    people: Vec<PersonLine>,
    kinds: Vec<Choice>,
    q: String,
}

fn require(user: &SessionUser) -> Result<(), AppError> {
    if events::can_view_people(&user.actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<PeopleQuery>,
) -> Result<Response, AppError> {
    require(&user)?;
    let lang = ctx.lang;
    let kind: Option<PersonKind> = q.kind.parse().ok();
    let people = app
        .store()
        .list_people(kind, Some(q.q.as_str()))
        .await?
        .into_iter()
        .map(|p| person_line(lang, p))
        .collect();
    let title = ctx.tr().t("people.title").to_string();
    Ok(render_page(ListPage {
        l: Layout::new(&ctx, &title, "events"),
        people,
        kinds: super::choices(
            PersonKind::ALL,
            PersonKind::as_str,
            |k| k.label(lang),
            &kind.into_iter().collect::<Vec<_>>(),
        ),
        q: q.q,
    }))
}

/// A directory line: interpreters with their language pairs, others with title, field
/// and organisation.
fn person_line(lang: Language, p: PersonRecord) -> PersonLine {
    let detail = match p.kind {
        PersonKind::Interpreter => p
            .language_pairs
            .iter()
            .map(|x| x.label(lang))
            .collect::<Vec<_>>()
            .join(", "),
        _ => [p.title.as_str(), p.field.as_str(), p.organisation.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
    };
    PersonLine {
        id: p.id.0,
        name: p.name,
        kind: p.kind.label(lang).to_string(),
        detail,
        contact: [p.email, p.phone]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

/// The form as typed (sticky on errors); the edit form's `version` is read apart.
#[derive(Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub kind: String,
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub field: String,
    pub email: String,
    pub phone: String,
    /// The ticked language pairs ("vi-en"); a value may hold several, comma-separated.
    pub pairs: Vec<String>,
    pub notes: String,
}

#[derive(Template)]
#[template(path = "events/person_form.html")]
struct FormPage<'a> {
    l: Layout<'a>,
    id: Option<i64>,
    version: i64,
    f: PersonForm,
    kinds: Vec<Choice>,
    pairs: Vec<Choice>,
    errors: FieldErrors,
}

/// The pairs to tick: Vietnamese with each named language, then any other pair the
/// person has, each ticked when chosen.
fn pair_choices(chosen: &[String], lang: Language) -> Vec<Choice> {
    let chosen = LanguagePair::parse_list(&chosen.join(",")).unwrap_or_default();
    let mut all = LanguagePair::offered();
    let others: Vec<LanguagePair> = chosen
        .iter()
        .filter(|p| !all.contains(p))
        .cloned()
        .collect();
    all.extend(others);
    all.into_iter()
        .map(|p| Choice {
            value: format!("{}-{}", p.from, p.to),
            label: p.label(lang),
            selected: chosen.contains(&p),
        })
        .collect()
}

fn form_page(
    ctx: &Ctx,
    id: Option<(i64, i64)>,
    f: PersonForm,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let title = ctx.tr().t("people.edit").to_string();
    let kinds = PersonKind::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str().into(),
            label: k.label(lang).into(),
            selected: f.kind == k.as_str(),
        })
        .collect();
    let failed = !errors.is_empty();
    let pairs = pair_choices(&f.pairs, lang);
    Ok(render_form_page(
        FormPage {
            l: Layout::new(ctx, &title, "events"),
            id: id.map(|(i, _)| i),
            version: id.map(|(_, v)| v).unwrap_or(0),
            f,
            kinds,
            pairs,
            errors,
        },
        failed,
    ))
}

/// The person, or every field's problem.
fn parse(ctx: &Ctx, f: &PersonForm) -> Result<PersonInput, FieldErrors> {
    let mut e = FieldErrors::new();
    let kind: Option<PersonKind> = e.take(
        "p-kind",
        f.kind
            .parse()
            .map_err(|_| ctx.tr().t("people.pick_kind").to_string()),
    );
    if f.name.trim().is_empty() {
        e.add("p-name", domain::EventError::NameRequired.message(ctx.lang));
    }
    let language_pairs = e.take(
        "p-pairs",
        LanguagePair::parse_list(&f.pairs.join(",")).map_err(|x| x.message(ctx.lang)),
    );
    let (Some(kind), Some(language_pairs), true) = (kind, language_pairs, e.is_empty()) else {
        return Err(e);
    };
    Ok(PersonInput {
        kind: Some(kind),
        name: f.name.clone(),
        title: f.title.clone(),
        organisation: f.organisation.clone(),
        field: f.field.clone(),
        email: f.email.clone(),
        phone: f.phone.clone(),
        language_pairs,
        notes: f.notes.clone(),
    })
}

pub async fn new_form(Signed(ctx, user): Signed) -> Result<Response, AppError> {
    require(&user)?;
    form_page(
        &ctx,
        None,
        PersonForm {
            kind: PersonKind::Expert.as_str().into(),
            ..Default::default()
        },
        FieldErrors::new(),
    )
}

pub async fn create(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<PersonForm>,
) -> Result<Response, AppError> {
    require(&user)?;
    let input = match parse(&ctx, &f) {
        Ok(i) => i,
        Err(errors) => return form_page(&ctx, None, f, errors),
    };
    match app.store().create_person(&input, &user.actor).await {
        Ok(_) => Ok(redirect(&ctx, "/people")),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            form_page(&ctx, None, f, FieldErrors::whole(msg))
        }
    }
}

pub async fn edit_form(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PersonId>,
) -> Result<Response, AppError> {
    require(&user)?;
    let p = app.store().person(id).await?.ok_or(AppError::NotFound)?;
    let f = PersonForm {
        kind: p.kind.as_str().into(),
        name: p.name,
        title: p.title,
        organisation: p.organisation,
        field: p.field,
        email: p.email,
        phone: p.phone,
        pairs: p
            .language_pairs
            .iter()
            .map(|x| format!("{}-{}", x.from, x.to))
            .collect(),
        notes: p.notes,
    };
    form_page(&ctx, Some((id.0, p.version)), f, FieldErrors::new())
}

pub async fn update(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PersonId>,
    Posted { form: f, pairs }: Posted<PersonForm>,
) -> Result<Response, AppError> {
    require(&user)?;
    let version = version_of(&pairs)?;
    let input = match parse(&ctx, &f) {
        Ok(i) => i,
        Err(errors) => return form_page(&ctx, Some((id.0, version)), f, errors),
    };
    match app
        .store()
        .update_person(id, version, &input, &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(&ctx, "/people")),
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            form_page(&ctx, Some((id.0, version)), f, FieldErrors::whole(msg))
        }
    }
}

//! Users: list, create (one-time password shown once), roles and units, password reset.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{FormError, Posted, ticked};
use crate::page::{Layout, render_form_page, render_page};
use crate::session::{AdminOnly, Ctx, redirect};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::{Language, Role, UnitId, UserId};
use serde::Deserialize;
use store::{NewUser, Unit, UserRecord};

pub struct UserLine {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub roles: String,
    pub units: String,
    pub must_change: bool,
}

pub struct RoleChoice {
    pub code: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

pub struct UnitChoice {
    pub id: i64,
    pub name: String,
    pub selected: bool,
}

pub struct Created {
    pub message: String,
    pub password: String,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage<'a> {
    l: Layout<'a>,
    users: Vec<UserLine>,
    roles: Vec<RoleChoice>,
    units: Vec<UnitChoice>,
    created: Option<Created>,
    /// The new-user form as typed and its problems, when it was refused.
    typed: UserForm,
    errors: FieldErrors,
}

fn role_choices(lang: Language, have: &[Role]) -> Vec<RoleChoice> {
    Role::ALL
        .iter()
        .map(|r| RoleChoice {
            code: r.as_str(),
            label: r.label(lang),
            checked: have.contains(r),
        })
        .collect()
}

fn unit_choices(units: &[Unit], have: &[UnitId]) -> Vec<UnitChoice> {
    units
        .iter()
        .map(|u| UnitChoice {
            id: u.id.0,
            name: u.name.clone(),
            selected: have.contains(&u.id),
        })
        .collect()
}

fn line(lang: Language, u: &UserRecord) -> UserLine {
    UserLine {
        id: u.id.0,
        login: u.login.clone(),
        name: u.display_name.clone(),
        roles: u
            .roles
            .iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join(", "),
        units: u
            .units
            .iter()
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        must_change: u.must_change_password,
    }
}

async fn users_page(
    app: &AppState,
    ctx: &Ctx,
    created: Option<Created>,
    (typed, errors): (UserForm, FieldErrors),
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let users = app
        .store()
        .list_users()
        .await?
        .iter()
        .map(|u| line(lang, u))
        .collect();
    let units = app.store().list_units().await?;
    let title = ctx.tr().t("users.title").to_string();
    let failed = !errors.is_empty();
    // A new form offers "staff"; a refused one keeps what was ticked.
    let roles: Vec<Role> = if failed {
        typed.role.iter().filter_map(|r| r.parse().ok()).collect()
    } else {
        vec![Role::Staff]
    };
    let chosen: Vec<UnitId> = typed.unit.iter().copied().map(UnitId).collect();
    Ok(render_form_page(
        UsersPage {
            l: Layout::new(ctx, &title, "users"),
            users,
            roles: role_choices(lang, &roles),
            units: unit_choices(&units, &chosen),
            created,
            typed,
            errors,
        },
        failed,
    ))
}

pub async fn list(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
) -> Result<Response, AppError> {
    users_page(&app, &ctx, None, Default::default()).await
}

/// Lowercase ASCII letters, digits, `.`, `-`, `_`; 2–64 characters.
pub fn valid_login(login: &str) -> bool {
    (2..=64).contains(&login.len())
        && login.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_')
        })
}

/// The roles and units ticked: on the new-user form and on a user's page.
#[derive(Deserialize)]
pub struct AccessForm {
    #[serde(default)]
    role: Vec<String>,
    #[serde(default)]
    unit: Vec<i64>,
}

impl AccessForm {
    /// Each role once, or the message key when one is not a role: an unknown role is
    /// said, never dropped.
    fn roles(&self) -> Result<Vec<Role>, FormError> {
        let mut roles: Vec<Role> = ticked(&self.role, "form.unknown_role")?;
        roles.sort();
        roles.dedup();
        Ok(roles)
    }

    fn units(&self) -> Vec<UnitId> {
        let mut ids: Vec<UnitId> = self.unit.iter().copied().map(UnitId).collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

async fn new_one_time_password(app: &AppState) -> Result<(String, String), AppError> {
    app.hashing()
        .run(|| {
            let otp = domain::password::generate_one_time_password()
                .map_err(|e| AppError::Internal(e.to_string()))?;
            let hash = domain::password::hash_password(&otp)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            Ok((otp, hash))
        })
        .await?
}

pub async fn create(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Posted { form: f, .. }: Posted<UserForm>,
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let mut new = match f.parse(t) {
        Ok(new) => new,
        Err(errors) => return users_page(&app, &ctx, None, (f, errors)).await,
    };
    let (otp, hash) = new_one_time_password(&app).await?;
    new.password_hash = hash;
    let login = new.login.clone();
    match app.store().create_user_by(new, Some(admin.id)).await {
        Ok(_) => {}
        Err(store::StoreError::LoginTaken(_)) => {
            let mut errors = FieldErrors::new();
            errors.add("new-login", t.t("users.login_taken"));
            return users_page(&app, &ctx, None, (f, errors)).await;
        }
        Err(e) => return Err(e.into()),
    }
    tracing::info!(%login, by = %admin.login, "user created");
    let created = Created {
        message: t.f("users.created", &[("login", &login)]),
        password: otp,
    };
    users_page(&app, &ctx, Some(created), Default::default()).await
}

/// The new-user form.
#[derive(Deserialize, Default, Clone)]
pub struct UserForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: Vec<String>,
    #[serde(default)]
    unit: Vec<i64>,
}

impl UserForm {
    /// The new user, without a password yet (it is made only for a form that reads), or
    /// every field's problem.
    fn parse(&self, t: &crate::i18n::Tr) -> Result<NewUser, FieldErrors> {
        let mut e = FieldErrors::new();
        let login = self.login.trim().to_lowercase();
        let name = self.display_name.trim().to_string();
        let access = AccessForm {
            role: self.role.clone(),
            unit: self.unit.clone(),
        };
        if !valid_login(&login) {
            e.add("new-login", t.t("users.login_invalid"));
        }
        if name.is_empty() {
            e.add("new-name", t.t("users.name_required"));
        }
        let roles = match access.roles() {
            Ok(roles) if roles.is_empty() => {
                e.add("new-roles", t.t("users.no_role"));
                roles
            }
            Ok(roles) => roles,
            Err(key) => {
                e.add("new-roles", t.t(key));
                Vec::new()
            }
        };
        if !e.is_empty() {
            return Err(e);
        }
        Ok(NewUser {
            login,
            display_name: name,
            password_hash: String::new(),
            must_change_password: true,
            language: Language::Vi,
            roles,
            unit_ids: access.units(),
        })
    }
}

#[derive(Template)]
#[template(path = "admin_user.html")]
struct UserPage<'a> {
    l: Layout<'a>,
    user: UserLine,
    roles: Vec<RoleChoice>,
    units: Vec<UnitChoice>,
    new_password: Option<String>,
}

async fn user_page(
    app: &AppState,
    ctx: &Ctx,
    id: UserId,
    new_password: Option<String>,
) -> Result<Response, AppError> {
    let u = app.store().user(id).await?.ok_or(AppError::NotFound)?;
    let units = app.store().list_units().await?;
    let title = u.display_name.clone();
    Ok(render_page(UserPage {
        l: Layout::new(ctx, &title, "users"),
        user: line(ctx.lang, &u),
        roles: role_choices(ctx.lang, &u.roles),
        units: unit_choices(&units, &u.unit_ids()),
        new_password,
    }))
}

pub async fn show(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
    Id(id): Id<UserId>,
) -> Result<Response, AppError> {
    user_page(&app, &ctx, id, None).await
}

pub async fn set_access(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(id): Id<domain::UserId>,
    Posted { form: f, .. }: Posted<AccessForm>,
) -> Result<Response, AppError> {
    app.store().user(id).await?.ok_or(AppError::NotFound)?;
    let roles = f.roles().map_err(AppError::form)?;
    let units = f.units();
    if id == admin.id && !roles.contains(&Role::Admin) {
        return Err(AppError::BadRequest("users.self_admin".into()));
    }
    app.store()
        .set_user_roles_and_units(id, &roles, &units, Some(admin.id))
        .await?;
    Ok(redirect(
        &ctx,
        &format!("/admin/users/{id}?notice=user_updated"),
    ))
}

pub async fn reset_password(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(id): Id<domain::UserId>,
) -> Result<Response, AppError> {
    let u = app.store().user(id).await?.ok_or(AppError::NotFound)?;
    let (otp, hash) = new_one_time_password(&app).await?;
    app.store()
        .set_password_by(id, &hash, true, Some(admin.id))
        .await?;
    app.store().delete_user_sessions(id).await?;
    tracing::info!(login = %u.login, by = %admin.login, "password reset");
    user_page(&app, &ctx, id, Some(otp)).await
}

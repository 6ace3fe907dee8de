//! Users: list, create (one-time password shown once), edit name, e-mail, roles and
//! units, deactivate and reactivate, password reset.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{FormError, Posted, ticked};
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page};
use crate::session::{AdminOnly, Ctx, redirect};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::{Language, Role, SetupError, UnitId, UserId};
use serde::Deserialize;
use store::{NewUser, StoreError, Unit, UserEdit, UserRecord};

pub struct UserLine {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub roles: String,
    pub units: String,
    pub must_change: bool,
    pub active: bool,
    pub email: String,
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

/// The units offered: the active ones, and any deactivated one the user already has.
fn unit_choices(units: &[Unit], have: &[UnitId]) -> Vec<UnitChoice> {
    units
        .iter()
        .filter(|u| u.active || have.contains(&u.id))
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
        active: u.active,
        email: u.email.clone().unwrap_or_default(),
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
        if let Err(setup) = domain::setup::check_access(&roles, &access.units()) {
            e.add("new-units", setup.message(t.lang));
        }
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
    /// The account's version now (the activity form's).
    version: i64,
    /// The admin's own account: no switch to lock themselves out.
    is_self: bool,
    roles: Vec<RoleChoice>,
    units: Vec<UnitChoice>,
    new_password: Option<String>,
    /// The edit form as typed, and its problems.
    typed: EditForm,
    errors: FieldErrors,
}

async fn user_page(
    app: &AppState,
    ctx: &Ctx,
    id: UserId,
    new_password: Option<String>,
    typed: Option<EditForm>,
    (errors, status): (FieldErrors, StatusCode),
) -> Result<Response, AppError> {
    let u = app.store().user(id).await?.ok_or(AppError::NotFound)?;
    let units = app.store().list_units().await?;
    let typed = typed.unwrap_or_else(|| EditForm::of(&u));
    let roles: Vec<Role> = typed.role.iter().filter_map(|r| r.parse().ok()).collect();
    let chosen: Vec<UnitId> = typed.unit.iter().copied().map(UnitId).collect();
    let title = u.display_name.clone();
    let mut r = render_form_page(
        UserPage {
            l: Layout::new(ctx, &title, "users"),
            user: line(ctx.lang, &u),
            version: u.version,
            is_self: ctx.user.as_ref().is_some_and(|me| me.actor.user_id == id),
            roles: role_choices(ctx.lang, &roles),
            units: unit_choices(&units, &chosen),
            new_password,
            typed,
            errors,
        },
        false,
    );
    *r.status_mut() = status;
    Ok(r)
}

pub async fn show(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
    Id(id): Id<UserId>,
) -> Result<Response, AppError> {
    user_page(&app, &ctx, id, None, None, Default::default()).await
}

/// A user's page form: name, e-mail address, roles and units, over a version.
#[derive(Deserialize, Default, Clone)]
pub struct EditForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: Vec<String>,
    #[serde(default)]
    unit: Vec<i64>,
}

impl EditForm {
    fn of(u: &UserRecord) -> EditForm {
        EditForm {
            version: u.version,
            display_name: u.display_name.clone(),
            email: u.email.clone().unwrap_or_default(),
            role: u.roles.iter().map(|r| r.as_str().to_string()).collect(),
            unit: u.unit_ids().iter().map(|u| u.0).collect(),
        }
    }

    /// The edit, or each field's problem (the store checks the rules again).
    fn parse(&self, t: &crate::i18n::Tr) -> Result<UserEdit, FieldErrors> {
        let mut e = FieldErrors::new();
        let access = AccessForm {
            role: self.role.clone(),
            unit: self.unit.clone(),
        };
        let email = crate::oversight::emails::address(&self.email).unwrap_or_else(|()| {
            e.add(
                "edit-email",
                t.f("reminder.bad_email", &[("value", &self.email)]),
            );
            None
        });
        let roles = access.roles().unwrap_or_else(|key| {
            e.add("edit-roles", t.t(key));
            Vec::new()
        });
        if roles.is_empty() {
            e.add("edit-roles", t.t("users.no_role"));
        }
        let edit = UserEdit {
            display_name: self.display_name.clone(),
            email,
            roles,
            unit_ids: access.units(),
        };
        if let Err(err) =
            domain::setup::check_name(&edit.display_name, domain::setup::USER_NAME_LIMIT)
        {
            e.add("edit-name", err.message(t.lang));
        }
        if let Err(err) = domain::setup::check_access(&edit.roles, &edit.unit_ids) {
            e.add("edit-units", err.message(t.lang));
        }
        if e.is_empty() { Ok(edit) } else { Err(e) }
    }
}

/// Where a store refusal of the edit is shown.
fn edit_field(e: &SetupError) -> &'static str {
    match e {
        SetupError::NameMissing | SetupError::NameTooLong(_) => "edit-name",
        SetupError::StaffWithoutUnit | SetupError::UnitInactive(_) => "edit-units",
        SetupError::SelfLockout => "edit-roles",
        _ => "",
    }
}

/// A refused edit or activity change as the page's errors and status.
fn refused(
    ctx: &Ctx,
    e: StoreError,
    typed: &mut EditForm,
) -> Result<(FieldErrors, StatusCode), AppError> {
    let mut errors = FieldErrors::new();
    match e {
        StoreError::Setup(e) => {
            errors.add(edit_field(&e), e.message(ctx.lang));
            Ok((errors, StatusCode::UNPROCESSABLE_ENTITY))
        }
        StoreError::Conflict { conflict, .. } => {
            typed.version = conflict.current;
            errors.add("", ctx.tr().t("setup.conflict"));
            Ok((errors, StatusCode::CONFLICT))
        }
        e => Err(e.into()),
    }
}

/// `POST /admin/users/{id}`: saves the name, e-mail address, roles and units.
pub async fn update(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(id): Id<UserId>,
    Posted { form: mut f, .. }: Posted<EditForm>,
) -> Result<Response, AppError> {
    let edit = match f.parse(ctx.tr()) {
        Ok(edit) => edit,
        Err(errors) => {
            let shown = (errors, StatusCode::UNPROCESSABLE_ENTITY);
            return user_page(&app, &ctx, id, None, Some(f), shown).await;
        }
    };
    match app
        .store()
        .update_user(id, f.version, &edit, &admin.actor)
        .await
    {
        Ok(()) => Ok(redirect(
            &ctx,
            &format!("/admin/users/{id}?notice=user_updated"),
        )),
        Err(e) => {
            let shown = refused(&ctx, e, &mut f)?;
            user_page(&app, &ctx, id, None, Some(f), shown).await
        }
    }
}

/// `POST /admin/users/{id}/active`: deactivating ends the account's sessions and closes
/// its personal calendar feeds; it can no longer sign in. Reactivating undoes that.
pub async fn set_active(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Id(id): Id<UserId>,
    Posted { form: f, .. }: Posted<super::ActiveForm>,
) -> Result<Response, AppError> {
    let active = f.active()?;
    match app
        .store()
        .set_user_active_by(id, f.version, active, &admin.actor)
        .await
    {
        Ok(()) => {
            tracing::info!(user = %id, active, by = %admin.login, "account activity changed");
            let notice = if active {
                "user_reactivated"
            } else {
                "user_deactivated"
            };
            Ok(redirect(
                &ctx,
                &format!("/admin/users/{id}?notice={notice}"),
            ))
        }
        Err(e) => {
            let (mut errors, status) = refused(&ctx, e, &mut EditForm::default())?;
            // Said beside the button, not a field of the edit form.
            if let Some(m) = errors.of("edit-roles").map(str::to_string) {
                errors = FieldErrors::whole(m);
            }
            user_page(&app, &ctx, id, None, None, (errors, status)).await
        }
    }
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
    user_page(&app, &ctx, id, Some(otp), None, Default::default()).await
}

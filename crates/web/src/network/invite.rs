//! The network's members and their accounts: the Board (or an admin) invites a city's focal
//! point on `/network/members`; the invitation goes by e-mail (the configured mailer) with
//! a one-time sign-up link, `/network/join/{token}`, good for `INVITATION_DAYS` days. Only
//! the token's SHA-256 is stored. Following it, the focal point picks a login and a
//! password (argon2id, as every account) and gets a network account of their city.

use super::viewer;
use crate::AppState;
use crate::errors::AppError;
use crate::extract::TableFormat;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::page::{Layout, render_form_page, render_page};
use crate::session::{Ctx, Signed, new_token, redirect, token_hash};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use domain::network::{INVITATION_DAYS, NetworkError};
use domain::{CityId, PersonId};
use reports::{Cell, Table};
use store::{NetworkInvitation, NetworkMember, NewNetworkInvitation, StoreError};

#[derive(Template)]
#[template(path = "network/members.html")]
struct MembersPage<'a> {
    l: Layout<'a>,
    members: Vec<NetworkMember>,
    manage: bool,
    /// After an invitation: the address it went to, or (no mailer) the link to pass on.
    sent_to: String,
    link: String,
    error: String,
    lang: domain::Language,
    /// Unix seconds, to tell an expired link.
    now: i64,
}

impl MembersPage<'_> {
    fn status(&self, m: &NetworkMember) -> &'static str {
        m.status.label(self.lang)
    }

    fn expires(&self, inv: &NetworkInvitation) -> String {
        crate::items::local_time(inv.expires_at)
    }

    fn expired(&self, inv: &NetworkInvitation) -> bool {
        inv.expires_at <= self.now
    }

    /// Whether the person has a link already (the button then sends it again).
    fn invited(&self, m: &NetworkMember, person: &PersonId) -> bool {
        m.pending.iter().any(|p| p.person == *person)
    }
}

async fn members_page(
    app: &AppState,
    ctx: &Ctx,
    manage: bool,
    (sent_to, link, error): (String, String, String),
) -> Result<Response, AppError> {
    let members = app.store().network_members().await?;
    let title = ctx.tr().t("network.members").to_string();
    let failed = !error.is_empty();
    Ok(render_form_page(
        MembersPage {
            l: Layout::new(ctx, &title, "network_members"),
            members,
            manage,
            sent_to,
            link,
            error,
            lang: ctx.lang,
            now: app.now().timestamp(),
        },
        failed,
    ))
}

/// `GET /network/members`: the department's view of the network's cities.
pub async fn members(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    let viewer = viewer(&user)?;
    if viewer.city().is_some() {
        return Err(AppError::Forbidden);
    }
    members_page(&app, &ctx, viewer.may_manage(), Default::default()).await
}

#[derive(serde::Deserialize)]
pub struct InviteForm {
    city: i64,
    person: i64,
}

/// The address people reach the server at: `public_url`, else the request's host.
pub(super) fn public_base(app: &AppState, headers: &HeaderMap) -> String {
    if let Some(u) = &app.config().public_url {
        return u.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    let scheme = if app.config().cookie_secure {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// `POST /network/invitations`: records the link and sends it to the focal point.
pub async fn invite(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    headers: HeaderMap,
    Posted { form: f, .. }: Posted<InviteForm>,
) -> Result<Response, AppError> {
    let token = new_token()?;
    let expires_at = app.now().timestamp() + INVITATION_DAYS * 86_400;
    let inv = NewNetworkInvitation {
        city: CityId(f.city),
        person: PersonId(f.person),
        token_hash: token_hash(&token),
        expires_at,
    };
    let (_, email) = match app.store().invite_focal_point(&inv, &user.actor).await {
        Ok(sent) => sent,
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            return members_page(&app, &ctx, true, (String::new(), String::new(), msg)).await;
        }
    };
    let link = format!("{}/network/join/{token}", public_base(&app, &headers));
    let t = ctx.tr();
    let Some(mailer) = &app.config().mailer else {
        return members_page(&app, &ctx, true, (email, link, String::new())).await;
    };
    let days = INVITATION_DAYS.to_string();
    let body = t.f("network.invite_body", &[("link", &link), ("days", &days)]);
    match mailer
        .send(
            std::slice::from_ref(&email),
            t.t("network.invite_subject"),
            &body,
        )
        .await
    {
        Ok(()) => members_page(&app, &ctx, true, (email, String::new(), String::new())).await,
        Err(e) => {
            tracing::warn!(error = %e, "network invitation not sent");
            let msg = t.t("network.mail_failed").to_string();
            members_page(&app, &ctx, true, (String::new(), link, msg)).await
        }
    }
}

#[derive(Template)]
#[template(path = "network/join.html")]
struct JoinPage<'a> {
    l: Layout<'a>,
    /// `None`: the link does not serve (the message says why).
    invitation: Option<NetworkInvitation>,
    token: String,
    login: String,
    errors: FieldErrors,
    min_chars: usize,
}

fn join_page_with(
    ctx: &Ctx,
    token: &str,
    invitation: Option<NetworkInvitation>,
    login: String,
    errors: FieldErrors,
    status: StatusCode,
) -> Response {
    let title = ctx.tr().t("network.join_title").to_string();
    let mut r = render_page(JoinPage {
        l: Layout::new(ctx, &title, ""),
        invitation,
        token: token.to_string(),
        login,
        errors,
        min_chars: domain::signin::MIN_PASSWORD_CHARS,
    });
    *r.status_mut() = status;
    r
}

/// The invitation a link names if it still serves, else the page saying why (404 unknown,
/// 410 expired or used).
async fn serving(
    app: &AppState,
    ctx: &Ctx,
    token: &str,
) -> Result<Result<NetworkInvitation, Response>, AppError> {
    let inv = app.store().network_invitation(&token_hash(token)).await?;
    let problem = match &inv {
        None => NetworkError::LinkUnknown,
        Some(i) => {
            match domain::network::check_invitation(i.expires_at, i.used_at, app.now().timestamp())
            {
                Ok(()) => return Ok(Ok(inv.expect("found"))),
                Err(e) => e,
            }
        }
    };
    let status = if inv.is_none() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::GONE
    };
    let errors = FieldErrors::whole(problem.message(ctx.lang));
    Ok(Err(join_page_with(
        ctx,
        token,
        None,
        String::new(),
        errors,
        status,
    )))
}

/// `GET /network/join/{token}`: the sign-up form, or why the link no longer serves.
pub async fn join_page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    Ok(match serving(&app, &ctx, &token).await? {
        Ok(inv) => {
            let login = inv.email.split('@').next().unwrap_or("").to_lowercase();
            join_page_with(
                &ctx,
                &token,
                Some(inv),
                login,
                FieldErrors::new(),
                StatusCode::OK,
            )
        }
        Err(page) => page,
    })
}

#[derive(serde::Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// What is wrong with the form, by field (before anything is hashed).
fn check_join(ctx: &Ctx, f: &JoinForm) -> FieldErrors {
    let t = ctx.tr();
    let mut errors = FieldErrors::new();
    let login = f.login.trim();
    if login.is_empty() || login.chars().count() > 60 || login.chars().any(char::is_whitespace) {
        errors.add("j-login", t.t("network.bad_login"));
    }
    if let Err(p) = domain::signin::check_chosen_password(login, &f.password) {
        errors.add("j-password", crate::auth::problem_message(t, p));
    } else if f.password != f.confirm {
        errors.add("j-confirm", t.t("password.mismatch"));
    }
    errors
}

/// `POST /network/join/{token}`: makes the account, then the focal point signs in.
pub async fn join(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Posted { form: f, .. }: Posted<JoinForm>,
) -> Result<Response, AppError> {
    let inv = match serving(&app, &ctx, &token).await? {
        Ok(inv) => inv,
        Err(page) => return Ok(page),
    };
    let again = |errors: FieldErrors| {
        let (login, status) = (f.login.clone(), StatusCode::UNPROCESSABLE_ENTITY);
        join_page_with(&ctx, &token, Some(inv.clone()), login, errors, status)
    };
    let errors = check_join(&ctx, &f);
    if !errors.is_empty() {
        return Ok(again(errors));
    }
    let password = f.password.clone();
    let hash = app
        .hashing()
        .run(move || domain::password::hash_password(&password))
        .await?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let made = app
        .store()
        .accept_network_invitation(&token_hash(&token), f.login.trim(), &hash, ctx.lang)
        .await;
    match made {
        Ok(_) => Ok(redirect(&ctx, "/signin?notice=network_joined")),
        Err(StoreError::LoginTaken(_)) => {
            let mut errors = FieldErrors::new();
            errors.add("j-login", ctx.tr().t("network.login_taken"));
            Ok(again(errors))
        }
        Err(e) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            Ok(again(FieldErrors::whole(msg)))
        }
    }
}

/// `GET /network/members.csv` and `.xlsx`.
pub async fn members_table(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    format: TableFormat,
) -> Result<Response, AppError> {
    members_export(&app, &ctx, &user, format.is_xlsx()).await
}

/// The members page as a table: one row per city, its people joined by "; ".
async fn members_export(
    app: &AppState,
    ctx: &Ctx,
    user: &crate::session::SessionUser,
    xlsx: bool,
) -> Result<Response, AppError> {
    if viewer(user)?.city().is_some() {
        return Err(AppError::Forbidden);
    }
    let t = ctx.tr();
    let now = app.now().timestamp();
    let join = |v: Vec<String>| Cell::Text(v.join("; "));
    let rows = app
        .store()
        .network_members()
        .await?
        .into_iter()
        .map(|m| {
            let focal = m.focal_points.iter().map(|(_, name, email)| {
                if email.is_empty() {
                    name.clone()
                } else {
                    format!("{name} <{email}>")
                }
            });
            let accounts = m
                .accounts
                .iter()
                .map(|(login, name)| format!("{name} ({login})"));
            let pending = m.pending.iter().map(|p| {
                let key = if p.expires_at <= now {
                    "network.expired"
                } else {
                    "network.expires"
                };
                let at = crate::items::local_time(p.expires_at);
                format!("{} · {} {at}", p.person_name, t.t(key))
            });
            vec![
                Cell::Text(m.name.clone()),
                Cell::from(m.status.label(ctx.lang)),
                join(focal.collect()),
                join(accounts.collect()),
                join(pending.collect()),
            ]
        })
        .collect();
    let headers = [
        "export_city",
        "export_status",
        "focal_points",
        "accounts",
        "pending",
    ];
    let table = Table {
        title: t.t("network.members").to_string(),
        headers: headers
            .iter()
            .map(|h| t.t(&format!("network.{h}")).to_string())
            .collect(),
        rows,
    };
    crate::page::table_download(&table, xlsx, "thanh-vien-mang-luoi")
}

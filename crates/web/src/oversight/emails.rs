//! E-mail addresses for reminders (admins): each unit's mailbox and each user's address.

use crate::AppState;
use crate::errors::AppError;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{AdminOnly, Ctx, redirect};
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::response::Response;
use domain::{UnitId, UserId};

pub struct Row {
    pub id: i64,
    pub name: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "emails.html")]
struct EmailsPage<'a> {
    l: Layout<'a>,
    units: Vec<Row>,
    users: Vec<Row>,
    error: Option<String>,
    saved: bool,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    error: Option<String>,
    saved: bool,
) -> Result<Response, AppError> {
    let (units, users) = app.store().contact_emails().await?;
    let title = ctx.tr().t("reminder.emails_title").to_string();
    let failed = error.is_some();
    Ok(render_form_page(
        EmailsPage {
            l: Layout::new(ctx, &title, "users"),
            units: units
                .into_iter()
                .map(|(id, name, email)| Row {
                    id: id.0,
                    name,
                    email: email.unwrap_or_default(),
                })
                .collect(),
            users: users
                .into_iter()
                .map(|(id, login, name, email)| Row {
                    id: id.0,
                    name: format!("{name} ({login})"),
                    email: email.unwrap_or_default(),
                })
                .collect(),
            error,
            saved,
        },
        failed,
    ))
}

pub async fn list(
    State(app): State<AppState>,
    AdminOnly(ctx, _): AdminOnly,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    let saved = super::query_value(uri.query(), "saved").is_some();
    page(&app, &ctx, None, saved).await
}

/// An address as typed: empty clears it; otherwise it must read as one e-mail address.
pub(crate) fn address(raw: &str) -> Result<Option<String>, ()> {
    let a = raw.trim();
    if a.is_empty() {
        return Ok(None);
    }
    match a.parse::<lettre::Address>() {
        Ok(_) if a.len() <= 254 => Ok(Some(a.to_string())),
        _ => Err(()),
    }
}

#[derive(serde::Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

pub async fn save(
    State(app): State<AppState>,
    AdminOnly(ctx, admin): AdminOnly,
    Path((kind, id)): Path<(String, String)>,
    Posted { form: f, .. }: Posted<EmailForm>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let Ok(email) = address(&f.email) else {
        let msg = ctx.tr().f("reminder.bad_email", &[("value", &f.email)]);
        return page(&app, &ctx, Some(msg), false).await;
    };
    match kind.as_str() {
        "unit" => {
            app.store()
                .set_unit_email(UnitId(id), email.as_deref(), &admin.actor)
                .await?
        }
        "user" => {
            app.store()
                .set_user_email(UserId(id), email.as_deref(), &admin.actor)
                .await?
        }
        _ => return Err(AppError::NotFound),
    }
    Ok(redirect(&ctx, "/admin/emails?saved=1"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses() {
        assert_eq!(super::address("  "), Ok(None));
        assert_eq!(
            super::address(" qlds@svhtt.hanoi.gov.vn "),
            Ok(Some("qlds@svhtt.hanoi.gov.vn".into()))
        );
        assert!(super::address("không phải địa chỉ").is_err());
        assert!(super::address("a@b.vn, c@d.vn").is_err());
    }
}

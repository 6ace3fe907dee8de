//! A plan's document details, corrected by an admin or the Board: number, symbol, date
//! of issue (dd/mm/yyyy), signer and parent body. The reader may have missed them, or the
//! copy imported had none (the built-in plan's text starts at its title).

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::{Worded, plan_field_label};
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use domain::{PlanField, PlanId, PlanMetadata, SetupError};
use serde::Deserialize;
use store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new().route("/plans/{id}/metadata", get(show).post(save))
}

/// The form as typed.
#[derive(Deserialize, Default, Clone)]
pub struct MetadataForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    number: String,
    #[serde(default)]
    symbol: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    signer_title: String,
    #[serde(default)]
    signer_name: String,
    #[serde(default)]
    parent_issuer: String,
}

impl MetadataForm {
    fn of(m: &PlanMetadata, version: i64) -> MetadataForm {
        let text = |s: &Option<String>| s.clone().unwrap_or_default();
        MetadataForm {
            version,
            number: text(&m.number),
            symbol: text(&m.symbol),
            date: m.date.map(domain::format_date).unwrap_or_default(),
            signer_title: text(&m.signer_title),
            signer_name: text(&m.signer_name),
            parent_issuer: text(&m.parent_issuer),
        }
    }

    /// The details, or each field's problem (a date that does not read as dd/mm/yyyy).
    fn parse(&self, t: &crate::i18n::Tr) -> Result<PlanMetadata, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = e.date("meta-date", "plan_meta.date", &self.date, t);
        let given = |s: &str| Some(s.to_string());
        let m = PlanMetadata {
            number: given(&self.number),
            symbol: given(&self.symbol),
            date: date.flatten(),
            signer_title: given(&self.signer_title),
            signer_name: given(&self.signer_name),
            parent_issuer: given(&self.parent_issuer),
        }
        .normalised();
        for p in m.problems() {
            if let SetupError::PlanFieldTooLong(f, _) = p {
                e.add(input_id(f), p.message(t.lang));
            }
        }
        if e.is_empty() { Ok(m) } else { Err(e) }
    }
}

/// The input of a field.
fn input_id(f: PlanField) -> &'static str {
    match f {
        PlanField::Number => "meta-number",
        PlanField::Symbol => "meta-symbol",
        PlanField::Date => "meta-date",
        PlanField::SignerTitle => "meta-signer_title",
        PlanField::SignerName => "meta-signer_name",
        PlanField::ParentIssuer => "meta-parent_issuer",
    }
}

pub struct FieldView {
    pub id: &'static str,
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "plan_metadata.html")]
struct MetadataPage<'a> {
    l: Layout<'a>,
    plan_id: i64,
    plan_title: String,
    version: i64,
    fields: Vec<FieldView>,
    errors: FieldErrors,
    /// What is saved now, shown beside what was typed after a conflict.
    theirs: Option<Vec<(String, String)>>,
}

const FIELDS: [PlanField; 6] = [
    PlanField::Number,
    PlanField::Symbol,
    PlanField::Date,
    PlanField::SignerTitle,
    PlanField::SignerName,
    PlanField::ParentIssuer,
];

fn value(f: &MetadataForm, field: PlanField) -> &str {
    match field {
        PlanField::Number => &f.number,
        PlanField::Symbol => &f.symbol,
        PlanField::Date => &f.date,
        PlanField::SignerTitle => &f.signer_title,
        PlanField::SignerName => &f.signer_name,
        PlanField::ParentIssuer => &f.parent_issuer,
    }
}

/// The page: the plan may be seen and corrected by this user, else 403.
async fn page(
    app: &AppState,
    ctx: &Ctx,
    id: PlanId,
    typed: Option<MetadataForm>,
    (errors, status): (FieldErrors, StatusCode),
) -> Result<Response, AppError> {
    let plan = app.store().plan(id).await?.ok_or(AppError::NotFound)?;
    let saved = app
        .store()
        .plan_metadata(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = ctx.tr();
    let theirs = (status == StatusCode::CONFLICT).then(|| {
        let now = MetadataForm::of(&saved.metadata, saved.version);
        FIELDS
            .iter()
            .map(|&f| {
                (
                    t.t(&plan_field_label(f)).to_string(),
                    value(&now, f).to_string(),
                )
            })
            .collect()
    });
    let typed = typed.unwrap_or_else(|| MetadataForm::of(&saved.metadata, saved.version));
    let fields = FIELDS
        .iter()
        .map(|&f| FieldView {
            id: input_id(f),
            name: f.as_str(),
            label: t.t(&plan_field_label(f)).to_string(),
            hint: t.t(&format!("{}_hint", plan_field_label(f))).to_string(),
            value: value(&typed, f).to_string(),
        })
        .collect();
    let title = t.t("plan_meta.title").to_string();
    let mut r = render_form_page(
        MetadataPage {
            l: Layout::new(ctx, &title, "plans"),
            plan_id: id.0,
            plan_title: plan.plan.title.clone(),
            version: typed.version,
            fields,
            errors,
            theirs,
        },
        false,
    );
    *r.status_mut() = status;
    Ok(r)
}

fn may_edit(user: &crate::session::SessionUser) -> Result<(), AppError> {
    if domain::can_edit_plan_metadata(&user.actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PlanId>,
) -> Result<Response, AppError> {
    may_edit(&user)?;
    page(&app, &ctx, id, None, Default::default()).await
}

/// `POST /plans/{id}/metadata`: saves over the version the form was opened on.
pub async fn save(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PlanId>,
    Posted { form: mut f, .. }: Posted<MetadataForm>,
) -> Result<Response, AppError> {
    may_edit(&user)?;
    let m = match f.parse(ctx.tr()) {
        Ok(m) => m,
        Err(errors) => {
            let shown = (errors, StatusCode::UNPROCESSABLE_ENTITY);
            return page(&app, &ctx, id, Some(f), shown).await;
        }
    };
    match app
        .store()
        .set_plan_metadata(id, f.version, &m, &user.actor)
        .await
    {
        Ok(()) => Ok(redirect(
            &ctx,
            &format!("/plans/{id}?notice=plan_metadata_saved"),
        )),
        Err(StoreError::Setup(e @ SetupError::PlanIdentityTaken)) => {
            let mut errors = FieldErrors::new();
            errors.add("meta-number", e.message(ctx.lang));
            page(
                &app,
                &ctx,
                id,
                Some(f),
                (errors, StatusCode::UNPROCESSABLE_ENTITY),
            )
            .await
        }
        Err(StoreError::Conflict { conflict, .. }) => {
            f.version = conflict.current;
            let errors = FieldErrors::whole(ctx.tr().t("setup.conflict").to_string());
            page(&app, &ctx, id, Some(f), (errors, StatusCode::CONFLICT)).await
        }
        Err(e) => Err(e.into()),
    }
}

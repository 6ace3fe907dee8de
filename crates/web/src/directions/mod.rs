//! Chỉ đạo, điều hành (issue 12, section I): a plan's directives, inspections and
//! meetings, with their files. Everyone who may see the plan reads the list and its
//! exports; the Board and admins add, edit, delete and attach (checked here, and again in
//! the store's transaction). A form that does not read comes back with what was typed
//! (422); an edit from a stale page comes back beside the current record (409); the same
//! form sent twice records once.

mod export;
mod page;
pub(crate) mod upload;

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::session::{Ctx, SessionUser, Signed, redirect};
use axum::Router;
use axum::extract::{Multipart, State};
use axum::response::Response;
use axum::routing::{get, post};
use domain::oversight::{DirectionForm, DirectionInput, can_record_directions};
use domain::{DirectionFileId, DirectionId, PlanId};
use page::{Overlay, Target};
use serde::Deserialize;
use store::{DirectionRecord, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plans/{id}/directions", get(list))
        .route("/plans/{id}/directions.csv", get(export::csv))
        .route("/plans/{id}/directions.xlsx", get(export::xlsx))
        .route("/directions/{id}", post(edit))
        .route("/directions/{id}/delete", post(delete))
        .route("/direction-files/{id}", get(download))
}

/// The routes that take files (the evidence upload's body limit and time-out).
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route("/plans/{id}/directions/new", post(add))
        .route("/directions/{id}/files", post(attach))
}

/// The form's fields as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Fields {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    summary: String,
}

impl Fields {
    fn parse(
        &self,
        today: chrono::NaiveDate,
    ) -> Result<DirectionInput, Vec<domain::oversight::DirectionError>> {
        let form = DirectionForm {
            kind: &self.kind,
            number: &self.number,
            date: &self.date,
            summary: &self.summary,
        };
        DirectionInput::parse_all(form, today)
    }
}

#[derive(Deserialize)]
pub struct EditForm {
    version: i64,
    #[serde(flatten)]
    fields: Fields,
}

#[derive(Deserialize)]
pub struct DeleteForm {
    version: i64,
}

/// The plan's title and its records, when the user may see the plan.
async fn visible(
    app: &AppState,
    user: &SessionUser,
    plan: PlanId,
) -> Result<(String, Vec<DirectionRecord>), AppError> {
    let view = app.store().plan(plan).await?.ok_or(AppError::NotFound)?;
    if !domain::can_view_plan(&user.actor, &view.unit_ids()) {
        return Err(AppError::Forbidden);
    }
    let records = app.store().plan_directions(plan, None).await?;
    Ok((view.plan.title.clone(), records))
}

fn require_recorder(user: &SessionUser) -> Result<(), AppError> {
    if can_record_directions(&user.actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The page, with a form brought back when `overlay` is given.
async fn show(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    plan: PlanId,
    overlay: Option<Overlay>,
) -> Result<Response, AppError> {
    let (title, records) = visible(app, user, plan).await?;
    Ok(page::render(ctx, user, plan, title, &records, overlay))
}

fn back(ctx: &Ctx, plan: PlanId, notice: &str) -> Response {
    redirect(
        ctx,
        &format!("/plans/{}/directions?notice={notice}#directions", plan.0),
    )
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
) -> Result<Response, AppError> {
    show(&app, &ctx, &user, plan, None).await
}

/// A new record with its files (multipart).
pub async fn add(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    require_recorder(&user)?;
    visible(&app, &user, plan).await?;
    let today = app.today();
    let check = |pairs: &[(String, String)]| {
        let fields: Fields = Posted::<Fields>::from_pairs(pairs.to_vec())
            .map(|p| p.form)
            .unwrap_or_default();
        fields
            .parse(today)
            .map(|_| ())
            .map_err(|all| all[0].message(ctx.lang))
    };
    let sent = upload::read(&app, &ctx, multipart, check).await;
    let files = sent.files.clone();
    let answer = record(&app, &ctx, &user, plan, sent).await;
    // Recorded or not, this request is done with its files (see `EvidenceStore`).
    app.evidence()
        .release(files.iter().map(|f| &f.stored))
        .await;
    answer
}

/// Records what [`add`] read.
async fn record(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    plan: PlanId,
    sent: upload::Sent,
) -> Result<Response, AppError> {
    let today = app.today();
    let Posted { form, .. } = Posted::<Fields>::from_pairs(sent.pairs)?;
    let refused = |message: String| Overlay::new(Target::Add, form.clone(), message);
    let input = match form.parse(today) {
        Ok(input) => input,
        Err(all) => {
            let overlay = Overlay::invalid(Target::Add, form, &all, ctx.lang);
            return show(app, ctx, user, plan, Some(overlay)).await;
        }
    };
    if let Some(message) = sent.error {
        return show(app, ctx, user, plan, Some(refused(message))).await;
    }
    match app
        .store()
        .add_direction(plan, &input, &sent.files, &user.actor)
        .await
    {
        Ok(_) => Ok(back(ctx, plan, "direction_saved")),
        Err(e) => failed(app, ctx, user, plan, refused_by(Target::Add, form, e, ctx)?).await,
    }
}

/// A store refusal as the form brought back, or the error page it calls for.
fn refused_by(target: Target, form: Fields, e: StoreError, ctx: &Ctx) -> Result<Overlay, AppError> {
    let message = AppError::from(e).into_form_message(ctx)?;
    Ok(Overlay::new(target, form, message))
}

async fn failed(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    plan: PlanId,
    overlay: Overlay,
) -> Result<Response, AppError> {
    show(app, ctx, user, plan, Some(overlay)).await
}

/// The record, or 404; the Board's or an admin's to change.
async fn editable(
    app: &AppState,
    user: &SessionUser,
    id: DirectionId,
) -> Result<DirectionRecord, AppError> {
    require_recorder(user)?;
    app.store().direction(id).await?.ok_or(AppError::NotFound)
}

pub async fn edit(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<DirectionId>,
    Posted { form, .. }: Posted<EditForm>,
) -> Result<Response, AppError> {
    let current = editable(&app, &user, id).await?;
    let plan = current.plan_id;
    let target = Target::Edit(id, form.version);
    let input = match form.fields.parse(app.today()) {
        Ok(input) => input,
        Err(all) => {
            let overlay = Overlay::invalid(target, form.fields, &all, ctx.lang);
            return failed(&app, &ctx, &user, plan, overlay).await;
        }
    };
    match app
        .store()
        .update_direction(id, form.version, &input, &user.actor)
        .await
    {
        Ok(_) => Ok(back(&ctx, plan, "direction_saved")),
        Err(StoreError::Conflict { conflict, .. }) => {
            // Theirs beside the current record: the form keeps what was typed and now
            // carries the current version, so sending it again saves it over.
            let overlay = Overlay::new(
                Target::Edit(id, conflict.current),
                form.fields,
                conflict.message(ctx.lang),
            )
            .conflict();
            failed(&app, &ctx, &user, plan, overlay).await
        }
        Err(e) => {
            failed(
                &app,
                &ctx,
                &user,
                plan,
                refused_by(target, form.fields, e, &ctx)?,
            )
            .await
        }
    }
}

pub async fn delete(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<DirectionId>,
    Posted { form, .. }: Posted<DeleteForm>,
) -> Result<Response, AppError> {
    require_recorder(&user)?;
    let Some(current) = app.store().direction(id).await? else {
        // Already deleted (a second click): nothing left to do.
        return Ok(redirect(&ctx, "/plans"));
    };
    match app
        .store()
        .delete_direction(id, form.version, &user.actor)
        .await?
    {
        Some(plan) => Ok(back(&ctx, plan, "direction_deleted")),
        None => Ok(back(&ctx, current.plan_id, "direction_deleted")),
    }
}

/// More files for a record (multipart).
pub async fn attach(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<DirectionId>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let current = editable(&app, &user, id).await?;
    let sent = upload::read(&app, &ctx, multipart, |_| Ok(())).await;
    let files = sent.files.clone();
    let answer = attach_sent(&app, &ctx, &user, id, current.plan_id, sent).await;
    app.evidence()
        .release(files.iter().map(|f| &f.stored))
        .await;
    answer
}

/// Attaches what [`attach`] read.
async fn attach_sent(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: DirectionId,
    plan: PlanId,
    sent: upload::Sent,
) -> Result<Response, AppError> {
    let target = Target::Files(id);
    let error = sent.error.or_else(|| {
        sent.files
            .is_empty()
            .then(|| ctx.tr().t("direction.pick_file").to_string())
    });
    if let Some(message) = error {
        return failed(
            app,
            ctx,
            user,
            plan,
            Overlay::new(target, Fields::default(), message),
        )
        .await;
    }
    for f in &sent.files {
        app.store()
            .attach_direction_file(id, f, &user.actor)
            .await?;
    }
    Ok(back(ctx, plan, "direction_saved"))
}

/// A record's file, to whoever may see its plan.
pub async fn download(
    State(app): State<AppState>,
    Signed(_ctx, user): Signed,
    Id(id): Id<DirectionFileId>,
) -> Result<Response, AppError> {
    let file = app
        .store()
        .direction_file(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let record = app
        .store()
        .direction(file.direction_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = app
        .store()
        .plan(record.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !domain::can_view_plan(&user.actor, &view.unit_ids()) {
        return Err(AppError::Forbidden);
    }
    crate::evidence::serve(
        &app,
        &file.stored_path,
        &file.mime,
        file.size,
        &file.original_name,
    )
    .await
}

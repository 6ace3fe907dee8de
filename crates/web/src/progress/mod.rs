//! Progress reports: filing one with evidence, its history, and new versions.
//!
//! The forms are `multipart/form-data` because they carry files. Text fields come first
//! in the form, so they are read before any file; each file is streamed into the
//! evidence store as it arrives (never held whole in memory) and checked against the
//! limit and its name there. The files become evidence rows only in the report's own
//! transaction: a report refused (a file refused, a wrong figure or period, a forbidden
//! unit) brings the form back with everything typed, records no evidence and removes its
//! files from disk, unless other rows name the same bytes (issue 14). A stale version or
//! a report filed meanwhile shows the conflict page, which keeps the files (recorded on
//! the item) for the next version. The filing form carries a once-token: a second submit
//! of it lands on the first's report.

mod form;
mod history;

use crate::AppState;
use crate::conflict;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::version_of;
use crate::items::edit::On;
use crate::items::{self, Overlay, visible_item};
use crate::session::{Ctx, Signed, redirect};
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use domain::{ItemId, ReportContent, TrackingError};
use form::{Submitted, discard, draft, kept_evidence, read_form, target_ids};
use history::{Versions, history, history_page};
use store::{Created, EvidenceRecord, NewReport, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/reports/{id}", get(history))
}

/// The routes that take files (their own body limit and time-out).
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route("/items/{id}/reports", post(file))
        .route("/reports/{id}", post(edit))
}

/// What became of a submitted report.
enum Said {
    /// Saved now, its new files with it: go to the path.
    Saved(String),
    /// An earlier submit of the same form filed it: go where that one went.
    Earlier(String),
    /// Someone filed or saved first: the conflict page.
    Conflict(domain::Conflict, serde_json::Value),
    /// Refused: the form again with these problems.
    Refused(FieldErrors),
}

/// What the store said, as [`Said`]: an action the user may not take is 403, a version
/// someone else saved first the conflict page, anything else a message on the form.
fn said(ctx: &Ctx, saved: Result<Said, StoreError>) -> Result<Said, AppError> {
    match saved {
        Ok(s) => Ok(s),
        Err(StoreError::Tracking(TrackingError::Forbidden { .. })) => Err(AppError::Forbidden),
        Err(StoreError::Conflict {
            conflict, current, ..
        }) => Ok(Said::Conflict(conflict, current)),
        Err(e) => match AppError::from(e) {
            e if e.has_no_form() => Err(e),
            e => Ok(Said::Refused(FieldErrors::whole(e.message(ctx)))),
        },
    }
}

/// The answer to a submitted report. Its new files stay only when it was saved, or on
/// the conflict page, which records them on the item to carry them to the next version;
/// anything else (refused, filed by an earlier submit, an error page) removes them
/// (issue 14). `back` draws the form again with a message and the evidence it keeps.
async fn settle<F>(
    on: On<'_>,
    sub: &Submitted,
    kept: Vec<EvidenceRecord>,
    said: Result<Said, AppError>,
    back: impl FnOnce(FieldErrors, Vec<EvidenceRecord>) -> F,
) -> Result<Response, AppError>
where
    F: std::future::Future<Output = Result<Response, AppError>>,
{
    let On {
        app,
        ctx,
        user,
        id: item,
    } = on;
    // A request lets go of its files once rows name them (`EvidenceStore`): a saved
    // report's are named now, the conflict page's once recorded below.
    let files = || sub.files.iter().map(|f| &f.stored);
    match &said {
        Ok(Said::Saved(_)) => app.evidence().release(files()).await,
        Ok(Said::Conflict(..)) => {}
        _ => discard(app, &sub.files).await,
    }
    match said? {
        Said::Saved(to) | Said::Earlier(to) => Ok(redirect(ctx, &to)),
        Said::Conflict(c, current) => {
            let mut evidence = kept;
            for f in &sub.files {
                let rec = app
                    .store()
                    .add_evidence(item, &f.stored, &f.original_name, &user.actor)
                    .await?;
                evidence.push(rec);
            }
            app.evidence().release(files()).await;
            Ok(conflict::report_page(
                ctx, c, &current, &sub.pairs, &evidence,
            ))
        }
        Said::Refused(mut errors) => {
            if !sub.files.is_empty() {
                // Beside the file box, unless a refused file already is: then above.
                let field = if errors.of("r-files").is_some() {
                    ""
                } else {
                    "r-files"
                };
                errors.add(field, ctx.tr().t("report.files_again"));
            }
            back(errors, kept).await
        }
    }
}

/// A store error in words: the form stays with what was typed.
/// `POST /items/{id}/reports`: the first version of a unit's report for a period.
pub async fn file(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let it = visible_item(&app, &user, id).await?;
    if items::reporting_units(&user, &it).is_empty() {
        return Err(AppError::Forbidden);
    }
    let sub = read_form(&app, &ctx, multipart).await?;
    let back = |errors: FieldErrors, kept: Vec<EvidenceRecord>| {
        let overlay = Overlay {
            report: Some(draft(&sub, kept, errors)),
            ..Default::default()
        };
        items::page(
            &app,
            &ctx,
            &user,
            id,
            overlay,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let on = On {
        app: &app,
        ctx: &ctx,
        user: &user,
        id,
    };
    let (kept, said) = match kept_evidence(&app, id, &sub).await {
        Ok(kept) => {
            let said = filed(on, &sub, &kept).await;
            (kept, said)
        }
        Err(e) => (Vec::new(), Err(e)),
    };
    settle(on, &sub, kept, said, back).await
}

/// Files the submitted report with its new files. Someone of the unit filed this period
/// already: the conflict page shows the new text against that report, to save as its
/// next version.
async fn filed(on: On<'_>, sub: &Submitted, kept: &[EvidenceRecord]) -> Result<Said, AppError> {
    let On {
        app,
        ctx,
        user,
        id: item,
    } = on;
    let token = crate::once::posted(&sub.form.once)?;
    let new = match new_report(app, ctx, item, sub, kept).await? {
        Ok(new) => new,
        Err(errors) => return Ok(Said::Refused(errors)),
    };
    let to = move |r: i64| format!("/items/{}?notice=report_filed#r{r}", item.0);
    let once = crate::once::key(token.as_ref(), "report.file", &to);
    let saved = app
        .store()
        .file_report_with(&new, &sub.files, once.as_ref(), &user.actor)
        .await;
    said(
        ctx,
        saved.map(|made| match made {
            Created::New(r) => Said::Saved(to(r.id)),
            Created::Earlier(path) => Said::Earlier(path),
        }),
    )
}

/// The report the form asks to file, or (inner `Err`) every problem to bring the form
/// back with: a refused upload, a period or unit that does not read, wrong content.
async fn new_report(
    app: &AppState,
    ctx: &Ctx,
    item: ItemId,
    sub: &Submitted,
    evidence: &[EvidenceRecord],
) -> Result<Result<NewReport, FieldErrors>, AppError> {
    let targets = target_ids(app, item).await?;
    Ok(form::checked_report(ctx, item, sub, &targets, evidence))
}

/// `POST /reports/{id}`: a new version over the version the form was opened on.
pub async fn edit(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let v = Versions::load(&app, &user, id).await?;
    let (latest, item) = (&v.latest, v.latest.item_id);
    if domain::tracking::check_report(&user.actor, &v.item.item_units(), latest.unit_id).is_err() {
        return Err(AppError::Forbidden);
    }
    let sub = read_form(&app, &ctx, multipart).await?;
    let back = |errors: FieldErrors, kept: Vec<EvidenceRecord>| {
        let failed = Some(draft(&sub, kept, errors));
        history_page(
            &app,
            &ctx,
            &user,
            id,
            failed,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let on = On {
        app: &app,
        ctx: &ctx,
        user: &user,
        id: item,
    };
    let report_id = latest.report_id;
    let (kept, said) = match kept_evidence(&app, item, &sub).await {
        Ok(kept) => {
            let said = saved_version(on, report_id, &sub, &kept).await;
            (kept, said)
        }
        Err(e) => (Vec::new(), Err(e)),
    };
    settle(on, &sub, kept, said, back).await
}

/// Saves the submitted version with its new files.
async fn saved_version(
    on: On<'_>,
    report_id: i64,
    sub: &Submitted,
    kept: &[EvidenceRecord],
) -> Result<Said, AppError> {
    let On {
        app,
        ctx,
        user,
        id: item,
    } = on;
    let (expected, content) = match edited(app, ctx, item, sub).await? {
        Ok(x) => x,
        Err(errors) => return Ok(Said::Refused(errors)),
    };
    let ids: Vec<i64> = kept.iter().map(|e| e.id).collect();
    let saved = app
        .store()
        .edit_report_with(report_id, expected, &content, &ids, &sub.files, &user.actor)
        .await;
    said(
        ctx,
        saved.map(|v| Said::Saved(format!("/reports/{}?notice=report_saved", v.report_id))),
    )
}

/// The version the form was opened on and the new content, or (inner `Err`) every problem
/// to bring the form back with. A form without its version is not one of ours.
async fn edited(
    app: &AppState,
    ctx: &Ctx,
    item: ItemId,
    sub: &Submitted,
) -> Result<Result<(i64, ReportContent), FieldErrors>, AppError> {
    let mut errors = form::upload_errors(sub);
    let expected = match version_of(&sub.pairs) {
        Ok(v) => v,
        // A cut-off upload may have lost the version too: say what happened to it.
        Err(_) if !errors.is_empty() => return Ok(Err(errors)),
        Err(e) => return Err(e),
    };
    let targets = target_ids(app, item).await?;
    Ok(match form::content(ctx, sub, &targets, &mut errors) {
        Some(c) if errors.is_empty() => Ok((expected, c)),
        _ => Err(errors),
    })
}

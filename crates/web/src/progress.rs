//! Progress reports: filing one with evidence, its history, and new versions.
//!
//! The forms are `multipart/form-data` because they carry files. Text fields come first
//! in the form, so they are read before any file; each file is streamed into the
//! evidence store as it arrives (never held whole in memory) and checked against the
//! limit and its name there. A file refused, a wrong figure or a stale version brings the
//! form back with everything typed and every file already stored still attached.

use crate::AppState;
use crate::conflict;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::{field, fields, parse_number};
use crate::items::{self, Overlay, ReportDraft, report_line, visible_item};
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use domain::{Figure, ItemId, Percent, Period, ReportContent, TrackingError, UnitId};
use futures_util::TryStreamExt;
use store::evidence_store::EvidenceError;
use store::{EvidenceRecord, NewReport, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/reports/{id}", get(history))
}

/// The routes that take files (their own body limit and time-out).
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route("/items/{id}/reports", post(file))
        .route("/reports/{id}", post(edit))
}

/// Text fields are small; anything bigger is not a form a person filled in.
const TEXT_FIELD_LIMIT: usize = 256 * 1024;

/// A submitted report form: its fields, and the evidence stored while reading it.
struct Submitted {
    pairs: Vec<(String, String)>,
    evidence: Vec<EvidenceRecord>,
    /// Why reading stopped early (a refused file, a cut-off upload).
    error: Option<String>,
}

async fn read_form(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    item: ItemId,
    mut multipart: Multipart,
) -> Submitted {
    let mut out = Submitted {
        pairs: Vec::new(),
        evidence: Vec::new(),
        error: None,
    };
    let mut files = 0;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                tracing::info!(error = %e, "upload cut off");
                out.error = Some(EvidenceError::Io(std::io::Error::other(e)).message(ctx.lang));
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        match field.file_name().map(str::to_string) {
            None => {
                let value = match read_text(field).await {
                    Ok(v) => v,
                    Err(msg) => {
                        out.error = Some(ctx.tr().t(msg).to_string());
                        break;
                    }
                };
                out.pairs.push((name, value));
            }
            // An empty file input: no file chosen.
            Some(file_name) if file_name.is_empty() => {}
            Some(file_name) => {
                files += 1;
                if files > crate::MAX_FILES_PER_UPLOAD {
                    out.error = Some(ctx.tr().t("report.too_many_files").to_string());
                    break;
                }
                let reader = tokio_util::io::StreamReader::new(
                    field.map_err(|e| std::io::Error::other(e.to_string())),
                );
                match app.evidence().put(reader, &file_name).await {
                    Ok(stored) => {
                        match app
                            .store()
                            .add_evidence(item, &stored, &file_name, &user.actor)
                            .await
                        {
                            Ok(rec) => out.evidence.push(rec),
                            Err(e) => {
                                out.error = Some(store_message(ctx, e));
                                break;
                            }
                        }
                    }
                    Err(e) => {
                        tracing::info!(error = %e, file = %file_name, "evidence refused");
                        out.error = Some(e.message(ctx.lang));
                        break;
                    }
                }
            }
        }
    }
    out
}

async fn read_text(mut field: axum::extract::multipart::Field<'_>) -> Result<String, &'static str> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| "report.cut_off")? {
        if buf.len() + chunk.len() > TEXT_FIELD_LIMIT {
            return Err("report.text_too_long");
        }
        buf.extend_from_slice(&chunk);
    }
    let s = String::from_utf8(buf).map_err(|_| "report.not_utf8")?;
    Ok(vanban::text::nfc(&s))
}

/// A store error in words: the form stays with what was typed and its files.
fn store_message(ctx: &Ctx, e: StoreError) -> String {
    AppError::from(e).message(ctx)
}

/// The report's content from the form, checked by the domain (percent 0–100, figures ≥ 0
/// and only for the item's targets, something said).
fn content(pairs: &[(String, String)], targets: &[i64]) -> Result<ReportContent, TrackingError> {
    let percent = match field(pairs, "percent").trim() {
        "" => None,
        p => Some(Percent::new(
            p.trim_end_matches('%')
                .trim()
                .parse::<i64>()
                .map_err(|_| TrackingError::PercentOutOfRange(p.to_string()))?,
        )?),
    };
    let mut figures = Vec::new();
    for (k, v) in pairs {
        let Some(target) = k.strip_prefix("fig_").and_then(|t| t.parse::<i64>().ok()) else {
            continue;
        };
        match parse_number(v) {
            Ok(None) => {}
            Ok(Some(x)) => figures.push((target, Figure::new(x)?)),
            Err(_) => return Err(TrackingError::NegativeFigure(v.clone())),
        }
    }
    ReportContent::new(field(pairs, "text"), percent, figures, targets)
}

fn draft(pairs: &[(String, String)], evidence: Vec<EvidenceRecord>) -> ReportDraft {
    ReportDraft {
        unit: field(pairs, "unit").to_string(),
        period: field(pairs, "period").to_string(),
        text: field(pairs, "text").to_string(),
        percent: field(pairs, "percent").to_string(),
        figures: pairs
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("fig_")
                    .and_then(|t| t.parse().ok())
                    .map(|t| (t, v.clone()))
            })
            .collect(),
        evidence,
    }
}

/// Evidence named by `keep` checkboxes (stored earlier, on this item) plus the new files.
async fn evidence_of(
    app: &AppState,
    item: ItemId,
    pairs: &[(String, String)],
    new: &[EvidenceRecord],
) -> Result<Vec<EvidenceRecord>, AppError> {
    let mut out = Vec::new();
    for id in fields(pairs, "keep").filter_map(|v| v.parse::<i64>().ok()) {
        if let Some(e) = app.store().evidence(id).await?
            && e.item_id == item
            && !out.iter().any(|x: &EvidenceRecord| x.id == id)
        {
            out.push(e);
        }
    }
    out.extend(new.iter().cloned());
    Ok(out)
}

async fn target_ids(app: &AppState, item: ItemId) -> Result<Vec<i64>, AppError> {
    let v = app.store().item(item).await?.ok_or(AppError::NotFound)?;
    Ok(v.targets.iter().map(|t| t.id).collect())
}

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
    let sub = read_form(&app, &ctx, &user, id, multipart).await;
    let evidence = evidence_of(&app, id, &sub.pairs, &sub.evidence).await?;
    let back = |message: String, status| {
        let overlay = Overlay {
            error: Some(("report", message)),
            report: Some(draft(&sub.pairs, evidence.clone())),
            ..Default::default()
        };
        items::page(&app, &ctx, &user, id, overlay, status)
    };
    if let Some(msg) = sub.error.clone() {
        return back(msg, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let period: Period = match field(&sub.pairs, "period").parse() {
        Ok(p) => p,
        Err(e) => return back(e.message(ctx.lang), StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let Ok(unit) = field(&sub.pairs, "unit").parse::<i64>().map(UnitId) else {
        let msg = ctx.tr().t("report.pick_unit").to_string();
        return back(msg, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let content = match content(&sub.pairs, &target_ids(&app, id).await?) {
        Ok(c) => c,
        Err(e) => return back(e.message(ctx.lang), StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let new = NewReport {
        item_id: id,
        unit_id: unit,
        period,
        content,
        evidence: evidence.iter().map(|e| e.id).collect(),
    };
    match app.store().file_report(&new, &user.actor).await {
        Ok(r) => Ok(redirect(
            &ctx,
            &format!("/items/{}?notice=report_filed#r{}", id.0, r.id),
        )),
        Err(StoreError::Tracking(TrackingError::Forbidden { .. })) => Err(AppError::Forbidden),
        // Someone of the unit filed this period already: the new text becomes a version
        // of that report, shown against it.
        Err(StoreError::Conflict {
            conflict: c,
            current,
            ..
        }) => Ok(conflict::report_page(
            &ctx, c, &current, &sub.pairs, &evidence,
        )),
        Err(e) => back(store_message(&ctx, e), StatusCode::UNPROCESSABLE_ENTITY).await,
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct HistoryPage<'a> {
    l: Layout<'a>,
    item_id: i64,
    item_title: String,
    unit: String,
    period: String,
    versions: Vec<items::ReportLine>,
    latest_id: i64,
    latest_version: i64,
    form: Option<items::ReportForm>,
    error: String,
}

/// `GET /reports/{id}`: every version, newest first, and the form for a new one.
pub async fn history(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    history_page(&app, &ctx, &user, id, None, StatusCode::OK).await
}

async fn history_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: i64,
    failed: Option<(String, ReportDraft)>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let versions = app.store().report_history(id).await?;
    let latest = versions.last().ok_or(AppError::NotFound)?.clone();
    let it = visible_item(app, user, latest.item_id).await?;
    let progress: Vec<_> = app
        .store()
        .plan_target_progress(it.plan_id)
        .await?
        .into_iter()
        .filter(|p| p.item_id == latest.item_id)
        .collect();
    let can_edit = user.actor.unit_ids.contains(&latest.unit_id)
        && domain::tracking::check_report(&user.actor, &it.item_units(), latest.unit_id).is_ok();
    let (error, draft) = match failed {
        Some((e, d)) => (e, Some(d)),
        None => (String::new(), None),
    };
    let form = can_edit.then(|| {
        let d = draft.unwrap_or_else(|| ReportDraft {
            text: latest.text.clone(),
            percent: latest.percent.map(|p| p.to_string()).unwrap_or_default(),
            figures: latest
                .figures
                .iter()
                .map(|(t, v)| (*t, domain::format_number(*v)))
                .collect(),
            evidence: latest.evidence.clone(),
            ..Default::default()
        });
        items::ReportForm::from_draft(&d, &progress, app.config().evidence_limit_bytes)
    });
    let lang = ctx.lang;
    let mut lines: Vec<items::ReportLine> = versions
        .iter()
        .map(|v| report_line(lang, v, &progress))
        .collect();
    lines.reverse();
    let title = format!("{} · {}", latest.unit_name, latest.period.label(lang));
    let mut r = render_page(HistoryPage {
        l: Layout::new(ctx, &title, "plans"),
        item_id: latest.item_id.0,
        item_title: it.title.clone(),
        unit: latest.unit_name.clone(),
        period: latest.period.label(lang),
        versions: lines,
        latest_id: latest.report_id,
        latest_version: latest.version,
        form,
        error,
    });
    *r.status_mut() = status;
    Ok(r)
}

/// `POST /reports/{id}`: a new version over the version the form was opened on.
pub async fn edit(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let versions = app.store().report_history(id).await?;
    let latest = versions.last().ok_or(AppError::NotFound)?.clone();
    let it = visible_item(&app, &user, latest.item_id).await?;
    if domain::tracking::check_report(&user.actor, &it.item_units(), latest.unit_id).is_err() {
        return Err(AppError::Forbidden);
    }
    let item = latest.item_id;
    let sub = read_form(&app, &ctx, &user, item, multipart).await;
    let evidence = evidence_of(&app, item, &sub.pairs, &sub.evidence).await?;
    let back = |message: String| {
        history_page(
            &app,
            &ctx,
            &user,
            id,
            Some((message, draft(&sub.pairs, evidence.clone()))),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    if let Some(msg) = sub.error.clone() {
        return back(msg).await;
    }
    let Ok(expected) = field(&sub.pairs, "version").parse::<i64>() else {
        return Err(AppError::BadRequest("version missing".into()));
    };
    let content = match content(&sub.pairs, &target_ids(&app, item).await?) {
        Ok(c) => c,
        Err(e) => return back(e.message(ctx.lang)).await,
    };
    let ids: Vec<i64> = evidence.iter().map(|e| e.id).collect();
    match app
        .store()
        .edit_report(latest.report_id, expected, &content, &ids, &user.actor)
        .await
    {
        Ok(v) => Ok(redirect(
            &ctx,
            &format!("/reports/{}?notice=report_saved", v.report_id),
        )),
        Err(StoreError::Tracking(TrackingError::Forbidden { .. })) => Err(AppError::Forbidden),
        Err(StoreError::Conflict {
            conflict: c,
            current,
            ..
        }) => Ok(conflict::report_page(
            &ctx, c, &current, &sub.pairs, &evidence,
        )),
        Err(e) => back(store_message(&ctx, e)).await,
    }
}

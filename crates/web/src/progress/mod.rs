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

use crate::AppState;
use crate::conflict;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::{Posted, parse_number, version_of};
use crate::i18n::Worded;
use crate::items::edit::On;
use crate::items::{self, Overlay, ReportDraft, report_line, visible_item};
use crate::page::{Layout, render_page};
use crate::report_review::{ReturnedLine, returned_to, review_box};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::Router;
use axum::extract::multipart::Field;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use domain::{Figure, ItemId, Percent, Period, ReportContent, TrackingError, UnitId};
use futures_util::TryStreamExt;
use serde::Deserialize;
use store::evidence_store::EvidenceError;
use store::evidence_store::StoredFile;
use store::{
    Created, EvidenceRecord, ItemTracking, NewEvidence, NewReport, ReportReview, ReportVersion,
    StoreError, TargetProgress,
};

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

/// The report form's fields, besides the figures (`fig_{target}`, read from the pairs)
/// and the files. The edit form's `version` is read apart ([`version_of`]).
#[derive(Deserialize)]
struct ReportFields {
    #[serde(default)]
    unit: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    text: String,
    /// Khó khăn, vướng mắc.
    #[serde(default)]
    difficulties: String,
    /// Đề xuất, kiến nghị.
    #[serde(default)]
    proposals: String,
    #[serde(default)]
    percent: String,
    /// Evidence stored earlier, kept (ticked).
    #[serde(default)]
    keep: Vec<i64>,
    /// The filing form's once-token (`crate::once`); the version form has none.
    #[serde(default)]
    once: String,
}

/// A submitted report form: its fields, and the files streamed to disk while reading it.
struct Submitted {
    form: ReportFields,
    pairs: Vec<(String, String)>,
    /// Not recorded yet: the report's transaction records them, and [`settle`] removes
    /// them when it did not.
    files: Vec<NewEvidence>,
    /// Why reading stopped early (a refused file, a cut-off upload).
    error: Option<String>,
}

async fn read_form(
    app: &AppState,
    ctx: &Ctx,
    mut multipart: Multipart,
) -> Result<Submitted, AppError> {
    let (mut pairs, mut files, mut error) = (Vec::new(), Vec::new(), None);
    let mut count = 0;
    let mut budget = crate::upload_text::TextBudget::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                tracing::info!(error = %e, "upload cut off");
                error = Some(EvidenceError::Io(std::io::Error::other(e)).message(ctx.lang));
                break;
            }
        };
        match read_part(app, ctx, field, &mut count, &mut budget).await {
            Ok(Part::Text(name, value)) => pairs.push((name, value)),
            Ok(Part::File(file)) => files.push(file),
            Ok(Part::Empty) => {}
            Err(msg) => {
                error = Some(msg);
                break;
            }
        }
    }
    let Posted { form, pairs } = match Posted::from_pairs(pairs) {
        Ok(p) => p,
        Err(e) => {
            discard(app, &files).await;
            return Err(e);
        }
    };
    Ok(Submitted {
        form,
        pairs,
        files,
        error,
    })
}

/// One part of the form, read.
enum Part {
    Text(String, String),
    File(NewEvidence),
    /// An empty file input: no file chosen.
    Empty,
}

/// Reads one part: a text field whole, a file into the evidence store (counted against
/// the per-upload limit in `files`). `Err` is the message that stops the reading.
async fn read_part(
    app: &AppState,
    ctx: &Ctx,
    field: Field<'_>,
    files: &mut u64,
    budget: &mut crate::upload_text::TextBudget,
) -> Result<Part, String> {
    let name = field.name().unwrap_or("").to_string();
    match field.file_name().map(str::to_string) {
        None => match budget.read(field, TEXT_FIELD_LIMIT).await {
            Ok(value) => Ok(Part::Text(name, value)),
            Err(msg) => Err(ctx.tr().t(msg).to_string()),
        },
        Some(file_name) if file_name.is_empty() => Ok(Part::Empty),
        Some(file_name) => {
            *files += 1;
            if *files > crate::MAX_FILES_PER_UPLOAD {
                return Err(ctx.tr().t("report.too_many_files").to_string());
            }
            store_file(app, ctx, field, &file_name)
                .await
                .map(Part::File)
        }
    }
}

/// Streams a file into the evidence store; the report's transaction records it.
async fn store_file(
    app: &AppState,
    ctx: &Ctx,
    field: Field<'_>,
    file_name: &str,
) -> Result<NewEvidence, String> {
    let reader =
        tokio_util::io::StreamReader::new(field.map_err(|e| std::io::Error::other(e.to_string())));
    match app.evidence().put(reader, file_name).await {
        Ok(stored) => Ok(NewEvidence {
            stored,
            original_name: file_name.to_string(),
        }),
        Err(e) => {
            tracing::info!(error = %e, file = %file_name, "evidence refused");
            Err(e.message(ctx.lang))
        }
    }
}

/// Removes from disk the files of a report that recorded none of them, unless something
/// else records or is recording the same bytes (the store is content-addressed: a second
/// submit's identical files are the first's).
async fn discard(app: &AppState, files: &[NewEvidence]) {
    let stored: Vec<StoredFile> = files.iter().map(|f| f.stored.clone()).collect();
    app.evidence().discard(&stored, app.store()).await;
}

/// What became of a submitted report.
enum Said {
    /// Saved now, its new files with it: go to the path.
    Saved(String),
    /// An earlier submit of the same form filed it: go where that one went.
    Earlier(String),
    /// Someone filed or saved first: the conflict page.
    Conflict(domain::Conflict, serde_json::Value),
    /// Refused: the form again with this message.
    Refused(String),
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
        Err(e) => Ok(Said::Refused(store_message(ctx, e))),
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
    back: impl FnOnce(String, Vec<EvidenceRecord>) -> F,
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
        Said::Refused(mut message) => {
            if !sub.files.is_empty() {
                message = format!("{message} {}", ctx.tr().t("report.files_again"));
            }
            back(message, kept).await
        }
    }
}

/// A store error in words: the form stays with what was typed.
fn store_message(ctx: &Ctx, e: StoreError) -> String {
    AppError::from(e).message(ctx)
}

/// The report's content from the form, checked by the domain (percent 0–100, figures ≥ 0
/// and only for the item's targets, something said). Each text field is bounded like the
/// others by `TEXT_FIELD_LIMIT` as it is read.
fn content(sub: &Submitted, targets: &[i64]) -> Result<ReportContent, TrackingError> {
    let percent = match sub.form.percent.trim() {
        "" => None,
        // "50,5" and "50.5" read as 50,5 %, kept as a whole percent (domain::Percent).
        p => Some(p.parse::<Percent>()?),
    };
    let mut figures = Vec::new();
    for (k, v) in &sub.pairs {
        let Some(target) = k.strip_prefix("fig_").and_then(|t| t.parse::<i64>().ok()) else {
            continue;
        };
        match parse_number(v) {
            Ok(None) => {}
            Ok(Some(x)) => figures.push((target, Figure::new(x)?)),
            Err(_) => return Err(TrackingError::NegativeFigure(v.clone())),
        }
    }
    let f = &sub.form;
    ReportContent::with_notes(
        &f.text,
        &f.difficulties,
        &f.proposals,
        percent,
        figures,
        targets,
    )
}

fn draft(sub: &Submitted, evidence: Vec<EvidenceRecord>) -> ReportDraft {
    let f = &sub.form;
    ReportDraft {
        unit: f.unit.clone(),
        period: f.period.clone(),
        text: f.text.clone(),
        difficulties: f.difficulties.clone(),
        proposals: f.proposals.clone(),
        percent: f.percent.clone(),
        figures: sub
            .pairs
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

/// Evidence named by `keep` checkboxes (stored earlier, on this item).
async fn kept_evidence(
    app: &AppState,
    item: ItemId,
    sub: &Submitted,
) -> Result<Vec<EvidenceRecord>, AppError> {
    let mut out = Vec::new();
    for &id in &sub.form.keep {
        if let Some(e) = app.store().evidence(id).await?
            && e.item_id == item
            && !out.iter().any(|x: &EvidenceRecord| x.id == id)
        {
            out.push(e);
        }
    }
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
    let sub = read_form(&app, &ctx, multipart).await?;
    let back = |message: String, kept: Vec<EvidenceRecord>| {
        let overlay = Overlay {
            error: Some(("report", message)),
            report: Some(draft(&sub, kept)),
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
        Err(msg) => return Ok(Said::Refused(msg)),
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

/// The report the form asks to file, or (inner `Err`) the message to bring the form
/// back with: a refused upload, a period or unit that does not read, wrong content.
async fn new_report(
    app: &AppState,
    ctx: &Ctx,
    item: ItemId,
    sub: &Submitted,
    evidence: &[EvidenceRecord],
) -> Result<Result<NewReport, String>, AppError> {
    if let Some(msg) = sub.error.clone() {
        return Ok(Err(msg));
    }
    let period: Period = match sub.form.period.parse() {
        Ok(p) => p,
        Err(e) => return Ok(Err(e.message(ctx.lang))),
    };
    let Ok(unit) = sub.form.unit.parse::<i64>().map(UnitId) else {
        return Ok(Err(ctx.tr().t("report.pick_unit").to_string()));
    };
    let content = match content(sub, &target_ids(app, item).await?) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e.message(ctx.lang))),
    };
    Ok(Ok(NewReport {
        item_id: item,
        unit_id: unit,
        period,
        content,
        evidence: evidence.iter().map(|e| e.id).collect(),
    }))
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
    /// The Board returned the latest version: its comment, above the form that answers it.
    returned: Option<ReturnedLine>,
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

/// A report's versions, oldest first, its latest version and its item (the user must
/// see the item).
struct Versions {
    all: Vec<ReportVersion>,
    latest: ReportVersion,
    item: ItemTracking,
    /// The Board's decisions on them.
    reviews: Vec<ReportReview>,
}

impl Versions {
    async fn load(app: &AppState, user: &SessionUser, id: i64) -> Result<Versions, AppError> {
        let all = app.store().report_history(id).await?;
        let latest = all.last().ok_or(AppError::NotFound)?.clone();
        let item = visible_item(app, user, latest.item_id).await?;
        let reviews = app.store().report_reviews(latest.report_id).await?;
        Ok(Versions {
            all,
            latest,
            item,
            reviews,
        })
    }

    /// The item's target progress, for the versions' figures and the form.
    async fn progress(&self, app: &AppState) -> Result<Vec<TargetProgress>, AppError> {
        Ok(app
            .store()
            .plan_target_progress(self.item.plan_id)
            .await?
            .into_iter()
            .filter(|p| p.item_id == self.latest.item_id)
            .collect())
    }
}

async fn history_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: i64,
    failed: Option<(String, ReportDraft)>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let versions = Versions::load(app, user, id).await?;
    let progress = versions.progress(app).await?;
    let limit = app.config().evidence_limit_bytes;
    let page = HistoryPage::new(ctx, user, versions, &progress, failed, limit);
    let mut r = render_page(page);
    *r.status_mut() = status;
    Ok(r)
}

impl<'a> HistoryPage<'a> {
    fn new(
        ctx: &'a Ctx,
        user: &SessionUser,
        versions: Versions,
        progress: &[TargetProgress],
        failed: Option<(String, ReportDraft)>,
        limit_bytes: u64,
    ) -> HistoryPage<'a> {
        let (lang, latest) = (ctx.lang, &versions.latest);
        let (error, draft) = match failed {
            Some((e, d)) => (e, Some(d)),
            None => (String::new(), None),
        };
        let reporter = may_report(user, &versions);
        let form = reporter.then(|| version_form(latest, draft, progress, limit_bytes));
        let only = std::slice::from_ref(latest);
        let returned = reporter
            .then(|| returned_to(ctx, &[latest.unit_id], only, &versions.reviews).pop())
            .flatten();
        let mut lines: Vec<items::ReportLine> = versions
            .all
            .iter()
            .map(|v| {
                let mut line = report_line(lang, v, progress);
                line.review = Some(review_box(ctx, user, v, &versions.reviews, false, None));
                line
            })
            .collect();
        lines.reverse();
        let title = format!("{} · {}", latest.unit_name, latest.period.label(lang));
        HistoryPage {
            l: Layout::new(ctx, &title, "plans"),
            item_id: latest.item_id.0,
            item_title: versions.item.title.clone(),
            unit: latest.unit_name.clone(),
            period: latest.period.label(lang),
            versions: lines,
            latest_id: latest.report_id,
            latest_version: latest.version,
            form,
            returned,
            error,
        }
    }
}

/// Only a member of the report's unit who may report on the item gets the form.
fn may_report(user: &SessionUser, v: &Versions) -> bool {
    let unit = v.latest.unit_id;
    user.actor.unit_ids.contains(&unit)
        && domain::tracking::check_report(&user.actor, &v.item.item_units(), unit).is_ok()
}

/// The form for a new version: what a failed submit typed, else the latest version.
fn version_form(
    latest: &ReportVersion,
    draft: Option<ReportDraft>,
    progress: &[TargetProgress],
    limit_bytes: u64,
) -> items::ReportForm {
    let d = draft.unwrap_or_else(|| ReportDraft {
        text: latest.text.clone(),
        difficulties: latest.difficulties.clone(),
        proposals: latest.proposals.clone(),
        percent: latest.percent.map(|p| p.to_string()).unwrap_or_default(),
        figures: latest
            .figures
            .iter()
            .map(|(t, v)| (*t, domain::format_number(*v)))
            .collect(),
        evidence: latest.evidence.clone(),
        ..Default::default()
    });
    items::ReportForm::from_draft(&d, progress, limit_bytes)
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
    let back = |message: String, kept: Vec<EvidenceRecord>| {
        let failed = Some((message, draft(&sub, kept)));
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
        Err(msg) => return Ok(Said::Refused(msg)),
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

/// The version the form was opened on and the new content, or (inner `Err`) the message
/// to bring the form back with. A form without its version is not one of ours.
async fn edited(
    app: &AppState,
    ctx: &Ctx,
    item: ItemId,
    sub: &Submitted,
) -> Result<Result<(i64, ReportContent), String>, AppError> {
    if let Some(msg) = sub.error.clone() {
        return Ok(Err(msg));
    }
    let expected = version_of(&sub.pairs)?;
    Ok(content(sub, &target_ids(app, item).await?)
        .map(|c| (expected, c))
        .map_err(|e| e.message(ctx.lang)))
}

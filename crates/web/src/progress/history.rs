//! A report's versions (`GET /reports/{id}`) and the form for its next version.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::items::{self, ReportDraft, report_line, visible_item};
use crate::page::{Layout, render_page};
use crate::report_review::{ReturnedLine, returned_to, review_box};
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use store::{ItemTracking, ReportReview, ReportVersion, TargetProgress};

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
pub(super) struct Versions {
    pub(super) all: Vec<ReportVersion>,
    pub(super) latest: ReportVersion,
    pub(super) item: ItemTracking,
    /// The Board's decisions on them.
    pub(super) reviews: Vec<ReportReview>,
}

impl Versions {
    pub(super) async fn load(
        app: &AppState,
        user: &SessionUser,
        id: i64,
    ) -> Result<Versions, AppError> {
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

pub(super) async fn history_page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: i64,
    failed: Option<ReportDraft>,
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
        failed: Option<ReportDraft>,
        limit_bytes: u64,
    ) -> HistoryPage<'a> {
        let (lang, latest) = (ctx.lang, &versions.latest);
        let reporter = may_report(user, &versions);
        let form = reporter.then(|| version_form(latest, failed, progress, limit_bytes));
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

//! Notifications, the Board's escalation list, and quality evaluation per item and period.

use super::{local_datetime, query_value, require_board};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::{Worded, vi_text};
use crate::page::{Layout, render_form_page, render_page};
use crate::session::{Ctx, Signed, redirect};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Response;
use domain::oversight::{
    Grade, check_comment, check_report_period, parse_grade, report_period_choices,
};
use domain::{ItemId, Language, Period};
use serde::Deserialize;
use store::NewEvaluation;
use unicode_normalization::UnicodeNormalization;

pub struct NoteLine {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub when: String,
    pub item_id: Option<i64>,
    pub read: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage<'a> {
    l: Layout<'a>,
    notes: Vec<NoteLine>,
    newest: i64,
}

pub async fn notifications(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    let notes: Vec<NoteLine> = app
        .store()
        .notifications(user.id, 200)
        .await?
        .into_iter()
        .map(|n| NoteLine {
            id: n.id,
            kind: n.kind,
            subject: n.subject,
            body: n.body,
            when: local_datetime(n.created_at),
            item_id: n.item_id.map(|i| i.0),
            read: n.read,
        })
        .collect();
    let title = ctx.tr().t("reminder.notifications").to_string();
    Ok(render_page(NotificationsPage {
        l: Layout::new(&ctx, &title, "notifications"),
        newest: notes.first().map_or(0, |n| n.id),
        notes,
    }))
}

/// Everything up to the newest notification the page showed (hidden).
#[derive(Deserialize)]
pub struct ReadForm {
    upto: i64,
}

pub async fn mark_read(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Posted { form: f, .. }: Posted<ReadForm>,
) -> Result<Response, AppError> {
    app.store().mark_notifications_read(user.id, f.upto).await?;
    Ok(redirect(&ctx, "/notifications"))
}

pub struct EscalationLine {
    pub id: i64,
    pub item_id: i64,
    pub label: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub due: String,
    pub reminders: i64,
    pub since: String,
    pub resolved: Option<String>,
}

#[derive(Template)]
#[template(path = "escalations.html")]
struct EscalationsPage<'a> {
    l: Layout<'a>,
    open: Vec<EscalationLine>,
    closed: Vec<EscalationLine>,
    done: bool,
}

pub async fn escalations(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require_board(&user)?;
    let all = app.store().escalations(true, 200).await?;
    let lines = all.into_iter().map(|e| {
        let label = domain::item_label(e.numbering.as_deref(), &e.title);
        EscalationLine {
            id: e.id,
            item_id: e.item_id.0,
            label,
            status: e.status.label(ctx.lang),
            status_code: e.status.as_str(),
            due: domain::format_date(e.due),
            reminders: e.reminders,
            since: local_datetime(e.created_at),
            resolved: e.resolved_at.map(|at| {
                format!(
                    "{} — {}",
                    local_datetime(at),
                    e.resolution.clone().unwrap_or_default()
                )
            }),
        }
    });
    let (closed, open): (Vec<_>, Vec<_>) = lines.partition(|l| l.resolved.is_some());
    let title = ctx.tr().t("reminder.escalations").to_string();
    Ok(render_page(EscalationsPage {
        l: Layout::new(&ctx, &title, "dashboard"),
        open,
        closed,
        done: query_value(uri.query(), "done").is_some(),
    }))
}

#[derive(Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    resolution: String,
}

pub async fn resolve(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, .. }: Posted<ResolveForm>,
) -> Result<Response, AppError> {
    require_board(&user)?;
    let note: String = f.resolution.trim().nfc().collect();
    app.store()
        .resolve_escalation(id, &note, &user.actor)
        .await?;
    Ok(redirect(&ctx, "/escalations?done=1"))
}

pub struct GradeLine {
    pub period: String,
    pub grade: &'static str,
    pub grade_code: &'static str,
    pub comment: String,
    pub by: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "evaluation.html")]
struct EvaluationPage<'a> {
    l: Layout<'a>,
    item_id: i64,
    label: String,
    status: &'static str,
    periods: Vec<(String, String, bool)>,
    grades: Vec<(&'static str, &'static str, bool)>,
    comment: String,
    history: Vec<GradeLine>,
    errors: FieldErrors,
    saved: bool,
}

#[allow(clippy::too_many_arguments)]
async fn evaluation_page(
    app: &AppState,
    ctx: &Ctx,
    item: ItemId,
    period: Period,
    grade: Option<Grade>,
    comment: String,
    errors: FieldErrors,
    saved: bool,
) -> Result<Response, AppError> {
    let view = app.store().item(item).await?.ok_or(AppError::NotFound)?;
    let this_year = chrono::Datelike::year(&app.today());
    let (first, last) = app
        .store()
        .report_years(view.plan_id)
        .await?
        .unwrap_or((this_year, this_year));
    let history = grade_lines(ctx, app.store().evaluations(item).await?);
    let label = domain::item_label(view.item.numbering.as_deref(), &view.item.title);
    let title = ctx.tr().f("evaluation.title", &[("item", &label)]);
    let failed = !errors.is_empty();
    Ok(render_form_page(
        EvaluationPage {
            l: Layout::new(ctx, &title, "dashboard"),
            item_id: item.0,
            status: view.item.status.label(ctx.lang),
            periods: report_period_choices(first, last)
                .into_iter()
                .map(|p| (p.to_string(), p.label(ctx.lang), p == period))
                .collect(),
            grades: Grade::ALL
                .iter()
                .map(|g| (g.as_str(), g.label(ctx.lang), Some(*g) == grade))
                .collect(),
            comment,
            history,
            label,
            errors,
            saved,
        },
        failed,
    ))
}

/// An item's grades as its page shows them to its units: the standing (latest) grade of
/// each period, newest first, and the earlier ones, from the store's newest-first list.
pub fn standing_grades(
    ctx: &Ctx,
    evaluations: Vec<store::EvaluationRecord>,
) -> (Vec<GradeLine>, Vec<GradeLine>) {
    let mut seen = std::collections::HashSet::new();
    let (standing, earlier): (Vec<_>, Vec<_>) =
        evaluations.into_iter().partition(|e| seen.insert(e.period));
    (grade_lines(ctx, standing), grade_lines(ctx, earlier))
}

/// The item's earlier evaluations, newest first as the store gives them.
fn grade_lines(ctx: &Ctx, evaluations: Vec<store::EvaluationRecord>) -> Vec<GradeLine> {
    evaluations
        .into_iter()
        .map(|e| GradeLine {
            period: e.period.label(ctx.lang),
            grade: e.grade.label(ctx.lang),
            grade_code: e.grade.as_str(),
            comment: e.comment,
            by: e.created_by_name.unwrap_or_default(),
            when: local_datetime(e.created_at),
        })
        .collect()
}

/// The report period an item's evaluation opens on (its plan's) and the item's label
/// (404 for no such item).
async fn item_for_evaluation(app: &AppState, item: ItemId) -> Result<(Period, String), AppError> {
    let view = app.store().item(item).await?.ok_or(AppError::NotFound)?;
    let period = crate::oversight::opening_evaluation_period(app, view.plan_id).await?;
    Ok((
        period,
        domain::item_label(view.item.numbering.as_deref(), &view.item.title),
    ))
}

pub async fn evaluation(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(item): Id<ItemId>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require_board(&user)?;
    let (fallback, _) = item_for_evaluation(&app, item).await?;
    let period = query_value(uri.query(), "period")
        .and_then(|p| p.parse::<Period>().ok())
        .and_then(|p| check_report_period(p).ok())
        .unwrap_or(fallback);
    let saved = query_value(uri.query(), "saved").is_some();
    let none = FieldErrors::new();
    evaluation_page(&app, &ctx, item, period, None, String::new(), none, saved).await
}

#[derive(Deserialize)]
pub struct EvaluationForm {
    #[serde(default)]
    period: String,
    #[serde(default)]
    grade: String,
    #[serde(default)]
    comment: String,
}

pub async fn evaluate(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(item): Id<ItemId>,
    Posted { form: f, .. }: Posted<EvaluationForm>,
) -> Result<Response, AppError> {
    require_board(&user)?;
    let (fallback, label) = item_for_evaluation(&app, item).await?;
    let comment: String = f.comment.trim().nfc().collect();
    let period = f
        .period
        .parse::<Period>()
        .map_err(|_| domain::oversight::OversightError::ReportPeriod(f.period.clone()))
        .and_then(check_report_period);
    // Every field's problem at once, beside its field. An unknown grade is said (never
    // read as some default); none chosen asks for one.
    let mut e = FieldErrors::new();
    let lang = ctx.lang;
    let period = e.take("ev-period", period.map_err(|x| x.message(lang)));
    let grade = e.take(
        "ev-grade",
        parse_grade(&f.grade).map_err(|x| x.message(lang)),
    );
    e.take(
        "ev-comment",
        check_comment(&comment).map_err(|x| x.message(lang)),
    );
    let (Some(period), Some(grade), true) = (period, grade, e.is_empty()) else {
        return evaluation_page(
            &app,
            &ctx,
            item,
            period.unwrap_or(fallback),
            grade,
            comment,
            e,
            false,
        )
        .await;
    };
    // The lead units hear of it in the department's language, as of reminders.
    let notice = vi_text(
        "evaluation.notice",
        &[
            ("item", &label),
            ("period", &period.label(Language::Vi)),
            ("grade", grade.label(Language::Vi)),
        ],
    );
    let new = NewEvaluation {
        item_id: item,
        period,
        grade,
        comment,
        notice,
    };
    app.store().add_evaluation(&new, &user.actor).await?;
    Ok(redirect(
        &ctx,
        &format!("/items/{}/evaluation?period={period}&saved=1", item.0),
    ))
}

//! The official results report: choose the period, edit the prefilled narrative (saved as
//! a draft with a version), export DOCX (Nghị định 30/2020) and the XLSX annex.
//! The Board and admins only.

use super::{query_value, require_board};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::Posted;
use crate::page::{Layout, render_form_page};
use crate::session::{Ctx, Signed, redirect};
use app::report::regenerate::SavedDraft;
use app::report::{DRAFT_FIELDS, DraftContent, Loaded};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Response;
use domain::oversight::check_report_period;
use domain::{Period, PlanId};
use reports::official_report::{OfficialReport, ReportError};
use serde::Deserialize;
use store::StoreError;
use unicode_normalization::UnicodeNormalization;

/// Longest text accepted in one narrative field.
const FIELD_LIMIT: usize = 20_000;

/// The plan's report data, or 404.
pub async fn load(app: &AppState, plan: PlanId, period: Period) -> Result<Loaded, AppError> {
    app::report::load(app.store(), plan, period)
        .await?
        .ok_or(AppError::NotFound)
}

/// The period named in the query, or the one due now. An unreadable one is reported.
fn period_of(query: Option<&str>, fallback: Period) -> (Period, Option<String>) {
    match query_value(query, "period") {
        None => (fallback, None),
        Some(raw) => match raw.parse::<Period>().ok().map(check_report_period) {
            Some(Ok(p)) => (p, None),
            _ => (
                fallback,
                Some(
                    domain::oversight::OversightError::ReportPeriod(raw)
                        .key()
                        .to_string(),
                ),
            ),
        },
    }
}

/// Whether `period` falls within the years the plan's reports may cover (its year,
/// widened by its items' dates): a report on 2099 for a 2025 plan is refused.
async fn within_plan(app: &AppState, plan: PlanId, period: Period) -> Result<bool, AppError> {
    Ok(match app.store().report_years(plan).await? {
        Some((first, last)) => period.check_within(first, last).is_ok(),
        None => true,
    })
}

pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub rows: u8,
}

#[derive(Template)]
#[template(path = "official_report.html")]
struct ReportPage<'a> {
    l: Layout<'a>,
    plan_id: i64,
    plan_title: String,
    period: String,
    period_label: String,
    periods: Vec<(String, String, bool)>,
    version: i64,
    saved_at: Option<String>,
    fields: Vec<FieldView>,
    error: Option<String>,
    /// The version someone else saved in between, shown beside the user's text.
    theirs: Option<Vec<(String, String)>>,
    saved: bool,
    /// "Dữ liệu: 24 nhiệm vụ, 3 báo cáo tiến độ trong kỳ." (worded for none and one too).
    data_line: String,
    /// Section II's sentence on the money, as the DOCX says it.
    money: Option<String>,
    /// The sections edited while their figures changed, and the notice saying how many.
    conflicts: Vec<super::regenerate::ConflictView>,
    regen_notice: Option<String>,
}

/// The sources line, with both figures as numbers for the message's selectors.
fn data_line(ctx: &Ctx, items: usize, reports: usize) -> String {
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("items", items);
    args.set("reports", reports);
    args.set("items_n", domain::format_number(items as f64));
    args.set("reports_n", domain::format_number(reports as f64));
    ctx.tr().f_args("official_report.data", &args)
}

fn field_views(ctx: &Ctx, d: &DraftContent) -> Vec<FieldView> {
    DRAFT_FIELDS
        .iter()
        .map(|name| FieldView {
            name,
            label: ctx
                .tr()
                .t(&format!("official_report.field_{name}"))
                .to_string(),
            value: d.get(name).to_string(),
            rows: match *name {
                "number" | "date" | "signer_authority" | "signer_title" | "signer_name" => 0,
                "subject" | "closing" => 2,
                _ => 5,
            },
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn show(
    app: &AppState,
    ctx: &Ctx,
    plan: PlanId,
    period: Period,
    content: Option<DraftContent>,
    version: Option<i64>,
    error: Option<String>,
    theirs: Option<DraftContent>,
    saved: bool,
) -> Result<Response, AppError> {
    let loaded = load(app, plan, period).await?;
    let merged = loaded.merged(period);
    let conflicts = &merged.conflicts;
    let mut periods = app::report::period_choices(app.store(), plan, app.today()).await?;
    if !periods.contains(&period) {
        // A period asked by address (a second half-year) is shown as chosen.
        periods.push(period);
    }
    let title = ctx.tr().t("official_report.title").to_string();
    let failed = error.is_some();
    Ok(render_form_page(
        ReportPage {
            l: Layout::new(ctx, &title, "dashboard"),
            plan_id: plan.0,
            plan_title: loaded.plan.plan.title.clone(),
            period: period.to_string(),
            period_label: period.label(ctx.lang),
            periods: periods
                .into_iter()
                .map(|p| (p.to_string(), p.label(ctx.lang), p == period))
                .collect(),
            version: version.unwrap_or_else(|| loaded.draft.as_ref().map_or(0, |d| d.version)),
            saved_at: loaded
                .draft
                .as_ref()
                .map(|d| super::local_datetime(d.updated_at)),
            fields: field_views(ctx, content.as_ref().unwrap_or(&merged.content)),
            error,
            theirs: theirs.map(|t| {
                field_views(ctx, &t)
                    .into_iter()
                    .map(|f| (f.label, f.value))
                    .collect()
            }),
            saved,
            data_line: data_line(ctx, loaded.plan.all_items().len(), loaded.texts.len()),
            money: loaded.money(period).map(|m| m.sentence),
            conflicts: super::regenerate::conflict_views(ctx, conflicts),
            regen_notice: super::regenerate::conflict_notice(ctx, conflicts),
        },
        failed,
    ))
}

pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require_board(&user)?;
    let fallback = super::opening_report_period(&app, plan).await?;
    let (mut period, mut bad) = period_of(uri.query(), fallback);
    if !within_plan(&app, plan, period).await? {
        (period, bad) = (
            fallback,
            Some("oversight.report_period_outside".to_string()),
        );
    }
    let error = bad.map(|k| ctx.tr().t(&k).to_string());
    let saved = query_value(uri.query(), "saved").is_some();
    show(&app, &ctx, plan, period, None, None, error, None, saved).await
}

/// The draft form: the period, the version it was opened on, and the narrative fields.
#[derive(Deserialize)]
pub struct DraftForm {
    version: i64,
    #[serde(default)]
    period: String,
    #[serde(flatten)]
    content: DraftContent,
}

impl DraftForm {
    /// The draft's fields as typed (NFC, trimmed, one kind of line break), and the
    /// message key of the first problem: a field too long, a date that does not read.
    fn parse(self) -> (DraftContent, Option<&'static str>) {
        let mut content = self.content;
        for name in DRAFT_FIELDS {
            let v: String = content.get(name).replace("\r\n", "\n").nfc().collect();
            content.set(name, v.trim().to_string());
        }
        let too_long = DRAFT_FIELDS
            .iter()
            .any(|n| content.get(n).chars().count() > FIELD_LIMIT);
        let problem = if too_long {
            Some("official_report.too_long")
        } else if crate::form::parse_date(&content.date).is_err() {
            Some("official_report.bad_date")
        } else {
            None
        };
        (content, problem)
    }
}

pub async fn save(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
    Posted { form: f, .. }: Posted<DraftForm>,
) -> Result<Response, AppError> {
    require_board(&user)?;
    if app.store().plan(plan).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let t = ctx.tr();
    let period = f.period.parse::<Period>().ok();
    let period = period.and_then(|p| check_report_period(p).ok());
    let outside = match period {
        Some(p) => !within_plan(&app, plan, p).await?,
        None => false,
    };
    let Some(period) = period.filter(|_| !outside) else {
        let opening = super::opening_report_period(&app, plan).await?;
        let key = if outside {
            "oversight.report_period_outside"
        } else {
            "oversight.report_period"
        };
        let error = Some(t.t(key).to_string());
        return show(&app, &ctx, plan, opening, None, None, error, None, false).await;
    };
    let version = f.version;
    let (content, problem) = f.parse();
    if let Some(key) = problem {
        let (draft, version) = (Some(content), Some(version));
        let error = Some(t.t(key).to_string());
        return show(&app, &ctx, plan, period, draft, version, error, None, false).await;
    }
    // Saved with the generated text it was edited from (`app::report::regenerate`).
    let base = load(&app, plan, period).await?.merged(period).base;
    let json = SavedDraft {
        content: content.clone(),
        base: Some(base),
    }
    .to_json();
    let store = app.store();
    match store
        .save_report_draft(plan, period, version, &json, &user.actor)
        .await
    {
        Ok(_) => {
            let to = format!("/plans/{}/official-report?period={period}&saved=1", plan.0);
            Ok(redirect(&ctx, &to))
        }
        Err(StoreError::Conflict {
            conflict, current, ..
        }) => {
            let theirs = Some(serde_json::from_value(current).unwrap_or_default());
            let (draft, version) = (Some(content), Some(conflict.current));
            let error = Some(t.t("official_report.conflict").to_string());
            show(
                &app, &ctx, plan, period, draft, version, error, theirs, false,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The report for an export: the saved draft (or the prefilled text).
async fn built(
    app: &AppState,
    ctx: &Ctx,
    plan: PlanId,
    query: Option<&str>,
) -> Result<(OfficialReport, PlanId, Period), AppError> {
    let fallback = super::opening_report_period(app, plan).await?;
    let (period, bad) = period_of(query, fallback);
    if let Some(k) = bad {
        return Err(AppError::BadRequest(ctx.tr().t(&k).to_string()));
    }
    let loaded = load(app, plan, period).await?;
    Ok((loaded.document(period), plan, period))
}

/// A file of the report: its writer, its type and its name before `-{plan}-{period}`.
struct Export {
    write: fn(&OfficialReport) -> Result<Vec<u8>, ReportError>,
    mime: &'static str,
    stem: &'static str,
    ext: &'static str,
}

/// The files [`download`] serves, by index: the DOCX and the XLSX annex.
pub const DOCX: usize = 0;
pub const XLSX: usize = 1;
const EXPORTS: [Export; 2] = [
    Export {
        write: reports::official_report::to_docx,
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        stem: "bao-cao-ket-qua",
        ext: "docx",
    },
    Export {
        write: reports::official_report::annex_xlsx,
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        stem: "phu-luc-so-lieu",
        ext: "xlsx",
    },
];

/// `GET /plans/{id}/official-report.docx` and `.xlsx`: the report as file `F` of
/// [`EXPORTS`].
pub async fn download<const F: usize>(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PlanId>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require_board(&user)?;
    let x = &EXPORTS[F];
    let (report, plan, period) = built(&app, &ctx, id, uri.query()).await?;
    let bytes = (x.write)(&report).map_err(|e| AppError::Internal(e.to_string()))?;
    let name = format!("{}-{}-{period}.{}", x.stem, plan.0, x.ext);
    Ok(crate::page::download(bytes, x.mime, &name))
}

//! The item page: the item as the document wrote it, and its tracking: status, dates,
//! responsible people, targets with their actuals, progress reports and evidence, and the
//! forms each user's role and unit allow. Forms that fail come back to this page with the
//! message and everything typed still in place ([`Overlay`]).

pub mod edit;
pub mod list;

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::i18n::Tr;
use crate::page::{Layout, render_page};
use crate::plans::{Chip, Row, deadline_text, row};
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use domain::{ItemId, Language, Period, UnitId, UnitRelation};
use store::{EvidenceRecord, ItemTracking, ReportVersion, TargetProgress, TargetSource};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/items", get(list::list))
        .route("/items.csv", get(list::export_csv))
        .route("/items.xlsx", get(list::export_xlsx))
        .route("/items/{id}", get(show))
        .route("/items/{id}/status", post(edit::status))
        .route("/items/{id}/details", post(edit::details))
        .route("/items/{id}/units", post(edit::units))
        .route("/items/{id}/people", post(edit::people))
        .route("/items/{id}/children", post(edit::add_child))
        .route("/items/{id}/split", post(edit::split))
        .route("/items/{id}/move", post(edit::move_item))
        .route("/targets/{id}/source", post(edit::target_source))
        .route("/plans/{id}/items", post(edit::add_top))
}

pub struct Crumb {
    pub id: i64,
    pub numbering: String,
    pub title: String,
}

/// A choice in a `<select>` or a checkbox group.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct PersonLine {
    pub unit: String,
    pub name: String,
    pub title: String,
}

pub struct TargetLine {
    pub id: i64,
    pub text: String,
    /// "21" or "" when nobody has reported.
    pub actual: String,
    /// below / within / above / unbounded / none
    pub attainment: &'static str,
    pub attainment_label: String,
    /// The source in words ("Số liệu các đơn vị báo cáo", "Đếm: …").
    pub source: String,
    /// Percent of the way to the minimum (or maximum), for the bar.
    pub bar: u32,
}

pub struct EvidenceLine {
    pub id: i64,
    pub name: String,
    pub size: String,
    pub is_image: bool,
    pub kept: bool,
}

pub struct ReportLine {
    pub id: i64,
    pub report_id: i64,
    pub unit: String,
    pub period: String,
    pub version: i64,
    pub text: String,
    pub percent: String,
    pub figures: Vec<(String, String)>,
    pub evidence: Vec<EvidenceLine>,
    pub at: String,
}

/// The report form's values.
pub struct ReportForm {
    pub units: Vec<Choice>,
    pub periods: Vec<Choice>,
    pub text: String,
    pub percent: String,
    /// (target id, target text, value typed)
    pub figures: Vec<(i64, String, String)>,
    pub evidence: Vec<EvidenceLine>,
    pub limit_mb: u64,
}

impl ReportForm {
    /// The content fields from a draft: a figure box per entered target (with what was
    /// typed), and the evidence already stored. Units and periods are the caller's.
    pub fn from_draft(
        d: &ReportDraft,
        progress: &[TargetProgress],
        limit_bytes: u64,
    ) -> ReportForm {
        ReportForm {
            units: Vec::new(),
            periods: Vec::new(),
            text: d.text.clone(),
            percent: d.percent.clone(),
            figures: progress
                .iter()
                .filter(|p| p.source == TargetSource::Entered)
                .map(|p| {
                    let typed = d
                        .figures
                        .iter()
                        .find(|(t, _)| *t == p.target_id)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                    (p.target_id, p.text.clone(), typed)
                })
                .collect(),
            evidence: d.evidence.iter().map(|e| evidence_line(e, true)).collect(),
            limit_mb: limit_bytes / 1_000_000,
        }
    }
}

/// What a failed form sends back to the page.
#[derive(Default)]
pub struct Overlay {
    /// Which form (`status`, `details`, `units`, `people`, `add`, `split`, `report`,
    /// `target`) and the message.
    pub error: Option<(&'static str, String)>,
    pub details: Option<(String, String, String, String)>,
    pub status_reason: Option<String>,
    pub report: Option<ReportDraft>,
}

/// A report as submitted, to put back in the form.
#[derive(Default, Clone)]
pub struct ReportDraft {
    pub unit: String,
    pub period: String,
    pub text: String,
    pub percent: String,
    pub figures: Vec<(i64, String)>,
    pub evidence: Vec<EvidenceRecord>,
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage<'a> {
    l: Layout<'a>,
    plan_id: i64,
    plan_label: String,
    ancestors: Vec<Crumb>,
    item: Row,
    inherited: bool,
    children: Vec<Row>,
    id: i64,
    version: i64,
    status: &'static str,
    status_label: &'static str,
    status_reason: String,
    added: bool,
    start: String,
    due: String,
    start_input: String,
    due_input: String,
    title_input: String,
    text_input: String,
    people: Vec<PersonLine>,
    people_input: Vec<(i64, String, String)>,
    targets: Vec<TargetLine>,
    reports: Vec<ReportLine>,
    can_edit: bool,
    can_change_units: bool,
    can_see_audit: bool,
    status_choices: Vec<Choice>,
    kinds: Vec<Choice>,
    reason_input: String,
    unit_choices: Vec<(i64, String, bool, bool)>,
    report_form: Option<ReportForm>,
    error_form: &'static str,
    error: String,
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
) -> Result<Response, AppError> {
    page(&app, &ctx, &user, id, Overlay::default(), StatusCode::OK).await
}

/// Loads the item's tracking state and checks that `user` may see it.
pub async fn visible_item(
    app: &AppState,
    user: &SessionUser,
    id: ItemId,
) -> Result<ItemTracking, AppError> {
    let it = app
        .store()
        .item_tracking(id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !domain::can_view_item(&user.actor, &it.item_units()) {
        return Err(AppError::Forbidden);
    }
    Ok(it)
}

pub fn size_text(bytes: i64) -> String {
    if bytes >= 1_000_000 {
        format!(
            "{} MB",
            domain::format_number((bytes as f64 / 100_000.0).round() / 10.0)
        )
    } else {
        format!(
            "{} KB",
            domain::format_number((bytes as f64 / 1000.0).ceil())
        )
    }
}

pub fn evidence_line(e: &EvidenceRecord, kept: bool) -> EvidenceLine {
    EvidenceLine {
        id: e.id,
        name: e.original_name.clone(),
        size: size_text(e.size),
        is_image: e.mime.starts_with("image/"),
        kept,
    }
}

/// Date and time in Hanoi, `dd/mm/yyyy HH:MM`.
pub fn local_time(unix: i64) -> String {
    domain::format::format_local_time(unix)
}

pub fn report_line(lang: Language, r: &ReportVersion, targets: &[TargetProgress]) -> ReportLine {
    ReportLine {
        id: r.id,
        report_id: r.report_id,
        unit: r.unit_name.clone(),
        period: r.period.label(lang),
        version: r.version,
        text: r.text.clone(),
        percent: r.percent.map(|p| format!("{p}%")).unwrap_or_default(),
        figures: r
            .figures
            .iter()
            .map(|(t, v)| {
                let label = targets
                    .iter()
                    .find(|x| x.target_id == *t)
                    .map(|x| x.text.clone())
                    .unwrap_or_else(|| t.to_string());
                (label, domain::format_number(*v))
            })
            .collect(),
        evidence: r.evidence.iter().map(|e| evidence_line(e, true)).collect(),
        at: local_time(r.created_at),
    }
}

fn target_line(t: &Tr, lang: Language, p: &TargetProgress) -> TargetLine {
    let source = match &p.source {
        TargetSource::Entered => t.t("track.source_entered").to_string(),
        TargetSource::Counted { rule } => rule.describe(domain::counting::RECORD_KINDS, lang),
    };
    let (attainment, attainment_label) = match p.attainment {
        Some(a) => (a.as_str(), a.label(lang).to_string()),
        None => ("none", t.t("track.no_figures").to_string()),
    };
    let goal = p.min.or(p.max).unwrap_or(0.0);
    let bar = match p.actual {
        Some(a) if goal > 0.0 => ((a / goal) * 100.0).clamp(0.0, 100.0) as u32,
        Some(_) => 100,
        None => 0,
    };
    TargetLine {
        id: p.target_id,
        text: domain::format_target(p.min, p.max, &p.unit, p.per.as_deref()),
        actual: p.actual.map(domain::format_number).unwrap_or_default(),
        attainment,
        attainment_label,
        source,
        bar,
    }
}

/// The units `user` may report for on this item, and the item's targets.
pub fn reporting_units(user: &SessionUser, it: &ItemTracking) -> Vec<UnitId> {
    let units = it.item_units();
    user.actor
        .unit_ids
        .iter()
        .copied()
        .filter(|u| domain::tracking::check_report(&user.actor, &units, *u).is_ok())
        .collect()
}

/// Renders the item page, with `overlay` from a form that failed.
pub async fn page(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    id: ItemId,
    overlay: Overlay,
    status: StatusCode,
) -> Result<Response, AppError> {
    let it = visible_item(app, user, id).await?;
    let store = app.store();
    let today = app.today();
    let v = store.item(id).await?.ok_or(AppError::NotFound)?;
    let t = ctx.tr();
    let lang = ctx.lang;
    let actor = &user.actor;
    let units = it.item_units();
    let all_units = store.list_units().await?;
    let unit_name = |u: UnitId| {
        all_units
            .iter()
            .find(|x| x.id == u)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| u.0.to_string())
    };
    let chips = |rel: UnitRelation| -> Vec<Chip> {
        it.effective_units()
            .iter()
            .filter(|(_, r)| *r == rel)
            .filter_map(|(u, _)| all_units.iter().find(|x| x.id == *u))
            .map(|u| Chip {
                id: u.id.0,
                name: u.name.clone(),
                external: u.external,
            })
            .collect()
    };
    let mut item = Row {
        id: v.item.id.0,
        depth: 0,
        numbering: v.item.numbering.clone().unwrap_or_default(),
        title: v.item.title.clone(),
        // The reader often repeats the title as the text; show it once.
        text: if v.item.text.trim().trim_end_matches('.')
            == v.item.title.trim().trim_end_matches('.')
        {
            String::new()
        } else {
            v.item.text.clone()
        },
        lead: chips(UnitRelation::Lead),
        coord: chips(UnitRelation::Coordinating),
        targets: Vec::new(),
        deadlines: v.deadlines.iter().map(|d| deadline_text(t, d)).collect(),
        status: None,
    };
    let progress: Vec<TargetProgress> = store
        .plan_target_progress(v.plan_id)
        .await?
        .into_iter()
        .filter(|p| p.item_id == id)
        .collect();
    item.targets = progress.iter().map(|p| p.text.clone()).collect();
    let targets = progress.iter().map(|p| target_line(t, lang, p)).collect();
    let reports: Vec<ReportLine> = store
        .item_reports(id)
        .await?
        .iter()
        .map(|r| report_line(lang, r, &progress))
        .collect();

    let can_edit = domain::can_edit_item(actor, &units);
    let can_change_units = domain::can_change_item_units(actor);
    let status_choices = domain::tracking::allowed_statuses(actor, &units, it.status)
        .into_iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: s.label(lang).to_string(),
            selected: false,
        })
        .collect();
    let date = |d: Option<chrono::NaiveDate>| d.map(domain::format_date).unwrap_or_default();
    let (title_input, text_input, start_input, due_input) = overlay.details.clone().unwrap_or((
        it.title.clone(),
        it.text.clone(),
        date(it.start),
        date(it.due),
    ));
    let people = it
        .people
        .iter()
        .map(|p| PersonLine {
            unit: unit_name(p.unit_id),
            name: p.name.clone(),
            title: p.title.clone().unwrap_or_default(),
        })
        .collect();
    // One text area per unit: "Họ tên, chức vụ" per line.
    let people_input = it
        .effective_units()
        .iter()
        .map(|(u, _)| {
            let lines: Vec<String> = it
                .people
                .iter()
                .filter(|p| p.unit_id == *u)
                .map(|p| match &p.title {
                    Some(title) if !title.is_empty() => format!("{}, {title}", p.name),
                    _ => p.name.clone(),
                })
                .collect();
            (u.0, unit_name(*u), lines.join("\n"))
        })
        .collect();
    let unit_choices = all_units
        .iter()
        .map(|u| {
            let rel = it.units.iter().find(|(x, _)| *x == u.id).map(|(_, r)| *r);
            (
                u.id.0,
                u.name.clone(),
                rel == Some(UnitRelation::Lead),
                rel == Some(UnitRelation::Coordinating),
            )
        })
        .collect();

    let reporting = reporting_units(user, &it);
    let report_form = if reporting.is_empty() {
        None
    } else {
        let draft = overlay.report.clone().unwrap_or_default();
        let (first, last) = store.report_years(v.plan_id).await?.unwrap_or((2000, 2000));
        // A plan with no year at all: offer the current one.
        let (first, last) = if first == i32::MIN {
            let y = chrono::Datelike::year(&today);
            (y, y)
        } else {
            (first, last)
        };
        let default_period = Period::progress_default(first, last, today).to_string();
        let chosen = if draft.period.is_empty() {
            default_period
        } else {
            draft.period.clone()
        };
        Some(ReportForm {
            units: reporting
                .iter()
                .map(|u| Choice {
                    value: u.0.to_string(),
                    label: unit_name(*u),
                    selected: draft.unit == u.0.to_string(),
                })
                .collect(),
            periods: Period::choices(first, last)
                .into_iter()
                .map(|p| Choice {
                    value: p.to_string(),
                    label: p.label(lang),
                    selected: p.to_string() == chosen,
                })
                .collect(),
            ..ReportForm::from_draft(&draft, &progress, app.config().evidence_limit_bytes)
        })
    };

    let ancestors = v
        .ancestors
        .iter()
        .map(|a| Crumb {
            id: a.id.0,
            numbering: a.numbering.clone().unwrap_or_default(),
            title: a.title.clone(),
        })
        .collect();
    let children = v.children.iter().map(|c| row(t, c, 0)).collect();
    let title = match &v.item.numbering {
        Some(n) => format!("{n} {}", v.item.title),
        None => v.item.title.clone(),
    };
    let plan_label: String = v.plan_title.chars().take(60).collect();
    let plan_label = if plan_label.len() < v.plan_title.len() {
        format!("{plan_label}…")
    } else {
        plan_label
    };
    let (error_form, error) = overlay.error.unwrap_or(("", String::new()));
    let mut resp = render_page(ItemPage {
        l: Layout::new(ctx, &title, "plans"),
        plan_id: v.plan_id.0,
        plan_label,
        ancestors,
        item,
        inherited: it.units.is_empty() && !it.inherited_units.is_empty(),
        children,
        id: id.0,
        version: it.version,
        status: it.status.as_str(),
        status_label: it.status.label(lang),
        status_reason: it.status_reason.clone().unwrap_or_default(),
        added: it.added,
        start: date(it.start),
        due: date(it.due),
        start_input,
        due_input,
        title_input,
        text_input,
        people,
        people_input,
        targets,
        reports,
        can_edit,
        can_change_units,
        can_see_audit: domain::can_view_audit(actor),
        status_choices,
        kinds: domain::counting::RECORD_KINDS
            .iter()
            .map(|k| Choice {
                value: k.code.to_string(),
                label: k.label(lang).to_string(),
                selected: false,
            })
            .collect(),
        reason_input: overlay.status_reason.unwrap_or_default(),
        unit_choices,
        report_form,
        error_form,
        error,
    });
    *resp.status_mut() = status;
    Ok(resp)
}

//! The item page: the item as the document wrote it, and its tracking: status, dates,
//! responsible people, targets with their actuals, progress reports and evidence, and the
//! forms each user's role and unit allow. Forms that fail come back to this page with the
//! message and everything typed still in place ([`Overlay`]).

pub mod edit;
pub mod list;
mod structure;
mod view;

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::i18n::Tr;
use crate::page::render_page;
use crate::session::{Ctx, SessionUser, Signed};
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use domain::{ItemId, Language, UnitId};
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
        .route("/items/{id}/children", post(structure::add_child))
        .route("/items/{id}/split", post(structure::split))
        .route("/items/{id}/move", post(structure::move_item))
        .route("/items/{id}/parent", post(structure::reparent))
        .route("/targets/{id}/source", post(edit::target_source))
        .route("/plans/{id}/items", post(structure::add_top))
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
    /// Counted from records (the source form starts on this choice).
    pub counted: bool,
    /// "Báo cáo: 12 · Hồ sơ: 1 · chênh lệch 11": shown instead of the one figure when the
    /// units reported another figure than the records give.
    pub discrepancy: Option<String>,
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
    /// Khó khăn, vướng mắc; đề xuất, kiến nghị.
    pub difficulties: String,
    pub proposals: String,
    pub percent: String,
    pub figures: Vec<(String, String)>,
    pub evidence: Vec<EvidenceLine>,
    pub at: String,
    /// The Board's decision on this version and what it answers (pages that show it).
    pub review: Option<crate::report_review::ReviewBox>,
}

/// The report form's values.
pub struct ReportForm {
    pub units: Vec<Choice>,
    pub periods: Vec<Choice>,
    pub text: String,
    pub difficulties: String,
    pub proposals: String,
    pub percent: String,
    /// (target id, target text, value typed, the input's id)
    pub figures: Vec<(i64, String, String, String)>,
    /// Why the form was refused: beside each field, and listed above the form.
    pub errors: crate::field_errors::FieldErrors,
    pub evidence: Vec<EvidenceLine>,
    pub limit_mb: u64,
}

impl ReportForm {
    /// The content fields from a draft: a figure box per target (with what was typed;
    /// counted targets too, whose reported figure is shown beside the count), and the
    /// evidence already stored. Units and periods are the caller's.
    pub fn from_draft(
        d: &ReportDraft,
        progress: &[TargetProgress],
        limit_bytes: u64,
    ) -> ReportForm {
        ReportForm {
            units: Vec::new(),
            periods: Vec::new(),
            text: d.text.clone(),
            difficulties: d.difficulties.clone(),
            proposals: d.proposals.clone(),
            percent: d.percent.clone(),
            figures: progress
                .iter()
                .map(|p| {
                    let typed = d
                        .figures
                        .iter()
                        .find(|(t, _)| *t == p.target_id)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                    let input = format!("fig-{}", p.target_id);
                    (p.target_id, p.text.clone(), typed, input)
                })
                .collect(),
            evidence: d.evidence.iter().map(|e| evidence_line(e, true)).collect(),
            errors: d.errors.clone(),
            limit_mb: limit_bytes / 1_000_000,
        }
    }
}

/// What a failed form sends back to the page.
#[derive(Default)]
pub struct Overlay {
    /// Which form (`status`, `details`, `units`, `people`, `add`, `split`, `report`,
    /// `target`, `review`) and the message.
    pub error: Option<(&'static str, String)>,
    /// Each field's problem, beside its field (`crate::field_errors`).
    pub fields: crate::field_errors::FieldErrors,
    /// What a one-field form (add, split) sent, to draw it again as typed.
    pub posted: Vec<(String, String)>,
    pub details: Option<(String, String, String, String)>,
    pub status_reason: Option<String>,
    pub report: Option<ReportDraft>,
    /// A review refused: on which report's card, with the comment typed.
    pub review: Option<crate::report_review::ReviewDraft>,
    /// The "move under another parent" form was asked for (`?move=parent`): its choices
    /// are the whole plan, so they are listed only then, not on every view.
    pub move_parent: bool,
}

/// A report as submitted, to put back in the form.
#[derive(Default, Clone)]
pub struct ReportDraft {
    pub unit: String,
    pub period: String,
    pub text: String,
    pub difficulties: String,
    pub proposals: String,
    pub percent: String,
    pub figures: Vec<(i64, String)>,
    pub evidence: Vec<EvidenceRecord>,
    /// Why it was refused, field by field.
    pub errors: crate::field_errors::FieldErrors,
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    // `?move=parent` asks for the "move under another parent" form; any other query is
    // ignored, as a link's leftovers should be.
    let move_parent = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .any(|(k, v)| k == "move" && v == "parent");
    let overlay = Overlay {
        move_parent,
        ..Overlay::default()
    };
    page(&app, &ctx, &user, id, overlay, StatusCode::OK).await
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
        difficulties: r.difficulties.clone(),
        proposals: r.proposals.clone(),
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
        review: None,
    }
}

pub(crate) fn target_line(t: &Tr, lang: Language, p: &TargetProgress) -> TargetLine {
    let source = match &p.source {
        TargetSource::Entered => t.t("track.source_entered").to_string(),
        TargetSource::Counted { rule } => {
            crate::i18n::describe_rule(rule, domain::counting::RECORD_KINDS, lang)
        }
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
        counted: matches!(p.source, TargetSource::Counted { .. }),
        discrepancy: discrepancy_text(t, p),
        bar,
    }
}

/// "Báo cáo: 12 · Hồ sơ: 1 · chênh lệch 11" for a counted target whose units reported
/// another figure (the item page and the plan page).
pub(crate) fn discrepancy_text(t: &Tr, p: &TargetProgress) -> Option<String> {
    let d = p.discrepancy()?;
    Some(t.f(
        "track.discrepancy",
        &[
            ("reported", &domain::format_number(d.reported)),
            ("counted", &domain::format_number(d.counted)),
            ("difference", &domain::format_number(d.difference.abs())),
        ],
    ))
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
    let view = view::ItemPage::load(app, ctx, user, id, overlay).await?;
    let mut resp = render_page(view);
    *resp.status_mut() = status;
    Ok(resp)
}

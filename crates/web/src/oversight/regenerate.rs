//! Bringing a saved report draft up to date with the records (`app::report::regenerate`):
//! the sections edited while their figures changed, shown with both texts, and the POST
//! that applies the Board's choice for each ("Giữ bản của tôi" / "Lấy bản mới"), or
//! regenerates the whole draft ("Tạo lại từ số liệu").

use super::report::load;
use super::require_board;
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::Posted;
use crate::session::{Ctx, Signed, redirect};
use app::report::prefill;
use app::report::regenerate::{Choice, Conflict, regenerate_all, resolve};
use axum::extract::State;
use axum::response::Response;
use domain::oversight::check_report_period;
use domain::{Period, PlanId};
use serde::Deserialize;
use std::collections::HashMap;

/// A section edited while its figures changed: the Board's text beside the new one.
pub struct ConflictView {
    pub name: &'static str,
    pub label: String,
    pub mine: String,
    pub new: String,
}

pub fn conflict_views(ctx: &Ctx, conflicts: &[Conflict]) -> Vec<ConflictView> {
    conflicts
        .iter()
        .map(|c| ConflictView {
            name: c.field,
            label: ctx
                .tr()
                .t(&format!("official_report.field_{}", c.field))
                .to_string(),
            mine: c.mine.clone(),
            new: c.new.clone(),
        })
        .collect()
}

/// "N phần đã thay đổi số liệu kể từ khi bạn sửa", or nothing without conflicts.
pub fn conflict_notice(ctx: &Ctx, conflicts: &[Conflict]) -> Option<String> {
    (!conflicts.is_empty()).then(|| {
        ctx.tr().f(
            "official_report.regen_notice",
            &[("count", &conflicts.len().to_string())],
        )
    })
}

/// The form: the period and version of the draft, `whole=1` for "Tạo lại từ số liệu",
/// and `choice_{field}` (`mine` or `new`) for each conflicting section, read from the
/// pairs (their names follow the sections).
#[derive(Deserialize)]
pub struct RegenerateForm {
    version: i64,
    #[serde(default)]
    period: String,
    #[serde(default)]
    whole: String,
}

/// The choices made; an unknown one is said, never defaulted.
fn choices(ctx: &Ctx, pairs: &[(String, String)]) -> Result<HashMap<String, Choice>, AppError> {
    let mut out = HashMap::new();
    for (name, value) in pairs {
        let Some(field) = name.strip_prefix("choice_") else {
            continue;
        };
        let choice = match value.as_str() {
            "mine" => Choice::Mine,
            "new" => Choice::New,
            _ => {
                let msg = ctx.tr().t("official_report.regen_bad_choice").to_string();
                return Err(AppError::Invalid(msg));
            }
        };
        out.insert(field.to_string(), choice);
    }
    Ok(out)
}

/// The period named by the form, if the report may be written for it.
async fn period(app: &AppState, ctx: &Ctx, plan: PlanId, raw: &str) -> Result<Period, AppError> {
    let period = raw
        .parse::<Period>()
        .ok()
        .and_then(|p| check_report_period(p).ok());
    let years = app.store().report_years(plan).await?;
    match (period, years) {
        (Some(p), Some((a, b))) if p.check_within(a, b).is_err() => {
            let msg = ctx.tr().t("oversight.report_period_outside").to_string();
            Err(AppError::BadRequest(msg))
        }
        (Some(p), _) => Ok(p),
        (None, _) => {
            let msg = ctx.tr().t("oversight.report_period").to_string();
            Err(AppError::BadRequest(msg))
        }
    }
}

/// `POST /plans/{id}/official-report/regenerate`: applies the choices (or regenerates the
/// whole draft) and saves over the version the page showed; a stale one is a 409.
pub async fn apply(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
    Posted { form: f, pairs }: Posted<RegenerateForm>,
) -> Result<Response, AppError> {
    require_board(&user)?;
    let period = period(&app, &ctx, plan, &f.period).await?;
    let chosen = choices(&ctx, &pairs)?;
    let loaded = load(&app, plan, period).await?;
    let merged = loaded.merged(period);
    let draft = if f.whole == "1" {
        regenerate_all(&merged.content, &prefill(&loaded.inputs(period)))
    } else {
        resolve(&merged, |field| chosen.get(field).copied())
    };
    app.store()
        .regenerate_report_draft(plan, period, f.version, &draft.to_json(), &user.actor)
        .await?;
    let to = format!("/plans/{}/official-report?period={period}&saved=1", plan.0);
    Ok(redirect(&ctx, &to))
}

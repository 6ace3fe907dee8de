//! Bringing a plan in from the browser (issue 13): upload a document, review what the
//! reader made of it beside its text, correct the header, the unit names and item titles,
//! split, merge or move items, correct the funding its "Kinh phí" section names, then
//! commit it as a plan in one transaction (or discard it),
//! or apply it over a stored plan as its revision (`revise`). The Board's and admins'.
//! The reading and the corrections are `app::import`'s, shared with `sangtao import`.

mod funding;
mod review;
mod revise;
mod upload;

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::session::{Ctx, SessionUser, Signed, redirect};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use store::{ImportOutcome, PlanDraft, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plans/import", get(upload::page))
        .route("/plans/import/{id}", get(show))
        .route("/plans/import/{id}/header", post(header))
        .route("/plans/import/{id}/units", post(units))
        .route("/plans/import/{id}/items", post(items))
        .route("/plans/import/{id}/funding", post(funding::funding))
        .route("/plans/import/{id}/shape", post(revise::reshape))
        .route("/plans/import/{id}/commit", post(commit))
        .route("/plans/import/{id}/revise", post(revise::apply))
        .route("/plans/import/{id}/delete", post(discard))
}

/// The upload (its own body limit and time-out).
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/plans/import", post(upload::upload))
}

/// Importing is the Board's and admins' (the store checks again in its transaction).
fn require(user: &SessionUser) -> Result<(), AppError> {
    if user.actor.is_board_or_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn draft(app: &AppState, user: &SessionUser, id: i64) -> Result<PlanDraft, AppError> {
    require(user)?;
    app.store().plan_draft(id).await?.ok_or(AppError::NotFound)
}

/// `?compare={plan}`: the draft as a revision of that plan, with what it changes.
#[derive(Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    compare: Option<i64>,
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let d = draft(&app, &user, id).await?;
    let compare = q.compare.map(domain::PlanId);
    review::render_compared(&app, &ctx, d, compare).await
}

/// The draft's version, carried by every form of the review page.
#[derive(Deserialize)]
pub struct Versioned {
    version: i64,
}

#[derive(Deserialize)]
pub struct HeaderForm {
    version: i64,
    #[serde(default)]
    title: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    symbol: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    signer: String,
}

pub async fn header(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, pairs }: Posted<HeaderForm>,
) -> Result<Response, AppError> {
    let mut d = draft(&app, &user, id).await?;
    let t = ctx.tr();
    let mut errors = FieldErrors::new();
    if f.title.trim().is_empty() {
        errors.add(
            "h-title",
            crate::field_errors::required(t, "import.doc_title"),
        );
    }
    let date = errors.date("h-date", "import.doc_date", &f.date, t);
    let mut edit = app::import::HeaderEdit::of(&d.parsed);
    edit.title = f.title;
    let m = &mut edit.meta;
    (m.number, m.symbol, m.signer_name) = (Some(f.number), Some(f.symbol), Some(f.signer));
    m.date = date.flatten();
    // Bounded as the plan's details form bounds them.
    for p in edit.meta.normalised().problems() {
        if let domain::SetupError::PlanFieldTooLong(field, _) = p {
            let input = match field {
                domain::PlanField::Number => "h-number",
                domain::PlanField::Symbol => "h-symbol",
                domain::PlanField::SignerName => "h-signer",
                _ => "",
            };
            errors.add(input, crate::i18n::Worded::message(&p, ctx.lang));
        }
    }
    if !errors.is_empty() {
        let refused = review::Refused::form("header", errors, pairs);
        return review::render(&app, &ctx, d, refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    app::import::set_header(&mut d.parsed, &edit);
    save(&app, &ctx, &user, d, f.version, "header").await
}

/// Saves the corrected reading over `version`, back to the review page's `section`.
async fn save(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    d: PlanDraft,
    version: i64,
    section: &str,
) -> Result<Response, AppError> {
    let saved = app
        .store()
        .save_plan_draft_funded(d.id, version, &d.parsed, &d.funding, &user.actor)
        .await;
    match saved {
        Ok(d) => Ok(redirect(
            ctx,
            &format!("/plans/import/{}?notice=draft_saved#{section}", d.id),
        )),
        Err(e) => refused(app, ctx, d.id, e).await,
    }
}

/// A store refusal on the review page: someone saved the draft meanwhile (its current
/// state is drawn, to do again), or another refusal in words; a forbidden action or a
/// missing draft is the error page.
async fn refused(app: &AppState, ctx: &Ctx, id: i64, e: StoreError) -> Result<Response, AppError> {
    let message = match e {
        StoreError::Conflict { .. } => ctx.tr().t("import.stale").to_string(),
        other => AppError::from(other).into_form_message(ctx)?,
    };
    let d = app
        .store()
        .plan_draft(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let refused = review::Refused::whole(message);
    review::render(app, ctx, d, refused, StatusCode::CONFLICT).await
}

/// Each unit name of the reading mapped to an existing unit (`map_{n}` = its id) or left
/// to be created (empty), `n` being the name's place in the review's list.
pub async fn units(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, pairs }: Posted<Versioned>,
) -> Result<Response, AppError> {
    let mut d = draft(&app, &user, id).await?;
    let all = app.store().list_units().await?;
    let table = app.store().abbreviation_table().await?;
    let matches = app::import::unit_matches(&d.parsed, &all, &table);
    for (n, m) in matches.iter().enumerate() {
        let chosen = pairs
            .iter()
            .find(|(k, _)| *k == format!("map_{n}"))
            .and_then(|(_, v)| v.parse::<i64>().ok());
        let Some(unit) = chosen.and_then(|c| all.iter().find(|u| u.id.0 == c)) else {
            continue;
        };
        if m.existing != Some(unit.id) {
            app::import::map_unit(&mut d.parsed, &m.written, &unit.name, &table);
        }
    }
    save(&app, &ctx, &user, d, f.version, "units").await
}

/// Item titles, targets and deadlines as corrected: `title_{line}` (the line the item
/// starts on), `tmin_{line}_{k}`, `tmax_{line}_{k}`, `tunit_{line}_{k}` for its `k`-th
/// target, `due_{line}_{k}` (dd/mm/yyyy, empty: no date) for its `k`-th deadline.
pub async fn items(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, pairs }: Posted<Versioned>,
) -> Result<Response, AppError> {
    let mut d = draft(&app, &user, id).await?;
    let t = ctx.tr();
    let mut errors = FieldErrors::new();
    for (k, v) in &pairs {
        if let Some(line) = k.strip_prefix("title_").and_then(|l| l.parse().ok()) {
            if v.trim().is_empty() {
                let msg = crate::field_errors::required(t, "import.item_title");
                errors.add(format!("t-{line}"), msg);
            } else {
                app::import::set_item_title(&mut d.parsed, line, v);
            }
        } else if let Some((line, n)) = k.strip_prefix("due_").and_then(target_key) {
            let field = format!("due-{line}-{n}");
            let label = "import.deadline_due";
            let parsed =
                crate::form::parse_date(v).map_err(|_| crate::field_errors::bad_date(t, label, v));
            if let Some(due) = errors.take(field, parsed) {
                app::import::set_deadline_due(&mut d.parsed, line, n, due);
            }
        } else if let Some((line, n)) = k.strip_prefix("tmin_").and_then(target_key) {
            match target_edit(t, &pairs, line, n) {
                Ok(edit) => {
                    app::import::set_target(&mut d.parsed, line, n, &edit);
                }
                Err(msg) => errors.add(format!("tmin-{line}-{n}"), msg),
            }
        }
    }
    if !errors.is_empty() {
        let refused = review::Refused::form("items", errors, pairs);
        return review::render(&app, &ctx, d, refused, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    save(&app, &ctx, &user, d, f.version, "tree").await
}

/// `{line}_{k}` of a target's or a deadline's input name.
fn target_key(rest: &str) -> Option<(usize, usize)> {
    let (line, k) = rest.split_once('_')?;
    Some((line.parse().ok()?, k.parse().ok()?))
}

/// The `k`-th target of the item on `line` as sent, or what is wrong with it.
fn target_edit(
    t: &crate::i18n::Tr,
    pairs: &[(String, String)],
    line: usize,
    k: usize,
) -> Result<app::import::TargetEdit, String> {
    let sent = |name: &str| {
        let key = format!("{name}_{line}_{k}");
        pairs
            .iter()
            .find(|(n, _)| *n == key)
            .map_or("", |(_, v)| v.as_str())
    };
    let number = |name: &str| {
        let typed = sent(name);
        crate::form::parse_number(typed)
            .map_err(|_| t.f("import.bad_number", &[("value", typed.trim())]))
    };
    let edit = app::import::TargetEdit {
        min: number("tmin")?,
        max: number("tmax")?,
        unit: sent("tunit").to_string(),
    };
    use app::import::TargetProblem as P;
    edit.check().map_err(|p| {
        t.t(match p {
            P::NoFigure => "import.target_no_figure",
            P::Negative => "import.target_negative",
            P::MinAboveMax => "import.target_min_above_max",
            P::NoUnit => "import.target_no_unit",
        })
        .to_string()
    })?;
    Ok(edit)
}

pub async fn commit(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
    Posted { form: f, .. }: Posted<Versioned>,
) -> Result<Response, AppError> {
    require(&user)?;
    let done = app
        .store()
        .commit_plan_draft(id, f.version, &user.actor)
        .await;
    match done {
        Ok(ImportOutcome::Imported(plan)) => Ok(redirect(
            &ctx,
            &format!("/plans/{}?notice=plan_imported", plan.0),
        )),
        Ok(ImportOutcome::AlreadyImported(plan)) => {
            let d = draft(&app, &user, id).await?;
            let refused = review::Refused::duplicate(plan);
            review::render(&app, &ctx, d, refused, StatusCode::CONFLICT).await
        }
        // A second click after the first committed: the draft is gone.
        Err(StoreError::NotFound(_)) => Ok(redirect(&ctx, "/plans?notice=draft_gone")),
        Err(e) => refused(&app, &ctx, id, e).await,
    }
}

pub async fn discard(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<i64>,
) -> Result<Response, AppError> {
    require(&user)?;
    app.store().delete_plan_draft(id, &user.actor).await?;
    Ok(redirect(&ctx, "/plans/import?notice=draft_discarded"))
}

/// A revision in one line, as the plan's page lists them.
pub fn revision_line(ctx: &Ctx, r: &store::RevisionRecord) -> String {
    let t = ctx.tr();
    let (reference, date) = reference_and_date(ctx, r);
    t.f(
        "revision.line",
        &[
            ("reference", &reference),
            ("date", &date),
            ("added", &r.added.to_string()),
            ("removed", &r.removed.to_string()),
            ("changed", &r.changed.to_string()),
            ("by", r.applied_by_name.as_deref().unwrap_or("—")),
            ("when", &domain::format::format_local_time(r.applied_at)),
        ],
    )
}

/// "Đã bỏ trong kế hoạch điều chỉnh số …", beside an item a revision removed.
pub fn removed_note(ctx: &Ctx, r: &store::RevisionRecord) -> String {
    let (reference, date) = reference_and_date(ctx, r);
    ctx.tr().f(
        "revision.removed_note",
        &[("reference", &reference), ("date", &date)],
    )
}

fn reference_and_date(ctx: &Ctx, r: &store::RevisionRecord) -> (String, String) {
    let t = ctx.tr();
    let reference = match r.reference() {
        s if s.is_empty() => t.t("revision.no_number").to_string(),
        s => s,
    };
    let date = r
        .date
        .map_or_else(|| t.t("revision.no_date").to_string(), domain::format_date);
    (reference, date)
}

//! The dashboards (Board and per unit) and the printable one-page plan status.

use super::{choose_plan, is_board, is_internal, local_datetime, query_value};
use crate::AppState;
use crate::charts::{Bar, bar_chart, progress_bar, target_band};
use crate::errors::AppError;
use crate::extract::Id;
use crate::i18n::Tr;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::response::Response;
use domain::oversight::{Band, DashboardItem, TargetFigure, dashboard_figures};
use domain::{ItemId, Language, PlanId, UnitId, format_date, format_number, format_target};
use std::collections::HashMap;
use store::DashboardData;

/// Items shown with a progress bar: the plan's first two levels, or only the first when
/// those are more than [`PROGRESS_ROWS`] (a page of 500 bars is read by nobody; the plan
/// page lists every item).
const PROGRESS_DEPTH: i64 = 1;
const PROGRESS_ROWS: usize = 100;
/// Longest overdue / due-soon lists on the page.
const LIST_LIMIT: usize = 50;
const RECENT_REPORTS: i64 = 8;
/// Rows of the one-page status; a plan with more top-level items says how many more.
const STATUS_ROWS: usize = 20;
/// Overdue items listed on the printed status; the rest are counted, with a link.
const STATUS_OVERDUE: usize = 6;

pub struct Line {
    pub id: i64,
    pub label: String,
    pub due: String,
    pub status_code: &'static str,
    pub status_label: &'static str,
    pub lead: String,
}

pub struct ProgressLine {
    pub line: Line,
    pub depth: i64,
    pub percent: String,
    pub svg: String,
}

pub struct TargetLine {
    pub item_id: i64,
    pub label: String,
    pub target: String,
    pub actual: String,
    pub band_code: &'static str,
    pub band_label: &'static str,
    pub svg: String,
}

pub struct RecentLine {
    pub report_id: i64,
    pub label: String,
    pub unit: String,
    pub period: String,
    pub when: String,
    pub percent: String,
}

/// An upcoming event on the dashboard.
pub struct EventLine {
    pub id: i64,
    pub title: String,
    pub when: String,
}

/// How many upcoming events the dashboard lists.
const UPCOMING_EVENTS: i64 = 8;

/// The department's next planned or confirmed events, from now on (Hanoi time), for the
/// Board's and the units' dashboards. `unit`: only events that unit leads or coordinates.
pub async fn upcoming_events(
    app: &AppState,
    unit: Option<UnitId>,
) -> Result<Vec<EventLine>, AppError> {
    use domain::events::EventStatus;
    let now = app.now().timestamp();
    let events = app
        .store()
        .list_events(&store::EventFilter {
            statuses: vec![EventStatus::Planned, EventStatus::Confirmed],
            unit_id: unit,
            from: Some(now),
            limit: UPCOMING_EVENTS,
            ..Default::default()
        })
        .await?;
    Ok(events
        .into_iter()
        .map(|e| EventLine {
            id: e.id.0,
            title: e.title,
            when: domain::format::format_local_time(e.start_at),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage<'a> {
    l: Layout<'a>,
    heading: String,
    /// The day the figures are counted on (dd/mm/yyyy).
    today: String,
    /// The period picker: (code, label, chosen); none chosen is today.
    periods: Vec<(String, String, bool)>,
    plan_id: i64,
    plans: Vec<(i64, String, bool)>,
    /// The link to the plans page when the picker leaves older plans out.
    more_plans: Option<String>,
    /// For the Board's unit switch: (id, name, selected).
    units: Vec<(i64, String, bool)>,
    unit_id: Option<i64>,
    board: bool,
    total: usize,
    done_percent: u8,
    status_chart: String,
    band_chart: String,
    progress: Vec<ProgressLine>,
    targets: Vec<TargetLine>,
    overdue: Vec<Line>,
    overdue_total: usize,
    soon: Vec<Line>,
    soon_total: usize,
    recent: Vec<RecentLine>,
    open_escalations: usize,
    events: Option<Vec<EventLine>>,
    /// The budget tile and the per-unit chart (issue 17).
    money: crate::budget::DashboardMoney,
}

fn line(row: &store::DashboardRow, lang: Language) -> Line {
    Line {
        id: row.id.0,
        label: domain::item_label(row.numbering.as_deref(), &row.title),
        due: row.due.map(format_date).unwrap_or_default(),
        status_code: row.status.as_str(),
        status_label: row.status.label(lang),
        lead: row.lead_units.join(", "),
    }
}

/// The figures and charts of a dashboard, shared by both dashboards and the status page.
pub struct Drawn {
    pub total: usize,
    pub done_percent: u8,
    pub status_chart: String,
    pub band_chart: String,
    pub progress: Vec<ProgressLine>,
    pub targets: Vec<TargetLine>,
    pub overdue: Vec<Line>,
    pub overdue_total: usize,
    pub soon: Vec<Line>,
    pub soon_total: usize,
}

/// The dashboard's figures and charts as of `today` (Hanoi).
pub fn draw(ctx: &Ctx, d: &DashboardData, today: chrono::NaiveDate) -> Drawn {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let f = dashboard_figures(today, &dashboard_items(d));
    let by_id: HashMap<ItemId, &store::DashboardRow> = d.items.iter().map(|r| (r.id, r)).collect();
    let pick = |ids: &[ItemId]| -> Vec<Line> {
        ids.iter()
            .take(LIST_LIMIT)
            .filter_map(|id| by_id.get(id).map(|r| line(r, lang)))
            .collect()
    };
    Drawn {
        total: f.total,
        done_percent: f.done_percent,
        status_chart: chart(t.t("dashboard.by_status"), &f.by_status, |s| {
            (s.label(lang), s.as_str())
        }),
        band_chart: chart(t.t("dashboard.bands"), &f.bands, |b| {
            (b.label(lang), b.as_str())
        }),
        progress: progress_lines(d, lang),
        targets: target_lines(d, &by_id, t, lang),
        overdue: pick(&f.overdue),
        overdue_total: f.overdue.len(),
        soon: pick(&f.due_soon),
        soon_total: f.due_soon.len(),
    }
}

/// The items with their targets' figures, as the domain's dashboard counts them.
fn dashboard_items(d: &DashboardData) -> Vec<DashboardItem> {
    let mut figures_by_item: HashMap<ItemId, Vec<TargetFigure>> = HashMap::new();
    for tp in &d.targets {
        figures_by_item
            .entry(tp.item_id)
            .or_default()
            .push(tp.figure());
    }
    d.items
        .iter()
        .map(|r| DashboardItem {
            item: r.id,
            status: r.status,
            due: r.due,
            targets: figures_by_item.remove(&r.id).unwrap_or_default(),
        })
        .collect()
}

/// A bar chart of counts by a labelled kind (status, attainment band).
fn chart<K: Copy>(
    title: &str,
    counts: &[(K, usize)],
    words: impl Fn(K) -> (&'static str, &'static str),
) -> String {
    let bars: Vec<Bar> = counts
        .iter()
        .map(|(k, n)| {
            let (label, class) = words(*k);
            Bar {
                label: label.to_string(),
                value: *n,
                class: class.to_string(),
            }
        })
        .collect();
    bar_chart(title, &bars)
}

/// One progress bar per item of the first two levels (only the first when there are many).
fn progress_lines(d: &DashboardData, lang: Language) -> Vec<ProgressLine> {
    let two_levels = d.items.iter().filter(|r| r.depth <= PROGRESS_DEPTH).count();
    let depth = if two_levels > PROGRESS_ROWS {
        0
    } else {
        PROGRESS_DEPTH
    };
    d.items
        .iter()
        .filter(|r| r.depth <= depth)
        .map(|r| {
            let l = line(r, lang);
            let pct = r.percent.unwrap_or(0).clamp(0, 100) as u8;
            ProgressLine {
                svg: progress_bar(&l.label, pct),
                percent: r
                    .percent
                    .map(|p| format!("{p}%"))
                    .unwrap_or_else(|| "—".into()),
                depth: r.depth,
                line: l,
            }
        })
        .collect()
}

/// One band per target: where its actual stands against its range.
fn target_lines(
    d: &DashboardData,
    by_id: &HashMap<ItemId, &store::DashboardRow>,
    t: &Tr,
    lang: Language,
) -> Vec<TargetLine> {
    d.targets
        .iter()
        .filter_map(|tp| {
            let row = by_id.get(&tp.item_id)?;
            let band = Band::of(&tp.figure());
            let target = format_target(tp.min, tp.max, &tp.unit, tp.per.as_deref());
            let actual = tp.actual.map(format_number).unwrap_or_else(|| "—".into());
            let l = line(row, lang);
            let aria = t.f(
                "dashboard.band_aria",
                &[("item", &l.label), ("actual", &actual), ("target", &target)],
            );
            Some(TargetLine {
                item_id: tp.item_id.0,
                svg: target_band(&aria, tp.min, tp.max, tp.actual),
                label: l.label,
                target,
                actual,
                band_code: band.as_str(),
                band_label: band.label(lang),
            })
        })
        .collect()
}

/// The dashboard's query: the plan, and the period whose end it counts on.
struct Pick {
    plan: Option<String>,
    period: Option<String>,
}

impl Pick {
    fn of(query: Option<&str>) -> Pick {
        Pick {
            plan: query_value(query, "plan"),
            period: query_value(query, "period").filter(|p| !p.is_empty()),
        }
    }
}

/// The day the figures are counted on: the chosen period's end, never after today (a
/// period still running is counted up to today), else today; with the period choices of
/// the plan's years as (code, label, chosen).
fn as_of_day(
    ctx: &Ctx,
    chosen: Option<&str>,
    years: Option<(i32, i32)>,
    today: chrono::NaiveDate,
) -> (chrono::NaiveDate, Vec<(String, String, bool)>) {
    let period = chosen.and_then(|c| c.parse::<domain::Period>().ok());
    let day = period.map_or(today, |p| p.end().min(today));
    let (first, last) = match years {
        Some((a, b)) if a != i32::MIN => (a, b),
        _ => (
            chrono::Datelike::year(&today),
            chrono::Datelike::year(&today),
        ),
    };
    let choices = domain::oversight::report_period_choices(first, last)
        .into_iter()
        .map(|p| (p.to_string(), p.label(ctx.lang), Some(p) == period))
        .collect();
    (day, choices)
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    pick: Pick,
    unit: Option<UnitId>,
) -> Result<Response, AppError> {
    let plans = app.store().list_plans().await?;
    let Some(plan) = choose_plan(&plans, pick.plan.as_deref()) else {
        // No plan imported yet: the plan list explains what to do.
        return Ok(redirect(ctx, "/plans"));
    };
    let board = is_board(user);
    let years = app.store().report_years(plan).await?;
    let (today, periods) = as_of_day(ctx, pick.period.as_deref(), years, app.today());
    let data = app
        .store()
        .dashboard(plan, unit, RECENT_REPORTS, today)
        .await?;
    let drawn = draw(ctx, &data, today);
    let all_units = app.store().list_units().await?;
    let heading = heading(ctx, unit, &all_units);
    let units = unit_switch(&all_units, user, board, unit);
    let open_escalations = open_escalations(app, board).await?;
    let recent = recent_lines(ctx, &data);
    let events = Some(upcoming_events(app, unit).await?).filter(|e| !e.is_empty());
    let money = crate::budget::dashboard_money(app, ctx, plan, unit).await?;
    // `list_plans` is newest first, as a picker offers them.
    let (offered, left_out) = crate::plan_picker::offered(&plans, |p| p.id == plan);
    Ok(render_page(DashboardPage {
        l: Layout::new(ctx, &heading, "dashboard"),
        heading,
        today: format_date(today),
        periods,
        plan_id: plan.0,
        plans: offered
            .iter()
            .map(|p| (p.id.0, p.title.clone(), p.id == plan))
            .collect(),
        more_plans: crate::plan_picker::more_label(ctx.tr(), left_out),
        units,
        unit_id: unit.map(|u| u.0),
        board,
        total: drawn.total,
        done_percent: drawn.done_percent,
        status_chart: drawn.status_chart,
        band_chart: drawn.band_chart,
        progress: drawn.progress,
        targets: drawn.targets,
        overdue: drawn.overdue,
        overdue_total: drawn.overdue_total,
        soon: drawn.soon,
        soon_total: drawn.soon_total,
        recent,
        open_escalations,
        events,
        money,
    }))
}

/// "Tổng quan" or "Tổng quan: <unit>".
fn heading(ctx: &Ctx, unit: Option<UnitId>, units: &[store::Unit]) -> String {
    let t = ctx.tr();
    match unit {
        Some(u) => {
            let name = units.iter().find(|x| x.id == u).map(|x| x.name.clone());
            t.f(
                "dashboard.unit_title",
                &[("unit", &name.unwrap_or_default())],
            )
        }
        None => t.t("dashboard.title").to_string(),
    }
}

/// The units the viewer can switch between: every internal unit for the Board, a
/// member's own units otherwise; (id, name, shown now).
fn unit_switch(
    units: &[store::Unit],
    user: &SessionUser,
    board: bool,
    unit: Option<UnitId>,
) -> Vec<(i64, String, bool)> {
    units
        .iter()
        .filter(|u| {
            if board {
                !u.external
            } else {
                user.actor.unit_ids.contains(&u.id)
            }
        })
        .map(|u| (u.id.0, u.name.clone(), Some(u.id) == unit))
        .collect()
}

/// Open escalations (the Board only). The unread notifications are the header's count
/// (`Layout::unread`), taken once per page by the session middleware.
async fn open_escalations(app: &AppState, board: bool) -> Result<usize, AppError> {
    Ok(if board {
        app.store().escalations(false, 1000).await?.len()
    } else {
        0
    })
}

/// The latest progress reports, as the dashboard lists them.
fn recent_lines(ctx: &Ctx, data: &DashboardData) -> Vec<RecentLine> {
    data.recent_reports
        .iter()
        .map(|r| RecentLine {
            report_id: r.first_id,
            label: domain::item_label(r.numbering.as_deref(), &r.title),
            unit: r.unit_name.clone(),
            period: r
                .period
                .parse::<domain::Period>()
                .map(|p| p.label(ctx.lang))
                .unwrap_or_else(|_| r.period.clone()),
            when: local_datetime(r.created_at),
            percent: r.percent.map(|p| format!("{p}%")).unwrap_or_default(),
        })
        .collect()
}

/// `/dashboard`: the whole plan for the Board; others go to their unit's dashboard.
pub async fn board(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    let pick = Pick::of(uri.query());
    if !is_internal(&user) {
        // Partners see the items shared with them on the item pages, not dashboards.
        return Err(AppError::Forbidden);
    }
    if !is_board(&user) {
        let Some(unit) = user.actor.unit_ids.first() else {
            return Err(AppError::Forbidden);
        };
        let to = match uri.query() {
            Some(q) if !q.is_empty() => format!("/units/{}/dashboard?{q}", unit.0),
            _ => format!("/units/{}/dashboard", unit.0),
        };
        return Ok(redirect(&ctx, &to));
    }
    render(&app, &ctx, &user, pick, None).await
}

/// `/units/{id}/dashboard`: the unit's members, the Board, admins.
pub async fn unit(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(unit): Id<UnitId>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    if !is_internal(&user) || (!is_board(&user) && !user.actor.unit_ids.contains(&unit)) {
        return Err(AppError::Forbidden);
    }
    if !app.store().list_units().await?.iter().any(|u| u.id == unit) {
        return Err(AppError::NotFound);
    }
    render(&app, &ctx, &user, Pick::of(uri.query()), Some(unit)).await
}

#[derive(Template)]
#[template(path = "plan_status.html")]
struct StatusPage<'a> {
    l: Layout<'a>,
    plan_id: i64,
    plan_title: String,
    plan_ref: String,
    today: String,
    total: usize,
    done_percent: u8,
    status_chart: String,
    /// Top-level items only, at most [`STATUS_ROWS`]: one page.
    rows: Vec<ProgressLine>,
    /// "… và 17 nhiệm vụ khác", empty when all rows fit.
    more: String,
    overdue: Vec<Line>,
    overdue_total: usize,
    soon_total: usize,
}

/// `/plans/{id}/status`: the plan on one printed page, for meetings.
pub async fn status(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
) -> Result<Response, AppError> {
    if !is_internal(&user) {
        return Err(AppError::Forbidden);
    }
    let plans = app.store().list_plans().await?;
    let Some(summary) = plans.iter().find(|p| p.id == plan) else {
        return Err(AppError::NotFound);
    };
    let data = app.store().dashboard(plan, None, 0, app.today()).await?;
    let drawn = draw(&ctx, &data, app.today());
    let plan_ref = match (&summary.number, &summary.symbol) {
        (Some(n), Some(s)) => format!("{n}/{s}"),
        (None, Some(s)) => s.clone(),
        _ => String::new(),
    };
    let title = ctx.tr().t("dashboard.status_title").to_string();
    let mut rows: Vec<ProgressLine> = drawn
        .progress
        .into_iter()
        .filter(|p| p.depth == 0)
        .collect();
    let more = match rows.len().saturating_sub(STATUS_ROWS) {
        0 => String::new(),
        n => ctx.tr().count("dashboard.more_items", n),
    };
    rows.truncate(STATUS_ROWS);
    Ok(render_page(StatusPage {
        l: Layout::new(&ctx, &title, "dashboard"),
        plan_id: plan.0,
        plan_title: summary.title.clone(),
        plan_ref,
        today: format_date(app.today()),
        total: drawn.total,
        done_percent: drawn.done_percent,
        status_chart: drawn.status_chart,
        rows,
        more,
        overdue: drawn.overdue.into_iter().take(STATUS_OVERDUE).collect(),
        overdue_total: drawn.overdue_total,
        soon_total: drawn.soon_total,
    }))
}

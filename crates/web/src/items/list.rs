//! The item list across plans (`/items`): filtered by plan, unit, status, due date and
//! text, paginated, and the same list as CSV or XLSX (`/items.csv`, `/items.xlsx`) with the
//! filters in force. Partners see only items shared with them, here as everywhere.

use super::Choice;
use crate::AppState;
use crate::errors::AppError;
use crate::form::{parse_date, read_form, ticked};
use crate::i18n::Tr;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::HeaderValue;
use axum::response::Response;
use domain::{ItemStatus, PlanId, UnitId, UnitRelation};
use reports::{Cell, Table};
use serde::Deserialize;
use std::collections::HashMap;
use store::{ItemFilter, ItemListRow};

pub const PER_PAGE: i64 = 50;
/// Rows fetched per query when exporting.
const EXPORT_BATCH: i64 = 1000;

/// The list's query string, as typed (kept for the form) and as a store filter.
pub struct ListQuery {
    pub q: String,
    pub plan: String,
    pub unit: String,
    pub relation: String,
    pub statuses: Vec<String>,
    pub due_from: String,
    pub due_to: String,
    /// "Chỉ việc quá hạn" ticked.
    pub overdue: bool,
    /// "Chỉ việc chưa báo cáo kỳ …": the period as typed ("2025-Q4"), or empty.
    pub unreported: String,
    /// The period that box offers: the one asked for, else the current one.
    pub unreported_period: domain::Period,
    pub filter: ItemFilter,
    /// Message keys of fields that did not read (their filter is left out).
    pub errors: Vec<&'static str>,
}

/// The list's query string as typed.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ListParams {
    q: String,
    plan: String,
    unit: String,
    relation: String,
    status: Vec<String>,
    due_from: String,
    due_to: String,
    overdue: String,
    unreported: String,
    page: String,
    /// The last row of the page before (`store::ListPosition`), from a "next" link.
    after: String,
}

impl ListQuery {
    /// The filters of `query`. A query string that does not read (a filter given twice)
    /// is a 400; a filter that does not read is left out and said (`errors`).
    /// `today` is the day "quá hạn" is judged on.
    pub fn parse(
        query: &str,
        user: &SessionUser,
        today: chrono::NaiveDate,
    ) -> Result<ListQuery, AppError> {
        let p: ListParams = read_form(query.as_bytes())?;
        let text = |v: &str| v.trim().to_string();
        let mut errors = Vec::new();
        let mut filter = ItemFilter {
            per_page: PER_PAGE,
            page: p
                .page
                .trim()
                .parse::<i64>()
                .unwrap_or(1)
                .clamp(1, 1_000_000),
            visible_units: domain::item_list_scope(&user.actor),
            // A position that does not read (a link typed by hand) pages by number.
            after_row: p.after.trim().parse().ok(),
            ..Default::default()
        };
        let (plan, unit) = (text(&p.plan), text(&p.unit));
        filter.plan_id = plan.parse().ok().map(PlanId);
        filter.unit_id = unit.parse().ok().map(UnitId);
        let relation = text(&p.relation);
        match relation.as_str() {
            "" => {}
            r => match r.parse::<UnitRelation>() {
                Ok(r) => filter.relation = Some(r),
                Err(_) => errors.push("form.unknown_relation"),
            },
        }
        // An unknown status is said, never dropped from the filter unnoticed.
        match ticked(&p.status, "form.unknown_status") {
            Ok(statuses) => filter.statuses = statuses,
            Err(key) => errors.push(key),
        }
        let (due_from, due_to) = (text(&p.due_from), text(&p.due_to));
        match parse_date(&due_from) {
            Ok(d) => filter.due_from = d,
            Err(_) => errors.push("list.bad_due_from"),
        }
        match parse_date(&due_to) {
            Ok(d) => filter.due_to = d,
            Err(_) => errors.push("list.bad_due_to"),
        }
        if let (Some(a), Some(b)) = (filter.due_from, filter.due_to)
            && a > b
        {
            errors.push("list.from_after_to");
        }
        let overdue = !p.overdue.trim().is_empty();
        filter.overdue_on = overdue.then_some(today);
        let unreported = text(&p.unreported);
        if !unreported.is_empty() {
            match unreported.parse::<domain::Period>() {
                Ok(period) => filter.unreported_in = Some(period),
                Err(_) => errors.push("list.bad_unreported"),
            }
        }
        let unreported_period = filter
            .unreported_in
            .unwrap_or_else(|| domain::oversight::current_period(today));
        let q = text(&p.q);
        filter.text = Some(q.clone()).filter(|q| !q.is_empty());
        Ok(ListQuery {
            q,
            plan,
            unit,
            relation,
            statuses: p.status,
            due_from,
            due_to,
            overdue,
            unreported,
            unreported_period,
            filter,
            errors,
        })
    }

    /// The query string of these filters, without the page (for page and export links).
    pub fn encoded(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &self.q),
            ("plan", &self.plan),
            ("unit", &self.unit),
            ("relation", &self.relation),
            ("due_from", &self.due_from),
            ("due_to", &self.due_to),
        ] {
            if !v.is_empty() {
                s.append_pair(k, v);
            }
        }
        for st in &self.statuses {
            s.append_pair("status", st);
        }
        if self.overdue {
            s.append_pair("overdue", "1");
        }
        if !self.unreported.is_empty() {
            s.append_pair("unreported", &self.unreported);
        }
        s.finish()
    }
}

pub struct ListRow {
    pub id: i64,
    pub numbering: String,
    pub title: String,
    pub plan: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub due: String,
    pub overdue: bool,
    /// 0–100 for the bar; None when no report gives a percent.
    pub percent: Option<u8>,
    pub bar: String,
    pub latest_report: String,
    pub lead: String,
    pub coord: String,
    /// The units are the parent item's.
    pub inherited: bool,
    pub added: bool,
}

#[derive(Template)]
#[template(path = "items.html")]
struct ItemsPage<'a> {
    l: Layout<'a>,
    query: ListQuery,
    errors: Vec<String>,
    plans: Vec<Choice>,
    /// The link to the plans page when the picker leaves older plans out.
    more_plans: Option<String>,
    units: Vec<Choice>,
    relations: Vec<Choice>,
    statuses: Vec<Choice>,
    rows: Vec<ListRow>,
    summary: String,
    /// "Chỉ việc chưa báo cáo quý 4/2026".
    unreported_label: String,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
    export_query: String,
}

fn choices<I: IntoIterator<Item = (String, String)>>(items: I, selected: &str) -> Vec<Choice> {
    items
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == selected,
            value,
            label,
        })
        .collect()
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let query = ListQuery::parse(raw.as_deref().unwrap_or(""), &user, app.today())?;
    let data = Loaded::load(&app, &query).await?;
    Ok(render_page(ItemsPage::new(&ctx, query, data)))
}

/// What the list page shows, from the store: the plans' names, one page of items and
/// the units (three calls).
struct Loaded {
    plan_names: Vec<(PlanId, String)>,
    page: store::ItemPage,
    units: Vec<store::Unit>,
}

impl Loaded {
    async fn load(app: &AppState, query: &ListQuery) -> Result<Loaded, AppError> {
        let store = app.store();
        Ok(Loaded {
            plan_names: store.plan_names().await?,
            page: store.list_items(&query.filter).await?,
            units: store.list_units().await?,
        })
    }
}

impl<'a> ItemsPage<'a> {
    fn new(ctx: &'a Ctx, query: ListQuery, data: Loaded) -> ItemsPage<'a> {
        let t = ctx.tr();
        let page = &data.page;
        let pages = ((page.total + page.per_page - 1) / page.per_page).max(1);
        let base = query.encoded();
        let (offered_plans, left_out) = crate::plan_picker::offered(&data.plan_names, |(id, _)| {
            query.filter.plan_id == Some(*id)
        });
        let link = |p: i64| {
            let sep = if base.is_empty() { "" } else { "&" };
            format!("/items?{base}{sep}page={p}")
        };
        ItemsPage {
            l: Layout::new(ctx, t.t("list.title"), "items"),
            errors: query.errors.iter().map(|k| t.t(k).to_string()).collect(),
            plans: choices(
                offered_plans
                    .iter()
                    .map(|(id, n)| (id.0.to_string(), n.clone())),
                &query.plan,
            ),
            more_plans: crate::plan_picker::more_label(t, left_out),
            units: choices(scoped_units(&data.units, &query.filter), &query.unit),
            relations: relation_choices(t, &query.relation),
            statuses: status_choices(t, &query.statuses),
            rows: list_rows(t, &data.plan_names, &page.rows),
            summary: summary(t, page, pages),
            unreported_label: t.f(
                "list.unreported_only",
                &[("period", &query.unreported_period.label(t.lang))],
            ),
            page: page.page,
            pages,
            prev: (page.page > 1).then(|| link(page.page - 1)),
            // "Next" starts after this page's last row (keyset): as cheap on page 2,000
            // as on page 2. "Previous" and typed page numbers count rows.
            next: match page.rows.last() {
                Some(last) if page.page < pages => {
                    Some(format!("{}&after={}", link(page.page + 1), last.position()))
                }
                _ => None,
            },
            export_query: base,
            query,
        }
    }
}

fn list_rows(t: &Tr, plan_names: &[(PlanId, String)], rows: &[ItemListRow]) -> Vec<ListRow> {
    let names: HashMap<PlanId, &str> = plan_names.iter().map(|(id, n)| (*id, n.as_str())).collect();
    let plan_name = |id: PlanId| names.get(&id).copied().unwrap_or_default().to_string();
    rows.iter()
        .map(|r| {
            let (percent, bar) = crate::row_state::percent_bar(t, r.percent);
            ListRow {
                id: r.id.0,
                numbering: r.numbering.clone().unwrap_or_default(),
                title: r.title.clone(),
                plan: plan_name(r.plan_id),
                status: r.status.as_str(),
                status_label: r.status.label(t.lang),
                due: r.due.map(domain::format_date).unwrap_or_default(),
                overdue: r.overdue,
                percent,
                bar,
                latest_report: r.latest_report.map(domain::format_date).unwrap_or_default(),
                lead: r.lead_units.join(", "),
                coord: r.coordinating_units.join(", "),
                inherited: r.units_inherited,
                added: r.added,
            }
        })
        .collect()
}

/// The units the filter may choose: those the user's list is scoped to (all when unscoped).
fn scoped_units(units: &[store::Unit], filter: &ItemFilter) -> Vec<(String, String)> {
    units
        .iter()
        .filter(|u| {
            filter
                .visible_units
                .as_ref()
                .is_none_or(|v| v.contains(&u.id))
        })
        .map(|u| (u.id.0.to_string(), u.name.clone()))
        .collect()
}

fn relation_choices(t: &Tr, selected: &str) -> Vec<Choice> {
    choices(
        [
            (String::new(), t.t("list.any_relation").to_string()),
            ("lead".into(), t.t("item.lead").to_string()),
            ("coordinating".into(), t.t("item.coordinating").to_string()),
        ],
        selected,
    )
}

/// The statuses to tick. "Chậm tiến độ" is no longer set by hand (overdue is a flag with
/// its own box), so it is offered only to a link that still asks for it.
fn status_choices(t: &Tr, selected: &[String]) -> Vec<Choice> {
    let ticked = |s: &ItemStatus| selected.iter().any(|x| x == s.as_str());
    ItemStatus::ALL
        .iter()
        .filter(|s| **s != ItemStatus::Late || ticked(s))
        .map(|s| Choice {
            value: s.as_str().into(),
            label: s.label(t.lang).into(),
            selected: selected.iter().any(|x| x == s.as_str()),
        })
        .collect()
}

fn summary(t: &Tr, page: &store::ItemPage, pages: i64) -> String {
    t.count_with(
        if page.total_capped {
            "list.summary_capped"
        } else {
            "list.summary"
        },
        page.total,
        &[
            ("total", &domain::format_number(page.total as f64)),
            ("page", &page.page.to_string()),
            ("pages", &pages.to_string()),
        ],
    )
}

/// The list's column headings in the user's language.
fn headers(t: &Tr) -> Vec<String> {
    [
        "list.col_id",
        "list.col_plan",
        "list.col_numbering",
        "list.col_title",
        "track.status",
        "list.col_start",
        "list.col_due",
        "list.col_overdue",
        "list.col_percent",
        "list.col_latest_report",
        "item.lead",
        "item.coordinating",
        "list.col_inherited",
        "list.col_added",
    ]
    .iter()
    .map(|k| t.t(k).to_string())
    .collect()
}

fn cells(t: &Tr, r: &ItemListRow, plan: &str) -> Vec<Cell> {
    vec![
        Cell::Int(r.id.0),
        plan.into(),
        r.numbering.clone().into(),
        r.title.as_str().into(),
        r.status.label(t.lang).into(),
        r.start.into(),
        r.due.into(),
        yes(t, r.overdue),
        r.percent.map_or(Cell::Empty, Cell::Int),
        r.latest_report.into(),
        r.lead_units.join("; ").into(),
        r.coordinating_units.join("; ").into(),
        yes(t, r.units_inherited),
        yes(t, r.added),
    ]
}

fn yes(t: &Tr, on: bool) -> Cell {
    if on { t.t("list.yes") } else { "" }.into()
}

/// Every row the filters select, in id order, batch by batch; stops at the configured
/// maximum so one export cannot exhaust the server.
async fn export_rows(
    app: &AppState,
    query: &ListQuery,
    mut each: impl FnMut(&ItemListRow) -> Result<(), AppError>,
) -> Result<bool, AppError> {
    let max = app.config().export_max_rows;
    let mut filter = query.filter.clone();
    filter.per_page = EXPORT_BATCH;
    filter.page = 1;
    filter.after_row = None;
    let mut written = 0usize;
    loop {
        let batch = app.store().list_items(&filter).await?;
        for r in &batch.rows {
            if written == max {
                return Ok(true);
            }
            each(r)?;
            written += 1;
        }
        match batch.rows.last() {
            Some(last) if batch.rows.len() as i64 == EXPORT_BATCH => {
                filter.after_id = Some(last.id)
            }
            _ => return Ok(false),
        }
    }
}

/// The last row of a cut export: the note in the first column, the rest empty.
fn note_row(t: &Tr) -> Vec<Cell> {
    let mut row = vec![Cell::Empty; headers(t).len()];
    row[0] = Cell::Text(t.t("list.truncated").to_string());
    row
}

fn download(bytes: Vec<u8>, mime: &'static str, name: &str, truncated: bool) -> Response {
    let mut r = crate::page::download(bytes, mime, name);
    if truncated {
        // Said in a header too, so scripts notice; the file itself ends with a note row.
        r.headers_mut()
            .insert("x-sangtao-truncated", HeaderValue::from_static("true"));
    }
    r
}

fn export_name(ext: &str, today: chrono::NaiveDate) -> String {
    let today = today.format("%Y-%m-%d");
    format!("danh-sach-nhiem-vu-{today}.{ext}")
}

/// The filters of an export (refused with the message when a date does not read) and
/// the plans' short names by id.
async fn export_input(
    app: &AppState,
    t: &Tr,
    user: &SessionUser,
    raw: Option<&str>,
) -> Result<(ListQuery, HashMap<PlanId, String>), AppError> {
    let query = ListQuery::parse(raw.unwrap_or(""), user, app.today())?;
    if let Some(k) = query.errors.first() {
        return Err(AppError::Invalid(t.t(k).to_string()));
    }
    let plans = app.store().plan_names().await?.into_iter().collect();
    Ok((query, plans))
}

pub async fn export_csv(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let (query, plans) = export_input(&app, t, &user, raw.as_deref()).await?;
    let name = |id: PlanId| plans.get(&id).map_or("", String::as_str);
    let mut w = reports::table::CsvWriter::new(Vec::new(), &headers(t))?;
    let truncated = export_rows(&app, &query, |r| {
        w.row(&cells(t, r, name(r.plan_id))).map_err(AppError::from)
    })
    .await?;
    if truncated {
        w.row(&note_row(t))?;
    }
    let bytes = w.finish()?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        &export_name("csv", app.today()),
        truncated,
    ))
}

pub async fn export_xlsx(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let t = ctx.tr();
    let (query, plans) = export_input(&app, t, &user, raw.as_deref()).await?;
    let name = |id: PlanId| plans.get(&id).map_or("", String::as_str);
    let mut table = Table {
        title: t.t("list.title").to_string(),
        headers: headers(t),
        rows: Vec::new(),
    };
    let truncated = export_rows(&app, &query, |r| {
        table.rows.push(cells(t, r, name(r.plan_id)));
        Ok(())
    })
    .await?;
    if truncated {
        table.rows.push(note_row(t));
    }
    // The workbook is built in memory (the XLSX writer needs the whole sheet); the row
    // cap above bounds it.
    let bytes = tokio::task::spawn_blocking(move || table.to_xlsx())
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &export_name("xlsx", app.today()),
        truncated,
    ))
}

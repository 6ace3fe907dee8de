//! `/plans/{id}/budget`: a plan's money, budget against actual: per item with an estimate
//! (planned, contracted, paid, settled) and per lead unit, with a chart, beside the plan's
//! funding sources. An item led by two units counts for each of them, so the units' rows
//! may add up to more than the plan's total row.

use crate::AppState;
use crate::charts::{MoneyBar, money_chart};
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::Posted;
use crate::i18n::Worded;
use crate::page::{Layout, render_page};
use crate::pager::Pager;
use crate::session::{Ctx, SessionUser, Signed, redirect};
use ::reports::{Cell, Table};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::budget::{Amount, can_manage_funding};
use domain::{PlanId, UnitId, format_vnd};
use serde::Deserialize;
use store::{ItemMoney, MoneyFigures, NewFundingSource};

/// Rows on a page of the plan's budget table.
const PLAN_PAGE: i64 = 100;

/// The funding source form's fields as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FundingForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    legal_basis: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    amount: String,
}

impl FundingForm {
    fn parse(&self, ctx: &Ctx) -> Result<NewFundingSource, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.name.trim().is_empty() {
            e.add(
                "f-name",
                crate::field_errors::required(ctx.tr(), "budget.funding_name"),
            );
        }
        let year = self
            .year
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|y| (1900..=2200).contains(y));
        if year.is_none() {
            e.add("f-year", ctx.tr().t("form.bad_year").to_string());
        }
        let amount = e.take(
            "f-amount",
            Amount::parse(&self.amount).map_err(|x| x.message(ctx.lang)),
        );
        match (year, amount) {
            (Some(year), Some(amount)) if e.is_empty() => Ok(NewFundingSource {
                name: self.name.clone(),
                legal_basis: self.legal_basis.clone(),
                year,
                amount,
            }),
            _ => Err(e),
        }
    }
}

pub(super) struct Row {
    item_id: Option<i64>,
    label: String,
    planned: String,
    contracted: String,
    paid: String,
    settled: String,
}

impl Row {
    fn new(item_id: Option<i64>, label: String, f: &MoneyFigures) -> Row {
        Row {
            item_id,
            label,
            planned: format_vnd(f.planned),
            contracted: format_vnd(f.contracted),
            paid: format_vnd(f.paid),
            settled: format_vnd(f.settled),
        }
    }
}

#[derive(Template)]
#[template(path = "budget_plan.html")]
struct PlanBudgetPage<'a> {
    l: Layout<'a>,
    plan_id: i64,
    plan_title: String,
    /// This page's items (`PLAN_PAGE` a page); the total and the units are the whole plan's.
    items: Vec<Row>,
    pager: Pager,
    total: Row,
    units: Vec<Row>,
    chart: String,
    /// (name, legal basis, year, amount or "no amount yet", unit assigned).
    funding: Vec<(String, String, i64, String, String)>,
    funding_total: String,
    can_fund: bool,
    form: FundingForm,
    errors: FieldErrors,
    /// The plan document's "Kinh phí" section, as imported.
    budget_text: Option<String>,
}

/// The form as first shown: from the document's "Kinh phí" section when the plan has no
/// funding source yet (the system proposes, Finance enters the amount and confirms).
fn proposed(plan: &store::PlanRecord, has_funding: bool) -> FundingForm {
    let Some(text) = plan.budget_text.as_deref().filter(|_| !has_funding) else {
        return FundingForm::default();
    };
    let basis = match (&plan.number, &plan.symbol) {
        (Some(n), Some(s)) => format!("Kế hoạch số {n}/{s}"),
        _ => String::new(),
    };
    FundingForm {
        name: text.split_whitespace().collect::<Vec<_>>().join(" "),
        legal_basis: basis,
        year: plan.year.map(|y| y.to_string()).unwrap_or_default(),
        amount: String::new(),
    }
}

/// The figures summed per lead unit, in the order units first appear.
fn per_unit(items: &[ItemMoney]) -> Vec<(UnitId, MoneyFigures)> {
    let mut out: Vec<(UnitId, MoneyFigures)> = Vec::new();
    for i in items {
        for u in &i.lead_units {
            match out.iter_mut().find(|(x, _)| x == u) {
                Some((_, f)) => f.add(&i.figures),
                None => out.push((*u, i.figures)),
            }
        }
    }
    out
}

/// The settlement summary as XLSX: per item, planned, contracted, paid and settled, with
/// the plan's total (the page's figures, as numbers a spreadsheet sums).
pub async fn xlsx(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
) -> Result<Response, AppError> {
    let view = app.store().plan(plan).await?.ok_or(AppError::NotFound)?;
    if !domain::can_view_plan(&user.actor, &view.unit_ids())
        || !domain::budget::can_view_budget(&user.actor)
    {
        return Err(AppError::Forbidden);
    }
    let items = app.store().plan_money(plan, app.today()).await?;
    let t = ctx.tr();
    let total = MoneyFigures::sum(items.iter().map(|i| &i.figures));
    let row = |stt: Cell, label: String, f: &MoneyFigures| {
        let money = [f.planned, f.contracted, f.paid, f.settled].map(Cell::Int);
        [vec![stt, Cell::Text(label)], money.to_vec()].concat()
    };
    let mut rows: Vec<Vec<Cell>> = items
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let label = domain::item_label(i.numbering.as_deref(), &i.title);
            row(Cell::Int(n as i64 + 1), label, &i.figures)
        })
        .collect();
    rows.push(row(Cell::Empty, t.t("budget.total").to_string(), &total));
    let table = Table {
        title: t.t("budget.settlement_sheet").to_string(),
        headers: [
            "budget.col_stt",
            "budget.item",
            "budget.planned",
            "budget.contracted",
        ]
        .iter()
        .chain(&["budget.paid", "budget.settled"])
        .map(|k| t.t(k).to_string())
        .collect(),
        rows,
    };
    Ok(crate::page::download(
        table.to_xlsx()?,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("quyet-toan-{}.xlsx", plan.0),
    ))
}

/// The plan's total and each lead unit's figures, named.
fn summed(
    items: &[ItemMoney],
    names: &[store::Unit],
) -> (MoneyFigures, Vec<(String, MoneyFigures)>) {
    let total = MoneyFigures::sum(items.iter().map(|i| &i.figures));
    let name = |u: UnitId| {
        names
            .iter()
            .find(|n| n.id == u)
            .map_or(String::new(), |n| n.name.clone())
    };
    let units = per_unit(items)
        .into_iter()
        .map(|(u, f)| (name(u), f))
        .collect();
    (total, units)
}

/// Planned and paid per lead unit, as bars: the unit named once, beside its planned bar
/// (the legend under the chart says the colours).
fn unit_chart(ctx: &Ctx, units: &[(String, MoneyFigures)]) -> String {
    let t = ctx.tr();
    let bars: Vec<MoneyBar> = units
        .iter()
        .flat_map(|(unit, f)| {
            [
                (t.t("budget.planned"), f.planned, "planned", unit.as_str()),
                (t.t("budget.paid"), f.paid, "paid", ""),
            ]
            .map(|(what, value, class, caption)| MoneyBar {
                label: format!("{unit}: {what}"),
                caption: caption.to_string(),
                value,
                shown: format_vnd(value),
                class,
            })
        })
        .collect();
    money_chart(t.t("budget.chart"), &bars)
}

/// `?page=` of the item table, as typed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    page: String,
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    render(&app, &ctx, &user, plan, &q.page, None).await
}

/// A funding source (Finance, admin): back to the page, or the form again with each
/// problem beside its field.
pub async fn add_funding(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
    Posted { form, .. }: Posted<FundingForm>,
) -> Result<Response, AppError> {
    if !can_manage_funding(&user.actor) {
        return Err(AppError::Forbidden);
    }
    app.store().plan(plan).await?.ok_or(AppError::NotFound)?;
    let new = match form.parse(&ctx) {
        Ok(new) => new,
        Err(errors) => return render(&app, &ctx, &user, plan, "", Some((form, errors))).await,
    };
    match app
        .store()
        .add_funding_source(plan, &new, &user.actor)
        .await
    {
        Ok(_) => Ok(redirect(
            &ctx,
            &format!("/plans/{}/budget?notice=budget_saved#funding", plan.0),
        )),
        Err(e) => {
            let errors = FieldErrors::whole(AppError::from(e).into_form_message(&ctx)?);
            render(&app, &ctx, &user, plan, "", Some((form, errors))).await
        }
    }
}

async fn render(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    plan: PlanId,
    page: &str,
    typed: Option<(FundingForm, FieldErrors)>,
) -> Result<Response, AppError> {
    let view = app.store().plan(plan).await?.ok_or(AppError::NotFound)?;
    if !domain::can_view_plan(&user.actor, &view.unit_ids())
        || !domain::budget::can_view_budget(&user.actor)
    {
        return Err(AppError::Forbidden);
    }
    let items = app.store().plan_money(plan, app.today()).await?;
    let funding = app.store().funding_sources(plan).await?;
    let names = app.store().list_units().await?;
    let t = ctx.tr();
    let refused = typed.is_some();
    let (form, errors) = typed.unwrap_or_else(|| {
        (
            proposed(&view.plan, !funding.is_empty()),
            FieldErrors::new(),
        )
    });
    let (total, units) = summed(&items, &names);
    let pager = Pager::new(
        t,
        page,
        items.len() as i64,
        PLAN_PAGE,
        "budget.page_items",
        |n| format!("/plans/{}/budget?page={n}#plan-money", plan.0),
    );
    let page = PlanBudgetPage {
        l: Layout::new(ctx, t.t("budget.plan_title"), "budget"),
        plan_id: plan.0,
        plan_title: view.plan.title.clone(),
        items: pager
            .slice(items.iter().collect(), PLAN_PAGE)
            .into_iter()
            .map(|i| {
                let label = domain::item_label(i.numbering.as_deref(), &i.title);
                Row::new(Some(i.item_id.0), label, &i.figures)
            })
            .collect(),
        pager,
        total: Row::new(None, t.t("budget.total_whole").to_string(), &total),
        chart: unit_chart(ctx, &units),
        units: units
            .iter()
            .map(|(u, f)| Row::new(None, u.clone(), f))
            .collect(),
        funding_total: format_vnd(funding.iter().filter_map(|f| f.amount).sum()),
        funding: funding
            .into_iter()
            .map(|f| {
                let amount = f
                    .amount
                    .map_or_else(|| t.t("budget.funding_no_amount").to_string(), format_vnd);
                let unit = f
                    .unit
                    .and_then(|u| names.iter().find(|n| n.id == u))
                    .map_or(String::new(), |n| n.name.clone());
                (f.name, f.legal_basis, f.year, amount, unit)
            })
            .collect(),
        can_fund: can_manage_funding(&user.actor),
        form,
        errors,
        budget_text: view.plan.budget_text.clone(),
    };
    let mut r = render_page(page);
    if refused {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(r)
}

/// The dashboard's budget tile and chart: the plan's planned and paid money, or one lead
/// unit's on a unit's dashboard, per lead unit.
pub struct DashboardMoney {
    pub planned: String,
    pub paid: String,
    pub chart: String,
}

pub async fn dashboard_money(
    app: &AppState,
    ctx: &Ctx,
    plan: PlanId,
    unit: Option<UnitId>,
) -> Result<DashboardMoney, AppError> {
    let mut items = app.store().plan_money(plan, app.today()).await?;
    if let Some(u) = unit {
        items.retain(|i| i.lead_units.contains(&u));
        items.iter_mut().for_each(|i| i.lead_units = vec![u]);
    }
    let names = app.store().list_units().await?;
    let (total, units) = summed(&items, &names);
    Ok(DashboardMoney {
        planned: format_vnd(total.planned),
        paid: format_vnd(total.paid),
        chart: unit_chart(ctx, &units),
    })
}

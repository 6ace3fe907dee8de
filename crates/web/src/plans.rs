//! The plan list and the plan page (the whole content tree).

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::i18n::Tr;
use crate::page::{Layout, render_page};
use crate::row_state::with_states;
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::tracking::ItemState;
use domain::{PlanId, UnitId};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use store::{DeadlineRecord, ItemNode, PlanRecord, PlanSummary, PlanView, TargetProgress, UnitRef};

/// A unit chip.
#[derive(Clone)]
pub struct Chip {
    pub id: i64,
    pub name: String,
    pub external: bool,
}

impl From<&UnitRef> for Chip {
    fn from(u: &UnitRef) -> Chip {
        Chip {
            id: u.id.0,
            name: u.name.clone(),
            external: u.external,
        }
    }
}

/// One line of a content tree, ready to show.
pub struct Row {
    pub id: i64,
    pub depth: i64,
    pub numbering: String,
    pub title: String,
    pub text: String,
    pub lead: Vec<Chip>,
    pub coord: Vec<Chip>,
    pub targets: Vec<String>,
    pub deadlines: Vec<String>,
    /// Status code and label, where the row is tracked.
    pub status: Option<(&'static str, &'static str)>,
    /// The item's state today, where the page computed it.
    pub state: Option<crate::row_state::RowState>,
}

/// "Hạn 30/06/2025", "Từ 01/03/2025 đến 30/06/2025", or the document's words.
pub fn deadline_text(t: &Tr, d: &DeadlineRecord) -> String {
    match (d.start, d.due) {
        (Some(s), Some(e)) => t.f(
            "item.from_to",
            &[
                ("start", &domain::format_date(s)),
                ("due", &domain::format_date(e)),
            ],
        ),
        (None, Some(e)) => t.f("item.due", &[("date", &domain::format_date(e))]),
        _ => d
            .recurrence
            .clone()
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| d.text.clone()),
    }
}

pub fn row(t: &Tr, n: &ItemNode, depth: i64) -> Row {
    Row {
        id: n.item.id.0,
        depth: depth.min(6),
        numbering: n.item.numbering.clone().unwrap_or_default(),
        title: n.item.title.clone(),
        text: n.item.text.clone(),
        lead: n.lead_units().map(Chip::from).collect(),
        coord: n.coordinating_units().map(Chip::from).collect(),
        targets: n.targets.iter().map(|x| x.display()).collect(),
        deadlines: n.deadlines.iter().map(|d| deadline_text(t, d)).collect(),
        status: Some((n.item.status.as_str(), n.item.status.label(t.lang))),
        state: None,
    }
}

/// The tree as rows, depth first.
pub fn rows(t: &Tr, nodes: &[ItemNode], depth: i64, out: &mut Vec<Row>) {
    for n in nodes {
        out.push(row(t, n, depth));
        rows(t, &n.children, depth + 1, out);
    }
}

/// "Số 123/KH-SVHTT" from the number and symbol.
pub fn reference(number: Option<&str>, symbol: Option<&str>) -> String {
    match (number, symbol) {
        (Some(n), Some(s)) if !s.is_empty() => format!("{n}/{s}"),
        (Some(n), _) => n.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) => String::new(),
    }
}

pub struct PlanLine {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub issuer: String,
    pub date: String,
    pub items: i64,
}

/// Plans on a page of the plan list: a department has a few a year, a load test 2,000
/// (602 kB on one page).
const PLANS_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PlansQuery {
    page: String,
}

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage<'a> {
    l: Layout<'a>,
    plans: Vec<PlanLine>,
    pager: crate::pager::Pager,
    /// The Board or an admin: the page links the import (`import`).
    can_import: bool,
    /// The Board and admins may fill in a number or date the document did not carry.
    can_edit: bool,
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<PlansQuery>,
) -> Result<Response, AppError> {
    let open = plans_open_to(&app, &user).await?;
    let plans: Vec<PlanSummary> = app
        .store()
        .list_plans()
        .await?
        .into_iter()
        .filter(|p| open.as_ref().is_none_or(|open| open.contains(&p.id)))
        .collect();
    let pager = crate::pager::Pager::new(
        ctx.tr(),
        &q.page,
        plans.len() as i64,
        PLANS_PAGE,
        "plans.page_summary",
        |n| format!("/plans?page={n}"),
    );
    let plans = pager
        .slice(plans, PLANS_PAGE)
        .into_iter()
        .map(|p| PlanLine {
            id: p.id.0,
            reference: reference(p.number.as_deref(), p.symbol.as_deref()),
            title: p.title,
            issuer: p.issuer.unwrap_or_default(),
            date: p.date.map(domain::format_date).unwrap_or_default(),
            items: p.item_count,
        })
        .collect();
    let title = ctx.tr().t("plans.title").to_string();
    Ok(render_page(PlansPage {
        l: Layout::new(&ctx, &title, "plans"),
        plans,
        pager,
        can_import: user.actor.is_board_or_admin(),
        can_edit: domain::can_edit_plan_metadata(&user.actor),
    }))
}

/// The plans `user` may open when that is not all of them (`domain::item_list_scope`): a
/// partner's are those naming one of its units (an item's, in effect, or a
/// responsibility's), as [`show`] checks with `domain::can_view_plan`; the list shows no
/// other (issue 14).
async fn plans_open_to(
    app: &AppState,
    user: &SessionUser,
) -> Result<Option<HashSet<PlanId>>, AppError> {
    let Some(units) = domain::item_list_scope(&user.actor) else {
        return Ok(None);
    };
    let mut open = HashSet::new();
    for unit in &units {
        let Some(v) = app.store().unit(*unit).await? else {
            continue;
        };
        let items = v.leads.iter().chain(&v.coordinates).map(|i| i.plan_id);
        open.extend(items.chain(v.responsibilities.iter().map(|r| r.plan_id)));
    }
    Ok(Some(open))
}

pub struct PlanHead {
    pub title: String,
    /// Cơ quan chủ quản, when known.
    pub parent_issuer: String,
    /// Short name for the breadcrumbs: the number, else the start of the title.
    pub crumb: String,
    pub issuer: String,
    /// "Số 123/KH-SVHTT · ngày 15/01/2025 · Giám đốc Đỗ Đình Hồng", what is unknown said so.
    pub byline: String,
    pub source: String,
    pub warnings: Vec<String>,
}

/// The line under a plan's title: its number, date and signer, as a reader of the paper
/// looks for them first; each one the document leaves blank is said in words.
fn byline(t: &Tr, p: &PlanRecord) -> String {
    fn given(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let number = match (given(&p.number), given(&p.symbol)) {
        (Some(n), _) => t.f(
            "plan.byline_number",
            &[("reference", &reference(Some(n), given(&p.symbol)))],
        ),
        (None, Some(s)) => t.f("plan.no_number_symbol", &[("symbol", s)]),
        (None, None) => t.t("plan.no_number").to_string(),
    };
    let date = match p.date {
        Some(d) => t.f("plan.byline_date", &[("date", &domain::format_date(d))]),
        None => t.t("plan.no_date").to_string(),
    };
    let office: Vec<String> = [given(&p.signer_authority), given(&p.signer_title)]
        .into_iter()
        .flatten()
        .map(domain::format::office_title)
        .collect();
    let signer = match (office.is_empty(), given(&p.signer_name)) {
        (true, None) => t.t("plan.no_signer").to_string(),
        (false, None) => office.join(", "),
        (true, Some(name)) => name.to_string(),
        (false, Some(name)) => format!("{} {name}", office.join(", ")),
    };
    [number, date, signer].join(" · ")
}

impl PlanHead {
    fn new(t: &Tr, p: &PlanRecord, warnings: Vec<String>) -> PlanHead {
        let reference_text = reference(p.number.as_deref(), p.symbol.as_deref());
        let crumb = if reference_text.is_empty() {
            let short: String = p.title.chars().take(50).collect();
            if short.len() < p.title.len() {
                format!("{short}…")
            } else {
                short
            }
        } else {
            reference_text
        };
        PlanHead {
            title: p.title.clone(),
            parent_issuer: p.parent_issuer.clone().unwrap_or_default(),
            crumb,
            issuer: p.issuer.clone().unwrap_or_default(),
            byline: byline(t, p),
            source: p.source_name.clone(),
            warnings,
        }
    }
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage<'a> {
    l: Layout<'a>,
    plan: PlanHead,
    warnings_label: String,
    rows: Vec<Row>,
    plan_id: i64,
    /// Board and admins may add top-level items.
    can_add: bool,
    can_audit: bool,
    /// The Board and admins may correct the number, date and signer.
    can_edit_metadata: bool,
    units: Vec<Chip>,
    /// The revisions applied, each in one line, and the items they removed (id, numbering
    /// and title, the note), still readable on their own pages.
    revisions: Vec<String>,
    removed: Vec<(i64, String, String)>,
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<PlanId>,
) -> Result<Response, AppError> {
    let data = Loaded::load(&app, &user, id).await?;
    Ok(render_page(PlanPage::new(&ctx, &user, data)))
}

/// What the plan page shows, from the store: the plan, its targets' progress, and the
/// units when the user may assign them (three calls at most).
struct Loaded {
    id: PlanId,
    view: PlanView,
    progress: Vec<TargetProgress>,
    states: std::sync::Arc<Vec<ItemState>>,
    units: Vec<store::Unit>,
    revisions: Vec<store::RevisionRecord>,
    removed: Vec<(domain::ItemId, Option<String>, String, i64)>,
}

impl Loaded {
    async fn load(app: &AppState, user: &SessionUser, id: PlanId) -> Result<Loaded, AppError> {
        let store = app.store();
        let view = store.plan(id).await?.ok_or(AppError::NotFound)?;
        if !domain::can_view_plan(&user.actor, &view.unit_ids()) {
            return Err(AppError::Forbidden);
        }
        let progress = store.plan_target_progress(id).await?;
        let states = store.plan_states(id, app.today()).await?;
        let units = if domain::can_change_item_units(&user.actor) {
            store.list_units().await?
        } else {
            Vec::new()
        };
        let revisions = store.plan_revisions(id).await?;
        // A partner sees the items shared with it, not the titles of the others.
        let insider = user.actor.is_board_or_admin() || user.actor.is_internal_member();
        let removed = if revisions.is_empty() || !insider {
            Vec::new()
        } else {
            store.plan_removed_items(id).await?
        };
        Ok(Loaded {
            id,
            view,
            progress,
            states,
            units,
            revisions,
            removed,
        })
    }
}

impl<'a> PlanPage<'a> {
    fn new(ctx: &'a Ctx, user: &SessionUser, data: Loaded) -> PlanPage<'a> {
        let t = ctx.tr();
        let mut list = plan_rows(t, user, &data.view, &data.states);
        with_progress(t, &mut list, &data.progress);
        with_states(t, &mut list, &data.states, &unit_chips(&data.view));
        let warnings = warning_lines(&data.view);
        let warnings_label = t.f("plan.warnings", &[("n", &warnings.len().to_string())]);
        let head = PlanHead::new(t, &data.view.plan, warnings);
        let revisions = data
            .revisions
            .iter()
            .map(|r| crate::import::revision_line(ctx, r))
            .collect();
        let removed = data
            .removed
            .iter()
            .map(|(id, numbering, title, rev)| {
                let r = data.revisions.iter().find(|r| r.id == *rev);
                let label = format!("{} {title}", numbering.as_deref().unwrap_or(""));
                let note = r.map(|r| crate::import::removed_note(ctx, r));
                (id.0, label.trim().to_string(), note.unwrap_or_default())
            })
            .collect();
        PlanPage {
            revisions,
            removed,
            l: Layout::new(ctx, &head.title, "plans"),
            plan: head,
            warnings_label,
            rows: list,
            plan_id: data.id.0,
            can_add: domain::can_change_item_units(&user.actor),
            can_audit: domain::can_view_audit(&user.actor),
            can_edit_metadata: domain::can_edit_plan_metadata(&user.actor),
            // New items are given active units only.
            units: data
                .units
                .iter()
                .filter(|u| u.active)
                .map(|u| Chip {
                    id: u.id.0,
                    name: u.name.clone(),
                    external: u.external,
                })
                .collect(),
        }
    }
}

/// The plan's items and its appendices' items as rows. A partner sees what is shared
/// with it (`domain::can_view_item` on the units in effect), not the whole plan.
fn plan_rows(t: &Tr, user: &SessionUser, view: &PlanView, states: &[ItemState]) -> Vec<Row> {
    let mut list = Vec::new();
    rows(t, &view.items, 0, &mut list);
    for a in &view.appendices {
        rows(t, &a.items, 0, &mut list);
    }
    if user.is_partner_only() {
        let shared: HashSet<i64> = states
            .iter()
            .filter(|s| domain::can_view_item(&user.actor, &domain::ItemUnit::all(&s.units.units)))
            .map(|s| s.id.0)
            .collect();
        list.retain(|r| shared.contains(&r.id));
    }
    list
}

/// Every unit the plan names, as chips by id.
fn unit_chips(view: &PlanView) -> HashMap<UnitId, Chip> {
    view.item_units_by_id()
        .into_iter()
        .map(|(id, u)| (id, Chip::from(u)))
        .collect()
}

/// Replaces the rows' targets with the targets and their actuals (entered or counted
/// from events), so that the plan page shows a target move when, say, an online
/// session is marked held. A counted target whose units reported another figure shows
/// both ("Báo cáo: 12 · Hồ sơ: 1 · chênh lệch 11").
fn with_progress(t: &Tr, list: &mut [Row], progress: &[TargetProgress]) {
    let mut by_item: HashMap<i64, Vec<String>> = HashMap::new();
    for p in progress {
        let target = domain::format_target(p.min, p.max, &p.unit, p.per.as_deref());
        let figures = crate::items::discrepancy_text(t, p).or_else(|| {
            p.actual
                .map(|a| format!("{}: {}", t.t("track.actual"), domain::format_number(a)))
        });
        let text = match (figures, p.attainment) {
            (Some(f), Some(att)) => format!("{target} · {f} · {}", att.label(t.lang)),
            _ => target,
        };
        by_item.entry(p.item_id.0).or_default().push(text);
    }
    for r in list {
        if let Some(p) = by_item.remove(&r.id) {
            r.targets = p;
        }
    }
}

/// The reader's warnings, with their line where known.
fn warning_lines(view: &PlanView) -> Vec<String> {
    view.warnings
        .iter()
        .map(|w| {
            if w.line > 0 {
                format!("{}: {}", w.line, w.message)
            } else {
                w.message.clone()
            }
        })
        .collect()
}

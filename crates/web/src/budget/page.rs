//! The page `/items/{id}/budget`: the latest revision's lines with their total and its
//! amount in words, the add-line form while it is a draft and the user leads the item,
//! the steps the user may take (with a comment), the revision form once it is locked, and
//! the history of every step.

use super::LineFields;
use super::money::{MoneyView, Typed};
use crate::field_errors::FieldErrors;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser};
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use domain::budget::{
    EstimateAction, EstimateStatus, LineChange, can_prepare_estimate, check_revise, diff_lines,
    may_take,
};
use domain::format_vnd;
use store::{Contract, Estimate, ItemBudget, ItemTracking, MoneyFigures};

/// Which form comes back.
pub(super) enum Target {
    /// The add-line form (or a removal), with what was typed.
    Line(LineFields),
    /// The step form, with the comment typed.
    Step(String),
    /// The contract form, with what was typed.
    Contract(super::contracts::ContractFields),
    /// The payment form, with what was typed.
    Payment(super::contracts::PaymentFields),
}

/// A form brought back: which, its problems, and whether it met a newer version.
pub(super) struct Overlay {
    target: Target,
    errors: FieldErrors,
    pub(super) conflict: bool,
}

impl Overlay {
    pub(super) fn new(target: Target, errors: FieldErrors) -> Overlay {
        Overlay {
            target,
            errors,
            conflict: false,
        }
    }
}

pub(super) struct LineView {
    id: i64,
    stt: usize,
    category: String,
    description: String,
    unit: String,
    quantity: String,
    unit_price: String,
    amount: String,
    note: String,
}

pub(super) struct StepButton {
    action: &'static str,
    label: &'static str,
}

pub(super) struct HistoryView {
    at: String,
    by: String,
    revision: String,
    action: &'static str,
    from: &'static str,
    to: &'static str,
    comment: String,
}

/// A line of the revision's diff against the one before.
pub(super) struct ChangeView {
    /// added / removed / changed
    kind: &'static str,
    before: String,
    after: String,
}

/// A line without its id (ids differ between revisions): what the diff compares.
#[derive(PartialEq)]
struct Facts<'a> {
    position: i64,
    category: &'a str,
    description: &'a str,
    unit: &'a str,
    quantity: i64,
    unit_price: i64,
    amount: i64,
    note: &'a str,
}

impl<'a> Facts<'a> {
    /// The line's facts, its category by its name in `lang` (as the page shows it).
    fn of(l: &'a store::EstimateLine, lang: domain::Language) -> Self {
        Facts {
            position: l.position,
            category: l.category_label(lang),
            description: &l.description,
            unit: &l.unit,
            quantity: l.quantity,
            unit_price: l.unit_price,
            amount: l.amount,
            note: &l.note,
        }
    }
}

fn describe(f: &Facts) -> String {
    format!(
        "{}: {} — {} {} × {} = {}",
        f.category,
        f.description,
        f.quantity,
        f.unit,
        format_vnd(f.unit_price),
        format_vnd(f.amount)
    )
}

/// The latest revision against the one before (nothing for the first).
fn changes(ctx: &Ctx, budget: &ItemBudget) -> Vec<ChangeView> {
    let Some(e) = budget.estimate.as_ref().filter(|e| e.revision > 1) else {
        return Vec::new();
    };
    let before: Vec<Facts> = budget
        .previous_lines
        .iter()
        .map(|l| Facts::of(l, ctx.lang))
        .collect();
    let after: Vec<Facts> = e.lines.iter().map(|l| Facts::of(l, ctx.lang)).collect();
    diff_lines(&before, &after, |f| f.position)
        .into_iter()
        .map(|c| match c {
            LineChange::Added(a) => ChangeView {
                kind: "added",
                before: String::new(),
                after: describe(a),
            },
            LineChange::Removed(b) => ChangeView {
                kind: "removed",
                before: describe(b),
                after: String::new(),
            },
            LineChange::Changed { before, after } => ChangeView {
                kind: "changed",
                before: describe(before),
                after: describe(after),
            },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "budget.html")]
struct BudgetPage<'a> {
    l: Layout<'a>,
    item_id: i64,
    plan_id: i64,
    item_title: String,
    has_estimate: bool,
    revision_label: String,
    status: &'static str,
    status_label: &'static str,
    version: i64,
    planned: String,
    lines: Vec<LineView>,
    total: String,
    in_words: String,
    can_edit: bool,
    /// The active categories: code, name, chosen.
    categories: Vec<(String, String, bool)>,
    line: LineFields,
    line_errors: FieldErrors,
    steps: Vec<StepButton>,
    comment: String,
    step_errors: FieldErrors,
    can_revise: bool,
    revise_label: &'static str,
    history: Vec<HistoryView>,
    conflict: bool,
    money: MoneyView,
    /// The revision before, and what this one changed.
    previous_label: String,
    changes: Vec<ChangeView>,
}

fn line_view(ctx: &Ctx, i: usize, l: &store::EstimateLine) -> LineView {
    LineView {
        id: l.id,
        stt: i + 1,
        category: l.category_label(ctx.lang).to_string(),
        description: l.description.clone(),
        unit: l.unit.clone(),
        quantity: domain::format::format_number(l.quantity as f64),
        unit_price: format_vnd(l.unit_price),
        amount: format_vnd(l.amount),
        note: l.note.clone(),
    }
}

/// The steps offered to `user`, and whether a revision may be opened.
fn offered(
    ctx: &Ctx,
    user: &SessionUser,
    it: &ItemTracking,
    e: Option<&Estimate>,
) -> (Vec<StepButton>, bool) {
    let Some(e) = e else {
        return (Vec::new(), false);
    };
    let subject = e.subject(it.item_units());
    let steps = EstimateAction::STEPS
        .iter()
        .filter(|a| may_take(&user.actor, &subject, **a))
        .map(|a| StepButton {
            action: a.as_str(),
            label: a.label(ctx.lang),
        })
        .collect();
    (steps, check_revise(&user.actor, &subject).is_ok())
}

/// "Lần 2".
pub(super) fn revision_label(ctx: &Ctx, revision: i64) -> String {
    ctx.tr()
        .f("budget.revision", &[("revision", &revision.to_string())])
}

fn history(ctx: &Ctx, budget: &ItemBudget) -> Vec<HistoryView> {
    budget
        .steps
        .iter()
        .rev()
        .map(|s| HistoryView {
            at: crate::items::local_time(s.created_at),
            by: s.created_by_name.clone().unwrap_or_default(),
            revision: revision_label(ctx, s.revision),
            action: s.action.label(ctx.lang),
            from: s.from.label(ctx.lang),
            to: s.to.label(ctx.lang),
            comment: s.comment.clone(),
        })
        .collect()
}

/// What a form brought back puts on the page: each form's typed fields and problems, and
/// the status (422 to correct, 409 after a newer version, else 200).
struct Brought {
    code: StatusCode,
    conflict: bool,
    line: LineFields,
    line_errors: FieldErrors,
    comment: String,
    step_errors: FieldErrors,
    money: Typed,
}

impl From<Option<Overlay>> for Brought {
    fn from(overlay: Option<Overlay>) -> Brought {
        let mut b = Brought {
            code: StatusCode::OK,
            conflict: false,
            line: LineFields::default(),
            line_errors: FieldErrors::new(),
            comment: String::new(),
            step_errors: FieldErrors::new(),
            money: Typed::default(),
        };
        let Some(o) = overlay else { return b };
        b.conflict = o.conflict;
        b.code = if o.conflict {
            StatusCode::CONFLICT
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        match o.target {
            Target::Line(f) => (b.line, b.line_errors) = (f, o.errors),
            Target::Step(c) => (b.comment, b.step_errors) = (c, o.errors),
            Target::Contract(f) => b.money.contract = Some((f, o.errors)),
            Target::Payment(f) => b.money.payment = Some((f, o.errors)),
        }
        b
    }
}

/// What the page shows, as read from the store.
pub(super) struct Loaded<'a> {
    pub(super) it: &'a ItemTracking,
    pub(super) budget: &'a ItemBudget,
    pub(super) contracts: &'a [Contract],
    pub(super) figures: MoneyFigures,
    /// Every category: the active ones are offered in the line form.
    pub(super) categories: &'a [store::BudgetCategory],
}

/// The page; 422 with a form to correct, 409 when a change met a newer version.
pub(super) fn render(
    ctx: &Ctx,
    user: &SessionUser,
    loaded: Loaded<'_>,
    overlay: Option<Overlay>,
) -> Response {
    let Loaded {
        it,
        budget,
        contracts,
        figures,
        categories,
    } = loaded;
    let t = ctx.tr();
    let e = budget.estimate.as_ref();
    let status = e.map_or(EstimateStatus::Draft, |e| e.status);
    let total = e.map_or(0, |e| e.total);
    let (steps, can_revise) = offered(ctx, user, it, e);
    let Brought {
        code,
        conflict,
        line,
        line_errors,
        comment,
        step_errors,
        money: typed,
    } = Brought::from(overlay);
    let money = super::money::view(ctx, user, it, budget, contracts, figures, typed);
    let page = BudgetPage {
        l: Layout::new(ctx, t.t("budget.title"), "items"),
        item_id: it.id.0,
        plan_id: it.plan_id.0,
        item_title: it.title.clone(),
        has_estimate: e.is_some(),
        revision_label: revision_label(ctx, e.map_or(1, |e| e.revision)),
        status: status.as_str(),
        status_label: status.label(ctx.lang),
        version: e.map_or(0, |e| e.version),
        planned: budget
            .planned
            .map(format_vnd)
            .unwrap_or_else(|| t.t("budget.planned_none").to_string()),
        lines: e.map_or_else(Vec::new, |e| {
            e.lines
                .iter()
                .enumerate()
                .map(|(i, l)| line_view(ctx, i, l))
                .collect()
        }),
        total: format_vnd(total),
        in_words: domain::format::vnd_in_words(total),
        can_edit: status == EstimateStatus::Draft
            && can_prepare_estimate(&user.actor, &it.item_units()),
        categories: categories
            .iter()
            .filter(|c| c.active)
            .map(|c| {
                (
                    c.code.clone(),
                    c.label(ctx.lang).to_string(),
                    c.code == line.category,
                )
            })
            .collect(),
        line,
        line_errors,
        steps,
        comment,
        step_errors,
        can_revise,
        revise_label: EstimateAction::Revise.label(ctx.lang),
        history: history(ctx, budget),
        conflict,
        money,
        previous_label: t.f(
            "budget.changes",
            &[("revision", &e.map_or(0, |e| e.revision - 1).to_string())],
        ),
        changes: changes(ctx, budget),
    };
    let mut r = render_page(page);
    *r.status_mut() = code;
    r
}

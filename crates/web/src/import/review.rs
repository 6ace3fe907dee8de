//! The review page of a draft: the document's text with a numbered line each, beside the
//! tree the reader made of it, its warnings linking to their lines, the units it names
//! (existing or to be created, each mappable), the header, and commit or discard.

use crate::AppState;
use crate::errors::AppError;
use crate::field_errors::FieldErrors;
use crate::page::{Layout, render_page};
use crate::session::Ctx;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use domain::PlanId;
use store::{PlanDraft, Unit};

/// What came back refused: which form, its problems and what it sent; or a problem of the
/// whole draft (a stale page, a duplicate).
pub(super) struct Refused {
    form: &'static str,
    errors: FieldErrors,
    posted: Vec<(String, String)>,
    duplicate: Option<PlanId>,
}

impl Refused {
    pub(super) fn none() -> Refused {
        Refused::form("", FieldErrors::new(), Vec::new())
    }

    pub(super) fn form(
        form: &'static str,
        errors: FieldErrors,
        posted: Vec<(String, String)>,
    ) -> Refused {
        Refused {
            form,
            errors,
            posted,
            duplicate: None,
        }
    }

    pub(super) fn whole(message: String) -> Refused {
        Refused::form("", FieldErrors::whole(message), Vec::new())
    }

    /// The plan is already stored, as `plan`.
    pub(super) fn duplicate(plan: PlanId) -> Refused {
        Refused {
            duplicate: Some(plan),
            ..Refused::none()
        }
    }
}

struct Line {
    n: usize,
    text: String,
}

struct TreeRow {
    line: usize,
    depth: usize,
    numbering: String,
    title: String,
    lead: Vec<String>,
    coord: Vec<String>,
    targets: Vec<TargetRow>,
    deadlines: Vec<DeadlineRow>,
}

/// A deadline of a row: the document's words and the due date read from them.
struct DeadlineRow {
    k: usize,
    text: String,
    due: String,
}

/// A target of a row, with the document's words and its figures as inputs show them.
struct TargetRow {
    k: usize,
    text: String,
    min: String,
    max: String,
    unit: String,
}

struct UnitRow {
    n: usize,
    written: String,
    canonical: String,
    uses: usize,
    /// The existing unit's id, or 0: to be created.
    existing: i64,
}

#[derive(Template)]
#[template(path = "import_review.html")]
struct ReviewPage<'a> {
    l: Layout<'a>,
    id: i64,
    version: i64,
    source_name: String,
    lines: Vec<Line>,
    tree: Vec<TreeRow>,
    warnings: Vec<(usize, String)>,
    units: Vec<UnitRow>,
    all_units: Vec<(i64, String)>,
    counts: (usize, usize, usize),
    title: String,
    number: String,
    symbol: String,
    date: String,
    signer: String,
    issuer: String,
    form: &'static str,
    errors: FieldErrors,
    posted: Vec<(String, String)>,
    duplicate: Option<i64>,
    /// The stored plans, to compare with: (id, title, chosen).
    plans: Vec<(i64, String, bool)>,
    /// What the draft changes against the chosen plan.
    diff: Option<app::import::diff::PlanDiff>,
    /// The plan compared with, and the fingerprint of the differences shown (the revision
    /// form sends it back: only what was shown is applied).
    compare: Option<i64>,
    shown: String,
    /// The items, for the shape form: (line, indented label).
    shape_items: Vec<(usize, String)>,
    /// The funding lines proposed from the "Kinh phí" section, as reviewed so far.
    funding: Vec<super::funding::FundingRow>,
    /// The section's words, shown above its lines.
    budget_text: String,
    /// The total the section states, or its disagreement with the lines, in words.
    funding_note: Option<String>,
}

impl ReviewPage<'_> {
    /// What the refused `form` sent for `name`, else `current`.
    fn shown<'s>(&'s self, form: &str, name: &str, current: &'s str) -> &'s str {
        if self.form != form {
            return current;
        }
        self.posted
            .iter()
            .find(|(k, _)| k == name)
            .map_or(current, |(_, v)| v.as_str())
    }
}

/// The review page, comparing the draft with the stored plan `compare` (a revision).
pub(super) async fn render_compared(
    app: &AppState,
    ctx: &Ctx,
    d: PlanDraft,
    compare: Option<PlanId>,
) -> Result<Response, AppError> {
    render_with(app, ctx, d, Refused::none(), StatusCode::OK, compare).await
}

pub(super) async fn render(
    app: &AppState,
    ctx: &Ctx,
    d: PlanDraft,
    refused: Refused,
    status: StatusCode,
) -> Result<Response, AppError> {
    render_with(app, ctx, d, refused, status, None).await
}

pub(super) async fn render_with(
    app: &AppState,
    ctx: &Ctx,
    d: PlanDraft,
    refused: Refused,
    status: StatusCode,
    compare: Option<PlanId>,
) -> Result<Response, AppError> {
    let all = app.store().list_units().await?;
    let table = app.store().abbreviation_table().await?;
    let matches = app::import::unit_matches(&d.parsed, &all, &table);
    // Said before the commit is tried, not only by its refusal.
    let duplicate = match refused.duplicate {
        Some(p) => Some(p),
        None => app.store().plan_draft_duplicate(&d).await?,
    };
    let refused = Refused {
        duplicate,
        ..refused
    };
    let plans = app.store().list_plans().await?;
    let diff = match compare {
        Some(plan) => {
            let view = app.store().plan(plan).await?.ok_or(AppError::NotFound)?;
            // The same computation the revision is applied with.
            Some(app::import::revise::revise(&view, &d, &table).diff)
        }
        None => None,
    };
    let mut page = ReviewPage::new(ctx, d, &all, matches, refused);
    page.plans = plans
        .into_iter()
        .map(|p| (p.id.0, p.title, Some(p.id) == compare))
        .collect();
    page.shown = diff.as_ref().map(|d| d.fingerprint()).unwrap_or_default();
    page.compare = compare.map(|p| p.0);
    page.diff = diff;
    let mut r = render_page(page);
    *r.status_mut() = status;
    Ok(r)
}

impl<'a> ReviewPage<'a> {
    fn new(
        ctx: &'a Ctx,
        d: PlanDraft,
        all: &[Unit],
        matches: Vec<app::import::UnitMatch>,
        refused: Refused,
    ) -> ReviewPage<'a> {
        let p = &d.parsed;
        let doc = &p.document;
        let mut tree = Vec::new();
        for item in &p.items {
            rows(item, 0, &mut tree);
        }
        for a in &p.appendices {
            for item in &a.items {
                rows(item, 0, &mut tree);
            }
        }
        let targets = p.all_items().map(|i| i.targets.len()).sum();
        let shape_items = tree
            .iter()
            .map(|r| {
                let indent = "\u{a0}\u{a0}".repeat(r.depth);
                let title: String = r.title.chars().take(60).collect();
                (r.line, format!("{indent}{} {title}", r.numbering))
            })
            .collect();
        let title = ctx.tr().t("import.review_title").to_string();
        let funding_note = funding_note(ctx, &d);
        ReviewPage {
            funding: super::funding::FundingRow::rows(&d.funding),
            budget_text: p
                .budget
                .as_ref()
                .map(|b| b.text.clone())
                .unwrap_or_default(),
            funding_note,
            l: Layout::new(ctx, &title, "plans"),
            id: d.id,
            version: d.version,
            source_name: d.source_name.clone(),
            lines: d
                .source_text
                .lines()
                .enumerate()
                .map(|(i, t)| Line {
                    n: i + 1,
                    text: t.to_string(),
                })
                .collect(),
            counts: (tree.len(), targets, matches.len()),
            shape_items,
            tree,
            warnings: p
                .warnings
                .iter()
                .map(|w| (w.line, w.message.clone()))
                .collect(),
            units: matches
                .into_iter()
                .enumerate()
                .map(|(n, m)| UnitRow {
                    n,
                    written: m.written,
                    canonical: m.canonical,
                    uses: m.uses,
                    existing: m.existing.map_or(0, |u| u.0),
                })
                .collect(),
            all_units: all
                .iter()
                .filter(|u| u.active)
                .map(|u| (u.id.0, u.name.clone()))
                .collect(),
            title: doc.title.clone(),
            number: doc.number.clone().unwrap_or_default(),
            symbol: doc.symbol.clone().unwrap_or_default(),
            date: doc.date.map(domain::format_date).unwrap_or_default(),
            signer: p
                .signer
                .as_ref()
                .and_then(|s| s.name.clone())
                .unwrap_or_default(),
            issuer: doc.issuer.clone().unwrap_or_default(),
            form: refused.form,
            errors: refused.errors,
            posted: refused.posted,
            duplicate: refused.duplicate.map(|p| p.0),
            plans: Vec::new(),
            diff: None,
            compare: None,
            shown: String::new(),
        }
    }
}

/// "Văn bản ghi tổng kinh phí …": the total the section states when it is not a line's
/// own amount, and whether the lines as reviewed add up to it.
fn funding_note(ctx: &Ctx, d: &PlanDraft) -> Option<String> {
    let stated = app::import::funding::propose(&d.parsed).stated_total?;
    let reviewed = app::import::funding::Proposal {
        lines: d.funding.clone(),
        stated_total: Some(stated),
    };
    let t = ctx.tr();
    let total = domain::format_vnd(stated);
    Some(match reviewed.mismatch() {
        Some((_, sum)) => t.f(
            "import.funding_mismatch",
            &[("total", &total), ("sum", domain::format_vnd(sum).as_str())],
        ),
        None => t.f("import.funding_total", &[("total", total.as_str())]),
    })
}

/// The item and its sub-items, depth first, as rows of the tree.
fn rows(item: &vanban::Item, depth: usize, out: &mut Vec<TreeRow>) {
    out.push(TreeRow {
        line: item.line,
        depth,
        numbering: item.numbering.clone().unwrap_or_default(),
        title: item.title.clone(),
        lead: item.lead_units.clone(),
        coord: item.coordinating_units.clone(),
        targets: item
            .targets
            .iter()
            .enumerate()
            .map(|(k, x)| TargetRow {
                k,
                text: x.text.clone(),
                min: x.min.map(domain::format_number).unwrap_or_default(),
                max: x.max.map(domain::format_number).unwrap_or_default(),
                unit: x.unit.clone(),
            })
            .collect(),
        deadlines: item
            .deadlines
            .iter()
            .enumerate()
            .map(|(k, dl)| DeadlineRow {
                k,
                text: dl.text.clone(),
                due: dl.due.map(domain::format_date).unwrap_or_default(),
            })
            .collect(),
    });
    for c in &item.children {
        rows(c, depth + 1, out);
    }
}

//! The item page's view: everything the template shows, loaded once per request with a
//! fixed number of store calls (the item's tracking, its view, the unit names, the plan's
//! target progress, its reports and their reviews, the Board's grades when the user may
//! read them, and the plan's report years when the user may report).

use super::{
    Choice, Crumb, Overlay, PersonLine, ReportForm, ReportLine, TargetLine, report_line,
    reporting_units, target_line, visible_item,
};
use crate::AppState;
use crate::errors::AppError;
use crate::oversight::review::{GradeLine, standing_grades};
use crate::page::Layout;
use crate::plans::{Chip, Row, deadline_text, row};
use crate::report_review::{ReturnedLine, returned_to, review_box};
use crate::session::{Ctx, SessionUser};
use askama::Template;
use domain::{ItemId, Language, Period, UnitId, UnitRelation};
use store::{ItemTracking, ItemView, TargetProgress, Unit};

#[derive(Template)]
#[template(path = "item.html")]
pub(super) struct ItemPage<'a> {
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
    can_see_budget: bool,
    status_choices: Vec<Choice>,
    kinds: Vec<Choice>,
    reason_input: String,
    unit_choices: Vec<(i64, String, bool, bool)>,
    /// Where the item may move (the Board, an admin): the plan's items outside its own
    /// sub-tree; the empty value is the top level.
    parent_choices: Vec<Choice>,
    report_form: Option<ReportForm>,
    /// The once-tokens of the split and report forms (`crate::once`): a second submit of
    /// either lands on what the first made.
    split_once: String,
    report_once: String,
    /// Reports of the user's units returned by the Board, shown above their form.
    returned: Vec<ReturnedLine>,
    /// The Board's grades, for the Board and the item's own units.
    grades: Option<Grades>,
    /// The latest report says 100%: the lead unit is asked to confirm "hoàn thành".
    confirm_done: bool,
    error_form: &'static str,
    error: String,
    fields: crate::field_errors::FieldErrors,
    /// What a refused one-field form sent (`Overlay::posted`).
    posted: Vec<(String, String)>,
    /// "Đã bỏ trong kế hoạch điều chỉnh số …" when a revised plan removed the item.
    removed_note: String,
    /// The cities of the item's events (issue 19), for the department's people.
    cities: Vec<(i64, String)>,
    /// The joint projects serving the item (issue 19), for the same readers.
    projects: Vec<crate::cities::projects::ProjectLine>,
    /// The media works made for the item (issue 18).
    media: crate::media::links::WorksBox,
}

/// The Board's grades, read-only here: the Board grades on `/items/{id}/evaluation`.
pub(super) struct Grades {
    /// The standing grade of each period, newest first.
    standing: Vec<GradeLine>,
    earlier: Vec<GradeLine>,
    /// The Board or an admin: the page links to the evaluation form.
    can_grade: bool,
}

async fn grades(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    it: &ItemTracking,
) -> Result<Option<Grades>, AppError> {
    if !domain::can_view_grades(&user.actor, &it.item_units()) {
        return Ok(None);
    }
    let (standing, earlier) = standing_grades(ctx, app.store().evaluations(it.id).await?);
    Ok(Some(Grades {
        standing,
        earlier,
        can_grade: user.actor.is_board_or_admin(),
    }))
}

/// The unit names the page needs, by id.
struct Units(Vec<Unit>);

impl Units {
    fn name(&self, u: UnitId) -> String {
        self.0
            .iter()
            .find(|x| x.id == u)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| u.0.to_string())
    }

    fn chips(&self, it: &ItemTracking, rel: UnitRelation) -> Vec<Chip> {
        it.effective_units()
            .iter()
            .filter(|(_, r)| *r == rel)
            .filter_map(|(u, _)| self.0.iter().find(|x| x.id == *u))
            .map(|u| Chip {
                id: u.id.0,
                name: u.name.clone(),
                external: u.external,
            })
            .collect()
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(domain::format_date).unwrap_or_default()
}

impl<'a> ItemPage<'a> {
    /// Whether the refused source form of `target` had `kind` ticked.
    fn target_ticked(&self, target: i64, kind: &str) -> bool {
        self.fields.of(&format!("kind-{target}")).is_some()
            && self.posted.iter().any(|(k, v)| k == "kind" && v == kind)
    }

    /// The value `name` had in `form` when that form was refused, else nothing.
    fn kept(&self, form: &str, name: &str) -> &str {
        if self.error_form != form {
            return "";
        }
        self.posted
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub(super) async fn load(
        app: &AppState,
        ctx: &'a Ctx,
        user: &SessionUser,
        id: ItemId,
        overlay: Overlay,
    ) -> Result<ItemPage<'a>, AppError> {
        let it = visible_item(app, user, id).await?;
        let store = app.store();
        let mut v = store.item(id).await?.ok_or(AppError::NotFound)?;
        // A partner's breadcrumb keeps the numbers of the parents it may not open, not
        // their titles (issue 14, finding 9).
        if let Some(units) = domain::item_list_scope(&user.actor) {
            let ids: Vec<ItemId> = v.ancestors.iter().map(|a| a.id).collect();
            let open: std::collections::HashSet<ItemId> = store
                .item_labels_naming(&ids, &units)
                .await?
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            for a in v.ancestors.iter_mut().filter(|a| !open.contains(&a.id)) {
                a.title.clear();
            }
        }
        let units = Units(store.list_units().await?);
        let progress: Vec<TargetProgress> = store
            .plan_target_progress(v.plan_id)
            .await?
            .into_iter()
            .filter(|p| p.item_id == id)
            .collect();
        let records = store.item_reports(id).await?;
        let reviews = store.item_report_reviews(id).await?;
        let latest_percent = records
            .iter()
            .max_by_key(|r| (r.created_at, r.id))
            .and_then(|r| r.percent);
        let refused_review = match (&overlay.review, &overlay.error) {
            (Some(d), Some(("review", message))) => Some((d, message.as_str())),
            _ => None,
        };
        let reports = records
            .iter()
            .map(|r| {
                let mut line = report_line(ctx.lang, r, &progress);
                line.review = Some(review_box(ctx, user, r, &reviews, true, refused_review));
                line
            })
            .collect();
        let returned = returned_to(ctx, &reporting_units(user, &it), &records, &reviews);
        let grades = grades(app, ctx, user, &it).await?;
        let report_form =
            report_form(app, ctx.lang, user, &it, &v, &units, &progress, &overlay).await?;
        let asks = domain::tracking::asks_to_confirm_done(it.status, latest_percent);
        let move_parent = overlay.move_parent || matches!(overlay.error, Some(("parent", _)));
        let mut page = Self::build(
            ctx,
            user,
            it,
            v,
            &units,
            &progress,
            reports,
            report_form,
            overlay,
        );
        page.returned = returned;
        page.grades = grades;
        // A removed item is read, not worked on: its records stay, its forms go.
        if let Some(r) = store.item_removed_by(id).await? {
            page.removed_note = crate::import::removed_note(ctx, &r);
            page.report_form = None;
            (page.can_edit, page.can_change_units) = (false, false);
        }
        if domain::cities::can_view_cities(&user.actor) {
            page.cities = app
                .store()
                .item_cities(id)
                .await?
                .into_iter()
                .map(|(c, n)| (c.0, n))
                .collect();
            let projects = app.store().item_projects(id).await?;
            page.projects = projects
                .iter()
                .map(|p| crate::cities::projects::line(ctx.lang, p))
                .collect();
        }
        page.media = crate::media::links::for_item(app, ctx, user, id).await?;
        if page.can_edit {
            page.split_once = crate::once::fresh()?;
        }
        if page.report_form.is_some() {
            page.report_once = crate::once::fresh()?;
        }
        if page.can_change_units && move_parent {
            let (plan, parent) = (domain::PlanId(page.plan_id), page_item_parent(&page));
            page.parent_choices = parent_choices(ctx, app, plan, parent, id).await?;
        }
        // Only for someone who may make it done: the status form offers it.
        page.confirm_done = asks
            && page
                .status_choices
                .iter()
                .any(|c| c.value == domain::ItemStatus::Done.as_str());
        Ok(page)
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        ctx: &'a Ctx,
        user: &SessionUser,
        it: ItemTracking,
        v: ItemView,
        units: &Units,
        progress: &[TargetProgress],
        reports: Vec<ReportLine>,
        report_form: Option<ReportForm>,
        overlay: Overlay,
    ) -> ItemPage<'a> {
        let (t, lang, actor) = (ctx.tr(), ctx.lang, &user.actor);
        let item_units = it.item_units();
        let (title_input, text_input, start_input, due_input) =
            overlay.details.clone().unwrap_or((
                it.title.clone(),
                it.text.clone(),
                date(it.start),
                date(it.due),
            ));
        let (error_form, error) = overlay.error.unwrap_or(("", String::new()));
        let (fields, posted) = (overlay.fields, overlay.posted);
        // What a refused form sent, drawn again in that form only.
        let sent = |form: &str| (error_form == form).then_some(posted.as_slice());
        ItemPage {
            l: Layout::new(ctx, &page_title(&v), "plans"),
            plan_id: v.plan_id.0,
            plan_label: plan_label(&v.plan_title),
            ancestors: crumbs(&v),
            item: item_row(t, &it, &v, units, progress),
            inherited: it.units.is_empty() && !it.inherited_units.is_empty(),
            children: v.children.iter().map(|c| row(t, c, 0)).collect(),
            id: it.id.0,
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
            people: people_lines(&it, units),
            people_input: people_inputs(&it, units, sent("people")),
            targets: progress.iter().map(|p| target_line(t, lang, p)).collect(),
            reports,
            can_edit: domain::can_edit_item(actor, &item_units),
            can_change_units: domain::can_change_item_units(actor),
            can_see_audit: domain::can_view_audit(actor),
            can_see_budget: domain::budget::can_view_budget(actor),
            cities: Vec::new(),
            projects: Vec::new(),
            media: Default::default(),
            status_choices: status_choices(user, &it, lang, sent("status")),
            kinds: record_kinds(lang),
            reason_input: overlay.status_reason.unwrap_or_default(),
            unit_choices: unit_choices(&it, units, sent("units")),
            parent_choices: Vec::new(),
            report_form,
            split_once: String::new(),
            report_once: String::new(),
            returned: Vec::new(),
            grades: None,
            confirm_done: false,
            error_form,
            error,
            fields,
            posted,
            removed_note: String::new(),
        }
    }
}

fn page_item_parent(page: &ItemPage) -> Option<i64> {
    page.ancestors.last().map(|a| a.id)
}

/// The plan's items an item may move under: all but itself and its sub-items, depth
/// first, indented; the top level first.
async fn parent_choices(
    ctx: &Ctx,
    app: &AppState,
    plan: domain::PlanId,
    parent: Option<i64>,
    id: ItemId,
) -> Result<Vec<Choice>, AppError> {
    let Some(view) = app.store().plan(plan).await? else {
        return Ok(Vec::new());
    };
    let all = view.all_items();
    let tree: Vec<(ItemId, Option<ItemId>)> =
        all.iter().map(|n| (n.item.id, n.item.parent_id)).collect();
    let mut below = domain::tracking::descendants(&tree, id);
    below.push(id);
    let mut out = vec![Choice {
        value: String::new(),
        label: ctx.tr().t("track.parent_top").to_string(),
        selected: parent.is_none(),
    }];
    for n in all.iter().filter(|n| !below.contains(&n.item.id)) {
        let label = domain::item_label(n.item.numbering.as_deref(), &n.item.title);
        let short: String = label.chars().take(90).collect();
        out.push(Choice {
            value: n.item.id.0.to_string(),
            label: format!(
                "{}{short}",
                "\u{a0}\u{a0}".repeat(n.item.depth.max(0) as usize)
            ),
            selected: parent == Some(n.item.id.0),
        });
    }
    Ok(out)
}

fn page_title(v: &ItemView) -> String {
    domain::item_label(v.item.numbering.as_deref(), &v.item.title)
}

/// The plan's title cut to 60 characters for the breadcrumb.
fn plan_label(title: &str) -> String {
    let label: String = title.chars().take(60).collect();
    if label.len() < title.len() {
        format!("{label}…")
    } else {
        label
    }
}

fn crumbs(v: &ItemView) -> Vec<Crumb> {
    v.ancestors
        .iter()
        .map(|a| Crumb {
            id: a.id.0,
            numbering: a.numbering.clone().unwrap_or_default(),
            title: a.title.clone(),
        })
        .collect()
}

fn item_row(
    t: &crate::i18n::Tr,
    it: &ItemTracking,
    v: &ItemView,
    units: &Units,
    progress: &[TargetProgress],
) -> Row {
    let (title, text) = (&v.item.title, &v.item.text);
    Row {
        id: v.item.id.0,
        depth: 0,
        numbering: v.item.numbering.clone().unwrap_or_default(),
        title: title.clone(),
        // The reader often repeats the title as the text; show it once.
        text: if text.trim().trim_end_matches('.') == title.trim().trim_end_matches('.') {
            String::new()
        } else {
            text.clone()
        },
        lead: units.chips(it, UnitRelation::Lead),
        coord: units.chips(it, UnitRelation::Coordinating),
        targets: progress.iter().map(|p| p.text.clone()).collect(),
        deadlines: v.deadlines.iter().map(|d| deadline_text(t, d)).collect(),
        status: None,
        state: None,
    }
}

fn people_lines(it: &ItemTracking, units: &Units) -> Vec<PersonLine> {
    it.people
        .iter()
        .map(|p| PersonLine {
            unit: units.name(p.unit_id),
            name: p.name.clone(),
            title: p.title.clone().unwrap_or_default(),
        })
        .collect()
}

/// One text area per unit: "Họ tên, chức vụ" per line.
/// The value of `name` in what a form sent.
fn sent_value<'s>(sent: &'s [(String, String)], name: &str) -> Option<&'s str> {
    sent.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Whether a checkbox group `name` sent `value`.
fn sent_ticked(sent: &[(String, String)], name: &str, value: i64) -> bool {
    sent.iter()
        .any(|(k, v)| k == name && v.parse::<i64>().ok() == Some(value))
}

/// Each unit's people, one per line: as sent when the form was refused, else as stored.
fn people_inputs(
    it: &ItemTracking,
    units: &Units,
    sent: Option<&[(String, String)]>,
) -> Vec<(i64, String, String)> {
    it.effective_units()
        .iter()
        .map(|(u, _)| {
            if let Some(typed) = sent.and_then(|s| sent_value(s, &format!("people_{}", u.0))) {
                return (u.0, units.name(*u), typed.to_string());
            }
            let lines: Vec<String> = it
                .people
                .iter()
                .filter(|p| p.unit_id == *u)
                .map(|p| match &p.title {
                    Some(title) if !title.is_empty() => format!("{}, {title}", p.name),
                    _ => p.name.clone(),
                })
                .collect();
            (u.0, units.name(*u), lines.join("\n"))
        })
        .collect()
}

fn status_choices(
    user: &SessionUser,
    it: &ItemTracking,
    lang: Language,
    sent: Option<&[(String, String)]>,
) -> Vec<Choice> {
    let chosen = sent.and_then(|s| sent_value(s, "status")).unwrap_or("");
    domain::tracking::allowed_statuses(&user.actor, &it.item_units(), it.status)
        .into_iter()
        .map(|s| Choice {
            value: s.as_str().to_string(),
            label: s.label(lang).to_string(),
            selected: s.as_str() == chosen,
        })
        .collect()
}

fn record_kinds(lang: Language) -> Vec<Choice> {
    domain::counting::RECORD_KINDS
        .iter()
        .map(|k| Choice {
            value: k.code.to_string(),
            label: k.label(lang).to_string(),
            selected: false,
        })
        .collect()
}

/// Every unit with its ticks: as sent when the form was refused, else as stored. A
/// deactivated unit stays offered only on the items it already has.
fn unit_choices(
    it: &ItemTracking,
    units: &Units,
    sent: Option<&[(String, String)]>,
) -> Vec<(i64, String, bool, bool)> {
    units
        .0
        .iter()
        .filter_map(|u| {
            let rel = it.units.iter().find(|(x, _)| *x == u.id).map(|(_, r)| *r);
            (u.active || rel.is_some()).then_some(u)?;
            let (lead, coord) = match sent {
                Some(s) => (
                    sent_ticked(s, "lead", u.id.0),
                    sent_ticked(s, "coord", u.id.0),
                ),
                None => (
                    rel == Some(UnitRelation::Lead),
                    rel == Some(UnitRelation::Coordinating),
                ),
            };
            Some((u.id.0, u.name.clone(), lead, coord))
        })
        .collect()
}

/// The report form, when the user may report for one of the item's units: the units,
/// the plan's periods with the one to report on chosen, and what a failed submit typed.
#[allow(clippy::too_many_arguments)]
async fn report_form(
    app: &AppState,
    lang: Language,
    user: &SessionUser,
    it: &ItemTracking,
    v: &ItemView,
    units: &Units,
    progress: &[TargetProgress],
    overlay: &Overlay,
) -> Result<Option<ReportForm>, AppError> {
    let reporting = reporting_units(user, it);
    if reporting.is_empty() {
        return Ok(None);
    }
    let today = app.today();
    let draft = overlay.report.clone().unwrap_or_default();
    let (first, last) = match app.store().report_years(v.plan_id).await? {
        // A plan with no year at all: offer the current one.
        Some((first, _)) if first == i32::MIN => {
            let y = chrono::Datelike::year(&today);
            (y, y)
        }
        Some(years) => years,
        None => (2000, 2000),
    };
    let chosen = if draft.period.is_empty() {
        Period::progress_default(first, last, today).to_string()
    } else {
        draft.period.clone()
    };
    Ok(Some(ReportForm {
        units: reporting
            .iter()
            .map(|u| Choice {
                value: u.0.to_string(),
                label: units.name(*u),
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
        ..ReportForm::from_draft(&draft, progress, app.config().evidence_limit_bytes)
    }))
}

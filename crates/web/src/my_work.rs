//! "Việc của tôi", the home page after sign-in (`/`): each person lands on their next
//! step. A unit's staff (or a partner, for what is shared with it) sees, per unit, the
//! items with no report for this period, the overdue and the due within 14 days, the
//! reports the Board returned, recent grades and upcoming events; the Board sees the
//! escalations, the reports waiting for review and the items not reported this period.
//! Whose view is whose is `domain::oversight::work_view`. Each block is one store call
//! and links to the `/items` list (or page) that shows all of it.

use crate::AppState;
use crate::errors::AppError;
use crate::oversight::dashboard::upcoming_events;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use domain::oversight::{
    OPEN_STATUSES, REVIEW_HORIZON_DAYS, WorkView, current_period, due_soon_window, work_view,
};
use domain::{ItemId, Period, UnitId, format_date, item_label};
use store::{Counted, ItemFilter, ItemPage, WorkItem, WorkReport};

/// Rows a block lists; the count says how many there are in all.
const SHOWN: i64 = 5;
/// The count of a block stops here ("Hơn 500").
const COUNT_CAP: i64 = 500;
/// The year's plans whose targets the home page weighs against the pace, newest first: a
/// department runs one to three a year, and each costs its reports' figures (18 ms for a
/// 500-item plan with 5,000 reports); the rest are on the plan list and their dashboards.
const PACE_PLANS: usize = 3;

/// One line of a block: where it leads, what it is, and a word more.
pub struct Line {
    pub href: String,
    pub label: String,
    pub detail: String,
    /// A comment (a return's, a grade's), shown under the line.
    pub note: String,
}

/// One block: its count, its first lines and the link to all of it.
pub struct Block {
    pub id: String,
    pub title: String,
    /// "12", "Hơn 500", or "" for blocks without a count.
    pub count: String,
    pub lines: Vec<Line>,
    /// (href, text) of the full list.
    pub more: Option<(String, String)>,
}

/// The kinds of block (the end of their ids), each with its own empty sentence.
const BLOCK_KINDS: [(&str, &str); 10] = [
    ("escalations", "work.none_escalations"),
    ("at_risk", "work.none_at_risk"),
    ("awaiting", "work.none_awaiting"),
    ("not_reported", "work.none_not_reported"),
    ("overdue", "work.none_overdue"),
    ("due_soon", "work.none_due_soon"),
    ("returned", "work.none_returned"),
    ("grades", "work.none_grades"),
    ("events", "work.none_events"),
    ("estimates", "work.none_estimates"),
];

impl Block {
    /// The message key of what the block says when it is empty: each says why nothing is
    /// there ("Không có báo cáo nào chờ duyệt"), not a bare "Không có." (issue 16).
    pub fn empty_key(&self) -> &'static str {
        let kind = self.id.rsplit('-').next().unwrap_or("");
        BLOCK_KINDS
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("work.none", |(_, key)| key)
    }
}

/// The Board's work, or one unit's.
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Template)]
#[template(path = "my_work.html")]
struct MyWorkPage<'a> {
    l: Layout<'a>,
    as_of: String,
    sections: Vec<Section>,
    nobody: bool,
}

pub async fn page(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    let today = app.today();
    let w = Work {
        app: &app,
        ctx: &ctx,
        user: &user,
        today,
        period: current_period(today),
    };
    let view = work_view(&user.actor);
    let sections = match &view {
        WorkView::Board => vec![w.board().await?],
        WorkView::Units { units, shared } => {
            let names = app.store().list_units().await?;
            let mut out = Vec::new();
            for u in units {
                let name = names.iter().find(|n| n.id == *u).map(|n| n.name.as_str());
                out.push(w.unit(*u, name.unwrap_or_default(), *shared).await?);
            }
            out
        }
        WorkView::Nobody => Vec::new(),
    };
    let mut sections = sections;
    // Finance's queue of estimates to verify (the Board's is in its own section).
    if user.actor.has_role(domain::Role::Finance) {
        let status = domain::budget::EstimateStatus::Submitted;
        let queue = "budget.queue_finance";
        let block = crate::budget::work_block(&app, &ctx, status, "finance-estimates", queue);
        sections.push(Section {
            heading: ctx.tr().t("work.finance").to_string(),
            blocks: vec![block.await?],
        });
    }
    let t = ctx.tr();
    let date = format_date(today);
    let period = w.period.label(ctx.lang);
    Ok(render_page(MyWorkPage {
        l: Layout::new(&ctx, t.t("work.title"), "home"),
        as_of: t.f("work.as_of", &[("date", &date), ("period", &period)]),
        sections,
        nobody: view == WorkView::Nobody,
    }))
}

/// One request's view of the work: who, on which day, for which period.
struct Work<'a> {
    app: &'a AppState,
    ctx: &'a Ctx,
    user: &'a SessionUser,
    today: NaiveDate,
    period: Period,
}

impl Work<'_> {
    fn t(&self, key: &str) -> String {
        self.ctx.tr().t(key).to_string()
    }

    /// The `/items` link with these filters (the page reads them as typed).
    fn items_link(&self, pairs: &[(&str, String)]) -> Option<(String, String)> {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            s.append_pair(k, v);
        }
        Some((format!("/items?{}", s.finish()), self.t("work.more")))
    }

    fn open_statuses() -> Vec<(&'static str, String)> {
        OPEN_STATUSES
            .iter()
            .map(|s| ("status", s.as_str().to_string()))
            .collect()
    }

    fn count(&self, total: i64, capped: bool) -> String {
        if capped {
            let n = domain::format_number(total as f64);
            self.ctx.tr().f("work.more_than", &[("count", &n)])
        } else {
            total.to_string()
        }
    }

    async fn board(&self) -> Result<Section, AppError> {
        let store = self.app.store();
        let escalations = store.escalations(false, COUNT_CAP).await?;
        let since = self.app.now().timestamp() - REVIEW_HORIZON_DAYS * 86_400;
        let waiting = store
            .reports_awaiting_review(since, SHOWN, COUNT_CAP)
            .await?;
        let silent = store
            .items_to_report(None, self.period, SHOWN, COUNT_CAP)
            .await?;
        let escalated = Block {
            id: "board-escalations".into(),
            title: self.t("work.escalations"),
            count: escalations.len().to_string(),
            lines: escalations
                .iter()
                .take(SHOWN as usize)
                .map(|e| Line {
                    href: format!("/items/{}", e.item_id.0),
                    label: item_label(e.numbering.as_deref(), &e.title),
                    detail: self.due(Some(e.due)),
                    note: String::new(),
                })
                .collect(),
            more: Some(("/escalations".into(), self.t("work.more"))),
        };
        let not_reported = self.not_reported("board-not_reported", silent, Vec::new());
        Ok(Section {
            heading: self.t("work.board"),
            blocks: vec![
                escalated,
                self.awaiting(waiting),
                crate::budget::work_block(
                    self.app,
                    self.ctx,
                    domain::budget::EstimateStatus::Verified,
                    "board-estimates",
                    "budget.queue_board",
                )
                .await?,
                self.at_risk().await?,
                not_reported,
            ],
        })
    }

    /// The targets of this year's newest plans ([`PACE_PLANS`]) behind the pace the year
    /// implies today (`domain::oversight::behind_pace`, the rule the 6- and 9-month
    /// reports name them by).
    async fn at_risk(&self) -> Result<Block, AppError> {
        let store = self.app.store();
        let year = self.today.year();
        let plans = store.plans_of_year(year).await?;
        let mut behind = Vec::new();
        for &plan in plans.iter().rev().take(PACE_PLANS) {
            for t in store.plan_target_progress_as_of(plan, self.today).await? {
                if let Some(b) = domain::oversight::behind_pace(&t.figure(), year, self.today) {
                    behind.push((plan, t, b));
                }
            }
        }
        let ids: Vec<domain::ItemId> = behind.iter().map(|(_, t, _)| t.item_id).collect();
        let labels: std::collections::HashMap<_, _> =
            store.item_labels(&ids).await?.into_iter().collect();
        let tr = self.ctx.tr();
        Ok(Block {
            id: "board-at_risk".into(),
            title: self.t("work.at_risk"),
            count: behind.len().to_string(),
            lines: behind
                .iter()
                .take(SHOWN as usize)
                .map(|(_, t, b)| Line {
                    href: format!("/items/{}", t.item_id.0),
                    label: labels.get(&t.item_id).cloned().unwrap_or_default(),
                    detail: tr.f(
                        "work.at_risk_detail",
                        &[
                            ("actual", &domain::format_number(b.actual)),
                            ("expected", &domain::format_number(b.expected)),
                            (
                                "target",
                                &domain::format_target(t.min, t.max, &t.unit, t.per.as_deref()),
                            ),
                        ],
                    ),
                    note: String::new(),
                })
                .collect(),
            more: if plans.len() > PACE_PLANS {
                Some(("/plans".into(), self.t("work.more")))
            } else {
                behind
                    .first()
                    .map(|(plan, ..)| (format!("/dashboard?plan={}", plan.0), self.t("work.more")))
            },
        })
    }

    fn awaiting(&self, waiting: Counted<WorkReport>) -> Block {
        Block {
            id: "board-awaiting".into(),
            title: self.t("work.awaiting"),
            count: self.count(waiting.total, waiting.capped),
            lines: waiting
                .rows
                .iter()
                .map(|r| {
                    let mut line = self.report_line(r, "work.awaiting_detail");
                    if !r.comment.is_empty() {
                        line.detail = format!("{} · {}", line.detail, self.t("work.answers"));
                    }
                    line
                })
                .collect(),
            more: None,
        }
    }

    fn report_line(&self, r: &WorkReport, key: &str) -> Line {
        let version = r.version.to_string();
        let period = r.period.label(self.ctx.lang);
        Line {
            href: format!("/items/{}#r{}", r.item_id.0, r.version_id),
            label: item_label(r.numbering.as_deref(), &r.title),
            detail: self.ctx.tr().f(
                key,
                &[
                    ("unit", &r.unit_name),
                    ("period", &period),
                    ("version", &version),
                ],
            ),
            note: r.comment.clone(),
        }
    }

    fn due(&self, due: Option<NaiveDate>) -> String {
        due.map(|d| self.ctx.tr().f("work.due", &[("date", &format_date(d))]))
            .unwrap_or_default()
    }

    fn item_line(
        &self,
        id: ItemId,
        numbering: Option<&str>,
        title: &str,
        due: Option<NaiveDate>,
    ) -> Line {
        Line {
            href: format!("/items/{}", id.0),
            label: item_label(numbering, title),
            detail: self.due(due),
            note: String::new(),
        }
    }

    fn not_reported(&self, id: &str, c: Counted<WorkItem>, unit: Vec<(&str, String)>) -> Block {
        let period = self.period.label(self.ctx.lang);
        let mut filters = unit;
        filters.push(("unreported", self.period.to_string()));
        Block {
            id: id.into(),
            title: self.ctx.tr().f("work.not_reported", &[("period", &period)]),
            count: self.count(c.total, c.capped),
            lines: c
                .rows
                .iter()
                .map(|i| self.item_line(i.id, i.numbering.as_deref(), &i.title, i.due))
                .collect(),
            more: self.items_link(&filters),
        }
    }

    fn listed(
        &self,
        id: String,
        title: String,
        page: ItemPage,
        more: Vec<(&str, String)>,
    ) -> Block {
        Block {
            id,
            title,
            count: self.count(page.total, page.total_capped),
            lines: page
                .rows
                .iter()
                .map(|i| self.item_line(i.id, i.numbering.as_deref(), &i.title, i.due))
                .collect(),
            more: self.items_link(&more),
        }
    }

    async fn unit(&self, unit: UnitId, name: &str, shared: bool) -> Result<Section, AppError> {
        let store = self.app.store();
        let key = unit.0.to_string();
        let id = |block: &str| format!("unit-{key}-{block}");
        let units = [unit];
        let base = ItemFilter {
            unit_id: Some(unit),
            visible_units: domain::item_list_scope(&self.user.actor),
            page: 1,
            per_page: SHOWN,
            ..Default::default()
        };
        let silent = store
            .items_to_report(Some(&units), self.period, SHOWN, COUNT_CAP)
            .await?;
        let overdue = store
            .list_items(&ItemFilter {
                overdue_on: Some(self.today),
                ..base.clone()
            })
            .await?;
        let (from, to) = due_soon_window(self.today);
        let soon = store
            .list_items(&ItemFilter {
                due_from: Some(from),
                due_to: Some(to),
                statuses: OPEN_STATUSES.to_vec(),
                ..base
            })
            .await?;
        let mut soon_link = vec![
            ("unit", key.clone()),
            ("due_from", format_date(from)),
            ("due_to", format_date(to)),
        ];
        soon_link.extend(Self::open_statuses());
        let blocks = vec![
            self.not_reported(&id("not_reported"), silent, vec![("unit", key.clone())]),
            self.listed(
                id("overdue"),
                self.t("work.overdue"),
                overdue,
                vec![("unit", key.clone()), ("overdue", "1".into())],
            ),
            self.listed(id("due_soon"), self.t("work.due_soon"), soon, soon_link),
            self.returned(id("returned"), store.returned_reports(&units, SHOWN).await?),
            self.grades(id("grades"), &units).await?,
            self.events(id("events"), unit).await?,
        ];
        let heading = if shared {
            self.ctx.tr().f("work.shared", &[("unit", name)])
        } else {
            name.to_string()
        };
        Ok(Section { heading, blocks })
    }

    fn returned(&self, id: String, reports: Vec<WorkReport>) -> Block {
        Block {
            id,
            title: self.t("work.returned"),
            count: reports.len().to_string(),
            lines: reports
                .iter()
                .map(|r| Line {
                    href: format!("/reports/{}#report-form", r.report_id),
                    ..self.report_line(r, "work.returned_detail")
                })
                .collect(),
            more: None,
        }
    }

    async fn grades(&self, id: String, units: &[UnitId]) -> Result<Block, AppError> {
        let grades = self.app.store().recent_grades(units, SHOWN).await?;
        let lang = self.ctx.lang;
        Ok(Block {
            id,
            title: self.t("work.grades"),
            count: String::new(),
            lines: grades
                .iter()
                .map(|g| Line {
                    href: format!("/items/{}#grades", g.item_id.0),
                    label: item_label(g.numbering.as_deref(), &g.title),
                    detail: format!("{}: {}", g.period.label(lang), g.grade.label(lang)),
                    note: g.comment.clone(),
                })
                .collect(),
            more: Some(("/notifications".into(), self.t("work.all_notifications"))),
        })
    }

    async fn events(&self, id: String, unit: UnitId) -> Result<Block, AppError> {
        let events = upcoming_events(self.app, Some(unit)).await?;
        Ok(Block {
            id,
            title: self.t("work.events"),
            count: String::new(),
            lines: events
                .into_iter()
                .take(SHOWN as usize)
                .map(|e| Line {
                    href: format!("/events/{}", e.id),
                    label: e.title,
                    detail: e.when,
                    note: String::new(),
                })
                .collect(),
            more: Some((
                format!("/events?view=list&unit={}", unit.0),
                self.t("work.more"),
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_kind_of_block_has_its_empty_sentence_in_both_languages() {
        for ftl in [crate::i18n::VI_FTL, crate::i18n::EN_FTL] {
            let keys = crate::i18n::message_keys(ftl).unwrap();
            for (_, key) in super::BLOCK_KINDS {
                assert!(keys.iter().any(|k| k == key), "{key}");
            }
        }
    }
}

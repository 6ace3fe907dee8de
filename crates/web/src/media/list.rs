//! The list of works (`/media`) with its filters (kind, stage, unit, plan), and the same
//! list as CSV or XLSX (`/media/export.csv`, `.xlsx`).

use super::{date, may_create_any, measure, title_in};
use crate::AppState;
use crate::errors::AppError;
use crate::events::{Choice, choices, picked};
use crate::extract::TableFormat;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed};
use ::reports::{Cell, Table};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::media::{MediaKind, MediaStage};
use domain::{Language, PlanId, UnitId};
use store::{MediaFilter, MediaWork};

/// The filters as the address gives them; anything unknown is no filter.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    kind: String,
    stage: String,
    unit: String,
    plan: String,
}

impl ListQuery {
    fn filter(&self, user: &SessionUser) -> MediaFilter {
        MediaFilter {
            kind: self.kind.parse().ok(),
            stage: self.stage.parse().ok(),
            unit: self.unit.trim().parse().ok().map(UnitId),
            item: None,
            plan: self.plan.trim().parse().ok().map(PlanId),
            // A partner sees its own units' works only.
            visible_units: domain::item_list_scope(&user.actor),
        }
    }

    /// The filters again, for the export links.
    fn query(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("kind", &self.kind),
                ("stage", &self.stage),
                ("unit", &self.unit),
                ("plan", &self.plan),
            ])
            .finish()
    }
}

/// One row of the list.
pub struct WorkRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub stage: &'static str,
    pub stage_label: String,
    pub unit: String,
    pub item: Option<(i64, String)>,
    pub measure: String,
    pub published: String,
}

#[derive(Template)]
#[template(path = "media/list.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    rows: Vec<WorkRow>,
    kinds: Vec<Choice>,
    stages: Vec<Choice>,
    units: Vec<Choice>,
    plans: Vec<Choice>,
    query: String,
    filtered: bool,
    can_create: bool,
}

fn row(w: &MediaWork, ctx: &Ctx) -> WorkRow {
    let lang = ctx.lang;
    WorkRow {
        id: w.id.0,
        title: title_in(w, lang).to_string(),
        kind: w.kind.label(lang).to_string(),
        stage: w.stage.as_str(),
        stage_label: w.stage.label(lang).to_string(),
        unit: w.unit_name.clone(),
        item: w
            .item
            .map(|i| (i.0, w.item_title.clone().unwrap_or_default())),
        measure: measure(w, ctx.tr()),
        published: date(w.published_on),
    }
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let store = app.store();
    let works = store.list_media_works(&q.filter(&user)).await?;
    let lang = ctx.lang;
    let scope = domain::item_list_scope(&user.actor);
    let units = store.list_units().await?.into_iter().filter(|u| {
        let mine = scope.as_ref().is_none_or(|own| own.contains(&u.id));
        mine && (u.active || q.unit == u.id.0.to_string())
    });
    let plans = store.list_plans().await?;
    let page = ListPage {
        l: Layout::new(&ctx, ctx.tr().t("media.title"), "media"),
        rows: works.iter().map(|w| row(w, &ctx)).collect(),
        kinds: choices(
            MediaKind::ALL,
            MediaKind::as_str,
            |k| k.label(lang),
            &picked(&q.kind),
        ),
        stages: choices(
            MediaStage::ALL,
            MediaStage::as_str,
            |s| s.label(lang),
            &picked(&q.stage),
        ),
        units: units.map(|u| option(u.id.0, u.name, &q.unit)).collect(),
        plans: plans
            .into_iter()
            .map(|p| option(p.id.0, domain::shorten(&p.title, 80), &q.plan))
            .collect(),
        query: q.query(),
        filtered: [&q.kind, &q.stage, &q.unit, &q.plan]
            .iter()
            .any(|v| !v.is_empty()),
        can_create: may_create_any(&user),
    };
    Ok(render_page(page))
}

fn option(id: i64, label: String, chosen: &str) -> Choice {
    Choice {
        value: id.to_string(),
        selected: chosen.trim() == id.to_string(),
        label,
    }
}

/// The list's works, with the same filters, as a table file.
pub async fn export(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    format: TableFormat,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let works = app.store().list_media_works(&q.filter(&user)).await?;
    let lang = ctx.lang;
    let table = Table {
        title: ctx.tr().t("media.title").to_string(),
        headers: headers(lang).iter().map(|s| s.to_string()).collect(),
        rows: works.iter().map(|w| export_row(lang, w)).collect(),
    };
    crate::page::table_download(&table, format.is_xlsx(), "san-pham-truyen-thong")
}

fn headers(lang: Language) -> [&'static str; 14] {
    match lang {
        Language::Vi => [
            "Mã",
            "Tên sản phẩm",
            "Tên tiếng Anh",
            "Loại",
            "Giai đoạn",
            "Đơn vị thực hiện",
            "Nhiệm vụ",
            "Sự kiện",
            "Thời lượng (phút)",
            "Số trang",
            "Ngôn ngữ",
            "Số lượng in",
            "Định dạng",
            "Ngày phát hành",
        ],
        Language::En => [
            "Id",
            "Title",
            "English title",
            "Kind",
            "Stage",
            "Unit",
            "Plan item",
            "Event",
            "Duration (minutes)",
            "Pages",
            "Languages",
            "Print run",
            "Format",
            "Published on",
        ],
    }
}

/// One work as a row of [`headers`]; the duration in minutes (14:30 is 14.5), as the
/// targets count it, so that a spreadsheet adds them up.
fn export_row(lang: Language, w: &MediaWork) -> Vec<Cell> {
    let text = |s: &Option<String>| s.as_deref().map_or(Cell::Empty, Cell::from);
    let int = |n: Option<i64>| n.map_or(Cell::Empty, Cell::Int);
    vec![
        Cell::Int(w.id.0),
        Cell::from(w.title.as_str()),
        Cell::from(w.title_en.as_str()),
        Cell::from(w.kind.label(lang)),
        Cell::from(w.stage.label(lang)),
        Cell::from(w.unit_name.as_str()),
        text(&w.item_title),
        text(&w.event_title),
        w.duration
            .map_or(Cell::Empty, |d| Cell::Number(d.minutes())),
        int(w.pages),
        Cell::from(w.languages.as_str()),
        int(w.print_run),
        Cell::from(w.format.as_str()),
        w.published_on.map_or(Cell::Empty, Cell::Date),
    ]
}

//! Joint projects (dự án hợp tác, issue 19): the list, filtered by status and by city,
//! searched by title with diacritics folded, 50 a page, and its CSV/XLSX exports with the
//! filters in force. The form and the project's page are in `project_form`.

use super::require_view;
use crate::AppState;
use crate::errors::AppError;
use crate::events::{Choice, choices};
use crate::extract::TableFormat;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, SessionUser, Signed};
use ::reports::{Cell, Table};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::cities::project::ProjectStatus;
use domain::{CityId, Language};
use store::{ProjectFilter, ProjectRecord};

const PER_PAGE: i64 = 50;

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct ProjectQuery {
    q: String,
    status: String,
    city: String,
    page: String,
}

impl ProjectQuery {
    fn filter(&self, per_page: i64) -> ProjectFilter {
        ProjectFilter {
            text: self.q.chars().take(200).collect(),
            status: self.status.parse().ok(),
            city: self.city.parse().ok().map(CityId),
            page: self.page.parse().unwrap_or(1),
            per_page,
        }
    }

    /// The filters as a query string, without the page.
    fn query_string(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                [
                    ("q", &self.q),
                    ("status", &self.status),
                    ("city", &self.city),
                ]
                .into_iter()
                .filter(|(_, v)| !v.is_empty()),
            )
            .finish()
    }
}

/// A project as a line of the list (and of the plan item's page).
pub struct ProjectLine {
    pub id: i64,
    pub title: String,
    pub status: String,
    /// `p-proposed`, `p-ongoing`, … (the chip's colour).
    pub status_code: &'static str,
    pub dates: String,
    pub cities: Vec<(i64, String)>,
    pub unit: String,
}

/// "01/03/2025 – 31/12/2025", or "01/03/2025 –" while the end is open.
pub fn dates(p: &ProjectRecord) -> String {
    let start = domain::format_date(p.start);
    match p.end {
        Some(e) => format!("{start} – {}", domain::format_date(e)),
        None => format!("{start} –"),
    }
}

pub fn line(lang: Language, p: &ProjectRecord) -> ProjectLine {
    ProjectLine {
        id: p.id.0,
        title: p.title.clone(),
        status: p.status.label(lang).to_string(),
        status_code: p.status.as_str(),
        dates: dates(p),
        cities: p.cities.iter().map(|(id, n)| (id.0, n.clone())).collect(),
        unit: p.unit.as_ref().map(|u| u.1.clone()).unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "cities/projects.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    rows: Vec<ProjectLine>,
    q: String,
    statuses: Vec<Choice>,
    cities: Vec<Choice>,
    summary: String,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
    export_query: String,
    can_edit: bool,
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<ProjectQuery>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let lang = ctx.lang;
    let filter = q.filter(PER_PAGE);
    let got = app.store().list_projects(&filter).await?;
    let pages = ((got.total + PER_PAGE - 1) / PER_PAGE).max(1);
    let base = q.query_string();
    let link = |p: i64| {
        let sep = if base.is_empty() { "" } else { "&" };
        format!("/cities/projects?{base}{sep}page={p}")
    };
    let t = ctx.tr();
    let summary = t
        .f(
            "projects.summary",
            &[
                ("total", &domain::format_number(got.total as f64)),
                ("page", &got.page.to_string()),
                ("pages", &pages.to_string()),
            ],
        )
        .to_string();
    let cities = app
        .store()
        .city_names()
        .await?
        .into_iter()
        .map(|(id, name)| Choice {
            selected: filter.city == Some(id),
            value: id.to_string(),
            label: name,
        })
        .collect();
    Ok(render_page(ListPage {
        l: Layout::new(&ctx, t.t("projects.title"), "cities"),
        rows: got.rows.iter().map(|p| line(lang, p)).collect(),
        statuses: choices(
            ProjectStatus::ALL,
            ProjectStatus::as_str,
            |s| s.label(lang),
            &filter.status.into_iter().collect::<Vec<_>>(),
        ),
        cities,
        summary,
        page: got.page,
        pages,
        prev: (got.page > 1).then(|| link(got.page - 1)),
        next: (got.page < pages).then(|| link(got.page + 1)),
        export_query: base,
        q: q.q,
        can_edit: domain::cities::can_edit_cities(&user.actor),
    }))
}

/// `GET /cities/projects.csv` and `.xlsx`.
pub async fn export_table(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<ProjectQuery>,
    format: TableFormat,
) -> Result<Response, AppError> {
    export(app, ctx, &user, q, format.is_xlsx()).await
}

/// Every project the filters keep (up to the export limit), with its description, plan
/// item and unit.
async fn export(
    app: AppState,
    ctx: Ctx,
    user: &SessionUser,
    q: ProjectQuery,
    xlsx: bool,
) -> Result<Response, AppError> {
    require_view(user)?;
    let lang = ctx.lang;
    let mut filter = q.filter(app.config().export_max_rows as i64);
    filter.page = 1;
    let got = app.store().list_projects(&filter).await?;
    let headers: [&str; 9] = match lang {
        Language::Vi => [
            "Mã",
            "Tên dự án",
            "Thành phố",
            "Tình trạng",
            "Bắt đầu",
            "Kết thúc",
            "Đơn vị chủ trì",
            "Nhiệm vụ kế hoạch",
            "Mô tả",
        ],
        Language::En => [
            "Id",
            "Project",
            "Cities",
            "Status",
            "Start",
            "End",
            "Lead unit",
            "Plan item",
            "Description",
        ],
    };
    let table = Table {
        title: ctx.tr().t("projects.title").to_string(),
        headers: headers.iter().map(|s| s.to_string()).collect(),
        rows: got
            .rows
            .iter()
            .map(|p| {
                let cities: Vec<&str> = p.cities.iter().map(|c| c.1.as_str()).collect();
                vec![
                    Cell::Int(p.id.0),
                    Cell::from(p.title.as_str()),
                    Cell::Text(cities.join("; ")),
                    Cell::from(p.status.label(lang)),
                    Cell::Text(domain::format_date(p.start)),
                    p.end
                        .map(|e| Cell::Text(domain::format_date(e)))
                        .unwrap_or(Cell::Empty),
                    Cell::Text(p.unit.as_ref().map(|u| u.1.clone()).unwrap_or_default()),
                    Cell::Text(p.item.as_ref().map(|i| i.1.clone()).unwrap_or_default()),
                    Cell::from(p.description.as_str()),
                ]
            })
            .collect(),
    };
    crate::page::table_download(&table, xlsx, "du-an-hop-tac")
}

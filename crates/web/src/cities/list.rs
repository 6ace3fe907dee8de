//! The directory: filters (field, region, country, member/candidate), a search that folds
//! diacritics ("da lat" finds Đà Lạt), pages of 50, CSV/XLSX exports with the filters in
//! force, and "last contact".

use super::{Fields, require_view, text_choices};
use crate::AppState;
use crate::errors::AppError;
use crate::events::{Choice, choices};
use crate::extract::TableFormat;
use crate::page::{Layout, render_page};
use crate::session::{Ctx, Signed};
use ::reports::{Cell, Table};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::cities::CityStatus;
use domain::{CreativeFieldId, Language};
use store::{CityFilter, CityRecord};

const PER_PAGE: i64 = 50;

#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct CityQuery {
    q: String,
    field: String,
    region: String,
    country: String,
    status: String,
    page: String,
}

impl CityQuery {
    fn filter(&self, per_page: i64) -> CityFilter {
        CityFilter {
            text: self.q.clone(),
            field: self.field.parse().ok().map(CreativeFieldId),
            region: self.region.clone(),
            country: self.country.clone(),
            status: self.status.parse().ok(),
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
                    ("field", &self.field),
                    ("region", &self.region),
                    ("country", &self.country),
                    ("status", &self.status),
                ]
                .into_iter()
                .filter(|(_, v)| !v.is_empty()),
            )
            .finish()
    }
}

pub struct CityLine {
    pub id: i64,
    pub name: String,
    pub field: String,
    pub colour: String,
    pub country: String,
    pub region: String,
    pub year: String,
    pub status: String,
    pub candidate: bool,
}

fn line(lang: Language, fields: &Fields, c: &CityRecord) -> CityLine {
    CityLine {
        id: c.id.0,
        name: c.name.clone(),
        field: fields.name(c.field),
        colour: fields
            .get(c.field)
            .map(|f| f.colour.clone())
            .unwrap_or_default(),
        country: c.country.clone(),
        region: c.region.clone(),
        year: c.year.map(|y| y.to_string()).unwrap_or_default(),
        status: c.status.label(lang).to_string(),
        candidate: c.status == CityStatus::Candidate,
    }
}

#[derive(Template)]
#[template(path = "cities/list.html")]
struct ListPage<'a> {
    l: Layout<'a>,
    rows: Vec<CityLine>,
    q: String,
    fields: Vec<Choice>,
    regions: Vec<Choice>,
    countries: Vec<Choice>,
    statuses: Vec<Choice>,
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
    Query(q): Query<CityQuery>,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let lang = ctx.lang;
    let filter = q.filter(PER_PAGE);
    let page = app.store().list_cities(&filter).await?;
    let (countries, regions) = app.store().city_places().await?;
    let fields = Fields::load(&app, lang).await?;
    let pages = ((page.total + PER_PAGE - 1) / PER_PAGE).max(1);
    let base = q.query_string();
    let link = |p: i64| {
        let sep = if base.is_empty() { "" } else { "&" };
        format!("/cities?{base}{sep}page={p}")
    };
    let t = ctx.tr();
    let summary = t
        .f(
            "cities.summary",
            &[
                ("total", &domain::format_number(page.total as f64)),
                ("page", &page.page.to_string()),
                ("pages", &pages.to_string()),
            ],
        )
        .to_string();
    Ok(render_page(ListPage {
        l: Layout::new(&ctx, t.t("cities.title"), "cities"),
        rows: page.rows.iter().map(|c| line(lang, &fields, c)).collect(),
        fields: fields.choices(filter.field),
        regions: text_choices(&regions, &q.region),
        countries: text_choices(&countries, &q.country),
        statuses: choices(
            CityStatus::ALL,
            CityStatus::as_str,
            |s| s.label(lang),
            &filter.status.into_iter().collect::<Vec<_>>(),
        ),
        summary,
        page: page.page,
        pages,
        prev: (page.page > 1).then(|| link(page.page - 1)),
        next: (page.page < pages).then(|| link(page.page + 1)),
        export_query: base,
        q: q.q,
        can_edit: domain::cities::can_edit_cities(&user.actor),
    }))
}

/// `GET /cities.csv` and `.xlsx`.
pub async fn export_table(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<CityQuery>,
    format: TableFormat,
) -> Result<Response, AppError> {
    export(app, ctx, &user, q, format.is_xlsx()).await
}

/// Every city the filters keep (the directory is small: one query, at most the export
/// limit), the page's columns plus the UNESCO page and coordinates.
async fn export(
    app: AppState,
    ctx: Ctx,
    user: &crate::session::SessionUser,
    q: CityQuery,
    xlsx: bool,
) -> Result<Response, AppError> {
    require_view(user)?;
    let lang = ctx.lang;
    let mut filter = q.filter(app.config().export_max_rows as i64);
    filter.page = 1;
    let page = app.store().list_cities(&filter).await?;
    let fields = Fields::load(&app, lang).await?;
    let headers: [&str; 10] = match lang {
        Language::Vi => [
            "Mã",
            "Thành phố",
            "Lĩnh vực",
            "Quốc gia",
            "Khu vực",
            "Năm công nhận",
            "Tư cách",
            "Trang UNESCO",
            "Vĩ độ",
            "Kinh độ",
        ],
        Language::En => [
            "Id",
            "City",
            "Field",
            "Country",
            "Region",
            "Designated",
            "Status",
            "UNESCO page",
            "Latitude",
            "Longitude",
        ],
    };
    let table = Table {
        title: ctx.tr().t("cities.title").to_string(),
        headers: headers.iter().map(|s| s.to_string()).collect(),
        rows: page
            .rows
            .iter()
            .map(|c| {
                vec![
                    Cell::Int(c.id.0),
                    Cell::from(c.name.as_str()),
                    Cell::Text(fields.name(c.field)),
                    Cell::from(c.country.as_str()),
                    Cell::from(c.region.as_str()),
                    c.year.map(|y| Cell::Int(y.into())).unwrap_or(Cell::Empty),
                    Cell::from(c.status.label(lang)),
                    Cell::from(c.unesco_url.as_str()),
                    c.point.map(|p| Cell::Number(p.0)).unwrap_or(Cell::Empty),
                    c.point.map(|p| Cell::Number(p.1)).unwrap_or(Cell::Empty),
                ]
            })
            .collect(),
    };
    crate::page::table_download(&table, xlsx, "thanh-pho")
}

pub struct ContactLine {
    pub id: i64,
    pub name: String,
    pub country: String,
    pub field: String,
    pub last: String,
}

#[derive(Template)]
#[template(path = "cities/last_contact.html")]
struct LastContactPage<'a> {
    l: Layout<'a>,
    rows: Vec<ContactLine>,
}

/// Cities by their latest event or letter, the longest without contact first.
pub async fn last_contact(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    require_view(&user)?;
    let fields = Fields::load(&app, ctx.lang).await?;
    let rows = app::cities::last_contacts(app.store())
        .await?
        .into_iter()
        .map(|(c, last)| ContactLine {
            id: c.id.0,
            name: c.name,
            country: c.country,
            field: fields.name(c.field),
            last: domain::format_date(last),
        })
        .collect();
    Ok(render_page(LastContactPage {
        l: Layout::new(&ctx, ctx.tr().t("cities.last_contact"), "cities"),
        rows,
    }))
}

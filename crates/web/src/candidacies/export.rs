//! `/candidacies.csv` and `/candidacies.xlsx`: the dossiers the list's filters keep, each
//! with its status, progress and each step's planned and done dates (dd/mm/yyyy).

use super::list::{DossierQuery, filtered};
use super::{day, step_name};
use crate::AppState;
use crate::cities::{Fields, require_view};
use crate::errors::AppError;
use crate::extract::TableFormat;
use crate::session::{Ctx, Signed};
use ::reports::{Cell, Table};
use axum::extract::{Query, State};
use axum::response::Response;
use domain::Language;

/// `GET /candidacies.csv` and `.xlsx`.
pub async fn export_table(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Query(q): Query<DossierQuery>,
    format: TableFormat,
) -> Result<Response, AppError> {
    require_view(&user)?;
    export(&app, &ctx, &q, format.is_xlsx()).await
}

async fn export(
    app: &AppState,
    ctx: &Ctx,
    q: &DossierQuery,
    xlsx: bool,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let fields = Fields::load(app, lang).await?;
    let (steps, dossiers) = filtered(app, &fields, lang, &q.filter()).await?;
    let (planned, done) = match lang {
        Language::Vi => ("dự kiến", "hoàn thành"),
        Language::En => ("planned", "done"),
    };
    let mut headers: Vec<String> = match lang {
        Language::Vi => ["Mã", "Thành phố", "Lĩnh vực", "Tình trạng", "Tiến độ"],
        Language::En => ["Id", "City", "Field", "Status", "Progress"],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    for s in &steps {
        let name = step_name(lang, s);
        headers.push(format!("{name} ({planned})"));
        headers.push(format!("{name} ({done})"));
    }
    let rows = dossiers
        .into_iter()
        .map(|(l, records)| {
            let mut row = vec![
                Cell::Int(l.id),
                Cell::Text(l.city),
                Cell::Text(l.field),
                Cell::Text(l.status),
                Cell::Text(format!("{}/{}", l.done, l.total)),
            ];
            for s in &steps {
                let r = records.iter().find(|r| r.step == s.id);
                row.push(Cell::Text(day(r.and_then(|r| r.planned))));
                row.push(Cell::Text(day(r.and_then(|r| r.done))));
            }
            row
        })
        .collect();
    let table = Table {
        title: ctx.tr().t("candidacies.title").to_string(),
        headers,
        rows,
    };
    crate::page::table_download(&table, xlsx, "ho-so-ung-cu")
}

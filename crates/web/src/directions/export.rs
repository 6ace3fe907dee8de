//! A plan's direction records as CSV or XLSX, newest first, in the reader's language.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::session::Signed;
use ::reports::{Cell, Table};
use axum::extract::State;
use axum::response::Response;
use domain::{Language, PlanId};
use store::DirectionRecord;

pub async fn csv(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
) -> Result<Response, AppError> {
    let (_, records) = super::visible(&app, &user, plan).await?;
    let bytes = table(ctx.lang, &records).to_csv()?;
    Ok(crate::page::download(
        bytes,
        "text/csv; charset=utf-8",
        &format!("chi-dao-dieu-hanh-{}.csv", plan.0),
    ))
}

pub async fn xlsx(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<PlanId>,
) -> Result<Response, AppError> {
    let (_, records) = super::visible(&app, &user, plan).await?;
    let bytes = table(ctx.lang, &records).to_xlsx()?;
    Ok(crate::page::download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("chi-dao-dieu-hanh-{}.xlsx", plan.0),
    ))
}

fn table(lang: Language, records: &[DirectionRecord]) -> Table {
    let (title, headers) = match lang {
        Language::Vi => (
            "Chỉ đạo, điều hành",
            ["Ngày", "Loại", "Số, ký hiệu", "Trích yếu", "Tệp đính kèm"],
        ),
        Language::En => ("Direction", ["Date", "Kind", "Number", "Summary", "Files"]),
    };
    Table {
        title: title.into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: records
            .iter()
            .map(|d| {
                vec![
                    Cell::Date(d.date),
                    Cell::from(d.kind.label(lang)),
                    Cell::from(d.number.clone()),
                    Cell::from(d.summary.as_str()),
                    Cell::Text(
                        d.files
                            .iter()
                            .map(|f| f.original_name.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ]
            })
            .collect(),
    }
}

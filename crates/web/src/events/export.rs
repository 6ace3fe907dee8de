//! The event list as CSV or XLSX, with the filters in force.

use crate::errors::AppError;
use ::reports::{Cell, Table};
use axum::response::Response;
use domain::events::HANOI;
use domain::{Language, UnitId};
use std::collections::HashMap;
use store::EventRecord;

pub(super) fn export(
    format: &str,
    lang: Language,
    events: &[EventRecord],
    names: &HashMap<UnitId, String>,
) -> Result<Response, AppError> {
    let table = Table {
        title: match lang {
            Language::Vi => "Sự kiện".into(),
            Language::En => "Events".into(),
        },
        headers: headers(lang).iter().map(|s| s.to_string()).collect(),
        rows: events.iter().map(|e| row(lang, e, names)).collect(),
    };
    crate::page::table_download(&table, format == "xlsx", "su-kien")
}

/// The column titles, in the user's language.
fn headers(lang: Language) -> [&'static str; 15] {
    match lang {
        Language::Vi => [
            "Mã",
            "Tên sự kiện",
            "Loại",
            "Trạng thái",
            "Phạm vi",
            "Hình thức",
            "Đơn vị tổ chức",
            "Bắt đầu (giờ địa phương)",
            "Kết thúc (giờ địa phương)",
            "Múi giờ",
            "Bắt đầu (giờ Hà Nội)",
            "Kết thúc (giờ Hà Nội)",
            "Địa điểm",
            "Đường dẫn trực tuyến",
            "Đơn vị",
        ],
        Language::En => [
            "Id",
            "Title",
            "Kind",
            "Status",
            "Scope",
            "Format",
            "Organiser",
            "Start (local time)",
            "End (local time)",
            "Time zone",
            "Start (Hanoi time)",
            "End (Hanoi time)",
            "Venue",
            "Online link",
            "Units",
        ],
    }
}

/// One event as a row: the same columns as [`headers`]. Every time is a date-time cell (a
/// spreadsheet sorts and filters it): start and end in the event's own zone, which the
/// zone column names, then in Hanoi.
fn row(lang: Language, e: &EventRecord, names: &HashMap<UnitId, String>) -> Vec<Cell> {
    let t = e.times();
    let in_hanoi = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&HANOI).naive_local();
    let organiser = if e.organiser_name.is_empty() {
        e.organiser.label(lang).to_string()
    } else {
        format!("{} ({})", e.organiser.label(lang), e.organiser_name)
    };
    vec![
        Cell::Int(e.id.0),
        Cell::from(e.title.as_str()),
        Cell::from(e.kind.label(lang)),
        Cell::from(e.status.label(lang)),
        Cell::from(e.scope.label(lang)),
        Cell::from(e.format.label(lang)),
        Cell::Text(organiser),
        Cell::from(t.map(|t| t.start_local)),
        Cell::from(t.map(|t| t.end_local)),
        Cell::from(e.time_zone.as_str()),
        Cell::from(t.map(|t| in_hanoi(t.start))),
        Cell::from(t.map(|t| in_hanoi(t.end))),
        Cell::from(e.venue.as_str()),
        Cell::from(e.online_url.as_str()),
        Cell::Text(
            e.units
                .iter()
                .filter_map(|(u, _)| names.get(u).cloned())
                .collect::<Vec<_>>()
                .join("; "),
        ),
    ]
}

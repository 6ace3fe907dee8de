//! The import page (Board and admins): the bundled UCCN files, or an uploaded city list
//! (and optionally its map points). The same code as `sangtao import-cities`
//! (`app::cities`); the page says what was added, changed and left unchanged.

use super::require_edit;
use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_form_page, render_page};
use crate::session::{Ctx, Signed};
use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::Response;
use std::path::PathBuf;

/// A city list is some 30 kB; this leaves room for a much longer one.
const CSV_LIMIT: usize = 1024 * 1024;

#[derive(Template)]
#[template(path = "cities/import.html")]
struct ImportPage<'a> {
    l: Layout<'a>,
    bundled: String,
    result: String,
    error: String,
}

/// Where the bundled files are: `SANGTAO_UCCN_DIR`, else `../shared/data/uccn`.
fn bundled_dir() -> PathBuf {
    std::env::var_os("SANGTAO_UCCN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(app::cities::DEFAULT_DIR))
}

fn render(ctx: &Ctx, result: String, error: String) -> Response {
    let failed = !error.is_empty();
    let page = ImportPage {
        l: Layout::new(ctx, ctx.tr().t("cities.import"), "cities"),
        bundled: bundled_dir().display().to_string(),
        result,
        error,
    };
    if failed {
        render_form_page(page, true)
    } else {
        render_page(page)
    }
}

pub async fn page(Signed(ctx, user): Signed) -> Result<Response, AppError> {
    require_edit(&user)?;
    Ok(render(&ctx, String::new(), String::new()))
}

/// What was sent: `source` (`bundled` or `upload`) and the two files' text.
#[derive(Default)]
struct Sent {
    source: String,
    cities: String,
    points: String,
}

async fn read(ctx: &Ctx, mut multipart: Multipart) -> Result<Sent, String> {
    let mut sent = Sent::default();
    let mut budget = crate::upload_text::TextBudget::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| ctx.tr().t("report.cut_off").to_string())?
    {
        let name = field.name().unwrap_or("").to_string();
        let text = budget
            .read(field, CSV_LIMIT)
            .await
            .map_err(|key| ctx.tr().t(key).to_string());
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                crate::upload_text::drain(&mut multipart).await;
                return Err(e);
            }
        };
        match name.as_str() {
            "source" => sent.source = text,
            "cities" => sent.cities = text,
            "points" => sent.points = text,
            _ => {}
        }
    }
    Ok(sent)
}

pub async fn run(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    multipart: Multipart,
) -> Result<Response, AppError> {
    require_edit(&user)?;
    let sent = match read(&ctx, multipart).await {
        Ok(s) => s,
        Err(e) => return Ok(render(&ctx, String::new(), e)),
    };
    let t = ctx.tr();
    let done = if sent.source == "upload" {
        if sent.cities.trim().is_empty() {
            return Ok(render(
                &ctx,
                String::new(),
                t.t("cities.import_no_file").into(),
            ));
        }
        let points = Some(sent.points.as_str()).filter(|p| !p.trim().is_empty());
        app::cities::import_texts(app.store(), &sent.cities, points, &user.actor).await
    } else {
        app::cities::import_dir(app.store(), &bundled_dir(), &user.actor).await
    };
    use app::cities::CityImportError as E;
    match done {
        Ok(r) => {
            let result = t.f(
                "cities.import_done",
                &[
                    ("added", &r.added.to_string()),
                    ("changed", &r.changed.to_string()),
                    ("unchanged", &r.unchanged.to_string()),
                ],
            );
            Ok(render(&ctx, result, String::new()))
        }
        Err(E::Csv(e, file)) => {
            let msg = t.f(
                "cities.import_bad_csv",
                &[
                    ("file", &file),
                    ("line", &e.line.to_string()),
                    ("problem", &e.problem),
                ],
            );
            Ok(render(&ctx, String::new(), msg))
        }
        Err(E::Read { path, .. }) => {
            let msg = t.f("cities.import_unreadable", &[("path", &path)]);
            Ok(render(&ctx, String::new(), msg))
        }
        Err(E::Store(e)) => {
            let msg = AppError::from(e).into_form_message(&ctx)?;
            Ok(render(&ctx, String::new(), msg))
        }
    }
}

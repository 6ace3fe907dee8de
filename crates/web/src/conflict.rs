//! The conflict page: someone saved a newer version while this user was typing. It shows
//! the current version beside what the user submitted, and offers to save theirs over the
//! current one. Nothing typed is lost, nothing is overwritten silently.

use crate::i18n::Tr;
use crate::i18n::Worded;
use crate::page::{Layout, render_page};
use crate::session::Ctx;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use domain::{Conflict, ItemId, ItemStatus, Language};
use serde_json::Value;
use store::EvidenceRecord;

pub struct Compared {
    pub label: String,
    pub current: String,
    pub yours: String,
    pub differs: bool,
}

#[derive(Template)]
#[template(path = "conflict.html")]
struct ConflictPage<'a> {
    l: Layout<'a>,
    message: String,
    rows: Vec<Compared>,
    action: String,
    multipart: bool,
    hidden: Vec<(String, String)>,
    back: String,
}

fn text_of(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn date_text(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(domain::format_date)
        .unwrap_or_else(|_| iso.to_string())
}

fn status_text(code: &str, lang: Language) -> String {
    code.parse::<ItemStatus>()
        .map(|s| s.label(lang).to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// What the user typed in field `name` (the first, for a name sent more than once).
fn typed(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn compared(label: String, current: String, yours: String) -> Compared {
    Compared {
        differs: current.trim() != yours.trim(),
        label,
        current,
        yours,
    }
}

fn resubmitted(pairs: &[(String, String)], version: i64) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != crate::csrf::FIELD && k != "version")
        .cloned()
        .collect();
    out.push(("version".into(), version.to_string()));
    out
}

fn render(page: ConflictPage<'_>) -> Response {
    let mut r = render_page(page);
    *r.status_mut() = StatusCode::CONFLICT;
    r
}

/// Another form that met a newer version: `rows` are each field's label, current value
/// and the value sent; `action` takes the form again, `back` leaves it.
pub fn page(
    ctx: &Ctx,
    c: Conflict,
    rows: Vec<(&str, String, String)>,
    (action, back): (String, String),
    pairs: &[(String, String)],
) -> Response {
    let title = ctx.tr().t("conflict.title").to_string();
    render(ConflictPage {
        l: Layout::new(ctx, &title, "media"),
        message: c.message(ctx.lang),
        rows: rows
            .into_iter()
            .map(|(label, current, yours)| compared(label.to_string(), current, yours))
            .collect(),
        action,
        multipart: false,
        hidden: resubmitted(pairs, c.current),
        back,
    })
}

/// A change to item `id` through `form` (status, details, …) that met a newer version.
pub fn item_page(
    ctx: &Ctx,
    id: ItemId,
    form: &str,
    c: Conflict,
    current: &Value,
    pairs: &[(String, String)],
) -> Response {
    let title = ctx.tr().t("conflict.title").to_string();
    render(ConflictPage {
        l: Layout::new(ctx, &title, "plans"),
        message: c.message(ctx.lang),
        rows: item_rows(ctx, form, current, pairs),
        action: format!("/items/{}/{form}", id.0),
        multipart: false,
        hidden: resubmitted(pairs, c.current),
        back: format!("/items/{}", id.0),
    })
}

/// The fields of the item form, current beside submitted.
fn item_rows(ctx: &Ctx, form: &str, current: &Value, pairs: &[(String, String)]) -> Vec<Compared> {
    let (t, lang) = (ctx.tr(), ctx.lang);
    let yours = |k: &str| typed(pairs, k);
    let mut rows = Vec::new();
    match form {
        "status" => {
            rows.push(compared(
                t.t("track.status").into(),
                status_text(&text_of(current, "status"), lang),
                status_text(&yours("status"), lang),
            ));
            rows.push(compared(
                t.t("track.reason").into(),
                text_of(current, "status_reason"),
                yours("reason"),
            ));
        }
        "details" => {
            for (label, key, field) in [
                ("track.title", "title", "title"),
                ("track.text", "text", "text"),
                ("track.start", "start", "start"),
                ("track.due", "due", "due"),
            ] {
                let mut now = text_of(current, key);
                if key == "start" || key == "due" {
                    now = date_text(&now);
                }
                rows.push(compared(t.t(label).into(), now, yours(field)));
            }
        }
        _ => {}
    }
    rows
}

/// A report version that met a newer one (or a report of the same unit and period).
pub fn report_page(
    ctx: &Ctx,
    c: Conflict,
    current: &Value,
    pairs: &[(String, String)],
    evidence: &[EvidenceRecord],
) -> Response {
    let t = ctx.tr();
    let mut rows = report_rows(t, current, pairs);
    rows.extend(figure_rows(t, current, pairs));
    let report_id = current
        .get("report_id")
        .and_then(Value::as_i64)
        .unwrap_or_default();
    let title = t.t("conflict.title").to_string();
    render(ConflictPage {
        l: Layout::new(ctx, &title, "plans"),
        message: c.message(ctx.lang),
        rows,
        action: format!("/reports/{report_id}"),
        multipart: true,
        hidden: resubmitted(&with_kept(pairs, evidence), c.current),
        back: format!("/reports/{report_id}"),
    })
}

/// The report's text and percent, current beside submitted.
fn report_rows(t: &Tr, current: &Value, pairs: &[(String, String)]) -> Vec<Compared> {
    let yours = |k: &str| typed(pairs, k);
    let percent = |v: String| if v.is_empty() { v } else { format!("{v}%") };
    vec![
        compared(
            t.t("report.text").into(),
            text_of(current, "text"),
            yours("text"),
        ),
        compared(
            t.t("report.difficulties").into(),
            text_of(current, "difficulties"),
            yours("difficulties"),
        ),
        compared(
            t.t("report.proposals").into(),
            text_of(current, "proposals"),
            yours("proposals"),
        ),
        compared(
            t.t("report.percent").into(),
            percent(text_of(current, "percent")),
            percent(yours("percent").trim_end_matches('%').to_string()),
        ),
    ]
}

/// Each submitted figure beside the current version's figure for the same target.
fn figure_rows(t: &Tr, current: &Value, pairs: &[(String, String)]) -> Vec<Compared> {
    let figures = current
        .get("figures")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (k, v) in pairs {
        if let Some(target) = k.strip_prefix("fig_").and_then(|t| t.parse::<i64>().ok()) {
            let now = figures
                .iter()
                .find(|f| f.get(0).and_then(Value::as_i64) == Some(target))
                .and_then(|f| f.get(1).and_then(Value::as_f64))
                .map(domain::format_number)
                .unwrap_or_default();
            rows.push(compared(
                format!("{} #{target}", t.t("report.figure")),
                now,
                v.clone(),
            ));
        }
    }
    rows
}

/// The form's fields with the files already uploaded as kept evidence, so they are not
/// sent again (unit and period belong to the report already).
fn with_kept(pairs: &[(String, String)], evidence: &[EvidenceRecord]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != "keep" && k != "unit" && k != "period")
        .cloned()
        .collect();
    for e in evidence {
        pairs.push(("keep".into(), e.id.to_string()));
    }
    pairs
}

//! The audit log, read-only: per item (`/items/{id}/audit`) and across a plan
//! (`/plans/{id}/audit`), newest first, with CSV exports. Board and admins only
//! (`domain::can_view_audit`). There is no route that changes the log.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::i18n::Tr;
use crate::page::{Layout, render_page};
use crate::session::Signed;
use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use domain::{ItemId, PlanId, UserId};
use reports::Cell;
use std::collections::HashMap;
use store::{AuditPage, AuditRecord};

const PER_PAGE: i64 = 50;
const EXPORT_BATCH: i64 = 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/items/{id}/audit", get(item_audit))
        .route("/items/{id}/audit.csv", get(item_audit_csv))
        .route("/plans/{id}/audit", get(plan_audit))
        .route("/plans/{id}/audit.csv", get(plan_audit_csv))
}

/// One changed field of an entry: name, before, after (JSON text, shortened).
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// What an entry changed: the top-level fields whose values differ between before and
/// after (all fields when one side is missing or not an object).
pub fn changes(
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Vec<Change> {
    use serde_json::Value;
    fn show(v: Option<&Value>) -> String {
        let s = match v {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        };
        if s.chars().count() > 300 {
            let cut: String = s.chars().take(300).collect();
            format!("{cut}…")
        } else {
            s
        }
    }
    match (before, after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .filter(|k| b.get(*k) != a.get(*k))
                .map(|k| Change {
                    field: k.clone(),
                    before: show(b.get(k)),
                    after: show(a.get(k)),
                })
                .collect()
        }
        (None, Some(Value::Object(a))) => a
            .iter()
            .map(|(k, v)| Change {
                field: k.clone(),
                before: String::new(),
                after: show(Some(v)),
            })
            .collect(),
        (b, a) if b.is_some() || a.is_some() => vec![Change {
            field: String::new(),
            before: show(b),
            after: show(a),
        }],
        _ => Vec::new(),
    }
}

pub struct EntryLine {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    /// A link to the item the entry is about, when there is one.
    pub item_id: Option<i64>,
    pub entity: String,
    pub changes: Vec<Change>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditView<'a> {
    l: Layout<'a>,
    heading: String,
    back: String,
    back_label: String,
    csv: String,
    entries: Vec<EntryLine>,
    next: Option<String>,
}

fn actor_name(names: &HashMap<UserId, String>, t: &Tr, actor: Option<UserId>) -> String {
    match actor {
        Some(u) => names
            .get(&u)
            .cloned()
            .unwrap_or_else(|| format!("#{}", u.0)),
        None => t.t("audit.system").to_string(),
    }
}

async fn user_names(app: &AppState) -> Result<HashMap<UserId, String>, AppError> {
    Ok(app
        .store()
        .list_users()
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} ({})", u.display_name, u.login)))
        .collect())
}

fn entry_item(e: &AuditRecord) -> Option<i64> {
    (e.entity == "item").then_some(e.entity_id).flatten()
}

/// The page's query: entries older than `before` (the "older" link), else the newest.
#[derive(serde::Deserialize, Default)]
struct PageQuery {
    #[serde(default)]
    before: Option<i64>,
}

/// `before`, or a 400 for a cursor that is not an entry id (not a link of ours).
fn before_param(raw: Option<&str>) -> Result<Option<i64>, AppError> {
    let q: PageQuery = crate::form::read_form(raw.unwrap_or("").as_bytes())?;
    Ok(q.before)
}

/// Which log a page shows.
enum Scope {
    Item(ItemId),
    Plan(PlanId),
}

impl Scope {
    async fn page(
        &self,
        app: &AppState,
        before: Option<i64>,
        n: i64,
    ) -> Result<AuditPage, AppError> {
        Ok(match self {
            Scope::Item(id) => app.store().audit_for_item(*id, before, n).await?,
            Scope::Plan(id) => app.store().audit_for_plan(*id, before, n).await?,
        })
    }

    fn path(&self) -> String {
        match self {
            Scope::Item(id) => format!("/items/{}", id.0),
            Scope::Plan(id) => format!("/plans/{}", id.0),
        }
    }

    /// The heading, or NotFound when the item or plan does not exist.
    async fn heading(&self, app: &AppState, t: &Tr) -> Result<String, AppError> {
        match self {
            Scope::Item(id) => {
                let it = app
                    .store()
                    .item_tracking(*id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                Ok(t.f("audit.item_heading", &[("title", &it.title)]))
            }
            Scope::Plan(id) => {
                let names = app.store().plan_names().await?;
                let (_, name) = names
                    .into_iter()
                    .find(|(p, _)| p == id)
                    .ok_or(AppError::NotFound)?;
                Ok(t.f("audit.plan_heading", &[("title", &name)]))
            }
        }
    }
}

async fn show(
    app: AppState,
    Signed(ctx, user): Signed,
    scope: Scope,
    raw: Option<String>,
) -> Result<Response, AppError> {
    if !domain::can_view_audit(&user.actor) {
        return Err(AppError::Forbidden);
    }
    let t = ctx.tr();
    let heading = scope.heading(&app, t).await?;
    let page = scope
        .page(&app, before_param(raw.as_deref())?, PER_PAGE)
        .await?;
    let names = user_names(&app).await?;
    let entries = page
        .entries
        .iter()
        .map(|e| EntryLine {
            id: e.id.0,
            at: domain::format::format_local_time(e.at),
            actor: actor_name(&names, t, e.actor),
            action: t
                .lookup(&format!("audit.action.{}", e.action))
                .unwrap_or(&e.action)
                .to_string(),
            item_id: entry_item(e),
            entity: match e.entity_id {
                Some(id) => format!("{} #{id}", e.entity),
                None => e.entity.clone(),
            },
            changes: changes(e.before.as_ref(), e.after.as_ref()),
        })
        .collect();
    let path = scope.path();
    Ok(render_page(AuditView {
        l: Layout::new(&ctx, &heading, "plans"),
        back_label: t.t("audit.back").to_string(),
        csv: format!("{path}/audit.csv"),
        next: page.next_before.map(|b| format!("{path}/audit?before={b}")),
        back: path,
        heading,
        entries,
    }))
}

async fn csv(app: AppState, Signed(ctx, user): Signed, scope: Scope) -> Result<Response, AppError> {
    if !domain::can_view_audit(&user.actor) {
        return Err(AppError::Forbidden);
    }
    let t = ctx.tr();
    scope.heading(&app, t).await?;
    let names = user_names(&app).await?;
    let mut w = reports::table::CsvWriter::new(Vec::new(), &csv_headers(t))?;
    export_entries(&app, &scope, |e| {
        w.row(&csv_row(&names, t, e)).map_err(AppError::from)
    })
    .await?;
    let bytes = w.finish()?;
    Ok(crate::page::download(
        bytes,
        "text/csv; charset=utf-8",
        &csv_name(&scope),
    ))
}

fn csv_headers(t: &Tr) -> Vec<String> {
    [
        "audit.col_id",
        "audit.col_at",
        "audit.col_actor",
        "audit.col_action",
        "audit.col_entity",
        "audit.col_entity_id",
        "audit.col_before",
        "audit.col_after",
    ]
    .iter()
    .map(|k| t.t(k).to_string())
    .collect()
}

fn csv_row(names: &HashMap<UserId, String>, t: &Tr, e: &AuditRecord) -> Vec<Cell> {
    let json =
        |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
    // ISO time with offset: unambiguous for whoever reads the file later.
    let at = chrono::DateTime::from_timestamp(e.at, 0)
        .map(|d| {
            d.with_timezone(&domain::format::vietnam_offset())
                .to_rfc3339()
        })
        .unwrap_or_default();
    vec![
        Cell::Int(e.id.0),
        at.into(),
        actor_name(names, t, e.actor).into(),
        e.action.as_str().into(),
        e.entity.as_str().into(),
        e.entity_id.map(Cell::Int).unwrap_or(Cell::Empty),
        json(&e.before).into(),
        json(&e.after).into(),
    ]
}

/// Every entry of the scope's log, newest first, batch by batch; stops at the configured
/// maximum so one export cannot exhaust the server.
async fn export_entries(
    app: &AppState,
    scope: &Scope,
    mut each: impl FnMut(&AuditRecord) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let mut before = None;
    let mut rows = 0usize;
    let max = app.config().export_max_rows;
    loop {
        let page = scope.page(app, before, EXPORT_BATCH).await?;
        for e in &page.entries {
            if rows == max {
                break;
            }
            each(e)?;
            rows += 1;
        }
        match page.next_before {
            Some(b) if rows < max => before = Some(b),
            _ => return Ok(()),
        }
    }
}

fn csv_name(scope: &Scope) -> String {
    match scope {
        Scope::Item(id) => format!("nhat-ky-nhiem-vu-{}.csv", id.0),
        Scope::Plan(id) => format!("nhat-ky-ke-hoach-{}.csv", id.0),
    }
}

pub async fn item_audit(
    State(app): State<AppState>,
    signed: Signed,
    Id(id): Id<ItemId>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    show(app, signed, Scope::Item(id), raw).await
}

pub async fn plan_audit(
    State(app): State<AppState>,
    signed: Signed,
    Id(id): Id<PlanId>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    show(app, signed, Scope::Plan(id), raw).await
}

pub async fn item_audit_csv(
    State(app): State<AppState>,
    signed: Signed,
    Id(id): Id<ItemId>,
) -> Result<Response, AppError> {
    csv(app, signed, Scope::Item(id)).await
}

pub async fn plan_audit_csv(
    State(app): State<AppState>,
    signed: Signed,
    Id(id): Id<PlanId>,
) -> Result<Response, AppError> {
    csv(app, signed, Scope::Plan(id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_list_only_what_differs() {
        let b = json!({"status": "not_started", "version": 1, "title": "A"});
        let a = json!({"status": "in_progress", "version": 2, "title": "A"});
        let c = changes(Some(&b), Some(&a));
        let fields: Vec<&str> = c.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["status", "version"]);
        assert_eq!(c[0].before, "not_started");
        assert_eq!(c[0].after, "in_progress");
        // A creation shows every field; a scalar shows as one line.
        assert_eq!(changes(None, Some(&a)).len(), 3);
        assert_eq!(changes(Some(&json!(1)), None)[0].before, "1");
        assert!(changes(None, None).is_empty());
    }
}

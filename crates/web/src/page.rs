//! The layout every page shares, and rendering.

use crate::session::Ctx;
use crate::{assets, i18n::Tr};
use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// Data for `base.html`.
pub struct Layout<'a> {
    pub t: &'static Tr,
    pub title: String,
    /// The signed-in user's display name.
    pub user: Option<&'a str>,
    pub is_admin: bool,
    /// The department's people, the Board or an admin: the dashboards and the people
    /// directory are theirs (`oversight::is_internal`); the navigation links them to no one else.
    pub internal: bool,
    /// The units whose pages a partner may open (its own); `None`: every unit's.
    pub own_units: Option<Vec<i64>>,
    pub csrf: &'a str,
    pub partial: bool,
    pub asset: &'static str,
    /// This page's path, to come back to after switching language.
    pub path: &'a str,
    /// Which navigation entry is current.
    pub nav: &'static str,
    /// A one-line confirmation named by `?notice=` (only known keys are shown).
    pub notice: Option<&'static str>,
    /// The header's unread notifications: "" for none, "3", or "99+" past the window.
    pub unread: String,
    /// A network account (issue 19): the menu shows the network space only.
    pub network_only: bool,
}

/// Confirmations that may be named in `?notice=`.
const NOTICES: &[&str] = &[
    "draft_saved",
    "project_saved",
    "project_removed",
    "network_event_saved",
    "network_event_removed",
    "network_invited",
    "network_answered",
    "draft_discarded",
    "draft_gone",
    "plan_imported",
    "plan_revised",
    "password_changed",
    "user_updated",
    "user_deactivated",
    "user_reactivated",
    "unit_saved",
    "unit_merged",
    "plan_metadata_saved",
    "abbreviation_saved",
    "abbreviation_deleted",
    "budget_category_saved",
    "department_saved",
    "item_saved",
    "item_added",
    "item_split",
    "item_moved",
    "item_reparented",
    "report_filed",
    "report_saved",
    "report_accepted",
    "report_returned",
    "direction_saved",
    "direction_deleted",
    "budget_saved",
    "network_joined",
    "document_removed",
    "publication_saved",
    "publication_moved",
    "space_saved",
];

impl<'a> Layout<'a> {
    pub fn new(ctx: &'a Ctx, title: &str, nav: &'static str) -> Layout<'a> {
        let notice = ctx
            .path
            .split_once("notice=")
            .map(|(_, rest)| rest.split('&').next().unwrap_or(""))
            .and_then(|n| NOTICES.iter().find(|k| **k == n).copied());
        Layout {
            t: ctx.tr(),
            title: title.to_string(),
            user: ctx.user.as_ref().map(|u| u.display_name.as_str()),
            is_admin: ctx.user.as_ref().is_some_and(|u| u.is_admin()),
            internal: ctx
                .user
                .as_ref()
                .is_some_and(|u| crate::oversight::is_internal(u)),
            own_units: ctx
                .user
                .as_ref()
                .filter(|u| u.is_partner_only())
                .map(|u| u.actor.unit_ids.iter().map(|id| id.0).collect()),
            csrf: &ctx.csrf,
            partial: ctx.partial,
            asset: assets::version(),
            path: &ctx.path,
            nav,
            notice,
            unread: unread_label(ctx.unread),
            network_only: ctx.user.as_ref().is_some_and(|u| u.network_city.is_some()),
        }
    }

    /// Whether the reader may open unit `id`'s page (`units::show`): a unit chip links to
    /// it only then, so no page links to a 403 (issue 14).
    pub fn opens_unit(&self, id: &i64) -> bool {
        self.own_units.as_ref().is_none_or(|own| own.contains(id))
    }

    /// The text of the notice, if any.
    pub fn notice_text(&self) -> Option<&str> {
        self.notice
            .and_then(|k| self.t.lookup(&format!("notice.{k}")))
    }
}

/// The header's count as shown: nothing for none, the number, or "99+" when the count
/// reached the window it is taken over (`store::UNREAD_WINDOW`).
fn unread_label(unread: Option<i64>) -> String {
    match unread {
        None | Some(..=0) => String::new(),
        Some(n) if n >= store::UNREAD_WINDOW => format!("{}+", store::UNREAD_WINDOW - 1),
        Some(n) => n.to_string(),
    }
}

/// A file to download: its type, `Content-Disposition: attachment` keeping a Vietnamese
/// name (ASCII fallback + RFC 5987 `filename*`), and no caching.
pub fn download(body: impl IntoResponse, mime: &'static str, name: &str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&crate::evidence::content_disposition("attachment", name))
    {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A list's table as a CSV or (with `xlsx`) an XLSX download named `stem.csv` / `stem.xlsx`.
pub fn table_download(
    table: &::reports::Table,
    xlsx: bool,
    stem: &str,
) -> Result<Response, crate::errors::AppError> {
    let (bytes, mime, ext) = if xlsx {
        (
            table.to_xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        (table.to_csv(), "text/csv; charset=utf-8", "csv")
    };
    let bytes = bytes.map_err(|e| crate::errors::AppError::Internal(e.to_string()))?;
    Ok(download(bytes, mime, &format!("{stem}.{ext}")))
}

/// A form's page: 422 when it comes back with an error to correct, so that htmx and
/// tests see the refusal, else 200.
pub fn render_form_page<T: Template>(page: T, failed: bool) -> Response {
    let mut r = render_page(page);
    if failed {
        *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

/// Renders a template into an HTML response.
pub fn render_page<T: Template>(page: T) -> Response {
    match page.render() {
        Ok(html) => {
            let mut r = axum::response::Html(html).into_response();
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "template error",
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unread_label;

    #[test]
    fn the_unread_count_is_shown_up_to_its_window() {
        assert_eq!(unread_label(None), "");
        assert_eq!(unread_label(Some(0)), "");
        assert_eq!(unread_label(Some(7)), "7");
        assert_eq!(unread_label(Some(99)), "99");
        assert_eq!(unread_label(Some(store::UNREAD_WINDOW)), "99+");
    }
}

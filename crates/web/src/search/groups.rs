//! The four kinds of result, each loaded the way its own page loads it.

use super::{Group, Hit, PER_GROUP, counted, sees_people};
use crate::AppState;
use crate::errors::AppError;
use crate::session::{Ctx, SessionUser};
use domain::search::{SearchQuery, mark, snippet};

/// About this many characters of a report's text are shown around the first match.
const SNIPPET_CHARS: usize = 160;

pub async fn all(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    q: &SearchQuery,
) -> Result<Vec<Group>, AppError> {
    let mut groups = vec![
        items(app, ctx, user, q).await?,
        events(app, ctx, user, q).await?,
    ];
    if sees_people(user) {
        groups.push(people(app, ctx, q).await?);
    }
    groups.push(reports(app, ctx, user, q).await?);
    Ok(groups)
}

/// `path?q=…`, for a group's full list.
fn with_query(path: &str, q: &SearchQuery) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("q", q.typed());
    format!("{path}?{}", s.finish())
}

/// The group's heading with its count: "Nhiệm vụ (12)".
fn titled(ctx: &Ctx, key: &str, n: usize) -> String {
    counted(ctx, key, n, &[])
}

async fn items(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    q: &SearchQuery,
) -> Result<Group, AppError> {
    let scope = domain::item_list_scope(&user.actor);
    let found = app
        .store()
        .search_items(q.typed(), scope.as_deref(), PER_GROUP as i64)
        .await?;
    let lang = ctx.lang;
    let hits: Vec<Hit> = found
        .rows
        .iter()
        .map(|r| Hit {
            href: format!("/items/{}", r.id.0),
            title: mark(
                [r.numbering.as_deref().unwrap_or(""), r.title.as_str()]
                    .join(" ")
                    .trim(),
                q,
            ),
            snippet: Vec::new(),
            detail: [r.status.label(lang).to_string(), r.lead_units.join(", ")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect();
    let total = found.total.max(0) as usize;
    let more = (total > hits.len()).then(|| {
        let label = counted(ctx, "search.all_items", total, &[]);
        (with_query("/items", q), label)
    });
    Ok(Group {
        title: titled(ctx, "search.items", total),
        hits,
        more,
    })
}

async fn events(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    q: &SearchQuery,
) -> Result<Group, AppError> {
    // The calendar's scope: a partner sees the events naming its units.
    let scope = user.is_partner_only().then(|| user.actor.unit_ids.clone());
    let found = app
        .store()
        .search_events(q.typed(), scope.as_deref(), PER_GROUP as i64)
        .await?;
    let lang = ctx.lang;
    let hits = found
        .events
        .iter()
        .map(|e| Hit {
            href: format!("/events/{}", e.id.0),
            title: mark(&e.title, q),
            snippet: Vec::new(),
            // The venue too: an event is found by it as well as by its title.
            detail: [
                crate::events::time_lines(e).local,
                e.status.label(lang).to_string(),
                e.venue.clone(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        })
        .collect();
    Ok(Group {
        title: titled(ctx, "search.events", found.total.max(0) as usize),
        hits,
        more: None,
    })
}

async fn people(app: &AppState, ctx: &Ctx, q: &SearchQuery) -> Result<Group, AppError> {
    let found = app.store().list_people(None, Some(q.typed())).await?;
    let lang = ctx.lang;
    let hits: Vec<Hit> = found
        .iter()
        .take(PER_GROUP)
        .map(|p| Hit {
            href: format!("/people/{}", p.id.0),
            title: mark(&p.name, q),
            snippet: Vec::new(),
            detail: [p.kind.label(lang), &p.title, &p.organisation]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect();
    let more = (found.len() > hits.len()).then(|| {
        let label = counted(ctx, "search.all_people", found.len(), &[]);
        (with_query("/people", q), label)
    });
    Ok(Group {
        title: titled(ctx, "search.people", found.len()),
        hits,
        more,
    })
}

async fn reports(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    q: &SearchQuery,
) -> Result<Group, AppError> {
    let scope = domain::item_list_scope(&user.actor);
    let found = app
        .store()
        .search_reports(q.typed(), scope.as_deref(), PER_GROUP as i64 + 1)
        .await?;
    let lang = ctx.lang;
    let hits: Vec<Hit> = found
        .iter()
        .take(PER_GROUP)
        .map(|r| {
            let period = r
                .period
                .parse::<domain::Period>()
                .map(|p| p.label(lang))
                .unwrap_or_else(|_| r.period.clone());
            Hit {
                href: format!("/items/{}#reports", r.item_id.0),
                title: mark(&r.item_title, q),
                detail: format!("{} · {period}", r.unit_name),
                snippet: snippet(&r.text, q, SNIPPET_CHARS),
            }
        })
        .collect();
    let title = if found.len() > PER_GROUP {
        ctx.tr().t("search.reports_many").to_string()
    } else {
        titled(ctx, "search.reports", found.len())
    };
    Ok(Group {
        title,
        hits,
        more: None,
    })
}

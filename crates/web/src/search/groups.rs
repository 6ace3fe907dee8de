//! The four kinds of result, each loaded the way its own page loads it.

use super::{Group, Hit, PER_GROUP, counted, sees_people};
use crate::AppState;
use crate::errors::AppError;
use crate::session::{Ctx, SessionUser};
use domain::search::SearchQuery;
use store::{EventFilter, ItemFilter};

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
    let filter = ItemFilter {
        text: Some(q.typed().to_string()),
        visible_units: domain::item_list_scope(&user.actor),
        page: 1,
        per_page: PER_GROUP as i64,
        ..Default::default()
    };
    let page = app.store().list_items(&filter).await?;
    let lang = ctx.lang;
    let hits: Vec<Hit> = page
        .rows
        .iter()
        .map(|r| Hit {
            href: format!("/items/{}", r.id.0),
            title: [r.numbering.as_deref().unwrap_or(""), r.title.as_str()]
                .join(" ")
                .trim()
                .to_string(),
            detail: [r.status.label(lang).to_string(), r.lead_units.join(", ")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect();
    let total = page.total.max(0) as usize;
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
    // The calendar's scope; events are few (hundreds a year), so they are matched here.
    let filter = EventFilter {
        visible_units: user.is_partner_only().then(|| user.actor.unit_ids.clone()),
        limit: 5000,
        ..Default::default()
    };
    let mut found: Vec<store::EventRecord> = app
        .store()
        .list_events(&filter)
        .await?
        .into_iter()
        .filter(|e| q.matches([&*e.title, &e.venue, &e.topic, &e.organiser_name]))
        .collect();
    // Newest first: the events a person looks for are mostly this year's.
    found.sort_by_key(|e| std::cmp::Reverse(e.start_at));
    let lang = ctx.lang;
    let hits = found
        .iter()
        .take(PER_GROUP)
        .map(|e| Hit {
            href: format!("/events/{}", e.id.0),
            title: e.title.clone(),
            detail: format!(
                "{} · {}",
                crate::events::time_lines(e).local,
                e.status.label(lang)
            ),
        })
        .collect();
    Ok(Group {
        title: titled(ctx, "search.events", found.len()),
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
            title: p.name.clone(),
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
        .search_reports(q.folded(), scope.as_deref(), PER_GROUP as i64 + 1)
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
                title: r.item_title.clone(),
                detail: format!("{} · {period} · {}", r.unit_name, excerpt(&r.text, q)),
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

/// About 160 characters of `text` around the first match (whole words), or its start.
fn excerpt(text: &str, q: &SearchQuery) -> String {
    const AROUND: usize = 80;
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = q.folded().split(' ').next().unwrap_or("");
    let at = words
        .iter()
        .position(|w| vanban::text::fold(w).contains(first))
        .unwrap_or(0);
    let (mut start, mut chars) = (at, 0);
    while start > 0 && chars < AROUND / 2 {
        start -= 1;
        chars += words[start].chars().count() + 1;
    }
    let mut out = Vec::new();
    let mut len = 0;
    for w in &words[start..] {
        if len > AROUND * 2 {
            break;
        }
        len += w.chars().count() + 1;
        out.push(*w);
    }
    let mut s = out.join(" ");
    if start > 0 {
        s = format!("… {s}");
    }
    if start + out.len() < words.len() {
        s.push_str(" …");
    }
    s
}

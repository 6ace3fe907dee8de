//! Works seen from elsewhere: the "Sản phẩm truyền thông" box of an item's page and of an
//! event's page, and the choices of the work form that name other things (units, plan
//! items, events).

use super::{lead, may_create_any, measure, title_in};
use crate::AppState;
use crate::errors::AppError;
use crate::events::Choice;
use crate::session::{Ctx, SessionUser};
use domain::media;
use domain::{EventId, ItemId};
use store::{EventFilter, MediaFilter, MediaWork};

/// A work in another page's box.
pub struct WorkLine {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub stage: &'static str,
    pub stage_label: String,
    pub measure: String,
}

fn line(w: &MediaWork, ctx: &Ctx) -> WorkLine {
    WorkLine {
        id: w.id.0,
        title: title_in(w, ctx.lang).to_string(),
        kind: w.kind.label(ctx.lang).to_string(),
        stage: w.stage.as_str(),
        stage_label: w.stage.label(ctx.lang).to_string(),
        measure: measure(w, ctx.tr()),
    }
}

/// An item's works, and the link to add one when the user may.
#[derive(Default)]
pub struct WorksBox {
    pub works: Vec<WorkLine>,
    pub can_add: bool,
}

/// The works made for `item` that the user may see.
pub async fn for_item(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    item: ItemId,
) -> Result<WorksBox, AppError> {
    let filter = MediaFilter {
        item: Some(item),
        visible_units: domain::item_list_scope(&user.actor),
        ..Default::default()
    };
    let works = app.store().list_media_works(&filter).await?;
    Ok(WorksBox {
        works: works.iter().map(|w| line(w, ctx)).collect(),
        can_add: may_create_any(user),
    })
}

/// The works made for or shown at `event` that the user may see. The list has no event
/// filter: works are few (dozens a year), so the event's are picked here.
pub async fn for_event(
    app: &AppState,
    ctx: &Ctx,
    user: &SessionUser,
    event: EventId,
) -> Result<Vec<WorkLine>, AppError> {
    let filter = MediaFilter {
        visible_units: domain::item_list_scope(&user.actor),
        ..Default::default()
    };
    let works = app.store().list_media_works(&filter).await?;
    Ok(works
        .iter()
        .filter(|w| w.event == Some(event))
        .filter(|w| media::can_view_work(&user.actor, &lead(w.unit)))
        .map(|w| line(w, ctx))
        .collect())
}

/// The units the user may record a work for (every active unit for the Board and
/// admins), and the one chosen even when it is not among them (an edit keeps it).
pub(super) async fn unit_choices(
    app: &AppState,
    user: &SessionUser,
    chosen: &str,
) -> Result<Vec<Choice>, AppError> {
    let units = app.store().list_units().await?;
    Ok(units
        .into_iter()
        .filter(|u| {
            let is_chosen = u.id.0.to_string() == chosen.trim();
            (u.active && media::can_create_work(&user.actor, u.id)) || is_chosen
        })
        .map(|u| Choice {
            selected: u.id.0.to_string() == chosen.trim(),
            value: u.id.0.to_string(),
            label: u.name,
        })
        .collect())
}

/// Every plan item a work may be made for, "numbering title", the plans newest first
/// (only the department's people record works: no partner sees this list).
pub(super) async fn item_choices(app: &AppState, chosen: &str) -> Result<Vec<Choice>, AppError> {
    let store = app.store();
    let mut out = Vec::new();
    for p in store.list_plans().await? {
        let Some(v) = store.plan(p.id).await? else {
            continue;
        };
        for n in v.items.iter().flat_map(|root| root.walk()) {
            let id = n.item.id.0.to_string();
            let title = domain::shorten(&n.item.title, 120);
            out.push(Choice {
                selected: id == chosen.trim(),
                label: domain::item_label(n.item.numbering.as_deref(), &title),
                value: id,
            });
        }
    }
    Ok(out)
}

/// The events a work may be made for or shown at: "dd/mm/yyyy title", soonest first.
pub(super) async fn event_choices(
    app: &AppState,
    user: &SessionUser,
    chosen: &str,
) -> Result<Vec<Choice>, AppError> {
    let filter = EventFilter {
        visible_units: domain::item_list_scope(&user.actor),
        limit: 1000,
        ..Default::default()
    };
    let events = app.store().list_events(&filter).await?;
    Ok(events
        .into_iter()
        .map(|e| {
            let day = e.times().map(|t| domain::format_date(t.start_local.date()));
            Choice {
                selected: e.id.0.to_string() == chosen.trim(),
                value: e.id.0.to_string(),
                label: match day {
                    Some(d) => format!("{d} · {}", e.title),
                    None => e.title,
                },
            }
        })
        .collect())
}

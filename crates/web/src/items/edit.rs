//! Changing an item: status, title/text/dates, units, responsible people, added, split and
//! moved items, and a target's source. Each handler parses the form into domain values,
//! lets the store check permission and version in its transaction, and then redirects, or
//! shows the page again with the message and the typed values, or the conflict page.

use super::{Overlay, page};
use crate::AppState;
use crate::conflict;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::{field, fields, form_pairs, parse_date};
use crate::session::{Ctx, SessionUser, Signed, redirect};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::{CountingRule, ItemId, Measure, TrackingError, UnitId, Window};
use store::{ItemEdit, NewItem, ResponsiblePerson, SplitPart, StoreError, TargetSource};

fn item_id(s: &str) -> Result<ItemId, AppError> {
    s.parse().map_err(|_| AppError::NotFound)
}

fn version(pairs: &[(String, String)]) -> Result<i64, AppError> {
    field(pairs, "version")
        .parse()
        .map_err(|_| AppError::BadRequest("version missing".into()))
}

/// The request a form handler answers: who asks, about which item.
pub struct On<'a> {
    pub app: &'a AppState,
    pub ctx: &'a Ctx,
    pub user: &'a SessionUser,
    pub id: ItemId,
}

/// What a failed change shows: 403 for a refused action (the user tried by URL), the
/// conflict page for a stale version, else the item page with the message.
pub async fn failed(
    on: On<'_>,
    form: &'static str,
    err: StoreError,
    mut overlay: Overlay,
    pairs: &[(String, String)],
) -> Result<Response, AppError> {
    let On { app, ctx, user, id } = on;
    let message = match err {
        StoreError::Conflict {
            conflict, current, ..
        } => {
            return Ok(conflict::item_page(
                ctx, id, form, conflict, &current, pairs,
            ));
        }
        other => AppError::from(other).into_form_message(ctx)?,
    };
    overlay.error = Some((form, message));
    page(
        app,
        ctx,
        user,
        id,
        overlay,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

async fn invalid(
    on: On<'_>,
    form: &'static str,
    key: &str,
    mut overlay: Overlay,
) -> Result<Response, AppError> {
    let On { app, ctx, user, id } = on;
    overlay.error = Some((form, ctx.tr().t(key).to_string()));
    page(
        app,
        ctx,
        user,
        id,
        overlay,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

fn on<'a>(app: &'a AppState, ctx: &'a Ctx, user: &'a SessionUser, id: ItemId) -> On<'a> {
    On { app, ctx, user, id }
}

/// After a split or a move: the parent, where the new order shows (the item itself at the
/// top level).
fn to_parent(ctx: &Ctx, it: &store::ItemTracking, notice: &str) -> Response {
    let at = it.parent_id.unwrap_or(it.id);
    redirect(ctx, &format!("/items/{}?notice={notice}", at.0))
}

fn done(ctx: &Ctx, id: ItemId, anchor: &str) -> Response {
    redirect(ctx, &format!("/items/{}?notice=item_saved#{anchor}", id.0))
}

pub async fn status(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::ItemId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let v = version(&pairs)?;
    let reason = field(&pairs, "reason");
    let overlay = Overlay {
        status_reason: Some(reason.to_string()),
        ..Default::default()
    };
    let Ok(to) = field(&pairs, "status").parse::<domain::ItemStatus>() else {
        return invalid(
            on(&app, &ctx, &user, id),
            "status",
            "track.pick_status",
            overlay,
        )
        .await;
    };
    match app
        .store()
        .set_item_status(id, v, to, Some(reason), &user.actor)
        .await
    {
        Ok(_) => Ok(done(&ctx, id, "tracking")),
        Err(e) => failed(on(&app, &ctx, &user, id), "status", e, overlay, &pairs).await,
    }
}

pub async fn details(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::ItemId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let v = version(&pairs)?;
    let overlay = Overlay {
        details: Some(typed_details(&pairs)),
        ..Default::default()
    };
    let edit = match details_edit(&pairs) {
        Ok(edit) => edit,
        Err(key) => return invalid(on(&app, &ctx, &user, id), "details", key, overlay).await,
    };
    match app.store().update_item(id, v, &edit, &user.actor).await {
        Ok(_) => Ok(done(&ctx, id, "tracking")),
        Err(e) => failed(on(&app, &ctx, &user, id), "details", e, overlay, &pairs).await,
    }
}

/// Title, text, start and due as typed, for the form when it comes back.
fn typed_details(pairs: &[(String, String)]) -> (String, String, String, String) {
    (
        field(pairs, "title").into(),
        field(pairs, "text").into(),
        field(pairs, "start").into(),
        field(pairs, "due").into(),
    )
}

/// The details form as an edit, or the message key of the first thing wrong with it.
fn details_edit(pairs: &[(String, String)]) -> Result<ItemEdit, &'static str> {
    let (title, text) = (field(pairs, "title"), field(pairs, "text"));
    let (Ok(start), Ok(due)) = (
        parse_date(field(pairs, "start")),
        parse_date(field(pairs, "due")),
    ) else {
        return Err("track.bad_date");
    };
    if title.trim().is_empty() {
        return Err("track.title_required");
    }
    if let (Some(s), Some(d)) = (start, due)
        && s > d
    {
        return Err("track.start_after_due");
    }
    Ok(ItemEdit {
        title: Some(title.trim().to_string()),
        text: Some(text.trim().to_string()),
        start,
        due,
    })
}

fn unit_ids<'a>(pairs: &'a [(String, String)], name: &'a str) -> Vec<UnitId> {
    fields(pairs, name)
        .filter_map(|v| v.parse::<i64>().ok().map(UnitId))
        .collect()
}

pub async fn units(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::ItemId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let v = version(&pairs)?;
    let lead = unit_ids(&pairs, "lead");
    // A unit ticked in both columns leads.
    let coord: Vec<UnitId> = unit_ids(&pairs, "coord")
        .into_iter()
        .filter(|u| !lead.contains(u))
        .collect();
    match app
        .store()
        .set_item_units(id, v, &lead, &coord, &user.actor)
        .await
    {
        Ok(_) => Ok(done(&ctx, id, "units")),
        Err(e) => {
            failed(
                on(&app, &ctx, &user, id),
                "units",
                e,
                Overlay::default(),
                &pairs,
            )
            .await
        }
    }
}

pub async fn people(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::ItemId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let v = version(&pairs)?;
    let mut people = Vec::new();
    for (k, text) in &pairs {
        let Some(unit) = k
            .strip_prefix("people_")
            .and_then(|u| u.parse::<i64>().ok())
        else {
            continue;
        };
        for line in text.lines() {
            if let Some((name, title)) = domain::tracking::parse_person_line(line) {
                people.push(ResponsiblePerson {
                    unit_id: UnitId(unit),
                    name,
                    title,
                    user_id: None,
                });
            }
        }
    }
    match app
        .store()
        .set_item_people(id, v, &people, &user.actor)
        .await
    {
        Ok(_) => Ok(done(&ctx, id, "people")),
        Err(e) => {
            failed(
                on(&app, &ctx, &user, id),
                "people",
                e,
                Overlay::default(),
                &pairs,
            )
            .await
        }
    }
}

pub async fn add_child(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::ItemId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let title = field(&pairs, "title").trim();
    if title.is_empty() {
        return invalid(
            on(&app, &ctx, &user, id),
            "add",
            "track.title_required",
            Overlay::default(),
        )
        .await;
    }
    let parent = super::visible_item(&app, &user, id).await?;
    let new = NewItem {
        plan_id: parent.plan_id,
        parent_id: Some(id),
        position: None,
        numbering: None,
        title: title.to_string(),
        text: field(&pairs, "text").trim().to_string(),
        lead: Vec::new(),
        coordinating: Vec::new(),
        start: None,
        due: None,
    };
    match app.store().add_item(&new, &user.actor).await {
        Ok(child) => Ok(redirect(
            &ctx,
            &format!("/items/{}?notice=item_added", child.0),
        )),
        Err(e) => {
            failed(
                on(&app, &ctx, &user, id),
                "add",
                e,
                Overlay::default(),
                &pairs,
            )
            .await
        }
    }
}

pub async fn split(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::ItemId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let v = version(&pairs)?;
    let it = super::visible_item(&app, &user, id).await?;
    let titles: Vec<&str> = field(&pairs, "parts")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if titles.len() < 2 {
        return invalid(
            on(&app, &ctx, &user, id),
            "split",
            "track.split_two",
            Overlay::default(),
        )
        .await;
    }
    // The item keeps its text with the first title; the new parts start with a title only.
    let parts: Vec<SplitPart> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| SplitPart {
            title: t.to_string(),
            text: if i == 0 {
                it.text.clone()
            } else {
                String::new()
            },
        })
        .collect();
    match app.store().split_item(id, v, &parts, &user.actor).await {
        Ok(_) => Ok(to_parent(&ctx, &it, "item_split")),
        Err(e) => {
            failed(
                on(&app, &ctx, &user, id),
                "split",
                e,
                Overlay::default(),
                &pairs,
            )
            .await
        }
    }
}

pub async fn move_item(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<domain::ItemId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let v = version(&pairs)?;
    let it = super::visible_item(&app, &user, id).await?;
    let to = match field(&pairs, "direction") {
        "up" => (it.position - 1).max(0),
        "down" => it.position + 1,
        _ => return Err(AppError::BadRequest("direction".into())),
    };
    match app.store().move_item(id, v, to, &user.actor).await {
        Ok(_) => Ok(to_parent(&ctx, &it, "item_moved")),
        Err(e) => {
            failed(
                on(&app, &ctx, &user, id),
                "move",
                e,
                Overlay::default(),
                &pairs,
            )
            .await
        }
    }
}

/// Entered figures, or a counting rule over records of the chosen kinds.
pub async fn target_source(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(target): Id<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let id = item_id(field(&pairs, "item"))?;
    let it = super::visible_item(&app, &user, id).await?;
    let source = match field(&pairs, "source") {
        "entered" => TargetSource::Entered,
        "counted" => match counted_source(&pairs, &it) {
            Some(source) => source,
            None => {
                let on = on(&app, &ctx, &user, id);
                return invalid(on, "target", "track.pick_kind", Overlay::default()).await;
            }
        },
        _ => return Err(AppError::BadRequest("source".into())),
    };
    match app
        .store()
        .set_target_source(target, &source, &user.actor)
        .await
    {
        Ok(()) => Ok(done(&ctx, id, "targets")),
        Err(e) => {
            failed(
                on(&app, &ctx, &user, id),
                "target",
                e,
                Overlay::default(),
                &pairs,
            )
            .await
        }
    }
}

/// A target counted from the item's events: the kinds ticked (None when none is), the
/// year typed or else the item's start year, and a count or the sum of a field.
fn counted_source(pairs: &[(String, String)], it: &store::ItemTracking) -> Option<TargetSource> {
    let kinds: Vec<String> = fields(pairs, "kind")
        .filter(|k| domain::counting::kind_info(k).is_some())
        .map(str::to_string)
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let year = match field(pairs, "year").trim() {
        "" => it.start.map(|d| chrono::Datelike::year(&d)),
        y => y.parse().ok(),
    };
    let window = year.map_or(Window::Any, |year| Window::Year { year });
    let measure = match field(pairs, "sum").trim() {
        "" => Measure::Count,
        f => Measure::Sum {
            field: f.to_string(),
        },
    };
    Some(TargetSource::Counted {
        rule: CountingRule {
            statuses: domain::counting::counted_statuses(&kinds),
            kinds,
            window,
            item: Some(it.id),
            measure,
        },
    })
}

/// `POST /plans/{id}/items`: a top-level item that is not in the document (Board, admin).
pub async fn add_top(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<domain::PlanId>,
    body: Bytes,
) -> Result<Response, AppError> {
    let pairs = form_pairs(&body);
    let title = field(&pairs, "title").trim();
    if title.is_empty() {
        return Err(AppError::BadRequest("title".into()));
    }
    let new = NewItem {
        plan_id: plan,
        parent_id: None,
        position: None,
        numbering: None,
        title: title.to_string(),
        text: field(&pairs, "text").trim().to_string(),
        lead: unit_ids(&pairs, "lead"),
        coordinating: Vec::new(),
        start: None,
        due: None,
    };
    match app.store().add_item(&new, &user.actor).await {
        Ok(item) => Ok(redirect(
            &ctx,
            &format!("/items/{}?notice=item_added", item.0),
        )),
        Err(StoreError::Tracking(TrackingError::Forbidden { .. })) => Err(AppError::Forbidden),
        Err(StoreError::NotFound(_)) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

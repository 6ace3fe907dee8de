//! Changing an item: status, title/text/dates, units, responsible people, added, split and
//! moved items, and a target's source. Each form is a struct of what was typed; its
//! `parse` gives the store's input or the message key of the first thing wrong. The store
//! checks permission and version in its transaction; then the handler redirects, or shows
//! the page again with the message and the typed values, or the conflict page.

use super::{Overlay, page};
use crate::AppState;
use crate::conflict;
use crate::errors::AppError;
use crate::extract::Id;
use crate::field_errors::FieldErrors;
use crate::form::{FormError, Posted, choice};
use crate::i18n::Tr;
use crate::session::{Ctx, SessionUser, Signed, redirect};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::{CountingRule, ItemId, Measure, UnitId, Window};
use serde::Deserialize;
use store::{ItemEdit, ResponsiblePerson, StoreError, TargetSource};

/// The request a form handler answers: who asks, about which item.
#[derive(Clone, Copy)]
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
    let field = field_of(form, &err);
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
    if overlay.posted.is_empty() {
        overlay.posted = pairs.to_vec();
    }
    match field {
        Some(field) => {
            overlay.fields.add(field, message);
            overlay.error = Some((form, String::new()));
        }
        None => overlay.error = Some((form, message)),
    }
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

/// The input of `form` a store refusal is about, to say it beside that input.
fn field_of(form: &str, err: &StoreError) -> Option<&'static str> {
    use domain::TrackingError as T;
    match (form, err) {
        ("status", StoreError::Tracking(T::ReasonRequired)) => Some("s-reason"),
        ("status", StoreError::Tracking(T::Transition { .. } | T::SameStatus(_))) => {
            Some("s-status")
        }
        _ => None,
    }
}

/// The item page again with each field's problem beside it, in `form` (422).
pub(super) async fn invalid_fields(
    on: On<'_>,
    form: &'static str,
    mut overlay: Overlay,
) -> Result<Response, AppError> {
    let On { app, ctx, user, id } = on;
    overlay.error = Some((form, String::new()));
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

/// The item page again with `key`'s message beside the input `field` of `form`, and what
/// was sent kept in it (422).
pub(super) async fn invalid_field(
    on: On<'_>,
    (form, field): (&'static str, &'static str),
    key: FormError,
    pairs: Vec<(String, String)>,
) -> Result<Response, AppError> {
    let mut overlay = Overlay {
        posted: pairs,
        ..Default::default()
    };
    overlay.fields.add(field, on.ctx.tr().t(key));
    invalid_fields(on, form, overlay).await
}

/// The item page again with `key`'s message beside `form` (422).
pub(super) async fn invalid(
    on: On<'_>,
    form: &'static str,
    key: FormError,
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

/// The answer to a change the store was asked for: `ok` of what it returned, or what
/// [`failed`] shows.
pub(super) async fn answer<T>(
    on: On<'_>,
    form: &'static str,
    result: Result<T, StoreError>,
    overlay: Overlay,
    pairs: &[(String, String)],
    ok: impl FnOnce(T) -> Response,
) -> Result<Response, AppError> {
    match result {
        Ok(x) => Ok(ok(x)),
        Err(e) => failed(on, form, e, overlay, pairs).await,
    }
}

pub(super) fn on<'a>(app: &'a AppState, ctx: &'a Ctx, user: &'a SessionUser, id: ItemId) -> On<'a> {
    On { app, ctx, user, id }
}

/// After a split or a move: the parent, where the new order shows (the item itself at the
/// top level).
pub(super) fn to_parent(ctx: &Ctx, it: &store::ItemTracking, notice: &str) -> Response {
    redirect(ctx, &parent_path(it, notice))
}

/// The path [`to_parent`] goes to.
pub(super) fn parent_path(it: &store::ItemTracking, notice: &str) -> String {
    let at = it.parent_id.unwrap_or(it.id);
    format!("/items/{}?notice={notice}", at.0)
}

fn done(ctx: &Ctx, id: ItemId, anchor: &str) -> Response {
    redirect(ctx, &format!("/items/{}?notice=item_saved#{anchor}", id.0))
}

pub(super) fn added(ctx: &Ctx, item: ItemId) -> Response {
    redirect(ctx, &format!("/items/{}?notice=item_added", item.0))
}

/// Unit ids of a checkbox group, each once, in the order ticked.
pub(super) fn distinct(ids: &[i64]) -> Vec<UnitId> {
    let mut out: Vec<UnitId> = Vec::new();
    for u in ids.iter().copied().map(UnitId) {
        if !out.contains(&u) {
            out.push(u);
        }
    }
    out
}

/// The form that carries only the version the page was drawn from (its other fields are
/// read by name: `people_{unit}`).
#[derive(Deserialize)]
pub struct Versioned {
    version: i64,
}

#[derive(Deserialize)]
pub struct StatusForm {
    version: i64,
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

pub async fn status(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form: f, pairs }: Posted<StatusForm>,
) -> Result<Response, AppError> {
    let on = on(&app, &ctx, &user, id);
    let overlay = Overlay {
        status_reason: Some(f.reason.clone()),
        ..Default::default()
    };
    // An unknown status is said on the form, never read as some default status.
    let to = match choice(&f.status, "track.pick_status") {
        Ok(to) => to,
        Err(key) => {
            let mut overlay = Overlay {
                posted: pairs,
                ..overlay
            };
            overlay.fields.add("s-status", ctx.tr().t(key));
            return invalid_fields(on, "status", overlay).await;
        }
    };
    let saved = app
        .store()
        .set_item_status(id, f.version, to, Some(&f.reason), &user.actor)
        .await;
    answer(on, "status", saved, overlay, &pairs, |_| {
        done(&ctx, id, "tracking")
    })
    .await
}

#[derive(Deserialize)]
pub struct DetailsForm {
    version: i64,
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    due: String,
}

impl DetailsForm {
    /// Title, text, start and due as typed, for the form when it comes back.
    fn typed(&self) -> (String, String, String, String) {
        let f = self;
        (
            f.title.clone(),
            f.text.clone(),
            f.start.clone(),
            f.due.clone(),
        )
    }

    /// The edit, or every field's problem: a bad date names which date.
    fn parse(&self, t: &Tr) -> Result<ItemEdit, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.title.trim().is_empty() {
            e.add("d-title", t.t("track.title_required"));
        }
        let start = e.date("d-start", "track.start_short", &self.start, t);
        let due = e.date("d-due", "track.due_short", &self.due, t);
        let (Some(start), Some(due), true) = (start, due, e.is_empty()) else {
            return Err(e);
        };
        if let (Some(s), Some(d)) = (start, due)
            && s > d
        {
            e.add("d-due", t.t("track.start_after_due"));
            return Err(e);
        }
        Ok(ItemEdit {
            title: Some(self.title.trim().to_string()),
            text: Some(self.text.trim().to_string()),
            start,
            due,
        })
    }
}

pub async fn details(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form: f, pairs }: Posted<DetailsForm>,
) -> Result<Response, AppError> {
    let on = on(&app, &ctx, &user, id);
    let overlay = Overlay {
        details: Some(f.typed()),
        ..Default::default()
    };
    let edit = match f.parse(ctx.tr()) {
        Ok(edit) => edit,
        Err(fields) => {
            let overlay = Overlay { fields, ..overlay };
            return invalid_fields(on, "details", overlay).await;
        }
    };
    let saved = app
        .store()
        .update_item(id, f.version, &edit, &user.actor)
        .await;
    answer(on, "details", saved, overlay, &pairs, |_| {
        done(&ctx, id, "tracking")
    })
    .await
}

#[derive(Deserialize)]
pub struct UnitsForm {
    version: i64,
    #[serde(default)]
    lead: Vec<i64>,
    #[serde(default)]
    coord: Vec<i64>,
}

pub async fn units(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form: f, pairs }: Posted<UnitsForm>,
) -> Result<Response, AppError> {
    let lead = distinct(&f.lead);
    // A unit ticked in both columns leads.
    let coord: Vec<UnitId> = distinct(&f.coord)
        .into_iter()
        .filter(|u| !lead.contains(u))
        .collect();
    let saved = app
        .store()
        .set_item_units(id, f.version, &lead, &coord, &user.actor)
        .await;
    let on = on(&app, &ctx, &user, id);
    answer(on, "units", saved, Overlay::default(), &pairs, |_| {
        done(&ctx, id, "units")
    })
    .await
}

/// One text area per unit, `people_{unit}`: a person per line.
fn responsible_people(pairs: &[(String, String)]) -> Vec<ResponsiblePerson> {
    let mut people = Vec::new();
    for (k, text) in pairs {
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
    people
}

pub async fn people(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form: f, pairs }: Posted<Versioned>,
) -> Result<Response, AppError> {
    let people = responsible_people(&pairs);
    let saved = app
        .store()
        .set_item_people(id, f.version, &people, &user.actor)
        .await;
    let on = on(&app, &ctx, &user, id);
    answer(on, "people", saved, Overlay::default(), &pairs, |_| {
        done(&ctx, id, "people")
    })
    .await
}

/// A target's source: entered figures, or a count over the item's events of the kinds
/// ticked, in the year typed (else the item's start year), of records or of a field's sum.
#[derive(Deserialize)]
pub struct TargetForm {
    item: i64,
    #[serde(default)]
    source: String,
    #[serde(default)]
    kind: Vec<String>,
    #[serde(default)]
    year: String,
    #[serde(default)]
    sum: String,
}

impl TargetForm {
    fn parse(&self, it: &store::ItemTracking) -> Result<TargetSource, FormError> {
        match self.source.as_str() {
            "entered" => Ok(TargetSource::Entered),
            "counted" => self.counted(it),
            _ => Err("form.unknown_source"),
        }
    }

    fn counted(&self, it: &store::ItemTracking) -> Result<TargetSource, FormError> {
        if self.kind.is_empty() {
            return Err("track.pick_kind");
        }
        // A kind that is not one of the list is said, never left out of the count.
        if self
            .kind
            .iter()
            .any(|k| domain::counting::kind_info(k).is_none())
        {
            return Err("form.unknown_kind");
        }
        let year = match self.year.trim() {
            "" => it.start.map(|d| chrono::Datelike::year(&d)),
            y => Some(y.parse().map_err(|_| "form.bad_year")?),
        };
        let measure = match self.sum.trim() {
            "" => Measure::Count,
            f => Measure::Sum {
                field: f.to_string(),
            },
        };
        Ok(TargetSource::Counted {
            rule: CountingRule {
                statuses: domain::counting::counted_statuses(&self.kind),
                kinds: self.kind.clone(),
                window: year.map_or(Window::Any, |year| Window::Year { year }),
                item: Some(it.id),
                measure,
            },
        })
    }
}

pub async fn target_source(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(target): Id<i64>,
    Posted { form: f, pairs }: Posted<TargetForm>,
) -> Result<Response, AppError> {
    let id = ItemId(f.item);
    let on = on(&app, &ctx, &user, id);
    let it = super::visible_item(&app, &user, id).await?;
    let refused = match f.parse(&it) {
        Ok(source) => match app
            .store()
            .set_target_source(target, &source, &user.actor)
            .await
        {
            Ok(()) => return Ok(done(&ctx, id, "targets")),
            Err(e) => AppError::from(e).into_form_message(&ctx)?,
        },
        Err(key) => ctx.tr().t(key).to_string(),
    };
    // Said in that target's form only (an item may have several), with its ticks kept.
    let mut overlay = Overlay {
        posted: pairs,
        ..Default::default()
    };
    overlay.fields.add(format!("kind-{target}"), refused);
    invalid_fields(on, "target", overlay).await
}

//! Changing a plan's shape from an item's page: added items (under the item, or at the
//! top of a plan), splits, moves among siblings and moves under another parent.

use super::Overlay;
use super::edit::{added, answer, distinct, invalid, invalid_field, on, parent_path, to_parent};
use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::form::{FormError, Posted};
use crate::session::{Signed, redirect};
use axum::extract::State;
use axum::response::Response;
use domain::{ItemId, TrackingError};
use serde::Deserialize;
use store::{Created, NewItem, SplitPart, StoreError};

/// An added item: a child of this item, or (with `lead`) a top-level item of a plan.
#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    lead: Vec<i64>,
}

impl AddForm {
    fn parse(
        &self,
        plan_id: domain::PlanId,
        parent_id: Option<ItemId>,
    ) -> Result<NewItem, FormError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("track.title_required");
        }
        Ok(NewItem {
            plan_id,
            parent_id,
            position: None,
            numbering: None,
            title: title.to_string(),
            text: self.text.trim().to_string(),
            lead: distinct(&self.lead),
            coordinating: Vec::new(),
            start: None,
            due: None,
        })
    }
}

pub async fn add_child(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form: f, pairs }: Posted<AddForm>,
) -> Result<Response, AppError> {
    let on = on(&app, &ctx, &user, id);
    let parent = super::visible_item(&app, &user, id).await?;
    let new = match f.parse(parent.plan_id, Some(id)) {
        Ok(new) => NewItem {
            lead: Vec::new(),
            ..new
        },
        Err(key) => return invalid_field(on, ("add", "a-title"), key, pairs).await,
    };
    let saved = app.store().add_item(&new, &user.actor).await;
    answer(on, "add", saved, Overlay::default(), &pairs, |child| {
        added(&ctx, child)
    })
    .await
}

/// At most this many parts in one split.
pub const MAX_SPLIT_PARTS: usize = 200;
/// A title longer than this is a pasted text, not a title.
pub const MAX_TITLE_CHARS: usize = 1000;

#[derive(Deserialize)]
pub struct SplitForm {
    version: i64,
    #[serde(default)]
    parts: String,
    /// The form's once-token (`crate::once`); empty on a form drawn without one.
    #[serde(default)]
    once: String,
}

impl SplitForm {
    /// The parts, a title per line; the item keeps its `text` with the first title, the
    /// new parts start with a title only.
    fn parse(&self, text: &str) -> Result<Vec<SplitPart>, FormError> {
        let titles: Vec<&str> = self
            .parts
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if titles.len() < 2 {
            return Err("track.split_two");
        }
        // A split makes work items one by one: 20,000 lines made 20,000 items and a
        // 5.8 MB plan page (issue 14, finding 8).
        if titles.len() > MAX_SPLIT_PARTS {
            return Err("track.split_too_many");
        }
        if titles.iter().any(|t| t.chars().count() > MAX_TITLE_CHARS) {
            return Err("track.title_too_long");
        }
        Ok(titles
            .iter()
            .enumerate()
            .map(|(i, t)| SplitPart {
                title: t.to_string(),
                text: if i == 0 { text.into() } else { String::new() },
            })
            .collect())
    }
}

pub async fn split(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form: f, pairs }: Posted<SplitForm>,
) -> Result<Response, AppError> {
    let on = on(&app, &ctx, &user, id);
    let token = crate::once::posted(&f.once)?;
    let it = super::visible_item(&app, &user, id).await?;
    let parts = match f.parse(&it.text) {
        Ok(parts) => parts,
        Err(key) => return invalid_field(on, ("split", "sp-parts"), key, pairs).await,
    };
    let to = parent_path(&it, "item_split");
    let result = move |_: i64| to.clone();
    let once = crate::once::key(token.as_ref(), "item.split", &result);
    let saved = app
        .store()
        .split_item_once(id, f.version, &parts, once.as_ref(), &user.actor)
        .await;
    // A second submit of the form lands where the first went.
    answer(
        on,
        "split",
        saved,
        Overlay::default(),
        &pairs,
        |made| match made {
            Created::New(_) => to_parent(&ctx, &it, "item_split"),
            Created::Earlier(path) => redirect(&ctx, &path),
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct MoveForm {
    version: i64,
    #[serde(default)]
    direction: String,
}

impl MoveForm {
    /// The position asked for, one up or one down from `position`.
    fn parse(&self, position: i64) -> Result<i64, FormError> {
        match self.direction.as_str() {
            "up" => Ok((position - 1).max(0)),
            "down" => Ok(position + 1),
            _ => Err("form.unknown_direction"),
        }
    }
}

pub async fn move_item(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form: f, pairs }: Posted<MoveForm>,
) -> Result<Response, AppError> {
    let on = on(&app, &ctx, &user, id);
    let it = super::visible_item(&app, &user, id).await?;
    let to = match f.parse(it.position) {
        Ok(to) => to,
        Err(key) => return invalid(on, "move", key, Overlay::default()).await,
    };
    let saved = app.store().move_item(id, f.version, to, &user.actor).await;
    answer(on, "move", saved, Overlay::default(), &pairs, |_| {
        to_parent(&ctx, &it, "item_moved")
    })
    .await
}

/// `POST /plans/{id}/items`: a top-level item that is not in the document (Board, admin).
pub async fn add_top(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(plan): Id<domain::PlanId>,
    Posted { form: f, .. }: Posted<AddForm>,
) -> Result<Response, AppError> {
    let new = f.parse(plan, None).map_err(AppError::form)?;
    match app.store().add_item(&new, &user.actor).await {
        Ok(item) => Ok(added(&ctx, item)),
        Err(StoreError::Tracking(TrackingError::Forbidden { .. })) => Err(AppError::Forbidden),
        Err(StoreError::NotFound(_)) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// Another parent for the item: an item id of the same plan, or empty for the top level.
#[derive(Deserialize)]
pub struct ParentForm {
    version: i64,
    #[serde(default)]
    parent: String,
}

impl ParentForm {
    fn parse(&self) -> Result<Option<ItemId>, FormError> {
        match self.parent.trim() {
            "" => Ok(None),
            p => p
                .parse()
                .map(|id| Some(ItemId(id)))
                .map_err(|_| "form.unknown_parent"),
        }
    }
}

/// `POST /items/{id}/parent`: the item, with its sub-items, under another parent.
pub async fn reparent(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<ItemId>,
    Posted { form: f, pairs }: Posted<ParentForm>,
) -> Result<Response, AppError> {
    let on = on(&app, &ctx, &user, id);
    let to = match f.parse() {
        Ok(to) => to,
        Err(key) => return invalid(on, "parent", key, Overlay::default()).await,
    };
    let saved = app
        .store()
        .reparent_item(id, f.version, to, &user.actor)
        .await;
    answer(on, "parent", saved, Overlay::default(), &pairs, |_| {
        crate::session::redirect(&ctx, &format!("/items/{}?notice=item_reparented", id.0))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(parts: String) -> SplitForm {
        SplitForm {
            version: 1,
            parts,
            once: String::new(),
        }
    }

    #[test]
    fn a_split_is_bounded_in_parts_and_title_length() {
        assert_eq!(form("a\nb".into()).parse("").unwrap().len(), 2);
        assert_eq!(form("a".into()).parse("").unwrap_err(), "track.split_two");
        let many: Vec<String> = (0..=MAX_SPLIT_PARTS).map(|i| format!("Phần {i}")).collect();
        assert_eq!(
            form(many.join("\n")).parse("").unwrap_err(),
            "track.split_too_many"
        );
        assert_eq!(
            form(many[..MAX_SPLIT_PARTS].join("\n"))
                .parse("")
                .unwrap()
                .len(),
            MAX_SPLIT_PARTS
        );
        let long = format!("a\n{}", "x".repeat(MAX_TITLE_CHARS + 1));
        assert_eq!(form(long).parse("").unwrap_err(), "track.title_too_long");
    }
}

//! The item page: breadcrumbs, text, units, targets, deadlines, children.

use crate::AppState;
use crate::errors::AppError;
use crate::page::{Layout, render_page};
use crate::plans::{Chip, Row, deadline_text, row};
use crate::session::Signed;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::{ItemId, UnitRelation};

pub struct Crumb {
    pub id: i64,
    pub numbering: String,
    pub title: String,
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage<'a> {
    l: Layout<'a>,
    plan_id: i64,
    plan_label: String,
    ancestors: Vec<Crumb>,
    item: Row,
    children: Vec<Row>,
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id: ItemId = id.parse().map_err(|_| AppError::NotFound)?;
    let v = app.store().item(id).await?.ok_or(AppError::NotFound)?;
    if !domain::can_view_item(&user.actor, &v.item_units()) {
        return Err(AppError::Forbidden);
    }
    let t = ctx.tr();
    let chips = |rel: UnitRelation| -> Vec<Chip> {
        v.units
            .iter()
            .filter(|u| u.relation == rel)
            .map(|u| Chip::from(&u.unit))
            .collect()
    };
    let item = Row {
        id: v.item.id.0,
        depth: 0,
        numbering: v.item.numbering.clone().unwrap_or_default(),
        title: v.item.title.clone(),
        // The reader often repeats the title as the text; show it once.
        text: if v.item.text.trim().trim_end_matches('.')
            == v.item.title.trim().trim_end_matches('.')
        {
            String::new()
        } else {
            v.item.text.clone()
        },
        lead: chips(UnitRelation::Lead),
        coord: chips(UnitRelation::Coordinating),
        targets: v.targets.iter().map(|x| x.display()).collect(),
        deadlines: v.deadlines.iter().map(|d| deadline_text(t, d)).collect(),
    };
    let ancestors = v
        .ancestors
        .iter()
        .map(|a| Crumb {
            id: a.id.0,
            numbering: a.numbering.clone().unwrap_or_default(),
            title: a.title.clone(),
        })
        .collect();
    let children = v.children.iter().map(|c| row(t, c, 0)).collect();
    let title = match &v.item.numbering {
        Some(n) => format!("{n} {}", v.item.title),
        None => v.item.title.clone(),
    };
    let plan_label: String = v.plan_title.chars().take(60).collect();
    let plan_label = if plan_label.len() < v.plan_title.len() {
        format!("{plan_label}…")
    } else {
        plan_label
    };
    Ok(render_page(ItemPage {
        l: Layout::new(&ctx, &title, "plans"),
        plan_id: v.plan_id.0,
        plan_label,
        ancestors,
        item,
        children,
    }))
}

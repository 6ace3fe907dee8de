//! Units: the list, and each unit with the items it leads and coordinates.

use crate::AppState;
use crate::errors::AppError;
use crate::extract::Id;
use crate::page::{Layout, render_page};
use crate::plans::{Chip, Row};
use crate::session::Signed;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::UnitId;
use store::UnitItem;

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage<'a> {
    l: Layout<'a>,
    units: Vec<Chip>,
    /// Deactivated units: listed for their history, marked.
    inactive: Vec<i64>,
}

impl UnitsPage<'_> {
    fn is_inactive(&self, id: &i64) -> bool {
        self.inactive.contains(id)
    }
}

pub async fn list(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
) -> Result<Response, AppError> {
    // A partner is listed only its own units, the pages it may open ([`show`]).
    let all: Vec<_> = app
        .store()
        .list_units()
        .await?
        .into_iter()
        .filter(|u| !user.is_partner_only() || user.actor.unit_ids.contains(&u.id))
        .collect();
    let inactive = all.iter().filter(|u| !u.active).map(|u| u.id.0).collect();
    let units = all
        .into_iter()
        .map(|u| Chip {
            id: u.id.0,
            name: u.name,
            external: u.external,
        })
        .collect();
    let title = ctx.tr().t("units.title").to_string();
    Ok(render_page(UnitsPage {
        l: Layout::new(&ctx, &title, "units"),
        units,
        inactive,
    }))
}

#[derive(Template)]
#[template(path = "unit.html")]
struct UnitPage<'a> {
    l: Layout<'a>,
    unit: Chip,
    aliases: String,
    leads: Vec<Row>,
    coordinates: Vec<Row>,
    active: bool,
}

fn unit_row(i: &UnitItem) -> Row {
    Row {
        id: i.item_id.0,
        depth: 0,
        numbering: i.numbering.clone().unwrap_or_default(),
        title: i.title.clone(),
        text: String::new(),
        lead: Vec::new(),
        coord: Vec::new(),
        targets: Vec::new(),
        deadlines: Vec::new(),
        status: None,
        // The unit page lists items across plans; it marks only where the unit comes
        // from the parent item (the state's other parts are on the plan and the list).
        state: i.inherited.then(crate::row_state::RowState::inherited_only),
    }
}

pub async fn show(
    State(app): State<AppState>,
    Signed(ctx, user): Signed,
    Id(id): Id<UnitId>,
) -> Result<Response, AppError> {
    // A partner sees only its own units' pages.
    if user.is_partner_only() && !user.actor.unit_ids.contains(&id) {
        return Err(AppError::Forbidden);
    }
    let v = app.store().unit(id).await?.ok_or(AppError::NotFound)?;
    let aliases = app
        .store()
        .abbreviations()
        .await?
        .into_iter()
        .filter(|a| a.unit_name == v.unit.name)
        .map(|a| a.alias)
        .collect::<Vec<_>>()
        .join(", ");
    let title = v.unit.name.clone();
    Ok(render_page(UnitPage {
        l: Layout::new(&ctx, &title, "units"),
        unit: Chip {
            id: v.unit.id.0,
            name: v.unit.name.clone(),
            external: v.unit.external,
        },
        aliases,
        leads: v.leads.iter().map(unit_row).collect(),
        coordinates: v.coordinates.iter().map(unit_row).collect(),
        active: v.unit.active,
    }))
}

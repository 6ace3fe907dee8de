//! The plan's items in document order, each with its units in effect named and its
//! overdue flag, from the item states at the period's end (`domain::tracking::state`):
//! the report names the same units and counts the same overdue items as the dashboard.

use domain::tracking::ItemState;
use domain::{ItemId, UnitRelation};
use std::collections::HashMap;
use store::{ItemNode, PlanView};

/// An item in document order with its units in effect and its state at the period's end.
pub(super) struct Flat<'a> {
    pub node: &'a ItemNode,
    pub depth: u8,
    pub lead: Vec<String>,
    pub coord: Vec<String>,
    pub overdue: bool,
}

pub(super) fn flatten<'a>(plan: &'a PlanView, states: &[ItemState]) -> Vec<Flat<'a>> {
    let by_id: HashMap<ItemId, &ItemState> = states.iter().map(|s| (s.id, s)).collect();
    let names = plan.item_units_by_id();
    let named = |s: Option<&&ItemState>, rel| -> Vec<String> {
        s.map(|s| {
            s.units
                .of(rel)
                .filter_map(|u| names.get(&u).map(|n| n.name.clone()))
                .collect()
        })
        .unwrap_or_default()
    };
    fn walk<'a>(n: &'a ItemNode, depth: u8, out: &mut Vec<(&'a ItemNode, u8)>) {
        out.push((n, depth));
        for c in &n.children {
            walk(c, depth.saturating_add(1), out);
        }
    }
    let mut nodes = Vec::new();
    for n in plan
        .items
        .iter()
        .chain(plan.appendices.iter().flat_map(|a| &a.items))
    {
        walk(n, 0, &mut nodes);
    }
    nodes
        .into_iter()
        .map(|(node, depth)| {
            let st = by_id.get(&node.item.id);
            Flat {
                node,
                depth,
                lead: named(st, UnitRelation::Lead),
                coord: named(st, UnitRelation::Coordinating),
                overdue: st.is_some_and(|s| s.overdue),
            }
        })
        .collect()
}

//! The plan's items in document order, each with its units in effect named, its overdue
//! flag (from the item states at the period's end, `domain::tracking::state`: the report
//! names the same units and counts the same overdue items as the dashboard), its number
//! in the report and the top-level item it falls under.

use domain::tracking::ItemState;
use domain::{ItemId, ItemStatus, UnitRelation};
use std::collections::HashMap;
use store::{ItemNode, PlanView};

/// An item in document order with its units in effect and its state at the period's end.
pub(super) struct Flat<'a> {
    pub node: &'a ItemNode,
    pub depth: u8,
    /// Its number in the report: the document's, else one given after its numbered
    /// siblings (`stt`).
    pub stt: String,
    pub lead: Vec<String>,
    pub coord: Vec<String>,
    /// The units are the nearest ancestor's ("theo mục cấp trên").
    pub inherited: bool,
    pub overdue: bool,
    /// Its status at the period's end (today's status is the node's, and may be later).
    pub status: ItemStatus,
    /// The index in the flat list of its top-level item (itself at the top).
    pub top: usize,
    /// No sub-items: the work itself.
    pub leaf: bool,
}

impl Flat<'_> {
    pub fn id(&self) -> ItemId {
        self.node.item.id
    }
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
    let mut nodes = Vec::new();
    numbered(&plan.items, "", 0, &mut nodes);
    for a in &plan.appendices {
        numbered(&a.items, "", 0, &mut nodes);
    }
    let mut top = 0;
    nodes
        .into_iter()
        .enumerate()
        .map(|(i, (node, depth, stt))| {
            if depth == 0 {
                top = i;
            }
            let st = by_id.get(&node.item.id);
            Flat {
                node,
                depth,
                stt,
                lead: named(st, UnitRelation::Lead),
                coord: named(st, UnitRelation::Coordinating),
                inherited: st.is_some_and(|s| s.units.inherited),
                overdue: st.is_some_and(|s| s.overdue),
                status: st.map_or(node.item.status, |s| s.status),
                top,
                leaf: node.children.is_empty(),
            }
        })
        .collect()
}

/// A numbering the document gave as a number ("1.", "2.1.", "a)"), not a bullet ("-",
/// "+") and not an item added in sangtao.
fn own_number(n: &ItemNode) -> Option<&str> {
    n.item
        .numbering
        .as_deref()
        .map(str::trim)
        .filter(|s| !n.item.added && s.chars().any(char::is_alphanumeric))
}

/// The last figure of a number: "2.3." → 3.
fn last_figure(n: &str) -> Option<u32> {
    n.split(|c: char| !c.is_ascii_digit())
        .rfind(|p| !p.is_empty())
        .and_then(|p| p.parse().ok())
}

/// Siblings in order with their numbers, depth first: a sibling without a number of its
/// own (a bullet, or added in sangtao) takes the next one after its numbered siblings,
/// under its parent's ("2." with "2.1."–"2.3." gives an added child "2.4.").
fn numbered<'a>(
    siblings: &'a [ItemNode],
    parent: &str,
    depth: u8,
    out: &mut Vec<(&'a ItemNode, u8, String)>,
) {
    let own: Vec<&str> = siblings.iter().filter_map(own_number).collect();
    let mut next = own
        .iter()
        .filter_map(|n| last_figure(n))
        .max()
        .unwrap_or(own.len() as u32);
    // Follow the document's style: "2.1." ends with a dot, "2.1" does not.
    let dotted = own
        .first()
        .map_or(parent.is_empty() || parent.ends_with('.'), |n| {
            n.ends_with('.')
        });
    let base = parent.trim_end_matches(['.', ')']);
    for n in siblings {
        let stt = match own_number(n) {
            Some(s) => s.to_string(),
            None => {
                next += 1;
                let dot = if dotted { "." } else { "" };
                if base.is_empty() {
                    format!("{next}{dot}")
                } else {
                    format!("{base}.{next}{dot}")
                }
            }
        };
        out.push((n, depth, stt.clone()));
        numbered(&n.children, &stt, depth.saturating_add(1), out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{item, plan};
    use super::*;

    #[test]
    fn every_item_gets_a_number_added_ones_after_the_documents() {
        let mut two = item(2, Some("2."), "Tuyên truyền", vec![]);
        two.children = vec![
            item(21, Some("2.1."), "Biên soạn", vec![]),
            item(22, Some("2.2."), "Phóng sự", vec![]),
            item(23, Some("2.3."), "Tài liệu", vec![]),
        ];
        let mut added = item(24, None, "Bổ sung: triển lãm", vec![]);
        added.item.added = true;
        two.children.insert(1, added);
        let mut one = item(1, Some("1."), "Tham dự", vec![]);
        one.children = vec![
            item(11, Some("-"), "Tham mưu", vec![]),
            item(12, Some("-"), "Tham gia các phiên", vec![]),
        ];
        let mut top_added = item(3, None, "Nhiệm vụ bổ sung", vec![]);
        top_added.item.added = true;
        let p = plan(vec![one, two, top_added]);
        let flat = flatten(&p, &[]);
        let stt: Vec<&str> = flat.iter().map(|f| f.stt.as_str()).collect();
        assert_eq!(
            stt,
            [
                "1.", "1.1.", "1.2.", "2.", "2.1.", "2.4.", "2.2.", "2.3.", "3."
            ]
        );
        let tops: Vec<usize> = flat.iter().map(|f| f.top).collect();
        assert_eq!(tops, [0, 0, 0, 3, 3, 3, 3, 3, 8]);
        assert!(!flat[0].leaf && flat[1].leaf);
    }

    #[test]
    fn numbers_without_dots_stay_without() {
        let mut one = item(1, Some("1"), "A", vec![]);
        one.children = vec![
            item(11, Some("1.1"), "B", vec![]),
            item(12, None, "C", vec![]),
        ];
        let p = plan(vec![one]);
        let stt: Vec<String> = flatten(&p, &[]).into_iter().map(|f| f.stt).collect();
        assert_eq!(stt, ["1", "1.1", "1.2"]);
    }
}

//! Assembles item rows and their attachments (loaded in bulk) into nested nodes.

use crate::model::{DeadlineRecord, ItemNode, ItemRecord, ItemUnitRef, TargetRecord};
use domain::ItemId;
use std::collections::{HashMap, HashSet};

/// Units, targets and deadlines keyed by item, each list already in display order.
#[derive(Default)]
pub(crate) struct Attached {
    pub units: HashMap<ItemId, Vec<ItemUnitRef>>,
    pub targets: HashMap<ItemId, Vec<TargetRecord>>,
    pub deadlines: HashMap<ItemId, Vec<DeadlineRecord>>,
}

/// `items` in document order. Returns the roots (items whose parent is not in `items`)
/// in that order, children sorted by position.
pub(crate) fn build_forest(items: Vec<ItemRecord>, att: &mut Attached) -> Vec<ItemNode> {
    let ids: HashSet<ItemId> = items.iter().map(|i| i.id).collect();
    let mut children: HashMap<ItemId, Vec<ItemRecord>> = HashMap::new();
    let mut roots = Vec::new();
    for it in items {
        match it.parent_id {
            Some(p) if ids.contains(&p) => children.entry(p).or_default().push(it),
            _ => roots.push(it),
        }
    }
    for v in children.values_mut() {
        v.sort_by_key(|i| i.position);
    }
    // Stable: roots of different appendices keep their relative order; moved and added
    // items take their place by position.
    roots.sort_by_key(|i: &ItemRecord| (i.appendix_id, i.position));
    roots
        .into_iter()
        .map(|r| node(r, &mut children, att))
        .collect()
}

fn node(
    item: ItemRecord,
    children: &mut HashMap<ItemId, Vec<ItemRecord>>,
    att: &mut Attached,
) -> ItemNode {
    let kids = children.remove(&item.id).unwrap_or_default();
    let id = item.id;
    ItemNode {
        units: att.units.remove(&id).unwrap_or_default(),
        targets: att.targets.remove(&id).unwrap_or_default(),
        deadlines: att.deadlines.remove(&id).unwrap_or_default(),
        children: kids.into_iter().map(|k| node(k, children, att)).collect(),
        item,
    }
}

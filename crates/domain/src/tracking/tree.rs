//! Moving an item under another parent: the rule that keeps the plan a tree, and the
//! sub-items that move with it.

use super::TrackingError;
use crate::ItemId;
use std::collections::HashMap;

/// The items under `root` (not `root` itself), from `parents` (each item's parent).
pub fn descendants(parents: &[(ItemId, Option<ItemId>)], root: ItemId) -> Vec<ItemId> {
    let mut children: HashMap<ItemId, Vec<ItemId>> = HashMap::new();
    for (id, parent) in parents {
        if let Some(p) = parent {
            children.entry(*p).or_default().push(*id);
        }
    }
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(at) = stack.pop() {
        for c in children.get(&at).into_iter().flatten() {
            // A tree has no cycles, but a damaged one must not hang the server.
            if *c != root && !out.contains(c) {
                out.push(*c);
                stack.push(*c);
            }
        }
    }
    out
}

/// May `item` move under `new_parent` (None: the top level)? Not under itself or one of
/// its own sub-items, and only within its plan (`parents` is the plan's tree: a parent
/// outside it is in another plan).
pub fn check_reparent(
    parents: &[(ItemId, Option<ItemId>)],
    item: ItemId,
    new_parent: Option<ItemId>,
) -> Result<(), TrackingError> {
    let Some(p) = new_parent else {
        return Ok(());
    };
    if !parents.iter().any(|(id, _)| *id == p) {
        return Err(TrackingError::ParentInOtherPlan);
    }
    if p == item || descendants(parents, item).contains(&p) {
        return Err(TrackingError::MoveUnderItself);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Vec<(ItemId, Option<ItemId>)> {
        // 1 ─ 2 ─ 3
        //   └ 4
        // 5
        vec![
            (ItemId(1), None),
            (ItemId(2), Some(ItemId(1))),
            (ItemId(3), Some(ItemId(2))),
            (ItemId(4), Some(ItemId(1))),
            (ItemId(5), None),
        ]
    }

    #[test]
    fn descendants_walk_the_whole_subtree() {
        let mut d = descendants(&tree(), ItemId(1));
        d.sort_by_key(|i| i.0);
        assert_eq!(d, vec![ItemId(2), ItemId(3), ItemId(4)]);
        assert!(descendants(&tree(), ItemId(3)).is_empty());
    }

    #[test]
    fn an_item_moves_anywhere_but_under_itself() {
        let t = tree();
        assert!(check_reparent(&t, ItemId(2), Some(ItemId(5))).is_ok());
        assert!(check_reparent(&t, ItemId(2), None).is_ok());
        assert!(check_reparent(&t, ItemId(3), Some(ItemId(4))).is_ok());
        for bad in [ItemId(1), ItemId(2), ItemId(3), ItemId(4)] {
            assert_eq!(
                check_reparent(&t, ItemId(1), Some(bad)),
                Err(TrackingError::MoveUnderItself),
                "{bad:?}"
            );
        }
        assert_eq!(
            check_reparent(&t, ItemId(2), Some(ItemId(99))),
            Err(TrackingError::ParentInOtherPlan)
        );
    }

    #[test]
    fn a_damaged_tree_with_a_cycle_does_not_hang() {
        let t = vec![(ItemId(1), Some(ItemId(2))), (ItemId(2), Some(ItemId(1)))];
        assert_eq!(descendants(&t, ItemId(1)), vec![ItemId(2)]);
    }
}

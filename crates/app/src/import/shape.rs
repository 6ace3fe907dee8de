//! The tree's shape corrected on the review page, before anything counts: an item split
//! into two siblings, merged into the one before it, or moved among its siblings or under
//! another item. Items are named by the line they start on, as the review's other forms
//! name them.

use vanban::{Item, ParsedPlan};

/// Why a change of shape cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeProblem {
    /// No item starts on that line.
    NoSuchItem,
    /// A split needs both titles.
    EmptyTitle,
    /// The first item among its siblings has none before it (merge, move up) or the last
    /// none after it (move down).
    NoNeighbour,
    /// An item cannot go under itself or one of its own sub-items.
    UnderItself,
}

/// Where to move an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    /// Last under the item starting on that line; `None`: last at the top level.
    Under(Option<usize>),
}

/// The forest (0: the content, k: the k-th appendix) and index path of the item on `line`.
fn locate(parsed: &ParsedPlan, line: usize) -> Option<(usize, Vec<usize>)> {
    fn find(items: &[Item], line: usize, path: &mut Vec<usize>) -> bool {
        for (k, i) in items.iter().enumerate() {
            path.push(k);
            if i.line == line || find(&i.children, line, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let forests = std::iter::once(&parsed.items).chain(parsed.appendices.iter().map(|a| &a.items));
    for (f, items) in forests.enumerate() {
        let mut path = Vec::new();
        if find(items, line, &mut path) {
            return Some((f, path));
        }
    }
    None
}

/// The list that holds the item at `path` in `forest` (its siblings and itself).
fn siblings_mut<'p>(
    parsed: &'p mut ParsedPlan,
    forest: usize,
    path: &[usize],
) -> &'p mut Vec<Item> {
    let mut list = match forest {
        0 => &mut parsed.items,
        f => &mut parsed.appendices[f - 1].items,
    };
    for &k in &path[..path.len() - 1] {
        list = &mut list[k].children;
    }
    list
}

/// A line no item starts on, for an item made on the review page (after the document's).
fn fresh_line(parsed: &ParsedPlan) -> usize {
    parsed.all_items().map(|i| i.line).max().unwrap_or(0) + 1
}

fn tidy(s: &str) -> String {
    vntext::text::squash_spaces(&vntext::text::nfc(s))
        .trim()
        .to_string()
}

/// Splits the item on `line` into two siblings titled `first` and `second`: the first
/// keeps its sub-items, targets and text; the second, placed just after it, takes the
/// same units and deadlines. Returns the second's line.
pub fn split_item(
    parsed: &mut ParsedPlan,
    line: usize,
    first: &str,
    second: &str,
) -> Result<usize, ShapeProblem> {
    let (first, second) = (tidy(first), tidy(second));
    if first.is_empty() || second.is_empty() {
        return Err(ShapeProblem::EmptyTitle);
    }
    let (forest, path) = locate(parsed, line).ok_or(ShapeProblem::NoSuchItem)?;
    let new_line = fresh_line(parsed);
    let list = siblings_mut(parsed, forest, &path);
    let k = path[path.len() - 1];
    let item = &mut list[k];
    item.title = first;
    let twin = Item {
        numbering: item.numbering.clone().filter(|n| vanban::is_bullet(n)),
        title: second.clone(),
        text: second,
        lead_units: item.lead_units.clone(),
        coordinating_units: item.coordinating_units.clone(),
        targets: Vec::new(),
        deadlines: item.deadlines.clone(),
        line: new_line,
        children: Vec::new(),
    };
    list.insert(k + 1, twin);
    Ok(new_line)
}

/// Merges the item on `line` into the sibling before it: the titles joined ("; "), its
/// text, units, targets, deadlines and sub-items moved there.
pub fn merge_into_previous(parsed: &mut ParsedPlan, line: usize) -> Result<(), ShapeProblem> {
    let (forest, path) = locate(parsed, line).ok_or(ShapeProblem::NoSuchItem)?;
    let k = path[path.len() - 1];
    if k == 0 {
        return Err(ShapeProblem::NoNeighbour);
    }
    let list = siblings_mut(parsed, forest, &path);
    let gone = list.remove(k);
    let into = &mut list[k - 1];
    into.title = format!(
        "{}; {}",
        into.title.trim_end_matches([';', '.', ' ']),
        gone.title
    );
    if !gone.text.is_empty() {
        into.text = format!("{}\n{}", into.text, gone.text);
    }
    for (from, to) in [
        (gone.lead_units, &mut into.lead_units),
        (gone.coordinating_units, &mut into.coordinating_units),
    ] {
        for u in from {
            if !to.contains(&u) {
                to.push(u);
            }
        }
    }
    into.targets.extend(gone.targets);
    into.deadlines.extend(gone.deadlines);
    into.children.extend(gone.children);
    Ok(())
}

/// Moves the item on `line` (with its sub-items).
pub fn move_item(parsed: &mut ParsedPlan, line: usize, to: Move) -> Result<(), ShapeProblem> {
    let (forest, path) = locate(parsed, line).ok_or(ShapeProblem::NoSuchItem)?;
    let k = path[path.len() - 1];
    match to {
        Move::Up | Move::Down => {
            let list = siblings_mut(parsed, forest, &path);
            let other = match to {
                Move::Up => k.checked_sub(1),
                _ => Some(k + 1).filter(|j| *j < list.len()),
            }
            .ok_or(ShapeProblem::NoNeighbour)?;
            list.swap(k, other);
            Ok(())
        }
        Move::Under(parent) => {
            if let Some(p) = parent {
                let (pf, pp) = locate(parsed, p).ok_or(ShapeProblem::NoSuchItem)?;
                if pf == forest && pp.starts_with(&path) {
                    return Err(ShapeProblem::UnderItself);
                }
            }
            let item = siblings_mut(parsed, forest, &path).remove(k);
            match parent {
                None => parsed.items.push(item),
                Some(p) => {
                    let (pf, pp) = locate(parsed, p).ok_or(ShapeProblem::NoSuchItem)?;
                    let list = siblings_mut(parsed, pf, &pp);
                    list[pp[pp.len() - 1]].children.push(item);
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(line: usize, title: &str, children: Vec<Item>) -> Item {
        Item {
            title: title.into(),
            children,
            ..Item::new(Some(format!("{line}.")), line)
        }
    }

    /// I (1) › 1 (2), 2 (3) › a (4); II (5).
    fn plan() -> ParsedPlan {
        let mut p = crate::import::read("KẾ HOẠCH\nx\n".as_bytes(), "x.txt", None)
            .unwrap()
            .parsed;
        p.items = vec![
            item(
                1,
                "Nội dung",
                vec![
                    item(2, "Hội thảo", vec![]),
                    item(3, "Triển lãm", vec![item(4, "Chọn tác phẩm", vec![])]),
                ],
            ),
            item(5, "Tổ chức", vec![]),
        ];
        p
    }

    fn titles(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.title.as_str()).collect()
    }

    #[test]
    fn a_split_makes_two_siblings_the_first_keeping_the_sub_items() {
        let mut p = plan();
        p.items[0].children[1].lead_units = vec!["Bảo tàng Hà Nội".into()];
        let new = split_item(&mut p, 3, " Triển lãm  ảnh", "Triển lãm thiết kế").unwrap();
        assert_eq!(new, 6, "a line after the document's");
        let under = &p.items[0].children;
        assert_eq!(
            titles(under),
            ["Hội thảo", "Triển lãm ảnh", "Triển lãm thiết kế"]
        );
        assert_eq!(under[1].children.len(), 1);
        assert!(under[2].children.is_empty());
        assert_eq!(under[2].lead_units, under[1].lead_units);
        assert_eq!(
            split_item(&mut p, 3, "x", " "),
            Err(ShapeProblem::EmptyTitle)
        );
        assert_eq!(
            split_item(&mut p, 99, "x", "y"),
            Err(ShapeProblem::NoSuchItem)
        );
    }

    #[test]
    fn a_merge_joins_the_titles_and_moves_what_the_item_had() {
        let mut p = plan();
        p.items[0].children[1].lead_units = vec!["Bảo tàng Hà Nội".into()];
        merge_into_previous(&mut p, 3).unwrap();
        let under = &p.items[0].children;
        assert_eq!(titles(under), ["Hội thảo; Triển lãm"]);
        assert_eq!(titles(&under[0].children), ["Chọn tác phẩm"]);
        assert_eq!(under[0].lead_units, ["Bảo tàng Hà Nội"]);
        assert_eq!(
            merge_into_previous(&mut p, 2),
            Err(ShapeProblem::NoNeighbour),
            "the first has none before it"
        );
    }

    #[test]
    fn an_item_moves_among_its_siblings_or_under_another() {
        let mut p = plan();
        move_item(&mut p, 3, Move::Up).unwrap();
        assert_eq!(titles(&p.items[0].children), ["Triển lãm", "Hội thảo"]);
        assert_eq!(
            move_item(&mut p, 2, Move::Down),
            Err(ShapeProblem::NoNeighbour)
        );
        move_item(&mut p, 4, Move::Under(Some(5))).unwrap();
        assert_eq!(titles(&p.items[1].children), ["Chọn tác phẩm"]);
        assert_eq!(
            move_item(&mut p, 1, Move::Under(Some(2))),
            Err(ShapeProblem::UnderItself)
        );
        move_item(&mut p, 2, Move::Under(None)).unwrap();
        assert_eq!(titles(&p.items), ["Nội dung", "Tổ chức", "Hội thảo"]);
    }
}

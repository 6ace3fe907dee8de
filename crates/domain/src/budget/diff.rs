//! What a revision changed: its lines against the revision before, matched by position
//! (a revision copies its lines with their positions; a new line takes the next one).

/// One line's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineChange<'a, T> {
    Added(&'a T),
    Removed(&'a T),
    Changed { before: &'a T, after: &'a T },
}

/// The changes from `before` to `after`, in position order; unchanged lines are left out.
/// `position` names a line's place.
pub fn diff_lines<'a, T: PartialEq>(
    before: &'a [T],
    after: &'a [T],
    position: impl Fn(&T) -> i64,
) -> Vec<LineChange<'a, T>> {
    let mut positions: Vec<i64> = before.iter().chain(after).map(&position).collect();
    positions.sort_unstable();
    positions.dedup();
    positions
        .into_iter()
        .filter_map(|p| {
            let old = before.iter().find(|l| position(l) == p);
            let new = after.iter().find(|l| position(l) == p);
            match (old, new) {
                (Some(b), Some(a)) if b == a => None,
                (Some(before), Some(after)) => Some(LineChange::Changed { before, after }),
                (Some(b), None) => Some(LineChange::Removed(b)),
                (None, Some(a)) => Some(LineChange::Added(a)),
                (None, None) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_removed_and_changed_lines_in_position_order() {
        let before = [(1, "phiên dịch 4 buổi"), (2, "thuê thiết bị"), (3, "in ấn")];
        let after = [(1, "phiên dịch 5 buổi"), (3, "in ấn"), (4, "đi lại")];
        let changes = diff_lines(&before, &after, |l| l.0);
        assert_eq!(
            changes,
            [
                LineChange::Changed {
                    before: &before[0],
                    after: &after[0]
                },
                LineChange::Removed(&before[1]),
                LineChange::Added(&after[2]),
            ]
        );
        assert!(diff_lines(&before, &before, |l| l.0).is_empty());
    }
}

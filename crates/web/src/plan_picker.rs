//! Which plans a plan picker (the item list's filter, the dashboard's choice) offers. A
//! department has a few plans a year; a picker of every plan it ever had grows with the
//! years (2,000 plans made the dashboard 537 kB), so it offers the newest and the one
//! chosen, and links the plans page for the rest.

/// Most plans a picker offers besides the chosen one.
pub const PICKER_PLANS: usize = 30;

/// The plans to offer, in the order given (newest first): the first [`PICKER_PLANS`],
/// with `chosen` added at the end when it is further down; and how many are left out.
pub fn offered<T>(newest_first: &[T], chosen: impl Fn(&T) -> bool) -> (Vec<&T>, usize) {
    let mut out: Vec<&T> = newest_first.iter().take(PICKER_PLANS).collect();
    if let Some(c) = newest_first.iter().skip(PICKER_PLANS).find(|p| chosen(p)) {
        out.push(c);
    }
    let left_out = newest_first.len() - out.len();
    (out, left_out)
}

/// "Tất cả 2.000 kế hoạch…" for the link to the plans page, or nothing when every plan
/// is offered.
pub fn more_label(t: &crate::i18n::Tr, left_out: usize) -> Option<String> {
    (left_out > 0).then(|| {
        t.f(
            "picker.more_plans",
            &[("n", &domain::format_number(left_out as f64))],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_and_the_chosen_are_offered_and_the_rest_counted() {
        let plans: Vec<i64> = (1..=100).rev().collect();
        let (few, left) = offered(&plans[..5], |p| *p == 3);
        assert_eq!(few.len(), 5);
        assert_eq!(left, 0, "a short list is offered whole");
        let (top, left) = offered(&plans, |p| *p == 100);
        assert_eq!(top.len(), PICKER_PLANS);
        assert_eq!(*top[0], 100);
        assert_eq!(left, 100 - PICKER_PLANS);
        let (old, left) = offered(&plans, |p| *p == 2);
        assert_eq!(old.len(), PICKER_PLANS + 1);
        assert_eq!(*old[PICKER_PLANS], 2, "an old plan chosen stays chosen");
        assert_eq!(left, 100 - PICKER_PLANS - 1);
    }
}

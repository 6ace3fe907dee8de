//! What a revised plan (a Kế hoạch điều chỉnh, bổ sung) changes against the plan stored:
//! items added, removed and changed (title or targets), matched by their numbering path
//! ("II › 1 › a)"), else by title without diacritics. Shown on the review page before the
//! revision is brought in.

use store::{ItemNode, PlanView};
use vanban::ParsedPlan;

/// An item on one side: where it sits, its title and its targets in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The numberings from the top down, joined with " › " ("I › 1 › #2" for the second
    /// bullet under 1).
    pub path: String,
    pub title: String,
    pub targets: Vec<String>,
}

/// The differences, each list in the document's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanDiff {
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    /// (stored, revised) of items whose title or targets changed.
    pub changed: Vec<(Entry, Entry)>,
    /// Items alike on both sides.
    pub same: usize,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// The stored plan's items, depth first.
pub fn stored_entries(view: &PlanView) -> Vec<Entry> {
    fn walk(nodes: &[ItemNode], above: &str, out: &mut Vec<Entry>) {
        for (k, n) in nodes.iter().enumerate() {
            let path = join(above, n.item.numbering.as_deref(), k);
            out.push(Entry {
                path: path.clone(),
                title: n.item.title.clone(),
                targets: n.targets.iter().map(|t| t.display()).collect(),
            });
            walk(&n.children, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&view.items, "", &mut out);
    for a in &view.appendices {
        walk(&a.items, "", &mut out);
    }
    out
}

/// The reading's items, depth first.
pub fn read_entries(parsed: &ParsedPlan) -> Vec<Entry> {
    fn walk(items: &[vanban::Item], above: &str, out: &mut Vec<Entry>) {
        for (k, i) in items.iter().enumerate() {
            let path = join(above, i.numbering.as_deref(), k);
            out.push(Entry {
                path: path.clone(),
                title: vanban::strip_bullets(&i.title).to_string(),
                targets: i
                    .targets
                    .iter()
                    .map(|t| domain::format_target(t.min, t.max, &t.unit, t.per.as_deref()))
                    .collect(),
            });
            walk(&i.children, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&parsed.items, "", &mut out);
    for a in &parsed.appendices {
        walk(&a.items, "", &mut out);
    }
    out
}

/// The path of the `k`-th child of `above`: its numbering, or for a bullet ("-", "+") or
/// an unnumbered item its place among its siblings ("#3"), since a bullet names nothing.
fn join(above: &str, numbering: Option<&str>, k: usize) -> String {
    let own = numbering
        .map(str::trim)
        .filter(|n| !n.is_empty() && !vanban::is_bullet(n))
        .map_or_else(|| format!("#{}", k + 1), str::to_string);
    if above.is_empty() {
        own
    } else {
        format!("{above} › {own}")
    }
}

/// A title as matched: without diacritics, case or outer spaces.
fn fold(s: &str) -> String {
    vntext::text::fold(s.trim())
}

/// Matches each revised item to a stored one (the same numbering path and title, else the
/// same title, else the same path), then says what was added, removed and changed.
pub fn diff(stored: &[Entry], revised: &[Entry]) -> PlanDiff {
    // Each title folded once, not at every comparison.
    let folded = |e: &[Entry]| e.iter().map(|x| fold(&x.title)).collect::<Vec<_>>();
    let (st, rt) = (folded(stored), folded(revised));
    // The rules in turn: the same path and title, the same title, the same path.
    let alike = |rule: usize, s: usize, r: usize| {
        let same_path = !stored[s].path.is_empty() && stored[s].path == revised[r].path;
        match rule {
            0 => same_path && st[s] == rt[r],
            1 => st[s] == rt[r],
            _ => same_path,
        }
    };
    let mut taken = vec![false; stored.len()];
    let mut matched: Vec<Option<usize>> = vec![None; revised.len()];
    for rule in 0..3 {
        for (r, slot) in matched.iter_mut().enumerate() {
            if slot.is_some() {
                continue;
            }
            if let Some(s) = (0..stored.len()).find(|&s| !taken[s] && alike(rule, s, r)) {
                taken[s] = true;
                *slot = Some(s);
            }
        }
    }
    let mut out = PlanDiff::default();
    for (r, m) in matched.into_iter().enumerate() {
        let Some(s) = m else {
            out.added.push(revised[r].clone());
            continue;
        };
        if st[s] != rt[r] || stored[s].targets != revised[r].targets {
            out.changed.push((stored[s].clone(), revised[r].clone()));
        } else {
            out.same += 1;
        }
    }
    out.removed = (0..stored.len())
        .filter(|&s| !taken[s])
        .map(|s| stored[s].clone())
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(path: &str, title: &str, targets: &[&str]) -> Entry {
        Entry {
            path: path.into(),
            title: title.into(),
            targets: targets.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn a_revision_adds_removes_and_changes_items() {
        let stored = [
            e("I", "Nội dung", &[]),
            e(
                "I › 1",
                "Tham gia phiên họp trực tuyến",
                &["20–30 cuộc/năm"],
            ),
            e("I › 2", "Sản xuất clip", &["2–3 clip"]),
            e("I › 3", "Hội thảo", &[]),
            e("I › 4", "In ấn phẩm", &[]),
            e("I › 5", "Tọa đàm", &[]),
        ];
        let revised = [
            e("I", "Nội dung", &[]),
            // The same item, its target raised: changed.
            e(
                "I › 1",
                "Tham gia phiên họp trực tuyến",
                &["25–30 cuộc/năm"],
            ),
            // Typed without diacritics: the same.
            e("I › 2", "San xuat clip", &["2–3 clip"]),
            // The same place, a new title: changed.
            e("I › 3", "Hội thảo quốc tế", &[]),
            // Renumbered: matched by its title, the same.
            e("I › 6", "In ấn phẩm", &[]),
            e("I › 7", "Triển lãm thiết kế", &["3–5 triển lãm"]),
        ];
        let d = diff(&stored, &revised);
        assert_eq!(d.same, 3, "{d:?}");
        assert_eq!(d.added, vec![revised[5].clone()]);
        assert_eq!(d.removed, vec![stored[5].clone()]);
        let changed: Vec<(&str, &str)> = d
            .changed
            .iter()
            .map(|(a, b)| (a.title.as_str(), b.title.as_str()))
            .collect();
        assert_eq!(
            changed,
            [
                (
                    "Tham gia phiên họp trực tuyến",
                    "Tham gia phiên họp trực tuyến"
                ),
                ("Hội thảo", "Hội thảo quốc tế"),
            ]
        );
        assert!(diff(&stored, &stored).is_empty());
    }
}

//! What a revised plan (a Kế hoạch điều chỉnh, bổ sung) changes against the plan stored:
//! items added, removed and changed (title, units, targets or deadlines), matched by their
//! numbering path ("II › 1 › a)"), else by title without diacritics. Shown on the review
//! page, and the one matching a revision is applied with (`super::revise`).

use domain::AbbreviationTable;
use store::{ItemNode, PlanView};
use vanban::ParsedPlan;

/// An item on one side: where it sits, its title, its lead units, targets and deadlines in
/// words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The numberings from the top down, joined with " › " ("I › 1 › #2" for the second
    /// bullet under 1).
    pub path: String,
    pub title: String,
    /// Lead units by their canonical names.
    pub units: Vec<String>,
    pub targets: Vec<String>,
    /// Each deadline's words, with its date when it has one.
    pub deadlines: Vec<String>,
}

/// The differences, each list in the document's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanDiff {
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    /// (stored, revised) of items whose title, units, targets or deadlines changed.
    pub changed: Vec<(Entry, Entry)>,
    /// Items alike on both sides.
    pub same: usize,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// A short digest of the differences: the review page sends the one it showed, and a
    /// revision is applied only while the differences are still those.
    pub fn fingerprint(&self) -> String {
        let all = format!("{self:?}");
        domain::password::sha256_hex(all.as_bytes())[..16].to_string()
    }
}

/// The stored plan's items, depth first, each with its node.
pub fn stored_walk(view: &PlanView) -> Vec<(Entry, &ItemNode)> {
    fn walk<'v>(nodes: &'v [ItemNode], above: &str, out: &mut Vec<(Entry, &'v ItemNode)>) {
        for (k, n) in nodes.iter().enumerate() {
            let path = join(above, n.item.numbering.as_deref(), k);
            let entry = Entry {
                path: path.clone(),
                title: n.item.title.clone(),
                units: n.lead_units().map(|u| u.name.clone()).collect(),
                targets: n.targets.iter().map(|t| t.display()).collect(),
                deadlines: n
                    .deadlines
                    .iter()
                    .map(|d| deadline(&d.text, d.due))
                    .collect(),
            };
            out.push((entry, n));
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

pub fn stored_entries(view: &PlanView) -> Vec<Entry> {
    stored_walk(view).into_iter().map(|(e, _)| e).collect()
}

/// Where a revised item sits in the reading.
#[derive(Debug, Clone, Copy)]
pub struct ReadPlace<'a> {
    pub item: &'a vanban::Item,
    /// Index of its parent in the walk.
    pub parent: Option<usize>,
    /// 0: the content; k: the k-th appendix.
    pub forest: usize,
    /// Among its siblings, from 0.
    pub position: usize,
}

/// The reading's items, depth first, each with its place; unit names canonical through
/// `table`, as the import would store them.
pub fn read_walk<'p>(
    parsed: &'p ParsedPlan,
    table: &AbbreviationTable,
) -> Vec<(Entry, ReadPlace<'p>)> {
    struct Walk<'p, 't> {
        table: &'t AbbreviationTable,
        forest: usize,
        out: Vec<(Entry, ReadPlace<'p>)>,
    }
    fn walk<'p>(w: &mut Walk<'p, '_>, items: &'p [vanban::Item], parent: Option<usize>) {
        let above = parent.map_or(String::new(), |p| w.out[p].0.path.clone());
        for (k, i) in items.iter().enumerate() {
            let path = join(&above, i.numbering.as_deref(), k);
            let units = domain::merge_units(i.lead_units.iter().map(String::as_str), w.table);
            let entry = Entry {
                path,
                title: vanban::strip_bullets(&i.title).to_string(),
                units: units.into_iter().map(|u| u.name).collect(),
                targets: i
                    .targets
                    .iter()
                    .map(|t| domain::format_target(t.min, t.max, &t.unit, t.per.as_deref()))
                    .collect(),
                deadlines: i
                    .deadlines
                    .iter()
                    .map(|d| deadline(&d.text, d.due))
                    .collect(),
            };
            let place = ReadPlace {
                item: i,
                parent,
                forest: w.forest,
                position: k,
            };
            w.out.push((entry, place));
            let me = w.out.len() - 1;
            walk(w, &i.children, Some(me));
        }
    }
    let mut w = Walk {
        table,
        forest: 0,
        out: Vec::new(),
    };
    walk(&mut w, &parsed.items, None);
    for (k, a) in parsed.appendices.iter().enumerate() {
        w.forest = k + 1;
        walk(&mut w, &a.items, None);
    }
    w.out
}

pub fn read_entries(parsed: &ParsedPlan, table: &AbbreviationTable) -> Vec<Entry> {
    read_walk(parsed, table)
        .into_iter()
        .map(|(e, _)| e)
        .collect()
}

/// A deadline in words: the document's, then its date.
fn deadline(text: &str, due: Option<chrono::NaiveDate>) -> String {
    match due {
        Some(d) => format!("{} ({})", text.trim(), domain::format_date(d)),
        None => text.trim().to_string(),
    }
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

/// Whether a matched pair differs: its title (diacritics aside), lead units, targets or
/// deadlines.
pub fn differs(stored: &Entry, revised: &Entry) -> bool {
    let keys = |e: &Entry| {
        e.units
            .iter()
            .map(|u| domain::unit_key(u))
            .collect::<Vec<_>>()
    };
    fold(&stored.title) != fold(&revised.title)
        || keys(stored) != keys(revised)
        || stored.targets != revised.targets
        || stored.deadlines != revised.deadlines
}

/// For each revised item, the stored one it continues: the same numbering path and title,
/// else the same title, else the same path; each stored item taken once.
pub fn matching(stored: &[Entry], revised: &[Entry]) -> Vec<Option<usize>> {
    // Each title folded once, not at every comparison.
    let folded = |e: &[Entry]| e.iter().map(|x| fold(&x.title)).collect::<Vec<_>>();
    let (st, rt) = (folded(stored), folded(revised));
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
    matched
}

/// What was added, removed and changed, given the matching.
pub fn summarise(stored: &[Entry], revised: &[Entry], matched: &[Option<usize>]) -> PlanDiff {
    let mut out = PlanDiff::default();
    let mut taken = vec![false; stored.len()];
    for (r, m) in matched.iter().enumerate() {
        let Some(s) = *m else {
            out.added.push(revised[r].clone());
            continue;
        };
        taken[s] = true;
        if differs(&stored[s], &revised[r]) {
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

/// Matches each revised item to a stored one (`matching`), then says what was added,
/// removed and changed.
pub fn diff(stored: &[Entry], revised: &[Entry]) -> PlanDiff {
    summarise(stored, revised, &matching(stored, revised))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(path: &str, title: &str, targets: &[&str]) -> Entry {
        Entry {
            path: path.into(),
            title: title.into(),
            units: Vec::new(),
            targets: targets.iter().map(|t| t.to_string()).collect(),
            deadlines: Vec::new(),
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

    #[test]
    fn a_new_lead_unit_or_deadline_is_a_change_and_an_abbreviation_is_not() {
        let mut a = e("I › 1", "Hội thảo", &[]);
        a.units = vec!["Phòng Quản lý Di sản văn hóa".into()];
        let mut b = a.clone();
        b.units = vec!["PHÒNG QUẢN LÝ DI SẢN VĂN HÓA".into()];
        assert!(!differs(&a, &b), "the same unit key");
        b.deadlines = vec!["Quý IV/2026 (31/12/2026)".into()];
        assert!(differs(&a, &b));
        let mut c = a.clone();
        c.units = vec!["Bảo tàng Hà Nội".into()];
        assert!(differs(&a, &c));
        let d = diff(std::slice::from_ref(&a), &[c]);
        assert_eq!(d.changed.len(), 1);
        assert_ne!(d.fingerprint(), diff(&[a.clone()], &[a]).fingerprint());
    }
}

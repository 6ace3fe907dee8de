//! What an item says about itself: labelled fields ("Đơn vị chủ trì:", "Thời gian:"),
//! units, targets and deadlines, folded into the item when it is finished.

use crate::model::Item;
use crate::phrases;
use crate::text::{fold, fold_head};

/// Field-like sub-headings folded into their parent item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Content,
    Lead,
    Coordinating,
    Time,
    Quantity,
}

const FIELD_LABELS: &[(&str, Field)] = &[
    ("noi dung thuc hien", Field::Content),
    ("nhiem vu", Field::Content),
    ("giai phap", Field::Content),
    ("noi dung", Field::Content),
    ("chu de", Field::Content),
    ("hinh thuc", Field::Content),
    ("doi tuong", Field::Content),
    ("dia diem", Field::Content),
    ("thanh phan", Field::Content),
    ("san pham", Field::Content),
    ("ket qua du kien", Field::Content),
    ("ket qua", Field::Content),
    ("lanh dao phu trach", Field::Content),
    ("kinh phi", Field::Content),
    ("nguon kinh phi", Field::Content),
    ("don vi thuc hien", Field::Lead),
    ("don vi chu tri", Field::Lead),
    ("co quan chu tri", Field::Lead),
    ("co quan thuc hien", Field::Lead),
    ("co quan, don vi chu tri", Field::Lead),
    ("chu tri", Field::Lead),
    ("don vi phoi hop", Field::Coordinating),
    ("co quan phoi hop", Field::Coordinating),
    ("co quan, don vi phoi hop", Field::Coordinating),
    ("phoi hop", Field::Coordinating),
    ("thoi gian thuc hien", Field::Time),
    ("thoi gian hoan thanh", Field::Time),
    ("thoi gian", Field::Time),
    ("thoi han", Field::Time),
    ("tien do", Field::Time),
    ("so luong", Field::Quantity),
    ("thoi luong", Field::Quantity),
];

/// Could `text` open with a label of one of `fields`? Told by its first letter, before
/// `field_of` folds anything.
pub(super) fn may_open_field(text: &str, fields: &[Field]) -> bool {
    text.chars()
        .next()
        .and_then(crate::text::fold_char)
        .is_none_or(|c| {
            FIELD_LABELS
                .iter()
                .any(|(label, field)| fields.contains(field) && label.starts_with(c))
        })
}

/// "Đơn vị thực hiện: X" → (Lead, "X"). The label must end at a colon or the end.
pub(super) fn field_of(text: &str) -> Option<(Field, String)> {
    // Cheap looks at the first letter, then the first words, before folding enough text
    // to find the colon.
    let first = text.chars().next().and_then(crate::text::fold_char);
    if first.is_some_and(|f| !FIELD_LABELS.iter().any(|(label, _)| label.starts_with(f))) {
        return None;
    }
    // Comparing first bytes first spares most calls to `memcmp` (every label is tried).
    let same_first = |a: &str, b: &str| a.as_bytes().first() == b.as_bytes().first();
    let head = fold_head(text, 12);
    if !FIELD_LABELS.iter().any(|(label, _)| {
        head.is_empty()
            || same_first(&head, label)
                && (label.starts_with(head.as_str())
                    || head.starts_with(&label[..label.len().min(12)]))
    }) {
        return None;
    }
    let f = fold_head(text, 80);
    for (label, field) in FIELD_LABELS {
        if !(same_first(&f, label) && f.starts_with(label)) {
            continue;
        }
        let after = &f[label.len()..];
        // Allow a few words after the label ("Thời gian tổ chức diễn đàn:", "Số lượng trang:").
        let colon = after.find(':');
        let ok = match colon {
            Some(c) => after[..c].split_whitespace().count() <= 4,
            None => after.trim().is_empty(),
        };
        if !ok {
            continue;
        }
        let value = match colon {
            Some(c) => {
                let byte = text
                    .char_indices()
                    .nth(f[..label.len() + c].chars().count() + 1)
                    .map_or(text.len(), |(i, _)| i);
                text[byte..].trim().to_string()
            }
            None => String::new(),
        };
        return Some((*field, value));
    }
    None
}

/// Labelled unit lists anywhere in a text: "Đơn vị chủ trì: X; Đơn vị phối hợp: Y, Z."
pub(super) fn labelled_units(text: &str) -> (Vec<String>, Vec<String>) {
    let mut lead = Vec::new();
    let mut coord = Vec::new();
    for line in text.split('\n') {
        if !line.contains(':') {
            continue;
        }
        let folded = fold(line);
        if !(folded.contains("chu tri")
            || folded.contains("phoi hop")
            || folded.contains("thuc hien"))
        {
            continue;
        }
        // Every label occurrence (followed by a colon), in order.
        let mut hits: Vec<(usize, usize, bool)> = Vec::new();
        // The labels' searchers, built once.
        static FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
            std::sync::LazyLock::new(|| {
                phrases::UNIT_LABELS
                    .iter()
                    .map(|(label, _)| memchr::memmem::Finder::new(label))
                    .collect()
            });
        for ((_, is_lead), label) in phrases::UNIT_LABELS.iter().zip(FINDERS.iter()) {
            let mut from = 0;
            while let Some((s, e)) = crate::text::find_word_with(&folded, label, from) {
                from = e;
                // "Đơn vị chủ trì tham mưu thực hiện:" — a few words may sit before the colon.
                let tail = &folded[e..];
                let colon = tail.find(':').filter(|&c| {
                    let between = &tail[..c];
                    between.split_whitespace().count() <= 4 && !between.contains([',', ';', '.'])
                });
                if let Some(c) = colon
                    && !hits.iter().any(|&(hs, he, _)| s < he && e > hs)
                {
                    hits.push((s, e + c + 1, *is_lead));
                }
            }
        }
        hits.sort();
        for (k, &(_, value_start, is_lead)) in hits.iter().enumerate() {
            let value_end = hits.get(k + 1).map_or(folded.len(), |h| h.0);
            // Back to the line's own bytes (found again, for the few hits).
            let origin = |k| crate::text::origin_of(line, k);
            let (a, b) = (origin(value_start), origin(value_end));
            let value = &line[a..b.max(a)];
            let value = value.split(". ").next().unwrap_or(value);
            let target = if is_lead { &mut lead } else { &mut coord };
            for u in phrases::split_units(value) {
                if !target.contains(&u) && u.chars().count() <= 160 {
                    target.push(u);
                }
            }
        }
    }
    (lead, coord)
}

/// The first sentence of a text, without the trailing full stop.
pub(super) fn first_sentence(text: &str) -> String {
    let line = text.split('\n').next().unwrap_or("").trim();
    let mut end = line.len();
    let bytes = line.as_bytes();
    // ". " and ": " found through their first byte (memchr).
    let followed_by_space = |i: &usize| bytes.get(i + 1) == Some(&b' ');
    for i in memchr::memchr_iter(b'.', bytes).filter(followed_by_space) {
        let next = line[i + 2..].chars().next();
        if next.is_some_and(char::is_uppercase)
            && !line[..i].ends_with(|c: char| c.is_uppercase() && line[..i].len() < 4)
        {
            end = i;
            break;
        }
    }
    if let Some(c) = memchr::memchr_iter(b':', &bytes[..end]).find(followed_by_space)
        && line[..c].chars().count() <= 60
        && !line[..c].contains(',')
    {
        end = c;
    }
    let s = line[..end].trim().trim_end_matches(['.', ':', ';']).trim();
    // At most 400 characters (no more than 400 bytes need no counting).
    let cut = if s.len() > 400 {
        s.char_indices().nth(400).map_or(s.len(), |(i, _)| i)
    } else {
        s.len()
    };
    s[..cut].to_string()
}

/// Folds field-like children into their parents and reads units, targets and deadlines.
pub(super) fn finish_item(mut item: Item, year: Option<i32>) -> Item {
    let children = std::mem::take(&mut item.children);
    let mut kept = Vec::new();
    let mut field_targets = Vec::new();
    let mut field_deadlines = Vec::new();
    for child in children {
        let child = finish_item(child, year);
        let Some((field, value)) = field_of(&child.text) else {
            kept.push(child);
            continue;
        };
        let value_was_empty = value.is_empty();
        match field {
            Field::Content => {
                let own = child
                    .text
                    .split_once(':')
                    .map_or("", |(_, v)| v)
                    .trim()
                    .to_string();
                let value = if own.is_empty() { value } else { own };
                if !value.is_empty() {
                    item.text.push('\n');
                    item.text.push_str(&value);
                }
            }
            Field::Lead | Field::Coordinating => {
                // "Cơ quan thực hiện: Sở Nội vụ chủ trì ..., Sở Tư pháp ..." is prose.
                let (inline_lead, inline_coord) = phrases::inline_units(&value);
                if field == Field::Lead && !inline_lead.is_empty() {
                    merge(&mut item.lead_units, inline_lead);
                    merge(&mut item.coordinating_units, inline_coord);
                    kept.extend(child.children);
                    continue;
                }
                let mut units = phrases::split_units(&value);
                // "Cơ quan thực hiện:" and the units as "+" bullets below it: the units
                // are the item's, the bullets no items.
                let bullets_are_units = value_was_empty
                    && !child.children.is_empty()
                    && child.children.iter().all(|c| is_unit_bullet(&c.text));
                if bullets_are_units {
                    for c in &child.children {
                        units.extend(phrases::split_units(&c.text));
                    }
                }
                let target = if field == Field::Lead {
                    &mut item.lead_units
                } else {
                    &mut item.coordinating_units
                };
                merge(target, units);
                if bullets_are_units {
                    continue;
                }
            }
            Field::Time => field_deadlines.extend(phrases::deadlines(&value, true, year)),
            Field::Quantity => field_targets.extend(phrases::targets(&value, true)),
        }
        // What the field's own sub-items said ("Cơ quan thực hiện:" / "- Đơn vị chủ trì: X").
        if field != Field::Lead && field != Field::Coordinating || value_was_empty {
            merge(&mut item.lead_units, child.lead_units);
            merge(&mut item.coordinating_units, child.coordinating_units);
        }
        field_targets.extend(child.targets);
        if field != Field::Time {
            field_deadlines.extend(child.deadlines);
        }
        kept.extend(child.children);
    }
    item.children = kept;

    // Own text: labelled fields in paragraphs, inline "X chủ trì", targets, deadlines.
    for line in item.text.split('\n') {
        if !may_open_field(line, &[Field::Time, Field::Quantity]) {
            continue;
        }
        match field_of(line) {
            Some((Field::Time, v)) => field_deadlines.extend(phrases::deadlines(&v, true, year)),
            Some((Field::Quantity, v)) => field_targets.extend(phrases::targets(&v, true)),
            _ => {}
        }
    }
    let own_text = item.text.as_str();
    let (lead, coord) = labelled_units(own_text);
    merge(&mut item.lead_units, lead);
    merge(&mut item.coordinating_units, coord);
    if item.lead_units.is_empty() {
        let (lead, coord) = phrases::inline_units(own_text);
        merge(&mut item.lead_units, lead);
        merge(&mut item.coordinating_units, coord);
    }
    if item.lead_units.is_empty()
        && let Some(unit) = phrases::unit_label(own_text.split('\n').next().unwrap_or(""))
    {
        merge(&mut item.lead_units, phrases::split_units(unit));
    }
    let mut targets = phrases::targets(own_text, false);
    for t in field_targets {
        if !targets
            .iter()
            .any(|x| x.text == t.text || x.min == t.min && x.max == t.max && x.unit == t.unit)
        {
            targets.push(t);
        }
    }
    item.targets.extend(targets);
    let mut deadlines = field_deadlines;
    for d in phrases::deadlines(own_text, false, year) {
        if !deadlines.iter().any(|x| x.text == d.text) {
            deadlines.push(d);
        }
    }
    item.deadlines.extend(deadlines);
    item.text = squash_lines(&item.text);
    item.title = first_sentence(&item.text);
    item
}

/// A bullet that is only a unit's name ("+ Sở Tài chính;"), no task.
fn is_unit_bullet(text: &str) -> bool {
    let t = text
        .trim()
        .trim_start_matches(['-', '+', '•', '–', '*'])
        .trim();
    phrases::is_unit_start(t)
        && !t.contains(':')
        && t.split_whitespace().count() <= 16
        && phrases::clean_unit(t) == t.trim_end_matches(['.', ';', ',']).trim()
}

fn merge(into: &mut Vec<String>, from: Vec<String>) {
    for u in from {
        if !into.contains(&u) {
            into.push(u);
        }
    }
}

fn squash_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s
        .split('\n')
        .map(crate::text::squashed)
        .filter(|l| !l.is_empty())
    {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

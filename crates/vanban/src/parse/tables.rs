//! Task tables (STT / nội dung / chủ trì / phối hợp / thời gian) read as items.

use super::fields::first_sentence;
use crate::lines::Table;
use crate::markers::{Style, split_marker};
use crate::model::Item;
use crate::phrases;
use crate::text::{fold, squash_spaces, upper_ratio};

#[derive(Default, Debug)]
struct Columns {
    number: Option<usize>,
    content: Option<usize>,
    lead: Option<usize>,
    coordinating: Option<usize>,
    time: Option<usize>,
    result: Option<usize>,
}

fn table_columns(header: &[String]) -> Columns {
    let mut c = Columns::default();
    for (i, cell) in header.iter().enumerate() {
        let f = fold(&squash_spaces(cell));
        let f = f.trim();
        if c.number.is_none()
            && (f == "tt" || f == "stt" || f == "so tt" || f.starts_with("stt") || f == "tt.")
        {
            c.number = Some(i);
        } else if c.coordinating.is_none() && f.contains("phoi hop") {
            c.coordinating = Some(i);
        } else if c.lead.is_none()
            && (f.contains("chu tri")
                || f.contains("thuc hien")
                    && (f.contains("don vi") || f.contains("co quan") || f.contains("nguoi"))
                || f == "don vi"
                || f.contains("trach nhiem"))
        {
            c.lead = Some(i);
        } else if c.time.is_none()
            && (f.starts_with("thoi gian") || f.starts_with("thoi han") || f.starts_with("tien do"))
        {
            c.time = Some(i);
        } else if c.result.is_none() && (f.starts_with("ket qua") || f.starts_with("san pham")) {
            c.result = Some(i);
        } else if c.content.is_none()
            && (f.contains("noi dung")
                || f.contains("nhiem vu")
                || f.starts_with("ten")
                || f.contains("chi tieu")
                || f.contains("hoat dong")
                || f.contains("cong viec")
                || f.contains("de an"))
        {
            c.content = Some(i);
        }
    }
    c
}

/// A unit cell's lines: a line starting with a capital names a new unit, otherwise it
/// continues the name wrapped above ("Sở Khoa học và\nCông nghệ" stays one).
fn unit_cell(cell: &str) -> String {
    let mut out = String::new();
    for line in cell.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            let wrapped = out.ends_with([',', '('])
                || out.ends_with(" và")
                || line.starts_with(|c: char| !c.is_uppercase());
            out.push_str(if wrapped { " " } else { "; " });
        }
        out.push_str(line);
    }
    squash_spaces(&out)
}

/// Rows of a task table (STT / nội dung / chủ trì / phối hợp / thời gian) as items, with
/// group rows (I, II, A) as parents. `None` when the table is not a task table.
pub(super) fn task_table_items(t: &Table, year: Option<i32>) -> Option<Vec<Item>> {
    let header_at = t.rows.iter().take(4).position(|r| {
        let c = table_columns(r);
        c.content.is_some() && (c.lead.is_some() || c.time.is_some() || c.number.is_some())
    })?;
    let cols = table_columns(&t.rows[header_at]);
    let content_col = cols.content?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &t.rows[header_at + 1..] {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if Some(i) == cols.lead || Some(i) == cols.coordinating {
                    unit_cell(c)
                } else {
                    // Line breaks are spaces to squash_spaces.
                    squash_spaces(c)
                }
            })
            .collect();
        // The column-number row "(1) | (2) | (3)".
        if cells
            .iter()
            .all(|c| c.is_empty() || c.starts_with('(') && c.ends_with(')') && c.len() <= 5)
        {
            continue;
        }
        let number = cols
            .number
            .and_then(|i| cells.get(i))
            .cloned()
            .unwrap_or_default();
        if t.wrapped && number.is_empty() && !rows.is_empty() {
            // antiword: the row continues a wrapped cell.
            let last = rows.last_mut().expect("non-empty");
            for (i, c) in cells.iter().enumerate() {
                if !c.is_empty()
                    && let Some(l) = last.get_mut(i)
                {
                    l.push(' ');
                    l.push_str(c);
                }
            }
            continue;
        }
        rows.push(cells);
    }
    let mut groups: Vec<Item> = Vec::new();
    let mut loose: Vec<Item> = Vec::new();
    let mut last_group_style: Option<Style> = None;
    for cells in rows {
        let get = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let mut number = get(cols.number);
        let mut content = get(Some(content_col));
        // A group row has its title in the first non-number cell and nothing else.
        let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
        if filled == 1 {
            // "I. Kinh tế số" in one merged cell.
            let only = cells
                .iter()
                .find(|c| !c.trim().is_empty())
                .cloned()
                .unwrap_or_default();
            if let Some((m, rest)) = split_marker(&only)
                && matches!(m.style, Style::Roman | Style::UpperLetter)
                && !rest.is_empty()
            {
                number = m.text.trim_end_matches(['.', ')']).to_string();
                content = rest.to_string();
            }
        }
        if content.is_empty() && filled >= 1 {
            content = cells
                .iter()
                .skip(cols.number.map_or(0, |n| n + 1))
                .find(|c| !c.trim().is_empty())
                .cloned()
                .unwrap_or_default();
        }
        if content.is_empty() {
            continue;
        }
        let line = t.line;
        let mut item = Item::new((!number.is_empty()).then(|| number.clone()), line);
        item.text = content.clone();
        let num_style = split_marker(&format!("{number}. x")).map(|(m, _)| m.style);
        let is_group = filled <= 2
            && (matches!(num_style, Some(Style::Roman | Style::UpperLetter))
                || upper_ratio(&content) > 0.8 && !number.chars().all(|c| c.is_ascii_digit()));
        item.lead_units = phrases::split_units(&get(cols.lead));
        item.coordinating_units = phrases::split_units(&get(cols.coordinating));
        let time = get(cols.time);
        if !time.is_empty() {
            item.deadlines = phrases::deadlines(&time, true, year);
        }
        let result = get(cols.result);
        item.targets = phrases::targets(&content, false);
        if !result.is_empty() {
            item.targets.extend(phrases::targets(&result, false));
            item.text.push('\n');
            item.text.push_str(&result);
        }
        item.title = first_sentence(&item.text);
        if is_group {
            last_group_style = num_style;
            groups.push(item);
        } else if matches!(number.as_str(), "-" | "+" | "*")
            || number.contains('.')
                && number.chars().filter(|c| *c == '.').count() >= 1
                && number.trim_end_matches('.').contains('.')
        {
            // A sub-row: a child of the last item.
            let parent = groups
                .last_mut()
                .and_then(|g| g.children.last_mut())
                .or(loose.last_mut());
            match parent {
                Some(p) => p.children.push(item),
                None => loose.push(item),
            }
        } else {
            match groups.last_mut() {
                Some(g) => g.children.push(item),
                None => loose.push(item),
            }
        }
    }
    let _ = last_group_style;
    let mut out = loose;
    out.extend(groups);
    if out.is_empty() {
        return None;
    }
    Some(out)
}

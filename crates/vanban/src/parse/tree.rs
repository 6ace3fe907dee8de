//! The tree of numbered items, built from the markers of the body's paragraphs.

use super::Doc;
use super::fields::{Field, field_of, may_open_field};
use super::sections::{SectionKind, section_kind};
use super::tables::task_table_items;
use crate::lines::Block;
use crate::markers::{Style, split_marker};
use crate::model::{Item, Warning};
use crate::text::upper_ratio;

/// A node while building: an item plus the marker style it was opened with.
struct Node {
    item: Item,
    style: Option<Style>,
    section: bool,
    /// How many of this node's bullet children already have their fields ("Đơn vị thực
    /// hiện:", "Thời gian:") written after them.
    fields_at: usize,
}

/// Builds the tree of numbered items in `from..to`.
pub(super) fn build_tree(doc: &mut Doc, from: usize, to: usize, year: Option<i32>) -> Vec<Item> {
    let mut roots: Vec<Item> = Vec::new();
    // Open nodes, outermost first.
    let mut stack: Vec<Node> = Vec::new();
    for i in from..to.min(doc.blocks.len()) {
        match &doc.blocks[i] {
            Block::Table(t) => {
                let rows = task_table_items(t, year);
                if let Some(rows) = rows {
                    match stack.last_mut() {
                        Some(n) => n.item.children.extend(rows),
                        None => roots.extend(rows),
                    }
                } else {
                    let text = t
                        .rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| c.replace('\n', " "))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    append_text(&mut stack, &mut roots, &text, t.line);
                }
            }
            Block::Para(p) => {
                let t = p.text.trim();
                let marker = split_marker(t);
                let is_section = match &marker {
                    Some((m, rest)) => {
                        // Lengths are tested before case, which reads up to 200 letters.
                        m.style == Style::Part
                            || matches!(m.style, Style::Roman | Style::UpperLetter)
                                && rest.chars().count() < 160
                                && upper_ratio(rest) > 0.75
                    }
                    None => {
                        t.chars().count() < 100
                            && (p.strong || upper_ratio(t) > 0.85)
                            && section_kind(t) != SectionKind::Content
                            && upper_ratio(t) > 0.75
                    }
                };
                match marker {
                    Some((m, rest)) if !matches!(m.style, Style::Article) => {
                        if is_section {
                            close_all(&mut stack, &mut roots);
                        } else if let Some(pos) = stack
                            .iter()
                            .rposition(|n| n.style == Some(m.style) && !n.section)
                        {
                            close_to(&mut stack, &mut roots, pos);
                        } else if m.style != Style::Roman && m.style != Style::UpperLetter {
                            // a new, deeper level
                        } else if let Some(pos) =
                            stack.iter().rposition(|n| n.style == Some(m.style))
                        {
                            close_to(&mut stack, &mut roots, pos);
                        }
                        if let Some(prev) = stack
                            .last()
                            .and_then(|n| n.item.children.last())
                            .or_else(|| if stack.is_empty() { roots.last() } else { None })
                            && prev.numbering.as_deref() == Some(m.text.as_str())
                            && matches!(
                                m.style,
                                Style::Roman | Style::Decimal(_) | Style::UpperLetter
                            )
                        {
                            doc.warnings.push(Warning {
                                line: p.line,
                                message: format!(
                                    "the number {} is used twice; both are kept in order",
                                    m.text
                                ),
                            });
                        }
                        let mut item = Item::new(Some(m.text), p.line);
                        item.text = rest.to_string();
                        stack.push(Node {
                            fields_at: 0,
                            item,
                            style: Some(m.style),
                            section: is_section,
                        });
                    }
                    _ if is_section => {
                        close_all(&mut stack, &mut roots);
                        let mut item = Item::new(None, p.line);
                        item.text = t.to_string();
                        stack.push(Node {
                            fields_at: 0,
                            item,
                            style: None,
                            section: true,
                        });
                    }
                    _ => {
                        attach_fields_to_group(&mut stack, &mut roots, t);
                        append_text(&mut stack, &mut roots, t, p.line)
                    }
                }
            }
        }
    }
    close_all(&mut stack, &mut roots);
    roots
}

/// Fields written after a run of two or more bullets describe the item that holds the
/// bullets, not the last bullet: close the bullet so that the text goes to its parent.
fn attach_fields_to_group(stack: &mut Vec<Node>, roots: &mut Vec<Item>, text: &str) {
    const GROUP_FIELDS: &[Field] = &[Field::Lead, Field::Coordinating, Field::Time];
    if stack.len() < 2 || !may_open_field(text, GROUP_FIELDS) {
        return;
    }
    let Some((field, _)) = field_of(text) else {
        return;
    };
    if !GROUP_FIELDS.contains(&field) {
        return;
    }
    let top = stack.len() - 1;
    if !matches!(
        stack[top].style,
        Some(Style::Dash | Style::Plus | Style::Bullet)
    ) {
        return;
    }
    let parent = &stack[top - 1];
    let bullets_since =
        parent.item.children.len() + 1 - parent.fields_at.min(parent.item.children.len() + 1);
    if bullets_since >= 2 {
        close_to(stack, roots, top);
        let parent = stack.last_mut().expect("parent");
        parent.fields_at = parent.item.children.len();
    } else {
        stack[top - 1].fields_at = stack[top - 1].item.children.len() + 1;
    }
}

fn append_text(stack: &mut [Node], roots: &mut Vec<Item>, text: &str, line: usize) {
    match stack.last_mut() {
        Some(n) => {
            if !n.item.text.is_empty() {
                n.item.text.push('\n');
            }
            n.item.text.push_str(text);
        }
        None => {
            // Text before any heading: keep it as an unnumbered item so nothing is lost.
            let mut item = Item::new(None, line);
            item.text = text.to_string();
            roots.push(item);
        }
    }
}

/// Closes nodes down to and including `pos`.
fn close_to(stack: &mut Vec<Node>, roots: &mut Vec<Item>, pos: usize) {
    while stack.len() > pos {
        let n = stack.pop().expect("non-empty");
        match stack.last_mut() {
            Some(parent) => parent.item.children.push(n.item),
            None => roots.push(n.item),
        }
    }
}

fn close_all(stack: &mut Vec<Node>, roots: &mut Vec<Item>) {
    close_to(stack, roots, 0);
}

//! Appendices ("PHỤ LỤC"): a task table or a short numbered list each.

use super::fields::finish_item;
use super::tables::task_table_items;
use super::tree::build_tree;
use super::zones::is_appendix_label;
use super::{Doc, para};
use crate::lines::Block;
use crate::model::Appendix;
use crate::text::{squash_spaces, upper_ratio};

pub(super) fn read_appendices(
    doc: &mut Doc,
    from: usize,
    to: usize,
    year: Option<i32>,
) -> Vec<Appendix> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if !is_appendix_label(&doc.blocks[i], doc.heads[i].first20()) {
            i += 1;
            continue;
        }
        let label_text = para(&doc.blocks[i])
            .map(|p| p.text.trim().to_string())
            .unwrap_or_default();
        let (label, mut title) = match label_text
            .split_once([':', '.'])
            .filter(|(l, _)| l.chars().count() < 20)
        {
            Some((l, t)) if !t.trim().is_empty() => {
                (l.trim().to_string(), Some(t.trim().to_string()))
            }
            _ => (label_text.clone(), None),
        };
        let next = (i + 1..to)
            .find(|&j| is_appendix_label(&doc.blocks[j], doc.heads[j].first20()))
            .unwrap_or(to);
        let mut items = Vec::new();
        let mut title_parts: Vec<String> = Vec::new();
        let mut j = i + 1;
        while j < next {
            match &doc.blocks[j] {
                Block::Para(p)
                    if items.is_empty()
                        && title.is_none()
                        && !p.text.starts_with('(')
                        && upper_ratio(&p.text) > 0.6
                        && title_parts.len() < 4 =>
                {
                    title_parts.push(p.text.trim().to_string());
                }
                Block::Table(t) => {
                    if let Some(rows) = task_table_items(t, year) {
                        items.extend(rows);
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if title.is_none() && !title_parts.is_empty() {
            title = Some(squash_spaces(&title_parts.join(" ")));
        }
        if items.is_empty() {
            // A list rather than a table: read it as a small tree.
            let tree = build_tree(doc, i + 1, next, year);
            items = tree
                .into_iter()
                .filter(|it| it.numbering.is_some() || !it.children.is_empty())
                .map(|it| finish_item(it, year))
                .collect();
        }
        out.push(Appendix {
            label: Some(label),
            title,
            items,
        });
        i = next;
    }
    out
}

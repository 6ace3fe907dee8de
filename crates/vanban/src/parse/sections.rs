//! The top-level sections and what they become in the plan: purposes, requirements,
//! budget, responsibilities, and the content sections that hold the items.

use super::fields::finish_item;
use crate::markers::marker_parts;
use crate::model::{Budget, Item, Responsibility};
use crate::phrases;
use crate::text::{fold, squash_spaces, upper_ratio};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SectionKind {
    Purpose,
    Requirement,
    PurposeAndRequirement,
    Budget,
    Organisation,
    Content,
}

pub(super) fn section_kind_of(text: &str) -> Option<SectionKind> {
    let t = marker_parts(text).map_or(text, |(_, r)| r);
    if t.chars().count() > 120 || upper_ratio(t) < 0.75 {
        return None;
    }
    Some(section_kind(t))
}

pub(super) fn section_kind(title: &str) -> SectionKind {
    let f = fold(title);
    if f.contains("muc dich") && f.contains("yeu cau") {
        SectionKind::PurposeAndRequirement
    } else if f.starts_with("muc dich") {
        SectionKind::Purpose
    } else if f.starts_with("yeu cau") {
        SectionKind::Requirement
    } else if f.starts_with("kinh phi")
        || f.starts_with("nguon von")
        || f.starts_with("nguon kinh phi")
        || f.starts_with("du toan kinh phi")
    {
        SectionKind::Budget
    } else if f.contains("to chuc thuc hien")
        || f.starts_with("trach nhiem")
        || f.starts_with("phan cong")
    {
        SectionKind::Organisation
    } else {
        SectionKind::Content
    }
}

#[derive(Default)]
pub(super) struct PlanParts {
    pub(super) purposes: Vec<String>,
    pub(super) requirements: Vec<String>,
    pub(super) items: Vec<Item>,
    pub(super) budget: Option<Budget>,
    pub(super) responsibilities: Vec<Responsibility>,
}

/// The paragraphs after an item's heading line, then its children's texts.
fn statements(item: &Item) -> Vec<String> {
    let mut out: Vec<String> = item
        .text
        .split('\n')
        .skip(1)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    for c in &item.children {
        let t = squash_spaces(&c.text);
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
}

pub(super) fn assemble(sections: Vec<Item>, year: Option<i32>) -> PlanParts {
    let mut parts = PlanParts::default();
    let mut content: Vec<Item> = Vec::new();
    for s in sections {
        let heading = s.text.split('\n').next().unwrap_or("").to_string();
        let kind = if s.numbering.is_none() && s.children.is_empty() && upper_ratio(&heading) < 0.75
        {
            SectionKind::Content
        } else {
            section_kind(&heading)
        };
        match kind {
            SectionKind::Purpose => parts.purposes.extend(statements(&s)),
            SectionKind::Requirement => parts.requirements.extend(statements(&s)),
            SectionKind::PurposeAndRequirement => {
                let mut any_sub = false;
                for c in &s.children {
                    let ch = c.text.split('\n').next().unwrap_or("");
                    match section_kind(marker_parts(ch).map_or(ch, |(_, r)| r)) {
                        SectionKind::Purpose => {
                            any_sub = true;
                            parts.purposes.extend(statements(c));
                        }
                        SectionKind::Requirement => {
                            any_sub = true;
                            parts.requirements.extend(statements(c));
                        }
                        _ => {}
                    }
                }
                if !any_sub {
                    parts.purposes.extend(statements(&s));
                }
            }
            SectionKind::Budget => {
                let text = squash_spaces(
                    &std::iter::once(s.text.split_once('\n').map_or("", |(_, r)| r).to_string())
                        .chain(s.children.iter().map(flatten_text))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                let text = if text.is_empty() {
                    squash_spaces(&s.text)
                } else {
                    text
                };
                let amounts = phrases::money_amounts(&text);
                parts.budget = Some(Budget {
                    text,
                    amounts_vnd: amounts,
                });
            }
            SectionKind::Organisation => parts.responsibilities.extend(responsibilities(&s)),
            SectionKind::Content => content.push(s),
        }
    }
    let content: Vec<Item> = content.into_iter().map(|i| finish_item(i, year)).collect();
    // One content section ("B. NỘI DUNG") holds the items; several are kept as items.
    let sections_with_children = content.iter().filter(|c| !c.children.is_empty()).count();
    if sections_with_children == 1 && content.len() <= 2 {
        for c in content {
            if c.children.is_empty() && c.numbering.is_none() {
                continue;
            }
            let has_own_facts =
                !c.lead_units.is_empty() || !c.targets.is_empty() || !c.deadlines.is_empty();
            if c.children.is_empty() || has_own_facts {
                parts.items.push(c);
            } else {
                parts.items.extend(c.children);
            }
        }
    } else {
        parts.items = content;
    }
    parts
}

fn flatten_text(item: &Item) -> String {
    let mut s = item
        .numbering
        .clone()
        .map(|n| format!("{n} "))
        .unwrap_or_default();
    s.push_str(&item.text.replace('\n', " "));
    for c in &item.children {
        s.push(' ');
        s.push_str(&flatten_text(c));
    }
    s
}

/// TỔ CHỨC THỰC HIỆN: one entry per unit, with its duties.
pub(super) fn responsibilities(section: &Item) -> Vec<Responsibility> {
    let mut out = Vec::new();
    for c in &section.children {
        collect_responsibility(c, &mut out);
    }
    out
}

fn collect_responsibility(item: &Item, out: &mut Vec<Responsibility>) {
    let heading = item.text.split('\n').next().unwrap_or("").trim();
    let (unit, inline_duty) = match heading.split_once(':') {
        Some((u, d)) if u.split_whitespace().count() <= 20 => {
            (u.trim().to_string(), d.trim().to_string())
        }
        _ => (
            heading.trim_end_matches(['.', ':']).to_string(),
            String::new(),
        ),
    };
    // "Đề nghị: các sở, ngành ... có trách nhiệm ...": the label is no unit, the sentence
    // after it may name one.
    let (unit, inline_duty) = if inline_duty.is_empty() || phrases::is_unit_start(&unit) {
        (unit, inline_duty)
    } else {
        (inline_duty.clone(), inline_duty)
    };
    // A sentence ("Các sở, ngành và UBND các xã căn cứ ... có trách nhiệm ...") names its
    // unit as its subject; one whose subject is no unit ("Trong quá trình thực hiện, nếu
    // có vướng mắc ...") is a closing remark, not a responsibility.
    let (unit, inline_duty) = if unit.split_whitespace().count() > 20
        || phrases::clean_unit(&unit) != unit.trim_end_matches(['.', ';', ','])
    {
        let duty = if inline_duty.is_empty() {
            heading.to_string()
        } else {
            inline_duty
        };
        (phrases::clean_unit(&unit), duty)
    } else {
        (unit, inline_duty)
    };
    let unit_like = phrases::is_unit_start(&unit) && unit.split_whitespace().count() <= 20;
    if !unit_like && item.children.is_empty() {
        return;
    }
    // A group heading ("Các sở, ngành") whose children name units themselves.
    let unit_children = item.children.iter().filter(|c| {
        let h = c.text.split('\n').next().unwrap_or("");
        h.split_once(':').is_some_and(|(u, _)| {
            phrases::is_unit_start(u.trim()) && u.split_whitespace().count() <= 20
        })
    });
    if !item.children.is_empty()
        && unit_children.count() * 2 > item.children.len()
        && !phrases::is_unit_start(&unit)
    {
        for c in &item.children {
            collect_responsibility(c, out);
        }
        return;
    }
    let mut duties = Vec::new();
    if !inline_duty.is_empty() {
        duties.push(inline_duty);
    }
    duties.extend(statements(item));
    out.push(Responsibility {
        unit: squash_spaces(&unit),
        duties,
    });
}

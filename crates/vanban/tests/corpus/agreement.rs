//! How closely two readings of the same document agree: the measure behind "a PDF reads
//! within 0.02 of its text". Each part (header fields, signer, recipients, item titles,
//! lead units, deadlines, targets) scores the Dice overlap of its values, normalised;
//! the agreement is the mean of the parts either reading has.

use crate::common::norm;
use std::collections::HashMap;
use vanban::ParsedPlan;

fn dice(a: &[String], b: &[String]) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for x in a {
        *counts.entry(x).or_default() += 1;
    }
    let mut common = 0;
    for y in b {
        if let Some(c) = counts.get_mut(y.as_str())
            && *c > 0
        {
            *c -= 1;
            common += 1;
        }
    }
    Some(2.0 * common as f64 / (a.len() + b.len()) as f64)
}

fn parts(p: &ParsedPlan) -> Vec<Vec<String>> {
    let d = &p.document;
    let opt = |o: &Option<String>| o.as_deref().map(norm).into_iter().collect::<Vec<_>>();
    let items = || p.all_items();
    vec![
        [
            Some(norm(&d.kind)),
            d.number.clone(),
            d.symbol.clone(),
            d.date.map(|x| x.to_string()),
            Some(norm(&d.title)),
        ]
        .into_iter()
        .flatten()
        .collect(),
        opt(&d.issuer),
        p.signer
            .iter()
            .flat_map(|s| [opt(&s.authority), opt(&s.title), opt(&s.name)].concat())
            .collect(),
        p.recipients.iter().map(|r| norm(&r.name)).collect(),
        opt(&p.archive),
        items().map(|i| norm(&i.title)).collect(),
        items()
            .flat_map(|i| i.lead_units.iter().map(|u| norm(u)))
            .collect(),
        items()
            .flat_map(|i| &i.deadlines)
            .map(|x| format!("{:?} {:?}", x.due, x.start))
            .collect(),
        items()
            .flat_map(|i| &i.targets)
            .map(|t| format!("{:?} {:?} {}", t.min, t.max, norm(&t.unit)))
            .collect(),
    ]
}

/// 1.0 when the two readings agree on every part.
pub fn agreement(a: &ParsedPlan, b: &ParsedPlan) -> f64 {
    let scores: Vec<f64> = parts(a)
        .iter()
        .zip(parts(b).iter())
        .filter_map(|(x, y)| dice(x, y))
        .collect();
    if scores.is_empty() {
        return 1.0;
    }
    scores.iter().sum::<f64>() / scores.len() as f64
}

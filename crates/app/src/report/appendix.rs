//! The item-by-item rows: the appendix table (every row numbered, units in effect with the
//! inherited ones marked) and the result rows the XLSX annex's figures sheet reads.

use super::compose::Facts;
use super::figures::band;
use super::flat::Flat;
use super::text::title;
use domain::oversight::Band;
use domain::{ItemId, Language, Period, format_target};
use reports::official_report::{AppendixRow, FigureRow, ResultRow};
use std::collections::HashMap;
use store::{EvaluationRecord, ReportText, TargetProgress};

/// How an inherited unit is marked, as on the web's rows.
const INHERITED: &str = "(theo mục cấp trên)";

fn figure_rows(targets: &[&TargetProgress]) -> Vec<FigureRow> {
    targets
        .iter()
        .map(|t| FigureRow {
            target: format_target(t.min, t.max, &t.unit, t.per.as_deref()),
            min: t.min,
            max: t.max,
            actual: t.actual,
            unit: t.unit.clone(),
            attainment: match band(t) {
                Band::NoData => String::new(),
                b => b.label(Language::Vi).to_string(),
            },
        })
        .collect()
}

/// "A, B", and " (theo mục cấp trên)" when they are a parent item's.
fn marked(f: &Flat, names: &[String]) -> String {
    let s = names.join(", ");
    if f.inherited && !s.is_empty() {
        format!("{s} {INHERITED}")
    } else {
        s
    }
}

/// "A (chủ trì); B (phối hợp)".
fn units_text(f: &Flat) -> String {
    let mut units = Vec::new();
    if !f.lead.is_empty() {
        units.push(format!("{} (chủ trì)", f.lead.join(", ")));
    }
    if !f.coord.is_empty() {
        units.push(format!("{} (phối hợp)", f.coord.join(", ")));
    }
    marked(f, &[units.join("; ")])
}

/// What the units reported on an item: "unit (period): text", one a line.
fn reported_text(texts: &[&ReportText]) -> String {
    texts
        .iter()
        .filter(|t| !t.text.trim().is_empty())
        .map(|t| {
            let period = t
                .period
                .parse::<Period>()
                .map(|p| p.label(Language::Vi))
                .unwrap_or_else(|_| t.period.clone());
            format!("{} ({period}): {}", t.unit_name, t.text.trim())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One result row and one appendix row per item, in document order.
pub(super) fn item_rows(
    f: &Facts,
    grades: &HashMap<ItemId, EvaluationRecord>,
) -> (Vec<ResultRow>, Vec<AppendixRow>) {
    let mut results = Vec::with_capacity(f.flat.len());
    let mut appendix = Vec::with_capacity(f.flat.len());
    for x in &f.flat {
        let id = x.id();
        let targets = f.targets_of.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let figures = figure_rows(targets);
        let texts = f.texts_of.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let status = x.status.label(Language::Vi).to_string();
        appendix.push(AppendixRow {
            numbering: x.stt.clone(),
            title: title(&x.node.item.title),
            depth: x.depth,
            lead_units: marked(x, &x.lead),
            due: x.node.item.due,
            figures: figures
                .iter()
                .map(FigureRow::display)
                .collect::<Vec<_>>()
                .join("; "),
            status: status.clone(),
            grade: grades
                .get(&id)
                .map(|g| g.grade.label(Language::Vi).to_string())
                .unwrap_or_default(),
        });
        results.push(ResultRow {
            numbering: x.stt.clone(),
            title: title(&x.node.item.title),
            depth: x.depth,
            done: reported_text(texts),
            figures,
            units: units_text(x),
            status,
            // Paid by the period's end, for an item with an estimate.
            spent: f.money.get(&id).map(|m| m.paid),
        });
    }
    (results, appendix)
}

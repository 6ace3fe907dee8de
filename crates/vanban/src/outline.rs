//! The human-readable outline printed by `sangtao plan parse FILE`.

use crate::model::ParsedPlan;

pub fn render(plan: &ParsedPlan) -> String {
    format!("{} {}\n", plan.document.kind, plan.document.title)
}

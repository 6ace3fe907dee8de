//! The human-readable outline printed by `sangtao plan parse FILE`: numbering, titles,
//! lead (▶) and coordinating (◇) units, targets (◎) and deadlines (⏱), indented.

use crate::model::{Deadline, Item, ParsedPlan, Target};
use std::fmt::Write;

pub fn render(plan: &ParsedPlan) -> String {
    let mut out = String::new();
    let d = &plan.document;
    let _ = writeln!(out, "{} — {}", d.kind.to_uppercase(), d.title);
    let number = match (&d.number, &d.symbol) {
        (Some(n), Some(s)) => format!("{n}/{s}"),
        (None, Some(s)) => format!("…/{s}"),
        (Some(n), None) => n.clone(),
        (None, None) => "—".into(),
    };
    let date = d
        .date
        .map_or("—".to_string(), |x| x.format("%d/%m/%Y").to_string());
    let _ = writeln!(
        out,
        "  Số: {number} · Ngày: {date} · Nơi ban hành: {}",
        d.place.as_deref().unwrap_or("—")
    );
    let issuer = match (&d.parent_issuer, &d.issuer) {
        (Some(p), Some(i)) => format!("{i} ({p})"),
        (None, Some(i)) => i.clone(),
        _ => "—".into(),
    };
    let _ = writeln!(
        out,
        "  Cơ quan ban hành: {issuer} · Năm: {}",
        d.year.map_or("—".into(), |y| y.to_string())
    );
    if let Some(by) = &d.issued_by {
        let _ = writeln!(
            out,
            "  Ban hành kèm theo: {}/{}",
            by.number.as_deref().unwrap_or("…"),
            by.symbol.as_deref().unwrap_or("…")
        );
    }
    if !plan.legal_basis.is_empty() {
        let _ = writeln!(out, "\nCăn cứ ({})", plan.legal_basis.len());
        for b in &plan.legal_basis {
            let _ = writeln!(out, "  · {}", clip(&b.text, 110));
        }
    }
    list(&mut out, "Mục đích", &plan.purposes);
    list(&mut out, "Yêu cầu", &plan.requirements);
    if !plan.items.is_empty() {
        let _ = writeln!(out, "\nNội dung");
        for item in &plan.items {
            render_item(&mut out, item, 1);
        }
    }
    if let Some(b) = &plan.budget {
        let amounts: Vec<String> = b.amounts_vnd.iter().map(|a| format!("{a} ₫")).collect();
        let _ = writeln!(
            out,
            "\nKinh phí: {}{}",
            clip(&b.text, 110),
            if amounts.is_empty() {
                String::new()
            } else {
                format!(" [{}]", amounts.join(", "))
            }
        );
    }
    if !plan.responsibilities.is_empty() {
        let _ = writeln!(out, "\nTổ chức thực hiện");
        for r in &plan.responsibilities {
            let _ = writeln!(out, "  ▶ {} ({} nhiệm vụ)", r.unit, r.duties.len());
            for duty in &r.duties {
                let _ = writeln!(out, "      · {}", clip(duty, 100));
            }
        }
    }
    for a in &plan.appendices {
        let _ = writeln!(
            out,
            "\n{} {}",
            a.label.as_deref().unwrap_or("Phụ lục"),
            a.title.as_deref().unwrap_or("")
        );
        for item in &a.items {
            render_item(&mut out, item, 1);
        }
    }
    if !plan.recipients.is_empty() {
        let names: Vec<String> = plan
            .recipients
            .iter()
            .map(|r| match &r.note {
                Some(n) => format!("{} ({n})", r.name),
                None => r.name.clone(),
            })
            .collect();
        let _ = writeln!(out, "\nNơi nhận: {}", names.join("; "));
    }
    if let Some(a) = &plan.archive {
        let _ = writeln!(out, "Lưu: {a}");
    }
    if let Some(s) = &plan.signer {
        let parts: Vec<&str> = [
            s.authority.as_deref(),
            s.title.as_deref(),
            s.name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let _ = writeln!(out, "Người ký: {}", parts.join(" · "));
    }
    if !plan.warnings.is_empty() {
        let _ = writeln!(out, "\nCảnh báo ({})", plan.warnings.len());
        for w in &plan.warnings {
            let _ = writeln!(out, "  ! dòng {}: {}", w.line, w.message);
        }
    }
    out
}

fn list(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    for s in items {
        let _ = writeln!(out, "  · {}", clip(s, 110));
    }
}

fn render_item(out: &mut String, item: &Item, depth: usize) {
    let pad = "  ".repeat(depth);
    let num = item.numbering.as_deref().unwrap_or("•");
    let _ = writeln!(out, "{pad}{num} {}", clip(&item.title, 100));
    let detail = format!("{pad}    ");
    if !item.lead_units.is_empty() {
        let _ = writeln!(out, "{detail}▶ {}", item.lead_units.join(", "));
    }
    if !item.coordinating_units.is_empty() {
        let _ = writeln!(out, "{detail}◇ {}", item.coordinating_units.join(", "));
    }
    for t in &item.targets {
        let _ = writeln!(out, "{detail}◎ {}", target_text(t));
    }
    for d in &item.deadlines {
        let _ = writeln!(out, "{detail}⏱ {}", deadline_text(d));
    }
    for c in &item.children {
        render_item(out, c, depth + 1);
    }
}

fn figure(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}").replace('.', ",")
    }
}

/// "20–30 cuộc/năm", "≥ 4 tin, bài", "≤ 10 %".
pub fn target_text(t: &Target) -> String {
    let range = match (t.min, t.max) {
        (Some(a), Some(b)) if a == b => figure(a),
        (Some(a), Some(b)) => format!("{}–{}", figure(a), figure(b)),
        (Some(a), None) => format!("≥ {}", figure(a)),
        (None, Some(b)) => format!("≤ {}", figure(b)),
        (None, None) => "?".into(),
    };
    let sep = if t.unit == "%" { "" } else { " " };
    let per = t.per.as_ref().map(|p| format!("/{p}")).unwrap_or_default();
    format!("{range}{sep}{}{per}", t.unit)
}

fn deadline_text(d: &Deadline) -> String {
    let fmt = |x: chrono::NaiveDate| x.format("%d/%m/%Y").to_string();
    match (d.start, d.due, &d.recurrence) {
        (_, _, Some(r)) => r.clone(),
        (Some(s), Some(e), _) => format!("{} → {} ({})", fmt(s), fmt(e), d.text),
        (None, Some(e), _) => format!("hạn {} ({})", fmt(e), d.text),
        (Some(s), None, _) => format!("từ {} ({})", fmt(s), d.text),
        (None, None, _) => d.text.clone(),
    }
}

fn clip(s: &str, n: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

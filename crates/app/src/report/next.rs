//! IV. Phương hướng, nhiệm vụ thời gian tới: the open items due in the next period (after the first half,
//! the second; after nine months, the fourth quarter; after the year, every open item
//! carried over) with their due dates and lead units, the overdue ones to finish, and the
//! targets not yet reached.

use super::compose::Facts;
use super::figures::{band, planned};
use super::flat::Flat;
use super::text::{brief, closed};
use chrono::{Datelike, NaiveDate};
use domain::oversight::{Band, is_open};
use domain::{Language, Period, format_date, format_number};

/// Most items listed one by one; beyond, a count.
const LISTED: usize = 15;

/// The days after `period` within its year and how to call them; None when the period
/// ends the year (what is open is carried over).
pub(super) fn next_window(period: Period) -> Option<(NaiveDate, NaiveDate, String)> {
    let y = period.year();
    let year_end = NaiveDate::from_ymd_opt(y, 12, 31)?;
    let from = period.end().succ_opt()?;
    if from.year() != y {
        return None;
    }
    let label = match period {
        Period::Half(_, 1) => Period::Half(y, 2).label(Language::Vi),
        Period::NineMonths(_) => Period::Quarter(y, 4).label(Language::Vi),
        _ => format!("thời gian còn lại của năm {y}"),
    };
    Some((from, year_end, label))
}

/// "- 2.1. Biên soạn … (hạn 31/12/2025; chủ trì: Phòng Quản lý Di sản văn hóa)."
pub(super) fn item_line(x: &Flat) -> String {
    let mut facts = Vec::new();
    if let Some(d) = x.node.item.due {
        facts.push(format!("hạn {}", format_date(d)));
    }
    if !x.lead.is_empty() {
        facts.push(format!("chủ trì: {}", x.lead.join(", ")));
    }
    let facts = if facts.is_empty() {
        String::new()
    } else {
        format!(" ({})", facts.join("; "))
    };
    closed(&format!("- {} {}{facts}", x.stt, brief(&x.node.item.title)))
}

fn listed(items: &[&Flat]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().take(LISTED).map(|x| item_line(x)).collect();
    if items.len() > LISTED {
        out.push(format!("- Và {} nhiệm vụ khác.", items.len() - LISTED));
    }
    out
}

pub(super) fn next_tasks(f: &Facts) -> String {
    let open: Vec<&Flat> = f
        .flat
        .iter()
        .filter(|x| x.leaf && is_open(x.status))
        .collect();
    let mut lines = Vec::new();
    match next_window(f.period) {
        Some((from, to, label)) => {
            let due: Vec<&Flat> = open
                .iter()
                .copied()
                .filter(|x| x.node.item.due.is_some_and(|d| from <= d && d <= to))
                .collect();
            if !due.is_empty() {
                lines.push(format!(
                    "Trong {label}, tập trung thực hiện {} nhiệm vụ đến hạn:",
                    due.len()
                ));
                lines.extend(listed(&due));
            }
            let late = open.iter().filter(|x| x.overdue).count();
            if late > 0 {
                lines.push(format!(
                    "Khẩn trương hoàn thành {late} nhiệm vụ đã quá hạn nêu tại mục III."
                ));
            }
        }
        None if !open.is_empty() => {
            lines.push(format!(
                "Tiếp tục thực hiện {} nhiệm vụ chưa hoàn thành của Kế hoạch:",
                open.len()
            ));
            lines.extend(listed(&open));
        }
        None => {}
    }
    let short: Vec<String> = f
        .targets
        .iter()
        .filter(|t| matches!(band(t), Band::Below | Band::NoData))
        .map(|t| {
            let subject = f
                .item(t.item_id)
                .map(|x| brief(&x.node.item.title))
                .unwrap_or_default();
            match t.actual {
                Some(a) => format!("- {subject}: hiện đạt {}/{}.", format_number(a), planned(t)),
                None => format!("- {subject}: chưa có số liệu (chỉ tiêu {}).", planned(t)),
            }
        })
        .collect();
    if !short.is_empty() {
        lines.push("Phấn đấu đạt các chỉ tiêu còn lại:".into());
        lines.extend(short);
    }
    if lines.is_empty() {
        return "Tiếp tục theo dõi, duy trì kết quả các nội dung của Kế hoạch.".into();
    }
    lines.join("\n")
}

//! III. Đánh giá chung, and V. Đề xuất, kiến nghị: what was achieved (items done, targets
//! met, events held, delegations), what falls short and why (targets below their minimum
//! with the gap, those without a figure, overdue items with their lead units, and the
//! difficulties the units reported), and what the units proposed.

use super::compose::Facts;
use super::figures::{self, band};
use super::text::{brief, gather};
use domain::oversight::{Band, is_open};
use domain::{ItemStatus, Language, Period, format_date};

/// The counts the assessment quotes: every item of the plan, as the dashboard counts them.
struct Tally {
    total: usize,
    done: usize,
    in_progress: usize,
    not_started: usize,
    late: usize,
}

impl Tally {
    fn of(f: &Facts) -> Tally {
        let count = |s: ItemStatus| f.flat.iter().filter(|x| x.status == s).count();
        Tally {
            total: f.flat.len(),
            done: count(ItemStatus::Done),
            in_progress: count(ItemStatus::InProgress),
            not_started: count(ItemStatus::NotStarted),
            late: f.flat.iter().filter(|x| x.overdue).count(),
        }
    }
}

/// The brief title of a target's item.
fn subject_of(f: &Facts, t: &store::TargetProgress) -> String {
    f.item(t.item_id)
        .map(|x| brief(&x.node.item.title))
        .unwrap_or_default()
}

/// III.1: items done, targets met, events held, delegations that went.
pub(super) fn achievements(f: &Facts) -> String {
    let t = Tally::of(f);
    // Only the counts there are, and a plain word when nothing is done yet.
    let mut counts = Vec::new();
    if t.done == 0 {
        counts.push("chưa có nhiệm vụ hoàn thành".to_string());
    }
    for (n, what) in [
        (t.done, "đã hoàn thành"),
        (t.in_progress, "đang thực hiện"),
        (t.not_started, "chưa triển khai"),
    ] {
        if n > 0 {
            counts.push(format!("{n} {what}"));
        }
    }
    let mut lines = vec![format!(
        "Tính đến ngày {}, Kế hoạch có {} nội dung, nhiệm vụ: {}.",
        format_date(f.period.end()),
        t.total,
        counts.join(", ")
    )];
    let met: Vec<_> = f
        .targets
        .iter()
        .filter(|x| matches!(band(x), Band::Within | Band::Above))
        .collect();
    if !met.is_empty() {
        lines.push(format!(
            "{}/{} chỉ tiêu đã đạt hoặc vượt kế hoạch:",
            met.len(),
            f.targets.len()
        ));
        lines.extend(met.iter().map(|x| figures::sentence(&subject_of(f, x), x)));
    }
    let events: Vec<_> = f.events.values().flatten().collect();
    if !events.is_empty() {
        let mut kinds: Vec<(domain::EventKind, usize)> = Vec::new();
        for e in &events {
            match kinds.iter_mut().find(|(k, _)| *k == e.kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((e.kind, 1)),
            }
        }
        let kinds: Vec<String> = kinds
            .iter()
            .map(|(k, n)| format!("{n} {}", k.label(Language::Vi)))
            .collect();
        lines.push(format!(
            "Trong kỳ đã diễn ra {} sự kiện gắn với Kế hoạch ({}).",
            events.len(),
            kinds.join(", ")
        ));
    }
    let trips: Vec<_> = f.trips.values().flatten().collect();
    if !trips.is_empty() {
        let mut places: Vec<&str> = trips.iter().map(|d| d.destination.trim()).collect();
        places.dedup();
        lines.push(format!(
            "{} đoàn công tác đã đi {}.",
            trips.len(),
            places.join(", ")
        ));
    }
    lines.join("\n")
}

/// III.2: targets below their minimum with the gap, targets without a figure, and the
/// items overdue at the period's end with their lead units.
pub(super) fn difficulties(f: &Facts) -> String {
    let mut lines = Vec::new();
    let (year, end) = (f.period.year(), f.period.end());
    let whole_year = matches!(f.period, Period::Year(_));
    // Before the year's end a target below its minimum is a shortfall only when it is
    // behind the pace the year implies (`domain::oversight::behind_pace`); the others are
    // on their way and said so.
    let behind = |x: &&store::TargetProgress| {
        whole_year || domain::oversight::behind_pace(&x.figure(), year, end).is_some()
    };
    let below: Vec<String> = f
        .targets
        .iter()
        .filter(behind)
        .filter_map(|x| {
            figures::gap(x).map(|g| {
                let pace = if whole_year {
                    String::new()
                } else {
                    figures::pace_note(x, year, end)
                };
                format!("- {}: {g}{pace}.", subject_of(f, x))
            })
        })
        .collect();
    if !below.is_empty() {
        lines.push(if whole_year {
            format!("Còn {} chỉ tiêu chưa đạt mức tối thiểu:", below.len())
        } else {
            format!(
                "Còn {} chỉ tiêu chậm so với tiến độ của năm, có nguy cơ không đạt:",
                below.len()
            )
        });
        lines.extend(below);
    }
    if !whole_year {
        let on_pace: Vec<String> = f
            .targets
            .iter()
            .filter(|x| !behind(x) && band(x) == Band::Below)
            .filter_map(|x| figures::gap(x).map(|g| format!("- {}: {g}.", subject_of(f, x))))
            .collect();
        if !on_pace.is_empty() {
            lines.push(format!(
                "{} chỉ tiêu chưa đạt mức tối thiểu của năm nhưng đúng tiến độ:",
                on_pace.len()
            ));
            lines.extend(on_pace);
        }
    }
    let no_data: Vec<String> = f
        .targets
        .iter()
        .filter(|x| band(x) == Band::NoData)
        .map(|x| format!("- {}: chỉ tiêu {}.", subject_of(f, x), figures::planned(x)))
        .collect();
    if !no_data.is_empty() {
        lines.push(format!(
            "{} chỉ tiêu chưa có số liệu thực hiện:",
            no_data.len()
        ));
        lines.extend(no_data);
    }
    let t = Tally::of(f);
    if t.late > 0 {
        lines.push(format!(
            "Còn {} nhiệm vụ chậm tiến độ (quá hạn tính đến ngày {}):",
            t.late,
            format_date(f.period.end())
        ));
        lines.extend(
            f.flat
                .iter()
                .filter(|x| x.overdue)
                .map(super::next::item_line),
        );
    }
    // At the year's end, what is still open was not done in the plan's year, late or not.
    if matches!(f.period, Period::Year(_)) {
        let unfinished: Vec<String> = f
            .flat
            .iter()
            .filter(|x| x.leaf && !x.overdue && is_open(x.status))
            .map(super::next::item_line)
            .collect();
        if !unfinished.is_empty() {
            lines.push(format!(
                "Đến hết năm {}, còn {} nhiệm vụ chưa hoàn thành:",
                f.period.year(),
                unfinished.len()
            ));
            lines.extend(unfinished);
        }
    }
    if lines.is_empty() {
        return "Không có nhiệm vụ chậm tiến độ và không có chỉ tiêu chưa đạt.".into();
    }
    lines.join("\n")
}

/// III.3: the difficulties the units reported in the period, each once, with the unit.
pub(super) fn causes(f: &Facts) -> String {
    let said = gather(
        f.texts
            .iter()
            .map(|t| (t.difficulties.as_str(), t.unit_name.as_str())),
    );
    if said.is_empty() {
        return "Các đơn vị chưa nêu khó khăn, vướng mắc trong báo cáo tiến độ của kỳ.".into();
    }
    said.iter()
        .map(|s| s.line(true))
        .collect::<Vec<_>>()
        .join("\n")
}

/// V: the units' proposals in the period, each once, with the unit; empty when none (the
/// Board writes its own).
pub(super) fn proposals(f: &Facts) -> String {
    gather(
        f.texts
            .iter()
            .map(|t| (t.proposals.as_str(), t.unit_name.as_str())),
    )
    .iter()
    .map(|s| s.line(true))
    .collect::<Vec<_>>()
    .join("\n")
}

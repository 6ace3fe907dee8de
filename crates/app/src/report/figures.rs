//! A target in words, with the figure as of the period's end (`Loaded::targets`, the
//! dashboard's): "Tham gia các phiên họp online: 21 cuộc, đạt 105% chỉ tiêu kế hoạch
//! (20–30 cuộc/năm)." — "vượt" above the maximum, "mới đạt x/y" below the minimum, and its
//! shortfall for the assessment.

use domain::oversight::Band;
use domain::{format_number, format_target};
use store::TargetProgress;

pub(super) fn band(t: &TargetProgress) -> Band {
    Band::of(&t.figure())
}

/// "20–30 cuộc/năm".
pub(super) fn planned(t: &TargetProgress) -> String {
    format_target(t.min, t.max, &t.unit, t.per.as_deref())
}

/// "21 cuộc", with the units' own figure when a count differs from it.
fn amount(t: &TargetProgress, actual: f64) -> String {
    let mut s = with_unit(actual, &t.unit);
    if let Some(d) = t.discrepancy() {
        s.push_str(&format!(
            " theo hồ sơ (các đơn vị báo cáo {})",
            format_number(d.reported)
        ));
    }
    s
}

fn with_unit(x: f64, unit: &str) -> String {
    match unit.trim() {
        "" => format_number(x),
        u => format!("{} {u}", format_number(x)),
    }
}

/// How the figure stands against the plan, after "subject: ".
pub(super) fn standing(t: &TargetProgress) -> String {
    let plan = planned(t);
    let f = t.figure();
    let Some(actual) = t.actual else {
        return format!("chưa có số liệu thực hiện (chỉ tiêu kế hoạch {plan})");
    };
    let pct = f.percent_of_minimum();
    match (band(t), t.min, pct) {
        (Band::Below, Some(min), _) if actual <= 0.0 => {
            format!(
                "chưa có kết quả (0/{}; chỉ tiêu kế hoạch {plan})",
                with_unit(min, &t.unit)
            )
        }
        (Band::Below, Some(min), Some(p)) => format!(
            "mới đạt {}/{}{}, bằng {p}% mức tối thiểu của chỉ tiêu kế hoạch ({plan})",
            format_number(actual),
            with_unit(min, &t.unit),
            discrepancy_note(t),
        ),
        (Band::Above, _, Some(p)) => format!(
            "{}, đạt {p}% và vượt chỉ tiêu kế hoạch ({plan})",
            amount(t, actual)
        ),
        (Band::Above, _, None) => format!(
            "{}, vượt mức tối đa của kế hoạch ({plan})",
            amount(t, actual)
        ),
        (_, _, Some(p)) => format!("{}, đạt {p}% chỉ tiêu kế hoạch ({plan})", amount(t, actual)),
        _ if t.max.is_some() => format!("{}, trong mức kế hoạch ({plan})", amount(t, actual)),
        _ => amount(t, actual),
    }
}

fn discrepancy_note(t: &TargetProgress) -> String {
    t.discrepancy().map_or_else(String::new, |d| {
        format!(
            " theo hồ sơ (các đơn vị báo cáo {})",
            format_number(d.reported)
        )
    })
}

/// "- Tham gia các phiên họp online: 21 cuộc, đạt 105% chỉ tiêu kế hoạch (20–30 cuộc/năm)."
pub(super) fn sentence(subject: &str, t: &TargetProgress) -> String {
    format!("- {subject}: {}.", standing(t))
}

/// What is missing of a figure below its minimum, for "tồn tại, hạn chế": "mới đạt 15
/// cuộc, còn thiếu 5 cuộc so với mức tối thiểu 20 cuộc (chỉ tiêu 20–30 cuộc/năm)"; None
/// when the target is reached, has no minimum or no figure yet.
pub(super) fn gap(t: &TargetProgress) -> Option<String> {
    let missing = t.figure().shortfall()?;
    let (min, actual) = (t.min?, t.actual?);
    if actual <= 0.0 {
        return Some(format!(
            "chưa có kết quả{} (chỉ tiêu {})",
            discrepancy_note(t),
            planned(t)
        ));
    }
    Some(format!(
        "mới đạt {}{}, còn thiếu {} so với mức tối thiểu {} (chỉ tiêu {})",
        with_unit(actual, &t.unit),
        discrepancy_note(t),
        with_unit(missing, &t.unit),
        with_unit(min, &t.unit),
        planned(t)
    ))
}

/// "; đến 30/06/2025 cần khoảng 14 trang theo tiến độ của năm" for a target behind the
/// pace of its year at `as_of` (`domain::oversight::behind_pace`), else empty.
pub(super) fn pace_note(t: &TargetProgress, year: i32, as_of: chrono::NaiveDate) -> String {
    match domain::oversight::behind_pace(&t.figure(), year, as_of) {
        Some(b) => format!(
            "; đến {} cần khoảng {} theo tiến độ của năm",
            domain::format_date(as_of),
            with_unit(b.expected, &t.unit)
        ),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::target;
    use super::*;

    #[test]
    fn a_target_in_words_against_its_plan() {
        let s = |actual| {
            sentence(
                "Tham gia các phiên họp online",
                &target(1, 1, 20.0, 30.0, "cuộc", actual),
            )
        };
        assert_eq!(
            s(Some(21.0)),
            "- Tham gia các phiên họp online: 21 cuộc, đạt 105% chỉ tiêu kế hoạch (20–30 cuộc/năm)."
        );
        assert_eq!(
            s(Some(32.0)),
            "- Tham gia các phiên họp online: 32 cuộc, đạt 160% và vượt chỉ tiêu kế hoạch \
             (20–30 cuộc/năm)."
        );
        assert_eq!(
            s(Some(15.0)),
            "- Tham gia các phiên họp online: mới đạt 15/20 cuộc, bằng 75% mức tối thiểu của \
             chỉ tiêu kế hoạch (20–30 cuộc/năm)."
        );
        assert_eq!(
            s(None),
            "- Tham gia các phiên họp online: chưa có số liệu thực hiện (chỉ tiêu kế hoạch \
             20–30 cuộc/năm)."
        );
        assert_eq!(
            s(Some(0.0)),
            "- Tham gia các phiên họp online: chưa có kết quả (0/20 cuộc; chỉ tiêu kế hoạch \
             20–30 cuộc/năm)."
        );
    }

    #[test]
    fn a_count_the_units_reported_otherwise_says_both() {
        let mut t = target(1, 1, 20.0, 30.0, "cuộc", Some(1.0));
        t.source = store::TargetSource::Counted {
            rule: domain::CountingRule {
                kinds: vec!["online_session".into()],
                statuses: vec!["held".into()],
                window: domain::Window::Year { year: 2025 },
                item: Some(domain::ItemId(1)),
                measure: domain::Measure::Count,
            },
        };
        t.reported = Some(12.0);
        assert_eq!(
            gap(&t).unwrap(),
            "mới đạt 1 cuộc theo hồ sơ (các đơn vị báo cáo 12), còn thiếu 19 cuộc so với mức \
             tối thiểu 20 cuộc (chỉ tiêu 20–30 cuộc/năm)"
        );
    }

    #[test]
    fn the_gap_to_the_minimum() {
        let t = |actual| target(1, 1, 20.0, 30.0, "cuộc", actual);
        assert_eq!(
            gap(&t(Some(15.0))).unwrap(),
            "mới đạt 15 cuộc, còn thiếu 5 cuộc so với mức tối thiểu 20 cuộc (chỉ tiêu 20–30 \
             cuộc/năm)"
        );
        assert!(gap(&t(Some(20.0))).is_none());
        assert_eq!(
            gap(&t(Some(0.0))).unwrap(),
            "chưa có kết quả (chỉ tiêu 20–30 cuộc/năm)"
        );
        assert!(gap(&t(None)).is_none(), "no figure is said apart");
    }
}

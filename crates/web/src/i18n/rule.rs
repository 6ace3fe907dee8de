//! A counting rule in words, from the `rule-*` messages: "Đếm: phiên họp trực tuyến đã
//! diễn ra trong năm 2025 gắn với mục này".

use super::Tr;
use domain::{CountingRule, KindInfo, Language, Measure, Window, format_date};

/// `kinds` names the record kinds, their statuses and fields; an unknown code is shown as
/// it is.
pub fn describe_rule(rule: &CountingRule, kinds: &[KindInfo], lang: Language) -> String {
    let tr = Tr::get(lang);
    let info = |k: &str| kinds.iter().find(|i| i.code == k);
    let known = || rule.kinds.iter().filter_map(|k| info(k));
    let kind_names: Vec<String> = rule
        .kinds
        .iter()
        .map(|k| info(k).map_or(k.clone(), |i| i.label(lang).to_string()))
        .collect();
    let status_names: Vec<String> = rule
        .statuses
        .iter()
        .map(|s| {
            known()
                .find_map(|i| i.status_label(s, lang))
                .map_or(s.clone(), str::to_string)
        })
        .collect();
    let joined = join_words(&kind_names, tr.t("rule.and"));
    let mut parts = vec![match &rule.measure {
        Measure::Count => tr.f("rule.count", &[("kinds", &joined)]),
        Measure::Sum { field } => {
            let name = known()
                .find_map(|i| i.field_label(field, lang))
                .map_or(field.clone(), str::to_string);
            tr.f("rule.sum", &[("field", &name), ("kinds", &joined)])
        }
    }];
    parts.push(join_words(&status_names, tr.t("rule.or")));
    parts.push(match &rule.window {
        Window::Any => String::new(),
        Window::Year { year } => tr.f("rule.year", &[("year", &year.to_string())]),
        Window::Range { from, to } => tr.f(
            "rule.range",
            &[("from", &format_date(*from)), ("to", &format_date(*to))],
        ),
    });
    if rule.item.is_some() {
        parts.push(tr.t("rule.linked").to_string());
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// "a, b và c".
fn join_words(words: &[String], conj: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conj} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use domain::ItemId;

    const KINDS: &[KindInfo] = &[
        KindInfo {
            code: "club_meeting",
            vi: "buổi sinh hoạt câu lạc bộ",
            en: "club meeting",
            statuses: &[("held", "đã diễn ra", "held")],
            fields: &[("attendees", "số người tham dự", "attendees")],
        },
        KindInfo {
            code: "online_session",
            vi: "phiên họp trực tuyến",
            en: "online session",
            statuses: &[("held", "đã diễn ra", "held")],
            fields: &[],
        },
    ];

    fn rule(measure: Measure, kinds: &[&str]) -> CountingRule {
        CountingRule {
            kinds: kinds.iter().map(|k| k.to_string()).collect(),
            statuses: vec!["held".into()],
            window: Window::Year { year: 2025 },
            item: Some(ItemId(7)),
            measure,
        }
    }

    #[test]
    fn rules_are_described_in_words() {
        let r = rule(Measure::Count, &["online_session"]);
        assert_eq!(
            describe_rule(&r, KINDS, Language::Vi),
            "Đếm: phiên họp trực tuyến đã diễn ra trong năm 2025 gắn với mục này"
        );
        assert_eq!(
            describe_rule(&r, KINDS, Language::En),
            "Count: online session held in 2025 linked to this item"
        );
        let s = rule(
            Measure::Sum {
                field: "attendees".into(),
            },
            &["club_meeting"],
        );
        assert_eq!(
            describe_rule(&s, KINDS, Language::Vi),
            "Tổng số người tham dự của: buổi sinh hoạt câu lạc bộ đã diễn ra trong năm 2025 gắn với mục này"
        );
        let mut many = rule(Measure::Count, &["a", "b", "online_session"]);
        many.item = None;
        many.window = Window::Range {
            from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(),
        };
        assert_eq!(
            describe_rule(&many, KINDS, Language::Vi),
            "Đếm: a, b và phiên họp trực tuyến đã diễn ra từ 01/01/2025 đến 30/06/2025"
        );
    }

    #[test]
    fn media_rules_in_words() {
        let r = CountingRule {
            kinds: vec!["clip".into()],
            statuses: vec!["published".into()],
            window: Window::Year { year: 2025 },
            item: Some(ItemId(7)),
            measure: Measure::Count,
        };
        let all = domain::counting::RECORD_KINDS;
        assert_eq!(
            describe_rule(&r, all, Language::Vi),
            "Đếm: clip đã phát hành trong năm 2025 gắn với mục này"
        );
        assert_eq!(
            describe_rule(&r, all, Language::En),
            "Count: clip published in 2025 linked to this item"
        );
        let pages = CountingRule {
            kinds: vec!["magazine".into()],
            measure: Measure::Sum {
                field: "pages".into(),
            },
            ..r
        };
        assert_eq!(
            describe_rule(&pages, all, Language::Vi),
            "Tổng trang của: chuyên đề tạp chí đã phát hành trong năm 2025 gắn với mục này"
        );
    }

    #[test]
    fn reminder_subjects_before_on_and_after_the_due_date() {
        let vi = |when: &str, days: &str| {
            super::super::vi_text(
                "reminder.subject",
                &[
                    ("when", when),
                    ("days", days),
                    ("due", "30/06/2025"),
                    ("item", "x"),
                ],
            )
        };
        assert_eq!(
            vi("before", "3"),
            "[Đôn đốc] Còn 3 ngày đến hạn (30/06/2025): x"
        );
        assert_eq!(
            vi("today", "0"),
            "[Đôn đốc] Hôm nay đến hạn (30/06/2025): x"
        );
        assert_eq!(
            vi("overdue", "6"),
            "[Đôn đốc] Quá hạn 6 ngày (hạn 30/06/2025): x"
        );
        let en = Tr::get(Language::En).f(
            "reminder.subject",
            &[
                ("when", "overdue"),
                ("days", "6"),
                ("due", "30/06/2025"),
                ("item", "x"),
            ],
        );
        assert_eq!(en, "[Reminder] 6 days overdue (due 30/06/2025): x");
    }
}

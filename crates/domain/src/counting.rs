//! Target actuals (issue 4), generic over record kinds so that events (issue 5) and
//! media works plug in by implementing [`Record`] and describing their kind with a
//! [`KindInfo`].
//!
//! A target's actual is either **entered** (figures in progress reports, see
//! [`entered_actual`]) or **counted** by a [`CountingRule`] over records
//! ([`actual`]). Attainment compares it with the target's min–max ([`attainment`]).
//! Which rule a target's wording asks for at import: [`suggest`]. A counted target's
//! figure is never silently swapped for the reported one: [`Discrepancy`].

pub mod suggest;

use crate::ids::ItemId;
use crate::vocab::Language;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Anything a counting rule can count: an event, a media work, a test record.
pub trait Record {
    /// Stable kind code, e.g. "online_session".
    fn kind(&self) -> &str;
    /// Stable status code, e.g. "held".
    fn status(&self) -> &str;
    /// The date the record counts on (an event's start, a work's publication).
    fn date(&self) -> Option<NaiveDate>;
    /// Plan items the record is linked to.
    fn linked_items(&self) -> &[ItemId];
    /// A numeric field such as "pages" or "minutes".
    fn number(&self, field: &str) -> Option<f64>;
}

/// What a counting rule adds up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Measure {
    /// One per matching record.
    Count,
    /// The sum of a numeric field over matching records (missing counts as 0).
    Sum { field: String },
}

/// Which dates count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "within", rename_all = "snake_case")]
pub enum Window {
    /// Any date, undated records included.
    Any,
    /// Jan 1 – Dec 31 of the year.
    Year { year: i32 },
    /// Inclusive range.
    Range { from: NaiveDate, to: NaiveDate },
}

impl Window {
    fn admits(&self, date: Option<NaiveDate>) -> bool {
        match (self, date) {
            (Window::Any, _) => true,
            (Window::Year { year }, Some(d)) => chrono::Datelike::year(&d) == *year,
            (Window::Range { from, to }, Some(d)) => *from <= d && d <= *to,
            (_, None) => false,
        }
    }
}

/// A rule counting records toward a target, stored as JSON beside the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountingRule {
    /// Record kinds that count (one or more: "seminars, workshops and exhibitions").
    pub kinds: Vec<String>,
    /// Statuses that count; empty means any.
    #[serde(default)]
    pub statuses: Vec<String>,
    pub window: Window,
    /// Only records linked to this item (normally the target's own item); None: all.
    #[serde(default)]
    pub item: Option<ItemId>,
    pub measure: Measure,
}

impl CountingRule {
    pub fn matches(&self, r: &dyn Record) -> bool {
        self.kinds.iter().any(|k| k == r.kind())
            && (self.statuses.is_empty() || self.statuses.iter().any(|s| s == r.status()))
            && self.window.admits(r.date())
            && self.item.is_none_or(|i| r.linked_items().contains(&i))
    }
}

/// Labels of a record kind, its statuses and numeric fields (each: code, vi, en).
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    pub code: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub statuses: &'static [(&'static str, &'static str, &'static str)],
    pub fields: &'static [(&'static str, &'static str, &'static str)],
}

impl KindInfo {
    pub fn label(&self, lang: Language) -> &'static str {
        match lang {
            Language::Vi => self.vi,
            Language::En => self.en,
        }
    }

    fn pick(
        list: &'static [(&'static str, &'static str, &'static str)],
        code: &str,
        lang: Language,
    ) -> Option<&'static str> {
        list.iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, vi, en)| match lang {
                Language::Vi => *vi,
                Language::En => *en,
            })
    }

    pub fn status_label(&self, code: &str, lang: Language) -> Option<&'static str> {
        KindInfo::pick(self.statuses, code, lang)
    }

    pub fn field_label(&self, code: &str, lang: Language) -> Option<&'static str> {
        KindInfo::pick(self.fields, code, lang)
    }
}

const EVENT_STATUSES: &[(&str, &str, &str)] = &[
    ("planned", "dự kiến", "planned"),
    ("confirmed", "đã xác nhận", "confirmed"),
    ("held", "đã diễn ra", "held"),
    ("cancelled", "đã hủy", "cancelled"),
];
const MEDIA_STATUSES: &[(&str, &str, &str)] = &[
    ("draft", "đang thực hiện", "in progress"),
    ("published", "đã phát hành", "published"),
];

/// The record kinds of the plan's work: events (issue 5) and media works. Their codes are
/// what those records save in `records.kind`; counting rules pick among them.
pub const RECORD_KINDS: &[KindInfo] = &[
    KindInfo {
        code: "online_session",
        vi: "phiên họp trực tuyến",
        en: "online session",
        statuses: EVENT_STATUSES,
        fields: &[],
    },
    KindInfo {
        code: "conference",
        vi: "hội nghị",
        en: "conference",
        statuses: EVENT_STATUSES,
        fields: &[],
    },
    KindInfo {
        code: "forum",
        vi: "diễn đàn",
        en: "forum",
        statuses: EVENT_STATUSES,
        fields: &[],
    },
    KindInfo {
        code: "talk",
        vi: "tọa đàm",
        en: "talk",
        statuses: EVENT_STATUSES,
        fields: &[],
    },
    KindInfo {
        code: "workshop",
        vi: "hội thảo/workshop",
        en: "workshop",
        statuses: EVENT_STATUSES,
        fields: &[],
    },
    KindInfo {
        code: "display",
        vi: "trưng bày",
        en: "display",
        statuses: EVENT_STATUSES,
        fields: &[],
    },
    KindInfo {
        code: "exhibition",
        vi: "triển lãm",
        en: "exhibition",
        statuses: EVENT_STATUSES,
        fields: &[],
    },
    KindInfo {
        code: "clip",
        vi: "clip",
        en: "clip",
        statuses: MEDIA_STATUSES,
        fields: &[("minutes", "phút", "minutes")],
    },
    KindInfo {
        code: "magazine",
        vi: "chuyên đề tạp chí",
        en: "magazine feature",
        statuses: MEDIA_STATUSES,
        fields: &[("pages", "trang", "pages")],
    },
    KindInfo {
        code: "documentary",
        vi: "phóng sự",
        en: "documentary",
        statuses: MEDIA_STATUSES,
        fields: &[("minutes", "phút", "minutes")],
    },
    KindInfo {
        code: "publication",
        vi: "ấn phẩm",
        en: "publication",
        statuses: MEDIA_STATUSES,
        fields: &[("pages", "trang", "pages")],
    },
    KindInfo {
        code: "news_post",
        vi: "tin bài",
        en: "news post",
        statuses: MEDIA_STATUSES,
        fields: &[],
    },
    KindInfo {
        code: "photo_set",
        vi: "bộ ảnh",
        en: "photo set",
        statuses: MEDIA_STATUSES,
        fields: &[],
    },
];

/// The kind with this code, if it is one of [`RECORD_KINDS`].
pub fn kind_info(code: &str) -> Option<&'static KindInfo> {
    RECORD_KINDS.iter().find(|k| k.code == code)
}

/// The statuses that mean "done" for these kinds: an event held, a work published.
pub fn counted_statuses(kinds: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in kinds.iter().filter_map(|k| kind_info(k)) {
        let done = if k.statuses == EVENT_STATUSES {
            "held"
        } else {
            "published"
        };
        if !out.iter().any(|s| s == done) {
            out.push(done.to_string());
        }
    }
    out
}

/// The rule applied to records.
pub fn actual<'a, R: Record + 'a>(
    rule: &CountingRule,
    records: impl IntoIterator<Item = &'a R>,
) -> f64 {
    records
        .into_iter()
        .filter(|r| rule.matches(*r))
        .map(|r| match &rule.measure {
            Measure::Count => 1.0,
            Measure::Sum { field } => r.number(field).unwrap_or(0.0),
        })
        // Not `sum()`: an empty f64 sum is -0.0, which exports would write as "-0".
        .fold(0.0, |a, b| a + b)
}

/// Where an actual stands against the target's min–max.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attainment {
    Below,
    Within,
    Above,
    /// The target has neither a minimum nor a maximum.
    Unbounded,
}

impl Attainment {
    pub fn as_str(self) -> &'static str {
        match self {
            Attainment::Below => "below",
            Attainment::Within => "within",
            Attainment::Above => "above",
            Attainment::Unbounded => "unbounded",
        }
    }

    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Attainment::Below, Language::Vi) => "Chưa đạt",
            (Attainment::Within, Language::Vi) => "Đạt",
            (Attainment::Above, Language::Vi) => "Vượt",
            (Attainment::Unbounded, Language::Vi) => "Không có chỉ tiêu số",
            (Attainment::Below, Language::En) => "Below",
            (Attainment::Within, Language::En) => "Within",
            (Attainment::Above, Language::En) => "Above",
            (Attainment::Unbounded, Language::En) => "No numeric target",
        }
    }
}

/// "20–30": below 20, within 20..=30, above 30. "≥ 20" (no max): below or within, never
/// above. "≤ 5" (no min): within or above. "30" is stored as min = max = 30.
pub fn attainment(actual: f64, min: Option<f64>, max: Option<f64>) -> Attainment {
    match (min, max) {
        (None, None) => Attainment::Unbounded,
        (Some(lo), _) if actual < lo => Attainment::Below,
        (_, Some(hi)) if actual > hi => Attainment::Above,
        _ => Attainment::Within,
    }
}

/// One figure entered in a progress report (the latest version of that report).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnteredFigure {
    pub unit: crate::UnitId,
    /// The end of the report's period.
    pub period_end: NaiveDate,
    /// Orders reports of the same unit and period end (the report's id).
    pub seq: i64,
    pub value: f64,
}

/// The actual of an entered target. Figures are **cumulative to the end of their period**
/// ("lũy kế"), for the reporting unit's own share: each unit's latest figure (latest
/// period end, then latest report) stands, and the units' figures add up. This way a
/// month, a quarter and a year report never count the same work twice. None when
/// nothing was reported.
pub fn entered_actual(figures: &[EnteredFigure]) -> Option<f64> {
    let mut latest: Vec<EnteredFigure> = Vec::new();
    for f in figures {
        match latest.iter_mut().find(|l| l.unit == f.unit) {
            Some(l) if (f.period_end, f.seq) > (l.period_end, l.seq) => *l = *f,
            Some(_) => {}
            None => latest.push(*f),
        }
    }
    (!latest.is_empty()).then(|| latest.iter().map(|f| f.value).sum())
}

/// A counted target's figure beside the figure the units reported, when the two differ.
/// Pages show both and the difference rather than pick one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Discrepancy {
    pub reported: f64,
    pub counted: f64,
    /// `reported - counted`: above 0 when the units report more than the records show.
    pub difference: f64,
}

impl Discrepancy {
    /// Some when both figures exist and differ (beyond rounding).
    pub fn between(reported: Option<f64>, counted: Option<f64>) -> Option<Discrepancy> {
        let (reported, counted) = (reported?, counted?);
        let difference = reported - counted;
        (difference.abs() > 1e-9).then_some(Discrepancy {
            reported,
            counted,
            difference,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnitId;

    /// A record kind of the tests' own: club meetings with attendee counts.
    struct Meeting {
        kind: &'static str,
        status: &'static str,
        date: Option<NaiveDate>,
        items: Vec<ItemId>,
        attendees: Option<f64>,
    }

    impl Record for Meeting {
        fn kind(&self) -> &str {
            self.kind
        }
        fn status(&self) -> &str {
            self.status
        }
        fn date(&self) -> Option<NaiveDate> {
            self.date
        }
        fn linked_items(&self) -> &[ItemId] {
            &self.items
        }
        fn number(&self, field: &str) -> Option<f64> {
            (field == "attendees").then_some(self.attendees).flatten()
        }
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn m(
        kind: &'static str,
        status: &'static str,
        date: Option<NaiveDate>,
        items: &[i64],
        n: f64,
    ) -> Meeting {
        Meeting {
            kind,
            status,
            date,
            items: items.iter().map(|i| ItemId(*i)).collect(),
            attendees: Some(n),
        }
    }

    fn rule(measure: Measure) -> CountingRule {
        CountingRule {
            kinds: vec!["club_meeting".into()],
            statuses: vec!["held".into()],
            window: Window::Year { year: 2025 },
            item: Some(ItemId(7)),
            measure,
        }
    }

    fn records() -> Vec<Meeting> {
        vec![
            m("club_meeting", "held", d(2025, 3, 1), &[7], 10.0),
            m("club_meeting", "held", d(2025, 12, 31), &[7, 8], 5.0),
            m("club_meeting", "planned", d(2025, 5, 1), &[7], 99.0),
            m("club_meeting", "held", d(2024, 12, 31), &[7], 99.0),
            m("club_meeting", "held", d(2025, 6, 1), &[8], 99.0),
            m("club_meeting", "held", None, &[7], 99.0),
            m("online_session", "held", d(2025, 6, 1), &[7], 99.0),
        ]
    }

    #[test]
    fn counts_only_matching_records() {
        assert_eq!(actual(&rule(Measure::Count), &records()), 2.0);
        let sum = rule(Measure::Sum {
            field: "attendees".into(),
        });
        assert_eq!(actual(&sum, &records()), 15.0);
        let mut any = rule(Measure::Count);
        any.statuses.clear();
        any.item = None;
        any.window = Window::Any;
        assert_eq!(actual(&any, &records()), 6.0);
        let mut two_kinds = rule(Measure::Count);
        two_kinds.kinds.push("online_session".into());
        assert_eq!(actual(&two_kinds, &records()), 3.0);
        let mut range = rule(Measure::Count);
        range.window = Window::Range {
            from: d(2025, 1, 1).unwrap(),
            to: d(2025, 6, 30).unwrap(),
        };
        assert_eq!(actual(&range, &records()), 1.0);
    }

    #[test]
    fn nothing_matching_is_a_plain_zero() {
        let none: Vec<Meeting> = Vec::new();
        let zero = actual(&rule(Measure::Count), &none);
        assert!(zero == 0.0 && zero.is_sign_positive());
    }

    #[test]
    fn rules_round_trip_as_json() {
        let r = rule(Measure::Sum {
            field: "pages".into(),
        });
        let j = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<CountingRule>(&j).unwrap(), r);
        let minimal: CountingRule = serde_json::from_str(
            r#"{"kinds":["x"],"window":{"within":"any"},"measure":{"op":"count"}}"#,
        )
        .unwrap();
        assert!(minimal.statuses.is_empty() && minimal.item.is_none());
    }

    #[test]
    fn attainment_against_ranges_and_one_sided_targets() {
        use Attainment::*;
        assert_eq!(attainment(19.0, Some(20.0), Some(30.0)), Below);
        assert_eq!(attainment(20.0, Some(20.0), Some(30.0)), Within);
        assert_eq!(attainment(21.0, Some(20.0), Some(30.0)), Within);
        assert_eq!(attainment(31.0, Some(20.0), Some(30.0)), Above);
        assert_eq!(attainment(500.0, Some(20.0), None), Within, "≥ 20");
        assert_eq!(attainment(3.0, Some(20.0), None), Below, "≥ 20");
        assert_eq!(attainment(0.0, None, Some(5.0)), Within, "≤ 5");
        assert_eq!(attainment(6.0, None, Some(5.0)), Above, "≤ 5");
        assert_eq!(attainment(30.0, Some(30.0), Some(30.0)), Within);
        assert_eq!(attainment(1.0, None, None), Unbounded);
        assert_eq!(Within.label(Language::Vi), "Đạt");
    }

    #[test]
    fn entered_actual_takes_each_units_latest_cumulative_figure() {
        let f = |unit, end: Option<NaiveDate>, seq, value| EnteredFigure {
            unit: UnitId(unit),
            period_end: end.unwrap(),
            seq,
            value,
        };
        assert_eq!(entered_actual(&[]), None);
        let figures = [
            f(1, d(2025, 3, 31), 1, 4.0),
            f(1, d(2025, 6, 30), 2, 9.0),
            f(1, d(2025, 6, 30), 5, 10.0), // a later report for the same period wins
            f(1, d(2025, 5, 31), 9, 7.0),  // an earlier period filed late does not
            f(2, d(2025, 6, 30), 3, 2.0),
        ];
        assert_eq!(entered_actual(&figures), Some(12.0));
    }

    #[test]
    fn a_discrepancy_needs_both_figures_and_a_difference() {
        assert_eq!(
            Discrepancy::between(Some(12.0), Some(1.0)),
            Some(Discrepancy {
                reported: 12.0,
                counted: 1.0,
                difference: 11.0
            })
        );
        let under = Discrepancy::between(Some(1.0), Some(4.0)).unwrap();
        assert_eq!(under.difference, -3.0);
        assert_eq!(Discrepancy::between(Some(3.0), Some(3.0)), None);
        assert_eq!(Discrepancy::between(Some(0.1 + 0.2), Some(0.3)), None);
        assert_eq!(Discrepancy::between(None, Some(1.0)), None);
        assert_eq!(Discrepancy::between(Some(1.0), None), None);
    }

    #[test]
    fn media_kinds_are_the_media_vocabulary() {
        for k in crate::media::MediaKind::ALL {
            let info = kind_info(k.as_str()).expect("every media kind is a record kind");
            assert_eq!(counted_statuses(&[k.as_str().into()]), ["published"]);
            assert_eq!(info.vi, k.label(Language::Vi));
        }
    }
}

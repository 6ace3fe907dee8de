//! The counting rule a target's wording asks for (issue 11). "Tham gia các phiên họp online
//! … (20-30 cuộc/năm)" counts online sessions held in the plan year; "30- 40 trang trong các
//! số chuyên đề của tạp chí" adds up the pages of the magazine features published. The import
//! gives such targets their rule, so that a held event counts without anyone changing a
//! setting; every other target stays entered (figures from the units' reports). The lead unit
//! can switch either way afterwards.
//!
//! Only wording that says what to count gets a rule: the unit must be one that counts
//! such records (cuộc, phiên, buổi for events; trang, phút, clip for media works), and the
//! words must name the kind. When they name online sessions and other events at once, the
//! target is left to the people who know which one is meant.

use super::{CountingRule, Measure, Window, counted_statuses};
use crate::ids::ItemId;
use vntext::text::{find_word, fold};

/// A target's wording, with its item's: everything a rule is read from.
#[derive(Debug, Clone, Copy)]
pub struct TargetWording<'a> {
    /// The figure as the reader kept it ("20-30 cuộc/năm").
    pub text: &'a str,
    /// "cuộc", "trang", "phút", "clip", …
    pub unit: &'a str,
    pub item_title: &'a str,
    pub item_body: &'a str,
    pub item: ItemId,
    /// The plan's year; without one, records of any date count.
    pub year: Option<i32>,
}

/// Units that count events one by one ("03-05 cuộc", "20 phiên", "04 buổi").
const EVENT_UNITS: &[&str] = &["cuoc", "phien", "buoi"];
/// Wording that names online sessions.
const SESSION_WORDS: &[&str] = &["phien hop", "cuoc hop truc tuyen", "cuoc hop online"];
/// Event kinds shown or held in person, each with the words that name it, in the order of
/// `RECORD_KINDS`.
const SHOW_KINDS: &[(&str, &[&str])] = &[
    ("talk", &["toa dam"]),
    ("workshop", &["workshop", "hoi thao"]),
    ("display", &["trung bay"]),
    ("exhibition", &["trien lam"]),
];
const MAGAZINE_WORDS: &[&str] = &["tap chi", "chuyen de", "chuyen trang"];
const DOCUMENTARY_WORDS: &[&str] = &["phong su", "phim"];

/// The rule the wording asks for, or None: the target stays entered.
pub fn counting_rule_for(w: &TargetWording) -> Option<CountingRule> {
    let unit = fold(w.unit.trim());
    let words = fold(&format!("{} {} {}", w.text, w.item_title, w.item_body));
    let names = |list: &[&str]| list.iter().any(|n| find_word(&words, n, 0).is_some());
    let (kinds, measure) = if unit == "trang" {
        names(MAGAZINE_WORDS).then_some((vec!["magazine"], sum("pages")))?
    } else if unit == "phut" {
        names(DOCUMENTARY_WORDS).then_some((vec!["documentary"], sum("minutes")))?
    } else if find_word(&unit, "clip", 0).is_some() {
        (vec!["clip"], Measure::Count)
    } else if counts_events(&unit) {
        (event_kinds(&names)?, Measure::Count)
    } else {
        return None;
    };
    let kinds: Vec<String> = kinds.into_iter().map(str::to_string).collect();
    Some(CountingRule {
        statuses: counted_statuses(&kinds),
        kinds,
        window: w.year.map_or(Window::Any, |year| Window::Year { year }),
        item: Some(w.item),
        measure,
    })
}

fn sum(field: &str) -> Measure {
    Measure::Sum {
        field: field.to_string(),
    }
}

/// "cuộc", "phiên họp", or a unit that is itself an event's name ("03 hội thảo").
fn counts_events(unit: &str) -> bool {
    let first = unit.split_whitespace().next().unwrap_or("");
    EVENT_UNITS.contains(&first)
        || SHOW_KINDS
            .iter()
            .flat_map(|(_, words)| words.iter())
            .any(|w| find_word(unit, w, 0).is_some())
}

/// Online sessions, or the shows the wording lists; None when it names neither, or both
/// (which one the figure counts is then not for a program to guess).
fn event_kinds(names: &dyn Fn(&[&str]) -> bool) -> Option<Vec<&'static str>> {
    let shows: Vec<&'static str> = SHOW_KINDS
        .iter()
        .filter(|(_, words)| names(words))
        .map(|(kind, _)| *kind)
        .collect();
    match (names(SESSION_WORDS), shows.is_empty()) {
        (true, true) => Some(vec!["online_session"]),
        (false, false) => Some(shows),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed plan's five targets as the reader gives them (`sangtao plan parse
    /// seed/hanoi-2025-uccn.txt --json`): target text and unit, item title and body.
    const SESSIONS: (&str, &str, &str) = (
        "20-30 cuộc/năm",
        "cuộc",
        "Tham gia các phiên họp online, các hoạt động khác trong hệ thống mạng lưới các \
         Thành phố sáng tạo toàn cầu, khu vực Châu Á - Thái Bình Dương, khu vực Đông Nam Á \
         (20-30 cuộc/năm)",
    );
    const CLIPS: (&str, &str, &str) = (
        "02-03 clip",
        "clip",
        "Xây dựng clip (02-03 clip theo chủ đề diễn đàn) giới thiệu hoạt động sáng tạo của \
         Hà Nội báo cáo tại diễn đàn…Xây dựng các báo cáo, bài phát biểu tham luận cùng các \
         tư liệu khác (phim, hình ảnh...)",
    );
    const SHOWS: (&str, &str, &str) = (
        "03-05 cuộc",
        "cuộc",
        "Tổ chức tọa đàm, workshop, trưng bày, triển lãm giới thiệu sản phẩm, thành tựu, \
         không gian thuộc lĩnh vực thiết kế, sáng tạo tham dự các Hội nghị, diễn đàn (03-05 \
         cuộc) theo chủ đề của các nước thành viên trong Mạng lưới",
    );
    const MAGAZINE: (&str, &str, &str) = (
        "30- 40 trang",
        "trang",
        "Biên soạn và xuất bản với Tạp chí kiến trúc xây dựng Chuyên đề không gian sáng tạo \
         và các hoạt động trong lĩnh vực sáng tạo",
    );
    const MAGAZINE_BODY: &str = "Biên soạn in ấn trên các số của Tạp chí Kiến trúc các bài \
         viết, chuyên trang giới thiệu không gian sáng tạo\nSố lượng trang: 30- 40 trang \
         trong các số chuyên đề của tạp chí.";
    const DOCUMENTARY: (&str, &str, &str) = (
        "12-15 phút",
        "phút",
        "Xây dựng phóng sự giới thiệu, quảng bá các hoạt động Hà Nội - Thành phố sáng tạo \
         năm 2025",
    );

    fn rule_for(
        (text, unit, title): (&str, &str, &str),
        body: &str,
        year: Option<i32>,
    ) -> Option<CountingRule> {
        counting_rule_for(&TargetWording {
            text,
            unit,
            item_title: title,
            item_body: body,
            item: ItemId(7),
            year,
        })
    }

    fn seed(t: (&str, &str, &str)) -> CountingRule {
        // The reader repeats the title as the body's first line.
        rule_for(t, t.2, Some(2025)).expect("the seed's target gets a rule")
    }

    fn expected(kinds: &[&str], statuses: &[&str], measure: Measure) -> CountingRule {
        CountingRule {
            kinds: kinds.iter().map(|k| k.to_string()).collect(),
            statuses: statuses.iter().map(|s| s.to_string()).collect(),
            window: Window::Year { year: 2025 },
            item: Some(ItemId(7)),
            measure,
        }
    }

    #[test]
    fn the_seed_plans_five_targets_count_their_records() {
        assert_eq!(
            seed(SESSIONS),
            expected(&["online_session"], &["held"], Measure::Count)
        );
        assert_eq!(
            seed(SHOWS),
            expected(
                &["talk", "workshop", "display", "exhibition"],
                &["held"],
                Measure::Count
            )
        );
        assert_eq!(
            seed(CLIPS),
            expected(&["clip"], &["published"], Measure::Count)
        );
        assert_eq!(
            rule_for(MAGAZINE, MAGAZINE_BODY, Some(2025)).unwrap(),
            expected(&["magazine"], &["published"], sum("pages"))
        );
        assert_eq!(
            seed(DOCUMENTARY),
            expected(&["documentary"], &["published"], sum("minutes"))
        );
    }

    #[test]
    fn a_plan_without_a_year_counts_any_date() {
        let r = rule_for(SESSIONS, "", None).unwrap();
        assert_eq!(r.window, Window::Any);
        assert_eq!(r.item, Some(ItemId(7)));
    }

    #[test]
    fn wording_is_matched_without_diacritics_and_names_only_the_kinds_it_lists() {
        let only = |title: &str| rule_for(("04 cuộc", "cuộc", title), "", Some(2025));
        assert_eq!(only("Tổ chức toạ đàm").unwrap().kinds, vec!["talk"]);
        assert_eq!(
            only("TỔ CHỨC HỘI THẢO VÀ TRIỂN LÃM").unwrap().kinds,
            vec!["workshop", "exhibition"]
        );
        assert_eq!(
            only("Dự các cuộc họp trực tuyến").unwrap().kinds,
            vec!["online_session"]
        );
        let unit_is_the_kind = rule_for(("03 hội thảo", "hội thảo", "Tổ chức"), "", None);
        assert_eq!(unit_is_the_kind.unwrap().kinds, vec!["workshop"]);
        let phien = rule_for(("10 phiên", "phiên", "Dự phiên họp toàn thể"), "", None);
        assert_eq!(phien.unwrap().kinds, vec!["online_session"]);
    }

    #[test]
    fn other_targets_stay_entered() {
        let none = |t: (&str, &str, &str)| rule_for(t, "", Some(2025));
        assert_eq!(
            none(("100%", "%", "100% cán bộ được tập huấn về trưng bày")),
            None
        );
        assert_eq!(
            none(("ít nhất 02 lớp", "lớp", "Mở ít nhất 02 lớp tập huấn")),
            None
        );
        assert_eq!(
            none(("04 tin, bài", "tin, bài", "Đưa tin về triển lãm")),
            None
        );
        // Right unit, nothing named to count.
        assert_eq!(none(("05 cuộc", "cuộc", "Kiểm tra các đơn vị")), None);
        assert_eq!(none(("30 trang", "trang", "Biên soạn tài liệu")), None);
        assert_eq!(none(("10 phút", "phút", "Phát biểu khai mạc")), None);
        // Sessions and shows at once: which does the figure count?
        assert_eq!(
            none(("05 cuộc", "cuộc", "Tổ chức phiên họp và hội thảo")),
            None
        );
        // Whole words only: "clipart" is not a clip.
        assert_eq!(none(("02 clipart", "clipart", "Thiết kế")), None);
    }
}

//! What happens in the demo year, as data: the Hanoi plan's work from January to December,
//! each act on its day. Pure (no store), so its arithmetic is tested without I/O: 25
//! online sessions (12 by 30/06, 19 by 30/09), 3 shows (one on 18/11), 2 clips, 32
//! magazine pages, a 14-minute documentary and one delegation, told in about 20 progress
//! reports whose figures are the records' own running totals.
//!
//! Items and units are named by a fragment of their folded title or name
//! (`vntext::text::fold`), so the script reads like the plan.

use chrono::NaiveDate;
use domain::{EventFormat, EventKind, EventScope, Organiser};

/// The units the demo acts as, found by a fragment of their folded name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// Phòng Quản lý Di sản văn hóa: leads nearly everything.
    Heritage,
    /// Bảo tàng Hà Nội: coordinates.
    Museum,
    /// Văn phòng Sở: coordinates, and leads the Vietnamese network with Heritage.
    Office,
    /// Tạp chí Kiến trúc: the partner that prints the magazine features.
    Magazine,
    /// Ban Giám đốc: approves the delegation.
    Board,
}

impl Who {
    pub const UNITS: [Who; 4] = [Who::Heritage, Who::Museum, Who::Office, Who::Magazine];

    /// A fragment of the unit's folded name.
    pub fn unit_fragment(self) -> &'static str {
        match self {
            Who::Heritage => "quan ly di san",
            Who::Museum => "bao tang ha noi",
            Who::Office => "van phong so",
            Who::Magazine => "tap chi kien truc",
            Who::Board => "",
        }
    }

    /// The demo account's login.
    pub fn login(self) -> &'static str {
        match self {
            Who::Heritage => "demo.qldsvh",
            Who::Museum => "demo.bthn",
            Who::Office => "demo.vps",
            Who::Magazine => "demo.tckt",
            Who::Board => "demo.bgd",
        }
    }

    pub fn display_name(self) -> &'static str {
        match self {
            Who::Heritage => "Nguyễn Thu Hằng (minh họa)",
            Who::Museum => "Trần Quốc Bảo (minh họa)",
            Who::Office => "Lê Minh Phương (minh họa)",
            Who::Magazine => "Phạm Đức Anh (minh họa)",
            Who::Board => "Đỗ Thanh Hà (minh họa)",
        }
    }
}

/// Items of the plan, by a fragment of their folded title.
pub mod items {
    pub const PROGRAMS: &str = "tham muu ubnd thanh pho xay dung cac chuong trinh";
    pub const SESSIONS: &str = "tham gia cac phien hop online";
    pub const PREPARATION: &str = "chuan bi cac chuyen de, phien dich";
    pub const EXPERTS: &str = "moi cac nha chuyen gia";
    pub const CLIPS: &str = "xay dung clip";
    pub const SHOWS: &str = "to chuc toa dam, workshop";
    pub const TRIP: &str = "to chuc doan ra";
    pub const SHARING: &str = "chia se cac thong tin";
    pub const MAGAZINE: &str = "bien soan va xuat ban voi tap chi";
    pub const DOCUMENTARY: &str = "xay dung phong su";
    pub const NETWORK: &str = "ket noi, tham van ho tro";
}

/// An event held, linked to one item.
#[derive(Debug, Clone)]
pub struct Held {
    pub title: String,
    pub kind: EventKind,
    pub scope: EventScope,
    pub format: EventFormat,
    pub organiser: Organiser,
    pub organiser_name: &'static str,
    pub venue: &'static str,
    pub zone: &'static str,
    /// Local start hour on the first day, and the number of days it lasts.
    pub hour: u32,
    pub days: u32,
    pub item: &'static str,
    pub outcome: &'static str,
}

/// A media work published (clip, magazine feature, documentary).
#[derive(Debug, Clone)]
pub struct Published {
    pub kind: &'static str,
    pub title: &'static str,
    /// ("pages", 16.0), ("minutes", 14.0) …
    pub measure: (&'static str, f64),
    pub item: &'static str,
}

/// A progress report on a quarter, with its figure for the item's first target.
#[derive(Debug, Clone)]
pub struct Report {
    pub item: &'static str,
    pub unit: Who,
    pub quarter: u8,
    pub percent: i64,
    pub text: &'static str,
    pub difficulties: &'static str,
    pub proposals: &'static str,
    /// Cumulative to the quarter's end ("lũy kế"), as the units report.
    pub figure: Option<f64>,
}

/// What happens on a day.
#[derive(Debug, Clone)]
pub enum Act {
    Event(Held),
    Media(Published),
    Report(Report),
    /// The lead unit confirms the item done.
    Done(&'static str),
    /// The delegation is drafted, submitted, approved, travels and reports, one step per act.
    Trip(TripStep),
    /// The Board records a document issued, an inspection or a meeting (section I).
    Direction(Direction),
}

/// A direction record: kind ("directive", "inspection", "meeting"), số ký hiệu, trích yếu.
#[derive(Debug, Clone)]
pub struct Direction {
    pub kind: &'static str,
    pub number: &'static str,
    pub summary: &'static str,
}

fn direction(kind: &'static str, number: &'static str, summary: &'static str) -> Act {
    Act::Direction(Direction {
        kind,
        number,
        summary,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TripStep {
    Draft,
    Submit,
    Approve,
    Travel,
    Report,
}

/// One act on a day of the plan's year.
#[derive(Debug, Clone)]
pub struct Step {
    pub month: u32,
    pub day: u32,
    pub act: Act,
}

impl Step {
    pub fn date(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.month, self.day).expect("the script's dates are real")
    }
}

/// The online sessions' days: 12 in the first half, 7 in the third quarter, 6 in the fourth.
pub const SESSION_DAYS: [(u32, u32); 25] = [
    (1, 16),
    (1, 28),
    (2, 18),
    (3, 4),
    (3, 20),
    (4, 8),
    (4, 24),
    (5, 7),
    (5, 21),
    (6, 4),
    (6, 17),
    (6, 26),
    (7, 10),
    (7, 24),
    (8, 7),
    (8, 21),
    (9, 4),
    (9, 11),
    (9, 25),
    (10, 9),
    (10, 23),
    (11, 6),
    (11, 20),
    (12, 4),
    (12, 11),
];

/// Who hosts the n-th online session, in turn.
const HOSTS: [(&str, Organiser, &str, EventScope); 4] = [
    (
        "Phiên họp trực tuyến các thành phố sáng tạo khu vực Đông Nam Á",
        Organiser::NetworkCity,
        "Bangkok",
        EventScope::SoutheastAsia,
    ),
    (
        "Phiên họp trực tuyến nhóm các Thành phố Thiết kế",
        Organiser::Unesco,
        "",
        EventScope::Global,
    ),
    (
        "Phiên họp trực tuyến khu vực châu Á – Thái Bình Dương",
        Organiser::NetworkCity,
        "Bandung",
        EventScope::AsiaPacific,
    ),
    (
        "Phiên họp trực tuyến toàn Mạng lưới về kế hoạch hành động",
        Organiser::Unesco,
        "",
        EventScope::Global,
    ),
];

fn session(n: usize) -> Held {
    let (title, organiser, organiser_name, scope) = HOSTS[n % HOSTS.len()];
    Held {
        title: format!("{title} (lần {})", n / HOSTS.len() + 1),
        kind: EventKind::OnlineSession,
        scope,
        format: EventFormat::Online,
        organiser,
        organiser_name,
        venue: "",
        zone: "Asia/Ho_Chi_Minh",
        hour: 14,
        days: 1,
        item: items::SESSIONS,
        outcome: "Hà Nội trao đổi kinh nghiệm phát triển không gian sáng tạo.",
    }
}

fn show(title: &str, kind: EventKind, venue: &'static str) -> Held {
    Held {
        title: title.to_string(),
        kind,
        scope: EventScope::Hanoi,
        format: EventFormat::InPerson,
        organiser: Organiser::Hanoi,
        organiser_name: "",
        venue,
        zone: "Asia/Ho_Chi_Minh",
        hour: 9,
        days: 1,
        item: items::SHOWS,
        outcome: "Giới thiệu sản phẩm, không gian sáng tạo của Hà Nội tới công chúng.",
    }
}

/// The annual conference the delegation attends (15–18/09, in France): planned with the
/// delegation, held on its last day.
pub fn conference() -> Held {
    Held {
        title: "Hội nghị thường niên Mạng lưới các thành phố sáng tạo của UNESCO".into(),
        kind: EventKind::Conference,
        scope: EventScope::Global,
        format: EventFormat::InPerson,
        organiser: Organiser::Unesco,
        organiser_name: "",
        venue: "Pháp",
        zone: "Europe/Paris",
        hour: 9,
        days: 4,
        item: items::TRIP,
        outcome: "Hà Nội trình bày tham luận về không gian sáng tạo từ di sản đô thị.",
    }
}

/// The conference's first day; it lasts `conference().days`.
pub const CONFERENCE_DAY: (u32, u32) = (9, 15);

fn media(kind: &'static str, title: &'static str, measure: (&'static str, f64)) -> Act {
    let item = match kind {
        "clip" => items::CLIPS,
        "magazine" => items::MAGAZINE,
        _ => items::DOCUMENTARY,
    };
    Act::Media(Published {
        kind,
        title,
        measure,
        item,
    })
}

/// The whole year, in date order.
pub fn script() -> Vec<Step> {
    let at = |month, day, act| Step { month, day, act };
    let mut steps: Vec<Step> = SESSION_DAYS
        .iter()
        .enumerate()
        .map(|(n, &(m, d))| at(m, d, Act::Event(session(n))))
        .collect();
    steps.extend([
        at(
            4,
            22,
            Act::Event(show(
                "Tọa đàm \"Không gian sáng tạo trong lòng phố cổ\"",
                EventKind::Talk,
                "Bảo tàng Hà Nội",
            )),
        ),
        at(
            8,
            16,
            Act::Event(show(
                "Workshop \"Thiết kế sáng tạo từ di sản đô thị\"",
                EventKind::Workshop,
                "Trung tâm điều phối các hoạt động sáng tạo Hà Nội",
            )),
        ),
        at(
            11,
            18,
            Act::Event(show(
                "Triển lãm \"Hà Nội – Thành phố sáng tạo\"",
                EventKind::Exhibition,
                "Bảo tàng Hà Nội",
            )),
        ),
        at(9, 18, Act::Event(conference())),
        at(
            6,
            10,
            media(
                "clip",
                "Clip \"Hà Nội – Thành phố Thiết kế sáng tạo\"",
                ("minutes", 3.0),
            ),
        ),
        at(
            10,
            20,
            media(
                "clip",
                "Clip \"Không gian sáng tạo Hà Nội\"",
                ("minutes", 4.0),
            ),
        ),
        at(
            8,
            28,
            media(
                "magazine",
                "Chuyên đề \"Không gian sáng tạo Hà Nội\", Tạp chí Kiến trúc số 8/2025",
                ("pages", 16.0),
            ),
        ),
        at(
            12,
            15,
            media(
                "magazine",
                "Chuyên đề \"Di sản đô thị và thiết kế\", Tạp chí Kiến trúc số 12/2025",
                ("pages", 16.0),
            ),
        ),
        at(
            12,
            5,
            media(
                "documentary",
                "Phóng sự \"Hà Nội – Thành phố sáng tạo năm 2025\"",
                ("minutes", 14.0),
            ),
        ),
        at(
            2,
            10,
            direction(
                "directive",
                "215/SVHTT-QLDSVH",
                "V/v triển khai Kế hoạch tham gia Mạng lưới các thành phố sáng tạo của UNESCO năm 2025",
            ),
        ),
        at(
            5,
            15,
            direction(
                "meeting",
                "",
                "Họp giao ban đánh giá tiến độ, thống nhất nội dung tham luận tại Hội nghị thường niên",
            ),
        ),
        at(
            7,
            28,
            direction(
                "directive",
                "168/TTr-SVHTT",
                "Đề nghị cử đoàn công tác tham dự Hội nghị thường niên Mạng lưới các thành phố sáng tạo của UNESCO",
            ),
        ),
        at(
            10,
            24,
            direction(
                "inspection",
                "",
                "Kiểm tra tiến độ xây dựng phóng sự và số chuyên đề thứ hai của Tạp chí Kiến trúc",
            ),
        ),
        at(
            11,
            5,
            direction(
                "directive",
                "402/KH-SVHTT",
                "Tổ chức triển lãm \"Hà Nội – Thành phố sáng tạo\"",
            ),
        ),
        at(7, 20, Act::Trip(TripStep::Draft)),
        at(7, 25, Act::Trip(TripStep::Submit)),
        at(8, 20, Act::Trip(TripStep::Approve)),
        at(9, 14, Act::Trip(TripStep::Travel)),
        at(9, 24, Act::Trip(TripStep::Report)),
    ]);
    steps.extend(super::quarters::reports());
    // Stable: on one day, records come before the reports that count them.
    steps.sort_by_key(|s| (s.month, s.day));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_until(month: u32, day: u32, pick: impl Fn(&Act) -> bool) -> usize {
        script()
            .iter()
            .filter(|s| (s.month, s.day) <= (month, day) && pick(&s.act))
            .count()
    }

    fn is_kind(kinds: &'static [EventKind]) -> impl Fn(&Act) -> bool {
        move |a| matches!(a, Act::Event(e) if kinds.contains(&e.kind))
    }

    #[test]
    fn the_year_meets_the_seed_plans_targets_and_the_half_does_not() {
        let sessions = is_kind(&[EventKind::OnlineSession]);
        assert_eq!(count_until(6, 30, &sessions), 12);
        assert_eq!(count_until(9, 30, &sessions), 19);
        assert_eq!(count_until(12, 31, &sessions), 25);
        let shows = is_kind(&[EventKind::Talk, EventKind::Workshop, EventKind::Exhibition]);
        assert_eq!(count_until(6, 30, &shows), 1);
        assert_eq!(count_until(12, 31, &shows), 3);
        // The exhibition of 18/11 is outside the first half and the nine months.
        assert!(script().iter().any(|s| (s.month, s.day) == (11, 18)
            && matches!(&s.act, Act::Event(e) if e.kind == EventKind::Exhibition)));
        let pages: f64 = script()
            .iter()
            .filter_map(|s| match &s.act {
                Act::Media(m) if m.kind == "magazine" => Some(m.measure.1),
                _ => None,
            })
            .sum();
        assert_eq!(pages, 32.0);
    }

    #[test]
    fn reported_figures_are_the_records_running_totals() {
        // Each figure on the sessions item equals the sessions held by its quarter's end.
        for s in script() {
            if let Act::Report(r) = &s.act
                && r.item == items::SESSIONS
            {
                let end = [(3, 31), (6, 30), (9, 30), (12, 31)][usize::from(r.quarter) - 1];
                let held = SESSION_DAYS.iter().filter(|&&d| d <= end).count();
                assert_eq!(r.figure, Some(held as f64), "quý {}", r.quarter);
            }
        }
        assert!(
            (18..=24).contains(
                &super::super::quarters::reports()
                    .iter()
                    .filter(|s| matches!(s.act, Act::Report(_)))
                    .count()
            )
        );
    }

    #[test]
    fn the_script_runs_in_date_order_within_the_year() {
        let steps = script();
        assert!(
            steps
                .windows(2)
                .all(|w| (w[0].month, w[0].day) <= (w[1].month, w[1].day))
        );
        for s in &steps {
            let _ = s.date(2025);
        }
    }
}

//! Events, people and delegations (issue 5): kinds, scopes, formats, organisers, status
//! transitions, times in the event's own IANA zone, invitations, interpreters and their
//! double bookings, preparation checklists and outbound delegations (đoàn ra).
//!
//! Times: an event is planned in the wall-clock time of the place it happens
//! ([`EventTimes::resolve`]). A local time that does not exist (a spring-forward gap) or
//! exists twice (an autumn fold) is refused with a message rather than guessed. Shown in
//! that zone and in Asia/Ho_Chi_Minh.
//!
//! Errors carry a stable key (`event.*`) and a Vietnamese and English message, like
//! [`crate::TrackingError`].

use crate::permissions::{Actor, ItemUnit, can_edit_item, can_view_item};
use crate::vocab::{Language, ParseError, Role, vocabulary};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

crate::ids::id_type!(
    /// An event (hội nghị, phiên họp trực tuyến, …).
    EventId,
    /// A person of the directory (expert, interpreter, staff).
    PersonId,
    /// An outbound delegation (đoàn ra).
    DelegationId,
);

/// Hanoi's zone: every event is also shown in it.
pub const HANOI: Tz = chrono_tz::Asia::Ho_Chi_Minh;

vocabulary! {
    /// What kind of event. Codes are those of [`crate::counting::RECORD_KINDS`], so that
    /// an event is counted by the same rules as any record.
    EventKind, "event kind" {
        OnlineSession = "online_session", "phiên họp trực tuyến", "online session";
        Conference = "conference", "hội nghị", "conference";
        Forum = "forum", "diễn đàn", "forum";
        Talk = "talk", "tọa đàm", "talk";
        Workshop = "workshop", "hội thảo/workshop", "workshop";
        Display = "display", "trưng bày", "display";
        Exhibition = "exhibition", "triển lãm", "exhibition";
    }
}

vocabulary! {
    /// How far an event reaches.
    EventScope, "event scope" {
        Hanoi = "hanoi", "Hà Nội", "Hanoi";
        Vietnam = "vietnam", "Việt Nam", "Viet Nam";
        SoutheastAsia = "southeast_asia", "Đông Nam Á", "Southeast Asia";
        AsiaPacific = "asia_pacific", "châu Á – Thái Bình Dương", "Asia–Pacific";
        Global = "global", "toàn cầu", "global";
    }
}

vocabulary! {
    EventFormat, "event format" {
        InPerson = "in_person", "trực tiếp", "in person";
        Online = "online", "trực tuyến", "online";
        Hybrid = "hybrid", "kết hợp", "hybrid";
    }
}

vocabulary! {
    /// Who organises the event.
    Organiser, "organiser" {
        Unesco = "unesco", "UNESCO", "UNESCO";
        /// Another city of the network (named beside it).
        NetworkCity = "network_city", "thành phố thành viên Mạng lưới", "network city";
        Hanoi = "hanoi", "Hà Nội", "Hanoi";
    }
}

vocabulary! {
    /// dự kiến → đã xác nhận → đã diễn ra, or đã hủy. Codes are the event statuses of
    /// [`crate::counting::RECORD_KINDS`].
    #[derive(Default)]
    EventStatus, "event status" {
        #[default]
        Planned = "planned", "dự kiến", "planned";
        Confirmed = "confirmed", "đã xác nhận", "confirmed";
        Held = "held", "đã diễn ra", "held";
        Cancelled = "cancelled", "đã hủy", "cancelled";
    }
}

vocabulary! {
    /// Mời, xác nhận, từ chối, đã tham dự.
    #[derive(Default)]
    InvitationStatus, "invitation status" {
        #[default]
        Invited = "invited", "đã mời", "invited";
        Confirmed = "confirmed", "xác nhận", "confirmed";
        Declined = "declined", "từ chối", "declined";
        Attended = "attended", "đã tham dự", "attended";
    }
}

vocabulary! {
    PersonKind, "person kind" {
        Expert = "expert", "chuyên gia", "expert";
        Interpreter = "interpreter", "phiên dịch viên", "interpreter";
        Staff = "staff", "cán bộ", "staff";
    }
}

vocabulary! {
    /// What an event needs prepared.
    ChecklistKind, "checklist kind" {
        TopicPaper = "topic_paper", "bài tham luận chủ đề", "topic paper";
        Interpretation = "interpretation", "phiên dịch", "interpretation";
        OnlineConnection = "online_connection", "kết nối trực tuyến", "online connection";
        Clip = "clip", "clip", "clip";
        Speech = "speech", "bài phát biểu", "speech";
        Other = "other", "việc khác", "other";
    }
}

vocabulary! {
    /// Dự thảo → trình UBND → được phê duyệt | không phê duyệt → đã đi → đã báo cáo.
    #[derive(Default)]
    DelegationStatus, "delegation status" {
        #[default]
        Draft = "draft", "dự thảo", "draft";
        Submitted = "submitted", "trình UBND", "submitted to the People's Committee";
        Approved = "approved", "được phê duyệt", "approved";
        Rejected = "rejected", "không phê duyệt", "not approved";
        Travelled = "travelled", "đã đi", "travelled";
        Reported = "reported", "đã báo cáo", "reported";
    }
}

// ---- errors -----------------------------------------------------------------------------

/// Why an event, person, booking or delegation was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EventError {
    #[error("not allowed: {action}")]
    Forbidden { action: &'static str },
    #[error("unknown time zone {0:?}: use an IANA name such as Asia/Ho_Chi_Minh or Europe/Paris")]
    UnknownZone(String),
    #[error("{local} does not exist in {zone} (the clocks move forward then)")]
    NonexistentTime { local: String, zone: String },
    #[error(
        "{local} happens twice in {zone} (the clocks move back then, {first} and {second}): choose another time"
    )]
    AmbiguousTime {
        local: String,
        zone: String,
        first: String,
        second: String,
    },
    #[error("the end ({end}) is before the start ({start})")]
    EndBeforeStart { start: String, end: String },
    #[error("unreadable date and time {0:?}: use dd/mm/yyyy and HH:MM")]
    BadDateTime(String),
    #[error("a title is required")]
    TitleRequired,
    #[error("a name is required")]
    NameRequired,
    #[error("status change {from} → {to} is not allowed")]
    Transition { from: String, to: String },
    #[error("an event cannot be marked held before it starts ({start})")]
    HeldBeforeStart { start: String },
    #[error("a new event can only be planned, confirmed or (if it is over) held")]
    BadInitialStatus,
    #[error("unreadable language pair {0:?}: write it as vi-en, vi↔fr, …")]
    BadLanguagePair(String),
    #[error("the estimated cost must be a whole number of đồng, ≥ 0 (got {0:?})")]
    BadCost(String),
    #[error("the return date is before the departure date")]
    ReturnBeforeDeparture,
    #[error("the report after the return needs text")]
    ReportRequired,
    #[error("a report can only be written after the delegation has travelled")]
    ReportTooEarly,
    #[error("this person is not an interpreter")]
    NotAnInterpreter,
}

impl EventError {
    /// Stable key for translations and tests.
    pub fn key(&self) -> &'static str {
        match self {
            EventError::Forbidden { .. } => "event.forbidden",
            EventError::UnknownZone(_) => "event.unknown_zone",
            EventError::NonexistentTime { .. } => "event.nonexistent_time",
            EventError::AmbiguousTime { .. } => "event.ambiguous_time",
            EventError::EndBeforeStart { .. } => "event.end_before_start",
            EventError::BadDateTime(_) => "event.bad_datetime",
            EventError::TitleRequired => "event.title_required",
            EventError::NameRequired => "event.name_required",
            EventError::Transition { .. } => "event.transition",
            EventError::HeldBeforeStart { .. } => "event.held_before_start",
            EventError::BadInitialStatus => "event.bad_initial_status",
            EventError::BadLanguagePair(_) => "event.bad_language_pair",
            EventError::BadCost(_) => "event.bad_cost",
            EventError::ReturnBeforeDeparture => "event.return_before_departure",
            EventError::ReportRequired => "event.report_required",
            EventError::ReportTooEarly => "event.report_too_early",
            EventError::NotAnInterpreter => "event.not_an_interpreter",
        }
    }

    /// The message for users.
    pub fn message(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            EventError::Forbidden { .. } => "Bạn không có quyền thực hiện thao tác này.".into(),
            EventError::UnknownZone(z) => format!(
                "Không có múi giờ “{z}”: dùng tên IANA như Asia/Ho_Chi_Minh hoặc Europe/Paris."
            ),
            EventError::NonexistentTime { local, zone } => format!(
                "Giờ {local} không tồn tại ở múi giờ {zone} (lúc đó đồng hồ được vặn lên). \
                 Hãy chọn giờ khác."
            ),
            EventError::AmbiguousTime {
                local,
                zone,
                first,
                second,
            } => format!(
                "Giờ {local} xảy ra hai lần ở múi giờ {zone} (lúc đó đồng hồ được vặn lùi, \
                 {first} và {second}). Hãy chọn giờ khác."
            ),
            EventError::EndBeforeStart { start, end } => {
                format!("Thời gian kết thúc ({end}) trước thời gian bắt đầu ({start}).")
            }
            EventError::BadDateTime(s) => {
                format!("Không đọc được ngày giờ “{s}”: nhập ngày dd/mm/yyyy và giờ HH:MM.")
            }
            EventError::TitleRequired => "Cần nhập tên sự kiện.".into(),
            EventError::NameRequired => "Cần nhập họ tên.".into(),
            EventError::Transition { from, to } => {
                format!("Không được chuyển trạng thái từ “{from}” sang “{to}”.")
            }
            EventError::HeldBeforeStart { start } => {
                format!("Sự kiện chưa bắt đầu ({start}) nên chưa thể ghi là đã diễn ra.")
            }
            EventError::BadInitialStatus => {
                "Sự kiện mới chỉ có thể ở trạng thái dự kiến, đã xác nhận, hoặc đã diễn ra \
                 (nếu đã kết thúc)."
                    .into()
            }
            EventError::BadLanguagePair(s) => {
                format!("Không đọc được cặp ngôn ngữ “{s}”: viết như vi-en, vi↔fr.")
            }
            EventError::BadCost(s) => {
                format!("Kinh phí dự kiến phải là số đồng nguyên, không âm (nhận được: “{s}”).")
            }
            EventError::ReturnBeforeDeparture => "Ngày về trước ngày đi.".into(),
            EventError::ReportRequired => "Báo cáo sau chuyến đi cần có nội dung.".into(),
            EventError::ReportTooEarly => "Chỉ báo cáo được sau khi đoàn đã đi.".into(),
            EventError::NotAnInterpreter => "Người này không phải phiên dịch viên.".into(),
        }
    }
}

// ---- time -------------------------------------------------------------------------------

/// An IANA zone by name ("Europe/Paris"); surrounding spaces ignored.
pub fn parse_zone(name: &str) -> Result<Tz, EventError> {
    let n = name.trim();
    n.parse::<Tz>()
        .map_err(|_| EventError::UnknownZone(n.to_string()))
}

/// A local date and time as people type them: the date `dd/mm/yyyy` (or `yyyy-mm-dd`)
/// and the time `HH:MM` (`9:00`, `09h00`, `9h` also read).
pub fn parse_local(date: &str, time: &str) -> Result<NaiveDateTime, EventError> {
    let bad = || EventError::BadDateTime(format!("{} {}", date.trim(), time.trim()));
    let d = date.trim();
    let day = NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(d, "%d/%m/%Y"))
        .map_err(|_| bad())?;
    let t = time.trim().to_lowercase().replace('h', ":");
    let t = if t.ends_with(':') {
        format!("{t}00")
    } else {
        t
    };
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (
        h.trim().parse().map_err(|_| bad())?,
        m.trim().parse().map_err(|_| bad())?,
    );
    day.and_hms_opt(h, m, 0).ok_or_else(bad)
}

fn local_text(t: NaiveDateTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

/// `local` in `zone`, refusing gaps and folds.
pub fn to_utc(zone: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>, EventError> {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(a, b) => Err(EventError::AmbiguousTime {
            local: local_text(local),
            zone: zone.name().to_string(),
            first: offset_text(a.offset().fix().local_minus_utc()),
            second: offset_text(b.offset().fix().local_minus_utc()),
        }),
        chrono::LocalResult::None => Err(EventError::NonexistentTime {
            local: local_text(local),
            zone: zone.name().to_string(),
        }),
    }
}

/// "UTC+07:00", "UTC−05:00".
pub fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// An event's start and end, planned in its own zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTimes {
    pub zone: Tz,
    pub start_local: NaiveDateTime,
    pub end_local: NaiveDateTime,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl EventTimes {
    /// Checks the zone, each local time, and that the end is not before the start
    /// (compared as instants: an event across a clock change keeps its real length).
    pub fn resolve(
        zone: &str,
        start_local: NaiveDateTime,
        end_local: NaiveDateTime,
    ) -> Result<EventTimes, EventError> {
        let zone = parse_zone(zone)?;
        let start = to_utc(zone, start_local)?;
        let end = to_utc(zone, end_local)?;
        if end < start {
            return Err(EventError::EndBeforeStart {
                start: local_text(start_local),
                end: local_text(end_local),
            });
        }
        Ok(EventTimes {
            zone,
            start_local,
            end_local,
            start,
            end,
        })
    }

    /// From stored UTC seconds and the zone (the local times are recomputed).
    pub fn from_utc(zone: &str, start: i64, end: i64) -> Result<EventTimes, EventError> {
        let zone = parse_zone(zone)?;
        let at = |s: i64| {
            DateTime::<Utc>::from_timestamp(s, 0).ok_or(EventError::BadDateTime(s.to_string()))
        };
        let (start, end) = (at(start)?, at(end)?);
        Ok(EventTimes {
            zone,
            start_local: start.with_timezone(&zone).naive_local(),
            end_local: end.with_timezone(&zone).naive_local(),
            start,
            end,
        })
    }

    pub fn duration(&self) -> chrono::Duration {
        self.end - self.start
    }

    /// The date the event counts on: its start, in its own zone.
    pub fn start_date(&self) -> NaiveDate {
        self.start_local.date()
    }

    /// "29/03/2025 10:00 – 18:00 (Europe/Paris, UTC+01:00)"; a multi-day event names both
    /// dates; an offset change inside the event shows both offsets.
    pub fn in_zone(&self, zone: Tz) -> String {
        let s = self.start.with_timezone(&zone);
        let e = self.end.with_timezone(&zone);
        let so = s.offset().fix().local_minus_utc();
        let eo = e.offset().fix().local_minus_utc();
        let end = if s.date_naive() == e.date_naive() {
            e.format("%H:%M").to_string()
        } else {
            e.format("%d/%m/%Y %H:%M").to_string()
        };
        let offsets = if so == eo {
            offset_text(so)
        } else {
            format!("{} → {}", offset_text(so), offset_text(eo))
        };
        format!(
            "{} – {end} ({}, {offsets})",
            s.format("%d/%m/%Y %H:%M"),
            zone.name()
        )
    }

    /// In the event's own zone.
    pub fn local_text(&self) -> String {
        self.in_zone(self.zone)
    }

    /// In Hanoi.
    pub fn hanoi_text(&self) -> String {
        self.in_zone(HANOI)
    }

    /// Whether the event happens in Hanoi's time (then one line is enough).
    pub fn is_hanoi_time(&self) -> bool {
        let a = self.start.with_timezone(&self.zone).offset().fix();
        let b = self.start.with_timezone(&HANOI).offset().fix();
        let c = self.end.with_timezone(&self.zone).offset().fix();
        let d = self.end.with_timezone(&HANOI).offset().fix();
        a == b && c == d
    }
}

/// Half-open intervals `[a0, a1)` and `[b0, b1)` share some time. Back-to-back sessions
/// (one ends at 10:00, the next starts at 10:00) do not overlap.
pub fn overlaps<T: PartialOrd>(a0: T, a1: T, b0: T, b1: T) -> bool {
    a0 < b1 && b0 < a1
}

/// One interpreter's booking on one event, as instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub person: i64,
    pub event: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Pairs (indexes into `bookings`) of one interpreter booked on two different events at
/// once. A warning, not a refusal: interpreters sometimes cover two rooms in turn.
pub fn double_bookings(bookings: &[Booking]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..bookings.len()).collect();
    order.sort_by_key(|&i| (bookings[i].person, bookings[i].start));
    let mut out = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            let (a, b) = (&bookings[i], &bookings[j]);
            // Sorted by person, then start: nothing later can overlap `a`.
            if b.person != a.person || b.start >= a.end {
                break;
            }
            if a.event != b.event && overlaps(a.start, a.end, b.start, b.end) {
                out.push((i.min(j), i.max(j)));
            }
        }
    }
    out.sort();
    out
}

// ---- status transitions -----------------------------------------------------------------

/// The statuses an event may move to from `from` (who may is [`can_edit_event`]).
/// Reopening a cancelled event (back to planned) and undoing "held" are allowed: both
/// correct a mistake, and the audit log keeps the trace.
pub fn event_transitions(from: EventStatus) -> &'static [EventStatus] {
    use EventStatus::*;
    match from {
        Planned => &[Confirmed, Held, Cancelled],
        Confirmed => &[Held, Cancelled, Planned],
        Held => &[Confirmed],
        Cancelled => &[Planned],
    }
}

/// Checks a status change. `now` and the start: an event is held only once it started.
pub fn check_event_status(
    from: EventStatus,
    to: EventStatus,
    times: &EventTimes,
    now: DateTime<Utc>,
    lang: Language,
) -> Result<(), EventError> {
    if !event_transitions(from).contains(&to) {
        return Err(EventError::Transition {
            from: from.label(lang).to_string(),
            to: to.label(lang).to_string(),
        });
    }
    if to == EventStatus::Held && times.start > now {
        return Err(EventError::HeldBeforeStart {
            start: times.local_text(),
        });
    }
    Ok(())
}

/// A new event starts planned or confirmed; one already over may be recorded as held.
pub fn check_initial_status(
    status: EventStatus,
    times: &EventTimes,
    now: DateTime<Utc>,
) -> Result<(), EventError> {
    match status {
        EventStatus::Planned | EventStatus::Confirmed => Ok(()),
        EventStatus::Held if times.start <= now => Ok(()),
        EventStatus::Held => Err(EventError::HeldBeforeStart {
            start: times.local_text(),
        }),
        EventStatus::Cancelled => Err(EventError::BadInitialStatus),
    }
}

impl DelegationStatus {
    /// Where a delegation may go next. Recording the People's Committee's decision
    /// (approved / not approved) is the Board's; the rest is the organising unit's.
    pub fn next(self) -> &'static [DelegationStatus] {
        use DelegationStatus::*;
        match self {
            Draft => &[Submitted],
            Submitted => &[Approved, Rejected, Draft],
            Approved => &[Travelled],
            Rejected => &[Draft],
            Travelled => &[Reported],
            Reported => &[],
        }
    }

    fn needs_board(to: DelegationStatus) -> bool {
        matches!(to, DelegationStatus::Approved | DelegationStatus::Rejected)
    }
}

/// Checks a delegation status change by `actor` on a delegation led by `units`.
/// "Reported" is reached by filing the report ([`check_delegation_report`]).
pub fn check_delegation_status(
    actor: &Actor,
    units: &[ItemUnit],
    from: DelegationStatus,
    to: DelegationStatus,
    lang: Language,
) -> Result<(), EventError> {
    if !can_edit_event(actor, units) {
        return Err(EventError::Forbidden {
            action: "change the delegation's status",
        });
    }
    if !from.next().contains(&to) || to == DelegationStatus::Reported {
        return Err(EventError::Transition {
            from: from.label(lang).to_string(),
            to: to.label(lang).to_string(),
        });
    }
    if DelegationStatus::needs_board(to) && !sees_everything(actor) {
        return Err(EventError::Forbidden {
            action: "record the People's Committee's decision",
        });
    }
    Ok(())
}

/// The report after the return: the delegation has travelled (or reported already: a
/// corrected report), and it has text.
pub fn check_delegation_report(status: DelegationStatus, text: &str) -> Result<String, EventError> {
    if !matches!(
        status,
        DelegationStatus::Travelled | DelegationStatus::Reported
    ) {
        return Err(EventError::ReportTooEarly);
    }
    let t = text.trim();
    if t.is_empty() {
        return Err(EventError::ReportRequired);
    }
    Ok(t.to_string())
}

// ---- money and dates --------------------------------------------------------------------

/// An amount in whole đồng, never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Dong(i64);

impl Dong {
    pub fn new(v: i64) -> Result<Dong, EventError> {
        if v < 0 {
            Err(EventError::BadCost(v.to_string()))
        } else {
            Ok(Dong(v))
        }
    }
    pub fn get(self) -> i64 {
        self.0
    }
}

impl FromStr for Dong {
    type Err = EventError;
    /// "1.234.567", "1 234 567 ₫", "1234567đ": dots and spaces group thousands; no
    /// fractions, no sign.
    fn from_str(s: &str) -> Result<Dong, EventError> {
        let bad = || EventError::BadCost(s.trim().to_string());
        let t: String = s
            .trim()
            .trim_end_matches(['₫', 'đ', 'Đ'])
            .trim_end()
            .trim_end_matches("VND")
            .chars()
            .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
            .collect();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        t.parse::<i64>().map(Dong).map_err(|_| bad())
    }
}

impl TryFrom<i64> for Dong {
    type Error = EventError;
    fn try_from(v: i64) -> Result<Dong, EventError> {
        Dong::new(v)
    }
}

impl From<Dong> for i64 {
    fn from(d: Dong) -> i64 {
        d.0
    }
}

impl fmt::Display for Dong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::format_vnd(self.0))
    }
}

/// Departure and return dates of a delegation: the return is not before the departure.
pub fn check_trip_dates(depart: NaiveDate, back: NaiveDate) -> Result<(), EventError> {
    if back < depart {
        Err(EventError::ReturnBeforeDeparture)
    } else {
        Ok(())
    }
}

// ---- people -----------------------------------------------------------------------------

/// A pair of languages an interpreter works between, e.g. vi↔en. Codes are ISO 639
/// (two or three lowercase letters); the order is kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguagePair {
    pub from: String,
    pub to: String,
}

impl LanguagePair {
    /// A language name in Vietnamese or English, for the common codes; else the code.
    pub fn language_name(code: &str, lang: Language) -> String {
        let names: &[(&str, &str, &str)] = &[
            ("vi", "Việt", "Vietnamese"),
            ("en", "Anh", "English"),
            ("fr", "Pháp", "French"),
            ("es", "Tây Ban Nha", "Spanish"),
            ("zh", "Trung", "Chinese"),
            ("ja", "Nhật", "Japanese"),
            ("ko", "Hàn", "Korean"),
            ("ru", "Nga", "Russian"),
            ("de", "Đức", "German"),
            ("th", "Thái", "Thai"),
            ("lo", "Lào", "Lao"),
            ("km", "Khmer", "Khmer"),
            ("id", "Indonesia", "Indonesian"),
            ("pt", "Bồ Đào Nha", "Portuguese"),
            ("it", "Ý", "Italian"),
            ("ar", "Ả Rập", "Arabic"),
        ];
        names
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, vi, en)| match lang {
                Language::Vi => vi.to_string(),
                Language::En => en.to_string(),
            })
            .unwrap_or_else(|| code.to_string())
    }

    pub fn label(&self, lang: Language) -> String {
        format!(
            "{} ↔ {}",
            Self::language_name(&self.from, lang),
            Self::language_name(&self.to, lang)
        )
    }

    /// Several pairs separated by commas, semicolons or new lines.
    pub fn parse_list(s: &str) -> Result<Vec<LanguagePair>, EventError> {
        let mut out: Vec<LanguagePair> = Vec::new();
        for part in s.split([',', ';', '\n']).map(str::trim) {
            if part.is_empty() {
                continue;
            }
            let p: LanguagePair = part.parse()?;
            if !out.contains(&p) {
                out.push(p);
            }
        }
        Ok(out)
    }
}

impl FromStr for LanguagePair {
    type Err = EventError;
    fn from_str(s: &str) -> Result<LanguagePair, EventError> {
        let t = s.trim().to_lowercase();
        let bad = || EventError::BadLanguagePair(s.trim().to_string());
        let (a, b) = ["↔", "<->", "<>", "-", "/", ">", " "]
            .iter()
            .find_map(|sep| t.split_once(sep))
            .ok_or_else(bad)?;
        let code = |x: &str| {
            let x = x.trim();
            (2..=3).contains(&x.len()) && x.bytes().all(|b| b.is_ascii_lowercase())
        };
        let (a, b) = (a.trim(), b.trim());
        if !code(a) || !code(b) || a == b {
            return Err(bad());
        }
        Ok(LanguagePair {
            from: a.to_string(),
            to: b.to_string(),
        })
    }
}

impl fmt::Display for LanguagePair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}↔{}", self.from, self.to)
    }
}

impl TryFrom<String> for LanguagePair {
    type Error = EventError;
    fn try_from(s: String) -> Result<Self, EventError> {
        s.parse()
    }
}

impl From<LanguagePair> for String {
    fn from(p: LanguagePair) -> String {
        p.to_string()
    }
}

// ---- permissions ------------------------------------------------------------------------

fn sees_everything(actor: &Actor) -> bool {
    actor.is_board_or_admin()
}

/// Who may see an event or delegation: like an item (Board, admin and the department's
/// staff see all; a partner only what names one of its units).
pub fn can_view_event(actor: &Actor, units: &[ItemUnit]) -> bool {
    can_view_item(actor, units)
}

/// Who may change it: the Board, admins, and the people of its lead (organising) unit.
pub fn can_edit_event(actor: &Actor, units: &[ItemUnit]) -> bool {
    can_edit_item(actor, units)
}

/// Who may create an event or delegation led by `lead`: the Board, admins, and the
/// department's people of that unit (never a partner).
pub fn can_create_event(actor: &Actor, lead: crate::UnitId) -> bool {
    can_edit_item(
        actor,
        &[ItemUnit {
            unit_id: lead,
            relation: crate::UnitRelation::Lead,
        }],
    )
}

/// The people directory: the department's own staff and the Board/admins edit it;
/// partners neither read nor edit it (it holds contacts).
pub fn can_edit_people(actor: &Actor) -> bool {
    sees_everything(actor)
        || actor.has_role(Role::Staff)
        || actor.has_role(Role::Office)
        || actor.has_role(Role::Finance)
}

pub fn can_view_people(actor: &Actor) -> bool {
    can_edit_people(actor)
}

/// A calendar feed for a unit: the Board, admins, and internal members of that unit.
pub fn can_manage_unit_feed(actor: &Actor, unit: crate::UnitId) -> bool {
    can_create_event(actor, unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counting::RECORD_KINDS;
    use crate::{UnitId, UnitRelation, UserId};

    fn dt(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.from_utc_datetime(&dt(y, m, d, h, min))
    }

    #[test]
    fn kinds_and_statuses_match_the_counting_engine() {
        for k in EventKind::ALL {
            let info = crate::counting::kind_info(k.as_str())
                .unwrap_or_else(|| panic!("{k} missing from RECORD_KINDS"));
            assert_eq!(info.vi, k.label(Language::Vi));
            for s in EventStatus::ALL {
                assert!(
                    info.statuses.iter().any(|(c, _, _)| *c == s.as_str()),
                    "{s} of {k}"
                );
                assert_eq!(
                    info.status_label(s.as_str(), Language::Vi),
                    Some(s.label(Language::Vi))
                );
            }
        }
        // Every event kind in RECORD_KINDS is one of ours.
        let ours: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        let event_kinds = RECORD_KINDS
            .iter()
            .filter(|k| k.statuses.iter().any(|(c, _, _)| *c == "held"))
            .count();
        assert_eq!(event_kinds, ours.len());
        assert_eq!(
            crate::counting::counted_statuses(&["online_session".into()]),
            vec!["held".to_string()]
        );
    }

    #[test]
    fn vocabularies_round_trip_with_labels() {
        assert_eq!(
            EventScope::AsiaPacific.label(Language::Vi),
            "châu Á – Thái Bình Dương"
        );
        assert_eq!(EventFormat::Hybrid.label(Language::Vi), "kết hợp");
        assert_eq!(InvitationStatus::Attended.label(Language::Vi), "đã tham dự");
        assert_eq!(
            DelegationStatus::Submitted.label(Language::Vi),
            "trình UBND"
        );
        for s in DelegationStatus::ALL {
            assert_eq!(s.as_str().parse::<DelegationStatus>().unwrap(), *s);
        }
        for k in ChecklistKind::ALL {
            assert_eq!(k.as_str().parse::<ChecklistKind>().unwrap(), *k);
        }
        assert!("party".parse::<EventKind>().is_err());
    }

    #[test]
    fn paris_across_daylight_saving() {
        // Before the change (29 March 2025) Paris is UTC+1: 10:00 there is 16:00 in Hanoi.
        let t = EventTimes::resolve(
            "Europe/Paris",
            dt(2025, 3, 29, 10, 0),
            dt(2025, 3, 29, 12, 0),
        )
        .unwrap();
        assert_eq!(t.start, utc(2025, 3, 29, 9, 0));
        assert_eq!(
            t.local_text(),
            "29/03/2025 10:00 – 12:00 (Europe/Paris, UTC+01:00)"
        );
        assert_eq!(
            t.hanoi_text(),
            "29/03/2025 16:00 – 18:00 (Asia/Ho_Chi_Minh, UTC+07:00)"
        );
        // After it (31 March), UTC+2: 10:00 there is 15:00 in Hanoi.
        let t = EventTimes::resolve(
            "Europe/Paris",
            dt(2025, 3, 31, 10, 0),
            dt(2025, 3, 31, 12, 0),
        )
        .unwrap();
        assert_eq!(t.start, utc(2025, 3, 31, 8, 0));
        assert!(t.hanoi_text().starts_with("31/03/2025 15:00 – 17:00"));
        // Overnight across the change: 12 hours on the clock, 11 in fact.
        let t = EventTimes::resolve(
            "Europe/Paris",
            dt(2025, 3, 29, 20, 0),
            dt(2025, 3, 30, 8, 0),
        )
        .unwrap();
        assert_eq!(t.duration(), chrono::Duration::hours(11));
        assert!(
            t.local_text().contains("UTC+01:00 → UTC+02:00"),
            "{}",
            t.local_text()
        );
        // Autumn: back to UTC+1 on 26 October.
        let t = EventTimes::resolve(
            "Europe/Paris",
            dt(2025, 10, 27, 9, 0),
            dt(2025, 10, 27, 10, 0),
        )
        .unwrap();
        assert!(t.hanoi_text().starts_with("27/10/2025 15:00"));
    }

    #[test]
    fn gaps_and_folds_are_refused_with_a_message() {
        let e = EventTimes::resolve(
            "Europe/Paris",
            dt(2025, 3, 30, 2, 30),
            dt(2025, 3, 30, 4, 0),
        )
        .unwrap_err();
        assert_eq!(e.key(), "event.nonexistent_time");
        assert!(e.message(Language::Vi).contains("30/03/2025 02:30"));
        assert!(e.message(Language::Vi).contains("không tồn tại"));
        let e = EventTimes::resolve(
            "Europe/Paris",
            dt(2025, 10, 26, 2, 30),
            dt(2025, 10, 26, 4, 0),
        )
        .unwrap_err();
        assert_eq!(e.key(), "event.ambiguous_time");
        let en = e.message(Language::En);
        assert!(en.contains("UTC+02:00") && en.contains("UTC+01:00"), "{en}");
        assert!(e.message(Language::Vi).contains("hai lần"));
    }

    #[test]
    fn queretaro_has_no_daylight_saving_since_2022() {
        // Mexico abolished DST in October 2022; chrono-tz's data says so: UTC−6 all year.
        for (m, d) in [(1, 15), (4, 15), (7, 15), (10, 15)] {
            let t = EventTimes::resolve(
                "America/Mexico_City",
                dt(2025, m, d, 10, 0),
                dt(2025, m, d, 11, 30),
            )
            .unwrap();
            assert_eq!(t.start, utc(2025, m, d, 16, 0), "{m}/{d}");
            assert_eq!(
                t.hanoi_text(),
                format!(
                    "{d:02}/{m:02}/2025 23:00 – {:02}/{m:02}/2025 00:30 (Asia/Ho_Chi_Minh, UTC+07:00)",
                    d + 1
                )
            );
            assert!(t.local_text().ends_with("(America/Mexico_City, UTC-06:00)"));
        }
        // In summer 2022 it still had DST (UTC−5).
        let t = EventTimes::resolve(
            "America/Mexico_City",
            dt(2022, 7, 15, 10, 0),
            dt(2022, 7, 15, 11, 0),
        )
        .unwrap();
        assert_eq!(t.start, utc(2022, 7, 15, 15, 0));
        // The first Sunday of April 2025 02:30 exists (it was a gap until 2022).
        assert!(to_utc(chrono_tz::America::Mexico_City, dt(2025, 4, 6, 2, 30)).is_ok());
        assert!(to_utc(chrono_tz::America::Mexico_City, dt(2022, 4, 3, 2, 30)).is_err());
    }

    #[test]
    fn hanoi_events_and_round_trip_from_utc() {
        let t = EventTimes::resolve(
            "Asia/Ho_Chi_Minh",
            dt(2025, 11, 5, 8, 30),
            dt(2025, 11, 6, 17, 0),
        )
        .unwrap();
        assert!(t.is_hanoi_time());
        assert_eq!(
            t.local_text(),
            "05/11/2025 08:30 – 06/11/2025 17:00 (Asia/Ho_Chi_Minh, UTC+07:00)"
        );
        let back = EventTimes::from_utc("Asia/Ho_Chi_Minh", t.start.timestamp(), t.end.timestamp())
            .unwrap();
        assert_eq!(back, t);
        let paris = EventTimes::resolve("Europe/Paris", dt(2025, 7, 1, 9, 0), dt(2025, 7, 1, 9, 0))
            .unwrap();
        assert!(!paris.is_hanoi_time());
        assert_eq!(
            paris.start_date(),
            NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
        );
    }

    #[test]
    fn end_before_start_and_unknown_zone() {
        let e = EventTimes::resolve(
            "Asia/Ho_Chi_Minh",
            dt(2025, 5, 2, 10, 0),
            dt(2025, 5, 2, 9, 0),
        )
        .unwrap_err();
        assert_eq!(e.key(), "event.end_before_start");
        assert_eq!(
            e.message(Language::Vi),
            "Thời gian kết thúc (02/05/2025 09:00) trước thời gian bắt đầu (02/05/2025 10:00)."
        );
        assert!(e.message(Language::En).contains("before the start"));
        // Same wall clock, later instant: in Paris, 02:30 (UTC+2)... a fold makes
        // "03:00 → 02:45" impossible to write; a plain equal start and end is fine.
        assert!(
            EventTimes::resolve(
                "Asia/Ho_Chi_Minh",
                dt(2025, 5, 2, 9, 0),
                dt(2025, 5, 2, 9, 0)
            )
            .is_ok()
        );
        for bad in ["Mars/Olympus", "", "Asia/Hanoi", "UTC+7"] {
            let e =
                EventTimes::resolve(bad, dt(2025, 5, 2, 9, 0), dt(2025, 5, 2, 10, 0)).unwrap_err();
            assert_eq!(e.key(), "event.unknown_zone", "{bad}");
            assert!(e.message(Language::Vi).contains("Không có múi giờ"));
        }
        assert_eq!(
            parse_zone(" Europe/Paris ").unwrap(),
            chrono_tz::Europe::Paris
        );
    }

    #[test]
    fn local_times_as_typed() {
        assert_eq!(
            parse_local("05/11/2025", "8:30").unwrap(),
            dt(2025, 11, 5, 8, 30)
        );
        assert_eq!(
            parse_local("2025-11-05", "08h30").unwrap(),
            dt(2025, 11, 5, 8, 30)
        );
        assert_eq!(
            parse_local("05/11/2025", "14h").unwrap(),
            dt(2025, 11, 5, 14, 0)
        );
        for (d, t) in [
            ("31/02/2025", "09:00"),
            ("05/11/2025", "25:00"),
            ("", ""),
            ("x", "9:00"),
        ] {
            assert_eq!(parse_local(d, t).unwrap_err().key(), "event.bad_datetime");
        }
    }

    #[test]
    fn status_transitions() {
        let past = EventTimes::resolve(
            "Asia/Ho_Chi_Minh",
            dt(2025, 3, 1, 9, 0),
            dt(2025, 3, 1, 11, 0),
        )
        .unwrap();
        let now = utc(2025, 6, 1, 0, 0);
        use EventStatus::*;
        assert!(check_event_status(Planned, Confirmed, &past, now, Language::Vi).is_ok());
        assert!(check_event_status(Confirmed, Held, &past, now, Language::Vi).is_ok());
        assert!(check_event_status(Planned, Cancelled, &past, now, Language::Vi).is_ok());
        let e = check_event_status(Cancelled, Held, &past, now, Language::Vi).unwrap_err();
        assert_eq!(
            e.message(Language::Vi),
            "Không được chuyển trạng thái từ “đã hủy” sang “đã diễn ra”."
        );
        assert!(check_event_status(Held, Held, &past, now, Language::Vi).is_err());
        // Not held before it starts.
        let early = utc(2025, 2, 1, 0, 0);
        assert_eq!(
            check_event_status(Confirmed, Held, &past, early, Language::Vi)
                .unwrap_err()
                .key(),
            "event.held_before_start"
        );
        assert!(check_initial_status(Held, &past, now).is_ok());
        assert!(check_initial_status(Held, &past, early).is_err());
        assert!(check_initial_status(Cancelled, &past, now).is_err());
        assert!(check_initial_status(Planned, &past, early).is_ok());
    }

    #[test]
    fn interpreter_double_bookings() {
        let b = |person, event, h0, h1| Booking {
            person,
            event,
            start: utc(2025, 5, 2, h0, 0),
            end: utc(2025, 5, 2, h1, 0),
        };
        let list = vec![
            b(1, 10, 1, 3),
            b(1, 11, 2, 4),  // overlaps the first
            b(1, 12, 4, 5),  // back to back with the second: fine
            b(2, 13, 1, 5),  // another interpreter
            b(1, 10, 1, 3),  // the same event twice is not a double booking
            b(1, 14, 0, 10), // overlaps all of person 1's
        ];
        assert_eq!(
            double_bookings(&list),
            vec![(0, 1), (0, 5), (1, 4), (1, 5), (2, 5), (4, 5)]
        );
        assert!(double_bookings(&list[..1]).is_empty());
        assert!(!overlaps(1, 2, 2, 3));
        assert!(overlaps(1, 3, 2, 3));
    }

    #[test]
    fn language_pairs() {
        let p: LanguagePair = "vi↔en".parse().unwrap();
        assert_eq!(p.to_string(), "vi↔en");
        assert_eq!(p.label(Language::Vi), "Việt ↔ Anh");
        assert_eq!(p.label(Language::En), "Vietnamese ↔ English");
        assert_eq!(
            "VI-FR".parse::<LanguagePair>().unwrap().to_string(),
            "vi↔fr"
        );
        assert_eq!(
            LanguagePair::parse_list("vi-en, vi<->fr; vi-en\n")
                .unwrap()
                .len(),
            2
        );
        for bad in ["vi", "vi-vi", "việt-anh", "v-e", "vi-english"] {
            assert_eq!(
                bad.parse::<LanguagePair>().unwrap_err().key(),
                "event.bad_language_pair",
                "{bad}"
            );
        }
    }

    #[test]
    fn costs_in_whole_dong() {
        assert_eq!("1.234.567".parse::<Dong>().unwrap().get(), 1_234_567);
        assert_eq!("250 000 000 ₫".parse::<Dong>().unwrap().get(), 250_000_000);
        assert_eq!("0".parse::<Dong>().unwrap().to_string(), "0 ₫");
        assert_eq!(Dong::new(1_500_000).unwrap().to_string(), "1.500.000 ₫");
        for bad in ["-5", "1,5", "abc", "", "99999999999999999999"] {
            assert_eq!(
                bad.parse::<Dong>().unwrap_err().key(),
                "event.bad_cost",
                "{bad}"
            );
        }
        assert!(Dong::new(-1).is_err());
        assert!(serde_json::from_str::<Dong>("-3").is_err());
        assert_eq!(serde_json::to_string(&Dong::new(7).unwrap()).unwrap(), "7");
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        assert!(check_trip_dates(d(9, 1), d(9, 5)).is_ok());
        assert_eq!(
            check_trip_dates(d(9, 5), d(9, 1))
                .unwrap_err()
                .message(Language::Vi),
            "Ngày về trước ngày đi."
        );
    }

    fn actor(roles: &[Role], units: &[UnitId]) -> Actor {
        Actor {
            user_id: UserId(1),
            roles: roles.to_vec(),
            unit_ids: units.to_vec(),
            active: true,
        }
    }

    const QLDS: UnitId = UnitId(1);
    const OTHER: UnitId = UnitId(2);
    const PARTNER: UnitId = UnitId(3);

    fn led_by_qlds() -> Vec<ItemUnit> {
        vec![
            ItemUnit {
                unit_id: QLDS,
                relation: UnitRelation::Lead,
            },
            ItemUnit {
                unit_id: PARTNER,
                relation: UnitRelation::Coordinating,
            },
        ]
    }

    #[test]
    fn who_may_do_what() {
        let lead = actor(&[Role::Staff], &[QLDS]);
        let other = actor(&[Role::Staff], &[OTHER]);
        let partner = actor(&[Role::Partner], &[PARTNER]);
        let stranger = actor(&[Role::Partner], &[OTHER]);
        let board = actor(&[Role::Board], &[]);
        let ev = led_by_qlds();
        assert!(can_edit_event(&lead, &ev) && can_view_event(&lead, &ev));
        assert!(!can_edit_event(&other, &ev) && can_view_event(&other, &ev));
        assert!(!can_edit_event(&partner, &ev) && can_view_event(&partner, &ev));
        assert!(!can_view_event(&stranger, &ev));
        assert!(can_edit_event(&board, &ev));
        assert!(can_create_event(&lead, QLDS) && !can_create_event(&lead, OTHER));
        assert!(!can_create_event(&partner, PARTNER));
        assert!(can_edit_people(&other) && !can_view_people(&partner));
        assert!(can_manage_unit_feed(&lead, QLDS) && !can_manage_unit_feed(&other, QLDS));
        assert!(can_manage_unit_feed(&board, QLDS));
    }

    #[test]
    fn delegation_flow() {
        use DelegationStatus::*;
        let lead = actor(&[Role::Staff], &[QLDS]);
        let board = actor(&[Role::Board], &[]);
        let ev = led_by_qlds();
        let vi = Language::Vi;
        assert!(check_delegation_status(&lead, &ev, Draft, Submitted, vi).is_ok());
        assert_eq!(
            check_delegation_status(&lead, &ev, Submitted, Approved, vi)
                .unwrap_err()
                .key(),
            "event.forbidden",
            "the decision is recorded by the Board"
        );
        assert!(check_delegation_status(&board, &ev, Submitted, Approved, vi).is_ok());
        assert!(check_delegation_status(&board, &ev, Submitted, Rejected, vi).is_ok());
        assert!(check_delegation_status(&lead, &ev, Approved, Travelled, vi).is_ok());
        assert!(check_delegation_status(&lead, &ev, Rejected, Draft, vi).is_ok());
        assert_eq!(
            check_delegation_status(&lead, &ev, Draft, Travelled, vi)
                .unwrap_err()
                .message(vi),
            "Không được chuyển trạng thái từ “dự thảo” sang “đã đi”."
        );
        assert!(check_delegation_status(&lead, &ev, Travelled, Reported, vi).is_err());
        let other = actor(&[Role::Staff], &[OTHER]);
        assert!(check_delegation_status(&other, &ev, Draft, Submitted, vi).is_err());
        assert_eq!(
            check_delegation_report(Approved, "x").unwrap_err().key(),
            "event.report_too_early"
        );
        assert_eq!(
            check_delegation_report(Travelled, "  ").unwrap_err().key(),
            "event.report_required"
        );
        assert_eq!(
            check_delegation_report(Travelled, " Kết quả ").unwrap(),
            "Kết quả"
        );
    }
}

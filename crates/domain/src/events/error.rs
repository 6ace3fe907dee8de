//! [`EventError`]: why an event, person, booking or delegation was refused, with its
//! stable key and its Vietnamese and English messages.

use crate::vocab::Language;

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

//! The domain's and the store's refusals in the reader's language. The errors carry typed
//! fields and a stable `key()`; the sentences are the `refusal-*` messages of the locale
//! files, so that domain and store hold no wording.

use super::Tr;
use domain::oversight::{DirectionError, OversightError, ReviewError};
use domain::{Conflict, EventError, Language, PlanField, SetupError, TrackingError};
use fluent_bundle::{FluentArgs, FluentValue};
use store::evidence_store::EvidenceError;

/// An error that can be put into words for a reader.
pub trait Worded {
    fn message(&self, lang: Language) -> String;
}

/// The `refusal-KEY` message with its variables.
fn say<'a>(
    lang: Language,
    key: &str,
    args: impl IntoIterator<Item = (&'a str, FluentValue<'a>)>,
) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(name, value);
    }
    Tr::get(lang).f_args(&format!("refusal.{key}"), &fluent_args)
}

fn text<'a>(name: &'a str, value: impl Into<String>) -> (&'a str, FluentValue<'a>) {
    (name, FluentValue::from(value.into()))
}

impl Worded for TrackingError {
    fn message(&self, lang: Language) -> String {
        use TrackingError as E;
        let args = match self {
            E::Conflict(c) => return c.message(lang),
            E::Transition { from, to } => {
                vec![text("from", from.label(lang)), text("to", to.label(lang))]
            }
            E::SameStatus(s) => vec![text("status", s.label(lang))],
            E::BadPeriod(p) => vec![text("period", p.as_str())],
            E::PeriodOutsidePlan {
                period,
                first,
                last,
            } => vec![
                text("period", period.label(lang)),
                text("single", if first == last { "yes" } else { "no" }),
                text("first", first.to_string()),
                text("last", last.to_string()),
            ],
            E::PercentOutOfRange(v) | E::NegativeFigure(v) => vec![text("value", v.as_str())],
            E::UnknownTarget(id) => vec![text("target", id.to_string())],
            E::Forbidden { .. }
            | E::ReasonRequired
            | E::EmptyReport
            | E::MoveUnderItself
            | E::ParentInOtherPlan
            | E::RemovedByRevision => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for Conflict {
    fn message(&self, lang: Language) -> String {
        let args = [
            text("attempted", self.attempted.to_string()),
            text("current", self.current.to_string()),
        ];
        say(lang, "conflict", args)
    }
}

impl Worded for EventError {
    fn message(&self, lang: Language) -> String {
        use EventError as E;
        let args = match self {
            E::UnknownZone(z) => vec![text("zone", z.as_str())],
            E::NonexistentTime { local, zone } => {
                vec![text("local", local.as_str()), text("zone", zone.as_str())]
            }
            E::AmbiguousTime {
                local,
                zone,
                first,
                second,
            } => vec![
                text("local", local.as_str()),
                text("zone", zone.as_str()),
                text("first", first.as_str()),
                text("second", second.as_str()),
            ],
            E::EndBeforeStart { start, end } => {
                vec![text("start", start.as_str()), text("end", end.as_str())]
            }
            E::TooLong { max } => vec![text("max", domain::format_number(*max as f64).as_str())],
            E::BadDateTime(v) | E::BadLanguagePair(v) | E::BadCost(v) | E::BadLink(v) => {
                vec![text("value", v.as_str())]
            }
            E::EventTransition { from, to } => {
                vec![text("from", from.label(lang)), text("to", to.label(lang))]
            }
            E::DelegationTransition { from, to } => {
                vec![text("from", from.label(lang)), text("to", to.label(lang))]
            }
            E::HeldBeforeStart { start } => vec![text("start", start.as_str())],
            E::Forbidden { .. }
            | E::TitleRequired
            | E::NameRequired
            | E::ParentNotLinked
            | E::BadInitialStatus
            | E::ReturnBeforeDeparture
            | E::ReportRequired
            | E::ReportTooEarly
            | E::NotAnInterpreter => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for OversightError {
    fn message(&self, lang: Language) -> String {
        use OversightError as E;
        let args = match self {
            E::ReportPeriod(p) => vec![text("period", p.as_str())],
            E::BadGrade(g) => vec![text("grade", g.as_str())],
            E::CommentTooLong { max } => vec![text("max", max.to_string())],
            E::Forbidden(_) | E::GradeRequired => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for ReviewError {
    fn message(&self, lang: Language) -> String {
        use ReviewError as E;
        let args = match self {
            E::BadDecision(d) => vec![text("decision", d.as_str())],
            E::CommentTooLong { max } => vec![text("max", max.to_string())],
            E::Stale { opened, latest } => vec![
                text("opened", opened.to_string()),
                text("latest", latest.to_string()),
            ],
            E::AlreadyReviewed { version, decision } => vec![
                text("version", version.to_string()),
                text("decision", decision.as_str()),
            ],
            E::Forbidden | E::CommentRequired => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for domain::budget::BudgetError {
    fn message(&self, lang: Language) -> String {
        use domain::budget::BudgetError as E;
        let args = match self {
            E::Forbidden { action } | E::OwnSubmission { action } => {
                vec![text("action", action.label(lang))]
            }
            E::Transition { from, action } => vec![
                text("from", from.label(lang)),
                text("action", action.label(lang)),
            ],
            E::Locked { status } => vec![text("status", status.label(lang))],
            E::TooLong { max } => vec![text("max", max.to_string())],
            E::NegativeAmount(v) | E::AmountTooLarge(v) | E::BadAmount(v) | E::BadQuantity(v) => {
                vec![
                    text("value", v.as_str()),
                    text("max", domain::format_vnd(domain::budget::MAX_AMOUNT)),
                ]
            }
            E::LineTooLarge | E::TotalTooLarge => {
                vec![text("max", domain::format_vnd(domain::budget::MAX_AMOUNT))]
            }
            E::ContractAboveEstimate { value, estimate } => vec![
                text("value", domain::format_vnd(*value)),
                text("estimate", domain::format_vnd(*estimate)),
            ],
            E::PaymentAboveContract {
                value,
                paid,
                amount,
            } => vec![
                text("value", domain::format_vnd(*value)),
                text("paid", domain::format_vnd(*paid)),
                text("amount", domain::format_vnd(*amount)),
            ],
            E::BadDate(v) => vec![text("value", v.as_str())],
            E::CategoryInactive(v) | E::CategoryCodeBad(v) | E::CategoryCodeTaken(v) => {
                vec![text("value", v.as_str())]
            }
            E::CategoryNameRequired | E::CategoryForbidden => vec![],
            E::FundingForbidden
            | E::ContractForbidden
            | E::PaymentForbidden
            | E::NoApprovedLines
            | E::TermBeforeSigning
            | E::NotLatest
            | E::NoLines
            | E::CommentRequired
            | E::BadCategory
            | E::NameRequired
            | E::DescriptionRequired => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for DirectionError {
    fn message(&self, lang: Language) -> String {
        use DirectionError as E;
        let args = match self {
            E::UnknownKind(k) => vec![text("kind", k.as_str())],
            E::DateUnreadable(d) => vec![text("date", d.as_str())],
            E::DateOutOfRange { date, first, last } => vec![
                text("date", domain::format_date(*date)),
                text("first", first.to_string()),
                text("last", last.to_string()),
            ],
            E::SummaryTooLong { max } | E::NumberTooLong { max } => {
                vec![text("max", max.to_string())]
            }
            E::DateRequired | E::SummaryRequired => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for EvidenceError {
    fn message(&self, lang: Language) -> String {
        use EvidenceError as E;
        let args = match self {
            E::TooLarge { limit } => vec![text("megabytes", (limit / 1_000_000).to_string())],
            E::Mismatch { name, detected } => {
                vec![
                    text("name", name.as_str()),
                    text("detected", detected.as_str()),
                ]
            }
            E::Unsupported { extension } => vec![text("extension", extension.as_str())],
            E::Empty | E::Io(_) => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for SetupError {
    fn message(&self, lang: Language) -> String {
        use SetupError as E;
        let args = match self {
            E::NameTooLong(n) => vec![text("limit", n.to_string())],
            E::UnitNameTaken(name) | E::UnitInactive(name) => vec![text("name", name.as_str())],
            E::PlanFieldTooLong(f, n) => vec![
                text("field", Tr::get(lang).t(&plan_field_label(*f)).to_string()),
                text("limit", n.to_string()),
            ],
            E::NameMissing
            | E::ParentCycle
            | E::StaffWithoutUnit
            | E::SelfLockout
            | E::PlanIdentityTaken => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for domain::CityError {
    fn message(&self, lang: Language) -> String {
        use domain::CityError as E;
        let args = match self {
            E::TooLong { max } => vec![text("limit", max.to_string())],
            E::BadYear(v)
            | E::BadLatitude(v)
            | E::BadLongitude(v)
            | E::BadSlug(v)
            | E::SlugTaken(v)
            | E::FieldTaken(v)
            | E::BadColour(v)
            | E::UnknownField(v)
            | E::BadLink(v)
            | E::BadDate(v)
            | E::StepInUse(v) => vec![text("value", v.as_str())],
            E::Forbidden { .. }
            | E::DossierTwice
            | E::NameRequired
            | E::HalfPoint
            | E::BadChoice
            | E::RoleMismatch
            | E::ContactTwice
            | E::DateRequired
            | E::EndBeforeStart
            | E::NoCity => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for domain::network::NetworkError {
    fn message(&self, lang: Language) -> String {
        use domain::network::NetworkError as E;
        let args = match self {
            E::TooLong { max } => vec![text("limit", max.to_string())],
            E::BadDate(v) | E::BadTime(v) => vec![text("value", v.as_str())],
            E::Forbidden { .. }
            | E::LinkExpired
            | E::LinkUsed
            | E::LinkUnknown
            | E::NotAContact
            | E::NoEmail
            | E::NotVietnamese
            | E::TitleRequired
            | E::EndBeforeStart
            | E::NoCity
            | E::BadChoice
            | E::FileRequired
            | E::MessageRequired
            | E::InviteSelf
            | E::InvitedTwice
            | E::AnswerClosed
            | E::SharedEvent => vec![],
        };
        say(lang, self.key(), args)
    }
}

/// The message key of a plan field's label ("plan_meta.number").
pub fn plan_field_label(f: PlanField) -> String {
    format!("plan_meta.{}", f.as_str())
}

/// Why a plan document could not be read (`refusal-reader-*`): the reader names the case,
/// the sentence says what to do about it.
impl Worded for vanban::ReadError {
    fn message(&self, lang: Language) -> String {
        use vanban::ReadError as E;
        let mut args = vec![text("name", short_name(self.file_name()))];
        match self {
            E::Io { message, .. } => args.push(text("detail", message.as_str())),
            E::NotWord { kind, .. } => args.push(text("kind", kind.key())),
            _ => {}
        }
        say(lang, &format!("reader.{}", self.key()), args)
    }
}

/// A file's name without the folders in front of it.
fn short_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

impl Worded for domain::media::MediaError {
    fn message(&self, lang: Language) -> String {
        use domain::media::MediaError as E;
        let args = match self {
            E::TooLong { max } => vec![text("max", domain::format_number(*max as f64).as_str())],
            E::BadDuration(v) | E::BadDate(v) => vec![text("value", v.as_str())],
            E::BadCount { value, max } => vec![
                text("value", value.as_str()),
                text("max", domain::format_number(*max as f64).as_str()),
            ],
            E::Transition { from, to } => {
                vec![text("from", from.label(lang)), text("to", to.label(lang))]
            }
            E::PublishedInFuture { date } => vec![text("date", date.as_str())],
            E::Forbidden { .. }
            | E::TitleRequired
            | E::ApprovalIsBoards
            | E::DurationRequired
            | E::PagesRequired
            | E::PublishedOnRequired
            | E::UnknownLink
            | E::UnitRequired => vec![],
        };
        say(lang, self.key(), args)
    }
}

impl Worded for domain::publishing::PublishError {
    fn message(&self, lang: Language) -> String {
        use domain::publishing::PublishError as E;
        let args = match self {
            E::Transition { from, to } => {
                vec![text("from", from.label(lang)), text("to", to.label(lang))]
            }
            E::TooLong { max } => vec![text("max", domain::format_number(*max as f64).as_str())],
            E::OutsideHanoi { lat, lon } => {
                vec![text("lat", lat.as_str()), text("lon", lon.as_str())]
            }
            E::BadLink(v) | E::BadEmbargo(v) => vec![text("value", v.as_str())],
            E::NotReady { kind } | E::UnknownSubject { kind } | E::AlreadyProposed { kind } => {
                vec![text("kind", kind.label(lang))]
            }
            E::Forbidden { .. } | E::TitleRequired => vec![],
        };
        say(lang, self.key(), args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::budget::{BudgetError, EstimateAction, EstimateStatus};
    use domain::network::NetworkError;
    use domain::{DelegationStatus, EventStatus, ItemStatus, Period};

    /// Every refusal has a sentence in both languages, with no variable left unfilled.
    fn all() -> Vec<Box<dyn Worded>> {
        let period: Period = "2030-H1".parse().unwrap();
        let all: Vec<Box<dyn Worded>> = vec![
            Box::new(TrackingError::Forbidden { action: "x" }),
            Box::new(TrackingError::Transition {
                from: ItemStatus::NotStarted,
                to: ItemStatus::Done,
            }),
            Box::new(TrackingError::SameStatus(ItemStatus::Done)),
            Box::new(TrackingError::ReasonRequired),
            Box::new(TrackingError::BadPeriod("2025-H3".into())),
            Box::new(TrackingError::PeriodOutsidePlan {
                period,
                first: 2025,
                last: 2025,
            }),
            Box::new(TrackingError::PeriodOutsidePlan {
                period,
                first: 2025,
                last: 2027,
            }),
            Box::new(TrackingError::PercentOutOfRange("120".into())),
            Box::new(TrackingError::NegativeFigure("-1".into())),
            Box::new(TrackingError::UnknownTarget(9)),
            Box::new(TrackingError::EmptyReport),
            Box::new(TrackingError::MoveUnderItself),
            Box::new(TrackingError::ParentInOtherPlan),
            Box::new(TrackingError::RemovedByRevision),
            Box::new(TrackingError::Conflict(Conflict {
                current: 4,
                attempted: 3,
            })),
            Box::new(EventError::Forbidden { action: "x" }),
            Box::new(EventError::UnknownZone("Mars/Base".into())),
            Box::new(EventError::NonexistentTime {
                local: "30/03/2025 02:30".into(),
                zone: "Europe/Paris".into(),
            }),
            Box::new(EventError::AmbiguousTime {
                local: "26/10/2025 02:30".into(),
                zone: "Europe/Paris".into(),
                first: "a".into(),
                second: "b".into(),
            }),
            Box::new(EventError::EndBeforeStart {
                start: "s".into(),
                end: "e".into(),
            }),
            Box::new(EventError::BadDateTime("x".into())),
            Box::new(EventError::TitleRequired),
            Box::new(EventError::NameRequired),
            Box::new(EventError::EventTransition {
                from: EventStatus::Held,
                to: EventStatus::Planned,
            }),
            Box::new(EventError::DelegationTransition {
                from: DelegationStatus::Draft,
                to: DelegationStatus::Reported,
            }),
            Box::new(EventError::HeldBeforeStart { start: "s".into() }),
            Box::new(EventError::BadInitialStatus),
            Box::new(EventError::BadLanguagePair("x".into())),
            Box::new(EventError::BadCost("-5".into())),
            Box::new(EventError::ReturnBeforeDeparture),
            Box::new(EventError::ReportRequired),
            Box::new(EventError::ReportTooEarly),
            Box::new(EventError::NotAnInterpreter),
            Box::new(EventError::BadLink("javascript:x".into())),
            Box::new(EventError::TooLong { max: 500 }),
            Box::new(EventError::ParentNotLinked),
            Box::new(OversightError::Forbidden("x")),
            Box::new(OversightError::ReportPeriod("2025-Q1".into())),
            Box::new(OversightError::BadGrade("x".into())),
            Box::new(OversightError::GradeRequired),
            Box::new(OversightError::CommentTooLong { max: 10 }),
            Box::new(ReviewError::Forbidden),
            Box::new(ReviewError::BadDecision("x".into())),
            Box::new(ReviewError::CommentRequired),
            Box::new(ReviewError::CommentTooLong { max: 10 }),
            Box::new(ReviewError::Stale {
                opened: 1,
                latest: 2,
            }),
            Box::new(ReviewError::AlreadyReviewed {
                version: 2,
                decision: domain::oversight::ReviewDecision::Accepted,
            }),
            Box::new(ReviewError::AlreadyReviewed {
                version: 2,
                decision: domain::oversight::ReviewDecision::Returned,
            }),
            Box::new(BudgetError::Forbidden {
                action: EstimateAction::Verify,
            }),
            Box::new(BudgetError::FundingForbidden),
            Box::new(BudgetError::OwnSubmission {
                action: EstimateAction::Approve,
            }),
            Box::new(BudgetError::Transition {
                from: EstimateStatus::Draft,
                action: EstimateAction::Approve,
            }),
            Box::new(BudgetError::Locked {
                status: EstimateStatus::Approved,
            }),
            Box::new(BudgetError::NotLatest),
            Box::new(BudgetError::NoLines),
            Box::new(BudgetError::CommentRequired),
            Box::new(BudgetError::TooLong { max: 500 }),
            Box::new(BudgetError::BadCategory),
            Box::new(BudgetError::CategoryInactive("venue".into())),
            Box::new(BudgetError::CategoryCodeBad("A b".into())),
            Box::new(BudgetError::CategoryCodeTaken("venue".into())),
            Box::new(BudgetError::CategoryNameRequired),
            Box::new(BudgetError::CategoryForbidden),
            Box::new(BudgetError::NameRequired),
            Box::new(BudgetError::DescriptionRequired),
            Box::new(BudgetError::NegativeAmount("-5".into())),
            Box::new(BudgetError::AmountTooLarge("9".repeat(20))),
            Box::new(BudgetError::BadAmount("abc".into())),
            Box::new(BudgetError::BadQuantity("0".into())),
            Box::new(BudgetError::LineTooLarge),
            Box::new(BudgetError::TotalTooLarge),
            Box::new(BudgetError::ContractForbidden),
            Box::new(BudgetError::PaymentForbidden),
            Box::new(BudgetError::ContractAboveEstimate {
                value: 2,
                estimate: 1,
            }),
            Box::new(BudgetError::PaymentAboveContract {
                value: 2,
                paid: 1,
                amount: 2,
            }),
            Box::new(BudgetError::NoApprovedLines),
            Box::new(BudgetError::BadDate("31/02/2025".into())),
            Box::new(BudgetError::TermBeforeSigning),
            Box::new(DirectionError::UnknownKind("memo".into())),
            Box::new(DirectionError::DateRequired),
            Box::new(DirectionError::DateUnreadable("31/02/2025".into())),
            Box::new(DirectionError::DateOutOfRange {
                date: chrono::NaiveDate::from_ymd_opt(1999, 3, 12).unwrap(),
                first: 2000,
                last: 2026,
            }),
            Box::new(DirectionError::SummaryRequired),
            Box::new(DirectionError::SummaryTooLong { max: 1000 }),
            Box::new(DirectionError::NumberTooLong { max: 60 }),
            Box::new(EvidenceError::TooLarge { limit: 50_000_000 }),
            Box::new(EvidenceError::Mismatch {
                name: "a.pdf".into(),
                detected: "image/png".into(),
            }),
            Box::new(EvidenceError::Unsupported {
                extension: "exe".into(),
            }),
            Box::new(EvidenceError::Empty),
            Box::new(SetupError::NameMissing),
            Box::new(domain::CityError::NameRequired),
            Box::new(domain::CityError::TooLong { max: 160 }),
            Box::new(domain::CityError::BadYear("1999".into())),
            Box::new(domain::CityError::BadLatitude("91".into())),
            Box::new(domain::CityError::BadLongitude("181".into())),
            Box::new(domain::CityError::HalfPoint),
            Box::new(domain::CityError::BadSlug("A B".into())),
            Box::new(domain::CityError::SlugTaken("hanoi".into())),
            Box::new(domain::CityError::FieldTaken("design".into())),
            Box::new(domain::CityError::BadColour("red".into())),
            Box::new(domain::CityError::UnknownField("x".into())),
            Box::new(domain::CityError::BadLink("ftp://x".into())),
            Box::new(domain::CityError::BadChoice),
            Box::new(domain::CityError::RoleMismatch),
            Box::new(domain::CityError::ContactTwice),
            Box::new(domain::CityError::BadDate("31/02/2025".into())),
            Box::new(domain::CityError::StepInUse("Ý định".into())),
            Box::new(domain::CityError::DossierTwice),
            Box::new(NetworkError::Forbidden { action: "x" }),
            Box::new(NetworkError::LinkExpired),
            Box::new(NetworkError::LinkUsed),
            Box::new(NetworkError::LinkUnknown),
            Box::new(NetworkError::NotAContact),
            Box::new(NetworkError::NoEmail),
            Box::new(NetworkError::NotVietnamese),
            Box::new(NetworkError::InviteSelf),
            Box::new(NetworkError::InvitedTwice),
            Box::new(NetworkError::AnswerClosed),
            Box::new(NetworkError::SharedEvent),
            Box::new(NetworkError::TitleRequired),
            Box::new(NetworkError::TooLong { max: 200 }),
            Box::new(NetworkError::BadDate("31/02/2026".into())),
            Box::new(NetworkError::BadTime("25:00".into())),
            Box::new(NetworkError::EndBeforeStart),
            Box::new(NetworkError::NoCity),
            Box::new(NetworkError::MessageRequired),
            Box::new(NetworkError::BadChoice),
            Box::new(NetworkError::FileRequired),
            Box::new(SetupError::NameTooLong(160)),
            Box::new(SetupError::UnitNameTaken("Bảo tàng Hà Nội".into())),
            Box::new(SetupError::ParentCycle),
            Box::new(SetupError::UnitInactive("Phòng cũ".into())),
            Box::new(SetupError::StaffWithoutUnit),
            Box::new(SetupError::PlanFieldTooLong(PlanField::Symbol, 40)),
            Box::new(SetupError::SelfLockout),
            Box::new(SetupError::PlanIdentityTaken),
            Box::new(EvidenceError::Io(std::io::Error::other("x"))),
            Box::new(EvidenceError::Io(std::io::ErrorKind::StorageFull.into())),
        ];
        let name = || "/tmp/kh.docx".to_string();
        let reader = [
            vanban::ReadError::Io {
                name: name(),
                message: "No such file".into(),
            },
            vanban::ReadError::Empty { name: name() },
            vanban::ReadError::Binary {
                name: name(),
                offset: 3,
            },
            vanban::ReadError::Encoding {
                name: name(),
                offset: 3,
            },
            vanban::ReadError::LegacyWord {
                name: name(),
                renamed: false,
            },
            vanban::ReadError::LegacyWord {
                name: name(),
                renamed: true,
            },
            vanban::ReadError::Encrypted { name: name() },
            vanban::ReadError::NoTextLayer {
                name: name(),
                pages: 2,
            },
            vanban::ReadError::Docx {
                name: name(),
                message: "x".into(),
            },
            vanban::ReadError::Pdf {
                name: name(),
                message: "x".into(),
            },
        ];
        let kinds = [
            vanban::input::OtherDocument::Spreadsheet,
            vanban::input::OtherDocument::Presentation,
            vanban::input::OtherDocument::OpenDocument,
            vanban::input::OtherDocument::Other,
        ];
        let not_word = kinds.map(|kind| vanban::ReadError::NotWord { name: name(), kind });
        let mut all = all;
        for e in reader.into_iter().chain(not_word) {
            all.push(Box::new(e));
        }
        all
    }

    #[test]
    fn every_refusal_is_worded_in_both_languages() {
        for lang in [Language::Vi, Language::En] {
            for e in all() {
                let m = e.message(lang);
                assert!(
                    !m.starts_with("refusal.") && !m.contains('{') && !m.contains('$'),
                    "{lang:?}: {m}"
                );
            }
        }
    }

    #[test]
    fn reader_errors_say_what_to_do_in_vietnamese_first() {
        let doc = vanban::ReadError::LegacyWord {
            name: "/home/a/kh.doc".into(),
            renamed: false,
        };
        assert!(
            doc.message(Language::Vi)
                .starts_with("Tệp Word cũ (.doc): hãy lưu lại dưới dạng .docx")
        );
        let scan = vanban::ReadError::NoTextLayer {
            name: "quet.pdf".into(),
            pages: 3,
        };
        assert_eq!(
            scan.message(Language::Vi),
            "PDF không có lớp chữ (bản quét); cần OCR, hãy cài tesseract-ocr-vie hoặc dùng bản .docx."
        );
        let xlsx = vanban::ReadError::NotWord {
            name: "/x/bang.docx".into(),
            kind: vanban::input::OtherDocument::Spreadsheet,
        };
        let m = xlsx.message(Language::Vi);
        assert!(
            m.contains("“bang.docx”") && m.contains("bảng tính Excel"),
            "{m}"
        );
        assert!(xlsx.message(Language::En).contains("Excel spreadsheet"));
    }

    #[test]
    fn variables_and_selectors_reach_the_sentence() {
        let one = TrackingError::PeriodOutsidePlan {
            period: "2030-H1".parse().unwrap(),
            first: 2025,
            last: 2025,
        };
        let vi = one.message(Language::Vi);
        assert!(vi.contains("(năm 2025)") && vi.contains("2030"), "{vi}");
        let range = TrackingError::PeriodOutsidePlan {
            period: "2030-H1".parse().unwrap(),
            first: 2025,
            last: 2027,
        };
        assert!(range.message(Language::Vi).contains("các năm 2025–2027"));
        let c = Conflict {
            current: 4,
            attempted: 3,
        };
        assert!(c.message(Language::Vi).contains("phiên bản 3"));
        assert!(c.message(Language::En).contains("version 4 is newer"));
        let held = EventError::EventTransition {
            from: EventStatus::Held,
            to: EventStatus::Planned,
        };
        assert!(
            held.message(Language::Vi)
                .contains(EventStatus::Held.label(Language::Vi))
        );
    }
}

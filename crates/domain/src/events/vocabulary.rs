//! The events' closed vocabularies: kinds, scopes, formats, organisers, statuses of
//! events, invitations and delegations, people's kinds and checklist kinds.

use crate::vocab::{Language, ParseError, vocabulary};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

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

//! The Vietnamese network space (issue 19): the member and candidate cities' focal points
//! have accounts scoped to `/network…`, and see what is shared with the whole network or
//! addressed to their city — never Hanoi's plan, reports or budget.
//!
//! | who | reaches | sees in the space | posts events and documents | invites a focal point |
//! |---|---|---|---|---|
//! | a network account (city C) | `/network…`, password, language, sign-in/out | shared with all, addressed to C, posted by C | yes, as C | – |
//! | Board, admin | everything | everything | yes, as Hanoi | yes |
//! | Staff, Finance, Office | everything else | everything | – | – |
//! | Partner (a unit of Hanoi's) | as before | – (403) | – | – |

pub mod board;
pub mod invitation;

use crate::cities::{CityId, CityStatus};
use crate::permissions::Actor;

/// How long a sign-up link stays good.
pub const INVITATION_DAYS: i64 = 7;

/// Who reads the network space, and as whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The department: `manage` for the Board and admins (invite, share, post as Hanoi).
    Department { manage: bool },
    /// A focal point of a city, signed in with a network account.
    City(CityId),
}

impl Viewer {
    /// The viewer an account is, or `None` for one that may not enter the space (Hanoi's
    /// partners, inactive accounts). `network_city` is the account's city when it is a
    /// network account: it then is that city's, whatever its roles.
    pub fn of(actor: &Actor, network_city: Option<CityId>) -> Option<Viewer> {
        if !actor.active {
            return None;
        }
        if let Some(city) = network_city {
            return Some(Viewer::City(city));
        }
        if actor.is_board_or_admin() {
            Some(Viewer::Department { manage: true })
        } else if actor.is_internal_member() {
            Some(Viewer::Department { manage: false })
        } else {
            None
        }
    }

    /// Post an event or a document: a city's focal point (as that city), the Board and
    /// admins (as Hanoi).
    pub fn may_post(&self) -> bool {
        matches!(self, Viewer::City(_) | Viewer::Department { manage: true })
    }

    /// Invite a city's focal point, share a Hanoi event: the Board and admins.
    pub fn may_manage(&self) -> bool {
        matches!(self, Viewer::Department { manage: true })
    }

    /// The city a viewer posts as (`None`: Hanoi).
    pub fn city(&self) -> Option<CityId> {
        match self {
            Viewer::City(c) => Some(*c),
            Viewer::Department { .. } => None,
        }
    }
}

/// Who a record of the space is for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Audience {
    /// Every city of the network.
    All,
    /// Only these cities (and whoever posted it).
    Cities(Vec<CityId>),
}

/// Whether `viewer` sees a record for `audience`, posted by `author` (`None`: Hanoi). The
/// department sees everything; a city sees what is shared with all, addressed to it, or
/// its own.
pub fn can_see(viewer: Viewer, audience: &Audience, author: Option<CityId>) -> bool {
    match viewer {
        Viewer::Department { .. } => true,
        Viewer::City(c) => {
            author == Some(c)
                || match audience {
                    Audience::All => true,
                    Audience::Cities(list) => list.contains(&c),
                }
        }
    }
}

/// Change or remove a record: its author (the same city; Hanoi's by the Board and admins).
pub fn can_change(viewer: Viewer, author: Option<CityId>) -> bool {
    match viewer {
        Viewer::Department { manage } => manage,
        Viewer::City(c) => author == Some(c),
    }
}

/// Read a candidacy dossier of `dossier_city` in the space (`/network/dossier`): a city reads
/// only its own, read-only; the department reads every one at `/candidacies`.
pub fn may_read_dossier(viewer: Viewer, dossier_city: CityId) -> bool {
    match viewer {
        Viewer::Department { .. } => true,
        Viewer::City(c) => c == dossier_city,
    }
}

/// The isolation rule: the paths a network account may reach. Anything else is refused
/// (the home page sends it to `/network`).
pub fn network_account_may_reach(path: &str) -> bool {
    let under = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/') || rest.starts_with('.'))
    };
    under("/network")
        || matches!(path, "/password" | "/lang" | "/signin" | "/signout")
        || path.starts_with("/static/")
}

/// Why a sign-up link or a network record is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetworkError {
    #[error("not allowed: {action}")]
    Forbidden { action: &'static str },
    #[error("this sign-up link has expired")]
    LinkExpired,
    #[error("this sign-up link has already been used")]
    LinkUsed,
    #[error("this sign-up link is unknown")]
    LinkUnknown,
    #[error("the person is not a focal point of this city")]
    NotAContact,
    #[error("the person has no e-mail address")]
    NoEmail,
    #[error("only the Vietnamese member and candidate cities join the network space")]
    NotVietnamese,
    #[error("a title is required")]
    TitleRequired,
    #[error("a text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("unreadable date {0:?}: use dd/mm/yyyy")]
    BadDate(String),
    #[error("unreadable time {0:?}: use hh:mm")]
    BadTime(String),
    #[error("the end is before the start")]
    EndBeforeStart,
    #[error("choose at least one city, or the whole network")]
    NoCity,
    #[error("choose one of the offered values")]
    BadChoice,
    #[error("a file is required")]
    FileRequired,
    #[error("a message is required")]
    MessageRequired,
    #[error("a city does not invite itself")]
    InviteSelf,
    #[error("this city is invited already")]
    InvitedTwice,
    #[error("the event has ended: answers are closed")]
    AnswerClosed,
    #[error("a Hanoi event is edited on Hanoi's event page")]
    SharedEvent,
}

impl NetworkError {
    /// Stable key for translations and tests.
    pub fn key(&self) -> &'static str {
        match self {
            NetworkError::Forbidden { .. } => "network.forbidden",
            NetworkError::LinkExpired => "network.link_expired",
            NetworkError::LinkUsed => "network.link_used",
            NetworkError::LinkUnknown => "network.link_unknown",
            NetworkError::NotAContact => "network.not_a_contact",
            NetworkError::NoEmail => "network.no_email",
            NetworkError::NotVietnamese => "network.not_vietnamese",
            NetworkError::TitleRequired => "network.title_required",
            NetworkError::TooLong { .. } => "network.too_long",
            NetworkError::BadDate(_) => "network.bad_date",
            NetworkError::BadTime(_) => "network.bad_time",
            NetworkError::EndBeforeStart => "network.end_before_start",
            NetworkError::NoCity => "network.no_city",
            NetworkError::BadChoice => "network.bad_choice",
            NetworkError::FileRequired => "network.file_required",
            NetworkError::MessageRequired => "network.message_required",
            NetworkError::InviteSelf => "network.invite_self",
            NetworkError::InvitedTwice => "network.invited_twice",
            NetworkError::AnswerClosed => "network.answer_closed",
            NetworkError::SharedEvent => "network.shared_event",
        }
    }
}

/// A sign-up link as the store found it: good, or why not. `now` and the times are unix
/// seconds.
pub fn check_invitation(
    expires_at: i64,
    used_at: Option<i64>,
    now: i64,
) -> Result<(), NetworkError> {
    if used_at.is_some() {
        Err(NetworkError::LinkUsed)
    } else if now >= expires_at {
        Err(NetworkError::LinkExpired)
    } else {
        Ok(())
    }
}

/// The cities of the network space: the Vietnamese members (country Việt Nam, however it
/// is written) and every candidate (the plan's candidates are Vietnamese), but not Hà Nội,
/// the host.
pub fn is_network_city(slug: &str, country: &str, status: CityStatus) -> bool {
    let f = vntext::text::fold(country).replace([' ', '-'], "");
    slug != "hanoi" && (f == "vietnam" || status == CityStatus::Candidate)
}

/// Bounded text of a record: trimmed, NFC, non-empty when `required`, at most `max` chars.
pub fn clean_text(s: &str, max: usize, required: bool) -> Result<String, NetworkError> {
    let s = vntext::text::nfc(s.trim());
    if required && s.is_empty() {
        return Err(NetworkError::TitleRequired);
    }
    if s.chars().count() > max {
        return Err(NetworkError::TooLong { max });
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{UnitId, UserId};
    use crate::vocab::Role;

    fn actor(roles: &[Role]) -> Actor {
        Actor {
            user_id: UserId(1),
            roles: roles.to_vec(),
            unit_ids: vec![UnitId(1)],
            active: true,
        }
    }

    const HUE: CityId = CityId(5);
    const DA_LAT: CityId = CityId(6);

    #[test]
    fn who_enters_the_space() {
        let board = Viewer::of(&actor(&[Role::Board]), None);
        assert_eq!(board, Some(Viewer::Department { manage: true }));
        assert!(board.unwrap().may_manage() && board.unwrap().may_post());
        let staff = Viewer::of(&actor(&[Role::Staff]), None).unwrap();
        assert!(!staff.may_post() && !staff.may_manage());
        assert_eq!(Viewer::of(&actor(&[Role::Partner]), None), None);
        let city = Viewer::of(&actor(&[Role::Partner]), Some(HUE)).unwrap();
        assert_eq!(city, Viewer::City(HUE));
        assert!(city.may_post() && !city.may_manage());
        let mut gone = actor(&[Role::Partner]);
        gone.active = false;
        assert_eq!(Viewer::of(&gone, Some(HUE)), None);
    }

    #[test]
    fn a_city_sees_what_is_shared_addressed_or_its_own() {
        let hue = Viewer::City(HUE);
        assert!(can_see(hue, &Audience::All, None));
        assert!(can_see(hue, &Audience::Cities(vec![HUE]), None));
        assert!(!can_see(hue, &Audience::Cities(vec![DA_LAT]), None));
        assert!(can_see(hue, &Audience::Cities(vec![DA_LAT]), Some(HUE)));
        assert!(!can_see(hue, &Audience::Cities(vec![]), Some(DA_LAT)));
        let dept = Viewer::Department { manage: false };
        assert!(can_see(dept, &Audience::Cities(vec![DA_LAT]), Some(DA_LAT)));
        assert!(can_change(hue, Some(HUE)));
        assert!(!can_change(hue, None));
        assert!(!can_change(dept, None));
        assert!(can_change(Viewer::Department { manage: true }, Some(HUE)));
    }

    #[test]
    fn a_city_reads_only_its_own_dossier() {
        assert!(may_read_dossier(Viewer::City(HUE), HUE));
        assert!(!may_read_dossier(Viewer::City(HUE), DA_LAT));
        assert!(may_read_dossier(
            Viewer::Department { manage: false },
            DA_LAT
        ));
        // Its dossier's pages are under /network; Hanoi's /candidacies are not.
        assert!(network_account_may_reach("/network/dossier"));
        assert!(network_account_may_reach(
            "/network/dossier/documents/4/file"
        ));
        assert!(!network_account_may_reach("/candidacies"));
        assert!(!network_account_may_reach("/candidacy-documents/4/file"));
    }

    #[test]
    fn a_network_account_reaches_only_the_space() {
        for ok in [
            "/network",
            "/network/calendar",
            "/network/library/3/file",
            "/network/feed/abc.ics",
            "/password",
            "/lang",
            "/signout",
            "/signin",
            "/static/app.css",
        ] {
            assert!(network_account_may_reach(ok), "{ok}");
        }
        for no in [
            "/",
            "/items/1",
            "/plans",
            "/budget",
            "/cities",
            "/networks",
            "/network-admin",
            "/passwords",
            "/evidence/1",
            "/feeds",
        ] {
            assert!(!network_account_may_reach(no), "{no}");
        }
    }

    #[test]
    fn sign_up_links_expire_and_serve_once() {
        assert_eq!(check_invitation(100, None, 99), Ok(()));
        assert_eq!(
            check_invitation(100, None, 100),
            Err(NetworkError::LinkExpired)
        );
        assert_eq!(
            check_invitation(100, Some(50), 60),
            Err(NetworkError::LinkUsed)
        );
    }

    #[test]
    fn vietnamese_cities_and_texts() {
        let member = CityStatus::Member;
        assert!(is_network_city("da-lat", "Việt Nam", member));
        assert!(is_network_city("x", "Viet Nam", member));
        assert!(is_network_city("x", "Vietnam", member));
        assert!(is_network_city("hue", "", CityStatus::Candidate));
        assert!(!is_network_city("bangkok", "Thailand", member));
        assert!(!is_network_city("hanoi", "Việt Nam", member));
        assert_eq!(clean_text("  Hội thảo ", 10, true).unwrap(), "Hội thảo");
        assert_eq!(clean_text(" ", 10, true), Err(NetworkError::TitleRequired));
        assert_eq!(
            clean_text("abcdef", 5, false),
            Err(NetworkError::TooLong { max: 5 })
        );
        assert_eq!(clean_text("", 5, false).unwrap(), "");
    }
}
